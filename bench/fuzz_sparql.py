"""Fuzz /sparql of a real server with 10,000 generated requests; print counts and violations.

Run: ``.venv/bin/python bench/fuzz_sparql.py [--requests 10000] [--max-depth 10000]
[--store oxigraph:PATH] [--seed N]``. Without ``--store`` it builds the corpus into a scratch
folder first. It starts ``mandate-graph serve`` on a free loopback port (rate limiting off, a
2 s time limit), sends the requests of the generator in ``tests/test_fuzz_sparql.py`` one after
the other, and prints how many answers had each status, every violation of the properties
(a 5xx other than the timeout 503, an error not in the JSON shape) grouped by kind with one
example request, and whether the server still answers. Unlike the test it goes deeper than
pyoxigraph's parser can recurse (``--max-depth``), to show what a crashed worker looks like.
It only ever talks to 127.0.0.1 and stops after ``--requests`` requests or ``--max-seconds``.
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests package, for its generator

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402

from bench.load_sparql import corpus_store  # noqa: E402
from tests.conftest import start_server, stop_server  # noqa: E402
from tests.test_fuzz_sparql import (  # noqa: E402
    FUZZ_TIMEOUT,
    FuzzRequest,
    fuzz_requests,
    send,
    server_answers,
    violations,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--max-depth", type=int, default=10_000)
    parser.add_argument("--max-seconds", type=float, default=1800)
    parser.add_argument("--store", default=None)
    parser.add_argument("--seed", type=int, default=20240501)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mandate-graph-fuzz-") as scratch:
        store = args.store or corpus_store(scratch)
        proc, url = start_server(
            store, "--query-timeout", FUZZ_TIMEOUT, MANDATE_GRAPH_RATE_LIMIT_PER_MINUTE="0"
        )
        try:
            run(url, proc, args)
        finally:
            stop_server(proc)


def run(url: str, proc: object, args: argparse.Namespace) -> None:
    statuses: collections.Counter[int] = collections.Counter()
    problems: dict[str, tuple[int, str]] = {}
    started = time.monotonic()
    slowest = (0.0, "")

    @seed(args.seed)
    @settings(
        max_examples=args.requests, deadline=None, database=None,
        suppress_health_check=list(HealthCheck), phases=[Phase.generate],
    )
    @given(fuzz_requests(max_depth=args.max_depth))
    def one(fuzz: FuzzRequest) -> None:
        nonlocal slowest
        if time.monotonic() - started > args.max_seconds:
            return
        sent = time.perf_counter()
        try:
            status, headers, body = send(url, fuzz)
        except OSError as err:  # the connection itself failed: as bad as a 5xx
            key = f"connection: {type(err).__name__}"
            count, example = problems.get(key, (0, fuzz.summary()))
            problems[key] = (count + 1, example)
            statuses[0] += 1
            return
        took = time.perf_counter() - sent
        if took > slowest[0]:
            slowest = (took, fuzz.summary())
        statuses[status] += 1
        for problem in violations(fuzz, status, headers, body):
            key = problem[:90]
            count, example = problems.get(key, (0, fuzz.summary()))
            problems[key] = (count + 1, example)

    one()
    total = sum(statuses.values())
    elapsed = time.monotonic() - started
    print(f"requests: {total} in {elapsed:.0f} s (max depth {args.max_depth}, seed {args.seed})")
    print("by status: " + ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items())))
    print(f"slowest answer: {slowest[0]:.2f} s for {slowest[1][:160]}")
    print(f"violations: {sum(n for n, _ in problems.values())}")
    for key, (count, example) in sorted(problems.items(), key=lambda kv: -kv[1][0]):
        print(f"  {count:6d}  {key}\n          e.g. {example[:200]}")
    alive = proc.poll() is None  # type: ignore[attr-defined]
    print(f"server process alive afterwards: {alive}; answers ASK: {alive and server_answers(url)}")


if __name__ == "__main__":
    main()
