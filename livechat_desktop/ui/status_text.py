"""The status line under the chat, built from a `PollerStatus`."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from livechat_desktop.ui.event_text import clock_time
from livechat_desktop.ui.messages import status_detail
from livechat_desktop.ui.translations import fill_placeholders
from livechat_desktop.youtube.client import MESSAGES_QUOTA_UNITS
from livechat_desktop.youtube.poller import PollerState, PollerStatus


def status_line(status: PollerStatus) -> str:
    """Return one line that states what the poller is doing and what it cost."""
    state = status.state
    if state is PollerState.CONNECTING:
        return QCoreApplication.translate("StatusText", "Connecting\u2026")
    if state is PollerState.WAITING:
        return _waiting_text(status)
    if state is PollerState.LIVE:
        interval_s = (status.interval_ms or 0) / 1000
        template = QCoreApplication.translate(
            "StatusText", "Live \u00b7 every %1 s \u00b7 %2 messages \u00b7 %3"
        )
        return fill_placeholders(
            template,
            f"{interval_s:.1f}",
            status.message_count,
            _quota_text(status, interval_s),
        )
    if state is PollerState.RECONNECTING:
        template = QCoreApplication.translate(
            "StatusText", "Reconnecting in %1 s (attempt %2): %3"
        )
        return fill_placeholders(
            template,
            f"{status.retry_in_s or 0:.0f}",
            status.attempt,
            status_detail(status),
        )
    if state is PollerState.STOPPED:
        return QCoreApplication.translate("StatusText", "Disconnected.")
    return status_detail(status)


def _waiting_text(status: PollerStatus) -> str:
    if status.scheduled_start is None:
        return QCoreApplication.translate(
            "StatusText", "Waiting for the stream to start."
        )
    template = QCoreApplication.translate(
        "StatusText", "Waiting for the stream to start (scheduled %1)."
    )
    return fill_placeholders(template, clock_time(status.scheduled_start))


def _quota_text(status: PollerStatus, interval_s: float) -> str:
    """Return the units spent and, with a ledger, how long the rest lasts."""
    usage = status.quota
    if usage is None:
        template = QCoreApplication.translate("StatusText", "%1 quota units")
        return fill_placeholders(template, status.quota_units)
    lasts_s = usage.remaining_s(MESSAGES_QUOTA_UNITS, interval_s)
    template = QCoreApplication.translate("StatusText", "quota %1/%2 today, lasts %3")
    return fill_placeholders(
        template, usage.day_units, usage.daily_limit_units, _duration(lasts_s)
    )


def _duration(seconds: float) -> str:
    minutes = int(seconds // 60)
    if minutes < 60:
        template = QCoreApplication.translate("StatusText", "%1 min")
        return fill_placeholders(template, minutes)
    template = QCoreApplication.translate("StatusText", "%1 h %2 min")
    return fill_placeholders(template, minutes // 60, f"{minutes % 60:02d}")
