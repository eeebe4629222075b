"""Run the LiveChat Desktop benchmarks and print each figure against its budget.

    .venv/bin/python benchmarks/run.py [--quick | --smoke] [--json PATH]
                                       [--only CASE[,CASE...]]

Every case runs in a fresh Python process on Qt's offscreen platform, so one
case's memory and caches do not affect the next. This driver runs the local
fake API and avatar servers on 127.0.0.1 and stops them at the end. The full
run takes about 5.5 minutes on 2 cores, `--quick` under 3, and `--smoke` (tiny
sizes, for the test suite only) about 20 seconds.

The exit status is 0 whether or not the figures meet their budgets, because
a benchmark is not a test. It is 1 only when a case failed to run.
"""

from __future__ import annotations

import argparse
import compileall
import json
import logging
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Set before anything imports Qt, here and in every child process.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from bench_pages import PageBuilder, load_template_items
from bench_server import BenchServer

logger = logging.getLogger(__name__)

BENCH_DIR = Path(__file__).resolve().parent
PACKAGE_DIR = BENCH_DIR.parent / "livechat_desktop"
CASES_SCRIPT = BENCH_DIR / "bench_cases.py"
STARTUP_PROBE_SCRIPT = BENCH_DIR / "bench_startup_probe.py"
STARTUP_PREFIX = "first_row_paint_monotonic_s="
CASE_TIMEOUT_S = 600.0
STARTUP_TIMEOUT_S = 60.0
SLOW_AVATAR_DELAY_S = 0.2

CASE_NAMES = ("parse", "ingest", "sustained", "memory", "avatar_storm", "startup")
METRIC_KEYS = (
    "parse_msgs_per_s",
    "page2000_ingest_ms",
    "sustained_stall_p99_ms",
    "sustained_stall_max_ms",
    "sustained_cpu_s",
    "rss_mb_5000_retained",
    "rss_growth_mb_last_half",
    "startup_first_paint_ms",
    "avatar_storm_stall_max_ms",
)


@dataclass(frozen=True)
class Budget:
    """A limit on one figure: `at_least` for rates, otherwise a maximum."""

    limit: float
    at_least: bool = False

    def met_by(self, value: float) -> bool:
        return value >= self.limit if self.at_least else value <= self.limit

    def __str__(self) -> str:
        return f"{'>=' if self.at_least else '<='} {self.limit:g}"


# Budgets for a 2-core machine. "No growth after the cap" is read as at most
# 5 MiB over the second half of the memory run.
BUDGETS = {
    "parse_msgs_per_s": Budget(50_000, at_least=True),
    "page2000_ingest_ms": Budget(100),
    "sustained_stall_p99_ms": Budget(16),
    "rss_mb_5000_retained": Budget(150),
    "rss_growth_mb_last_half": Budget(5),
    "startup_first_paint_ms": Budget(1000),
}

# The sizes of each mode. `smoke` only proves that every case runs.
MODES: dict[str, dict[str, dict[str, Any]]] = {
    "full": {
        "parse": {"page_items": 2000, "repeats": 30},
        "ingest": {"page_items": 2000, "prefill_rows": 5000, "trials": 15},
        "sustained": {"duration_s": 60, "page_items": 500},
        "memory": {
            "total_messages": 50_000,
            "batch_messages": 500,
            "author_count": 3000,
        },
        "avatar_storm": {"authors": 2000, "scroll_s": 5, "max_s": 60},
        "startup": {"runs": 7},
    },
    "quick": {
        "parse": {"page_items": 2000, "repeats": 10},
        "ingest": {"page_items": 2000, "prefill_rows": 5000, "trials": 7},
        "sustained": {"duration_s": 15, "page_items": 500},
        "memory": {
            "total_messages": 50_000,
            "batch_messages": 2000,
            "author_count": 3000,
        },
        "avatar_storm": {"authors": 2000, "scroll_s": 3, "max_s": 15},
        "startup": {"runs": 3},
    },
    "smoke": {
        "parse": {"page_items": 200, "repeats": 2},
        "ingest": {"page_items": 200, "prefill_rows": 300, "trials": 2},
        "sustained": {"duration_s": 2, "page_items": 50},
        "memory": {
            "total_messages": 600,
            "batch_messages": 200,
            "author_count": 100,
        },
        "avatar_storm": {"authors": 100, "scroll_s": 0.5, "max_s": 2},
        "startup": {"runs": 1},
    },
}


