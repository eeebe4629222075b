"""A scripted YouTube API on pytest-httpserver that records what it is asked."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

LIVE_CHAT_ID = "Cg0KC2Zha2VWaWQwMDAxKicKGFVDcGxhY2Vob2xkZXI"
VIDEO_ID = "fakeVid0001"


# A scripted response: status, body, headers and a delay in seconds.
_Scripted = tuple[int, Any, dict[str, str], float]


@dataclass(frozen=True)
class RecordedRequest:
    path: str
    args: dict[str, str]
    at_s: float


def videos_body(
    live_chat_id: str | None = LIVE_CHAT_ID, **details: str
) -> dict[str, Any]:
    streaming: dict[str, str] = dict(details)
    if live_chat_id is not None:
        streaming["activeLiveChatId"] = live_chat_id
    return {
        "kind": "youtube#videoListResponse",
        "items": [
            {"kind": "youtube#video", "id": VIDEO_ID, "liveStreamingDetails": streaming}
        ],
    }


def message_item(message_id: str, text: str, **snippet: Any) -> dict[str, Any]:
    details = {}
    if snippet.get("type", "textMessageEvent") == "textMessageEvent":
        details["textMessageDetails"] = {"messageText": text}
    return {
        "kind": "youtube#liveChatMessage",
        "id": message_id,
        "snippet": {
            "type": "textMessageEvent",
            "liveChatId": LIVE_CHAT_ID,
            "authorChannelId": "UCauthor",
            "publishedAt": "2026-01-01T00:00:00.000Z",
            "hasDisplayContent": True,
            "displayMessage": text,
            **details,
            **snippet,
        },
        "authorDetails": {"channelId": "UCauthor", "displayName": "Author"},
    }


def page_body(
    items: list[dict[str, Any]], next_token: str, interval_ms: int = 50
) -> dict[str, Any]:
    return {
        "kind": "youtube#liveChatMessageListResponse",
        "pollingIntervalMillis": interval_ms,
        "nextPageToken": next_token,
        "items": items,
    }


def error_body(code: int, reason: str, message: str = "") -> dict[str, Any]:
    return {
        "error": {
            "code": code,
            "message": message or reason,
            "errors": [{"message": message or reason, "reason": reason}],
        }
    }


class FakeYouTube:
    """Serves scripted responses: one queue for videos, one for messages.

    When a queue has one response left, it is served again for every later
    request, so a test can end with a steady state.
    """

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._videos: deque[_Scripted] = deque()
        self._messages: deque[_Scripted] = deque()
        server.expect_request("/youtube/v3/videos").respond_with_handler(
            lambda request: self._serve(request, self._videos)
        )
        server.expect_request("/youtube/v3/liveChat/messages").respond_with_handler(
            lambda request: self._serve(request, self._messages)
        )

    @property
    def base_url(self) -> str:
        return self.server.url_for("/").rstrip("/")

    def add_video(self, body: Any, status: int = 200) -> None:
        self._videos.append((status, body, {}, 0.0))

    def add_page(
        self,
        body: Any,
        status: int = 200,
        headers: dict[str, str] | None = None,
        *,
        delay_s: float = 0.0,
    ) -> None:
        """Queue a messages response; `delay_s` delays it, like a stall."""
        self._messages.append((status, body, headers or {}, delay_s))

    def message_requests(self) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.path.endswith("/messages")]

    def _serve(self, request: Request, queue: deque[_Scripted]) -> Response:
        with self._lock:
            self.requests.append(
                RecordedRequest(request.path, dict(request.args), time.monotonic())
            )
            status, body, headers, delay_s = (
                queue[0] if len(queue) == 1 else queue.popleft()
            )
        if delay_s:
            time.sleep(delay_s)
        text = body if isinstance(body, str) else json.dumps(body)
        content_type = "text/html" if isinstance(body, str) else "application/json"
        return Response(text, status=status, headers=headers, content_type=content_type)
