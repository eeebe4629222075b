"""The chat log: one JSON object per accepted chat event, one event per line."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from livechat_desktop.jsonlines import json_line
from livechat_desktop.youtube.models import ChatEvent

logger = logging.getLogger(__name__)


class TranscriptWriter:
    """Appends events to a JSON Lines file and flushes after each batch.

    Opening fails with `OSError` when the file cannot be created or appended
    to, so the caller can report it before polling starts. A later write
    failure, such as a full disk, is logged once and the chat goes on. The
    writer tries again with the next batch and logs when writing works again.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file = path.open("a+", encoding="utf-8")
        self._lock = threading.Lock()
        self._failing = False
        self.written_count = 0
        self._end_cut_line()

    def _end_cut_line(self) -> None:
        """Start on a new line when a crash left the file's last line cut."""
        self._file.seek(0, os.SEEK_END)
        if self._file.tell() == 0:
            return
        with self.path.open("rb") as reader:
            reader.seek(-1, os.SEEK_END)
            if reader.read(1) != b"\n":
                self._file.write("\n")
                self._file.flush()

    def write(self, events: Iterable[ChatEvent]) -> None:
        lines = [json_line(event.to_transcript()) for event in events]
        with self._lock:
            if self._file.closed:
                return
            try:
                self._file.writelines(lines)
                self._file.flush()
            except OSError as error:
                if not self._failing:
                    logger.error(
                        "Could not write the transcript %s: %s", self.path, error
                    )
                self._failing = True
                return
            if self._failing:
                logger.info("Writing the transcript %s works again", self.path)
                self._failing = False
            self.written_count += len(lines)

    def close(self) -> None:
        with self._lock:
            try:
                self._file.close()
            except OSError as error:
                logger.error("Could not close the transcript %s: %s", self.path, error)
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
