"""An Akoma Ntoso resolution as its PDF reads once the tags are gone: the plain-text test bed.

The UN's AKN markup is gold for the plain-text path only if the text it is compared with looks
like what a researcher actually holds: the text layer of the printed resolution. So the cover is
laid out as the UN prints it ("United Nations … S/RES/2722 (2024)", "Security Council",
"Distr.: General", the adoption line), the clauses are indented and wrapped near 90 characters
with some words hyphenated across lines, sub-paragraphs start their own lines with the number as
printed ("(a)", "a)", "–"), footnotes sit at the foot of the page below a rule, and the page
furniture of a UN document is interleaved: the job number, "2/4" page numbers, the symbol as a
running head, a form feed between pages. Every choice is drawn from a random generator seeded by
the file name, so one file always renders to the same text.
"""

from __future__ import annotations

import hashlib
import random
import re
import xml.etree.ElementTree as ET  # noqa: S405 - the UN's own files, read without entities
from collections.abc import Sequence
from dataclasses import dataclass, field

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
_SPACES = re.compile(r"\s+")
_NUMBERED = ("paragraph", "point", "subparagraph", "alinea")
_JOB = re.compile(r"(\d{2}-\d{5})")


class RenderError(ValueError):
    """The file is not an AKN document the renderer can lay out."""


@dataclass
class _Block:
    """One printed block: a line of the cover, a clause, a heading; ``lead`` is its number."""

    text: str
    indent: int = 0
    lead: str = ""
    #: continuation lines start at this column (0: flush left, as the UN prints paragraphs)
    hang: int = 0
    keep: bool = False  # printed as one line, never wrapped (cover lines, headings)
    notes: list[tuple[str, str]] = field(default_factory=list)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(node: ET.Element, notes: list[tuple[str, str]]) -> str:
    """The printed text of ``node``: footnotes leave their marker in the text and their own
    text in ``notes``; the number of a numbered element is printed by the caller."""
    out: list[str] = [node.text or ""]
    for child in node:
        name = _local(child.tag)
        if name == "authorialNote":
            marker = child.get("marker") or str(len(notes) + 1)
            notes.append((marker, _clean("".join(child.itertext()))))
            out.append(marker)
        elif name in ("num", *_NUMBERED, "list", "blockList") and node.tag != child.tag:
            pass  # numbered parts are printed as their own blocks
        elif name == "eol":
            out.append("\n")  # a line break: \s in _clean makes it a space elsewhere
        else:
            inner = _text(child, notes)
            if name == "docDate" and out[-1][-1:].isalpha() and inner[:1].isalnum():
                out.append(" ")  # "on<docDate>10 January": the printed line has the space
            out.append(inner)
        out.append(child.tail or "")
    return "".join(out)


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _own_text(node: ET.Element, notes: list[tuple[str, str]]) -> list[str]:
    """The text blocks of a numbered element itself, without its sub-points, in order."""
    found: list[str] = []
    for child in node:
        name = _local(child.tag)
        if name in ("num", *_NUMBERED, "authorialNote"):
            continue
        if name in ("p", "heading", "subheading", "crossHeading"):
            words = _clean(_text(child, notes))
            if words:
                found.append(words)
        elif name == "table":
            for row in child.iter(f"{AKN}tr"):
                cells = [_clean(_text(c, notes)) for c in row]
                found.append("   ".join(c for c in cells if c))
        else:
            found.extend(_own_text(child, notes))
    return found


def _cover(doc: ET.Element, rng: random.Random) -> list[_Block]:
    lines: list[str] = []
    cover = doc.find(f"{AKN}coverPage")
    if cover is not None:
        for p in cover.findall(f"{AKN}p"):
            words = _clean(_text(p, []))
            if words:
                lines.append(words)
    blocks: list[_Block] = []
    # the first two cover lines (the publisher and the symbol) and the next two (the organ and
    # the distribution) share a printed line, as a PDF's text layer often gives them
    index = 0
    while index < len(lines):
        if index in (0, 2) and index + 1 < len(lines) and rng.random() < 0.6:
            gap = " " * rng.randint(8, 40)
            blocks.append(_Block(lines[index] + gap + lines[index + 1], keep=True))
            index += 2
            continue
        blocks.append(_Block(lines[index], keep=True))
        index += 1
    return blocks


