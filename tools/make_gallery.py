"""Render one screenshot of the chat window per API event type into docs/gallery/.

Run it on a real display or under Xvfb, for example:

    Xvfb :99 -screen 0 1280x1024x24 &
    DISPLAY=:99 .venv/bin/python tools/make_gallery.py

Each picture shows the real `ChatWindow` with a few ordinary messages around
the event, so its look can be compared with its neighbours. The Markdown
index `docs/gallery.md` lists them.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from livechat_desktop.ui.window import ChatWindow
from livechat_desktop.youtube.models import ChatEvent, PollChoice

OUTPUT_DIR = Path(__file__).resolve().parent.parent / "docs" / "gallery"
INDEX_PATH = OUTPUT_DIR.parent / "gallery.md"
WIDTH_PX = 380
START = datetime(2026, 12, 4, 19, 30, tzinfo=UTC)

_counter = 0  # Makes each gallery event id unique.


def _event(kind: str, name: str = "", **fields: Any) -> ChatEvent:
    global _counter
    _counter += 1
    values: dict[str, Any] = {
        "author_channel_id": f"UC{name or 'system'}",
        "author_name": name,
        "text": fields.pop("text", ""),
    }
    values.update(fields)
    return ChatEvent(
        id=f"gallery-{_counter}",
        type=kind,
        published_at=START + timedelta(seconds=_counter),
        **values,
    )


def _text(name: str, text: str, **fields: Any) -> ChatEvent:
    return _event("textMessageEvent", name, text=text, display_message=text, **fields)


def _examples() -> list[tuple[str, str, list[ChatEvent]]]:
    """Return (type, caption, rows) for every `snippet.type` value."""
    target = _text("Rowan", "this message gets deleted")
    retracted = _text("Mika", "oops, wrong chat")
    spam = _text("spam_bot", "FREE SUBS click here")
    poll = _event(
        "pollEvent",
        "Nightjar Radio",
        author_roles=("owner",),
        poll_question="Which track next?",
        poll_status="active",
        poll_choices=(PollChoice("Synthwave", 12), PollChoice("Lo-fi", 30)),
    )
    return [
        (
            "textMessageEvent",
            "Roles: owner chip, moderator wrench, member star, verified check; "
            "RTL, CJK, emoji, HTML typed as text, a 200-character word",
            [
                _text("Nightjar Radio", "welcome in!", author_roles=("owner",)),
                _text("ModBot", "keep it friendly", author_roles=("moderator",)),
                _text("tobias_k", "first stream in ages", author_roles=("member",)),
                _text("Studio Lumen", "great mix", author_roles=("verified",)),
                _text(
                    "\u05e0\u05d5\u05e2\u05d4",
                    "\u05e9\u05dc\u05d5\u05dd \u05dc\u05db\u05d5\u05dc\u05dd",
                ),
                _text(
                    "\u5c71\u7530\u30bf\u30ed\u30a6",
                    "\u3053\u3093\u3070\u3093\u306f \U0001f44b\U0001f3fd"
                    " \U0001f1ef\U0001f1f5",
                ),
                _text("Copper Kettle", "<b>bold?</b> <script>alert(1)</script>"),
                _text("Long Word", "N" + "o" * 199),
            ],
        ),
        (
            "superChatEvent",
            "Super Chats in tiers 1 to 7; the last has no comment",
            [
                _event(
                    "superChatEvent",
                    f"Fan {tier}",
                    tier=tier,
                    amount_display=amount,
                    text=comment,
                )
                for tier, amount, comment in [
                    (1, "$1.00", "small but mighty"),
                    (2, "CA$2.00", "for the snacks"),
                    (3, "\u20ac5.00", "love this"),
                    (4, "\u00a51,000", "\u304a\u75b2\u308c\u69d8"),
                    (5, "\u00a320.00", "keep going"),
                    (6, "$50.00", "incredible"),
                    (7, "$100.00", ""),
                ]
            ],
        ),
        (
            "superStickerEvent",
            "A Super Sticker shows its alt text; the API sends no image",
            [
                _event(
                    "superStickerEvent",
                    "Dana",
                    tier=3,
                    amount_display="$4.99",
                    sticker_alt_text="A cat waving hello",
                )
            ],
        ),
        (
            "fanFundingEvent",
            "The deprecated fan funding event, shown like a Super Chat",
            [
                _event(
                    "fanFundingEvent",
                    "Old Friend",
                    tier=1,
                    amount_display="$2.00",
                    text="from the archives",
                )
            ],
        ),
        (
            "newSponsorEvent",
            "A new member and an upgrade",
            [
                _event("newSponsorEvent", "tobias_k", member_level="Night Owls"),
                _event(
                    "newSponsorEvent", "Priya S", member_level="Owls+", is_upgrade=True
                ),
            ],
        ),
        (
            "memberMilestoneChatEvent",
            "Milestones with and without a comment",
            [
                _event(
                    "memberMilestoneChatEvent",
                    "Gus",
                    member_months=12,
                    member_level="Night Owls",
                    text="a whole year!",
                ),
                _event("memberMilestoneChatEvent", "Ines", member_months=3),
            ],
        ),
        (
            "membershipGiftingEvent",
            "Gifted memberships",
            [
                _event(
                    "membershipGiftingEvent",
                    "Orbit Labs",
                    gift_count=5,
                    member_level="Night Owls",
                )
            ],
        ),
        (
            "giftMembershipReceivedEvent",
            "A viewer who received a gifted membership",
            [_event("giftMembershipReceivedEvent", "Lukasz", member_level="Owls")],
        ),
        (
            "messageDeletedEvent",
            "A moderator deleted the message between these two; it is gone",
            [
                _text("Sam", "before the deleted message"),
                target,
                _event("messageDeletedEvent", deleted_message_id=target.id),
                _text("Sam", "after the deleted message"),
            ],
        ),
        (
            "messageRetractedEvent",
            "An author retracted their message; it is gone",
            [
                _text("Sam", "before the retracted message"),
                retracted,
                _event("messageRetractedEvent", deleted_message_id=retracted.id),
            ],
        ),
        (
            "userBannedEvent",
            "A ban hides the banned viewer's earlier messages",
            [
                spam,
                _text("Sam", "please ban that bot"),
                _event(
                    "userBannedEvent",
                    "ModBot",
                    banned_channel_id=spam.author_channel_id,
                    banned_name="spam_bot",
                    ban_type="permanent",
                ),
                _event(
                    "userBannedEvent",
                    "ModBot",
                    banned_channel_id="UCloud",
                    banned_name="loud_larry",
                    ban_type="temporary",
                    ban_duration_s=300,
                ),
            ],
        ),
        (
            "pollEvent",
            "A poll card, updated in place when its tallies change",
            [
                poll,
                poll._replace(
                    poll_choices=(PollChoice("Synthwave", 14), PollChoice("Lo-fi", 41)),
                    poll_status="closed",
                ),
            ],
        ),
        (
            "chatEndedEvent",
            "The stream ended",
            [_text("Sam", "thanks for the stream!"), _event("chatEndedEvent")],
        ),
        (
            "sponsorOnlyModeStartedEvent",
            "Members-only mode turned on",
            [_event("sponsorOnlyModeStartedEvent")],
        ),
        (
            "sponsorOnlyModeEndedEvent",
            "Members-only mode turned off",
            [_event("sponsorOnlyModeEndedEvent")],
        ),
        (
            "tombstone",
            "A tombstone with no text is skipped; this one has a displayMessage",
            [
                _event("tombstone", "Sam", display_message="This message was removed"),
                _event("tombstone", "Sam"),
            ],
        ),
        (
            "invalidType",
            "Shown from its displayMessage, if any",
            [_event("invalidType", "Sam", display_message="(unsupported event)")],
        ),
        (
            "giftEvent",
            "A virtual gift, shown from its displayMessage",
            [_event("giftEvent", "Dana", display_message="sent a Jewel gift x3")],
        ),
    ]


def render(app: QApplication) -> list[tuple[str, str, str]]:
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    written: list[tuple[str, str, str]] = []
    for kind, caption, rows in _examples():
        window = ChatWindow(api_key="gallery", api_base_url="http://127.0.0.1:9")
        window.delegate.show_timestamps = kind == "textMessageEvent"
        window.model.add_events(rows)
        window.status_label.setText(kind)
        window.resize(WIDTH_PX, 200)
        window.show()
        app.processEvents()
        content_px = sum(
            window.view.sizeHintForRow(row) for row in range(window.model.rowCount())
        )
        window.resize(WIDTH_PX, content_px + 90)
        for _ in range(5):
            app.processEvents()
        file_name = f"{kind}.png"
        window.grab().save(str(OUTPUT_DIR / file_name))
        written.append((kind, caption, file_name))
        window.close()
    return written


def write_index(pictures: list[tuple[str, str, str]]) -> None:
    lines = [
        "# Every chat event type",
        "",
        "Screenshots of the chat window, one per `snippet.type` value of the",
        "YouTube Data API, made by `tools/make_gallery.py` under Xvfb.",
        "",
    ]
    for kind, caption, file_name in pictures:
        lines += [
            f"## `{kind}`",
            "",
            caption + ".",
            "",
            f"![{kind}](gallery/{file_name})",
            "",
        ]
    INDEX_PATH.write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    app = QApplication(sys.argv[:1])
    pictures = render(app)
    write_index(pictures)
    print(f"Wrote {len(pictures)} pictures to {OUTPUT_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
