"""The text and styled spans of each kind of chat row."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from livechat_desktop.ui.event_text import (
    LINE_BREAK,
    RowKind,
    SpanStyle,
    clock_time,
    describe,
    has_row,
    isolate,
)
from livechat_desktop.youtube.models import KNOWN_EVENT_TYPES, PollChoice
from tests.events import chat


def _span_text(text: str, start: int, length: int) -> str:
    """Return the part of `text` that a UTF-16 span covers."""
    units = text.encode("utf-16-le")
    return units[start * 2 : (start + length) * 2].decode("utf-16-le")


def test_text_message_is_plain_and_isolated() -> None:
    row = describe(chat("m", text="<b>x</b> <script>", author_name="Ann"))

    assert row.kind is RowKind.CHAT
    assert row.header == f"{isolate('Ann')}  {isolate('<b>x</b> <script>')}"


def test_name_span_survives_emoji_in_name() -> None:
    name = "DJ \U0001f469\U0001f3fe\u200d\U0001f3a4 \U0001d401ee"
    row = describe(chat("m", author_name=name, author_roles=("moderator",)))

    name_span, badge_span = row.header_spans
    assert _span_text(row.header, name_span.start, name_span.length) == isolate(name)
    assert badge_span.style is SpanStyle.BADGE_MODERATOR
    badge = _span_text(row.header, badge_span.start, badge_span.length)
    assert badge == "\U0001f527"


def test_owner_name_is_highlighted() -> None:
    row = describe(chat("m", author_roles=("owner",)))

    assert row.header_spans[0].style is SpanStyle.OWNER_NAME


def test_badges_follow_youtube_order() -> None:
    roles = ("member", "moderator", "verified")
    row = describe(chat("m", author_roles=roles))

    styles = [span.style for span in row.header_spans[1:]]
    assert styles == [
        SpanStyle.BADGE_VERIFIED,
        SpanStyle.BADGE_MODERATOR,
        SpanStyle.BADGE_MEMBER,
    ]


def test_timestamp_comes_first() -> None:
    row = describe(chat("m", author_name="Ann"), timestamp="14:05")

    assert row.header.startswith("14:05 ")
    assert row.header_spans[0].style is SpanStyle.TIMESTAMP


def test_super_chat_shows_amount_and_comment() -> None:
    event = chat(
        "sc", type="superChatEvent", amount_display="CA$2.00", text="hi", tier=2
    )

    row = describe(event)

    assert row.kind is RowKind.PAID
    assert "CA$2.00" in row.header
    assert row.body == isolate("hi")
    assert SpanStyle.AMOUNT in {span.style for span in row.header_spans}


def test_super_chat_without_comment_has_no_body() -> None:
    event = chat("sc", type="superChatEvent", amount_display="CA$1.00", text="")

    row = describe(event)

    assert row.body == ""
    assert "CA$1.00" in row.header


def test_super_sticker_shows_alt_text() -> None:
    event = chat(
        "st",
        type="superStickerEvent",
        amount_display="$3",
        sticker_alt_text="A dancing cat",
    )

    assert describe(event).body == "Sticker: A dancing cat"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"type": "newSponsorEvent", "member_level": "Owls"}, "became a member (Owls)"),
        ({"type": "newSponsorEvent", "is_upgrade": True}, "upgraded membership"),
        (
            {"type": "memberMilestoneChatEvent", "member_months": 12},
            "member for 12 months",
        ),
        (
            {"type": "membershipGiftingEvent", "gift_count": 5},
            "gifted 5 memberships",
        ),
        ({"type": "giftMembershipReceivedEvent"}, "received a gift membership"),
    ],
)
def test_membership_rows(fields: dict[str, Any], expected: str) -> None:
    row = describe(chat("m", **fields))

    assert row.kind is RowKind.MEMBERSHIP
    assert expected in row.header


def test_milestone_comment_is_body() -> None:
    event = chat("m", type="memberMilestoneChatEvent", text="a year!")

    assert describe(event).body == isolate("a year!")


def test_poll_lists_options_and_tallies() -> None:
    event = chat(
        "p",
        type="pollEvent",
        poll_question="Map?",
        poll_status="closed",
        poll_choices=(PollChoice("Dust", 3), PollChoice("Nuke", None)),
    )

    row = describe(event)

    assert row.kind is RowKind.POLL
    assert row.header == f"Poll (closed): {isolate('Map?')}"
    assert row.body.split(LINE_BREAK) == [
        f"{isolate('Dust')} \u2014 3",
        f"{isolate('Nuke')} \u2014 ?",
    ]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"ban_type": "permanent"}, "was banned from the chat"),
        ({"ban_type": "temporary", "ban_duration_s": 300}, "timed out for 5 minutes"),
        ({"ban_type": "temporary", "ban_duration_s": 3600}, "timed out for 1 hour"),
        ({"ban_type": "temporary", "ban_duration_s": 45}, "timed out for 45 seconds"),
    ],
)
def test_ban_system_line(fields: dict[str, Any], expected: str) -> None:
    event = chat("b", type="userBannedEvent", banned_name="spam", **fields)

    row = describe(event)

    assert row.kind is RowKind.SYSTEM
    assert expected in row.header


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("chatEndedEvent", "The live chat has ended"),
        ("sponsorOnlyModeStartedEvent", "Members-only mode is on"),
        ("sponsorOnlyModeEndedEvent", "Members-only mode is off"),
    ],
)
def test_system_lines(kind: str, expected: str) -> None:
    assert describe(chat("s", type=kind)).header == expected


def test_every_schema_type_describes() -> None:
    for kind in KNOWN_EVENT_TYPES:
        row = describe(chat(f"id-{kind}", type=kind, text="shown"))

        assert row.header


def test_deletions_have_no_row() -> None:
    assert not has_row(chat("d", type="messageDeletedEvent"))
    assert not has_row(chat("r", type="messageRetractedEvent"))


def test_generic_type_shown_only_with_text(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)

    with_text = has_row(chat("a", type="tombstoneLike", text="", display_message="x"))
    without_text = has_row(chat("b", type="tombstoneLike", text="", display_message=""))

    assert with_text
    assert not without_text
    assert caplog.text.count("tombstoneLike") == 1


def test_generic_type_shows_display_message() -> None:
    event = chat("t", type="tombstone", text="", display_message="removed")

    assert describe(event).header.endswith(isolate("removed"))


def test_isolate_drops_bidi_controls() -> None:
    assert isolate("\u2069evil\u202e name") == isolate("evil name")


def test_isolate_cuts_huge_text() -> None:
    shown = isolate("x" * 5000)

    assert len(shown) < 1100
    assert shown.endswith("\u2026\u2069")


@pytest.fixture
def tokyo_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run the test in UTC+9, where 9999-12-31T23:59Z is past the last local date."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_clock_time_is_local(tokyo_time: None) -> None:
    moment = datetime(2026, 1, 1, 12, 30, tzinfo=UTC)

    assert clock_time(moment) == "21:30"


def test_clock_time_past_local_range_is_utc(tokyo_time: None) -> None:
    moment = datetime(9999, 12, 31, 23, 59, tzinfo=UTC)

    assert clock_time(moment) == "23:59"
