"""``/search?q=…``: resolutions and their paragraphs by symbol or by the words of their text,
in English, French or Spanish, from the release's full-text index.

Why an index file and not SPARQL: see :mod:`graph.registry.search_index`. The index is the
served release's own (``search.sqlite`` beside its store), so what /search finds is what the
pages show. A store reached over HTTP has no such file beside it: the page says so (503) rather
than scanning the store with regular expressions.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, current_app, render_template, request
from markupsafe import Markup, escape

from graph.registry.search_index import INDEX_FILE, MARK_END, MARK_START, search
from server.errors import ApiError
from server.locale import ui
from server.pages import href, reader_language
from server.paging import PAGE_ROWS, Paging
from server.settings import Settings

blueprint = Blueprint("search_page", __name__)

#: what a query may be at most: a paragraph pasted whole still searches
_MAX_QUERY = 500


def index_path(settings: Settings) -> Path | None:
    """The served release's index, or None for a store over HTTP or a release built before
    releases had one."""
    kind, _, location = settings.store.partition(":")
    if kind != "oxigraph":
        return None
    index = Path(location).parent / INDEX_FILE
    return index if index.is_file() else None


@blueprint.route("/search")
def search_page() -> Response:
    settings: Settings = current_app.config["SETTINGS"]
    lang = reader_language()
    text = request.args.get("q", "").strip()
    if len(text) > _MAX_QUERY:
        raise ApiError(400, f"q is {len(text)} characters long; at most {_MAX_QUERY} are searched")
    only = request.args.get("in", "")
    if only not in ("", "en", "fr", "es"):
        raise ApiError(400, f"in={only!r}: a language is en, fr or es (or nothing, for all)")
    raw = request.args.get("page", "1")
    page = max(int(raw), 1) if raw.isdigit() else 1
    total, hits = 0, []
    if text:
        index = index_path(settings)
        if index is None:
            raise ApiError(503, "search needs the release's full-text index (search.sqlite "
                           "beside the store): rebuild with `mandate-graph build`; a store "
                           "reached over HTTP has none")
        total, hits = search(index, text, limit=PAGE_ROWS, offset=(page - 1) * PAGE_ROWS,
                             lang=only or None)
    pages = max(1, -(-total // PAGE_ROWS))
    keep = tuple((k, v) for k, v in request.args.items(multi=True) if k != "page")
    first = (page - 1) * PAGE_ROWS
    paging = Paging(page, pages, first + 1 if hits else 0, first + len(hits), total, "page",
                    lang, keep)
    found = [{
        "href": href(h.item, settings.base),
        "resolution_href": href(h.resolution, settings.base),
        "symbol": h.symbol, "kind": h.kind, "number": h.number, "lang": h.lang,
        "snippet": _highlighted(h.snippet),
        "source": "/id/" + h.item[len(settings.base):] if h.item.startswith(settings.base)
        else None,
    } for h in hits]
    page_html = render_template(
        "search.html", lang=lang, q=text, only=only, hits=found, paging=paging,
        t=lambda key, **values: ui(key, lang, **values),
    )
    response = Response(page_html, mimetype="text/html")
    response.headers["Vary"] = "Accept-Language"
    return response


def _highlighted(snippet: str) -> Markup:
    """The snippet escaped, its matched words in ``<mark>``: the text is the source's, never
    markup."""
    escaped = str(escape(snippet))
    return Markup(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S704 - escaped above
