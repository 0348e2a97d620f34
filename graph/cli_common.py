"""What the `mandate-graph` subcommands share: exit codes, the input error, the options several
commands take (one definition, so that `--build-dir` or `--format` reads the same everywhere).

Exit codes, for every subcommand: 0 success; 1 the data does not conform (validation);
2 usage or input error (a bad argument, an unreadable file, a malformed query).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from graph.config import DEFAULT_BUILD_DIR

EXIT_OK, EXIT_NONCONFORMING, EXIT_INPUT = 0, 1, 2

#: the store of the current release of the default build
CURRENT_STORE = f"oxigraph:{DEFAULT_BUILD_DIR / 'current' / 'store'}"

Command = TypeVar("Command", bound=Callable[..., Any])


class InputError(click.ClickException):
    """Bad input from the user: shown as one message, exit code 2, never a traceback."""

    exit_code = EXIT_INPUT


def build_dir_option(help: str | None = None) -> Callable[[Command], Command]:
    """``--build-dir``: the folder of releases a command reads or writes."""
    return click.option(
        "--build-dir", type=click.Path(path_type=Path), default=DEFAULT_BUILD_DIR,
        show_default=True, help=help,
    )


def format_option(*choices: str, help: str | None = None) -> Callable[[Command], Command]:
    """``--format`` (the parameter ``fmt``) among ``choices``, the first the default."""
    return click.option(
        "--format", "fmt", type=click.Choice(list(choices)), default=choices[0],
        show_default=True, help=help,
    )


def output_option(help: str) -> Callable[[Command], Command]:
    """``--output FILE``: where a report is written; see :func:`write_output`."""
    return click.option(
        "--output", type=click.Path(path_type=Path, dir_okay=False), default=None, help=help
    )


def folder_option(*names: str, help: str) -> Callable[[Command], Command]:
    """An option naming a folder (``names``: the option, then maybe its parameter), default none."""
    return click.option(
        *names, type=click.Path(path_type=Path, file_okay=False), default=None, help=help
    )


base_option = click.option(
    "--base", default=None, help="Data base IRI (default: MANDATE_GRAPH_BASE or the project's)."
)
store_option = click.option(
    "--store", default=None, help="Store descriptor (default: the current build)."
)


def write_output(path: Path, text: str, what: str) -> None:
    """Write ``text`` (the ``what``: "report", "diff") to ``path``; an input error if it cannot."""
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as err:
        raise InputError(f"{path}: cannot write the {what}: {err}") from err
