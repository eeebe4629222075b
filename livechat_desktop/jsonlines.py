"""Lines of JSON Lines files that are always valid UTF-8."""

from __future__ import annotations

import json


def json_line(record: object) -> str:
    """Return `record` as one JSON line, ending in a line break.

    Text is kept readable (no `\\u` escapes), except in a record with a lone
    surrogate. The API can send one as a JSON escape, and it cannot be
    written as UTF-8, so that record keeps JSON's own escapes.
    """
    line = json.dumps(record, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(record)
    return line + "\n"
