"""Clean the artefacts that Word/PDF conversion leaves in a text, without losing offsets.

The recognisers work on clean text, but every fact they extract must point back at the exact
characters of the source file (for provenance and for highlighting in the server).  So cleaning
never rewrites the text blindly: each artefact becomes an *edit* of the original (a span and its
replacement, usually nothing), and the clean text is rebuilt from the original and those edits.
The offset map is stored as run-length segments, one per stretch of copied text and one per
replacement, so that it costs memory in proportion to the number of artefacts, not to the size
of the file, and each lookup is a binary search.

What is cleaned (and why):

* ``[bookmark: …]`` markers: Word anchors, no content.
* ``[footnoteRef:N]`` markers (with the ``/`` OAS documents put after the call): the call itself
  carries no content.  The footnote text that follows in ``[N: …]`` is *kept where it stands*,
  because it belongs to the paragraph that cites it; only its brackets and the leftover number
  dot go.  Its clean span is listed in :attr:`NormalizedText.footnotes`, so that a recogniser can
  tell a date in a footnote ("initialement programmée pour le 23 avril") from one in the text.
* Markdown emphasis (``**``, ``__``, ``*``, ``_``) around words, ``#`` heading marks, backslash
  escapes and ``^{…}`` superscripts (``1^{er}``): typography, not text.  An asterisk or an
  underscore inside a word or a number is left alone.
* HTML tags (``<p>`` in table cells, ``<br/>``, ``<span …>``); a block tag between two words
  becomes one space, so that paragraphs of a cell do not glue together.  Entities are decoded.
* Unicode spaces (NBSP, thin spaces …) become a plain space, one for one; invisible characters
  (zero-width space, soft hyphen, byte order mark) are dropped; CR LF becomes LF.

Tabs and newlines are kept: tab-separated rows are the table structure later recognisers read
through :func:`iter_lines`.
"""

from __future__ import annotations

import html
import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

__all__ = [
    "Cell",
    "Footnote",
    "Line",
    "NormalizedText",
    "fold",
    "iter_lines",
    "normalize",
    "verbatim",
]


class Edit(NamedTuple):
    """Replace ``original[start:end]`` by ``replacement`` (often the empty string)."""

    start: int
    end: int
    replacement: str


class Footnote(NamedTuple):
    """A footnote kept inline: where it is cited and where its text lies, in clean offsets."""

    label: str
    ref: int
    start: int
    end: int


class Cell(NamedTuple):
    """One tab-separated cell of a line, in clean offsets, trimmed of surrounding spaces."""

    start: int
    end: int
    text: str


class Line(NamedTuple):
    """One line of clean text (without its newline) and its tab-separated cells."""

    start: int
    end: int
    text: str
    cells: list[Cell]


# --------------------------------------------------------------------------------------------
# Artefact patterns.  Each is matched against the ORIGINAL text, so that every edit is an
# interval of the original; conflicts between detectors are settled by priority (see _plan).
# --------------------------------------------------------------------------------------------

_BOOKMARK = re.compile(
    r"""
    \[bookmark:      # Word anchor exported by pandoc
    [^\]\n]*         # its name (never spans lines)
    \]
    """,
    re.VERBOSE,
)

_FOOTNOTE_REF = re.compile(
    r"""
    \[footnoteRef:(?P<label>\d+)\]   # the footnote call
    /?                               # OAS style writes the call as "3/"
    """,
    re.VERBOSE,
)

_FOOTNOTE_OPEN = re.compile(
    r"""
    \[(?P<label>\d+):     # opening of the inline footnote text, "[3:"
    [ \t]*                # padding
    (?:\.[ \t]*)?         # the dot left where Word put the footnote number, and its tab
    """,
    re.VERBOSE,
)

_FOOTNOTE_WINDOW = 600
"""How far after its call a footnote text may start (pandoc puts it right after the call)."""

