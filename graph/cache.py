"""What a build can reuse from the builds before it.

Two things, both keyed by content, never by file times:

* **Extraction results per document** (``build/cache/extract/``): the N-Quads a document gave,
  keyed by the SHA-256 of its bytes, its identifier, the data base and the *code version* (a
  hash of the extraction code, lexicons and reference data). A corpus of thousands of
  resolutions where one file changed re-extracts that one file.
* **The validation of a document's local shapes** (graph.validate.local), beside its
  extraction, keyed also by the shapes and the ontology.
* **The inputs of a release** (:func:`inputs_digest`): when a build is asked for with exactly
  the inputs of the current release (same documents, same code, same options), the CLI says so
  and keeps that release instead of making an identical one.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from graph.config import ONTOLOGY_DIR, PROJECT_ROOT, SHAPES_DIR
from graph.sources import SourceDocument
from graph.to_rdf import ExtractionResult

#: what an extraction result depends on besides the document: code, lexicons, reference data
_CODE_DIRS = (PROJECT_ROOT / "graph",)
_CODE_SUFFIXES = {".py", ".tsv", ".toml", ".ttl", ".rq", ".json"}
#: what a release depends on besides extraction: the ontology and the shapes it is checked with
_RELEASE_DIRS = (ONTOLOGY_DIR, SHAPES_DIR)


@cache
def code_version() -> str:
    """A hash of every file extraction depends on (the corpus itself excluded)."""
    return _hash_tree(_CODE_DIRS, skip=PROJECT_ROOT / "graph" / "corpus")


def _hash_tree(roots: Iterable[Path], skip: Path | None = None) -> str:
    digest = hashlib.sha256()
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix not in _CODE_SUFFIXES or "__pycache__" in path.parts:
                continue
            if skip is not None and skip in path.parents:
                continue
            digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@cache
def _release_version() -> str:
    """A hash of the shapes and the ontology: what a document's local validation depends on
    besides its extraction and the code."""
    return _hash_tree(_RELEASE_DIRS)


def inputs_digest(documents: list[SourceDocument], add: list[tuple[str, str]], *, base: str,
                  options: dict[str, object]) -> str:
    """The identity of what a build is asked to make: code, documents, added files, options."""
    record = {
        "code": code_version(),
        "release": _release_version(),
        "base": base,
        "documents": sorted((d.stem, d.sha256) for d in documents),
        "add": sorted(add),
        "options": options,
    }
    return hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()


class ExtractionCache:
    """Extraction results on disk, one pair of files per (document, code version, base)."""

    def __init__(self, folder: Path, base: str) -> None:
        self.folder = folder
        self.base = base
        self.version = code_version()

    def _key(self, doc: SourceDocument) -> str:
        text = "\x1f".join((self.version, self.base, doc.stem, doc.sha256))
        return hashlib.sha256(text.encode()).hexdigest()

    def _paths(self, doc: SourceDocument) -> tuple[Path, Path]:
        key = self._key(doc)
        return self.folder / key[:2] / f"{key}.json", self.folder / key[:2] / f"{key}.nq"

    def get(self, doc: SourceDocument) -> ExtractionResult | None:
        """The cached result, without its N-Quads (read them with :meth:`nquads` when they are
        written out: a corpus's results together are gigabytes)."""
        meta_path, nquads_path = self._paths(doc)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if not nquads_path.is_file():
                return None
        except (OSError, ValueError):
            return None
        return ExtractionResult(
            stem=doc.stem, nquads=b"", statements=meta["statements"],
            skipped=meta["skipped"], notes=tuple(meta["notes"]), describes=meta["describes"],
            cites=frozenset(meta["cites"]), ignored=meta.get("ignored"),
        )

    def nquads(self, doc: SourceDocument) -> bytes:
        """The N-Quads of a cached result (raises ``OSError`` if the entry went away)."""
        return self._paths(doc)[1].read_bytes()

    def checks(self, doc: SourceDocument) -> dict[str, object] | None:
        """The validation of a document's local shapes (graph.validate.local), if kept for
        this document, code, shapes and ontology."""
        try:
            data = json.loads(self._checks_path(doc).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def put_checks(self, doc: SourceDocument, checks: dict[str, object]) -> bool:
        """Keep a document's local validation beside its extraction; False if it cannot."""
        return self._write(self._checks_path(doc), json.dumps(checks).encode())

    def _checks_path(self, doc: SourceDocument) -> Path:
        key = self._key(doc)
        return self.folder / key[:2] / f"{key}-{_release_version()[:16]}.checks.json"

    def _write(self, path: Path, data: bytes) -> bool:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}")
            tmp.write_bytes(data)
            tmp.replace(path)
        except OSError:
            return False
        return True

    def nquads_path(self, doc: SourceDocument) -> Path:
        """Where the N-Quads of a cached result are."""
        return self._paths(doc)[1]

    def put(self, doc: SourceDocument, result: ExtractionResult) -> bool:
        """Keep ``result``; written to a temporary name and renamed, so a killed build never
        leaves half an entry. False if the cache cannot be written."""
        key = self._key(doc)
        folder = self.folder / key[:2]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            meta = {
                "statements": result.statements, "skipped": result.skipped,
                "notes": list(result.notes), "describes": result.describes,
                "cites": sorted(result.cites), "ignored": result.ignored,
            }
            for name, data in ((f"{key}.nq", result.nquads),
                               (f"{key}.json", json.dumps(meta).encode())):
                tmp = folder / f".{name}.{os.getpid()}"
                tmp.write_bytes(data)
                tmp.replace(folder / name)
        except OSError:
            return False  # a cache that cannot be written only costs time
        return True
