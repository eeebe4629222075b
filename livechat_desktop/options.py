"""Launch options gathered from the command line and the environment."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from livechat_desktop.youtube.client import DEFAULT_BASE_URL


@dataclass(frozen=True, slots=True)
class LaunchOptions:
    """The window's start-up options.

    Attributes:
        video_id: The video to connect to at start, or None to wait for one.
        api_key: The YouTube Data API key; None when the user has none.
        exit_after_s: Quit cleanly after this many seconds, if set.
        persist_quota: Save spent quota units across restarts; off when
            replaying, which spends no real quota.
    """

    video_id: str | None = None
    api_key: str | None = None
    api_base_url: str = DEFAULT_BASE_URL
    transcript_path: Path | None = None
    record_path: Path | None = None
    exit_after_s: float | None = None
    min_interval_ms: int = 0
    persist_quota: bool = True
