"""A local fake YouTube API and avatar server for the benchmarks.

It binds 127.0.0.1 and handles the two API calls of `YouTubeClient`:
`videos.list` returns a live chat id, and every `liveChatMessages.list`
request returns a new page of generated items with the configured
`pollingIntervalMillis`. `GET /avatars/<name>=<options>` returns a PNG after
an optional delay, which the avatar storm uses to make every avatar slow.

The server runs in the benchmark driver, not in the measured process, so its
threads do not compete with the measured GUI thread for the GIL.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

from bench_pages import LIVE_CHAT_ID, VIDEO_ID, PageBuilder

from livechat_desktop.replay.avatars import avatar_png
from livechat_desktop.youtube.client import MESSAGES_PATH, VIDEOS_PATH

logger = logging.getLogger(__name__)

AVATARS_PATH = "/avatars/"
AVATAR_SIZE_PX = 88
# Distinct PNGs to serve. Rendering one in pure Python takes milliseconds, so
# a small set is rendered once and each author name maps to one of them. The
# app still fetches and decodes every URL on its own.
AVATAR_IMAGE_COUNT = 16


class BenchServer:
    """The fake API and avatar server, serving from a background thread.

    Args:
        builder: Makes the items of each message page.
        page_size: Items per message page.
        interval_ms: The `pollingIntervalMillis` of every page.
        avatar_delay_s: How long each avatar response is held back.
    """

    def __init__(
        self,
        builder: PageBuilder,
        *,
        page_size: int = 500,
        interval_ms: int = 1000,
        avatar_delay_s: float = 0.0,
    ) -> None:
        self.builder = builder
        self.page_size = page_size
        self.interval_ms = interval_ms
        self.avatar_delay_s = avatar_delay_s
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.pages_served = 0
        self.avatars_served = 0
        self.avatar_images = [
            avatar_png(f"bench-avatar-{index}", AVATAR_SIZE_PX)
            for index in range(AVATAR_IMAGE_COUNT)
        ]
        self._http_server = _HttpServer(("127.0.0.1", 0), _RequestHandler, self)
        self._thread = threading.Thread(
            target=self._http_server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="bench-server",
            daemon=True,
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._http_server.server_port}"

    def start(self) -> None:
        self._thread.start()
        logger.info("Benchmark server started at %s", self.base_url)

    def stop(self) -> None:
        """Stop serving and join the request threads."""
        self.stopping.set()
        self._http_server.shutdown()
        self._http_server.server_close()
        self._thread.join()
        logger.info(
            "Benchmark server at %s stopped after %d pages and %d avatars",
            self.base_url,
            self.pages_served,
            self.avatars_served,
        )

    def __enter__(self) -> BenchServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def respond(self, path: str, query: dict[str, list[str]]) -> tuple[int, str, bytes]:
        """Return the status, content type and body for one GET request."""
        if path.startswith(AVATARS_PATH):
            return self._avatar(path.removeprefix(AVATARS_PATH))
        if not query.get("key"):
            return _json(403, {"error": {"code": 403, "message": "No API key."}})
        if path == VIDEOS_PATH:
            video = {
                "kind": "youtube#video",
                "id": VIDEO_ID,
                "liveStreamingDetails": {"activeLiveChatId": LIVE_CHAT_ID},
            }
            return _json(200, {"items": [video]})
        if path == MESSAGES_PATH:
            with self.lock:
                body = self.builder.page_bytes(self.page_size, self.interval_ms)
                self.pages_served += 1
            return 200, "application/json; charset=UTF-8", body
        return _json(404, {"error": {"code": 404, "message": "Not Found"}})

    def _avatar(self, resource: str) -> tuple[int, str, bytes]:
        name = urllib.parse.unquote(resource).partition("=")[0]
        digest = hashlib.sha256(name.encode("utf-8")).digest()
        if self.avatar_delay_s > 0:
            self.stopping.wait(self.avatar_delay_s)
        with self.lock:
            self.avatars_served += 1
        return 200, "image/png", self.avatar_images[digest[0] % AVATAR_IMAGE_COUNT]


def _json(status: int, document: Any) -> tuple[int, str, bytes]:
    return status, "application/json; charset=UTF-8", json.dumps(document).encode()


class _HttpServer(ThreadingHTTPServer):
    # server_close() joins the request threads, which end promptly because a
    # delayed avatar waits on `BenchServer.stopping`.
    daemon_threads = False
    block_on_close = True

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[BaseHTTPRequestHandler],
        bench: BenchServer,
    ) -> None:
        super().__init__(address, handler)
        self.bench = bench

    def handle_error(self, request: Any, client_address: Any) -> None:
        # The measured process may close a connection while an avatar is
        # delayed, when it exits; that is expected and not worth a traceback.
        error = sys.exc_info()[1]
        logger.debug("Request from %s failed: %r", client_address, error)


class _RequestHandler(BaseHTTPRequestHandler):
    server: _HttpServer
    timeout = 10.0

    def do_GET(self) -> None:
        split = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(split.query)
        status, content_type, body = self.server.bench.respond(split.path, query)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        # The default writes each request line, API key included, to stderr.
        pass
