"""The avatar store against a local server that counts requests per path."""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import struct
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect
from PySide6.QtGui import QColor, QImage, QImageWriter, QPainter
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot
from werkzeug import Request, Response

from livechat_desktop.replay.avatars import avatar_png
from livechat_desktop.ui import chat_model
from livechat_desktop.ui.avatars import (
    FAILURE_LOG_LIMIT,
    MAX_AVATAR_BYTES,
    MAX_AVATAR_PX,
    AvatarDiskCache,
    AvatarStore,
    ImageCache,
    _WorkerPool,
    sized_avatar_url,
    to_device_pixels,
)
from livechat_desktop.ui.chat_model import ChatListModel
from livechat_desktop.ui.delegate import AVATAR_PX, GAP_PX, PADDING_PX, ChatDelegate
from livechat_desktop.ui.window import ChatWindow
from livechat_desktop.youtube.models import ChatEvent
from tests.events import chat

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
WAIT_MS = 10_000
WAIT_S = WAIT_MS / 1000


class AvatarServer:
    """Serves avatar bodies from an `HTTPServer` and counts requests per path."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.counts: Counter[str] = Counter()
        self._lock = threading.Lock()

    def add(
        self,
        path: str,
        body: bytes | Callable[[], Response],
        status: int = 200,
        content_type: str = "image/png",
    ) -> str:
        """Serve `body` at `path` and return the URL to request it."""

        def respond(request: Request) -> Response:
            with self._lock:
                self.counts[request.path] += 1
            if callable(body):
                return body()
            return Response(body, status=status, content_type=content_type)

        self.server.expect_request(path).respond_with_handler(respond)
        return self.server.url_for(path)

    def count(self, path: str) -> int:
        with self._lock:
            return self.counts[path]


@pytest.fixture
def avatars(httpserver: HTTPServer) -> AvatarServer:
    return AvatarServer(httpserver)


@pytest.fixture
def threaded_avatars() -> Iterator[AvatarServer]:
    """A server that handles requests in parallel, for slow handlers."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield AvatarServer(server)
    server.clear()
    server.stop()


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "avatars"


@pytest.fixture
def make_store(qtbot: QtBot, cache_dir: Path) -> Iterator[Callable[..., AvatarStore]]:
    """Build stores on `cache_dir` by default and close them after the test."""
    stores: list[AvatarStore] = []

    def make(**options: object) -> AvatarStore:
        options.setdefault("cache_dir", cache_dir)
        store = AvatarStore(**options)  # type: ignore[arg-type]
        stores.append(store)
        return store

    yield make
    for store in stores:
        store.close()


def _png(width: int, height: int, color: str = "red") -> bytes:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor(color))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    QImageWriter(buffer, QByteArray(b"png")).write(image)
    return bytes(buffer.data().data())


def _png_header_only(width: int, height: int) -> bytes:
    """Return a PNG whose header claims `width` x `height` with one row of data."""
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    data = zlib.compress(b"\0" * (1 + 4 * width))
    return b"".join(
        (
            PNG_SIGNATURE,
            _png_chunk(b"IHDR", header),
            _png_chunk(b"IDAT", data),
            _png_chunk(b"IEND", b""),
        )
    )


def _png_chunk(chunk_type: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(chunk_type + data)
    return struct.pack(">I", len(data)) + chunk_type + data + struct.pack(">I", crc)


def _wait_for_images(
    qtbot: QtBot, store: AvatarStore, urls: list[str], logical_px: int = 24
) -> None:
    """Ask for every URL until all are loaded, as repeated repaints would."""

    def loaded() -> None:
        missing = [url for url in urls if store.image(url, logical_px) is None]
        assert not missing

    qtbot.waitUntil(loaded, timeout=WAIT_MS)


def _cache_files(cache_dir: Path) -> list[Path]:
    if not cache_dir.exists():
        return []
    return [path for path in cache_dir.iterdir() if not path.name.startswith(".")]


def _process_events_for(duration_s: float) -> None:
    deadline = time.monotonic() + duration_s
    while time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)


# Downloads and the caches.


