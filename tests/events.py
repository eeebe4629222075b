"""Small `ChatEvent` builders for tests that need no wire format."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from livechat_desktop.youtube.models import ChatEvent

PUBLISHED = datetime(2026, 1, 1, tzinfo=UTC)


def chat(
    event_id: str, text: str = "hello", author: str = "UCa", **fields: Any
) -> ChatEvent:
    values: dict[str, Any] = {
        "type": "textMessageEvent",
        "author_channel_id": author,
        "author_name": f"name of {author}",
        "text": text,
        "display_message": text,
    }
    values.update(fields)
    return ChatEvent(id=event_id, published_at=PUBLISHED, **values)
