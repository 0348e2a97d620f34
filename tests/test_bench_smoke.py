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
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--smoke", "--output", str(output),
         "--work", str(tmp_path / "work")],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    text = output.read_text(encoding="utf-8")
    for section in ("Bulk load", "Named queries at 10k", "Endpoint throughput", "Validation"):
        assert section in text
    assert "## Targets" in text
