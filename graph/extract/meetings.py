"""Dated activities (meetings, sessions, conferences, seminars, courses …) and their agendas.

Work plans and reports date their activities in a few recurring shapes, and every one of them
must keep the characters that date it (the evidence), so the *layout* of the clean text is
read line by line before its words are:

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
only the day numbers of a summary table, which it cannot see, are dated by the calendar layout
reader, from the month and year headings above them.  Nothing is invented: a date whose year
cannot be found keeps ``start_date`` None, and a meeting given two dates (planned and moved)
yields two meetings.

The layouts are read by :mod:`graph.extract.calendar_layout`, prose by
:mod:`graph.extract.meeting_prose`, titles, kinds, series and places by
:mod:`graph.extract.meeting_titles`; this module is the entry point and links a meeting to the
later meeting it prepares.
"""

from __future__ import annotations

import re
from datetime import date

from graph.extract.calendar_layout import scan_calendar_layout
from graph.extract.dates import find_dates
from graph.extract.meeting_model import (
    MEETING_WORDS,
    AgendaItem,
    Meeting,
    MeetingText,
)
from graph.extract.meeting_prose import prose_meetings
from graph.extract.meeting_titles import PARAGRAPH_CUT
from graph.normalize import NormalizedText, fold, iter_lines

__all__ = ["AgendaItem", "Meeting", "find_meetings", "find_preparations"]


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

_STOPWORDS = frozenset(MEETING_WORDS["preparation_stopwords"])
"""Words of a preparation item that say nothing of which meeting is prepared."""

_STEM = 5
"""Words are compared on their first letters, so that "renforceront" meets "renforcer"."""

_PREPARATION_MIN = 0.5
"""Share of the prepared meeting's words that its title must repeat for a clear match."""


def find_meetings(nt: NormalizedText, *, default_year: int | None = None) -> list[Meeting]:
    """The dated activities of ``nt``, in text order, with their agenda items.

    ``default_year`` is the document's year when the caller knows it; years written in the
    text or in its headings take precedence (see :func:`graph.extract.dates.find_dates`).
    """
    text = nt.text
    doc = MeetingText(
        text=text,
        folded=fold(text),
        mentions=find_dates(text, default_year=default_year),
        footnotes=[(note.start, note.end) for note in nt.footnotes],
        default_year=default_year,
    )
    layout = scan_calendar_layout(doc, list(iter_lines(nt)))
    meetings = layout.meetings + list(prose_meetings(doc, layout.used))
    return sorted(meetings, key=lambda m: (m.date_start, m.date_end))


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
    words = _stems(PARAGRAPH_CUT.split(folded[m.end() :], maxsplit=1)[0])
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
