"""Benchmark: the registry on a kept build — full-text search latency (/search's index), the
registry's named queries (mandate-history, reports-due, overlapping-mandates) and the time
building the index and the overlaps takes.

Run: ``.venv/bin/python bench/search.py DIR [--runs N]`` where ``DIR`` is a build folder kept
by ``bench/build_un.py --build-dir DIR`` (the default slice, or the whole shared corpus with
``../shared/corpora/*.tar.xz``). It prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from graph.config import QUERIES_DIR
from graph.registry.overlaps import find_overlaps, read_candidates
from graph.registry.search_index import INDEX_FILE, build_index, search

#: what researchers type: symbols, a word, phrases, in the three languages, rare and common
QUERIES = (
    "S/RES/2722 (2024)", "A/RES/78/3", "UNMISS", "sexual violence", "Secretary-General report",
    "violences sexuelles", "informe anual", "climate", "humanitarian access", "cessez-le-feu",
    "protection of civilians", "derechos humanos", "zzzqqq",
)


def _ms(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"median {statistics.median(ordered) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build_dir", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    release = (args.build_dir / "current").resolve()
    store = ox.Store.read_only(str(release / "store"))
    print(f"release {release.name}")

    with tempfile.TemporaryDirectory() as scratch:
        started = time.perf_counter()
        rows = build_index(store, Path(scratch) / INDEX_FILE)
        print(f"index: {rows:,} rows in {time.perf_counter() - started:.1f} s "
              f"({(Path(scratch) / INDEX_FILE).stat().st_size / 1e6:.0f} MB)")
    index = release / INDEX_FILE
    if not index.is_file():
        raise SystemExit(f"{index} is missing: rebuild with this version")
    every: list[float] = []
    for text in QUERIES:
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            total, _hits = search(index, text, limit=50)
            times.append(time.perf_counter() - started)
        every += times
        print(f"search {text!r}: {total:,} hits, {_ms(times)}")
    print(f"search, all queries: {_ms(every)}")

    started = time.perf_counter()
    candidates = read_candidates(store)
    read = time.perf_counter() - started
    overlaps = find_overlaps(candidates)
    print(f"overlaps: {len(candidates):,} candidates read in {read:.1f} s, {len(overlaps):,} "
          f"pairs in {time.perf_counter() - started - read:.1f} s")
    for name, bindings in (("mandate-history", {"organ": "organ/un-unmiss"}),
                           ("reports-due", {}), ("overlapping-mandates", {})):
        sparql = (QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")
        base = "https://w3id.org/mandate-graph/id/"
        values = {ox.Variable(k): ox.NamedNode(base + v) for k, v in bindings.items()}
        times, count = [], 0
        for _ in range(args.runs):
            started = time.perf_counter()
            count = sum(1 for _ in store.query(sparql, substitutions=values))
            times.append(time.perf_counter() - started)
        print(f"{name}: {count:,} rows, {_ms(times)}")


if __name__ == "__main__":
    main()
