"""The transcript file: every accepted event, with its type and fields."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from livechat_desktop.replay.recording import load_recording
from livechat_desktop.resources import resource_path
from livechat_desktop.transcript import TranscriptWriter
from livechat_desktop.youtube.client import MESSAGES_PATH
from livechat_desktop.youtube.models import (
    KNOWN_EVENT_TYPES,
    ChatEvent,
    parse_message_page,
)

FIXED_KEYS = {
    "id",
    "type",
    "published_at",
    "author_channel_id",
    "author_name",
    "author_roles",
    "text",
}


def _demo_events() -> list[ChatEvent]:
    pages = load_recording(resource_path("demo", "recording.jsonl"))
    return [
        event
        for page in pages
        if page.path == MESSAGES_PATH
        for event in parse_message_page(page.body).events
    ]


def _write_and_read(path: Path, events: list[ChatEvent]) -> list[dict[str, Any]]:
    with TranscriptWriter(path) as transcript:
        transcript.write(events)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_transcript_carries_every_event_type(tmp_path: Path) -> None:
    records = _write_and_read(tmp_path / "chat.jsonl", _demo_events())

    assert {record["type"] for record in records} >= KNOWN_EVENT_TYPES
    for record in records:
        assert record.keys() >= FIXED_KEYS
        assert record["published_at"].endswith("Z")


def test_transcript_keeps_type_fields(tmp_path: Path) -> None:
    records = _write_and_read(tmp_path / "chat.jsonl", _demo_events())
    by_type: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        by_type.setdefault(record["type"], []).append(record)

    for paid in by_type["superChatEvent"]:
        assert {"amount_display", "amount_micros", "currency", "tier"} <= paid.keys()
    for deletion in by_type["messageDeletedEvent"]:
        assert "deleted_message_id" in deletion
    for ban in by_type["userBannedEvent"]:
        assert "banned_channel_id" in ban
    for poll in by_type["pollEvent"]:
        assert "poll_question" in poll


def test_transcript_appends_and_flushes(tmp_path: Path) -> None:
    path = tmp_path / "chat.jsonl"
    events = _demo_events()[:3]
    with TranscriptWriter(path) as transcript:
        transcript.write(events[:1])
        lines_before_close = path.read_text(encoding="utf-8").splitlines()

    with TranscriptWriter(path) as transcript:
        transcript.write(events[1:])

    assert len(lines_before_close) == 1
    assert len(path.read_text(encoding="utf-8").splitlines()) == 3


def test_transcript_escapes_lone_surrogate(tmp_path: Path) -> None:
    event = _demo_events()[0]
    broken = event._replace(text="bad \ud800 text")
    path = tmp_path / "chat.jsonl"

    with TranscriptWriter(path) as transcript:
        transcript.write([broken, event])

    records = [json.loads(line) for line in path.read_text().splitlines()]
    assert records[0]["text"] == "bad \ud800 text"
    assert records[1]["id"] == event.id


def test_transcript_ends_cut_line_first(tmp_path: Path) -> None:
    path = tmp_path / "chat.jsonl"
    path.write_text('{"id": "cut', encoding="utf-8")

    with TranscriptWriter(path) as transcript:
        transcript.write(_demo_events()[:1])

    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == '{"id": "cut'
    assert json.loads(lines[1])["type"]
