"""Paint chat rows: text messages, paid cards, membership rows and system lines.

All text is laid out with `QTextLayout` as plain text, so `<b>` or `<script>`
in a message shows as typed. Layouts are cached per row and width and reused
by `sizeHint` and `paint`; they are built again when the width or font
changes.
"""

from __future__ import annotations

import logging
import math
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from livechat_desktop.ui.avatars import AvatarStore
from livechat_desktop.ui.chat_model import ARRIVED_ROLE, EVENT_ROLE, ChatListModel
from livechat_desktop.ui.event_text import (
    INLINE_TEXT_TYPES,
    RowKind,
    RowText,
    Span,
    SpanStyle,
    clock_time,
    describe,
)
from livechat_desktop.ui.filter_proxy import ChatFilterProxy
from livechat_desktop.ui.settings import Appearance, Density, TextEffect
from livechat_desktop.youtube.models import SYSTEM_TYPES, ChatEvent

logger = logging.getLogger(__name__)

AVATAR_PX = 24
PADDING_PX = 4
COMPACT_PADDING_PX = 1
# How long a row takes to fade out once it is old enough, in seconds.
FADE_S = 1.0
GAP_PX = 6
CARD_RADIUS_PX = 6
# Layouts serve only `paint`, so a few screens of rows are enough. Each takes
# about 6.5 KB, and a larger cache mostly kept rows already trimmed.
MAX_CACHED_LAYOUTS = 400
# Row heights are cheap to keep (no event is referenced), so they cover twice
# the rows a window keeps: every row, and a page arriving on top. With fewer,
# each layout pass would evict heights that the same pass needs again.
MIN_CACHED_HEIGHTS = 10_000
# The most QSize objects shared by rows of equal height. Rows have few
# distinct heights, so the bound is rarely reached.
MAX_CACHED_SIZES = 512

# Super Chat tiers 1 to 7, as YouTube colours them: blue, cyan, green,
# yellow, orange, magenta, red.
TIER_COLORS = (
    QColor("#1e88e5"),
    QColor("#00b8d4"),
    QColor("#00bfa5"),
    QColor("#ffb300"),
    QColor("#f57c00"),
    QColor("#e91e63"),
    QColor("#e62117"),
)
_DARK_TEXT_TIERS = frozenset({2, 3, 4})
MEMBER_GREEN = QColor("#0f9d58")
TEXT_COLOR = QColor("#ffffff")
SYSTEM_TEXT_COLOR = QColor("#b0b0b0")
ROLE_COLORS = {
    "owner": QColor("#ffd600"),
    "moderator": QColor("#5e84f1"),
    "member": QColor("#2ba640"),
}
DEFAULT_NAME_COLOR = QColor("#c8c8c8")
OWNER_NAME_TEXT = QColor("#1a1a1a")
_BADGE_COLORS = {
    SpanStyle.BADGE_VERIFIED: QColor("#aaaaaa"),
    SpanStyle.BADGE_MODERATOR: ROLE_COLORS["moderator"],
    SpanStyle.BADGE_MEMBER: ROLE_COLORS["member"],
}

_ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass(slots=True)
class _RowLayout:
    event: ChatEvent
    text: RowText
    header: QTextLayout
    body: QTextLayout | None
    height: int


def _text_letters(text: str) -> int:
    """Return about how many average letters wide `text` is.

    A letter that takes three or four bytes in UTF-8 (CJK, kana, Hangul and
    emoji) is counted as about two average letters wide.
    """
    letters = len(text)
    if not text.isascii():
        letters += (len(text.encode("utf-8")) - letters) // 2
    return letters


def _estimated_lines(letters: int, char_width_px: float, width_px: int) -> int:
    """Return about how many lines `letters` average letters take."""
    return max(1, math.ceil(letters * char_width_px / width_px))


def _content_version(event: ChatEvent) -> object:
    """Return what changes when an event with a known id is replaced.

    Only polls are replaced under the same id, when their tallies change.
    """
    if event.type != "pollEvent":
        return None
    return (event.poll_status, event.poll_choices)


