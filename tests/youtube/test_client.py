"""Tests of `YouTubeClient` against a local HTTP server that replays real bodies."""

from __future__ import annotations

import email.utils
import json
import logging
import socket
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from livechat_desktop.youtube.client import (
    MAX_RESULTS,
    MESSAGES_PATH,
    VIDEOS_PATH,
    YouTubeClient,
)
from livechat_desktop.youtube.errors import (
    ApiError,
    InvalidApiKeyError,
    NetworkError,
    QuotaExceededError,
    RateLimitedError,
    ServerError,
    VideoNotFoundError,
)
from tests.fixtures import fixture_path, load_fixture

API_KEY = "AIzaFAKEKEY-test-123"
VIDEO_ID = "fakeVid0008"
LIVE_CHAT_ID = (
    "Cg0KC2Zha2VWaWQwMDA4KicKGFVDcGxhY2Vob2xkZXJBX3RqN1Q4ZzQ4bRILZmFrZVZpZDAwMDg"
)

VIDEOS_LIVE = (
    "videos_list_response_2024_part_liveStreamingDetails_"
    "live_with_activeLiveChatId.json"
)
VIDEO_ENDED = "videos_item_fragment_2022_ended_stream_no_activeLiveChatId.json"
PAGE_2020 = "livechat_list_response_2020_textMessageEvent_51items.json"
PAGE_2025 = "livechat_list_response_2025_envelope_first_item_only.json"
QUOTA_EXCEEDED = "error_403_quotaExceeded_youtube.quota.json"
KEY_INVALID = "error_400_keyInvalid_legacy_usageLimits.json"

HTML_PAGE = b"<html><head><title>502 Bad Gateway</title></head><body></body></html>"

# pytest-httpserver's own access log (logger `werkzeug`) prints each request
# line, key included. That log belongs to the test server, not to the client.
TEST_SERVER_LOGGER = "werkzeug"


@pytest.fixture
def client(httpserver: HTTPServer) -> Iterator[YouTubeClient]:
    client = YouTubeClient(
        API_KEY, base_url=httpserver.url_for(""), timeout_s=(2.0, 5.0)
    )
    yield client
    client.close()


def _request_args(httpserver: HTTPServer) -> dict[str, str]:
    """Return the query parameters of the one request the server received."""
    assert len(httpserver.log) == 1
    request, _ = httpserver.log[0]
    args: dict[str, str] = request.args.to_dict()
    return args


def _client_log_text(caplog: pytest.LogCaptureFixture) -> str:
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    return "\n".join(
        formatter.format(record)
        for record in caplog.records
        if not record.name.startswith(TEST_SERVER_LOGGER)
    )


def _assert_key_hidden(error: ApiError, caplog: pytest.LogCaptureFixture) -> None:
    texts = {
        "str": str(error),
        "user_message": error.user_message,
        "repr": repr(error),
        "traceback": "".join(traceback.format_exception(error)),
        "log": _client_log_text(caplog),
    }
    for where, text in texts.items():
        assert API_KEY not in text, where


# Successful calls.


def test_fetch_video_status_returns_live_chat_id(
    httpserver: HTTPServer, client: YouTubeClient
) -> None:
    httpserver.expect_request(VIDEOS_PATH, method="GET").respond_with_json(
        load_fixture(VIDEOS_LIVE)
    )

    status = client.fetch_video_status(VIDEO_ID)

    assert _request_args(httpserver) == {
        "part": "liveStreamingDetails",
        "id": VIDEO_ID,
        "key": API_KEY,
    }
    assert status.video_id == VIDEO_ID
    assert status.live_chat_id == LIVE_CHAT_ID
    assert status.scheduled_start == datetime(2024, 1, 11, 0, 5, tzinfo=UTC)
    assert status.actual_end is None


def test_fetch_video_status_of_ended_stream(
    httpserver: HTTPServer, client: YouTubeClient
) -> None:
    body = {"kind": "youtube#videoListResponse", "items": [load_fixture(VIDEO_ENDED)]}
    httpserver.expect_request(VIDEOS_PATH).respond_with_json(body)

    status = client.fetch_video_status("fakeVid0022")

    assert status.live_chat_id is None
    assert status.actual_end == datetime(2022, 4, 10, 17, 17, 9, tzinfo=UTC)


