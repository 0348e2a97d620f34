"""Benchmark: the UN corpus builds — the default slice and, optionally, the whole shared corpus.

Run: ``.venv/bin/python bench/build_un.py [--jobs 2] [ARCHIVE ...]``. With no archive, it
builds what ``make serve`` builds (the five texts and ``graph/corpus/un/*.tar.xz``) three times
in one scratch folder: cold (empty extraction cache), unchanged (the CLI's default, which keeps
the current release when the inputs are the same), and forced with a warm cache (a new release,
no document re-extracted). With archives (``../shared/corpora/*.tar.xz``), it builds them once
cold. ``--build-dir DIR`` keeps the build, for ``bench/graph_speed.py DIR``. For each build it
prints the wall and CPU time, each step's time, the quads, the files skipped and
the peak memory of the process and its workers. It prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from graph.build import BuildReport, build, default_sources
from graph.config import DEFAULT_BASE


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _cpu() -> float:
    """CPU seconds (user and system) of the process and its finished workers so far: on a
    shared machine, steadier than the wall time."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _show(label: str, report: BuildReport, seconds: float, cpu: float) -> None:
    steps = ", ".join(f"{k} {v:.1f}" for k, v in report.timings.items())
    print(f"{label}: {seconds:.1f} s wall, {cpu:.1f} s CPU; {len(report.documents)} documents, "
          f"{report.quads} quads; skipped {len(report.skipped)}, ignored {len(report.ignored)}; "
          f"peak RSS {_peak_mb():.0f} MB")
    if steps:
        print(f"  steps (s): {steps}")
    for line in report.skipped:
        print(f"  skipped: {line}")
    if not report.ok:
        print(f"  errors: {report.errors[:5]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archives", nargs="*", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--build-dir", type=Path, default=None,
                        help="build there and keep it (for bench/graph_speed.py); default: a "
                             "scratch folder, removed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.build_dir or Path(scratch)
        if args.archives:
            started, cpu = time.perf_counter(), _cpu()
            report = build(args.archives, build_dir=folder, base=DEFAULT_BASE, jobs=args.jobs)
            _show("whole corpus, cold", report, time.perf_counter() - started, _cpu() - cpu)
            return
        sources = default_sources()
        for label, options in (
            ("default build, cold", {}),
            ("default build, unchanged", {"skip_unchanged": True}),
            ("default build, forced, warm cache", {}),
        ):
            started, cpu = time.perf_counter(), _cpu()
            report = build(sources, build_dir=folder, base=DEFAULT_BASE, jobs=args.jobs,
                           **options)  # type: ignore[arg-type]
            _show(label, report, time.perf_counter() - started, _cpu() - cpu)


if __name__ == "__main__":
    main()
