"""The quota ledger on real files, across restarts and quota resets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from livechat_desktop.youtube.quota import QuotaLedger, QuotaUsage, key_digest

KEY = "AIzaFAKEKEY-quota-test"
# 07:59 UTC on 4 December is 23:59 the day before in Pacific standard time.
BEFORE_RESET = datetime(2026, 12, 4, 7, 59, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_ledger_keeps_units_across_restarts(tmp_path: Path) -> None:
    path = tmp_path / "quota.json"
    clock = Clock(BEFORE_RESET)
    QuotaLedger(path, KEY, clock=clock).spend(5)

    usage = QuotaLedger(path, KEY, clock=clock).spend(1)

    assert usage.day_units == 6
    assert usage.session_units == 1


def test_ledger_resets_at_pacific_midnight(tmp_path: Path) -> None:
    clock = Clock(BEFORE_RESET)
    ledger = QuotaLedger(tmp_path / "quota.json", KEY, clock=clock)
    ledger.spend(100)

    clock.now = BEFORE_RESET + timedelta(minutes=2)
    usage = ledger.spend(5)

    assert usage.day_units == 5
    assert usage.session_units == 105


def test_ledger_counts_each_key_apart(tmp_path: Path) -> None:
    path = tmp_path / "quota.json"
    QuotaLedger(path, KEY).spend(50)

    usage = QuotaLedger(path, "another-key").spend(5)

    assert usage.day_units == 5


def test_ledger_file_holds_no_key(tmp_path: Path) -> None:
    path = tmp_path / "quota.json"

    QuotaLedger(path, KEY).spend(5)

    text = path.read_text(encoding="utf-8")
    assert KEY not in text
    assert key_digest(KEY) in text


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"x": {"units": "9"}}'])
def test_ledger_starts_fresh_from_bad_file(
    tmp_path: Path, content: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "quota.json"
    path.write_text(content, encoding="utf-8")

    usage = QuotaLedger(path, KEY).spend(5)

    assert usage.day_units == 5
    assert QuotaLedger(path, KEY).usage().day_units == 5


def test_ledger_survives_unwritable_folder(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be")

    usage = QuotaLedger(blocker / "quota.json", KEY).spend(5)

    assert usage.day_units == 5
    assert "Could not save the quota count" in caplog.text


def test_usage_estimates_remaining_time() -> None:
    usage = QuotaUsage(session_units=0, day_units=9_000, daily_limit_units=10_000)

    assert usage.remaining_units == 1_000
    assert usage.remaining_s(units_per_call=5, interval_s=5.0) == 1_000.0
