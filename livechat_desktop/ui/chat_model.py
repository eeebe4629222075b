"""The list model behind the chat view: one row per visible chat event."""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from livechat_desktop.ui.event_text import has_row
from livechat_desktop.youtube.models import DELETION_TYPES, ChatEvent

logger = logging.getLogger(__name__)

EVENT_ROLE = Qt.ItemDataRole.UserRole + 1
# `time.monotonic()` seconds at which the row arrived.
ARRIVED_ROLE = Qt.ItemDataRole.UserRole + 3

DEFAULT_MAX_ROWS = 5000
# Rows are trimmed in chunks, so one page of a busy chat costs one removal.
TRIM_CHUNK_ROWS = 250
# A deletion can arrive before its target; its id is kept for this many ids.
PENDING_DELETIONS_MAX = 2000


_ModelIndex = QModelIndex | QPersistentModelIndex


class ChatListModel(QAbstractListModel):
    """Chat events in arrival order, with moderation applied.

    Deletions and retractions remove their target, also when the target
    arrives later. A ban removes the banned channel's earlier messages and
    stays as a row. A poll with a known id replaces its row.
    """

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        max_rows: int = DEFAULT_MAX_ROWS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._events: list[ChatEvent] = []
        # When each row arrived, in `time.monotonic()` seconds, for fading.
        self._arrived_s: list[float] = []
        self._max_rows = max_rows
        self._pending_order: deque[str] = deque()
        self._pending_deletions: set[str] = set()
        # Avatar URL -> positions of the rows that show it. A position is a
        # row number plus `_trimmed_rows`, the rows trimmed from the front
        # since the map was built, so a trim only removes its own rows. Any
        # other removal shifts later rows and marks the map stale; it is
        # rebuilt on the next lookup.
        self._avatar_positions: dict[str, set[int]] = {}
        self._trimmed_rows = 0
        self._avatar_map_stale = False

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
        if role == ARRIVED_ROLE:
            return self._arrived_s[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if event.author_name:
                return f"{event.author_name.strip()}: {event.text}"
            return event.text
        return None

    def event_at(self, row: int) -> ChatEvent:
        return self._events[row]

    def row_event(self, row: int) -> ChatEvent | None:
        """Return the event at `row`, or None if there is no such row."""
        if 0 <= row < len(self._events):
            return self._events[row]
        return None

    def events(self) -> Sequence[ChatEvent]:
        return tuple(self._events)

    def clear(self) -> None:
        self.beginResetModel()
        self._events.clear()
        self._arrived_s.clear()
        self._avatar_positions.clear()
        self._trimmed_rows = 0
        self._avatar_map_stale = False
        self.endResetModel()

    def rows_with_avatar(self, url: str) -> list[int]:
        """Return the rows whose author avatar is `url`, in ascending order."""
        if self._avatar_map_stale:
            self._rebuild_avatar_map()
        positions = self._avatar_positions.get(url, ())
        return sorted(position - self._trimmed_rows for position in positions)

    def emit_avatar_changed(self, url: str) -> None:
        """Emit `dataChanged` for the rows whose author avatar is `url`.

        One signal per run of adjacent rows, with `DecorationRole` as the
        changed role, because only the avatar changed.
        """
        roles = [Qt.ItemDataRole.DecorationRole]
        for start, end in _runs(self.rows_with_avatar(url)):
            self.dataChanged.emit(self.index(start), self.index(end), roles)

    def set_max_rows(self, max_rows: int) -> None:
        """Change how many rows are kept, dropping the oldest beyond it."""
        self._max_rows = max_rows
        self._trim()

    def add_events(self, batch: Iterable[ChatEvent]) -> None:
        """Apply one batch: moderation first, then one insertion for new rows."""
        new_rows: list[ChatEvent] = []
        for event in batch:
            if event.type in DELETION_TYPES:
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
        self._arrived_s.extend([self._clock()] * len(rows))
        for row, event in enumerate(rows, start=first):
            self._add_avatar_row(event, row)
        self.endInsertRows()

    def _trim(self) -> None:
        excess = len(self._events) - self._max_rows
        if excess <= 0:
            return
        count = min(len(self._events), excess + TRIM_CHUNK_ROWS)
        self.beginRemoveRows(QModelIndex(), 0, count - 1)
        for row in range(count):
            self._discard_avatar_row(self._events[row], row)
        del self._events[:count]
        del self._arrived_s[:count]
        self._trimmed_rows += count
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
                self._discard_avatar_row(self._events[row], row)
                self._events[row] = poll
                self._add_avatar_row(poll, row)
                index = self.index(row)
                self.dataChanged.emit(index, index)
                return True
        return False

    def _remove_rows(self, rows: Sequence[int]) -> None:
        """Remove rows given in ascending order, one call per contiguous run."""
        for start, end in reversed(_runs(rows)):
            self.beginRemoveRows(QModelIndex(), start, end)
            del self._events[start : end + 1]
            del self._arrived_s[start : end + 1]
            self._avatar_map_stale = True
            self.endRemoveRows()

    def _add_avatar_row(self, event: ChatEvent, row: int) -> None:
        url = event.author_avatar_url
        if url and not self._avatar_map_stale:
            position = row + self._trimmed_rows
            self._avatar_positions.setdefault(url, set()).add(position)

    def _discard_avatar_row(self, event: ChatEvent, row: int) -> None:
        url = event.author_avatar_url
        if not url or self._avatar_map_stale:
            return
        positions = self._avatar_positions.get(url)
        if positions is not None:
            positions.discard(row + self._trimmed_rows)
            if not positions:
                del self._avatar_positions[url]

    def _rebuild_avatar_map(self) -> None:
        self._avatar_positions.clear()
        self._trimmed_rows = 0
        self._avatar_map_stale = False
        for row, event in enumerate(self._events):
            self._add_avatar_row(event, row)


def _runs(rows: Sequence[int]) -> list[tuple[int, int]]:
    """Group ascending row numbers into inclusive (first, last) runs."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs
