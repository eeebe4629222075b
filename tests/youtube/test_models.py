"""Tests of the wire models and `parse_message_page` on real captured pages."""

from __future__ import annotations

import copy
import functools
import json
import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from livechat_desktop.youtube.models import (
    MAX_LOGGED_SKIPS,
    ChatEvent,
    parse_message_item,
    parse_message_page,
    parse_message_page_json,
)
from tests.fixtures import load_fixture

FIXTURE_2020 = "livechat_list_response_2020_textMessageEvent_51items.json"
FIXTURE_2024 = "livechat_items_2024_short_LCC_ids_40items.json"
FIXTURE_2025 = "livechat_list_response_2025_envelope_first_item_only.json"
FIXTURE_2026 = "livechat_items_2026_superChatEvent_with_and_without_userComment.json"

ITEM_FIXTURES = (FIXTURE_2020, FIXTURE_2024, FIXTURE_2025, FIXTURE_2026)

MODELS_LOGGER = "livechat_desktop.youtube.models"

FIXED_TRANSCRIPT_KEYS = (
    "id",
    "type",
    "published_at",
    "author_channel_id",
    "author_name",
    "author_roles",
    "text",
)
PAID_TRANSCRIPT_KEYS = ("amount_display", "amount_micros", "currency", "tier")

Item = dict[str, Any]


def _items(name: str) -> list[Item]:
    """Return the items of a fixture that is either a whole response or a list."""
    body = load_fixture(name)
    if isinstance(body, list):
        return body
    items: list[Item] = body["items"]
    return items


def _page_body(name: str) -> Item:
    body = load_fixture(name)
    if isinstance(body, list):
        return {"items": body}
    page: Item = body
    return page


def _with(item: Item, path: Sequence[str], value: object) -> Item:
    """Return a deep copy of `item` with the value at `path` set to `value`."""
    changed = copy.deepcopy(item)
    parent = changed
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return changed


def _without(item: Item, *path: str) -> Item:
    """Return a deep copy of `item` with the key at `path` deleted."""
    changed = copy.deepcopy(item)
    parent = changed
    for key in path[:-1]:
        parent = parent[key]
    del parent[path[-1]]
    return changed


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == MODELS_LOGGER and record.levelno == logging.WARNING
    ]


# Real fixtures: every item parses.


@pytest.mark.parametrize(
    ("name", "expected_count"),
    [(FIXTURE_2020, 51), (FIXTURE_2024, 40), (FIXTURE_2025, 1), (FIXTURE_2026, 2)],
)
def test_fixture_page_parses_every_item(
    name: str, expected_count: int, caplog: pytest.LogCaptureFixture
) -> None:
    body = _page_body(name)
    item_ids = [item["id"] for item in body["items"]]

    page = parse_message_page(body)

    assert len(item_ids) == expected_count
    assert len(page.events) == expected_count
    assert [event.id for event in page.events] == item_ids
    assert page.skipped_count == 0
    assert _warnings(caplog) == []


def test_page_envelope_fields_are_read() -> None:
    body = load_fixture(FIXTURE_2020)

    page = parse_message_page(body)

    assert page.next_page_token == body["nextPageToken"]
    assert page.polling_interval_ms == body["pollingIntervalMillis"]
    assert page.offline_at is None


@pytest.mark.parametrize("name", ITEM_FIXTURES)
def test_fixture_timestamps_are_aware_utc(name: str) -> None:
    items = _items(name)

    events = parse_message_page({"items": items}).events

    for item, event in zip(items, events, strict=True):
        expected = datetime.fromisoformat(item["snippet"]["publishedAt"])
        assert event.published_at.tzinfo is UTC
        assert event.published_at == expected


