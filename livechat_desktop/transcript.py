"""The chat log: one JSON object per accepted chat event, one event per line."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from livechat_desktop.youtube.models import ChatEvent

logger = logging.getLogger(__name__)


class TranscriptWriter:
    """Appends events to a JSON Lines file and flushes after each batch.

    Opening fails with `OSError` when the file cannot be created or appended
    to, so the caller can report it before polling starts.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file = path.open("a", encoding="utf-8")
        self._lock = threading.Lock()
        self.written_count = 0

    def write(self, events: Iterable[ChatEvent]) -> None:
        lines = [
            json.dumps(event.to_transcript(), ensure_ascii=False) + "\n"
            for event in events
        ]
        with self._lock:
            if self._file.closed:
                return
            self._file.writelines(lines)
            self._file.flush()
            self.written_count += len(lines)

    def close(self) -> None:
        with self._lock:
            self._file.close()
        logger.info("Transcript closed: %d events in %s", self.written_count, self.path)

    def __enter__(self) -> TranscriptWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
