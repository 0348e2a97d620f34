"""Query answers written in the negotiated format, with the row cap applied and never silent.

Both backends hand their answers to these functions as pyoxigraph terms (the embedded store in a
worker process, the HTTP store in the server), so a query gives byte-for-byte the same kind of
response whichever store answered it.

The embedded store's SELECT solutions never become Python objects (:func:`solutions_from_store`):
pyoxigraph writes them into a sink that counts solutions and stops the writing past the row cap —
SPARQL JSON directly, the other formats as SPARQL TSV (one solution a line) that pyoxigraph's own
parser and serialisers turn into the negotiated format. Building a dictionary per solution in
Python cost the endpoint about 13 ms per thousand rows, a fifth of the query itself on the larger
named queries. Solutions that
arrive as terms (the HTTP store) are written as SPARQL JSON (:func:`solutions_answer`), which can
carry the extra top-level ``"truncated": true``; the other result formats are made from it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any

import pyoxigraph as ox

from graph.namespaces import PREFIXES, RDF, XSD

#: media type → pyoxigraph format, for SELECT and ASK results (first is the default)
RESULT_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
#: media type → pyoxigraph format, for CONSTRUCT and DESCRIBE results (first is the default)
GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
XSD_STRING = XSD + "string"
#: How a cut SPARQL JSON answer ends: after the results object, the extra top-level member.
TRUNCATED_JSON_END = b',"truncated":true}'
RDF_LANG_STRING = RDF + "langString"

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


@dataclass(frozen=True)
class Formats:
    """The media types negotiated for each query form; None when the client accepts none."""

    solutions: str | None
    graph: str | None


@dataclass(frozen=True)
class Answer:
    """A serialised answer: its media type, body, and whether the row cap cut it short."""

    mimetype: str
    body: bytes
    truncated: bool = False


class NotAcceptable(Exception):
    """The query's form has no format the client accepts; the message lists the ones we have."""


def solutions_answer(
    variables: list[str],
    rows: Iterable[Mapping[str, Term | None]],
    formats: Formats,
    max_rows: int,
) -> Answer:
    """SELECT solutions, at most ``max_rows`` of them, in the negotiated format."""
    mimetype = _require(formats.solutions, RESULT_TYPES)
    iterator = iter(rows)
    kept = list(islice(iterator, max_rows))
    truncated = next(iterator, None) is not None
    bindings = [
        {name: _json_term(term) for name in variables if (term := row.get(name)) is not None}
        for row in kept
    ]
    document: dict[str, Any] = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    if truncated:
        document["truncated"] = True
    return Answer(mimetype, _from_json(document, mimetype), truncated)


class _RowCapReached(Exception):
    """Raised from inside pyoxigraph's writer to stop it once the row cap is passed."""


class _CappedJson:
    """A write-only file keeping pyoxigraph's SPARQL JSON up to ``max_rows`` solutions.

    Why it can count: pyoxigraph writes compact JSON, where every solution after the first
    begins with a comma, a brace and the quoted name of its first variable: ``,{"i``. Inside a
    string every quote is escaped, so ``,{"`` can only be made there by the string's own closing
    quote, and a closing quote is followed by ``,``, ``}``, ``:`` or ``]`` — never by the first
    character of a variable name. A binding's value follows a colon, never a comma. The one
    solution written otherwise is the one with nothing bound, ``{}``; since ``{}`` may also be
    text inside a literal, seeing it once the cap is within reach makes the count unsure
    (``ambiguous``) and the caller counts TSV lines instead. Writing JSON directly, rather than
    TSV converted to JSON, saves 0.5–2 ms on answers of 80–500 kB.
    """

    SEPARATOR = re.compile(rb',\{"[^,}:\]]')
    TAIL = 3  # one byte less than a separator: a separator may straddle two writes

    def __init__(self, max_rows: int) -> None:
        self.max_rows = max_rows
        self.parts: list[bytes] = []
        self.tail = b""
        #: Opening braces written so far: every solution has one, so while they number no more
        #: than the cap, no solution can be past it, and the exact scan (the ``{}`` check, the
        #: regex) is not needed yet. Counting one byte is four times cheaper than that scan,
        #: which cost 0.7 ms on a 475 kB answer, a sixth of the endpoint's overhead on it. Once
        #: past the cap, the count stops and every write is scanned.
        self.braces = 0
        self.separators = 0
        self.ambiguous = False
        self.truncated = False

    def write(self, chunk: bytes) -> int:
        data = bytes(chunk)
        self.parts.append(data)
        if self.braces > self.max_rows:
            window = self.tail + data  # too short a tail to hold a separator counted before
        else:
            self.braces += data.count(b"{")
            if self.braces <= self.max_rows:
                return len(data)
            window = b"".join(self.parts)  # the cap is within reach: scan all written so far
        self.tail = window[-self.TAIL:]
        self._scan(window)
        return len(data)

    def _scan(self, window: bytes) -> None:
        """Count the separators in ``window``; stop the writer when unsure or past the cap."""
        if b"{}" in window:
            self.ambiguous = True
            raise _RowCapReached()
        self.separators += len(self.SEPARATOR.findall(window))
        if self.separators >= self.max_rows:  # the first solution + separators > max_rows
            self.truncated = True
            raise _RowCapReached()

    def flush(self) -> None:
        """Part of the file interface pyoxigraph writes to; everything is already kept."""

    def body(self) -> bytes:
        """The JSON written; when cut, closed after the last solution kept, ``truncated`` set."""
        data = b"".join(self.parts)
        if not self.truncated:
            return data
        starts = self.SEPARATOR.finditer(data)
        for _ in range(self.max_rows - 1):
            next(starts)
        cut = next(starts).start()  # where solution max_rows + 1 begins
        return data[:cut] + b"]}" + TRUNCATED_JSON_END


