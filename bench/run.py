"""Benchmark: load, named queries, endpoint throughput, validation and the corpus build, at scale.

Run: ``.venv/bin/python bench/run.py [--sizes 10k,100k,1m] [--runs 3]``. Prints tables and writes
bench/RESULTS.md (see bench/README.md for what each figure means). Data are synthetic graphs of
``graph.synthetic`` (seeded, shaped like the corpus). Every comparison is measured side by side
in the same run — alternating the contenders, medians of ``--runs`` — because the machine is
shared and noisy: absolute times drift between runs, ratios much less.

It is a script that prints figures, never a test with a time limit (tests/test_bench_smoke.py
runs a tiny version, ``--smoke``, to keep it working). This file reads the options and runs the
sections in order; each section is a module of its own (``load``, ``queries``, ``validation``,
``corpus``, ``scale_out``), on what they share (``report``: tables, targets, RESULTS.md;
``endpoint``: the server process and the HTTP client; ``named``: the named queries).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make the project importable
    sys.path.insert(0, str(ROOT))

from bench.corpus import bench_corpus  # noqa: E402
from bench.load import bench_load  # noqa: E402
from bench.named import named_queries  # noqa: E402
from bench.queries import bench_queries  # noqa: E402
from bench.report import (  # noqa: E402
    LARGE,
    Report,
    Table,
    command_options,
    label,
    machine,
    refresh_included,
    secs,
    write_results,
)
from bench.scale_out import bench_virtuoso  # noqa: E402
from bench.validation import bench_validation  # noqa: E402
from graph.synthetic import generate_file, parse_size  # noqa: E402


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
                        help="size the targets are judged at; a run without it judges only "
                        "that the large sizes complete")
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
    parser.add_argument("--refresh-included", action="store_true",
                        help="run nothing: rewrite the --include targets in --output from the "
                             "files as they are now")
    parser.add_argument("--smoke", action="store_true",
                        help="tiny and quick: 20k, one run, no rdflib/pyshacl at scale")
    args = parser.parse_args(argv)
    for included in args.include or []:  # checked now, not after an hour of measuring
        if not included.is_file():
            parser.error(f"--include {included}: no such results file; write it first with "
                         "its own run (bench/README.md lists the commands)")
    if args.refresh_included:
        refresh_included(args.output, args.include or [])
        print(f"written: {args.output}")
        return
    args.command = command_options(argv)
    if args.smoke:
        args.sizes, args.runs, args.validation_sizes = "20k", 1, "20k"
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
