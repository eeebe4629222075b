"""User messages for the errors and poller states of the Qt-free core.

The core's messages are English, because the log shows them too. In an
English user interface the window shows them as they are, with every detail
they carry, such as the request URL or the video id. In another language a
fixed core sentence is looked up verbatim in the translation, and any other
message is rebuilt from its error class and attributes, with the same facts
wherever an attribute contains them.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from livechat_desktop.ui.translations import (
    SOURCE_LANGUAGE,
    fill_placeholders,
    ui_language,
)
from livechat_desktop.video_id import InvalidVideoError
from livechat_desktop.youtube.errors import (
    ApiError,
    ApiNotEnabledError,
    ChatDisabledError,
    ChatEndedError,
    ChatNotFoundError,
    ForbiddenError,
    InvalidApiKeyError,
    NetworkError,
    PageTokenInvalidError,
    QuotaExceededError,
    RateLimitedError,
    RequestRejectedError,
    ServerError,
    VideoNotFoundError,
)
from livechat_desktop.youtube.poller import PollerStatus

logger = logging.getLogger(__name__)

CONTEXT = "Messages"
# Fixed sentences of the poller and the client that the status line can show
# without an error object, or that differ from their error class's sentence.
# Listing them here puts them into the translation source.
CORE_SENTENCES = (
    QT_TRANSLATE_NOOP(
        "Messages",
        "This video has no active live chat: the stream has ended or it is not "
        "a live stream.",
    ),
    QT_TRANSLATE_NOOP("Messages", "The stream has ended, so its live chat is closed."),
    QT_TRANSLATE_NOOP(
        "Messages", "The YouTube API sent a video list that could not be read."
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "The YouTube API sent a chat page that could not be read."
    ),
)


def status_detail(status: PollerStatus) -> str:
    """Return the sentence of an ENDED, FAILED or RECONNECTING status.

    Uses `status.error` when the poller attached one, else `status.message`.
    """
    if status.error is not None:
        return error_message(status.error)
    if ui_language() == SOURCE_LANGUAGE:
        return status.message
    return QCoreApplication.translate(CONTEXT, status.message)


def error_message(error: ApiError) -> str:
    """Return the message of `error` in the user interface language."""
    if ui_language() == SOURCE_LANGUAGE:
        return error.user_message
    translated = QCoreApplication.translate(CONTEXT, error.user_message)
    if translated != error.user_message:
        return translated
    sentence = _class_sentence(error)
    if sentence is None:
        logger.debug("No translated sentence for %s", type(error).__name__)
        return error.user_message
    return sentence


def invalid_video_message(error: InvalidVideoError, text: str) -> str:
    """Return the message for `text` that is not a YouTube video link or id."""
    if ui_language() == SOURCE_LANGUAGE:
        return str(error)
    if not text.strip():
        return QCoreApplication.translate(
            "Messages", "No video given: paste a YouTube link or a video id."
        )
    template = QCoreApplication.translate(
        "Messages", "\u201c%1\u201d is not a YouTube video link or an 11-character id."
    )
    return fill_placeholders(template, text.strip())


def _class_sentence(error: ApiError) -> str | None:
    """Return the translated sentence for the class of `error`, or None."""
    match error:
        case NetworkError():
            return QCoreApplication.translate(
                "Messages",
                "Could not connect to the YouTube API, or the request timed out.",
            )
        case ServerError() if error.status is None:
            return QCoreApplication.translate(
                "Messages", "The YouTube API sent a response that could not be read."
            )
        case ServerError():
            template = QCoreApplication.translate(
                "Messages", "The YouTube API failed (%1)."
            )
            return fill_placeholders(template, _http_summary(error))
        case RateLimitedError():
            template = QCoreApplication.translate(
                "Messages", "YouTube asked to slow down (HTTP %1)."
            )
            return fill_placeholders(template, error.status or "?")
        case PageTokenInvalidError():
            return QCoreApplication.translate(
                "Messages", "YouTube rejected the page token."
            )
        case QuotaExceededError():
            return _quota_sentence(error)
        case ChatEndedError():
            return QCoreApplication.translate(
                "Messages", "The stream has ended, so its live chat is closed."
            )
        case ChatNotFoundError():
            return QCoreApplication.translate(
                "Messages",
                "YouTube does not know this live chat. Check the video link; the "
                "stream may have been deleted.",
            )
        case ChatDisabledError():
            return QCoreApplication.translate(
                "Messages", "The live chat is turned off for this stream."
            )
        case ForbiddenError():
            return QCoreApplication.translate(
                "Messages",
                "This chat cannot be read with an API key: it may be members-only "
                "or the video may be private.",
            )
        case InvalidApiKeyError():
            return QCoreApplication.translate(
                "Messages",
                "The API key is not valid. Copy it again from the Google Cloud "
                "console (APIs & Services > Credentials) and pass it with "
                "--api-key.",
            )
        case ApiNotEnabledError():
            return QCoreApplication.translate(
                "Messages",
                "The YouTube Data API v3 is not enabled for this key's project. "
                "Enable it in the Google Cloud console (APIs & Services > Library "
                "> YouTube Data API v3), wait a few minutes, then connect again.",
            )
        case VideoNotFoundError():
            return QCoreApplication.translate(
                "Messages",
                "YouTube has no video with this id. Check the link; the video may "
                "be private or deleted.",
            )
        case RequestRejectedError():
            template = QCoreApplication.translate(
                "Messages", "The YouTube API rejected the request (%1)."
            )
            return fill_placeholders(template, _http_summary(error))
    return None


def _quota_sentence(error: QuotaExceededError) -> str:
    template = QCoreApplication.translate(
        "Messages",
        "The API key's daily quota is used up. It resets at midnight Pacific "
        "time (%1 your time); until then, use another key.",
    )
    return fill_placeholders(template, error.resets_at.astimezone().strftime("%H:%M"))


def _http_summary(error: ApiError) -> str:
    """Return "HTTP 503, reason backendError", translated, for the brackets."""
    if error.reason:
        template = QCoreApplication.translate("Messages", "HTTP %1, reason %2")
        return fill_placeholders(template, error.status or "?", error.reason)
    template = QCoreApplication.translate(
        "Messages", "HTTP %1, a body that is not an API error"
    )
    return fill_placeholders(template, error.status or "?")