_FOOTNOTE_MAX = 20_000
"""Longest footnote text searched for its closing bracket; beyond that it is not a footnote."""

_HEADING = re.compile(
    r"""
    ^[ ]{0,3}        # Markdown allows up to three spaces of indentation
    \#{1,6}          # heading level marks
    [ \t]+           # and the space that makes them a heading
    """,
    re.VERBOSE | re.MULTILINE,
)

_ESCAPE = re.compile(
    r"""
    \\                              # a Markdown backslash escape ...
    (?=[\\`*_{}\[\]()\#+\-.!|~<>^])  # ... of a character Markdown would otherwise interpret
    """,
    re.VERBOSE,
)

_EMPHASIS = re.compile(
    r"""
    (?<![\w\\*])                # the opener is not glued to a word nor escaped
    (?P<mark>\*{1,3}|_{1,3})    # bold, italic or both
    (?=[^\s*_])                 # the opener touches its content
    (?P<body>(?:(?!\n[ \t]*\n).)+?)  # shortest content, never across a blank line
    (?<=[^\s\\*_])              # the closer touches its content
    (?P=mark)
    (?![\w*])                   # and is not glued to a following word
    """,
    re.VERBOSE | re.DOTALL,
)

_SUPERSCRIPT = re.compile(
    r"""
    (?P<open>\^\{)  (?P<body>[^{}\n]{1,20})  (?P<close>\})   # pandoc raw form: 1^{er}
    | (?P<caret>\^) (?P<short>[^\s^]{1,10})  (?P<caret2>\^)  # pandoc Markdown form: 1^er^
    """,
    re.VERBOSE,
)

_TAG_NAMES = r"p|br|div|span|b|i|u|em|strong|sup|sub|font|li|ul|ol|a|td|tr|th|table|tbody|thead"
_BLOCK_TAGS = frozenset({"p", "br", "div", "li", "ul", "ol", "td", "tr", "th", "table"})

_HTML_TAG = re.compile(
    rf"""
    <
    /?                       # opening or closing tag
    (?P<name>{_TAG_NAMES})   # only tags that converters emit, so "a <b" prose stays
    (?:\s[^<>\n]*)?          # attributes
    /?>                      # possibly self-closing
    """,
    re.VERBOSE | re.IGNORECASE,
)

_TAG_RUN_GAP = re.compile(r"[ ]*")
"""Spaces (not tabs: they separate cells) allowed between two tags of one run."""

_ENTITY = re.compile(
    r"""
    &(?:
        [A-Za-z][A-Za-z0-9]{1,31}   # named: &amp; &nbsp;
      | \#[0-9]{1,7}                # decimal: &#39;
      | \#[xX][0-9A-Fa-f]{1,6}      # hexadecimal: &#x27;
    );
    """,
    re.VERBOSE,
)

_LINE_BREAKS = re.compile(
    r"""
    (?P<crlf>\r(?=\n))   # Windows line end: drop the CR
    | (?P<cr>\r)         # old Mac line end: becomes LF
    | (?P<invisible>[\u200b\u200c\u200d\u2060\ufeff\u00ad])  # zero-width, BOM, soft hyphen
    """,
    re.VERBOSE,
)

_SPACE_CHARS = "\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
_ONE_FOR_ONE = str.maketrans(
    {**{ch: " " for ch in _SPACE_CHARS}, "\u2028": "\n", "\u2029": "\n", "\x0b": "\n", "\x0c": "\n"}
)
"""Characters replaced one for one, after the edits: offsets are not affected."""