@pytest.mark.parametrize(
    ("published_at", "expected"),
    [
        ("2024-07-31T16:15:44Z", datetime(2024, 7, 31, 16, 15, 44, tzinfo=UTC)),
        ("2024-07-31T16:15:44+00:00", datetime(2024, 7, 31, 16, 15, 44, tzinfo=UTC)),
        (
            "2024-07-31T16:15:44.767Z",
            datetime(2024, 7, 31, 16, 15, 44, 767000, tzinfo=UTC),
        ),
        (
            "2024-07-31T16:15:44.767+00:00",
            datetime(2024, 7, 31, 16, 15, 44, 767000, tzinfo=UTC),
        ),
        (
            "2024-07-31T16:15:44.7677Z",
            datetime(2024, 7, 31, 16, 15, 44, 767700, tzinfo=UTC),
        ),
        (
            "2024-07-31T16:15:44.7677+00:00",
            datetime(2024, 7, 31, 16, 15, 44, 767700, tzinfo=UTC),
        ),
        (
            "2024-07-31T16:15:44.76772Z",
            datetime(2024, 7, 31, 16, 15, 44, 767720, tzinfo=UTC),
        ),
        (
            "2024-07-31T16:15:44.76772+00:00",
            datetime(2024, 7, 31, 16, 15, 44, 767720, tzinfo=UTC),
        ),
        (
            "2024-07-31T16:15:44.767727Z",
            datetime(2024, 7, 31, 16, 15, 44, 767727, tzinfo=UTC),
        ),
        (
            "2024-07-31T16:15:44.767727+00:00",
            datetime(2024, 7, 31, 16, 15, 44, 767727, tzinfo=UTC),
        ),
        (
            "2024-07-31T18:15:44.767727+02:00",
            datetime(2024, 7, 31, 16, 15, 44, 767727, tzinfo=UTC),
        ),
    ],
)
def test_published_at_variants_parse_to_utc(
    published_at: str, expected: datetime
) -> None:
    item = _with(_items(FIXTURE_2024)[0], ("snippet", "publishedAt"), published_at)

    event = parse_message_item(item)

    assert event.published_at.tzinfo is UTC
    assert event.published_at == expected


# Real fixtures: field mapping.


def test_super_chat_amount_and_comment() -> None:
    item = _items(FIXTURE_2026)[0]

    event = parse_message_item(item)

    assert event.type == "superChatEvent"
    assert event.amount_micros == 2_000_000
    assert isinstance(event.amount_micros, int)
    assert event.currency == "CAD"
    assert event.amount_display == "CA$2.00"
    assert event.tier == 2
    assert event.text == item["snippet"]["superChatDetails"]["userComment"]


def test_super_chat_without_comment_has_empty_text() -> None:
    item = _items(FIXTURE_2026)[1]

    event = parse_message_item(item)

    assert "userComment" not in item["snippet"]["superChatDetails"]
    assert event.text == ""
    assert event.display_message == "CA$1.00 from @sample_streamer"
    assert event.amount_micros == 1_000_000
    assert event.tier == 1


def test_roles_of_member_who_is_moderator() -> None:
    items = _items(FIXTURE_2020)
    item = next(
        item
        for item in items
        if item["authorDetails"]["isChatSponsor"]
        and item["authorDetails"]["isChatModerator"]
    )

    event = parse_message_item(item)

    assert event.author_roles == ("moderator", "member")


def test_roles_empty_without_flags() -> None:
    items = _items(FIXTURE_2024)

    events = parse_message_page({"items": items}).events

    for event in events:
        assert event.author_roles == (), event.id


def test_roles_of_chat_owner() -> None:
    item = _items(FIXTURE_2026)[0]

    event = parse_message_item(item)

    assert event.author_roles == ("owner",)


def test_roles_with_every_flag_set() -> None:
    item = _items(FIXTURE_2024)[0]
    for flag in ("isVerified", "isChatOwner", "isChatSponsor", "isChatModerator"):
        item = _with(item, ("authorDetails", flag), True)

    event = parse_message_item(item)

    assert event.author_roles == ("owner", "moderator", "member", "verified")


def test_display_names_keep_trailing_spaces() -> None:
    items = _items(FIXTURE_2024)
    spaced = [
        item for item in items if item["authorDetails"]["displayName"][-1:] == " "
    ]

    events = [parse_message_item(item) for item in spaced]

    assert spaced, "the 2024 fixture no longer has names with trailing spaces"
    for item, event in zip(spaced, events, strict=True):
        assert event.author_name == item["authorDetails"]["displayName"]


