"""The embedded store's SELECT answers: written by pyoxigraph, cut at the row cap, never silently."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from server.results import (
    Formats,
    _CappedJson,
    _CappedLines,
    _RowCapReached,
    solutions_answer,
    solutions_from_store,
)

JSON = "application/sparql-results+json"
# Terms that stress a line-based format: line breaks, tabs and quotes inside literals, a language
# tag, a datatype, a blank node, an unbound variable, a row with nothing bound.
QUERY = """SELECT ?i ?v ?w WHERE {
  VALUES (?i ?v ?w) {
    (1 "a\\nb\\tc \\"d\\"" <https://example.org/x>)
    (2 "résolution"@fr UNDEF)
    (3 "2024-01-31"^^<http://www.w3.org/2001/XMLSchema#date> "x")
    (UNDEF UNDEF UNDEF)
    (5 <https://example.org/y> "e")
  }
}"""


def _store_answer(max_rows: int, mimetype: str = JSON, query: str = QUERY) -> tuple[bytes, bool]:
    answer = solutions_from_store(ox.Store().query(query), Formats(mimetype, None), max_rows,
                                  again=lambda: ox.Store().query(query))
    return answer.body, answer.truncated


def _term_answer(max_rows: int, query: str = QUERY) -> dict[str, object]:
    """What the terms path (used for external stores) writes for the same solutions."""
    result = ox.Store().query(query)
    names = [v.value for v in result.variables]
    rows = ({name: row[name] for name in names} for row in result)
    return json.loads(solutions_answer(names, rows, Formats(JSON, None), max_rows).body)


@pytest.mark.parametrize("max_rows", [0, 1, 3, 4, 5, 6, 100])
def test_same_answer_as_the_terms_path(max_rows: int) -> None:
    body, truncated = _store_answer(max_rows)
    document = json.loads(body)
    assert document == _term_answer(max_rows)
    assert len(document["results"]["bindings"]) == min(max_rows, 5)
    assert truncated is (max_rows < 5)
    assert document.get("truncated", False) is truncated


@pytest.mark.parametrize("mimetype", ["text/csv", "text/tab-separated-values",
                                      "application/sparql-results+xml"])
def test_other_formats_are_cut_too(mimetype: str) -> None:
    whole, _ = _store_answer(100, mimetype)
    cut, truncated = _store_answer(2, mimetype)
    assert truncated and len(cut) < len(whole)
    if mimetype == "text/csv":  # no CSV parser in pyoxigraph (CSV loses the term kinds)
        assert whole.startswith(cut) and cut.count(b"\r\n") == 1 + 2  # row 1 breaks with a bare LF
        return
    parsed = ox.parse_query_results(cut, format=ox.QueryResultsFormat.from_media_type(mimetype))
    assert len(list(parsed)) == 2


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 1000])
def test_line_count_is_right_whatever_the_write_sizes(chunk: int) -> None:
    """pyoxigraph decides how much it hands each write; the cut must not depend on it."""
    data = b"?a\n1\n22\n\n333\n4444\n"
    for max_rows in range(7):
        sink = _CappedLines(max_rows)
        try:
            for start in range(0, len(data), chunk):
                sink.write(data[start:start + chunk])
        except _RowCapReached:  # how the sink stops pyoxigraph's writer
            pass
        kept = b"".join(sink.parts)
        lines = data.split(b"\n")[:-1][: max_rows + 1]
        assert kept == b"".join(line + b"\n" for line in lines)
        assert sink.truncated is (max_rows < 5)


# No solution with nothing bound: SPARQL JSON is written directly and counted as it is written.
# The literals hold what a byte count could be fooled by: the separator's characters, braces,
# escaped quotes; and a triple term nests objects inside a binding.
DIRECT = """SELECT ?i ?v WHERE {
  VALUES (?i ?v) {
    (1 "a,{\\"b\\"}},{\\"c")
    (2 "}},{")
    (3 <<( <https://example.org/s> <https://example.org/p> "o,{" )>>)
    (4 "résolution"@fr)
    (UNDEF "only v")
    (6 UNDEF)
  }
}"""


def _direct_answer(max_rows: int, query: str = DIRECT) -> tuple[bytes, bool, int]:
    """The answer, whether it was cut, and how many times the query had to run again."""
    runs = []

    def again() -> ox.QuerySolutions:
        runs.append(1)
        return ox.Store().query(query)

    answer = solutions_from_store(ox.Store().query(query), Formats(JSON, None), max_rows, again)
    return answer.body, answer.truncated, len(runs)


@pytest.mark.parametrize("max_rows", [1, 2, 3, 5, 6, 7, 10_000])
def test_json_written_directly_is_cut_like_the_terms_path(max_rows: int) -> None:
    body, truncated, again = _direct_answer(max_rows)
    assert again == 0, "no {} in the answer: the direct count is sure"
    document = json.loads(body)
    assert document == _term_answer(max_rows, DIRECT)
    assert len(document["results"]["bindings"]) == min(max_rows, 6)
    assert truncated is (max_rows < 6)


def test_braces_in_a_literal_make_the_count_unsure_and_it_is_redone() -> None:
    query = 'SELECT ?v WHERE { VALUES ?v { "a" "{}" "c" } }'
    body, truncated, again = _direct_answer(2, query)
    assert again == 1
    assert json.loads(body) == _term_answer(2, query) and truncated


def test_braces_in_a_literal_need_no_recount_when_the_cap_cannot_be_reached() -> None:
    """Fewer opening braces than the cap: no solution can be past it, so nothing is recounted."""
    query = 'SELECT ?v WHERE { VALUES ?v { "a" "{}" "c" UNDEF } }'
    body, truncated, again = _direct_answer(100, query)
    assert again == 0 and not truncated
    assert json.loads(body) == _term_answer(100, query)


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 1000])
def test_json_count_is_right_whatever_the_write_sizes(chunk: int) -> None:
    data = ox.Store().query(DIRECT).serialize(format=ox.QueryResultsFormat.JSON) or b""
    for max_rows in range(1, 8):
        sink = _CappedJson(max_rows)
        try:
            for start in range(0, len(data), chunk):
                sink.write(data[start:start + chunk])
        except _RowCapReached:
            pass
        assert not sink.ambiguous
        document = json.loads(sink.body())
        assert document == _term_answer(max_rows, DIRECT)
        assert sink.truncated is (max_rows < 6)
