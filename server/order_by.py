"""ORDER BY evaluated by the server when the engine cannot: same answer, SPARQL 1.1's order.

Why: pyoxigraph 0.5.13 sorts with a comparison that is not a total order when the values of a
key mix types it cannot compare (integers and dates, say); Rust's sort detects it and the
process aborts ("user-provided comparison function does not correctly implement a total
order"). No exception reaches Python: the query worker dies. The worker pool reports that as
:class:`server.workers.WorkerCrashed`, and for a query with a top-level ORDER BY the backend runs
it again in this mode (:func:`ordered_answer`):

* the query is rewritten (:func:`plan`) without its ORDER BY, LIMIT and OFFSET; each key that is
  not simply a projected variable becomes one, computed by the store itself (``(key AS ?k)`` in
  the projection, or ``BIND(key AS ?k)`` for ``SELECT *``), so keys mean exactly what the store
  makes of them — expressions, aggregates, aliases. DISTINCT/REDUCED move to Python then, as the
  added keys would change what is distinct;
* the rows are sorted here by SPARQL 1.1's ORDER BY order (:func:`term_key`), ASC or DESC per
  key, then made distinct, then OFFSET and LIMIT are applied, in that order (§15);
* an ASK keeps its LIMIT/OFFSET and loses only its ORDER BY (order cannot change the answer),
  as does a CONSTRUCT or DESCRIBE without LIMIT/OFFSET. One with them is answered in two steps:
  its solutions, ordered and sliced here, then the query without modifiers restricted to those
  solutions by a VALUES block (terms written by pyoxigraph, as in
  :func:`server.backends.with_values`).

The text is read with SPARQL's own lexical units (:mod:`graph.store.text`), not patterns on the
raw text: a keyword inside a string, an IRI or a subquery's braces is never taken for one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pyoxigraph as ox

from graph.namespaces import XSD
from graph.store.text import pattern_start, tokens
from server.results import Answer, Formats, boolean_answer, graph_answer, solutions_answer

INTEGERS = {XSD + name for name in (
    "integer", "nonPositiveInteger", "negativeInteger", "long", "int", "short", "byte",
    "nonNegativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
    "positiveInteger",
)}
_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_DOUBLE = re.compile(r"[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|INF)|NaN")
_DATE = re.compile(
    r"(-?\d{4,})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d):(\d\d(?:\.\d+)?))?(Z|[+-]\d\d:\d\d)?"
)
#: Where each kind of term sorts, lowest first: SPARQL 1.1 §15.1 fixes unbound < blank nodes <
#: IRIs < literals; among literals it orders only what its ``<`` compares, so the families of
#: incomparable literals are placed in this fixed order (numbers, booleans, dates and times,
#: strings, language-tagged strings, any other datatype) to make the order total.
UNBOUND, BLANK, IRI, LITERAL, TRIPLE = range(5)
NUMBER, BOOLEAN, MOMENT, STRING, LANG_STRING, OTHER = range(6)


class CannotOrder(Exception):
    """The query's top-level ORDER BY could not be read; the message says so."""


# --- SPARQL 1.1 ORDER BY order -----------------------------------------------------------------


