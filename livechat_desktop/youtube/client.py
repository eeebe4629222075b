"""A blocking client for the two YouTube Data API v3 calls the app makes.

`videos.list` (1 quota unit) finds a stream's live chat id and
`liveChatMessages.list` (5 units) reads one page of its chat. Every call has
explicit connect and read timeouts, and every failure surfaces as an
`ApiError` whose text never contains the API key.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import requests
import urllib3
from pydantic import ValidationError

from livechat_desktop.youtube.errors import (
    BodyTooLargeError,
    NetworkError,
    ServerError,
    VideoNotFoundError,
    error_from_response,
)
from livechat_desktop.youtube.models import (
    MessagePage,
    VideoListResponse,
    parse_message_page,
    parse_message_page_json,
)

logger = logging.getLogger(__name__)

# urllib3 logs each request line at DEBUG, query string included, so the
# records of these loggers get the value of the `key` parameter masked.
_URLLIB3_URL_LOGGERS = ("urllib3.connectionpool", "urllib3.util.retry")
_KEY_PARAMETER = re.compile(r"([?&]key=)[^&\s\"']+")


class _MaskApiKeyFilter(logging.Filter):
    """A filter that masks the `key` query parameter in a record's message."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = _KEY_PARAMETER.sub(r"\1***", message)
        if masked != message:
            record.msg = masked
            record.args = ()
        return True


for _logger_name in _URLLIB3_URL_LOGGERS:
    logging.getLogger(_logger_name).addFilter(_MaskApiKeyFilter())

DEFAULT_BASE_URL = "https://www.googleapis.com"
VIDEOS_PATH = "/youtube/v3/videos"
MESSAGES_PATH = "/youtube/v3/liveChat/messages"

VIDEOS_QUOTA_UNITS = 1
MESSAGES_QUOTA_UNITS = 5

# A page of 2,000 messages is about 1.5 MB of JSON; nothing real is near this.
MAX_BODY_BYTES = 32 * 1024 * 1024
READ_CHUNK_BYTES = 64 * 1024

# The API accepts 200 to 2000; a larger page costs the same 5 units.
MAX_RESULTS = 2000

# A page observer receives each raw response body and the path it came from.
# `--record` uses one to write recordings.
PageObserver = Callable[[str, Any], None]


@dataclass(frozen=True, slots=True)
class VideoStatus:
    """The live stream details that `videos.list` returns for a video."""

    video_id: str
    live_chat_id: str | None
    scheduled_start: datetime | None
    actual_end: datetime | None


