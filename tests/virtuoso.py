"""A throwaway Virtuoso server for tests of the external-store backend.

``start_virtuoso(directory)`` finds (or installs with apt-get) ``virtuoso-t``, writes a minimal
``virtuoso.ini`` into ``directory`` with free loopback ports, starts the server in the
foreground as a child process and returns once ``/sparql`` answers. ``VirtuosoServer.stop()``
ends it (terminate, then kill).

Installation. Debian's ``virtuoso-opensource-7-bin`` alone is installed, without recommends:
it holds ``virtuoso-t`` and ``isql-vt``, which is all a test server needs. The full
``virtuoso-opensource`` metapackage would also ask debconf for a DBA password, start a system
daemon on the fixed ports 1111/8890 and pull in the web admin packages. Set
``MANDATE_GRAPH_VIRTUOSO_INSTALL=0`` to skip these tests instead of installing anything.

Loading. Data goes in through Virtuoso's *authenticated* SPARQL 1.1 Graph Store endpoint
(``/sparql-graph-crud-auth``), as user ``dba`` with Digest authentication, one POST of N-Triples
per named graph. We chose it because it needs nothing but HTTP (no ``isql`` session, no
``DirsAllowed`` file dance as for ``ld_dir``/``TTLP_MT``), it is the very code path a deployment
uses (``SparqlHttpStore`` with ``graph_store_url``), it keeps named graphs, it takes ~0.1 s for
the corpus, and it leaves the anonymous ``/sparql`` endpoint read-only as in production, instead
of granting ``SPARQL_UPDATE`` to the anonymous ``SPARQL`` user. ``dba``/``dba`` is the default
account of a fresh database; this one lives in a temp directory and listens on loopback only.

Time limit. ``[SPARQL] MaxQueryExecutionTime`` (``max_query_seconds``) stops a query that runs
longer on the server itself, so that one runaway query cannot hold a server thread (and a CPU)
for good: a client that gives up does not stop Virtuoso. Clients that do not send Virtuoso's
``timeout`` parameter (ours never do) get all or nothing: the whole answer, or HTTP 500 ``S1T00
Error SR171: Transaction timed out``. With ``timeout`` Virtuoso switches to "anytime" answers:
HTTP 200 with *partial* results, flagged only by the ``X-SQL-State`` / ``X-SQL-Message``
headers. The limit bounds execution only, not the writing of a large answer (Virtuoso 7.2 writes
SPARQL JSON at roughly 1 ms a row). ``MaxQueryCostEstimationTime = 0`` leaves the refusal of a
query on its *estimated* cost off: the estimates are often far off, and a refused query tells
nothing about how long it really takes.

Virtuoso 7.2 never answers a POST with ``Content-Type: application/sparql-query`` (and spins a
CPU while the connection stays open): send queries as a form (``query=...``), as
``graph.store.remote`` does.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from tests.apt import apt_install

PACKAGE = "virtuoso-opensource-7-bin"
DBA = ("dba", "dba")
START_TIMEOUT = 120.0


class VirtuosoUnavailable(Exception):
    """Virtuoso is not installed and cannot be installed here: tests using it are skipped."""


class VirtuosoFailed(Exception):
    """Virtuoso is installed but did not start: a real failure, not a reason to skip."""


@dataclass
class Timings:
    """Seconds spent on each step, for reports (``install`` is 0 when it was already there)."""

    install: float = 0.0
    start: float = 0.0


@dataclass
class VirtuosoServer:
    """A running Virtuoso: its endpoints, credentials and process."""

    base_url: str
    directory: Path
    process: subprocess.Popen[bytes]
    timings: Timings = field(default_factory=Timings)

    @property
    def sparql_url(self) -> str:
        """The anonymous, read-only SPARQL endpoint."""
        return self.base_url + "/sparql"

    @property
    def update_url(self) -> str:
        """The SPARQL endpoint that takes updates from authenticated users (Digest)."""
        return self.base_url + "/sparql-auth"

    @property
    def graph_store_url(self) -> str:
        """The authenticated SPARQL 1.1 Graph Store HTTP Protocol endpoint."""
        return self.base_url + "/sparql-graph-crud-auth"

    @property
    def auth(self) -> tuple[str, str]:
        return DBA

    def log(self) -> str:
        """The server's log, to explain a failure."""
        path = self.directory / "virtuoso.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        """Ask Virtuoso to shut down; kill it if it has not within 30 s."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def find_or_install() -> tuple[str, float]:
    """The path of ``virtuoso-t`` and the seconds spent installing it (0 if already there)."""
    found = shutil.which("virtuoso-t")
    if found:
        return found, 0.0
    if os.environ.get("MANDATE_GRAPH_VIRTUOSO_INSTALL", "1") == "0":
        raise VirtuosoUnavailable(
            f"virtuoso-t is not on PATH and MANDATE_GRAPH_VIRTUOSO_INSTALL=0: install {PACKAGE}"
        )
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        raise VirtuosoUnavailable(
            f"virtuoso-t is not on PATH and we are not root: `apt-get install {PACKAGE}` first"
        )
    started = time.perf_counter()
    apt_install([PACKAGE], VirtuosoUnavailable)
    found = shutil.which("virtuoso-t")
    if not found:
        raise VirtuosoUnavailable(f"{PACKAGE} was installed but virtuoso-t is not on PATH")
    return found, time.perf_counter() - started


