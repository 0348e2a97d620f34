"""Numbers as resolutions write them: digits or words, cardinal ("six months") or ordinal
("eightieth session"), in English, French and Spanish.

The words come from ``numbers.tsv``, a table generated once by :mod:`graph.grammar.make_numbers`
(babel formats numbers but cannot read them back), so reading "quatre-vingtième" or "octogésimo
primer" is a lookup, not a parser.
"""

from __future__ import annotations

import re
from functools import cache

from graph.grammar.tables import LANGUAGES, load_table

__all__ = ["number_pattern", "number_value"]

TABLE = "numbers.tsv"
_SPACE_OR_HYPHEN = re.compile(r"[\s\-‑]+")


def _key(words: str) -> str:
    return _SPACE_OR_HYPHEN.sub(" ", words.strip().lower())


@cache
def _words(language: str, role: str) -> dict[str, int]:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {language!r}")
    return {_key(words): int(value)
            for words, value in load_table(TABLE).get((language, role), [])}


@cache
def number_pattern(language: str, role: str = "cardinal") -> str:
    """A regular expression (no groups) of a number of ``role`` in ``language``: digits too.

    Ordinals in digits are written "80th", "80e", "80.º"; cardinals "90".
    """
    words = sorted(_words(language, role), key=len, reverse=True)
    spelled = "|".join(re.escape(w).replace(r"\ ", r"[\s\-‑]+") for w in words)
    digits = r"\d{1,4}" if role == "cardinal" else r"\d{1,3}(?:st|nd|rd|th|e|ème|\.?º|\.?ª|°)"
    return rf"(?:{digits}|{spelled})"


def number_value(text: str, language: str, role: str = "cardinal") -> int | None:
    """The number a match of :func:`number_pattern` writes, or None when it is not one."""
    digits = re.match(r"\d+", text.strip())
    if digits:
        return int(digits.group())
    return _words(language, role).get(_key(text))