class YouTubeClient:
    """Calls the API with one `requests.Session`.

    Args:
        api_key: The YouTube Data API key, sent as the `key` parameter.
        base_url: Scheme and host that replace `https://www.googleapis.com`.
        session: The HTTP session; a new one when not given.
        timeout_s: Connect and read timeouts in seconds.
        total_timeout_s: The maximum time one response may take, in seconds.
        page_observer: Called with the path and body of every good response.
    """

    def __init__(
        self,
        api_key: str,
        *,
        base_url: str = DEFAULT_BASE_URL,
        session: requests.Session | None = None,
        timeout_s: tuple[float, float] = (5.0, 15.0),
        page_observer: PageObserver | None = None,
        total_timeout_s: float = 30.0,
    ) -> None:
        self._api_key = api_key
        self._total_timeout_s = total_timeout_s
        self._base_url = base_url.rstrip("/")
        self._session = session or requests.Session()
        self._timeout_s = timeout_s
        self._page_observer = page_observer

    def close(self) -> None:
        self._session.close()

    def fetch_video_status(self, video_id: str) -> VideoStatus:
        """Look up a video's live chat id with `videos.list`."""
        body = self._get(VIDEOS_PATH, {"part": "liveStreamingDetails", "id": video_id})
        try:
            response = VideoListResponse.model_validate(body)
        except ValidationError as error:
            raise ServerError(
                "The YouTube API sent a video list that could not be read."
            ) from error
        if not response.items:
            raise VideoNotFoundError(
                f"YouTube has no video with the id {video_id}. Check the link; "
                "the video may be private or deleted."
            )
        details = response.items[0].live_streaming_details
        if details is None:
            return VideoStatus(video_id, None, None, None)
        return VideoStatus(
            video_id=video_id,
            live_chat_id=details.active_live_chat_id,
            scheduled_start=details.scheduled_start_time,
            actual_end=details.actual_end_time,
        )

    def list_messages(
        self, live_chat_id: str, page_token: str | None = None
    ) -> MessagePage:
        """Fetch one page of chat messages with `liveChatMessages.list`."""
        params = {
            "liveChatId": live_chat_id,
            "part": "snippet,authorDetails",
            "maxResults": str(MAX_RESULTS),
        }
        if page_token:
            params["pageToken"] = page_token
        try:
            if self._page_observer is None:
                # The fast path: pydantic reads the bytes without json.loads.
                return parse_message_page_json(self._get_content(MESSAGES_PATH, params))
            return parse_message_page(self._get(MESSAGES_PATH, params))
        except (ValueError, RecursionError) as error:
            if not isinstance(error, ValidationError):
                raise self._not_json() from error
            raise ServerError(
                "The YouTube API sent a chat page that could not be read."
            ) from error

    def _get(self, path: str, params: dict[str, str]) -> Any:
        """Return the decoded JSON body, after showing it to the page observer."""
        content = self._get_content(path, params)
        try:
            body = json.loads(content)
        except (ValueError, RecursionError) as error:
            raise self._not_json() from error
        if self._page_observer is not None:
            try:
                self._page_observer(path, body)
            except (OSError, ValueError):
                # A full disk or a closed recording must not stop the chat.
                logger.exception("Could not record the response from %s", path)
        return body

    def _not_json(self) -> ServerError:
        return ServerError(
            f"{self._base_url} returned a response body that is not JSON, so "
            "a proxy or captive portal may be in the way."
        )

    def _get_content(self, path: str, params: dict[str, str]) -> bytes:
        """Return the body of a 200 response; raise `ApiError` for the rest."""
        url = self._base_url + path
        logger.debug("GET %s %s", path, params)
        failure: NetworkError | None = None
        try:
            # No redirects: the API never sends one, and following it would
            # take the request to a host the user did not choose.
            with self._session.get(
                url,
                params={**params, "key": self._api_key},
                timeout=self._timeout_s,
                stream=True,
                allow_redirects=False,
            ) as response:
                content = self._read_body(response)
        except requests.Timeout:
            failure = NetworkError(f"The request to {self._base_url} timed out.")
        except requests.RequestException as error:
            failure = NetworkError(
                f"The request to {self._base_url} failed ({type(error).__name__})."
            )
        if failure is not None:
            # Raised outside the handler so that the requests exception, whose
            # text contains the URL and so the key, is not kept as context.
            raise failure
        if response.status_code != 200:
            raise error_from_response(
                response.status_code,
                content,
                retry_after=response.headers.get("Retry-After"),
            )
        return content

    def _read_body(self, response: requests.Response) -> bytes:
        """Read the body within the total time and size limits.

        The read timeout alone restarts with every byte, so a server that
        trickles its response could hold the poller for ever. A compressed
        body could also inflate far beyond any real page.
        """
        deadline_s = time.monotonic() + self._total_timeout_s
        chunks: list[bytes] = []
        size = 0
        while chunk := _read_some(response):
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                raise BodyTooLargeError(
                    f"{self._base_url} sent a response over {MAX_BODY_BYTES} bytes."
                )
            if time.monotonic() > deadline_s:
                raise requests.Timeout()
            chunks.append(chunk)
        return b"".join(chunks)


def _read_some(response: requests.Response) -> bytes:
    """Return the next decoded bytes as soon as any arrive; b"" at the end.

    `iter_content` waits for a whole chunk, which a trickling server never
    fills, so the total deadline would never be checked.
    """
    try:
        return bytes(response.raw.read1(READ_CHUNK_BYTES, decode_content=True))
    except urllib3.exceptions.ReadTimeoutError as error:
        raise requests.Timeout() from error
    except (urllib3.exceptions.HTTPError, OSError) as error:
        raise requests.ConnectionError() from error
