"""The extraction modules stay small and say why they exist (issue 19: no extraction module over
500 lines, each module one job with a name and a docstring that explain it)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

EXTRACT = Path(__file__).resolve().parent.parent / "graph" / "extract"
MODULES = sorted(EXTRACT.rglob("*.py"))
MAX_LINES = 500


def test_the_extraction_package_is_found() -> None:
    assert len(MODULES) > 10, MODULES


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(EXTRACT).as_posix())
def test_module_is_at_most_500_lines(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{path.name} has {lines} lines: split it by job"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(EXTRACT).as_posix())
def test_module_says_why_it_exists(path: Path) -> None:
    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    assert docstring and len(docstring.split()) >= 8, f"{path.name} needs a module docstring"