@dataclass
class CaseResult:
    name: str
    metrics: dict[str, float]
    notes: dict[str, Any]
    error: str | None = None


def run_child_case(name: str, params: dict[str, Any]) -> CaseResult:
    """Run one case of `bench_cases.py` in a new process and read its JSON."""
    command = [sys.executable, str(CASES_SCRIPT), name, "--params", json.dumps(params)]
    completed = subprocess.run(
        command, capture_output=True, text=True, timeout=CASE_TIMEOUT_S, check=False
    )
    lines = completed.stdout.strip().splitlines()
    if completed.returncode != 0 or not lines:
        stderr_tail = "\n".join(completed.stderr.strip().splitlines()[-8:])
        return CaseResult(
            name,
            {},
            {},
            error=f"exit status {completed.returncode}: {stderr_tail}",
        )
    document = json.loads(lines[-1])
    return CaseResult(name, document["metrics"], document["notes"])


def run_startup(runs: int) -> CaseResult:
    """Time `--demo` from process start to its first painted chat row.

    The package's bytecode is compiled first, as Python caches it on the
    first start, so every run measures a later start. Where
    PYTHONDONTWRITEBYTECODE is set, Python would otherwise compile every
    module of the package again on each start.
    """
    compileall.compile_dir(PACKAGE_DIR, quiet=1)
    times_ms: list[float] = []
    for _ in range(runs):
        command = [sys.executable, str(STARTUP_PROBE_SCRIPT), "--demo"]
        command += ["--exit-after", str(STARTUP_TIMEOUT_S)]
        start_s = time.monotonic()
        completed = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=STARTUP_TIMEOUT_S + 30,
            check=False,
        )
        painted = [
            line.removeprefix(STARTUP_PREFIX)
            for line in completed.stdout.splitlines()
            if line.startswith(STARTUP_PREFIX)
        ]
        if completed.returncode != 0 or not painted:
            stderr_tail = "\n".join(completed.stderr.strip().splitlines()[-8:])
            return CaseResult(
                "startup",
                {},
                {},
                error=f"exit status {completed.returncode}, "
                f"{len(painted)} paint lines: {stderr_tail}",
            )
        times_ms.append((float(painted[0]) - start_s) * 1000)
    return CaseResult(
        "startup",
        {"startup_first_paint_ms": statistics.median(times_ms)},
        {"runs_ms": [round(value) for value in times_ms]},
    )


def run_cases(mode: str, selected: tuple[str, ...]) -> list[CaseResult]:
    """Start the servers, run the selected cases in order and stop the servers."""
    sizes = MODES[mode]
    templates, _source = load_template_items()
    api_sizes = sizes["sustained"]
    api_builder = PageBuilder(templates, "http://127.0.0.1", author_count=2000)
    fast = BenchServer(api_builder, page_size=int(api_sizes["page_items"]))
    slow = BenchServer(
        PageBuilder(templates, "http://127.0.0.1", author_count=1),
        avatar_delay_s=SLOW_AVATAR_DELAY_S,
    )
    results: list[CaseResult] = []
    host_check_ms = [host_check()]
    with fast, slow:
        # The API pages' avatar URLs must name the server's own port, which
        # is known only once it is bound.
        api_builder.set_avatar_base_url(fast.base_url)
        runners: dict[str, Callable[[], CaseResult]] = {
            "parse": lambda: run_child_case(
                "parse", {**sizes["parse"], "avatar_base_url": fast.base_url}
            ),
            "ingest": lambda: run_child_case(
                "ingest", {**sizes["ingest"], "avatar_base_url": fast.base_url}
            ),
            "sustained": lambda: run_child_case(
                "sustained", {**sizes["sustained"], "api_base_url": fast.base_url}
            ),
            "memory": lambda: run_child_case(
                "memory", {**sizes["memory"], "avatar_base_url": fast.base_url}
            ),
            "avatar_storm": lambda: run_child_case(
                "avatar_storm",
                {**sizes["avatar_storm"], "avatar_base_url": slow.base_url},
            ),
            "startup": lambda: run_startup(int(sizes["startup"]["runs"])),
        }
        for name in selected:
            print(f"running {name} ...", file=sys.stderr, flush=True)
            started_s = time.monotonic()
            result = runners[name]()
            result.notes["case_wall_s"] = round(time.monotonic() - started_s, 1)
            results.append(result)
            host_check_ms.append(host_check())
        results.append(
            CaseResult(
                "servers",
                {},
                {
                    "api_pages_served": fast.pages_served,
                    "avatars_served": fast.avatars_served,
                    "slow_avatars_served": slow.avatars_served,
                },
            )
        )
    results.append(CaseResult("host", {}, {"check_ms": host_check_ms}))
    return results