def _numbered(node: ET.Element, depth: int, blocks: list[_Block],
              sublists: Sequence[ET.Element] = ()) -> None:
    """A paragraph or point and, below it, its sub-points (its own, and those of the
    ``<sublist>``s that follow it), each starting its own line."""
    notes: list[tuple[str, str]] = []
    num = node.find(f"{AKN}num")
    lead = _clean("".join(num.itertext())) if num is not None else ""
    parts = _own_text(node, notes)
    sub = _walk_numbered(node)
    for sublist in sublists:
        sub.extend(_walk_numbered(sublist))
    heading = bool(len(node)) and all(_local(c.tag) in ("heading", "subheading", "num")
                                      for c in node)
    if heading:
        blocks.append(_Block(" ".join(filter(None, [lead, *parts])), indent=4 + 6 * depth,
                             keep=True, notes=notes))
        return
    intro, rest = (parts[:1], parts[1:]) if sub else (parts, [])
    indent = 6 + 6 * depth
    blocks.append(_Block(" ".join(intro), indent=indent, lead=lead,
                         hang=indent + 6 if depth else 0, notes=notes))
    for child, attached in sub:
        _numbered(child, depth + 1, blocks, attached)
    for words in rest:  # a wrap-up after the sub-points
        blocks.append(_Block(words, indent=0))


def _walk_numbered(node: ET.Element) -> list[tuple[ET.Element, list[ET.Element]]]:
    """The numbered elements below ``node``, each with the ``<sublist>``s right after it:
    the UN prints a sublist's items under the point before it ("(a)", then its "(i)")."""
    found: list[tuple[ET.Element, list[ET.Element]]] = []
    for child in node:
        name = _local(child.tag)
        if name == "sublist" and found:
            found[-1][1].append(child)
        elif name in _NUMBERED:
            found.append((child, []))
        elif name not in ("authorialNote", "num", "p"):
            found.extend(_walk_numbered(child))
    return found


def _body(node: ET.Element, blocks: list[_Block]) -> None:
    """The operative part in order: numbered paragraphs, and between them what a long
    resolution prints over its sections (a numeral "XXVI", a title, a cross-heading)."""
    for child in node:
        name = _local(child.tag)
        if name in _NUMBERED:
            _numbered(child, 0, blocks)
        elif name in ("p", "subheading", "heading", "crossHeading", "num"):
            notes: list[tuple[str, str]] = []
            words = _clean(_text(child, notes)) if name != "p" else " ".join(
                [_clean("".join(child.itertext()))])
            if words:
                short = len(words) < 80 and words[-1:] not in ",;:."
                blocks.append(_Block(words, indent=20 if short else 6, keep=short, notes=notes))
        elif name != "authorialNote":
            _body(child, blocks)


def _body_blocks(doc: ET.Element, rng: random.Random) -> list[_Block]:
    blocks = _cover(doc, rng)
    preface = doc.find(f"{AKN}preface")
    if preface is not None:
        for p in preface.iter(f"{AKN}p"):
            blocks.append(_Block(_clean(_text(p, [])), indent=0))
    preamble = doc.find(f"{AKN}preamble")
    if preamble is not None:
        for child in preamble:
            notes: list[tuple[str, str]] = []
            words = " ".join(_own_text(child, notes)) if _local(child.tag) != "p" else \
                _clean(_text(child, notes))
            if words:
                blocks.append(_Block(words, indent=6, notes=notes))
    body = doc.find(f"{AKN}mainBody")
    if body is not None:
        _body(body, blocks)
    for tail in ("conclusions",):
        node = doc.find(f"{AKN}{tail}")
        if node is not None:
            for p in node.iter(f"{AKN}p"):
                for line in _text(p, []).split("\n"):
                    if _clean(line):
                        blocks.append(_Block(_clean(line), indent=rng.randint(20, 50), keep=True))
    attachments = doc.find(f"{AKN}attachments")
    if attachments is not None:
        for inner in attachments.iter(f"{AKN}mainBody"):
            for child, attached in _walk_numbered(inner):
                _numbered(child, 0, blocks, attached)
    return blocks


