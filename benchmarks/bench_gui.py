"""Measuring instruments for the GUI thread: a heartbeat, a paint probe, RSS."""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QListView

logger = logging.getLogger(__name__)

HEARTBEAT_INTERVAL_MS = 10


class Heartbeat(QObject):
    """A 10 ms precise `QTimer` on the GUI thread that records how late it fires.

    A stall is `max(0, actual interval - 10 ms)`: the time the event loop
    could not run a timer because something else held the GUI thread.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(HEARTBEAT_INTERVAL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._last_s: float | None = None
        self.stalls_ms: list[float] = []

    def start(self) -> None:
        self._last_s = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._on_timer_timeout()
        self._last_s = None

    def _on_timer_timeout(self) -> None:
        now_s = time.perf_counter()
        if self._last_s is not None:
            interval_ms = (now_s - self._last_s) * 1000
            self.stalls_ms.append(max(0.0, interval_ms - HEARTBEAT_INTERVAL_MS))
        self._last_s = now_s


class PaintProbe(QObject):
    """Counts paint events of a list view's viewport.

    At each paint it also records whether the model's last row lies inside the
    viewport, so a caller can wait for the paint that shows a new batch.
    """

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view
        self.paint_count = 0
        self.last_row_painted = False
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paint_count += 1
            self.last_row_painted = self._last_row_visible()
        return False

    def _last_row_visible(self) -> bool:
        model = self._view.model()
        rows = model.rowCount()
        if rows == 0:
            return False
        rect = self._view.visualRect(model.index(rows - 1, 0))
        return rect.isValid() and rect.intersects(self._view.viewport().rect())


def process_until(condition: Callable[[], bool], timeout_s: float) -> bool:
    """Run the event loop until `condition()` holds; False on time-out."""
    deadline = time.perf_counter() + timeout_s
    while not condition():
        if time.perf_counter() > deadline:
            return False
        QApplication.processEvents()
    return True


def process_for(duration_s: float) -> None:
    """Run the event loop for `duration_s` seconds."""
    deadline = time.perf_counter() + duration_s
    while time.perf_counter() < deadline:
        QApplication.processEvents()
        time.sleep(0.001)


def rss_mb() -> float:
    """Return this process's resident set size (VmRSS) in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("VmRSS not found in /proc/self/status")


def percentile(values: Sequence[float], fraction: float) -> float:
    """Return the nearest-rank percentile, for example 0.99 for p99."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]
