"""Wire models of the YouTube Data API v3 responses, and the app's chat event.

The wire models mirror `liveChatMessages.list` and `videos.list` as the API
sends them, in lax mode: `amountMicros` arrives as a string, `publishedAt`
has from zero to six fractional digits and ends in `Z` or `+00:00`, and some
items have no `authorDetails`. Unknown fields are ignored and unknown
`snippet.type` values are kept as strings.

`parse_message_page` validates each item on its own, so a malformed item is
logged and skipped without costing the rest of its page. `ChatEvent` is the
immutable, flat form that the rest of the app works with.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

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


class _WireModel(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="ignore", frozen=True)


class TextMessageDetails(_WireModel):
    message_text: str = Field("", alias="messageText")


class SuperChatDetails(_WireModel):
    amount_micros: int | None = Field(None, alias="amountMicros")
    currency: str | None = None
    amount_display_string: str | None = Field(None, alias="amountDisplayString")
    user_comment: str | None = Field(None, alias="userComment")
    tier: int | None = None


class SuperStickerMetadata(_WireModel):
    sticker_id: str | None = Field(None, alias="stickerId")
    alt_text: str | None = Field(None, alias="altText")
    alt_text_language: str | None = Field(None, alias="altTextLanguage")


class SuperStickerDetails(_WireModel):
    amount_micros: int | None = Field(None, alias="amountMicros")
    currency: str | None = None
    amount_display_string: str | None = Field(None, alias="amountDisplayString")
    tier: int | None = None
    super_sticker_metadata: SuperStickerMetadata | None = Field(
        None, alias="superStickerMetadata"
    )


class FanFundingEventDetails(_WireModel):
    amount_micros: int | None = Field(None, alias="amountMicros")
    currency: str | None = None
    amount_display_string: str | None = Field(None, alias="amountDisplayString")
    user_comment: str | None = Field(None, alias="userComment")


class NewSponsorDetails(_WireModel):
    member_level_name: str | None = Field(None, alias="memberLevelName")
    is_upgrade: bool = Field(False, alias="isUpgrade")


class MemberMilestoneChatDetails(_WireModel):
    member_level_name: str | None = Field(None, alias="memberLevelName")
    member_month: int | None = Field(None, alias="memberMonth")
    user_comment: str | None = Field(None, alias="userComment")


class MembershipGiftingDetails(_WireModel):
    gift_memberships_count: int | None = Field(None, alias="giftMembershipsCount")
    gift_memberships_level_name: str | None = Field(
        None, alias="giftMembershipsLevelName"
    )


class GiftMembershipReceivedDetails(_WireModel):
    member_level_name: str | None = Field(None, alias="memberLevelName")
    gifter_channel_id: str | None = Field(None, alias="gifterChannelId")
    associated_membership_gifting_message_id: str | None = Field(
        None, alias="associatedMembershipGiftingMessageId"
    )


class MessageDeletedDetails(_WireModel):
    deleted_message_id: str = Field(alias="deletedMessageId")


class MessageRetractedDetails(_WireModel):
    retracted_message_id: str = Field(alias="retractedMessageId")


class ChannelProfileDetails(_WireModel):
    channel_id: str | None = Field(None, alias="channelId")
    channel_url: str | None = Field(None, alias="channelUrl")
    display_name: str | None = Field(None, alias="displayName")
    profile_image_url: str | None = Field(None, alias="profileImageUrl")


class UserBannedDetails(_WireModel):
    banned_user_details: ChannelProfileDetails | None = Field(
        None, alias="bannedUserDetails"
    )
    ban_type: str | None = Field(None, alias="banType")
    ban_duration_seconds: int | None = Field(None, alias="banDurationSeconds")


class PollOption(_WireModel):
    option_text: str = Field("", alias="optionText")
    tally: int | None = None


class PollMetadata(_WireModel):
    question_text: str = Field("", alias="questionText")
    options: tuple[PollOption, ...] = ()


class PollDetails(_WireModel):
    metadata: PollMetadata | None = None
    status: str | None = None


class GiftDetails(_WireModel):
    gift_name: str | None = Field(None, alias="giftName")
    alt_text: str | None = Field(None, alias="altText")
    combo_count: int | None = Field(None, alias="comboCount")
    jewels_amount: int | None = Field(None, alias="jewelsAmount")


class MessageSnippet(_WireModel):
    type: str
    live_chat_id: str | None = Field(None, alias="liveChatId")
    author_channel_id: str | None = Field(None, alias="authorChannelId")
    published_at: datetime = Field(alias="publishedAt")
    has_display_content: bool | None = Field(None, alias="hasDisplayContent")
    display_message: str | None = Field(None, alias="displayMessage")
    text_message_details: TextMessageDetails | None = Field(
        None, alias="textMessageDetails"
    )
    super_chat_details: SuperChatDetails | None = Field(None, alias="superChatDetails")
    super_sticker_details: SuperStickerDetails | None = Field(
        None, alias="superStickerDetails"
    )
    fan_funding_event_details: FanFundingEventDetails | None = Field(
        None, alias="fanFundingEventDetails"
    )
    new_sponsor_details: NewSponsorDetails | None = Field(
        None, alias="newSponsorDetails"
    )
    member_milestone_chat_details: MemberMilestoneChatDetails | None = Field(
        None, alias="memberMilestoneChatDetails"
    )
    membership_gifting_details: MembershipGiftingDetails | None = Field(
        None, alias="membershipGiftingDetails"
    )
    gift_membership_received_details: GiftMembershipReceivedDetails | None = Field(
        None, alias="giftMembershipReceivedDetails"
    )
    message_deleted_details: MessageDeletedDetails | None = Field(
        None, alias="messageDeletedDetails"
    )
    message_retracted_details: MessageRetractedDetails | None = Field(
        None, alias="messageRetractedDetails"
    )
    user_banned_details: UserBannedDetails | None = Field(
        None, alias="userBannedDetails"
    )
    poll_details: PollDetails | None = Field(None, alias="pollDetails")
    gift_details: GiftDetails | None = Field(None, alias="giftDetails")


class AuthorDetails(_WireModel):
    channel_id: str | None = Field(None, alias="channelId")
    channel_url: str | None = Field(None, alias="channelUrl")
    display_name: str = Field("", alias="displayName")
    profile_image_url: str | None = Field(None, alias="profileImageUrl")
    is_verified: bool = Field(False, alias="isVerified")
    is_chat_owner: bool = Field(False, alias="isChatOwner")
    is_chat_sponsor: bool = Field(False, alias="isChatSponsor")
    is_chat_moderator: bool = Field(False, alias="isChatModerator")


class LiveChatMessage(_WireModel):
    id: str = Field(min_length=1)
    snippet: MessageSnippet
    author_details: AuthorDetails | None = Field(None, alias="authorDetails")


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


_message_adapter: TypeAdapter[LiveChatMessage] = TypeAdapter(LiveChatMessage)


@dataclasses.dataclass(frozen=True, slots=True)
class PollChoice:
    """One option of a poll and its tally, if the API sent one."""

    text: str
    tally: int | None


@dataclasses.dataclass(frozen=True, slots=True)
class ChatEvent:
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


def _roles(author: AuthorDetails | None) -> tuple[str, ...]:
    if author is None:
        return ()
    flags = (
        ("owner", author.is_chat_owner),
        ("moderator", author.is_chat_moderator),
        ("member", author.is_chat_sponsor),
        ("verified", author.is_verified),
    )
    return tuple(name for name, present in flags if present)


def _as_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def to_chat_event(message: LiveChatMessage) -> ChatEvent:
    """Flatten a validated wire message into a `ChatEvent`."""
    snippet = message.snippet
    author = message.author_details
    display = snippet.display_message or ""
    fields: dict[str, Any] = {
        "id": message.id,
        "type": snippet.type,
        "published_at": _as_utc(snippet.published_at),
        "author_channel_id": (author.channel_id if author else None)
        or snippet.author_channel_id,
        "author_name": author.display_name if author else "",
        "author_roles": _roles(author),
        "author_avatar_url": author.profile_image_url if author else None,
        "display_message": display,
        "text": display,
    }
    fields.update(_type_fields(snippet))
    return ChatEvent(**fields)


def _type_fields(snippet: MessageSnippet) -> dict[str, Any]:
    """Return the `ChatEvent` fields that come from the type's details."""
    if snippet.type == "textMessageEvent" and snippet.text_message_details:
        return {"text": snippet.text_message_details.message_text}
    if (paid := snippet.super_chat_details) is not None:
        return {
            "text": paid.user_comment or "",
            "amount_display": paid.amount_display_string,
            "amount_micros": paid.amount_micros,
            "currency": paid.currency,
            "tier": paid.tier,
        }
    if (sticker := snippet.super_sticker_details) is not None:
        metadata = sticker.super_sticker_metadata
        return {
            "amount_display": sticker.amount_display_string,
            "amount_micros": sticker.amount_micros,
            "currency": sticker.currency,
            "tier": sticker.tier,
            "sticker_alt_text": metadata.alt_text if metadata else None,
        }
    if (funding := snippet.fan_funding_event_details) is not None:
        return {
            "text": funding.user_comment or snippet.display_message or "",
            "amount_display": funding.amount_display_string,
            "amount_micros": funding.amount_micros,
            "currency": funding.currency,
        }
    return _membership_fields(snippet) or _moderation_fields(snippet)