def write_config(
    directory: Path, *, sql_port: int, http_port: int, max_query_seconds: int = 60
) -> Path:
    """A minimal virtuoso.ini: database files in ``directory``, both servers on loopback, each
    query's execution stopped by the server after ``max_query_seconds``."""
    d = directory.resolve()
    ini = d / "virtuoso.ini"
    ini.write_text(
        f"""\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
CheckpointInterval = 0
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = ., {d}
ThreadsPerQuery = 4

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}
MaxClientConnections = 8
ServerThreads = 8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = {max(1, int(max_query_seconds))}
MaxQueryCostEstimationTime = 0
""",
        encoding="utf-8",
    )
    return ini


def start_virtuoso(directory: Path, *, max_query_seconds: int = 60) -> VirtuosoServer:
    """Start Virtuoso with its database in ``directory``; the server stops any query that runs
    longer than ``max_query_seconds`` (see the module's docstring).

    Raises VirtuosoUnavailable when it cannot be installed, VirtuosoFailed when it will not start.
    """
    binary, install_seconds = find_or_install()
    directory.mkdir(parents=True, exist_ok=True)
    http_port = free_port()
    ini = write_config(directory, sql_port=free_port(), http_port=http_port,
                       max_query_seconds=max_query_seconds)
    started = time.perf_counter()
    with open(directory / "stdout.log", "wb") as out:
        process = subprocess.Popen(  # noqa: S603 (fixed command)
            [binary, "+foreground", "+configfile", str(ini)],
            cwd=directory, stdout=out, stderr=subprocess.STDOUT,
        )
    server = VirtuosoServer(f"http://127.0.0.1:{http_port}", directory, process)
    deadline = started + START_TIMEOUT
    probe = server.sparql_url + "?query=ASK%7B%7D"
    while True:
        failed = False
        try:
            with urllib.request.urlopen(probe, timeout=5) as response:  # noqa: S310
                response.read()
            break
        except urllib.error.HTTPError as err:
            err.close()  # not up yet: the HTTP server answers before /sparql is registered
            failed = process.poll() is not None or time.perf_counter() > deadline
        except (urllib.error.URLError, OSError):
            failed = process.poll() is not None or time.perf_counter() > deadline
        if failed:
            server.stop()
            raise VirtuosoFailed(
                f"Virtuoso did not start (exit code {process.returncode}): "
                + server.log()[-1500:]
            )
        time.sleep(0.1)
    server.timings = Timings(install=install_seconds, start=time.perf_counter() - started)
    return server
