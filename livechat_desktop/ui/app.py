"""Start the Qt application with the chat window."""

from __future__ import annotations

import logging
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication

from livechat_desktop import __version__
from livechat_desktop.options import LaunchOptions
from livechat_desktop.transcript import TranscriptWriter
from livechat_desktop.ui.window import WINDOW_TITLE, ChatWindow
from livechat_desktop.youtube.client import PageObserver

logger = logging.getLogger(__name__)


QUOTA_FILE_NAME = "quota.json"


def _data_dir() -> Path:
    """Return the per-user data folder, for example ~/.local/share/LiveChat Desktop."""
    return Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    )


def run(
    options: LaunchOptions,
    *,
    transcript: TranscriptWriter | None = None,
    page_observer: PageObserver | None = None,
) -> int:
    """Show the window, run the event loop and return the exit status."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(WINDOW_TITLE)
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(True)

    window = ChatWindow(
        api_key=options.api_key,
        api_base_url=options.api_base_url,
        transcript=transcript,
        page_observer=page_observer,
        min_interval_ms=options.min_interval_ms,
        quota_path=_data_dir() / QUOTA_FILE_NAME if options.persist_quota else None,
    )
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
