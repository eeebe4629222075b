"""Tests of the replay server against the real `YouTubeClient`."""

from __future__ import annotations

import itertools
import json
import logging
import struct
import threading
import time
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from livechat_desktop.replay.avatars import PNG_SIGNATURE, avatar_png
from livechat_desktop.replay.recording import RecordedPage, load_recording
from livechat_desktop.replay.server import (
    REPLAY_BASE_PLACEHOLDER,
    ReplayServer,
    replace_placeholder,
)
from livechat_desktop.youtube.client import MESSAGES_PATH, VIDEOS_PATH, YouTubeClient
from livechat_desktop.youtube.errors import (
    ChatEndedError,
    ChatNotFoundError,
    PageTokenInvalidError,
)
from livechat_desktop.youtube.models import ChatEvent, parse_message_page

DEMO_RECORDING = (
    Path(__file__).resolve().parents[2] / "resources" / "demo" / "recording.jsonl"
)
API_KEY = "test-key-do-not-log"
TIMEOUT_S = (2.0, 5.0)
START = datetime(2026, 1, 17, 19, 0, tzinfo=UTC)


@pytest.fixture
def demo_pages() -> list[RecordedPage]:
    return load_recording(DEMO_RECORDING)


@pytest.fixture
def no_leftover_threads() -> Iterator[None]:
    """Fail unless the test's threads have ended by teardown, with no grace time."""
    before = set(threading.enumerate())

    yield

    leftover = [thread.name for thread in threading.enumerate() if thread not in before]
    assert leftover == []


@pytest.fixture
def server(
    demo_pages: list[RecordedPage], no_leftover_threads: None
) -> Iterator[ReplayServer]:
    with ReplayServer(demo_pages, slow_avatar_delay_s=0.2) as replay:
        yield replay


@pytest.fixture
def client(server: ReplayServer) -> Iterator[YouTubeClient]:
    api_client = YouTubeClient(API_KEY, base_url=server.base_url, timeout_s=TIMEOUT_S)
    yield api_client
    api_client.close()


def messages_page(
    offset_s: float, token: str | None, items: list[Any] | None = None
) -> RecordedPage:
    body: dict[str, Any] = {
        "kind": "youtube#liveChatMessageListResponse",
        "pollingIntervalMillis": 4321,
        "items": items or [],
    }
    if token is not None:
        body["nextPageToken"] = token
    return RecordedPage(START + timedelta(seconds=offset_s), MESSAGES_PATH, body)


def text_item(message_id: str, chat_id: str, text: str) -> dict[str, Any]:
    return {
        "id": message_id,
        "snippet": {
            "type": "textMessageEvent",
            "liveChatId": chat_id,
            "publishedAt": "2026-01-17T19:00:00Z",
            "textMessageDetails": {"messageText": text},
        },
    }


def get(server: ReplayServer, path: str, **params: str) -> requests.Response:
    return requests.get(server.base_url + path, params=params, timeout=TIMEOUT_S)


def png_size(data: bytes) -> tuple[int, int]:
    """Return the IHDR width and height after checking the IDAT length."""
    assert data[:8] == PNG_SIGNATURE
    length, chunk_type = struct.unpack(">I4s", data[8:16])
    assert chunk_type == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    idat_start = 8 + 12 + length
    idat_length, idat_type = struct.unpack(">I4s", data[idat_start : idat_start + 8])
    assert idat_type == b"IDAT"
    pixels = zlib.decompress(data[idat_start + 8 : idat_start + 8 + idat_length])
    assert len(pixels) == height * (1 + 4 * width)
    return width, height


def follow_all_pages(
    client: YouTubeClient, server: ReplayServer
) -> tuple[list[ChatEvent], list[int | None]]:
    """Request every page without waiting, as a poller with no delay would."""
    live_chat_id = client.fetch_video_status(server.video_id).live_chat_id
    assert live_chat_id is not None
    events: list[ChatEvent] = []
    intervals_ms: list[int | None] = []
    token: str | None = None
    for _ in range(server.page_count):
        page = client.list_messages(live_chat_id, token)
        events.extend(page.events)
        intervals_ms.append(page.polling_interval_ms)
        token = page.next_page_token
    return events, intervals_ms


def test_client_receives_every_message_once_in_order(
    server: ReplayServer, client: YouTubeClient, demo_pages: list[RecordedPage]
) -> None:
    expected = [
        event
        for page in demo_pages
        if page.path == MESSAGES_PATH
        for event in parse_message_page(
            replace_placeholder(page.body, server.base_url)
        ).events
    ]

    events, _ = follow_all_pages(client, server)

    assert len(events) == len(expected)
    assert events == expected


def test_polling_interval_is_recorded_gap(
    server: ReplayServer, client: YouTubeClient, demo_pages: list[RecordedPage]
) -> None:
    recorded = [page for page in demo_pages if page.path == MESSAGES_PATH]
    gaps_ms = [
        round((later.received_at - earlier.received_at).total_seconds() * 1000)
        for earlier, later in itertools.pairwise(recorded)
    ]

    _, intervals_ms = follow_all_pages(client, server)

    assert intervals_ms[:-1] == gaps_ms
    assert intervals_ms[-1] == recorded[-1].body["pollingIntervalMillis"]


def test_request_after_last_page_raises_chat_ended(
    server: ReplayServer, client: YouTubeClient, demo_pages: list[RecordedPage]
) -> None:
    last_page = [page for page in demo_pages if page.path == MESSAGES_PATH][-1]
    last_token = last_page.body["nextPageToken"]

    with pytest.raises(ChatEndedError) as raised:
        client.list_messages(server.live_chat_id, last_token)

    assert raised.value.status == 403
    assert raised.value.reason == "liveChatEnded"


def test_chat_ended_body_matches_api(
    server: ReplayServer, demo_pages: list[RecordedPage]
) -> None:
    last_page = [page for page in demo_pages if page.path == MESSAGES_PATH][-1]

    response = get(
        server,
        MESSAGES_PATH,
        liveChatId=server.live_chat_id,
        part="snippet",
        pageToken=last_page.body["nextPageToken"],
        key=API_KEY,
    )

    assert response.status_code == 403
    assert response.json() == {
        "error": {
            "code": 403,
            "message": "The live chat is no longer live.",
            "errors": [
                {
                    "message": "The live chat is no longer live.",
                    "domain": "youtube.liveChat",
                    "reason": "liveChatEnded",
                }
            ],
        }
    }


def test_unknown_page_token_raises_token_invalid(
    server: ReplayServer, client: YouTubeClient
) -> None:
    with pytest.raises(PageTokenInvalidError) as raised:
        client.list_messages(server.live_chat_id, "not-a-recorded-token")

    assert raised.value.status == 400
    assert raised.value.reason == "pageTokenInvalid"


def test_wrong_chat_id_raises_not_found(
    server: ReplayServer, client: YouTubeClient
) -> None:
    with pytest.raises(ChatNotFoundError) as raised:
        client.list_messages("someOtherChatId")

    assert raised.value.status == 404


def test_missing_key_returns_forbidden(server: ReplayServer) -> None:
    response = get(server, MESSAGES_PATH, liveChatId=server.live_chat_id, part="id")

    assert response.status_code == 403
    assert response.json()["error"]["errors"][0]["reason"] == "forbidden"


def test_missing_parameter_returns_required(server: ReplayServer) -> None:
    response = get(server, MESSAGES_PATH, part="snippet", key=API_KEY)

    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Required parameter: liveChatId"


def test_unknown_path_returns_json_404(server: ReplayServer) -> None:
    response = get(server, "/youtube/v3/search", key=API_KEY)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == 404


def test_videos_returns_recording_with_requested_id(server: ReplayServer) -> None:
    response = get(
        server, VIDEOS_PATH, part="liveStreamingDetails", id="abcDEF_-123", key=API_KEY
    )

    video = response.json()["items"][0]
    assert response.status_code == 200
    assert video["id"] == "abcDEF_-123"
    assert video["liveStreamingDetails"]["activeLiveChatId"] == server.live_chat_id
    assert video["liveStreamingDetails"]["concurrentViewers"] == "1432"


