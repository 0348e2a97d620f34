"""SPARQL text read as SPARQL's lexical units, and the few rewrites the stores and the server
make of it: the one module that reads query text.

* :func:`tokens` is the lexer the server's guard, ORDER BY reader and parameter binding use;
* :func:`parse_prologue` reads the prefixes a query declares and its form (SELECT, ASK…), which
  an HTTP store needs to ask for the right result format;
* :func:`with_prefixes` and :func:`with_base` offer the project's prefixes and base to a store
  that does not predeclare them, so a query gives the same answer on either store;
* :func:`pattern_start`, :func:`names_graphs` and :func:`with_using` find where a query's
  pattern begins (for :func:`server.backends.with_values`), whether it names its dataset, and
  write the protocol's ``using-graph-uri`` into an update.

Strings, comments, IRIs, variables, prefixed names, blank nodes and language tags are whole
tokens, so a brace or a keyword inside them is never taken for one; comments are skipped, so
"# PREFIX x: <...>" declares nothing. ``<`` is read as the start of an IRI wherever it can be;
:mod:`server.guard` also follows the less-than reading where the two are ambiguous, which cannot
move a brace (an IRI token holds none).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache

import pyoxigraph as ox

from graph.namespaces import PREFIXES

#: One token at a position; the group name is its kind. The "other" branch matches any
#: character, so a match always exists.
TOKEN = re.compile(
    r"""
    (?P<space>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                 |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][\w\u00B7\u00C0-\uFFFF]*)
    | (?P<bnode>_:[\w.\-\u00B7\u00C0-\uFFFF]*)
    | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<pname>(?:[A-Za-z\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*)?:
                 (?:[\w:%\u00B7\u00C0-\uFFFF]|\\[^\s]|[.\-](?=[\w:%\u00B7\u00C0-\uFFFF\-.]))*)
    | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)
    | (?P<word>[A-Za-z_\u00C0-\uFFFF][\w\u00B7\u00C0-\uFFFF]*)
    | (?P<open>[({\[])
    | (?P<close>[)}\]])
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def tokens(text: str) -> Iterator[tuple[str, str, int]]:
    """(kind, text, offset just after it) of each token, spaces and comments left out."""
    pos = 0
    while pos < len(text):
        match = TOKEN.match(text, pos)
        assert match is not None
        pos = match.end()
        kind = match.lastgroup
        assert kind is not None
        if kind not in {"space", "comment"}:
            yield kind, match.group(), pos


def parse_prologue(sparql: str) -> tuple[dict[str, str], str | None]:
    """The prefixes a query declares and its form (SELECT, ASK, CONSTRUCT, DESCRIBE...).

    Only the prologue is read (BASE and PREFIX declarations before the first other keyword), as
    SPARQL allows declarations nowhere else in a query. The form is upper-cased, or ``None`` when
    the text does not start like a query (the store will then report the syntax error).
    """
    declared: dict[str, str] = {}
    expect: str | None = None  # "pname" after PREFIX, "iri" after a pname or BASE
    pending_prefix: str | None = None
    for kind, text, _end in tokens(sparql):
        if expect == "pname" and kind == "pname" and text.endswith(":"):
            pending_prefix, expect = text[:-1], "iri"
        elif expect == "iri" and kind == "iri":
            if pending_prefix is not None:
                declared[pending_prefix] = text[1:-1]
            pending_prefix, expect = None, None
        elif expect is None and kind == "word" and text.upper() == "PREFIX":
            expect = "pname"
        elif expect is None and kind == "word" and text.upper() == "BASE":
            expect = "iri"
        elif expect is None and kind == "word" and text.isascii() and text.isalpha():
            return declared, text.upper()
        else:
            return declared, None
    return declared, None


