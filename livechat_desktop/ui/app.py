"""Start the Qt application with the chat window."""

from __future__ import annotations

import logging
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QStandardPaths, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from livechat_desktop import __version__
from livechat_desktop.credentials import KeyStore
from livechat_desktop.options import LaunchOptions
from livechat_desktop.resources import resource_path
from livechat_desktop.transcript import TranscriptWriter
from livechat_desktop.ui.settings import SettingsStore
from livechat_desktop.ui.translations import install_translations
from livechat_desktop.ui.tray import ChatTrayIcon
from livechat_desktop.ui.window import WINDOW_TITLE, ChatWindow
from livechat_desktop.youtube.client import PageObserver

if TYPE_CHECKING:
    from livechat_desktop.ui.key_dialog import KeyDialogResult

logger = logging.getLogger(__name__)


QUOTA_FILE_NAME = "quota.json"
ORGANIZATION = "LiveChat Desktop"


def _data_dir() -> Path:
    """Return the per-user data folder, for example ~/.local/share/LiveChat Desktop."""
    return Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    )


def ask_for_api_key(store: KeyStore) -> tuple[KeyDialogResult, str | None]:
    # Imported here: only a first run without a key needs the dialog.
    from livechat_desktop.ui.key_dialog import ApiKeyDialog

    """Show the first-run dialog that explains how to get an API key.

    Returns the user's choice and the key they entered, if any.
    """
    existing = QApplication.instance()
    if not isinstance(existing, QApplication):
        # Kept for `run`, which reuses the running application.
        global _dialog_app
        existing = _dialog_app = QApplication(sys.argv[:1])
    settings = SettingsStore(QSettings(ORGANIZATION, WINDOW_TITLE)).load()
    install_translations(existing, settings.language)
    dialog = ApiKeyDialog(store)
    dialog.setWindowIcon(QIcon(str(resource_path("icon.svg"))))
    dialog.exec()
    return dialog.outcome, dialog.api_key


_dialog_app: QApplication | None = None


def run(
    options: LaunchOptions,
    *,
    transcript: TranscriptWriter | None = None,
    page_observer: PageObserver | None = None,
) -> int:
    """Show the window, run the event loop and return the exit status."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(WINDOW_TITLE)
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(True)

    store = SettingsStore(QSettings(ORGANIZATION, WINDOW_TITLE))
    install_translations(app, store.load().language)
    has_tray = QSystemTrayIcon.isSystemTrayAvailable()
    window = ChatWindow(
        api_key=options.api_key,
        api_base_url=options.api_base_url,
        transcript=transcript,
        page_observer=page_observer,
        min_interval_ms=options.min_interval_ms,
        quota_path=_data_dir() / QUOTA_FILE_NAME if options.persist_quota else None,
        settings_store=store,
        has_tray=has_tray,
    )
    tray = ChatTrayIcon(window) if has_tray else None
    if tray is not None:
        tray.show()
    else:
        logger.info("No system tray on this desktop; use the window's right-click menu")
    window.show()
    if options.video_id is not None:
        window.connect_video(options.video_id)
    if options.exit_after_s is not None:
        QTimer.singleShot(int(options.exit_after_s * 1000), window.close)

    # Ctrl+C in the terminal closes the window the same way the close button
    # does. The timer lets the Python interpreter run its signal handler while
    # Qt's event loop is busy in C++.
    signal.signal(signal.SIGINT, lambda _signum, _frame: window.close())
    wake = QTimer(app)
    wake.timeout.connect(lambda: None)
    wake.start(200)
    status = app.exec()
    wake.stop()
    logger.info("Window closed; exit status %d", status)
    return status