def test_distinct_urls_download_once_each(
    qtbot: QtBot, avatars: AvatarServer, make_store: Callable[..., AvatarStore]
) -> None:
    paths = [f"/avatars/u{number}.png" for number in range(5)]
    urls = [avatars.add(path, avatar_png(path, 24)) for path in paths]
    messages = [urls[number % len(urls)] for number in range(40)]
    store = make_store()

    for url in messages:
        store.image(url, 24)
    _wait_for_images(qtbot, store, messages)

    assert {path: avatars.count(path) for path in paths} == dict.fromkeys(paths, 1)


def test_restart_downloads_nothing_cached(
    qtbot: QtBot, avatars: AvatarServer, make_store: Callable[..., AvatarStore]
) -> None:
    paths = [f"/avatars/r{number}.png" for number in range(4)]
    urls = [avatars.add(path, avatar_png(path, 24)) for path in paths]
    first_run = make_store()
    _wait_for_images(qtbot, first_run, urls)
    first_run.close()

    second_run = make_store()
    _wait_for_images(qtbot, second_run, urls)

    assert sum(avatars.counts.values()) == len(paths)


def test_memory_eviction_reloads_from_disk(
    qtbot: QtBot, avatars: AvatarServer, make_store: Callable[..., AvatarStore]
) -> None:
    paths = [f"/avatars/m{number}.png" for number in range(3)]
    urls = [avatars.add(path, avatar_png(path, 24)) for path in paths]
    store = make_store(memory_max_count=2)
    _wait_for_images(qtbot, store, urls[:2])
    _wait_for_images(qtbot, store, urls[2:])
    assert store.image(urls[0], 24) is None

    _wait_for_images(qtbot, store, urls[:1])

    assert avatars.count(paths[0]) == 1


def test_disk_cache_stays_under_cap(
    qtbot: QtBot,
    avatars: AvatarServer,
    make_store: Callable[..., AvatarStore],
    cache_dir: Path,
) -> None:
    cap_bytes = 3000
    paths = [f"/avatars/d{number}.png" for number in range(20)]
    urls = [avatars.add(path, avatar_png(path, 64)) for path in paths]
    store = make_store(disk_max_bytes=cap_bytes)

    for url in urls:
        _wait_for_images(qtbot, store, [url])

    files = _cache_files(cache_dir)
    assert sum(path.stat().st_size for path in files) <= cap_bytes
    assert 0 < len(files) < len(urls)


def test_image_request_uses_device_pixels(
    qtbot: QtBot, avatars: AvatarServer, make_store: Callable[..., AvatarStore]
) -> None:
    sized_path = "/avatars/hidpi=s48-c-k-c0x00ffffff-no-rj"
    avatars.add(sized_path, avatar_png("hidpi", 48))
    url = avatars.server.url_for("/avatars/hidpi=s88-c-k-c0x00ffffff-no-rj")
    store = make_store()

    def loaded() -> None:
        assert store.image(url, 24, 2.0) is not None

    qtbot.waitUntil(loaded, timeout=WAIT_MS)

    image = store.image(url, 24, 2.0)
    assert avatars.count(sized_path) == 1
    assert image is not None
    assert image.width() == 48


def test_large_image_is_scaled_to_request(
    qtbot: QtBot, avatars: AvatarServer, make_store: Callable[..., AvatarStore]
) -> None:
    url = avatars.add("/avatars/big.png", _png(512, 512))
    store = make_store()

    _wait_for_images(qtbot, store, [url], logical_px=24)

    image = store.image(url, 24)
    assert image is not None
    assert image.width() == 24


def test_image_returns_while_download_stalls(
    threaded_avatars: AvatarServer, make_store: Callable[..., AvatarStore]
) -> None:
    release = threading.Event()

    def stalled() -> Response:
        release.wait(5.0)
        return Response(avatar_png("stalled", 24), content_type="image/png")

    url = threaded_avatars.add("/avatars/stalled.png", stalled)
    store = make_store()

    try:
        started = time.monotonic()
        for _ in range(50):
            store.image(url, 24)
        elapsed_s = time.monotonic() - started
    finally:
        release.set()

    assert elapsed_s < 0.1


