"""The words a chat row shows for each event type, before any painting.

A row is one or two paragraphs of plain text with styled spans (the author's
name, role badges, a timestamp, an amount). Span offsets count UTF-16 code
units, the unit of `QTextLayout` format ranges, so emoji and other letters
outside the Basic Multilingual Plane keep their spans aligned.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from livechat_desktop.ui.translations import fill_placeholders
from livechat_desktop.youtube.models import (
    DELETION_TYPES,
    MEMBERSHIP_TYPES,
    PAID_TYPES,
    SYSTEM_TYPES,
    ChatEvent,
)

logger = logging.getLogger(__name__)

# First-strong isolate and pop directional isolate: they keep a right-to-left
# name or message from reordering the rest of the line.
_ISOLATE_START = "\u2068"
_ISOLATE_END = "\u2069"
# QTextLayout breaks a line at U+2028 LINE SEPARATOR.
LINE_BREAK = "\u2028"

# Role badges after the name, in the order YouTube shows them.
BADGE_MARKS = {
    "verified": "\u2714",
    "moderator": "\U0001f527",
    "member": "\u2605",
}

_ROW_TYPES = (
    PAID_TYPES | MEMBERSHIP_TYPES | SYSTEM_TYPES | {"textMessageEvent", "pollEvent"}
)
# Types whose row puts the message on the author's line.
INLINE_TEXT_TYPES = frozenset({"textMessageEvent"})
_generic_types_logged: set[str] = set()
# At most this many unknown types are logged, so a stream of made-up types
# cannot flood the log.
MAX_LOGGED_TYPES = 20
MAX_SHOWN_CHARS = 1000
# Embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069).
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)], None)
# The poll states of the API schema, listed here so that lupdate extracts them
# for translation. Any other state is shown as the API spells it.
POLL_STATUSES = (
    QT_TRANSLATE_NOOP("EventText", "unknown"),
    QT_TRANSLATE_NOOP("EventText", "active"),
    QT_TRANSLATE_NOOP("EventText", "closed"),
)


class RowKind(enum.Enum):
    CHAT = "chat"
    PAID = "paid"
    MEMBERSHIP = "membership"
    POLL = "poll"
    SYSTEM = "system"


class SpanStyle(enum.Enum):
    NAME = "name"
    OWNER_NAME = "owner_name"
    BADGE_VERIFIED = "verified"
    BADGE_MODERATOR = "moderator"
    BADGE_MEMBER = "member"
    TIMESTAMP = "timestamp"
    AMOUNT = "amount"
    SYSTEM = "system"


@dataclass(frozen=True, slots=True)
class Span:
    """A styled range of a paragraph, in UTF-16 code units."""

    start: int
    length: int
    style: SpanStyle


@dataclass(frozen=True, slots=True)
class RowText:
    """The text of one row.

    Attributes:
        header: The first paragraph, which usually starts with the author.
        body: A second paragraph under the header, empty if none.
    """

    kind: RowKind
    header: str
    header_spans: tuple[Span, ...] = ()
    body: str = ""


class _ParagraphBuilder:
    """Appends text pieces and records the spans of the styled ones."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._spans: list[Span] = []
        self._length = 0

    def add(self, text: str, style: SpanStyle | None = None) -> None:
        length = utf16_length(text)
        if style is not None and length:
            self._spans.append(Span(self._length, length, style))
        self._parts.append(text)
        self._length += length

    def build(self) -> tuple[str, tuple[Span, ...]]:
        return "".join(self._parts), tuple(self._spans)


def utf16_length(text: str) -> int:
    """Return the length of `text` in UTF-16 code units, as Qt counts it."""
    return len(text.encode("utf-16-le")) // 2


def isolate(text: str) -> str:
    """Wrap `text` in a first-strong isolate, so it cannot reorder its line.

    Bidirectional controls inside the text are removed first, because a pop
    or an override there could end the isolate early. Text over
    `MAX_SHOWN_CHARS` is cut, as YouTube itself allows 200 characters.
    """
    if not text:
        return ""
    text = text.translate(_BIDI_CONTROLS)
    if len(text) > MAX_SHOWN_CHARS:
        text = text[:MAX_SHOWN_CHARS] + "\u2026"
    return f"{_ISOLATE_START}{text}{_ISOLATE_END}"


def clock_time(moment: datetime) -> str:
    """Return `moment` as local hours and minutes, such as `21:05`.

    A time near year 1 or 9999 can fall outside the range of dates in the
    local time zone, and the API's `publishedAt` can carry one. It is then
    shown in UTC.
    """
    try:
        return moment.astimezone().strftime("%H:%M")
    except (OverflowError, OSError, ValueError):
        return moment.strftime("%H:%M")


def has_row(event: ChatEvent) -> bool:
    """Return whether `event` gets a row of its own in the chat view.

    Deletions only remove other rows. A type this app does not render
    specially is shown from its `displayMessage`, or skipped without one; each
    such type is logged once.
    """
    if event.type in _ROW_TYPES:
        return True
    if event.type in DELETION_TYPES:
        return False
    logged = _generic_types_logged
    if event.type not in logged and len(logged) < MAX_LOGGED_TYPES:
        logged.add(event.type)
        logger.info("Showing chat events of type %r from their text", event.type)
    return bool(event.display_message or event.text)