def test_demo_video_id_and_chat_id(server: ReplayServer, client: YouTubeClient) -> None:
    status = client.fetch_video_status(server.video_id)

    assert server.video_id == "demoVideo01"
    assert status.live_chat_id == server.live_chat_id


def test_videos_synthesized_from_first_item(no_leftover_threads: None) -> None:
    pages = [
        messages_page(0, "t1"),
        messages_page(1, "t2", [text_item("m1", "chatFromItems", "hi")]),
    ]

    with ReplayServer(pages) as server:
        api_client = YouTubeClient(
            API_KEY, base_url=server.base_url, timeout_s=TIMEOUT_S
        )
        status = api_client.fetch_video_status("zyxwvutsrqp")
        api_client.close()

    assert server.video_id == "demoVideo01"
    assert status.video_id == "zyxwvutsrqp"
    assert status.live_chat_id == "chatFromItems"


def test_videos_synthesized_without_items(no_leftover_threads: None) -> None:
    with ReplayServer([messages_page(0, "t1")]) as server:
        api_client = YouTubeClient(
            API_KEY, base_url=server.base_url, timeout_s=TIMEOUT_S
        )
        status = api_client.fetch_video_status(server.video_id)
        first_page = api_client.list_messages("replayChat")
        api_client.close()

    assert status.live_chat_id == "replayChat"
    assert first_page.next_page_token == "t1"


def test_video_id_falls_back_when_invalid() -> None:
    recorded_id = RecordedPage(START, VIDEOS_PATH, {"items": [{"id": "abcDEF_-123"}]})
    invalid_id = RecordedPage(START, VIDEOS_PATH, {"items": [{"id": "too short"}]})

    valid_server = ReplayServer([recorded_id, messages_page(1, "t1")])
    invalid_server = ReplayServer([invalid_id, messages_page(1, "t1")])

    assert valid_server.video_id == "abcDEF_-123"
    assert invalid_server.video_id == "demoVideo01"


def test_repeated_token_still_advances(no_leftover_threads: None) -> None:
    chat_id = "repeatChat"
    pages = [
        messages_page(0, "same", [text_item("m1", chat_id, "one")]),
        messages_page(1, "same", [text_item("m2", chat_id, "two")]),
        messages_page(2, "last", [text_item("m3", chat_id, "three")]),
    ]

    with ReplayServer(pages) as server:
        api_client = YouTubeClient(
            API_KEY, base_url=server.base_url, timeout_s=TIMEOUT_S
        )
        token: str | None = None
        ids: list[str] = []
        for _ in range(3):
            page = api_client.list_messages(chat_id, token)
            ids.extend(event.id for event in page.events)
            token = page.next_page_token
        api_client.close()

    assert ids == ["m1", "m2", "m3"]


def test_placeholder_replaced_in_served_bodies(
    server: ReplayServer, client: YouTubeClient
) -> None:
    events, _ = follow_all_pages(client, server)

    avatar_urls = [
        event.author_avatar_url for event in events if event.author_avatar_url
    ]
    assert avatar_urls
    assert all(url.startswith(server.base_url + "/avatars/") for url in avatar_urls)
    assert not any(REPLAY_BASE_PLACEHOLDER in url for url in avatar_urls)


def test_placeholder_replaced_at_any_depth(no_leftover_threads: None) -> None:
    item = text_item("m1", "deepChat", "see {{replay_base}}/notes and {{replay_base}}")
    item["snippet"]["extra"] = [{"link": "{{replay_base}}/avatars/u001"}]
    pages = [messages_page(0, "t1", [item])]

    with ReplayServer(pages) as server:
        response = get(
            server, MESSAGES_PATH, liveChatId="deepChat", part="snippet", key=API_KEY
        )
        snippet = response.json()["items"][0]["snippet"]

        assert snippet["textMessageDetails"]["messageText"] == (
            f"see {server.base_url}/notes and {server.base_url}"
        )
        assert snippet["extra"][0]["link"] == f"{server.base_url}/avatars/u001"


