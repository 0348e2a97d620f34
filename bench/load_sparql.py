"""Load /sparql of a real server with concurrent clients, calm and beside a runaway query.

Run: ``.venv/bin/python bench/load_sparql.py [--clients 50] [--seconds 60] [--workers 2]
[--threads 4] [--store oxigraph:PATH]``. Without ``--store`` it builds the corpus into a scratch
folder first. It starts ``mandate-graph serve`` on a free loopback port (rate limiting off: all
clients share one address) and runs two phases of ``--seconds`` each:

1. calm: ``--clients`` clients, each on its own keep-alive connection, send the queries one
   after the other as fast as answers come;
2. runaway: the same, while one more client keeps a cross product running (each one stopped
   at the server's time limit, then sent again).

For each phase it prints the requests answered, the errors (any answer but 200 to the normal
clients), and the p50/p95/p99 latency of the normal clients, then whether the runaway phase's
p99 stayed within twice the calm one. The queries are the named queries (``queries/*.rq`` at the
top level) when there are any, else a fixed set of realistic ones. It only ever talks to
127.0.0.1 and every phase stops by itself.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the tests package, for its server fixture helpers

from graph.build import build, text_sources  # noqa: E402
from graph.config import DEFAULT_BASE  # noqa: E402
from tests.conftest import free_port, stop_server  # noqa: E402

#: What a researcher's page or notebook asks: lookups, joins over the hierarchy, counts.
REALISTIC = {
    "organs-with-acronyms": """
        SELECT ?organ ?acronym WHERE {
          ?organ org:subOrganizationOf+ <https://w3id.org/mandate-graph/id/organ/oas> ;
                 mg:acronym ?acronym . FILTER(lang(?acronym) = "en") }""",
    "mandates-per-graph": """
        SELECT ?g (COUNT(?m) AS ?n) WHERE { GRAPH ?g { ?m a mg:Mandate } }
        GROUP BY ?g ORDER BY DESC(?n)""",
    "classes": """
        SELECT ?c (COUNT(*) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n) LIMIT 20""",
    "describe-organ": "DESCRIBE <https://w3id.org/mandate-graph/id/organ/oas-csh>",
    "labels-search": """
        SELECT ?s ?l WHERE { ?s skos:prefLabel ?l FILTER(CONTAINS(LCASE(STR(?l)), "comit")) }
        LIMIT 50""",
    "state-facts": "SELECT ?p ?o WHERE { <https://w3id.org/mandate-graph/id/state/PER> ?p ?o }",
    "ask": "ASK { ?m a mg:Mandate }",
}
#: Patterns that share no variable: the product of the store with itself, three times over.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@dataclass
class Phase:
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    runaway_answers: dict[int, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, seconds: float, status: int | str) -> None:
        with self.lock:
            if status == 200:
                self.latencies.append(seconds)
            else:
                self.errors[str(status)] = self.errors.get(str(status), 0) + 1


def named_queries() -> dict[str, str]:
    """Top-level ``queries/*.rq`` (the named queries) with their defaults, else a fixed set."""
    found = {
        p.stem: with_defaults(p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "queries").glob("*.rq"))
    }
    return found or REALISTIC


def with_defaults(text: str) -> str:
    """Bind each ``# param: NAME TYPE DEFAULT description`` to its default, by a final VALUES."""
    bindings = []
    for line in text.splitlines():
        if not line.startswith("# param:"):
            continue
        name, kind, default = line.removeprefix("# param:").split()[:3]
        if kind == "iri":
            term = f"<{default}>"
        elif kind in {"integer", "decimal"}:
            term = default
        else:
            term = '"' + default.replace("\\", "\\\\").replace('"', '\\"') + '"'
        bindings.append((name, term))
    if not bindings:
        return text
    names = " ".join(f"?{name}" for name, _ in bindings)
    terms = " ".join(term for _, term in bindings)
    return f"{text}\nVALUES ({names}) {{ ({terms}) }}\n"


def client(url: str, queries: list[str], offset: int, until: float, phase: Phase) -> None:
    """One client: a keep-alive connection, the queries round-robin, until the phase ends."""
    host, port = urllib.parse.urlsplit(url).netloc.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    n = offset
    while time.monotonic() < until:
        target = "/sparql?" + urllib.parse.urlencode({"query": queries[n % len(queries)]})
        n += 1
        started = time.perf_counter()
        try:
            conn.request("GET", target, headers={"Accept": "application/sparql-results+json"})
            response = conn.getresponse()
            response.read()
            phase.record(time.perf_counter() - started, response.status)
        except (OSError, http.client.HTTPException) as err:
            phase.record(time.perf_counter() - started, type(err).__name__)
            conn.close()
            conn = http.client.HTTPConnection(host, int(port), timeout=60)
    conn.close()


def runaway(url: str, until: float, phase: Phase) -> None:
    """Keep one cross product running: each is stopped at the server's limit, then resent."""
    host, port = urllib.parse.urlsplit(url).netloc.split(":")
    while time.monotonic() < until:
        conn = http.client.HTTPConnection(host, int(port), timeout=120)
        try:
            conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": RUNAWAY}))
            status = conn.getresponse().status
        except (OSError, http.client.HTTPException):
            status = 0
        finally:
            conn.close()
        with phase.lock:
            phase.runaway_answers[status] = phase.runaway_answers.get(status, 0) + 1


def run_phase(
    url: str, queries: list[str], clients: int, seconds: float, with_runaway: bool
) -> Phase:
    phase = Phase()
    until = time.monotonic() + seconds
    threads = [
        threading.Thread(target=client, args=(url, queries, i, until, phase), daemon=True)
        for i in range(clients)
    ]
    if with_runaway:
        threads.append(threading.Thread(target=runaway, args=(url, until, phase), daemon=True))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 180)
    return phase


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def show(name: str, phase: Phase, seconds: float) -> float:
    lat = phase.latencies
    p50, p95, p99 = (percentile(lat, q) * 1000 for q in (0.50, 0.95, 0.99))
    print(
        f"{name:8s} answered {len(lat):6d} ({len(lat) / seconds:6.1f}/s)  errors "
        f"{sum(phase.errors.values())} {phase.errors or ''}  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms"
        f"  p99 {p99:7.1f} ms  max {max(lat, default=0) * 1000:7.1f} ms"
        + (f"  runaway answers {phase.runaway_answers}" if phase.runaway_answers else "")
    )
    if lat:
        print(f"         mean {statistics.fmean(lat) * 1000:.1f} ms")
    return p99


def corpus_store(scratch: str) -> str:
    """The store descriptor of the corpus built into ``scratch``, for a run given no ``--store``."""
    report = build(text_sources(), build_dir=Path(scratch), base=DEFAULT_BASE)
    if not report.ok:
        raise SystemExit(f"build failed: {report.errors}")
    return f"oxigraph:{Path(scratch) / 'current' / 'store'}"


def start_server(store: str, options: list[str], log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """`mandate-graph serve` with its output to a file: under load waitress logs a warning per
    queued request, and an unread pipe would fill and stop the server mid-run."""
    port = free_port()
    env = {**os.environ, "MANDATE_GRAPH_RATE_LIMIT_PER_MINUTE": "0"}
    with log.open("wb") as out:
        proc = subprocess.Popen(  # noqa: S603 - our own command, arguments from our options
            [sys.executable, "-m", "graph.cli", "serve", "--port", str(port), "--store", store,
             *options], env=env, stdout=out, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/sparql?query=ASK%7B%7D")
            if conn.getresponse().status == 200:
                conn.close()
                return proc, url
        except OSError:
            time.sleep(0.2)
    stop_server(proc)
    raise SystemExit(f"the server did not start: {log.read_text(errors='replace')[-2000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--query-timeout", type=float, default=None)
    parser.add_argument("--store", default=None)
    args = parser.parse_args()
    options: list[str] = []
    for flag, value in (("--workers", args.workers), ("--threads", args.threads),
                        ("--query-timeout", args.query_timeout)):
        if value is not None:
            options += [flag, str(value)]
    queries = named_queries()
    with tempfile.TemporaryDirectory(prefix="mandate-graph-load-") as scratch:
        store = args.store or corpus_store(scratch)
        proc, url = start_server(store, options, Path(scratch) / "server.log")
        try:
            given = " ".join(options) or "defaults"
            print(f"{len(queries)} queries ({', '.join(queries)}); {args.clients} clients, "
                  f"{args.seconds:g} s per phase; server options: {given}")
            texts = list(queries.values())
            calm = show("calm", run_phase(url, texts, args.clients, args.seconds, False),
                        args.seconds)
            loaded = show("runaway", run_phase(url, texts, args.clients, args.seconds, True),
                          args.seconds)
            verdict = "holds" if loaded <= 2 * calm else "does NOT hold"
            print(f"runaway p99 / calm p99 = {loaded / calm:.2f} (≤ 2 {verdict})")
            print(f"server alive afterwards: {proc.poll() is None}")
        finally:
            stop_server(proc)


if __name__ == "__main__":
    main()
