"""The SERVICE/LOAD check reads tokens: keywords in strings, IRIs, names are not keywords."""

from __future__ import annotations

import pytest

from server.guard import RefusedQuery, check_query, keywords


@pytest.mark.parametrize(
    "sparql",
    [
        "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "select * { service silent <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * {?s ?p ?o.SERVICE?x{?s ?p ?o}}",
        # '<' is less-than here; read as an IRI "<'x>" it would hide SERVICE in a string
        "SELECT * { ?s ?p ?o FILTER(?o<'x>')SERVICE<http://example.org/>{} }",
        # and here read as an IRI it would hide SERVICE after a comment
        "SELECT * { ?s ?p ?o FILTER(?o<?p)SERVICE?s#>\n{ ?s ?p ?o } }",
        'SELECT * { ?s ?p "a" } # comment\nSERVICE',
        "LOAD <http://example.org/data.ttl>",
        "INSERT { ?s ?p ?o } WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }",
    ],
)
def test_refused(sparql: str) -> None:
    with pytest.raises(RefusedQuery):
        check_query(sparql)


@pytest.mark.parametrize(
    "sparql",
    [
        'SELECT * { ?s ?p "SERVICE <http://example.org/> { }" }',
        "SELECT * { ?s ?p '''multi\nline SERVICE'''}",
        "SELECT * { <http://example.org/SERVICE> ?p ?o }",
        "SELECT * { ?s ?p ?o FILTER(?o IN (<http://example.org/service>, ?s)) }",
        "SELECT * { ?s ?p ?o FILTER(?o < <http://example.org/SERVICE>) }",
        "PREFIX SERVICE: <http://example.org/> SELECT ?SERVICE { ?SERVICE SERVICE:p ex:SERVICE, _:SERVICE, 'x'@SERVICE }",
        "SELECT * { ?s ?p ?o } # SERVICE <http://example.org/> { }",
        'SELECT * { ?s ?p "LOAD <http://example.org/>" }',
    ],
)
def test_not_refused(sparql: str) -> None:
    check_query(sparql)


def test_keywords_are_case_insensitive_words() -> None:
    assert {"SELECT", "WHERE", "FILTER"} <= keywords("select * where { ?s ?p ?o filter(true) }")


def test_a_long_run_of_non_ascii_letters_is_read_as_one_token() -> None:
    # It was once read one letter at a time, each time rescanning the rest of the run: the
    # check grew with the square of the query's length and held the server meanwhile.
    from server.guard import _TOKEN

    run = "é" * 20_000
    match = _TOKEN.match(run + " }")
    assert match is not None and match.lastgroup == "word" and match.end() == len(run)
    assert "SERVICE" not in keywords("SELECT * WHERE { ?s ?p " + run + " }")


def test_brackets_nested_past_the_limit_are_a_bad_request() -> None:
    from server.guard import MAX_NESTING, TooDeep

    deep = "SELECT * WHERE " + "{" * (MAX_NESTING + 1) + "}" * (MAX_NESTING + 1)
    with pytest.raises(TooDeep, match="nests brackets"):
        check_query(deep)
    check_query("SELECT * WHERE " + "{" * 50 + "}" * 50)
