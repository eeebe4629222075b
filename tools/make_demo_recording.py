"""Generate the demo recording that the replay server plays in demo mode.

Run from the repository root:

    .venv/bin/python tools/make_demo_recording.py [--output PATH]

The output, `resources/demo/recording.jsonl` by default, has one JSON object
per line: `{"received_at": ..., "path": ..., "body": ...}`. The first line is
a `videos.list` body for the video `demoVideo01`, and the rest are about 85
seconds of `liveChatMessages.list` pages, 1.0 to 2.5 s apart, with about
five messages a second. A seeded `random.Random` makes the output identical
on every run, so the committed file can be compared with a fresh one.

The bodies follow the YouTube Data API v3 schema and the shapes of captured
responses: `LCC.` message ids in the long and the short style, `publishedAt`
with no fraction or three to six fractional digits and `Z` or `+00:00`, and
amounts in micros as strings. All 18 `snippet.type` values appear. Names,
message texts and the `displayMessage` wording of the non-text event types
are invented, because no capture of those types is public. Avatar URLs start
with `{{replay_base}}`, which the replay server replaces with its address.
The script uses only the standard library.
"""

# The demo texts use look-alike letters (mathematical, fullwidth) on purpose.
# ruff: noqa: RUF001

from __future__ import annotations

import argparse
import base64
import copy
import itertools
import json
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

SEED = 20260117
VIDEO_ID = "demoVideo01"
VIDEOS_PATH = "/youtube/v3/videos"
MESSAGES_PATH = "/youtube/v3/liveChat/messages"
DEFAULT_OUTPUT = (
    Path(__file__).resolve().parents[1] / "resources" / "demo" / "recording.jsonl"
)

MESSAGES_PER_S = 5.0
MIN_SPAN_S = 85.0
PAGE_GAP_RANGE_S = (1.0, 2.5)
# The first page also carries the messages of this many seconds before it.
FIRST_PAGE_BACKLOG_S = 2.0
# A message reaches the API's list this long after its publishedAt.
DELIVERY_LATENCY_S = 0.25

STREAM_SCHEDULED_START = "2026-01-17T18:00:00Z"
STREAM_ACTUAL_START = "2026-01-17T18:02:11Z"
RECORDING_START = datetime(2026, 1, 17, 19, 14, 5, 120000, tzinfo=UTC)
CONCURRENT_VIEWERS = "1432"

REPLAY_BASE = "{{replay_base}}"
AVATAR_OPTIONS = "=s88-c-k-c0x00ffffff-no-rj"
URL_SAFE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

MEMBER_LEVEL = "Night Owls"
UPGRADE_LEVEL = "Lamplighters"

# (display name, role). Roles: owner, moderator, member_moderator, verified,
# member, viewer, spammer. Spammers only post the messages that get deleted.
AUTHORS: tuple[tuple[str, str], ...] = (
    ("Northwind Workshop", "owner"),
    ("hollis.reed", "moderator"),
    ("Marta Okonkwo", "moderator"),
    ("ModBot Juniper", "moderator"),
    ("Inês Carvalho", "member_moderator"),
    ("Orbit Labs", "verified"),
    ("Pixelforge Studio", "verified"),
    ("Marigold Fenwick", "member"),
    ("tobias_k", "member"),
    ("𝐁𝐫𝐢𝐠𝐡𝐭 𝐒𝐩𝐚𝐫𝐤", "member"),
    ("さくらもち", "member"),
    ("하늘고래", "member"),
    ("Zoë Ångström", "member"),
    ("Copper Kettle 🫖", "member"),
    ("Nightjar Radio ", "member"),
    ("@lanternfish", "member"),
    ("Оля Смирнова", "member"),
    ("Sam  ", "viewer"),
    ("𝔐𝔬𝔬𝔫𝔴𝔞𝔩𝔨𝔢𝔯", "viewer"),
    ("𝓟𝓪𝓹𝓮𝓻 𝓚𝓲𝓽𝓮", "viewer"),
    ("𝟙𝟚𝟛 𝕕𝕠𝕦𝕓𝕝𝕖", "viewer"),
    ("山田タロウ", "viewer"),
    ("ゆきだるま⛄", "viewer"),
    ("김하늘", "viewer"),
    ("ليلى الحسيني", "viewer"),
    ("سامر", "viewer"),
    ("נועה ברק", "viewer"),
    ("דני", "viewer"),
    ("Łukasz W.", "viewer"),
    ("Nguyễn Thảo", "viewer"),
    ("ช้างน้อย", "viewer"),
    ("Δημήτρης", "viewer"),
    ("老王", "viewer"),
    ("DJ 👩🏾‍🎤 Vee", "viewer"),
    ("🇧🇷 Rafa", "viewer"),
    ("Bartholomew Quincy Featherstonehaugh-Delacroix the Third", "viewer"),
    ("x", "viewer"),
    ("quiet_otter", "viewer"),
    ("BeanCounter42", "viewer"),
    ("Rowan Achebe", "viewer"),
    ("Priya S", "viewer"),
    ("mx. fern", "viewer"),
    ("Kofi Mensah", "viewer"),
    ("Tilde~", "viewer"),
    ("the_real_eggplant", "viewer"),
    ("Hannah Lindqvist", "viewer"),
    ("R2 Builder", "viewer"),
    ("Wren", "viewer"),
    ("Gus & Ollie", "viewer"),
    ("glitch.exe", "viewer"),
    ("Pip Ahoy ", "viewer"),
    ("emi 🌸", "viewer"),
    ("captain_lowercase", "viewer"),
    ("Fatima Z.", "viewer"),
    ("ＦＵＬＬ ＷＩＤＴＨ", "viewer"),
    ("𝗙𝗥𝗘𝗘 𝗦𝗨𝗕𝗦", "spammer"),
    ("ＣＨＥＡＰ ＶＩＥＷＳ", "spammer"),
    ("g1ft_card_b0t", "spammer"),
)
# Indexes into AUTHORS whose avatar the replay server sends after a delay.
# Every eighth author from index 3 gets a missing or a broken avatar instead.
SLOW_AVATAR_INDEXES = frozenset({6, 22, 41})

