"""References to numbered provisions: paragraphs, articles and action-plan items.

A mandate is usually given by one operative paragraph of a resolution ("paragraphe 52"), and
work plans cite those paragraphs one by one, in lists ("paragraphes 57, 59, 60 et 62") and in
ranges ("paragraphes 9-14").  Each *number* becomes its own :class:`ParagraphRef`, because each
paragraph is a distinct mandate in the graph.

Spans: a single reference covers the whole phrase ("paragraphe 52"); in a list the first item
includes the keyword ("paragraphes 57") and the others are the bare numbers; every number of a
range carries the span of the range item ("paragraphes 9-14" when it is the first item), so the
evidence of each expanded number is the text that implies it.

The instrument is only filled in when the phrase names it ("… de la résolution AG/RES. 2945
(XLIX-O/19)", "paragraphe 112 AG/RES. 2945 …", "de la même résolution"); a bare reference is
left for the caller to resolve, usually with :func:`principal_instrument`.  Patterns run on
:func:`graph.normalize.fold` of the text (same length), so spans index the text given.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from graph.extract import provision_words as words
from graph.extract.symbols import SymbolMatch
from graph.normalize import fold

__all__ = ["ParagraphRef", "find_paragraph_refs", "principal_instrument"]

Kind = Literal["paragraph", "article", "action"]

MAX_RANGE = 60
"""A range wider than this is not a list of paragraphs (a typo, a page range or a year span)."""

# --------------------------------------------------------------------------------------------
# Patterns (folded text: lower case, no accents, plain apostrophes and spaces)
# --------------------------------------------------------------------------------------------

_KEYWORD = words.KEYWORD

_NUMBER = re.compile(
    rf"""
    (?P<marker>{words.NUMBER_SIGN})?              # "n°39", "no 3", "No. 3", "numéro 3"
    (?P<num>
        \d{{1,4}}(?:\.\d{{1,2}})?(?:er)?              # 52, 5.2, 1er
      | [ivxlc]{{1,7}}                              # roman, articles only (checked on the case)
    )
    (?![\w/%°]|[.,]\d)                            # not a symbol (1933/19) nor a longer number
    (?:                                           # a lettered sub-division:
        [ ]?(?P<sub>[a-z])\)                      #   "3 b)", "3b)"
      | [ ]?\((?P<psub>[a-z])\)                   #   "5 (a)", "5(a)"
      | \.(?P<dotsub>[a-z])(?![\w])               #   "91.f"
      | [ ](?P<spsub>(?![eouy])[b-z])(?![\w'])     #   "91 f" (not "a" nor "y": "à", "and")
    )?
    """,
    re.VERBOSE,
)

_YEAR = re.compile(r"(?:19|20)\d\d")
"""Four digits that read as a year: never a paragraph number in these documents."""

_RANGE_DASH = words.RANGE_DASH
_LIST_SEPARATOR = words.LIST_SEPARATOR
_INSTRUMENT_LINK = words.INSTRUMENT_LINK
_INSTRUMENT_NOUN = words.INSTRUMENT_NOUN
_SAME_RESOLUTION = words.SAME_RESOLUTION

_NAMED_INSTRUMENT = re.compile(
    rf"""
    [ ]*{words.NAMED_LINK}[ ]*                # "de la", "de son", "of the"
    (?=[A-ZÀ-Þ])                              # a name starts with a capital (original text)
    (?P<name>[^,;:.()«»\[\]\n\t]{{1,150}})      # up to punctuation
    """,
    re.VERBOSE,
)

_PLAN_NAME = re.compile(
    rf"""
    [ ]*{words.NAMED_LINK}[ ]*
    (?P<name>
        [A-ZÀ-Þ][\w'’-]*                                   # a capitalised word …
        (?:[ ](?:{words.PLAN_LINKS})*                      # … linking words …
           [A-ZÀ-Þ][\w'’-]*                                # … and another capitalised word
        )*
    )
    """,
    re.VERBOSE,
)
"""A plan's name is a proper noun: capitalised words and their linking words ("Plan d'Action
de Carthagène", "CAP"); the lowercase verb that follows is not part of it."""

_KIND_OF = words.KIND_OF
_PLURAL = frozenset(words.PLURAL)
"""Keywords after which a list may follow; a singular keyword governs one number only."""


# --------------------------------------------------------------------------------------------
# Result type
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParagraphRef:
    """One numbered provision cited in a text.

    ``number`` is the provision as numbered ("52", "91.f" for "article 91 f", "III").
    ``instrument`` is the IRI path of the symbol the phrase names, or None; ``explicit`` says
    whether the phrase named its instrument at all (by symbol or as "la même résolution").
    ``instrument_text`` is a named instrument that is not a symbol ("Charte de l'OEA"), for
    the caller to map; ``plan_text`` is the plan of an action ("Plan d'Action de Nairobi").
    """

    start: int
    end: int
    number: str
    kind: Kind
    instrument: str | None = None
    instrument_start: int | None = None
    instrument_end: int | None = None
    explicit: bool = False
    instrument_text: str | None = None
    plan_text: str | None = None


@dataclass(frozen=True)
class _Item:
    """One item of a reference list: its span and the numbers it stands for."""

    start: int
    end: int
    numbers: tuple[str, ...]


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def find_paragraph_refs(text: str, symbols: list[SymbolMatch]) -> list[ParagraphRef]:
    """Every paragraph, article and action reference of ``text``, one per number, in order.

    ``symbols`` are the symbols found in the same text (:func:`graph.extract.symbols.find_symbols`);
    they are how a reference's explicit instrument is recognised.
    """
    folded = fold(text)
    by_start = {match.start: match for match in symbols}
    refs: list[ParagraphRef] = []
    position = 0
    while (keyword := _KEYWORD.search(folded, position)) is not None:
        entry = words.keyword_of(keyword["kw"])
        kind: Kind = _KIND_OF[entry]  # type: ignore[assignment]
        items = _items(text, folded, keyword.end(), kind, entry in _PLURAL)
        if not items:
            position = keyword.end()
            continue
        items[0] = _Item(keyword.start(), items[0].end, items[0].numbers)
        refs += _refs(text, folded, kind, items, by_start, symbols)
        position = items[-1].end
    return refs


def principal_instrument(symbols: list[SymbolMatch]) -> str | None:
    """The IRI path of the resolution a document is about, for its bare paragraph references.

    Rule: the resolution symbol cited most often; on a tie, the one cited first.  Why this is
    general: a work plan or a national action plan follows up one resolution, which it names
    again and again in headings and items, while the other resolutions it relies on are cited
    once or twice and, when one of their paragraphs is meant, named in the same phrase ("au
    paragraphe 29 de la résolution AG/RES. 2925").  A bare "paragraphe 52" therefore belongs to
    the followed-up resolution.  None when the text cites no resolution.
    """
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for match in sorted(symbols, key=lambda m: m.start):
        if match.symbol.is_resolution:
            path = match.symbol.iri_path()
            counts[path] += 1
            first_seen.setdefault(path, match.start)
    if not counts:
        return None
    return min(counts, key=lambda path: (-counts[path], first_seen[path]))


# --------------------------------------------------------------------------------------------
# Steps
# --------------------------------------------------------------------------------------------


def _items(text: str, folded: str, position: int, kind: Kind, plural: bool) -> list[_Item]:
    """The numbers after a keyword: one item, or a list of them after a plural keyword."""
    items: list[_Item] = []
    while True:
        item = _item(text, folded, position, kind)
        if item is None:
            break
        items.append(item)
        position = item.end
        separator = _LIST_SEPARATOR.match(folded, position)
        if not plural or separator is None:
            break
        position = separator.end()
    return items


def _item(text: str, folded: str, position: int, kind: Kind) -> _Item | None:
    """A number (with its sub-division) or a range of numbers at ``position``."""
    first = _NUMBER.match(folded, position)
    if first is None or not _acceptable(text, first, kind):
        return None
    number = _number_text(text, first)
    dash = _RANGE_DASH.match(folded, first.end())
    last = _NUMBER.match(folded, dash.end()) if dash else None
    if dash is not None and last is not None and _is_plain(first) and _is_plain(last):
        low, high = int(first["num"]), int(last["num"])
        if not low < high:
            return None
        if high - low + 1 > MAX_RANGE:
            return None
        numbers = tuple(str(n) for n in range(low, high + 1))
        return _Item(position, last.end(), numbers)
    return _Item(position, first.end(), (number,))


def _acceptable(text: str, match: re.Match[str], kind: Kind) -> bool:
    """Whether a number after a keyword really numbers a provision.

    Years are not provisions ("plan d'action 2007-2011").  An action needs its number sign
    ("Action n°39"), since "action" is also a common noun.  Roman numerals only number
    articles, and only as written in capitals ("articles III et IV", not "article v").
    """
    digits = match["num"]
    if kind == "action" and not match["marker"]:
        return False
    if digits[0].isdigit():
        return _YEAR.fullmatch(digits) is None
    written = text[match.start("num") : match.end("num")]
    return kind == "article" and written.isupper()


def _is_plain(match: re.Match[str]) -> bool:
    """A whole arabic number without a sub-division: the only kind a range is made of."""
    digits = match["num"]
    return digits.isdigit() and not _sub_of(match)


def _number_text(text: str, match: re.Match[str]) -> str:
    """The provision number: "52", "1" for "1er", "91.f" for "91 f", "III"."""
    raw = text[match.start("num") : match.end("num")]
    number = raw[:-2] if raw.lower().endswith("er") else raw
    sub = _sub_of(match)
    return f"{number}.{sub}" if sub else number


def _sub_of(match: re.Match[str]) -> str | None:
    """The letter of a sub-division ("b" for "3 b)", "5 (b)", "91.b", "91 b"), if any."""
    return match["sub"] or match["psub"] or match["dotsub"] or match["spsub"]


def _refs(
    text: str,
    folded: str,
    kind: Kind,
    items: list[_Item],
    by_start: dict[int, SymbolMatch],
    symbols: list[SymbolMatch],
) -> list[ParagraphRef]:
    """One :class:`ParagraphRef` per number, all sharing the instrument named after the list."""
    after = items[-1].end
    instrument = _explicit_symbol(folded, after, by_start) or _same_resolution(
        folded, after, items[0].start, symbols
    )
    named = plan = None
    if instrument is None and kind == "action":
        plan = _plan_name(text, after)
    elif instrument is None:
        named = _named_instrument(text, after)
    return [
        ParagraphRef(
            start=item.start,
            end=item.end,
            number=number,
            kind=kind,
            instrument=instrument.symbol.iri_path() if instrument else None,
            instrument_start=instrument.start if instrument else None,
            instrument_end=instrument.end if instrument else None,
            explicit=instrument is not None,
            instrument_text=named,
            plan_text=plan,
        )
        for item in items
        for number in item.numbers
    ]


def _explicit_symbol(
    folded: str, position: int, by_start: dict[int, SymbolMatch]
) -> SymbolMatch | None:
    """The symbol that the words right after a reference name as its instrument, if any.

    Only linking words may come between ("de la résolution", "du dispositif de la", nothing at
    all): a comma or a parenthesis introduces something else, such as the document of the item.
    """
    link = _INSTRUMENT_LINK.match(folded, position)
    candidates = [link.end() if link else position]
    noun = _INSTRUMENT_NOUN.match(folded, candidates[0])
    if noun is not None:
        candidates.append(noun.end())
    for candidate in candidates:
        if candidate in by_start:
            return by_start[candidate]
    return None


def _same_resolution(
    folded: str, position: int, ref_start: int, symbols: list[SymbolMatch]
) -> SymbolMatch | None:
    """"de la même résolution": the last resolution cited before the reference."""
    if _SAME_RESOLUTION.match(folded, position) is None:
        return None
    earlier = [m for m in symbols if m.symbol.is_resolution and m.end <= ref_start]
    return max(earlier, key=lambda m: m.start) if earlier else None


def _named_instrument(text: str, position: int) -> str | None:
    """A non-symbol instrument named right after the reference ("de la Charte de l'OEA")."""
    found = _NAMED_INSTRUMENT.match(text, position)
    if found is None:
        return None
    name = found["name"].strip()
    return name or None


def _plan_name(text: str, position: int) -> str | None:
    """The plan an action belongs to, as written ("Plan d'Action de Nairobi", "CAP")."""
    found = _PLAN_NAME.match(text, position)
    return found["name"].strip() if found else None


def cell_numbers(text: str, folded: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The provision numbers of a table cell that holds nothing else ("5", "5, 7 and 9",
    "9-14", "para. 3"), each with its span; [] when the cell holds anything else."""
    keyword = _KEYWORD.match(folded, start)
    position = keyword.end() if keyword is not None and keyword.end() <= end else start
    items = _items(text, folded, position, "paragraph", True)
    if not items or items[-1].end > end or folded[items[-1].end : end].strip(" .;:,*"):
        return []
    first = _Item(start, items[0].end, items[0].numbers)
    return [(item.start, item.end, n) for item in [first, *items[1:]] for n in item.numbers]
