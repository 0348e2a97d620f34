"""The state every fact writer of a document shares, and the look-ups they all make.

:class:`graph.extract.document.DocumentExtractor` turns one document into statements; the
statements of each kind of fact (mandates, meetings, officers, plans) are written by a class of
its own, and this is their common base: the document, its clean text, the facts being
collected, the gazetteer, and how an instrument, an organ or a state is found for a phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from graph.extract import paragraphs
from graph.extract.entities import Gazetteer
from graph.normalize import NormalizedText, fold, normalize
from graph.sources import SourceDocument
from graph.to_rdf import Facts


@dataclass(frozen=True)
class DocumentContext:
    """What the manifest says of a document that the text alone does not."""

    publisher: str | None = None  # IRI of the organ that presents the document
    kind: str | None = None  # document-kind slug: work-plan, report, national-action-plan …
    start_year: int | None = None


class FactWriter:
    """The document being extracted and the facts written about it, for every fact writer."""

    def __init__(self, doc: SourceDocument, ctx: DocumentContext, gazetteer: Gazetteer, base: str):
        self.doc = doc
        self.ctx = ctx
        self.base = base
        self.nt: NormalizedText = normalize(doc.text)
        self.text = self.nt.text
        self.facts = Facts(base=base, doc_stem=doc.stem, nt=self.nt)
        self.gazetteer = gazetteer
        self.publisher = ox.NamedNode(ctx.publisher) if ctx.publisher else None
        self.instrument_labels: dict[str, str] = {}
        self.language = document_language(self.text)

    def _instrument_name(self, instrument: str) -> str:
        """A convention's or plan's acronym or name, for the labels of its provisions."""
        names = self.gazetteer.names(self.base + instrument)
        return names[0] if names else instrument.rsplit("/", 1)[-1]

    def _instrument_of(self, ref: paragraphs.ParagraphRef, principal: str | None) -> str | None:
        """The instrument path a provision reference belongs to, if it can be told.

        A paragraph without a named resolution belongs to the document's principal one; an
        article belongs to the convention its phrase names ("article 91 f de la Charte de
        l'OEA"); an action of a plan that is not in the reference data is left out.
        """
        if ref.kind == "paragraph":
            return ref.instrument or principal
        if ref.kind == "article" and ref.instrument_text:
            for mention in self.gazetteer.find(ref.instrument_text, kinds=("convention",)):
                return mention.iri[len(self.base) :]
        if ref.kind == "action" and ref.plan_text:
            for mention in self.gazetteer.find(ref.plan_text, kinds=("plan",)):
                return mention.iri[len(self.base) :]
        return ref.instrument

    def _resolve(
        self, text: str, kind: str, fallback: ox.NamedNode | None = None
    ) -> ox.NamedNode | None:
        """The first gazetteer entry of ``kind`` (organ, state …) named in ``text``, else
        ``fallback``: a phrase such as "le Président du Conseil permanent" names one organ."""
        for mention in self.gazetteer.find(text):
            if mention.kind == kind:
                return ox.NamedNode(mention.iri)
        return fallback


_FUNCTION_WORDS = {
    "fr": frozenset("de la le les des du et en au aux".split()),
    "en": frozenset("the of and to in for on by with".split()),
    "es": frozenset("el los las del y en por con para".split()),
}


def document_language(text: str) -> str:
    """The language a document is written in (fr, en or es), by its commonest small words:
    the language tag of the titles and names read from it. French when nothing tells."""
    words = re.findall(r"[a-z]+", fold(text[:20000]))
    counts = {lang: sum(w in small for w in words) for lang, small in _FUNCTION_WORDS.items()}
    best = max(counts, key=lambda lang: (counts[lang], lang == "fr"))
    return best if counts[best] else "fr"


SENTENCE_END = re.compile(r"[.;:!?](?:\s|$)|\n\s*\n")
"""A sentence ends at a stop before a space, or at a blank line."""


def sentence(text: str, position: int) -> tuple[int, int]:
    """The sentence around ``position``: from the previous to the next sentence end."""
    start = 0
    for previous in SENTENCE_END.finditer(text, 0, position):
        start = previous.end()
    following = SENTENCE_END.search(text, position)
    return start, (following.start() if following else len(text))


def slug(text: str) -> str:
    """An IRI segment from a name: folded, anything but letters and digits made a dash."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"
