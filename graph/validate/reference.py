"""The reference engine: plain pyshacl over the whole graph, every shape, nothing clever.

Slow when shapes hold SHACL-SPARQL constraints (pyshacl runs one rdflib query per focus node),
but it is the standard implementation: the fast path is tested to give the same results.
"""

from __future__ import annotations

import pyshacl

from graph.validate.data import DataSet
from graph.validate.results import Result, from_pyshacl
from graph.validate.shapes import ShapeSet


def validate_reference(data: DataSet, shapes: ShapeSet) -> list[Result]:
    """Validate the whole default graph against every shape with pyshacl."""
    graph = data.rdflib_graph()
    _, report_graph, _ = pyshacl.validate(
        graph, shacl_graph=shapes.graph, inference="none", inplace=True, allow_infos=True
    )
    return from_pyshacl(report_graph, shapes.path_text)
