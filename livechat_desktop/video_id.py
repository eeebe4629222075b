"""Extract the 11-character video id from what a user pastes."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

_VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_HOSTS = {"youtube.com", "m.youtube.com", "music.youtube.com", "youtube-nocookie.com"}
_PATH_PREFIXES = ("live", "shorts", "embed", "v", "e")


class InvalidVideoError(ValueError):
    """The text is neither a YouTube video link nor an 11-character video id."""


def parse_video_id(text: str) -> str:
    """Return the video id in a watch URL, a short link or a bare id.

    Accepts `watch?v=`, `youtu.be/`, `/live/`, `/shorts/` and `/embed/` links
    on the `www.`, `m.` and `music.` hosts, with or without a scheme and with
    extra parameters such as `&t=42s`.

    Raises:
        InvalidVideoError: With a message that states what was wrong.
    """
    candidate = text.strip()
    if not candidate:
        raise InvalidVideoError("No video given: paste a YouTube link or a video id.")
    if _VIDEO_ID.fullmatch(candidate):
        return candidate
    if "://" not in candidate:
        candidate = "https://" + candidate
    try:
        parts = urlsplit(candidate)
        hostname = parts.hostname
    except ValueError:
        raise InvalidVideoError(
            f"{text.strip()!r} is not a valid link: paste a YouTube link or an "
            "11-character video id."
        ) from None
    host = (hostname or "").lower().removeprefix("www.")
    segments = [segment for segment in parts.path.split("/") if segment]
    found: str | None = None
    if host == "youtu.be":
        found = segments[0] if segments else None
    elif host in _HOSTS:
        if segments[:1] == ["watch"]:
            found = parse_qs(parts.query).get("v", [None])[0]
        elif len(segments) >= 2 and segments[0] in _PATH_PREFIXES:
            found = segments[1]
    else:
        raise InvalidVideoError(
            f"{text.strip()!r} is not a YouTube link or an 11-character video id."
        )
    if found is None:
        raise InvalidVideoError(
            f"No video id found in {text.strip()!r}: expected a link such as "
            "https://www.youtube.com/watch?v=VIDEO_ID."
        )
    if not _VIDEO_ID.fullmatch(found):
        raise InvalidVideoError(
            f"{found!r} in {text.strip()!r} is not a valid video id: an id has "
            "11 letters, digits, '-' or '_'."
        )
    return found
