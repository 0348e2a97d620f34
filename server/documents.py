"""The document view: a source text as the release keeps it, with one span highlighted.

``/documents/<stem>?start=&end=`` shows the text of ``<release>/sources/<stem>.txt`` with the
span in a ``<mark id="span">`` (evidence links end in ``#span``, so the browser scrolls to it
with no script), the document's metadata and the facts it gives, by class.
``/documents/<stem>.txt`` is the exact text: evidence offsets are code point offsets into it.

Why the text is served from the release folder and not from the store: the graph keeps only
quotes, and the offsets only mean something against the very file that was extracted. With an
external store (``sparql:``) there is no such file, and the page says so.
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, render_template, request

from graph.namespaces import DCTERMS, MG
from server.errors import ApiError
from server.pages import (
    STEM,
    Shown,
    ask,
    compact,
    label_index,
    pick,
    reader_language,
    select,
    show,
    source_text,
    sources_dir,
)
from server.paging import page_of
from server.settings import Settings

blueprint = Blueprint("documents", __name__)

#: Metadata shown first, in this order; any other property of the document follows.
FIRST_PROPERTIES = (
    DCTERMS + "title", DCTERMS + "publisher", DCTERMS + "date", DCTERMS + "temporal",
    DCTERMS + "description", DCTERMS + "type", DCTERMS + "language",
)


def _document(stem: str, settings: Settings) -> tuple[ox.NamedNode, str | None]:
    """The document's IRI and text; 404 unless the stem names a document of this graph."""
    if not STEM.fullmatch(stem) or ".." in stem:
        raise ApiError(404, f"no source document {stem!r}: not a document name of this graph")
    iri = ox.NamedNode(f"{settings.base}source/{stem}")
    text = source_text(settings, stem)
    if text is None and not ask("entity-known", entity=iri):
        raise ApiError(404, f"no source document {stem!r} in this graph")
    return iri, text


def _span(text: str | None) -> tuple[int, int] | None:
    """The ``start``/``end`` of the request as a span of the text; 400 when it is not one."""
    raw_start, raw_end = request.args.get("start"), request.args.get("end")
    if raw_start is None and raw_end is None:
        return None
    try:
        start, end = int(raw_start or ""), int(raw_end or "")
    except ValueError:
        raise ApiError(
            400, "start and end must both be whole numbers (code point offsets)"
        ) from None
    length = len(text) if text is not None else None
    if start < 0 or end < start or (length is not None and end > length):
        raise ApiError(
            400,
            f"start={start}&end={end} is not a span of this document"
            + (f" (0 ≤ start ≤ end ≤ {length})" if length is not None else ""),
        )
    return start, end


@blueprint.route("/documents/<path:name>")
def document(name: str) -> Response:
    settings: Settings = current_app.config["SETTINGS"]
    if name.endswith(".txt"):
        stem = name[: -len(".txt")]
        _iri, text = _document(stem, settings)
        if text is None:
            raise ApiError(404, f"the text of {stem!r} is not kept with this store")
        return Response(text.encode("utf-8"), content_type="text/plain; charset=utf-8")
    iri, text = _document(name, settings)
    span = _span(text)
    lang = reader_language()
    view = _metadata(iri, settings, lang)
    before = highlighted = after = None
    if text is not None and span is not None:
        start, end = span
        before, highlighted, after = text[:start], text[start:end], text[end:]
    response = Response(render_template(
        "document.html",
        lang=lang,
        stem=name,
        iri=iri.value,
        text=text,
        span=span,
        before=before,
        highlighted=highlighted,
        after=after,
        has_texts=sources_dir(settings) is not None,
        facts=_facts(iri, settings, lang),
        # a reader paging one class's things comes back to them open
        facts_open=any(key.startswith("class") and key.endswith("_page") for key in request.args),
        **view,
    ))
    response.headers["Vary"] = "Accept-Language"
    return response


def _metadata(iri: ox.NamedNode, settings: Settings, lang: str) -> dict[str, object]:
    """Title, and the document's properties as (property, values) for the template."""
    rows, _ = select("document-metadata", doc=iri)
    labels = label_index(rows, "o", "label")
    titles = [
        row["o"] for row in rows
        if row["p"].value == DCTERMS + "title" and isinstance(row["o"], ox.Literal)
    ]
    title = pick(titles, lang)
    if any(row["p"].value == MG + "languageVersionOf" for row in rows):
        # a language version of a resolution is titled by its file name: the resolution's
        # title names it (document-title.rq)
        versions, _ = select("document-title", doc=iri)
        title = pick([r["label"] for r in versions if r["kind"].value == "resolution"
                      and isinstance(r["label"], ox.Literal)], lang) or title
    values: dict[str, dict[str, Shown]] = defaultdict(dict)
    for row in rows:
        value = row["o"]
        key = value.value if isinstance(value, ox.NamedNode) else str(value)
        values[row["p"].value].setdefault(
            key, show(value, lang=lang, base=settings.base, labels=labels)
        )
    order = {p: i for i, p in enumerate(FIRST_PROPERTIES)}
    metadata = [
        {
            "property": show(ox.NamedNode(p), lang=lang, base=settings.base),
            "values": list(v.values()),
        }
        for p, v in sorted(values.items(), key=lambda item: (order.get(item[0], 99), item[0]))
    ]
    language = next((row["o"].value for row in rows if row["p"].value == DCTERMS + "language"
                     and isinstance(row["o"], ox.Literal)), None)
    return {"title": title, "metadata": metadata, "text_lang": language}


def _facts(iri: ox.NamedNode, settings: Settings, lang: str) -> list[dict[str, object]]:
    """The things the document gives facts about, grouped by class, with evidence counts."""
    rows, _ = select("document-facts", doc=iri)
    labels = label_index(rows, "thing", "label")
    groups: dict[str, dict[str, dict[str, object]]] = defaultdict(dict)
    for row in rows:
        thing = row["thing"]
        if not isinstance(thing, ox.NamedNode):
            continue
        entry = groups[row["class"].value].setdefault(
            thing.value,
            {"thing": show(thing, lang=lang, base=settings.base, labels=labels), "count": 0},
        )
        # One row per label language: the count is the same on each, so keep the largest.
        entry["count"] = max(int(entry["count"]), int(row["n"].value))  # type: ignore[call-overload]
    categories = [
        {
            "class": show(ox.NamedNode(cls), lang=lang, base=settings.base),
            "iri": cls,
            "short": compact(cls, settings.base),
            "things": sorted(
                things.values(),
                key=lambda e: e["thing"].text.casefold(),  # type: ignore[attr-defined]
            ),
        }
        for cls, things in groups.items()
    ]
    categories.sort(key=lambda c: c["class"].text.casefold())  # type: ignore[attr-defined]
    for index, category in enumerate(categories, 1):  # 50 a page, each class its own pager
        paging, shown = page_of(category["things"], lang=lang,  # type: ignore[arg-type]
                                parameter=f"class{index}_page")
        category["things"], category["paging"] = shown, paging
    return categories
