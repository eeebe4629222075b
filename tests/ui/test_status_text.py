"""The status line for each poller state."""

from __future__ import annotations

from datetime import UTC, datetime

from livechat_desktop.ui.status_text import status_line
from livechat_desktop.youtube.poller import PollerState, PollerStatus
from livechat_desktop.youtube.quota import QuotaUsage


def test_live_line_shows_interval_messages_and_quota() -> None:
    usage = QuotaUsage(session_units=20, day_units=9_000, daily_limit_units=10_000)
    status = PollerStatus(
        PollerState.LIVE, interval_ms=5_000, message_count=42, quota=usage
    )

    line = status_line(status)

    assert "every 5.0 s" in line
    assert "42 messages" in line
    assert "9000/10000 today" in line
    assert "lasts 16 min" in line


def test_live_line_without_ledger_shows_session_units() -> None:
    status = PollerStatus(PollerState.LIVE, interval_ms=1_000, quota_units=15)

    assert "15 quota units" in status_line(status)


def test_reconnecting_line_shows_delay_attempt_and_error() -> None:
    status = PollerStatus(
        PollerState.RECONNECTING,
        message="The request timed out.",
        retry_in_s=4.2,
        attempt=3,
    )

    assert status_line(status) == (
        "Reconnecting in 4 s (attempt 3): The request timed out."
    )


def test_waiting_line_shows_scheduled_time() -> None:
    start = datetime(2030, 1, 1, 18, 0, tzinfo=UTC)
    status = PollerStatus(PollerState.WAITING, scheduled_start=start)

    expected = f"(scheduled {start.astimezone():%H:%M})"
    assert expected in status_line(status)


def test_failed_line_is_the_error_message() -> None:
    status = PollerStatus(PollerState.FAILED, message="The API key is not valid.")

    assert status_line(status) == "The API key is not valid."
