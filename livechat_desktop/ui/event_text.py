"""The words a chat row shows for each event type, before any painting."""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass

from livechat_desktop.youtube.models import ChatEvent

logger = logging.getLogger(__name__)

# First-strong isolate and pop directional isolate: they keep a right-to-left
# name from reordering the rest of the line.
_ISOLATE_START = "\u2068"
_ISOLATE_END = "\u2069"
# QTextLayout breaks a line at U+2028 LINE SEPARATOR.
LINE_BREAK = "\u2028"

_BADGES = (("verified", "\u2714"), ("moderator", "\U0001f527"), ("member", "\u2605"))

_PAID_TYPES = frozenset({"superChatEvent", "superStickerEvent", "fanFundingEvent"})
_MEMBERSHIP_TYPES = frozenset(
    {
        "newSponsorEvent",
        "memberMilestoneChatEvent",
        "membershipGiftingEvent",
        "giftMembershipReceivedEvent",
    }
)
_SYSTEM_TYPES = frozenset(
    {
        "userBannedEvent",
        "chatEndedEvent",
        "sponsorOnlyModeStartedEvent",
        "sponsorOnlyModeEndedEvent",
    }
)
_GENERIC_LOGGED: set[str] = set()


class RowKind(enum.Enum):
    CHAT = "chat"
    PAID = "paid"
    MEMBERSHIP = "membership"
    POLL = "poll"
    SYSTEM = "system"


@dataclass(frozen=True, slots=True)
class RowText:
    """The text of one row.

    Attributes:
        header: The first paragraph, which starts with the author's name.
        name_length: The name's length in UTF-16 code units, the unit of
            `QTextLayout` format ranges; 0 for system lines.
        body: A second paragraph under the header, empty if none.
    """

    kind: RowKind
    header: str
    name_length: int
    body: str = ""


def utf16_length(text: str) -> int:
    """Return the length of `text` in UTF-16 code units, as Qt counts it."""
    return len(text.encode("utf-16-le")) // 2


def isolate(text: str) -> str:
    """Wrap `text` in a first-strong isolate, so it cannot reorder its line."""
    return f"{_ISOLATE_START}{text}{_ISOLATE_END}" if text else ""


def author_label(event: ChatEvent) -> str:
    """Return the isolated author name followed by the role badges."""
    name = event.author_name or event.author_channel_id or "?"
    badges = "".join(mark for role, mark in _BADGES if role in event.author_roles)
    label = isolate(name)
    return f"{label} {badges}" if badges else label


def describe(event: ChatEvent) -> RowText:
    """Return the text of the row that shows `event`."""
    if event.type in _PAID_TYPES:
        return _paid(event)
    if event.type in _MEMBERSHIP_TYPES:
        return _membership(event)
    if event.type == "pollEvent":
        return _poll(event)
    if event.type in _SYSTEM_TYPES:
        return RowText(RowKind.SYSTEM, _system_line(event), 0)
    if event.type != "textMessageEvent" and event.type not in _GENERIC_LOGGED:
        _GENERIC_LOGGED.add(event.type)
        logger.info("Showing chat events of type %r as plain text", event.type)
    label = author_label(event)
    header = f"{label}  {isolate(event.text)}"
    return RowText(RowKind.CHAT, header, utf16_length(label))


def _paid(event: ChatEvent) -> RowText:
    label = author_label(event)
    header = f"{label}  {event.amount_display or ''}".rstrip()
    if event.type == "superStickerEvent":
        body = f"Sticker: {event.sticker_alt_text}" if event.sticker_alt_text else ""
    else:
        body = isolate(event.text)
    return RowText(RowKind.PAID, header, utf16_length(label), body)


def _membership(event: ChatEvent) -> RowText:
    label = author_label(event)
    level = f" ({event.member_level})" if event.member_level else ""
    if event.type == "newSponsorEvent":
        what = "upgraded membership" if event.is_upgrade else "became a member"
        body = ""
    elif event.type == "memberMilestoneChatEvent":
        months = event.member_months or 0
        what = f"member for {months} months"
        body = isolate(event.text)
    elif event.type == "membershipGiftingEvent":
        what = f"gifted {event.gift_count or 0} memberships"
        body = ""
    else:
        what = "received a gift membership"
        body = ""
    return RowText(
        RowKind.MEMBERSHIP, f"{label}  {what}{level}", utf16_length(label), body
    )


def _poll(event: ChatEvent) -> RowText:
    status = f" ({event.poll_status})" if event.poll_status else ""
    header = f"Poll{status}: {event.poll_question or ''}"
    options = [
        f"{choice.text} \u2014 {choice.tally if choice.tally is not None else '?'}"
        for choice in event.poll_choices
    ]
    return RowText(RowKind.POLL, header, utf16_length("Poll"), LINE_BREAK.join(options))


def _system_line(event: ChatEvent) -> str:
    if event.type == "userBannedEvent":
        who = event.banned_name or event.banned_channel_id or "A user"
        if event.ban_type == "temporary" and event.ban_duration_s:
            return f"{who} was timed out for {event.ban_duration_s} seconds"
        return f"{who} was banned from the chat"
    if event.type == "chatEndedEvent":
        return "The live chat has ended"
    if event.type == "sponsorOnlyModeStartedEvent":
        return "Members-only mode is on"
    if event.type == "sponsorOnlyModeEndedEvent":
        return "Members-only mode is off"
    return event.display_message
