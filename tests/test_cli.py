"""The command line: help on every subcommand, documented exit codes, no tracebacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import main


@pytest.mark.parametrize("command", [[], ["build"], ["query"], ["serve"]])
def test_every_command_has_help(command: list[str]) -> None:
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_query_prints_a_table(store_descriptor: str) -> None:
    result = CliRunner().invoke(
        main,
        [
            "query",
            "--store",
            store_descriptor,
            "SELECT ?a WHERE { ?o mg:acronym ?a FILTER(?o = <https://w3id.org/mandate-graph/id/organ/oas-csh>) } LIMIT 1",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "CSH" in result.output


def test_bad_query_exits_2_with_a_message_not_a_traceback(store_descriptor: str) -> None:
    result = CliRunner().invoke(main, ["query", "--store", store_descriptor, "SELEC nothing"])
    assert result.exit_code == 2
    assert "SPARQL syntax error" in result.output
    assert "Traceback" not in result.output


def test_missing_store_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["query", "--store", f"oxigraph:{tmp_path / 'none'}", "ASK {}"]
    )
    assert result.exit_code == 2
    assert "build the graph first" in result.output


def test_build_of_a_missing_file_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["build", "--build-dir", str(tmp_path), str(tmp_path / "nope.txt")]
    )
    assert result.exit_code == 2
    assert "no such file" in result.output