def test_downloads_stay_within_limit(
    qtbot: QtBot,
    threaded_avatars: AvatarServer,
    make_store: Callable[..., AvatarStore],
) -> None:
    lock = threading.Lock()
    active = 0
    peak = 0

    def slow(name: str) -> Callable[[], Response]:
        def respond() -> Response:
            nonlocal active, peak
            with lock:
                active += 1
                peak = max(peak, active)
            time.sleep(0.2)
            with lock:
                active -= 1
            return Response(avatar_png(name, 24), content_type="image/png")

        return respond

    urls = [
        threaded_avatars.add(f"/avatars/c{number}.png", slow(f"c{number}"))
        for number in range(12)
    ]
    store = make_store(max_downloads=4)

    _wait_for_images(qtbot, store, urls)

    assert peak <= 4
    assert peak == 4


# Failures.


def test_transient_failure_retried_once(
    qtbot: QtBot, avatars: AvatarServer, make_store: Callable[..., AvatarStore]
) -> None:
    path = "/avatars/flaky.png"
    url = avatars.add(path, b"busy", status=503, content_type="text/plain")
    store = make_store(retry_delay_s=0.0)

    for _ in range(2):
        with qtbot.waitSignal(store.avatar_failed, timeout=WAIT_MS):
            store.image(url, 24)
    for _ in range(20):
        assert store.image(url, 24) is None
        _process_events_for(0.01)

    assert avatars.count(path) == 2


def test_failure_waits_for_retry_delay(
    qtbot: QtBot, avatars: AvatarServer, make_store: Callable[..., AvatarStore]
) -> None:
    now = [1000.0]
    path = "/avatars/timeout.png"
    url = avatars.add(path, b"busy", status=503, content_type="text/plain")
    store = make_store(retry_delay_s=30.0, clock=lambda: now[0])
    with qtbot.waitSignal(store.avatar_failed, timeout=WAIT_MS):
        store.image(url, 24)

    for _ in range(20):
        store.image(url, 24)
        _process_events_for(0.01)
    count_before_delay = avatars.count(path)
    now[0] += 30.0
    with qtbot.waitSignal(store.avatar_failed, timeout=WAIT_MS):
        store.image(url, 24)

    assert count_before_delay == 1
    assert avatars.count(path) == 2


def test_missing_avatar_is_not_retried(
    qtbot: QtBot, avatars: AvatarServer, make_store: Callable[..., AvatarStore]
) -> None:
    path = "/avatars/gone.png"
    url = avatars.add(path, b"Not Found", status=404, content_type="text/plain")
    store = make_store(retry_delay_s=0.0)

    with qtbot.waitSignal(store.avatar_failed, timeout=WAIT_MS):
        store.image(url, 24)
    for _ in range(20):
        store.image(url, 24)
        _process_events_for(0.01)

    assert avatars.count(path) == 1
    assert store.image(url, 24) is None


def _oversized_stream() -> Response:
    chunk = b"\0" * (64 * 1024)
    chunks = (PNG_SIGNATURE, *([chunk] * 24))
    return Response(iter(chunks), content_type="image/png")


