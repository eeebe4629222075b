"""The frameless, always-on-top chat window."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QIcon,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSizeGrip,
    QVBoxLayout,
    QWidget,
)

from livechat_desktop.resources import resource_path
from livechat_desktop.transcript import TranscriptWriter
from livechat_desktop.ui.avatars import AvatarStore
from livechat_desktop.ui.chat_model import ChatListModel
from livechat_desktop.ui.delegate import ChatDelegate
from livechat_desktop.ui.status_text import status_line
from livechat_desktop.ui.worker import PollWorker
from livechat_desktop.video_id import InvalidVideoError, parse_video_id
from livechat_desktop.youtube.client import PageObserver, YouTubeClient
from livechat_desktop.youtube.models import ChatEvent
from livechat_desktop.youtube.poller import PollerState, PollerStatus
from livechat_desktop.youtube.quota import QuotaLedger

logger = logging.getLogger(__name__)

# OBS finds a window source again by its title, so the title never changes.
WINDOW_TITLE = "LiveChat Desktop"
BACKGROUND = QColor(24, 24, 28, 235)
# How long closing waits for a request in flight, in milliseconds. The
# client's read timeout bounds it too.
STOP_WAIT_MS = 20_000


class _DragBar(QWidget):
    """The top bar: dragging it moves the window through the window system."""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        handle = self.window().windowHandle()
        if event.button() == Qt.MouseButton.LeftButton and handle is not None:
            handle.startSystemMove()
            event.accept()
            return
        super().mousePressEvent(event)


class ChatView(QListView):
    """A list view that keeps the delegate's width in step with its own."""

    def __init__(self, delegate: ChatDelegate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._delegate = delegate
        self.setItemDelegate(delegate)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setWordWrap(True)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setStyleSheet(
            "QListView { background: transparent; }"
            "QScrollBar:vertical { width: 8px; background: transparent; }"
            "QScrollBar::handle:vertical { background: rgba(255,255,255,70);"
            " border-radius: 4px; min-height: 24px; }"
            "QScrollBar::add-line, QScrollBar::sub-line { height: 0; }"
            "QScrollBar::add-page, QScrollBar::sub-page { background: none; }"
        )

        # Follow new rows while the user is at the bottom; scrolling up
        # pauses that until they scroll back down.
        self.following = True
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._on_scroll_bar_value_changed)
        bar.rangeChanged.connect(self._on_scroll_bar_range_changed)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._delegate.width_px = self.viewport().width()
        super().resizeEvent(event)

    def _on_scroll_bar_value_changed(self, value: int) -> None:
        self.following = value >= self.verticalScrollBar().maximum() - 4

    def _on_scroll_bar_range_changed(self, _minimum: int, maximum: int) -> None:
        if self.following:
            self.verticalScrollBar().setValue(maximum)


