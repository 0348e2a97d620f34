"""Benchmark: how long the corpus build takes, step by step (extract, load, dump, merge).

Run: ``.venv/bin/python bench/build_corpus.py [--runs 5] [--jobs 1]``. Prints the median of
several runs of each step and of the whole build (reading, extraction, loading into a fresh
on-disk store, the sorted N-Quads dump, the default-graph merge), each into a scratch folder.
It is a script that prints figures, never a test with a time limit.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from graph.build import build, text_sources
from graph.config import DEFAULT_BASE


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    sources = text_sources()
    totals: list[float] = []
    steps: dict[str, list[float]] = {}
    quads = 0
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as scratch:
            started = time.perf_counter()
            report = build(sources, build_dir=Path(scratch), base=DEFAULT_BASE, jobs=args.jobs)
            totals.append(time.perf_counter() - started)
            if not report.ok:
                raise SystemExit(f"build failed: {report.errors}")
            quads = report.quads
            for step, seconds in report.timings.items():
                steps.setdefault(step, []).append(seconds)
    print(f"corpus: {len(sources)} documents, {quads} quads, {args.runs} runs, jobs={args.jobs}")
    print(f"{'step':<10}{'median s':>10}{'min s':>8}")
    for step, values in steps.items():
        print(f"{step:<10}{statistics.median(values):>10.3f}{min(values):>8.3f}")
    print(f"{'total':<10}{statistics.median(totals):>10.3f}{min(totals):>8.3f}")


if __name__ == "__main__":
    main()
