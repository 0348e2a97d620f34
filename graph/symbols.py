"""The grammar of document symbols (OAS and UN), and a recogniser for free French text.

A *symbol* is the registry number an organisation gives to a text: ``AG/RES. 2945 (XLIX-O/19)``,
``CP/doc.5545/19 rev. 1``, ``S/RES/1325 (2000)``.  The graph identifies resolutions and documents
by their symbol, so that two source documents citing the same text meet at one node.  Real texts
write symbols loosely (missing dots, stray or non-breaking spaces, typographic dashes, a lost
slash in the session), so the patterns here tolerate those variants, and then normalise to one
canonical form and one IRI path.

The user-facing description of the grammar, with examples, is in ``docs/symbols.md``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

__all__ = [
    "BODIES",
    "Symbol",
    "SymbolError",
    "SymbolMatch",
    "find_symbols",
    "parse_symbol",
]

BODIES = ("oas", "un")
"""The organisations whose symbols this module knows."""


class SymbolError(ValueError):
    """Raised when a text is not a document symbol this grammar recognises."""


# --------------------------------------------------------------------------------------------
# Small value helpers
# --------------------------------------------------------------------------------------------

_ROMAN_VALUES = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def to_roman(value: int) -> str:
    """Write a positive integer in roman numerals, as OAS session numbers are written."""
    if value <= 0:
        raise ValueError(f"roman numerals need a positive integer, got {value}")
    out = []
    for amount, letters in _ROMAN_VALUES:
        count, value = divmod(value, amount)
        out.append(letters * count)
    return "".join(out)


def from_roman(text: str) -> int | None:
    """Read a roman numeral; None when it is not well formed (so that garbage is not a session).

    Well-formedness is checked by writing the value back: ``IIII`` or ``XLX`` read as numbers
    but are not how any session is numbered, and accepting them would invent sessions.
    """
    letters = dict((letter, amount) for amount, letter in _ROMAN_VALUES if len(letter) == 1)
    text = text.upper()
    if not text or any(char not in letters for char in text):
        return None
    total = 0
    for index, char in enumerate(text):
        amount = letters[char]
        following = letters[text[index + 1]] if index + 1 < len(text) else 0
        total += -amount if amount < following else amount
    return total if total > 0 and to_roman(total) == text else None


def expand_year(digits: str) -> int:
    """Turn the year digits of a symbol into a year: ``19`` -> 2019, ``99`` -> 1999.

    OAS symbols use two digits.  The Organisation's symbol series start around 1970, so two
    digits of 70 or more are read as 19xx and the others as 20xx.  Four digits are kept.
    """
    value = int(digits)
    if len(digits) >= 3:
        return value
    return 1900 + value if value >= 70 else 2000 + value


def _slug(text: str) -> str:
    """Lower-case ASCII slug: every run of other characters becomes one hyphen."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# First OAS General Assembly regular session: 1971 (session I).  Regular session n is held in
# 1970 + n (XLIX-O/19: 49 -> 2019), which lets us catch a garbled session such as "XXXIX-O4".
_OAS_REGULAR_SESSION_EPOCH = 1970

_KIND_LETTERS = {"O": "regular", "E": "special"}
_LETTER_OF_KIND = {kind: letter for letter, kind in _KIND_LETTERS.items()}
# The UN General Assembly numbers the resolutions of a special session (A/RES/S-32/1) and of an
# emergency special session (A/RES/ES-11/1) in series of their own.
_UN_SESSION_PREFIX = {"S": "special", "ES": "emergency-special"}
_PREFIX_OF_UN_KIND = {kind: prefix for prefix, kind in _UN_SESSION_PREFIX.items()}
_SESSION_KINDS = ("regular", "special", "emergency-special")