# Texts that exercise rendering. Each is sent once early in the recording.
EDGE_CASE_TEXTS: tuple[str, ...] = (
    "\u200bhey everyone, just got here",
    "is <b>html</b> bold here? <i>hope not</i> &amp; <script>alert(1)</script>",
    "N" + "o" * 199 + " way it worked first try",
    ":raised-hands-yellow::fire-orange: that boot sequence :sparkle-blue:",
    "👋🏻👋🏼👋🏽👋🏾👋🏿 hello from all of us",
    "greetings from 🇯🇵 🇰🇷 🇧🇷 🇳🇬 🇨🇦 🇮🇸",
    "👩🏽‍💻👨🏿‍🔬🧑🏼‍🔧 engineers in the house",
    "こんばんは！今日の配信も楽しみにしてました",
    "와 이 부분 진짜 멋있다 ㅋㅋㅋ",
    "مساء الخير من عمّان",
    "in Arabic thanks is شكرا جزيلا and in Hebrew it is תודה רבה",
    "ערב טוב מחיפה",
    "𝐭𝐡𝐢𝐬 𝐢𝐬 𝐭𝐡𝐞 𝐛𝐞𝐬𝐭 𝐩𝐚𝐫𝐭",
    "Z̷a̴l̶g̵o̸ says the firmware is cursed",
    "I have been watching since the very first soldering stream and honestly "
    "the progress on these builds is incredible, the cable routing, the case, "
    "the labels, all of it. Keep going!",
    "🎉🎉🎉",
    "主播晚上好，这个电路板太漂亮了",
    "Привет из Казани",
    "สวัสดีครับ ดูจากเชียงใหม่",
    'he really said "ship it" and shipped it',
    "the log path is C:\\Users\\demo\\build\\out.txt",
    "tab\tand  double  spaces  stay",
)

CHAT_TEXTS: tuple[str, ...] = (
    "hi chat!",
    "good evening everyone",
    "that solder joint is so clean",
    "what flux are you using?",
    "first time catching this live",
    "lol",
    "LOL",
    "same",
    "this is so satisfying to watch",
    "how long did the enclosure take to print?",
    "can you show the schematic again?",
    "👍",
    "nice",
    "W",
    "the audio is a bit quiet tonight",
    "sound is fine for me",
    "back from dinner, what did I miss?",
    "is this the same board as last week?",
    "chat is fast today",
    "hello from the night shift",
    "the cat cameo 😂",
    "brb coffee",
    "that was a close one",
    "did it just boot??",
    "it works!!",
    "GG",
    "I'd add a fuse there",
    "ooh the blue LEDs",
    "what gauge is that wire?",
    "10/10 cable management",
    "my multimeter could never",
    "is the code online somewhere?",
    "the timelapse earlier was great",
    "the new mic sounds great",
    "saving this for later",
    "👀",
    "🔥🔥",
    "❤️",
    "hype",
    "love the workbench setup",
    "what's the part number on that chip?",
    "rip the first prototype",
    "can we get a close-up?",
    "chat, what are we naming the robot?",
    "Bolt",
    "Sir Beeps-a-Lot",
    "Gizmo",
    "so relaxing",
    "watching from my phone on the bus",
    "it's 3am here and I regret nothing",
    "mods are doing great work today",
    "the purple PCB is gorgeous",
    "purple board gang",
    "more resistors!",
    "is that a 3D printed case?",
    "こんばんは〜",
    "ㅋㅋㅋㅋㅋ",
    "jajaja",
    "kkkkkk",
    "mdr",
    "Привет всем",
    "سلام",
    "שלום לכולם",
    "Hallo aus Graz",
    "¡Hola desde Lima!",
    "Ciao a tutti",
    "Olá do Porto",
    "greetings from Tromsø ❄️",
)
OWNER_TEXTS: tuple[str, ...] = (
    "thanks for hanging out, everyone!",
    "welcome in, new folks",
    "that was the plan all along 😅",
    "next up: the power supply",
    "thank you so much for the support!",
)
MODERATOR_TEXTS: tuple[str, ...] = (
    "please keep it friendly, folks",
    "no links in chat please",
    "reminder: be kind to each other",
    "the build schedule is in the description",
)

