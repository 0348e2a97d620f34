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
    for section in ("Bulk load", "Named queries at 10k", "Endpoint throughput", "Validation"):
        assert section in text
    assert "## Targets" in text
    targets = text.split("## Targets", 1)[1].split("## Figures", 1)[0]
    assert "From [RESULTS-separate.md](RESULTS-separate.md) — `bench/run.py --sizes 10m`" in targets
    assert "| 10m: everything completes | met | all |" in targets
