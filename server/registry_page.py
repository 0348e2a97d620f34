"""``/mandates``: the mandate registry — one row per mandate, filtered, sorted and paged — and
``/mandates.csv`` and ``/mandates.json``, which give the same rows.

The exports give *every* row the filters select, in the page's order, not only the page on
screen: a researcher who filters to a body's active mandates wants all of them in the file, and
the page's own links to the exports carry its filters and its sort. Each row gives the
mandate, its paragraph (the provision's page shows it in every language), the resolution, its
adoption date and year, the organ that issued it, the bodies it is given to, the act, the
status, the date it ends or is due, the action text in the reader's language and the link to
the span of the source document that text is read from. See :mod:`server.registry` for how
the rows are read and filtered.
"""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, render_template, request

from server.locale import format_number, ui
from server.pages import reader_language
from server.paging import page_of
from server.registry import (
    SORTS,
    STATUSES,
    Entry,
    Filters,
    act_name,
    body_names,
    chosen,
    load_entries,
    name_of,
    ordered,
    read_filters,
    shown_rows,
    words_key,
)

blueprint = Blueprint("registry_page", __name__)

#: the columns of the CSV export, in order (the JSON rows have the same keys, bodies as a list)
CSV_COLUMNS = ("mandate", "provision", "paragraph", "resolution", "symbol", "adopted", "year",
               "created_by", "created_by_name", "bodies", "body_names", "act", "act_name",
               "status", "ends", "text", "text_lang", "evidence")


def _selection(lang: str) -> tuple[list[Entry], list[Entry], Filters, dict[str, str]]:
    """(every entry, the entries the request's filters select in its order, the filters, the
    bodies' names in ``lang``)."""
    entries = load_entries()
    filters = read_filters(request.args, {e.act for e in entries if e.act})
    names = body_names(lang)
    return entries, ordered(chosen(entries, filters), filters.sort, lang, names), filters, names


@blueprint.route("/mandates")
def mandates() -> Response:
    lang = reader_language()
    entries, selected, filters, names = _selection(lang)
    keep = filters.keep() + ((("lang", lang),) if request.args.get("lang") else ())
    paging, shown = page_of(selected, lang=lang, args=dict(keep) | {
        "page": request.args.get("page", "1")})
    rows = shown_rows(shown, lang, names)
    bodies = sorted({b for e in entries for b in e.bodies},
                    key=lambda b: words_key(name_of(b, names)))
    organs = sorted({e.creator for e in entries if e.creator},
                    key=lambda o: words_key(name_of(o, names)))
    acts = sorted({e.act for e in entries if e.act}, key=lambda a: words_key(act_name(a, lang)))
    page = render_template(
        "mandates.html", lang=lang, rows=rows, paging=paging, filters=filters,
        total=format_number(len(selected), lang),
        bodies=[(b, name_of(b, names)) for b in bodies],
        organs=[(o, name_of(o, names)) for o in organs],
        acts=[(a, act_name(a, lang)) for a in acts],
        statuses=[(s, ui(f"status_{s}", lang)) for s in STATUSES],
        years=sorted({e.year for e in entries if e.year}, reverse=True),
        sorts=SORTS, sort_links=_sort_links(filters, lang),
        exports={ext: f"/mandates.{ext}" + _query(keep) for ext in ("csv", "json")},
        t=lambda key, **values: ui(key, lang, **values),
    )
    response = Response(page, mimetype="text/html")
    response.headers["Vary"] = "Accept-Language"
    return response


def _query(pairs: tuple[tuple[str, str], ...]) -> str:
    return "?" + urlencode(pairs) if pairs else ""


def _sort_links(filters: Filters, lang: str) -> dict[str, dict[str, str]]:
    """For each sortable column: the link that sorts by it (ascending; the reverse when it is
    the order shown) and the order it is shown in now (``ascending``, ``descending`` or
    empty)."""
    links = {}
    current = filters.sort.lstrip("-")
    descending = filters.sort.startswith("-")
    base = tuple((k, v) for k, v in filters.keep() if k != "sort")
    if request.args.get("lang"):
        base += (("lang", lang),)
    for column in SORTS:
        if column == current:
            wanted = column if descending else "-" + column
            state = "descending" if descending else "ascending"
        else:
            wanted = column
            state = ""
        links[column] = {"href": "/mandates" + _query(base + (("sort", wanted),)),
                         "state": state}
    return links


@blueprint.route("/mandates.json")
def mandates_json() -> Response:
    lang = reader_language()
    _entries, selected, filters, names = _selection(lang)
    body = {
        "total": len(selected),
        "filters": {k: v for k, v in filters.keep() if k != "sort"},
        "sort": filters.sort,
        "language": lang,
        "rows": [_export(row) for row in shown_rows(selected, lang, names)],
    }
    return current_app.response_class(json.dumps(body, ensure_ascii=False),
                                      mimetype="application/json")


@blueprint.route("/mandates.csv")
def mandates_csv() -> Response:
    lang = reader_language()
    _entries, selected, _filters, names = _selection(lang)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in shown_rows(selected, lang, names):
        flat = _export(row)
        flat["body_names"] = "; ".join(b["name"] for b in flat["bodies"])
        flat["bodies"] = " ".join(b["iri"] for b in flat["bodies"])
        writer.writerow([flat.get(column) or "" for column in CSV_COLUMNS])
    response = Response(out.getvalue(), mimetype="text/csv")
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = 'attachment; filename="mandates.csv"'
    return response


def _export(row: dict) -> dict:
    """A row as the exports give it: the values, no page-only formatting; links absolute to
    the site."""
    site = request.host_url.rstrip("/")
    return {
        "mandate": row["mandate"], "provision": row["provision"],
        "paragraph": row["paragraph"], "resolution": row["resolution"],
        "symbol": row["symbol"], "adopted": row["adopted"], "year": row["year"],
        "created_by": row["created_by"], "created_by_name": row["created_by_name"],
        "bodies": [{"iri": b["iri"], "name": b["name"]} for b in row["bodies"]],
        "act": row["act"], "act_name": row["act_name"], "status": row["status"],
        "ends": row["ends"], "text": row["text"], "text_lang": row["text_lang"],
        "evidence": site + row["evidence"] if row["evidence"] else None,
    }
