"""Record API response bodies to a JSON Lines file, and load such a file.

Each line of a recording is one UTF-8 JSON object:

    {"received_at": "2026-01-17T19:14:05.120Z",
     "path": "/youtube/v3/liveChat/messages",
     "body": {...the response body exactly as the API sent it...}}

`received_at` is the UTC time the client received the body, and `path` is
`/youtube/v3/videos` or `/youtube/v3/liveChat/messages`. `Recorder` writes
this format as the client's page observer, and `load_recording` reads it
back for `ReplayServer`.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from livechat_desktop.jsonlines import json_line
from livechat_desktop.youtube.client import MESSAGES_PATH, VIDEOS_PATH

logger = logging.getLogger(__name__)

RECORDED_PATHS = frozenset({VIDEOS_PATH, MESSAGES_PATH})
_REQUIRED_KEYS = ("received_at", "path", "body")


class RecordingError(ValueError):
    """A recording file is malformed or contains no chat page to replay."""


@dataclass(frozen=True, slots=True)
class RecordedPage:
    """One response body of a recording.

    Attributes:
        received_at: When the client received the body, as an aware UTC time.
        path: The API path that returned the body.
        body: The decoded JSON body, unchanged.
    """

    received_at: datetime
    path: str
    body: Any


def format_received_at(moment: datetime) -> str:
    """Format an aware time as ISO 8601 UTC with milliseconds and a `Z`."""
    text = moment.astimezone(UTC).isoformat(timespec="milliseconds")
    return text.replace("+00:00", "Z")


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Recorder:
    """Page observer that appends each API response body to a recording file.

    An instance fits `YouTubeClient`'s `page_observer` parameter. Each call
    writes and flushes its line under a lock, so the client's worker thread
    and other threads may call it, and a crash loses at most the body being
    written.

    Args:
        path: The file to append to, so a recording can span restarts.
        clock: Returns the current aware time, stored as `received_at`.

    Raises:
        OSError: The file cannot be opened for writing.
    """

    def __init__(self, path: Path, *, clock: Callable[[], datetime] = _utc_now) -> None:
        self._path = path
        self._clock = clock
        self._lock = threading.Lock()
        self._file: TextIO | None = path.open("a", encoding="utf-8", newline="\n")
        logger.info("Recording API responses to %s", path)

    @property
    def path(self) -> Path:
        return self._path

    def __call__(self, path: str, body: Any) -> None:
        """Append one line for a body that the client received from `path`.

        Raises:
            ValueError: The recorder is closed.
            OSError: Writing to the file failed, for example on a full disk.
        """
        record = {
            "received_at": format_received_at(self._clock()),
            "path": path,
            "body": body,
        }
        line = json_line(record)
        with self._lock:
            if self._file is None:
                raise ValueError(f"The recorder for {self._path} is closed.")
            self._file.write(line)
            self._file.flush()

    def close(self) -> None:
        """Close the file. Calling it again does nothing."""
        with self._lock:
            if self._file is None:
                return
            self._file.close()
            self._file = None
        logger.info("Closed the recording %s", self._path)

    def __enter__(self) -> Recorder:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def load_recording(path: Path) -> list[RecordedPage]:
    """Read a recording file into its pages, in file order.

    Blank lines are skipped. A last line without a line break that is not
    valid JSON is dropped with a warning, because a crash while `Recorder`
    wrote it leaves it cut short.

    Raises:
        OSError: The file cannot be read.
        RecordingError: A line is not a valid record, or the file contains
            no `liveChat/messages` page. The message names the file and line.
    """
    with path.open("rb") as file:
        lines = file.read().split(b"\n")

    pages: list[RecordedPage] = []
    for number, raw_line in enumerate(lines, start=1):
        if not raw_line.strip():
            continue
        is_unterminated_last = number == len(lines)
        try:
            pages.append(_parse_line(raw_line, path, number))
        except _InvalidJsonLineError as error:
            if not is_unterminated_last:
                raise RecordingError(
                    f"{path}, line {number}: invalid JSON ({error})."
                ) from None
            logger.warning(
                "Dropped the unfinished last line %d of the recording %s",
                number,
                path,
            )

    if not any(page.path == MESSAGES_PATH for page in pages):
        raise RecordingError(
            f"{path} contains no {MESSAGES_PATH} page, so it has no chat to "
            "replay. Record one with --record while a chat is live."
        )
    return pages


class _InvalidJsonLineError(Exception):
    """A line that is not valid JSON, which is fatal unless it is the last."""


def _parse_line(raw_line: bytes, path: Path, number: int) -> RecordedPage:
    prefix = f"{path}, line {number}"
    try:
        # utf-8-sig drops a byte order mark that some editors add to line 1.
        text = raw_line.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as error:
        raise RecordingError(
            f"{prefix}: invalid UTF-8 at byte {error.start}."
        ) from None
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        raise _InvalidJsonLineError(f"{error.msg} at column {error.colno}") from None

    if not isinstance(record, dict):
        raise RecordingError(
            f"{prefix}: expected a JSON object, found {type(record).__name__}."
        )
    missing = [key for key in _REQUIRED_KEYS if key not in record]
    if missing:
        raise RecordingError(f"{prefix}: missing key {', '.join(missing)}.")

    api_path = record["path"]
    if api_path not in RECORDED_PATHS:
        expected = " or ".join(sorted(RECORDED_PATHS))
        raise RecordingError(
            f"{prefix}: invalid path {api_path!r}, expected {expected}."
        )
    return RecordedPage(
        received_at=_parse_received_at(record["received_at"], prefix),
        path=api_path,
        body=record["body"],
    )


def _parse_received_at(value: object, prefix: str) -> datetime:
    if not isinstance(value, str):
        raise RecordingError(f"{prefix}: received_at must be an ISO 8601 string.")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise RecordingError(
            f"{prefix}: received_at {value!r} is not an ISO 8601 time."
        ) from None
    if moment.tzinfo is None:
        # A time without an offset is taken as UTC, the format's only zone.
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
