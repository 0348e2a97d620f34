"""Dated activities (meetings, sessions, conferences, seminars, courses …) and their agendas.

Work plans and reports date their activities in a few recurring shapes, and every one of them
must keep the characters that date it (the evidence), so this module reads the *layout* of the
clean text line by line before it reads the words:

* **Date line opening a block** — a line that is only a date ("Jeudi 24 octobre (10 h 00 –
  13 h00)", weekday, time and remarks in parentheses optional).  The lines after it are the
  meeting's agenda items, up to the next date line, a heading, or a self-contained entry.  In a
  programme, a line that is only a time ("10:00") opens a session of the day being described.
* **Self-contained entry** — a line that starts with a date and, after a colon or a dash, names
  the activity ("22 octobre : Réunion ordinaire nº 1416 du Conseil des délégués de la JID").
  In a calendar every such entry is an activity, even without a meeting noun (a handover, an
  event named by its subject), except public holidays.
* **Summary table** — a line that is only a day number ("22", "30-31") under a line that is
  only a month ("OCTOBRE"), the activity on the next line; the year comes from the last line
  that is only a year.
* **Running prose and list items** — a sentence with a day-precise date and an activity noun
  (réunion, séance, conférence, séminaire, cours …), the date being the one *nearest* to the
  noun: "le 16 avril est réalisé la réunion préparatoire …" is a meeting, while in "Le 27
  février, la Mission a envoyé une note … la Conférence, qui aurait lieu les 10 et 11 avril",
  only the April dates belong to the Conference.  A deliberative body deciding on a date ("Le
  24 octobre 2019, la Commission a élu …") also met that day.

Dates are read by :func:`graph.extract.dates.find_dates` (which infers the year from headings);
only the day numbers of a summary table, which it cannot see, are dated here, from the month and
year headings above them.  Nothing is invented: a date whose year cannot be found keeps
``start_date`` None, and a meeting given two dates (planned and moved) yields two meetings.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, time

from graph.extract.dates import DateMention, find_dates
from graph.normalize import Line, NormalizedText, fold, iter_lines

__all__ = ["AgendaItem", "Meeting", "find_meetings", "find_preparations"]


@dataclass(frozen=True)
class AgendaItem:
    """One agenda line or bullet of a meeting, trimmed of its bullet, in clean offsets."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Meeting:
    """A dated activity, the span of the date that is its evidence, and what the text says of it.

    ``date_start``/``date_end`` delimit the date expression; ``block_start``/``block_end`` the
    whole entry (date line and agenda, or the sentence of a prose mention).  ``title`` is the
    activity's own name when the text gives one, with its exact span; ``kind`` is the local name
    of its ontology class, from the title's head noun.
    """

    date_start: int
    date_end: int
    start_date: date | None
    end_date: date | None
    start_time: time | None
    end_time: time | None
    year_inferred: bool
    title: str | None
    title_start: int | None
    title_end: int | None
    kind: str
    block_start: int
    block_end: int
    items: tuple[AgendaItem, ...] = ()
    series: tuple[str, str] | None = None
    place: tuple[int, int, str] | None = None


# --------------------------------------------------------------------------------------------
# Vocabulary (matched on folded text: lower case, no accents, same length)
# --------------------------------------------------------------------------------------------

_ACTIVITY_NOUN = re.compile(
    r"""
    (?<![a-z'])
    (?<!au[ ])(?<!en[ ])                        # "au cours de", "en cours": not a course
    (?P<noun>
        reunions? | seances? | sessions? | rencontres? | tables?[ ]rondes?
      | conferences? | forums? | sommets? | congres | symposiums? | colloques?
      | seminaires? | ateliers?
      | cours | formations? | stages?
      | simulations? | exercices?(?![ ]+(?:financier|budgetaire|biennal|fiscal|clos))
      | presentations? | exposes?
      | lancements? | ceremonies?
    )
    (?![a-z])
    """,
    re.VERBOSE,
)

_KIND_BY_NOUN: tuple[tuple[str, str], ...] = (
    ("reunion", "Meeting"), ("seance", "Meeting"), ("session", "Meeting"),
    ("rencontre", "Meeting"), ("table", "Meeting"),
    ("conference", "Conference"), ("forum", "Conference"), ("sommet", "Conference"),
    ("congres", "Conference"), ("symposium", "Conference"), ("colloque", "Conference"),
    ("seminaire", "Seminar"), ("atelier", "Seminar"),
    ("cours", "Training"), ("formation", "Training"), ("stage", "Training"),
    ("simulation", "Exercise"), ("exercice", "Exercise"),
    ("presentation", "Presentation"), ("expose", "Presentation"),
)  # fmt: skip
"""Ontology class by the (folded) head noun's prefix; any other activity noun is "Activity"."""

_DECISION = re.compile(
    r"""
    (?<![a-z])
    (?:elue?s?|approuvee?s?|adoptee?s?|installee?s?|decidee?s?|nommee?s?|designee?s?
      |s'est[ ]reunie?|se[ ]reunira|a[ ]rencontre|ont[ ]rencontre)   # a decision, a sitting
    (?![a-z])
    """,
    re.VERBOSE,
)

_BODY = re.compile(
    r"""
    (?<![a-z])(?:commission|conseil|assemblee|comite|secretariat|bureau)(?![a-z])
    """,
    re.VERBOSE,
)
"""Bodies whose decisions or meetings on a given day are sittings."""