def term_key(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> tuple[Any, ...]:
    """A sort key that orders terms as SPARQL ORDER BY does, and totally.

    Numbers compare by value whatever their numeric type (NaN after every other number),
    ``xsd:dateTime`` and ``xsd:date`` by the moment they start (a value without a timezone is
    read as UTC), booleans false before true, ``xsd:string`` by code point, language-tagged
    strings by text then tag, other literals by datatype IRI then text. Values SPARQL holds
    equal (``1`` and ``1.0``) get equal keys, so a later key can still order them; a literal
    whose text is not valid for its datatype sorts with the "other" literals.
    """
    if term is None:
        return (UNBOUND,)
    if isinstance(term, ox.BlankNode):
        return (BLANK, term.value)
    if isinstance(term, ox.NamedNode):
        return (IRI, term.value)
    if isinstance(term, ox.Triple):
        return (TRIPLE, str(term))
    return (LITERAL, *_literal_key(term))


def _literal_key(literal: ox.Literal) -> tuple[Any, ...]:
    text, datatype = literal.value.strip(), literal.datatype.value
    if literal.language:
        return (LANG_STRING, literal.value, literal.language.lower())
    if datatype == XSD + "string":
        return (STRING, literal.value)
    number: Decimal | float | None = None
    if datatype in INTEGERS and _INTEGER.fullmatch(text):
        number = Decimal(text)
    elif datatype == XSD + "decimal" and _DECIMAL.fullmatch(text):
        number = Decimal(text)
    elif datatype in {XSD + "double", XSD + "float"} and _DOUBLE.fullmatch(text):
        number = float(text)
    if number is not None:
        return (NUMBER, 1, 0) if isinstance(number, float) and math.isnan(number) else (
            NUMBER, 0, number)
    if datatype == XSD + "boolean" and text in {"true", "false", "1", "0"}:
        return (BOOLEAN, text in {"true", "1"})
    if datatype in {XSD + "dateTime", XSD + "dateTimeStamp", XSD + "date"}:
        moment = _moment(text, with_time=datatype != XSD + "date")
        if moment is not None:
            return (MOMENT, moment)
    return (OTHER, datatype, literal.value)


def _moment(text: str, *, with_time: bool) -> Decimal | None:
    """Seconds from 1970-01-01T00:00:00Z to the start of an xsd:dateTime or xsd:date."""
    match = _DATE.fullmatch(text)
    if match is None or (match.group(4) is not None) != with_time:
        return None
    year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
    hour, minute = int(match.group(4) or 0), int(match.group(5) or 0)
    second = Decimal(match.group(6) or 0)
    if not (1 <= month <= 12 and 1 <= day <= 31 and hour <= 24 and minute < 60 and second < 60):
        return None
    zone = match.group(7) or "Z"
    offset = 0 if zone == "Z" else (int(zone[1:3]) * 60 + int(zone[4:6])) * (
        -1 if zone[0] == "-" else 1)
    days = _days_from_civil(year, month, day)
    return Decimal(days * 86400 + hour * 3600 + (minute - offset) * 60) + second


def _days_from_civil(year: int, month: int, day: int) -> int:
    """Days from 1970-01-01 in the proleptic Gregorian calendar, any year (H. Hinnant)."""
    year -= month <= 2
    era = year // 400
    year_of_era = year - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468


Row = dict[str, Any]


def sort_rows(rows: list[Row], keys: list[tuple[str, bool]]) -> list[Row]:
    """The rows ordered by ``keys`` ((variable, descending) pairs, most significant first).

    Rows equal on every key keep a fixed order (by the keys' terms as written), so the answer
    is the same on every run.
    """
    ordered = sorted(rows, key=lambda row: [str(row.get(var, "")) for var, _desc in keys])
    for var, descending in reversed(keys):  # least significant first: each sort is stable
        ordered.sort(key=_by(var), reverse=descending)
    return ordered


def _by(var: str) -> Callable[[Row], tuple[Any, ...]]:
    return lambda row: term_key(row.get(var))


# --- reading and rewriting the query ------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    end: int
    depth: int  # brackets open before it


def _lex(sparql: str) -> list[Token]:
    found, depth = [], 0
    for kind, text, end in tokens(sparql):
        if kind == "close":
            depth = max(0, depth - 1)
        found.append(Token(kind, text, end - len(text), end, depth))
        if kind == "open":
            depth += 1
    return found


def _word(token: Token, *words: str) -> bool:
    return token.kind == "word" and token.depth == 0 and token.text.upper() in words


def orders_results(sparql: str) -> bool:
    """Whether the query has a top-level ORDER BY (one a subquery holds does not count)."""
    lexed = _lex(sparql)
    return any(_word(a, "ORDER") and _word(b, "BY") for a, b in zip(lexed, lexed[1:], strict=False))


def _group_end(lexed: list[Token], index: int) -> int:
    """The index of the token closing the bracket opened at ``index``."""
    depth = lexed[index].depth
    for j in range(index + 1, len(lexed)):
        if lexed[j].kind == "close" and lexed[j].depth == depth:
            return j
    raise CannotOrder("the query's brackets do not balance")


@dataclass(frozen=True)
class Plan:
    """How to answer a query with its top-level ORDER BY done here."""

    form: str
    store_query: str  # what the store runs: no ORDER BY, LIMIT, OFFSET
    keys: tuple[tuple[str, bool], ...] = ()  # (variable, descending)
    hidden: tuple[str, ...] = ()  # variables added for the keys, dropped from the answer
    distinct: bool = False  # DISTINCT / REDUCED applied here, after ordering
    offset: int = 0
    limit: int | None = None
    final_query: str = ""  # CONSTRUCT/DESCRIBE with LIMIT: the query the kept rows restrict


def plan(sparql: str) -> Plan:
    """Read the query's form and solution modifiers, and write what the store should run."""
    lexed = _lex(sparql)
    forms = [i for i, t in enumerate(lexed)
             if _word(t, "SELECT", "ASK", "CONSTRUCT", "DESCRIBE")]
    if not forms:
        raise CannotOrder("the query has no SELECT, ASK, CONSTRUCT or DESCRIBE")
    form_at = forms[0]
    form = lexed[form_at].text.upper()
    where_open = _where_open(lexed, form_at, form)
    where_close = _group_end(lexed, where_open)
    cuts: list[tuple[int, int]] = []  # (start, end) of text removed
    keys: list[tuple[str, bool]] = []
    offset, limit = 0, None
    i = where_close + 1
    while i < len(lexed):
        token = lexed[i]
        if _word(token, "ORDER") and i + 1 < len(lexed) and _word(lexed[i + 1], "BY"):
            i, key_texts = _read_keys(lexed, sparql, i + 2)
            cuts.append((token.start, lexed[i - 1].end))
            keys = key_texts
            continue
        if _word(token, "LIMIT", "OFFSET") and i + 1 < len(lexed):
            if lexed[i + 1].kind != "number" or not lexed[i + 1].text.isdigit():
                raise CannotOrder(f"{token.text} is not followed by a whole number")
            value = int(lexed[i + 1].text)
            if token.text.upper() == "LIMIT":
                limit = value
            else:
                offset = value
            cuts.append((token.start, lexed[i + 1].end))
            i += 2
            continue
        i += 1
    if not keys:
        raise CannotOrder("the query has no top-level ORDER BY")
    if form == "ASK" or (form != "SELECT" and limit is None and offset == 0):
        order_only = [c for c in cuts if sparql[c[0]:c[1]].upper().startswith("ORDER")]
        return Plan(form, _cut(sparql, order_only))
    return _solutions_plan(sparql, lexed, form_at, form, where_open, where_close, cuts, keys,
                           offset, limit)


def _where_open(lexed: list[Token], form_at: int, form: str) -> int:
    """The index of the ``{`` opening the query's WHERE pattern."""
    groups = [j for j in range(form_at + 1, len(lexed))
              if lexed[j].kind == "open" and lexed[j].text == "{" and lexed[j].depth == 0]
    after_where = [j for j in groups if _word(lexed[j - 1], "WHERE")]
    if after_where:
        return after_where[0]
    if not groups or (form == "CONSTRUCT" and len(groups) < 2):
        raise CannotOrder("the query's WHERE pattern could not be found")
    return groups[1] if form == "CONSTRUCT" else groups[0]


def _read_keys(lexed: list[Token], sparql: str, i: int) -> tuple[int, list[tuple[str, bool]]]:
    """The ORDER BY conditions from token ``i``: (expression text, descending) each."""
    keys: list[tuple[str, bool]] = []
    while i < len(lexed) and not _word(lexed[i], "LIMIT", "OFFSET", "VALUES"):
        token = lexed[i]
        descending = _word(token, "DESC")
        if _word(token, "ASC", "DESC"):
            i += 1
            if i >= len(lexed) or lexed[i].kind != "open":
                raise CannotOrder("ASC or DESC without its bracketed expression")
        start = lexed[i]
        if start.kind == "var":
            keys.append((start.text, descending))
            i += 1
            continue
        j = i
        while j < len(lexed) and lexed[j].kind != "open":  # NOT EXISTS {…}, fn(…), (…)
            j += 1
        if j >= len(lexed):
            raise CannotOrder(f"cannot read the ORDER BY condition {start.text!r}")
        end = _group_end(lexed, j)
        inner = lexed[j + 1:end]
        if j == i and len(inner) == 1 and inner[0].kind == "var":  # (?x) is ?x
            keys.append((inner[0].text, descending))
        else:
            keys.append((sparql[start.start:lexed[end].end], descending))
        i = end + 1
    if not keys:
        raise CannotOrder("ORDER BY without a condition")
    return i, keys


def _cut(sparql: str, cuts: list[tuple[int, int]]) -> str:
    for start, end in sorted(cuts, reverse=True):
        sparql = sparql[:start] + " " + sparql[end:]
    return sparql


def _fresh(sparql: str, taken: set[str], n: int) -> str:
    name = f"__order_{n}"
    while f"?{name}" in sparql or f"${name}" in sparql or name in taken:
        name += "_"
    return name


def _solutions_plan(
    sparql: str, lexed: list[Token], form_at: int, form: str, where_open: int,
    where_close: int, cuts: list[tuple[int, int]], key_texts: list[tuple[str, bool]],
    offset: int, limit: int | None,
) -> Plan:
    """A SELECT whose keys are variables of its answer; for CONSTRUCT/DESCRIBE, its pattern's."""
    edits: list[tuple[int, int, str]] = [(start, end, " ") for start, end in cuts]
    projected: set[str] | None = None  # None: SELECT * (or the pattern of a CONSTRUCT)
    projection_end = 0
    distinct_token: Token | None = None
    if form == "SELECT":
        j = form_at + 1
        if _word(lexed[j], "DISTINCT", "REDUCED"):
            distinct_token = lexed[j]
            j += 1
        if lexed[j].text != "*":
            projected = set()
            while not (_word(lexed[j], "FROM", "WHERE") or j == where_open):
                if lexed[j].kind == "var" and lexed[j].depth == 0:
                    projected.add(lexed[j].text[1:])
                elif lexed[j].kind == "open":
                    close = _group_end(lexed, j)
                    projected.add(lexed[close - 1].text[1:])  # (expression AS ?name)
                    j = close
                j += 1
            projection_end = lexed[j - 1].end
    else:  # its pattern's solutions, as SELECT *: everything before the dataset clauses goes
        head_end = where_open - 1 if _word(lexed[where_open - 1], "WHERE") else where_open
        head_end = next((j for j in range(form_at + 1, head_end) if _word(lexed[j], "FROM")),
                        head_end)
        edits.append((lexed[form_at].start, lexed[head_end].start, "SELECT * "))
    keys: list[tuple[str, bool]] = []
    hidden: list[str] = []
    for n, (text, descending) in enumerate(key_texts):
        name = text[1:]
        if text[0] in "?$" and (projected is None or name in projected):
            keys.append((name, descending))
            continue
        name = _fresh(sparql, set(hidden), n)
        hidden.append(name)
        keys.append((name, descending))
        if projected is None:
            edits.append((lexed[where_close].start, lexed[where_close].start,
                          f" BIND({text} AS ?{name}) "))
        else:
            edits.append((projection_end, projection_end, f" ({text} AS ?{name})"))
    distinct = distinct_token is not None and bool(hidden)
    if distinct and distinct_token is not None:
        edits.append((distinct_token.start, distinct_token.end, " "))
    store_query = sparql
    # from the end, so offsets stay right; edits at one place keep the order they were made in
    for _n, (start, end, text) in sorted(enumerate(edits), key=lambda e: (e[1][0], e[0]),
                                         reverse=True):
        store_query = store_query[:start] + text + store_query[end:]
    final = "" if form == "SELECT" else _cut(sparql, cuts)
    return Plan(form, store_query, tuple(keys), tuple(hidden), distinct, offset, limit, final)


# --- answering ----------------------------------------------------------------------------------


def ordered_answer(
    store: ox.Store, sparql: str, options: Mapping[str, Any], formats: Formats, max_rows: int
) -> Answer:
    """Answer ``sparql`` as the store would, its top-level ORDER BY done here (see module doc)."""
    steps = plan(sparql)
    result = store.query(steps.store_query, **options)
    if isinstance(result, ox.QueryBoolean):
        return boolean_answer(bool(result), formats)
    if isinstance(result, ox.QueryTriples):
        return graph_answer(result, formats, max_rows)
    variables = [v.value for v in result.variables if v.value not in steps.hidden]
    every = [v.value for v in result.variables]
    rows = [{name: term for name in every if (term := solution[name]) is not None}
            for solution in result]
    rows = sort_rows(rows, list(steps.keys))
    rows = [{name: row[name] for name in variables if name in row} for row in rows]
    if steps.distinct:
        seen: set[tuple[tuple[str, str], ...]] = set()
        unique = []
        for row in rows:
            mark = tuple(sorted((name, str(term)) for name, term in row.items()))
            if mark not in seen:
                seen.add(mark)
                unique.append(row)
        rows = unique
    end = None if steps.limit is None else steps.offset + steps.limit
    rows = rows[steps.offset:end]
    if steps.form == "SELECT":
        return solutions_answer(variables, rows, formats, max_rows)
    restricted = _restricted(steps.final_query, variables, rows)
    triples = store.query(restricted, **options)
    assert isinstance(triples, ox.QueryTriples)
    return graph_answer(triples, formats, max_rows)


def _restricted(sparql: str, variables: list[str], rows: list[Row]) -> str:
    """The query matched only against ``rows``: a VALUES block opening its pattern."""
    if any(isinstance(term, ox.BlankNode) for row in rows for term in row.values()):
        raise CannotOrder(
            "the solutions kept by LIMIT/OFFSET hold blank nodes, which a query cannot name"
        )
    names = " ".join(f"?{name}" for name in variables)
    lines = " ".join(
        "(" + " ".join(str(row[name]) if name in row else "UNDEF" for name in variables) + ")"
        for row in rows
    )
    block = f"VALUES ({names}) {{ {lines} }}"
    start = pattern_start(sparql)
    if start is not None:
        return f"{sparql[:start]} {block}\n{sparql[start:]}"
    # CONSTRUCT WHERE { … } holds triples only: the block goes after it, unless one is there
    if any(_word(t, "VALUES") for t in _lex(sparql)):
        raise CannotOrder("a CONSTRUCT WHERE with VALUES, ORDER BY and LIMIT/OFFSET")
    return f"{sparql}\n{block}\n"