def _wrap(block: _Block, width: int, rng: random.Random) -> list[str]:
    """The printed lines of one block: wrapped near ``width``, some long words hyphenated."""
    first = " " * block.indent + (f"{block.lead}" + " " * rng.randint(3, 6) if block.lead else "")
    if block.keep:
        return [first + block.text]
    lines: list[str] = []
    line = first
    pending = block.text.split(" ")
    while pending:
        word = pending.pop(0)
        if not word:
            continue
        sep = "" if line.endswith(" ") or not line.strip() else " "
        if len(line) + len(sep) + len(word) <= width:
            line += sep + word
            continue
        cut = _hyphenation_point(word, width - len(line) - len(sep) - 1, rng)
        if cut:
            head, rest = word[:cut], word[cut:]
            lines.append(line + sep + head + ("" if head.endswith("-") else "-"))
            pending.insert(0, rest)
        else:
            lines.append(line)
            pending.insert(0, word)
        line = " " * block.hang
        if not line.strip() and lines and lines[-1].strip() == "":
            break
    if line.strip():
        lines.append(line)
    return lines


def _hyphenation_point(word: str, room: int, rng: random.Random) -> int:
    """Where to break ``word`` at the end of a line, or 0: only letter words of 8 or more
    characters, a third of the time, at an existing hyphen or after three letters or more."""
    if room < 4 or len(word) < 8 or rng.random() > 0.35:
        return 0
    if "-" in word[:room]:
        return word[:room].rindex("-") + 1
    core = word.rstrip(",;:.)")
    if not core.isalpha():
        return 0
    cut = min(room, len(core) - 3)
    return cut if cut >= 3 else 0


def render_akn(doc_xml: str, *, file_name: str = "") -> str:
    """The text of an AKN resolution as a PDF's text layer gives it (see the module docstring).

    ``file_name`` seeds the layout's random choices, so a file always renders alike.
    """
    try:
        root = ET.fromstring(doc_xml.encode("utf-8"))  # noqa: S314
    except ET.ParseError as err:
        raise RenderError(f"not well-formed XML: {err}") from None
    if _local(root.tag) != "akomaNtoso" or not len(root):
        raise RenderError("the root element is not <akomaNtoso>")
    doc = root[0]
    seed = int(hashlib.sha256(file_name.encode("utf-8")).hexdigest()[:12], 16)
    rng = random.Random(seed)  # noqa: S311 - a layout, not a secret
    symbol = next((_clean("".join(n.itertext())) for n in doc.iter(f"{AKN}docNumber")
                   if n.get("refersTo") == "#symbol"), "")
    job_node = next((n for n in doc.iter(f"{AKN}docketNumber")), None)
    job_match = _JOB.search("".join(job_node.itertext())) if job_node is not None else None
    job = job_match[1] if job_match else f"{rng.randint(10, 24)}-{rng.randint(0, 99999):05d}"
    suffix = ""
    if job_node is not None and "(" in "".join(job_node.itertext()):
        suffix = " " + "".join(job_node.itertext()).split(job, 1)[-1].strip()
    width = rng.randint(84, 92)
    pages: list[list[str]] = [[]]
    notes_of: list[list[tuple[str, str]]] = [[]]
    length = rng.randint(34, 42)
    for block in _body_blocks(doc, rng):
        lines = _wrap(block, width, rng)
        if rng.random() < 0.5:
            lines.append("")  # a blank line between clauses, as some text layers keep
        for line in lines:
            if len(pages[-1]) >= length:
                pages.append([])
                notes_of.append([])
                length = rng.randint(46, 56)
            pages[-1].append(line)
        notes_of[-1].extend(block.notes)
    total = len(pages)
    out: list[str] = []
    for number, (page, notes) in enumerate(zip(pages, notes_of, strict=True), 1):
        if number > 1:
            out.append(f"\f{symbol}" if rng.random() < 0.5 else symbol)
            out.append("")
        out.extend(page)
        if notes:
            out.append("")
            out.append("__________________")
            for marker, words in notes:
                out.extend(_wrap(_Block(words, indent=6, lead=marker), width, rng))
        out.append("")
        if number == 1:
            out.append(f"{job}{suffix}")
            out.append(f"*{job.replace('-', '')}*")
        else:
            gap = " " * rng.randint(40, 70)
            out.append(f"{number}/{total}{gap}{job}" if number % 2 == 0 else
                       f"{job}{gap}{number}/{total}")
    return "\n".join(out) + "\n"
