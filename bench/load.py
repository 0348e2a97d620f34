"""Bulk load: our build path against raw ``pyoxigraph.Store.bulk_load``."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pyoxigraph as ox

from bench.report import (
    LARGE,
    Report,
    Table,
    label,
    median,
    secs,
)


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
        "(target ≥ 0.8); ours also writes the merged default graph, which raw does not, and "
        "parses leniently (its input is the build's own pyoxigraph-written dump), raw with "
        "bulk_load's default checks."
    )
    report.add(table)
    for size in files:
        report.completed(size, "load")
    if target_size in files:  # the targets are set at one size (1M); others are for the record
        row = table.rows[list(files).index(target_size)]
        report.target(f"load ≥ 0.8 × raw bulk_load ({label(target_size)})",
                      float(row[6]) >= 0.8, f"ours/raw = {row[6]}")
    return stores
