"""Validation: the fast path against plain pyshacl, results compared."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from bench.report import LARGE, Report, Table, label, median, peak_rss_mib, run_child, secs
from graph.config import DEFAULT_BASE, SHAPES_DIR


def validate_child(nq: str, engine: str) -> dict[str, object]:
    """One validation run in a fresh process: time, results and a digest of their keys."""
    from graph.validate import validate
    from graph.validate.data import from_files
    from graph.validate.shapes import load_shapes

    started = time.perf_counter()
    data = from_files([Path(nq)], base=DEFAULT_BASE)
    shapes = load_shapes(SHAPES_DIR)
    loaded = time.perf_counter()
    result = validate(data, shapes, engine=engine)
    keys = sorted(repr(r.key()) for r in result.results)
    return {
        "load": loaded - started,
        "seconds": time.perf_counter() - loaded,
        "results": len(keys),
        "digest": hashlib.sha256("\n".join(keys).encode()).hexdigest()[:16],
        "rss": peak_rss_mib(),
    }


def bench_validation(report: Report, files: dict[int, Path], sizes: list[int], runs: int,
                     timeout: float, reference_max: int) -> None:
    table = Table("Validation: fast path vs plain pyshacl (seconds, medians)",
                  ["size", "fast s", "pyshacl s", "speed-up", "results (fast / pyshacl)",
                   "identical", "peak MiB fast / pyshacl"])
    try:
        import graph.validate  # noqa: F401
    except ImportError:
        table.notes.append("not available: graph.validate is not in this checkout")
        report.add(table)
        report.target("validation ≥ 30 × pyshacl, identical", None, "not available")
        return
    verdicts = []
    for size in sizes:
        if size not in files:
            continue
        fast: list[dict[str, object]] = []
        ref: dict[str, object] | str | None = None
        for _ in range(runs if size < LARGE else 1):
            status, value = run_child(validate_child, (str(files[size]), "fast"), timeout)
            if status == "ok":
                fast.append(value)  # type: ignore[arg-type]
        if fast:
            report.completed(size, "validation")
        fast_s = median([float(f["seconds"]) for f in fast])  # type: ignore[arg-type]
        if size > reference_max:
            table.rows.append([label(size), secs(fast_s), "not run", "–",
                               f"{fast[0]['results'] if fast else '–'} / –", "–",
                               f"{fast[0]['rss']:.0f} / –" if fast else "–"])
            table.notes.append(f"{label(size)}: plain pyshacl not run above "
                               f"{label(reference_max)} (`--reference-max`)")
            continue
        status, value = run_child(validate_child, (str(files[size]), "reference"), timeout)
        ref = value if status == "ok" else f"> {timeout:.0f} s" if status == "timeout" else status
        if isinstance(ref, dict):
            ref_s = float(ref["seconds"])  # type: ignore[arg-type]
            same = bool(fast) and fast[0]["digest"] == ref["digest"]
            table.rows.append([label(size), secs(fast_s), secs(ref_s), f"{ref_s / fast_s:,.1f}×",
                               f"{fast[0]['results']} / {ref['results']}", "yes" if same else
                               "**no**", f"{fast[0]['rss']:.0f} / {ref['rss']:.0f}"])
            verdicts.append((size, ref_s / fast_s, same))
        else:
            table.rows.append([label(size), secs(fast_s), str(ref),
                               f"> {timeout / fast_s:,.1f}×" if status == "timeout" else "–",
                               f"{fast[0]['results'] if fast else '–'} / –", "–",
                               f"{fast[0]['rss']:.0f} / –" if fast else "–"])
            verdicts.append((size, timeout / fast_s if status == "timeout" else 0.0, None))
    table.notes.append(
        "Each run in a fresh process: the N-Quads loaded with the ontology and the reference data "
        "(graph.validate.data.from_files, not timed in these columns), then validate() with each "
        "engine. Identical = same sorted result keys (focus, shape, severity, path, value). "
        "The quote-versus-text check is skipped by both (synthetic data have no texts)."
    )
    report.add(table)
    for size, speedup, same in verdicts:
        # pyshacl killed: the speed-up is a lower bound, conclusive only when already ≥ 30
        ok = (speedup >= 30 or None) if same is None else (speedup >= 30 and same)
        report.target(f"validation ≥ 30 × pyshacl, identical ({label(size)})", ok,
                      f"{speedup:,.1f}× " + {True: "identical", False: "DIFFERENT",
                                             None: "(pyshacl killed: lower bound)"}[same])
