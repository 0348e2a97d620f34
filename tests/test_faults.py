"""Faults: a build killed mid-write, a query worker killed mid-query, a disk that fills up.

Each fault is made for real — SIGKILL of the `mandate-graph build` process at several points of
its work, SIGKILL of the worker process running a query in the real server, a small tmpfs as the
build dir — and the test checks what a user relies on: the previous graph stays current and
answers, a clear error instead of a hang or a traceback, and the next build succeeds.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.build import text_sources
from tests.conftest import start_server, stop_server

pytestmark = [pytest.mark.slow]

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
#: Points of a build at which it is killed: what exists in its staging dir at that moment.
KILL_POINTS = {
    "staging-created": "",
    "store-being-written": "store",
    "dump-written": "graph.nq",
}


def run_build(build_dir: Path, sources: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "graph.cli", "build", "--force", "--build-dir", str(build_dir),
         str(sources)],
        capture_output=True, text=True, timeout=300, check=False,
    )


def current_target(build_dir: Path) -> str:
    return os.readlink(build_dir / "current")


def quad_count(build_dir: Path) -> int:
    """Statements of the current release, read the way the server's workers read it."""
    store = ox.Store.read_only(str(build_dir / "current" / "store"))
    [row] = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return int(row["n"].value)


def digest(build_dir: Path) -> str:
    """The SHA-256 of the current release's N-Quads dump: the graph's identity."""
    release = json.loads((build_dir / "current" / "release.json").read_text(encoding="utf-8"))
    return str(release["sha256"])


def staging_dirs(build_dir: Path) -> list[Path]:
    return sorted((build_dir / "releases").glob(".tmp-*"))


@pytest.fixture(scope="module")
def corpus_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("corpus")
    for path in text_sources():
        shutil.copy2(path, target / path.name)
    return target


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, corpus_copy: Path) -> Path:
    build_dir = tmp_path_factory.mktemp("faults-build")
    done = run_build(build_dir, corpus_copy)
    assert done.returncode == 0, done.stderr
    return build_dir


def kill_build_when(build_dir: Path, sources: Path, inside: str) -> bool:
    """Start a build, SIGKILL it once its staging dir holds ``inside``; False if it finished."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "graph.cli", "build", "--force", "--build-dir", str(build_dir),
         str(sources)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            if any((staging / inside).exists() for staging in staging_dirs(build_dir)):
                proc.send_signal(signal.SIGKILL)
                proc.wait(30)
                return True
            time.sleep(0.002)
        return False
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(30)


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_a_build_killed_mid_write_leaves_the_previous_graph_current(
    built: Path, corpus_copy: Path, point: str
) -> None:
    before, quads, graph = current_target(built), quad_count(built), digest(built)
    if not kill_build_when(built, corpus_copy, KILL_POINTS[point]):
        pytest.skip(f"the build finished before reaching {point!r}: nothing was killed")
    assert staging_dirs(built), "the killed build should have left its staging dir"
    assert current_target(built) == before
    assert quad_count(built) == quads
    again = run_build(built, corpus_copy)
    assert again.returncode == 0, again.stderr
    assert current_target(built) != before
    assert digest(built) == graph  # the same corpus, the same graph
    assert staging_dirs(built) == [], "the abandoned staging dir was not cleaned"


@pytest.mark.server
def test_the_server_keeps_answering_while_a_build_is_killed(
    built: Path, corpus_copy: Path
) -> None:
    proc, url = start_server(f"oxigraph:{built / 'current' / 'store'}")
    try:
        before = current_target(built)
        assert kill_build_when(built, corpus_copy, "store")
        assert current_target(built) == before
        query = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?s a mg:Mandate }")
        with urllib.request.urlopen(f"{url}/sparql?query={query}", timeout=30) as response:
            rows = json.load(response)["results"]["bindings"]
        assert int(rows[0]["n"]["value"]) > 0
    finally:
        stop_server(proc)


def worker_pids(server_pid: int) -> list[int]:
    """The server's query worker processes (spawned children; not the resource tracker)."""
    children: list[int] = []
    for task in Path(f"/proc/{server_pid}/task").iterdir():
        children += [int(p) for p in (task / "children").read_text().split()]
    workers = []
    for pid in children:
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in cmdline and b"resource_tracker" not in cmdline:
            workers.append(pid)
    return workers


