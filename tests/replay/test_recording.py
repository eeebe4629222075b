"""Tests of `Recorder` and `load_recording` on real files."""

from __future__ import annotations

import itertools
import json
import logging
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from livechat_desktop.replay.recording import (
    RecordedPage,
    Recorder,
    RecordingError,
    load_recording,
)
from livechat_desktop.replay.server import ReplayServer
from livechat_desktop.youtube.client import MESSAGES_PATH, VIDEOS_PATH, YouTubeClient

START = datetime(2026, 1, 17, 19, 14, 5, 120000, tzinfo=UTC)
MESSAGES_BODY: dict[str, Any] = {
    "kind": "youtube#liveChatMessageListResponse",
    "pollingIntervalMillis": 2000,
    "nextPageToken": "tokenA",
    # U+2028 is a line break for str.splitlines() but not for JSON Lines.
    "items": [
        {"id": "LCC.x", "snippet": {"displayMessage": "héllo 👋🏽 \u2028 \u202e"}}
    ],
}
VIDEOS_BODY: dict[str, Any] = {"kind": "youtube#videoListResponse", "items": []}


def stepping_clock(
    step: timedelta = timedelta(milliseconds=1500),
) -> Callable[[], datetime]:
    """Return a clock that starts at START and advances by `step` per call."""
    moments = (START + step * index for index in itertools.count())
    return lambda: next(moments)


def record_line(received_at: object, path: str, body: object) -> str:
    return json.dumps({"received_at": received_at, "path": path, "body": body})


def read_lines(path: Path) -> list[str]:
    """Split a recording at line feeds only, as JSON Lines readers do."""
    return path.read_text(encoding="utf-8").split("\n")[:-1]


def write_lines(path: Path, *lines: str, final_newline: bool = True) -> Path:
    text = "\n".join(lines) + ("\n" if final_newline else "")
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def recorder(tmp_path: Path) -> Iterator[Recorder]:
    with Recorder(tmp_path / "session.jsonl", clock=stepping_clock()) as opened:
        yield opened


def test_recorder_flushes_each_page_before_close(recorder: Recorder) -> None:
    recorder(VIDEOS_PATH, VIDEOS_BODY)
    recorder(MESSAGES_PATH, MESSAGES_BODY)

    lines = read_lines(recorder.path)

    assert len(lines) == 2
    assert json.loads(lines[1])["body"] == MESSAGES_BODY


def test_recorder_line_format(recorder: Recorder) -> None:
    recorder(MESSAGES_PATH, MESSAGES_BODY)

    line = recorder.path.read_text(encoding="utf-8")
    record = json.loads(line)

    assert line.endswith("\n")
    assert list(record) == ["received_at", "path", "body"]
    assert record["received_at"] == "2026-01-17T19:14:05.120Z"
    assert record["path"] == MESSAGES_PATH
    assert "👋🏽" in line


def test_recorder_round_trips_through_load(recorder: Recorder) -> None:
    recorder(VIDEOS_PATH, VIDEOS_BODY)
    recorder(MESSAGES_PATH, MESSAGES_BODY)
    recorder.close()

    pages = load_recording(recorder.path)

    assert pages == [
        RecordedPage(START, VIDEOS_PATH, VIDEOS_BODY),
        RecordedPage(
            START + timedelta(milliseconds=1500), MESSAGES_PATH, MESSAGES_BODY
        ),
    ]


def test_recorder_appends_to_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "chat.jsonl"
    with Recorder(path) as recorder:
        recorder(MESSAGES_PATH, MESSAGES_BODY)

    with Recorder(path) as recorder:
        recorder(MESSAGES_PATH, MESSAGES_BODY)

    assert len(read_lines(path)) == 2
    assert len(load_recording(path)) == 2


