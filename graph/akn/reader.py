"""Read one Akoma Ntoso (AKN4UN) resolution file: what its markup says, and where.

The UN marks up each language version of a General Assembly or Security Council resolution in
Akoma Ntoso 3.0 (the AKN4UN profile): the symbol (``<docNumber refersTo="#symbol">``), the
adoption date and meeting, the issuing body, the title, preambular ``<container>``s named by
their verb, operative ``<paragraph>``s with their ``<num>``, sub-paragraphs as ``<point>``s of a
``<list>``, the verbs in ``<span class="italic">``, citations as ``<a href>`` links to
``undocs.org``, and ``<classification>`` keywords with UNBIS, EuroVoc and SDG IRIs. Older files
(before 2020) lack some of these: their citations are found in the text with the symbol
grammar of :mod:`graph.extract.symbols`.

Every value keeps its span (character offsets into the XML file), so the graph's evidence
points at the markup it came from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import unquote

import pycountry

from graph.akn.xmltree import Node, XmlError, parse
from graph.extract.symbols import Symbol, SymbolError, find_symbols, parse_symbol
from graph.grammar.verbs import VerbMatch, read_verb

Span = tuple[int, int]
#: AKN's three-letter language codes (FRBRlanguage) and the file-name suffixes of the UN
_LANGUAGE_CODES = {"eng": "en", "fra": "fr", "spa": "es", "fre": "fr"}
_SUFFIX_LANGUAGES = {"E": "en", "F": "fr", "S": "es"}
_ORGANS = {"sc": "un-sc", "ga": "un-ga", "unsc": "un-sc", "unga": "un-ga"}
_NUM = re.compile(r"[\s.()]+")
_UNDOCS = re.compile(r"undocs\.org/(?:[a-z]{2}/)?(?P<symbol>[^?#]+)", re.IGNORECASE)
_LETTERED = re.compile(r"^(?P<base>A/RES/\d+/\d+)\s*(?P<letter>[A-Za-z])$")
#: one file holding several lettered resolutions: "A/RES/78/254 A-C", "A/RES/78/80 A-B"
_LETTER_RANGE = re.compile(r"^(?P<base>A/RES/\d+/\d+)\s*[A-Z]\s*[-–]\s*[A-Z]$")
_SKIP_IN_TEXT = frozenset({"authorialNote", "num"})
_PLACEHOLDER_YEAR = 1
#: the shape of a UN document symbol: letters, then parts separated by slashes
_UN_DOCUMENT = re.compile(r"^[A-Z][A-Za-z0-9.\-]*(?:/[A-Za-z0-9.\-]+)+(?: \([A-Z0-9]+\))?$")


class AknError(Exception):
    """The file cannot be read as an AKN resolution; the message says why (and the line)."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(f"line {line}: {reason}" if line else reason)
        self.line = line
        self.reason = reason


class AknLanguageError(AknError):
    """A well-formed file in a language the graph does not read (a Chinese or Arabic version):
    not an error of the file, so the build leaves it out as it leaves out a README."""


@dataclass(frozen=True)
class Citation:
    """A reference to another document: the resolution or document it names, where."""

    symbol: str
    iri_path: str
    is_resolution: bool
    span: Span
    #: the markup linked it (``<a href>``), rather than the text grammar finding it
    linked: bool
    #: "paragraph 14 of resolution 2216 (2015)": the cited paragraph's number
    paragraph: str | None = None


@dataclass
class Clause:
    """A preambular clause or an operative paragraph or sub-paragraph."""

    part: str  # "preamble" | "operative"
    #: the number path: ("8", "a", "ii"); a preambular clause is numbered by its position
    path: tuple[str, ...]
    text: str
    span: Span
    order: int
    verb: str | None = None
    verb_span: Span | None = None
    meaning: VerbMatch | None = None
    #: other verbs of the clause ("… and *further demands* …"), as written
    other_verbs: list[tuple[str, Span]] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)

    @property
    def number(self) -> str:
        """The number as a reader writes it: ``8 (a) (ii)``."""
        head, *rest = self.path
        return " ".join([head, *(f"({p})" for p in rest)])


@dataclass(frozen=True)
class Keyword:
    """A classification keyword with the IRI the UN gives it (SDG, UNBIS, EuroVoc)."""

    iri: str
    label: str
    dictionary: str


