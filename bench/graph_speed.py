"""Benchmark: how fast a built graph answers — every named query, the main pages, validation.

Run: ``.venv/bin/python bench/graph_speed.py BUILD_DIR [--runs 3]``, on a build kept by
``bench/build_un.py --build-dir BUILD_DIR …`` (the whole shared corpus, say) or by
``mandate-graph build --build-dir BUILD_DIR``. Each named query runs with its defaults (the
ones the questions list offers, picked from the graph) and each page is fetched through the
server's own code (the Flask test client on the embedded store, query workers included), so
the figures are what a user waits for, less the network. Validation runs ``mandate-graph
validate`` on the current release, in this process. It prints figures (median of
``--runs``); it is not a test.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from bench.report import kept_build
from graph import cli
from graph.queries import load_queries
from server import close_app, create_app
from server.settings import Settings

#: pages a researcher opens first; the resolution is one every UN build holds
PAGES = (
    "/",
    "/queries",
    "/coverage",
    "/timeline",
    "/graph",
    "/api/graph?root=/id/resolution/un-s-res-2722",
    "/graph?root=/id/resolution/un-s-res-2722",
    "/id/resolution/un-s-res-2722",
    "/releases",
)
JSON = {"Accept": "application/sparql-results+json"}


def _median(runs: int, fetch: Callable[[], tuple[int, int]]) -> tuple[float, int, int]:
    """Median seconds of ``runs`` calls of ``fetch``, with the last call's status and size."""
    times: list[float] = []
    status = size = 0
    for _ in range(runs):
        started = time.perf_counter()
        status, size = fetch()
        times.append(time.perf_counter() - started)
    return statistics.median(times), status, size


def main() -> None:
    args, store = kept_build(__doc__.splitlines()[0])
    app = create_app(Settings(store=f"oxigraph:{store}", query_timeout=300.0, max_rows=1_000_000,
                              rate_limit_per_minute=0))
    client = app.test_client()
    try:
        print(f"named queries (median of {args.runs}; rows of the JSON answer):")
        for name in sorted(load_queries()):
            def ask(name: str = name) -> tuple[int, int]:
                response = client.get(f"/queries/{name}", headers=JSON)
                rows = (len(response.get_json()["results"]["bindings"])
                        if response.status_code == 200 else 0)
                return response.status_code, rows
            seconds, status, rows = _median(args.runs, ask)
            print(f"  {name:<34} {seconds * 1000:9.0f} ms  HTTP {status}  {rows} rows")
        print(f"pages (median of {args.runs}; bytes of the answer):")
        for page in PAGES:
            def fetch(page: str = page) -> tuple[int, int]:
                response = client.get(page)
                return response.status_code, len(response.get_data())
            seconds, status, size = _median(args.runs, fetch)
            print(f"  {page:<34} {seconds * 1000:9.0f} ms  HTTP {status}  {size} bytes")
    finally:
        close_app(app)
    started = time.perf_counter()
    try:
        cli.main(["validate", "--build-dir", str(args.build_dir), "--format", "json",
                  "--output", str(args.build_dir / "validation-bench.json")])
        code: int | str | None = 0
    except SystemExit as done:
        code = done.code
    print(f"validation of the current release: {time.perf_counter() - started:.1f} s "
          f"(exit {code}; 0 conforms, 1 not)")


if __name__ == "__main__":
    main()
