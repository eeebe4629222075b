"""The polling loop against a scripted local API server."""

from __future__ import annotations

import itertools
import random
import time

import pytest
from pytest_httpserver import HTTPServer

from livechat_desktop.youtube.errors import QuotaExceededError
from livechat_desktop.youtube.poller import (
    BackoffPolicy,
    PollerState,
    RecentIds,
)
from tests.fake_api import (
    LIVE_CHAT_ID,
    FakeYouTube,
    error_body,
    message_item,
    page_body,
    videos_body,
)
from tests.poller_harness import PollerRun


@pytest.fixture
def api(httpserver: HTTPServer) -> FakeYouTube:
    return FakeYouTube(httpserver)


def _ended() -> dict[str, object]:
    return error_body(403, "liveChatEnded", "The live chat is no longer live.")


def test_poller_follows_page_tokens(api: FakeYouTube) -> None:
    api.add_video(videos_body())
    api.add_page(page_body([message_item("m1", "one")], "T1"))
    api.add_page(page_body([message_item("m2", "two")], "T2"))
    api.add_page(_ended(), status=403)

    with PollerRun(api) as run:
        run.join()

    tokens = [request.args.get("pageToken") for request in api.message_requests()]
    assert tokens == [None, "T1", "T2"]
    assert all(r.args["liveChatId"] == LIVE_CHAT_ID for r in api.message_requests())
    assert [event.id for event in run.events] == ["m1", "m2"]
    assert run.final.state is PollerState.ENDED


def test_poller_waits_polling_interval(api: FakeYouTube) -> None:
    api.add_video(videos_body())
    api.add_page(page_body([message_item("m1", "one")], "T1", interval_ms=300))
    api.add_page(page_body([message_item("m2", "two")], "T2", interval_ms=300))
    api.add_page(_ended(), status=403)

    with PollerRun(api) as run:
        run.join()

    times = [request.at_s for request in api.message_requests()]
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert len(gaps) == 2
    assert min(gaps) >= 0.3


def test_poller_min_interval_raises_api_interval(api: FakeYouTube) -> None:
    api.add_video(videos_body())
    api.add_page(page_body([message_item("m1", "one")], "T1", interval_ms=10))
    api.add_page(_ended(), status=403)

    with PollerRun(api, min_interval_ms=400) as run:
        run.join()

    first, second = (request.at_s for request in api.message_requests())
    assert second - first >= 0.4


def test_poller_retries_same_token_after_server_error(api: FakeYouTube) -> None:
    api.add_video(videos_body())
    api.add_page(page_body([message_item("m1", "one")], "T1"))
    api.add_page(error_body(503, "backendError"), status=503)
    api.add_page("<html><body>Bad gateway</body></html>", status=502)
    api.add_page(page_body([message_item("m2", "two")], "T2"))
    api.add_page(_ended(), status=403)

    with PollerRun(api) as run:
        run.join()

    tokens = [request.args.get("pageToken") for request in api.message_requests()]
    assert tokens == [None, "T1", "T1", "T1", "T2"]
    assert [event.id for event in run.events] == ["m1", "m2"]
    reconnecting = [s for s in run.statuses if s.state is PollerState.RECONNECTING]
    assert [s.attempt for s in reconnecting] == [1, 2]


def test_poller_honours_retry_after(api: FakeYouTube) -> None:
    api.add_video(videos_body())
    api.add_page(error_body(429, "rateLimitExceeded"), 429, {"Retry-After": "1"})
    api.add_page(_ended(), status=403)

    with PollerRun(api) as run:
        run.join()

    first, second = (request.at_s for request in api.message_requests())
    assert second - first >= 1.0


def test_poller_stops_after_terminal_error(api: FakeYouTube) -> None:
    api.add_video(videos_body())
    api.add_page(page_body([message_item("m1", "one")], "T1"))
    api.add_page(error_body(403, "quotaExceeded"), status=403)

    with PollerRun(api) as run:
        run.join()
        time.sleep(0.2)

    assert len(api.message_requests()) == 2
    assert run.final.state is PollerState.FAILED
    assert isinstance(run.final.error, QuotaExceededError)
    assert "midnight Pacific" in run.final.message


def test_poller_restarts_without_token_when_rejected(api: FakeYouTube) -> None:
    api.add_video(videos_body())
    api.add_page(page_body([message_item("m1", "one")], "T1"))
    api.add_page(error_body(400, "pageTokenInvalid"), status=400)
    api.add_page(
        page_body([message_item("m1", "one"), message_item("m2", "two")], "T2")
    )
    api.add_page(_ended(), status=403)

    with PollerRun(api) as run:
        run.join()

    tokens = [request.args.get("pageToken") for request in api.message_requests()]
    assert tokens == [None, "T1", None, "T2"]
    assert [event.id for event in run.events] == ["m1", "m2"]


