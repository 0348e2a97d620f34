"""How far the graph follows mandates through: per resolution and per organ.

The numbers come from the queries in ``queries/coverage/`` (kept as .rq files so that they can
be run, read and changed without Python); this module runs them on the built store and prints a
table or JSON. A resolution's row says how many of its mandates have an organ assigned, an
implementing activity and a deadline; an organ's row, how many mandates it was given and how
many of those an activity addresses.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.config import QUERIES_DIR
from graph.queries import query_text

COVERAGE_DIR = QUERIES_DIR / "coverage"


class CoverageError(Exception):
    """The coverage could not be computed (no build, unreadable query); the message says why."""


@dataclass(frozen=True)
class Table:
    """One query's answer: column names and rows of plain values (str or int)."""

    name: str
    columns: list[str]
    rows: list[list[str | int | None]]


def coverage(build_dir: Path) -> list[Table]:
    """Run every coverage query on the current build of ``build_dir``."""
    store_path = build_dir / "current" / "store"
    if not store_path.is_dir():
        raise CoverageError(
            f"{build_dir}: no built graph here (no current/store); run `mandate-graph build` first"
        )
    try:
        store = ox.Store.read_only(str(store_path))
    except OSError as err:
        raise CoverageError(f"{store_path}: cannot open the store: {err}") from err
    return [_run(store, path) for path in sorted(COVERAGE_DIR.glob("*.rq"))]


def _run(store: ox.Store, path: Path) -> Table:
    try:
        solutions = store.query(query_text(path.stem, COVERAGE_DIR))
    except (OSError, SyntaxError) as err:
        raise CoverageError(f"{path}: {err}") from err
    assert isinstance(solutions, ox.QuerySolutions)
    columns = [v.value for v in solutions.variables]
    rows = [[_plain(solution[c]) for c in columns] for solution in solutions]
    return Table(name=path.stem, columns=columns, rows=rows)


def _plain(term: object) -> str | int | None:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        if term.datatype.value.endswith("#integer"):
            return int(term.value)
        return term.value
    return getattr(term, "value", str(term))


def format_json(tables: list[Table]) -> str:
    """``{"resolutions": [{column: value, …}, …], "organs": […]}``."""
    payload = {t.name: [dict(zip(t.columns, row, strict=True)) for row in t.rows] for t in tables}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def format_text(tables: list[Table]) -> str:
    """Aligned tables, IRIs shortened to their last segments, with a total row for counts."""
    out: list[str] = []
    for table in tables:
        rows = [[_short(v) for v in row] for row in table.rows]
        numeric = [
            all(isinstance(r[i], int) for r in table.rows) for i in range(len(table.columns))
        ]
        if table.rows:
            rows.append(
                [
                    str(sum(int(r[i] or 0) for r in table.rows))
                    if numeric[i]
                    else ("total" if i == 0 else "")
                    for i in range(len(table.columns))
                ]
            )
        widths = [max([len(c), *(len(r[i]) for r in rows)]) for i, c in enumerate(table.columns)]
        out.append(f"{table.name}:")
        out.append("  ".join(c.ljust(w) for c, w in zip(table.columns, widths, strict=True)))
        out.append("  ".join("-" * w for w in widths))
        for row in rows:
            cells = [
                v.rjust(w) if numeric[i] else v.ljust(w)
                for i, (v, w) in enumerate(zip(row, widths, strict=True))
            ]
            out.append("  ".join(cells).rstrip())
        out.append("")
    return "\n".join(out)


def _short(value: str | int | None) -> str:
    if value is None:
        return ""
    text = str(value)
    if "/id/" in text and text.startswith(("http://", "https://")):
        return text.split("/id/", 1)[1]
    return text
