"""The system tray icon: the way back from click-through, and the app's menu."""

from __future__ import annotations

import logging

from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from livechat_desktop.resources import resource_path
from livechat_desktop.ui.window import WINDOW_TITLE, ChatWindow

logger = logging.getLogger(__name__)


class ChatTrayIcon(QSystemTrayIcon):
    """A tray icon whose menu drives the window.

    Double-clicking the icon turns click-through off and brings the window
    forward, so a user who cannot click the window is never locked out.
    """

    def __init__(self, window: ChatWindow) -> None:
        super().__init__(QIcon(str(resource_path("icon.svg"))), window)
        self._window = window
        self.setToolTip(WINDOW_TITLE)
        menu = QMenu()
        self.show_action = QAction(self.tr("Show or hide"), menu)
        self.show_action.triggered.connect(self._on_show_action_triggered)
        self.connect_action = QAction(self.tr("Connect to another stream\u2026"), menu)
        self.connect_action.triggered.connect(self._on_connect_action_triggered)
        menu.addAction(self.show_action)
        menu.addAction(window.actions_by_name["click_through"])
        menu.addAction(window.actions_by_name["lock"])
        menu.addAction(self.connect_action)
        menu.addAction(window.actions_by_name["settings"])
        menu.addSeparator()
        menu.addAction(window.actions_by_name["quit"])
        self._menu = menu
        self.setContextMenu(menu)
        self.activated.connect(self._on_activated)

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason is QSystemTrayIcon.ActivationReason.DoubleClick:
            self.leave_click_through()

    def leave_click_through(self) -> None:
        """Turn click-through off and bring the window to the front."""
        self._window.set_click_through(False)
        self._window.show()
        self._window.raise_()
        self._window.activateWindow()

    def _on_show_action_triggered(self) -> None:
        if self._window.isVisible():
            self._window.hide()
        else:
            self._window.show()
            self._window.raise_()

    def _on_connect_action_triggered(self) -> None:
        self._window.set_click_through(False)
        self._window.show_connect_box()