# (tier, currency, amountMicros, amountDisplayString, userComment or None)
SUPER_CHATS: tuple[tuple[int, str, str, str, str | None], ...] = (
    (1, "USD", "1000000", "$1.00", "small but mighty"),
    (2, "EUR", "2000000", "€2.00", "for the parts fund!"),
    (2, "INR", "199000000", "₹199.00", "greetings from Pune!"),
    (3, "JPY", "1000000000", "¥1,000", "こんばんは！いつも楽しく見てます"),
    (3, "USD", "5000000", "$5.00", None),
    (4, "GBP", "10000000", "£10.00", "buy yourself a better iron 😄"),
    (5, "KRW", "30000000000", "₩30,000", "이 채널 최고예요"),
    (5, "AUD", "50000000", "A$50.00", "from the whole office crew 🦘"),
    (6, "BRL", "300000000", "R$300.00", "valeu demais pelas aulas!"),
    (7, "USD", "100000000", "$100.00", "happy third anniversary to the channel 🎉🎉"),
)
# (tier, currency, amountMicros, amountDisplayString, stickerId, altText)
SUPER_STICKERS: tuple[tuple[int, str, str, str, str, str], ...] = (
    (2, "USD", "2000000", "$2.00", "northwind_cat_wave", "Cartoon cat waving a paw"),
    (2, "JPY", "500000000", "¥500", "rice_ball_bounce", "Smiling rice ball bouncing"),
)
SPAM_TEXTS: dict[str, str] = {
    "earlier": "𝗙𝗥𝗘𝗘 gift cards at bit dot ly slash totally-real",
    "same_page": "ＣＨＥＡＰ ＶＩＥＷＳ ＆ ＳＵＢＳ → check my channel",
    "before_target": "you won a prize!!! send me a message to claim",
}
POLL_QUESTION = "What should the next build be?"
POLL_OPTIONS = ("A desk lamp", "A tiny synth", "A weather station", "Surprise us")
POLL_TALLIES = {
    "post": ("0", "0", "0", "0"),
    "update": ("37", "52", "11", "19"),
    "close": ("64", "98", "23", "31"),
}

# Page index -> the special events of that page, in order. Every other item
# is a text message. The last page also ends with a chatEndedEvent.
PAGE_PLAN: dict[int, tuple[str, ...]] = {
    0: ("super_chat:0",),
    1: ("new_member",),
    2: ("super_chat:1",),
    3: ("text_without_author",),
    4: ("super_sticker:0", "milestone_with_comment"),
    5: ("spam:earlier",),
    6: ("super_chat:4",),
    7: ("gift", "retract_target"),
    8: ("delete:earlier",),
    9: ("retract", "super_chat:3"),
    10: ("poll:post",),
    11: ("super_chat:5",),
    12: ("membership_gifting", "gift_received:0", "gift_received:1"),
    13: ("gift_received:2",),
    14: ("spam:same_page", "delete:same_page"),
    15: ("upgraded_member",),
    16: ("ban:temporary",),
    17: ("super_chat:6",),
    18: ("tombstone",),
    19: ("poll:update", "super_sticker:1"),
    20: ("delete:before_target",),
    21: ("spam:before_target", "super_chat:2"),
    22: ("fan_funding",),
    23: ("members_only:start",),
    24: ("super_chat:8",),
    25: ("milestone_without_comment",),
    26: ("members_only:end",),
    27: ("invalid_type",),
    28: ("poll:close",),
    29: ("gift_combo",),
    30: ("malformed",),
    31: ("super_chat:7",),
    32: ("ban:permanent",),
    33: ("new_member_without_level",),
    35: ("text_without_author",),
    36: ("super_chat:9",),
}
OUT_OF_ORDER_PAGE = 3


@dataclass(frozen=True)
class Persona:
    """A chat author with the fields that `authorDetails` reports."""

    index: int
    display_name: str
    role: str
    channel_id: str
    avatar_name: str

    @property
    def profile_image_url(self) -> str:
        return f"{REPLAY_BASE}/avatars/{self.avatar_name}{AVATAR_OPTIONS}"

    @property
    def channel_url(self) -> str:
        return f"http://www.youtube.com/channel/{self.channel_id}"

    @property
    def is_member(self) -> bool:
        return self.role in {"owner", "member", "member_moderator"}

    def author_details(self) -> dict[str, Any]:
        return {
            "channelId": self.channel_id,
            "channelUrl": self.channel_url,
            "displayName": self.display_name,
            "profileImageUrl": self.profile_image_url,
            "isVerified": self.role == "verified",
            "isChatOwner": self.role == "owner",
            "isChatSponsor": self.role in {"member", "member_moderator"},
            "isChatModerator": self.role in {"moderator", "member_moderator"},
        }

    def profile_details(self) -> dict[str, Any]:
        return {
            "channelId": self.channel_id,
            "channelUrl": self.channel_url,
            "displayName": self.display_name,
            "profileImageUrl": self.profile_image_url,
        }


