"""Entity pages: every IRI under the data base dereferences at ``/id/<path>``.

A browser gets an HTML page — the label in the reader's language, the types, every property,
the incoming links counted per property, and the evidence of each statement, linked to the
span of the document it was read from; a document read paragraph by paragraph (a resolution
with provisions) gets the resolution page instead (:mod:`server.resolution_page`; its
statements at ``?view=data``). A linked-data client gets the entity's outgoing
statements (and the labels of what they link to) as Turtle, JSON-LD or N-Triples, by
``Accept`` or by extension (``/id/organ/oas-csh.ttl``). An IRI the graph does not know is 404.

The path from the URL only ever becomes an IRI bound to a query variable by the backend; it is
checked first (characters of an IRI path, no ``.``/``..`` segment) so that nothing but IRIs
under the data base can be asked for.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, render_template, request

from graph.namespaces import MG, PREFIXES, RDF_TYPE
from server.document_page import document_view
from server.errors import ApiError
from server.pages import (
    LABEL_PROPERTIES,
    Shown,
    ask,
    compact,
    construct,
    derived_name,
    href,
    label_index,
    pick,
    reader_language,
    select,
    select_for,
    show,
    vocabulary_label,
)
from server.paging import PAGE_ROWS, page_of
from server.resolution_page import resolution_view
from server.settings import Settings

blueprint = Blueprint("resources", __name__)

#: Extensions that choose the RDF syntax of an entity (``/id/organ/oas-csh.ttl``).
EXTENSIONS = {
    ".ttl": "text/turtle",
    ".jsonld": "application/ld+json",
    ".nt": "application/n-triples",
}
#: What an entity URL can answer, HTML first so that ``*/*`` (and a browser) gets the page.
OFFERED = [
    "text/html",
    "text/turtle",
    "application/ld+json",
    "application/n-triples",
    "application/rdf+xml",
    "application/json",
]
#: Characters of an IRI path as our IRIs are minted (docs/iris.md): unreserved, sub-delims,
#: ``:``, ``@``, ``/`` and percent escapes — no spaces, quotes, angle brackets or backslashes.
PATH = re.compile(r"[A-Za-z0-9._~!$&'()*+,;=:@%/-]{1,1000}")
#: Incoming links shown per property on the entity page; the rest are one click away.
FIRST_INCOMING = 10
#: Incoming links per page of the full listing: 50, as every list of the site.
PAGE_SIZE = PAGE_ROWS
HAS_EVIDENCE = MG + "hasEvidence"
EVIDENCE_LINKS = {MG + "supports", MG + "assertedValue", PREFIXES["oa"] + "hasSource"}


def entity_iri(path: str, base: str) -> ox.NamedNode:
    """The IRI a ``/id/`` path names; 404 for anything that cannot be one of ours."""
    segments = path.split("/")
    if not PATH.fullmatch(path) or any(s in {"", ".", ".."} for s in segments):
        raise ApiError(404, f"no entity at /id/{path}: not an IRI path of this graph")
    try:
        return ox.NamedNode(base + path)
    except ValueError:
        raise ApiError(404, f"no entity at /id/{path}: not an IRI path of this graph") from None


def _natural(shown: Shown) -> tuple[object, ...]:
    """Sort key that puts "paragraph 9" before "paragraph 10", as a reader expects."""
    parts = re.split(r"(\d+)", shown.text.casefold())
    return (*((0, int(p)) if p.isdigit() else (1, p) for p in parts), shown.iri or "")


def _negotiate(path: str) -> tuple[str, str]:
    """(path without its extension, media type): extension first, then ``Accept``."""
    for extension, mimetype in EXTENSIONS.items():
        if path.endswith(extension) and len(path) > len(extension):
            return path[: -len(extension)], mimetype
    if not request.accept_mimetypes:
        return path, "text/html"
    best = request.accept_mimetypes.best_match(OFFERED)
    if best is None:
        raise ApiError(
            406,
            "none of the accepted types can be given for an entity; available: "
            + ", ".join(OFFERED),
        )
    return path, "application/ld+json" if best == "application/json" else best


@dataclass
class Statement:
    """One statement about the entity (property and value) and the evidences that support it."""

    property: Shown
    value: Shown
    evidences: list[dict[str, object]] = field(default_factory=list)


@blueprint.route("/id/<path:path>")
def entity(path: str) -> Response:
    settings: Settings = current_app.config["SETTINGS"]
    path, mimetype = _negotiate(path)
    iri = entity_iri(path, settings.base)
    if not ask("entity-known", entity=iri):
        raise ApiError(404, f"the graph knows no entity {iri.value}")
    if mimetype != "text/html":
        answer = construct("entity-describe", mimetype, entity=iri)
        return Response(
            answer.body, mimetype=answer.mimetype, headers={"Vary": "Accept"}
        )
    incoming_property = request.args.get("incoming")
    if incoming_property:
        return _incoming_page(iri, incoming_property, settings)
    if request.args.get("view") != "data":
        page_path = "/id/" + compact(iri.value, settings.base)
        formats = [(ext.lstrip("."), mimetype) for ext, mimetype in EXTENSIONS.items()]
        page = None
        if ask("entity-is-document", entity=iri):
            page = render_template("document_page.html", page_path=page_path, formats=formats,
                                   **document_view(iri, settings.base, reader_language()))
        elif ask("entity-has-provisions", entity=iri):
            page = render_template("resolution.html", page_path=page_path, formats=formats,
                                   **resolution_view(iri, settings.base, reader_language()))
        if page is not None:
            response = Response(page)
            response.headers["Vary"] = "Accept, Accept-Language"
            return response
    response = Response(render_template("entity.html", **_entity_view(iri, settings)))
    response.headers["Vary"] = "Accept, Accept-Language"
    return response


def _entity_view(iri: ox.NamedNode, settings: Settings) -> dict[str, object]:
    """Everything the entity page shows, as plain values for the template."""
    base, lang = settings.base, reader_language()
    outgoing, out_cut = select("entity-outgoing", entity=iri)
    labels = label_index(outgoing, "o", "label")

    own_labels: list[ox.Literal] = []
    for predicate in LABEL_PROPERTIES:
        own_labels += [
            row["o"] for row in outgoing
            if row["p"].value == predicate and isinstance(row["o"], ox.Literal)
        ]
    title = pick(own_labels, lang)
    # the entity's own label names what extends its IRI (its paragraphs, its mandates)
    labels.setdefault(iri.value, []).extend(own_labels)

    values: dict[str, dict[str, Shown]] = defaultdict(dict)
    evidence_count = 0
    for row in outgoing:
        predicate, value = row["p"].value, row["o"]
        if predicate == HAS_EVIDENCE:
            evidence_count += 1
            continue
        key = value.value if isinstance(value, ox.NamedNode) else str(value)
        values[predicate].setdefault(key, show(value, lang=lang, base=base, labels=labels))
    types = list(values.pop(RDF_TYPE, {}).values())
    properties = [
        {
            "property": show(ox.NamedNode(p), lang=lang, base=base),
            "values": sorted(shown.values(), key=_natural),
        }
        for p, shown in values.items()
    ]
    properties.sort(key=lambda item: item["property"].text.casefold())  # type: ignore[attr-defined]
    for index, item in enumerate(properties, 1):  # a long list of values pages by 50
        paging, shown = page_of(item["values"], lang=lang,  # type: ignore[arg-type]
                                parameter=f"values{index}_page")
        item["values"], item["paging"] = shown, paging

    counts, _ = select("entity-incoming-counts", entity=iri)
    incoming_rows, in_cut = select("entity-incoming", entity=iri)
    incoming_labels = label_index(incoming_rows, "s", "label")
    firsts: dict[str, dict[str, Shown]] = defaultdict(dict)
    for row in incoming_rows:
        subject, predicate = row["s"], row["p"].value
        key = subject.value
        if key not in firsts[predicate] and len(firsts[predicate]) < FIRST_INCOMING:
            firsts[predicate][key] = show(subject, lang=lang, base=base, labels=incoming_labels)
    incoming = [
        {
            "property": show(row["p"], lang=lang, base=base),
            "iri": row["p"].value,
            "count": int(row["n"].value),
            "first": list(firsts.get(row["p"].value, {}).values()),
        }
        for row in counts
    ]
    # The evidence records' own links (quote → thing) last: they are how the graph keeps its
    # sources, and the Evidence section below shows them readably.
    incoming.sort(key=lambda group: group["iri"] in EVIDENCE_LINKS)

    statements_paging, statements_shown = page_of(_statements(iri, labels, settings, lang),
                                                  lang=lang, parameter="evidence_page")
    return {
        "lang": lang,
        "reader_lang": lang,
        "iri": iri.value,
        "short": derived_name(iri.value, labels, lang, base),
        "title": title,
        "types": types,
        "properties": properties,
        "evidence_count": evidence_count,
        "statements": statements_shown,
        "statements_paging": statements_paging,
        "incoming": incoming,
        "truncated": out_cut or in_cut,
        "formats": [(ext.lstrip("."), mimetype) for ext, mimetype in EXTENSIONS.items()],
        "page_path": "/id/" + compact(iri.value, base),
    }


def _statements(
    iri: ox.NamedNode, labels: dict[str, list[ox.Literal]], settings: Settings, lang: str
) -> list[Statement]:
    """The statements about the entity that have evidence, each with its quotes."""
    base = settings.base
    rows, _cut = select("entity-evidence", entity=iri)
    sources = [term for row in rows if isinstance(term := row.get("source"), ox.NamedNode)]
    titles_rows, _ = select_for("home-document-labels", "doc", sources)
    own = label_index([r for r in titles_rows if "kind" in r and r["kind"].value == "own"],
                      "thing", "label")
    # a language version of a resolution by the resolution's title, not its file name
    titles = own | label_index(
        [r for r in titles_rows if "kind" in r and r["kind"].value == "resolution"],
        "thing", "label")
    statements: dict[tuple[str, str], Statement] = {}
    for row in rows:
        prop, value = row["property"], row["value"]
        key = (prop.value, str(value))
        statement = statements.get(key)
        if statement is None:
            statement = statements[key] = Statement(
                show(prop, lang=lang, base=base),
                show(value, lang=lang, base=base, labels=labels),
            )
        stem = row.get("stem")
        start, end = int(row["start"].value), int(row["end"].value)
        source = row["source"].value
        source_title = pick(titles.get(source, ()), lang)
        inferred = row.get("inferred")
        basis = row.get("basis")
        recognizer = row.get("recognizer")
        statement.evidences.append({
            "quote": row["exact"].value,
            "document": source_title.value if source_title
            else (stem.value if stem else source.rsplit("/", 1)[-1]),
            "document_page": "/id/" + compact(source, base) if source.startswith(base) else None,
            "stem": stem.value if stem else None,
            "start": start,
            "end": end,
            "link": (
                f"/documents/{stem.value}?start={start}&end={end}#span" if stem else None
            ),
            "recognizer": recognizer.value if recognizer else "",
            "inferred": inferred is not None and inferred.value in {"true", "1"},
            "basis": basis.value if basis else "",
            "evidence_page": "/id/" + compact(row["evidence"].value, base),
        })
    return sorted(
        statements.values(), key=lambda s: (s.property.text.casefold(), s.value.text.casefold())
    )


def _incoming_page(iri: ox.NamedNode, property_iri: str, settings: Settings) -> Response:
    """All the things that point at the entity through one property, a page at a time."""
    base, lang = settings.base, reader_language()
    try:
        predicate = ox.NamedNode(property_iri)
    except ValueError:
        raise ApiError(400, f"incoming={property_iri!r} is not an IRI") from None
    try:  # a page number that is no number is refused; one out of the list is clamped
        int(request.args.get("page", "1"))
    except ValueError:
        raise ApiError(400, "page must be a whole number from 1") from None
    rows, cut = select("entity-incoming", entity=iri, p=predicate)
    labels = label_index(rows, "s", "label")
    outgoing, _ = select("entity-outgoing", entity=iri)
    own = [r["o"] for r in outgoing
           if r["p"].value in LABEL_PROPERTIES and isinstance(r["o"], ox.Literal)]
    title = pick(own, lang)
    labels.setdefault(iri.value, []).extend(own)  # names its paragraphs, its mandates
    subjects: dict[str, Shown] = {}
    for row in rows:
        subjects.setdefault(row["s"].value, show(row["s"], lang=lang, base=base, labels=labels))
    everything = list(subjects.values())
    paging, shown = page_of(everything, lang=lang, size=PAGE_SIZE)
    page_path = "/id/" + compact(iri.value, base)
    return Response(render_template(
        "entity_incoming.html",
        lang=lang,
        iri=iri.value,
        short=derived_name(iri.value, labels, lang, base),
        title=title,
        property=show(predicate, lang=lang, base=base),
        property_iri=predicate.value,
        things=shown,
        total=len(everything),
        first=max(paging.start - 1, 0),
        paging=paging,
        truncated=cut,
        page_path=page_path,
        property_name=vocabulary_label(predicate.value, lang, base),
    ))


@blueprint.app_template_filter("entity_path")
def entity_path(iri: str) -> str:
    """A template's link to a thing: its page here (``/id/…``), or the IRI when not ours."""
    settings: Settings = current_app.config["SETTINGS"]
    return href(iri, settings.base) or "#"


@blueprint.app_template_filter("iri_name")
def iri_name(iri: str) -> str:
    """A template's name for a thing with no label: a name derived from its IRI, not the IRI."""
    settings: Settings = current_app.config["SETTINGS"]
    return derived_name(iri, {}, "en", settings.base)


@blueprint.app_template_filter("long_date")
def long_date(value: str) -> str:
    """A template's ISO date in the reader's language ("24 October 2019"); other text as is."""
    from server.locale import format_date

    return format_date(value, reader_language())
