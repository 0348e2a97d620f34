"""The full-text index of a release: resolutions by symbol and title, provisions by their text,
in English, French and Spanish, answered by SQLite's FTS5 (standard library).

Why an index beside the store rather than a SPARQL ``regex`` or ``CONTAINS``: a text search
over the 115,000 operative paragraphs of the whole shared corpus scans every literal in the
store (seconds per query); FTS5 answers from an inverted index in milliseconds and ranks by
BM25. The index is built once per release from ``queries/registry/search-documents.rq`` and
lives in the release folder (``search.sqlite``), so a release and its index never disagree.

How a query is read (:func:`search`): the words a user types are matched as prefixes, all of
them required ("sexual viol" finds "sexual violence"), accents and case aside (the
``unicode61`` tokenizer with ``remove_diacritics 2``: "resolucion" finds "resolución"); a
symbol typed as written ("S/RES/2722 (2024)", "A/RES/78/3") is matched on the symbol column
first, so the resolution itself ranks before its paragraphs.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.queries import query_text
from graph.store.interface import PatternStore

INDEX_FILE = "search.sqlite"
#: where a snippet's matched words start and end (characters no resolution text holds)
MARK_START, MARK_END = "\ue000", "\ue001"
_WORD = re.compile(r"\w+", re.UNICODE)
_SCHEMA = """
CREATE VIRTUAL TABLE items USING fts5(
    symbol, text,
    item UNINDEXED, kind UNINDEXED, resolution UNINDEXED, number UNINDEXED,
    position UNINDEXED, lang UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
"""


@dataclass(frozen=True)
class Hit:
    """One answer: a resolution or one of its provisions, with a snippet of the matched text."""

    item: str
    kind: str
    resolution: str
    symbol: str
    number: str
    lang: str
    snippet: str


def build_index(store: PatternStore, target: Path) -> int:
    """Write the index of ``store`` to ``target`` (replaced if it exists); the rows written."""
    query = query_text("registry/search-documents")
    rows = [_row(solution)
            for solution in store.query(query)]  # type: ignore[union-attr]
    partial = target.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    with sqlite3.connect(partial) as db:
        db.executescript(_SCHEMA)
        db.executemany("INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        db.execute("INSERT INTO items(items) VALUES ('optimize')")
    db.close()
    partial.replace(target)
    return len(rows)


def _row(s: ox.QuerySolution) -> tuple[str, ...]:
    def value(name: str) -> str:
        term = s[name]
        return term.value if term is not None else ""

    text = s["text"]
    lang = (text.language or "") if isinstance(text, ox.Literal) else ""
    return (value("symbol"), value("text"), value("item"), value("kind"), value("resolution"),
            value("number"), value("order"), lang)


def search(index: Path, text: str, *, limit: int = 50, offset: int = 0,
           lang: str | None = None) -> tuple[int, list[Hit]]:
    """The items matching ``text`` (all its words, as prefixes), best first: how many there are
    in all, and the page ``offset``…``offset + limit``; ``lang`` keeps one language's texts."""
    match = _match(text)
    if match is None:
        return 0, []
    where, params = (_IN_LANGUAGE, [match, lang]) if lang else (_ANY_LANGUAGE, [match])
    with sqlite3.connect(f"file:{index}?mode=ro", uri=True) as db:
        (total,) = db.execute(_COUNT + where, params).fetchone()
        rows = db.execute(_PAGE + where + _ORDER,
                          [MARK_START, MARK_END, *params, limit, offset]).fetchall()
    db.close()
    return total, [Hit(*row) for row in rows]


_COUNT = "SELECT count(*) FROM items "
_PAGE = ("SELECT item, kind, resolution, symbol, number, lang, "
         "snippet(items, 1, ?, ?, ' … ', 24) FROM items ")
_ANY_LANGUAGE = "WHERE items MATCH ? "
_IN_LANGUAGE = "WHERE items MATCH ? AND lang IN (?, '') "
#: the resolutions found (by symbol or title) before the paragraphs, each by BM25 with the
#: symbol ten times the text, then a resolution's paragraphs in their order
_ORDER = ("ORDER BY kind DESC, bm25(items, 10.0, 1.0), symbol, CAST(position AS INTEGER) "
          "LIMIT ? OFFSET ?")


def _match(text: str) -> str | None:
    """An FTS5 query from what a user typed: every word required, words as prefixes and
    numbers exact ("78/3" is not "78/30"); nothing of FTS5's own syntax gets through (each
    word is quoted)."""
    words = _WORD.findall(text)
    if not words:
        return None
    return " AND ".join(f'"{w}"' if w.isdigit() else f'"{w}"*' for w in words)
