"""The lines of a printed resolution's text, told apart from the page they were printed on.

A PDF's text layer (or a web page saved as text) gives a resolution as wrapped lines, words
hyphenated across them, and page furniture in between: the job number, page numbers, the symbol
as a running head, footnotes below a rule. This module splits a text into lines that remember
their offsets, marks the furniture and the footnotes, and rejoins the lines of one clause into
its running text with a map back to the original offsets, so that every span the reader gives
is an exact span of the text it was handed (``text[start:end]`` is the evidence quote).
"""

from __future__ import annotations

import re
import tomllib
from array import array
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

PATTERNS_FILE = Path(__file__).with_name("resolution.toml")
_TRIM = " \t\f\r\u00a0\u200b\ufeff"


@cache
def patterns() -> dict[str, Any]:
    """The layout's data file, read once."""
    with PATTERNS_FILE.open("rb") as handle:
        return tomllib.load(handle)


@cache
def compiled(section: str, key: str) -> tuple[re.Pattern[str], ...]:
    """The patterns of ``[section] key`` (one or a list), compiled without regard to case."""
    value = patterns()[section][key]
    items = value if isinstance(value, list) else [value]
    return tuple(re.compile(p, re.IGNORECASE) for p in items)


@dataclass
class Line:
    """One line of the text: its content without the surrounding blanks, and where it sits."""

    start: int
    end: int
    text: str
    indent: int
    #: "body", "blank", "furniture" (job number, page number, running head), "note" (a footnote)
    kind: str = "body"


def split_lines(text: str) -> list[Line]:
    """Every line of ``text`` with its trimmed content's offsets; form feeds count as blanks."""
    lines: list[Line] = []
    position = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.strip(_TRIM)
        lead = len(body) - len(body.lstrip(_TRIM))
        start = position + lead
        kind = "body" if stripped else "blank"
        indent = len(body[:lead].replace("\f", "").expandtabs(8))
        lines.append(Line(start, start + len(stripped), stripped, indent, kind))
        position += len(raw)
    return lines


def mark_furniture(lines: list[Line], symbol: str | None) -> None:
    """Mark the page furniture and the footnotes of ``lines`` (in place).

    A footnote block runs from a rule line to the page's foot (the next furniture line); the
    running head is the symbol alone on a line, or with a page number.
    """
    furniture = compiled("furniture", "lines")
    rule = compiled("furniture", "footnote_rule")[0]
    head = _running_head(symbol) if symbol else None
    in_notes = False
    for line in lines:
        if line.kind == "blank":
            continue
        if any(p.match(line.text) for p in furniture) or (head and head.match(line.text)):
            line.kind = "furniture"
            in_notes = False
        elif rule.match(line.text):
            line.kind = "furniture"
            in_notes = True
        elif in_notes:
            line.kind = "note"


def _running_head(symbol: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in symbol.split()]
    spaced = r"\s*".join(words)
    return re.compile(rf"^(?:\d{{1,3}}/\d{{1,3}}\s+)?{spaced}(?:\s+\d{{1,3}}/\d{{1,3}})?$",
                      re.IGNORECASE)


_HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
_HEAD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=4)
def _hyphenated_words(text: str) -> frozenset[str]:
    """The words the text writes with a hyphen inside a line ("follow-up", "high-level")."""
    return frozenset(m[0].lower() for m in _HYPHENATED.finditer(text))


def _compound(text: str, out: list[str], piece: str) -> bool:
    """"follow-" + "up" where the text writes "follow-up" elsewhere: a compound, not a word
    the printer broke."""
    start = len(out) - 1
    while start > 0 and out[start - 1].isalpha():
        start -= 1
    head = _HEAD.match(piece)
    if head is None:
        return False
    return f"{''.join(out[start:-1])}-{head[0]}".lower() in _hyphenated_words(text)


def _suspended(piece: str) -> bool:
    """"science-" + "and evidence-based": a hyphen left hanging before a conjunction."""
    word = piece.split(" ", 1)[0].lower()
    return word in patterns()["join"]["suspended_before"]


@dataclass
class Joined:
    """The running text of some lines, and each of its characters' offset in the original."""

    text: str
    offsets: array  # type: ignore[type-arg]
    #: where the lines start, the span of an empty text
    anchor: int = 0

    def without(self, spans: list[tuple[int, int]]) -> Joined:
        """The text with the characters of ``spans`` left out (footnote markers)."""
        drop = {k for start, end in spans for k in range(start, end)}
        keep = [k for k in range(len(self.text)) if k not in drop]
        return Joined("".join(self.text[k] for k in keep),
                      array("q", (self.offsets[k] for k in keep)), self.anchor)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of ``text[start:end]`` (``end`` exclusive)."""
        if not self.offsets:
            return self.anchor, self.anchor
        if end <= start:
            position = self.offsets[min(start, len(self.offsets) - 1)]
            return position, position
        return self.offsets[start], self.offsets[end - 1] + 1


def join_lines(text: str, lines: list[Line], *, skip_first: int = 0) -> Joined:
    """The lines' content as one running text: one space where a line breaks, none where a
    word was hyphenated across the break ("naviga-" + "tion"), the hyphen kept when the next
    part starts with a capital or a digit ("Secretary-" + "General", "sub-" + "2030"), when
    the text writes the word with its hyphen elsewhere ("follow-" + "up": "follow-up"), and
    before a conjunction, with its space ("science-" + "and evidence-based").

    ``skip_first`` characters of the first line are left out (the paragraph's number).
    """
    out: list[str] = []
    offsets = array("q")
    for index, line in enumerate(lines):
        begin = line.start + (skip_first if index == 0 else 0)
        piece = text[begin:line.end]
        lead = len(piece) - len(piece.lstrip(_TRIM))
        begin += lead
        piece = piece[lead:]
        if not piece:
            continue
        if out:
            hyphen = out[-1] == "-" and len(out) > 1 and out[-2].isalpha()
            if not hyphen or _suspended(piece):
                out.append(" ")
                offsets.append(offsets[-1] + 1)
            elif piece[:1].islower() and not _compound(text, out, piece):
                out.pop()
                offsets.pop()
        for k, char in enumerate(piece):
            if char.isspace():
                if out and out[-1] == " ":
                    continue
                char = " "
            out.append(char)
            offsets.append(begin + k)
    return Joined("".join(out), offsets, lines[0].start if lines else 0)
