"""A proxy model that hides and highlights chat rows with a `ChatFilter`."""

from __future__ import annotations

import logging

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from livechat_desktop.filters import ChatFilter
from livechat_desktop.ui.chat_model import EVENT_ROLE, ChatListModel
from livechat_desktop.youtube.models import ChatEvent

logger = logging.getLogger(__name__)

# True for a row whose event the filter highlights, False for any other row.
HIGHLIGHT_ROLE = Qt.ItemDataRole.UserRole + 2

_ModelIndex = QModelIndex | QPersistentModelIndex

# Qt 6.10 added endFilterChange and deprecated invalidateFilter for it.
# NOTE: the invalidateRowsFilter branch, for PySide6 6.6 to 6.9, has never run
# because the tests use PySide6 6.12.
_HAS_FILTER_CHANGE = hasattr(QSortFilterProxyModel, "endFilterChange")


class ChatFilterProxy(QSortFilterProxyModel):
    """A proxy model of the source's chat rows that the filter does not hide.

    Rows keep the source's order, and `is_highlighted` returns which to mark. The
    filter checks a source row when it is inserted or changed, and every row
    when `set_filter` is called.
    """

    def __init__(
        self, chat_filter: ChatFilter | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._filter = chat_filter if chat_filter is not None else ChatFilter()
        self._chat_source: ChatListModel | None = None
        # Whether proxy row N is source row N. False while a new filter is
        # being applied, when the proxy inserts and removes rows.
        self._rows_match_source = self._filter.hides_nothing

    def setSourceModel(self, source_model: QAbstractItemModel) -> None:
        # Kept on the Python side because `row_event` runs for every row the
        # view measures, and each `sourceModel()` call goes into Qt.
        self._chat_source = (
            source_model if isinstance(source_model, ChatListModel) else None
        )
        super().setSourceModel(source_model)

    @property
    def chat_filter(self) -> ChatFilter:
        return self._filter

    def set_filter(self, chat_filter: ChatFilter) -> None:
        """Apply `chat_filter` to every source row, and refresh highlights."""
        self._rows_match_source = False
        if _HAS_FILTER_CHANGE:
            self.beginFilterChange()
            self._filter = chat_filter
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._filter = chat_filter
            self.invalidateRowsFilter()
        self._rows_match_source = chat_filter.hides_nothing
        row_count = self.rowCount()
        if row_count:
            self.dataChanged.emit(
                self.index(0, 0), self.index(row_count - 1, 0), [HIGHLIGHT_ROLE]
            )
        logger.debug("Applied a new chat filter: %d rows shown", row_count)

    def filterAcceptsRow(self, source_row: int, source_parent: _ModelIndex) -> bool:
        if self._filter.hides_nothing:
            return True
        if self._chat_source is not None:
            # Cheaper than data(): no QModelIndex and no QVariant round trip.
            return not self._filter.is_hidden(self._chat_source.event_at(source_row))
        source = self.sourceModel()
        event = source.data(source.index(source_row, 0, source_parent), EVENT_ROLE)
        if not isinstance(event, ChatEvent):
            return True
        return not self._filter.is_hidden(event)

    def row_event(self, row: int) -> ChatEvent | None:
        """Return the event at proxy `row`, or None if there is no such row.

        Once a filter that hides nothing is applied, proxy rows are the
        source's rows, so the event is found without mapping an index.
        """
        source = self._chat_source
        if source is None:
            event = self.data(self.index(row, 0), EVENT_ROLE)
            return event if isinstance(event, ChatEvent) else None
        if self._rows_match_source:
            return source.row_event(row)
        if not 0 <= row < self.rowCount():
            return None
        return source.row_event(self.mapToSource(self.index(row, 0)).row())

    def is_highlighted(self, index: _ModelIndex) -> bool:
        """Return whether the row at proxy `index` is highlighted.

        A method instead of a `data()` role: overriding `data()` in Python
        would slow down every other role the view requests for every row.
        """
        if not index.isValid():
            return False
        event = self.row_event(index.row())
        return event is not None and self._filter.is_highlighted(event)
