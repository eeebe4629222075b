"""The polling loop: find a stream's live chat, then follow its pages.

`ChatPoller.run` blocks its thread until the chat ends, a terminal error
happens or `stop()` is called. Every wait goes through a `threading.Event`,
so `stop()` ends a polling interval or a backoff at once.

Retry policy: the loop keeps its own backoff instead of urllib3's `Retry`,
because the API signals rate limits inside a 403 JSON body, which `Retry`
cannot read, and because a retry has to wait on the stop event. The delay is
exponential with full jitter, `uniform(0, min(cap, base * 2**attempt))`, with
a floor so that retries are never closer than `min_retry_delay_s`, and a
`Retry-After` from the server raises that floor. It resets after a success.
"""

from __future__ import annotations

import enum
import functools
import logging
import random
import threading
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypeVar

from livechat_desktop.youtube.client import (
    MESSAGES_QUOTA_UNITS,
    VIDEOS_QUOTA_UNITS,
    VideoStatus,
    YouTubeClient,
)
from livechat_desktop.youtube.errors import (
    ApiError,
    ChatEndedError,
    PageTokenInvalidError,
    RateLimitedError,
    TerminalApiError,
    TransientApiError,
)
from livechat_desktop.youtube.models import ChatEvent, MessagePage
from livechat_desktop.youtube.quota import QuotaLedger, QuotaUsage

logger = logging.getLogger(__name__)

_T = TypeVar("_T")

# When the API sends no `pollingIntervalMillis`, wait this long between pages.
DEFAULT_INTERVAL_MS = 5000
# The API's interval is kept within these bounds, in milliseconds.
MIN_INTERVAL_MS = 1000
MAX_INTERVAL_MS = 120_000
# How often `videos.list` is asked again while a stream has not started.
WAITING_RECHECK_S = 60.0


class PollerState(enum.Enum):
    CONNECTING = "connecting"
    WAITING = "waiting"
    LIVE = "live"
    RECONNECTING = "reconnecting"
    ENDED = "ended"
    FAILED = "failed"
    STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class PollerStatus:
    """A snapshot of the poller for the status line.

    Attributes:
        message: For FAILED and ENDED, the sentence to show the user; for
            RECONNECTING, the last error.
        retry_in_s: For RECONNECTING, the wait before the next attempt.
        attempt: For RECONNECTING, the number of the next attempt.
        quota_units: Quota units spent by this poller so far.
        quota: The key's usage today, when the poller has a ledger.
        error: For FAILED, ENDED and RECONNECTING, the error behind it, if
            any; the window words its message from it.
    """

    state: PollerState
    message: str = ""
    interval_ms: int | None = None
    retry_in_s: float | None = None
    attempt: int = 0
    scheduled_start: datetime | None = None
    message_count: int = 0
    quota_units: int = 0
    quota: QuotaUsage | None = None
    error: ApiError | None = None


@dataclass(frozen=True, slots=True)
class BackoffPolicy:
    """Delays between retries of a failed request, in seconds."""

    base_s: float = 1.0
    cap_s: float = 60.0
    min_retry_delay_s: float = 0.5

    def delay_s(self, attempt: int, rng: random.Random, floor_s: float = 0.0) -> float:
        """Return the wait before retry number `attempt` (counting from 1)."""
        ceiling = min(self.cap_s, self.base_s * 2 ** (attempt - 1))
        return max(self.min_retry_delay_s, floor_s, rng.uniform(0.0, ceiling))


class RecentIds:
    """A bounded window of recently seen message ids, for dropping repeats."""

    def __init__(self, max_ids: int = 10_000) -> None:
        self._order: deque[str] = deque()
        self._ids: set[str] = set()
        self._max_ids = max_ids

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, message_id: str) -> bool:
        """Remember an id; return False when it was already in the window."""
        if message_id in self._ids:
            return False
        self._ids.add(message_id)
        self._order.append(message_id)
        if len(self._order) > self._max_ids:
            self._ids.discard(self._order.popleft())
        return True


