"""The home page: what the graph holds, the documents it was read from, and the ways in.

The documents table pages by 50 (:mod:`server.paging`, ``?documents_page=``). The counts are the
store's own (COUNT queries over the class hierarchy the ontology gives), so
the page cannot drift from the data. ``Accept: application/json`` gets the same as JSON, for
scripts that want to check a deployment.
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, jsonify, render_template, request

from graph.namespaces import MG
from server.locale import format_date, language_name, ui
from server.pages import Row, compact, href, label_index, pick, reader_language, select, select_for
from server.paging import page_of
from server.settings import Settings

blueprint = Blueprint("home", __name__)

#: The classes the home page counts, in the order it shows them, with their plural names.
CATEGORIES: tuple[tuple[str, str], ...] = (
    ("SourceDocument", "source documents"),
    ("Resolution", "resolutions"),
    ("Provision", "provisions"),
    ("Mandate", "mandates"),
    ("Organ", "organs"),
    ("State", "states"),
    ("Convention", "conventions"),
    ("Activity", "activities"),
    ("Meeting", "meetings"),
    ("ReportingObligation", "reporting obligations"),
    ("BudgetLine", "budget lines"),
    ("Evidence", "evidences (facts with their quote)"),
)
#: Where to go from here: (path, name, what it is for).
WAYS_IN: tuple[tuple[str, str, str], ...] = (
    ("/resolutions", "Resolutions", "every resolution, by organ, year and subject"),
    ("/mandates", "Mandate registry",
     "every mandate, by body, organ, act, status and year, with CSV and JSON"),
    ("/reports-due", "Reports due",
     "the reports each body owes, by date, with a calendar to subscribe to"),
    ("/queries", "Named questions", "ready-made questions researchers ask, with their answers"),
    ("/query", "SPARQL editor", "write your own query, with the prefixes declared"),
    ("/graph", "Dependency graph", "how resolutions, provisions, mandates and activities link"),
    ("/timeline", "Timeline", "activities and meetings in time"),
    ("/coverage", "Coverage", "what each document gave, and what extraction may have missed"),
    ("/ontology", "Ontology", "the classes and properties, documented"),
    ("/sparql", "SPARQL endpoint", "SPARQL 1.1 Protocol for any client"),
    ("/.well-known/void", "VoID", "the dataset described, with its named graphs"),
)


def _slug(path: str) -> str:
    """``/.well-known/void`` → ``void``: the catalogue key of a way in (``way_void``)."""
    return path.rstrip("/").rsplit("/", 1)[-1] or "home"


def _counts() -> dict[str, int]:
    rows, _ = select("home-counts")
    found = {
        row["class"].value[len(MG):]: int(row["n"].value)
        for row in rows
        if row["class"].value.startswith(MG)
    }
    return {local: found.get(local, 0) for local, _name in CATEGORIES}


#: Documents whose titles are read in one query (one VALUES block).
TITLES_AT_ONCE = 500


def _documents(settings: Settings, lang: str, rows: list[Row]) -> list[dict[str, object]]:
    """The source documents of ``rows`` (home-documents.rq) with their titles (a resolution's
    for its language versions, not the file name), publisher, dates in the reader's language
    and fact counts; the titles are read for these documents only."""
    label_rows: list[Row] = []
    docs = [row["doc"] for row in rows if isinstance(row["doc"], ox.NamedNode)]
    for first in range(0, len(docs), TITLES_AT_ONCE):
        chunk = docs[first:first + TITLES_AT_ONCE]
        label_rows += select_for("home-document-labels", "doc", chunk)[0]
    labels = label_index(label_rows, "thing", "label")
    resolution_titles = label_index(
        [r for r in label_rows if r.get("kind") is not None and r["kind"].value == "resolution"],
        "thing", "label")
    documents: list[dict[str, object]] = []
    for row in rows:
        doc = row["doc"].value
        stem = row["stem"].value
        language = row.get("language")
        # a language version's title in its own language: the French file of a resolution is
        # "Marée noire sur les côtes libanaises" whoever reads the list
        title = pick(resolution_titles.get(doc, ()), language.value if language else lang) \
            or pick(labels.get(doc, ()), lang)
        publisher = row.get("publisher") or row.get("issuer")
        publisher_label = (
            pick(labels.get(publisher.value, ()), lang)
            if isinstance(publisher, ox.NamedNode) else None
        )
        date, temporal = row.get("date") or row.get("adopted"), row.get("temporal")
        symbol = row.get("symbol")
        documents.append({
            "stem": stem,
            "iri": doc,
            "page": href(doc, settings.base),
            "view": f"/documents/{stem}",
            "title": title.value if title else stem,
            "title_lang": title.language if title and title.language else None,
            "symbol": symbol.value if symbol else None,
            "language": language_name(language.value, lang) if language else None,
            "publisher": (
                publisher_label.value if publisher_label
                else compact(publisher.value, settings.base) if publisher else None
            ),
            "publisher_iri": publisher.value if publisher else None,
            "publisher_page": href(publisher.value, settings.base) if publisher else None,
            "date": date.value if date else None,
            "date_text": format_date(date.value, lang) if date else None,
            "period": temporal.value if temporal else None,
            "facts": int(row["facts"].value),
        })
    return documents


@blueprint.route("/")
def home() -> Response:
    settings: Settings = current_app.config["SETTINGS"]
    lang = reader_language()
    counts = _counts()
    rows, _ = select("home-documents")
    wanted = request.accept_mimetypes.best_match(["text/html", "application/json"])
    if wanted == "application/json":
        documents = _documents(settings, lang, rows)
        response = jsonify({
            "counts": counts,
            "documents": documents,
            "links": {path: name for path, name, _what in WAYS_IN},
        })
    else:
        paging, page_rows = page_of(rows, lang=lang, parameter="documents_page")
        shown = _documents(settings, lang, page_rows)
        response = Response(render_template(
            "home.html",
            lang=lang,
            counts=[(local, name, counts[local]) for local, name in CATEGORIES],
            documents=shown,
            paging=paging,
            ways_in=[(path, ui(f"way_{_slug(path)}", lang), ui(f"way_{_slug(path)}_what", lang))
                     for path, _name, _what in WAYS_IN],
        ))
    response.headers["Vary"] = "Accept, Accept-Language"
    return response
