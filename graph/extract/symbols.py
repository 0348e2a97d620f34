"""The grammar of document symbols (OAS and UN), and a recogniser for free text.

A *symbol* is the registry number an organisation gives to a text: ``AG/RES. 2945 (XLIX-O/19)``,
``CP/doc.5545/19 rev. 1``, ``S/RES/1325 (2000)``.  The graph identifies resolutions and documents
by their symbol, so that two source documents citing the same text meet at one node.  Real texts
write symbols loosely (missing dots, stray or non-breaking spaces, typographic dashes, a lost
slash in the session), so the patterns here tolerate those variants, and then normalise to one
canonical form and one IRI path.

The value and its parts are in :mod:`graph.extract.symbol_parts`, the UN's symbols in
:mod:`graph.extract.un_symbols`; this module holds the OAS patterns, the prose references
("résolution 1325", "resolution 217 A (III)") and the public API. The user-facing description of the
grammar, with examples, is in ``docs/symbols.md``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from graph.extract.symbol_parts import (
    BODIES,
    DASH,
    Symbol,
    SymbolError,
    SymbolMatch,
    expand_year,
    from_roman,
    read_revision,
    to_roman,
)
from graph.extract.symbol_parts import compile_pattern as _compile
from graph.extract.un_symbols import UN_GRAMMAR

__all__ = [
    "BODIES",
    "Symbol",
    "SymbolError",
    "SymbolMatch",
    "expand_year",
    "find_symbols",
    "from_roman",
    "parse_symbol",
    "to_roman",
]

# First OAS General Assembly regular session: 1971 (session I).  Regular session n is held in
# 1970 + n (XLIX-O/19: 49 -> 2019), which lets us catch a garbled session such as "XXXIX-O4".
_OAS_REGULAR_SESSION_EPOCH = 1970

_KIND_LETTERS = {"O": "regular", "E": "special"}


_OAS_ORGANS = r"AG|CP|CIDI|CIM|CICAD|CICTE|CJI|CIDH|CEPCIDI"

# AG/RES. 2945 (XLIX-O/19), AG/RES.2224, AG/RES 1840 (XXXII-O/02), AG/RES. 2028 (XXXIX-O4),
# AG/RES. 1 (LIII-E/18) rev. 1, CP/RES. 1061/16, CP/RES. 1061 (2071/16), AG/DEC. 100 (…).
_OAS_ACT = _compile(r"""
    <START>
    (?P<organ>""" + _OAS_ORGANS + r""")\s*/\s*(?P<act>RES|DEC)\b
    \s*\.?\s*
    (?P<num>\d{1,4})(?!\d)
    (?:                                          # session: (XLIX-O/19), (XXXIX-O4), (LIII-E/18)
        \s*\(\s*(?P<roman>[IVXLC]+)\s*<DASH>?\s*(?P<kind>[OE])\s*/?\s*(?P<ayy>\d{1,2})
        (?:\s*\))?
      | /(?P<cyy>\d{2})(?!\d)                     # Permanent Council: 1061/16
      | \s*\(\s*\d{3,4}\s*/\s*(?P<myy>\d{2})\s*\) # Permanent Council: 1061 (2071/16)
    )?
    (?![/.,]\d)                                  # not a longer number: 2945.5, 1061/2016
    (?:<REV>)?
""")

# CP/CSH-1933/19 rev. 1, CP/CSH 1870/18, CP/doc.5545/19 rev. 1, AG/doc.5667/19 rev. 1,
# CP/CSH/INF. 499/19 rev. 1, GT/VE-3/15 rev. 1, CIM/doc.10/08.
_OAS_DOCUMENT = _compile(r"""
    <START>
    (?P<series>
        (?:""" + _OAS_ORGANS + r"""|GT)
        (?:/(?!RES\b|DEC\b)[A-Z]{2,8}(?:<DASH>[A-Z]{1,4})?)*     # committees: /CSH, /CAJP
        (?:/(?P<doc>[Dd]oc|DOC|INF)\b)?                         # document or information
    )
    (?:
        (?(doc)\s*\.?\s*|<DASH>\s*)(?P<num>\d{1,5})(?!\d)      # doc.5545, INF. 499, CSH-1933
        (?:/(?P<yy>\d{2})(?!\d))?
      | \s+(?P<snum>\d{1,5})/(?P<syy>\d{2})(?!\d)              # stray space: CP/CSH 1870/18
    )
    (?![\d.,]\d)
    (?:<REV>)?