_ORDINAL_BEFORE = re.compile(
    r"""
    (?<![a-z0-9])
    (?:
        (?P<word>[a-z]+(?:-[a-z]+)*(?:[ ]et[ ]un)?(?:-|[ ])?(?:ieme|unieme)|premiere?|seconde?)
      | (?P<arabic>\d{1,3})[ ]?(?:e|eme|er|re)
      | (?P<roman>[ivxlc]{1,8})[ ]?(?:e|eme|er|re)
    )
    [ ]+$
    """,
    re.VERBOSE,
)
"""An ordinal right before the head noun ("Septième", "67e", "XLVIIIe")."""

_SERIES_NUMBER = re.compile(
    r"""
    [ ]+n[o°º][.]?[ ]*(?P<number>\d+)(?![\d/])   # "Réunion ordinaire nº 1416 du …"
    """,
    re.VERBOSE,
)

_HOLIDAY = re.compile(
    r"""
    (?<![a-z])
    (?:jour[ ]ferie|ferie|jeudi[ ]saint|vendredi[ ]saint|paques|noel|nouvel[ ]an
      |action[ ]de[ ]graces|fete[ ]nationale|conge)
    (?![a-z])
    """,
    re.VERBOSE,
)
"""Calendar rows that mark a day off, not an activity."""

_BREAK = re.compile(r"^(?:pause|dejeuner|pause-cafe|cafe)(?![a-z])")
"""Programme slots that are breaks, not sessions."""

_MONTH_NAMES = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}  # fmt: skip

# --------------------------------------------------------------------------------------------
# Layout patterns (folded text of one line, footnotes blanked)
# --------------------------------------------------------------------------------------------

_BULLET = re.compile(
    r"""
    ^[\t ]*
    (?:[·•▪◦‣*\-–]|\d{1,2}[.)]|[a-z][.)])   # "·", "-", "1.", "a)"
    [\t ]+
    """,
    re.VERBOSE,
)

_YEAR_HEADING = re.compile(r"^[\t ]*(?P<year>(?:19|20)\d\d)[\t ]*$")

_MONTH_HEADING = re.compile(
    r"""
    ^[\t ]*
    (?P<month>janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre
      |decembre)
    (?:[ ]+(?P<year>(?:19|20)\d\d))?
    [\t ]*$
    """,
    re.VERBOSE,
)

_DAY_ROW = re.compile(
    r"""
    ^[\t ]*
    (?P<d1>[12]\d|3[01]|0?[1-9])                     # "22"
    (?:[ ]*[-–][ ]*(?P<d2>[12]\d|3[01]|0?[1-9]))?    # "30-31"
    (?P<day_end>)
    [ ]*(?:\([^()\n]*\))?                            # "(journée complète de réunion)"
    [ ]*(?:\t(?P<rest>.*))?$                          # the activity, if in the same row
    """,
    re.VERBOSE,
)

_DATE_PREFIX = re.compile(
    r"""
    ^[\t ]*(?:[·•▪*\-–][\t ]+)?
    (?:
        (?:le|les)[ ]+                               # an article before the date
      | [a-z][a-z'-]*(?:[ ]+[a-z][a-z'-]*){0,2}[ ]*[–—:-][ ]*   # "Programme – mardi 22 mai"
      | [a-z][a-z'-]*(?:[ ]+[a-z][a-z'-]*){0,2}[ ]+(?:du|le|des)[ ]+  # "Séance du jeudi 5 mars"
    )?$
    """,
    re.VERBOSE,
)

_AFTER_DATE = re.compile(
    r"""
    ^(?P<lead>(?:[ \t]*(?:\([^()\n]*\)|[,:–—-]))*)   # remarks in parentheses, separators
    [ \t]*(?P<rest>.*?)[ \t]*$
    """,
    re.VERBOSE,
)

_ENTRY_SEPARATOR = re.compile(r"[:–—-]")

_NUMERIC_DATE = re.compile(r"\d[/.]\S")
"""A date written with slashes or dots ("28/janvier/08"): a document's stamp, not a meeting's
date line, which calendars write in words."""

_CAPS_HEADING = re.compile(
    r"""
    ^[\t ]*(?:[IVXLC]+[.)]?[\t ]+|\d{1,2}[.)][\t ]+)?   # "IV.", "1." numbering
    (?=(?:[^a-zà-ÿ\n]*[A-ZÀ-Ý]){4})                     # at least four capital letters
    [^a-zà-ÿ\n]*$                                        # and no lower case at all
    """,
    re.VERBOSE,
)
"""A line with letters but no lower case: a section heading such as "ANNEXE – CALENDRIER"."""

_PROSE_MIN = 220
"""An unbulleted line this long is a paragraph of prose: it closes any agenda."""

_PARAGRAPH_CUT = re.compile(r"[ ]*[,.;]?[ ]*\(?(?=paragraphes?[ ]+\d)")
_SENTENCE_CUT = re.compile(r"(?<=[a-zà-ÿ)»”\"])\.(?=[ ]+\S)")
"""A full stop after a lower-case word (on the original text: "D.C. " does not end a title)."""
_PLACE_PREPOSITION = re.compile(r"[ ]+(?:a|au|aux|en)[ ]+")
"""The preposition before a closing place: "à Washington, D.C.", "en Colombie"."""

_PLACE_TAIL = re.compile(r"(?P<place>[^\s,;:()][^,;:()]*?(?:,[ ]*d\.[ ]?c\.?)?)[ ]*")
_PLACE_GAP = 60
"""Most characters between a title or a date and the place written next to it."""

_LEADING_PREPOSITION = re.compile(r"(?:à|au|aux|en)[ ]+(?=[A-ZÀ-Ý])")
_SEGMENT_SPLIT = re.compile(r"[ ]*(?:,|[ ][–—-][ ])[ ]*")
_CONNECTORS = frozenset({"de", "du", "des", "la", "le", "les", "d'", "et", "del", "y"})

