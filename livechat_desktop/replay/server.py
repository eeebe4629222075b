"""A local HTTP server that replays a recording in the YouTube API's format.

`ReplayServer` handles the two calls that `YouTubeClient` makes, so the real
client, poller and window run unchanged against a recording:

- `GET /youtube/v3/videos` returns the last recorded `videos.list` body with
  `items[0].id` set to the requested id, or a synthesized one.
- `GET /youtube/v3/liveChat/messages` returns the recorded pages in order,
  following `nextPageToken`. Each page's `pollingIntervalMillis` is the
  recorded gap to the next page, so the client replays at the recorded pace.
  After the last page the server returns the API's `liveChatEnded` error.
- `GET /avatars/<name>` returns a generated PNG, so recorded avatar URLs that
  start with `{{replay_base}}` resolve to this server.

Error bodies have the API's shape (`error.code`, `error.message` and
`error.errors[0].reason`), so the client maps them to its usual exceptions.
The server binds to 127.0.0.1 by default and never logs query strings,
because they contain the API key.
"""

from __future__ import annotations

import copy
import json
import logging
import re
import sys
import threading
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

from livechat_desktop.replay.avatars import DEFAULT_SIZE_PX, avatar_png
from livechat_desktop.replay.recording import RecordedPage
from livechat_desktop.youtube.client import MESSAGES_PATH, VIDEOS_PATH

logger = logging.getLogger(__name__)

# Recorded strings that contain this text get the server's base URL in its
# place, for example `{{replay_base}}/avatars/u017=s88-c-k-c0x00ffffff-no-rj`.
REPLAY_BASE_PLACEHOLDER = "{{replay_base}}"

DEFAULT_VIDEO_ID = "demoVideo01"
DEFAULT_LIVE_CHAT_ID = "replayChat"
AVATARS_PATH = "/avatars/"
SLOW_AVATAR_DELAY_S = 1.5

_VIDEO_ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{11}")
# The size option of a YouTube image URL, as in `=s88-c-k-c0x00ffffff-no-rj`.
_AVATAR_SIZE_PATTERN = re.compile(r"(?:^|-)s(\d{1,4})(?:-|$)")

_CHAT_ENDED_MESSAGE = "The live chat is no longer live."


@dataclass(frozen=True, slots=True)
class _Response:
    status: int
    content_type: str
    body: bytes
    delay_s: float = 0.0


def _json_response(status: int, document: object) -> _Response:
    body = json.dumps(document, ensure_ascii=False).encode("utf-8")
    return _Response(status, "application/json; charset=UTF-8", body)


def _api_error(status: int, message: str, reason: str, domain: str) -> _Response:
    """Build an error response with the body shape the YouTube API uses."""
    document = {
        "error": {
            "code": status,
            "message": message,
            "errors": [{"message": message, "domain": domain, "reason": reason}],
        }
    }
    return _json_response(status, document)


def replace_placeholder(value: Any, base_url: str) -> Any:
    """Return a copy of a JSON value with `{{replay_base}}` set to `base_url`.

    Every string value is rewritten, at any depth. Object keys are kept.
    """
    return _replace_strings(value, REPLAY_BASE_PLACEHOLDER, base_url)


def restore_placeholder(value: Any, base_url: str) -> Any:
    """Return a copy of a served JSON value with `base_url` back as the placeholder.

    A recording made while replaying then points its avatars at whichever
    server replays it next, not at this server's port.
    """
    return _replace_strings(value, base_url, REPLAY_BASE_PLACEHOLDER)


def _replace_strings(value: Any, old: str, new: str) -> Any:
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, list):
        return [_replace_strings(item, old, new) for item in value]
    if isinstance(value, dict):
        return {key: _replace_strings(item, old, new) for key, item in value.items()}
    return value


