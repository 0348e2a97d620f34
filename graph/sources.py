"""Read source documents and describe them: the corpus manifest and each file's fingerprint.

Plain text and Markdown are read as UTF-8; Word (.docx) files as their paragraphs and table rows
(cells separated by tabs, as the corpus's own conversions are); PDF files as their text layer.
For .docx and .pdf, evidence offsets refer to that extracted text, which every release keeps
next to its store (``sources/<stem>.txt``). A file that is binary, empty, not UTF-8, too large
or unreadable is reported by name with what to do about it, and the other files still go
through.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from graph.archives import ArchiveError, is_archive, read_archive
from graph.config import CORPUS_DIR
from graph.namespaces import MG
from graph.rdf_files import read_graph

MGNS = Namespace(MG)
MANIFEST = CORPUS_DIR / "manifest.ttl"
TEXT_SUFFIXES = {".txt", ".md"}
#: Akoma Ntoso resolutions (.xml) and the UN's vote files (data_extract/*.json) are read as
#: UTF-8 text too: their evidence offsets point into the file itself
MARKUP_SUFFIXES = {".xml", ".json"}
DOCUMENT_SUFFIXES = TEXT_SUFFIXES | MARKUP_SUFFIXES | {".docx", ".pdf"}
#: larger documents are refused rather than read whole into memory
MAX_DOCUMENT_BYTES = int(os.environ.get("MANDATE_GRAPH_MAX_DOCUMENT_BYTES", 50_000_000))
_STEM_UNSAFE = re.compile(r"[^a-z0-9]+")


class SourceError(Exception):
    """A source document cannot be read; the message names the file and the fix."""


@dataclass(frozen=True)
class SourceDocument:
    """One source document as read: the exact text that evidence offsets point into."""

    path: Path
    stem: str
    text: str
    sha256: str


def stem_of(path: Path) -> str:
    """A stable, IRI-safe identifier for a file: its lower-cased name without extension."""
    return _STEM_UNSAFE.sub("-", path.stem.lower()).strip("-") or "document"


def member_stem(name: str) -> str:
    """The identifier of an archive member: its file stem with the folder above it, since the
    UN's archives hold the same file name in two language folders when a file is misnamed
    (``French/S_RES_2635 (2022)-2208534E.xml``), and a vote file's name is only a year or a
    session (``data_extract/2024.json``), so for it the two folders above."""
    parts = PurePosixPath(name.split("!/", 1)[-1]).parts
    keep = 3 if name.lower().endswith(".json") else 2
    return stem_of(Path("-".join(parts[-keep:])))


def read_source(path: Path, raw: bytes | None = None) -> SourceDocument:
    """Read one document, refusing what is not text with a message that says why.

    ``raw`` is the content of an archive member (``path`` is then its name).
    """
    suffix = path.suffix.lower()
    if suffix not in DOCUMENT_SUFFIXES:
        raise SourceError(
            f"{path}: unsupported document type {path.suffix!r}; expected one of "
            f"{', '.join(sorted(DOCUMENT_SUFFIXES))} or an archive of them"
        )
    if raw is None:
        try:
            size = path.stat().st_size
            if size > MAX_DOCUMENT_BYTES:
                raise SourceError(
                    f"{path}: {size:,} bytes is more than the {MAX_DOCUMENT_BYTES:,} a document "
                    "may have; split it, or raise MANDATE_GRAPH_MAX_DOCUMENT_BYTES"
                )
            raw = path.read_bytes()
        except OSError as err:
            raise SourceError(f"{path}: cannot read the file ({err.strerror})") from err
    if not raw.strip():
        raise SourceError(f"{path}: the file is empty; remove it or give it text")
    if suffix == ".docx":
        text = _docx_text(path, raw)
    elif suffix == ".pdf":
        text = _pdf_text(path, raw)
    else:
        text = _plain_text(path, raw)
    if not text.strip():
        raise SourceError(f"{path}: no text could be read from the file (a scanned PDF needs OCR)")
    stem = member_stem(str(path)) if "!/" in str(path) else stem_of(path)
    return SourceDocument(path, stem, text, hashlib.sha256(raw).hexdigest())


def _plain_text(path: Path, raw: bytes) -> str:
    if b"\x00" in raw:
        raise SourceError(f"{path}: the file is binary, not text; convert it to UTF-8 text first")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise SourceError(
            f"{path}: not UTF-8 text (byte {err.start} is 0x{raw[err.start]:02x}); "
            "re-save it as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)"
        ) from err
    return text[1:] if text.startswith("\ufeff") else text


def _docx_text(path: Path, raw: bytes) -> str:
    """Paragraphs, and table rows as tab-separated cells, in document order."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception as err:  # python-docx raises zipfile, KeyError, lxml errors …
        raise SourceError(f"{path}: not a readable Word document ({err})") from err
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                lines.append("\t".join(cell.text.replace("\n", " ") for cell in row.cells))
    return "\n".join(lines) + "\n"