# --------------------------------------------------------------------------------------------
# The symbol value
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Symbol:
    """One document symbol, split into the parts that carry meaning.

    ``raw`` keeps the mention as written (it becomes ``mg:symbol``); the other fields are the
    normalised reading, from which :meth:`canonical` and :meth:`iri_path` are derived, so that
    every spelling of a symbol yields the same IRI.
    """

    raw: str
    body: str
    series: str
    number: str
    session_number: int | None = None
    session_kind: str | None = None
    year: int | None = None
    revision: str | None = None
    is_resolution: bool = False

    def __post_init__(self) -> None:
        # A Symbol built by hand must still name an organisation and a kind the IRIs know.
        if self.body not in BODIES:
            raise SymbolError(f"body must be one of {', '.join(BODIES)}, got {self.body!r}")
        if self.session_kind not in (None, *_SESSION_KINDS):
            raise SymbolError(
                f"session_kind must be one of {', '.join(_SESSION_KINDS)} or None, "
                f"got {self.session_kind!r}"
            )

    def canonical(self) -> str:
        """The symbol written the way the issuing organisation writes it."""
        if self.series in ("S/RES", "A/RES"):
            return self._canonical_un_resolution()
        if self.body == "un":
            return self._canonical_un_document()
        if self.series.endswith(("/RES", "/DEC")):
            return self._canonical_oas_act()
        return self._canonical_oas_document()

    def iri_path(self) -> str:
        """The IRI path of the thing the symbol names, relative to the data base.

        Resolutions keep only what makes them unique (body, series, number, and the session
        where numbering restarts each session); documents keep their whole normalised symbol,
        revision included, since ``rev. 1`` is a different text.
        """
        if self.is_resolution:
            return f"resolution/{self.body}-{self._resolution_key()}"
        if self.series.endswith("/DEC"):
            return f"document/{self.body}-{_slug(self.series)}-{_slug(self.number)}"
        return f"document/{self.body}-{_slug(self.canonical())}"

    # -- private helpers --------------------------------------------------------------------

    def _resolution_key(self) -> str:
        """Series and number, plus the session where the number alone is not unique."""
        series = _slug(self.series)
        if self.series == "A/RES":
            return f"{series}-{_slug(self._un_session())}-{self.number}"
        if self.session_kind == "special" and self.session_number is not None:
            # Special-session resolutions of the OAS General Assembly are numbered from 1 in
            # each session (AG/RES. 1 (LIII-E/18)), so the session is part of their identity.
            return f"{series}-{self.number}-{to_roman(self.session_number).lower()}-e"
        return f"{series}-{self.number}"

    def _revision_suffix(self, un_style: bool) -> str:
        if not self.revision:
            return ""
        if not un_style:
            return f" {self.revision}"
        return "".join(f"/{part.split('.')[0].capitalize()}.{part.split()[-1]}"
                       for part in _split_revision(self.revision))

    def _canonical_un_resolution(self) -> str:
        if self.series == "A/RES":
            return f"A/RES/{self._un_session()}/{self.number}{self._revision_suffix(True)}"
        year = f" ({self.year})" if self.year else ""
        return f"S/RES/{self.number}{year}{self._revision_suffix(True)}"

    def _un_session(self) -> str:
        """``78``, ``S-32``, ``ES-11``: a General Assembly session as its symbols write it."""
        prefix = _PREFIX_OF_UN_KIND.get(self.session_kind or "")
        return f"{prefix}-{self.session_number}" if prefix else str(self.session_number)

    def _canonical_un_document(self) -> str:
        middle = self.year if self.year is not None else self.session_number
        parts = [self.series] + ([str(middle)] if middle is not None else []) + [self.number]
        return "/".join(parts) + self._revision_suffix(True)

    def _canonical_oas_act(self) -> str:
        text = f"{self.series}. {self.number}"
        if self.series.startswith("CP/") and self.year is not None:
            text += f"/{self.year % 100:02d}"
        elif self.session_number is not None and self.session_kind is not None:
            letter = _LETTER_OF_KIND[self.session_kind]
            year = f"/{self.year % 100:02d}" if self.year is not None else ""
            text += f" ({to_roman(self.session_number)}-{letter}{year})"
        return text + self._revision_suffix(False)

    def _canonical_oas_document(self) -> str:
        if self.series.startswith("OEA/Ser."):
            text = f"{self.series} Doc. {self.number}"
        elif self.series.endswith("/doc"):
            text = f"{self.series}.{self.number}"
        elif self.series.endswith("/INF"):
            text = f"{self.series}. {self.number}"
        else:
            text = f"{self.series}-{self.number}"
        if self.year is not None:
            text += f"/{self.year % 100:02d}"
        return text + self._revision_suffix(False)


