"""Polling through every fault the API and the network produce, seen from the server."""

from __future__ import annotations

import itertools
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from livechat_desktop.replay.recording import Recorder
from livechat_desktop.transcript import TranscriptWriter
from livechat_desktop.youtube.poller import PollerState
from tests.fake_api import FakeYouTube, error_body, message_item, page_body, videos_body
from tests.poller_harness import API_KEY, PollerRun


@pytest.fixture
def threaded_api() -> Iterator[FakeYouTube]:
    """A server that handles requests concurrently, so a stalled one blocks no other."""
    server = HTTPServer(host="127.0.0.1", threaded=True)
    server.start()
    try:
        yield FakeYouTube(server)
    finally:
        server.clear()
        server.stop()


def _script_faults(api: FakeYouTube) -> None:
    api.add_video(error_body(500, "backendError"), status=500)
    api.add_video(videos_body())
    api.add_page(
        page_body([message_item("m1", "one"), message_item("m2", "two")], "T1")
    )
    api.add_page(page_body([], "never-served"), delay_s=1.5)
    api.add_page(error_body(503, "backendError"), status=503)
    api.add_page("<html><body>502 Bad Gateway</body></html>", status=502)
    api.add_page(error_body(429, "rateLimitExceeded"), 429, {"Retry-After": "1"})
    api.add_page(error_body(403, "rateLimitExceeded"), status=403)
    api.add_page("not json at all", status=200)
    api.add_page(page_body([message_item("m2", "two"), message_item("m3", "3")], "T2"))
    api.add_page(error_body(400, "pageTokenInvalid"), status=400)
    replayed = [message_item(f"m{n}", str(n)) for n in range(1, 6)]
    api.add_page(page_body(replayed, "T3"))
    api.add_page(
        error_body(403, "liveChatEnded", "The live chat is no longer live."), 403
    )


def test_every_message_once_across_faults(
    threaded_api: FakeYouTube, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    _script_faults(threaded_api)
    recording = tmp_path / "recording.jsonl"
    transcript_path = tmp_path / "transcript.jsonl"

    with (
        Recorder(recording) as recorder,
        PollerRun(threaded_api, timeout_s=0.5, page_observer=recorder) as run,
    ):
        run.join(timeout_s=30)
    with TranscriptWriter(transcript_path) as transcript:
        transcript.write(run.events)

    assert [event.id for event in run.events] == ["m1", "m2", "m3", "m4", "m5"]
    assert run.final.state is PollerState.ENDED
    requests = threaded_api.message_requests()
    tokens = [request.args.get("pageToken") for request in requests]
    assert tokens == [None, "T1", "T1", "T1", "T1", "T1", "T1", "T1", "T2", None, "T3"]
    after_retry_after = requests[5].at_s - requests[4].at_s
    assert after_retry_after >= 1.0
    for earlier, later in itertools.pairwise(requests):
        assert later.at_s - earlier.at_s >= 0.05
    reconnects = [s for s in run.statuses if s.state is PollerState.RECONNECTING]
    assert len(reconnects) == 7
    logged = "\n".join(
        record.getMessage() for record in caplog.records if record.name != "werkzeug"
    )
    assert API_KEY not in logged
    assert API_KEY not in recording.read_text(encoding="utf-8")
    assert API_KEY not in transcript_path.read_text(encoding="utf-8")
    recorded_paths = [
        json.loads(line)["path"] for line in recording.read_text().splitlines()
    ]
    assert recorded_paths.count("/youtube/v3/liveChat/messages") == 3


def test_no_request_after_terminal_error(threaded_api: FakeYouTube) -> None:
    threaded_api.add_video(videos_body())
    threaded_api.add_page(page_body([message_item("m1", "one")], "T1"))
    threaded_api.add_page(error_body(403, "forbidden"), status=403)

    with PollerRun(threaded_api) as run:
        run.join()
        requests_at_end = len(threaded_api.requests)
        run.thread.join(0.5)

    assert len(threaded_api.requests) == requests_at_end
    assert run.final.state is PollerState.FAILED
    assert "members-only" in run.final.message
