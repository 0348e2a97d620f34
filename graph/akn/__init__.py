"""The UN's own machine-readable resolutions: Akoma Ntoso (AKN4UN) files and their vote files.

``extract_akn`` and ``extract_vote_file`` are what the build calls for a ``.xml`` and a
``.json`` source: the file's statements as N-Quads in its own named graph, or the reason it
was skipped.
"""

from __future__ import annotations

import pyoxigraph as ox

from graph.akn.reader import AknError, AknLanguageError, read_akn
from graph.akn.to_rdf import akn_facts
from graph.sources import SourceDocument
from graph.to_rdf import ExtractionResult


def extract_akn(doc: SourceDocument, base: str) -> ExtractionResult:
    """One language version of a resolution; a malformed file is skipped with its line, one in
    a language the graph does not read is ignored with that reason."""
    try:
        akn, text = read_akn(doc.text.encode("utf-8"), file_name=doc.path.name)
    except AknLanguageError as err:
        return ExtractionResult(doc.stem, b"", 0, ignored=f"{doc.path}: {err}")
    except AknError as err:
        return ExtractionResult(doc.stem, b"", 0, skipped=f"{doc.path}: {err}")
    facts = akn_facts(akn, text, stem=doc.stem, base=base)
    data = ox.serialize(facts.quads, format=ox.RdfFormat.N_QUADS) or b""
    return ExtractionResult(
        doc.stem, data, facts.statements, notes=tuple(f"{doc.path}: {n}" for n in akn.notes),
        describes=facts.resolution, cites=frozenset(facts.cited),
    )


def extract_vote_file(doc: SourceDocument, base: str) -> ExtractionResult:
    """A ``data_extract`` file: the votes, sponsors and subjects of its resolutions."""
    from graph.akn.votes import vote_result

    return vote_result(doc, base)