class _CappedLines:
    """A write-only file keeping a header line and at most ``max_rows`` more lines.

    SPARQL TSV escapes line breaks inside terms, so a line is a solution, and the count is exact.
    """

    def __init__(self, max_rows: int) -> None:
        self.limit = max_rows + 1  # the header line, then the rows
        self.lines = 0
        self.parts: list[bytes] = []
        self.truncated = False

    def write(self, chunk: bytes) -> int:
        data = bytes(chunk)
        if self.lines >= self.limit:
            if data:  # any byte past the last kept line starts one more row
                self.truncated = True
                raise _RowCapReached()
            return 0
        count = data.count(b"\n")
        if self.lines + count < self.limit:
            self.parts.append(data)
            self.lines += count
            return len(data)
        end = -1
        for _ in range(self.limit - self.lines):
            end = data.index(b"\n", end + 1)
        self.parts.append(data[: end + 1])
        self.lines = self.limit
        if end + 1 < len(data):
            self.truncated = True
            raise _RowCapReached()
        return len(data)

    def flush(self) -> None:
        """Part of the file interface pyoxigraph writes to; everything is already kept."""


def solutions_from_store(
    solutions: ox.QuerySolutions,
    formats: Formats,
    max_rows: int,
    again: Callable[[], ox.QuerySolutions],
) -> Answer:
    """The embedded store's SELECT solutions, at most ``max_rows``, in the negotiated format.

    ``again`` runs the query anew: SPARQL JSON is written directly and counted as it goes
    (:class:`_CappedJson`), and in the rare answer that count cannot be sure of, the solutions
    are already spent, so they are asked for a second time and counted line by line.
    """
    mimetype = _require(formats.solutions, RESULT_TYPES)
    fmt = RESULT_TYPES[mimetype]
    if fmt is ox.QueryResultsFormat.JSON and max_rows > 0:
        sink = _CappedJson(max_rows)
        try:
            solutions.serialize(sink, format=fmt)
        except _RowCapReached:
            pass
        if not sink.ambiguous:
            return Answer(mimetype, sink.body(), sink.truncated)
        solutions = again()
    lines = _CappedLines(max_rows)
    try:
        solutions.serialize(lines, format=ox.QueryResultsFormat.TSV)
    except _RowCapReached:
        pass
    tsv = b"".join(lines.parts)
    if fmt is ox.QueryResultsFormat.TSV:
        return Answer(mimetype, tsv, lines.truncated)
    parsed = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
    body = parsed.serialize(format=fmt) or b""
    if lines.truncated and fmt is ox.QueryResultsFormat.JSON:
        body = body.rstrip()
        body = body[:-1] + TRUNCATED_JSON_END
    return Answer(mimetype, body, lines.truncated)


def boolean_answer(value: bool, formats: Formats) -> Answer:
    """An ASK answer in the negotiated format."""
    mimetype = _require(formats.solutions, RESULT_TYPES)
    return Answer(mimetype, _from_json({"head": {}, "boolean": value}, mimetype))


def graph_answer(triples: Iterable[ox.Triple], formats: Formats, max_rows: int) -> Answer:
    """A CONSTRUCT/DESCRIBE graph, at most ``max_rows`` triples, in the negotiated format."""
    mimetype = _require(formats.graph, GRAPH_TYPES)
    iterator = iter(triples)
    kept = list(islice(iterator, max_rows))
    truncated = next(iterator, None) is not None
    prefixes = PREFIXES if GRAPH_TYPES[mimetype] is ox.RdfFormat.TURTLE else None
    body = ox.serialize(kept, format=GRAPH_TYPES[mimetype], prefixes=prefixes) or b""
    return Answer(mimetype, body, truncated)


def _require(mimetype: str | None, offered: Mapping[str, object]) -> str:
    if mimetype is None:
        raise NotAcceptable(
            "none of the accepted types can be produced for this query; available: "
            + ", ".join(offered)
        )
    return mimetype


def _from_json(document: dict[str, Any], mimetype: str) -> bytes:
    data = json.dumps(document, ensure_ascii=False).encode()
    fmt = RESULT_TYPES[mimetype]
    if fmt is ox.QueryResultsFormat.JSON:
        return data
    parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=fmt) or b""


def _json_term(term: Term) -> dict[str, Any]:
    """One term as a SPARQL 1.1 (and 1.2, for triple terms) JSON binding."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        value: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            value["xml:lang"] = term.language
        elif term.datatype.value not in {XSD_STRING, RDF_LANG_STRING}:
            value["datatype"] = term.datatype.value
        return value
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }
