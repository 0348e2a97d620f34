"""`mandate-graph eval --all`: every source of gold in one table, the splits apart."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from graph.cli import main
from graph.evaluate_all import Row, format_rows

AKN = Path(__file__).parent / "data" / "akn"
TRIO = sorted(AKN.glob("S_RES_2722-*.xml"))  # S/RES/2722 (2024): tuning split (2722 % 4 == 2)


def test_eval_all_prints_one_table_of_every_source_and_split() -> None:
    result = CliRunner().invoke(main, ["eval", "--all", *map(str, TRIO)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert lines[0].split() == ["source", "split", "field", "gold", "found", "P", "R", "F1"]
    assert sum(1 for line in lines if line.startswith("source")) == 1  # one table
    sources = {line[:18].strip() for line in lines[2:]}
    assert {"corpus gold", "held-out texts", "AKN markup", "plain text (en)", "plain text (fr)",
            "plain text (es)", "mandate gold"} <= sources
    # the three versions of S/RES/2722 agree with their markup on their 11 paragraphs
    numbers = next(line for line in lines if line.startswith("AKN markup")
                   and "tuning" in line and "paragraph numbers" in line)
    assert numbers.split()[-5:-3] == ["33", "33"]
    assert numbers.endswith("1.000")
    # the mandates the held-out texts state are summed in rows of their own, recall only
    tied = [line.split() for line in lines if line.startswith("held-out texts")
            and "mandate tied:" in line]
    assert [row[6] for row in tied] == ["resolution", "organ", "both"]
    assert all(row[-3] == "-" and row[-1] == "-" for row in tied)
    assert not any(line.startswith("held-out texts") and " stated_mandate " in line
                   for line in lines)
    # the mandate gold is scored on both splits, apart
    assert any(line.startswith("mandate gold") and "held out" in line and " act " in line
               for line in lines)
    assert any(line.startswith("mandate gold") and "tuning" in line and " act " in line
               for line in lines)


def test_an_undefined_figure_is_a_dash_not_a_zero() -> None:
    table = format_rows([Row("held-out texts", "held out", "officer", 0, 4, 0.0, None)])
    row = table.splitlines()[-1].split()
    assert row[-3:] == ["0.000", "-", "-"]


def test_a_source_that_cannot_be_built_is_a_message_and_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["eval", "--all", str(tmp_path)])
    assert result.exit_code == 2
    assert "unsupported document type" in result.output
    assert "Traceback" not in result.output
