"""An XML element tree that remembers where each element sits in the file.

Evidence points into the source file itself (character offsets and the exact quote), and
neither ElementTree nor lxml says at which character an element's content starts and ends.
The standard library's expat parser does say where each tag begins (``CurrentByteIndex``);
this module builds a small read-only tree from its events and converts byte offsets to
character offsets of the decoded text. A malformed file raises :class:`XmlError` with the
line and the parser's own reason, so a corpus build can name it and go on.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from xml.parsers import expat


class XmlError(Exception):
    """The file is not well-formed XML; ``line`` and ``reason`` come from the parser."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


@dataclass
class Node:
    """One element: its local name, attributes, children and content span (characters).

    ``parts`` holds the element's content in document order: text (``str``) and child nodes.
    ``start``/``end`` delimit the content, between the end of the start tag and the start of the
    end tag, in characters of the decoded file.
    """

    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    parts: list[str | Node] = field(default_factory=list)
    start: int = 0
    end: int = 0
    #: on the root only: every element by local name, in document order (a file is searched
    #: for a dozen names; walking its few thousand metadata elements each time would dominate)
    index: dict[str, list[Node]] | None = None

    @property
    def children(self) -> list[Node]:
        return [p for p in self.parts if isinstance(p, Node)]

    def iter(self, tag: str | None = None) -> Iterator[Node]:
        """This element and every element below it, in document order."""
        if tag is not None and self.index is not None:
            yield from self.index.get(tag, ())
            return
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            if tag is None or node.tag == tag:
                yield node
            stack.extend(reversed([p for p in node.parts if isinstance(p, Node)]))

    def find(self, tag: str) -> Node | None:
        """The first element named ``tag`` at or below this one."""
        return next(self.iter(tag), None)

    def child(self, tag: str) -> Node | None:
        """The first direct child named ``tag``."""
        return next((c for c in self.children if c.tag == tag), None)

    def text(self, skip: frozenset[str] = frozenset()) -> str:
        """All the text below this element, leaving out the elements named in ``skip``."""
        out: list[str] = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
            elif part.tag not in skip:
                out.append(part.text(skip))
        return "".join(out)


def _local(name: str) -> str:
    """``http://…/akn/3.0 paragraph`` → ``paragraph`` (expat joins namespace and name)."""
    return name.rsplit(" ", 1)[-1]


def parse(raw: bytes) -> tuple[Node, str]:
    """The root element of ``raw`` (UTF-8 XML) and the decoded text its offsets refer to."""
    parser = expat.ParserCreate(encoding="utf-8", namespace_separator=" ")
    parser.buffer_text = True
    root = Node("#document", {})
    stack = [root]
    nodes: list[Node] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        node = Node(_local(name), {_local(k): v for k, v in attrs.items()}, parent=stack[-1])
        stack[-1].parts.append(node)
        stack.append(node)
        nodes.append(node)
        # byte offsets for now: the content starts after the '>' closing the start tag
        node.start = raw.find(b">", parser.CurrentByteIndex) + 1

    def end(name: str) -> None:
        node = stack.pop()
        # an empty element (<a/>) reports its end at or before its own start: no content
        node.end = max(parser.CurrentByteIndex, node.start)

    def data(text: str) -> None:
        stack[-1].parts.append(text)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    try:
        parser.Parse(raw, True)
    except expat.ExpatError as err:
        raise XmlError(err.lineno, expat.ErrorString(err.code)) from None
    text = raw.decode("utf-8")
    to_char = _byte_to_char(text)
    for node in nodes:
        node.start, node.end = to_char(node.start), to_char(node.end)
    elements = root.children
    if not elements:
        raise XmlError(1, "no element")
    top = elements[0]
    top.index = {}
    for node in nodes:
        top.index.setdefault(node.tag, []).append(node)
    return top, text


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _byte_to_char(text: str) -> Callable[[int], int]:
    """A function from a byte offset of the UTF-8 encoding of ``text`` to a character offset.

    Only the non-ASCII characters are visited: the byte offset just after each one and the
    bytes gained so far are kept, and a conversion is one binary search.
    """
    after: list[int] = []  # byte offset just after each multi-byte character
    gained: list[int] = []  # extra bytes up to and including that character
    total = 0
    for match in _NON_ASCII.finditer(text):
        total += len(match[0].encode("utf-8")) - 1
        after.append(match.start() + 1 + total)
        gained.append(total)

    def convert(index: int) -> int:
        k = bisect.bisect_right(after, index)
        return index - (gained[k - 1] if k else 0)

    return convert
