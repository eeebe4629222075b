"""Wire models of the YouTube Data API v3 responses, and the app's chat event.

The wire models mirror `liveChatMessages.list` and `videos.list` as the API
sends them, in lax mode: `amountMicros` arrives as a string, `publishedAt`
has from zero to six fractional digits and ends in `Z` or `+00:00`, and some
items have no `authorDetails`. Unknown fields are ignored and unknown
`snippet.type` values are kept as strings.

Message items are validated into `TypedDict`s keyed by the API's field names,
because pydantic 2.14 builds those dicts in about half the time it takes to
build models, and a page can carry thousands of items. The `videos.list`
response and the fields around a page's items are models.

`parse_message_page` validates each item on its own, so a malformed item is
logged and skipped without costing the rest of its page. `ChatEvent` is the
immutable, flat form that the rest of the app works with.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Annotated, Any, Final, NamedTuple, Required

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
)

# pydantic validates only `typing_extensions.TypedDict` on Python before 3.12.
from typing_extensions import TypedDict

logger = logging.getLogger(__name__)

# The 18 values of `snippet.type` that the API schema lists.
KNOWN_EVENT_TYPES = frozenset(
    {
        "invalidType",
        "textMessageEvent",
        "tombstone",
        "fanFundingEvent",
        "chatEndedEvent",
        "sponsorOnlyModeStartedEvent",
        "sponsorOnlyModeEndedEvent",
        "newSponsorEvent",
        "memberMilestoneChatEvent",
        "membershipGiftingEvent",
        "giftMembershipReceivedEvent",
        "messageDeletedEvent",
        "messageRetractedEvent",
        "userBannedEvent",
        "superChatEvent",
        "superStickerEvent",
        "pollEvent",
        "giftEvent",
    }
)


# Groups of `snippet.type` values that the window and the filters treat alike.
PAID_TYPES = frozenset({"superChatEvent", "superStickerEvent", "fanFundingEvent"})
MEMBERSHIP_TYPES = frozenset(
    {
        "newSponsorEvent",
        "memberMilestoneChatEvent",
        "membershipGiftingEvent",
        "giftMembershipReceivedEvent",
    }
)
SYSTEM_TYPES = frozenset(
    {
        "userBannedEvent",
        "chatEndedEvent",
        "sponsorOnlyModeStartedEvent",
        "sponsorOnlyModeEndedEvent",
    }
)
DELETION_TYPES = frozenset({"messageDeletedEvent", "messageRetractedEvent"})

# How many skipped items of a page are logged one by one. The page's summary
# line counts them all.
MAX_LOGGED_SKIPS = 5


# The message item types below use the API's field names as keys. Every key
# may be absent unless it is marked `Required`, and pydantic ignores keys that
# a type does not list.


class TextMessageDetails(TypedDict, total=False):
    messageText: str


class SuperChatDetails(TypedDict, total=False):
    amountMicros: int | None
    currency: str | None
    amountDisplayString: str | None
    userComment: str | None
    tier: int | None


class SuperStickerMetadata(TypedDict, total=False):
    stickerId: str | None
    altText: str | None
    altTextLanguage: str | None


class SuperStickerDetails(TypedDict, total=False):
    amountMicros: int | None
    currency: str | None
    amountDisplayString: str | None
    tier: int | None
    superStickerMetadata: SuperStickerMetadata | None


class FanFundingEventDetails(TypedDict, total=False):
    amountMicros: int | None
    currency: str | None
    amountDisplayString: str | None
    userComment: str | None


class NewSponsorDetails(TypedDict, total=False):
    memberLevelName: str | None
    isUpgrade: bool


class MemberMilestoneChatDetails(TypedDict, total=False):
    memberLevelName: str | None
    memberMonth: int | None
    userComment: str | None


class MembershipGiftingDetails(TypedDict, total=False):
    giftMembershipsCount: int | None
    giftMembershipsLevelName: str | None


class GiftMembershipReceivedDetails(TypedDict, total=False):
    memberLevelName: str | None
    gifterChannelId: str | None
    associatedMembershipGiftingMessageId: str | None


class MessageDeletedDetails(TypedDict, total=False):
    deletedMessageId: Required[str]


class MessageRetractedDetails(TypedDict, total=False):
    retractedMessageId: Required[str]


class ChannelProfileDetails(TypedDict, total=False):
    channelId: str | None
    channelUrl: str | None
    displayName: str | None
    profileImageUrl: str | None


class UserBannedDetails(TypedDict, total=False):
    bannedUserDetails: ChannelProfileDetails | None
    banType: str | None
    banDurationSeconds: int | None


class PollOption(TypedDict, total=False):
    optionText: str
    tally: int | None


class PollMetadata(TypedDict, total=False):
    questionText: str
    options: list[PollOption]


class PollDetails(TypedDict, total=False):
    metadata: PollMetadata | None
    status: str | None


class GiftDetails(TypedDict, total=False):
    giftName: str | None
    altText: str | None
    comboCount: int | None
    jewelsAmount: int | None


class MessageSnippet(TypedDict, total=False):
    type: Required[str]
    liveChatId: str | None
    authorChannelId: str | None
    publishedAt: Required[datetime]
    hasDisplayContent: bool | None
    displayMessage: str | None
    textMessageDetails: TextMessageDetails | None
    superChatDetails: SuperChatDetails | None
    superStickerDetails: SuperStickerDetails | None
    fanFundingEventDetails: FanFundingEventDetails | None
    newSponsorDetails: NewSponsorDetails | None
    memberMilestoneChatDetails: MemberMilestoneChatDetails | None
    membershipGiftingDetails: MembershipGiftingDetails | None
    giftMembershipReceivedDetails: GiftMembershipReceivedDetails | None
    messageDeletedDetails: MessageDeletedDetails | None
    messageRetractedDetails: MessageRetractedDetails | None
    userBannedDetails: UserBannedDetails | None
    pollDetails: PollDetails | None
    giftDetails: GiftDetails | None


class AuthorDetails(TypedDict, total=False):
    channelId: str | None
    channelUrl: str | None
    displayName: str
    profileImageUrl: str | None
    isVerified: bool
    isChatOwner: bool
    isChatSponsor: bool
    isChatModerator: bool


class LiveChatMessage(TypedDict, total=False):
    id: Required[Annotated[str, StringConstraints(min_length=1)]]
    snippet: Required[MessageSnippet]
    authorDetails: AuthorDetails | None


class _WireModel(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="ignore", frozen=True)


class LiveStreamingDetails(_WireModel):
    actual_start_time: datetime | None = Field(None, alias="actualStartTime")
    actual_end_time: datetime | None = Field(None, alias="actualEndTime")
    scheduled_start_time: datetime | None = Field(None, alias="scheduledStartTime")
    concurrent_viewers: int | None = Field(None, alias="concurrentViewers")
    active_live_chat_id: str | None = Field(None, alias="activeLiveChatId")


class Video(_WireModel):
    id: str | None = None
    live_streaming_details: LiveStreamingDetails | None = Field(
        None, alias="liveStreamingDetails"
    )


class VideoListResponse(_WireModel):
    items: tuple[Video, ...] = ()


class _MessagePageEnvelope(_WireModel):
    """The fields of a message page around its items, which are checked apart."""

    polling_interval_ms: int | None = Field(None, alias="pollingIntervalMillis")
    next_page_token: str | None = Field(None, alias="nextPageToken")
    offline_at: datetime | None = Field(None, alias="offlineAt")
    items: list[Any] = Field(default_factory=list)


class PollChoice(NamedTuple):
    """One option of a poll and its tally, if the API sent one."""

    text: str
    tally: int | None


# A NamedTuple, not a frozen dataclass, because CPython 3.11 builds one about
# four times faster and a page can carry thousands of events. It is just as
# immutable.
class ChatEvent(NamedTuple):
    """One chat event, flattened from a `LiveChatMessage` for display and logs.

    Attributes:
        id: The API's message id, unique within a chat.
        type: The API's `snippet.type`, unknown values included.
        published_at: When YouTube published the event, in UTC.
        text: What a viewer reads. Text messages carry the message text.
            Super Chats and member milestones carry the user's comment, and
            other types the API's `displayMessage`; both are empty if absent.
        display_message: The API's `displayMessage`, empty if none.
    """

    id: str
    type: str
    published_at: datetime
    author_channel_id: str | None = None
    author_name: str = ""
    author_roles: tuple[str, ...] = ()
    author_avatar_url: str | None = None
    text: str = ""
    display_message: str = ""
    amount_display: str | None = None
    amount_micros: int | None = None
    currency: str | None = None
    tier: int | None = None
    sticker_alt_text: str | None = None
    member_level: str | None = None
    member_months: int | None = None
    is_upgrade: bool | None = None
    gift_count: int | None = None
    deleted_message_id: str | None = None
    banned_channel_id: str | None = None
    banned_name: str | None = None
    ban_type: str | None = None
    ban_duration_s: int | None = None
    poll_question: str | None = None
    poll_choices: tuple[PollChoice, ...] = ()
    poll_status: str | None = None

    def to_transcript(self) -> dict[str, Any]:
        """Return the transcript record: the fixed keys, then those that apply."""
        record: dict[str, Any] = {
            "id": self.id,
            "type": self.type,
            "published_at": self.published_at.isoformat().replace("+00:00", "Z"),
            "author_channel_id": self.author_channel_id,
            "author_name": self.author_name,
            "author_roles": list(self.author_roles),
            "text": self.text,
        }
        optional: Mapping[str, object] = {
            "amount_display": self.amount_display,
            "amount_micros": self.amount_micros,
            "currency": self.currency,
            "tier": self.tier,
            "sticker_alt_text": self.sticker_alt_text,
            "member_level": self.member_level,
            "member_months": self.member_months,
            "is_upgrade": self.is_upgrade,
            "gift_count": self.gift_count,
            "deleted_message_id": self.deleted_message_id,
            "banned_channel_id": self.banned_channel_id,
            "banned_name": self.banned_name,
            "ban_type": self.ban_type,
            "ban_duration_s": self.ban_duration_s,
            "poll_question": self.poll_question,
            "poll_status": self.poll_status,
        }
        record.update(
            {key: value for key, value in optional.items() if value is not None}
        )
        if self.poll_choices:
            record["poll_choices"] = [
                {"text": choice.text, "tally": choice.tally}
                for choice in self.poll_choices
            ]
        if self.display_message and self.display_message != self.text:
            record["display_message"] = self.display_message
        return record


@dataclasses.dataclass(frozen=True, slots=True)
class MessagePage:
    """One parsed `liveChatMessages.list` response.

    Attributes:
        events: The well-formed items, in API order.
        skipped_count: How many malformed items were dropped.
        offline_at: When the stream went offline, if the API reports it.
    """

    events: tuple[ChatEvent, ...]
    next_page_token: str | None
    polling_interval_ms: int | None
    offline_at: datetime | None = None
    skipped_count: int = 0


_NO_AUTHOR: Final[AuthorDetails] = {}


def _roles(author: AuthorDetails) -> tuple[str, ...]:
    # Plain tests, because a generator over a table of flags takes about three
    # times as long and runs for every item.
    roles: list[str] = []
    if author.get("isChatOwner"):
        roles.append("owner")
    if author.get("isChatModerator"):
        roles.append("moderator")
    if author.get("isChatSponsor"):
        roles.append("member")
    if author.get("isVerified"):
        roles.append("verified")
    return tuple(roles)


def _as_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def to_chat_event(message: LiveChatMessage) -> ChatEvent:
    """Flatten a validated wire message into a `ChatEvent`.

    Raises:
        OverflowError: `publishedAt` has no UTC equivalent.
    """
    snippet = message["snippet"]
    author = message.get("authorDetails") or _NO_AUTHOR
    display = snippet.get("displayMessage") or ""
    fields = _type_fields(snippet)
    text = fields.pop("text", display)
    return ChatEvent(
        id=message["id"],
        type=snippet["type"],
        published_at=_as_utc(snippet["publishedAt"]),
        author_channel_id=author.get("channelId") or snippet.get("authorChannelId"),
        author_name=author.get("displayName", ""),
        author_roles=_roles(author),
        author_avatar_url=author.get("profileImageUrl"),
        text=text,
        display_message=display,
        **fields,
    )


def _type_fields(snippet: MessageSnippet) -> dict[str, Any]:
    """Return the `ChatEvent` fields that come from the type's details.

    `text` is among them only for the types whose text is not `displayMessage`.
    """
    text_details = snippet.get("textMessageDetails")
    if snippet["type"] == "textMessageEvent" and text_details is not None:
        return {"text": text_details.get("messageText", "")}
    if (paid := snippet.get("superChatDetails")) is not None:
        return {
            "text": paid.get("userComment") or "",
            "amount_display": paid.get("amountDisplayString"),
            "amount_micros": paid.get("amountMicros"),
            "currency": paid.get("currency"),
            "tier": paid.get("tier"),
        }
    if (sticker := snippet.get("superStickerDetails")) is not None:
        metadata = sticker.get("superStickerMetadata")
        return {
            "amount_display": sticker.get("amountDisplayString"),
            "amount_micros": sticker.get("amountMicros"),
            "currency": sticker.get("currency"),
            "tier": sticker.get("tier"),
            "sticker_alt_text": metadata.get("altText") if metadata else None,
        }
    if (funding := snippet.get("fanFundingEventDetails")) is not None:
        return {
            "text": funding.get("userComment") or snippet.get("displayMessage") or "",
            "amount_display": funding.get("amountDisplayString"),
            "amount_micros": funding.get("amountMicros"),
            "currency": funding.get("currency"),
        }
    return _membership_fields(snippet) or _moderation_fields(snippet)


def _membership_fields(snippet: MessageSnippet) -> dict[str, Any]:
    if (sponsor := snippet.get("newSponsorDetails")) is not None:
        return {
            "member_level": sponsor.get("memberLevelName"),
            "is_upgrade": sponsor.get("isUpgrade", False),
        }
    if (milestone := snippet.get("memberMilestoneChatDetails")) is not None:
        return {
            "text": milestone.get("userComment") or "",
            "member_level": milestone.get("memberLevelName"),
            "member_months": milestone.get("memberMonth"),
        }
    if (gifting := snippet.get("membershipGiftingDetails")) is not None:
        return {
            "member_level": gifting.get("giftMembershipsLevelName"),
            "gift_count": gifting.get("giftMembershipsCount"),
        }
    if (received := snippet.get("giftMembershipReceivedDetails")) is not None:
        return {"member_level": received.get("memberLevelName")}
    return {}


def _moderation_fields(snippet: MessageSnippet) -> dict[str, Any]:
    if (deleted := snippet.get("messageDeletedDetails")) is not None:
        return {"deleted_message_id": deleted["deletedMessageId"]}
    if (retracted := snippet.get("messageRetractedDetails")) is not None:
        return {"deleted_message_id": retracted["retractedMessageId"]}
    if (banned := snippet.get("userBannedDetails")) is not None:
        user = banned.get("bannedUserDetails")
        return {
            "banned_channel_id": user.get("channelId") if user else None,
            "banned_name": user.get("displayName") if user else None,
            "ban_type": banned.get("banType"),
            "ban_duration_s": banned.get("banDurationSeconds"),
        }
    if (poll := snippet.get("pollDetails")) is not None:
        metadata: PollMetadata = poll.get("metadata") or {}
        return {
            "poll_question": metadata.get("questionText", ""),
            "poll_choices": tuple(
                PollChoice(option.get("optionText", ""), option.get("tally"))
                for option in metadata.get("options", ())
            ),
            "poll_status": poll.get("status"),
        }
    return {}


@functools.cache
def _message_adapter() -> TypeAdapter[LiveChatMessage]:
    # Built on first use, which keeps its schema build out of the import. The
    # usual path, `parse_message_page_json`, needs it only for malformed items.
    return TypeAdapter(LiveChatMessage)


def parse_message_item(raw: object) -> ChatEvent:
    """Validate one raw item and flatten it; raises `ValidationError`."""
    return to_chat_event(_message_adapter().validate_python(raw))


class _WellFormedMessagePage(_MessagePageEnvelope):
    """A message page whose items all validate; most real pages are."""

    items: list[LiveChatMessage] = Field(default_factory=list)


def parse_message_page_json(content: bytes) -> MessagePage:
    """Parse a `liveChatMessages.list` body from its JSON bytes.

    A page whose items are all well formed is validated in one pass from the
    bytes, in a little over half the time of `json.loads` followed by one
    validation per item. Any other page takes that slower path, which skips
    and logs the malformed items.

    Raises:
        ValidationError: The envelope itself is malformed.
        ValueError: The content is not JSON.
    """
    try:
        page = _WellFormedMessagePage.model_validate_json(content)
        events = tuple(to_chat_event(message) for message in page.items)
    except (ValidationError, OverflowError):
        return parse_message_page(json.loads(content))
    return MessagePage(
        events=events,
        next_page_token=page.next_page_token,
        polling_interval_ms=page.polling_interval_ms,
        offline_at=page.offline_at,
    )


def parse_message_page(raw: object) -> MessagePage:
    """Parse a `liveChatMessages.list` body, skipping malformed items.

    Raises:
        ValidationError: The envelope itself is malformed, for example when
            `items` is not a list or the body is not an object.
    """
    envelope = _MessagePageEnvelope.model_validate(raw)
    events: list[ChatEvent] = []
    skipped = 0
    for index, item in enumerate(envelope.items):
        try:
            events.append(parse_message_item(item))
        except ValidationError as error:
            skipped += 1
            if skipped <= MAX_LOGGED_SKIPS:
                logger.warning(
                    "Skipped malformed chat item %d: %s",
                    index,
                    error.errors(include_url=False, include_input=False)[:3],
                )
        except OverflowError:
            # A `publishedAt` such as 0001-01-01T00:00:00+05:00 is valid but has
            # no UTC equivalent, so converting it to UTC fails.
            skipped += 1
            if skipped <= MAX_LOGGED_SKIPS:
                logger.warning(
                    "Skipped chat item %d: its publishedAt is outside the UTC range",
                    index,
                )
    if skipped:
        logger.warning(
            "Skipped %d of %d chat items in this page", skipped, len(envelope.items)
        )
    return MessagePage(
        events=tuple(events),
        next_page_token=envelope.next_page_token,
        polling_interval_ms=envelope.polling_interval_ms,
        offline_at=envelope.offline_at,
        skipped_count=skipped,
    )
