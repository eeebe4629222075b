"""The chat window end to end, against a local server serving real API pages."""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from livechat_desktop.transcript import TranscriptWriter
from livechat_desktop.ui.window import WINDOW_TITLE, ChatWindow
from livechat_desktop.youtube.poller import PollerState
from tests.fake_api import FakeYouTube, error_body
from tests.fixtures import load_fixture

API_KEY = "AIzaFAKEKEY-window-test"
LIVE_VIDEO_FIXTURE = (
    "videos_list_response_2024_part_liveStreamingDetails_live_with_activeLiveChatId"
    ".json"
)


def _real_pages(avatar_base: str) -> list[dict[str, Any]]:
    """Return the captured message pages as consecutive pages of one chat.

    Polling intervals are shortened so the test runs quickly, and avatar URLs
    point at the local server (they 404 there), so nothing leaves this machine.
    """
    first = copy.deepcopy(
        load_fixture("livechat_list_response_2020_textMessageEvent_51items.json")
    )
    short_ids = load_fixture("livechat_items_2024_short_LCC_ids_40items.json")["items"]
    super_chats = load_fixture(
        "livechat_items_2026_superChatEvent_with_and_without_userComment.json"
    )
    last = copy.deepcopy(
        load_fixture("livechat_list_response_2025_envelope_first_item_only.json")
    )
    pages = [
        first,
        {**first, "nextPageToken": "page-3", "items": short_ids},
        {**first, "nextPageToken": "page-4", "items": super_chats},
        last,
    ]
    for number, page in enumerate(pages):
        page["pollingIntervalMillis"] = 30
        page["nextPageToken"] = f"token-{number}"
        for item in page["items"]:
            details = item.get("authorDetails")
            if details:
                details["profileImageUrl"] = f"{avatar_base}/avatar/{number}.jpg"
    return pages


def _expected_text(item: dict[str, Any]) -> str:
    snippet = item["snippet"]
    if "textMessageDetails" in snippet:
        return str(snippet["textMessageDetails"]["messageText"])
    return str(snippet["superChatDetails"].get("userComment", ""))


@dataclass
class Harness:
    window: ChatWindow
    api: FakeYouTube
    transcript_path: Path


@pytest.fixture
def harness(qtbot: QtBot, httpserver: HTTPServer, tmp_path: Path) -> Iterator[Harness]:
    api = FakeYouTube(httpserver)
    with TranscriptWriter(tmp_path / "chat.jsonl") as transcript:
        window = ChatWindow(
            api_key=API_KEY, api_base_url=api.base_url, transcript=transcript
        )
        qtbot.addWidget(window)
        yield Harness(window, api, transcript.path)
        window.close()


@pytest.fixture
def window(harness: Harness) -> ChatWindow:
    return harness.window


def _live_video() -> dict[str, Any]:
    details = {"activeLiveChatId": "chat"}
    return {"items": [{"id": "fakeVid0008", "liveStreamingDetails": details}]}


def _quiet_page() -> dict[str, Any]:
    return {"pollingIntervalMillis": 60_000, "nextPageToken": "t", "items": []}


def _wait_for_state(qtbot: QtBot, window: ChatWindow, state: PollerState) -> None:
    def reached() -> None:
        worker_status = window.last_status
        assert worker_status is not None
        assert worker_status.state is state

    qtbot.waitUntil(reached, timeout=15_000)


def test_window_shows_real_pages_once_in_order(qtbot: QtBot, harness: Harness) -> None:
    window, api = harness.window, harness.api
    pages = _real_pages(api.base_url)
    api.add_video(load_fixture(LIVE_VIDEO_FIXTURE))
    for page in pages:
        api.add_page(page)
    ended = error_body(403, "liveChatEnded", "The live chat is no longer live.")
    api.add_page(ended, 403)
    expected_items = [item for page in pages for item in page["items"]]
    window.show()

    window.connect_video("fakeVid0008")
    _wait_for_state(qtbot, window, PollerState.ENDED)

    shown = [event.id for event in window.model.events()]
    assert shown == [item["id"] for item in expected_items]
    lines = harness.transcript_path.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [record["id"] for record in records] == shown
    assert [record["text"] for record in records] == [
        _expected_text(item) for item in expected_items
    ]
    assert "ended" in window.status_label.text()
    assert window.connect_button.text() == "Connect"


def test_window_title_is_fixed(window: ChatWindow) -> None:
    assert window.windowTitle() == WINDOW_TITLE


