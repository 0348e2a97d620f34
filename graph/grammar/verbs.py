"""The verbs that open resolution clauses (``verbs.tsv``): what a clause's opening words mean.

A clause opens with a verb phrase, possibly qualified ("Also requests", "Prie en outre",
"Solicita asimismo"). The lexicon is a data file, one phrase a line per language, so a new verb
or language is a line to add, not code to write. Matching folds case and takes the longest
phrase that opens the clause once the modifiers are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from graph.grammar.tables import read_table

LEXICON_FILE = Path(__file__).with_name("verbs.tsv")
LANGUAGES = ("en", "fr", "es")
_SPACE = re.compile(r"\s+")
_APOSTROPHE = str.maketrans({"’": "'", "\u00a0": " ", "\u202f": " ", "\u2011": "-"})


@dataclass(frozen=True)
class VerbMatch:
    """The lexicon's reading of a clause opening: the phrase found and what it means."""

    phrase: str
    code: str
    #: characters of the clause's opening consumed by the modifiers and the phrase
    length: int


def fold(text: str) -> str:
    """Lower case, one kind of apostrophe and of space: how phrases are compared."""
    return _SPACE.sub(" ", text.translate(_APOSTROPHE)).strip().lower()


@cache
def _entries() -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(language, part) → [(phrase, code)], longest phrase first."""
    rows = read_table(LEXICON_FILE, "language, part, phrase, code")
    table = {key: [(fold(phrase), code) for phrase, code in entries]
             for key, entries in rows.items()}
    for entries in table.values():
        entries.sort(key=lambda e: -len(e[0]))
    return table


def load_phrases(language: str, part: str) -> list[tuple[str, str]]:
    """The (folded phrase, code) pairs of one language and part, longest first: the mandate
    grammar builds its clause boundaries ("..., and requests") from them."""
    return list(_entries().get((language, part), []))


def read_verb(opening: str, language: str, part: str) -> VerbMatch | None:
    """What the opening words of a clause mean, or None when the lexicon does not know them.

    ``part`` is "preamble" or "operative". The match must end at a word boundary, so that
    "Notes" is not read as "Note".
    """
    folded = fold(opening)
    position = 0
    modifiers = _entries().get((language, "modifier"), [])
    phrases = _entries().get((language, part), [])
    while True:
        rest = folded[position:]
        for phrase, code in phrases:
            if _opens(rest, phrase):
                return VerbMatch(phrase, code, position + len(phrase))
        skipped = next((m for m, _ in modifiers if _opens(rest, m)), None)
        if skipped is None:
            return None
        position += len(skipped)
        while position < len(folded) and folded[position] in " ,":
            position += 1


def _opens(text: str, phrase: str) -> bool:
    if not text.startswith(phrase):
        return False
    return len(text) == len(phrase) or not text[len(phrase)].isalnum()