@pytest.mark.server
def test_a_worker_killed_mid_query_is_replaced_and_its_request_told(
    store_descriptor: str,
) -> None:
    proc, url = start_server(store_descriptor, "--workers", "1", "--query-timeout", "120")
    try:
        [worker] = worker_pids(proc.pid)
        answer: dict[str, object] = {}

        def ask() -> None:
            query = urllib.parse.quote(RUNAWAY)
            try:
                urllib.request.urlopen(f"{url}/sparql?query={query}", timeout=100)
                answer["status"] = 200
            except urllib.error.HTTPError as err:
                answer["status"], answer["body"] = err.code, json.loads(err.read())

        asking = threading.Thread(target=ask)
        asking.start()
        time.sleep(1.0)  # the runaway query is now on the one worker
        os.kill(worker, signal.SIGKILL)
        asking.join(100)
        assert not asking.is_alive(), "the request hung after its worker was killed"
        assert answer["status"] == 500
        body = answer["body"]
        assert isinstance(body, dict) and body["status"] == 500
        assert "stopped unexpectedly" in body["error"] and "Traceback" not in body["error"]
        with urllib.request.urlopen(f"{url}/sparql?query=ASK%7B%7D", timeout=30) as response:
            assert response.status == 200
        assert worker_pids(proc.pid) and worker not in worker_pids(proc.pid)
    finally:
        stop_server(proc)


@pytest.fixture()
def tmpfs(tmp_path: Path) -> Iterator[callable]:  # type: ignore[valid-type]
    """``tmpfs(size)`` mounts a tmpfs of that size and returns its path; unmounted at teardown."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mounted: list[Path] = []

    def mount(size: str) -> Path:
        target = tmp_path / f"tmpfs-{len(mounted)}"
        target.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(target)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs: {done.stderr.strip()}")
        mounted.append(target)
        return target

    yield mount
    for target in mounted:
        subprocess.run(["umount", "-l", str(target)], check=False)


def assert_clear_failure(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "cannot write the build" in done.stderr and "No space left" in done.stderr
    assert "previous graph" in done.stderr


def test_a_full_disk_fails_the_build_with_a_message_and_loses_nothing(
    tmpfs: callable, built: Path, corpus_copy: Path  # type: ignore[valid-type]
) -> None:
    elsewhere = current_target(built), (built / "current" / "release.json").read_bytes()
    full = tmpfs("2m")
    done = run_build(full / "build", corpus_copy)
    assert_clear_failure(done)
    assert not (full / "build" / "current").exists()
    assert staging_dirs(full / "build") == []
    # The release served from another build dir is untouched.
    assert (current_target(built), (built / "current" / "release.json").read_bytes()) == elsewhere


def test_a_disk_that_fills_during_a_rebuild_keeps_the_current_release(
    tmpfs: callable, corpus_copy: Path  # type: ignore[valid-type]
) -> None:
    disk = tmpfs("160m")
    build_dir = disk / "build"
    assert run_build(build_dir, corpus_copy).returncode == 0
    before, quads = current_target(build_dir), quad_count(build_dir)
    free = shutil.disk_usage(disk).free
    filler = disk / "filler"
    with filler.open("wb") as out:  # leave 2 MB: the next store cannot be written
        out.truncate(0)
        chunk = b"\0" * (1 << 20)
        for _ in range(max(0, free - (2 << 20)) >> 20):
            out.write(chunk)
    done = run_build(build_dir, corpus_copy)
    assert_clear_failure(done)
    assert current_target(build_dir) == before
    assert quad_count(build_dir) == quads
    assert staging_dirs(build_dir) == []
    filler.unlink()
    assert run_build(build_dir, corpus_copy).returncode == 0
    assert current_target(build_dir) != before
