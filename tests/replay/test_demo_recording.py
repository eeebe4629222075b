"""Tests of the committed demo recording and of the tool that generates it."""

from __future__ import annotations

import collections
import itertools
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from livechat_desktop.replay.recording import RecordedPage, load_recording
from livechat_desktop.youtube.client import MESSAGES_PATH, VIDEOS_PATH
from livechat_desktop.youtube.models import ChatEvent, parse_message_page
from tests.fixtures import load_fixture

REPO_ROOT = Path(__file__).resolve().parents[2]
DEMO_RECORDING = REPO_ROOT / "resources" / "demo" / "recording.jsonl"
GENERATOR = REPO_ROOT / "tools" / "make_demo_recording.py"
MAX_FILE_BYTES = 1_500_000


@pytest.fixture(scope="module")
def pages() -> list[RecordedPage]:
    return load_recording(DEMO_RECORDING)


@pytest.fixture(scope="module")
def message_pages(pages: list[RecordedPage]) -> list[RecordedPage]:
    return [page for page in pages if page.path == MESSAGES_PATH]


@pytest.fixture(scope="module")
def items(message_pages: list[RecordedPage]) -> list[dict[str, Any]]:
    return [item for page in message_pages for item in page.body["items"]]


@pytest.fixture(scope="module")
def events(message_pages: list[RecordedPage]) -> list[ChatEvent]:
    return [
        event
        for page in message_pages
        for event in parse_message_page(page.body).events
    ]


def items_of_type(items: list[dict[str, Any]], event_type: str) -> list[dict[str, Any]]:
    return [item for item in items if item.get("snippet", {}).get("type") == event_type]


def page_index_of(message_pages: list[RecordedPage], message_id: str) -> int:
    for index, page in enumerate(message_pages):
        if any(item["id"] == message_id for item in page.body["items"]):
            return index
    raise AssertionError(f"message {message_id} is not in the recording")


def test_committed_file_matches_generator(tmp_path: Path) -> None:
    output = tmp_path / "recording.jsonl"

    subprocess.run(
        [sys.executable, str(GENERATOR), "--output", str(output)],
        check=True,
        capture_output=True,
        timeout=60,
    )

    assert output.read_bytes() == DEMO_RECORDING.read_bytes()


def test_file_is_small_utf8_json_lines() -> None:
    data = DEMO_RECORDING.read_bytes()

    assert len(data) < MAX_FILE_BYTES
    assert data.endswith(b"\n")
    assert "👋🏽".encode() in data


def test_every_schema_type_appears(items: list[dict[str, Any]]) -> None:
    schema = load_fixture("discovery_livechat_and_videos_schema.json")
    enum = schema["schemas"]["LiveChatMessageSnippet"]["properties"]["type"]["enum"]

    present = {item["snippet"]["type"] for item in items if "snippet" in item}

    assert len(enum) == 18
    assert sorted(set(enum) - present) == []


def test_pages_parse_except_one_malformed_item(
    message_pages: list[RecordedPage],
) -> None:
    skipped = [parse_message_page(page.body).skipped_count for page in message_pages]

    assert sum(skipped) == 1
    assert max(skipped) == 1


def test_first_line_is_videos_body(pages: list[RecordedPage]) -> None:
    video = pages[0].body["items"][0]
    details = video["liveStreamingDetails"]

    assert pages[0].path == VIDEOS_PATH
    assert pages[0].body["kind"] == "youtube#videoListResponse"
    assert video["id"] == "demoVideo01"
    assert isinstance(details["concurrentViewers"], str)
    assert details["activeLiveChatId"]
    assert details["scheduledStartTime"] < details["actualStartTime"]


def test_recording_spans_75_seconds(message_pages: list[RecordedPage]) -> None:
    span = message_pages[-1].received_at - message_pages[0].received_at

    assert span.total_seconds() >= 75


def test_about_five_messages_per_second(events: list[ChatEvent]) -> None:
    times = [event.published_at for event in events]
    seconds = (max(times) - min(times)).total_seconds()

    assert 4.0 <= len(events) / seconds <= 6.0


def test_page_gaps_within_range(
    message_pages: list[RecordedPage],
) -> None:
    gaps_s = [
        (later.received_at - earlier.received_at).total_seconds()
        for earlier, later in itertools.pairwise(message_pages)
    ]

    assert min(gaps_s) >= 1.0
    assert max(gaps_s) <= 2.5


def test_page_envelopes_are_complete(message_pages: list[RecordedPage]) -> None:
    tokens = [page.body["nextPageToken"] for page in message_pages]

    for page in message_pages:
        body = page.body
        assert body["kind"] == "youtube#liveChatMessageListResponse"
        assert body["etag"]
        assert isinstance(body["pollingIntervalMillis"], int)
        assert body["pageInfo"]["resultsPerPage"] == len(body["items"])
    assert len(set(tokens)) == len(tokens)


def test_message_ids_use_both_styles(items: list[dict[str, Any]]) -> None:
    lengths = {len(item["id"]) for item in items}

    assert all(item["id"].startswith("LCC.") for item in items)
    assert 44 in lengths
    assert max(lengths) > 150


