"""The mandate registry's data: every mandate as one row, filtered, sorted and named for a reader.

Why one reading of every mandate filtered in Python, not one query per filter: the page
offers its filters' choices from the same rows it lists (a choice never lists nothing), sorts
by any column and counts what it shows, and the exports must give exactly the rows the page
selects; one answer (``server/queries/registry-mandates.rq``) serves them all. The reader's
values never reach the query text: a body or an organ typed by name is resolved to its IRI
(:mod:`graph.param_values`, as the named queries' ``organ``), and the rest are compared with
the rows' values here.

The page (:mod:`server.registry_page`) and the reports-due page (:mod:`server.reports_due`)
name bodies with :func:`body_names`, one query for every body of the registry.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import pyoxigraph as ox
from flask import current_app

from graph.namespaces import MG
from graph.param_values import words
from graph.queries import BadParameter, Param
from server.errors import ApiError
from server.graph_views import select_with_head
from server.locale import format_date, ui
from server.pages import href, pick, select, select_for, vocabulary_label
from server.settings import Settings

#: the registry reads every mandate at once, past the page row cap (one row a mandate)
REGISTRY_ROWS = 1_000_000
#: the statuses a mandate can have (see registry-mandates.rq), in the order the filter offers
STATUSES = ("active", "expired", "renewed", "superseded")
#: the columns the registry sorts by (``?sort=date``, ``?sort=-date`` for the reverse)
SORTS = ("date", "symbol", "body", "organ", "act", "status", "ends", "text")
DEFAULT_SORT = "-date"
LANGUAGES = ("en", "fr", "es")
_YEAR = re.compile(r"\d{4}")
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S+")
_NUMBERS = re.compile(r"(\d+)")
#: the registry's reading of every mandate (one of the server's own query files)
_MANDATES_QUERY = Path(__file__).resolve().parent / "queries" / "registry-mandates.rq"
#: how a body typed by name is looked up: among the graph's organs, as the named queries do
_BODY = Param("body", "iri", "", "a body: IRI, acronym or name", MG + "Organ")


@dataclass
class Entry:
    """One mandate as the registry reads it, before it is named in a language."""

    mandate: str
    provision: str = ""
    number: str = ""
    order: int = 0
    resolution: str = ""
    symbol: str = ""
    date: str = ""
    year: str = ""
    creator: str = ""
    bodies: tuple[str, ...] = ()
    act: str = ""
    ends: str = ""
    status: str = ""
    texts: dict[str, str] = field(default_factory=dict)

    @cached_property
    def words(self) -> frozenset[str]:
        """The words of its action text in every language, as search compares them."""
        return frozenset(w for text in self.texts.values() for w in words(text))

    def text(self, lang: str) -> tuple[str, str]:
        """(action text, its language) in ``lang``, else English, else any language."""
        for wanted in (lang, "en", *LANGUAGES):
            if self.texts.get(wanted):
                return self.texts[wanted], wanted
        for language, text in sorted(self.texts.items()):
            return text, language
        return "", ""


@dataclass(frozen=True)
class Filters:
    """What the reader asked the registry for: every field optional (empty: any)."""

    body: str = ""
    organ: str = ""
    act: str = ""
    status: str = ""
    year: str = ""
    q: str = ""
    sort: str = DEFAULT_SORT

    def keep(self) -> tuple[tuple[str, str], ...]:
        """The filters as query parameters, for the pager's links and the export links."""
        pairs = [("body", self.body), ("organ", self.organ), ("act", self.act),
                 ("status", self.status), ("year", self.year), ("q", self.q)]
        if self.sort != DEFAULT_SORT:
            pairs.append(("sort", self.sort))
        return tuple((k, v) for k, v in pairs if v)


@cache
def _mandates_query() -> str:
    return _MANDATES_QUERY.read_text(encoding="utf-8")


def load_entries() -> list[Entry]:
    """Every mandate of the served graph, one entry each."""
    settings: Settings = current_app.config["SETTINGS"]
    _head, rows = select_with_head(_mandates_query(), {},
                                   max(settings.query_timeout, 60.0), max_rows=REGISTRY_ROWS)
    entries = []
    for row in rows:
        date = row.get("date", "")
        texts = {lang: row[f"text{lang.title()}"] for lang in LANGUAGES
                 if row.get(f"text{lang.title()}")}
        if row.get("textOther") and not texts:
            texts["und"] = row["textOther"]
        order = row.get("order", "")
        entries.append(Entry(
            mandate=row["mandate"], provision=row.get("provision", ""),
            number=row.get("number", ""), order=int(order) if order.isdigit() else 0,
            resolution=row.get("resolution", ""), symbol=row.get("symbol", ""), date=date,
            year=date[:4] if date else row.get("sessionYear", "")[:4],
            creator=row.get("creator", ""), bodies=tuple(sorted(row.get("bodies", "").split())),
            act=row.get("act", ""), ends=row.get("ends", ""), status=row.get("status", ""),
            texts=texts,
        ))
    return entries