""")

# OEA/Ser.L/V/II.130 Doc. 22 rev. 1: the series classification used as the symbol itself.
_OEA_SERIES_DOCUMENT = _compile(r"""
    <START>
    OEA\s*/\s*Ser\s*\.\s*(?P<series>[A-Z](?:/[A-Z0-9]+(?:\.[A-Z0-9]+)*)*)
    \s+(?i:doc)\s*\.\s*(?P<num>\d{1,5})(?!\d)
    (?:<REV>)?
""")

# OEA/Ser.G in front of another symbol (OEA/Ser.G CP/doc.5545/19): a classification prefix.
_OEA_SERIES_PREFIX = _compile(r"""
    OEA\s*/\s*Ser\s*\.\s*[A-Z](?:/[A-Z0-9]+(?:\.[A-Z0-9]+)*)*\s+\Z
""")

# S/RES/1325 (2000), A/RES/62/278, A/RES/S-32/1 (special session), A/RES/ES-11/1 (emergency).
# French prose: "résolution 1325", "Résolution n° 1325 (2000)", "résolutions 1325 et 1820".
# The session after the number of a General Assembly resolution of its first thirty sessions,
# in roman numerals, with the letter of a part ("217 A (III)", "1874 (S-IV)"), case kept.
_OLD_SESSION = r"""(?-i:\s?(?:[A-H]\s?)?\(\s*(?P<okind>ES|S)?(?(okind)<DASH>)
                   (?P<oroman>[IVXL]{1,6})\s*\))"""

_PROSE_RESOLUTION = _compile(r"""
    (?<!\w)(?:r[ée]solutions?|resoluci(?:ón|ones))\s+(?:(?:n\s*[°º]|no\.?|num[ée]ro)\s*)?
    (?P<num>\d{2,4})(?![\d/]|[.,<DASH>]\d)
    (?:\s*\(\s*(?P<year>(?:19|20)\d{2})\s*\)|<OLD_SESSION>)?
""".replace("<OLD_SESSION>", _OLD_SESSION), re.IGNORECASE)

# French prose naming a UN General Assembly resolution by session: "résolution 62/278".
_PROSE_SESSION_RESOLUTION = _compile(r"""
    (?<!\w)r[ée]solution\s+(?:(?:n\s*[°º]|no\.?|num[ée]ro)\s*)?
    (?P<session>\d{1,2})\s*/\s*(?P<num>\d{1,4})(?!\d|/\d)
""", re.IGNORECASE)

# Further items of a list that began with a resolution: ", 2238 et 2253", " et 1820 (2008)".
_LIST_ITEM = _compile(r"""
    \s*(?:,|\bet\b|\band\b|\by\b)\s*
    (?P<num>\d{3,4})(?![\d/]|[.,<DASH>]\d)
    (?:
        <OLD_SESSION>
      | \s*\(\s*(?P<roman>[IVXLC]+)\s*<DASH>?\s*(?P<kind>[OE])\s*/?\s*(?P<ayy>\d{1,2})(?:\s*\))?
      | \s*\(\s*(?P<year>(?:19|20)\d{2})\s*\)
    )?
    (?=\s*(?:[,;.:)\]]|\bet\b|\band\b|\by\b|\b(?:du|de|des|del|of|adopt)|\Z))