def _pdf_text(path: Path, raw: bytes) -> str:
    """The text layer of every page, pages separated by a blank line."""
    import logging

    import pypdf

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(raw))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as err:  # pypdf raises its own errors and ValueError/KeyError on damage
        raise SourceError(f"{path}: not a readable PDF ({err})") from err
    return "\n\n".join(pages) + "\n"


def read_sources(
    paths: list[Path], skipped: list[str] | None = None, ignored: list[str] | None = None
) -> tuple[list[SourceDocument], list[str]]:
    """Read every path (a document or an archive of documents); return the documents read and
    one message per file that failed.

    An archive is read as a corpus: a member that is a document but cannot be read goes to
    ``skipped`` (if given) rather than failing the build, and a member that is no document (a
    README, an image, an empty placeholder) to ``ignored``.
    """
    documents: list[SourceDocument] = []
    errors: list[str] = []
    seen: dict[str, Path] = {}

    def take(path: Path, raw: bytes | None = None) -> None:
        try:
            doc = read_source(path, raw)
        except SourceError as err:
            # a file given by name must be readable; an unreadable member of an archive (an
            # empty placeholder) is skipped and named, as the archive is read as a corpus
            if raw is not None and ignored is not None and not raw.strip():
                ignored.append(str(err))
            elif raw is not None and skipped is not None:
                skipped.append(str(err))
            else:
                errors.append(str(err))
            return
        if doc.stem in seen:
            errors.append(f"{path}: same identifier {doc.stem!r} as {seen[doc.stem]}; rename one")
            return
        seen[doc.stem] = path
        documents.append(doc)

    for path in paths:
        if not is_archive(path):
            take(path)
            continue
        try:
            members, left_out = read_archive(path, DOCUMENT_SUFFIXES, MAX_DOCUMENT_BYTES)
        except ArchiveError as err:
            errors.append(str(err))
            continue
        if ignored is not None:
            ignored.extend(left_out)
        for member in members:
            take(Path(member.name), member.data)
    return documents, errors


def describe_sources(
    documents: list[SourceDocument], *, base: str, manifest: Graph | None = None
) -> Graph:
    """The description of each document: its manifest entry plus what the file itself says.

    ``manifest`` is the parsed manifest, for a caller describing documents one at a time.
    """
    if manifest is None:
        manifest = read_graph(MANIFEST, base=base)
    graph = Graph()
    for doc in documents:
        node = URIRef(f"{base}source/{doc.stem}")
        for _, p, o in manifest.triples((node, None, None)):
            graph.add((node, p, o))
        graph.add((node, RDF.type, MGNS.SourceDocument))
        graph.add((node, DCTERMS.identifier, Literal(doc.stem)))
        graph.add((node, MGNS.fileName, Literal(doc.path.name)))
        graph.add((node, MGNS.sha256, Literal(doc.sha256)))
        graph.add((node, MGNS.characterCount, Literal(len(doc.text), datatype=XSD.integer)))
        if (node, DCTERMS.title, None) not in manifest:
            graph.add((node, DCTERMS.title, Literal(doc.path.name)))
    return graph