def test_published_at_styles_vary(items: list[dict[str, Any]]) -> None:
    styles: collections.Counter[tuple[int, str]] = collections.Counter()
    for item in items:
        if "snippet" in item:
            match = re.fullmatch(
                r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.(\d+))?(Z|\+00:00)",
                item["snippet"]["publishedAt"],
            )
            assert match is not None
            styles[(len(match.group(1) or ""), match.group(2))] += 1

    assert {digits for digits, _ in styles} == {0, 3, 4, 5, 6}
    assert {suffix for _, suffix in styles} == {"Z", "+00:00"}


def test_super_chats_cover_every_tier(items: list[dict[str, Any]]) -> None:
    details = [
        item["snippet"]["superChatDetails"]
        for item in items_of_type(items, "superChatEvent")
    ]

    assert {detail["tier"] for detail in details} == set(range(1, 8))
    assert len({detail["currency"] for detail in details}) >= 4
    assert all(isinstance(detail["amountMicros"], str) for detail in details)
    assert any("userComment" not in detail for detail in details)


def test_deletions_before_same_and_after_target(
    message_pages: list[RecordedPage], items: list[dict[str, Any]]
) -> None:
    offsets = set()
    for deletion in items_of_type(items, "messageDeletedEvent"):
        target_id = deletion["snippet"]["messageDeletedDetails"]["deletedMessageId"]
        offsets.add(
            page_index_of(message_pages, deletion["id"])
            - page_index_of(message_pages, target_id)
        )

    assert -1 in offsets
    assert 0 in offsets
    assert any(offset > 0 for offset in offsets)


def test_same_page_deletion_follows_target(
    message_pages: list[RecordedPage], items: list[dict[str, Any]]
) -> None:
    for page in message_pages:
        page_ids = [item["id"] for item in page.body["items"]]
        for item in items_of_type(page.body["items"], "messageDeletedEvent"):
            target_id = item["snippet"]["messageDeletedDetails"]["deletedMessageId"]
            if target_id in page_ids:
                assert page_ids.index(target_id) < page_ids.index(item["id"])


def test_poll_posted_updated_closed(items: list[dict[str, Any]]) -> None:
    polls = items_of_type(items, "pollEvent")
    statuses = [poll["snippet"]["pollDetails"]["status"] for poll in polls]
    tallies = [
        [
            option["tally"]
            for option in poll["snippet"]["pollDetails"]["metadata"]["options"]
        ]
        for poll in polls
    ]

    assert len({poll["id"] for poll in polls}) == 1
    assert statuses == ["active", "active", "closed"]
    assert len({tuple(tally) for tally in tallies}) == 3


def test_bans_permanent_and_temporary(items: list[dict[str, Any]]) -> None:
    bans = {
        item["snippet"]["userBannedDetails"]["banType"]: item["snippet"][
            "userBannedDetails"
        ]
        for item in items_of_type(items, "userBannedEvent")
    }

    assert set(bans) == {"permanent", "temporary"}
    assert bans["temporary"]["banDurationSeconds"] == "300"
    assert "banDurationSeconds" not in bans["permanent"]


def test_gift_receipts_name_gifting_message(items: list[dict[str, Any]]) -> None:
    gifting_ids = {
        item["id"] for item in items_of_type(items, "membershipGiftingEvent")
    }
    receipts = items_of_type(items, "giftMembershipReceivedEvent")

    assert receipts
    for receipt in receipts:
        details = receipt["snippet"]["giftMembershipReceivedDetails"]
        assert details["associatedMembershipGiftingMessageId"] in gifting_ids


def test_last_item_ends_chat(message_pages: list[RecordedPage]) -> None:
    last_item = message_pages[-1].body["items"][-1]

    assert last_item["snippet"]["type"] == "chatEndedEvent"


def test_author_roles_all_present(events: list[ChatEvent]) -> None:
    role_sets = {event.author_roles for event in events}

    assert ("owner",) in role_sets
    assert ("moderator",) in role_sets
    assert ("member",) in role_sets
    assert ("verified",) in role_sets
    assert ("moderator", "member") in role_sets


def test_some_items_lack_author_details(items: list[dict[str, Any]]) -> None:
    without = [item for item in items if "authorDetails" not in item]

    assert any(item["snippet"]["type"] == "textMessageEvent" for item in without)


def test_avatar_urls_point_at_replay_server(items: list[dict[str, Any]]) -> None:
    urls = {
        item["authorDetails"]["profileImageUrl"]
        for item in items
        if "authorDetails" in item
    }
    names = [url.split("/avatars/")[1] for url in urls]
    failing = [name for name in names if name.startswith(("missing", "broken"))]

    assert all(url.startswith("{{replay_base}}/avatars/") for url in urls)
    assert 1 / 12 <= len(failing) / len(names) <= 1 / 5
    assert any(name.startswith("missing") for name in names)
    assert any(name.startswith("broken") for name in names)
    assert any(name.startswith("slow") for name in names)


def test_texts_include_hard_cases(events: list[ChatEvent]) -> None:
    texts = [event.text for event in events]
    names = {event.author_name for event in events}

    assert any(text.startswith("\u200b") for text in texts)
    assert any("<b>" in text for text in texts)
    assert any(len(word) >= 200 for text in texts for word in text.split())
    assert any(re.search(r":[a-z-]+:", text) for text in texts)
    assert any(name != name.rstrip() for name in names)
    assert any(any(ord(char) > 0xFFFF for char in name) for name in names)