def _split_revision(revision: str) -> list[str]:
    """``"rev. 1 corr. 2"`` -> ``["rev. 1", "corr. 2"]``."""
    return re.findall(r"[a-z]+\. \d+", revision)


@dataclass(frozen=True)
class SymbolMatch:
    """A symbol found in a text: ``text[start:end]`` is exactly the mention."""

    start: int
    end: int
    symbol: Symbol


# --------------------------------------------------------------------------------------------
# Patterns.  Placeholders in angle brackets are filled in by _compile, so that every pattern
# shares one definition of what a dash, a revision or a left boundary is.
# --------------------------------------------------------------------------------------------

_FRAGMENTS = {
    # Hyphen, non-breaking hyphen, figure dash, en and em dash, minus sign.
    "<DASH>": r"[-\u2010\u2011\u2012\u2013\u2014\u2212]",
    # A symbol never starts inside a word or a path (http://…/AG/…, cp27822e01).
    "<START>": r"(?<![\w/.])",
    # rev. 1, Rev.2, corr. 1, Add.3, amend. 1, possibly several, separated by space, / or ,.
    "<REV>": r"""(?P<rev>(?:\s*[/,]?\s*(?i:rev|corr|add|amend)\s*\.?\s*\d{1,2}(?!\d))+)""",
}


def _compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    for placeholder, fragment in _FRAGMENTS.items():
        pattern = pattern.replace(placeholder, fragment)
    return re.compile(pattern, re.VERBOSE | flags)


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
_UN_RESOLUTION = _compile(r"""
    <START>
    (?:
        S\s*/\s*RES\s*/\s*(?P<snum>\d{1,4})(?!\d|/\d)(?:\s*\(\s*(?P<year>\d{4})\s*\))?
      | A\s*/\s*RES\s*/\s*(?:(?P<skind>ES|S)\s*-\s*)?(?P<session>\d{1,2})\s*/\s*(?P<anum>\d{1,4})
        (?!\d|/\d)
    )
    (?:<REV>)?
""")

# S/2000/1044, S/PRST/2008/12, A/62/100, A/62/L.5, A/C.3/62/L.12, A/HRC/7/3, E/CN.6/2008/2.
_UN_DOCUMENT = _compile(r"""
    <START>
    (?:
        (?P<yseries>S(?:/PRST)?|E(?:/CN\.\d{1,2})?)/(?P<year>(?:19|20)\d{2})
      | (?P<sseries>A(?:/C\.\d|/HRC)?)/(?P<session>\d{1,2})
    )
    /(?P<num>(?:L\.)?\d{1,5})(?!\d|/\d)
    (?:<REV>)?
""")

# French prose: "résolution 1325", "Résolution n° 1325 (2000)", "résolutions 1325 et 1820".
_PROSE_RESOLUTION = _compile(r"""
    (?<!\w)r[ée]solutions?\s+(?:(?:n\s*[°º]|no\.?|num[ée]ro)\s*)?
    (?P<num>\d{2,4})(?![\d/]|[.,<DASH>]\d)
    (?:\s*\(\s*(?P<year>(?:19|20)\d{2})\s*\))?
""", re.IGNORECASE)

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
        \s*\(\s*(?P<roman>[IVXLC]+)\s*<DASH>?\s*(?P<kind>[OE])\s*/?\s*(?P<ayy>\d{1,2})(?:\s*\))?
      | \s*\(\s*(?P<year>(?:19|20)\d{2})\s*\)
    )?
    (?=\s*(?:[,;.:)\]]|\bet\b|\band\b|\by\b|\b(?:du|de|des|adopt)|\Z))
