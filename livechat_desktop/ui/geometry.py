"""Keep a restored window on a screen that still exists."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, QRect

# At least this much of the window's top bar must be on a screen, so the
# user can grab it.
MIN_VISIBLE_PX = 60
MARGIN_PX = 40


def on_screen(saved: QRect, screens: Sequence[QRect]) -> QRect:
    """Return `saved`, or a copy moved onto the first screen if it is lost.

    A window counts as lost when no screen shows a strip of its top bar at
    least `MIN_VISIBLE_PX` wide and tall, for example after the monitor it
    was on has been unplugged. The moved window keeps its size, shrunk to fit
    the screen when it is larger.
    """
    if not screens:
        return saved
    grab_strip = QRect(saved.topLeft(), QPoint(saved.right(), saved.top() + 20))
    for screen in screens:
        visible = screen.intersected(grab_strip)
        if visible.width() >= MIN_VISIBLE_PX and visible.height() >= 1:
            return saved
    target = screens[0]
    width = min(saved.width(), target.width() - 2 * MARGIN_PX)
    height = min(saved.height(), target.height() - 2 * MARGIN_PX)
    left = target.right() - MARGIN_PX - width + 1
    top = target.top() + MARGIN_PX
    return QRect(left, top, max(width, 1), max(height, 1))