@pytest.mark.parametrize("name", [FIXTURE_2020, FIXTURE_2024])
def test_fixture_text_survives_unchanged(name: str) -> None:
    items = _items(name)

    events = parse_message_page({"items": items}).events

    for item, event in zip(items, events, strict=True):
        assert event.text == item["snippet"]["textMessageDetails"]["messageText"]
        assert event.author_name == item["authorDetails"]["displayName"]


def test_zero_width_space_prefix_is_kept() -> None:
    items = _items(FIXTURE_2020)
    item = next(
        item for item in items if item["snippet"]["displayMessage"][:1] == "\u200b"
    )

    event = parse_message_item(item)

    assert event.text.startswith("\u200b@")


def test_non_bmp_letters_survive() -> None:
    # U+1D400.. are mathematical bold letters and U+2000B is a CJK ideograph,
    # all outside the Basic Multilingual Plane.
    name = "\U0001d400\U0001d425\U0001d422\U0001d41c\U0001d41e \U0002000b"
    text = "hello \U0002000b\U0001d41a \U0001f1f9\U0001f1f7"
    item = _items(FIXTURE_2024)[0]
    item = _with(item, ("authorDetails", "displayName"), name)
    item = _with(item, ("snippet", "textMessageDetails", "messageText"), text)

    event = parse_message_item(item)

    assert event.author_name == name
    assert event.text == text


def test_no_author_details_uses_snippet_channel() -> None:
    item = _without(_items(FIXTURE_2024)[0], "authorDetails")

    event = parse_message_item(item)

    assert event.author_channel_id == item["snippet"]["authorChannelId"]
    assert event.author_name == ""
    assert event.author_roles == ()
    assert event.author_avatar_url is None
    assert event.text == item["snippet"]["textMessageDetails"]["messageText"]


# Malformed items and pages.

MALFORMED_CASES = [
    pytest.param(lambda item: _without(item, "snippet"), id="no snippet"),
    pytest.param(lambda item: _with(item, ("snippet",), "hello"), id="snippet text"),
    pytest.param(lambda item: _without(item, "id"), id="id missing"),
    pytest.param(lambda item: _with(item, ("id",), ""), id="id empty"),
    pytest.param(lambda item: _with(item, ("id",), 42), id="id a number"),
    pytest.param(lambda item: _without(item, "snippet", "type"), id="type missing"),
    pytest.param(lambda item: _with(item, ("snippet", "type"), 7), id="type a number"),
    pytest.param(
        lambda item: _with(item, ("snippet", "publishedAt"), "yesterday at noon"),
        id="publishedAt garbage",
    ),
    pytest.param(
        lambda item: _without(item, "snippet", "publishedAt"),
        id="publishedAt missing",
    ),
    pytest.param(
        lambda item: _with(item, ("authorDetails",), []), id="authorDetails a list"
    ),
    pytest.param(
        lambda item: _with(item, ("authorDetails", "isChatModerator"), "maybe"),
        id="moderator flag not a bool",
    ),
    pytest.param(
        lambda item: _with(item, ("snippet", "superChatDetails"), "CA$2.00"),
        id="superChatDetails text",
    ),
    pytest.param(
        lambda item: _with(
            item, ("snippet", "superChatDetails", "amountMicros"), "two dollars"
        ),
        id="amountMicros not a number",
    ),
    pytest.param(
        lambda item: _with(item, ("snippet", "superChatDetails", "tier"), "gold"),
        id="tier not a number",
    ),
    pytest.param(lambda item: "LCC.junk", id="item a string"),
    pytest.param(lambda item: None, id="item null"),
    pytest.param(lambda item: [item], id="item a list"),
]


