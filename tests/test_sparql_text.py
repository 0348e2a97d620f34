"""Where a bound parameter goes in the text sent to an HTTP store (server.backends.with_values).

pyoxigraph binds a variable only when the query projects it, so every query here does, as the
named queries do. The block must open the WHERE pattern, never land in a CONSTRUCT template, a subquery, a string
or an IRI, and the query must give the same answers as pyoxigraph's own substitution.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph.store.text import DatasetConflict, names_graphs, pattern_start, with_using
from server.backends import with_values

ORGAN = ox.NamedNode("http://example.org/organ/a")
BOUND = (("organ", ORGAN),)
BLOCK = "VALUES (?organ) { (<http://example.org/organ/a>) }"


@pytest.mark.parametrize(
    ("query", "expected_prefix"),
    [
        ("SELECT * WHERE { ?organ ?p ?o }", "SELECT * WHERE {"),
        ("SELECT * { ?organ ?p ?o }", "SELECT * {"),
        ("ASK { ?organ ?p ?o }", "ASK {"),
        ("DESCRIBE ?organ WHERE { ?organ ?p ?o }", "DESCRIBE ?organ WHERE {"),
        ("CONSTRUCT { ?organ ?p ?o } WHERE { ?organ ?p ?o }",
         "CONSTRUCT { ?organ ?p ?o } WHERE {"),
        ("CONSTRUCT { ?organ ?p ?o } FROM <http://g> { ?organ ?p ?o }",
         "CONSTRUCT { ?organ ?p ?o } FROM <http://g> {"),
        ('PREFIX x: <http://x/>\n# a comment with WHERE {\nSELECT ("{" AS ?b) WHERE { ?organ ?p ?o }',
         'PREFIX x: <http://x/>\n# a comment with WHERE {\nSELECT ("{" AS ?b) WHERE {'),
    ],
)
def test_the_block_opens_the_where_pattern(query: str, expected_prefix: str) -> None:
    text = with_values(query, BOUND)
    assert text.startswith(expected_prefix + " " + BLOCK)
    assert text.count("VALUES") == 1


def test_short_construct_keeps_a_trailing_block() -> None:
    query = "CONSTRUCT WHERE { ?organ ?p ?o }"
    assert pattern_start(query) is None
    assert with_values(query, BOUND) == f"{query}\n{BLOCK}\n"


def test_nothing_bound_leaves_the_text_alone() -> None:
    assert with_values("SELECT * { ?s ?p ?o }", ()) == "SELECT * { ?s ?p ?o }"


def store() -> ox.Store:
    s = ox.Store()
    ex = "http://example.org/"
    for child, parent in [("b", "a"), ("c", "b"), ("d", "c"), ("y", "x")]:
        s.add(ox.Quad(ox.NamedNode(f"{ex}organ/{child}"), ox.NamedNode(f"{ex}sub"),
                      ox.NamedNode(f"{ex}organ/{parent}")))
    s.add(ox.Quad(ox.NamedNode(f"{ex}organ/b"), ox.NamedNode(f"{ex}name"), ox.Literal("B")))
    return s


@pytest.mark.parametrize(
    "query",
    [
        # the start of a property path, the case Virtuoso got wrong with a trailing block
        "SELECT ?organ ?x WHERE { ?x <http://example.org/sub>+ ?organ }",
        # an aggregate over the bound pattern
        "SELECT ?organ (COUNT(?x) AS ?n) WHERE { ?x <http://example.org/sub>* ?organ } "
        "GROUP BY ?organ",
        # an OPTIONAL that reads the bound variable
        "SELECT ?organ ?x ?name WHERE { ?x <http://example.org/sub> ?organ "
        "OPTIONAL { ?x <http://example.org/name> ?name } }",
    ],
)
def test_same_answers_as_substitution(query: str) -> None:
    s = store()
    substituted = s.query(query, substitutions={ox.Variable("organ"): ORGAN})
    with_block = s.query(with_values(query, BOUND))
    expected = sorted(map(str, substituted))
    assert expected, "the bound question should have answers"
    assert sorted(map(str, with_block)) == expected


def test_a_query_marking_where_its_parameters_join_gets_the_block_in_each_branch() -> None:
    """A block before a UNION is not pushed into its branches by the engine: citation-chain
    marks each branch, and each gets the block; the answers are those of substitution."""
    query = (
        "SELECT ?organ ?x ?way WHERE {\n"
        "  {\n    # parameters join here\n    ?x <http://example.org/sub>+ ?organ .\n"
        '    BIND("below" AS ?way)\n  } UNION {\n'
        "    # parameters join here: and a note on why\n"
        '    ?organ <http://example.org/sub>+ ?x .\n    BIND("above" AS ?way)\n  }\n}'
    )
    text = with_values(query, BOUND)
    assert text.count(BLOCK) == 2
    assert text.index(BLOCK) > text.index("{\n  {")  # inside the branches, not before them
    s = store()
    bound = (("organ", ox.NamedNode("http://example.org/organ/b")),)
    substituted = s.query(query, substitutions={ox.Variable("organ"): bound[0][1]})
    expected = sorted(map(str, substituted))
    assert len(expected) == 3  # c and d below b, a above it
    assert sorted(map(str, s.query(with_values(query, bound)))) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", False),
        ("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }", True),
        ("select * from named <http://example.org/g> { graph ?g { ?s ?p ?o } }", True),
        ("CONSTRUCT { ?s ?p ?o } FROM <http://example.org/g> WHERE { ?s ?p ?o }", True),
        ("ASK { GRAPH <http://example.org/g> { ?s ?p ?o } }", True),
        ("SELECT * WHERE { { SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } } } }", True),
        # the same letters as a string, an IRI, a comment, a variable, a prefixed name
        ('SELECT * WHERE { ?s ?p "FROM GRAPH" } # FROM <http://example.org/g>', False),
        ("SELECT ?graph ?from WHERE { ?graph <http://example.org/GRAPH> ?from }", False),
        ("SELECT * WHERE { ?s ex:GRAPH ?o ; graph: ?x }", False),
    ],
)
def test_names_graphs(query: str, expected: bool) -> None:
    assert names_graphs(query) is expected


def test_using_clauses_go_before_each_delete_insert_where() -> None:
    update = (
        'PREFIX ex: <http://example.org/> INSERT DATA { ex:a ex:b "WHERE USING" } ;\n'
        "INSERT { GRAPH ex:t { ?s a ex:C } } WHERE { ?s a ex:D } ;\n"
        "DELETE WHERE { ?s ex:gone ?o }"
    )
    written = with_using(update, ("http://example.org/g1",), ("http://example.org/n1",))
    clauses = "USING <http://example.org/g1> USING NAMED <http://example.org/n1> "
    assert written == (
        'PREFIX ex: <http://example.org/> INSERT DATA { ex:a ex:b "WHERE USING" } ;\n'
        f"INSERT {{ GRAPH ex:t {{ ?s a ex:C }} }} {clauses}WHERE {{ ?s a ex:D }} ;\n"
        f"DELETE {{ ?s ex:gone ?o }} {clauses}WHERE {{ ?s ex:gone ?o }}"
    )
    assert with_using(update, (), ()) == update


@pytest.mark.parametrize("update", [
    "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } USING <http://example.org/g> WHERE { ?s ?p ?o }",
])
def test_an_update_naming_its_own_dataset_conflicts_with_the_parameters(update: str) -> None:
    with pytest.raises(DatasetConflict, match="one way only"):
        with_using(update, ("http://example.org/other",), ())
