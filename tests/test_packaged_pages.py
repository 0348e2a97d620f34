"""The installed package serves every page: the files the server reads beside its modules —
templates (also in folders), static files, its own .rq queries (also in folders), the page
words (ui-strings.toml) — are package data of the distribution (pyproject.toml), so that a
wheel (``pip install .``) holds them, not only a checkout.

The fast test matches the files of server/ against the package-data globs of pyproject.toml;
the slow ones build the wheel, list what it holds, and serve the pages from it unpacked (the
checkout off the path), as an installed package would.
"""

from __future__ import annotations

import json
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


#: The pages an installed package must serve (the shipped corpus's things).
PAGES = ["/", "/resolutions", "/mandates", "/reports-due", "/id/organ/oas-csh",
         "/id/source/csh-work-plan-2019-2020", "/id/resolution/oas-ag-res-2945",
         "/documents/csh-work-plan-2019-2020", "/coverage",
         "/timeline", "/graph", "/graph?root=/id/resolution/oas-ag-res-2945", "/queries",
         "/queries/mandates-per-organ", "/query", "/ontology"]
SERVE = """
import json, sys
from server import close_app, create_app
from server.settings import Settings
app = create_app(Settings(store=sys.argv[1]))
client = app.test_client()
print(json.dumps({p: client.get(p, headers={"Accept": "text/html"}).status_code
                  for p in json.loads(sys.argv[2])}))
close_app(app)
"""


@pytest.mark.slow
def test_the_installed_wheel_serves_every_page(tmp_path: Path, store_descriptor: str) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path),
         str(ROOT)], capture_output=True, text=True, timeout=600)
    if built.returncode != 0:
        pytest.skip(f"no wheel could be built here: {built.stderr[-500:]}")
    installed = tmp_path / "site"
    zipfile.ZipFile(next(tmp_path.glob("mandate_graph-*.whl"))).extractall(installed)
    served = subprocess.run(
        [sys.executable, "-c", SERVE, store_descriptor, json.dumps(PAGES)], cwd=tmp_path,
        env={"PYTHONPATH": str(installed), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=300)
    assert served.returncode == 0, served.stderr[-2000:]
    statuses = json.loads(served.stdout.strip().splitlines()[-1])
    assert {p: s for p, s in statuses.items() if s != 200} == {}