_SENTENCE_END = re.compile(
    r"""
    (?<=[a-zà-ÿ0-9)»”"\]])[.!?](?=[ \t]+[A-ZÀ-Ý«“"(\[])   # ". Le", not "M. X" nor "RES. 2945"
    | \n
    """,
    re.VERBOSE,
)

_TITLE_STOP = re.compile(
    r"""
    [,;]                                              # a clause or a list ends the name
    | [ ](?:qui|que|laquelle|lequel|dont|ou|avec|afin|pour[ ]que|lors)(?![a-z])
    | [ ](?:à|au|aux|en)[ ]+(?=[A-ZÀ-Ý])             # a place
    | [ ](?:a|ont|aura|auront|sera|seront|est|sont|était|étaient|fut|se|s['’]est)[ ]  # a verb
    | \.(?=[ ]|$)
    """,
    re.VERBOSE,
)

_PREPARATION = re.compile(
    r"""
    ^(?:preparatifs?|preparation)[ ]+
    (?:de[ ]la|du|des|de[ ]l'|en[ ]vue[ ]d'une|en[ ]vue[ ]de[ ]la|en[ ]vue[ ]du|pour[ ]la)[ ]*
    (?:prochaine[ ]+)?
    (?P<noun>reunion|seance|session|conference|seminaire|atelier|rencontre)s?(?![a-z])
    """,
    re.VERBOSE,
)

_WORD = re.compile(r"[a-z]{4,}")
_STOPWORDS = frozenset({
    "pour", "dans", "entre", "avec", "sous", "vers", "leur", "leurs", "cette", "sont", "etre",
    "visant", "portant", "relative", "relatif", "concernant", "matiere", "consacree",
    "reunion", "seance", "session", "conference", "seminaire", "atelier", "rencontre",
    "paragraphe", "paragraphes",
})  # fmt: skip
_STEM = 5
"""Words are compared on their first letters, so that "renforceront" meets "renforcer"."""

_PREPARATION_MIN = 0.5
"""Share of the prepared meeting's words that its title must repeat for a clear match."""

# --------------------------------------------------------------------------------------------
# Reading the document
# --------------------------------------------------------------------------------------------


@dataclass
class _Doc:
    """The clean text, its folded twin, its dates and its footnotes, with position lookups."""

    text: str
    folded: str
    mentions: list[DateMention]
    footnotes: list[tuple[int, int]]
    default_year: int | None
    starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.starts = [m.start for m in self.mentions]

    def mentions_in(self, start: int, end: int) -> list[DateMention]:
        """Date mentions that start inside ``[start, end)``."""
        lo = bisect_left(self.starts, start)
        hi = bisect_left(self.starts, end)
        return self.mentions[lo:hi]

    def visible(self, start: int, end: int) -> str:
        """Folded ``text[start:end]`` with footnote texts blanked (same length).

        A footnote kept inline ("Cette réunion était initialement programmée pour le 30
        janvier") is not part of the line that cites it: it must not make a date line look
        like prose.
        """
        chars = list(self.folded[start:end])
        for note_start, note_end in self.footnotes:
            if note_end <= start or note_start >= end:
                continue
            for i in range(max(note_start, start), min(note_end, end)):
                if chars[i - start] != "\n":
                    chars[i - start] = " "
        return "".join(chars)


@dataclass
class _Block:
    """A meeting being built while its agenda lines are read."""

    mention: DateMention | None
    date_span: tuple[int, int]
    start: int
    end: int
    kind: str
    title: tuple[int, int] | None = None
    place: tuple[int, int] | None = None
    items: list[list[int]] = field(default_factory=list)
    title_from_first_line: bool = False
    dates: tuple[date | None, date | None] | None = None
    times: tuple[time | None, time | None] = (None, None)
    year_inferred: bool = False


@dataclass
class _Layout:
    """What the line scan found: meetings and the date spans they consumed."""

    meetings: list[Meeting] = field(default_factory=list)
    used: set[tuple[int, int]] = field(default_factory=set)


def find_meetings(nt: NormalizedText, *, default_year: int | None = None) -> list[Meeting]:
    """The dated activities of ``nt``, in text order, with their agenda items.

    ``default_year`` is the document's year when the caller knows it; years written in the
    text or in its headings take precedence (see :func:`graph.extract.dates.find_dates`).
    """
    text = nt.text
    doc = _Doc(
        text=text,
        folded=fold(text),
        mentions=find_dates(text, default_year=default_year),
        footnotes=[(note.start, note.end) for note in nt.footnotes],
        default_year=default_year,
    )
    layout = _scan_layout(doc, list(iter_lines(nt)))
    meetings = layout.meetings + list(_prose_meetings(doc, layout.used))
    return sorted(meetings, key=lambda m: (m.date_start, m.date_end))


# --------------------------------------------------------------------------------------------
# Layout: date lines, entries, summary tables
# --------------------------------------------------------------------------------------------


@dataclass
class _ScanState:
    """Context carried from line to line: the open block, the table month and year."""

    block: _Block | None = None
    year: int | None = None
    month: int | None = None
    last_day: DateMention | None = None
    pending_row: tuple[int, int, int, int | None] | None = None  # start, end, d1, d2


def _scan_layout(doc: _Doc, lines: list[Line]) -> _Layout:
    layout = _Layout()
    state = _ScanState(year=doc.default_year)
    for line in lines:
        vis = doc.visible(line.start, line.end)
        if not vis.strip():
            continue
        if state.pending_row is not None:
            if not _starts_row_or_heading(vis):
                _table_row(doc, state, layout, line)
                continue
            state.pending_row = None  # a day without an activity
        if _structural_line(doc, state, layout, line, vis):
            continue
        _agenda_line(doc, state, line, vis)
    _close(doc, state, layout)
    return layout


