"""Recognisers (one per module) and the per-document extraction that links what they find.

``extract_corpus`` is the entry point of the build: documents in, N-Quads out, one named graph per
document, optionally over several processes (``--jobs``).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Generator
from concurrent.futures import ProcessPoolExecutor
from functools import cache

import pyoxigraph as ox
import rdflib
from rdflib.namespace import DCTERMS
from tqdm import tqdm

from graph.extract.entities import Gazetteer
from graph.reference import reference_files
from graph.reference.aliases import load_aliases
from graph.sources import SourceDocument
from graph.to_rdf import ExtractionResult

_YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")




@cache
def _gazetteer(base: str) -> Gazetteer:
    """The alias gazetteer, built once per process from the reference data."""
    store = ox.Store()
    for path in reference_files():
        store.load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=base)
    return Gazetteer(load_aliases(store))


def document_context(manifest: rdflib.Graph, doc: SourceDocument, base: str):  # type: ignore[no-untyped-def]
    """Publisher, kind and year of a document, from its manifest description.

    The year is the one a yearless date in the text most likely belongs to ("le 16 avril",
    "de cette année"): the year of the document's own date if the manifest gives one, else the
    first year of the period it covers.
    """
    from graph.extract.document import DocumentContext

    node = rdflib.URIRef(f"{base}source/{doc.stem}")
    publisher = manifest.value(node, DCTERMS.publisher)
    kind_node = manifest.value(node, DCTERMS.type)
    kind = str(kind_node).rsplit("/", 1)[-1] if kind_node else None
    dated = manifest.value(node, DCTERMS.date)
    temporal = manifest.value(node, DCTERMS.temporal)
    years = [int(y) for y in _YEAR.findall(str(temporal) if temporal else doc.stem)]
    if dated is not None and _YEAR.search(str(dated)):
        year: int | None = int(_YEAR.findall(str(dated))[0])
    elif years:
        year = years[0]
    else:
        year = None
    return DocumentContext(
        publisher=str(publisher) if publisher else None, kind=kind, start_year=year
    )


def _extract_one(args: tuple[SourceDocument, object, str]) -> ExtractionResult:
    from graph.extract.document import extract_document

    doc, ctx, base = args
    suffix = doc.path.suffix.lower()
    if suffix == ".xml":
        from graph.akn import extract_akn

        return extract_akn(doc, base)
    if suffix == ".json":
        from graph.akn import extract_vote_file

        return extract_vote_file(doc, base)
    from graph.plaintext import extract_resolution_text

    resolution = extract_resolution_text(doc, base)
    if resolution is not None:
        return resolution  # a UN or OAS resolution printed as text: read as its markup
    facts = extract_document(doc, ctx, _gazetteer(base), base)  # type: ignore[arg-type]
    data = ox.serialize(facts.quads(), format=ox.RdfFormat.N_QUADS) or b""
    return ExtractionResult(doc.stem, data, len(facts))


def extract_corpus(
    documents: list[SourceDocument], manifest: rdflib.Graph, *, base: str, jobs: int = 1
) -> list[ExtractionResult]:
    """Extract every document, in input order; ``jobs`` > 1 uses that many processes."""
    return list(iter_extract(documents, manifest, base=base, jobs=jobs))


def iter_extract(
    documents: list[SourceDocument], manifest: rdflib.Graph, *, base: str, jobs: int = 1
) -> Generator[ExtractionResult, None, None]:
    """:func:`extract_corpus` one result at a time, so that a caller can write each away
    before the next (a corpus's results together are gigabytes)."""
    work = [(doc, document_context(manifest, doc, base), base) for doc in documents]
    progress = tqdm(total=len(work), unit="doc", desc="extracting", disable=not _interactive())
    with progress:
        if jobs <= 1 or len(work) <= 1:
            for item in work:
                yield _extract_one(item)
                progress.update()
            return
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for result in pool.map(_extract_one, work, chunksize=8):
                yield result
                progress.update()


def _interactive() -> bool:
    """A progress bar only for a person at a terminal, never in logs or CI."""
    return sys.stderr.isatty() and not os.environ.get("CI")
