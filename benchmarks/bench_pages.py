"""Chat pages for the benchmarks, built from real API items.

The templates are the captured `liveChatMessages.list` items in
`shared/fixtures/youtube/` beside the checkout. Where those are absent, the
message items of the bundled demo recording are used. Every generated item
gets a unique id, an author from a numbered pool and an avatar URL on the
benchmark's own local server, so no URL in a page points at YouTube.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from livechat_desktop.replay.recording import load_recording
from livechat_desktop.resources import resource_path
from livechat_desktop.youtube.client import MESSAGES_PATH

logger = logging.getLogger(__name__)

REPO_DIR = Path(__file__).resolve().parents[1]
FIXTURES_DIR = REPO_DIR.parent / "shared" / "fixtures" / "youtube"
FIXTURE_ITEM_FILES = (
    "livechat_list_response_2020_textMessageEvent_51items.json",
    "livechat_items_2024_short_LCC_ids_40items.json",
    "livechat_items_2026_superChatEvent_with_and_without_userComment.json",
    "livechat_list_response_2025_envelope_first_item_only.json",
)
LIVE_CHAT_ID = "benchLiveChat"
VIDEO_ID = "benchVid001"
# The size option that YouTube puts on chat avatar URLs: 88 px squares.
AVATAR_URL_OPTIONS = "s88-c-k-c0x00ffffff-no-rj"

# Moderation events change other rows (a ban removes its author's messages),
# and a chat ended event stops polling, so no template has these types.
_EXCLUDED_TYPES = frozenset(
    {
        "messageDeletedEvent",
        "messageRetractedEvent",
        "userBannedEvent",
        "chatEndedEvent",
        "pollEvent",
    }
)


def load_template_items() -> tuple[list[dict[str, Any]], str]:
    """Return the template items and a description of where they came from."""
    fixture_items = _fixture_items()
    if fixture_items:
        return fixture_items, f"{len(fixture_items)} captured API items"
    demo_items = _demo_items()
    if not demo_items:
        raise RuntimeError(
            f"No template chat items: {FIXTURES_DIR} is missing and the demo "
            "recording has no message items."
        )
    return demo_items, f"{len(demo_items)} items of the demo recording"


def _fixture_items() -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for name in FIXTURE_ITEM_FILES:
        path = FIXTURES_DIR / name
        if not path.is_file():
            logger.info("Fixture %s not found; using the demo recording", path)
            return []
        document = json.loads(path.read_text(encoding="utf-8"))
        page_items = document["items"] if isinstance(document, dict) else document
        items.extend(page_items)
    return _usable(items)


def _demo_items() -> list[dict[str, Any]]:
    pages = load_recording(resource_path("demo", "recording.jsonl"))
    items: list[dict[str, Any]] = []
    for page in pages:
        if page.path == MESSAGES_PATH and isinstance(page.body, dict):
            items.extend(page.body.get("items", []))
    return _usable(items)


def _usable(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Keep well-formed items; the demo recording has a malformed one on purpose."""
    return [
        item
        for item in items
        if isinstance(item.get("snippet"), dict)
        and item["snippet"].get("type") not in _EXCLUDED_TYPES
        and item.get("authorDetails")
    ]


class PageBuilder:
    """Builds message pages whose items repeat the templates with fresh ids.

    Args:
        templates: Raw API items to copy.
        avatar_base_url: Scheme, host and port of the local avatar server.
        author_count: How many distinct authors, and so avatar URLs, to cycle.
    """

    def __init__(
        self,
        templates: list[dict[str, Any]],
        avatar_base_url: str,
        author_count: int,
    ) -> None:
        # Each item is copied by parsing its template's JSON text, which is
        # several times faster than `copy.deepcopy` for these nested dicts.
        self._template_texts = [json.dumps(template) for template in templates]
        self._avatar_base_url = avatar_base_url.rstrip("/")
        self._author_count = author_count
        self._next_number = 0

    def set_avatar_base_url(self, avatar_base_url: str) -> None:
        self._avatar_base_url = avatar_base_url.rstrip("/")

    def items(self, count: int) -> list[dict[str, Any]]:
        """Return `count` new items, each with an id not used before."""
        first = self._next_number
        self._next_number += count
        return [self._item(number) for number in range(first, first + count)]

    def page(self, count: int, interval_ms: int = 1000) -> dict[str, Any]:
        """Return a `liveChatMessages.list` body with `count` new items."""
        items = self.items(count)
        return {
            "kind": "youtube#liveChatMessageListResponse",
            "pollingIntervalMillis": interval_ms,
            "pageInfo": {"totalResults": count, "resultsPerPage": count},
            "nextPageToken": f"bench-token-{self._next_number}",
            "items": items,
        }

    def page_bytes(self, count: int, interval_ms: int = 1000) -> bytes:
        """Return a page as the UTF-8 JSON bytes the API would send."""
        body = self.page(count, interval_ms)
        return json.dumps(body, ensure_ascii=False).encode("utf-8")

    def _item(self, number: int) -> dict[str, Any]:
        template_text = self._template_texts[number % len(self._template_texts)]
        item: dict[str, Any] = json.loads(template_text)
        author = number % self._author_count
        channel_id = f"UCbenchAuthor{author:07d}"
        item["id"] = f"bench-message-{number}"
        snippet = item["snippet"]
        snippet["liveChatId"] = LIVE_CHAT_ID
        snippet["authorChannelId"] = channel_id
        details = item["authorDetails"]
        details["channelId"] = channel_id
        details["channelUrl"] = f"http://www.youtube.com/channel/{channel_id}"
        details["profileImageUrl"] = (
            f"{self._avatar_base_url}/avatars/author{author}={AVATAR_URL_OPTIONS}"
        )
        return item