def _starts_row_or_heading(vis: str) -> bool:
    """Whether a line is a table row or heading itself, not the activity of the row above."""
    return bool(_DAY_ROW.match(vis) or _MONTH_HEADING.match(vis) or _YEAR_HEADING.match(vis))


def _structural_line(
    doc: _Doc, state: _ScanState, layout: _Layout, line: Line, vis: str
) -> bool:
    """Handle a line that opens or closes a block; False for an ordinary agenda line."""
    if m := _YEAR_HEADING.match(vis):
        _close(doc, state, layout)
        state.year, state.month = int(m.group("year")), None
        return True
    if m := _MONTH_HEADING.match(vis):
        _close(doc, state, layout)
        _set_month(state, _MONTH_NAMES[m.group("month")], m.group("year"))
        return True
    if state.month is not None and (m := _DAY_ROW.match(vis)):
        _close(doc, state, layout)
        d2 = int(m.group("d2")) if m.group("d2") else None
        row = (line.start + m.start("d1"), line.start + m.end("day_end"), int(m.group("d1")), d2)
        state.pending_row = row
        if m.group("rest") and m.group("rest").strip():
            _table_row(doc, state, layout, line, rest_from=line.start + m.start("rest"))
        return True
    dated = _leading_date(doc, line, vis)
    if dated is not None and _dated_line(doc, state, layout, line, vis, *dated):
        return True
    if _is_heading_or_prose(line, vis):
        _close(doc, state, layout)
        state.month = None
        return True
    return False


def _set_month(state: _ScanState, month: int, year: str | None) -> None:
    """A month heading of a summary table; the year turns when the months go back."""
    if year is not None:
        state.year = int(year)
    elif state.month is not None and state.year is not None and month < state.month:
        state.year += 1
    state.month = month


def _is_heading_or_prose(line: Line, vis: str) -> bool:
    """A section heading in capitals, or an unbulleted paragraph of prose."""
    if any(ch.isalpha() for ch in line.text) and _CAPS_HEADING.match(line.text):
        return True
    return len(vis.strip()) >= _PROSE_MIN and not _BULLET.match(vis)


def _leading_date(doc: _Doc, line: Line, vis: str) -> tuple[DateMention, int] | None:
    """The date a line starts with (after an article or a short label), and where it ends."""
    for mention in doc.mentions_in(line.start, line.end):
        if mention.end > line.end:
            return None
        if not _DATE_PREFIX.match(vis[: mention.start - line.start]):
            return None
        return mention, mention.end
    return None


def _dated_line(
    doc: _Doc,
    state: _ScanState,
    layout: _Layout,
    line: Line,
    vis: str,
    mention: DateMention,
    date_end: int,
) -> bool:
    """A line that starts with a date: a date line, a time slot, an entry, or prose."""
    after = _AFTER_DATE.match(vis[date_end - line.start :])
    assert after is not None  # the pattern matches any string
    rest_start = date_end + after.start("rest")
    has_rest = bool(after.group("rest"))
    separated = bool(_ENTRY_SEPARATOR.search(after.group("lead"))) or ":" in mention.text
    if mention.precision in ("year", "month", "semester", "quarter"):
        if has_rest and not separated:
            return False  # "En 2019, la Commission …": prose
        _close(doc, state, layout)
        state.month = None
        return True  # a period heading or an entry dated to the month: not a meeting
    if not _is_day(mention):
        return False
    layout.used.add((mention.start, mention.end))
    if not has_rest and _NUMERIC_DATE.search(mention.text):
        _close(doc, state, layout)
        return True  # "28/janvier/08" alone on a line: the document's date stamp
    if not has_rest:
        _close(doc, state, layout)
        _open_date_line(doc, state, line, mention)
        return True
    if not separated:
        layout.used.discard((mention.start, mention.end))
        return False  # "Le 24 octobre 2019, la Commission a élu …": left to the prose reader
    _close(doc, state, layout)
    _open_entry(doc, state, line, mention, rest_start)
    return True


def _is_day(mention: DateMention) -> bool:
    """A date given to the day (or a time slot within a known day), not a recurring one."""
    return mention.precision in ("day", "time") and not mention.recurring and not mention.deadline


def _open_date_line(doc: _Doc, state: _ScanState, line: Line, mention: DateMention) -> None:
    """A line that is only a date (or a time) opens a block of agenda items."""
    slot = mention.precision == "time" or mention.date_inferred
    if slot and state.last_day is not None and mention.start_date is None:
        day = state.last_day
        dates: tuple[date | None, date | None] = (day.start_date, day.start_date)
        inferred = day.year_inferred
    else:
        dates, inferred = (mention.start_date, mention.end_date), mention.year_inferred
    if not slot and mention.precision == "day":
        state.last_day = mention
    state.block = _Block(
        mention=mention,
        date_span=(mention.start, mention.end),
        start=_skip_spaces(doc.text, line.start, line.end),
        end=line.end,
        kind="Meeting",
        title_from_first_line=slot,
        dates=dates,
        times=(mention.start_time, mention.end_time),
        year_inferred=inferred,
    )
    state.block.title = _label_title(doc, line, mention)


