"""The list model behind the chat view: one row per visible chat event."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from livechat_desktop.ui.event_text import has_row
from livechat_desktop.youtube.models import ChatEvent

logger = logging.getLogger(__name__)

EVENT_ROLE = Qt.ItemDataRole.UserRole + 1

DEFAULT_MAX_ROWS = 5000
# Rows are trimmed in chunks, so one page of a busy chat costs one removal.
TRIM_CHUNK_ROWS = 250
# A deletion can arrive before its target; its id is kept for this many ids.
PENDING_DELETIONS_MAX = 2000

_DELETION_TYPES = frozenset({"messageDeletedEvent", "messageRetractedEvent"})

_ModelIndex = QModelIndex | QPersistentModelIndex


class ChatListModel(QAbstractListModel):
    """Chat events in arrival order, with moderation applied.

    Deletions and retractions remove their target, also when the target
    arrives later. A ban removes the banned channel's earlier messages and
    stays as a row. A poll with a known id replaces its row.
    """

    def __init__(
        self, parent: QObject | None = None, *, max_rows: int = DEFAULT_MAX_ROWS
    ) -> None:
        super().__init__(parent)
        self._events: list[ChatEvent] = []
        self._max_rows = max_rows
        self._pending_order: deque[str] = deque()
        self._pending_deletions: set[str] = set()

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self._events)

    def data(
        self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        event = self._events[index.row()]
        if role == EVENT_ROLE:
            return event
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if event.author_name:
                return f"{event.author_name.strip()}: {event.text}"
            return event.text
        return None

    def event_at(self, row: int) -> ChatEvent:
        return self._events[row]

    def events(self) -> Sequence[ChatEvent]:
        return tuple(self._events)

    def clear(self) -> None:
        self.beginResetModel()
        self._events.clear()
        self.endResetModel()

    def add_events(self, batch: Iterable[ChatEvent]) -> None:
        """Apply one batch: moderation first, then one insertion for new rows."""
        new_rows: list[ChatEvent] = []
        for event in batch:
            if event.type in _DELETION_TYPES:
                self._delete(event.deleted_message_id, new_rows)
                continue
            if event.type == "userBannedEvent" and event.banned_channel_id:
                self._remove_author(event.banned_channel_id, new_rows)
            if event.type == "pollEvent" and self._replace_poll(event, new_rows):
                continue
            if event.id in self._pending_deletions:
                self._pending_deletions.discard(event.id)
                continue
            if has_row(event):
                new_rows.append(event)
        self._append(new_rows)
        self._trim()

    def _append(self, rows: list[ChatEvent]) -> None:
        if not rows:
            return
        first = len(self._events)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._events.extend(rows)
        self.endInsertRows()

    def _trim(self) -> None:
        excess = len(self._events) - self._max_rows
        if excess <= 0:
            return
        count = min(len(self._events), excess + TRIM_CHUNK_ROWS)
        self.beginRemoveRows(QModelIndex(), 0, count - 1)
        del self._events[:count]
        self.endRemoveRows()

    def _delete(self, target_id: str | None, new_rows: list[ChatEvent]) -> None:
        if not target_id:
            return
        for position, pending in enumerate(new_rows):
            if pending.id == target_id:
                del new_rows[position]
                return
        for row in range(len(self._events) - 1, -1, -1):
            if self._events[row].id == target_id:
                self._remove_rows([row])
                return
        self._remember_pending(target_id)

    def _remember_pending(self, target_id: str) -> None:
        self._pending_deletions.add(target_id)
        self._pending_order.append(target_id)
        if len(self._pending_order) > PENDING_DELETIONS_MAX:
            self._pending_deletions.discard(self._pending_order.popleft())

    def _remove_author(self, channel_id: str, new_rows: list[ChatEvent]) -> None:
        new_rows[:] = [
            event for event in new_rows if event.author_channel_id != channel_id
        ]
        rows = [
            row
            for row, event in enumerate(self._events)
            if event.author_channel_id == channel_id and event.type != "userBannedEvent"
        ]
        self._remove_rows(rows)

    def _replace_poll(self, poll: ChatEvent, new_rows: list[ChatEvent]) -> bool:
        for position, pending in enumerate(new_rows):
            if pending.id == poll.id:
                new_rows[position] = poll
                return True
        for row in range(len(self._events) - 1, -1, -1):
            if self._events[row].id == poll.id:
                self._events[row] = poll
                index = self.index(row)
                self.dataChanged.emit(index, index)
                return True
        return False

    def _remove_rows(self, rows: Sequence[int]) -> None:
        """Remove rows given in ascending order, one call per contiguous run."""
        for start, end in reversed(_runs(rows)):
            self.beginRemoveRows(QModelIndex(), start, end)
            del self._events[start : end + 1]
            self.endRemoveRows()


def _runs(rows: Sequence[int]) -> list[tuple[int, int]]:
    """Group ascending row numbers into inclusive (first, last) runs."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs
