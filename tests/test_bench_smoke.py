"""The benchmark script still runs: its tiny version (``--smoke``), end to end, in seconds.

Figures are printed, never asserted: the machine is shared and timings vary.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
@pytest.mark.server
def test_bench_smoke(tmp_path: Path) -> None:
    output = tmp_path / "RESULTS.md"
    separate = tmp_path / "RESULTS-separate.md"  # a run of its own whose targets are repeated
    separate.write_text("# Benchmark results\n\nCommand: `bench/run.py --sizes 10m`\n\n"
                        "- date: 2026-01-01 00:00 UTC\n\n## Targets\n\n"
                        "| target | verdict | detail |\n|---|---|---|\n"
                        "| 10m: everything completes | met | all |\n\n## Figures\n",
                        encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--smoke", "--output", str(output),
         "--work", str(tmp_path / "work"), "--include", str(separate)],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    text = output.read_text(encoding="utf-8")
    for section in ("Bulk load", "Named queries at 20k", "Endpoint throughput", "Validation"):
        assert section in text
    assert "## Targets" in text
    targets = text.split("## Targets", 1)[1].split("## Figures", 1)[0]
    assert "From [RESULTS-separate.md](RESULTS-separate.md) — `bench/run.py --sizes 10m`" in targets
    assert "| 10m: everything completes | met | all |" in targets


def _results(targets: str) -> str:
    return ("# Benchmark results\n\nCommand: `bench/run.py --sizes 10m`\n\n- date: 2026-01-01 00:00 UTC"
            "\n\n## Targets\n\n| target | verdict | detail |\n|---|---|---|\n" + targets
            + "\n\n## Figures\n\n### A table\n\n| a |\n|---|\n| 1 |\n")


def test_refresh_included_rewrites_only_the_repeated_targets(tmp_path: Path) -> None:
    """A separate run that ends after the main one (plain pyshacl at 1M) reaches RESULTS.md
    without rerunning anything; the main run's own targets and figures stay as written."""
    import sys as _sys

    _sys.path.insert(0, str(ROOT))
    from bench.report import refresh_included

    separate = tmp_path / "RESULTS-separate.md"
    separate.write_text(_results("| validation (1m) | not measured | still running |"), "utf-8")
    main = tmp_path / "RESULTS.md"
    main.write_text(_results("| load (1m) | met | 0.9 |"), "utf-8")
    refresh_included(main, [separate])
    first = main.read_text("utf-8")
    assert "| validation (1m) | not measured | still running |" in first
    separate.write_text(_results("| validation (1m) | met | 200× identical |"), "utf-8")
    refresh_included(main, [separate])
    text = main.read_text("utf-8")
    assert "| validation (1m) | met | 200× identical |" in text and "still running" not in text
    assert text.count("From [RESULTS-separate.md]") == 1
    assert "| load (1m) | met | 0.9 |" in text and text.endswith("| 1 |\n")
    assert text.index("| load (1m)") < text.index("From [") < text.index("## Figures")


@pytest.mark.slow
@pytest.mark.server
def test_endpoint_profile_accounts_for_the_request(build_dir: Path) -> None:
    """bench/profile.py samples a real server: the query worker's part is there, and the parts
    add up to the whole of the server's busy time per request."""
    import sys as _sys

    _sys.path.insert(0, str(ROOT))
    from bench.profile import profile_endpoint
    from bench.report import Report

    report = Report()
    profile_endpoint(report, build_dir / "current" / "store", "officers-of-organ", 0.001,
                     seconds=4.0)
    table = report.tables[-1]
    assert not any(note.startswith("not run") for note in table.notes), table.notes
    parts = {row[0]: row for row in table.rows}
    assert "query worker (the query itself, the pipe to it)" in parts
    total = parts.pop("all busy samples")
    assert total[1] == "100%"
    shares = [int(row[1].rstrip("%")) for row in parts.values()]
    assert 97 <= sum(shares) <= 103  # rounded shares of the same samples
    assert float(total[2]) > 0