def _label_title(doc: _Doc, line: Line, mention: DateMention) -> tuple[int, int] | None:
    """The activity named by a label before the date ("Séance du jeudi 5 mars"), if any."""
    label = doc.text[line.start : mention.start]
    m = _ACTIVITY_NOUN.search(fold(label))
    if m is None:
        return None
    end = _trim_connectors(doc.text, line.start, line.start + len(label.rstrip(" \t–—:-")))
    start = line.start + m.start()
    return (start, end) if end > line.start + m.end() else None  # "Séance du": no name


def _trim_connectors(text: str, start: int, end: int) -> int:
    """End of a name without the small words that led to its date ("Séance du")."""
    while True:
        end = _trim_end(text, start, end)
        space = text.rfind(" ", start, end)
        if space < 0 or fold(text[space + 1 : end]) not in _CONNECTORS:
            return end
        end = space


def _open_entry(
    doc: _Doc, state: _ScanState, line: Line, mention: DateMention, rest_start: int
) -> None:
    """A self-contained calendar entry: its date, then its title (and place) on one line."""
    block = _Block(
        mention=mention,
        date_span=(mention.start, mention.end),
        start=_skip_spaces(doc.text, line.start, line.end),
        end=line.end,
        kind="Activity",
        dates=(mention.start_date, mention.end_date),
        times=(mention.start_time, mention.end_time),
        year_inferred=mention.year_inferred,
    )
    text_end = _visible_end(doc, rest_start, line.end)
    if _HOLIDAY.search(doc.folded[rest_start:text_end]):
        state.block = None
        return
    block.title, block.place = _entry_title(doc, rest_start, text_end)
    state.block = block


def _visible_end(doc: _Doc, start: int, end: int) -> int:
    """End of the text before the first footnote inside ``[start, end)``."""
    for note_start, _ in doc.footnotes:
        if start <= note_start < end:
            end = note_start
    return end


def _table_row(
    doc: _Doc, state: _ScanState, layout: _Layout, line: Line, rest_from: int | None = None
) -> None:
    """The activity of a summary-table row whose day number was on the line before."""
    row = state.pending_row
    state.pending_row = None
    if row is None:
        return
    start = rest_from if rest_from is not None else line.start
    bullet = _BULLET.match(doc.folded[start : line.end])
    text_start = _skip_spaces(doc.text, start + (bullet.end() if bullet else 0), line.end)
    text_end = _trim_end(doc.text, text_start, _visible_end(doc, text_start, line.end))
    if text_end <= text_start or _HOLIDAY.search(doc.folded[text_start:text_end]):
        return
    title, place = _entry_title(doc, text_start, text_end)
    day_start, day_end, d1, d2 = row
    dates = _table_dates(state, d1, d2)
    block = _Block(
        mention=None,
        date_span=(day_start, day_end),
        start=day_start,
        end=line.end,
        kind="Activity",
        title=title,
        place=place,
        dates=dates,
        year_inferred=True,
    )
    layout.meetings.append(_build(doc, block))
    layout.used.add(block.date_span)


def _table_dates(state: _ScanState, d1: int, d2: int | None) -> tuple[date | None, date | None]:
    """Dates of a table row from its day numbers and the month and year headings above."""
    if state.year is None or state.month is None:
        return None, None
    try:
        first = date(state.year, state.month, d1)
        last = date(state.year, state.month, d2) if d2 is not None else first
    except ValueError:
        return None, None
    return first, last


def _skip_spaces(text: str, start: int, end: int) -> int:
    while start < end and text[start] in " \t":
        start += 1
    return start


def _agenda_line(doc: _Doc, state: _ScanState, line: Line, vis: str) -> None:
    """An ordinary line: an agenda item of the open block (or the block's title)."""
    block = state.block
    if block is None:
        return
    bullet = _BULLET.match(vis)
    start = line.start + (bullet.end() if bullet else 0)
    start = _skip_spaces(doc.text, start, line.end)
    end = _trim_end(doc.text, start, line.end)
    if end <= start:
        return
    block.end = line.end
    if block.title_from_first_line and block.title is None and not block.items:
        block.title = (start, _visible_end(doc, start, end))
        return
    if bullet is None and block.title is None and _names_activity(doc.text[start:end]):
        block.title = (start, _visible_end(doc, start, end))
        return
    if bullet is None and block.items and doc.text[start] == "(":
        block.items[-1][1] = end  # "(CP/CSH-1933/19 rev. 1)" continues the item above
        return
    if block.place is None and fold(doc.text[start:end]).startswith("lieu"):
        block.place = _place_in_segments(doc, start, end, last=True)
    block.items.append([start, end])


def _names_activity(line_text: str) -> bool:
    """Whether an unbulleted line is the activity's name: it starts with a capitalised noun."""
    folded = fold(line_text)
    m = _ACTIVITY_NOUN.match(folded)
    if m is None:
        words = folded.split(" ", 1)
        if len(words) < 2 or not _ORDINAL_BEFORE.search(words[0] + " "):
            return False
        m = _ACTIVITY_NOUN.match(words[1])
    return m is not None and line_text[:1].isupper()


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t":
        end -= 1
    return end


def _close(doc: _Doc, state: _ScanState, layout: _Layout) -> None:
    """Finish the open block, if any, and record it as a meeting."""
    block = state.block
    state.block = None
    if block is None:
        return
    if block.title_from_first_line and block.title is not None:
        head = fold(doc.text[block.title[0] : block.title[1]])
        if _BREAK.match(head):
            return
    layout.meetings.append(_build(doc, block))
    layout.used.add(block.date_span)


