"""The status line under the chat, built from a `PollerStatus`."""

from __future__ import annotations

from livechat_desktop.youtube.client import MESSAGES_QUOTA_UNITS
from livechat_desktop.youtube.poller import PollerState, PollerStatus


def status_line(status: PollerStatus) -> str:
    """Return one line that says what the poller is doing and what it cost."""
    state = status.state
    if state is PollerState.CONNECTING:
        return "Connecting\u2026"
    if state is PollerState.WAITING:
        when = ""
        if status.scheduled_start is not None:
            when = f" (scheduled {status.scheduled_start.astimezone():%H:%M})"
        return f"Waiting for the stream to start{when}."
    if state is PollerState.LIVE:
        interval_s = (status.interval_ms or 0) / 1000
        return (
            f"Live \u00b7 every {interval_s:.1f} s \u00b7 "
            f"{status.message_count} messages \u00b7 {_quota_text(status, interval_s)}"
        )
    if state is PollerState.RECONNECTING:
        return (
            f"Reconnecting in {status.retry_in_s or 0:.0f} s "
            f"(attempt {status.attempt}): {status.message}"
        )
    if state is PollerState.STOPPED:
        return "Disconnected."
    return status.message


def _quota_text(status: PollerStatus, interval_s: float) -> str:
    """Return the units spent and, with a ledger, how long the rest lasts."""
    usage = status.quota
    if usage is None:
        return f"{status.quota_units} quota units"
    lasts_s = usage.remaining_s(MESSAGES_QUOTA_UNITS, interval_s)
    return (
        f"quota {usage.day_units}/{usage.daily_limit_units} today, "
        f"lasts {_duration(lasts_s)}"
    )


def _duration(seconds: float) -> str:
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"
