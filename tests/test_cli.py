"""The command line: help on every subcommand, documented exit codes, no tracebacks."""

from __future__ import annotations

import errno
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.config import PROJECT_ROOT


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


@pytest.fixture()
def busy_port() -> Iterator[int]:
    """A loopback port another server holds for the length of the test."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


def test_serve_on_a_port_in_use_names_the_fix_and_exits_2(
    store_descriptor: str, busy_port: int
) -> None:
    result = CliRunner().invoke(main, ["serve", "--store", store_descriptor, "--port", str(busy_port)])
    assert result.exit_code == 2
    assert (
        f"port {busy_port} is in use (another server?); give --port N or set MANDATE_GRAPH_PORT"
        in result.output
    )
    assert "Traceback" not in result.output and "Errno" not in result.output


def test_serve_takes_its_port_from_mandate_graph_port(store_descriptor: str, busy_port: int) -> None:
    result = CliRunner().invoke(
        main, ["serve", "--store", store_descriptor], env={"MANDATE_GRAPH_PORT": str(busy_port)}
    )
    assert result.exit_code == 2
    assert f"port {busy_port} is in use" in result.output


def test_serve_on_an_address_of_another_machine_exits_2(store_descriptor: str) -> None:
    # 203.0.113.0/24 is reserved for documentation: never an address of this machine.
    result = CliRunner().invoke(main, ["serve", "--store", store_descriptor, "--host", "203.0.113.1"])
    assert result.exit_code == 2
    assert "cannot listen on 203.0.113.1:8000: 203.0.113.1 is not an address of this machine" in result.output
    assert "--host" in result.output and "Traceback" not in result.output


def test_serve_on_a_host_that_does_not_resolve_exits_2(store_descriptor: str) -> None:
    result = CliRunner().invoke(main, ["serve", "--store", store_descriptor, "--host", "no-such-host.invalid"])
    assert result.exit_code == 2
    assert "'no-such-host.invalid' is not an address or a host name that resolves" in result.output


def test_serve_on_a_low_port_without_the_right_says_permission_denied(
    store_descriptor: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The tests may run as root, who may bind port 80: the kernel's refusal is simulated.
    def refuse(*_: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(socket.socket, "bind", refuse)
    result = CliRunner().invoke(main, ["serve", "--store", store_descriptor, "--port", "80"])
    assert result.exit_code == 2
    assert (
        "cannot listen on port 80: permission denied (ports below 1024 need administrator "
        "rights); give --port N or set MANDATE_GRAPH_PORT" in result.output
    )


@pytest.mark.parametrize(
    ("args", "env"), [(["--port", "70000"], {}), ([], {"MANDATE_GRAPH_PORT": "70000"})]
)
def test_serve_refuses_a_port_that_is_not_a_tcp_port(
    store_descriptor: str, args: list[str], env: dict[str, str]
) -> None:
    result = CliRunner().invoke(main, ["serve", "--store", store_descriptor, *args], env=env)
    assert result.exit_code == 2
    assert "70000" in result.output and "Traceback" not in result.output


def test_make_serve_passes_port_through() -> None:
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    assert "serve --port $(PORT)" in makefile
    assert "PORT ?= $(or $(MANDATE_GRAPH_PORT),8000)" in makefile


def test_eval_errors_of_an_unknown_category_lists_the_categories_and_exits_2() -> None:
    result = CliRunner().invoke(main, ["eval", "--errors", "perod"])
    assert result.exit_code == 2
    assert "Invalid value for '--errors': no category 'perod'; choose one of: " in result.output
    for category in ("organ", "period", "dated_meeting", "reporting_deadline"):
        assert category in result.output
    assert "gold  found" not in result.output  # no table of scores as if the category existed
