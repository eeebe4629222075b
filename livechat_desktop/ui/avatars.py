"""Author avatars: fetched once per URL, kept in memory, a placeholder meanwhile.

The store uses `QNetworkAccessManager`, which runs its I/O asynchronously in
Qt's own network thread, so the GUI thread never blocks and no worker pool is
needed. Replies are decoded into `QImage` on arrival. A failed URL is
remembered and not requested again, so a dead link does not cost a request
on every repaint.
"""

from __future__ import annotations

import logging
from collections import OrderedDict

from PySide6.QtCore import QByteArray, QObject, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply, QNetworkRequest
from PySide6.QtSvg import QSvgRenderer

from livechat_desktop.resources import resource_path

logger = logging.getLogger(__name__)

MAX_AVATAR_BYTES = 1024 * 1024
MAX_AVATAR_PIXELS = 1024
MAX_CACHED_AVATARS = 2000
TIMEOUT_MS = 10_000


class AvatarStore(QObject):
    """Decoded avatars by URL, fetched on first request.

    Signals:
        avatar_ready(str): The image for this URL arrived or failed for good.
    """

    avatar_ready = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._network = QNetworkAccessManager(self)
        self._network.setTransferTimeout(TIMEOUT_MS)
        self._images: OrderedDict[str, QImage] = OrderedDict()
        self._pending: set[str] = set()
        self._failed: set[str] = set()
        self._placeholder_svg = QSvgRenderer(
            str(resource_path("placeholder_avatar.svg")), self
        )
        self._placeholders: dict[tuple[int, int], QImage] = {}

    def image(self, url: str | None) -> QImage | None:
        """Return the cached image, starting a fetch the first time; never blocks."""
        if not url:
            return None
        cached = self._images.get(url)
        if cached is not None:
            self._images.move_to_end(url)
            return cached
        if url not in self._pending and url not in self._failed:
            self._fetch(url)
        return None

    def placeholder(self, size: QSize) -> QImage:
        key = (size.width(), size.height())
        image = self._placeholders.get(key)
        if image is None:
            image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            self._placeholder_svg.render(painter)
            painter.end()
            self._placeholders[key] = image
        return image

    def _fetch(self, url: str) -> None:
        parsed = QUrl(url)
        if parsed.scheme() not in {"http", "https"}:
            logger.debug("Not fetching avatar with scheme %r", parsed.scheme())
            self._failed.add(url)
            return
        self._pending.add(url)
        reply = self._network.get(QNetworkRequest(parsed))
        reply.finished.connect(lambda: self._on_reply_finished(url, reply))

    def _on_reply_finished(self, url: str, reply: QNetworkReply) -> None:
        self._pending.discard(url)
        reply.deleteLater()
        image = self._decode(url, reply)
        if image is None:
            self._failed.add(url)
        else:
            self._images[url] = image
            while len(self._images) > MAX_CACHED_AVATARS:
                self._images.popitem(last=False)
        self.avatar_ready.emit(url)

    def _decode(self, url: str, reply: QNetworkReply) -> QImage | None:
        if reply.error() != QNetworkReply.NetworkError.NoError:
            logger.info("Avatar failed: %s (%s)", url, reply.errorString())
            return None
        data: QByteArray = reply.readAll()
        if data.size() > MAX_AVATAR_BYTES:
            logger.info("Avatar over %d bytes: %s", MAX_AVATAR_BYTES, url)
            return None
        image = QImage.fromData(data)
        if image.isNull():
            logger.info("Avatar is not an image: %s", url)
            return None
        if max(image.width(), image.height()) > MAX_AVATAR_PIXELS:
            logger.info("Avatar larger than %d px: %s", MAX_AVATAR_PIXELS, url)
            return None
        return image