EventSink = Callable[[tuple[ChatEvent, ...]], None]
StatusSink = Callable[[PollerStatus], None]


class ChatPoller:
    """Polls one video's live chat until it ends, fails or is stopped.

    Args:
        client: The API client.
        video_id: The 11-character video id.
        on_events: Called with each non-empty batch of new events, in API
            order, each id once.
        on_status: Called with every change of state.
        min_interval_ms: A floor under the API's polling interval ("quota
            saver"); 0 uses the API's interval as it is.
        quota: Where spent units are counted across restarts.
        waiting_recheck_s: How often `videos.list` is asked again while the
            stream is scheduled but not live.
    """

    def __init__(
        self,
        client: YouTubeClient,
        video_id: str,
        *,
        on_events: EventSink,
        on_status: StatusSink,
        min_interval_ms: int = 0,
        quota: QuotaLedger | None = None,
        waiting_recheck_s: float = WAITING_RECHECK_S,
        backoff: BackoffPolicy | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self._client = client
        self._video_id = video_id
        self._on_events = on_events
        self._on_status = on_status
        self._min_interval_ms = min_interval_ms
        self._quota = quota
        self._waiting_recheck_s = waiting_recheck_s
        self._backoff = backoff or BackoffPolicy()
        self._rng = rng or random.Random()
        self._stop_event = threading.Event()
        self._seen = RecentIds()
        self._status = PollerStatus(PollerState.CONNECTING)

    @property
    def status(self) -> PollerStatus:
        return self._status

    def stop(self) -> None:
        """Ask `run` to return; safe to call from any thread."""
        self._stop_event.set()

    @property
    def stopped(self) -> bool:
        return self._stop_event.is_set()

    def run(self) -> None:
        """Poll until the chat ends, a terminal error happens or `stop()`."""
        self._set_status(PollerState.CONNECTING)
        try:
            live_chat_id = self._wait_for_live_chat()
            if live_chat_id is not None:
                self._follow_pages(live_chat_id)
        except ChatEndedError as error:
            self._set_status(PollerState.ENDED, message=error.user_message, error=error)
        except (TerminalApiError, PageTokenInvalidError) as error:
            # A rejected page token outside the chat pages, such as on
            # videos.list, has no token to drop, so it ends polling too.
            logger.error("Polling stopped: %s", error.user_message)
            self._set_status(
                PollerState.FAILED, message=error.user_message, error=error
            )
        if self.stopped and self._status.state not in {
            PollerState.ENDED,
            PollerState.FAILED,
        }:
            self._set_status(PollerState.STOPPED)

    def _wait_for_live_chat(self) -> str | None:
        """Return the live chat id, waiting while the stream is scheduled."""
        while not self.stopped:
            video = self._with_retries(self._fetch_video_status)
            if video is None:
                return None
            if video.live_chat_id:
                return video.live_chat_id
            if video.actual_end is not None or video.scheduled_start is None:
                raise ChatEndedError(
                    "This video has no active live chat: the stream has ended "
                    "or it is not a live stream."
                )
            self._set_status(PollerState.WAITING, scheduled_start=video.scheduled_start)
            self._stop_event.wait(self._waiting_recheck_s)
        return None

    def _fetch_video_status(self) -> VideoStatus:
        self._spend(VIDEOS_QUOTA_UNITS)
        return self._client.fetch_video_status(self._video_id)

    def _follow_pages(self, live_chat_id: str) -> None:
        page_token: str | None = None
        interval_ms = max(DEFAULT_INTERVAL_MS, self._min_interval_ms)
        while not self.stopped:
            try:
                page = self._with_retries(
                    functools.partial(self._list_messages, live_chat_id, page_token)
                )
            except PageTokenInvalidError:
                # The restarted page repeats recent messages; the window of
                # seen ids drops them.
                logger.warning(
                    "Page token rejected; resuming without one in %d ms", interval_ms
                )
                page_token = None
                self._stop_event.wait(interval_ms / 1000)
                continue
            if page is None:
                return
            self._deliver(page.events)
            if page.offline_at is not None or _has_chat_ended(page.events):
                raise ChatEndedError(
                    "The stream has ended, so its live chat is closed."
                )
            page_token = page.next_page_token or page_token
            interval_ms = max(
                _sane_interval_ms(page.polling_interval_ms), self._min_interval_ms
            )
            self._set_status(PollerState.LIVE, interval_ms=interval_ms)
            logger.debug("Next page in %d ms", interval_ms)
            self._stop_event.wait(interval_ms / 1000)

    def _list_messages(self, live_chat_id: str, token: str | None) -> MessagePage:
        self._spend(MESSAGES_QUOTA_UNITS)
        return self._client.list_messages(live_chat_id, token)

    def _with_retries(self, call: Callable[[], _T]) -> _T | None:
        """Run `call`, retrying transient failures; None when stopped."""
        attempt = 0
        while not self.stopped:
            try:
                result = call()
            except TransientApiError as error:
                attempt += 1
                floor_s = 0.0
                if isinstance(error, RateLimitedError) and error.retry_after_s:
                    floor_s = error.retry_after_s
                delay_s = self._backoff.delay_s(attempt, self._rng, floor_s)
                logger.warning(
                    "Request failed (%s); retry %d in %.1f s",
                    error.user_message,
                    attempt,
                    delay_s,
                )
                self._set_status(
                    PollerState.RECONNECTING,
                    message=error.user_message,
                    retry_in_s=delay_s,
                    attempt=attempt,
                    error=error,
                )
                self._stop_event.wait(delay_s)
                continue
            return result
        return None

    def _deliver(self, events: Iterable[ChatEvent]) -> None:
        fresh = tuple(event for event in events if self._seen.add(_dedup_key(event)))
        if fresh:
            self._status = replace(
                self._status, message_count=self._status.message_count + len(fresh)
            )
            self._on_events(fresh)

    def _spend(self, units: int) -> None:
        usage = self._quota.spend(units) if self._quota else None
        self._status = replace(
            self._status, quota_units=self._status.quota_units + units, quota=usage
        )

    def _set_status(
        self,
        state: PollerState,
        *,
        message: str = "",
        interval_ms: int | None = None,
        retry_in_s: float | None = None,
        attempt: int = 0,
        scheduled_start: datetime | None = None,
        error: ApiError | None = None,
    ) -> None:
        previous = self._status
        self._status = PollerStatus(
            state=state,
            message=message,
            interval_ms=interval_ms,
            retry_in_s=retry_in_s,
            attempt=attempt,
            scheduled_start=scheduled_start,
            message_count=previous.message_count,
            quota_units=previous.quota_units,
            quota=previous.quota,
            error=error,
        )
        if previous.state != state:
            logger.info("Chat state: %s %s", state.value, message)
        self._on_status(self._status)


def _sane_interval_ms(interval_ms: int | None) -> int:
    """Return the API's polling interval, kept within sane bounds.

    A missing, zero or negative interval gets the default. One below
    `MIN_INTERVAL_MS` would poll back to back and burn quota, and one above
    `MAX_INTERVAL_MS` would look like a stalled chat, so both are clamped.
    """
    if interval_ms is None or interval_ms <= 0:
        return DEFAULT_INTERVAL_MS
    return min(max(interval_ms, MIN_INTERVAL_MS), MAX_INTERVAL_MS)


def _dedup_key(event: ChatEvent) -> str:
    """Return the key that marks a repeat: the id, plus the tallies for a poll.

    A poll keeps its id while its tallies and status change, and each change
    is news for the window.
    """
    if event.type != "pollEvent":
        return event.id
    tallies = ",".join(str(choice.tally) for choice in event.poll_choices)
    return f"{event.id}|{event.poll_status}|{tallies}"


def _has_chat_ended(events: Iterable[ChatEvent]) -> bool:
    return any(event.type == "chatEndedEvent" for event in events)
