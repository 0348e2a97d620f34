"""What the HTML pages (home, entity, document view) share: their queries, labels and links.

Why a module of its own: the pages read the graph the same way — one of the server's own .rq
files (``server/queries/``), an IRI bound to a variable by the backend (never written into the
query text), the answer parsed back into pyoxigraph terms — and show terms the same way: a
label in the reader's language, a link when the term is ours. Every query goes through
:func:`server.backends.run_query`, so a page is under the same time limit, row cap and worker
isolation as a client's SPARQL query, and a store failure is the app's one error response.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from flask import request

from graph.config import ONTOLOGY_FILE
from graph.namespaces import MG, PREFIXES, curie
from graph.store import Descriptor
from server.backends import run_query
from server.results import Answer, Formats
from server.settings import Settings

#: Languages the labels of the graph and the ontology are written in, the reader's pick first.
LANGUAGES = ("en", "fr", "es")
#: Properties that name a thing, best first: what the page calls an entity.
LABEL_PROPERTIES = (
    PREFIXES["rdfs"] + "label",
    PREFIXES["skos"] + "prefLabel",
    PREFIXES["dcterms"] + "title",
    PREFIXES["schema"] + "name",
    PREFIXES["foaf"] + "name",
    MG + "symbol",
)
#: A source document's stem as the build writes it: no separators, no leading dot.
STEM = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,200}")

#: The span segment of an evidence IRI (``evidence/<stem>/<start>-<end>/…``, docs/iris.md).
SPAN = re.compile(r"\d+-\d+")

Row = dict[str, ox.NamedNode | ox.BlankNode | ox.Literal]


def select(name: str, **values: ox.NamedNode | ox.Literal) -> tuple[list[Row], bool]:
    """The rows of a SELECT .rq file with ``values`` bound, and whether the row cap cut them."""
    return _rows(run_query(name, bound=tuple(values.items())))


def select_for(name: str, variable: str, terms: Iterable[ox.NamedNode]) -> tuple[list[Row], bool]:
    """The rows of a SELECT .rq file for each of ``terms`` bound to ``variable``, in one query
    (one VALUES block): the names of the things one page shows, not of every thing."""
    rows: list[list[ox.NamedNode | ox.Literal]] = [[term] for term in dict.fromkeys(terms)]
    if not rows:
        return [], False
    return _rows(run_query(name, rows=([variable], rows)))


def _rows(answer: Answer) -> tuple[list[Row], bool]:
    document = json.loads(answer.body)
    document.pop("truncated", None)
    parsed = ox.parse_query_results(json.dumps(document), format=ox.QueryResultsFormat.JSON)
    assert isinstance(parsed, ox.QuerySolutions)
    names = [v.value for v in parsed.variables]
    rows: list[Row] = []
    for solution in parsed:
        row: Row = {}
        for key in names:
            term = solution[key]
            if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal):
                row[key] = term
        rows.append(row)
    return rows, answer.truncated


def ask(name: str, **values: ox.NamedNode | ox.Literal) -> bool:
    """The answer of an ASK .rq file with ``values`` bound."""
    return bool(json.loads(run_query(name, bound=tuple(values.items())).body).get("boolean"))


def construct(name: str, mimetype: str, **values: ox.NamedNode | ox.Literal) -> Answer:
    """A CONSTRUCT .rq file's graph with ``values`` bound, serialised as ``mimetype``."""
    return run_query(name, formats=Formats(None, mimetype), bound=tuple(values.items()))


# -- languages and labels -----------------------------------------------------------------------


def reader_language() -> str:
    """The language this reader asks for: ``?lang=`` (the pages' en/fr/es switch) first, then
    Accept-Language, English when none fits."""
    chosen = request.args.get("lang", "").strip().lower()
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES, default="en") or "en"