""".replace("<OLD_SESSION>", _OLD_SESSION), re.IGNORECASE)

# The organ that follows a prose reference and says whose resolution it is.
_ORGAN_AFTER = _compile(r"""
    \A[\s,]*(?:\(\s*\d{4}\s*\)\s*)?
    (?:adopt[ée]+s?\s+(?:le\s+\d{1,2}\s+\w+\s+\d{4}\s+)?par\s+(?:le|l['’])\s*|d[eu]\s+(?:l['’]\s*)?)
    (?:
        (?P<sc>Conseil\s+de\s+s[ée]curit[ée])
      | (?P<ga>Assembl[ée]e\s+g[ée]n[ée]rale)
        (?:\s+(?P<ga_oas>de\s+l['’]\s*(?:OEA|Organisation\s+des\s+[ée]tats\s+am[ée]ricains))
          |\s+(?P<ga_un>des\s+Nations\s+Unies))?
      | (?P<cp>Conseil\s+permanent)(?:\s+(?P<cp_oas>de\s+l['’]\s*(?:OEA|Organisation)))?
    )
""", re.IGNORECASE)

# Any organ at all named after a reference ("du Conseil des droits de l'homme").
_ANY_ORGAN_AFTER = _compile(r"""
    \A[\s,]*(?:adopt[ée]+s?\s+par\s+(?:le|la|l['’])\s*|d[eu]\s+(?:la\s+|l['’]\s*)?)
    (?:Conseil|Commission|Comit[ée]|Assembl[ée]e|Conf[ée]rence)\b
""", re.IGNORECASE)

_ORGAN_WINDOW = 120
"""How far after a prose reference the organ phrase is looked for (characters)."""


# --------------------------------------------------------------------------------------------
# Readers: one per pattern, each turning a match into a Symbol (or None when it is not one)
# --------------------------------------------------------------------------------------------



def _read_session(
    roman: str | None, kind_letter: str | None, year_digits: str | None
) -> tuple[int | None, str | None, int | None]:
    """Session number, kind and year of an OAS General Assembly session, as far as trustworthy.

    A regular session whose year contradicts its number (``XXXIX-O4``: session 39 was in
    2009, not 2004) is garbled; neither part can be trusted, so both are dropped and only the
    kind is kept.
    """
    if roman is None or kind_letter is None:
        return None, None, None
    kind = _KIND_LETTERS[kind_letter.upper()]
    session = from_roman(roman)
    year = expand_year(year_digits) if year_digits else None
    if session is None:
        return None, kind, None
    if kind == "regular" and year is not None and year != _OAS_REGULAR_SESSION_EPOCH + session:
        return None, kind, None
    return session, kind, year


def _read_oas_act(match: re.Match[str]) -> Symbol:
    organ, act = match["organ"], match["act"]
    session, kind, year = _read_session(match["roman"], match["kind"], match["ayy"])
    council_year = match["cyy"] or match["myy"]
    if council_year:
        year = expand_year(council_year)
    return Symbol(
        raw=match[0], body="oas", series=f"{organ}/{act}", number=str(int(match["num"])),
        session_number=session, session_kind=kind, year=year,
        revision=read_revision(match["rev"]), is_resolution=act == "RES",
    )


def _normalise_oas_series(series: str) -> str:
    series = re.sub(r"\s+", "", series)
    series = re.sub(r"/(?:Doc|DOC|doc)$", "/doc", series)
    return re.sub(DASH, "-", series)


def _read_oas_document(match: re.Match[str]) -> Symbol:
    number = match["num"] or match["snum"]
    year_digits = match["yy"] or match["syy"]
    return Symbol(
        raw=match[0], body="oas", series=_normalise_oas_series(match["series"]),
        number=str(int(number)), year=expand_year(year_digits) if year_digits else None,
        revision=read_revision(match["rev"]),
    )


def _read_oea_series_document(match: re.Match[str]) -> Symbol:
    return Symbol(
        raw=match[0], body="oas", series=f"OEA/Ser.{match['series']}",
        number=str(int(match["num"])), revision=read_revision(match["rev"]),
    )


_Reader = Callable[[re.Match[str]], Symbol | None]

# parse_symbol takes the first pattern matching the whole text; find_symbols keeps the longest
# of overlapping mentions, so the order here only has to put the specific patterns first.
_GRAMMAR: tuple[tuple[re.Pattern[str], _Reader], ...] = (
    (_OAS_ACT, _read_oas_act),
    (_OAS_DOCUMENT, _read_oas_document),
    (_OEA_SERIES_DOCUMENT, _read_oea_series_document),
    *UN_GRAMMAR,
)


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def parse_symbol(text: str) -> Symbol:
    """Read one written symbol (the whole string, surrounding spaces ignored).

    Raises :class:`SymbolError` when the string is not exactly one symbol; prose such as
    "résolution 1325" is not a symbol (which organ adopted it depends on context), use
    :func:`find_symbols` for that.
    """
    if not isinstance(text, str):
        raise SymbolError(f"a document symbol must be a string, got {type(text).__name__}")
    stripped = text.strip()
    for pattern, reader in _GRAMMAR:
        match = pattern.fullmatch(stripped)
        if match and (symbol := reader(match)) is not None:
            return symbol
    raise SymbolError(
        f"{stripped!r} is not a document symbol: expected an OAS symbol such as "
        "'AG/RES. 2945 (XLIX-O/19)', 'CP/RES. 1061/16', 'CP/doc.5545/19 rev. 1', "
        "'CP/CSH-1933/19', or a UN symbol such as 'S/RES/1325 (2000)', 'A/RES/62/278', "
        "'S/2000/1044'"
    )


def find_symbols(text: str, context_body: str | None = None) -> list[SymbolMatch]:
    """Every symbol mentioned in a free text (French, English, Spanish), in reading order,
    without overlaps.

    ``context_body`` says which organisation the text belongs to ("oas" or "un").  It only
    matters for prose references that do not name their organ: in a UN text a bare
    "résolution 1325" is the Security Council's.  Whatever the context, a number that the same
    text elsewhere ties to an organ ("Résolution 1325 du Conseil de sécurité", "S/RES/1325")
    keeps that organ in its bare mentions; bare numbers that nothing resolves are left out
    rather than guessed.
    """
    if context_body is not None and context_body not in BODIES:
        raise ValueError(
            f"context_body must be one of {', '.join(BODIES)} or None, got {context_body!r}"
        )
    matches = list(_written_symbols(text))
    matches += _list_continuations(text, matches)
    prose = _prose_references(text, context_body, matches)
    prose += _prose_session_references(text, context_body)
    return _without_overlaps(matches + prose)


# --------------------------------------------------------------------------------------------
# find_symbols, step by step
# --------------------------------------------------------------------------------------------


def _written_symbols(text: str) -> Iterator[SymbolMatch]:
    """Symbols written as symbols (AG/RES. …, CP/doc. …, S/RES/…)."""
    for pattern, reader in _GRAMMAR:
        for match in pattern.finditer(text):
            start = match.start()
            prefix = _OEA_SERIES_PREFIX.search(text, max(0, start - 60), start)
            if prefix and pattern is not _OEA_SERIES_DOCUMENT:
                # The classification prefix belongs to the mention, not to the identity.
                start = prefix.start()
            symbol = reader(match)
            if symbol is None:
                continue
            yield SymbolMatch(start, match.end(), _with_raw(symbol, text[start:match.end()]))


def _with_raw(symbol: Symbol, raw: str) -> Symbol:
    return symbol if symbol.raw == raw else replace(symbol, raw=raw)


def _list_continuations(text: str, found: list[SymbolMatch]) -> list[SymbolMatch]:
    """Bare numbers that continue a list of resolutions: "AG/RES. 2224, 2238 et 2253"."""
    extra: list[SymbolMatch] = []
    for head in found:
        if head.symbol.is_resolution and head.symbol.series != "A/RES":
            extra += _continue_list(text, head)
    return extra


def _continue_list(text: str, head: SymbolMatch) -> list[SymbolMatch]:
    items: list[SymbolMatch] = []
    position = head.end
    while (item := _LIST_ITEM.match(text, position)) is not None:
        symbol = _list_item_symbol(head.symbol, item)
        items.append(SymbolMatch(item.start("num"), item.end(), symbol))
        position = item.end()
    return items


def _list_item_symbol(head: Symbol, item: re.Match[str]) -> Symbol:
    raw = item[0][item.start("num") - item.start():]
    if head.series == "S/RES":
        year = int(item["year"]) if item["year"] else None
        return Symbol(raw=raw, body="un", series="S/RES", number=str(int(item["num"])),
                      year=year, is_resolution=True)
    session, kind, year = _read_session(item["roman"], item["kind"], item["ayy"])
    return Symbol(raw=raw, body=head.body, series=head.series, number=str(int(item["num"])),
                  session_number=session, session_kind=kind, year=year, is_resolution=True)


@dataclass(frozen=True)
class _ProseMention:
    """A bare "résolution N" mention, with the organ its own words name (if any)."""

    start: int
    end: int
    number: str
    year: int | None
    organ: str | None
    #: the session of an Assembly resolution numbered before it: "III", "S-IV"
    old_session: str | None = None


def _prose_references(
    text: str, context_body: str | None, written: list[SymbolMatch]
) -> list[SymbolMatch]:
    """"résolution 1325 …" mentions whose organ can be established; see find_symbols."""
    mentions = [m for match in _PROSE_RESOLUTION.finditer(text)
                for m in _prose_group(text, match, context_body)]
    known = _series_by_number(written, mentions)
    resolved: list[SymbolMatch] = []
    for mention in mentions:
        if mention.old_session:
            # "resolution 217 A (III)": the session in roman numerals is the Assembly's
            resolved += _old_assembly_match(text, mention)
            continue
        series = mention.organ or known.get(mention.number)
        if series is None and context_body == "un":
            series = "S/RES"
        if series is not None:
            resolved.append(_prose_match(text, mention, series))
    return resolved


def _prose_group(
    text: str, match: re.Match[str], context_body: str | None
) -> list[_ProseMention]:
    """One prose reference and the list items that follow it, all sharing the organ named
    after the last item ("résolutions 1325 et 1820 du Conseil de sécurité")."""
    spans = [(match.start(), match.end(), match["num"], match["year"], _old_session(match))]
    position = match.end()
    while (item := _LIST_ITEM.match(text, position)) is not None and not item["roman"]:
        spans.append((item.start("num"), item.end(), item["num"], item["year"],
                      _old_session(item)))
        position = item.end()
    organ = _organ_after(text, position, context_body)
    return [_ProseMention(start, end, str(int(number)), _year(year), organ, old)
            for start, end, number, year, old in spans]


def _old_session(match: re.Match[str]) -> str | None:
    """"III" of "217 A (III)", "S-IV" of "1874 (S-IV)"."""
    if not match["oroman"]:
        return None
    return f"{match['okind']}-{match['oroman']}" if match["okind"] else match["oroman"]


def _year(digits: str | None) -> int | None:
    return int(digits) if digits else None


def _organ_after(text: str, position: int, context_body: str | None) -> str | None:
    """The resolution series named by the words right after a prose reference, if any."""
    found = _ORGAN_AFTER.match(text[position:position + _ORGAN_WINDOW])
    if found is None:
        return None
    if found["sc"]:
        return "S/RES"
    if found["ga"]:
        if found["ga_un"]:
            return None  # A UNGA resolution needs its session, which prose does not give.
        return "AG/RES" if found["ga_oas"] or context_body == "oas" else None
    return "CP/RES" if found["cp_oas"] or context_body == "oas" else None


def _series_by_number(
    written: list[SymbolMatch], mentions: list[_ProseMention]
) -> dict[str, str]:
    """Numbers this text ties to exactly one resolution series (A/RES needs a session: no)."""
    seen: dict[str, set[str]] = {}
    for match in written:
        if match.symbol.is_resolution and match.symbol.series != "A/RES":
            seen.setdefault(match.symbol.number, set()).add(match.symbol.series)
    for mention in mentions:
        if mention.organ and not mention.old_session:
            seen.setdefault(mention.number, set()).add(mention.organ)
    return {number: next(iter(series)) for number, series in seen.items() if len(series) == 1}


def _old_assembly_match(text: str, mention: _ProseMention) -> list[SymbolMatch]:
    try:
        symbol = parse_symbol(f"A/RES/{mention.number} ({mention.old_session})")
    except SymbolError:
        return []  # "(XL)": no session numbered its resolutions so
    raw = text[mention.start:mention.end]
    return [SymbolMatch(mention.start, mention.end, replace(symbol, raw=raw))]


def _prose_match(text: str, mention: _ProseMention, series: str) -> SymbolMatch:
    body = "un" if series == "S/RES" else "oas"
    symbol = Symbol(raw=text[mention.start:mention.end], body=body, series=series,
                    number=mention.number, year=mention.year if body == "un" else None,
                    is_resolution=True)
    return SymbolMatch(mention.start, mention.end, symbol)


def _prose_session_references(text: str, context_body: str | None) -> list[SymbolMatch]:
    """"résolution 62/278 de l'Assemblée générale": a UNGA resolution, session then number.

    Accepted when the words after it name the General Assembly (not the OAS one), or when the
    text is a UN text and no other organ is named; other organs (the Human Rights Council)
    number their resolutions the same way.
    """
    found: list[SymbolMatch] = []
    for match in _PROSE_SESSION_RESOLUTION.finditer(text):
        if _names_united_nations_assembly(text[match.end():match.end() + _ORGAN_WINDOW],
                                          context_body):
            symbol = Symbol(raw=match[0], body="un", series="A/RES",
                            number=str(int(match["num"])),
                            session_number=int(match["session"]), is_resolution=True)
            found.append(SymbolMatch(match.start(), match.end(), symbol))
    return found


def _names_united_nations_assembly(following: str, context_body: str | None) -> bool:
    """Whether the words after "résolution 62/278" make it a UN General Assembly resolution."""
    organ = _ORGAN_AFTER.match(following)
    if organ is not None and organ["ga"] and not organ["ga_oas"]:
        return bool(organ["ga_un"]) or context_body != "oas"
    return context_body == "un" and _ANY_ORGAN_AFTER.match(following) is None


def _without_overlaps(matches: list[SymbolMatch]) -> list[SymbolMatch]:
    """Keep, among overlapping mentions, the one starting first and then the longest."""
    kept: list[SymbolMatch] = []
    for match in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if kept and match.start < kept[-1].end:
            continue
        kept.append(match)
    return kept
