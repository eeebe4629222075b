"""The measured benchmark cases, each run in a fresh process by `run.py`.

Run one case by hand, for example under a profiler:

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m pyinstrument \\
        benchmarks/bench_cases.py ingest --params '{"page_items": 2000,
        "prefill_rows": 5000, "trials": 3, "avatar_base_url": "http://127.0.0.1:9"}'

Nothing normally listens on port 9 of 127.0.0.1, so avatar requests to it fail
at once. The case prints one JSON object on stdout: `metrics` with the figures that
`run.py` reports, and `notes` with context for the table.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from bench_gui import Heartbeat, PaintProbe, percentile, process_for, process_until
from bench_gui import rss_mb as current_rss_mb
from bench_pages import VIDEO_ID, PageBuilder, load_template_items
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from livechat_desktop.ui.window import ChatWindow
from livechat_desktop.youtube.models import ChatEvent, parse_message_page_json

logger = logging.getLogger(__name__)

Result = dict[str, dict[str, Any]]
API_KEY = "bench-key"
PAINT_TIMEOUT_S = 30.0


def _builder(avatar_base_url: str, author_count: int) -> PageBuilder:
    templates, _source = load_template_items()
    return PageBuilder(templates, avatar_base_url, author_count)


def _parsed_events(builder: PageBuilder, count: int) -> tuple[ChatEvent, ...]:
    """Build a page as JSON bytes and parse it the way the client does."""
    body = builder.page_bytes(count)
    return parse_message_page_json(body).events


def _application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    return QApplication(sys.argv[:1])


def _shown_window(api_base_url: str) -> tuple[ChatWindow, PaintProbe]:
    _application()
    window = ChatWindow(api_key=API_KEY, api_base_url=api_base_url)
    probe = PaintProbe(window.view)
    window.show()
    if not process_until(lambda: probe.paint_count > 0, PAINT_TIMEOUT_S):
        raise RuntimeError("The chat window was never painted.")
    return window, probe


def _deliver_and_paint(
    window: ChatWindow, probe: PaintProbe, events: tuple[ChatEvent, ...]
) -> float:
    """Hand a batch to the window as the worker does; return ms to its paint."""
    probe.last_row_painted = False
    start_s = time.perf_counter()
    window._on_worker_events_received(events)
    if not process_until(lambda: probe.last_row_painted, PAINT_TIMEOUT_S):
        raise RuntimeError(f"A batch of {len(events)} rows was never painted.")
    return (time.perf_counter() - start_s) * 1000


def measure_parse(params: dict[str, Any]) -> Result:
    """Time JSON bytes of a page to `ChatEvent`s, as the client parses them."""
    items = int(params["page_items"])
    repeats = int(params["repeats"])
    templates, source = load_template_items()
    builder = PageBuilder(templates, params["avatar_base_url"], items)
    body = builder.page_bytes(items)

    rates: list[float] = []
    for _ in range(repeats):
        start_s = time.perf_counter()
        page = parse_message_page_json(body)
        elapsed_s = time.perf_counter() - start_s
        if len(page.events) != items:
            raise RuntimeError(f"Parsed {len(page.events)} of {items} items.")
        rates.append(items / elapsed_s)

    return {
        "metrics": {"parse_msgs_per_s": statistics.median(rates)},
        "notes": {
            "templates": source,
            "page_bytes": len(body),
            "repeats": repeats,
            "best_msgs_per_s": max(rates),
        },
    }


def measure_ingest(params: dict[str, Any]) -> Result:
    """Time from a page reaching the window to the paint that shows its last row."""
    page_items = int(params["page_items"])
    builder = _builder(params["avatar_base_url"], author_count=5000)
    window, probe = _shown_window(params["avatar_base_url"])

    prefill_rows = int(params["prefill_rows"])
    prefill = _parsed_events(builder, prefill_rows)
    _deliver_and_paint(window, probe, prefill)
    process_for(0.2)
    rows_before = window.model.rowCount()

    times_ms: list[float] = []
    for _ in range(int(params["trials"])):
        events = _parsed_events(builder, page_items)
        times_ms.append(_deliver_and_paint(window, probe, events))
        # Lets the avatar replies of the new rows land between trials.
        process_for(0.2)
    window.close()

    return {
        "metrics": {"page2000_ingest_ms": statistics.median(times_ms)},
        "notes": {
            "page_items": page_items,
            "rows_before_first_page": rows_before,
            "rows_after": window.model.rowCount(),
            "trials_ms": [round(value, 1) for value in times_ms],
        },
    }


def measure_sustained(params: dict[str, Any]) -> Result:
    """Poll the fake API at 500 messages a second and record heartbeat stalls."""
    duration_s = float(params["duration_s"])
    app = _application()
    window, _probe = _shown_window(params["api_base_url"])
    heartbeat = Heartbeat()

    cpu_s = [0.0]

    def finish() -> None:
        # Measured before quitting, which closes the window and stops the
        # polling thread: shutting down is not part of the sustained load.
        heartbeat.stop()
        cpu_s[0] = time.process_time() - cpu_start_s
        app.quit()

    heartbeat.start()
    cpu_start_s = time.process_time()
    window.connect_video(VIDEO_ID)
    QTimer.singleShot(round(duration_s * 1000), finish)
    app.exec()
    status = window.last_status
    window.close()

    delivered = status.message_count if status is not None else 0
    stalls = heartbeat.stalls_ms
    return {
        "metrics": {
            "sustained_stall_p99_ms": percentile(stalls, 0.99),
            "sustained_stall_max_ms": max(stalls, default=0.0),
            "sustained_cpu_s": cpu_s[0],
        },
        "notes": {
            "duration_s": duration_s,
            "messages_delivered": delivered,
            "messages_per_s": delivered / duration_s,
            "heartbeats": len(stalls),
            "stall_p50_ms": percentile(stalls, 0.5),
            "state": status.state.value if status is not None else None,
            "rows_at_end": window.model.rowCount(),
        },
    }


def measure_memory(params: dict[str, Any]) -> Result:
    """Push many messages through a window that keeps 5,000 rows; sample VmRSS."""
    total = int(params["total_messages"])
    batch_size = int(params["batch_messages"])
    builder = _builder(params["avatar_base_url"], int(params["author_count"]))
    window, probe = _shown_window(params["avatar_base_url"])
    avatars_ready = _counter(window.avatars.avatar_ready.connect)
    rss_start_mb = current_rss_mb()

    delivered = 0
    rss_half_mb: float | None = None
    while delivered < total:
        count = min(batch_size, total - delivered)
        _deliver_and_paint(window, probe, _parsed_events(builder, count))
        delivered += count
        process_for(0.002)
        if rss_half_mb is None and delivered >= total / 2:
            rss_half_mb = current_rss_mb()
    # Lets the last avatar replies land before the final sample.
    process_for(1.0)
    rss_end_mb = current_rss_mb()
    rows = window.model.rowCount()
    window.close()

    return {
        "metrics": {
            "rss_mb_5000_retained": rss_end_mb,
            "rss_growth_mb_last_half": rss_end_mb - (rss_half_mb or rss_end_mb),
        },
        "notes": {
            "messages": delivered,
            "batch_messages": batch_size,
            "rows_kept": rows,
            "rss_after_window_shown_mb": rss_start_mb,
            "rss_at_half_mb": rss_half_mb,
            "avatars_loaded": avatars_ready(),
        },
    }


def measure_avatar_storm(params: dict[str, Any]) -> Result:
    """Scroll through 2,000 authors whose avatars arrive slowly; record stalls.

    Only painted rows request their avatar, so the view is scrolled from the
    top to the bottom, which requests every author's avatar. The storm lasts
    until no avatar has arrived for a second after the scroll, or until
    `max_s`.
    """
    authors = int(params["authors"])
    scroll_s = float(params["scroll_s"])
    max_s = float(params["max_s"])
    app = _application()
    builder = _builder(params["avatar_base_url"], author_count=authors)
    window, probe = _shown_window(params["avatar_base_url"])
    _deliver_and_paint(window, probe, _parsed_events(builder, authors))
    last_ready_s = [time.perf_counter()]
    avatars_ready = _counter(window.avatars.avatar_ready.connect)
    window.avatars.avatar_ready.connect(
        lambda _url: last_ready_s.__setitem__(0, time.perf_counter())
    )
    heartbeat = Heartbeat()
    bar = window.view.verticalScrollBar()
    bar.setValue(0)

    start_s = time.perf_counter()
    storm_s = [0.0]

    def step() -> None:
        elapsed_s = time.perf_counter() - start_s
        if elapsed_s < scroll_s:
            bar.setValue(round(bar.maximum() * elapsed_s / scroll_s))
            return
        bar.setValue(bar.maximum())
        quiet = time.perf_counter() - last_ready_s[0] > 1.0
        if quiet or elapsed_s > max_s:
            # Stopped first: quitting closes the window, which waits for the
            # downloads still running, and that is not part of the storm.
            heartbeat.stop()
            storm_s[0] = time.perf_counter() - start_s
            app.quit()

    scroller = QTimer()
    scroller.setInterval(50)
    scroller.timeout.connect(step)
    heartbeat.start()
    scroller.start()
    app.exec()
    scroller.stop()
    window.close()

    stalls = heartbeat.stalls_ms
    return {
        "metrics": {"avatar_storm_stall_max_ms": max(stalls, default=0.0)},
        "notes": {
            "authors": authors,
            "avatars_loaded": avatars_ready(),
            "storm_s": storm_s[0],
            "stall_p99_ms": percentile(stalls, 0.99),
        },
    }


def _counter(connect: Callable[[Callable[[str], None]], object]) -> Callable[[], int]:
    """Connect a counting slot to a signal; return a function that reads it."""
    count = [0]

    def increment(_value: str) -> None:
        count[0] += 1

    connect(increment)
    return lambda: count[0]


CASES: dict[str, Callable[[dict[str, Any]], Result]] = {
    "parse": measure_parse,
    "ingest": measure_ingest,
    "sustained": measure_sustained,
    "memory": measure_memory,
    "avatar_storm": measure_avatar_storm,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run one benchmark case.")
    parser.add_argument("case", choices=sorted(CASES))
    parser.add_argument(
        "--params", default="{}", help="the case's parameters as a JSON object"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    result = CASES[args.case](json.loads(args.params))
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