def test_recorder_threads_write_whole_lines(recorder: Recorder) -> None:
    def write_pages() -> None:
        for _ in range(50):
            recorder(MESSAGES_PATH, MESSAGES_BODY)

    threads = [threading.Thread(target=write_pages) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    lines = read_lines(recorder.path)
    assert len(lines) == 400
    assert all(json.loads(line)["body"] == MESSAGES_BODY for line in lines)


def test_recorder_unwritable_path_raises_os_error(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="no-such-folder"):
        Recorder(tmp_path / "no-such-folder" / "session.jsonl")


def test_recorder_rejects_call_after_close(recorder: Recorder) -> None:
    recorder.close()
    recorder.close()

    with pytest.raises(ValueError, match="closed"):
        recorder(MESSAGES_PATH, MESSAGES_BODY)


def test_recorder_records_real_client(tmp_path: Path) -> None:
    served = [
        RecordedPage(START, VIDEOS_PATH, {"items": [{"id": "abcdefghijk"}]}),
        RecordedPage(START, MESSAGES_PATH, MESSAGES_BODY),
    ]
    path = tmp_path / "client.jsonl"

    with ReplayServer(served) as server, Recorder(path) as recorder:
        client = YouTubeClient(
            "key",
            base_url=server.base_url,
            timeout_s=(2.0, 5.0),
            page_observer=recorder,
        )
        client.fetch_video_status("abcdefghijk")
        client.list_messages(server.live_chat_id)
        client.close()
    pages = load_recording(path)

    assert [page.path for page in pages] == [VIDEOS_PATH, MESSAGES_PATH]
    assert pages[1].body == MESSAGES_BODY
    assert pages[0].received_at.tzinfo is not None


def test_load_names_file_and_line_of_bad_json(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "bad.jsonl",
        record_line("2026-01-17T19:14:05Z", VIDEOS_PATH, VIDEOS_BODY),
        '{"received_at": "2026-01-17T19:14:06Z", "path": ',
        record_line("2026-01-17T19:14:07Z", MESSAGES_PATH, MESSAGES_BODY),
    )

    with pytest.raises(RecordingError) as raised:
        load_recording(path)

    assert str(path) in str(raised.value)
    assert "line 2" in str(raised.value)
    assert "invalid JSON" in str(raised.value)


def test_load_names_missing_key(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "missing.jsonl",
        record_line("2026-01-17T19:14:05Z", MESSAGES_PATH, MESSAGES_BODY),
        json.dumps({"received_at": "2026-01-17T19:14:06Z", "path": MESSAGES_PATH}),
    )

    with pytest.raises(RecordingError) as raised:
        load_recording(path)

    assert "line 2" in str(raised.value)
    assert "missing key body" in str(raised.value)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('["a", "list"]', "expected a JSON object"),
        (record_line("2026-01-17T19:14:05Z", "/youtube/v3/search", {}), "invalid path"),
        (record_line("yesterday", MESSAGES_PATH, {}), "is not an ISO 8601 time"),
        (record_line(12, MESSAGES_PATH, {}), "must be an ISO 8601 string"),
    ],
)
def test_load_rejects_invalid_record(tmp_path: Path, line: str, problem: str) -> None:
    path = write_lines(tmp_path / "invalid.jsonl", line)

    with pytest.raises(RecordingError) as raised:
        load_recording(path)

    assert "line 1" in str(raised.value)
    assert problem in str(raised.value)


def test_load_rejects_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(
        record_line("2026-01-17T19:14:05Z", MESSAGES_PATH, {}).encode() + b"\n\xff\n"
    )

    with pytest.raises(RecordingError, match="line 2: invalid UTF-8"):
        load_recording(path)


def test_load_requires_messages_page(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "videos-only.jsonl",
        record_line("2026-01-17T19:14:05Z", VIDEOS_PATH, VIDEOS_BODY),
    )

    with pytest.raises(RecordingError) as raised:
        load_recording(path)

    assert str(path) in str(raised.value)
    assert "no /youtube/v3/liveChat/messages page" in str(raised.value)


def test_load_rejects_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")

    with pytest.raises(RecordingError, match="no /youtube/v3/liveChat/messages"):
        load_recording(path)


def test_load_skips_blank_lines_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "edited.jsonl"
    line = record_line("2026-01-17T19:14:05Z", MESSAGES_PATH, MESSAGES_BODY)
    path.write_bytes(b"\xef\xbb\xbf" + line.encode() + b"\n\n   \n" + line.encode())

    pages = load_recording(path)

    assert len(pages) == 2


def test_load_drops_unfinished_last_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write_lines(
        tmp_path / "crashed.jsonl",
        record_line("2026-01-17T19:14:05Z", MESSAGES_PATH, MESSAGES_BODY),
        '{"received_at": "2026-01-17T19:14:07Z", "path": "/youtube/v3/liv',
        final_newline=False,
    )

    with caplog.at_level(logging.WARNING):
        pages = load_recording(path)

    assert len(pages) == 1
    assert "unfinished last line 2" in caplog.text


def test_load_rejects_bad_last_line_with_newline(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "bad-end.jsonl",
        record_line("2026-01-17T19:14:05Z", MESSAGES_PATH, MESSAGES_BODY),
        '{"received_at": ',
    )

    with pytest.raises(RecordingError, match="line 2"):
        load_recording(path)


@pytest.mark.parametrize(
    "received_at",
    [
        "2026-01-17T19:14:05.120Z",
        "2026-01-17T20:14:05.120+01:00",
        "2026-01-17T19:14:05.120",
    ],
)
def test_load_reads_times_as_utc(tmp_path: Path, received_at: str) -> None:
    path = write_lines(
        tmp_path / "times.jsonl", record_line(received_at, MESSAGES_PATH, {})
    )

    pages = load_recording(path)

    assert pages[0].received_at == START
    assert pages[0].received_at.utcoffset() == timedelta(0)
