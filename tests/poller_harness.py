"""Run a `ChatPoller` on a thread against a `FakeYouTube` and collect its reports."""

from __future__ import annotations

import random
import threading
import time
from typing import Any

from livechat_desktop.youtube.client import PageObserver, YouTubeClient
from livechat_desktop.youtube.models import ChatEvent
from livechat_desktop.youtube.poller import (
    BackoffPolicy,
    ChatPoller,
    PollerState,
    PollerStatus,
)
from tests.fake_api import VIDEO_ID, FakeYouTube

API_KEY = "AIzaFAKEKEY-poller-test"
FAST_BACKOFF = BackoffPolicy(base_s=0.05, cap_s=0.2, min_retry_delay_s=0.05)


class PollerRun:
    """Runs a poller on a thread and collects what it reports."""

    def __init__(
        self,
        api: FakeYouTube,
        *,
        timeout_s: float = 2,
        page_observer: PageObserver | None = None,
        **options: Any,
    ) -> None:
        self.events: list[ChatEvent] = []
        self.statuses: list[PollerStatus] = []
        self.client = YouTubeClient(
            API_KEY,
            base_url=api.base_url,
            timeout_s=(timeout_s, timeout_s),
            page_observer=page_observer,
        )
        self.poller = ChatPoller(
            self.client,
            VIDEO_ID,
            on_events=self.events.extend,
            on_status=self.statuses.append,
            backoff=FAST_BACKOFF,
            rng=random.Random(7),
            **options,
        )
        self.thread = threading.Thread(target=self.poller.run, name="poller")

    def __enter__(self) -> PollerRun:
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.poller.stop()
        self.thread.join(10)
        self.client.close()

    def join(self, timeout_s: float = 10) -> None:
        self.thread.join(timeout_s)
        assert not self.thread.is_alive(), "poller did not finish"

    def wait_for(self, state: PollerState, timeout_s: float = 10) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if any(status.state is state for status in self.statuses):
                return
            time.sleep(0.01)
        raise AssertionError(f"state {state} not reached: {self.statuses}")

    @property
    def final(self) -> PollerStatus:
        return self.statuses[-1]
