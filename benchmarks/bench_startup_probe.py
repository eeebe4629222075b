"""Run the app's command line and report when the first chat row is painted.

`run.py` starts this script as a subprocess with the app's arguments, for
example `--demo`. Before the app starts, it creates the `QApplication`, which
the app then reuses, and installs an application-wide event filter. At the
first paint event of a list view's viewport while its model has rows, the
filter prints `first_row_paint_monotonic_s=<time.monotonic()>` on stdout and
closes the windows, so the app exits normally. `time.monotonic()` is
CLOCK_MONOTONIC on Linux, which all processes share, so the driver can
subtract the time at which it started this process.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QListView, QWidget

from livechat_desktop.cli import main as cli_main

OUTPUT_PREFIX = "first_row_paint_monotonic_s="


class FirstRowPaintFilter(QObject):
    """Reports the first paint of a list viewport that has rows to draw.

    The event filter receives the paint event just before the view handles it, so
    the reported time is earlier than the finished paint by that one paint.
    """

    def __init__(self) -> None:
        super().__init__()
        self.reported = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.reported or event.type() != QEvent.Type.Paint:
            return False
        if not isinstance(watched, QWidget):
            return False
        view = watched.parent()
        if not isinstance(view, QListView) or view.viewport() is not watched:
            return False
        model = view.model()
        if model is None or model.rowCount() == 0:
            return False
        self.reported = True
        print(f"{OUTPUT_PREFIX}{time.monotonic():.6f}", flush=True)
        QTimer.singleShot(0, QApplication.closeAllWindows)
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    paint_filter = FirstRowPaintFilter()
    app.installEventFilter(paint_filter)
    status = cli_main(sys.argv[1:])
    app.removeEventFilter(paint_filter)
    return status


if __name__ == "__main__":
    sys.exit(main())
