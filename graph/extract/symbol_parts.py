"""The parts every document symbol is made of: the value (:class:`Symbol`), its session and
revision helpers, and the pattern fragments the grammars of :mod:`graph.extract.symbols` and
:mod:`graph.extract.un_symbols` share (what a dash, a revision or a left boundary is).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["BODIES", "DASH", "UN_SESSION_PREFIX", "Symbol", "SymbolError", "SymbolMatch",
           "compile_pattern", "expand_year", "from_roman", "read_revision", "to_roman"]

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
UN_SESSION_PREFIX = {"S": "special", "ES": "emergency-special"}
_PREFIX_OF_UN_KIND = {kind: prefix for prefix, kind in UN_SESSION_PREFIX.items()}
_SESSION_KINDS = ("regular", "special", "emergency-special")
# Until its thirtieth session (1975) the Assembly numbered its resolutions in one sequence with
# the session after them in roman numerals, "A/RES/217 (III)", "A/RES/1874 (S-IV)",
# "A/RES/2252 (ES-V)"; from these sessions on, the session comes first ("A/RES/31/1").
_FIRST_SESSION_FIRST = {"regular": 31, "special": 8, "emergency-special": 6}

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
        if self.series == "A/RES" and self.numbered_before_session():
            return f"{series}-{self.number}-{_slug(self._un_session(roman=True))}"
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

    def numbered_before_session(self) -> bool:
        """A General Assembly resolution of the first sessions: "A/RES/217 (III)"."""
        return self.session_number is not None and self.session_number < \
            _FIRST_SESSION_FIRST[self.session_kind or "regular"]

    def _canonical_un_resolution(self) -> str:
        if self.series == "A/RES" and self.numbered_before_session():
            return f"A/RES/{self.number} ({self._un_session(roman=True)})"
        if self.series == "A/RES":
            return f"A/RES/{self._un_session()}/{self.number}{self._revision_suffix(True)}"
        year = f" ({self.year})" if self.year else ""
        return f"S/RES/{self.number}{year}{self._revision_suffix(True)}"

    def _un_session(self, roman: bool = False) -> str:
        """``78``, ``S-32``, ``ES-11`` (``III``, ``S-IV`` in ``roman``): a General Assembly
        session as its symbols write it."""
        prefix = _PREFIX_OF_UN_KIND.get(self.session_kind or "")
        number = to_roman(self.session_number or 0) if roman else str(self.session_number)
        return f"{prefix}-{number}" if prefix else number

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


DASH = _FRAGMENTS["<DASH>"]


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    for placeholder, fragment in _FRAGMENTS.items():
        pattern = pattern.replace(placeholder, fragment)
    return re.compile(pattern, re.VERBOSE | flags)


def read_revision(text: str | None) -> str | None:
    """Normalise '  rev.1 /Corr. 2' to 'rev. 1 corr. 2'."""
    if not text:
        return None
    parts = re.findall(r"([A-Za-z]+)\s*\.?\s*(\d+)", text)
    return " ".join(f"{word.lower()}. {int(number)}" for word, number in parts)