class ChatWindow(QWidget):
    """Shows one chat at a time, with a box to paste a video and a status line.

    Signals:
        events_shown(int): Rows were added to the view; the new row count.
    """

    events_shown = Signal(int)

    def __init__(
        self,
        *,
        api_key: str | None,
        api_base_url: str,
        transcript: TranscriptWriter | None = None,
        page_observer: PageObserver | None = None,
        min_interval_ms: int = 0,
        quota_path: Path | None = None,
    ) -> None:
        super().__init__(None)
        self._quota_path = quota_path
        self._api_key = api_key
        self._api_base_url = api_base_url
        self._transcript = transcript
        self._page_observer = page_observer
        self._min_interval_ms = min_interval_ms
        self._worker: PollWorker | None = None
        self._retired: list[PollWorker] = []
        self.last_status: PollerStatus | None = None

        self.setWindowTitle(WINDOW_TITLE)
        self.setWindowIcon(QIcon(str(resource_path("icon.svg"))))
        self.setWindowFlags(
            Qt.WindowType.Window
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.resize(380, 560)

        self.avatars = AvatarStore(self)
        self.model = ChatListModel(self)
        self.delegate = ChatDelegate(self.avatars, self)
        self.view = ChatView(self.delegate, self)
        self.view.setModel(self.model)
        self.avatars.avatar_ready.connect(self._on_avatars_avatar_ready)
        self._build_layout()

    def _build_layout(self) -> None:
        bar = _DragBar(self)
        bar.setCursor(Qt.CursorShape.SizeAllCursor)
        self.video_edit = QLineEdit(bar)
        self.video_edit.setPlaceholderText("Paste a YouTube link or video id")
        self.video_edit.returnPressed.connect(self._on_connect_button_clicked)
        self.connect_button = QPushButton("Connect", bar)
        self.connect_button.clicked.connect(self._on_connect_button_clicked)
        close_button = QPushButton("\u2715", bar)
        close_button.setToolTip("Quit")
        close_button.setFixedWidth(28)
        close_button.clicked.connect(self.close)
        bar_layout = QHBoxLayout(bar)
        bar_layout.setContentsMargins(8, 6, 6, 2)
        bar_layout.addWidget(self.video_edit, 1)
        bar_layout.addWidget(self.connect_button)
        bar_layout.addWidget(close_button)

        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setStyleSheet("color: #d0d0d0; padding: 2px 8px;")
        grip = QSizeGrip(self)
        footer = QHBoxLayout()
        footer.setContentsMargins(0, 0, 0, 0)
        footer.addWidget(self.status_label, 1)
        footer.addWidget(grip, 0, Qt.AlignmentFlag.AlignBottom)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(bar)
        layout.addWidget(self.view, 1)
        layout.addLayout(footer)
        self.setStyleSheet(
            "QLineEdit { background: rgba(255,255,255,30); color: white;"
            " border: 1px solid rgba(255,255,255,60); border-radius: 4px;"
            " padding: 2px 4px; }"
            "QPushButton { color: white; background: rgba(255,255,255,40);"
            " border: none; border-radius: 4px; padding: 3px 8px; }"
            "QPushButton:hover { background: rgba(255,255,255,70); }"
        )
        if self._api_key is None:
            self.status_label.setText(
                "No API key: pass --api-key or set YOUTUBE_API_KEY, "
                "or start with --demo to try the app without one."
            )
        else:
            self.status_label.setText("Paste a YouTube link, then press Connect.")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BACKGROUND)
        painter.drawRoundedRect(self.rect(), 8, 8)

    @property
    def connected(self) -> bool:
        return self._worker is not None

    def connect_video(self, video_id: str) -> None:
        """Stop any current chat and start polling `video_id`."""
        self.disconnect_video()
        if not self._api_key:
            self.status_label.setText(
                "Cannot connect without an API key: pass --api-key or set "
                "YOUTUBE_API_KEY, then start the app again."
            )
            return
        self.video_edit.setText(video_id)
        client = YouTubeClient(
            self._api_key,
            base_url=self._api_base_url,
            page_observer=self._page_observer,
        )
        worker = PollWorker(
            client,
            video_id,
            transcript=self._transcript,
            min_interval_ms=self._min_interval_ms,
            quota=QuotaLedger(self._quota_path, self._api_key),
            parent=self,
        )
        worker.events_received.connect(self._on_worker_events_received)
        worker.status_changed.connect(self._on_worker_status_changed)
        worker.finished.connect(self._on_worker_finished)
        self._worker = worker
        self.connect_button.setText("Disconnect")
        logger.info("Connecting to video %s", video_id)
        worker.start()

    def disconnect_video(self) -> None:
        """Stop polling; the thread ends on its own and is then released."""
        worker = self._worker
        if worker is None:
            return
        self._worker = None
        worker.events_received.disconnect(self._on_worker_events_received)
        worker.status_changed.disconnect(self._on_worker_status_changed)
        worker.stop()
        self._retired.append(worker)
        self.connect_button.setText("Connect")
        self.status_label.setText("Disconnected.")

    def stop_all_workers(self, wait_ms: int = STOP_WAIT_MS) -> bool:
        """Stop every polling thread and wait for them; True if all ended."""
        self.disconnect_video()
        ended = True
        for worker in list(self._retired):
            worker.stop()
            ended = worker.wait(wait_ms) and ended
        return ended

    def closeEvent(self, event: QCloseEvent) -> None:
        self.hide()
        if not self.stop_all_workers():
            logger.warning("A polling thread did not end in time")
        super().closeEvent(event)

    def _on_connect_button_clicked(self) -> None:
        if self._worker is not None and self.sender() is self.connect_button:
            self.disconnect_video()
            return
        try:
            video_id = parse_video_id(self.video_edit.text())
        except InvalidVideoError as error:
            self.status_label.setText(str(error))
            return
        self.model.clear()
        self.connect_video(video_id)

    def _on_worker_events_received(self, events: tuple[ChatEvent, ...]) -> None:
        self.model.add_events(events)
        self.events_shown.emit(self.model.rowCount())

    def _on_worker_status_changed(self, status: PollerStatus) -> None:
        self.last_status = status
        self.status_label.setText(status_line(status))
        if status.state in {PollerState.ENDED, PollerState.FAILED}:
            self.connect_button.setText("Connect")

    def _on_worker_finished(self) -> None:
        worker = self.sender()
        if isinstance(worker, PollWorker):
            if worker is self._worker:
                self._worker = None
                self.connect_button.setText("Connect")
            if worker in self._retired:
                self._retired.remove(worker)
            worker.deleteLater()

    def _on_avatars_avatar_ready(self, url: str) -> None:
        # NOTE: repaints the visible rows only; finding the rows of one URL
        # through a map is left for the avatar cache work.
        self.view.viewport().update()