def _length_delimited(field_number: int, payload: bytes) -> bytes:
    """Encode one protobuf length-delimited field with a payload under 128 bytes."""
    return bytes((field_number << 3 | 2, len(payload))) + payload


def _varint_field(field_number: int, value: int) -> bytes:
    encoded = bytearray((field_number << 3,))
    while True:
        low_bits = value & 0x7F
        value >>= 7
        if value:
            encoded.append(low_bits | 0x80)
        else:
            encoded.append(low_bits)
            return bytes(encoded)


def _base64_url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _epoch_us(moment: datetime) -> int:
    return (moment - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(microseconds=1)


def format_received_at(moment: datetime) -> str:
    text = moment.astimezone(UTC).isoformat(timespec="milliseconds")
    return text.replace("+00:00", "Z")


@dataclass
class DemoChat:
    """Builds the items and pages of the demo chat from one seeded generator."""

    rng: random.Random
    owner_channel_id: str = ""
    live_chat_id: str = ""
    personas: list[Persona] = field(default_factory=list)
    banned: set[str] = field(default_factory=set)
    # Message ids that a later or an earlier item refers to, by purpose.
    reserved_ids: dict[str, str] = field(default_factory=dict)
    authors_by_purpose: dict[str, Persona] = field(default_factory=dict)
    poll_item: dict[str, Any] | None = None
    poll_active: bool = False
    members_only: bool = False
    text_count: int = 0
    not_yet_spoken: list[Persona] = field(default_factory=list)
    edge_case_texts: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.personas = [
            Persona(
                index=index,
                display_name=name,
                role=role,
                channel_id=self._channel_id(),
                avatar_name=_avatar_name(index),
            )
            for index, (name, role) in enumerate(AUTHORS)
        ]
        self.owner_channel_id = self.personas[0].channel_id
        chat_key = _length_delimited(1, _length_delimited(1, VIDEO_ID.encode()))
        chat_key += _length_delimited(
            5,
            _length_delimited(1, self.owner_channel_id.encode())
            + _length_delimited(2, VIDEO_ID.encode()),
        )
        self._chat_key = chat_key
        self.live_chat_id = _base64_url(chat_key)
        self.not_yet_spoken = [p for p in self.personas if p.role != "spammer"]
        self.rng.shuffle(self.not_yet_spoken)
        self.edge_case_texts = list(EDGE_CASE_TEXTS)

    # Identifiers -------------------------------------------------------

    def _random_text(self, length: int) -> str:
        return "".join(self.rng.choice(URL_SAFE_ALPHABET) for _ in range(length))

    def _channel_id(self) -> str:
        return "UC" + self._random_text(22)

    def etag(self) -> str:
        return self._random_text(27)

    def message_id(self) -> str:
        """Return a new id in the short style, or one time in five the long style."""
        first = "C" + self._random_text(25)
        if self.rng.random() < 0.8:
            return "LCC." + _base64_url(
                _length_delimited(2, _length_delimited(1, first.encode()))
            )
        second = "C" + self._random_text(25) + str(self.rng.randint(0, 99))
        inner = _length_delimited(1, first.encode()) + _length_delimited(
            2, second.encode()
        )
        return "LCC." + _base64_url(
            _length_delimited(1, self._chat_key) + _length_delimited(2, inner)
        )

    def reserved_id(self, purpose: str) -> str:
        if purpose not in self.reserved_ids:
            self.reserved_ids[purpose] = self.message_id()
        return self.reserved_ids[purpose]

    def published_at(self, moment: datetime) -> str:
        """Format a time in one of the styles the API has been seen to send."""
        digits = self.rng.choice((0, 3, 4, 5, 6, 6, 6))
        suffix = self.rng.choice(("Z", "+00:00"))
        text = moment.strftime("%Y-%m-%dT%H:%M:%S")
        if digits:
            text += "." + f"{moment.microsecond:06d}"[:digits]
        return text + suffix

    # Authors -----------------------------------------------------------

    def persona(self, role: str, position: int = 0) -> Persona:
        matches = [p for p in self.personas if p.role == role]
        return matches[position % len(matches)]

    def random_author(self, *, paying: bool = False) -> Persona:
        """Pick an author allowed to post. Each posts once before anyone repeats."""
        allowed = [
            p
            for p in self.personas
            if p.role != "spammer"
            and p.channel_id not in self.banned
            and (p.is_member or p.role.endswith("moderator") or not self.members_only)
            and not (paying and p.role == "owner")
        ]
        for candidate in list(self.not_yet_spoken):
            if candidate in allowed:
                self.not_yet_spoken.remove(candidate)
                return candidate
        weights = [
            {"owner": 0.6, "member": 1.6, "member_moderator": 1.4}.get(p.role, 1.0)
            for p in allowed
        ]
        return self.rng.choices(allowed, weights=weights)[0]

    # Items -------------------------------------------------------------

    def item(
        self,
        event_type: str,
        published: datetime,
        author: Persona | None,
        *,
        display: str | None = None,
        details: tuple[str, dict[str, Any]] | None = None,
        with_author_details: bool = True,
        message_id: str | None = None,
    ) -> dict[str, Any]:
        snippet: dict[str, Any] = {"type": event_type, "liveChatId": self.live_chat_id}
        if author is not None:
            snippet["authorChannelId"] = author.channel_id
        snippet["publishedAt"] = self.published_at(published)
        snippet["hasDisplayContent"] = bool(display)
        if display is not None:
            snippet["displayMessage"] = display
        if details is not None:
            snippet[details[0]] = details[1]
        item: dict[str, Any] = {
            "kind": "youtube#liveChatMessage",
            "etag": self.etag(),
            "id": message_id or self.message_id(),
            "snippet": snippet,
        }
        if author is not None and with_author_details:
            item["authorDetails"] = author.author_details()
        return item

    def text(
        self,
        published: datetime,
        author: Persona | None = None,
        text: str | None = None,
        *,
        message_id: str | None = None,
        with_author_details: bool = True,
    ) -> dict[str, Any]:
        author = author or self.random_author()
        text = text or self._next_text(author)
        return self.item(
            "textMessageEvent",
            published,
            author,
            display=text,
            details=("textMessageDetails", {"messageText": text}),
            message_id=message_id,
            with_author_details=with_author_details,
        )

    def _next_text(self, author: Persona) -> str:
        self.text_count += 1
        if self.edge_case_texts and self.text_count % 4 == 0:
            return self.edge_case_texts.pop(0)
        if author.role == "owner" and self.rng.random() < 0.6:
            return self.rng.choice(OWNER_TEXTS)
        if author.role.endswith("moderator") and self.rng.random() < 0.4:
            return self.rng.choice(MODERATOR_TEXTS)
        if self.rng.random() < 0.05:
            other = self.rng.choice(self.personas[1:-3])
            return f"hey {other.display_name.strip()}!"
        if self.rng.random() < 0.03:
            return f"{self.rng.randint(2, 70)} minutes in and already learned something"
        return self.rng.choice(CHAT_TEXTS)


def _avatar_name(index: int) -> str:
    key = f"u{index:03d}"
    if index % 8 == 3:
        return ("missing-" if (index // 8) % 2 == 0 else "broken-") + key
    if index in SLOW_AVATAR_INDEXES:
        return "slow-" + key
    return key


# Special events ----------------------------------------------------------

SpecialBuilder = Callable[[DemoChat, datetime, str], dict[str, Any]]


def _super_chat(chat: DemoChat, published: datetime, argument: str) -> dict[str, Any]:
    tier, currency, micros, amount, comment = SUPER_CHATS[int(argument)]
    author = chat.random_author(paying=True)
    name = author.display_name
    details: dict[str, Any] = {
        "amountMicros": micros,
        "currency": currency,
        "amountDisplayString": amount,
    }
    display = f"{amount} from {name}"
    if comment is not None:
        details["userComment"] = comment
        display += f': "{comment}"'
    details["tier"] = tier
    return chat.item(
        "superChatEvent",
        published,
        author,
        display=display,
        details=("superChatDetails", details),
    )


def _super_sticker(
    chat: DemoChat, published: datetime, argument: str
) -> dict[str, Any]:
    tier, currency, micros, amount, sticker_id, alt_text = SUPER_STICKERS[int(argument)]
    author = chat.random_author(paying=True)
    details = {
        "superStickerMetadata": {
            "stickerId": sticker_id,
            "altText": alt_text,
            "altTextLanguage": "en",
        },
        "amountMicros": micros,
        "currency": currency,
        "amountDisplayString": amount,
        "tier": tier,
    }
    display = f"Super Sticker {amount} from {author.display_name}: {alt_text}"
    return chat.item(
        "superStickerEvent",
        published,
        author,
        display=display,
        details=("superStickerDetails", details),
    )


def _new_member(chat: DemoChat, published: datetime, argument: str) -> dict[str, Any]:
    upgrade = argument == "upgrade"
    author = chat.persona("member", position=3 if upgrade else 1)
    details: dict[str, Any] = {"isUpgrade": upgrade}
    if argument == "without_level":
        display = "Welcome to the channel membership!"
        author = chat.persona("viewer", position=20)
    else:
        level = UPGRADE_LEVEL if upgrade else MEMBER_LEVEL
        details = {"memberLevelName": level, "isUpgrade": upgrade}
        verb = "Upgraded membership to" if upgrade else "Welcome to"
        display = f"{verb} {level}!"
    return chat.item(
        "newSponsorEvent",
        published,
        author,
        display=display,
        details=("newSponsorDetails", details),
    )


def _milestone(chat: DemoChat, published: datetime, argument: str) -> dict[str, Any]:
    with_comment = argument == "with_comment"
    author = chat.persona("member", position=0 if with_comment else 5)
    months = 12 if with_comment else 3
    details: dict[str, Any] = {"memberLevelName": MEMBER_LEVEL, "memberMonth": months}
    display = f"Member for {months} months"
    if with_comment:
        comment = "a whole year of builds already, thank you!"
        details["userComment"] = comment
        display = comment
    return chat.item(
        "memberMilestoneChatEvent",
        published,
        author,
        display=display,
        details=("memberMilestoneChatDetails", details),
    )


def _membership_gifting(
    chat: DemoChat, published: datetime, argument: str
) -> dict[str, Any]:
    gifter = chat.persona("verified", position=0)
    chat.authors_by_purpose["gifter"] = gifter
    details = {"giftMembershipsCount": 3, "giftMembershipsLevelName": MEMBER_LEVEL}
    return chat.item(
        "membershipGiftingEvent",
        published,
        gifter,
        display=f"{gifter.display_name} gifted 3 {MEMBER_LEVEL} memberships",
        details=("membershipGiftingDetails", details),
        message_id=chat.reserved_id("membership_gifting"),
    )


def _gift_received(
    chat: DemoChat, published: datetime, argument: str
) -> dict[str, Any]:
    gifter = chat.authors_by_purpose["gifter"]
    recipient = chat.persona("viewer", position=4 + 7 * int(argument))
    details = {
        "memberLevelName": MEMBER_LEVEL,
        "gifterChannelId": gifter.channel_id,
        "associatedMembershipGiftingMessageId": chat.reserved_id("membership_gifting"),
    }
    display = (
        f"{recipient.display_name} received a gift membership by {gifter.display_name}"
    )
    return chat.item(
        "giftMembershipReceivedEvent",
        published,
        recipient,
        display=display,
        details=("giftMembershipReceivedDetails", details),
    )


def _spam(chat: DemoChat, published: datetime, argument: str) -> dict[str, Any]:
    spammer = chat.persona("spammer", position=list(SPAM_TEXTS).index(argument))
    chat.authors_by_purpose[f"spammer:{argument}"] = spammer
    return chat.text(
        published,
        spammer,
        SPAM_TEXTS[argument],
        message_id=chat.reserved_id(f"spam:{argument}"),
    )


def _delete(chat: DemoChat, published: datetime, argument: str) -> dict[str, Any]:
    moderator = (
        chat.persona("owner")
        if argument == "same_page"
        else chat.persona("moderator", position=1)
    )
    details = {"deletedMessageId": chat.reserved_id(f"spam:{argument}")}
    return chat.item(
        "messageDeletedEvent",
        published,
        moderator,
        display="This message was deleted.",
        details=("messageDeletedDetails", details),
        with_author_details=argument != "before_target",
    )


def _retract_target(
    chat: DemoChat, published: datetime, argument: str
) -> dict[str, Any]:
    author = chat.persona("viewer", position=9)
    return chat.text(
        published,
        author,
        "oops, wrong chat, ignore me",
        message_id=chat.reserved_id("retract_target"),
    )


def _retract(chat: DemoChat, published: datetime, argument: str) -> dict[str, Any]:
    author = chat.persona("viewer", position=9)
    details = {"retractedMessageId": chat.reserved_id("retract_target")}
    return chat.item(
        "messageRetractedEvent",
        published,
        author,
        display="This message was retracted.",
        details=("messageRetractedDetails", details),
    )


def _ban(chat: DemoChat, published: datetime, argument: str) -> dict[str, Any]:
    temporary = argument == "temporary"
    target = chat.authors_by_purpose[
        "spammer:same_page" if temporary else "spammer:earlier"
    ]
    moderator = chat.persona("member_moderator" if temporary else "moderator")
    chat.banned.add(target.channel_id)
    details: dict[str, Any] = {"bannedUserDetails": target.profile_details()}
    if temporary:
        details["banType"] = "temporary"
        details["banDurationSeconds"] = "300"
        display = f"{target.display_name} was put in timeout for 300 seconds"
    else:
        details["banType"] = "permanent"
        display = f"{target.display_name} was hidden from the live chat"
    return chat.item(
        "userBannedEvent",
        published,
        moderator,
        display=display,
        details=("userBannedDetails", details),
    )


def _poll(chat: DemoChat, published: datetime, argument: str) -> dict[str, Any]:
    options = [
        {"optionText": text, "tally": tally}
        for text, tally in zip(POLL_OPTIONS, POLL_TALLIES[argument], strict=True)
    ]
    details = {
        "metadata": {"questionText": POLL_QUESTION, "options": options},
        "status": "closed" if argument == "close" else "active",
    }
    if chat.poll_item is None:
        item = chat.item(
            "pollEvent",
            published,
            chat.persona("owner"),
            display=POLL_QUESTION,
            details=("pollDetails", details),
        )
    else:
        # An update is the same message, so it keeps its id and publishedAt.
        item = copy.deepcopy(chat.poll_item)
        item["etag"] = chat.etag()
        item["snippet"]["pollDetails"] = details
    chat.poll_item = item
    chat.poll_active = argument != "close"
    return item


def _members_only(chat: DemoChat, published: datetime, argument: str) -> dict[str, Any]:
    starting = argument == "start"
    chat.members_only = starting
    if starting:
        event_type = "sponsorOnlyModeStartedEvent"
        display = "Members-only mode is on. Only members of this channel can chat."
    else:
        event_type = "sponsorOnlyModeEndedEvent"
        display = "Members-only mode is off. Everyone can chat."
    return chat.item(event_type, published, None, display=display)


def _fan_funding(chat: DemoChat, published: datetime, argument: str) -> dict[str, Any]:
    author = chat.random_author(paying=True)
    comment = "an old-style tip for the old-style radio build"
    details = {
        "amountMicros": "3000000",
        "currency": "USD",
        "amountDisplayString": "$3.00",
        "userComment": comment,
    }
    return chat.item(
        "fanFundingEvent",
        published,
        author,
        display=f'$3.00 from {author.display_name}: "{comment}"',
        details=("fanFundingEventDetails", details),
    )


def _gift(chat: DemoChat, published: datetime, argument: str) -> dict[str, Any]:
    author = chat.random_author(paying=True)
    combo = 3 if argument == "combo" else 1
    details = {
        "giftName": "Rocket",
        "altText": "A small rocket that flies across the chat",
        "comboCount": combo,
        "jewelsAmount": 50 * combo,
        "giftDuration": "5s",
        "giftUrl": f"{REPLAY_BASE}/avatars/gift-rocket=s88",
        "hasVisualEffect": True,
        "language": "en",
    }
    return chat.item(
        "giftEvent",
        published,
        author,
        display=f"{author.display_name} sent Rocket x{combo}",
        details=("giftDetails", details),
    )


def _silent(chat: DemoChat, published: datetime, argument: str) -> dict[str, Any]:
    """Build a tombstone, invalidType or chatEndedEvent item, which show nothing."""
    return chat.item(argument, published, None)


def _text_without_author(
    chat: DemoChat, published: datetime, argument: str
) -> dict[str, Any]:
    return chat.text(published, with_author_details=False)


def _malformed(chat: DemoChat, published: datetime, argument: str) -> dict[str, Any]:
    """Build an item without its required `snippet`, which readers must skip."""
    author = chat.random_author()
    return {
        "kind": "youtube#liveChatMessage",
        "etag": chat.etag(),
        "id": chat.message_id(),
        "authorDetails": author.author_details(),
    }


SPECIAL_BUILDERS: dict[str, tuple[SpecialBuilder, str]] = {
    "new_member": (_new_member, "new"),
    "upgraded_member": (_new_member, "upgrade"),
    "new_member_without_level": (_new_member, "without_level"),
    "milestone_with_comment": (_milestone, "with_comment"),
    "milestone_without_comment": (_milestone, "without_comment"),
    "membership_gifting": (_membership_gifting, ""),
    "retract_target": (_retract_target, ""),
    "retract": (_retract, ""),
    "fan_funding": (_fan_funding, ""),
    "gift": (_gift, "single"),
    "gift_combo": (_gift, "combo"),
    "tombstone": (_silent, "tombstone"),
    "invalid_type": (_silent, "invalidType"),
    "chat_ended": (_silent, "chatEndedEvent"),
    "text_without_author": (_text_without_author, ""),
    "malformed": (_malformed, ""),
}
PARAMETERIZED_BUILDERS: dict[str, SpecialBuilder] = {
    "super_chat": _super_chat,
    "super_sticker": _super_sticker,
    "gift_received": _gift_received,
    "spam": _spam,
    "delete": _delete,
    "ban": _ban,
    "poll": _poll,
    "members_only": _members_only,
}


def build_special(chat: DemoChat, tag: str, published: datetime) -> dict[str, Any]:
    name, _, argument = tag.partition(":")
    if name in PARAMETERIZED_BUILDERS:
        return PARAMETERIZED_BUILDERS[name](chat, published, argument)
    builder, fixed_argument = SPECIAL_BUILDERS[name]
    return builder(chat, published, fixed_argument)


# Pages -------------------------------------------------------------------


def page_times(rng: random.Random) -> list[datetime]:
    """Return the received_at of each messages page, the first 0.35 s in."""
    times = [RECORDING_START + timedelta(milliseconds=350)]
    while (times[-1] - times[0]).total_seconds() < MIN_SPAN_S:
        gap_ms = round(rng.uniform(*PAGE_GAP_RANGE_S) * 1000)
        times.append(times[-1] + timedelta(milliseconds=gap_ms))
    return times


def slot_times(
    rng: random.Random, received: Sequence[datetime]
) -> list[list[datetime]]:
    """Draw Poisson message times and group them by the page that lists them."""
    latency = timedelta(seconds=DELIVERY_LATENCY_S)
    moment = received[0] - timedelta(seconds=FIRST_PAGE_BACKLOG_S) - latency
    slots: list[list[datetime]] = [[] for _ in received]
    page = 0
    while True:
        moment += timedelta(microseconds=round(rng.expovariate(MESSAGES_PER_S) * 1e6))
        while page < len(received) and moment > received[page] - latency:
            page += 1
        if page == len(received):
            return slots
        slots[page].append(moment)


def build_page_items(
    chat: DemoChat, page: int, slots: list[datetime], window: tuple[datetime, datetime]
) -> list[dict[str, Any]]:
    """Fill a page's message slots with its planned events and text messages."""
    tags = PAGE_PLAN.get(page, ())
    slots = list(slots)
    while len(slots) < len(tags):
        offset = chat.rng.uniform(0, (window[1] - window[0]).total_seconds())
        slots.append(window[0] + timedelta(seconds=offset))
    slots.sort()
    special_slots = sorted(chat.rng.sample(range(len(slots)), len(tags)))
    tag_by_slot = dict(zip(special_slots, tags, strict=True))

    items: list[dict[str, Any]] = []
    for index, published in enumerate(slots):
        if index in tag_by_slot:
            items.append(build_special(chat, tag_by_slot[index], published))
        else:
            items.append(chat.text(published))
    if page == OUT_OF_ORDER_PAGE:
        _swap_first_text_times(items)
    return items


def _swap_first_text_times(items: list[dict[str, Any]]) -> None:
    """Swap two neighbouring texts' publishedAt, because real pages have such pairs."""
    for first, second in itertools.pairwise(items):
        if first["snippet"]["type"] == second["snippet"]["type"] == "textMessageEvent":
            first_snippet, second_snippet = first["snippet"], second["snippet"]
            first_snippet["publishedAt"], second_snippet["publishedAt"] = (
                second_snippet["publishedAt"],
                first_snippet["publishedAt"],
            )
            return


def page_token(last_published: datetime, received: datetime) -> str:
    """Encode a token in the captured tokens' shape: two varint timestamps in µs."""
    data = _varint_field(3, _epoch_us(last_published)) + _varint_field(
        4, _epoch_us(received)
    )
    return _base64_url(data)


def videos_body(chat: DemoChat) -> dict[str, Any]:
    return {
        "kind": "youtube#videoListResponse",
        "etag": chat.etag(),
        "items": [
            {
                "kind": "youtube#video",
                "etag": chat.etag(),
                "id": VIDEO_ID,
                "liveStreamingDetails": {
                    "actualStartTime": STREAM_ACTUAL_START,
                    "scheduledStartTime": STREAM_SCHEDULED_START,
                    "concurrentViewers": CONCURRENT_VIEWERS,
                    "activeLiveChatId": chat.live_chat_id,
                },
            }
        ],
        "pageInfo": {"totalResults": 1, "resultsPerPage": 1},
    }


def build_recording(seed: int = SEED) -> list[dict[str, Any]]:
    """Build every record of the demo recording, in file order."""
    rng = random.Random(seed)
    chat = DemoChat(rng)
    received = page_times(rng)
    slots = slot_times(rng, received)
    if len(received) <= max(PAGE_PLAN) + 1:
        raise RuntimeError(f"Only {len(received)} pages, too few for the page plan.")

    records: list[dict[str, Any]] = [
        {
            "received_at": format_received_at(RECORDING_START),
            "path": VIDEOS_PATH,
            "body": videos_body(chat),
        }
    ]
    latency = timedelta(seconds=DELIVERY_LATENCY_S)
    for page, received_at in enumerate(received):
        window_start = (
            received[page - 1] if page else received[0] - timedelta(seconds=2)
        )
        window = (window_start - latency, received_at - latency)
        items = build_page_items(chat, page, slots[page], window)
        if page == len(received) - 1:
            items.append(build_special(chat, "chat_ended", window[1]))
        records.append(
            {
                "received_at": format_received_at(received_at),
                "path": MESSAGES_PATH,
                "body": _page_body(chat, items, page, received),
            }
        )
    return records


def _page_body(
    chat: DemoChat, items: list[dict[str, Any]], page: int, received: Sequence[datetime]
) -> dict[str, Any]:
    if page + 1 < len(received):
        gap_ms = (received[page + 1] - received[page]) // timedelta(milliseconds=1)
        interval_ms = max(0, gap_ms - chat.rng.randint(40, 250))
    else:
        interval_ms = chat.rng.randint(1500, 3000)
    last_published = received[page] - timedelta(seconds=DELIVERY_LATENCY_S)
    body: dict[str, Any] = {
        "kind": "youtube#liveChatMessageListResponse",
        "etag": chat.etag(),
        "pollingIntervalMillis": interval_ms,
        "pageInfo": {"totalResults": len(items), "resultsPerPage": len(items)},
        "nextPageToken": page_token(last_published, received[page]),
    }
    if chat.poll_active and chat.poll_item is not None:
        body["activePollItem"] = copy.deepcopy(chat.poll_item)
    body["items"] = items
    return body


def render_lines(records: Sequence[dict[str, Any]]) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Generate the demo recording that the replay server plays."
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="the JSON Lines file to write (default: %(default)s)",
    )
    arguments = parser.parse_args(argv)
    text = render_lines(build_recording())
    output: Path = arguments.output
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8", newline="\n")
    print(f"Wrote {len(text.encode('utf-8'))} bytes to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
