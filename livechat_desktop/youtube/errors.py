"""Failures of the YouTube Data API, sorted by what the poller does next.

    ApiError
    ├── TransientApiError        retry the same request after a backoff
    │   ├── NetworkError         connection refused or reset, timeout
    │   ├── ServerError          HTTP 5xx, or an HTML or other non-API body
    │   │   └── BodyTooLargeError  a body over the client's size limit
    │   └── RateLimitedError     HTTP 429, or 403 `rateLimitExceeded`
    ├── PageTokenInvalidError    the page token was rejected: restart without one
    └── TerminalApiError         stop; the poller makes no further request
        ├── QuotaExceededError   `quotaExceeded`, `dailyLimitExceeded`
        ├── ChatEndedError       `liveChatEnded`, `offlineAt`, `chatEndedEvent`
        ├── ChatNotFoundError    `liveChatNotFound`
        ├── ChatDisabledError    `liveChatDisabled`
        ├── ForbiddenError       `forbidden`: a members-only or private chat
        ├── InvalidApiKeyError   `keyInvalid`, "API key not valid", no key
        ├── ApiNotEnabledError   `accessNotConfigured`
        ├── VideoNotFoundError   `videos.list` does not return the video
        └── RequestRejectedError any other 4xx the API sends

Every error carries `user_message`: one or two sentences for the window that
say what happened and what to do. Messages never contain the API key.
"""

from __future__ import annotations

import email.utils
import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

MAX_RETRY_AFTER_S = 3600.0
# An error message from the server is cut to this many characters, so a huge
# one cannot fill the window's status line.
MAX_MESSAGE_CHARS = 300

# Quota resets at midnight Pacific time, according to the YouTube Data API
# documentation on quota usage.
_QUOTA_ZONE = ZoneInfo("America/Los_Angeles")


class ApiError(Exception):
    """Base of every YouTube API failure."""

    def __init__(
        self, user_message: str, *, status: int | None = None, reason: str = ""
    ) -> None:
        super().__init__(user_message)
        self.user_message = user_message
        self.status = status
        self.reason = reason


class TransientApiError(ApiError):
    """A failure that a later retry of the same request may not repeat."""


class NetworkError(TransientApiError):
    """The connection failed or timed out before a response arrived."""


class ServerError(TransientApiError):
    """The server returned a 5xx status or a body that is not an API response."""


class BodyTooLargeError(ServerError):
    """The response body was larger than any real API response."""


class RateLimitedError(TransientApiError):
    """The API asked the client to slow down.

    Attributes:
        retry_after_s: The wait the server asked for, if it sent `Retry-After`.
    """

    def __init__(
        self,
        user_message: str,
        *,
        status: int | None = None,
        reason: str = "",
        retry_after_s: float | None = None,
    ) -> None:
        super().__init__(user_message, status=status, reason=reason)
        self.retry_after_s = retry_after_s


class PageTokenInvalidError(ApiError):
    """The API rejected the page token; polling restarts without one."""


class TerminalApiError(ApiError):
    """A failure that retrying cannot fix."""


class QuotaExceededError(TerminalApiError):
    """The API key's project has spent its daily quota.

    Attributes:
        resets_at: The next midnight in Pacific time, as an aware datetime.
    """

    def __init__(
        self, user_message: str, *, status: int | None, reason: str, resets_at: datetime
    ) -> None:
        super().__init__(user_message, status=status, reason=reason)
        self.resets_at = resets_at


class ChatEndedError(TerminalApiError):
    """The stream ended, so its live chat is closed."""


class ChatNotFoundError(TerminalApiError):
    """The live chat id is unknown to the API."""


class ChatDisabledError(TerminalApiError):
    """The stream has its live chat turned off."""


class ForbiddenError(TerminalApiError):
    """The chat cannot be read with an API key, for example a members-only chat."""


class InvalidApiKeyError(TerminalApiError):
    """The API key is missing, malformed or revoked."""


class ApiNotEnabledError(TerminalApiError):
    """The YouTube Data API v3 is not enabled for the key's Google Cloud project."""


class VideoNotFoundError(TerminalApiError):
    """`videos.list` returned no video for the id."""


class RequestRejectedError(TerminalApiError):
    """The API rejected the request for a reason this app does not handle."""


