"""Resolutions held as plain text (a PDF's text layer, a Word file, a web page) read as markup.

:func:`extract_resolution_text` is what the build calls for a ``.txt``, ``.md``, ``.docx`` or
``.pdf`` source before the general document extractor: a text recognised as a UN or OAS
resolution is read by :mod:`graph.plaintext.resolution` into the AKN reader's document and
stated by :func:`graph.akn.to_rdf.akn_facts`, so a PDF of S/RES/2722 (2024) makes the statements
its Akoma Ntoso file makes; any other text gives None and goes on as before.
:mod:`graph.plaintext.render` and :mod:`graph.plaintext.evaluate` measure the reader against
the AKN markup.
"""

from __future__ import annotations

import pyoxigraph as ox

from graph.sources import SourceDocument
from graph.to_rdf import ExtractionResult

#: the formats whose text may be a printed resolution
TEXT_SUFFIXES = frozenset({".txt", ".md", ".docx", ".pdf"})


def extract_resolution_text(doc: SourceDocument, base: str) -> ExtractionResult | None:
    """The statements of a resolution printed as text, or None if ``doc`` is not one."""
    if doc.path.suffix.lower() not in TEXT_SUFFIXES:
        return None
    from graph.akn.to_rdf import akn_facts
    from graph.plaintext.resolution import read_resolution_text

    resolution = read_resolution_text(doc.text, file_name=doc.path.name)
    if resolution is None:
        return None
    facts = akn_facts(resolution, doc.text, stem=doc.stem, base=base)
    data = ox.serialize(facts.quads, format=ox.RdfFormat.N_QUADS) or b""
    return ExtractionResult(
        doc.stem, data, facts.statements,
        notes=tuple(f"{doc.path}: {n}" for n in resolution.notes),
        describes=facts.resolution, cites=frozenset(facts.cited),
    )