def _name_color(roles: tuple[str, ...]) -> QColor:
    for role in ("owner", "moderator", "member"):
        if role in roles:
            return ROLE_COLORS[role]
    return DEFAULT_NAME_COLOR


def _card_color(event: ChatEvent, kind: RowKind) -> QColor | None:
    if kind is RowKind.PAID:
        tier = min(max(event.tier or 1, 1), len(TIER_COLORS))
        return TIER_COLORS[tier - 1]
    if kind is RowKind.MEMBERSHIP:
        return MEMBER_GREEN
    if kind is RowKind.POLL:
        return QColor("#37474f")
    return None


def _text_color(event: ChatEvent, kind: RowKind) -> QColor:
    if kind is RowKind.PAID and (event.tier or 1) in _DARK_TEXT_TIERS:
        return QColor("#000000")
    if kind is RowKind.SYSTEM:
        return SYSTEM_TEXT_COLOR
    return TEXT_COLOR


class ChatDelegate(QStyledItemDelegate):
    """Paints one `ChatEvent` per row.

    Attributes:
        width_px: The row width; the view sets it when it is resized.
        show_timestamps: Whether rows start with the local time of the event.
        show_avatars: Whether rows show the author's avatar.
        show_badges: Whether names are followed by role badges.
        text_effect: An outline or shadow that keeps text readable over a
            busy background.
        padding_px: Space above and below each row's text.
        fade_after_s: Rows fade out this long after arriving; 0 keeps them.
        highlighter: Tells which events to mark, for example mentions.

    `apply_appearance` sets these from the user's settings; after setting them
    directly, call `clear_cache`.
    """

    def __init__(self, avatars: AvatarStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._avatars = avatars
        self._layouts: OrderedDict[tuple[str, int, str], _RowLayout] = OrderedDict()
        # Height of each row by id at `_heights_width` and the current font:
        # (content version, height, whether it was laid out rather than estimated).
        self._heights: OrderedDict[str, tuple[object, int, bool]] = OrderedDict()
        self._heights_width = 0
        self._max_heights = MIN_CACHED_HEIGHTS
        # One QSize per height at that width, shared by the rows.
        self._sizes: dict[int, QSize] = {}
        self._rows: ChatListModel | ChatFilterProxy | None = None
        self._font_metrics: tuple[float, int] | None = None
        self.width_px = 300
        self.show_timestamps = False
        self.show_avatars = True
        self.show_badges = True
        self.text_effect = TextEffect.NONE
        self.padding_px = PADDING_PX
        self.fade_after_s = 0
        self.clock: Callable[[], float] = time.monotonic
        self.highlighter: Callable[[ChatEvent], bool] | None = None

    def apply_appearance(self, appearance: Appearance) -> None:
        self.show_timestamps = appearance.show_timestamps
        self.show_avatars = appearance.show_avatars
        self.show_badges = appearance.show_badges
        self.text_effect = appearance.text_effect
        self.fade_after_s = appearance.fade_after_s
        compact = appearance.density is Density.COMPACT
        self.padding_px = COMPACT_PADDING_PX if compact else PADDING_PX
        self._max_heights = max(MIN_CACHED_HEIGHTS, 2 * appearance.max_messages)
        self.clear_cache()

    def clear_cache(self) -> None:
        self._layouts.clear()
        self._heights.clear()
        self._sizes.clear()
        self._font_metrics = None

    def use_model(self, model: QAbstractItemModel | None) -> None:
        """Read events straight from `model`, the model of the delegate's view.

        Without it, each row's event is read through `index.data()`, which
        goes from Python into Qt and back into the model's Python `data()`:
        the largest cost of `sizeHint` when QListView measures every row.
        """
        if isinstance(model, (ChatListModel, ChatFilterProxy)):
            self._rows = model
        else:
            self._rows = None

    def sizeHint(self, option: QStyleOptionViewItem, index: _ModelIndex) -> QSize:
        # QListView requests every row's size after each insertion, so this
        # runs thousands of times per page and calls as few functions as it
        # can. Heights are kept apart from the layouts and outlive them.
        rows = self._rows
        if rows is not None:
            event = rows.row_event(index.row())
        else:
            event = self._row_event(index)
        if event is None:
            return super().sizeHint(option, index)
        # Keyed without the font: `apply_appearance` clears the cache when
        # the font changes, and QFont.key() is too slow for every row.
        if self.width_px != self._heights_width:
            self._forget_heights()
        cached = self._heights.get(event.id)
        if cached is not None and (
            event.type != "pollEvent" or cached[0] == _content_version(event)
        ):
            size = self._sizes.get(cached[1])
            return size if size is not None else self._size(cached[1])
        # A row that was never painted gets an estimate; `paint` lays it out
        # and corrects the height, so only visible rows pay for a layout.
        height = self._estimate_height(event, option)
        self._store_height(event, height, exact=False)
        return self._size(height)

    def _forget_heights(self) -> None:
        """Drop the heights and sizes measured at another width."""
        self._heights.clear()
        self._sizes.clear()
        self._heights_width = self.width_px

    def _row_event(self, index: _ModelIndex) -> ChatEvent | None:
        if self._rows is not None:
            return self._rows.row_event(index.row())
        event = index.data(EVENT_ROLE)
        return event if isinstance(event, ChatEvent) else None

    def _size(self, height: int) -> QSize:
        size = self._sizes.get(height)
        if size is None:
            if len(self._sizes) >= MAX_CACHED_SIZES:
                self._sizes.clear()
            size = self._sizes[height] = QSize(self._heights_width, height)
        return size

    def _store_height(self, event: ChatEvent, height: int, *, exact: bool) -> None:
        if self.width_px != self._heights_width:
            self._forget_heights()
        self._heights[event.id] = (_content_version(event), height, exact)
        if len(self._heights) > self._max_heights:
            self._heights.popitem(last=False)

    def _correct_height(
        self, event: ChatEvent, font: QFont, height: int, index: _ModelIndex
    ) -> None:
        """Replace an estimated height by the laid-out one, relayouting if needed."""
        if self.width_px != self._heights_width:
            self._forget_heights()
        cached = self._heights.get(event.id)
        version = _content_version(event)
        if cached is not None and cached[2] and cached[0] == version:
            return
        self._store_height(event, height, exact=True)
        if cached is not None and cached[1] != height:
            self.sizeHintChanged.emit(index)

    def _estimate_height(self, event: ChatEvent, option: QStyleOptionViewItem) -> int:
        """Return a row height from the text length, without laying it out."""
        char_width_px, line_px = self._font_metrics or self._metrics(option)
        with_avatar = self.show_avatars and event.type not in SYSTEM_TYPES
        indent = AVATAR_PX + GAP_PX if with_avatar else 0
        text_width = max(40, self.width_px - GAP_PX * 2 - indent)
        # The name, then the amount of a paid event after a gap.
        header = _text_letters(event.author_name) + 4
        if event.amount_display:
            header += _text_letters(event.amount_display)
        body_text = event.text or event.display_message
        body = _text_letters(body_text) if body_text else 0
        if event.type in INLINE_TEXT_TYPES:
            lines = _estimated_lines(header + body, char_width_px, text_width)
        else:
            lines = _estimated_lines(header, char_width_px, text_width)
            if body:
                lines += _estimated_lines(body, char_width_px, text_width)
        lines += len(event.poll_choices)
        minimum = AVATAR_PX if with_avatar else 0
        return max(lines * line_px, minimum) + self.padding_px * 2

    def _metrics(self, option: QStyleOptionViewItem) -> tuple[float, int]:
        """Return the average character width and the line height of the font.

        Kept until `clear_cache`, like the heights: the view's font changes
        only through `apply_appearance`, and QFont.key() is slow per row.
        """
        if self._font_metrics is None:
            metrics = QFontMetricsF(option.font)
            self._font_metrics = (
                metrics.averageCharWidth(),
                math.ceil(metrics.lineSpacing()),
            )
        return self._font_metrics

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: _ModelIndex
    ) -> None:
        event = self._row_event(index)
        if event is None:
            return
        layout = self._layout(event, option.font)
        self._correct_height(event, option.font, layout.height, index)
        rect: QRect = option.rect
        opacity = self._fade_opacity(index)
        if opacity <= 0.0:
            return
        painter.save()
        painter.setOpacity(opacity)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_background(painter, rect, event, layout.text.kind)
        if self.highlighter is not None and self.highlighter(event):
            _paint_highlight(painter, rect)
        if self.show_avatars:
            text_left = self._paint_avatar(painter, rect, event, layout.text.kind)
        else:
            text_left = rect.left() + GAP_PX
        self._paint_text(painter, rect, text_left, layout)
        painter.restore()

    def _fade_opacity(self, index: _ModelIndex) -> float:
        """Return 1 until the row is `fade_after_s` old, then fade over a second."""
        if self.fade_after_s <= 0:
            return 1.0
        arrived_s = index.data(ARRIVED_ROLE)
        if not isinstance(arrived_s, float):
            return 1.0
        age_s = self.clock() - arrived_s
        return min(1.0, max(0.0, 1.0 - (age_s - self.fade_after_s) / FADE_S))

    def _paint_background(
        self, painter: QPainter, rect: QRect, event: ChatEvent, kind: RowKind
    ) -> None:
        color = _card_color(event, kind)
        if color is None:
            return
        card = QRectF(rect.adjusted(2, 1, -2, -1))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(color))
        painter.drawRoundedRect(card, CARD_RADIUS_PX, CARD_RADIUS_PX)

    def _paint_avatar(
        self, painter: QPainter, rect: QRect, event: ChatEvent, kind: RowKind
    ) -> int:
        """Draw the avatar as a circle; return the x where text starts."""
        left = rect.left() + GAP_PX
        if kind is RowKind.SYSTEM:
            return left
        target = QRect(left, rect.top() + PADDING_PX, AVATAR_PX, AVATAR_PX)
        # Images come in device pixels, so avatars stay sharp at 150 % and 200 %.
        ratio = painter.device().devicePixelRatioF()
        image = self._avatars.image(event.author_avatar_url, AVATAR_PX, ratio)
        if image is None:
            image = self._avatars.placeholder(AVATAR_PX, ratio)
        clip = QPainterPath()
        clip.addEllipse(QRectF(target))
        painter.save()
        painter.setClipPath(clip)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, image)
        painter.restore()
        return target.right() + 1 + GAP_PX

    def _paint_text(
        self, painter: QPainter, rect: QRect, text_left: int, layout: _RowLayout
    ) -> None:
        top = rect.top() + self.padding_px
        header_at = QPointF(text_left, top)
        body_at = QPointF(text_left, top + layout.header.boundingRect().height())
        for offset in _EFFECT_OFFSETS[self.text_effect]:
            _draw_in_color(painter, layout.header, header_at + offset, EFFECT_COLOR)
            if layout.body is not None:
                _draw_in_color(painter, layout.body, body_at + offset, EFFECT_COLOR)
        painter.setPen(_text_color(layout.event, layout.text.kind))
        layout.header.draw(painter, header_at)
        if layout.body is not None:
            layout.body.draw(painter, body_at)

    def _layout(self, event: ChatEvent, font: QFont) -> _RowLayout:
        key = (event.id, self.width_px, font.key())
        cached = self._layouts.get(key)
        if cached is not None and cached.event is event:
            self._layouts.move_to_end(key)
            return cached
        layout = self._build_layout(event, font)
        self._layouts[key] = layout
        if len(self._layouts) > MAX_CACHED_LAYOUTS:
            self._layouts.popitem(last=False)
        return layout

    def _build_layout(self, event: ChatEvent, font: QFont) -> _RowLayout:
        timestamp = ""
        if self.show_timestamps:
            timestamp = clock_time(event.published_at)
        text = describe(event, timestamp=timestamp, badges=self.show_badges)
        with_avatar = self.show_avatars and text.kind is not RowKind.SYSTEM
        indent = AVATAR_PX + GAP_PX if with_avatar else 0
        text_width = max(40, self.width_px - GAP_PX * 2 - indent)
        header = self._text_layout(text.header, font, text_width)
        header.setFormats(
            [_format_range(span, event, text.kind) for span in text.header_spans]
        )
        _finish(header, text_width)
        body = None
        height = header.boundingRect().height()
        if text.body:
            body = self._text_layout(text.body, font, text_width)
            _finish(body, text_width)
            height += body.boundingRect().height()
        minimum = AVATAR_PX if with_avatar else 0
        total = int(max(height, minimum)) + self.padding_px * 2
        return _RowLayout(event, text, header, body, total)

    @staticmethod
    def _text_layout(text: str, font: QFont, width: int) -> QTextLayout:
        layout = QTextLayout(text, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        # The row reads name first whatever the message's script; the name and
        # the message are isolates, so each keeps its own direction inside.
        option.setTextDirection(Qt.LayoutDirection.LeftToRight)
        layout.setTextOption(option)
        return layout


HIGHLIGHT_FILL = QColor(255, 214, 0, 45)
HIGHLIGHT_BAR = QColor("#ffd600")
HIGHLIGHT_BAR_PX = 3


def _paint_highlight(painter: QPainter, rect: QRect) -> None:
    """Mark a row that mentions the streamer or a highlight word."""
    painter.fillRect(rect, HIGHLIGHT_FILL)
    painter.fillRect(
        QRect(rect.left(), rect.top(), HIGHLIGHT_BAR_PX, rect.height()), HIGHLIGHT_BAR
    )


# Offsets of the outline or shadow copies of the text, relative to the text.
_EFFECT_OFFSETS: dict[TextEffect, tuple[QPointF, ...]] = {
    TextEffect.NONE: (),
    TextEffect.SHADOW: (QPointF(1.5, 1.5),),
    TextEffect.OUTLINE: tuple(
        QPointF(dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1) if dx or dy
    ),
}
EFFECT_COLOR = QColor(0, 0, 0, 220)


def _draw_in_color(
    painter: QPainter, layout: QTextLayout, position: QPointF, color: QColor
) -> None:
    """Draw `layout` with every character in `color`, over its own formats."""
    everything = QTextLayout.FormatRange()
    everything.start = 0
    everything.length = len(layout.text().encode("utf-16-le")) // 2
    single = QTextCharFormat()
    single.setForeground(color)
    single.setBackground(Qt.GlobalColor.transparent)
    everything.format = single
    painter.setPen(color)
    layout.draw(painter, position, [everything])


def _format_range(
    span: Span, event: ChatEvent, kind: RowKind
) -> QTextLayout.FormatRange:
    text_format = QTextCharFormat()
    style = span.style
    if style in (SpanStyle.NAME, SpanStyle.OWNER_NAME, SpanStyle.AMOUNT):
        text_format.setFontWeight(QFont.Weight.Bold)
    if style is SpanStyle.OWNER_NAME:
        text_format.setForeground(OWNER_NAME_TEXT)
        text_format.setBackground(ROLE_COLORS["owner"])
    elif style is SpanStyle.NAME and kind is RowKind.CHAT:
        text_format.setForeground(_name_color(event.author_roles))
    elif style in _BADGE_COLORS:
        text_format.setForeground(_BADGE_COLORS[style])
    elif style is SpanStyle.TIMESTAMP:
        text_format.setForeground(SYSTEM_TEXT_COLOR)
    elif style is SpanStyle.SYSTEM:
        text_format.setFontItalic(True)
    format_range = QTextLayout.FormatRange()
    format_range.start = span.start
    format_range.length = span.length
    format_range.format = text_format
    return format_range


def _finish(layout: QTextLayout, width: int) -> None:
    """Break the text into lines of at most `width` pixels."""
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