class ReplayServer:
    """HTTP server that replays a recording from a daemon thread.

    Args:
        pages: The recording, as `load_recording` returns it.
        host: The IPv4 address to bind. Keep the loopback default unless
            another machine has to reach the server.
        port: The port to bind, or 0 for a free one.
        slow_avatar_delay_s: How long an avatar whose name starts with `slow`
            takes to arrive.
    """

    def __init__(
        self,
        pages: Sequence[RecordedPage],
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        slow_avatar_delay_s: float = SLOW_AVATAR_DELAY_S,
    ) -> None:
        self._host = host
        self._port = port
        self._slow_avatar_delay_s = slow_avatar_delay_s

        message_pages = [page for page in pages if page.path == MESSAGES_PATH]
        video_pages = [page for page in pages if page.path == VIDEOS_PATH]
        self._message_bodies = _paced_bodies(message_pages)
        self._next_tokens = [_next_page_token(body) for body in self._message_bodies]
        recorded_chat_id = _first_live_chat_id(self._message_bodies)
        self._recorded_videos_body = video_pages[-1].body if video_pages else None
        self._video_id = _recorded_video_id(self._recorded_videos_body)
        self._live_chat_id = (
            _active_live_chat_id(self._recorded_videos_body)
            or recorded_chat_id
            or DEFAULT_LIVE_CHAT_ID
        )
        self._accepted_chat_ids = {self._live_chat_id}
        if recorded_chat_id is not None:
            self._accepted_chat_ids.add(recorded_chat_id)

        self._lock = threading.Lock()
        self._request_paths: list[str] = []
        # Index of the last page served, so a token that the recording repeats
        # on consecutive pages still moves forward.
        self._last_served_index = -1
        self._stopping = threading.Event()
        self._http_server: _HttpServer | None = None
        self._thread: threading.Thread | None = None
        self._base_url: str | None = None
        self._served_pages: list[bytes | None] = []

    @property
    def base_url(self) -> str:
        """The server's scheme, host and port, such as `http://127.0.0.1:8123`.

        Raises:
            RuntimeError: The server is not started.
        """
        if self._base_url is None:
            raise RuntimeError("The replay server is not started. Call start() first.")
        return self._base_url

    @property
    def video_id(self) -> str:
        """The recorded video id, or `demoVideo01` if none was recorded."""
        return self._video_id

    @property
    def live_chat_id(self) -> str:
        """The live chat id that the served `videos.list` body names."""
        return self._live_chat_id

    @property
    def page_count(self) -> int:
        """The number of recorded `liveChat/messages` pages."""
        return len(self._message_bodies)

    @property
    def request_count(self) -> int:
        """The number of requests received so far, avatars included."""
        with self._lock:
            return len(self._request_paths)

    @property
    def request_paths(self) -> tuple[str, ...]:
        """The path of each request so far, in arrival order, without queries."""
        with self._lock:
            return tuple(self._request_paths)

    def start(self) -> None:
        """Bind the socket and start serving from a daemon thread.

        Raises:
            OSError: The address cannot be bound.
            RuntimeError: The server was already started.
        """
        if self._http_server is not None or self._stopping.is_set():
            raise RuntimeError("A ReplayServer can be started only once.")
        http_server = _HttpServer((self._host, self._port), _RequestHandler, self)
        self._base_url = f"http://{self._host}:{http_server.server_port}"
        # Each page is serialised when first served, so starting costs nothing
        # per page. The demo waits for its first page.
        self._served_pages = [None] * len(self._message_bodies)
        self._http_server = http_server
        self._thread = threading.Thread(
            target=http_server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="replay-server",
            daemon=True,
        )
        self._thread.start()
        logger.info(
            "Replay server started at %s with %d chat pages",
            self._base_url,
            len(self._message_bodies),
        )

    def stop(self) -> None:
        """Stop serving and join the server's threads. Calling it again does nothing."""
        self._stopping.set()
        http_server, self._http_server = self._http_server, None
        if http_server is None:
            return
        http_server.shutdown()
        # server_close() joins the request threads, which end promptly because
        # delayed avatars wait on `_stopping`.
        http_server.server_close()
        if self._thread is not None:
            self._thread.join()
        logger.info("Replay server at %s stopped", self._base_url)

    def __enter__(self) -> ReplayServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _wait_or_stop(self, delay_s: float) -> None:
        """Sleep for `delay_s`, or less if the server stops meanwhile."""
        self._stopping.wait(delay_s)

    def _respond(self, path: str, query: Mapping[str, list[str]]) -> _Response:
        """Route one GET request to its response."""
        with self._lock:
            self._request_paths.append(path)
        if path.startswith(AVATARS_PATH):
            return self._avatar(path.removeprefix(AVATARS_PATH))
        if path not in (VIDEOS_PATH, MESSAGES_PATH):
            logger.warning("Replay server has no route for %s", path)
            return _api_error(404, "Not Found", "notFound", "global")
        if not _first(query, "key"):
            logger.warning("Rejected a request for %s without an API key", path)
            return _api_error(
                403,
                "The request is missing a valid API key.",
                "forbidden",
                "global",
            )
        if path == VIDEOS_PATH:
            return self._videos(query)
        return self._messages(query)

    def _videos(self, query: Mapping[str, list[str]]) -> _Response:
        requested_id = _first(query, "id")
        if not requested_id:
            return _missing_parameter("id")
        if self._recorded_videos_body is None:
            body = _synthesized_videos_body(requested_id, self._live_chat_id)
        else:
            body = copy.deepcopy(self._recorded_videos_body)
            video = _first_video(body)
            if video is not None:
                video["id"] = requested_id
        return _json_response(200, replace_placeholder(body, self.base_url))

    def _messages(self, query: Mapping[str, list[str]]) -> _Response:
        for name in ("liveChatId", "part"):
            if not _first(query, name):
                return _missing_parameter(name)
        live_chat_id = _first(query, "liveChatId")
        if live_chat_id not in self._accepted_chat_ids:
            logger.warning(
                "Rejected the unknown liveChatId %s, expected %s",
                live_chat_id,
                self._live_chat_id,
            )
            return _api_error(
                404,
                "The live chat that you are trying to retrieve cannot be found. "
                "Check the value of the requests liveChatId parameter to ensure "
                "that it is correct.",
                "liveChatNotFound",
                "youtube.liveChat",
            )

        page_token = _first(query, "pageToken")
        with self._lock:
            index = self._page_index_after(page_token)
            body = None
            if index is not None:
                body = self._served_page(index)
                if body is not None:
                    self._last_served_index = index
        if index is None:
            logger.warning(
                "Rejected page token %s, which no recorded page has", page_token
            )
            return _api_error(
                400,
                "The request specifies an invalid page token.",
                "pageTokenInvalid",
                "youtube.liveChat",
            )
        if body is None:
            logger.info(
                "Replay reached the end of its %d pages", len(self._served_pages)
            )
            return _api_error(
                403, _CHAT_ENDED_MESSAGE, "liveChatEnded", "youtube.liveChat"
            )
        return _Response(200, "application/json; charset=UTF-8", body)

    def _served_page(self, index: int) -> bytes | None:
        """Return page `index` as served, or None past the last page.

        Serialises the page on first use. Call with the lock held.
        """
        if index >= len(self._served_pages):
            return None
        body = self._served_pages[index]
        if body is None:
            page = replace_placeholder(self._message_bodies[index], self.base_url)
            body = json.dumps(page, ensure_ascii=False).encode("utf-8")
            self._served_pages[index] = body
        return body

    def _page_index_after(self, page_token: str | None) -> int | None:
        """Return the index of the page that follows `page_token`, if any.

        Without a token that is page 0. A token that several consecutive
        pages carry resolves to the first of them not yet served. The result
        equals the page count once the last page's token is used.
        """
        if not page_token:
            return 0
        matches = [
            index
            for index, token in enumerate(self._next_tokens)
            if token == page_token
        ]
        if not matches:
            return None
        unserved = [index for index in matches if index >= self._last_served_index]
        return (unserved or matches)[0] + 1

    def _avatar(self, resource: str) -> _Response:
        name, _, options = urllib.parse.unquote(resource).partition("=")
        if not name or "/" in name or name.startswith("missing"):
            return _Response(404, "text/plain; charset=UTF-8", b"Not Found")
        if name.startswith("broken"):
            page = b"<!DOCTYPE html><html><body><p>Not an image</p></body></html>"
            return _Response(200, "text/html; charset=UTF-8", page)
        size_match = _AVATAR_SIZE_PATTERN.search(options)
        size_px = int(size_match.group(1)) if size_match else DEFAULT_SIZE_PX
        delay_s = self._slow_avatar_delay_s if name.startswith("slow") else 0.0
        return _Response(200, "image/png", avatar_png(name, size_px), delay_s)


class _HttpServer(ThreadingHTTPServer):
    # Request threads are joined by server_close(), so stop() leaves none
    # behind.
    daemon_threads = False
    block_on_close = True

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[BaseHTTPRequestHandler],
        replay: ReplayServer,
    ) -> None:
        super().__init__(address, handler)
        self.replay = replay

    def handle_error(self, request: Any, client_address: Any) -> None:
        # socketserver calls this inside its except block. The default prints
        # a traceback to stderr, for example when a client closes its
        # connection before a delayed avatar is written.
        error = sys.exc_info()[1]
        logger.debug("Replay request from %s failed: %r", client_address, error)


class _RequestHandler(BaseHTTPRequestHandler):
    server: _HttpServer
    # Seconds a connection may stay silent before its thread gives up on it.
    timeout = 10.0
    server_version = "LiveChatReplay/1"

    def do_GET(self) -> None:
        split = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(split.query, keep_blank_values=True)
        response = self.server.replay._respond(split.path, query)
        if response.delay_s > 0:
            self.server.replay._wait_or_stop(response.delay_s)
        logger.debug("GET %s -> %d", split.path, response.status)

        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        self.wfile.write(response.body)

    def log_message(self, format: str, *args: Any) -> None:
        # The default writes the request line, with the API key, to stderr.
        pass


def _first(query: Mapping[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[0] if values else None


def _missing_parameter(name: str) -> _Response:
    logger.warning("Rejected a request without the required %s parameter", name)
    return _api_error(400, f"Required parameter: {name}", "required", "global")


def _paced_bodies(pages: Sequence[RecordedPage]) -> list[Any]:
    """Copy the page bodies with `pollingIntervalMillis` set to the recorded gaps.

    The last page keeps its recorded value. A negative gap, from a clock
    change during recording, becomes 0.
    """
    bodies: list[Any] = []
    for index, page in enumerate(pages):
        # Only a top-level key changes, so a shallow copy leaves the recording
        # untouched.
        body = dict(page.body) if isinstance(page.body, dict) else page.body
        if index + 1 < len(pages) and isinstance(body, dict):
            gap = pages[index + 1].received_at - page.received_at
            body["pollingIntervalMillis"] = max(
                0, round(gap / timedelta(milliseconds=1))
            )
        bodies.append(body)
    return bodies


def _next_page_token(body: Any) -> str | None:
    token = body.get("nextPageToken") if isinstance(body, dict) else None
    return token if isinstance(token, str) and token else None


def _first_live_chat_id(bodies: Sequence[Any]) -> str | None:
    """Return the `snippet.liveChatId` of the first recorded item that has one."""
    for body in bodies:
        items = body.get("items") if isinstance(body, dict) else None
        for item in items if isinstance(items, list) else ():
            snippet = item.get("snippet") if isinstance(item, dict) else None
            chat_id = snippet.get("liveChatId") if isinstance(snippet, dict) else None
            if isinstance(chat_id, str) and chat_id:
                return chat_id
    return None


def _first_video(videos_body: Any) -> dict[str, Any] | None:
    items = videos_body.get("items") if isinstance(videos_body, dict) else None
    if isinstance(items, list) and items and isinstance(items[0], dict):
        return items[0]
    return None


def _recorded_video_id(videos_body: Any) -> str:
    video = _first_video(videos_body)
    video_id = video.get("id") if video is not None else None
    if isinstance(video_id, str) and _VIDEO_ID_PATTERN.fullmatch(video_id):
        return video_id
    return DEFAULT_VIDEO_ID


def _active_live_chat_id(videos_body: Any) -> str | None:
    video = _first_video(videos_body)
    details = video.get("liveStreamingDetails") if video is not None else None
    chat_id = details.get("activeLiveChatId") if isinstance(details, dict) else None
    return chat_id if isinstance(chat_id, str) and chat_id else None


def _synthesized_videos_body(video_id: str, live_chat_id: str) -> dict[str, Any]:
    return {
        "kind": "youtube#videoListResponse",
        "etag": "replay",
        "items": [
            {
                "kind": "youtube#video",
                "etag": "replay",
                "id": video_id,
                "liveStreamingDetails": {"activeLiveChatId": live_chat_id},
            }
        ],
        "pageInfo": {"totalResults": 1, "resultsPerPage": 1},
    }
