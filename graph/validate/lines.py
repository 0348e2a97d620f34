"""Where a resource is written in a Turtle-family file, since rdflib and pyoxigraph keep no lines.

The file is re-tokenised (Turtle, TriG, N-Triples and N-Quads share one token grammar) and walked
with the statement grammar's roles (subject, predicate, object), resolving prefixed names and
relative IRIs as the parser did. For every IRI it records the first line where it is a subject,
the first line of each of its (subject, predicate) pairs, and as a fallback the first line where
it appears at all.

Limits, by design: blank nodes cannot be located (parsers rename them); JSON-LD and RDF/XML
files are not located; a subject written in several files is located in the first file given;
IRIs written with \\u escapes are not unescaped. A file that does not tokenise cleanly still
yields what was found before the trouble (the parser, not this module, reports syntax errors).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from graph.namespaces import RDF_TYPE

LOCATABLE = {".ttl", ".trig", ".nt", ".nq"}

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<long>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*''')
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<directive>@(?:prefix|base)\b)
  | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<datatype>\^\^)
  | (?P<bnode>_:[^\s<>"'{}()\[\],;]+?(?=[\s<>"'{}()\[\],;]|\.(?:\s|$)|$))
  | (?P<pname>(?:[A-Za-z\u00C0-\uFFFF][\w\-.\u00B7\u00C0-\uFFFF]*)?:
        (?:[\w\-:%\u00B7\u00C0-\uFFFF]|\\.|\.(?=[\w\-:%\\\u00B7\u00C0-\uFFFF]))*)
  | (?P<number>[+-]?(?:\d*\.\d+(?:[eE][+-]?\d+)?|\d+(?:[eE][+-]?\d+)?))
  | (?P<word>[A-Za-z_][\w-]*)
  | (?P<punct>[.;,\[\](){}])
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Location:
    """A file and a 1-based line."""

    file: Path
    line: int


@dataclass
class LineIndex:
    """First lines of subjects, (subject, predicate) pairs and any mention, across files."""

    subjects: dict[str, Location] = field(default_factory=dict)
    pairs: dict[tuple[str, str], Location] = field(default_factory=dict)
    mentions: dict[str, Location] = field(default_factory=dict)

    def locate(self, iri: str, predicate: str | None = None) -> Location | None:
        """The line of the triple (iri, predicate, …) if known, else of the subject, else any."""
        if predicate is not None and (iri, predicate) in self.pairs:
            return self.pairs[(iri, predicate)]
        return self.subjects.get(iri) or self.mentions.get(iri)


def index_files(files: list[Path], *, base: str) -> LineIndex:
    """Index every Turtle-family file of ``files``; other files are skipped."""
    index = LineIndex()
    for path in files:
        if path.suffix.lower() not in LOCATABLE:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        _index_text(text, path, base, index)
    return index


def _tokens(text: str) -> list[tuple[str, str, int]]:
    """(kind, text, line) of every significant token."""
    tokens: list[tuple[str, str, int]] = []
    line, last = 1, 0
    for match in _TOKEN.finditer(text):
        line += text.count("\n", last, match.start())
        last = match.start()
        kind = match.lastgroup or "other"
        if kind not in {"ws", "comment"}:
            tokens.append((kind, match.group(), line))
    return tokens


def _index_text(text: str, path: Path, base: str, index: LineIndex) -> None:
    tokens = _tokens(text)
    prefixes: dict[str, str] = {}
    role, depth = "subject", 0
    subject: str | None = None
    predicate: str | None = None
    i = 0
    while i < len(tokens):
        kind, value, line = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ("", "", 0)
        if kind == "directive" or (kind == "word" and value.upper() in {"PREFIX", "BASE"}):
            i, base = _directive(tokens, i, prefixes, base)
            continue
        if kind == "word" and value.upper() == "GRAPH":
            i += 1
            continue
        if kind in {"langtag"} or (kind == "datatype"):
            i += 2 if kind == "datatype" else 1
            continue
        if kind == "punct":
            if value in "[(":
                if depth == 0 and role == "subject":
                    subject, role = None, "predicate-after-bracket"
                depth += 1
            elif value in "])":
                depth = max(0, depth - 1)
                if depth == 0 and role == "predicate-after-bracket":
                    role = "predicate"
            elif value in "{}":
                role, depth, subject = "subject", 0, None
            elif depth == 0 and value == ".":
                role, subject = "subject", None
            elif depth == 0 and value == ";":
                role = "predicate"
            i += 1
            continue
        iri = _resolve(kind, value, prefixes, base)
        if iri is not None:
            location = Location(path, line)
            index.mentions.setdefault(iri, location)
            if depth == 0:
                if role == "subject" and nxt[1] != "{":
                    subject, role = iri, "predicate"
                    index.subjects.setdefault(iri, location)
                elif role == "predicate":
                    predicate, role = iri, "object"
                    if subject is not None:
                        index.pairs.setdefault((subject, predicate), location)
        elif depth == 0 and role == "predicate" and kind == "word" and value == "a":
            role = "object"
            if subject is not None:
                index.pairs.setdefault((subject, RDF_TYPE), Location(path, line))
        elif depth == 0 and role == "subject" and kind == "bnode" and nxt[1] != "{":
            subject, role = None, "predicate"
        i += 1


def _directive(
    tokens: list[tuple[str, str, int]], i: int, prefixes: dict[str, str], base: str
) -> tuple[int, str]:
    """Read a @prefix/@base/PREFIX/BASE directive; return the next index and the base."""
    keyword = tokens[i][1].lstrip("@").lower()
    j = i + 1
    if keyword == "prefix" and j + 1 < len(tokens):
        name = tokens[j][1].rstrip(":")
        if tokens[j + 1][0] == "iri":
            prefixes[name] = _join(base, tokens[j + 1][1][1:-1])
        j += 2
    elif keyword == "base" and j < len(tokens):
        if tokens[j][0] == "iri":
            base = _join(base, tokens[j][1][1:-1])
        j += 1
    if tokens[i][0] == "directive" and j < len(tokens) and tokens[j][1] == ".":
        j += 1
    return j, base


def _resolve(kind: str, value: str, prefixes: dict[str, str], base: str) -> str | None:
    if kind == "iri":
        return _join(base, value[1:-1])
    if kind == "pname":
        prefix, _, local = value.partition(":")
        if prefix not in prefixes:
            return None
        return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)
    return None


def _join(base: str, reference: str) -> str:
    """Resolve a relative IRI; absolute ones unchanged (urljoin would drop an empty ``#``)."""
    if _ABSOLUTE.match(reference) or not base:
        return reference
    joined = urljoin(base, reference)
    return joined + "#" if reference.endswith("#") and not joined.endswith("#") else joined


_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
