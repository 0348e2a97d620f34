"""Where a character of a clause's text sits in the file it was read from.

A clause's text (:attr:`graph.akn.reader.Clause.text`) is what a reader sees: the text of its
own blocks without markup, entities decoded, footnotes and numbers left out, whitespace runs
made one space, blocks joined by a space. It is not a slice of the XML file, so a span the
grammar finds in it ("the Secretary-General" at 9–30) must be carried back to the file before it
is evidence. This module does so by reading the clause's part of the file the way the reader
did — text runs, entities, skipped elements — and lining up its words with the clause's words.

A plain-text document (spans into that text) whose clause text is a verbatim slice needs none
of this; :func:`offsets` answers for both. When the words cannot be lined up (a file that
writes its text in a way the reader did not), there is no mapping and the caller falls back to
the clause's span.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable

Span = tuple[int, int]
#: elements whose text the clause leaves out: its numbers and footnotes, and its sub-paragraphs
#: (which sit between its own blocks when a list has an introduction and a wrap-up)
_SKIPPED = frozenset({"num", "authorialNote", "point", "paragraph", "subparagraph", "alinea"})
#: blocks the reader joins with a space even where the file puts no whitespace between them
_BLOCKS = frozenset({"p", "heading", "subheading"})
_TOKEN = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[^>]*>|&[^;<&\s]{1,32};|[^<&]+|&", re.S)
_TAG = re.compile(r"<(/?)(?:[\w.-]+:)?([\w.-]+)")
_WORD = re.compile(r"\S+")


def offsets(text: str, source: str, span: Span) -> Callable[[int, int], Span] | None:
    """A function from a span of ``text`` (a clause's text) to its span in ``source``, the file
    whose ``span`` the clause was read from; None when the two cannot be lined up."""
    start, end = span
    if source[start:end] == text:
        return lambda a, b: (start + a, start + b)
    visible, where, longer = _visible(source, start, end)
    words = [(m.start(), m.end()) for m in _WORD.finditer(visible)]
    if " ".join(visible[a:b] for a, b in words) != text:
        return _by_characters(text, visible, where, longer, end)
    # the clean text's word k starts at starts[k]: the words joined by one space
    starts: list[int] = []
    at = 0
    for a, b in words:
        starts.append(at)
        at += b - a + 1

    def char(i: int, *, closing: bool) -> int:
        """The file offset of clean character ``i`` (just after it when ``closing``)."""
        k = max(bisect.bisect_right(starts, i) - 1, 0)
        a, b = words[k]
        position = a + min(i - starts[k], b - a - 1)
        if not closing:
            return where[position]
        return longer.get(position, where[position] + 1)

    def convert(a: int, b: int) -> Span:
        if b <= a:
            point = char(a, closing=False) if a < len(text) else end
            return point, point
        return char(a, closing=False), char(b - 1, closing=True)

    return convert


#: a word the text breaks at the end of a line ("manage-\nment"), which a reader joins again
_LINE_BREAK_HYPHEN = re.compile(r"-[ \t]*\r?\n\s*|\xad")


def _by_characters(
    text: str, visible: str, where: list[int], longer: dict[int, int], end: int
) -> Callable[[int, int], Span] | None:
    """The mapping when the words differ: character by character, a space of ``text`` standing
    for any run of whitespace (or none, between blocks) and a word broken at a line's end with
    a hyphen read as the word whole; None at the first character that does not line up."""
    begins: list[int] = []
    ends: list[int] = []
    j = 0
    for char in text:
        if char == " ":
            at = where[j] if j < len(where) else end
            while j < len(visible) and visible[j].isspace():
                j += 1
            begins.append(at)
            ends.append(at)
            continue
        while j < len(visible) and visible[j] != char:
            broken = _LINE_BREAK_HYPHEN.match(visible, j)
            if broken is None:
                return None
            j = broken.end()
        if j >= len(visible):
            return None
        begins.append(where[j])
        ends.append(longer.get(j, where[j] + 1))
        j += 1

    def convert(a: int, b: int) -> Span:
        if b <= a:
            point = begins[a] if a < len(begins) else end
            return point, point
        return begins[a], ends[b - 1]

    return convert


def _visible(source: str, start: int, end: int) -> tuple[str, list[int], dict[int, int]]:
    """The text a reader sees in ``source[start:end]``, where each of its characters starts in
    ``source``, and where those that are longer there than one character end (an entity)."""
    chars: list[str] = []
    where: list[int] = []
    longer: dict[int, int] = {}
    skipping: list[str] = []
    for match in _TOKEN.finditer(source, start, end):
        token = match[0]
        at = match.start()
        if token.startswith("<"):
            tag = _TAG.match(token)
            if tag is None:
                continue
            closing, name = tag[1] == "/", tag[2]
            self_closing = token.endswith("/>")
            if skipping:
                if name == skipping[-1] and not self_closing:
                    if closing:
                        skipping.pop()
                    else:
                        skipping.append(name)
                continue
            if name in _SKIPPED and not closing and not self_closing:
                skipping.append(name)
            elif name in _BLOCKS:
                chars.append(" ")
                where.append(at)
            continue
        if skipping:
            continue
        if token.startswith("&") and len(token) > 1:
            decoded = html.unescape(token)
            for _ in decoded:
                longer[len(where)] = match.end()
                where.append(at)
            chars.append(decoded)
            continue
        chars.append(token)
        where.extend(range(at, match.end()))
    return "".join(chars), where, longer
