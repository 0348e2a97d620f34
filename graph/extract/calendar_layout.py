"""A reader of the calendar layouts of work plans and reports: date lines, entries, tables.

Three layouts date activities line by line, and their lines must be read as a layout before
their words are (see :mod:`graph.extract.meetings`):

* a line that is only a date opens a block whose next lines are the meeting's agenda items (in
  a programme, a line that is only a time opens a session of the day being described);
* a line that starts with a date and, after a colon or a dash, names the activity is a
  self-contained calendar entry;
* a summary table: a line that is only a day number under a line that is only a month, the
  activity on the next line, the year from the last line that is only a year.

What a line scan leaves (dates in running text) is read by :mod:`graph.extract.meeting_prose`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from graph.extract.dates import DateMention
from graph.extract.meeting_model import (
    BULLET,
    MEETING_WORDS,
    Block,
    Meeting,
    MeetingText,
    any_word,
    is_day,
    skip_spaces,
    trim_end,
)
from graph.extract.meeting_titles import (
    ACTIVITY_NOUN,
    ORDINAL_BEFORE,
    build_meeting,
    entry_title,
    place_in_segments,
    trim_connectors,
)
from graph.normalize import Line, fold

# Layout patterns (folded text of one line, footnotes blanked).
_HOLIDAY = re.compile(
    rf"(?<![a-z]){any_word(MEETING_WORDS['holidays'] + MEETING_WORDS['deadlines'])}(?![a-z])"
)
"""A calendar row that names a day off or a deadline: no activity."""

_BREAK = re.compile(rf"^{any_word(MEETING_WORDS['breaks'])}(?![a-z])")
"""Programme slots that are breaks, not sessions."""

_MONTH_NAMES: dict[str, int] = dict(MEETING_WORDS["month_names"])
"""Month number of a summary table's month heading."""

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


@dataclass
class _Layout:
    """What the line scan found: meetings and the date spans they consumed."""

    meetings: list[Meeting] = field(default_factory=list)
    used: set[tuple[int, int]] = field(default_factory=set)


@dataclass
class _ScanState:
    """Context carried from line to line: the open block, the table month and year."""

    block: Block | None = None
    year: int | None = None
    month: int | None = None
    last_day: DateMention | None = None
    pending_row: tuple[int, int, int, int | None] | None = None  # start, end, d1, d2


def scan_calendar_layout(doc: MeetingText, lines: list[Line]) -> _Layout:
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
    doc: MeetingText, state: _ScanState, layout: _Layout, line: Line, vis: str
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
    return len(vis.strip()) >= _PROSE_MIN and not BULLET.match(vis)


def _leading_date(doc: MeetingText, line: Line, vis: str) -> tuple[DateMention, int] | None:
    """The date a line starts with (after an article or a short label), and where it ends."""
    for mention in doc.mentions_in(line.start, line.end):
        if mention.end > line.end:
            return None
        if not _DATE_PREFIX.match(vis[: mention.start - line.start]):
            return None
        return mention, mention.end
    return None


def _dated_line(
    doc: MeetingText,
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
    if not is_day(mention):
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


def _open_date_line(doc: MeetingText, state: _ScanState, line: Line, mention: DateMention) -> None:
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
    state.block = Block(
        mention=mention,
        date_span=(mention.start, mention.end),
        start=skip_spaces(doc.text, line.start, line.end),
        end=line.end,
        kind="Meeting",
        title_from_first_line=slot,
        dates=dates,
        times=(mention.start_time, mention.end_time),
        year_inferred=inferred,
    )
    state.block.title = _label_title(doc, line, mention)


def _label_title(doc: MeetingText, line: Line, mention: DateMention) -> tuple[int, int] | None:
    """The activity named by a label before the date ("Séance du jeudi 5 mars"), if any."""
    label = doc.text[line.start : mention.start]
    m = ACTIVITY_NOUN.search(fold(label))
    if m is None:
        return None
    end = trim_connectors(doc.text, line.start, line.start + len(label.rstrip(" \t–—:-")))
    start = line.start + m.start()
    return (start, end) if end > line.start + m.end() else None  # "Séance du": no name


def _open_entry(
    doc: MeetingText, state: _ScanState, line: Line, mention: DateMention, rest_start: int
) -> None:
    """A self-contained calendar entry: its date, then its title (and place) on one line."""
    block = Block(
        mention=mention,
        date_span=(mention.start, mention.end),
        start=skip_spaces(doc.text, line.start, line.end),
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
    block.title, block.place = entry_title(doc, rest_start, text_end)
    state.block = block


def _visible_end(doc: MeetingText, start: int, end: int) -> int:
    """End of the text before the first footnote inside ``[start, end)``."""
    for note_start, _ in doc.footnotes:
        if start <= note_start < end:
            end = note_start
    return end


def _table_row(
    doc: MeetingText, state: _ScanState, layout: _Layout, line: Line, rest_from: int | None = None
) -> None:
    """The activity of a summary-table row whose day number was on the line before."""
    row = state.pending_row
    state.pending_row = None
    if row is None:
        return
    start = rest_from if rest_from is not None else line.start
    bullet = BULLET.match(doc.folded[start : line.end])
    text_start = skip_spaces(doc.text, start + (bullet.end() if bullet else 0), line.end)
    text_end = trim_end(doc.text, text_start, _visible_end(doc, text_start, line.end))
    if text_end <= text_start or _HOLIDAY.search(doc.folded[text_start:text_end]):
        return
    title, place = entry_title(doc, text_start, text_end)
    day_start, day_end, d1, d2 = row
    dates = _table_dates(state, d1, d2)
    block = Block(
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
    layout.meetings.append(build_meeting(doc, block))
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


def _agenda_line(doc: MeetingText, state: _ScanState, line: Line, vis: str) -> None:
    """An ordinary line: an agenda item of the open block (or the block's title)."""
    block = state.block
    if block is None:
        return
    bullet = BULLET.match(vis)
    start = line.start + (bullet.end() if bullet else 0)
    start = skip_spaces(doc.text, start, line.end)
    end = trim_end(doc.text, start, line.end)
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
        block.place = place_in_segments(doc, start, end, last=True)
    block.items.append([start, end])


def _names_activity(line_text: str) -> bool:
    """Whether an unbulleted line is the activity's name: it starts with a capitalised noun."""
    folded = fold(line_text)
    m = ACTIVITY_NOUN.match(folded)
    if m is None:
        words = folded.split(" ", 1)
        if len(words) < 2 or not ORDINAL_BEFORE.search(words[0] + " "):
            return False
        m = ACTIVITY_NOUN.match(words[1])
    return m is not None and line_text[:1].isupper()


def _close(doc: MeetingText, state: _ScanState, layout: _Layout) -> None:
    """Finish the open block, if any, and record it as a meeting."""
    block = state.block
    state.block = None
    if block is None:
        return
    if block.title_from_first_line and block.title is not None:
        head = fold(doc.text[block.title[0] : block.title[1]])
        if _BREAK.match(head):
            return
    layout.meetings.append(build_meeting(doc, block))
    layout.used.add(block.date_span)