@pytest.mark.parametrize("damage", MALFORMED_CASES)
def test_malformed_item_skipped_with_warning(
    damage: Callable[[Item], object], caplog: pytest.LogCaptureFixture
) -> None:
    text_items = _items(FIXTURE_2024)
    paid_items = _items(FIXTURE_2026)
    good = [text_items[0], text_items[1], paid_items[1]]
    raw_items = [good[0], damage(paid_items[0]), good[1], good[2]]

    page = parse_message_page({"items": raw_items})

    assert [event.id for event in page.events] == [item["id"] for item in good]
    assert page.skipped_count == 1
    assert any("1 of 4" in message for message in _warnings(caplog))


def test_several_malformed_items_counted(caplog: pytest.LogCaptureFixture) -> None:
    good = _items(FIXTURE_2024)[:3]
    raw_items = [
        _without(good[0], "id"),
        good[0],
        "junk",
        good[1],
        _with(good[2], ("snippet", "publishedAt"), "not a time"),
        good[2],
    ]

    page = parse_message_page({"items": raw_items})

    assert [event.id for event in page.events] == [item["id"] for item in good]
    assert page.skipped_count == 3
    assert any("3 of 6" in message for message in _warnings(caplog))


@pytest.mark.parametrize(
    "published_at", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00"]
)
def test_published_at_beyond_utc_range_skipped(published_at: str) -> None:
    good = _items(FIXTURE_2024)[:2]
    damaged = _with(good[0], ("snippet", "publishedAt"), published_at)

    page = parse_message_page({"items": [damaged, good[1]]})

    assert [event.id for event in page.events] == [good[1]["id"]]
    assert page.skipped_count == 1


def test_unknown_type_kept_with_display_message() -> None:
    item = _items(FIXTURE_2024)[0]
    item = _with(item, ("snippet", "type"), "futureShinyEvent")
    item = _with(item, ("snippet", "displayMessage"), "Something shiny happened")
    item = _without(item, "snippet", "textMessageDetails")

    page = parse_message_page({"items": [item]})

    assert page.skipped_count == 0
    assert page.events[0].type == "futureShinyEvent"
    assert page.events[0].text == "Something shiny happened"


@pytest.mark.parametrize(
    "body",
    [
        pytest.param([], id="empty list"),
        pytest.param(None, id="null"),
        pytest.param("items", id="string"),
        pytest.param(42, id="number"),
        pytest.param({"items": "LCC.one"}, id="items a string"),
        pytest.param({"items": {"id": "LCC.one"}}, id="items an object"),
        pytest.param({"items": None}, id="items null"),
    ],
)
def test_malformed_page_body_raises(body: object) -> None:
    with pytest.raises(ValidationError):
        parse_message_page(body)


def test_page_of_real_items_as_list_raises() -> None:
    items = _items(FIXTURE_2024)

    with pytest.raises(ValidationError):
        parse_message_page(items)


# Property: junk never costs a well-formed item.

_FIELD_NAMES = st.sampled_from(
    ["id", "snippet", "type", "publishedAt", "authorDetails", "displayName"]
)


def _timestamp_text(moment: datetime, offset_minutes: int) -> str:
    offset = timezone(timedelta(minutes=offset_minutes))
    return moment.replace(tzinfo=offset).isoformat()


_TIMESTAMPS = st.builds(
    _timestamp_text,
    st.datetimes(),
    st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59),
)

