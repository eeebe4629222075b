"""The polling thread: runs a `ChatPoller` and reports through signals."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QThread, Signal

from livechat_desktop.transcript import TranscriptWriter
from livechat_desktop.youtube.client import YouTubeClient
from livechat_desktop.youtube.models import ChatEvent
from livechat_desktop.youtube.poller import ChatPoller, PollerState, PollerStatus
from livechat_desktop.youtube.quota import QuotaLedger

logger = logging.getLogger(__name__)


class PollWorker(QThread):
    """Polls one chat on its own thread; touches no widget.

    Only immutable values leave the thread: tuples of frozen `ChatEvent`s and
    frozen `PollerStatus` snapshots. Events go to the transcript, if any,
    before they are emitted, so the log is written off the GUI thread.

    Signals:
        events_received(tuple): A batch of new `ChatEvent`s in API order.
        status_changed(PollerStatus): The poller's state changed.
    """

    events_received = Signal(tuple)
    status_changed = Signal(object)

    def __init__(
        self,
        client: YouTubeClient,
        video_id: str,
        *,
        transcript: TranscriptWriter | None = None,
        min_interval_ms: int = 0,
        quota: QuotaLedger | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.video_id = video_id
        self._client = client
        self._transcript = transcript
        self._poller = ChatPoller(
            client,
            video_id,
            on_events=self._on_poller_events,
            on_status=self.status_changed.emit,
            min_interval_ms=min_interval_ms,
            quota=quota,
        )

    def run(self) -> None:
        try:
            self._poller.run()
        except Exception as error:
            logger.exception("Polling thread failed for video %s", self.video_id)
            self.status_changed.emit(
                PollerStatus(
                    PollerState.FAILED,
                    message=f"Polling stopped after an internal error ({error!r}); "
                    "see the log, then connect again.",
                )
            )
        finally:
            self._client.close()

    def stop(self) -> None:
        """Ask the poller to stop; it returns at once unless a request is in flight."""
        self._poller.stop()

    def _on_poller_events(self, events: tuple[ChatEvent, ...]) -> None:
        if self._poller.stopped:
            # The user left this video while the page was in flight.
            return
        if self._transcript is not None:
            self._transcript.write(events)
        self.events_received.emit(events)
