"""The gallery tool covers every event type of the API schema."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from livechat_desktop.youtube.models import KNOWN_EVENT_TYPES

TOOL = Path(__file__).resolve().parents[2] / "tools" / "make_gallery.py"


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_gallery", TOOL)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gallery_has_every_event_type() -> None:
    examples = _load_tool()._examples()

    kinds = [kind for kind, _caption, _rows in examples]
    assert sorted(kinds) == sorted(KNOWN_EVENT_TYPES)


def test_gallery_pictures_are_committed() -> None:
    gallery = TOOL.parent.parent / "docs" / "gallery"

    missing = [
        kind for kind in KNOWN_EVENT_TYPES if not (gallery / f"{kind}.png").is_file()
    ]
    assert missing == []