def host_check() -> float:
    """Return the milliseconds that a fixed pure-Python workload takes now.

    Other virtual machines on the same host can slow this one down by a
    factor of two or more. The check runs before the cases and after each,
    so a run on a slow host shows as larger values than usual.
    """
    document = {"items": [{"id": str(number), "n": number} for number in range(2000)]}
    start_s = time.perf_counter()
    for _ in range(20):
        json.loads(json.dumps(document))
    return round((time.perf_counter() - start_s) * 1000, 1)


def format_value(value: float | None) -> str:
    if value is None or math.isnan(value):
        return "n/a"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.1f}"


def print_table(metrics: dict[str, float | None], results: list[CaseResult]) -> None:
    rows = [("figure", "value", "budget", "result")]
    for key in METRIC_KEYS:
        value = metrics.get(key)
        budget = BUDGETS.get(key)
        if value is None or math.isnan(value):
            verdict = "not run" if budget is None else "FAIL (no figure)"
        elif budget is None:
            verdict = "-"
        else:
            verdict = "pass" if budget.met_by(value) else "FAIL"
        rows.append((key, format_value(value), str(budget or "-"), verdict))
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=True)]
        print("  ".join(cells).rstrip())
    print()
    for result in results:
        status = f"ERROR {result.error}" if result.error else json.dumps(result.notes)
        print(f"{result.name}: {status}")


def _finite_or_none(value: float | None) -> float | None:
    """Return `value`, or None for a missing or NaN figure, which JSON lacks."""
    if value is None or math.isnan(value):
        return None
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument(
        "--quick", action="store_true", help="shorter runs, under 3 minutes in all"
    )
    size.add_argument(
        "--smoke",
        action="store_true",
        help="tiny sizes that only check that every case runs; figures are "
        "not comparable with the budgets",
    )
    parser.add_argument(
        "--json", metavar="PATH", type=Path, help="write the figures to PATH"
    )
    parser.add_argument(
        "--only",
        metavar="CASES",
        help=f"comma-separated cases to run, of {', '.join(CASE_NAMES)}",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    mode = "full"
    if args.smoke:
        mode = "smoke"
    elif args.quick:
        mode = "quick"
    selected = CASE_NAMES
    if args.only:
        selected = tuple(name.strip() for name in args.only.split(","))
        unknown = sorted(set(selected) - set(CASE_NAMES))
        if unknown:
            parser.error(f"unknown cases {unknown}; choose from {CASE_NAMES}")

    with tempfile.TemporaryDirectory(prefix="livechat-bench-") as home:
        # The app keeps settings, quota and an avatar disk cache in the XDG
        # folders, so each run gets empty ones of its own and leaves the
        # user's folders untouched.
        for variable in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
            os.environ[variable] = str(Path(home) / variable.lower())
        results = run_cases(mode, selected)
    metrics: dict[str, float | None] = dict.fromkeys(METRIC_KEYS)
    for result in results:
        metrics.update(result.metrics)
    print(f"mode: {mode}")
    print_table(metrics, results)
    if args.json is not None:
        figures = {key: _finite_or_none(metrics[key]) for key in METRIC_KEYS}
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 1 if any(result.error for result in results) else 0


if __name__ == "__main__":
    sys.exit(main())