@dataclass
class AknDocument:
    """What one language version of a resolution says, with the span of each value."""

    symbol: str
    symbol_span: Span
    iri_path: str
    language: str
    organ: str | None
    adoption_date: date | None = None
    date_span: Span | None = None
    meeting: str | None = None
    meeting_span: Span | None = None
    session: int | None = None
    title: str | None = None
    title_span: Span | None = None
    clauses: list[Clause] = field(default_factory=list)
    keywords: list[Keyword] = field(default_factory=list)
    #: the file marks its citations up as links (files since 2020); older ones do not, and
    #: their citations are read from the text
    linked: bool = False
    #: what the reader could not use, for the build report ("placeholder adoption date")
    notes: list[str] = field(default_factory=list)

    @property
    def operative(self) -> list[Clause]:
        return [c for c in self.clauses if c.part == "operative"]


def read_akn(raw: bytes, *, file_name: str = "") -> tuple[AknDocument, str]:
    """The resolution of one AKN file, and the decoded text its spans point into."""
    try:
        root, text = parse(raw)
    except XmlError as err:
        raise AknError(err.reason, err.line) from None
    if root.tag != "akomaNtoso":
        raise AknError(f"the root element is <{root.tag}>, not <akomaNtoso>", 1)
    number = next((n for n in root.iter("docNumber") if n.attrs.get("refersTo") == "#symbol"),
                  None) or root.find("docNumber")
    if number is None:
        raise AknError("no <docNumber> holds the resolution's symbol")
    symbol_text = _clean(number.text())
    iri_path, _ = _symbol_path(symbol_text)
    if iri_path is None:
        raise AknError(f"the symbol {symbol_text!r} is not a UN resolution symbol")
    doc = AknDocument(
        symbol=symbol_text,
        symbol_span=(number.start, number.end),
        iri_path=iri_path,
        language=_language(root, file_name),
        organ=_organ(root),
    )
    doc.linked = any("undocs.org" in a.attrs.get("href", "") for a in root.iter("a"))
    _read_cover(root, doc)
    order = 0
    preamble = root.find("preamble")
    if preamble is not None:
        for container in preamble.iter("container"):
            order += 1
            doc.clauses.append(_clause(container, "preamble", (str(order),), order, doc, text))
    body = root.find("mainBody")
    if body is not None:
        for paragraph in _top_paragraphs(body):
            order = _read_paragraph(paragraph, (), order, doc, text)
    doc.keywords = _keywords(root)
    return doc, text


def _clean(text: str) -> str:
    return " ".join(text.split())


def _symbol_path(symbol: str) -> tuple[str | None, bool]:
    """The IRI path of a UN symbol and whether it names a resolution (lettered GA ones too)."""
    symbol = _clean(symbol).rstrip(".")
    ranged = _LETTER_RANGE.match(symbol)
    if ranged:
        # the file is the group; its parts are not told apart by the markup
        symbol = ranged["base"]
    lettered = _LETTERED.match(symbol)
    try:
        if lettered:
            base = parse_symbol(lettered["base"])
            return f"{base.iri_path()}-{lettered['letter'].lower()}", True
        parsed: Symbol = parse_symbol(symbol)
    except SymbolError:
        return None, False
    if parsed.body != "un":
        return None, False
    return parsed.iri_path(), parsed.is_resolution


def _language(root: Node, file_name: str) -> str:
    """The file's language: its markup says it (the UN corpus files a few versions in another
    language's folder, and the markup is right), else the E/F/S letter ending its name."""
    for node in root.iter("FRBRlanguage"):
        written = node.attrs.get("language", "")
        code = _LANGUAGE_CODES.get(written)
        if code:
            return code
        known = pycountry.languages.get(alpha_3=written) if len(written) == 3 else None
        if known is not None:
            raise AknLanguageError(
                f"written in {known.name} (FRBRlanguage {written!r}); the graph reads English, "
                "French and Spanish"
            )
    stem = file_name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    suffix = stem[-1:].upper()
    if suffix in _SUFFIX_LANGUAGES:
        return _SUFFIX_LANGUAGES[suffix]
    raise AknError("no <FRBRlanguage> and no E/F/S language letter at the end of the file name")


def _organ(root: Node) -> str | None:
    for node in root.iter("FRBRauthor"):
        organ = _ORGANS.get(node.attrs.get("href", "").lstrip("#").lower())
        if organ:
            return organ
    return None


