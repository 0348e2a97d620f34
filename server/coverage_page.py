"""``/coverage``: how far each resolution's mandates, and each organ's, are followed through.

The numbers are those of the ``coverage`` command: the same queries (``queries/coverage/*.rq``,
read through :mod:`graph.coverage`), but run by the app's backend, under the query time limit,
instead of on a store opened by the command. A resolution's row says how many of its mandates
have an organ assigned, an implementing activity and a deadline; an organ's row, how many
mandates it was given and how many of those an activity addresses. Each table pages by 50
(:mod:`server.paging`, ``?resolutions_page=`` / ``?organs_page=``); the totals count every row.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, render_template

from graph.coverage import COVERAGE_DIR, Table
from server.graph_views import entity_page, json_response, select_with_head
from server.pages import reader_language
from server.paging import page_of

blueprint = Blueprint("coverage_page", __name__)

#: columns holding counts (shown right-aligned, with a share of the first count column)
COUNTS = {
    "resolutions": ("mandates", "withOrgan", "withActivity", "withDeadline"),
    "organs": ("assigned", "addressed", "activitiesOrganized"),
}


def coverage_tables() -> list[Table]:
    """Each coverage query's answer as a table of plain values (counts as int)."""
    tables = []
    for path in sorted(COVERAGE_DIR.glob("*.rq")):
        columns, rows = select_with_head(path.read_text(encoding="utf-8"), {})
        counts = COUNTS.get(path.stem, ())
        table_rows: list[list[str | int | None]] = [
            [int(row[c]) if c in counts and row.get(c) else row.get(c) for c in columns]
            for row in rows
        ]
        tables.append(Table(name=path.stem, columns=columns, rows=table_rows))
    return tables


def _rows(table: Table) -> list[dict[str, Any]]:
    return [dict(zip(table.columns, row, strict=True)) for row in table.rows]


@blueprint.route("/coverage")
def coverage_page() -> str:
    tables = {t.name: _rows(t) for t in coverage_tables()}
    resolutions = tables.get("resolutions", [])
    organs = tables.get("organs", [])
    totals = {
        name: {c: sum(int(r.get(c) or 0) for r in rows) for c in COUNTS[name]}
        for name, rows in (("resolutions", resolutions), ("organs", organs))
    }
    lang = reader_language()
    resolutions_paging, shown_resolutions = page_of(resolutions, lang=lang,
                                                    parameter="resolutions_page")
    organs_paging, shown_organs = page_of(organs, lang=lang, parameter="organs_page")
    return render_template(
        "coverage.html", resolutions=shown_resolutions, organs=shown_organs, totals=totals,
        page=entity_page, resolutions_paging=resolutions_paging, organs_paging=organs_paging,
    )


@blueprint.route("/api/coverage")
def coverage_json() -> Response:
    return json_response({t.name: _rows(t) for t in coverage_tables()})