# --------------------------------------------------------------------------------------------
# The normalised text and its offset map
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NormalizedText:
    """Clean text plus the map back to the original.

    The map is a list of segments in clean order: segment *k* covers clean characters
    ``[clean_starts[k], next start)``; a *copy* segment maps them one for one onto the original
    from ``orig_starts[k]``, a *replacement* segment maps all of them onto the whole artefact
    ``[orig_starts[k], orig_ends[k])``.  Deleted artefacts have no segment: they are the gaps.
    """

    text: str
    original: str
    footnotes: tuple[Footnote, ...] = ()
    _clean_starts: array = field(default_factory=lambda: array("q"), repr=False, compare=False)
    _orig_starts: array = field(default_factory=lambda: array("q"), repr=False, compare=False)
    _orig_ends: array = field(default_factory=lambda: array("q"), repr=False, compare=False)
    _is_copy: bytearray = field(default_factory=bytearray, repr=False, compare=False)

    def _segment(self, i: int) -> int:
        """Index of the segment holding clean character ``i`` (0 <= i < len(text))."""
        return bisect_right(self._clean_starts, i) - 1

    def to_original(self, i: int) -> int:
        """Original index of clean character ``i``; ``len(text)`` maps to ``len(original)``.

        A character produced by a replacement (an entity, a tag turned into a space) maps to the
        start of the artefact it came from.
        """
        self._check_index(i)
        if i == len(self.text):
            return len(self.original)
        k = self._segment(i)
        if self._is_copy[k]:
            return self._orig_starts[k] + (i - self._clean_starts[k])
        return self._orig_starts[k]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original span of the clean span ``[start, end)``, tight around its characters.

        The end is mapped through the last character of the span, so a span that ends just
        before a removed artefact does not swallow it.
        """
        self._check_index(start)
        self._check_index(end)
        if end < start:
            raise ValueError(f"span end {end} is before its start {start}")
        if end == start:
            position = self.to_original(start)
            return position, position
        k = self._segment(end - 1)
        if self._is_copy[k]:
            orig_end = self._orig_starts[k] + (end - 1 - self._clean_starts[k]) + 1
        else:
            orig_end = self._orig_ends[k]
        return self.to_original(start), orig_end

    def from_original(self, j: int) -> int:
        """Clean index of original character ``j``; inside a removed artefact, the next kept one."""
        if not 0 <= j <= len(self.original):
            raise IndexError(f"original index {j} outside 0..{len(self.original)}")
        k = bisect_right(self._orig_starts, j) - 1
        if k < 0:
            return 0
        orig_start, clean_start = self._orig_starts[k], self._clean_starts[k]
        if self._is_copy[k]:
            length = self._segment_length(k)
            return clean_start + min(j - orig_start, length)
        if j < self._orig_ends[k]:
            return clean_start
        return clean_start + self._segment_length(k)

    def _segment_length(self, k: int) -> int:
        """Number of clean characters segment ``k`` produced."""
        following = self._clean_starts[k + 1] if k + 1 < len(self._clean_starts) else len(self.text)
        return following - self._clean_starts[k]

    def _check_index(self, i: int) -> None:
        if not 0 <= i <= len(self.text):
            raise IndexError(f"clean index {i} outside 0..{len(self.text)}")


# --------------------------------------------------------------------------------------------
# Detectors: each yields groups of edits that stand or fall together
# --------------------------------------------------------------------------------------------

EditGroup = tuple[Edit, ...]


def _bookmarks(text: str) -> Iterator[EditGroup]:
    for m in _BOOKMARK.finditer(text):
        yield (Edit(m.start(), m.end(), ""),)


def _closing_bracket(text: str, start: int) -> int | None:
    """Index of the ``]`` that closes a footnote whose text starts at ``start``, if any.

    Footnote texts cite symbols in brackets ("[AG/RES. 2625 …]"), so brackets are counted.
    """
    depth = 0
    limit = min(len(text), start + _FOOTNOTE_MAX)
    for index in range(start, limit):
        char = text[index]
        if char == "[":
            depth += 1
        elif char == "]":
            if depth == 0:
                return index
            depth -= 1
    return None


def _footnote_edits(text: str) -> Iterator[tuple[str, EditGroup]]:
    """Footnote calls and, when found right after the call, the brackets of their text.

    The text ``[N: …]`` is only taken for a footnote when a call with the same number precedes
    it closely, so that prose such as "[1: voir plus bas]" is left alone.
    """
    for ref in _FOOTNOTE_REF.finditer(text):
        label = ref.group("label")
        ref_edit = Edit(ref.start(), ref.end(), "")
        opener = _find_opener(text, label, ref.end())
        closing = _closing_bracket(text, opener.end()) if opener else None
        if opener is None or closing is None:
            yield label, (ref_edit,)
            continue
        yield (
            label,
            (
                ref_edit,
                Edit(opener.start(), opener.end(), ""),
                Edit(closing, closing + 1, ""),
            ),
        )


def _find_opener(text: str, label: str, after: int) -> re.Match[str] | None:
    """The ``[label:`` opener of a footnote text within the window after its call."""
    window_end = min(len(text), after + _FOOTNOTE_WINDOW)
    for m in _FOOTNOTE_OPEN.finditer(text, after, window_end):
        if m.group("label") == label:
            return m
    return None


def _headings(text: str) -> Iterator[EditGroup]:
    for m in _HEADING.finditer(text):
        yield (Edit(m.start(), m.end(), ""),)


def _escapes(text: str) -> Iterator[EditGroup]:
    for m in _ESCAPE.finditer(text):
        yield (Edit(m.start(), m.end(), ""),)


def _emphasis(
    text: str, start: int = 0, end: int | None = None, depth: int = 0
) -> Iterator[EditGroup]:
    """Pairs of emphasis markers, including emphasis nested in emphasis (a few levels)."""
    stop = len(text) if end is None else end
    for m in _EMPHASIS.finditer(text, start, stop):
        mark_length = len(m.group("mark"))
        yield (
            Edit(m.start(), m.start() + mark_length, ""),
            Edit(m.end() - mark_length, m.end(), ""),
        )
        if depth < 2:
            yield from _emphasis(text, m.start("body"), m.end("body"), depth + 1)


def _superscripts(text: str) -> Iterator[EditGroup]:
    for m in _SUPERSCRIPT.finditer(text):
        if m.group("open"):
            yield (Edit(m.start("open"), m.end("open"), ""), Edit(m.start("close"), m.end(), ""))
        else:
            yield (Edit(m.start("caret"), m.end("caret"), ""), Edit(m.start("caret2"), m.end(), ""))


def _html_tags(text: str) -> Iterator[EditGroup]:
    """Runs of adjacent tags, each run one edit: a space between two words, else nothing."""
    position = 0
    while (m := _HTML_TAG.search(text, position)) is not None:
        run_start, run_end = m.start(), m.end()
        names = {m.group("name").lower()}
        while True:
            gap = _TAG_RUN_GAP.match(text, run_end)
            after_gap = gap.end() if gap else run_end
            following = _HTML_TAG.match(text, after_gap)
            if following is None:
                break
            names.add(following.group("name").lower())
            run_end = following.end()
        yield (Edit(run_start, run_end, _tag_run_replacement(text, run_start, run_end, names)),)
        position = run_end


def _tag_run_replacement(text: str, start: int, end: int, names: set[str]) -> str:
    """One space when a block tag separates two words, so that "a</p><p>b" reads "a b"."""
    if not names & _BLOCK_TAGS or start == 0 or end >= len(text):
        return ""
    if text[start - 1].isspace() or text[end].isspace():
        return ""
    return " "


def _entities(text: str) -> Iterator[EditGroup]:
    for m in _ENTITY.finditer(text):
        decoded = html.unescape(m.group())
        if decoded != m.group():
            yield (Edit(m.start(), m.end(), decoded.translate(_ONE_FOR_ONE)),)


def _line_breaks(text: str) -> Iterator[EditGroup]:
    for m in _LINE_BREAKS.finditer(text):
        yield (Edit(m.start(), m.end(), "\n" if m.group("cr") else ""),)


# --------------------------------------------------------------------------------------------
# Planning the edits and building the map
# --------------------------------------------------------------------------------------------


class _Accepted:
    """Non-overlapping edits accepted so far, sorted, with their starts for bisection.

    Detectors are applied one after the other; the candidates of one detector are checked
    against the edits of the earlier ones, then merged in a single sort (both runs are already
    sorted, so this is linear), which keeps planning fast on very large files.
    """

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.edits: list[Edit] = []

    def fits(self, edit: Edit) -> bool:
        k = bisect_right(self.starts, edit.start)
        if k > 0 and self.edits[k - 1].end > edit.start:
            return False
        return not (k < len(self.edits) and self.edits[k].start < edit.end)

    def extend(self, edits: list[Edit]) -> None:
        self.edits = sorted(self.edits + edits)
        self.starts = [edit.start for edit in self.edits]


def _accept_groups(accepted: _Accepted, groups: Iterable[EditGroup]) -> list[EditGroup]:
    """Accept the groups of one detector whose edits fit; return the accepted groups.

    A group that overlaps an earlier detector's edit, or another group of the same detector
    that came first, is dropped whole (an emphasis pair is never half removed).
    """
    candidates = [group for group in groups if all(accepted.fits(edit) for edit in group)]
    edits = [edit for group in candidates for edit in group]
    if _overlapping(edits):
        candidates, edits = _sequential(candidates)
    accepted.extend(edits)
    return candidates


def _overlapping(edits: Iterable[Edit]) -> bool:
    """Whether any two of the edits overlap."""
    ordered = sorted(edits)
    return any(a.end > b.start for a, b in zip(ordered, ordered[1:], strict=False))


def _sequential(candidates: list[EditGroup]) -> tuple[list[EditGroup], list[Edit]]:
    """Slow path when a detector's groups interleave: check each against all kept so far."""
    kept = _Accepted()
    taken = []
    for group in candidates:
        if not _overlapping(group) and all(kept.fits(edit) for edit in group):
            taken.append(group)
            kept.extend(list(group))
    return taken, kept.edits


def _plan(original: str) -> tuple[list[Edit], list[tuple[str, EditGroup]]]:
    """All edits, without overlaps; earlier detectors win (a bookmark hides its underscores)."""
    accepted = _Accepted()
    _accept_groups(accepted, _line_breaks(original))
    _accept_groups(accepted, _bookmarks(original))
    labelled = list(_footnote_edits(original))
    kept = {id(group) for group in _accept_groups(accepted, [group for _, group in labelled])}
    footnotes = [(label, group) for label, group in labelled if id(group) in kept]
    for detector in (_escapes, _headings, _html_tags, _entities, _superscripts, _emphasis):
        _accept_groups(accepted, detector(original))
    return accepted.edits, footnotes


def normalize(original: str) -> NormalizedText:
    """Clean ``original`` of conversion artefacts, keeping a map back to its offsets."""
    if not isinstance(original, str):
        raise TypeError(f"normalize() needs the text as str, got {type(original).__name__}")
    edits, footnote_groups = _plan(original)
    pieces: list[str] = []
    clean_starts, orig_starts, orig_ends = array("q"), array("q"), array("q")
    is_copy = bytearray()
    position = clean = 0

    def segment(orig_start: int, orig_end: int, produced: str, copy: bool) -> None:
        nonlocal clean
        clean_starts.append(clean)
        orig_starts.append(orig_start)
        orig_ends.append(orig_end)
        is_copy.append(copy)
        pieces.append(produced)
        clean += len(produced)

    for edit in edits:
        if edit.start > position:
            segment(position, edit.start, original[position : edit.start], True)
        if edit.replacement:
            segment(edit.start, edit.end, edit.replacement, False)
        position = edit.end
    if position < len(original):
        segment(position, len(original), original[position:], True)
    nt = NormalizedText(
        text="".join(pieces).translate(_ONE_FOR_ONE),
        original=original,
        _clean_starts=clean_starts,
        _orig_starts=orig_starts,
        _orig_ends=orig_ends,
        _is_copy=is_copy,
    )
    return _with_footnotes(nt, footnote_groups)


def verbatim(original: str) -> NormalizedText:
    """``original`` as its own clean text, every offset mapped to itself.

    Machine-readable sources (the UN's JSON extracts, Akoma Ntoso XML) have no conversion
    artefacts, and :func:`normalize` would still rewrite them (it turns the NBSP in
    "8\u00a0March\u00a02024" into a space and takes ``_`` and ``&amp;`` for Markdown and HTML);
    their recognisers read the file as it is and give spans in it.
    """
    if not isinstance(original, str):
        raise TypeError(f"verbatim() needs the text as str, got {type(original).__name__}")
    copied = 1 if original else 0
    return NormalizedText(
        text=original,
        original=original,
        _clean_starts=array("q", [0] * copied),
        _orig_starts=array("q", [0] * copied),
        _orig_ends=array("q", [len(original)] * copied),
        _is_copy=bytearray([1] * copied),
    )


def _with_footnotes(nt: NormalizedText, groups: list[tuple[str, EditGroup]]) -> NormalizedText:
    """Attach the clean spans of the footnotes kept inline."""
    notes = []
    for label, group in groups:
        if len(group) != 3:
            continue
        ref, opener, closing = group
        notes.append(
            Footnote(
                label=label,
                ref=nt.from_original(ref.start),
                start=nt.from_original(opener.end),
                end=nt.from_original(closing.start),
            )
        )
    object.__setattr__(nt, "footnotes", tuple(notes))
    return nt


# --------------------------------------------------------------------------------------------
# Lines and cells
# --------------------------------------------------------------------------------------------


def iter_lines(nt: NormalizedText | str) -> Iterator[Line]:
    """The lines of the clean text with their tab-separated cells, in clean offsets.

    A line without a tab has one cell.  Cells keep their position even when empty, so that a
    column index means the same thing on every row of a table.
    """
    text = nt.text if isinstance(nt, NormalizedText) else nt
    start = 0
    length = len(text)
    while start <= length:
        newline = text.find("\n", start)
        end = length if newline < 0 else newline
        yield Line(start, end, text[start:end], _cells(text, start, end))
        if newline < 0:
            break
        start = newline + 1


def _cells(text: str, start: int, end: int) -> list[Cell]:
    cells = []
    cell_start = start
    while True:
        tab = text.find("\t", cell_start, end)
        cell_end = end if tab < 0 else tab
        cells.append(_trimmed_cell(text, cell_start, cell_end))
        if tab < 0:
            return cells
        cell_start = tab + 1


def _trimmed_cell(text: str, start: int, end: int) -> Cell:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Cell(start, end, text[start:end])


# --------------------------------------------------------------------------------------------
# Folding for matching
# --------------------------------------------------------------------------------------------


def _fold_char(char: str) -> str:
    """Lower case without accents, always exactly one character (so offsets are unchanged)."""
    if char in "\u2019\u2018\u02bc\u00b4`":
        return "'"
    if char in _SPACE_CHARS:
        return " "
    decomposed = unicodedata.normalize("NFKD", char)
    base = decomposed[0] if decomposed else char
    if len(decomposed) > 1 and not base.isascii():
        base = char
    lowered = base.lower()
    return lowered if len(lowered) == 1 else base


_FOLD_TABLE: dict[int, str] = {}


def fold(text: str) -> str:
    """``text`` lower-cased, unaccented and with typographic apostrophes made plain, 1:1.

    Recognisers match their patterns against the folded text and report spans of the real
    one: because folding never changes the length, the offsets are the same.
    """
    missing = {ord(ch) for ch in set(text)} - _FOLD_TABLE.keys()
    for code in missing:
        _FOLD_TABLE[code] = _fold_char(chr(code))
    return text.translate(_FOLD_TABLE)