def _read_cover(root: Node, doc: AknDocument) -> None:
    for node in root.iter("docDate"):
        if node.attrs.get("refersTo") != "#adoptionDate":
            continue
        try:
            value = date.fromisoformat(node.attrs.get("date", ""))
        except ValueError:
            doc.notes.append(f"adoption date {node.attrs.get('date')!r} is not an ISO date")
            continue
        if value.year == _PLACEHOLDER_YEAR:
            doc.notes.append("the adoption date is a placeholder (0001-01-01)")
            continue
        doc.adoption_date, doc.date_span = value, (node.start, node.end)
    if doc.adoption_date is None:
        _date_from_title(root, doc)
    for node in root.iter("inline"):
        if node.attrs.get("name") == "adoptionMeeting" and _clean(node.text()):
            doc.meeting, doc.meeting_span = _clean(node.text()), (node.start, node.end)
    for node in root.iter("session"):
        value = node.attrs.get("value", "")
        if value.isdigit():
            doc.session = int(value)
    for node in root.iter("docTitle"):
        if node.attrs.get("refersTo") == "#resolutionTitle" and _clean(node.text()):
            doc.title, doc.title_span = _clean(node.text()), (node.start, node.end)
    if doc.title is None:
        for node in root.iter("keyword"):
            if node.attrs.get("refersTo") == "title" and node.attrs.get("value"):
                doc.title = _clean(node.attrs["value"])


def _date_from_title(root: Node, doc: AknDocument) -> None:
    """A GA file dates its adoption in the cover's title ("adopted … on 21 November 2023"),
    with the FRBR work date as the machine-readable form."""
    for node in root.iter("FRBRdate"):
        if node.attrs.get("name") == "adoption":
            try:
                value = date.fromisoformat(node.attrs.get("date", ""))
            except ValueError:
                return
            if value.year != _PLACEHOLDER_YEAR:
                doc.adoption_date = value
                doc.date_span = None
            return


_HEADINGS = ("heading", "subheading")


def is_heading(paragraph: Node) -> bool:
    """A ``<paragraph>`` that only holds a heading ("Priority tasks", "II"): the UN marks the
    section titles of long resolutions so; they are no provisions."""
    children = paragraph.children
    return bool(children) and all(c.tag in _HEADINGS for c in children)


def _top_paragraphs(body: Node) -> list[Node]:
    """The operative paragraphs of the body, in order (some files wrap them in containers)."""
    found: list[Node] = []

    def walk(node: Node) -> None:
        for child in node.children:
            if child.tag == "paragraph" and not is_heading(child):
                found.append(child)
            elif child.tag not in ("authorialNote", "paragraph"):
                walk(child)

    walk(body)
    return found


def _read_paragraph(
    node: Node, parent: tuple[str, ...], order: int, doc: AknDocument, text: str,
    sublists: Sequence[Node] = (),
) -> int:
    """A paragraph or point and, below it, its sub-paragraphs (its own, and those of the
    sublists that follow it); returns the last order used."""
    num = node.child("num")
    label = _NUM.sub(" ", num.text()).strip() if num is not None else ""
    path = (*parent, label or str(len(doc.operative) + 1))
    order += 1
    doc.clauses.append(_clause(node, "operative", path, order, doc, text))
    subs = _sub_points(node)
    for sublist in sublists:
        subs.extend(_sub_points(sublist))
    for sub, attached in subs:
        order = _read_paragraph(sub, path, order, doc, text, attached)
    return order


def _sub_points(node: Node) -> list[tuple[Node, list[Node]]]:
    """The sub-paragraphs of a clause, each with the ``<sublist>``s that follow it: the UN
    marks "(a) Protection of civilians" as a point and its items "(i)", "(ii)" as a sublist
    beside it, not inside it (S/RES/2709 (2023), paragraph 36), and the items are (a)'s."""
    found: list[tuple[Node, list[Node]]] = []
    for child in node.children:
        if child.tag in ("point", "paragraph", "subparagraph", "alinea"):
            found.append((child, []))
        elif child.tag == "sublist" and found:
            found[-1][1].append(child)
        elif child.tag in ("list", "blockList", "content", "sublist"):
            found.extend(_sub_points(child))
    return found


def _own_blocks(node: Node) -> list[Node]:
    """The text blocks of a clause itself, without those of its sub-paragraphs."""
    blocks: list[Node] = []
    for child in node.children:
        if child.tag in ("point", "paragraph", "subparagraph", "alinea", "num", "authorialNote"):
            continue
        if child.tag in ("p", "heading", "subheading"):
            blocks.append(child)
        else:
            blocks.extend(_own_blocks(child))
    return blocks


def _clause(
    node: Node, part: str, path: tuple[str, ...], order: int, doc: AknDocument, text: str
) -> Clause:
    blocks = _own_blocks(node) or [node]
    words = _clean(" ".join(b.text(_SKIP_IN_TEXT) for b in blocks))
    span = (blocks[0].start, blocks[-1].end)
    clause = Clause(part=part, path=path, text=words, span=span, order=order)
    italics = [s for b in blocks for s in b.iter("span") if s.attrs.get("class") == "italic"]
    if italics:
        first = italics[0]
        clause.verb = _clean(first.text()).rstrip(",;:")
        clause.verb_span = (first.start, first.end)
        clause.other_verbs = [(_clean(s.text()), (s.start, s.end)) for s in italics[1:]
                              if _clean(s.text())]
    clause.meaning = read_verb(words, doc.language, part)
    if clause.meaning is None and clause.verb:
        # the markup's verb, where the clause opens with something else ("Due to increased
        # risks …, *further requests* …")
        clause.meaning = read_verb(clause.verb, doc.language, part)
    clause.citations = _citations(blocks, text, doc)
    return clause


