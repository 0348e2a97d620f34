"""What the meeting readers share: the result types, the text they read, the block they build.

:func:`graph.extract.meetings.find_meetings` reads dated activities in two ways (the layout of a
calendar, in :mod:`graph.extract.calendar_layout`, and running prose, in
:mod:`graph.extract.meeting_prose`); both read the same :class:`MeetingText` and fill the same
:class:`Block` before :func:`graph.extract.meeting_titles.build_meeting` turns it into a
:class:`Meeting`.  The word lists of all of them are in ``meeting_words.toml``.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any

from graph.extract.dates import DateMention

WORDS_FILE = Path(__file__).with_name("meeting_words.toml")

with WORDS_FILE.open("rb") as _handle:
    MEETING_WORDS: dict[str, Any] = tomllib.load(_handle)
"""Activity nouns' classes, bodies, holidays, breaks, connectors, month and ordinal words."""


def any_word(words: list[str]) -> str:
    """A group that matches any of ``words`` as written, tried in their order."""
    return "(?:" + "|".join(re.escape(word) for word in words) + ")"


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


BULLET = re.compile(
    r"""
    ^[\t ]*
    (?:[·•▪◦‣*\-–]|\d{1,2}[.)]|[a-z][.)])   # "·", "-", "1.", "a)"
    [\t ]+
    """,
    re.VERBOSE,
)


@dataclass
class MeetingText:
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
class Block:
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


def is_day(mention: DateMention) -> bool:
    """A date given to the day (or a time slot within a known day), not a recurring one."""
    return mention.precision in ("day", "time") and not mention.recurring and not mention.deadline


def skip_spaces(text: str, start: int, end: int) -> int:
    while start < end and text[start] in " \t":
        start += 1
    return start


def trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t":
        end -= 1
    return end
