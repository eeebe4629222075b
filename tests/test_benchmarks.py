"""The benchmark suite runs end to end at tiny sizes and reports every figure.

No figure is compared with its budget here, because smoke-sized timings on a
shared test machine are not comparable with the budgets. `benchmarks/run.py`
reports full-sized figures against the budgets itself.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

RUN_SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "run.py"
EXPECTED_KEYS = {
    "parse_msgs_per_s",
    "page2000_ingest_ms",
    "sustained_stall_p99_ms",
    "sustained_stall_max_ms",
    "sustained_cpu_s",
    "rss_mb_5000_retained",
    "rss_growth_mb_last_half",
    "startup_first_paint_ms",
    "avatar_storm_stall_max_ms",
}


def test_smoke_run_writes_every_figure(tmp_path: Path) -> None:
    figures_path = tmp_path / "figures.json"

    completed = subprocess.run(
        [sys.executable, str(RUN_SCRIPT), "--smoke", "--json", str(figures_path)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )

    assert completed.returncode == 0, completed.stdout + completed.stderr
    figures = json.loads(figures_path.read_text(encoding="utf-8"))
    assert set(figures) == EXPECTED_KEYS
    for key in sorted(EXPECTED_KEYS):
        value = figures[key]
        assert isinstance(value, int | float), f"{key} is {value!r}"
        assert math.isfinite(value), f"{key} is {value!r}"
    assert "page2000_ingest_ms" in completed.stdout
