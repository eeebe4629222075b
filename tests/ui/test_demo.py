"""The window against the replay server playing the bundled demo recording."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from livechat_desktop.replay.recording import load_recording
from livechat_desktop.replay.server import ReplayServer
from livechat_desktop.resources import resource_path
from livechat_desktop.transcript import TranscriptWriter
from livechat_desktop.ui.window import ChatWindow
from livechat_desktop.youtube.poller import PollerState

MIN_ROWS = 40


@pytest.fixture
def demo_server() -> Iterator[ReplayServer]:
    pages = load_recording(resource_path("demo", "recording.jsonl"))
    with ReplayServer(pages) as server:
        yield server


def test_demo_fills_window_and_transcript(
    qtbot: QtBot, demo_server: ReplayServer, tmp_path: Path
) -> None:
    transcript_path = tmp_path / "demo.jsonl"
    with TranscriptWriter(transcript_path) as transcript:
        window = ChatWindow(
            api_key="any",
            api_base_url=demo_server.base_url,
            transcript=transcript,
        )
        qtbot.addWidget(window)
        window.show()

        window.connect_video(demo_server.video_id)
        qtbot.waitUntil(lambda: window.model.rowCount() >= MIN_ROWS, timeout=20_000)
        window.close()

    records = [json.loads(line) for line in transcript_path.read_text().splitlines()]
    ids = [record["id"] for record in records if record["type"] != "pollEvent"]
    assert len(ids) == len(set(ids))
    assert len(records) >= MIN_ROWS
    shown = {event.id for event in window.model.events()}
    assert shown <= {record["id"] for record in records}
    assert window.last_status is not None
    assert window.last_status.state in {PollerState.LIVE, PollerState.STOPPED}
    assert demo_server.request_count >= 2