def test_window_is_frameless_and_on_top(window: ChatWindow) -> None:
    flags = window.windowFlags()

    assert flags & flags.FramelessWindowHint
    assert flags & flags.WindowStaysOnTopHint


def test_close_stops_worker_promptly(qtbot: QtBot, harness: Harness) -> None:
    window = harness.window
    harness.api.add_video(_live_video())
    harness.api.add_page(_quiet_page())
    window.show()
    window.connect_video("fakeVid0008")
    _wait_for_state(qtbot, window, PollerState.LIVE)
    worker = window._worker
    assert worker is not None

    with qtbot.waitSignal(worker.finished, timeout=2000):
        window.close()

    assert not worker.isRunning()


def test_connect_rejects_invalid_video(window: ChatWindow) -> None:
    window.video_edit.setText("https://vimeo.com/1234")

    window.connect_button.click()

    assert not window.connected
    assert "not a YouTube link" in window.status_label.text()


def test_disconnect_button_stops_polling(qtbot: QtBot, harness: Harness) -> None:
    window = harness.window
    harness.api.add_video(_live_video())
    harness.api.add_page(_quiet_page())
    window.video_edit.setText("https://youtu.be/fakeVid0008")
    window.connect_button.click()
    _wait_for_state(qtbot, window, PollerState.LIVE)
    assert window.connect_button.text() == "Disconnect"

    window.connect_button.click()

    assert not window.connected
    assert window.connect_button.text() == "Connect"
    assert window.stop_all_workers(wait_ms=2000)


def test_window_without_key_explains_how_to_get_one(qtbot: QtBot) -> None:
    window = ChatWindow(api_key=None, api_base_url="http://127.0.0.1:9")
    qtbot.addWidget(window)

    window.connect_video("fakeVid0008")

    assert not window.connected
    assert "--api-key" in window.status_label.text()


def test_status_of_terminal_error_is_shown(qtbot: QtBot, harness: Harness) -> None:
    window = harness.window
    quota_error = load_fixture("error_403_quotaExceeded_youtube.quota.json")
    harness.api.add_video(quota_error, status=403)

    window.connect_video("fakeVid0008")
    _wait_for_state(qtbot, window, PollerState.FAILED)

    assert "quota" in window.status_label.text()
    assert window.connect_button.text() == "Connect"


def test_new_link_while_connected_switches(qtbot: QtBot, harness: Harness) -> None:
    window = harness.window
    harness.api.add_video(_live_video())
    harness.api.add_page(_quiet_page())
    window.connect_video("fakeVid0008")
    _wait_for_state(qtbot, window, PollerState.LIVE)

    window.video_edit.setText("https://youtu.be/otherVid001")
    window._on_video_edit_text_edited(window.video_edit.text())
    label = window.connect_button.text()
    window.connect_button.click()

    assert label == "Connect"
    assert window._worker is not None
    assert window._worker.video_id == "otherVid001"


def test_quota_count_survives_reconnect(qtbot: QtBot, harness: Harness) -> None:
    window = harness.window
    harness.api.add_video(_live_video())
    harness.api.add_page(_quiet_page())
    window.connect_video("fakeVid0008")
    _wait_for_state(qtbot, window, PollerState.LIVE)
    window.disconnect_video()

    window.last_status = None
    window.connect_video("fakeVid0008")
    _wait_for_state(qtbot, window, PollerState.LIVE)

    assert window.last_status is not None
    assert window.last_status.quota is not None
    assert window.last_status.quota.day_units == 12


def test_close_with_stalled_request_ends_threads(qtbot: QtBot) -> None:
    # A server of its own: the stalled handler finishes after this test and
    # must not log into the shared server of later tests.
    server = HTTPServer(host="127.0.0.1", threaded=True)
    server.start()
    api = FakeYouTube(server)
    api.add_video(_live_video())
    api.add_page(_quiet_page(), delay_s=3.0)
    window = ChatWindow(api_key=API_KEY, api_base_url=api.base_url)
    qtbot.addWidget(window)
    window.show()
    window.connect_video("fakeVid0008")
    qtbot.waitUntil(lambda: len(api.message_requests()) == 1, timeout=5000)
    worker = window._worker
    assert worker is not None
    started = time.monotonic()

    ended_in_time = window.stop_all_workers(wait_ms=500)

    elapsed_s = time.monotonic() - started
    server.clear()
    server.stop()
    assert not ended_in_time
    assert not worker.isRunning()
    assert elapsed_s < 3.0
