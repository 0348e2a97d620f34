"""SPARQL query text read as SPARQL's lexical units: the lexer the guard uses, and where a
query's pattern begins (for :func:`server.backends.with_values`).

Strings, comments, IRIs, variables, prefixed names, blank nodes and language tags are whole
tokens, so a brace or a keyword inside them is never taken for one. ``<`` is read as the start
of an IRI wherever it can be; :mod:`server.guard` also follows the less-than reading where the
two are ambiguous, which cannot move a brace (an IRI token holds none).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

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


def _tokens(text: str) -> Iterator[tuple[str, str, int]]:
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
    for kind, value, pos in _tokens(text):
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
               for kind, value, _end in _tokens(text))