def _build(doc: _Doc, block: _Block) -> Meeting:
    """The meeting of a finished block: title, kind, series and place resolved."""
    title = doc.text[block.title[0] : block.title[1]] if block.title else None
    kind = _kind_of(title) or block.kind
    start_date, end_date = block.dates if block.dates else (None, None)
    place = None
    if block.place is not None:
        place = (block.place[0], block.place[1], doc.text[block.place[0] : block.place[1]])
    items = tuple(AgendaItem(s, e, doc.text[s:e]) for s, e in block.items)
    return Meeting(
        date_start=block.date_span[0],
        date_end=block.date_span[1],
        start_date=start_date,
        end_date=end_date,
        start_time=block.times[0],
        end_time=block.times[1],
        year_inferred=block.year_inferred,
        title=title,
        title_start=block.title[0] if block.title else None,
        title_end=block.title[1] if block.title else None,
        kind=kind,
        block_start=block.start,
        block_end=max(block.end, block.date_span[1]),
        items=items,
        series=_series(title) if title else None,
        place=place,
    )


# --------------------------------------------------------------------------------------------
# Titles, kinds, series, places
# --------------------------------------------------------------------------------------------


def _entry_title(
    doc: _Doc, start: int, end: int
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """Title and place of an entry's text: cut at a paragraph reference or a sentence end.

    "MISPA VII, Quito (Équateur)" gives the title "MISPA VII" and the place "Quito (Équateur)";
    "Vingtième session ordinaire du CICTE à Washington, D.C." the place "Washington, D.C.".
    """
    cut = end
    for pattern, source in ((_PARAGRAPH_CUT, doc.folded), (_SENTENCE_CUT, doc.text)):
        m = pattern.search(source, start, cut)
        if m is not None:
            cut = m.start()
    cut = _trim_title_end(doc.text, start, cut)
    if cut <= start:
        return None, None
    place = _trailing_place(doc, start, cut)
    if place is not None:
        cut = _trim_title_end(doc.text, start, _place_cut(doc, start, place))
    return ((start, cut) if cut > start else None), place


def _trim_title_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t,;:.–—-":
        end -= 1
    return end


def _place_cut(doc: _Doc, start: int, place: tuple[int, int]) -> int:
    """Where the title ends before its trailing place (before ", " or " à ")."""
    m = re.search(r"(?:[ ]*(?:,|[ ][–—-])|[ ]+(?:a|au|aux|en))[ ]*$", doc.folded[start : place[0]])
    return start + m.start() if m else place[0]


def _trailing_place(doc: _Doc, start: int, end: int) -> tuple[int, int] | None:
    """A place closing a title: after " à ", or as its last comma- or dash-separated part."""
    prepositions = list(_PLACE_PREPOSITION.finditer(doc.folded, start, end))
    for preposition in reversed(prepositions):  # the last one gives the shortest place
        m = _PLACE_TAIL.fullmatch(doc.folded, preposition.end(), end)
        if m is None:
            continue
        p_start, p_end = m.start("place"), m.end("place")
        if _place_like(doc.text[p_start:p_end]):
            return p_start, _with_abbreviation_dot(doc.text, p_end)
    return _place_in_segments(doc, start, end, last=True, keep_first=False)


def _place_in_segments(
    doc: _Doc, start: int, end: int, *, last: bool, keep_first: bool = True
) -> tuple[int, int] | None:
    """The last (or first) comma-separated part of ``[start, end)`` that reads as a place."""
    pieces = []
    position = start
    for m in _SEGMENT_SPLIT.finditer(doc.text, start, end):
        pieces.append((position, m.start()))
        position = m.end()
    pieces.append((position, end))
    if not keep_first:
        pieces = pieces[1:]
    ordered = reversed(pieces) if last else iter(pieces)
    for p_start, p_end in ordered:
        p_start = _skip_spaces(doc.text, p_start, p_end)
        if preposition := _LEADING_PREPOSITION.match(doc.text, p_start, p_end):
            p_start = preposition.end()
        p_end = _with_abbreviation_dot(doc.text, _trim_title_end(doc.text, p_start, p_end))
        if p_end > p_start and _place_like(doc.text[p_start:p_end]):
            return p_start, p_end
        if last:
            return None  # only the closing part of a title can be its place
    return None


def _with_abbreviation_dot(text: str, end: int) -> int:
    """Keep the final dot of an abbreviation ("D.C.") that trimming took away."""
    if text[end : end + 1] == "." and text[end - 1 : end].isupper():
        return end + 1
    return end


def _place_like(segment: str) -> bool:
    """A short capitalised name ("Équateur", "Quito (Équateur)", "République dominicaine")."""
    words = re.sub(r"\([^()]*\)", " ", segment).split()
    if not 1 <= len(words) <= 4 or any(ch.isdigit() for ch in segment):
        return False
    if not words[0][:1].isupper() or not any(ch.islower() for ch in segment):
        return False
    if any(len(w) >= 3 and w.isalpha() and w.isupper() for w in words):
        return False  # an acronym names a body ("Anniversaire de la JID"), not a place
    if _ACTIVITY_NOUN.search(fold(segment)) or _BODY.search(fold(segment)):
        return False
    lower = [w for w in words[1:] if not w[:1].isupper() and fold(w) not in _CONNECTORS]
    return len(lower) <= (1 if len(words) <= 2 else 0)


def _kind_of(title: str | None) -> str | None:
    """Ontology class from the head noun: the first activity noun of the title."""
    if not title:
        return None
    m = _ACTIVITY_NOUN.search(fold(title))
    if m is None:
        return None
    noun = m.group("noun")
    for prefix, kind in _KIND_BY_NOUN:
        if noun.startswith(prefix):
            return kind
    return "Activity"


_ORDINAL_UNITS = {
    "premier": 1, "premiere": 1, "un": 1, "unieme": 1, "deux": 2, "second": 2, "seconde": 2,
    "trois": 3, "quatre": 4, "quatr": 4, "cinq": 5, "cinqu": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "neuv": 9, "dix": 10, "onze": 11, "onz": 11, "douze": 12, "douz": 12,
    "treize": 13, "treiz": 13, "quatorze": 14, "quatorz": 14, "quinze": 15, "quinz": 15,
    "seize": 16, "seiz": 16, "vingt": 20, "trente": 30, "trent": 30, "quarante": 40,
    "quarant": 40, "cinquante": 50, "cinquant": 50, "soixante": 60, "soixant": 60,
    "cent": 100,
}  # fmt: skip
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def _series(title: str) -> tuple[str, str] | None:
    """(series name, number) of a numbered meeting: "… nº 1416 …", "Septième Réunion …"."""
    folded = fold(title)
    m = _SERIES_NUMBER.search(folded)
    if m is not None:
        name = (title[: m.start()] + " " + title[m.end() :].lstrip()).strip()
        return name, m.group("number")
    noun = _ACTIVITY_NOUN.search(folded)
    if noun is None or noun.start() == 0:
        return None
    ordinal = _ORDINAL_BEFORE.search(folded[: noun.start()])
    if ordinal is None or ordinal.start() != 0 or not _written_ordinal(title, ordinal):
        return None
    number = _ordinal_value(ordinal)
    if number is None:
        return None
    name = title[noun.start() :]
    return name[:1].upper() + name[1:], str(number)


def _written_ordinal(original: str, m: re.Match[str]) -> bool:
    """A roman ordinal is written in capitals ("IVe"); "Le" and "Ce" are not 50th and 100th."""
    if m.group("roman") is None:
        return True
    numeral = original[m.start("roman") : m.end("roman")]
    return numeral.isupper() and numeral not in ("L", "C")


def _ordinal_value(m: re.Match[str]) -> int | None:
    """The number an ordinal says: words ("quarante-huitième"), digits ("67e"), roman."""
    if m.group("arabic"):
        return int(m.group("arabic"))
    if m.group("roman"):
        return _roman_value(m.group("roman"))
    return _french_ordinal(m.group("word"))


def _roman_value(numeral: str) -> int | None:
    values = [_ROMAN[ch] for ch in numeral]
    following = [*values[1:], 0]
    total = sum(-v if v < after else v for v, after in zip(values, following, strict=True))
    return total if total > 0 else None


def _french_ordinal(word: str) -> int | None:
    """Value of a French ordinal word, compound ones included ("vingt et unième" = 21)."""
    if word.startswith("premi"):
        return 1
    if word.startswith("second"):
        return 2
    stem = word[: -len("ieme")] if word.endswith("ieme") else word
    total = 0
    parts = [p for p in re.split(r"[- ]", stem) if p and p != "et"]
    for part in parts:
        value = _ORDINAL_UNITS.get(part)
        if value is None:
            return None
        if value == 20 and total % 100 == 4:  # quatre-vingt
            total = total - 4 + 80
        elif value == 100:
            total = max(total, 1) * 100
        else:
            total += value
    return total or None


# --------------------------------------------------------------------------------------------
# Prose: sentences that name an activity next to a day-precise date
# --------------------------------------------------------------------------------------------


def _prose_meetings(doc: _Doc, used: set[tuple[int, int]]) -> Iterator[Meeting]:
    """Meetings dated in running text: the date nearest to an activity noun or a decision."""
    bounds = _sentence_bounds(doc)
    for mention in doc.mentions:
        if (mention.start, mention.end) in used or not _is_day(mention):
            continue
        if mention.precision == "time" or mention.date_inferred:
            continue  # a time alone belongs to the day of a programme, read with its layout
        start, end = _sentence_of(bounds, mention.start, len(doc.text))
        noun = _noun_for(doc, mention, start, end)
        if noun is None and not _decision_for(doc, mention, start, end):
            continue
        yield _prose_meeting(doc, mention, noun, start, end)


def _sentence_bounds(doc: _Doc) -> list[int]:
    """Sorted positions where a sentence ends: full stops, newlines, footnote edges."""
    bounds = {m.end() for m in _SENTENCE_END.finditer(doc.text)}
    for note_start, note_end in doc.footnotes:
        bounds.update((note_start, note_end))
    return sorted(bounds)


def _sentence_of(bounds: Sequence[int], position: int, length: int) -> tuple[int, int]:
    k = bisect_right(bounds, position)
    start = bounds[k - 1] if k > 0 else 0
    end = bounds[k] if k < len(bounds) else length
    return start, end


def _day_mentions(doc: _Doc, start: int, end: int) -> list[DateMention]:
    return [m for m in doc.mentions_in(start, end) if m.precision == "day"]


def _nearest(mentions: list[DateMention], start: int, end: int) -> DateMention | None:
    """The date closest to the span ``[start, end)`` (ties go to the later date)."""
    best, best_distance = None, None
    for mention in mentions:
        distance = mention.start - end if mention.start >= end else start - mention.end
        if best_distance is None or distance <= best_distance:
            best, best_distance = mention, distance
    return best


def _noun_for(doc: _Doc, mention: DateMention, start: int, end: int) -> re.Match[str] | None:
    """An activity noun of the sentence whose nearest date is ``mention``."""
    dates = _day_mentions(doc, start, end)
    for m in _ACTIVITY_NOUN.finditer(doc.folded, start, end):
        if any(d.start <= m.start() < d.end for d in dates):
            continue
        if m.group("noun").startswith("lancement") and not doc.text[m.start()].isupper():
            continue  # "le lancement de la base de données": only a named launch is an event
        if _nearest(dates, m.start(), m.end()) is mention:
            return m
    return None


def _decision_for(doc: _Doc, mention: DateMention, start: int, end: int) -> bool:
    """A body decides or sits on this date: "la Commission a élu …", "approuvés par le Conseil"."""
    if not _BODY.search(doc.folded, start, end):
        return False
    dates = _day_mentions(doc, start, end)
    return any(
        _nearest(dates, m.start(), m.end()) is mention
        for m in _DECISION.finditer(doc.folded, start, end)
    )


def _prose_meeting(
    doc: _Doc, mention: DateMention, noun: re.Match[str] | None, start: int, end: int
) -> Meeting:
    block_start = _skip_spaces(doc.text, start, end)
    bullet = _BULLET.match(doc.folded[block_start:end])
    if bullet:
        block_start += bullet.end()
    block = _Block(
        mention=mention,
        date_span=(mention.start, mention.end),
        start=block_start,
        end=_trim_end(doc.text, block_start, end),
        kind="Meeting" if noun is None else "Activity",
        dates=(mention.start_date, mention.end_date),
        times=(mention.start_time, mention.end_time),
        year_inferred=mention.year_inferred,
    )
    if noun is not None:
        block.kind = _kind_of(noun.group("noun")) or "Activity"
        block.title = _prose_title(doc, noun, mention, end)
        if block.title is not None:
            block.place = _place_near(doc, block.title[1], mention)
    return _build(doc, block)


def _prose_title(
    doc: _Doc, noun: re.Match[str], mention: DateMention, end: int
) -> tuple[int, int] | None:
    """The activity's name in prose: a capitalised noun phrase ("Atelier continental …").

    A lower-case noun ("sa séance ordinaire", "cette réunion") refers to a meeting without
    naming it, so it gives no title.
    """
    start = noun.start()
    ordinal = _ORDINAL_BEFORE.search(doc.folded, max(0, start - 30), start)
    if (
        ordinal is not None
        and doc.text[ordinal.start() : ordinal.start() + 1].isupper()
        and _written_ordinal(doc.text, ordinal)
    ):
        start = ordinal.start()
    if not doc.text[start : start + 1].isupper():
        return None
    limit = mention.start if mention.start > start else end
    stop = _title_stop(doc, noun.end(), limit)
    stop = _trim_connectors(doc.text, start, _trim_title_end(doc.text, start, stop))
    if stop > start and doc.text[stop - 1] in "”»" and not any(
        ch in "“«" for ch in doc.text[start:stop]
    ):
        stop = _trim_title_end(doc.text, start, stop - 1)  # the quote opened before the name
    return (start, stop) if stop > noun.end() else None  # "la Conférence" alone names nothing


def _title_stop(doc: _Doc, position: int, limit: int) -> int:
    """First place after ``position`` where a name ends, never inside quotation marks."""
    depth = 0
    for i in range(position, limit):
        char = doc.text[i]
        if char in "«“(":
            depth += 1
        elif char in "»”)" and depth:
            depth -= 1
        elif depth == 0 and _TITLE_STOP.match(doc.text, i):
            return i
    return limit


def _place_near(doc: _Doc, title_end: int, mention: DateMention) -> tuple[int, int] | None:
    """A place between a title and its date ("(MISPA-VII), Équateur, les 30 …") or just after
    the date ("…, 5 – 7 octobre 2006, Montevideo"; "… le 4 juin à Lima.")."""
    if title_end < mention.start <= title_end + _PLACE_GAP:
        place = _place_in_segments(doc, title_end, mention.start, last=False)
        if place is not None:
            return place
    line_end = _sentence_or_line_end(doc.text, mention.end)
    tail = _trim_title_end(doc.text, mention.end, line_end)
    if 0 < tail - mention.end <= _PLACE_GAP:
        return _place_in_segments(doc, mention.end, tail, last=False)
    return None


def _sentence_or_line_end(text: str, position: int) -> int:
    m = _SENTENCE_END.search(text, position)
    return m.start() if m else len(text)


# --------------------------------------------------------------------------------------------
# Preparations: an agenda item that prepares a later meeting
# --------------------------------------------------------------------------------------------


def find_preparations(meetings: list[Meeting]) -> list[tuple[int, int, AgendaItem]]:
    """(preparing meeting, prepared meeting, item) for "Préparatifs de la réunion …" items.

    The prepared meeting is a later one whose title repeats most of the words the item uses to
    describe it; when the best matches fall on different days, the link is not clear and none
    is made.
    """
    links = []
    for index, meeting in enumerate(meetings):
        if meeting.start_date is None:
            continue
        for item in meeting.items:
            target = _prepared(meetings, meeting.start_date, item)
            if target is not None:
                links.append((index, target, item))
    return links


def _prepared(meetings: list[Meeting], after: date, item: AgendaItem) -> int | None:
    folded = fold(item.text)
    m = _PREPARATION.match(folded)
    if m is None:
        return None
    words = _stems(_PARAGRAPH_CUT.split(folded[m.end() :], maxsplit=1)[0])
    if not words:
        return None
    scored = []
    for index, other in enumerate(meetings):
        if other.title is None or other.start_date is None or other.start_date <= after:
            continue
        share = len(words & _stems(fold(other.title))) / len(words)
        if share >= _PREPARATION_MIN:
            scored.append((share, index))
    if not scored:
        return None
    best = max(share for share, _ in scored)
    top = [index for share, index in scored if share == best]
    if len({meetings[i].start_date for i in top}) != 1:
        return None
    return top[0]


def _stems(text: str) -> set[str]:
    return {w[:_STEM] for w in _WORD.findall(text) if w not in _STOPWORDS}