def with_prefixes(sparql: str, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """The query preceded by a PREFIX line for each project prefix it does not declare itself.

    The lines are built from the project's own prefix table (validated as IRIs by pyoxigraph),
    never from the user's text, which is kept untouched after them.
    """
    declared, _form = parse_prologue(sparql)
    lines = [
        f"PREFIX {name}: {ox.NamedNode(iri)}"
        for name, iri in prefixes.items()
        if name not in declared
    ]
    return "\n".join([*lines, sparql]) if lines else sparql


def with_base(sparql: str, base: str | None) -> str:
    """The query or update preceded by ``BASE <base>``, so its relative IRIs resolve as the
    embedded store resolves them (its ``base_iri``). A BASE the text declares itself comes
    later in the prologue and so takes over; the IRI is written by pyoxigraph's serialiser.
    First of all the prologue: Virtuoso 7.2 refuses a BASE after a PREFIX."""
    return f"BASE {ox.NamedNode(base)}\n{sparql}" if base else sparql


@lru_cache(maxsize=256)  # the named queries and the pages' own queries come back every time
def pattern_start(text: str) -> int | None:
    """The offset just after the ``{`` that opens the query's WHERE pattern, or None.

    That is the first top-level group introduced by ``WHERE``; without the keyword (it is
    optional), the first top-level group — except in a CONSTRUCT, whose first group is the
    template, so its pattern is the second one. None for the short ``CONSTRUCT WHERE { … }``,
    whose group may hold nothing but triples.
    """
    depth = 0
    groups = 0
    form = ""
    previous = ""
    for kind, value, pos in tokens(text):
        if kind == "word" and depth == 0:
            word = value.upper()
            if not form and word in {"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"}:
                form = word
        if kind == "open":
            if depth == 0 and value == "{":
                groups += 1
                if form == "CONSTRUCT" and groups == 1 and previous == "WHERE":
                    return None  # CONSTRUCT WHERE { … } holds triples only, no VALUES
                if previous == "WHERE" or form != "CONSTRUCT" or groups == 2:
                    return pos
            depth += 1
        elif kind == "close":
            depth = max(0, depth - 1)
        previous = value.upper() if kind == "word" else value
    return None


def names_graphs(text: str) -> bool:
    """Whether the query names its own dataset (``FROM``, ``FROM NAMED``) or matches named
    graphs (``GRAPH``): a keyword token, never the same letters in a string, IRI or comment.

    The server must know before it gives an HTTP store a default graph of its own (the
    ``store_default_graph`` setting): a protocol ``default-graph-uri`` overrides the query's
    ``FROM`` (SPARQL 1.1 Protocol §2.1.4), and with one Virtuoso 7.2 finds nothing in
    ``GRAPH <iri>`` (it has no named graphs then) while ``GRAPH ?g`` still sees every graph.
    """
    return any(kind == "word" and value.upper() in {"FROM", "GRAPH"}
               for kind, value, _end in tokens(text))


class DatasetConflict(ValueError):
    """An update names its own dataset (USING, USING NAMED, WITH) and the request gives one too."""


def with_using(update: str, default_graphs: tuple[str, ...], named_graphs: tuple[str, ...]) -> str:
    """The update with the protocol's ``using-graph-uri`` / ``using-named-graph-uri`` written
    into each of its DELETE/INSERT operations as ``USING`` / ``USING NAMED`` clauses.

    That is what the parameters mean (SPARQL 1.1 Protocol §2.2.3): the dataset the operation's
    WHERE is matched against. The store's update API takes no dataset, so the clauses go into
    the text, before each top-level ``WHERE`` of a DELETE/INSERT operation; a ``DELETE WHERE``
    (which cannot hold USING) is first written out as the ``DELETE { P } WHERE { P }`` it is
    short for. Each IRI is written by pyoxigraph's own serialiser (a ``NamedNode`` holds no ``>``
    nor space), so nothing of the parameters can escape its clause. An operation that already
    names its dataset (USING or WITH) is :class:`DatasetConflict`, as the protocol requires.
    """
    if not default_graphs and not named_graphs:
        return update
    clauses = "".join(
        [f"USING {ox.NamedNode(iri)} " for iri in default_graphs]
        + [f"USING NAMED {ox.NamedNode(iri)} " for iri in named_graphs]
    )
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement), in text order
    depth = 0
    words: list[tuple[str, int]] = []  # the current operation's top-level keywords, with offsets
    pattern_at: int | None = None  # where the group of a DELETE WHERE starts
    for kind, value, end in tokens(update):
        start = end - len(value)
        if kind == "open":
            if depth == 0 and [w for w, _ in words] == ["DELETE", "WHERE"]:
                pattern_at = start
            depth += 1
        elif kind == "close":
            depth = max(0, depth - 1)
            if depth == 0 and pattern_at is not None:
                pattern = update[pattern_at:end]
                edits.append((words[0][1], end, f"DELETE {pattern} {clauses}WHERE {pattern}"))
                pattern_at = None
        elif depth == 0 and value == ";":
            words = []
        elif depth == 0 and kind == "word":
            word = value.upper()
            if word in {"USING", "WITH"}:
                raise DatasetConflict(
                    f"the update has its own {word} clause and the request gives "
                    "using-graph-uri / using-named-graph-uri: give the dataset one way only "
                    "(SPARQL 1.1 Protocol §2.2.3)"
                )
            names = [w for w, _ in words]
            if word == "WHERE" and names[:1] in (["INSERT"], ["DELETE"]) and names != ["DELETE"]:
                edits.append((start, start, clauses))  # the WHERE of a DELETE/INSERT … WHERE
            words.append((word, start))
    for start, stop, text in reversed(edits):
        update = update[:start] + text + update[stop:]
    return update