""", re.IGNORECASE)

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


def _read_revision(text: str | None) -> str | None:
    """Normalise '  rev.1 /Corr. 2' to 'rev. 1 corr. 2'."""
    if not text:
        return None
    parts = re.findall(r"([A-Za-z]+)\s*\.?\s*(\d+)", text)
    return " ".join(f"{word.lower()}. {int(number)}" for word, number in parts)


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
        revision=_read_revision(match["rev"]), is_resolution=act == "RES",
    )


def _normalise_oas_series(series: str) -> str:
    series = re.sub(r"\s+", "", series)
    series = re.sub(r"/(?:Doc|DOC|doc)$", "/doc", series)
    return re.sub(_FRAGMENTS["<DASH>"], "-", series)


def _read_oas_document(match: re.Match[str]) -> Symbol:
    number = match["num"] or match["snum"]
    year_digits = match["yy"] or match["syy"]
    return Symbol(
        raw=match[0], body="oas", series=_normalise_oas_series(match["series"]),
        number=str(int(number)), year=expand_year(year_digits) if year_digits else None,
        revision=_read_revision(match["rev"]),
    )


def _read_oea_series_document(match: re.Match[str]) -> Symbol:
    return Symbol(
        raw=match[0], body="oas", series=f"OEA/Ser.{match['series']}",
        number=str(int(match["num"])), revision=_read_revision(match["rev"]),
    )


def _read_un_resolution(match: re.Match[str]) -> Symbol:
    revision = _read_revision(match["rev"])
    if match["snum"]:
        year = int(match["year"]) if match["year"] else None
        return Symbol(raw=match[0], body="un", series="S/RES", number=str(int(match["snum"])),
                      year=year, revision=revision, is_resolution=True)
    return Symbol(raw=match[0], body="un", series="A/RES", number=str(int(match["anum"])),
                  session_number=int(match["session"]),
                  session_kind=_UN_SESSION_PREFIX.get(match["skind"] or ""),
                  revision=revision, is_resolution=True)


def _read_un_document(match: re.Match[str]) -> Symbol:
    number = match["num"]
    number = number if number.startswith("L.") else str(int(number))
    return Symbol(
        raw=match[0], body="un", series=match["yseries"] or match["sseries"], number=number,
        session_number=int(match["session"]) if match["session"] else None,
        year=int(match["year"]) if match["year"] else None,
        revision=_read_revision(match["rev"]),
    )


_Reader = Callable[[re.Match[str]], Symbol]

# parse_symbol takes the first pattern matching the whole text; find_symbols keeps the longest
# of overlapping mentions, so the order here only has to put the specific patterns first.
_GRAMMAR: tuple[tuple[re.Pattern[str], _Reader], ...] = (
    (_OAS_ACT, _read_oas_act),
    (_OAS_DOCUMENT, _read_oas_document),
    (_OEA_SERIES_DOCUMENT, _read_oea_series_document),
    (_UN_RESOLUTION, _read_un_resolution),
    (_UN_DOCUMENT, _read_un_document),
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
        if match:
            return reader(match)
    raise SymbolError(
        f"{stripped!r} is not a document symbol: expected an OAS symbol such as "
        "'AG/RES. 2945 (XLIX-O/19)', 'CP/RES. 1061/16', 'CP/doc.5545/19 rev. 1', "
        "'CP/CSH-1933/19', or a UN symbol such as 'S/RES/1325 (2000)', 'A/RES/62/278', "
        "'S/2000/1044'"
    )


def find_symbols(text: str, context_body: str | None = None) -> list[SymbolMatch]:
    """Every symbol mentioned in a free French text, in reading order, without overlaps.

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


def _prose_references(
    text: str, context_body: str | None, written: list[SymbolMatch]
) -> list[SymbolMatch]:
    """"résolution 1325 …" mentions whose organ can be established; see find_symbols."""
    mentions = [m for match in _PROSE_RESOLUTION.finditer(text)
                for m in _prose_group(text, match, context_body)]
    known = _series_by_number(written, mentions)
    resolved: list[SymbolMatch] = []
    for mention in mentions:
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
    spans = [(match.start(), match.end(), match["num"], match["year"])]
    position = match.end()
    while (item := _LIST_ITEM.match(text, position)) is not None and not item["roman"]:
        spans.append((item.start("num"), item.end(), item["num"], item["year"]))
        position = item.end()
    organ = _organ_after(text, position, context_body)
    return [_ProseMention(start, end, str(int(number)), _year(year), organ)
            for start, end, number, year in spans]


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
        if mention.organ:
            seen.setdefault(mention.number, set()).add(mention.organ)
    return {number: next(iter(series)) for number, series in seen.items() if len(series) == 1}


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
