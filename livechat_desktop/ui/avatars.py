"""Author avatars: cached in memory and on disk, loaded off the GUI thread.

`AvatarStore.image()` returns a decoded `QImage` from memory, or `None` at
once; the delegate draws the placeholder for `None`. On a miss the store
starts one load per URL and emits `avatar_ready` when the image is in memory,
so the model repaints just the rows that show it.

A load runs on worker threads in two steps. One thread looks the URL up in
the disk cache; on a miss, up to `max_downloads` threads download with
`requests`. Both steps check and decode the image where they run, so the GUI
thread does no file or network I/O and no decoding. It only reads the memory
cache and the dictionaries of loads in progress and of failures.

Why `requests` in a thread pool and not `QNetworkAccessManager`: the
manager's network I/O is asynchronous, but its replies arrive on the GUI
thread, where the disk cache reads and writes and the decoding would then
run too. Keeping those off the GUI thread needs a worker pool anyway. With
`requests`, each download is one plain function on a worker. It streams the
body while checking the 1 MB limit and a deadline, checks the image size,
decodes, and writes the cache file. `requests` is also what the API client
uses, so both honour the same proxy variables (`HTTPS_PROXY`, `NO_PROXY`).
The cost is a thread hop for each result, through a signal, and threads to
stop. The pools start threads on demand, and a thread exits once its queue
has been empty for `WORKER_IDLE_S`, so a store idle that long has no thread.

A failed download is remembered for the session. A permanent failure (HTTP
4xx other than 408 and 429, a body that is not a PNG, JPEG, GIF or WebP
image, over `MAX_AVATAR_BYTES`, or over `MAX_AVATAR_PX` on a side) is never
retried. A transient one (timeout, connection error, 408, 429, 5xx) is
retried once, on the first request after `retry_delay_s`. So a URL is
downloaded at most twice per session.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import re
import tempfile
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from enum import Enum, auto
from pathlib import Path
from typing import Generic, TypeVar

import requests
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QSize,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import QImage, QImageReader, QPainter
from PySide6.QtSvg import QSvgRenderer

from livechat_desktop import __version__
from livechat_desktop.resources import resource_path

logger = logging.getLogger(__name__)

MAX_AVATAR_BYTES = 1024 * 1024
MAX_AVATAR_PX = 1024
DEFAULT_MAX_DOWNLOADS = 4
DEFAULT_TIMEOUT_S = 10.0
DEFAULT_RETRY_DELAY_S = 60.0
MAX_DOWNLOAD_ATTEMPTS = 2
# About 2,000 avatars of 48x48 ARGB32 pixels (9 KiB each) fit in 20 MiB.
DEFAULT_MEMORY_MAX_COUNT = 2000
DEFAULT_MEMORY_MAX_BYTES = 20 * 1024 * 1024
# At an estimated 5 KB per avatar file of 48x48 pixels, 50 MB keeps 10,000.
DEFAULT_DISK_MAX_BYTES = 50 * 1024 * 1024
CACHE_FOLDER = "avatars"
# Seconds that an idle worker thread waits for a new job before it exits.
# Scrolling requests avatars in bursts, and a thread kept for the next burst
# saves the GUI thread from starting a thread and a `requests.Session` for it.
# The tests wait 5 s for leftover threads to end, so this stays well under.
WORKER_IDLE_S = 2.0
# Failures logged per window. The rest are counted and logged as one line.
FAILURE_LOG_LIMIT = 5
FAILURE_LOG_WINDOW_S = 60.0

_FETCHED_SCHEMES = ("http://", "https://")
_DECODED_FORMATS = frozenset({b"png", b"jpeg", b"jpg", b"gif", b"webp"})
_REQUEST_HEADERS = {
    "Accept": "image/webp,image/png,image/jpeg,image/gif;q=0.8",
    "User-Agent": f"LiveChatDesktop/{__version__}",
}
_TRANSIENT_STATUSES = frozenset({408, 429})
_CHUNK_BYTES = 16 * 1024
_CACHE_FILE_NAME = re.compile(r"[0-9a-f]{64}")
# A temporary file older than this was left by a process that stopped
# while writing it.
_STALE_TEMP_FILE_S = 3600.0

# A URL split into its scheme and authority, its path, and its query and
# fragment. Size options are rewritten in the path only.
_URL_PARTS = re.compile(
    r"(?P<origin>[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*)?(?P<path>[^?#]*)"
)
# `=s88-c-k-c0x00ffffff-no-rj`: the size option first after the `=` that
# starts the options of the last path segment.
_SIZE_OPTION = re.compile(r"=s(\d+)(?=-[^/=]*$|$)")
# `/s88-c-k-no-mo-rj-c0xffffff/photo.jpg`: a size segment, with or without
# options, just before the file name.
_SIZE_SEGMENT = re.compile(r"/s(\d+)(?=(?:-[^/]*)?/[^/]+$)")


def sized_avatar_url(url: str, size_px: int) -> str:
    """Return `url` with its YouTube size option set to `size_px`.

    Only the `=sNN` option of the last path segment or the `/sNN-.../` segment
    before the file name changes. A URL with neither is returned unchanged.
    """
    match = _URL_PARTS.match(url)
    if match is None:
        return url
    start, end = match.span("path")
    path = url[start:end]
    sized, count = _SIZE_OPTION.subn(f"=s{size_px}", path, count=1)
    if count == 0:
        sized = _SIZE_SEGMENT.sub(f"/s{size_px}", path, count=1)
    return url[:start] + sized + url[end:]


def to_device_pixels(logical_px: int, device_pixel_ratio: float) -> int:
    """Return the device pixels that `logical_px` covers, rounded up."""
    # The small offset keeps a product such as 30.000000000000004 at 30.
    return max(1, math.ceil(logical_px * device_pixel_ratio - 1e-9))


class ImageCache:
    """Decoded images by key, bounded by count and bytes, least recently used out first.

    The newest image always stays, even when it alone is over `max_bytes`.
    """

    def __init__(self, *, max_count: int, max_bytes: int) -> None:
        self._images: OrderedDict[str, QImage] = OrderedDict()
        self._max_count = max_count
        self._max_bytes = max_bytes
        self._total_bytes = 0

    def __len__(self) -> int:
        return len(self._images)

    @property
    def total_bytes(self) -> int:
        return self._total_bytes

    def get(self, key: str) -> QImage | None:
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
        return image

    def put(self, key: str, image: QImage) -> None:
        old = self._images.pop(key, None)
        if old is not None:
            self._total_bytes -= old.sizeInBytes()
        self._images[key] = image
        self._total_bytes += image.sizeInBytes()
        while len(self._images) > 1 and (
            len(self._images) > self._max_count or self._total_bytes > self._max_bytes
        ):
            _, evicted = self._images.popitem(last=False)
            self._total_bytes -= evicted.sizeInBytes()


class AvatarDiskCache:
    """Image files named by the SHA-256 of their URL, bounded in total bytes.

    Safe to use from several threads. When a write takes the total over
    `max_bytes`, the least recently used files go first. A read sets the
    file's modification time, so that order survives a restart. The folder
    is created and scanned on first use, so the constructor does no I/O.
    An `OSError` is logged and makes that read a miss or that write a no-op.
    """

    def __init__(self, directory: Path, max_bytes: int) -> None:
        self.directory = directory
        self._max_bytes = max_bytes
        self._lock = threading.Lock()
        # File name -> size in bytes, least recently used first.
        self._files: OrderedDict[str, int] | None = None
        self._total_bytes = 0
        self._errors_logged = 0

    def total_bytes(self) -> int:
        with self._lock:
            self._scan()
            return self._total_bytes

    def read(self, url: str) -> bytes | None:
        name = _cache_file_name(url)
        path = self.directory / name
        with self._lock:
            self._scan()
            try:
                if path.stat().st_size > MAX_AVATAR_BYTES:
                    self._remove(name)
                    return None
                data = path.read_bytes()
                os.utime(path)
            except FileNotFoundError:
                self._forget(name)
                return None
            except OSError as error:
                self._log_error("read", error)
                return None
            self._remember(name, len(data))
            return data

    def write(self, url: str, data: bytes) -> None:
        if len(data) > self._max_bytes:
            return
        name = _cache_file_name(url)
        with self._lock:
            self._scan()
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
                handle, temp_name = tempfile.mkstemp(
                    dir=self.directory, prefix=f".{name}.", suffix=".tmp"
                )
                try:
                    with os.fdopen(handle, "wb") as temp_file:
                        temp_file.write(data)
                    os.replace(temp_name, self.directory / name)
                except BaseException:
                    Path(temp_name).unlink(missing_ok=True)
                    raise
            except OSError as error:
                self._log_error("write", error)
                return
            self._remember(name, len(data))
            self._evict(keep=name)

    def remove(self, url: str) -> None:
        with self._lock:
            self._scan()
            self._remove(_cache_file_name(url))

    def _scan(self) -> None:
        """Index the folder's cache files by modification time, once."""
        if self._files is not None:
            return
        self._files = OrderedDict()
        found: list[tuple[float, str, int]] = []
        now = time.time()
        try:
            entries = list(os.scandir(self.directory))
        except FileNotFoundError:
            entries = []
        except OSError as error:
            self._log_error("scan", error)
            entries = []
        for entry in entries:
            try:
                stat = entry.stat()
                if entry.name.endswith(".tmp"):
                    if now - stat.st_mtime > _STALE_TEMP_FILE_S:
                        os.unlink(entry.path)
                elif _CACHE_FILE_NAME.fullmatch(entry.name) and entry.is_file():
                    found.append((stat.st_mtime, entry.name, stat.st_size))
            except OSError as error:
                self._log_error("scan", error)
        for _, name, size in sorted(found):
            self._remember(name, size)
        self._evict(keep=None)

    def _remember(self, name: str, size: int) -> None:
        assert self._files is not None
        self._forget(name)
        self._files[name] = size
        self._total_bytes += size

    def _forget(self, name: str) -> None:
        assert self._files is not None
        size = self._files.pop(name, None)
        if size is not None:
            self._total_bytes -= size

    def _remove(self, name: str) -> None:
        self._forget(name)
        try:
            (self.directory / name).unlink(missing_ok=True)
        except OSError as error:
            self._log_error("remove", error)

    def _evict(self, keep: str | None) -> None:
        assert self._files is not None
        for name in list(self._files):
            if self._total_bytes <= self._max_bytes:
                break
            if name != keep:
                self._remove(name)

    def _log_error(self, action: str, error: OSError) -> None:
        # A full or read-only disk fails every call, so only the first few
        # errors are logged.
        self._errors_logged += 1
        if self._errors_logged <= FAILURE_LOG_LIMIT:
            logger.warning(
                "Avatar cache %s failed in %s: %s", action, self.directory, error
            )