def test_poller_ends_on_chat_ended_event(api: FakeYouTube) -> None:
    ended = message_item("end", "", type="chatEndedEvent")
    api.add_video(videos_body())
    api.add_page(page_body([message_item("m1", "one"), ended], "T1"))

    with PollerRun(api) as run:
        run.join()

    assert len(api.message_requests()) == 1
    assert run.final.state is PollerState.ENDED


def test_poller_ends_on_offline_at(api: FakeYouTube) -> None:
    body = page_body([message_item("m1", "one")], "T1")
    body["offlineAt"] = "2026-01-01T01:00:00Z"
    api.add_video(videos_body())
    api.add_page(body)

    with PollerRun(api) as run:
        run.join()

    assert len(api.message_requests()) == 1
    assert [event.id for event in run.events] == ["m1"]
    assert run.final.state is PollerState.ENDED


def test_poller_reports_ended_video(api: FakeYouTube) -> None:
    api.add_video(videos_body(None, actualEndTime="2022-04-10T17:17:09Z"))

    with PollerRun(api) as run:
        run.join()

    assert api.message_requests() == []
    assert run.final.state is PollerState.ENDED


def test_poller_waits_for_scheduled_stream(api: FakeYouTube) -> None:
    api.add_video(videos_body(None, scheduledStartTime="2030-01-01T18:00:00Z"))

    with PollerRun(api) as run:
        run.wait_for(PollerState.WAITING)
        started = time.monotonic()
        run.poller.stop()
        run.join()
        stop_s = time.monotonic() - started

    assert stop_s < 1.0
    assert run.final.state is PollerState.STOPPED
    waiting = [s for s in run.statuses if s.state is PollerState.WAITING]
    assert waiting[0].scheduled_start is not None
    assert waiting[0].scheduled_start.year == 2030


def test_poller_stop_interrupts_interval(api: FakeYouTube) -> None:
    api.add_video(videos_body())
    api.add_page(page_body([message_item("m1", "one")], "T1", interval_ms=60_000))

    with PollerRun(api) as run:
        run.wait_for(PollerState.LIVE)
        started = time.monotonic()
        run.poller.stop()
        run.join()
        stop_s = time.monotonic() - started

    assert stop_s < 1.0
    assert len(api.message_requests()) == 1


def test_poller_counts_quota_units(api: FakeYouTube) -> None:
    api.add_video(videos_body())
    api.add_page(page_body([message_item("m1", "one")], "T1"))
    api.add_page(_ended(), status=403)

    with PollerRun(api) as run:
        run.join()

    assert run.final.quota_units == 1 + 5 * 2


def test_poller_delivers_poll_updates(api: FakeYouTube) -> None:
    def poll(tally: str, status: str) -> dict[str, object]:
        details = {
            "metadata": {
                "questionText": "Best map?",
                "options": [{"optionText": "Dust", "tally": tally}],
            },
            "status": status,
        }
        return message_item("poll1", "", type="pollEvent", pollDetails=details)

    api.add_video(videos_body())
    api.add_page(page_body([poll("1", "active")], "T1"))
    api.add_page(page_body([poll("1", "active"), poll("5", "closed")], "T2"))
    api.add_page(_ended(), status=403)

    with PollerRun(api) as run:
        run.join()

    assert [event.poll_choices[0].tally for event in run.events] == [1, 5]


def test_recent_ids_forget_oldest() -> None:
    recent = RecentIds(max_ids=3)
    for message_id in ["a", "b", "c", "d"]:
        recent.add(message_id)

    assert len(recent) == 3
    assert recent.add("a") is True
    assert recent.add("d") is False


def test_backoff_stays_within_cap_and_floor() -> None:
    policy = BackoffPolicy(base_s=1.0, cap_s=8.0, min_retry_delay_s=0.5)
    rng = random.Random(1)

    delays = [policy.delay_s(attempt, rng) for attempt in range(1, 30)]

    assert min(delays) >= 0.5
    assert max(delays) <= 8.0
    assert policy.delay_s(1, rng, floor_s=30.0) == 30.0


def test_poller_connects_when_scheduled_stream_starts(api: FakeYouTube) -> None:
    api.add_video(videos_body(None, scheduledStartTime="2030-01-01T18:00:00Z"))
    api.add_video(videos_body(None, scheduledStartTime="2030-01-01T18:00:00Z"))
    api.add_video(videos_body())
    api.add_page(page_body([message_item("m1", "one")], "T1"))
    api.add_page(_ended(), status=403)

    with PollerRun(api, waiting_recheck_s=0.2) as run:
        run.join()

    video_requests = [r for r in api.requests if r.path.endswith("/videos")]
    assert len(video_requests) == 3
    assert video_requests[2].at_s - video_requests[1].at_s >= 0.2
    states = [status.state for status in run.statuses]
    assert states.index(PollerState.WAITING) < states.index(PollerState.LIVE)
    assert [event.id for event in run.events] == ["m1"]
