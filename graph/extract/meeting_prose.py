"""Meetings dated in running prose: an activity noun or a decision next to a day-precise date.

A sentence with a day-precise date and an activity noun (réunion, séance, conférence, séminaire,
cours …) dates that activity with the date *nearest* to the noun, so that in "Le 27 février, la
Mission a envoyé une note … la Conférence, qui aurait lieu les 10 et 11 avril" only the April
dates belong to the Conference.  A deliberative body deciding on a date ("Le 24 octobre 2019, la
Commission a élu …") also met that day.  Dates a calendar layout already used are left alone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence

from graph.extract.dates import DateMention
from graph.extract.meeting_model import (
    BULLET,
    Block,
    Meeting,
    MeetingText,
    is_day,
    skip_spaces,
    trim_end,
)
from graph.extract.meeting_titles import (
    ACTIVITY_NOUN,
    BODY,
    ORDINAL_BEFORE,
    build_meeting,
    kind_of,
    place_in_segments,
    trim_connectors,
    trim_title_end,
    written_ordinal,
)

# Vocabulary of prose (folded text), and sentence bounds (original text).
_DECISION = re.compile(
    r"""
    (?<![a-z])
    (?:elue?s?|approuvee?s?|adoptee?s?|installee?s?|decidee?s?|nommee?s?|designee?s?
      |s'est[ ]reunie?|se[ ]reunira|a[ ]rencontre|ont[ ]rencontre)   # a decision, a sitting
    (?![a-z])
    """,
    re.VERBOSE,
)

_PLACE_GAP = 60
"""Most characters between a title or a date and the place written next to it."""

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


def prose_meetings(doc: MeetingText, used: set[tuple[int, int]]) -> Iterator[Meeting]:
    """Meetings dated in running text: the date nearest to an activity noun or a decision."""
    bounds = _sentence_bounds(doc)
    for mention in doc.mentions:
        if (mention.start, mention.end) in used or not is_day(mention):
            continue
        if mention.precision == "time" or mention.date_inferred:
            continue  # a time alone belongs to the day of a programme, read with its layout
        start, end = _sentence_of(bounds, mention.start, len(doc.text))
        noun = _noun_for(doc, mention, start, end)
        if noun is None and not _decision_for(doc, mention, start, end):
            continue
        yield _prose_meeting(doc, mention, noun, start, end)


def _sentence_bounds(doc: MeetingText) -> list[int]:
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


def _day_mentions(doc: MeetingText, start: int, end: int) -> list[DateMention]:
    return [m for m in doc.mentions_in(start, end) if m.precision == "day"]


def _nearest(mentions: list[DateMention], start: int, end: int) -> DateMention | None:
    """The date closest to the span ``[start, end)`` (ties go to the later date)."""
    best, best_distance = None, None
    for mention in mentions:
        distance = mention.start - end if mention.start >= end else start - mention.end
        if best_distance is None or distance <= best_distance:
            best, best_distance = mention, distance
    return best


def _noun_for(doc: MeetingText, mention: DateMention, start: int, end: int) -> re.Match[str] | None:
    """An activity noun of the sentence whose nearest date is ``mention``."""
    dates = _day_mentions(doc, start, end)
    for m in ACTIVITY_NOUN.finditer(doc.folded, start, end):
        if any(d.start <= m.start() < d.end for d in dates):
            continue
        if m.group("noun").startswith("lancement") and not doc.text[m.start()].isupper():
            continue  # "le lancement de la base de données": only a named launch is an event
        if _nearest(dates, m.start(), m.end()) is mention:
            return m
    return None


def _decision_for(doc: MeetingText, mention: DateMention, start: int, end: int) -> bool:
    """A body decides or sits on this date: "la Commission a élu …", "approuvés par le Conseil"."""
    if not BODY.search(doc.folded, start, end):
        return False
    dates = _day_mentions(doc, start, end)
    return any(
        _nearest(dates, m.start(), m.end()) is mention
        for m in _DECISION.finditer(doc.folded, start, end)
    )


def _prose_meeting(
    doc: MeetingText, mention: DateMention, noun: re.Match[str] | None, start: int, end: int
) -> Meeting:
    block_start = skip_spaces(doc.text, start, end)
    bullet = BULLET.match(doc.folded[block_start:end])
    if bullet:
        block_start += bullet.end()
    block = Block(
        mention=mention,
        date_span=(mention.start, mention.end),
        start=block_start,
        end=trim_end(doc.text, block_start, end),
        kind="Meeting" if noun is None else "Activity",
        dates=(mention.start_date, mention.end_date),
        times=(mention.start_time, mention.end_time),
        year_inferred=mention.year_inferred,
    )
    if noun is not None:
        block.kind = kind_of(noun.group("noun")) or "Activity"
        block.title = _prose_title(doc, noun, mention, end)
        if block.title is not None:
            block.place = _place_near(doc, block.title[1], mention)
    return build_meeting(doc, block)


def _prose_title(
    doc: MeetingText, noun: re.Match[str], mention: DateMention, end: int
) -> tuple[int, int] | None:
    """The activity's name in prose: a capitalised noun phrase ("Atelier continental …").

    A lower-case noun ("sa séance ordinaire", "cette réunion") refers to a meeting without
    naming it, so it gives no title.
    """
    start = noun.start()
    ordinal = ORDINAL_BEFORE.search(doc.folded, max(0, start - 30), start)
    if (
        ordinal is not None
        and doc.text[ordinal.start() : ordinal.start() + 1].isupper()
        and written_ordinal(doc.text, ordinal)
    ):
        start = ordinal.start()
    if not doc.text[start : start + 1].isupper():
        return None
    limit = mention.start if mention.start > start else end
    stop = _title_stop(doc, noun.end(), limit)
    stop = trim_connectors(doc.text, start, trim_title_end(doc.text, start, stop))
    if (
        stop > start
        and doc.text[stop - 1] in "”»"
        and not any(ch in "“«" for ch in doc.text[start:stop])
    ):
        stop = trim_title_end(doc.text, start, stop - 1)  # the quote opened before the name
    return (start, stop) if stop > noun.end() else None  # "la Conférence" alone names nothing


def _title_stop(doc: MeetingText, position: int, limit: int) -> int:
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


def _place_near(doc: MeetingText, title_end: int, mention: DateMention) -> tuple[int, int] | None:
    """A place between a title and its date ("(MISPA-VII), Équateur, les 30 …") or just after
    the date ("…, 5 – 7 octobre 2006, Montevideo"; "… le 4 juin à Lima.")."""
    if title_end < mention.start <= title_end + _PLACE_GAP:
        place = place_in_segments(doc, title_end, mention.start, last=False)
        if place is not None:
            return place
    line_end = _sentence_or_line_end(doc.text, mention.end)
    tail = trim_title_end(doc.text, mention.end, line_end)
    if 0 < tail - mention.end <= _PLACE_GAP:
        return place_in_segments(doc, mention.end, tail, last=False)
    return None


def _sentence_or_line_end(text: str, position: int) -> int:
    m = _SENTENCE_END.search(text, position)
    return m.start() if m else len(text)
