"""The scrolling list of chat rows, with auto-scroll that pauses on scroll-up."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QPushButton, QWidget

from livechat_desktop.ui.delegate import ChatDelegate

logger = logging.getLogger(__name__)

LAYOUT_BATCH_ROWS = 50
# Within this many pixels of the end, the view counts as at the bottom.
_BOTTOM_SLACK_PX = 4

_ModelIndex = QModelIndex | QPersistentModelIndex


class ChatView(QListView):
    """A list view that follows new rows while the user is at the bottom.

    Scrolling up pauses following; a "N new messages" button then counts the
    rows that arrived since, and a click on it jumps back to the newest row.
    The view keeps the delegate's width in step with its own.

    Attributes:
        following: Whether new rows scroll the view to the bottom.
    """

    def __init__(self, delegate: ChatDelegate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._delegate = delegate
        self._unseen_count = 0
        self.following = True
        self.setItemDelegate(delegate)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        # Lay out rows in batches between events, so thousands of rows do
        # not hold up the GUI thread in one go.
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(LAYOUT_BATCH_ROWS)
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
        self.new_messages_button = QPushButton(self)
        self.new_messages_button.setStyleSheet(
            "QPushButton { color: white; background: rgba(30,136,229,230);"
            " border: none; border-radius: 11px; padding: 3px 12px; }"
        )
        self.new_messages_button.hide()
        self.new_messages_button.clicked.connect(self.jump_to_newest)
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._on_scroll_bar_value_changed)
        bar.rangeChanged.connect(self._on_scroll_bar_range_changed)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        self._delegate.use_model(model)
        super().setModel(model)

    @property
    def unseen_count(self) -> int:
        return self._unseen_count

    def jump_to_newest(self) -> None:
        self.following = True
        self._set_unseen(0)
        self.scrollToBottom()

    def pause_following(self) -> None:
        self.following = False

    def rowsInserted(self, parent: _ModelIndex, first: int, last: int) -> None:
        super().rowsInserted(parent, first, last)
        if not self.following:
            self._set_unseen(self._unseen_count + last - first + 1)

    def dataChanged(
        self,
        top_left: _ModelIndex,
        bottom_right: _ModelIndex,
        roles: Sequence[int] = (),
    ) -> None:
        if list(roles) == [Qt.ItemDataRole.DecorationRole]:
            # Only an avatar arrived: the row keeps its size, so repaint the
            # rows instead of letting QListView lay out every row again.
            for row in range(top_left.row(), bottom_right.row() + 1):
                self.update(self.model().index(row, 0))
            return
        super().dataChanged(top_left, bottom_right, roles)

    def reset(self) -> None:
        super().reset()
        self._set_unseen(0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Qt calls this for resizes of the view and of its viewport. Rows are
        # laid out as if the scroll bar were always shown: their heights then
        # stay the same when it appears or hides. Otherwise rows that only
        # overflow at their narrower width could show and hide it forever.
        reserved = self.verticalScrollBar().sizeHint().width()
        self._delegate.width_px = max(1, self.contentsRect().width() - reserved)
        super().resizeEvent(event)
        self._place_button()

    def _set_unseen(self, count: int) -> None:
        self._unseen_count = count
        if count <= 0:
            self.new_messages_button.hide()
            return
        if count == 1:
            text = QCoreApplication.translate("ChatView", "1 new message")
        else:
            text = QCoreApplication.translate("ChatView", "%1 new messages")
            text = text.replace("%1", str(count))
        self.new_messages_button.setText(text)
        self.new_messages_button.adjustSize()
        self._place_button()
        self.new_messages_button.show()
        self.new_messages_button.raise_()

    def _place_button(self) -> None:
        button = self.new_messages_button
        x = (self.width() - button.width()) // 2
        y = self.height() - button.height() - 8
        button.move(max(0, x), max(0, y))

    def _on_scroll_bar_value_changed(self, value: int) -> None:
        at_bottom = value >= self.verticalScrollBar().maximum() - _BOTTOM_SLACK_PX
        self.following = at_bottom
        if at_bottom:
            self._set_unseen(0)

    def _on_scroll_bar_range_changed(self, _minimum: int, maximum: int) -> None:
        if self.following:
            self.verticalScrollBar().setValue(maximum)
