"""A release's validation as the build records it: counts and comparable records per result.

The build validates in two parts (graph.validate.local): the shapes local to one document's
graph, in the worker that extracted it (cached with its extraction), and the others on the
whole graph once it is loaded; :func:`run_validation` joins them into what a whole-graph run
gives, in its order. It falls back to one whole-graph run when the split does not hold for
some part (the parts' own check says which).

This is the one place the build touches graph.validate, so that a change of its API is one
edit here: validation is optional for a release (its counts are simply left out).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Literal

from graph.config import SHAPES_DIR
from graph.store.interface import PatternStore

#: a result as the release keeps it, with its place in the report's order (see ``_order``)
Record = dict[str, Any]


@dataclass
class Validation:
    """What the release's provenance and the diff need from a validation run."""

    counts: dict[str, int]  # "violation" / "warning" / "info" → number of results
    results: list[dict[str, str]]  # one record per result, comparable between releases
    report: Any = None  # graph.validate's Report (whole-graph runs), to print a rejection
    shapes: Any = None


def record_of(result: Any) -> Record:
    """A graph.validate Result as a record, with what its order needs (``literal``)."""
    return {
        "severity": result.severity.name.lower(),
        "shape": str(result.shape),
        "focus": str(result.focus),
        "path": result.path_text or "",
        "value": "" if result.value is None else str(result.value),
        "literal": isinstance(result.value, Literal),
    }


def _order(record: Record) -> tuple[int, str, str, str, str]:
    """graph.validate.results.sort_results's key, from a record."""
    from graph.validate.results import Severity

    value = record["value"]
    text = f'"{value}"' if record["literal"] else value
    return (-Severity.from_name(record["severity"]), record["shape"], record["focus"],
            record["path"], text)


def _validation(records: Iterable[Record], report: Any, shapes: Any) -> Validation:
    ordered = sorted(records, key=_order)
    counts = dict.fromkeys(("info", "warning", "violation"), 0)
    for record in ordered:
        counts[record["severity"]] += 1
    results = [{k: v for k, v in r.items() if k != "literal"} for r in ordered]
    return Validation(counts=counts, results=results, report=report, shapes=shapes)


def run_validation(store: PatternStore, *, base: str, texts: Path | None,
                   local: list[Record] | None = None) -> Validation | None:
    """Validate the default graph of ``store`` with the project's shapes; None if impossible.

    With ``local`` (the results of every document's local shapes, graph.validate.local), only
    the other shapes run here, and the two are joined; without, every shape runs on the store.
    """
    try:
        from graph.validate import validate
        from graph.validate.data import DataSet
        from graph.validate.local import split_shapes
        from graph.validate.shapes import load_shapes
    except ImportError:
        return None
    try:
        shapes = load_shapes(SHAPES_DIR)
        data = DataSet(store=store, base=base, texts=texts)
        if local is None:
            report = validate(data, shapes)
            return _validation((record_of(r) for r in report.results), report, shapes)
        report = validate(data, split_shapes(shapes).whole, quotes=False)
        return _validation([*local, *(record_of(r) for r in report.results)], None, shapes)
    except Exception:  # a validator failure must not fail the build: counts left out
        return None


def render_rejection(validation: Validation, results: list[dict[str, str]], store: PatternStore,
                     base: str) -> str:
    """The validator's text report, restricted to ``results`` (what the user files broke);
    ``validation`` is a whole-graph run."""
    try:
        from graph.validate.data import DataSet
        from graph.validate.lines import LineIndex
        from graph.validate.report import Presenter, render
        from graph.validate.results import Report, Severity
    except ImportError:
        return "\n".join(f"{r['severity']}: {r['shape']} on {r['focus']}" for r in results) + "\n"
    wanted = {json.dumps(r, sort_keys=True) for r in results}
    kept = [
        r for r, record in zip(validation.report.results, validation.results, strict=True)
        if json.dumps(record, sort_keys=True) in wanted
    ]
    report = Report(results=kept, engine=validation.report.engine, seconds=0.0)
    presenter = Presenter(
        report=report, shapes=validation.shapes, data=DataSet(store=store, base=base),
        lines=LineIndex(), lang="en", threshold=Severity.VIOLATION,
    )
    return str(render(presenter, "text"))
