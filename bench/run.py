"""Benchmark: load, named queries, endpoint throughput, validation and the corpus build, at scale.

Run: ``.venv/bin/python bench/run.py [--sizes 10k,100k,1m] [--runs 3]``. Prints tables and writes
bench/RESULTS.md (see bench/README.md for what each figure means). Data are synthetic graphs of
``graph.synthetic`` (seeded, shaped like the corpus). Every comparison is measured side by side
in the same run — alternating the contenders, medians of ``--runs`` — because the machine is
shared and noisy: absolute times drift between runs, ratios much less.

It is a script that prints figures, never a test with a time limit (tests/test_bench_smoke.py
runs a tiny version, ``--smoke``, to keep it working).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import http.client
import json
import multiprocessing as mp
import os
import platform
import resource
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make the project importable
    sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402
import requests  # noqa: E402

from graph.config import DEFAULT_BASE, PREFIXES, QUERIES_DIR, SHAPES_DIR  # noqa: E402
from graph.synthetic import generate_file, parse_size  # noqa: E402

#: From this size on, each heavy step runs once (a 10 M load or validation takes minutes).
LARGE = 5_000_000
SMALL_QUERY = "SELECT ?m ?o WHERE { ?m a mg:Mandate ; mg:assignedTo ?o } LIMIT 10"
JSON_RESULTS = "application/sparql-results+json"
#: Timing pairs (raw, endpoint) per query: at least --runs, and more for a fast query, until
#: PAIR_SECONDS of measuring or PAIRS_MAX pairs.
PAIR_SECONDS = 2.0
PAIRS_MAX = 31


# ------------------------------------------------------------------------------ helpers


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def label(n: int) -> str:
    """10000 → 10k, 1000000 → 1m (the names used on the command line)."""
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}m"
    if n >= 1_000 and n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


def ms(seconds: float | None) -> str:
    if seconds is None or seconds != seconds:  # NaN: not measured
        return "–"
    return f"{seconds * 1000:,.1f}"


def secs(seconds: float | None) -> str:
    if seconds is None or seconds != seconds:
        return "–"
    return f"{seconds:,.2f}"


@dataclass
class Table:
    """A titled table, printed as text and written as Markdown."""

    title: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        lines = [f"### {self.title}", "", "| " + " | ".join(self.header) + " |",
                 "|" + "|".join("---" for _ in self.header) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        lines += [""] + [f"- {note}" for note in self.notes]
        return "\n".join(lines).rstrip() + "\n"

    def text(self) -> str:
        widths = [max(len(str(c)) for c in col) for col in zip(self.header, *self.rows,
                                                                 strict=False)]
        out = [f"\n== {self.title}"]
        for row in [self.header, *self.rows]:
            out.append("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=False)))
        out += [f"  * {note}" for note in self.notes]
        return "\n".join(out)


class Report:
    """Tables in order; each printed as soon as it is complete, all written at the end."""

    def __init__(self) -> None:
        self.tables: list[Table] = []
        self.targets: list[tuple[str, str, str]] = []
        #: size → steps that finished at that size (for the "everything completes" target)
        self.done: dict[int, set[str]] = {}

    def completed(self, size: int, step: str) -> None:
        self.done.setdefault(size, set()).add(step)

    def add(self, table: Table) -> None:
        self.tables.append(table)
        print(table.text(), flush=True)

    def target(self, name: str, verdict: bool | None, detail: str) -> None:
        mark = {True: "met", False: "**missed**", None: "not measured"}[verdict]
        self.targets.append((name, mark, detail))
        print(f"TARGET {name}: {mark} — {detail}", flush=True)


def machine() -> list[str]:
    """What the figures were measured on (they mean little without it)."""
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        mem = float("nan")
    versions = []
    for dist in ("pyoxigraph", "rdflib", "pyshacl", "flask", "waitress", "requests"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions.append(f"{dist} {metadata.version(dist)}")
    return [
        f"date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"machine: {os.cpu_count()} cores, {mem:.0f} GiB memory, {platform.system()} "
        f"{platform.machine()} (shared, noisy: compare ratios, not absolute times)",
        f"Python {platform.python_version()}; " + ", ".join(versions),
    ]


def peak_rss_mib() -> float:
    """Peak resident memory of this process, in MiB.

    Read from /proc (VmHWM) where there is one: ``getrusage``'s ru_maxrss survives ``exec``, so
    in a child started by multiprocessing's spawn (fork + exec) it would report the parent's
    peak, not the step's. VmHWM belongs to the new address space and starts afresh.
    """
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(target: Callable[..., object], args: tuple[object, ...],
              timeout: float) -> tuple[str, object]:
    """Run ``target(*args)`` in a fresh process; ("ok", result), ("timeout", None) or error.

    A fresh process per measurement gives each its own peak memory and lets a runaway
    (pyshacl, rdflib) be killed at the time limit instead of stalling the whole benchmark.
    """
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child_main, args=(child, target, args), daemon=True)
    proc.start()
    child.close()
    try:
        if parent.poll(timeout):
            status, value = parent.recv()
            return str(status), value
        return "timeout", None
    except EOFError:
        return "error", f"child exited with {proc.exitcode}"
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(10)
        parent.close()


def _child_main(conn: object, target: Callable[..., object], args: tuple[object, ...]) -> None:
    try:
        result = target(*args)
        conn.send(("ok", result))  # type: ignore[attr-defined]
    except Exception as err:  # reported in the table, not raised: one failure must not stop all
        conn.send(("error", f"{type(err).__name__}: {err}"))  # type: ignore[attr-defined]


# ------------------------------------------------------------------------------ named queries


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    text: str
    #: the parameters bound to their documented defaults, as pyoxigraph substitutions
    substitutions: tuple[tuple[str, ox.NamedNode | ox.Literal], ...] = ()

    @property
    def raw_options(self) -> dict[str, object]:
        subs = {ox.Variable(name): term for name, term in self.substitutions}
        return {"prefixes": PREFIXES, **({"substitutions": subs} if subs else {})}

    @property
    def values_text(self) -> str:
        """The query with its default parameters as a VALUES block opening its pattern, for
        rdflib: exactly what the server sends an HTTP store (server.backends.with_values)."""
        from server.backends import with_values

        return with_values(self.text, self.substitutions)


def named_queries(directory: Path = QUERIES_DIR) -> list[NamedQuery]:
    """Every top-level ``queries/*.rq``, as it is when the benchmark runs, parameters bound to
    their defaults the way the server binds them (``graph.queries``)."""
    try:
        from graph.queries import load_queries
    except ImportError:  # no parameter support in this checkout: the texts as written
        found = []
        for path in sorted(directory.glob("*.rq")):
            text = path.read_text(encoding="utf-8")
            title = next((line.split(":", 1)[1].strip() for line in text.splitlines()
                          if line.startswith("# title:")), path.stem)
            found.append(NamedQuery(path.stem, title, text))
        return found
    return [NamedQuery(q.name, q.title, q.text, q.bindings({}))
            for _, q in sorted(load_queries(directory).items())]


# ------------------------------------------------------------------------------ load


def load_ours(nq: Path, target: Path) -> tuple[float, int]:
    """The build's path: ``OxigraphStore.load_dataset`` of the N-Quads (the named graphs and
    their merged default graph in one bulk load), then a flush."""
    from graph.store import OxigraphStore

    started = time.perf_counter()
    store = OxigraphStore(target)
    store.load_dataset(nq.read_bytes())
    store.flush()
    seconds = time.perf_counter() - started
    size = len(store)
    del store
    return seconds, size


def load_raw(nq: Path, target: Path) -> tuple[float, int]:
    """Plain pyoxigraph: one bulk_load of the file (named graphs only, no merge)."""
    started = time.perf_counter()
    store = ox.Store(str(target))
    store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    store.flush()
    seconds = time.perf_counter() - started
    size = len(store)
    del store
    return seconds, size


def bench_load(report: Report, files: dict[int, Path], work: Path, runs: int,
              target_size: int) -> dict[int, Path]:
    """Load each size with each method, alternating; keep one store per size for queries."""
    table = Table("Bulk load (quads of the file per second; medians)",
                  ["size", "quads", "raw bulk_load s", "ours s", "raw q/s", "ours q/s",
                   "ours / raw"])
    stores: dict[int, Path] = {}
    for size, nq in files.items():
        quads = sum(1 for _ in nq.open("rb"))
        raw_t, ours_t = [], []
        sizes: set[tuple[str, int]] = set()
        for run in range(runs if size < LARGE else 1):
            for method in (("raw", "ours") if run % 2 == 0 else ("ours", "raw")):
                target = work / f"store-{label(size)}-{method}-{run}"
                shutil.rmtree(target, ignore_errors=True)
                if method == "raw":
                    seconds, n = load_raw(nq, target)
                    raw_t.append(seconds)
                else:
                    seconds, n = load_ours(nq, target)
                    ours_t.append(seconds)
                sizes.add((method, n))
                if method == "ours" and size not in stores:
                    stores[size] = target
                else:
                    shutil.rmtree(target, ignore_errors=True)
        raw_m, ours_m = median(raw_t), median(ours_t)
        table.rows.append([
            label(size), f"{quads:,}", secs(raw_m), secs(ours_m), f"{quads / raw_m:,.0f}",
            f"{quads / ours_m:,.0f}", f"{raw_m / ours_m:.2f}",
        ])
        counts = dict(sizes)
        table.notes.append(
            f"{label(size)}: store sizes raw {counts.get('raw', 0):,} (named graphs only), ours "
            f"{counts.get('ours', 0):,} (named graphs + merged default graph)"
        )
    table.notes.append(
        "ours / raw = throughput of our build path relative to plain bulk_load of the same file "
        "(target ≥ 0.8); ours also writes the merged default graph, which raw does not."
    )
    report.add(table)
    for size in files:
        report.completed(size, "load")
    size = target_size if target_size in files else max(files)
    row = table.rows[list(files).index(size)]
    report.target(f"load ≥ 0.8 × raw bulk_load ({label(size)})", float(row[6]) >= 0.8,
                  f"ours/raw = {row[6]}")
    return stores


# ------------------------------------------------------------------------------ server


@contextlib.contextmanager
def server(store_descriptor: str, *, workers: int = 2, timeout: float = 900) -> Iterator[str]:
    """The real ``mandate-graph serve`` process on a free loopback port, limits raised and
    per-client rate limiting off (the benchmark is the only client)."""
    from tests.conftest import start_server, stop_server

    proc, url = start_server(
        store_descriptor, "--query-timeout", str(timeout), "--max-rows", "100000000",
        "--workers", str(workers), "--threads", "8", MANDATE_GRAPH_RATE_LIMIT_PER_MINUTE="0",
    )
    try:
        yield url
    finally:
        stop_server(proc)


class Client:
    """One kept-alive HTTP/1.1 connection to the server, the way a SPARQL client library holds
    one (SPARQLWrapper, curl): ``http.client`` rather than ``requests``, whose own Python costs
    0.5–3.5 ms per answer here (measured side by side on the 1M store) — the client's time,
    not the endpoint's. No ``Accept-Encoding``: the answer comes uncompressed, as to those
    clients."""

    def __init__(self, url: str, timeout: float = 1000) -> None:
        host, _, port = url.removeprefix("http://").partition(":")
        self.host, self.port, self.timeout = host, int(port), timeout
        self.conn: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[float, bytes]:
        """Seconds until the whole answer is in, and the answer; RuntimeError unless 200."""
        started = time.perf_counter()
        for attempt in (1, 2):  # the server may have closed an idle kept-alive connection
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=body, headers=headers or {})
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.HTTPException, ConnectionError):
                self.close()
                if attempt == 2:
                    raise
                started = time.perf_counter()
        seconds = time.perf_counter() - started
        if response.will_close:
            self.close()
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status}: {data[:300]!r}")
        return seconds, data

    def query(self, text: str) -> tuple[float, bytes]:
        """A query POSTed directly (``application/sparql-query``) to ``/sparql``."""
        return self.request("POST", "/sparql", text.encode("utf-8"), {
            "Content-Type": "application/sparql-query", "Accept": JSON_RESULTS})

    def named(self, name: str) -> tuple[float, bytes]:
        """The server's own route for a named query (``/queries/NAME``, default parameters)."""
        return self.request("GET", f"/queries/{name}", headers={"Accept": JSON_RESULTS})

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def rows_of(body: bytes) -> int:
    data = json.loads(body)
    if "boolean" in data:
        return 1
    return len(data["results"]["bindings"])


# ------------------------------------------------------------------------------ rdflib worker


def rdflib_worker(nq: str, requests_conn: object, answers_conn: object) -> None:
    """Parse the N-Quads into an rdflib Dataset once, then answer queries until told to stop.

    The default graph is the union of the named graphs (rdflib's memory store keeps each
    triple once, whatever the graphs holding it): the same dataset our merged default graph is.
    """
    import rdflib

    started = time.perf_counter()
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(nq, format="nquads")
    answers_conn.send(("loaded", time.perf_counter() - started))  # type: ignore[attr-defined]
    namespaces = dict(PREFIXES)
    while True:
        text = requests_conn.recv()  # type: ignore[attr-defined]
        if text is None:
            return
        started = time.perf_counter()
        result = dataset.query(text, initNs=namespaces)
        rows = 1 if result.type == "ASK" else sum(1 for _ in result)
        answers_conn.send(("done", time.perf_counter() - started, rows))  # type: ignore[attr-defined]


class Rdflib:
    """A killable rdflib worker process: one query past ``timeout`` kills it; the next query
    starts a fresh one (which parses the file again)."""

    def __init__(self, nq: Path, timeout: float) -> None:
        self.nq = nq
        self.timeout = timeout
        self.proc: mp.process.BaseProcess | None = None
        self.load_seconds: float | None = None

    def _start(self) -> None:
        ctx = mp.get_context("spawn")
        request_recv, request_send = ctx.Pipe(duplex=False)
        answer_recv, answer_send = ctx.Pipe(duplex=False)
        self.requests, self.recv = request_send, answer_recv
        self.proc = ctx.Process(target=rdflib_worker,
                                args=(str(self.nq), request_recv, answer_send), daemon=True)
        self.proc.start()
        if not self.recv.poll(3600):
            raise RuntimeError("rdflib did not load the file within an hour")
        _, self.load_seconds = self.recv.recv()

    def query(self, text: str) -> tuple[float | None, int | None]:
        """(seconds, rows), or (None, None) when killed at the time limit."""
        if self.proc is None or not self.proc.is_alive():
            self._start()
        self.requests.send(text)
        if self.recv.poll(self.timeout):
            message = self.recv.recv()
            return message[1], message[2]
        self.close()
        return None, None

    def close(self) -> None:
        if self.proc is not None:
            if self.proc.is_alive():
                self.proc.kill()
            self.proc.join(10)
            self.proc = None


# ------------------------------------------------------------------------------ queries


def bench_queries(report: Report, files: dict[int, Path], stores: dict[int, Path], runs: int,
                  queries: list[NamedQuery], *, rdflib_max: int, rdflib_timeout: float,
                  throughput_seconds: float, clients: list[int], target_size: int) -> None:
    for size, nq in files.items():
        store_path = stores[size]
        table = Table(
            f"Named queries at {label(size)} quads (ms, medians of the runs shown)",
            ["query", "rows", "runs", "raw pyoxigraph", "raw + JSON", "endpoint", "endpoint / raw",
             "overhead ms", "rdflib", "endpoint speed-up vs rdflib"],
        )
        measured: list[tuple[str, float, float, float | None]] = []
        with server(f"oxigraph:{store_path}") as url:
            raw_store = ox.Store.read_only(str(store_path))
            client = Client(url)
            for q in queries:  # warm both (worker start, page cache) before timing
                client.named(q.name)
                list(raw_store.query(q.text, **q.raw_options))  # type: ignore[arg-type]
            rdf = (Rdflib(nq, rdflib_timeout) if size <= rdflib_max else None)
            try:
                for q in queries:
                    raw_t, json_t, end_t, rdf_t = [], [], [], []
                    rows = end_rows = 0
                    # Side by side, in alternating order, so that drift on a shared machine
                    # falls on both; a fast query is repeated (up to PAIRS_MAX pairs, or
                    # PAIR_SECONDS of measuring) because its run-to-run spread is as large as
                    # the overhead being measured.
                    began = time.perf_counter()
                    run = 0
                    while run < runs or (run < PAIRS_MAX and size < LARGE
                                         and time.perf_counter() - began < PAIR_SECONDS):
                        order = ("raw", "http") if run % 2 == 0 else ("http", "raw")
                        for who in order:
                            if who == "raw":
                                started = time.perf_counter()
                                result = raw_store.query(q.text, **q.raw_options)  # type: ignore[arg-type]
                                rows = sum(1 for _ in result) if isinstance(
                                    result, ox.QuerySolutions) else 1
                                raw_t.append(time.perf_counter() - started)
                                started = time.perf_counter()
                                result = raw_store.query(q.text, **q.raw_options)  # type: ignore[arg-type]
                                if isinstance(result, ox.QuerySolutions):
                                    result.serialize(format=ox.QueryResultsFormat.JSON)
                                json_t.append(time.perf_counter() - started)
                            else:
                                seconds, body = client.named(q.name)
                                end_t.append(seconds)
                                end_rows = rows_of(body)
                        run += 1
                    rdf_cell = "skipped (> rdflib limit)"
                    rdf_median: float | None = None
                    if rdf is not None:
                        killed = False
                        for _ in range(runs):
                            seconds, _rows = rdf.query(q.values_text)
                            if seconds is None:
                                killed = True
                                break
                            rdf_t.append(seconds)
                            if seconds > 10:  # enough: a slow query is not repeated
                                break
                        if killed:
                            rdf_cell = f"> {rdflib_timeout:.0f} s (killed)"
                            rdf_median = rdflib_timeout
                        else:
                            rdf_median = median(rdf_t)
                            rdf_cell = ms(rdf_median)
                    raw_m, end_m = median(raw_t), median(end_t)
                    speedup = "–"
                    if rdf_median is not None:
                        prefix = "> " if rdf_cell.startswith(">") else ""
                        speedup = f"{prefix}{rdf_median / end_m:,.1f}×"
                    mismatch = "" if end_rows == rows else f" (endpoint {end_rows})"
                    table.rows.append([
                        q.name, f"{rows:,}{mismatch}", str(len(end_t)), ms(raw_m),
                        ms(median(json_t)), ms(end_m),
                        f"{end_m / raw_m:.2f}", f"{(end_m - raw_m) * 1000:,.1f}", rdf_cell,
                        speedup,
                    ])
                    measured.append((q.name, raw_m, end_m, rdf_median))
            finally:
                client.close()
                if rdf is not None:
                    table.notes.append(f"rdflib parsed the file in {secs(rdf.load_seconds)} s")
                    rdf.close()
            table.notes.append(
                "Default parameters bound as the server binds them (pyoxigraph substitutions; a "
                "VALUES block for rdflib). raw = pyoxigraph query + iterating every solution in "
                "this process; raw + JSON also serialises them as the endpoint must; endpoint = "
                "GET /queries/NAME on the real server (worker processes, limits raised) until "
                "the whole JSON answer is in, over one kept-alive connection (http.client, no "
                "compression). Raw and endpoint are timed in alternating pairs; runs = pairs "
                f"(at least {runs}, more for fast queries: up to {PAIRS_MAX} or "
                f"{PAIR_SECONDS:.0f} s of measuring)."
            )
            if size > rdflib_max:
                table.notes.append(f"rdflib skipped above {label(rdflib_max)} quads")
            report.add(table)
            report.completed(size, "queries")
            if size == (target_size if target_size in files else max(files)):
                _query_targets(report, size, measured)
                bench_throughput(report, url, size, throughput_seconds, clients)
            del raw_store


def _query_targets(report: Report, size: int,
                   measured: list[tuple[str, float, float, float | None]]) -> None:
    misses = []
    for name, raw, end, _ in measured:
        if (raw >= 0.010 and end > 1.3 * raw) or (raw < 0.010 and end - raw > 0.002):
            misses.append(f"{name} ({end / raw:.2f}×, +{(end - raw) * 1000:.1f} ms)")
    report.target(f"endpoint ≤ 1.3 × raw (≥ 10 ms) / ≤ 2 ms overhead ({label(size)})",
                  not misses, "misses: " + ", ".join(misses) if misses else "all queries")
    slow = [(n, e, r) for n, _, e, r in measured if r is not None and r >= 0.100]
    if not any(r is not None for *_, r in measured):
        report.target(f"endpoint ≥ 15 × rdflib ({label(size)})", None, "rdflib not run")
        return
    misses = [f"{n} ({r / e:.1f}×)" for n, e, r in slow if r / e < 15]
    report.target(f"endpoint ≥ 15 × rdflib on queries ≥ 100 ms in rdflib ({label(size)})",
                  not misses, ("misses: " + ", ".join(misses)) if misses
                  else f"{len(slow)} queries ≥ 100 ms in rdflib, all ≥ 15×")


def bench_throughput(report: Report, url: str, size: int, seconds: float,
                     clients: list[int]) -> None:
    """Concurrent clients (threads) sending one small query for a bounded time each."""
    table = Table(f"Endpoint throughput at {label(size)} quads (small query, loopback)",
                  ["clients", "requests", "req/s", "p50 ms", "p95 ms", "errors"])
    for count in clients:
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        stop = time.monotonic() + seconds

        def client(stop: float = stop, latencies: list[float] = latencies,
                   errors: list[str] = errors, lock: threading.Lock = lock) -> None:
            client = Client(url)
            while time.monotonic() < stop and len(latencies) < 20_000:
                try:
                    took, _ = client.query(SMALL_QUERY)
                    with lock:
                        latencies.append(took)
                except (RuntimeError, OSError, http.client.HTTPException) as err:
                    with lock:
                        errors.append(str(err)[:120])
            client.close()

        started = time.monotonic()
        threads = [threading.Thread(target=client) for _ in range(count)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
        latencies.sort()
        p95 = latencies[int(len(latencies) * 0.95)] if latencies else float("nan")
        table.rows.append([str(count), f"{len(latencies):,}", f"{len(latencies) / elapsed:,.0f}",
                           ms(median(latencies)), ms(p95), str(len(errors))])
        if errors:
            table.notes.append(f"{count} clients: first error: {errors[0]}")
    table.notes.append(f"query: `{SMALL_QUERY}`; {seconds:.0f} s per row; server: 8 threads, "
                       "2 query workers (2 cores)")
    report.add(table)


# ------------------------------------------------------------------------------ validation


def validate_child(nq: str, engine: str) -> dict[str, object]:
    """One validation run in a fresh process: time, results and a digest of their keys."""
    from graph.validate import validate
    from graph.validate.data import from_files
    from graph.validate.shapes import load_shapes

    started = time.perf_counter()
    data = from_files([Path(nq)], base=DEFAULT_BASE)
    shapes = load_shapes(SHAPES_DIR)
    loaded = time.perf_counter()
    result = validate(data, shapes, engine=engine)
    keys = sorted(repr(r.key()) for r in result.results)
    return {
        "load": loaded - started,
        "seconds": time.perf_counter() - loaded,
        "results": len(keys),
        "digest": hashlib.sha256("\n".join(keys).encode()).hexdigest()[:16],
        "rss": peak_rss_mib(),
    }


def bench_validation(report: Report, files: dict[int, Path], sizes: list[int], runs: int,
                     timeout: float, reference_max: int) -> None:
    table = Table("Validation: fast path vs plain pyshacl (seconds, medians)",
                  ["size", "fast s", "pyshacl s", "speed-up", "results (fast / pyshacl)",
                   "identical", "peak MiB fast / pyshacl"])
    try:
        import graph.validate  # noqa: F401
    except ImportError:
        table.notes.append("not available: graph.validate is not in this checkout")
        report.add(table)
        report.target("validation ≥ 30 × pyshacl, identical", None, "not available")
        return
    verdicts = []
    for size in sizes:
        if size not in files:
            continue
        fast: list[dict[str, object]] = []
        ref: dict[str, object] | str | None = None
        for _ in range(runs if size < LARGE else 1):
            status, value = run_child(validate_child, (str(files[size]), "fast"), timeout)
            if status == "ok":
                fast.append(value)  # type: ignore[arg-type]
        if fast:
            report.completed(size, "validation")
        fast_s = median([float(f["seconds"]) for f in fast])  # type: ignore[arg-type]
        if size > reference_max:
            table.rows.append([label(size), secs(fast_s), "not run", "–",
                               f"{fast[0]['results'] if fast else '–'} / –", "–",
                               f"{fast[0]['rss']:.0f} / –" if fast else "–"])
            table.notes.append(f"{label(size)}: plain pyshacl not run above "
                               f"{label(reference_max)} (`--reference-max`)")
            continue
        status, value = run_child(validate_child, (str(files[size]), "reference"), timeout)
        ref = value if status == "ok" else f"> {timeout:.0f} s" if status == "timeout" else status
        if isinstance(ref, dict):
            ref_s = float(ref["seconds"])  # type: ignore[arg-type]
            same = bool(fast) and fast[0]["digest"] == ref["digest"]
            table.rows.append([label(size), secs(fast_s), secs(ref_s), f"{ref_s / fast_s:,.1f}×",
                               f"{fast[0]['results']} / {ref['results']}", "yes" if same else
                               "**no**", f"{fast[0]['rss']:.0f} / {ref['rss']:.0f}"])
            verdicts.append((size, ref_s / fast_s, same))
        else:
            table.rows.append([label(size), secs(fast_s), str(ref),
                               f"> {timeout / fast_s:,.1f}×" if status == "timeout" else "–",
                               f"{fast[0]['results'] if fast else '–'} / –", "–",
                               f"{fast[0]['rss']:.0f} / –" if fast else "–"])
            verdicts.append((size, timeout / fast_s if status == "timeout" else 0.0, None))
    table.notes.append(
        "Each run in a fresh process: the N-Quads loaded with the ontology and the reference data "
        "(graph.validate.data.from_files, not timed in these columns), then validate() with each "
        "engine. Identical = same sorted result keys (focus, shape, severity, path, value). "
        "The quote-versus-text check is skipped by both (synthetic data have no texts)."
    )
    report.add(table)
    for size, speedup, same in verdicts:
        # pyshacl killed: the speed-up is a lower bound, conclusive only when already ≥ 30
        ok = (speedup >= 30 or None) if same is None else (speedup >= 30 and same)
        report.target(f"validation ≥ 30 × pyshacl, identical ({label(size)})", ok,
                      f"{speedup:,.1f}× " + {True: "identical", False: "DIFFERENT",
                                             None: "(pyshacl killed: lower bound)"}[same])


# ------------------------------------------------------------------------------ corpus


def corpus_step(step: str, scratch: str) -> dict[str, float]:
    """One step of the corpus build in a fresh process: its time and peak memory."""
    from graph.build import build, default_sources

    started = time.perf_counter()
    if step == "extract":
        from graph.extract import extract_corpus
        from graph.rdf_files import read_graph
        from graph.sources import MANIFEST, read_sources

        documents, _errors = read_sources(default_sources())
        extract_corpus(documents, read_graph(MANIFEST, base=DEFAULT_BASE), base=DEFAULT_BASE)
    elif step == "build":
        report = build(default_sources(), build_dir=Path(scratch), base=DEFAULT_BASE)
        if not report.ok:
            raise RuntimeError(report.errors)
        return {"seconds": time.perf_counter() - started, "rss": peak_rss_mib(),
                **{f"step:{k}": v for k, v in report.timings.items()}}
    else:
        from graph.validate import validate
        from graph.validate.data import from_build
        from graph.validate.shapes import load_shapes

        validate(from_build(Path(scratch)), load_shapes(SHAPES_DIR), engine="fast")
    return {"seconds": time.perf_counter() - started, "rss": peak_rss_mib()}


def bench_corpus(report: Report, runs: int) -> None:
    table = Table("Corpus build (5 documents), each step in a fresh process",
                  ["step", "median s", "peak RSS MiB", "detail"])
    with tempfile.TemporaryDirectory(prefix="mg-bench-corpus-") as scratch:
        for step in ("extract", "build", "validate"):
            values = []
            for _ in range(runs):
                status, value = run_child(corpus_step, (step, scratch), 600)
                if status != "ok":
                    table.rows.append([step, status, "–", str(value)[:80]])
                    break
                values.append(value)
            if values:
                detail = ""
                if step == "build":
                    parts = sorted({k for v in values for k in v if k.startswith("step:")})  # type: ignore[union-attr]
                    detail = ", ".join(
                        f"{k[5:]} {median([float(v[k]) for v in values]):.2f}"  # type: ignore[index]
                        for k in parts)
                table.rows.append([
                    step, secs(median([float(v["seconds"]) for v in values])),  # type: ignore[index]
                    f"{max(float(v['rss']) for v in values):.0f}", detail])  # type: ignore[index]
    table.notes.append("extract = read + recognise + link; build = the whole `build` (extract, "
                       "load, dump, merge, and whatever else it does), its own step timings in "
                       "'detail'; validate = the fast path on the built release")
    report.add(table)


# ------------------------------------------------------------------------------ Virtuoso


def bench_virtuoso(report: Report, files: dict[int, Path], sizes: list[int], runs: int,
                   queries: list[NamedQuery], work: Path, stores: dict[int, Path],
                   cap: float = 60.0) -> None:
    table = Table("Scale-out: the same named queries on Virtuoso (ms, medians)",
                  ["size", "query", "rows", "rows embedded", "answer vs embedded",
                   "Virtuoso direct", "endpoint (sparql: store)", "endpoint / direct",
                   "embedded endpoint (same run)"])
    try:
        from graph.remote_store import SparqlHttpStore, with_prefixes
        from server.backends import with_values
        from tests.virtuoso import VirtuosoUnavailable, start_virtuoso
    except ImportError as err:
        table.notes.append(f"not run: {err}")
        report.add(table)
        return
    # Virtuoso stops each query's execution at `cap` itself (MaxQueryExecutionTime), so that one
    # query cannot hold it for the ones after; writing a large answer is not bounded by that
    # limit, so the clients (this script, our server) wait longer for the whole answer.
    limit = max(1, round(cap))
    wait = 2 * limit + 30

    class Cut(Exception):
        """A query stopped at a time limit: a '> N s (cut)' cell, never a figure."""

    def said(body: bytes) -> str:
        """The first words of an error body (our server's JSON ``error``, or Virtuoso's text)."""
        text = body.decode("utf-8", "replace")
        with contextlib.suppress(ValueError, AttributeError):
            text = str(json.loads(text)["error"])
        text = text.split("SPARQL query:")[0]  # Virtuoso echoes the whole query after this
        return " ".join(text.replace("|", "/").split())

    def solutions(body: bytes) -> set[tuple[tuple[str, str, str, str], ...]]:
        """The distinct solutions of a SPARQL JSON answer, terms written alike for both stores
        (Virtuoso's 1.0 "typed-literal", an explicit xsd:string, booleans written 1 and 0)."""
        found = set()
        for row in json.loads(body)["results"]["bindings"]:
            terms = []
            for name, term in sorted(row.items()):
                datatype = term.get("datatype", "")
                datatype = "" if datatype.endswith("#string") else datatype
                kind = "literal" if term["type"] == "typed-literal" else term["type"]
                value = term["value"]
                if datatype.endswith("#boolean"):
                    value = {"1": "true", "0": "false"}.get(value, value)
                terms.append((name, kind, value + "^^" + datatype,
                              term.get("xml:lang", "").lower()))
            found.add(tuple(terms))
        return found

    def compare(mine: bytes | None, theirs: bytes | None) -> str:
        """How Virtuoso's answer compares with the embedded store's (as sets of solutions)."""
        if mine is None or theirs is None:
            return "–"
        a, b = solutions(mine), solutions(theirs)
        if a == b:
            return "same" if rows_of(mine) == rows_of(theirs) else "same, with duplicates"
        return f"different: {len(a - b):,} only in Virtuoso, {len(b - a):,} only embedded"

    def ask(method: str, url: str, form: dict[str, str] | None = None) -> tuple[float, bytes]:
        """Seconds until the whole answer is received, and the answer; Cut or RuntimeError.

        A new connection for each request, as our server's store client makes: on a kept-alive
        connection Virtuoso 7.2 answers many queries ~40 ms late (a TCP delayed-ACK stall),
        which would be charged to Virtuoso alone."""
        started = time.perf_counter()
        try:
            response = requests.request(method, url, data=form, timeout=wait,
                                        headers={"Accept": JSON_RESULTS, "Connection": "close"})
            body = response.content
        except requests.Timeout:
            raise Cut(f"> {wait} s (cut: no answer)") from None
        seconds = time.perf_counter() - started
        state = response.headers.get("X-SQL-State")
        if state:  # Virtuoso's "anytime" answer: partial results with a 200
            raise Cut(f"> {limit} s (cut: partial answer, {state})")
        if response.status_code != 200:
            message = said(body)
            if "SR171" in message or "Transaction timed out" in message:
                raise Cut(f"> {limit} s (cut)")  # MaxQueryExecutionTime, directly or via us
            if response.status_code == 503 and "time limit" in message:
                raise Cut(f"> {wait} s (cut)")  # our server's own limit
            raise RuntimeError(f"HTTP {response.status_code}: {message[:120]}")
        if response.headers.get("X-Mandate-Graph-Truncated"):
            raise RuntimeError("answer truncated by our server's --max-rows")
        return seconds, body

    for size in sizes:
        if size not in files:
            continue
        directory = work / f"virtuoso-{label(size)}"
        shutil.rmtree(directory, ignore_errors=True)
        try:
            virtuoso = start_virtuoso(directory, max_query_seconds=limit)
        except (VirtuosoUnavailable, Exception) as err:  # noqa: BLE001 - reported, not fatal
            table.notes.append(f"{label(size)}: Virtuoso not started: {err}")
            continue
        try:
            store = SparqlHttpStore(virtuoso.sparql_url, update_url=virtuoso.update_url,
                                    graph_store_url=virtuoso.graph_store_url,
                                    auth=virtuoso.auth, timeout=max(wait, 300))
            started = time.perf_counter()
            store.load_file(files[size])
            load_s = time.perf_counter() - started
            expected: dict[str, int] = {}
            for quad in ox.parse(path=str(files[size]), format=ox.RdfFormat.N_QUADS):
                name = str(getattr(quad.graph_name, "value", ""))
                expected[name] = expected.get(name, 0) + 1
            loaded = {str(row["g"].value): int(row["n"].value) for row in store.select(
                "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}
            wrong = [f"{g} {loaded.get(g, 0):,} of {n:,}" for g, n in expected.items()
                     if loaded.get(g, 0) != n]
            table.notes.append(
                f"{label(size)}: {sum(expected.values()):,} quads in {len(expected)} graphs "
                f"loaded into Virtuoso with SparqlHttpStore (one Graph Store POST per graph) in "
                f"{load_s:.1f} s; quads per graph counted back: "
                + ("all equal to the file's" if not wrong else "DIFFERENT: " + "; ".join(wrong)))
            with server(f"sparql:{virtuoso.sparql_url}", timeout=wait) as url, \
                    server(f"oxigraph:{stores[size]}", timeout=wait) as embedded:
                for q in queries:
                    # exactly the text our server sends to Virtuoso for GET /queries/NAME: the
                    # defaults as a VALUES block opening the pattern, our prefixes prepended
                    text = with_prefixes(with_values(q.text, q.substitutions))
                    calls: dict[str, tuple[str, str, dict[str, str] | None]] = {
                        "direct": ("POST", virtuoso.sparql_url, {"query": text}),
                        "endpoint": ("GET", f"{url}/queries/{q.name}", None),
                        "embedded": ("GET", f"{embedded}/queries/{q.name}", None),
                    }
                    times: dict[str, list[float]] = {k: [] for k in calls}
                    rows: dict[str, int] = {}
                    answers: dict[str, bytes] = {}
                    failed: dict[str, str] = {}
                    for run in range(runs + 1):  # run 0 warms Virtuoso's and our caches up
                        for key, (method, address, form) in calls.items():
                            if key in failed:
                                continue  # cut or failed once: not tried again
                            try:
                                seconds, body = ask(method, address, form)
                                count = rows_of(body)
                            except Cut as err:
                                failed[key] = str(err)
                                continue
                            except (RuntimeError, ValueError, KeyError,
                                    requests.RequestException) as err:
                                failed[key] = f"error: {str(err)[:140]}"
                                continue
                            if run:
                                times[key].append(seconds)
                            rows[key], answers[key] = count, body
                    cells = {k: failed.get(k) or ms(median(times[k])) for k in calls}
                    virtuoso_rows = rows.get("direct", rows.get("endpoint"))
                    if "direct" in rows and rows.get("endpoint", rows["direct"]) != rows["direct"]:
                        cells["endpoint"] += f" ({rows['endpoint']:,} rows)"
                    ratio = "–"
                    if not failed.keys() & {"direct", "endpoint"}:
                        ratio = f"{median(times['endpoint']) / median(times['direct']):.2f}"
                    table.rows.append([
                        label(size), q.name,
                        f"{virtuoso_rows:,}" if virtuoso_rows is not None else "–",
                        f"{rows['embedded']:,}" if "embedded" in rows else "–",
                        compare(answers.get("direct", answers.get("endpoint")),
                                answers.get("embedded")),
                        cells["direct"], cells["endpoint"], ratio, cells["embedded"]])
        except Exception as err:  # noqa: BLE001 - reported; the other sections' figures stand
            table.notes.append(f"{label(size)}: stopped: {type(err).__name__}: {err}"[:400])
        finally:
            virtuoso.stop()
            shutil.rmtree(directory, ignore_errors=True)
    table.notes.append(
        "direct = the query POSTed as a form to Virtuoso's /sparql; endpoint = GET /queries/NAME "
        "on our server with `--store sparql:…/sparql`, which sends Virtuoso the very same text "
        "(defaults as a VALUES block opening the pattern, prefixes prepended) and re-encodes the "
        "answer; a new connection per request for all three, as our server's store client "
        "makes; one warm-up run, then medians of the runs")
    table.notes.append(
        f"Virtuoso stops a query's execution after {limit} s (`MaxQueryExecutionTime`, from "
        f"`--virtuoso-timeout`): shown as `> {limit} s (cut)`; an 'anytime' partial answer "
        "(`X-SQL-State` header) would be shown as cut too, never as a figure; clients wait "
        f"{wait} s for the whole answer (writing it is not bounded by Virtuoso's limit)")
    table.notes.append(
        "rows = Virtuoso's answer, rows embedded = our embedded store's (parameters bound by "
        "substitution); *answer vs embedded* compares them as sets of solutions. Virtuoso's "
        "default graph is the union of its graphs, matched graph by graph: a triple stated in "
        "several graphs matches once per graph, hence *same, with duplicates* (ours is the "
        "merged default graph, a set). *different* is a wrong answer, not a timing artefact")
    report.add(table)


# ------------------------------------------------------------------------------ main


def command_options(argv: list[str] | None = None) -> str:
    """The options the script was run with, less the ones naming local folders."""
    args = list(sys.argv[1:] if argv is None else argv)
    kept: list[str] = []
    skip_next = False
    for arg in args:
        if skip_next:
            skip_next = False
        elif arg in {"--work", "--output"}:
            skip_next = True
        elif not arg.startswith(("--work=", "--output=")):
            kept.append(arg)
    return " ".join(kept)


def included_targets(path: Path) -> list[str]:
    """The targets of a results file written by a separate run (a step too long to share one
    run with the others: plain pyshacl at 1M, the 10M run), with its command and date, so that
    RESULTS.md shows every target in one table; its figures stay in that file."""
    text = path.read_text(encoding="utf-8").splitlines()
    shown = path.resolve().relative_to(ROOT) if path.resolve().is_relative_to(ROOT) else path.name
    command = next((line for line in text if line.startswith("Command:")), "Command: unknown")
    date = next((line for line in text if line.startswith("- date:")), "- date: unknown")
    start = text.index("## Targets") if "## Targets" in text else len(text)
    end = text.index("## Figures") if "## Figures" in text else len(text)
    rows = [line for line in text[start:end] if line.startswith("| ")
            and not line.startswith("| target |")]
    return [f"From [{shown}]({path.name}) — {command[len('Command: '):]}, "
            f"{date[len('- date: '):]} (its figures are in that file):", "",
            "| target | verdict | detail |", "|---|---|---|", *rows]


def write_results(path: Path, report: Report, args: argparse.Namespace, gen: Table) -> None:
    lines = ["# Benchmark results", "",
             "Written by `bench/run.py` (do not edit by hand); see bench/README.md for what each "
             "figure means.", "",
             f"Command: `.venv/bin/python bench/run.py {args.command}`", ""]
    lines += [f"- {line}" for line in machine()]
    lines += ["", "## Targets", "", "| target | verdict | detail |", "|---|---|---|"]
    lines += [f"| {n} | {v} | {d} |" for n, v, d in report.targets]
    for included in args.include or []:
        lines += ["", *included_targets(included)]
    lines += ["", "## Figures", ""]
    for table in [gen, *report.tables]:
        lines.append(table.markdown())
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k,1m")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rdflib-max", default="1m", help="largest size rdflib is run at")
    parser.add_argument("--rdflib-timeout", type=float, default=120.0)
    parser.add_argument("--validation-sizes", default="100k,1m")
    parser.add_argument("--validation-timeout", type=float, default=1800.0)
    parser.add_argument("--reference-max", default="1m",
                        help="largest size plain pyshacl is run at")
    parser.add_argument("--target-size", default="1m",
                        help="size the targets are judged at (the largest when not run)")
    parser.add_argument("--virtuoso-sizes", default="100k")
    parser.add_argument("--virtuoso-timeout", type=float, default=60.0)
    parser.add_argument("--clients", default="1,4,8")
    parser.add_argument("--throughput-seconds", type=float, default=5.0)
    parser.add_argument("--skip", default="", help="comma-separated sections to leave out: "
                        "load,queries,validation,corpus,virtuoso")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: temp)")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "RESULTS.md")
    parser.add_argument("--include", type=Path, action="append",
                        help="a results file of a separate run whose targets RESULTS.md repeats "
                             "(repeatable)")
    parser.add_argument("--smoke", action="store_true",
                        help="tiny and quick: 10k, one run, no rdflib/pyshacl at scale")
    args = parser.parse_args(argv)
    args.command = command_options(argv)
    if args.smoke:
        args.sizes, args.runs, args.validation_sizes = "10k", 1, "10k"
        args.virtuoso_sizes, args.clients, args.throughput_seconds = "", "2", 1.0
        args.skip = ",".join(filter(None, [args.skip, "corpus"]))
        args.rdflib_timeout, args.validation_timeout = 5.0, 10.0
    sizes = [parse_size(s) for s in args.sizes.split(",") if s]
    skip = set(filter(None, args.skip.split(",")))
    work = args.work or Path(tempfile.mkdtemp(prefix="mg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    report = Report()
    print("\n".join(machine()), flush=True)
    queries = named_queries()
    try:
        gen = Table(f"Synthetic data (graph.synthetic, seed {args.seed})",
                    ["size", "quads written", "generation s", "file MiB"])
        files: dict[int, Path] = {}
        for size in sizes:
            path = work / f"synthetic-{label(size)}-{args.seed}.nq"
            started = time.perf_counter()
            quads = generate_file(size, path, seed=args.seed)
            gen.rows.append([label(size), f"{quads:,}", secs(time.perf_counter() - started),
                             f"{path.stat().st_size / 2**20:,.0f}"])
            files[size] = path
        gen.notes.append(f"{len(queries)} named queries (queries/*.rq): "
                         + ", ".join(q.name for q in queries))
        print(gen.text(), flush=True)
        target_size = parse_size(args.target_size)
        # The queries and Virtuoso sections run on the loaded stores; alone, validation and the
        # corpus build need no store, so ``--skip load`` is honoured only then.
        needs_stores = "queries" not in skip or ("virtuoso" not in skip and args.virtuoso_sizes)
        stores = (bench_load(report, files, work, args.runs, target_size)
                  if needs_stores or "load" not in skip else {})
        if "queries" not in skip:
            bench_queries(report, files, stores, args.runs, queries,
                          rdflib_max=parse_size(args.rdflib_max),
                          rdflib_timeout=args.rdflib_timeout,
                          throughput_seconds=args.throughput_seconds,
                          clients=[int(c) for c in args.clients.split(",") if c],
                          target_size=target_size)
        if "validation" not in skip:
            bench_validation(report, files,
                             [parse_size(s) for s in args.validation_sizes.split(",") if s],
                             1 if args.smoke else min(args.runs, 3), args.validation_timeout,
                             parse_size(args.reference_max))
        if "corpus" not in skip:
            bench_corpus(report, args.runs)
        if "virtuoso" not in skip and args.virtuoso_sizes:
            bench_virtuoso(report, files,
                           [parse_size(s) for s in args.virtuoso_sizes.split(",") if s],
                           args.runs, queries, work, stores, args.virtuoso_timeout)
        for size in sizes:
            if size >= LARGE:
                wanted = {s for s in ("load", "queries", "validation")
                          if s not in skip or (s == "load" and stores)}
                done = report.done.get(size, set())
                report.target(f"{label(size)}: load, all named queries and validation complete",
                              wanted <= done, "completed: " + ", ".join(sorted(done & wanted))
                              + ("; not: " + ", ".join(sorted(wanted - done))
                                 if wanted - done else ""))
        write_results(args.output, report, args, gen)
        print(f"\nwritten: {args.output}", flush=True)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
