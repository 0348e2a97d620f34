"""Validation of the graph against the project's SHACL shapes.

The package is split by job: ``shapes`` reads the shapes, ``data`` reads what is validated (the
built store or RDF files), ``reference`` and ``fastpath`` are the two engines (plain pyshacl, and
the fast path that gives the same results), ``textcheck`` compares evidence quotes with the
source texts, ``lines`` finds where a resource is written in a file, and ``report`` prints the
results. ``run`` ties them together for the command line.
"""

from __future__ import annotations

from graph.validate.results import Report, Result, Severity
from graph.validate.run import ENGINES, ValidationError, validate

__all__ = ["ENGINES", "Report", "Result", "Severity", "ValidationError", "validate"]