def next_quota_reset(now: datetime) -> datetime:
    """Return the next midnight in Pacific time after `now` (an aware datetime)."""
    local = now.astimezone(_QUOTA_ZONE)
    midnight = datetime.combine(
        local.date() + timedelta(days=1), datetime.min.time(), tzinfo=_QUOTA_ZONE
    )
    return midnight


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Parse a `Retry-After` header given in seconds or as an HTTP date.

    Waits longer than `MAX_RETRY_AFTER_S` are cut to it, so a wrong header
    cannot park the poller for days.
    """
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return min(float(value), MAX_RETRY_AFTER_S)
    try:
        moment = email.utils.parsedate_to_datetime(value)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        wait_s = (moment - now).total_seconds()
    except (TypeError, ValueError, OverflowError):
        return None
    return min(max(0.0, wait_s), MAX_RETRY_AFTER_S)


def _reason_and_message(body: bytes) -> tuple[str, str]:
    """Return `error.errors[0].reason` (else `error.code`) and `error.message`."""
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return "", ""
    if isinstance(document, list) and document:
        # Some endpoints wrap the error body in a one-element array.
        document = document[0]
    if not isinstance(document, dict) or not isinstance(document.get("error"), dict):
        return "", ""
    error = document["error"]
    message = error.get("message")
    message = message[:MAX_MESSAGE_CHARS] if isinstance(message, str) else ""
    details = error.get("errors")
    if isinstance(details, list) and details and isinstance(details[0], dict):
        reason = details[0].get("reason")
        if isinstance(reason, str) and reason:
            return reason[:MAX_MESSAGE_CHARS], message
    code = error.get("code")
    return (str(code) if code is not None else ""), message


def error_from_response(
    status: int,
    body: bytes,
    *,
    retry_after: str | None = None,
    now: datetime | None = None,
) -> ApiError:
    """Map an HTTP error response of the API to the matching `ApiError`."""
    now = now or datetime.now(UTC)
    reason, message = _reason_and_message(body)
    if status == 429 or reason in {"rateLimitExceeded", "userRateLimitExceeded"}:
        return RateLimitedError(
            f"YouTube asked to slow down (HTTP {status}).",
            status=status,
            reason=reason,
            retry_after_s=parse_retry_after(retry_after, now),
        )
    if status >= 500 or not reason:
        summary = f"reason {reason}" if reason else "a body that is not an API error"
        if status < 500 and status not in {404, 408}:
            return RequestRejectedError(
                f"The YouTube API rejected the request (HTTP {status}, {summary}).",
                status=status,
                reason=reason,
            )
        return ServerError(
            f"The YouTube API failed (HTTP {status}, {summary}).",
            status=status,
            reason=reason,
        )
    return _terminal_error(status, reason, message, now)


def _terminal_error(status: int, reason: str, message: str, now: datetime) -> ApiError:
    if reason in {"quotaExceeded", "dailyLimitExceeded"}:
        resets_at = next_quota_reset(now)
        local_reset = resets_at.astimezone().strftime("%H:%M")
        return QuotaExceededError(
            "The API key's daily quota is used up. It resets at midnight Pacific "
            f"time ({local_reset} your time); until then, use another key.",
            status=status,
            reason=reason,
            resets_at=resets_at,
        )
    if reason == "pageTokenInvalid" or (
        reason in {"invalid", "badRequest"} and "page token" in message.lower()
    ):
        return PageTokenInvalidError(
            "YouTube rejected the page token.", status=status, reason=reason
        )
    if reason == "liveChatEnded" or "no longer live" in message:
        return ChatEndedError(
            "The stream has ended, so its live chat is closed.",
            status=status,
            reason=reason,
        )
    if reason == "liveChatNotFound":
        return ChatNotFoundError(
            "YouTube does not know this live chat. Check the video link; the "
            "stream may have been deleted.",
            status=status,
            reason=reason,
        )
    if reason == "liveChatDisabled":
        return ChatDisabledError(
            "The live chat is turned off for this stream.",
            status=status,
            reason=reason,
        )
    if (
        reason in {"keyInvalid", "keyExpired"}
        or "API key not valid" in message
        or "missing a valid API key" in message
    ):
        return InvalidApiKeyError(
            "The API key is not valid. Copy it again from the Google Cloud "
            "console (APIs & Services > Credentials) and pass it with --api-key.",
            status=status,
            reason=reason,
        )
    if reason == "accessNotConfigured":
        return ApiNotEnabledError(
            "The YouTube Data API v3 is not enabled for this key's project. "
            "Enable it in the Google Cloud console (APIs & Services > Library > "
            "YouTube Data API v3), wait a few minutes, then connect again.",
            status=status,
            reason=reason,
        )
    if reason in {"forbidden", "insufficientPermissions"}:
        return ForbiddenError(
            "This chat cannot be read with an API key: it may be members-only "
            "or the video may be private.",
            status=status,
            reason=reason,
        )
    return RequestRejectedError(
        f"The YouTube API rejected the request (HTTP {status}, reason {reason}).",
        status=status,
        reason=reason,
    )
