"""Access to the captured YouTube Data API responses that the tests read.

The captures live outside the repository, in `shared/fixtures/youtube/` beside
the checkout, and are read at run time. A test that needs a missing capture
is skipped, not failed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

FIXTURES_DIR = (
    Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "youtube"
)


def fixture_path(name: str) -> Path:
    """Return the path of a captured response, skipping the test if it is absent."""
    path = FIXTURES_DIR / name
    if not path.is_file():
        pytest.skip(
            f"{path} not found; these tests read the real captured API "
            f"responses from {FIXTURES_DIR}"
        )
    return path


def load_fixture(name: str) -> Any:
    """Load a captured response: parsed JSON for `.json` files, else the text."""
    path = fixture_path(name)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return json.loads(text)
    return text
