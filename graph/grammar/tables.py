"""The phrase tables of the grammar: TAB-separated data files beside the modules that read them.

Every phrase list of the grammar (date shapes, addressee phrases, deadline and periodicity
wording, ordinals) is a data file of four columns: language, role, pattern, value. A pattern is
a Python regular expression matched without regard to case, in which a space stands for any run
of white space and ' for either apostrophe (' or ’), so that a data file reads like the text it
describes. Keeping the wording out of code means a new phrase or a new language is a line to add.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

LANGUAGES = ("en", "fr", "es")
HERE = Path(__file__).parent

#: a table: (language, role) → [(pattern, value)] in file order
Table = dict[tuple[str, str], list[tuple[str, str]]]


@cache
def load_table(name: str) -> Table:
    """The rows of the data file ``name`` (in this package), checked for shape."""
    return read_table(HERE / name)


@cache
def read_table(path: Path, columns: str = "language, role, pattern, value") -> Table:
    """The rows of a four-column data file anywhere (the verb lexicon, the renewal wording
    too), checked for shape: a malformed line is named with its number and ``columns``."""
    rows: Table = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 4 or fields[0] not in LANGUAGES:
            raise ValueError(f"{path.name}:{number}: expected {columns} separated by tabs, "
                             f"got {line!r}")
        rows.setdefault((fields[0], fields[1]), []).append((fields[2], fields[3]))
    return rows


def translate(pattern: str) -> str:
    """A pattern of a data file as a regular expression: any white space, either apostrophe."""
    return pattern.replace(" ", r"\s+").replace("'", "['’]")


def patterns(name: str, language: str, role: str) -> list[str]:
    """The translated patterns of one role, longest first (so alternation prefers them)."""
    found = [translate(p) for p, _ in load_table(name).get((language, role), [])]
    return sorted(found, key=len, reverse=True)


def values(name: str, language: str, role: str) -> list[tuple[str, str]]:
    """(translated pattern, value) pairs of one role, in file order."""
    return [(translate(p), v) for p, v in load_table(name).get((language, role), [])]


def alternation(items: list[str], word: bool = True) -> str:
    """One regular expression matching any of ``items``, as whole words when ``word``."""
    body = "|".join(f"(?:{p})" for p in items) or r"(?!x)x"
    return rf"(?<!\w)(?:{body})(?!\w)" if word else f"(?:{body})"


def regex(pattern: str) -> re.Pattern[str]:
    """Compile a grammar pattern: case-insensitive, as every table says."""
    return re.compile(pattern, re.IGNORECASE)
