"""A reader of the logical framework table of an action plan: its activities and their bodies.

A framework table has an "Activités" column and at least one of results, indicators or
responsible bodies: that is what tells it from a budget or schedule table, which also list
activities.  A table converted from a word processor glues the items of a cell together, so
a cell is split into activities at a capitalised infinitive ("… trimestriels Organiser …") and a
responsible cell into bodies at a word that opens a body's name ("Ministère", "OSC").  The
words are in ``plan_words.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from graph.extract.plan_axes import (
    PLAN_WORDS,
    AxisHeading,
    axis_at,
    axis_heading,
    trim_span,
)
from graph.normalize import Cell, Line, fold


@dataclass(frozen=True)
class PlanActivity:
    """An activity of the logical framework, with the bodies its row makes responsible."""

    axis: int | None
    title: str
    start: int
    end: int
    responsible: tuple[tuple[int, int, str], ...] = ()
    result: str | None = None


# Column headers (folded text of one cell).
_ACTIVITY_HEADER = re.compile(r"(?:activites?|actions?(?:[ ]+(?:prevues|a[ ]+mener))?)$")

_RESULT_HEADER = re.compile(r"(?:resultats?|produits?|extrants?|effets?)(?:[ ]+\w+)?$")

_INDICATOR_HEADER = re.compile(r"indicateurs?\b.*")

_RESPONSIBLE_HEADER = re.compile(
    r"(?:structures?[ ]+|organes?[ ]+|entites?[ ]+|acteurs?[ ]+)?responsables?\b.*"
    r"|(?:acteurs|porteurs?|charges?[ ]+de[ ]+.*|institutions?[ ]+responsables?)$"
)

# Activity cells: where a second activity starts inside the same cell.
_ACTIVITY_BREAK = re.compile(
    r"""
    (?<=[\w)»"'])[ ]+                     # after a word or closing mark, at a space …
    (?=[A-ZÉÈÊÀÂÎÔ][a-zàâçéèêëîïôöûüœ]+   # … a capitalised word …
       (?:er|ir|re)\b)                     # … that looks like an infinitive
    |[ ]*[\u2022\u25aa][ ]*               # or an explicit bullet
    |(?<=\w)[ ]+-[ ]+(?=[A-ZÉÈÊÀÂÎÔ])      # or " - " before a capital
    """,
    re.VERBOSE,
)

_VERB_EXCEPTIONS = frozenset(PLAN_WORDS["verb_exceptions"])
"""Capitalised nouns with an infinitive's ending: they never start a new activity."""

# Responsible cells: where one body ends and the next begins.
_ENTITY_HEADS = frozenset(PLAN_WORDS["entity_heads"])
"""Words that open the name of a body: a new entry starts there when the cell lists bodies
separated by nothing but spaces ("Ministère de la Femme Ministère de la Défense")."""

_FUNCTION_WORDS = frozenset(PLAN_WORDS["function_words"])
"""Prepositions and articles: a body-opening word after one continues the same name."""

_ENTITY_SEPARATOR = re.compile(
    r"""
    [ ]*[,;/\n\u2022\u25aa][ ]*          # explicit separators
    | [ ]+et[ ]+(?=[A-ZÉÈÊÀÂÎÔ])        # "et" before a new capitalised name
    | [ ]+-[ ]+                          # a dash between two names
    """,
    re.VERBOSE,
)

_WORD = re.compile(r"[^\s()]+")

_PARENTHETICAL = re.compile(r"[ ]*\([^()]*\)[ ]*$")
"""A trailing note in parentheses: "Ministère de la santé (Programme SIDA)"."""


@dataclass(frozen=True)
class _Columns:
    """Where the framework table keeps each kind of cell."""

    activity: int
    result: int | None
    responsible: int | None


def _framework_columns(line: Line) -> _Columns | None:
    """Read a framework header row; None if the row is not one.

    An "Activités" column is required, plus a result, indicator or responsible column: that
    is what tells a logical framework from a budget or schedule table, which also list
    activities.
    """
    kinds: dict[str, int] = {}
    for i, cell in enumerate(line.cells):
        folded = fold(cell.text).strip()
        for kind, rx in (("activity", _ACTIVITY_HEADER), ("result", _RESULT_HEADER),
                         ("indicator", _INDICATOR_HEADER),
                         ("responsible", _RESPONSIBLE_HEADER)):  # fmt: skip
            if folded and rx.match(folded) and kind not in kinds:
                kinds[kind] = i
                break
    if "activity" not in kinds or len(kinds) < 2:
        return None
    return _Columns(kinds["activity"], kinds.get("result"), kinds.get("responsible"))


def _is_infinitive(word: str) -> bool:
    """Whether a capitalised word is a French infinitive, the way activities start."""
    w = fold(word)
    if w in _VERB_EXCEPTIONS or len(w) < 4:
        return False
    if w.endswith("aire"):
        return w.endswith("faire") or w.endswith("traire")
    if w.endswith(("oire", "ure", "ion")):
        return False
    return w.endswith(("er", "ir", "dre", "ttre", "aitre", "ire", "uivre", "clure", "vre"))


def _split_activities(text: str, cell: Cell) -> list[tuple[int, int]]:
    """The activities of one cell: a converted table glues several items with a space.

    "Produire des rapports trimestriels Organiser des réunions restreintes …" is two
    activities: a capitalised infinitive after a word starts a new one.
    """
    cuts = [cell.start]
    ends = []
    for m in _ACTIVITY_BREAK.finditer(text, cell.start, cell.end):
        word = re.match(r"\w+", text[m.end() : cell.end])
        if m.group().strip() == "" and (word is None or not _is_infinitive(word.group())):
            continue
        if len(text[cuts[-1] : m.start()].split()) < 3 and m.group().strip() == "":
            continue  # too short to be an activity of its own
        ends.append(m.start())
        cuts.append(m.end())
    ends.append(cell.end)
    spans = [trim_span(text, s, e) for s, e in zip(cuts, ends, strict=True)]
    return [(s, e) for s, e in spans if e > s]


def _split_bodies(text: str, cell: Cell) -> tuple[tuple[int, int, str], ...]:
    """The bodies listed in a responsible cell, each with its span.

    Separators are commas, semicolons, slashes, bullets, newlines and "et" before a capital;
    converted tables also lose the line breaks between bodies, so a new entry also starts at
    a word that opens a body's name ("Ministère", "Primature", "OSC", "Les …") when the word
    before it is not a preposition or an article (so "Ministère de la Promotion de la Femme"
    stays whole).  A trailing parenthetical note is left out of the entry.
    """
    cuts: list[tuple[int, int]] = []  # separator spans
    for m in _ENTITY_SEPARATOR.finditer(text, cell.start, cell.end):
        cuts.append((m.start(), m.end()))
    words = list(_WORD.finditer(text, cell.start, cell.end))
    for prev, word in zip(words, words[1:], strict=False):
        if text.count("(", cell.start, word.start()) > text.count(")", cell.start, word.start()):
            continue  # inside a parenthetical note
        token = fold(word.group())
        is_acronym = len(token) >= 2 and word.group().isupper() and word.group().isalpha()
        opens = word.group()[0].isupper() and (
            token in _ENTITY_HEADS or token.split("'")[0] + "'" in _ENTITY_HEADS or is_acronym
        )
        if opens and fold(prev.group()).strip(",;") not in _FUNCTION_WORDS:
            cuts.append((prev.end(), word.start()))
    cuts.sort()
    entries = []
    position = cell.start
    for cut_start, cut_end in cuts + [(cell.end, cell.end)]:
        if cut_start < position:
            continue
        start, end = trim_span(text, position, cut_start, " \t.,;:-\u2013")
        note = _PARENTHETICAL.search(text, start, end)
        if note is not None and note.start() > start:
            end = trim_span(text, start, note.start(), " \t.,;:-\u2013")[1]
        if end > start:
            entries.append((start, end, text[start:end]))
        position = cut_end
    return tuple(entries)


def _framework_rows(text: str, lines: list[Line], index: int) -> Iterator[Line]:
    """The data rows under the header at ``index``.

    Blank lines and axis headings written as lines of their own are passed over: the table
    goes on under the next axis.  Any other line without cells, or a new header, ends it.
    """
    for line in lines[index + 1 :]:
        if not line.text.strip():
            continue
        if len(line.cells) < 2 and axis_heading(text, line.cells[0]) is not None:
            continue
        if len(line.cells) < 2 or _framework_columns(line) is not None:
            return
        yield line


def framework_activities(
    text: str, lines: list[Line], headings: list[AxisHeading]
) -> list[PlanActivity]:
    """Activities of every logical framework table, with their axis, result and bodies."""
    activities = []
    for i, line in enumerate(lines):
        columns = _framework_columns(line)
        if columns is None:
            continue
        for row in _framework_rows(text, lines, i):
            if columns.activity >= len(row.cells):
                continue
            result = _cell_text(row, columns.result)
            bodies: tuple[tuple[int, int, str], ...] = ()
            if columns.responsible is not None and columns.responsible < len(row.cells):
                bodies = _split_bodies(text, row.cells[columns.responsible])
            axis = axis_at(headings, row.start)
            for start, end in _split_activities(text, row.cells[columns.activity]):
                activities.append(PlanActivity(axis, text[start:end], start, end, bodies, result))
    return activities


def _cell_text(row: Line, column: int | None) -> str | None:
    """The text of a cell, None when the column is absent or the cell empty."""
    if column is None or column >= len(row.cells) or not row.cells[column].text:
        return None
    return row.cells[column].text
