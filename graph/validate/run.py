"""One validation run: data and shapes in, a report out, with the engine the user chose."""

from __future__ import annotations

import time

from graph.validate.data import DataError, DataSet
from graph.validate.fastpath import validate_fast
from graph.validate.reference import validate_reference
from graph.validate.results import Report, sort_results
from graph.validate.shapes import ShapesError, ShapeSet
from graph.validate.textcheck import check_quotes

#: ``fast`` (default) and ``reference`` (plain pyshacl) give the same results
ENGINES = {"fast": validate_fast, "reference": validate_reference}


class ValidationError(Exception):
    """Validation could not run (unreadable data or shapes); the message says why."""


def validate(data: DataSet, shapes: ShapeSet, *, engine: str = "fast",
             quotes: bool = True) -> Report:
    """Validate ``data`` against ``shapes`` and (``quotes``) the source-text check."""
    if engine not in ENGINES:
        raise ValidationError(f"unknown engine {engine!r}: expected one of {sorted(ENGINES)}")
    started = time.perf_counter()
    try:
        results = ENGINES[engine](data, shapes)
        quote_results, notes = check_quotes(data, shapes) if quotes else ([], [])
    except (DataError, ShapesError) as err:
        raise ValidationError(str(err)) from err
    results.extend(quote_results)
    return Report(
        results=sort_results(results),
        engine=engine,
        seconds=time.perf_counter() - started,
        notes=notes,
    )
