"""A ledger of the API quota units spent per key and per quota day.

YouTube resets each project's quota at midnight Pacific time, so units are
counted per Pacific calendar day. The ledger file stores a SHA-256 digest of
each key, never the key itself, so it can sit in the user's data folder.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

logger = logging.getLogger(__name__)

DEFAULT_DAILY_QUOTA_UNITS = 10_000
_QUOTA_ZONE = ZoneInfo("America/Los_Angeles")


def key_digest(api_key: str) -> str:
    """Return the hex SHA-256 digest that the ledger stores in place of a key."""
    return hashlib.sha256(api_key.encode("utf-8")).hexdigest()


def quota_day(moment: datetime) -> date:
    """Return the Pacific calendar day that `moment` (aware) counts against."""
    return moment.astimezone(_QUOTA_ZONE).date()


@dataclass(frozen=True, slots=True)
class QuotaUsage:
    """Units spent by this app with one key.

    Attributes:
        session_units: Spent since this ledger was opened.
        day_units: Spent since the last reset, across restarts.
        daily_limit_units: The project's daily quota.
    """

    session_units: int
    day_units: int
    daily_limit_units: int

    @property
    def remaining_units(self) -> int:
        return max(0, self.daily_limit_units - self.day_units)

    def remaining_s(self, units_per_call: int, interval_s: float) -> float:
        """Return how long the remaining quota lasts at one call per interval."""
        return (self.remaining_units // units_per_call) * interval_s


class QuotaLedger:
    """Counts quota units for one key and saves them after each change.

    The file maps key digests to `{"day": "YYYY-MM-DD", "units": N}`. A file
    that cannot be read starts a fresh count with a warning, and a failed save
    is logged; neither stops polling.
    """

    def __init__(
        self,
        path: Path | None,
        api_key: str,
        *,
        daily_limit_units: int = DEFAULT_DAILY_QUOTA_UNITS,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._path = path
        self._digest = key_digest(api_key)
        self._daily_limit_units = daily_limit_units
        self._clock = clock
        self._lock = threading.Lock()
        self._session_units = 0
        self._entries = self._load()

    def spend(self, units: int) -> QuotaUsage:
        """Add units spent now and save the ledger.

        NOTE: two app instances with one key each keep their own count and
        the last save wins, so the file then under-counts the day's units.
        """
        with self._lock:
            self._session_units += units
            today = quota_day(self._clock()).isoformat()
            day_units = self._day_units(today)
            self._entries[self._digest] = {"day": today, "units": day_units + units}
            self._save()
            return self._usage(today)

    def usage(self) -> QuotaUsage:
        with self._lock:
            return self._usage(quota_day(self._clock()).isoformat())

    def _usage(self, today: str) -> QuotaUsage:
        return QuotaUsage(
            self._session_units, self._day_units(today), self._daily_limit_units
        )

    def _day_units(self, today: str) -> int:
        """Return the units saved for this key today; 0 after a reset."""
        entry = self._entries.get(self._digest, {})
        units = entry.get("units")
        if entry.get("day") != today or not isinstance(units, int):
            return 0
        return units

    def _load(self) -> dict[str, dict[str, object]]:
        if self._path is None or not self._path.exists():
            return {}
        try:
            document = json.loads(self._path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            logger.warning(
                "Starting a new quota count: %s is unreadable (%s)", self._path, error
            )
            return {}
        if not isinstance(document, dict):
            logger.warning(
                "Starting a new quota count: %s is not a JSON object", self._path
            )
            return {}
        return {
            digest: entry
            for digest, entry in document.items()
            if isinstance(entry, dict) and isinstance(entry.get("units"), int)
        }

    def _save(self) -> None:
        if self._path is None:
            return
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            # Write a new file and rename it, so a crash never leaves half a file.
            handle, temporary = tempfile.mkstemp(dir=self._path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                json.dump(self._entries, file)
            os.replace(temporary, self._path)
        except OSError:
            logger.exception("Could not save the quota count to %s", self._path)
