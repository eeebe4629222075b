"""The client's limits on time, size and redirects, against a local server."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from livechat_desktop.youtube.client import MESSAGES_PATH, YouTubeClient
from livechat_desktop.youtube.errors import (
    BodyTooLargeError,
    NetworkError,
    RequestRejectedError,
    ServerError,
)

KEY = "AIzaFAKEKEY-limits-test"


def _client(server: HTTPServer, total_timeout_s: float = 30.0) -> YouTubeClient:
    base_url = server.url_for("/").rstrip("/")
    return YouTubeClient(
        KEY, base_url=base_url, timeout_s=(2, 2), total_timeout_s=total_timeout_s
    )


def test_trickling_response_times_out(httpserver: HTTPServer) -> None:
    def trickle() -> Iterator[bytes]:
        for _ in range(40):
            time.sleep(0.1)
            yield b" "

    httpserver.expect_request(MESSAGES_PATH).respond_with_handler(
        lambda request: Response(trickle(), content_type="application/json")
    )
    client = _client(httpserver, total_timeout_s=1.0)
    started = time.monotonic()

    with pytest.raises(NetworkError, match="timed out"):
        client.list_messages("chat")

    assert time.monotonic() - started < 3.5
    client.close()


def test_oversized_body_is_rejected(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("livechat_desktop.youtube.client.MAX_BODY_BYTES", 1000)
    httpserver.expect_request(MESSAGES_PATH).respond_with_data(
        b'{"items": [' + b'"x", ' * 500 + b'"x"]}', content_type="application/json"
    )
    client = _client(httpserver)

    with pytest.raises(BodyTooLargeError):
        client.list_messages("chat")

    client.close()


def test_redirect_is_not_followed(httpserver: HTTPServer) -> None:
    target = httpserver.url_for("/elsewhere")
    httpserver.expect_request(MESSAGES_PATH).respond_with_handler(
        lambda request: Response(status=302, headers={"Location": target})
    )
    client = _client(httpserver)

    with pytest.raises(RequestRejectedError, match="302"):
        client.list_messages("chat")

    paths = [request.path for request, _response in httpserver.log]
    assert paths == [MESSAGES_PATH]
    client.close()


def test_deeply_nested_json_is_a_server_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request(MESSAGES_PATH).respond_with_data(
        b"[" * 100_000 + b"]" * 100_000, content_type="application/json"
    )
    client = _client(httpserver)

    with pytest.raises(ServerError):
        client.list_messages("chat")

    client.close()
