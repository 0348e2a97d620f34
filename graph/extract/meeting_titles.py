"""A meeting's name, kind, series and place, read from the words of its entry or sentence.

Whichever reader found a dated activity (a calendar layout or a sentence of prose), what it is
called is read the same way: the title is cut at a paragraph reference, a sentence end or a
closing place ("MISPA VII, Quito (Équateur)"); the kind is the ontology class of its head noun;
a numbered meeting ("Réunion ordinaire nº 1416", "Septième Réunion") belongs to a series.
:func:`build_meeting` makes the :class:`~graph.extract.meeting_model.Meeting` of a finished block.
"""

from __future__ import annotations

import re

from graph.extract.meeting_model import (
    MEETING_WORDS,
    AgendaItem,
    Block,
    Meeting,
    MeetingText,
    any_word,
    skip_spaces,
    trim_end,
)
from graph.normalize import fold

# Vocabulary (matched on folded text: lower case, no accents, same length).
ACTIVITY_NOUN = re.compile(
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
      | meetings? | conferences? | seminars? | workshops? | trainings? | briefings?
      | summits? | round[ -]?tables? | launch(?:es)? | ceremony | exercises?
      | dialogues?(?=[ ]+(?:on|with|about))
    )
    (?![a-z])
    """,
    re.VERBOSE,
)

_KIND_BY_NOUN: tuple[tuple[str, str], ...] = tuple(
    (prefix, kind) for prefix, kind in MEETING_WORDS["kind_by_noun"]
)
"""Ontology class by the (folded) head noun's prefix; any other activity noun is "Activity"."""

BODY = re.compile(rf"(?<![a-z]){any_word(MEETING_WORDS['bodies'])}(?![a-z])")
"""Bodies whose decisions or meetings on a given day are sittings."""