@pytest.mark.parametrize(
    ("name", "body", "content_type"),
    [
        ("over-limit", PNG_SIGNATURE + b"\0" * MAX_AVATAR_BYTES, "image/png"),
        ("over-limit-streamed", _oversized_stream, "image/png"),
        ("truncated", avatar_png("truncated", 64)[:300], "image/png"),
        ("html", b"<!DOCTYPE html><p>Not an image</p>", "text/html"),
        ("svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "image/svg+xml"),
        ("too-wide", _png(MAX_AVATAR_PX + 1, 4), "image/png"),
        ("huge-header", _png_header_only(30000, 30000), "image/png"),
    ],
)
def test_invalid_body_ends_as_placeholder(
    qtbot: QtBot,
    avatars: AvatarServer,
    make_store: Callable[..., AvatarStore],
    cache_dir: Path,
    caplog: pytest.LogCaptureFixture,
    name: str,
    body: bytes | Callable[[], Response],
    content_type: str,
) -> None:
    path = f"/avatars/{name}.png"
    url = avatars.add(path, body, content_type=content_type)
    store = make_store(retry_delay_s=0.0)

    with qtbot.waitSignal(store.avatar_failed, timeout=WAIT_MS):
        store.image(url, 24)
    store.image(url, 24)
    _process_events_for(0.1)

    assert store.image(url, 24) is None
    assert avatars.count(path) == 1
    assert _cache_files(cache_dir) == []
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_huge_image_rejected_before_decoding(
    qtbot: QtBot,
    avatars: AvatarServer,
    make_store: Callable[..., AvatarStore],
    caplog: pytest.LogCaptureFixture,
) -> None:
    url = avatars.add("/avatars/bomb.png", _png_header_only(30000, 30000))
    store = make_store()
    caplog.set_level(logging.DEBUG, logger="livechat_desktop.ui.avatars")

    with qtbot.waitSignal(store.avatar_failed, timeout=WAIT_MS):
        store.image(url, 24)

    messages = [record.getMessage() for record in caplog.records]
    assert any("30000x30000 px is over 1024x1024" in text for text in messages)


def test_stalled_download_times_out(
    qtbot: QtBot,
    threaded_avatars: AvatarServer,
    make_store: Callable[..., AvatarStore],
) -> None:
    release = threading.Event()

    def stalled() -> Response:
        release.wait(5.0)
        return Response(avatar_png("late", 24), content_type="image/png")

    url = threaded_avatars.add("/avatars/late.png", stalled)
    store = make_store(timeout_s=0.3)

    try:
        with qtbot.waitSignal(store.avatar_failed, timeout=WAIT_MS):
            store.image(url, 24)
    finally:
        release.set()

    assert store.image(url, 24) is None


def test_refused_connection_fails(
    qtbot: QtBot, make_store: Callable[..., AvatarStore]
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/avatars/nobody.png"
    store = make_store()

    with qtbot.waitSignal(store.avatar_failed, timeout=WAIT_MS):
        store.image(url, 24)

    assert store.image(url, 24) is None


@pytest.mark.parametrize("scheme", ["file", "ftp", "data"])
def test_only_http_urls_are_fetched(
    make_store: Callable[..., AvatarStore], tmp_path: Path, scheme: str
) -> None:
    image_path = tmp_path / "local.png"
    image_path.write_bytes(avatar_png("local", 24))
    urls = {
        "file": image_path.as_uri(),
        "ftp": "ftp://127.0.0.1/local.png",
        "data": "data:image/png;base64,iVBORw0KGgo=",
    }
    store = make_store()

    store.image(urls[scheme], 24)
    _process_events_for(0.2)

    assert store.image(urls[scheme], 24) is None


def test_repeated_failures_are_counted_not_logged(
    qtbot: QtBot,
    avatars: AvatarServer,
    make_store: Callable[..., AvatarStore],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="livechat_desktop.ui.avatars")
    urls = [
        avatars.add(f"/avatars/dead{number}.png", b"", status=404)
        for number in range(FAILURE_LOG_LIMIT + 7)
    ]
    store = make_store()
    failed: list[str] = []
    store.avatar_failed.connect(failed.append)

    for url in urls:
        store.image(url, 24)
    qtbot.waitUntil(lambda: len(failed) == len(urls), timeout=WAIT_MS)
    store.close()

    messages = [record.getMessage() for record in caplog.records]
    assert len([text for text in messages if " failed: " in text]) == FAILURE_LOG_LIMIT
    assert "7 more avatar failures were not logged" in messages


# The worker pool on its own.


@pytest.fixture
def make_pool() -> Iterator[Callable[..., _WorkerPool[None]]]:
    """Build pools without a resource per thread and close them after the test."""
    pools: list[_WorkerPool[None]] = []

    def make(max_workers: int = 4, **options: float) -> _WorkerPool[None]:
        pool: _WorkerPool[None] = _WorkerPool(
            "test-pool", max_workers, nullcontext, **options
        )
        pools.append(pool)
        return pool

    yield make
    for pool in pools:
        pool.close(WAIT_S)


def _wait_until(condition: Callable[[], bool], description: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {WAIT_S:g} s waiting until {description}")
        time.sleep(0.005)


def _pool_thread_names() -> set[str]:
    return {t.name for t in threading.enumerate() if t.name.startswith("test-pool-")}


def _submit_burst(pool: _WorkerPool[None], size: int, names: list[str]) -> None:
    """Submit `size` jobs that only finish together, so each needs its own thread.

    Each job appends the name of the thread that ran it to `names`.
    """
    all_running = threading.Barrier(size, timeout=WAIT_S)

    def job(_: None) -> None:
        all_running.wait()
        names.append(threading.current_thread().name)

    for _ in range(size):
        pool.submit(job)


def test_pool_reuses_idle_threads(
    make_pool: Callable[..., _WorkerPool[None]],
) -> None:
    pool = make_pool(max_workers=4)
    first_names: list[str] = []
    second_names: list[str] = []
    _submit_burst(pool, 2, first_names)
    _wait_until(lambda: pool.idle_count == 2, "both threads wait for a job")

    _submit_burst(pool, 2, second_names)
    _wait_until(lambda: len(second_names) == 2, "the second burst ran")

    assert sorted(second_names) == sorted(first_names)
    assert _pool_thread_names() == set(first_names)


def test_pool_adds_threads_beyond_idle(
    make_pool: Callable[..., _WorkerPool[None]],
) -> None:
    pool = make_pool(max_workers=4, idle_s=30.0)
    first_names: list[str] = []
    second_names: list[str] = []
    _submit_burst(pool, 1, first_names)
    _wait_until(lambda: pool.idle_count == 1, "the thread waits for a job")

    _submit_burst(pool, 3, second_names)
    _wait_until(lambda: len(second_names) == 3, "the second burst ran")

    assert len(set(second_names)) == 3
    assert first_names[0] in second_names


def test_pool_idle_thread_exits(
    make_pool: Callable[..., _WorkerPool[None]],
) -> None:
    idle_s = 0.3
    pool = make_pool(idle_s=idle_s)
    workers: list[threading.Thread] = []
    finished_at: list[float] = []

    def job(_: None) -> None:
        workers.append(threading.current_thread())
        finished_at.append(time.monotonic())

    pool.submit(job)
    _wait_until(lambda: bool(finished_at), "the job ran")

    workers[0].join(WAIT_S)
    idle_for_s = time.monotonic() - finished_at[0]

    assert not workers[0].is_alive()
    assert idle_for_s >= idle_s


def test_pool_runs_job_after_exit(
    make_pool: Callable[..., _WorkerPool[None]],
) -> None:
    pool = make_pool(max_workers=1, idle_s=0.05)
    names: list[str] = []
    pool.submit(lambda _: names.append(threading.current_thread().name))
    _wait_until(lambda: len(names) == 1, "the first job ran")
    _wait_until(
        lambda: not any(t.name == names[0] for t in threading.enumerate()),
        "the idle thread exited",
    )

    pool.submit(lambda _: names.append(threading.current_thread().name))
    _wait_until(lambda: len(names) == 2, "the second job ran")

    assert names[1] != names[0]


def test_pool_close_wakes_idle_thread(
    make_pool: Callable[..., _WorkerPool[None]],
) -> None:
    pool = make_pool(idle_s=30.0)
    workers: list[threading.Thread] = []
    pool.submit(lambda _: workers.append(threading.current_thread()))
    _wait_until(lambda: pool.idle_count == 1, "the thread waits for a job")

    started = time.monotonic()
    ended = pool.close(timeout_s=2.0)
    elapsed_s = time.monotonic() - started

    assert ended
    assert elapsed_s < 1.0
    assert not workers[0].is_alive()


def test_pool_close_reports_running_job(
    make_pool: Callable[..., _WorkerPool[None]],
) -> None:
    pool = make_pool(idle_s=30.0)
    running = threading.Event()
    release = threading.Event()

    def blocked(_: None) -> None:
        running.set()
        release.wait(WAIT_S)

    pool.submit(blocked)
    pool.submit(lambda _: None)
    assert running.wait(WAIT_S)

    try:
        ended_while_blocked = pool.close(timeout_s=0.1)
    finally:
        release.set()
    ended_after_release = pool.close(timeout_s=WAIT_S)

    assert not ended_while_blocked
    assert ended_after_release


def test_pool_runs_each_job_once(
    make_pool: Callable[..., _WorkerPool[None]],
) -> None:
    submitter_count, jobs_each, max_workers = 4, 200, 3
    total = submitter_count * jobs_each
    pool = make_pool(max_workers=max_workers, idle_s=30.0)
    lock = threading.Lock()
    runs: Counter[int] = Counter()
    names: set[str] = set()
    start = threading.Barrier(submitter_count, timeout=WAIT_S)

    def record(number: int) -> Callable[[None], None]:
        def job(_: None) -> None:
            with lock:
                runs[number] += 1
                names.add(threading.current_thread().name)

        return job

    def submit_range(first: int) -> None:
        start.wait()
        for number in range(first, first + jobs_each):
            pool.submit(record(number))

    submitters = [
        threading.Thread(target=submit_range, args=(index * jobs_each,))
        for index in range(submitter_count)
    ]
    for submitter in submitters:
        submitter.start()
    for submitter in submitters:
        submitter.join(WAIT_S)
    _wait_until(lambda: runs.total() >= total, "every job ran")
    ended = pool.close(timeout_s=WAIT_S)

    assert ended
    assert sorted(runs.elements()) == list(range(total))
    assert len(names) <= max_workers


# Size options in URLs.


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://yt3.ggpht.com/ytc/AIdro_k88s88=s88-c-k-c0x00ffffff-no-rj",
            "https://yt3.ggpht.com/ytc/AIdro_k88s88=s48-c-k-c0x00ffffff-no-rj",
        ),
        (
            "https://yt3.ggpht.com/-Ab88/AAAAAAAAAAI/AAAAAAAAAAA/x88/"
            "s88-c-k-no-mo-rj-c0xffffff/photo.jpg",
            "https://yt3.ggpht.com/-Ab88/AAAAAAAAAAI/AAAAAAAAAAA/x88/"
            "s48-c-k-no-mo-rj-c0xffffff/photo.jpg",
        ),
        ("https://host/a/s88/photo.jpg", "https://host/a/s48/photo.jpg"),
        ("https://host/ytc/abc=s88", "https://host/ytc/abc=s48"),
        (
            "http://127.0.0.1:8088/avatars/u017=s88-c-k-c0x00ffffff-no-rj",
            "http://127.0.0.1:8088/avatars/u017=s48-c-k-c0x00ffffff-no-rj",
        ),
        ("https://host/ytc/abc=s88?s=88#s88", "https://host/ytc/abc=s48?s=88#s88"),
        ("https://host/photo.jpg?size=s88", "https://host/photo.jpg?size=s88"),
        ("https://s88-cdn.example/photo.jpg", "https://s88-cdn.example/photo.jpg"),
        ("https://host/s88/a/photo.jpg", "https://host/s88/a/photo.jpg"),
        ("https://host/ytc/abc=s88c-k", "https://host/ytc/abc=s88c-k"),
        ("https://host/ytc/abc=w88-h88-c", "https://host/ytc/abc=w88-h88-c"),
        ("https://host/ytc/abc=s88/next", "https://host/ytc/abc=s88/next"),
        ("https://host/avatar88.png", "https://host/avatar88.png"),
    ],
)
def test_sized_avatar_url(url: str, expected: str) -> None:
    assert sized_avatar_url(url, 48) == expected


