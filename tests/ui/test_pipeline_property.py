"""Property test: pages generated from the API schema never break the pipeline.

Items are built from the schema of `LiveChatMessage` in the API's discovery
document, then damaged (fields dropped, replaced by other JSON values), and
mixed with well-formed text messages. Parsing, the chat model and the
delegate must never raise, and every well-formed item must come through.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from livechat_desktop.ui.avatars import AvatarStore
from livechat_desktop.ui.chat_model import ChatListModel
from livechat_desktop.ui.delegate import ChatDelegate
from livechat_desktop.youtube.models import parse_message_page
from tests.fixtures import load_fixture

SCHEMA_FILE = "discovery_livechat_and_videos_schema.json"
MAX_DEPTH = 4

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


def _from_schema(
    schemas: dict[str, Any], node: dict[str, Any], depth: int = 0
) -> st.SearchStrategy[Any]:
    """Return a strategy for values that follow one schema node."""
    if "$ref" in node:
        if depth >= MAX_DEPTH:
            return st.just({})
        return _from_schema(schemas, schemas[node["$ref"]], depth + 1)
    if "enum" in node:
        return st.sampled_from(node["enum"])
    kind = node.get("type")
    if kind == "object":
        properties = node.get("properties", {})
        return st.fixed_dictionaries(
            {},
            optional={
                name: _from_schema(schemas, child, depth + 1)
                for name, child in properties.items()
            },
        )
    if kind == "array":
        return st.lists(
            _from_schema(schemas, node.get("items", {}), depth + 1), max_size=3
        )
    if kind == "integer":
        return st.integers(-5, 10**6)
    if kind == "boolean":
        return st.booleans()
    if node.get("format") == "date-time":
        return st.datetimes().map(lambda moment: moment.isoformat() + "Z")
    return st.text(max_size=30)


def _damaged(item: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Return a strategy that drops or replaces some fields of generated items."""

    def damage(value: Any, data: st.DataObject) -> Any:
        if not isinstance(value, dict) or not value:
            return value
        keys = sorted(value)
        for key in data.draw(st.lists(st.sampled_from(keys), max_size=2)):
            if data.draw(st.booleans()):
                value.pop(key, None)
            else:
                value[key] = data.draw(json_values)
        return value

    return st.tuples(item, st.data()).map(lambda pair: damage(*pair))


def _good_item(number: int) -> dict[str, Any]:
    text = f"well-formed message {number}"
    return {
        "id": f"good-{number}",
        "snippet": {
            "type": "textMessageEvent",
            "publishedAt": "2026-01-01T00:00:00.123Z",
            "displayMessage": text,
            "textMessageDetails": {"messageText": text},
        },
        "authorDetails": {"channelId": "UCgood", "displayName": "Good"},
    }


@pytest.fixture(scope="module")
def item_strategy() -> st.SearchStrategy[Any]:
    schemas = load_fixture(SCHEMA_FILE)["schemas"]
    message = _from_schema(schemas, schemas["LiveChatMessage"])
    return st.one_of(message, _damaged(message), json_values)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_generated_pages_never_break_pipeline(
    qtbot: QtBot, item_strategy: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    generated = data.draw(st.lists(item_strategy, max_size=8))
    positions = data.draw(
        st.lists(st.integers(0, len(generated)), min_size=1, max_size=4)
    )
    items: list[Any] = list(generated)
    good = [_good_item(number) for number in range(len(positions))]
    for item, position in zip(good, sorted(positions, reverse=True), strict=True):
        items.insert(position, item)
    expected_ids = [item["id"] for item in items if any(item is g for g in good)]

    page = parse_message_page({"items": items, "nextPageToken": "t"})
    # Generated avatar URLs are random text; none may be fetched from anywhere.
    events = [event._replace(author_avatar_url=None) for event in page.events]
    model = ChatListModel()
    model.add_events(events)
    delegate = ChatDelegate(AvatarStore())
    delegate.width_px = 240
    image = QImage(240, 400, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    for row in range(model.rowCount()):
        option = QStyleOptionViewItem()
        index = model.index(row)
        option.rect = QRect(0, 0, 240, delegate.sizeHint(option, index).height())
        delegate.paint(painter, option, index)
    painter.end()

    parsed_ids = [
        event.id
        for event in page.events
        if event.id.startswith("good-") and event.text.startswith("well-formed")
    ]
    assert parsed_ids == expected_ids
    assert len(page.events) + page.skipped_count == len(items)
