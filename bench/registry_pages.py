"""Benchmark: the registry pages on a kept build — /mandates (filtered, sorted, paged), its CSV
and JSON exports, /reports-due and its iCalendar feed — and the one query the registry reads.

Run: ``.venv/bin/python bench/registry_pages.py BUILD_DIR [--runs 3]`` on a build kept by
``bench/build_un.py --build-dir BUILD_DIR`` (the default slice, or the whole shared corpus).
Pages are fetched through the server's own code (the Flask test client on the embedded store,
query workers included), so the figures are what a reader waits for, less the network. It
prints figures (median of ``--runs``); it is not a test.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pyoxigraph as ox

from bench.report import kept_build
from server import close_app, create_app
from server.settings import Settings

SERVER_QUERIES = Path(__file__).resolve().parents[1] / "server" / "queries"
#: what a reader opens: the registry as it comes, a later page, filters, orders, exports
PAGES = (
    "/mandates",
    "/mandates?page=10",
    "/mandates?body=UNMISS",
    "/mandates?organ=UNSC&year=2024",
    "/mandates?status=active&sort=ends",
    "/mandates?q=report",
    "/mandates?q=rapport+annuel&lang=fr",
    "/mandates?sort=-text",
    "/mandates.csv?body=UNMISS",
    "/mandates.json",
    "/mandates.csv",
    "/reports-due",
    "/reports-due?body=Secretary-General of the United Nations",
    "/reports-due?from=2024-01-01&to=2024-12-31",
    "/reports-due.ics?body=Secretary-General of the United Nations",
)


def main() -> None:
    args, store_dir = kept_build(__doc__.splitlines()[0])
    store = ox.Store.read_only(str(store_dir))
    sparql = (SERVER_QUERIES / "registry-mandates.rq").read_text(encoding="utf-8")
    times, count = [], 0
    for _ in range(args.runs):
        started = time.perf_counter()
        count = sum(1 for _ in store.query(sparql))
        times.append(time.perf_counter() - started)
    print(f"registry-mandates.rq, in this process: {count:,} mandates, "
          f"median {statistics.median(times) * 1000:.0f} ms")
    del store
    app = create_app(Settings(store=f"oxigraph:{store_dir}", rate_limit_per_minute=0))
    client = app.test_client()
    try:
        client.get("/reports-due")  # the query workers started, the names' lookup read
        print(f"pages (median of {args.runs}; HTTP status, bytes):")
        for page in PAGES:
            times, status, size = [], 0, 0
            for _ in range(args.runs):
                started = time.perf_counter()
                response = client.get(page)
                times.append(time.perf_counter() - started)
                status, size = response.status_code, len(response.get_data())
            print(f"  {page:<62} {statistics.median(times) * 1000:8.0f} ms  HTTP {status}  "
                  f"{size:,} bytes")
    finally:
        close_app(app)


if __name__ == "__main__":
    main()