@pytest.mark.parametrize(
    ("ratio", "expected_px"),
    [(1.0, 24), (1.25, 30), (1.5, 36), (1.75, 42), (2.0, 48), (1.1, 27)],
)
def test_device_pixels_rounded_up(ratio: float, expected_px: int) -> None:
    assert to_device_pixels(24, ratio) == expected_px


def test_placeholder_has_device_size(make_store: Callable[..., AvatarStore]) -> None:
    store = make_store()

    placeholder = store.placeholder(24, 2.0)

    assert placeholder.width() == 48
    assert placeholder.pixelColor(24, 24).alpha() == 255


# The caches on their own.


def _image(width: int) -> QImage:
    image = QImage(width, width, QImage.Format.Format_ARGB32)
    image.fill(QColor("blue"))
    return image


def test_image_cache_evicts_least_recent_by_count() -> None:
    cache = ImageCache(max_count=2, max_bytes=1 << 30)
    cache.put("a", _image(4))
    cache.put("b", _image(4))
    cache.get("a")

    cache.put("c", _image(4))

    assert cache.get("b") is None
    assert cache.get("a") is not None
    assert len(cache) == 2


def test_image_cache_evicts_by_bytes() -> None:
    one_image_bytes = _image(16).sizeInBytes()
    cache = ImageCache(max_count=100, max_bytes=one_image_bytes * 3)

    for key in "abcde":
        cache.put(key, _image(16))

    assert cache.total_bytes <= one_image_bytes * 3
    assert cache.get("a") is None
    assert cache.get("e") is not None


def test_disk_cache_evicts_least_recently_used(tmp_path: Path) -> None:
    data = b"x" * 1000
    first_run = AvatarDiskCache(tmp_path, max_bytes=3000)
    for number, url in enumerate(["a", "b", "c"]):
        first_run.write(url, data)
        path = tmp_path / _name_of(url)
        os.utime(path, (1_000_000 + number, 1_000_000 + number))
    assert first_run.read("a") == data

    second_run = AvatarDiskCache(tmp_path, max_bytes=3000)
    second_run.write("d", data)

    assert second_run.read("b") is None
    assert second_run.read("a") == data
    assert second_run.total_bytes() == 3000


def test_disk_cache_skips_body_over_cap(tmp_path: Path) -> None:
    cache = AvatarDiskCache(tmp_path, max_bytes=100)

    cache.write("a", b"x" * 101)

    assert cache.read("a") is None


def test_disk_cache_constructor_does_no_io(tmp_path: Path) -> None:
    directory = tmp_path / "not-yet"

    AvatarDiskCache(directory, max_bytes=100)

    assert not directory.exists()


def _name_of(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()


# Rows that show an avatar.

URL_A = "https://example.invalid/a=s88"
URL_B = "https://example.invalid/b=s88"
URL_MOD = "https://example.invalid/mod=s88"
# UCc has no avatar URL.
_AVATAR_URLS = {"UCa": URL_A, "UCb": URL_B, "UCc": None, "UCmod": URL_MOD}


def _message(event_id: str, author: str) -> ChatEvent:
    return chat(event_id, author=author, author_avatar_url=_AVATAR_URLS[author])


def _scanned_rows(model: ChatListModel, url: str) -> list[int]:
    return [
        row
        for row, event in enumerate(model.events())
        if event.author_avatar_url == url
    ]


def test_avatar_changed_emits_only_its_rows(qtbot: QtBot) -> None:
    model = ChatListModel()
    authors = ["UCa", "UCb", "UCa", "UCa", "UCc", "UCa", "UCb", "UCa"]
    model.add_events([_message(f"m{n}", author) for n, author in enumerate(authors)])
    model.add_events([chat("del", type="messageDeletedEvent", deleted_message_id="m5")])
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(
        lambda top, bottom, _roles: changed.append((top.row(), bottom.row()))
    )

    model.emit_avatar_changed(URL_A)

    assert changed == [(0, 0), (2, 3), (6, 6)]


def test_window_repaints_rows_of_ready_avatar(qtbot: QtBot) -> None:
    window = ChatWindow(api_key=None, api_base_url="http://127.0.0.1:9")
    qtbot.addWidget(window)
    authors = ["UCb", "UCa", "UCb"]
    window.model.add_events(
        [_message(f"m{n}", author) for n, author in enumerate(authors)]
    )
    changed: list[tuple[int, int]] = []
    window.model.dataChanged.connect(
        lambda top, bottom, _roles: changed.append((top.row(), bottom.row()))
    )

    window.avatars.avatar_ready.emit(URL_B)

    assert changed == [(0, 0), (2, 2)]


_model_edits = st.lists(
    st.one_of(
        st.tuples(
            st.just("add"),
            st.lists(st.sampled_from(["UCa", "UCb", "UCc"]), min_size=1, max_size=6),
        ),
        st.tuples(st.just("delete"), st.integers(0, 50)),
        st.tuples(st.just("ban"), st.sampled_from(["UCa", "UCb", "UCc"])),
        st.tuples(st.just("poll"), st.sampled_from(["UCa", "UCb", "UCc", "UCmod"])),
    ),
    max_size=25,
)


@settings(max_examples=150, deadline=None)
@given(edits=_model_edits)
def test_avatar_rows_match_scan_after_edits(
    qapp: QApplication, edits: list[tuple[str, object]]
) -> None:
    model = ChatListModel(max_rows=10)
    serial = iter(range(10_000))

    with mock.patch.object(chat_model, "TRIM_CHUNK_ROWS", 3):
        for kind, argument in edits:
            if kind == "add":
                assert isinstance(argument, list)
                batch = [_message(f"m{next(serial)}", author) for author in argument]
            elif kind == "delete":
                assert isinstance(argument, int)
                ids = [event.id for event in model.events()] or ["none"]
                target = ids[argument % len(ids)]
                batch = [
                    chat(
                        f"d{next(serial)}",
                        type="messageDeletedEvent",
                        deleted_message_id=target,
                    )
                ]
            elif kind == "ban":
                assert isinstance(argument, str)
                batch = [
                    chat(
                        f"b{next(serial)}",
                        author="UCmod",
                        author_avatar_url=_AVATAR_URLS["UCmod"],
                        type="userBannedEvent",
                        banned_channel_id=argument,
                    )
                ]
            else:
                assert isinstance(argument, str)
                batch = [
                    chat(
                        "poll",
                        author=argument,
                        author_avatar_url=_AVATAR_URLS[argument],
                        type="pollEvent",
                        poll_question="Which map?",
                    )
                ]
            model.add_events(batch)

            for url in (URL_A, URL_B, URL_MOD):
                assert model.rows_with_avatar(url) == _scanned_rows(model, url)


# The delegate's avatar.


def _paint_first_row(delegate: ChatDelegate, model: ChatListModel) -> QImage:
    option = QStyleOptionViewItem()
    index = model.index(0)
    height = delegate.sizeHint(option, index).height()
    option.rect = QRect(0, 0, 300, height)
    image = QImage(300, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("black"))
    painter = QPainter(image)
    delegate.paint(painter, option, index)
    painter.end()
    return image


def test_delegate_draws_avatar_or_placeholder(
    qtbot: QtBot, avatars: AvatarServer, make_store: Callable[..., AvatarStore]
) -> None:
    red_url = avatars.add("/avatars/red.png", _png(24, 24, "red"))
    dead_url = avatars.add("/avatars/dead.png", b"", status=404)
    store = make_store()
    delegate = ChatDelegate(store)
    delegate.width_px = 300
    red_model, dead_model = ChatListModel(), ChatListModel()
    red_model.add_events([chat("r", author_avatar_url=red_url)])
    dead_model.add_events([chat("d", author_avatar_url=dead_url)])
    with qtbot.waitSignal(store.avatar_failed, timeout=WAIT_MS):
        _paint_first_row(delegate, dead_model)
    _wait_for_images(qtbot, store, [red_url], logical_px=AVATAR_PX)

    red_row = _paint_first_row(delegate, red_model)
    dead_row = _paint_first_row(delegate, dead_model)

    center = GAP_PX + AVATAR_PX // 2, PADDING_PX + AVATAR_PX // 2
    placeholder = store.placeholder(AVATAR_PX)
    assert red_row.pixelColor(*center) == QColor("red")
    assert dead_row.pixelColor(*center) == placeholder.pixelColor(
        AVATAR_PX // 2, AVATAR_PX // 2
    )


def _avatar_threads() -> list[threading.Thread]:
    return [
        thread
        for thread in threading.enumerate()
        if thread.name.startswith(("avatar-disk-", "avatar-download-"))
    ]


def test_window_close_ends_avatar_threads(qtbot: QtBot, avatars: AvatarServer) -> None:
    url = avatars.add("/avatars/closing.png", avatar_png("closing", 24))
    window = ChatWindow(api_key=None, api_base_url="http://127.0.0.1:9")
    qtbot.addWidget(window)
    window.avatars.image(url, 24)
    qtbot.waitUntil(lambda: window.avatars.image(url, 24) is not None, timeout=WAIT_MS)

    window.close()

    # Well under the idle time, after which the threads would end anyway.
    qtbot.waitUntil(lambda: not _avatar_threads(), timeout=500)
    assert avatars.count("/avatars/closing.png") == 1
