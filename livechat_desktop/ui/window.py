"""The frameless, always-on-top chat window."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDeadlineTimer, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QMouseEvent,
    QMoveEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizeGrip,
    QVBoxLayout,
    QWidget,
)

from livechat_desktop.filters import FilterRules, compile_rules
from livechat_desktop.resources import resource_path
from livechat_desktop.transcript import TranscriptWriter
from livechat_desktop.ui.avatars import AvatarStore
from livechat_desktop.ui.chat_model import ChatListModel
from livechat_desktop.ui.chat_view import ChatView
from livechat_desktop.ui.delegate import ChatDelegate
from livechat_desktop.ui.filter_proxy import ChatFilterProxy
from livechat_desktop.ui.geometry import on_screen
from livechat_desktop.ui.messages import invalid_video_message
from livechat_desktop.ui.settings import BackgroundMode, Settings, SettingsStore
from livechat_desktop.ui.shortcuts import ShortcutHelpDialog, shortcuts
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
GEOMETRY_SAVE_DELAY_MS = 500
RESIZE_MARGIN_PX = 4
_RESIZE_CURSORS = {
    Qt.Edge.LeftEdge: Qt.CursorShape.SizeHorCursor,
    Qt.Edge.RightEdge: Qt.CursorShape.SizeHorCursor,
    Qt.Edge.TopEdge: Qt.CursorShape.SizeVerCursor,
    Qt.Edge.BottomEdge: Qt.CursorShape.SizeVerCursor,
    Qt.Edge.TopEdge | Qt.Edge.LeftEdge: Qt.CursorShape.SizeFDiagCursor,
    Qt.Edge.BottomEdge | Qt.Edge.RightEdge: Qt.CursorShape.SizeFDiagCursor,
    Qt.Edge.TopEdge | Qt.Edge.RightEdge: Qt.CursorShape.SizeBDiagCursor,
    Qt.Edge.BottomEdge | Qt.Edge.LeftEdge: Qt.CursorShape.SizeBDiagCursor,
}
OPACITY_STEP = 0.05
# While messages fade, the view repaints this often, in milliseconds.
FADE_REPAINT_MS = 100
# How long closing waits for requests in flight, in milliseconds, before it
# terminates their threads.
STOP_WAIT_MS = 3_000


class _DragBar(QWidget):
    """The top bar: dragging it moves the window through the window system."""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        handle = self.window().windowHandle()
        locked = getattr(self.window(), "locked", False)
        if event.button() == Qt.MouseButton.LeftButton and handle and not locked:
            handle.startSystemMove()
            event.accept()
            return
        super().mousePressEvent(event)


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
        settings_store: SettingsStore | None = None,
        has_tray: bool = False,
    ) -> None:
        super().__init__(None)
        self._quota_path = quota_path
        self._store = settings_store
        self._ledger: QuotaLedger | None = None
        self._ledger_key: str | None = None
        # True while the video box contains another video than the one polled.
        self._switch_pending = False
        self._has_tray = has_tray
        self.settings = settings_store.load() if settings_store else Settings()
        self._paused_batches: list[tuple[ChatEvent, ...]] = []
        self.actions_by_name: dict[str, QAction] = {}
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

        self.avatars = AvatarStore(AvatarStore.default_cache_dir(), self)
        self.model = ChatListModel(self)
        self.delegate = ChatDelegate(self.avatars, self)
        self.view = ChatView(self.delegate, self)
        self.proxy = ChatFilterProxy(parent=self)
        self.proxy.setSourceModel(self.model)
        self.view.setModel(self.proxy)
        self.filter_errors: list[str] = []
        self.avatars.avatar_ready.connect(self._on_avatars_avatar_ready)
        self._build_layout()
        self._build_actions()
        self._geometry_timer = QTimer(self)
        self._geometry_timer.setSingleShot(True)
        self._geometry_timer.setInterval(GEOMETRY_SAVE_DELAY_MS)
        self._geometry_timer.timeout.connect(self._save_geometry)
        self._fade_timer = QTimer(self)
        self._fade_timer.setInterval(FADE_REPAINT_MS)
        self._fade_timer.timeout.connect(self.view.viewport().update)
        self.apply_settings(self.settings, save=False)
        self._restore_geometry()

    def _build_layout(self) -> None:
        bar = _DragBar(self)
        self.drag_bar = bar
        bar.setCursor(Qt.CursorShape.SizeAllCursor)
        self.video_edit = QLineEdit(bar)
        self.video_edit.setPlaceholderText(self.tr("Paste a YouTube link or video id"))
        self.video_edit.returnPressed.connect(self._on_connect_button_clicked)
        self.video_edit.textEdited.connect(self._on_video_edit_text_edited)
        self.connect_button = QPushButton(self.tr("Connect"), bar)
        self.connect_button.clicked.connect(self._on_connect_button_clicked)
        close_button = QPushButton("\u2715", bar)
        close_button.setToolTip(self.tr("Quit"))
        close_button.setFixedWidth(28)
        close_button.clicked.connect(self.close)
        # Styled on the bar, not the window, so dialogs keep the system look.
        bar.setStyleSheet(
            "QLineEdit { background: rgba(255,255,255,30); color: white;"
            " border: 1px solid rgba(255,255,255,60); border-radius: 4px;"
            " padding: 2px 4px; }"
            "QPushButton { color: white; background: rgba(255,255,255,40);"
            " border: none; border-radius: 4px; padding: 3px 8px; }"
            "QPushButton:hover { background: rgba(255,255,255,70); }"
        )
        bar_layout = QHBoxLayout(bar)
        bar_layout.setContentsMargins(8, 6, 6, 2)
        handle = QLabel("\u283f", bar)
        handle.setToolTip(self.tr("Drag to move the window"))
        handle.setStyleSheet("color: rgba(255,255,255,150); font-size: 16px;")
        bar_layout.addWidget(handle)
        bar_layout.addWidget(self.video_edit, 1)
        bar_layout.addWidget(self.connect_button)
        bar_layout.addWidget(close_button)

        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setStyleSheet("color: #d0d0d0; padding: 2px 8px;")
        grip = QSizeGrip(self)
        self.size_grip = grip
        footer = QHBoxLayout()
        footer.setContentsMargins(0, 0, 0, 0)
        footer.addWidget(self.status_label, 1)
        footer.addWidget(grip, 0, Qt.AlignmentFlag.AlignBottom)

        layout = QVBoxLayout(self)
        # The margin is the frame that the window itself receives presses on,
        # for resizing from any edge.
        layout.setContentsMargins(*(RESIZE_MARGIN_PX,) * 4)
        layout.setSpacing(0)
        self.setMouseTracking(True)
        layout.addWidget(bar)
        layout.addWidget(self.view, 1)
        layout.addLayout(footer)
        if self._api_key is None:
            self.status_label.setText(
                self.tr(
                    "No API key: pass --api-key or set YOUTUBE_API_KEY, "
                    "or start with --demo to try the app without one."
                )
            )
        else:
            self.status_label.setText(
                self.tr("Paste a YouTube link, then press Connect.")
            )

    def _edges_at(self, position: QPoint) -> Qt.Edge:
        """Return the window edges within the resize margin of `position`."""
        edges = Qt.Edge(0)
        margin = RESIZE_MARGIN_PX
        if position.x() < margin:
            edges |= Qt.Edge.LeftEdge
        if position.x() >= self.width() - margin:
            edges |= Qt.Edge.RightEdge
        if position.y() < margin:
            edges |= Qt.Edge.TopEdge
        if position.y() >= self.height() - margin:
            edges |= Qt.Edge.BottomEdge
        return edges

    def mousePressEvent(self, event: QMouseEvent) -> None:
        edges = self._edges_at(event.position().toPoint())
        handle = self.windowHandle()
        if (
            event.button() == Qt.MouseButton.LeftButton
            and edges != Qt.Edge(0)
            and handle is not None
            and not self.locked
        ):
            handle.startSystemResize(edges)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        edges = self._edges_at(event.position().toPoint())
        self.setCursor(_RESIZE_CURSORS.get(edges, Qt.CursorShape.ArrowCursor))
        super().mouseMoveEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        appearance = self.settings.appearance
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        if appearance.background is BackgroundMode.CHROMA_KEY:
            # Square corners: a rounded one would let the desktop show
            # through beside the key colour.
            painter.fillRect(self.rect(), QColor(appearance.chroma_color))
            return
        color = QColor(appearance.solid_color)
        if appearance.background is BackgroundMode.TRANSLUCENT:
            color.setAlphaF(appearance.opacity)
        painter.setBrush(color)
        painter.drawRoundedRect(self.rect(), 8, 8)

    @property
    def connected(self) -> bool:
        return self._worker is not None

    def connect_video(self, video_id: str) -> None:
        """Stop any current chat and start polling `video_id`."""
        self.disconnect_video()
        if not self._api_key:
            self.status_label.setText(
                self.tr(
                    "Cannot connect without an API key: pass --api-key or set "
                    "YOUTUBE_API_KEY, then start the app again."
                )
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
            min_interval_ms=max(
                self._min_interval_ms, int(self.settings.min_interval_s * 1000)
            ),
            quota=self._quota_ledger(self._api_key),
            parent=self,
        )

        worker.events_received.connect(self._on_worker_events_received)
        worker.status_changed.connect(self._on_worker_status_changed)
        worker.finished.connect(self._on_worker_finished)
        self._worker = worker
        self.connect_button.setText(self.tr("Disconnect"))
        logger.info("Connecting to video %s", video_id)
        worker.start()

    def _quota_ledger(self, api_key: str) -> QuotaLedger:
        """Return the window's ledger for `api_key`, so reconnecting keeps counting."""
        if self._ledger is None or self._ledger_key != api_key:
            self._ledger = QuotaLedger(self._quota_path, api_key)
            self._ledger_key = api_key
        return self._ledger

    def disconnect_video(self) -> None:
        """Stop polling; the thread ends on its own and is then released."""
        self._switch_pending = False
        worker = self._worker
        if worker is None:
            return
        self._worker = None
        worker.events_received.disconnect(self._on_worker_events_received)
        worker.status_changed.disconnect(self._on_worker_status_changed)
        worker.stop()
        self._retired.append(worker)
        self.connect_button.setText(self.tr("Connect"))
        self.status_label.setText(self.tr("Disconnected."))

    def stop_all_workers(self, wait_ms: int = STOP_WAIT_MS) -> bool:
        """Stop every polling thread and wait for them; True if all ended.

        The threads are stopped together and share one deadline. A thread
        still blocked in a request after it is terminated, because quitting
        with a running QThread aborts the whole process.
        """
        self.disconnect_video()
        workers = list(self._retired)
        for worker in workers:
            worker.stop()
        deadline = QDeadlineTimer(wait_ms)
        ended = True
        for worker in workers:
            if worker.wait(deadline):
                continue
            ended = False
            logger.warning(
                "Polling thread for %s did not stop in time; terminating it",
                worker.video_id,
            )
            worker.terminate()
            worker.wait()
        return ended

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_geometry()
        self.hide()
        if not self.stop_all_workers():
            logger.warning("A polling thread did not end in time")
        # Ends the avatar downloads and the threads waiting for more.
        self.avatars.close()
        super().closeEvent(event)

    def _on_video_edit_text_edited(self, text: str) -> None:
        if self._worker is None:
            return
        # A different video in the box turns the button into a switch to it.
        self._switch_pending = text.strip() not in {"", self._worker.video_id}
        self.connect_button.setText(
            self.tr("Connect") if self._switch_pending else self.tr("Disconnect")
        )

    def _on_connect_button_clicked(self) -> None:
        from_button = self.sender() is self.connect_button
        if self._worker is not None and from_button and not self._switch_pending:
            self.disconnect_video()
            return
        try:
            video_id = parse_video_id(self.video_edit.text())
        except InvalidVideoError as error:
            self.status_label.setText(
                invalid_video_message(error, self.video_edit.text())
            )
            return
        self.model.clear()
        self.connect_video(video_id)

    def _on_worker_events_received(self, events: tuple[ChatEvent, ...]) -> None:
        if self.paused:
            self._paused_batches.append(events)
            # Rows beyond the kept maximum would be trimmed on resume anyway.
            kept = self.settings.appearance.max_messages
            while sum(map(len, self._paused_batches)) > 2 * kept:
                del self._paused_batches[0]
            return
        self.model.add_events(events)
        self.events_shown.emit(self.model.rowCount())

    def _on_worker_status_changed(self, status: PollerStatus) -> None:
        self.last_status = status
        self.status_label.setText(status_line(status))
        if status.state in {PollerState.ENDED, PollerState.FAILED}:
            self.connect_button.setText(self.tr("Connect"))

    def _on_worker_finished(self) -> None:
        worker = self.sender()
        if isinstance(worker, PollWorker):
            if worker is self._worker:
                self._worker = None
                self.connect_button.setText(self.tr("Connect"))
            if worker in self._retired:
                self._retired.remove(worker)
            worker.deleteLater()

    def _on_avatars_avatar_ready(self, url: str) -> None:
        self.model.emit_avatar_changed(url)

    # Overlay controls: actions, shortcuts, settings and geometry.

    @property
    def locked(self) -> bool:
        return self.settings.locked

    @property
    def paused(self) -> bool:
        action = self.actions_by_name.get("pause")
        return action is not None and action.isChecked()

    def _build_actions(self) -> None:
        handlers: dict[str, Callable[[], object]] = {
            "click_through": self._on_click_through_action_triggered,
            "opacity_up": lambda: self._step_opacity(OPACITY_STEP),
            "opacity_down": lambda: self._step_opacity(-OPACITY_STEP),
            "font_up": lambda: self._step_font(1),
            "font_down": lambda: self._step_font(-1),
            "clear": self.model.clear,
            "pause": self._on_pause_action_triggered,
            "lock": self._on_lock_action_triggered,
            "settings": self.open_settings,
            "help": self.open_help,
            "quit": self.close,
        }
        checkable = {"click_through", "pause", "lock"}
        for shortcut in shortcuts():
            action = QAction(shortcut.description, self)
            action.setShortcut(QKeySequence(shortcut.keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setCheckable(shortcut.name in checkable)
            action.triggered.connect(handlers[shortcut.name])
            self.addAction(action)
            self.actions_by_name[shortcut.name] = action
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_view_context_menu)

    def _on_view_context_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        menu.addActions(self.actions())
        menu.popup(self.view.viewport().mapToGlobal(position))

    def apply_settings(self, settings: Settings, *, save: bool = True) -> None:
        """Show the window as `settings` describe, and save them."""
        appearance = settings.appearance.clamped()
        if settings.click_through and not self._has_tray:
            # Without a tray icon nothing could turn click-through off again.
            logger.warning("Click-through needs a system tray; leaving it off")
            settings = dataclasses.replace(settings, click_through=False)
        self.settings = dataclasses.replace(settings, appearance=appearance)

        font = QFont(self.view.font())
        if appearance.font_family:
            font.setFamily(appearance.font_family)
        font.setPointSize(appearance.font_size_pt)
        self.view.setFont(font)
        self.delegate.apply_appearance(appearance)

        chat_filter, self.filter_errors = compile_rules(
            FilterRules.from_settings(settings.filter_values)
        )
        self.proxy.set_filter(chat_filter)
        self.delegate.highlighter = chat_filter.is_highlighted

        self.model.set_max_rows(appearance.max_messages)
        if appearance.fade_after_s > 0:
            self._fade_timer.start()
        else:
            self._fade_timer.stop()
        self.view.scheduleDelayedItemsLayout()

        self.size_grip.setVisible(not settings.locked)
        self.actions_by_name["lock"].setChecked(settings.locked)
        self._set_click_through(settings.click_through)
        self.update()
        if save and self._store is not None:
            self._store.save(self.settings)

    def set_click_through(self, enabled: bool) -> None:
        """Let mouse input pass through the window to what is below, or not."""
        self.apply_settings(dataclasses.replace(self.settings, click_through=enabled))

    def _set_click_through(self, enabled: bool) -> None:
        self.actions_by_name["click_through"].setChecked(enabled)
        flag = Qt.WindowType.WindowTransparentForInput
        if bool(self.windowFlags() & flag) == enabled:
            return
        visible = self.isVisible()
        self.setWindowFlag(flag, enabled)
        if visible:
            # Changing a window flag hides the window.
            self.show()
        logger.info("Click-through %s", "on" if enabled else "off")

    def open_settings(self) -> None:
        from livechat_desktop.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)

        def apply(settings: Settings) -> None:
            self.apply_settings(settings)
            dialog.show_filter_errors(self.filter_errors)

        dialog.settings_changed.connect(apply)
        dialog.show_filter_errors(self.filter_errors)
        dialog.open()

    def open_help(self) -> None:
        ShortcutHelpDialog(self).open()

    def show_connect_box(self) -> None:
        """Bring the window up with the video box focused, to switch streams."""
        self.show()
        self.raise_()
        self.activateWindow()
        self.video_edit.setFocus()
        self.video_edit.selectAll()

    def _on_click_through_action_triggered(self) -> None:
        self.set_click_through(not self.settings.click_through)

    def _on_lock_action_triggered(self) -> None:
        self.apply_settings(dataclasses.replace(self.settings, locked=not self.locked))

    def _on_pause_action_triggered(self) -> None:
        if self.paused:
            self.status_label.setText(
                self.tr("Paused: new messages wait until you resume.")
            )
            return
        batches, self._paused_batches = self._paused_batches, []
        for batch in batches:
            self.model.add_events(batch)
        self.events_shown.emit(self.model.rowCount())
        if self.last_status is not None:
            self.status_label.setText(status_line(self.last_status))

    def _step_opacity(self, step: float) -> None:
        appearance = self.settings.appearance
        changed = dataclasses.replace(appearance, opacity=appearance.opacity + step)
        self.apply_settings(dataclasses.replace(self.settings, appearance=changed))

    def _step_font(self, step_pt: int) -> None:
        appearance = self.settings.appearance
        changed = dataclasses.replace(
            appearance, font_size_pt=appearance.font_size_pt + step_pt
        )
        self.apply_settings(dataclasses.replace(self.settings, appearance=changed))

    def moveEvent(self, event: QMoveEvent) -> None:
        super().moveEvent(event)
        self._geometry_timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._geometry_timer.start()

    def _save_geometry(self) -> None:
        if self._store is not None and self.isVisible():
            self._store.save_geometry(self.saveGeometry())

    def _restore_geometry(self) -> None:
        saved = self._store.load_geometry() if self._store else None
        if saved is None or not self.restoreGeometry(saved):
            return
        screens = [screen.availableGeometry() for screen in QGuiApplication.screens()]
        target = on_screen(self.geometry(), screens)
        if target != self.geometry():
            logger.info("Saved window position is off screen; moving it back")
            self.setGeometry(target)
