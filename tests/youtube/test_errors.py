"""Tests of the mapping from API error responses to `ApiError` subclasses."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from livechat_desktop.youtube.errors import (
    ApiError,
    ApiNotEnabledError,
    ChatDisabledError,
    ChatEndedError,
    ChatNotFoundError,
    ForbiddenError,
    InvalidApiKeyError,
    PageTokenInvalidError,
    QuotaExceededError,
    RateLimitedError,
    RequestRejectedError,
    ServerError,
    TerminalApiError,
    TransientApiError,
    error_from_response,
    next_quota_reset,
    parse_retry_after,
)
from tests.fixtures import fixture_path, load_fixture

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
PACIFIC = ZoneInfo("America/Los_Angeles")
PST = timezone(timedelta(hours=-8))
PDT = timezone(timedelta(hours=-7))


def _error_body(
    status: int, reason: str, message: str, domain: str = "youtube.liveChat"
) -> dict[str, object]:
    """Build an error body in the shape of the captured quotaExceeded body."""
    return {
        "error": {
            "code": status,
            "message": message,
            "errors": [{"message": message, "domain": domain, "reason": reason}],
        }
    }


def _encode(body: object) -> bytes:
    return json.dumps(body).encode("utf-8")


@pytest.mark.parametrize(
    ("status", "reason", "expected_type"),
    [
        (403, "quotaExceeded", QuotaExceededError),
        (403, "dailyLimitExceeded", QuotaExceededError),
        (403, "liveChatEnded", ChatEndedError),
        (404, "liveChatNotFound", ChatNotFoundError),
        (403, "liveChatDisabled", ChatDisabledError),
        (403, "forbidden", ForbiddenError),
        (403, "insufficientPermissions", ForbiddenError),
        (400, "keyInvalid", InvalidApiKeyError),
        (400, "keyExpired", InvalidApiKeyError),
        (403, "accessNotConfigured", ApiNotEnabledError),
        (403, "rateLimitExceeded", RateLimitedError),
        (403, "userRateLimitExceeded", RateLimitedError),
        (400, "pageTokenInvalid", PageTokenInvalidError),
        (400, "invalidValue", RequestRejectedError),
        (404, "videoNotFound", RequestRejectedError),
        (500, "backendError", ServerError),
        (503, "backendError", ServerError),
    ],
)
def test_reason_maps_to_error_type(
    status: int, reason: str, expected_type: type[ApiError]
) -> None:
    body = _encode(_error_body(status, reason, "Message from the API."))

    error = error_from_response(status, body, now=NOW)

    assert type(error) is expected_type
    assert error.status == status
    assert error.reason == reason
    assert error.user_message
    assert str(error) == error.user_message


def test_real_quota_body_maps_to_quota_exceeded() -> None:
    body = fixture_path("error_403_quotaExceeded_youtube.quota.json").read_bytes()

    error = error_from_response(403, body, now=NOW)

    assert isinstance(error, QuotaExceededError)
    assert error.reason == "quotaExceeded"
    assert error.resets_at == next_quota_reset(NOW)
    assert "<a href" not in error.user_message


def test_real_key_invalid_body_maps_to_invalid_key() -> None:
    body = fixture_path("error_400_keyInvalid_legacy_usageLimits.json").read_bytes()

    error = error_from_response(400, body, now=NOW)

    assert isinstance(error, InvalidApiKeyError)
    assert error.reason == "keyInvalid"


def test_no_longer_live_is_chat_ended() -> None:
    captured = load_fixture(
        "error_403_liveChatEnded_googleapiclient_HttpError_repr.txt"
    )
    match = re.search(r'returned "(?P<message>[^"]+)"', captured)
    assert match is not None
    message = match["message"]
    # The captured repr shows only the message. The stand-in reason would map
    # to ForbiddenError by itself, so the message alone must select ChatEndedError.
    body = _encode(_error_body(403, "forbidden", message))

    error = error_from_response(403, body, now=NOW)

    assert message == "The live chat is no longer live."
    assert isinstance(error, ChatEndedError)


def test_key_not_valid_is_invalid_key() -> None:
    message = "API key not valid. Please pass a valid API key."
    body = _encode(_error_body(400, "badRequest", message, domain="global"))

    error = error_from_response(400, body, now=NOW)

    assert isinstance(error, InvalidApiKeyError)
    assert error.reason == "badRequest"


def test_missing_key_is_invalid_key() -> None:
    message = "The request is missing a valid API key."
    body = _encode(_error_body(403, "forbidden", message, domain="global"))

    error = error_from_response(403, body, now=NOW)

    assert isinstance(error, InvalidApiKeyError)


def test_page_token_message_is_token_invalid() -> None:
    message = "The page token is not valid."
    body = _encode(_error_body(400, "badRequest", message, domain="global"))

    error = error_from_response(400, body, now=NOW)

    assert isinstance(error, PageTokenInvalidError)


def test_array_wrapped_body_is_unwrapped() -> None:
    message = "Live chat is not enabled for the specified broadcast."
    body = _encode([_error_body(403, "liveChatDisabled", message)])

    error = error_from_response(403, body, now=NOW)

    assert isinstance(error, ChatDisabledError)
    assert error.reason == "liveChatDisabled"


def test_body_without_errors_list_uses_code() -> None:
    body = _encode(
        {
            "error": {
                "code": 403,
                "message": "Requests from referer <empty> are blocked.",
                "status": "PERMISSION_DENIED",
            }
        }
    )

    error = error_from_response(403, body, now=NOW)

    assert isinstance(error, RequestRejectedError)
    assert error.reason == "403"


@pytest.mark.parametrize(
    ("status", "body", "expected_type"),
    [
        (502, b"<html><body><h1>502 Bad Gateway</h1></body></html>", ServerError),
        (500, b"", ServerError),
        (408, b"Request Timeout", ServerError),
        (400, b"<html>Bad Request</html>", RequestRejectedError),
        (403, b"\xff\xfe\xfa not text", RequestRejectedError),
        (403, b'{"error": "forbidden"}', RequestRejectedError),
        (403, b"[]", RequestRejectedError),
        (429, b"<html>Too Many Requests</html>", RateLimitedError),
    ],
)
def test_non_api_body_maps_by_status(
    status: int, body: bytes, expected_type: type[ApiError]
) -> None:
    error = error_from_response(status, body, now=NOW)

    assert type(error) is expected_type
    assert error.status == status
    assert error.reason == ""


def test_error_families() -> None:
    body = _encode(_error_body(403, "quotaExceeded", "Quota."))

    quota = error_from_response(403, body, now=NOW)
    server = error_from_response(502, b"<html></html>", now=NOW)

    assert isinstance(quota, TerminalApiError)
    assert isinstance(server, TransientApiError)


def test_rate_limit_carries_retry_after() -> None:
    error = error_from_response(429, b"", retry_after="7", now=NOW)

    assert isinstance(error, RateLimitedError)
    assert error.retry_after_s == 7.0


def test_rate_limit_without_retry_after() -> None:
    error = error_from_response(429, b"", now=NOW)

    assert isinstance(error, RateLimitedError)
    assert error.retry_after_s is None


# Quota reset times. US daylight saving time in 2024 started on March 10 and
# ended on November 3, both at 02:00 local time.


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        pytest.param(
            datetime(2024, 3, 9, 20, 0, tzinfo=PST),
            datetime(2024, 3, 10, 8, 0, tzinfo=UTC),
            id="evening before spring forward",
        ),
        pytest.param(
            datetime(2024, 3, 10, 1, 30, tzinfo=PST),
            datetime(2024, 3, 11, 7, 0, tzinfo=UTC),
            id="just before spring forward",
        ),
        pytest.param(
            datetime(2024, 3, 10, 12, 0, tzinfo=PDT),
            datetime(2024, 3, 11, 7, 0, tzinfo=UTC),
            id="day of spring forward",
        ),
        pytest.param(
            datetime(2024, 11, 2, 12, 0, tzinfo=PDT),
            datetime(2024, 11, 3, 7, 0, tzinfo=UTC),
            id="day before fall back",
        ),
        pytest.param(
            datetime(2024, 11, 3, 1, 30, tzinfo=PDT),
            datetime(2024, 11, 4, 8, 0, tzinfo=UTC),
            id="first 01:30 of fall back",
        ),
        pytest.param(
            datetime(2024, 11, 3, 1, 30, tzinfo=PST),
            datetime(2024, 11, 4, 8, 0, tzinfo=UTC),
            id="second 01:30 of fall back",
        ),
        pytest.param(
            datetime(2024, 6, 1, 0, 0, tzinfo=PDT),
            datetime(2024, 6, 2, 7, 0, tzinfo=UTC),
            id="exactly midnight",
        ),
        pytest.param(
            datetime(2024, 6, 1, 3, 0, tzinfo=UTC),
            datetime(2024, 6, 1, 7, 0, tzinfo=UTC),
            id="utc date ahead of pacific date",
        ),
        pytest.param(
            datetime(2024, 12, 31, 23, 0, tzinfo=ZoneInfo("Asia/Tokyo")),
            datetime(2025, 1, 1, 8, 0, tzinfo=UTC),
            id="caller in tokyo",
        ),
    ],
)
def test_next_quota_reset_is_pacific_midnight(
    now: datetime, expected: datetime
) -> None:
    reset = next_quota_reset(now)

    assert reset == expected
    assert reset.astimezone(PACIFIC).time() == time(0, 0)


def test_quota_error_resets_at_next_pacific_midnight() -> None:
    now = datetime(2024, 11, 3, 9, 0, tzinfo=UTC)
    body = _encode(_error_body(403, "quotaExceeded", "Quota."))

    error = error_from_response(403, body, now=now)

    assert isinstance(error, QuotaExceededError)
    assert error.resets_at == datetime(2024, 11, 4, 8, 0, tzinfo=UTC)


# Retry-After headers.


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("7", 7.0, id="seconds"),
        pytest.param(" 120 ", 120.0, id="seconds with spaces"),
        pytest.param("0", 0.0, id="zero"),
        pytest.param("Wed, 01 May 2024 12:00:30 GMT", 30.0, id="http date"),
        pytest.param("Wed, 01 May 2024 11:00:00 GMT", 0.0, id="http date passed"),
        pytest.param(None, None, id="absent"),
        pytest.param("", None, id="empty"),
        pytest.param("soon", None, id="word"),
        pytest.param("-5", None, id="negative"),
        pytest.param("1.5", None, id="fraction"),
        pytest.param("Wed, 99 Foo 2024 12:00:30 GMT", None, id="broken date"),
    ],
)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    seconds = parse_retry_after(value, NOW)

    assert seconds == expected