ORDINAL_BEFORE = re.compile(
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

PARAGRAPH_CUT = re.compile(r"[ ]*[,.;]?[ ]*\(?(?=(?:paragraphes?|paragraphs?|parrafos?)[ ]+\d)")

_SENTENCE_CUT = re.compile(r"(?<=[a-zà-ÿ)»”\"])\.(?=[ ]+\S)")
"""A full stop after a lower-case word (on the original text: "D.C. " does not end a title)."""

_PLACE_PREPOSITION = re.compile(r"[ ]+(?:a|au|aux|en)[ ]+")
"""The preposition before a closing place: "à Washington, D.C.", "en Colombie"."""

_PLACE_TAIL = re.compile(r"(?P<place>[^\s,;:()][^,;:()]*?(?:,[ ]*d\.[ ]?c\.?)?)[ ]*")

_LEADING_PREPOSITION = re.compile(r"(?:à|au|aux|en)[ ]+(?=[A-ZÀ-Ý])")

_SEGMENT_SPLIT = re.compile(r"[ ]*(?:,|[ ][–—-][ ])[ ]*")

_CONNECTORS = frozenset(MEETING_WORDS["connectors"])
"""Small words inside a name, not lower-case words that end a place."""


def trim_connectors(text: str, start: int, end: int) -> int:
    """End of a name without the small words that led to its date ("Séance du")."""
    while True:
        end = trim_end(text, start, end)
        space = text.rfind(" ", start, end)
        if space < 0 or fold(text[space + 1 : end]) not in _CONNECTORS:
            return end
        end = space


def build_meeting(doc: MeetingText, block: Block) -> Meeting:
    """The meeting of a finished block: title, kind, series and place resolved."""
    title = doc.text[block.title[0] : block.title[1]] if block.title else None
    kind = kind_of(title) or block.kind
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


def entry_title(
    doc: MeetingText, start: int, end: int
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """Title and place of an entry's text: cut at a paragraph reference or a sentence end.

    "MISPA VII, Quito (Équateur)" gives the title "MISPA VII" and the place "Quito (Équateur)";
    "Vingtième session ordinaire du CICTE à Washington, D.C." the place "Washington, D.C.".
    """
    cut = end
    for pattern, source in ((PARAGRAPH_CUT, doc.folded), (_SENTENCE_CUT, doc.text)):
        m = pattern.search(source, start, cut)
        if m is not None:
            cut = m.start()
    cut = trim_title_end(doc.text, start, cut)
    if cut <= start:
        return None, None
    place = _trailing_place(doc, start, cut)
    if place is not None:
        cut = trim_title_end(doc.text, start, _place_cut(doc, start, place))
    return ((start, cut) if cut > start else None), place


def trim_title_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t,;:.–—-":
        end -= 1
    return end


def _place_cut(doc: MeetingText, start: int, place: tuple[int, int]) -> int:
    """Where the title ends before its trailing place (before ", " or " à ")."""
    m = re.search(r"(?:[ ]*(?:,|[ ][–—-])|[ ]+(?:a|au|aux|en))[ ]*$", doc.folded[start : place[0]])
    return start + m.start() if m else place[0]


def _trailing_place(doc: MeetingText, start: int, end: int) -> tuple[int, int] | None:
    """A place closing a title: after " à ", or as its last comma- or dash-separated part."""
    prepositions = list(_PLACE_PREPOSITION.finditer(doc.folded, start, end))
    for preposition in reversed(prepositions):  # the last one gives the shortest place
        m = _PLACE_TAIL.fullmatch(doc.folded, preposition.end(), end)
        if m is None:
            continue
        p_start, p_end = m.start("place"), m.end("place")
        if _place_like(doc.text[p_start:p_end]):
            return p_start, _with_abbreviation_dot(doc.text, p_end)
    return place_in_segments(doc, start, end, last=True, keep_first=False)


def place_in_segments(
    doc: MeetingText, start: int, end: int, *, last: bool, keep_first: bool = True
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
        p_start = skip_spaces(doc.text, p_start, p_end)
        if preposition := _LEADING_PREPOSITION.match(doc.text, p_start, p_end):
            p_start = preposition.end()
        p_end = _with_abbreviation_dot(doc.text, trim_title_end(doc.text, p_start, p_end))
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
    if ACTIVITY_NOUN.search(fold(segment)) or BODY.search(fold(segment)):
        return False
    lower = [w for w in words[1:] if not w[:1].isupper() and fold(w) not in _CONNECTORS]
    return len(lower) <= (1 if len(words) <= 2 else 0)


def kind_of(title: str | None) -> str | None:
    """Ontology class from the head noun: the first activity noun of the title."""
    if not title:
        return None
    m = ACTIVITY_NOUN.search(fold(title))
    if m is None:
        return None
    noun = m.group("noun")
    for prefix, kind in _KIND_BY_NOUN:
        if noun.startswith(prefix):
            return kind
    return "Activity"


_ORDINAL_UNITS: dict[str, int] = dict(MEETING_WORDS["ordinal_units"])
"""Value of each part of a French ordinal word."""

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def _series(title: str) -> tuple[str, str] | None:
    """(series name, number) of a numbered meeting: "… nº 1416 …", "Septième Réunion …"."""
    folded = fold(title)
    m = _SERIES_NUMBER.search(folded)
    if m is not None:
        name = (title[: m.start()] + " " + title[m.end() :].lstrip()).strip()
        return name, m.group("number")
    noun = ACTIVITY_NOUN.search(folded)
    if noun is None or noun.start() == 0:
        return None
    ordinal = ORDINAL_BEFORE.search(folded[: noun.start()])
    if ordinal is None or ordinal.start() != 0 or not written_ordinal(title, ordinal):
        return None
    number = _ordinal_value(ordinal)
    if number is None:
        return None
    name = title[noun.start() :]
    return name[:1].upper() + name[1:], str(number)


def written_ordinal(original: str, m: re.Match[str]) -> bool:
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