def _membership_fields(snippet: MessageSnippet) -> dict[str, Any]:
    if (sponsor := snippet.new_sponsor_details) is not None:
        return {
            "member_level": sponsor.member_level_name,
            "is_upgrade": sponsor.is_upgrade,
        }
    if (milestone := snippet.member_milestone_chat_details) is not None:
        return {
            "text": milestone.user_comment or "",
            "member_level": milestone.member_level_name,
            "member_months": milestone.member_month,
        }
    if (gifting := snippet.membership_gifting_details) is not None:
        return {
            "member_level": gifting.gift_memberships_level_name,
            "gift_count": gifting.gift_memberships_count,
        }
    if (received := snippet.gift_membership_received_details) is not None:
        return {"member_level": received.member_level_name}
    return {}


def _moderation_fields(snippet: MessageSnippet) -> dict[str, Any]:
    if (deleted := snippet.message_deleted_details) is not None:
        return {"deleted_message_id": deleted.deleted_message_id}
    if (retracted := snippet.message_retracted_details) is not None:
        return {"deleted_message_id": retracted.retracted_message_id}
    if (banned := snippet.user_banned_details) is not None:
        user = banned.banned_user_details
        return {
            "banned_channel_id": user.channel_id if user else None,
            "banned_name": user.display_name if user else None,
            "ban_type": banned.ban_type,
            "ban_duration_s": banned.ban_duration_seconds,
        }
    if (poll := snippet.poll_details) is not None:
        metadata = poll.metadata or PollMetadata()
        return {
            "poll_question": metadata.question_text,
            "poll_choices": tuple(
                PollChoice(option.option_text, option.tally)
                for option in metadata.options
            ),
            "poll_status": poll.status,
        }
    return {}


def parse_message_item(raw: object) -> ChatEvent:
    """Validate one raw item and flatten it; raises `ValidationError`."""
    return to_chat_event(_message_adapter.validate_python(raw))


class _WellFormedMessagePage(_MessagePageEnvelope):
    """A message page whose items all validate; most real pages are."""

    items: list[LiveChatMessage] = Field(default_factory=list)


def parse_message_page_json(content: bytes) -> MessagePage:
    """Parse a `liveChatMessages.list` body from its JSON bytes.

    A page whose items are all well formed is validated in one pass from the
    bytes, which is about a third faster than `json.loads` followed by one
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
            logger.warning(
                "Skipped malformed chat item %d: %s",
                index,
                error.errors(include_url=False, include_input=False)[:3],
            )
        except OverflowError:
            # A `publishedAt` such as 0001-01-01T00:00:00+05:00 is valid but has
            # no UTC equivalent, so converting it to UTC fails.
            skipped += 1
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
