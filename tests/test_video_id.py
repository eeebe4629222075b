"""Video ids from every common form of YouTube link."""

from __future__ import annotations

import pytest

from livechat_desktop.video_id import InvalidVideoError, parse_video_id

VIDEO = "dQw4w9WgXcQ"


@pytest.mark.parametrize(
    "text",
    [
        VIDEO,
        f"  {VIDEO}\n",
        f"https://www.youtube.com/watch?v={VIDEO}",
        f"https://www.youtube.com/watch?v={VIDEO}&t=42s",
        f"https://www.youtube.com/watch?feature=share&v={VIDEO}",
        f"http://youtube.com/watch?v={VIDEO}",
        f"www.youtube.com/watch?v={VIDEO}",
        f"youtube.com/watch?v={VIDEO}",
        f"https://m.youtube.com/watch?v={VIDEO}",
        f"https://music.youtube.com/watch?v={VIDEO}&list=RDAMVM",
        f"https://youtu.be/{VIDEO}",
        f"https://youtu.be/{VIDEO}?si=abc&t=10",
        f"youtu.be/{VIDEO}",
        f"https://www.youtube.com/live/{VIDEO}?feature=share",
        f"https://www.youtube.com/shorts/{VIDEO}",
        f"https://www.youtube.com/embed/{VIDEO}?autoplay=1",
        f"https://www.youtube-nocookie.com/embed/{VIDEO}",
        f"HTTPS://WWW.YOUTUBE.COM/watch?v={VIDEO}",
    ],
)
def test_parse_video_id_accepts_link_forms(text: str) -> None:
    assert parse_video_id(text) == VIDEO


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "No video given"),
        ("   ", "No video given"),
        ("dQw4w9WgXc", "not a YouTube link"),
        ("dQw4w9WgXcQQ", "not a YouTube link"),
        ("https://vimeo.com/12345", "not a YouTube link"),
        ("https://www.youtube.com/watch?v=abc", "not a valid video id"),
        ("https://www.youtube.com/watch?v=dQw4w9WgXc!", "not a valid video id"),
        ("https://www.youtube.com/watch", "No video id found"),
        ("https://www.youtube.com/@channel", "No video id found"),
        ("https://youtu.be/", "No video id found"),
    ],
)
def test_parse_video_id_rejects_with_reason(text: str, message: str) -> None:
    with pytest.raises(InvalidVideoError, match=message):
        parse_video_id(text)