def test_avatar_is_png_of_default_size(server: ReplayServer) -> None:
    response = get(server, "/avatars/u017=s88-c-k-c0x00ffffff-no-rj")

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/png"
    assert png_size(response.content) == (88, 88)


@pytest.mark.parametrize(
    ("resource", "expected_px"),
    [
        ("u017", 88),
        ("u017=s32-c-k-c0x00ffffff-no-rj", 32),
        ("u017=s4000", 256),
        ("u017=s2-c", 16),
    ],
)
def test_avatar_size_from_url(
    server: ReplayServer, resource: str, expected_px: int
) -> None:
    response = get(server, "/avatars/" + resource)

    assert png_size(response.content) == (expected_px, expected_px)


def test_missing_avatar_returns_404(server: ReplayServer) -> None:
    response = get(server, "/avatars/missing-u003=s88-c-k-c0x00ffffff-no-rj")

    assert response.status_code == 404


def test_broken_avatar_is_not_an_image(server: ReplayServer) -> None:
    response = get(server, "/avatars/broken-u011=s88-c-k-c0x00ffffff-no-rj")

    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert not response.content.startswith(PNG_SIGNATURE)


def test_slow_avatar_arrives_late(server: ReplayServer) -> None:
    started = time.monotonic()

    response = get(server, "/avatars/slow-u006=s88-c-k-c0x00ffffff-no-rj")

    assert time.monotonic() - started >= 0.2
    assert png_size(response.content) == (88, 88)


def test_avatars_differ_by_name_only() -> None:
    first = avatar_png("u001")
    again = avatar_png("u001")
    other = avatar_png("u002")

    assert first == again
    assert first != other


def test_stop_interrupts_slow_avatar(
    demo_pages: list[RecordedPage], no_leftover_threads: None
) -> None:
    server = ReplayServer(demo_pages, slow_avatar_delay_s=30.0)
    server.start()
    statuses: list[int] = []
    fetcher = threading.Thread(
        target=lambda: statuses.append(
            get(server, "/avatars/slow-u001", key=API_KEY).status_code
        )
    )
    fetcher.start()
    deadline = time.monotonic() + 5.0
    while server.request_count == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    started = time.monotonic()

    server.stop()
    fetcher.join(timeout=5.0)

    assert time.monotonic() - started < 5.0
    assert statuses == [200]


def test_api_key_never_logged(
    server: ReplayServer,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG, logger="livechat_desktop.replay")

    get(server, MESSAGES_PATH, liveChatId="x", part="id", key=API_KEY)
    get(server, "/avatars/missing-u1", key=API_KEY)

    assert "GET /youtube/v3/liveChat/messages -> 404" in caplog.text
    assert API_KEY not in caplog.text
    assert API_KEY not in capsys.readouterr().err
    assert all("?" not in path for path in server.request_paths)


def test_stop_is_idempotent_and_final(
    demo_pages: list[RecordedPage], no_leftover_threads: None
) -> None:
    server = ReplayServer(demo_pages)
    server.start()

    server.stop()
    server.stop()

    with pytest.raises(RuntimeError):
        server.start()


def test_base_url_before_start_raises(demo_pages: list[RecordedPage]) -> None:
    server = ReplayServer(demo_pages)

    with pytest.raises(RuntimeError, match="not started"):
        _ = server.base_url


def test_base_url_is_loopback(server: ReplayServer) -> None:
    assert server.base_url.startswith("http://127.0.0.1:")
    assert not server.base_url.endswith(":0")


def test_request_log_counts_requests(server: ReplayServer) -> None:
    get(server, "/avatars/u001")
    get(server, VIDEOS_PATH, id="demoVideo01", part="id", key=API_KEY)

    assert server.request_count == 2
    assert server.request_paths == ("/avatars/u001", VIDEOS_PATH)


def test_error_body_is_utf8_json(server: ReplayServer) -> None:
    response = get(server, "/nowhere")

    assert response.headers["Content-Type"].startswith("application/json")
    assert json.loads(response.content.decode("utf-8"))["error"]["code"] == 404