def _citations(blocks: list[Node], text: str, doc: AknDocument) -> list[Citation]:
    linked: list[Citation] = []
    for block in blocks:
        for anchor in block.iter("a"):
            match = _UNDOCS.search(anchor.attrs.get("href", ""))
            if not match:
                continue
            symbol = _href_symbol(match["symbol"])
            path, is_resolution = _symbol_path(symbol)
            if path is None:
                # a link written in lower case ("s/RES/2550(2020)", "A/RES/1874(s-iv)"): UN
                # symbols are upper case but for their modifiers, which the grammar folds
                path, is_resolution = _symbol_path(symbol.upper())
            if path is None:
                path = _linked_document_path(symbol)
            if path is None or path == doc.iri_path:
                continue
            linked.append(Citation(symbol, path, is_resolution,
                                   (anchor.start, anchor.end), True,
                                   cited_paragraph(text, anchor.start)))
    if linked or doc.linked:
        return linked
    return _citations_in_text(blocks, text, doc)


def _linked_document_path(symbol: str) -> str | None:
    """A UN document the markup links that the symbol grammar does not name (a committee's
    ``S/AC.51/2020/6``, a Human Rights Council or ECOSOC resolution ``A/HRC/RES/45/1``,
    ``E/RES/2020/1``, ``FCCC/CP/2015/10``): the link says it is a UN document, so it is one,
    as a document of its own symbol — never a Council or Assembly resolution, whose issuer the
    graph would then state wrongly."""
    symbol = _clean(symbol).rstrip(".")
    if not _UN_DOCUMENT.match(symbol):
        return None
    return "document/un-" + re.sub(r"[^a-z0-9]+", "-", symbol.lower()).strip("-")


def _href_symbol(raw: str) -> str:
    """``S/RES/2216(2015)`` → ``S/RES/2216 (2015)``; ``A/RES/75/290a`` → ``A/RES/75/290 A``."""
    symbol = unquote(raw).strip().rstrip("/")
    symbol = re.sub(r"(\d)\((\d{4})\)$", r"\1 (\2)", symbol)
    return re.sub(r"^(A/RES/\d+/\d+)([A-Za-z])$", lambda m: f"{m[1]} {m[2].upper()}", symbol)


def _citations_in_text(blocks: list[Node], text: str, doc: AknDocument) -> list[Citation]:
    """Citations of files whose links were not marked up: the symbol grammar on the text."""
    found: list[Citation] = []
    for block in blocks:
        for match in find_symbols(text[block.start : block.end], context_body="un"):
            symbol = match.symbol
            if symbol.body != "un" or symbol.iri_path() == doc.iri_path:
                continue
            span = (block.start + match.start, block.start + match.end)
            found.append(Citation(symbol.canonical(), symbol.iri_path(), symbol.is_resolution,
                                  span, False, cited_paragraph(text, span[0])))
    return found


_PARAGRAPH_OF = re.compile(
    r"(?:paragraphs?|paragraphes?|párrafos?)\s+(?P<num>\d+)(?:\s*\((?P<sub>[a-z]{1,4})\))?"
    r"\s+(?:of|de)\s+(?:(?:its|la|sa|su)\s+)?(?:résolution|resolución|resolution)?\s*$",
    re.IGNORECASE,
)


def cited_paragraph(text: str, position: int) -> str | None:
    """"paragraph 14 of resolution <a>2216 (2015)</a>": the paragraph the citation names."""
    before = re.sub(r"<[^>]*>", "", text[max(0, position - 160) : position])
    match = _PARAGRAPH_OF.search(before)
    if not match:
        return None
    return match["num"] + (f" ({match['sub']})" if match["sub"] else "")


def _keywords(root: Node) -> list[Keyword]:
    seen: set[str] = set()
    found: list[Keyword] = []
    for node in root.iter("keyword"):
        iri = node.attrs.get("href", "")
        if not iri.startswith("http") or iri in seen:
            continue
        seen.add(iri)
        label = node.attrs.get("showAs") or node.attrs.get("value") or ""
        found.append(Keyword(iri, label.replace("_", " "), node.attrs.get("dictionary", "")))
    return found