def describe(event: ChatEvent, *, timestamp: str = "", badges: bool = True) -> RowText:
    """Return the text of the row that shows `event`.

    Args:
        timestamp: Text such as "14:05" to put before the author, or "".
        badges: Whether role badges follow the author's name.
    """
    if event.type in SYSTEM_TYPES:
        return _system(event, timestamp)
    header = _ParagraphBuilder()
    if timestamp:
        header.add(f"{timestamp} ", SpanStyle.TIMESTAMP)
    if event.type == "pollEvent":
        return _poll(event, header)
    _add_author(header, event, badges)
    if event.type in PAID_TYPES:
        return _paid(event, header)
    if event.type in MEMBERSHIP_TYPES:
        return _membership(event, header)
    header.add("  ")
    header.add(isolate(event.text or event.display_message))
    text, spans = header.build()
    return RowText(RowKind.CHAT, text, spans)


def _add_author(header: _ParagraphBuilder, event: ChatEvent, badges: bool) -> None:
    name = event.author_name or event.author_channel_id or "?"
    owner = "owner" in event.author_roles
    header.add(isolate(name), SpanStyle.OWNER_NAME if owner else SpanStyle.NAME)
    for role, mark in BADGE_MARKS.items():
        if badges and role in event.author_roles:
            header.add(" ")
            header.add(mark, SpanStyle(role))


def _paid(event: ChatEvent, header: _ParagraphBuilder) -> RowText:
    if event.amount_display:
        header.add("  ")
        header.add(event.amount_display, SpanStyle.AMOUNT)
    if event.type == "superStickerEvent":
        body = ""
        if event.sticker_alt_text:
            template = QCoreApplication.translate("EventText", "Sticker: %1")
            body = fill_placeholders(template, event.sticker_alt_text)
    else:
        body = isolate(event.text)
    text, spans = header.build()
    return RowText(RowKind.PAID, text, spans, body)


def _membership(event: ChatEvent, header: _ParagraphBuilder) -> RowText:
    body = ""
    if event.type == "memberMilestoneChatEvent":
        body = isolate(event.text)
    action = _membership_line(event)
    if event.member_level:
        template = QCoreApplication.translate("EventText", "%1 (%2)")
        action = fill_placeholders(template, action, event.member_level)
    header.add(f"  {action}")
    text, spans = header.build()
    return RowText(RowKind.MEMBERSHIP, text, spans, body)


def _membership_line(event: ChatEvent) -> str:
    if event.type == "newSponsorEvent":
        if event.is_upgrade:
            return QCoreApplication.translate("EventText", "upgraded membership")
        return QCoreApplication.translate("EventText", "became a member")
    if event.type == "memberMilestoneChatEvent":
        months = event.member_months or 0
        if months == 1:
            return QCoreApplication.translate("EventText", "member for 1 month")
        template = QCoreApplication.translate("EventText", "member for %1 months")
        return fill_placeholders(template, months)
    if event.type == "membershipGiftingEvent":
        count = event.gift_count or 0
        if count == 1:
            return QCoreApplication.translate("EventText", "gifted 1 membership")
        template = QCoreApplication.translate("EventText", "gifted %1 memberships")
        return fill_placeholders(template, count)
    return QCoreApplication.translate("EventText", "received a gift membership")


def _poll(event: ChatEvent, header: _ParagraphBuilder) -> RowText:
    status = ""
    if event.poll_status:
        status = f" ({QCoreApplication.translate('EventText', event.poll_status)})"
    header.add(QCoreApplication.translate("EventText", "Poll"), SpanStyle.NAME)
    header.add(f"{status}: {isolate(event.poll_question or '')}")
    options = [
        f"{isolate(choice.text)} \u2014 "
        f"{choice.tally if choice.tally is not None else '?'}"
        for choice in event.poll_choices
    ]
    text, spans = header.build()
    return RowText(RowKind.POLL, text, spans, LINE_BREAK.join(options))


def _system(event: ChatEvent, timestamp: str) -> RowText:
    header = _ParagraphBuilder()
    if timestamp:
        header.add(f"{timestamp} ", SpanStyle.TIMESTAMP)
    header.add(_system_line(event), SpanStyle.SYSTEM)
    text, spans = header.build()
    return RowText(RowKind.SYSTEM, text, spans)


def _system_line(event: ChatEvent) -> str:
    if event.type == "userBannedEvent":
        return _ban_line(event)
    if event.type == "chatEndedEvent":
        return QCoreApplication.translate("EventText", "The live chat has ended")
    if event.type == "sponsorOnlyModeStartedEvent":
        return QCoreApplication.translate("EventText", "Members-only mode is on")
    return QCoreApplication.translate("EventText", "Members-only mode is off")


def _ban_line(event: ChatEvent) -> str:
    name = event.banned_name or event.banned_channel_id
    if not name:
        name = QCoreApplication.translate("EventText", "A user")
    if event.ban_type == "temporary" and event.ban_duration_s:
        template = QCoreApplication.translate("EventText", "%1 was timed out for %2")
        return fill_placeholders(
            template, isolate(name), _ban_duration(event.ban_duration_s)
        )
    template = QCoreApplication.translate("EventText", "%1 was banned from the chat")
    return fill_placeholders(template, isolate(name))


def _ban_duration(seconds: int) -> str:
    """Return a ban's length in the largest unit that divides it evenly."""
    if seconds % 3600 == 0:
        hours = seconds // 3600
        if hours == 1:
            return QCoreApplication.translate("EventText", "1 hour")
        template = QCoreApplication.translate("EventText", "%1 hours")
        return fill_placeholders(template, hours)
    if seconds % 60 == 0:
        minutes = seconds // 60
        if minutes == 1:
            return QCoreApplication.translate("EventText", "1 minute")
        template = QCoreApplication.translate("EventText", "%1 minutes")
        return fill_placeholders(template, minutes)
    if seconds == 1:
        return QCoreApplication.translate("EventText", "1 second")
    template = QCoreApplication.translate("EventText", "%1 seconds")
    return fill_placeholders(template, seconds)