def _cache_file_name(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


_Resource = TypeVar("_Resource")


class _WorkerPool(Generic[_Resource]):
    """Runs jobs on at most `max_workers` threads, started when jobs arrive.

    A thread whose queue is empty waits up to `idle_s` for a new job and then
    exits, so a pool idle that long has no thread. `submit` wakes a waiting
    thread and starts a new one only for jobs that outnumber the waiting
    threads. Each thread enters `resource()` once and passes the value to every
    job it runs, for example a `requests.Session` that one thread owns.
    """

    def __init__(
        self,
        name: str,
        max_workers: int,
        resource: Callable[[], AbstractContextManager[_Resource]],
        *,
        idle_s: float = WORKER_IDLE_S,
    ) -> None:
        self._name = name
        self._max_workers = max_workers
        self._resource = resource
        self._idle_s = idle_s
        self._lock = threading.Lock()
        # Notified when a job is queued or the pool closes.
        self._state_changed = threading.Condition(self._lock)
        self._jobs: deque[Callable[[_Resource], None]] = deque()
        self._threads: set[threading.Thread] = set()
        # Threads waiting in `_next_job`, including ones notified that have
        # not taken the lock back yet.
        self._idle_count = 0
        self._started = 0
        self._closed = False

    @property
    def idle_count(self) -> int:
        """The number of threads waiting for a job."""
        with self._lock:
            return self._idle_count

    def submit(self, job: Callable[[_Resource], None]) -> None:
        with self._lock:
            if self._closed:
                return
            self._jobs.append(job)
            self._state_changed.notify()
            if len(self._jobs) <= self._idle_count:
                return
            if len(self._threads) >= self._max_workers:
                return
            self._started += 1
            thread = threading.Thread(
                target=self._work, name=f"{self._name}-{self._started}"
            )
            self._threads.add(thread)
        thread.start()

    def close(self, timeout_s: float) -> bool:
        """Drop queued jobs and wait for running ones; return True if all ended.

        Threads waiting for a job are woken and exit at once.
        """
        with self._lock:
            self._closed = True
            self._jobs.clear()
            self._state_changed.notify_all()
            threads = list(self._threads)
        deadline = time.monotonic() + timeout_s
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        return not any(thread.is_alive() for thread in threads)

    def _work(self) -> None:
        try:
            with self._resource() as resource:
                while (job := self._next_job()) is not None:
                    self._run(job, resource)
        finally:
            with self._lock:
                self._threads.discard(threading.current_thread())

    @staticmethod
    def _run(job: Callable[[_Resource], None], resource: _Resource) -> None:
        try:
            job(resource)
        except Exception:
            # The thread goes on with the next job; the failed job's load
            # stays unfinished, so its avatar shows the placeholder.
            logger.exception("Avatar job failed")

    def _next_job(self) -> Callable[[_Resource], None] | None:
        """Take the next job, waiting up to `idle_s` for one, or return None to exit."""
        with self._lock:
            self._idle_count += 1
            try:
                self._state_changed.wait_for(
                    lambda: bool(self._jobs) or self._closed, self._idle_s
                )
            finally:
                self._idle_count -= 1
            if not self._jobs:
                # Leaving the set under the lock means that `submit` starts a
                # new thread for any job queued after this check.
                self._threads.discard(threading.current_thread())
                return None
            return self._jobs.popleft()


class _Result(Enum):
    LOADED = auto()
    NOT_ON_DISK = auto()
    FAILED = auto()


@dataclass(frozen=True, slots=True)
class _Outcome:
    request_url: str
    result: _Result
    image: QImage | None = None
    error: str = ""
    transient: bool = False


class _AvatarLoadError(Exception):
    """A download or decoding failed; `transient` is True if a retry may succeed."""

    def __init__(self, reason: str, *, transient: bool = False) -> None:
        super().__init__(reason)
        self.transient = transient


def _download(
    session: requests.Session, url: str, timeout_s: float, closing: threading.Event
) -> bytes:
    """Return the body of a 200 response of at most `MAX_AVATAR_BYTES`.

    Raises:
        _AvatarLoadError: Any other status, a larger body, a timeout, a
            connection error, or `closing` was set.
    """
    deadline = time.monotonic() + timeout_s
    try:
        with session.get(
            url, headers=_REQUEST_HEADERS, stream=True, timeout=timeout_s
        ) as response:
            status = response.status_code
            if status != 200:
                transient = status >= 500 or status in _TRANSIENT_STATUSES
                raise _AvatarLoadError(f"HTTP status {status}", transient=transient)
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > MAX_AVATAR_BYTES:
                raise _AvatarLoadError(
                    f"Content-Length {declared} is over {MAX_AVATAR_BYTES} bytes"
                )
            body = bytearray()
            for chunk in response.iter_content(_CHUNK_BYTES):
                body += chunk
                if len(body) > MAX_AVATAR_BYTES:
                    raise _AvatarLoadError(f"body is over {MAX_AVATAR_BYTES} bytes")
                if closing.is_set():
                    raise _AvatarLoadError("the store closed", transient=True)
                if time.monotonic() > deadline:
                    raise _AvatarLoadError(
                        f"timed out after {timeout_s:g} s", transient=True
                    )
            return bytes(body)
    except requests.Timeout as error:
        raise _AvatarLoadError(f"timed out: {error}", transient=True) from error
    except (
        requests.ConnectionError,
        requests.exceptions.ChunkedEncodingError,
    ) as error:
        raise _AvatarLoadError(f"connection failed: {error}", transient=True) from error
    except requests.RequestException as error:
        raise _AvatarLoadError(f"request failed: {error}") from error


def _decode(data: bytes, size_px: int) -> QImage:
    """Decode a PNG, JPEG, GIF or WebP image, scaled down to fit `size_px`.

    Raises:
        _AvatarLoadError: The data is not such an image, is truncated, or is
            over `MAX_AVATAR_PX` on a side.
    """
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    # size() parses only the header, so a huge image is rejected before
    # memory for its pixels is allocated.
    size = reader.size()
    image_format = reader.format().data()
    if not size.isValid() or image_format not in _DECODED_FORMATS:
        raise _AvatarLoadError(
            f"not a PNG, JPEG, GIF or WebP image ({len(data)} bytes)"
        )
    if size.width() > MAX_AVATAR_PX or size.height() > MAX_AVATAR_PX:
        raise _AvatarLoadError(
            f"image of {size.width()}x{size.height()} px is over "
            f"{MAX_AVATAR_PX}x{MAX_AVATAR_PX}"
        )
    image = reader.read()
    if image.isNull():
        raise _AvatarLoadError(f"invalid image data: {reader.errorString()}")
    if image.width() > size_px or image.height() > size_px:
        image = image.scaled(
            size_px,
            size_px,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)


class _Relay(QObject):
    """Carries outcomes from worker threads to the store on the GUI thread.

    Jobs hold the relay, never the store, so a job that ends after the store
    is deleted emits into a relay without receivers.
    """

    finished = Signal(object)


def _load_from_disk(
    request_url: str,
    size_px: int,
    disk: AvatarDiskCache,
    closing: threading.Event,
    relay: _Relay,
) -> None:
    if closing.is_set():
        return
    outcome = _Outcome(request_url, _Result.NOT_ON_DISK)
    data = disk.read(request_url)
    if data is not None:
        try:
            image = _decode(data, size_px)
        except _AvatarLoadError as failure:
            logger.info("Removing invalid cached avatar %s: %s", request_url, failure)
            disk.remove(request_url)
        else:
            outcome = _Outcome(request_url, _Result.LOADED, image)
    relay.finished.emit(outcome)


def _load_from_network(
    session: requests.Session,
    request_url: str,
    size_px: int,
    timeout_s: float,
    disk: AvatarDiskCache | None,
    closing: threading.Event,
    relay: _Relay,
) -> None:
    if closing.is_set():
        return
    logger.debug("Downloading avatar %s", request_url)
    try:
        data = _download(session, request_url, timeout_s, closing)
        image = _decode(data, size_px)
    except _AvatarLoadError as failure:
        outcome = _Outcome(
            request_url, _Result.FAILED, error=str(failure), transient=failure.transient
        )
    else:
        if disk is not None:
            disk.write(request_url, data)
        outcome = _Outcome(request_url, _Result.LOADED, image)
    relay.finished.emit(outcome)


class _FailureLog:
    """Logs the first `FAILURE_LOG_LIMIT` failures per window, then counts them."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._window_start = clock()
        self._logged = 0
        self._suppressed = 0

    def record(self, url: str, reason: str) -> None:
        now = self._clock()
        if now - self._window_start >= FAILURE_LOG_WINDOW_S:
            self.flush()
            self._window_start = now
            self._logged = 0
        if self._logged < FAILURE_LOG_LIMIT:
            self._logged += 1
            logger.debug("Avatar %s failed: %s", url, reason)
        else:
            self._suppressed += 1

    def flush(self) -> None:
        if self._suppressed:
            logger.debug("%d more avatar failures were not logged", self._suppressed)
            self._suppressed = 0


@dataclass(slots=True)
class _Load:
    """A load in progress and the avatar URLs waiting for it."""

    size_px: int
    urls: set[str] = field(default_factory=set)


@dataclass(slots=True)
class _Failure:
    attempts: int
    # None for a permanent failure, otherwise the clock time of the retry.
    retry_at: float | None


class AvatarStore(QObject):
    """Decoded avatars by URL, loaded from the disk cache or the network.

    `cache_dir` is the disk cache's folder. With `None`, avatars are kept in
    memory only. Every method runs on the GUI thread and returns without
    waiting for I/O.

    Signals:
        avatar_ready(str): The image for this avatar URL is in memory now.
        avatar_failed(str): Loading this avatar URL failed; the placeholder
            stays.
    """

    avatar_ready = Signal(str)
    avatar_failed = Signal(str)

    def __init__(
        self,
        cache_dir: Path | None = None,
        parent: QObject | None = None,
        *,
        max_downloads: int = DEFAULT_MAX_DOWNLOADS,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        retry_delay_s: float = DEFAULT_RETRY_DELAY_S,
        memory_max_count: int = DEFAULT_MEMORY_MAX_COUNT,
        memory_max_bytes: int = DEFAULT_MEMORY_MAX_BYTES,
        disk_max_bytes: int = DEFAULT_DISK_MAX_BYTES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._timeout_s = timeout_s
        self._retry_delay_s = retry_delay_s
        self._clock = clock
        self._memory = ImageCache(
            max_count=memory_max_count, max_bytes=memory_max_bytes
        )
        self._disk = (
            AvatarDiskCache(cache_dir, disk_max_bytes)
            if cache_dir is not None
            else None
        )
        self._loads: dict[str, _Load] = {}
        self._failures: dict[str, _Failure] = {}
        self._failure_log = _FailureLog(clock)
        self._closing = threading.Event()
        self._disk_pool: _WorkerPool[None] = _WorkerPool("avatar-disk", 1, nullcontext)
        self._network_pool: _WorkerPool[requests.Session] = _WorkerPool(
            "avatar-download", max_downloads, requests.Session
        )
        self._relay = _Relay()
        self._relay.finished.connect(self._on_relay_finished)
        self._placeholder_svg = QSvgRenderer(
            str(resource_path("placeholder_avatar.svg")), self
        )
        self._placeholders: dict[int, QImage] = {}
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)

    @staticmethod
    def default_cache_dir() -> Path | None:
        """Return the avatar folder in the user's cache location, if there is one.

        On Linux that is under `$XDG_CACHE_HOME`, by default `~/.cache`.
        """
        location = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.CacheLocation
        )
        return Path(location) / CACHE_FOLDER if location else None

    def image(
        self, url: str | None, logical_px: int, device_pixel_ratio: float = 1.0
    ) -> QImage | None:
        """Return the avatar for a square of `logical_px`, or None until it loads.

        The first call for a URL starts its load. Later calls start nothing
        while it loads, and nothing after a failure until a retry is due.
        """
        if not url:
            return None
        size_px = to_device_pixels(logical_px, device_pixel_ratio)
        request_url = sized_avatar_url(url, size_px)
        cached = self._memory.get(request_url)
        if cached is not None:
            return cached
        load = self._loads.get(request_url)
        if load is not None:
            load.urls.add(url)
            return None
        if self._may_load(url, request_url):
            self._start_load(url, request_url, size_px)
        return None

    def placeholder(self, logical_px: int, device_pixel_ratio: float = 1.0) -> QImage:
        """Return the placeholder avatar, rendered once per size in device pixels."""
        size_px = to_device_pixels(logical_px, device_pixel_ratio)
        image = self._placeholders.get(size_px)
        if image is None:
            image = QImage(
                QSize(size_px, size_px), QImage.Format.Format_ARGB32_Premultiplied
            )
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._placeholder_svg.render(painter)
            painter.end()
            self._placeholders[size_px] = image
        return image

    def close(self, timeout_s: float | None = None) -> None:
        """Stop loading and wait for the worker threads.

        A download stops at its next chunk, or at the latest when its
        `timeout_s` runs out, which is also the default wait.
        """
        if self._closing.is_set():
            return
        self._closing.set()
        wait_s = self._timeout_s if timeout_s is None else timeout_s
        ended = self._disk_pool.close(wait_s)
        ended = self._network_pool.close(wait_s) and ended
        if not ended:
            logger.warning("Avatar downloads still running after %g s", wait_s)
        self._loads.clear()
        self._failure_log.flush()

    def _may_load(self, url: str, request_url: str) -> bool:
        if self._closing.is_set():
            return False
        failure = self._failures.get(request_url)
        if failure is not None:
            return failure.retry_at is not None and self._clock() >= failure.retry_at
        if not request_url.lower().startswith(_FETCHED_SCHEMES):
            self._failures[request_url] = _Failure(attempts=0, retry_at=None)
            self._failure_log.record(url, "only http and https URLs are fetched")
            return False
        return True

    def _start_load(self, url: str, request_url: str, size_px: int) -> None:
        self._loads[request_url] = _Load(size_px, {url})
        disk = self._disk
        if disk is None or request_url in self._failures:
            self._start_download(request_url, size_px)
            return
        closing, relay = self._closing, self._relay
        self._disk_pool.submit(
            lambda _: _load_from_disk(request_url, size_px, disk, closing, relay)
        )

    def _start_download(self, request_url: str, size_px: int) -> None:
        disk, timeout_s = self._disk, self._timeout_s
        closing, relay = self._closing, self._relay
        self._network_pool.submit(
            lambda session: _load_from_network(
                session, request_url, size_px, timeout_s, disk, closing, relay
            )
        )

    def _on_relay_finished(self, outcome: _Outcome) -> None:
        load = self._loads.get(outcome.request_url)
        if load is None or self._closing.is_set():
            return
        if outcome.result is _Result.NOT_ON_DISK:
            self._start_download(outcome.request_url, load.size_px)
            return
        del self._loads[outcome.request_url]
        if outcome.image is not None:
            self._memory.put(outcome.request_url, outcome.image)
            self._failures.pop(outcome.request_url, None)
            for url in sorted(load.urls):
                self.avatar_ready.emit(url)
            return
        self._remember_failure(outcome)
        for url in sorted(load.urls):
            self.avatar_failed.emit(url)

    def _remember_failure(self, outcome: _Outcome) -> None:
        previous = self._failures.get(outcome.request_url)
        attempts = 1 if previous is None else previous.attempts + 1
        retry_at = None
        if outcome.transient and attempts < MAX_DOWNLOAD_ATTEMPTS:
            retry_at = self._clock() + self._retry_delay_s
        self._failures[outcome.request_url] = _Failure(attempts, retry_at)
        self._failure_log.record(outcome.request_url, outcome.error)
