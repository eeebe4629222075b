"""Run the app's command line and report when the first chat row is painted.

`run.py` starts this script as a subprocess with the app's arguments, for
example `--demo`. Before the app starts, it wraps `ChatDelegate.paint`, which
the view calls for each row it draws. At the first call, the wrapper prints
`first_row_paint_monotonic_s=<time.monotonic()>` on stdout and closes the
windows, so the app exits normally. `time.monotonic()` is CLOCK_MONOTONIC on
Linux, which all processes share, so the driver can subtract the time at
which it started this process.

The wrapper replaces an application-wide event filter, which saw every event
of every object. Wrapping each of those objects made PySide6 set up many
widget types and their enums early, which added about 20 ms to the median on
a 2-core machine without being part of the app's start.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from livechat_desktop.cli import main as cli_main
from livechat_desktop.ui.delegate import ChatDelegate

OUTPUT_PREFIX = "first_row_paint_monotonic_s="


def _report_first_paint() -> None:
    """Wrap `ChatDelegate.paint` so that its first call prints the time."""
    paint = ChatDelegate.paint
    reported = False

    def paint_and_report(
        self: ChatDelegate,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        nonlocal reported
        if not reported:
            reported = True
            print(f"{OUTPUT_PREFIX}{time.monotonic():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.closeAllWindows)
        paint(self, painter, option, index)

    ChatDelegate.paint = paint_and_report  # type: ignore[method-assign]


def main() -> int:
    _report_first_paint()
    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