# -- names ----------------------------------------------------------------------------------------


def body_names(lang: str) -> dict[str, str]:
    """The name of every body the registry names, in ``lang``: its label (else English, else
    any), else its acronym, else its IRI's last segment."""
    rows, _cut = select("registry-names")
    labels: dict[str, list[ox.Literal]] = {}
    acronyms: dict[str, str] = {}
    for row in rows:
        body, name, kind = row.get("body"), row.get("name"), row.get("kind")
        if not isinstance(body, ox.NamedNode) or not isinstance(name, ox.Literal):
            continue
        if kind is not None and kind.value == "acronym":
            acronyms.setdefault(body.value, name.value)
        else:
            labels.setdefault(body.value, []).append(name)
    named: dict[str, str] = {}
    for iri in set(labels) | set(acronyms):
        literal = pick(labels.get(iri, ()), lang)
        named[iri] = literal.value if literal else acronyms.get(iri) or _last(iri)
    return named


def _last(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def name_of(iri: str, names: Mapping[str, str]) -> str:
    return names.get(iri) or _last(iri)


def act_name(act: str, lang: str) -> str:
    """``mg:act-request`` as the ontology names it in ``lang``: "requests", "prie", "solicita"."""
    settings: Settings = current_app.config["SETTINGS"]
    return vocabulary_label(act, lang, settings.base) if act else ""


def resolve_body(parameter: str, text: str) -> str:
    """The IRI of the body ``text`` names (an IRI, an acronym such as UNMISS, or a name), or a
    400 that lists the closest names, as the named queries' ``organ`` parameter answers."""
    from server.named_queries import param_values

    value = text.strip()
    if _IRI.fullmatch(value):
        try:
            return ox.NamedNode(value).value
        except ValueError:
            raise ApiError(400, f"{parameter}={text!r} is not an IRI") from None
    try:
        return param_values().resolve(_BODY, value).value
    except BadParameter as err:
        raise ApiError(400, err.message.replace("parameter 'body'", parameter)) from None


# -- filters and order ----------------------------------------------------------------------------


def read_filters(args: Mapping[str, str], acts: set[str]) -> Filters:
    """The reader's filters, checked, with the body, the organ and the act (one of ``acts``)
    as IRIs: a 400 that says what is expected for a wrong one."""
    year = args.get("year", "").strip()
    if year and not _YEAR.fullmatch(year):
        raise ApiError(400, f"year={year!r} is not a year (four digits)")
    status = args.get("status", "").strip().lower()
    if status and status not in STATUSES:
        raise ApiError(400, f"status={status!r}: a status is one of {', '.join(STATUSES)}")
    sort = args.get("sort", "").strip() or DEFAULT_SORT
    if sort.lstrip("-") not in SORTS:
        raise ApiError(400, f"sort={sort!r}: sort by one of {', '.join(SORTS)} "
                       "(a leading - for the reverse order)")
    q = args.get("q", "").strip()
    if len(q) > 500:
        raise ApiError(400, f"q is {len(q)} characters long; at most 500 are searched")
    body, organ, act = (args.get(k, "").strip() for k in ("body", "organ", "act"))
    return Filters(body=resolve_body("body", body) if body else "",
                   organ=resolve_body("organ", organ) if organ else "",
                   act=_act_iri(act, acts) if act else "", status=status, year=year, q=q,
                   sort=sort)


def _act_iri(text: str, acts: set[str]) -> str:
    """An act given as its IRI or its local name (``request``, ``act-request``)."""
    for act in acts:
        local = act[len(MG):] if act.startswith(MG) else act
        if text in (act, local, local.removeprefix("act-")):
            return act
    shown = ", ".join(sorted(a[len(MG):].removeprefix("act-") for a in acts if a.startswith(MG)))
    raise ApiError(400, f"act={text!r} is no act of the registry; acts: {shown}")


def chosen(entries: list[Entry], filters: Filters) -> list[Entry]:
    """The entries the filters select (all of them must hold)."""
    kept = entries
    if filters.body:
        kept = [e for e in kept if filters.body in e.bodies]
    if filters.organ:
        kept = [e for e in kept if e.creator == filters.organ]
    if filters.act:
        kept = [e for e in kept if e.act == filters.act]
    if filters.status:
        kept = [e for e in kept if e.status == filters.status]
    if filters.year:
        kept = [e for e in kept if e.year == filters.year]
    if filters.q:
        typed = words(filters.q)
        kept = [e for e in kept
                if all(any(w.startswith(t) for w in e.words) for t in typed)]
    return kept


def _symbol_key(symbol: str) -> tuple[tuple[int, object], ...]:
    """S/RES/999 before S/RES/2722: numbers compared as numbers."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in _NUMBERS.split(symbol) if p)


def ordered(entries: list[Entry], sort: str, lang: str, names: Mapping[str, str]) -> list[Entry]:
    """The entries by the column ``sort`` names (reversed with a leading ``-``), then by
    resolution and paragraph: the same rows always in the same order. Empty values last."""
    column = sort.lstrip("-")
    reverse = sort.startswith("-")

    def value(e: Entry) -> str:
        if column == "date":
            return e.date
        if column == "symbol":
            return ""  # the tie-break below is the symbol's order
        if column == "body":
            return "; ".join(sorted(words_key(name_of(b, names)) for b in e.bodies))
        if column == "organ":
            return words_key(name_of(e.creator, names)) if e.creator else ""
        if column == "act":
            return words_key(act_name(e.act, lang))
        if column == "status":
            return e.status
        if column == "ends":
            return e.ends
        return words_key(e.text(lang)[0])

    def tie(e: Entry) -> tuple[object, ...]:
        return (_symbol_key(e.symbol), e.order, e.mandate)

    ties = sorted(entries, key=tie, reverse=reverse and column == "symbol")
    if column == "symbol":
        return ties
    filled = [e for e in ties if value(e)]
    empty = [e for e in ties if not value(e)]
    return sorted(filled, key=value, reverse=reverse) + empty


def words_key(text: str) -> str:
    """A name as it sorts: accents and case aside."""
    return " ".join(words(text))


# -- rows as a reader sees them ------------------------------------------------------------------


def evidence_links(entries: Sequence[Entry], lang: str) -> dict[str, str]:
    """Mandate → the link to the span its action text is read from, in the language shown."""
    found: dict[str, str] = {}
    best: dict[str, int] = {}
    chunk = 500
    for first in range(0, len(entries), chunk):
        part = entries[first:first + chunk]
        rows, _cut = select_for("registry-evidence", "mandate",
                                (ox.NamedNode(e.mandate) for e in part))
        shown = {e.mandate: e.text(lang)[1] for e in part}
        for row in rows:
            mandate, text = row["mandate"].value, row.get("text")
            language = text.language if isinstance(text, ox.Literal) and text.language else ""
            rank = 0 if language == shown.get(mandate) else 1
            if mandate in best and best[mandate] <= rank:
                continue
            best[mandate] = rank
            found[mandate] = (f"/documents/{row['stem'].value}?start={row['start'].value}"
                              f"&end={row['end'].value}#span")
    return found


def shown_rows(entries: Sequence[Entry], lang: str, names: Mapping[str, str]) -> list[dict]:
    """The entries as the page, the CSV and the JSON give them: one dict a mandate."""
    settings: Settings = current_app.config["SETTINGS"]
    base = settings.base
    evidence = evidence_links(entries, lang)
    rows = []
    for e in entries:
        text, text_lang = e.text(lang)
        rows.append({
            "mandate": e.mandate,
            "provision": e.provision,
            "provision_page": href(e.provision, base) if e.provision else None,
            "paragraph": e.number,
            "resolution": e.resolution,
            "resolution_page": href(e.resolution, base) if e.resolution else None,
            "symbol": e.symbol,
            "adopted": e.date,
            "adopted_text": format_date(e.date, lang) if e.date else "",
            "year": e.year,
            "created_by": e.creator,
            "created_by_name": name_of(e.creator, names) if e.creator else "",
            "created_by_page": href(e.creator, base) if e.creator else None,
            "bodies": [{"iri": b, "name": name_of(b, names), "page": href(b, base)}
                       for b in e.bodies],
            "act": e.act,
            "act_name": act_name(e.act, lang),
            "status": e.status,
            "status_name": ui(f"status_{e.status}", lang) if e.status else "",
            "ends": e.ends,
            "ends_text": format_date(e.ends, lang) if e.ends else "",
            "text": text,
            "text_lang": text_lang if text_lang in LANGUAGES else "",
            "evidence": evidence.get(e.mandate),
        })
    return rows
