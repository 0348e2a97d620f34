"""`mandate-graph coverage`: per resolution and per organ, as a table and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from graph.cli import main


def test_coverage_json_counts_mandates(build_dir: Path) -> None:
    result = CliRunner().invoke(
        main, ["coverage", "--build-dir", str(build_dir), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    rows = {r["resolution"].rsplit("/", 1)[-1]: r for r in payload["resolutions"]}
    res = rows["oas-ag-res-2945"]
    assert res["mandates"] > 0
    assert res["withOrgan"] <= res["mandates"] and res["withActivity"] <= res["mandates"]
    organs = {r["organ"].rsplit("/", 1)[-1]: r for r in payload["organs"]}
    csh = organs["oas-csh"]
    assert csh["addressed"] <= csh["assigned"]
    # every mandate of the corpus is assigned; some come from conventions, not resolutions
    assert sum(r["assigned"] for r in payload["organs"]) >= sum(
        r["mandates"] for r in payload["resolutions"]
    )


def test_coverage_table(build_dir: Path) -> None:
    result = CliRunner().invoke(main, ["coverage", "--build-dir", str(build_dir)])
    assert result.exit_code == 0
    assert "resolutions:" in result.output and "organs:" in result.output
    assert "AG/RES. 2945" in result.output and "withDeadline" in result.output


def test_coverage_without_build_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["coverage", "--build-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "mandate-graph build" in result.output