def pick(literals: Iterable[ox.Literal], lang: str) -> ox.Literal | None:
    """The literal in ``lang``, else English, else one without a language, else any.

    Sorted first so that the same data gives the same label on every request.
    """
    candidates = sorted(set(literals), key=lambda lit: (lit.language or "", lit.value))
    for wanted in (lang, "en"):
        for literal in candidates:
            if literal.language and literal.language.split("-")[0].lower() == wanted:
                return literal
    for literal in candidates:
        if not literal.language:
            return literal
    return candidates[0] if candidates else None


@cache
def _vocabulary_labels() -> dict[str, tuple[ox.Literal, ...]]:
    """rdfs:label of every term the ontology file declares (read once per process).

    Read from the file the server ships rather than from the store: it names the classes and
    properties of every page, and it is the same file ``/ontology`` shows.
    """
    labels: dict[str, list[ox.Literal]] = {}
    label = PREFIXES["rdfs"] + "label"
    for quad in ox.parse(path=str(ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE):
        if quad.predicate.value == label and isinstance(quad.object, ox.Literal):
            if isinstance(quad.subject, ox.NamedNode):
                labels.setdefault(quad.subject.value, []).append(quad.object)
    return {iri: tuple(values) for iri, values in labels.items()}


def compact(iri: str, base: str) -> str:
    """``mg:Mandate``, ``organ/oas-csh``: an IRI as short as the known namespaces make it."""
    return curie(iri, base=base)


def local_words(iri: str) -> str:
    """``http://purl.org/dc/terms/isPartOf`` as "is part of": a term's local name, in words."""
    local = re.split(r"[#/]", iri.rstrip("/#"))[-1]
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", local).replace("_", " ").lower() or iri


def vocabulary_label(iri: str, lang: str, base: str) -> str:
    """A class or property by its ontology label in ``lang``; its local name in words when the
    ontology does not label it (another vocabulary's term)."""
    literal = pick(_vocabulary_labels().get(iri, ()), lang)
    return literal.value if literal is not None else local_words(iri)


def href(iri: str, base: str) -> str | None:
    """Where a link to ``iri`` goes: our entity page, the ontology page, or the web.

    Only ``http(s)`` IRIs become links: an IRI in the data could be ``javascript:…``.
    """
    if iri.startswith(base):
        return "/id/" + iri[len(base):]
    if iri.startswith(MG) and len(iri) > len(MG):
        return "/ontology#" + iri[len(MG):]
    if iri.startswith(("http://", "https://")):
        return iri
    return None


@dataclass(frozen=True)
class Shown:
    """A term as a page shows it: text, its language, a link, and what kind of value it is."""

    text: str
    href: str | None = None
    lang: str | None = None
    iri: str | None = None
    note: str = ""  # a datatype, a compact IRI under a label: what the text alone would hide


#: Literal datatypes a page writes in the reader's language instead of naming the datatype.
_XSD = PREFIXES["xsd"]
_WORDED = {_XSD + "date", _XSD + "integer", _XSD + "int", _XSD + "nonNegativeInteger",
           _XSD + "positiveInteger", _XSD + "duration", _XSD + "boolean", _XSD + "string"}


def literal_text(term: ox.Literal, lang: str) -> str:
    """A typed value as a reader writes it: "10 January 2024", "1,234", "6 months"."""
    from server.locale import format_date, format_duration, format_number

    datatype = term.datatype.value
    if datatype == _XSD + "date":
        return format_date(term.value, lang)
    if datatype == _XSD + "duration":
        return format_duration(term.value, lang)
    if datatype in _WORDED and term.value.lstrip("-").isdigit():
        # four digits or fewer as written: a year (sessionYear 2024) must not read "2,024"
        return term.value if len(term.value.lstrip("-")) <= 4 else format_number(term.value, lang)
    return term.value


def derived_name(iri: str, labels: Mapping[str, Iterable[ox.Literal]], lang: str,
                 base: str) -> str:
    """A name for an IRI of ours that has no label, from the nearest labelled IRI it extends:
    ``…/un-s-res-2722/paragraph/8`` is "S/RES/2722 (2024), paragraph 8" when the resolution is
    labelled. With no labelled ancestor, the path's last two segments, as words."""
    if not iri.startswith(base):
        return local_words(iri) if iri.startswith(tuple(PREFIXES.values())) else \
            iri.rstrip("/").rsplit("/", 1)[-1]
    segments = iri[len(base):].split("/")
    for cut in range(len(segments) - 1, 0, -1):
        literal = pick(labels.get(base + "/".join(segments[:cut]), ()), lang)
        if literal is not None:
            rest = segments[cut:]
            words = [" ".join(rest[i:i + 2]) for i in range(0, len(rest), 2)]
            return ", ".join([literal.value, *(w.replace("-", " ") for w in words)])
    if segments[0] == "evidence" and len(segments) >= 3 and SPAN.fullmatch(segments[2]):
        # evidence/<document>/<start>-<end>/<hash>: a quote, named by where it is
        return f"{segments[1]}, characters {segments[2].replace('-', '–')}"
    return " ".join(segments[-2:]).replace("-", " ")


def show(
    term: ox.NamedNode | ox.BlankNode | ox.Literal,
    *,
    lang: str,
    base: str,
    labels: Mapping[str, Iterable[ox.Literal]] | None = None,
) -> Shown:
    """One term for a template; ``labels`` are the labels known for IRIs (from the same query).

    Names, not IRIs: an IRI shows its label in ``lang``, else the ontology's label, else a name
    derived from a labelled IRI it extends (:func:`derived_name`); the IRI itself is kept in
    ``iri`` for the link and the "copy IRI" control. A date, a number or a duration is written
    for the language; another datatype is named in ``note``.
    """
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        note = "" if term.language or datatype in _WORDED else compact(datatype, base)
        return Shown(literal_text(term, lang), lang=term.language or None, note=note)
    if isinstance(term, ox.BlankNode):
        return Shown("—")
    literal = pick((labels or {}).get(term.value, ()), lang)
    if literal is None and term.value in _vocabulary_labels():
        return Shown(vocabulary_label(term.value, lang, base), href(term.value, base),
                     iri=term.value)
    if literal is None:
        return Shown(derived_name(term.value, labels or {}, lang, base), href(term.value, base),
                     iri=term.value)
    return Shown(literal.value, href(term.value, base), literal.language or None, term.value)


def label_index(rows: Iterable[Row], subject: str, label: str) -> dict[str, list[ox.Literal]]:
    """IRI → its label literals, from rows that give a thing in ``subject`` and one in ``label``."""
    index: dict[str, list[ox.Literal]] = {}
    for row in rows:
        thing, text = row.get(subject), row.get(label)
        if isinstance(thing, ox.NamedNode) and isinstance(text, ox.Literal):
            index.setdefault(thing.value, []).append(text)
    return index


# -- the served release's texts -----------------------------------------------------------------


def sources_dir(settings: Settings) -> Path | None:
    """The folder of the served release's texts, or None for an external store (no texts).

    A release keeps its store and its texts side by side (``<release>/store``,
    ``<release>/sources/<stem>.txt``): evidence offsets index those texts.
    """
    parsed = Descriptor.parse(settings.store)
    if parsed.kind != "oxigraph":
        return None
    folder = Path(parsed.location).parent / "sources"
    return folder if folder.is_dir() else None


def source_text(settings: Settings, stem: str) -> str | None:
    """The exact text of a source document of the release, or None when there is none.

    ``stem`` must look like a stem (no separator, no leading dot) and the file must be a direct
    child of the sources folder once resolved, so no path given in a URL can reach elsewhere.
    """
    folder = sources_dir(settings)
    if folder is None or not STEM.fullmatch(stem):
        return None
    path = folder / f"{stem}.txt"
    try:
        if path.resolve().parent != folder.resolve() or not path.is_file():
            return None
        # Bytes decoded, not read_text(): universal newlines would turn "\r\n" into "\n" and
        # shift every offset after it.
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
