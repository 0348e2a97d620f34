"""The corpus build, step by step, each in a fresh process."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.report import Report, Table, median, peak_rss_mib, run_child, secs
from graph.config import DEFAULT_BASE, SHAPES_DIR


def corpus_step(step: str, scratch: str) -> dict[str, float]:
    """One step of the corpus build in a fresh process: its time and peak memory."""
    from graph.build import build, text_sources

    started = time.perf_counter()
    if step == "extract":
        from graph.extract import extract_corpus
        from graph.rdf_files import read_graph
        from graph.sources import MANIFEST, read_sources

        documents, _errors = read_sources(text_sources())
        extract_corpus(documents, read_graph(MANIFEST, base=DEFAULT_BASE), base=DEFAULT_BASE)
    elif step == "build":
        report = build(text_sources(), build_dir=Path(scratch), base=DEFAULT_BASE)
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
