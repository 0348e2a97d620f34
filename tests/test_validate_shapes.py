"""The shapes, proven by examples: valid files conform, each invalid file breaks its own shape.

An invalid example is named ``<shape>.ttl`` or ``<shape>--<variant>.ttl`` after the local name of
the shape it must trigger (``evidence-span--past-the-end.ttl`` → ``mgsh:evidence-span``); the
shape's severity is the threshold at which the file must fail. Every example is also validated
by both engines, which must report the same results.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.config import SHAPES_DIR, data_base
from graph.namespaces import MGSH
from graph.validate import Severity, validate
from graph.validate.data import from_files
from graph.validate.shapes import ShapeSet, load_shapes

EXAMPLES = Path(__file__).parent / "data" / "shapes"
VALID = sorted((EXAMPLES / "valid").glob("*.ttl"))
INVALID = sorted((EXAMPLES / "invalid").glob("*.ttl"))


@pytest.fixture(scope="module")
def shapes() -> ShapeSet:
    return load_shapes(SHAPES_DIR)


def _data(path: Path):  # type: ignore[no-untyped-def]
    # The texts evidence quotes are compared with sit next to the examples.
    return from_files([path], base=data_base(), texts=path.parent)


def test_there_are_examples_for_every_shape(shapes: ShapeSet) -> None:
    named = {p.stem.split("--")[0] for p in INVALID}
    missing = {shapes.name(s) for s in shapes.rules()} - named
    assert VALID and not missing, f"shapes without an invalid example: {sorted(missing)}"


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_example_conforms(path: Path, shapes: ShapeSet) -> None:
    report = validate(_data(path), shapes)
    assert report.results == [], [(shapes.name(r.shape), str(r.focus)) for r in report.results]


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_example_fails_on_its_shape(path: Path, shapes: ShapeSet) -> None:
    expected = MGSH + path.stem.split("--")[0]
    report = validate(_data(path), shapes)
    severity = shapes.severity(next(s for s in shapes.rules() if str(s) == expected))
    assert not report.conforms(severity)
    assert expected in {str(r.shape) for r in report.results}


@pytest.mark.slow
@pytest.mark.parametrize("path", VALID + INVALID, ids=lambda p: p.name)
def test_fast_path_and_reference_agree(path: Path, shapes: ShapeSet) -> None:
    data = _data(path)
    fast = {r.key() for r in validate(data, shapes, engine="fast").results}
    reference = {r.key() for r in validate(data, shapes, engine="reference").results}
    assert fast == reference


@pytest.mark.slow
@pytest.mark.parametrize("path", VALID + INVALID, ids=lambda p: p.name)
def test_bulk_reads_give_the_results_of_seeks(path: Path, shapes: ShapeSet, monkeypatch) -> None:
    """The fast path reads a big shape's values from per-predicate indexes and runs its SPARQL
    constraints once for all focus nodes; forced on every example, nothing may change."""
    from graph.validate import core, fastpath

    data = _data(path)
    seeks = {r.key() for r in validate(data, shapes, engine="fast").results}
    monkeypatch.setattr(core, "_BULK_FOCUS_NODES", 0)
    monkeypatch.setattr(fastpath, "_BATCH_FROM", 0)
    bulk = {r.key() for r in validate(_data(path), shapes, engine="fast").results}
    assert bulk == seeks


def test_severities_mean_something(shapes: ShapeSet) -> None:
    by_name = {shapes.name(s): shapes.severity(s) for s in shapes.rules()}
    assert by_name["resolution-symbol"] is Severity.VIOLATION
    assert by_name["mandate-organ-missing"] is Severity.WARNING
    assert by_name["resolution-provisions"] is Severity.INFO


def test_every_shape_says_what_to_fix_in_french_and_english(shapes: ShapeSet) -> None:
    from rdflib import Literal

    from graph.validate.results import SH

    for shape in shapes.rules():
        holders = [shape, *shapes.graph.objects(shape, SH.sparql)]
        langs = {
            m.language
            for h in holders
            for m in shapes.graph.objects(h, SH.message)
            if isinstance(m, Literal)
        }
        assert {"en", "fr"} <= langs, shapes.name(shape)
