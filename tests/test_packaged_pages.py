"""The installed package serves every page: the files the server reads beside its modules —
templates (also in folders), static files, its own .rq queries (also in folders), the page
words (ui-strings.toml) — are package data of the distribution (pyproject.toml), so that a
wheel (``pip install .``) holds them, not only a checkout.

The fast test matches the files of server/ against the package-data globs of pyproject.toml;
the slow one builds the wheel and lists what it holds.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SERVER = ROOT / "server"


def read_by_the_server() -> set[str]:
    """Every file under server/ that is not Python source (or its cache), relative to it."""
    return {
        path.relative_to(SERVER).as_posix()
        for path in SERVER.rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts
    }


def package_data() -> set[str]:
    """The files of server/ that the package-data globs of pyproject.toml select."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["server"]
    return {path.relative_to(SERVER).as_posix()
            for pattern in patterns for path in SERVER.glob(pattern) if path.is_file()}


def test_every_file_the_server_reads_is_package_data() -> None:
    missing = read_by_the_server() - package_data()
    assert not missing, f"add to [tool.setuptools.package-data] server: {sorted(missing)}"


def test_the_kinds_of_file_the_server_reads_are_all_there() -> None:
    data = package_data()
    assert "ui-strings.toml" in data
    assert "queries/resolution-page.rq" in data and "queries/graph/edges.rq" in data
    assert "templates/queries/index.html" in data and "templates/base.html" in data
    assert "static/js/words.js" in data


@pytest.mark.slow
def test_the_wheel_holds_the_server_files(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path),
         str(ROOT)], capture_output=True, text=True, timeout=600)
    if built.returncode != 0:
        pytest.skip(f"no wheel could be built here: {built.stderr[-500:]}")
    wheel = next(tmp_path.glob("mandate_graph-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = {f"server/{name}" for name in read_by_the_server()} - names
    assert not missing, sorted(missing)