def test_fetch_video_status_of_video_without_stream(
    httpserver: HTTPServer, client: YouTubeClient
) -> None:
    body = {"items": [{"kind": "youtube#video", "id": "fakeVid0023"}]}
    httpserver.expect_request(VIDEOS_PATH).respond_with_json(body)

    status = client.fetch_video_status("fakeVid0023")

    assert status.live_chat_id is None
    assert status.actual_end is None


def test_fetch_video_status_unknown_video_raises(
    httpserver: HTTPServer, client: YouTubeClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    body = {"kind": "youtube#videoListResponse", "items": []}
    httpserver.expect_request(VIDEOS_PATH).respond_with_json(body)

    with pytest.raises(VideoNotFoundError) as excinfo:
        client.fetch_video_status("fakeVid0404")

    assert "fakeVid0404" in excinfo.value.user_message
    _assert_key_hidden(excinfo.value, caplog)


def test_list_messages_sends_chat_parameters(
    httpserver: HTTPServer, client: YouTubeClient
) -> None:
    body = load_fixture(PAGE_2020)
    httpserver.expect_request(MESSAGES_PATH, method="GET").respond_with_json(body)

    page = client.list_messages(LIVE_CHAT_ID)

    assert _request_args(httpserver) == {
        "liveChatId": LIVE_CHAT_ID,
        "part": "snippet,authorDetails",
        "maxResults": str(MAX_RESULTS),
        "key": API_KEY,
    }
    assert page.next_page_token == body["nextPageToken"]
    assert page.polling_interval_ms == body["pollingIntervalMillis"]
    assert len(page.events) == len(body["items"])


def test_list_messages_sends_page_token_when_given(
    httpserver: HTTPServer, client: YouTubeClient
) -> None:
    body = load_fixture(PAGE_2025)
    httpserver.expect_request(MESSAGES_PATH).respond_with_json(body)

    page = client.list_messages(LIVE_CHAT_ID, page_token="GK_ynav8tc4CIKmcwc7_tc4C")

    assert _request_args(httpserver)["pageToken"] == "GK_ynav8tc4CIKmcwc7_tc4C"
    assert page.next_page_token == body["nextPageToken"]
    assert page.polling_interval_ms == body["pollingIntervalMillis"]


def test_page_observer_sees_each_good_body(httpserver: HTTPServer) -> None:
    body = load_fixture(PAGE_2025)
    httpserver.expect_request(MESSAGES_PATH).respond_with_json(body)
    seen: list[tuple[str, Any]] = []
    client = YouTubeClient(
        API_KEY,
        base_url=httpserver.url_for(""),
        page_observer=lambda path, raw: seen.append((path, raw)),
    )

    with closing(client):
        client.list_messages(LIVE_CHAT_ID)

    assert seen == [(MESSAGES_PATH, body)]


# Failed calls. Every case also checks that the API key stays hidden.


class Reply(NamedTuple):
    status: int
    body: bytes
    headers: dict[str, str]


def _json_reply(status: int, body: object) -> Reply:
    return Reply(status, json.dumps(body).encode(), {})


def _http_date_in(seconds: float) -> str:
    moment = datetime.now(UTC) + timedelta(seconds=seconds)
    return email.utils.format_datetime(moment, usegmt=True)


ERROR_REPLIES = [
    pytest.param(
        lambda: Reply(403, fixture_path(QUOTA_EXCEEDED).read_bytes(), {}),
        QuotaExceededError,
        id="quotaExceeded 403",
    ),
    pytest.param(
        lambda: Reply(400, fixture_path(KEY_INVALID).read_bytes(), {}),
        InvalidApiKeyError,
        id="keyInvalid 400",
    ),
    pytest.param(
        lambda: _json_reply(
            500,
            {
                "error": {
                    "code": 500,
                    "message": "Backend Error",
                    "errors": [{"reason": "backendError", "domain": "global"}],
                }
            },
        ),
        ServerError,
        id="500",
    ),
    pytest.param(
        lambda: Reply(502, HTML_PAGE, {"Content-Type": "text/html"}),
        ServerError,
        id="HTML 502",
    ),
    pytest.param(
        lambda: Reply(200, HTML_PAGE, {"Content-Type": "text/html"}),
        ServerError,
        id="HTML 200",
    ),
    pytest.param(
        lambda: _json_reply(200, {"items": "none"}),
        ServerError,
        id="200 items not a list",
    ),
    pytest.param(
        lambda: _json_reply(200, []),
        ServerError,
        id="200 body a list",
    ),
    pytest.param(
        lambda: Reply(429, b"", {"Retry-After": "7"}),
        RateLimitedError,
        id="429 seconds",
    ),
    pytest.param(
        lambda: Reply(429, b"", {"Retry-After": _http_date_in(30)}),
        RateLimitedError,
        id="429 http date",
    ),
]

CALLS = [
    pytest.param(VIDEOS_PATH, id="videos"),
    pytest.param(MESSAGES_PATH, id="messages"),
]


def _call(client: YouTubeClient, path: str) -> None:
    if path == VIDEOS_PATH:
        client.fetch_video_status(VIDEO_ID)
    else:
        client.list_messages(LIVE_CHAT_ID, page_token="GK_ynav8tc4CIKmcwc7_tc4C")


@pytest.mark.parametrize("path", CALLS)
@pytest.mark.parametrize(("make_reply", "expected_type"), ERROR_REPLIES)
def test_error_reply_raises_without_key(
    path: str,
    make_reply: Callable[[], Reply],
    expected_type: type[ApiError],
    httpserver: HTTPServer,
    client: YouTubeClient,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    reply = make_reply()
    httpserver.expect_request(path).respond_with_data(
        reply.body, status=reply.status, headers=reply.headers
    )

    with pytest.raises(ApiError) as excinfo:
        _call(client, path)

    assert type(excinfo.value) is expected_type
    _assert_key_hidden(excinfo.value, caplog)


def test_rate_limit_retry_after_seconds(
    httpserver: HTTPServer, client: YouTubeClient
) -> None:
    httpserver.expect_request(MESSAGES_PATH).respond_with_data(
        b"", status=429, headers={"Retry-After": "7"}
    )

    with pytest.raises(RateLimitedError) as excinfo:
        client.list_messages(LIVE_CHAT_ID)

    assert excinfo.value.retry_after_s == 7.0


def test_rate_limit_retry_after_http_date(
    httpserver: HTTPServer, client: YouTubeClient
) -> None:
    httpserver.expect_request(MESSAGES_PATH).respond_with_data(
        b"", status=429, headers={"Retry-After": _http_date_in(30)}
    )

    with pytest.raises(RateLimitedError) as excinfo:
        client.list_messages(LIVE_CHAT_ID)

    # An HTTP date has whole seconds, so up to one second of the wait is lost.
    retry_after_s = excinfo.value.retry_after_s
    assert retry_after_s is not None
    assert 25.0 <= retry_after_s <= 30.0


@pytest.fixture
def slow_server(httpserver: HTTPServer) -> Iterator[HTTPServer]:
    """The test server, with handlers that wait up to 5 s before they reply.

    The wait ends at teardown, so the single-threaded server is free for the
    next test.
    """
    release = threading.Event()

    def reply_late(request: Request) -> Response:
        release.wait(timeout=5.0)
        return Response(json.dumps({"items": []}), content_type="application/json")

    httpserver.expect_request(VIDEOS_PATH).respond_with_handler(reply_late)
    httpserver.expect_request(MESSAGES_PATH).respond_with_handler(reply_late)
    yield httpserver
    release.set()


@pytest.mark.parametrize("path", CALLS)
def test_read_timeout_raises_network_error(
    path: str, slow_server: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client = YouTubeClient(
        API_KEY, base_url=slow_server.url_for(""), timeout_s=(1.0, 0.3)
    )

    with closing(client), pytest.raises(NetworkError) as excinfo:
        _call(client, path)

    _assert_key_hidden(excinfo.value, caplog)


def _closed_port() -> int:
    """Return a loopback port that nothing listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.mark.parametrize("path", CALLS)
def test_connection_refused_raises_network_error(
    path: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client = YouTubeClient(
        API_KEY, base_url=f"http://127.0.0.1:{_closed_port()}", timeout_s=(1.0, 1.0)
    )

    with closing(client), pytest.raises(NetworkError) as excinfo:
        _call(client, path)

    _assert_key_hidden(excinfo.value, caplog)