_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | _TIMESTAMPS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(_FIELD_NAMES | st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


def _key_paths(value: object, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Return the path of every key in the nested objects of `value`."""
    paths: list[tuple[str, ...]] = []
    if isinstance(value, dict):
        for key, child in value.items():
            path = (*prefix, key)
            paths.append(path)
            paths.extend(_key_paths(child, path))
    return paths


def _parent_of(item: Item, path: tuple[str, ...]) -> Item | None:
    """Return the object holding the last key of `path`, if it is still there."""
    parent: object = item
    for key in path[:-1]:
        if not isinstance(parent, dict) or key not in parent:
            return None
        parent = parent[key]
    return parent if isinstance(parent, dict) else None


@st.composite
def _damaged_items(draw: st.DrawFn, real_items: Sequence[Item]) -> Item:
    """Draw a real item with some fields deleted or replaced by random JSON."""
    item = copy.deepcopy(draw(st.sampled_from(real_items)))
    paths = draw(
        st.lists(st.sampled_from(_key_paths(item)), min_size=1, max_size=3, unique=True)
    )
    for path in paths:
        parent = _parent_of(item, path)
        if parent is None or path[-1] not in parent:
            continue
        if draw(st.booleans()):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(_JSON_VALUES)
    return item


def _page_entries(real_items: Sequence[Item]) -> st.SearchStrategy[tuple[bool, Any]]:
    """Draw `(is_real, item)`: an unmodified real item or a junk one."""
    real = st.sampled_from(real_items).map(lambda item: (True, item))
    junk = (_JSON_VALUES | _damaged_items(real_items)).map(lambda item: (False, item))
    return real | junk


@functools.cache
def _all_real_items() -> tuple[Item, ...]:
    return tuple(item for name in ITEM_FIXTURES for item in _items(name))


def _is_subsequence(expected: Sequence[ChatEvent], actual: Sequence[ChatEvent]) -> bool:
    remaining = iter(actual)
    return all(event in remaining for event in expected)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_junk_items_never_cost_real_items(data: st.DataObject) -> None:
    real_items = _all_real_items()
    entries = data.draw(st.lists(_page_entries(real_items), max_size=12))
    raw_items = [item for _, item in entries]
    expected = [parse_message_item(item) for is_real, item in entries if is_real]

    page = parse_message_page({"items": raw_items})

    assert _is_subsequence(expected, page.events)
    assert len(page.events) + page.skipped_count == len(raw_items)


# Transcript records.

SCHEMA_EVENTS = [
    pytest.param(
        "superStickerEvent",
        "superStickerDetails",
        {
            "amountMicros": "5000000",
            "currency": "USD",
            "amountDisplayString": "$5.00",
            "tier": 2,
            "superStickerMetadata": {
                "stickerId": "sticker_cat_wave",
                "altText": "A cat waving",
                "altTextLanguage": "en",
            },
        },
        True,
        id="superStickerEvent",
    ),
    pytest.param(
        "fanFundingEvent",
        "fanFundingEventDetails",
        {
            "amountMicros": "3000000",
            "currency": "EUR",
            "amountDisplayString": "€3.00",
            "userComment": "Thanks for the stream",
        },
        True,
        id="fanFundingEvent",
    ),
    pytest.param(
        "newSponsorEvent",
        "newSponsorDetails",
        {"memberLevelName": "Fan club", "isUpgrade": False},
        False,
        id="newSponsorEvent",
    ),
    pytest.param(
        "memberMilestoneChatEvent",
        "memberMilestoneChatDetails",
        {"memberLevelName": "Fan club", "memberMonth": 12, "userComment": "A year"},
        False,
        id="memberMilestoneChatEvent",
    ),
    pytest.param(
        "messageDeletedEvent",
        "messageDeletedDetails",
        {"deletedMessageId": "LCC.EhwKGkNJLURtc0RXMFljREZRZ0kxZ0FkX0pBT2RB"},
        False,
        id="messageDeletedEvent",
    ),
    pytest.param(
        "userBannedEvent",
        "userBannedDetails",
        {
            "bannedUserDetails": {
                "channelId": "UCplaceholderBannedUser1",
                "displayName": "Spam Account",
            },
            "banType": "temporary",
            "banDurationSeconds": "300",
        },
        False,
        id="userBannedEvent",
    ),
    pytest.param(
        "pollEvent",
        "pollDetails",
        {
            "metadata": {
                "questionText": "Next game?",
                "options": [
                    {"optionText": "Chess", "tally": "3"},
                    {"optionText": "Go"},
                ],
            },
            "status": "active",
        },
        False,
        id="pollEvent",
    ),
    pytest.param("chatEndedEvent", None, None, False, id="chatEndedEvent"),
]


def _schema_item(event_type: str, details_key: str | None, details: object) -> Item:
    """Build an item of another event type from a real text message item."""
    item = _items(FIXTURE_2024)[0]
    item = _with(item, ("snippet", "type"), event_type)
    item = _without(item, "snippet", "textMessageDetails")
    if details_key is not None:
        item = _with(item, ("snippet", details_key), details)
    return item


def _assert_fixed_keys(record: dict[str, Any], event: ChatEvent) -> None:
    for key in FIXED_TRANSCRIPT_KEYS:
        assert key in record, key
    assert record["published_at"].endswith("Z")
    assert datetime.fromisoformat(record["published_at"]) == event.published_at
    assert json.loads(json.dumps(record)) == record


@pytest.mark.parametrize("name", ITEM_FIXTURES)
def test_transcript_of_fixture_events(name: str) -> None:
    events = parse_message_page({"items": _items(name)}).events

    records = [event.to_transcript() for event in events]

    for record, event in zip(records, events, strict=True):
        _assert_fixed_keys(record, event)
        is_paid = event.type == "superChatEvent"
        for key in PAID_TRANSCRIPT_KEYS:
            assert (key in record) == is_paid, key


@pytest.mark.parametrize(
    ("event_type", "details_key", "details", "is_paid"), SCHEMA_EVENTS
)
def test_transcript_of_schema_events(
    event_type: str, details_key: str | None, details: object, is_paid: bool
) -> None:
    event = parse_message_item(_schema_item(event_type, details_key, details))

    record = event.to_transcript()

    _assert_fixed_keys(record, event)
    assert record["type"] == event_type
    for key in ("amount_display", "amount_micros", "currency"):
        assert (key in record) == is_paid, key


def test_transcript_paid_values() -> None:
    event = parse_message_item(_items(FIXTURE_2026)[1])

    record = event.to_transcript()

    assert record["amount_micros"] == 1_000_000
    assert record["currency"] == "CAD"
    assert record["amount_display"] == "CA$1.00"
    assert record["tier"] == 1
    assert record["text"] == ""


def test_transcript_converts_offset_to_utc_z() -> None:
    item = _with(
        _items(FIXTURE_2024)[0], ("snippet", "publishedAt"), "2024-07-31T18:15:44+02:00"
    )

    record = parse_message_item(item).to_transcript()

    assert record["published_at"] == "2024-07-31T16:15:44Z"


def test_transcript_without_author_details() -> None:
    item = _without(_items(FIXTURE_2024)[0], "authorDetails")

    record = parse_message_item(item).to_transcript()

    assert record["author_channel_id"] == item["snippet"]["authorChannelId"]
    assert record["author_name"] == ""
    assert record["author_roles"] == []


@pytest.mark.parametrize(
    "name",
    [
        "livechat_list_response_2020_textMessageEvent_51items.json",
        "livechat_list_response_2025_envelope_first_item_only.json",
    ],
)
def test_json_parse_matches_slow_path(name: str) -> None:
    body = load_fixture(name)
    content = json.dumps(body).encode("utf-8")

    fast = parse_message_page_json(content)
    slow = parse_message_page(body)

    assert fast == slow


def test_json_parse_skips_malformed_item(caplog: pytest.LogCaptureFixture) -> None:
    body = copy.deepcopy(
        load_fixture("livechat_list_response_2020_textMessageEvent_51items.json")
    )
    del body["items"][3]["snippet"]
    content = json.dumps(body).encode("utf-8")

    page = parse_message_page_json(content)

    assert len(page.events) == len(body["items"]) - 1
    assert page.skipped_count == 1
    assert "Skipped 1 of" in caplog.text


def test_json_parse_rejects_non_json() -> None:
    with pytest.raises(ValueError, match="Expecting value"):
        parse_message_page_json(b"<html>proxy login</html>")


def test_many_malformed_items_log_a_few_lines(caplog: pytest.LogCaptureFixture) -> None:
    raw_items = ["junk"] * 50

    page = parse_message_page({"items": raw_items})

    warnings = _warnings(caplog)
    assert page.skipped_count == 50
    assert len(warnings) == MAX_LOGGED_SKIPS + 1
    assert "50 of 50" in warnings[-1]
