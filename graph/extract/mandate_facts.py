"""Provisions, the mandates they establish, and reporting obligations, as statements.

A paragraph reference becomes a ``mg:Provision`` of its resolution (named in the same phrase, or
else the document's principal resolution) that ``mg:establishes`` a ``mg:Mandate``; the mandate
is ``mg:assignedTo`` the organ(s) a "confié à" phrase names (explicit), or else to the organ
that presents a work plan (inferred, basis ``presenting-organ``).  A reporting deadline becomes
a ``mg:ReportingObligation`` due for the organ it names, sourced in the principal resolution.
"""

from __future__ import annotations

import dataclasses
import re

import pyoxigraph as ox

from graph.extract import deadlines, mandate_table, paragraphs, provision_words
from graph.extract.entities import EntityMention
from graph.extract.fact_writer import SENTENCE_END, FactWriter, sentence, slug
from graph.extract.symbols import SymbolMatch
from graph.grammar import read_mandate
from graph.namespaces import RDF_TYPE_NODE
from graph.normalize import fold
from graph.to_rdf import literal, mg, term

PROVISION_WORDS = {
    "paragraph": ("paragraph", "paragraphe"),
    "article": ("article", "article"),
    "action": ("action", "action"),
}
_ASSIGNMENT = provision_words.ASSIGNMENT
_DUTY = provision_words.DUTY
_ANAPHORA_REACH = 800
"""How far (in characters) after a reference's sentence a sentence may still go on about its
provision: the paragraph may be quoted in between, in several clauses."""
_ARTICLE = re.compile(r"\s*(?:(?:The|the|Le|La|Les|L'|El|La|Los|Las)\s+|L')?")
"""The article before a subject at the start of a sentence."""
_CLAUSE_LIMIT = 1500
"""A clause longer than this is not the paraphrase of one paragraph."""
_NUMBERED = re.compile(provision_words.KEYWORD.pattern + r"(?=(?:n[°º]|no\.?)?[ ]*\d)")
"""A provision keyword followed by its number: another reference."""


def _with_table_rows(
    refs: list[paragraphs.ParagraphRef], rows: list[mandate_table.MandateRow]
) -> list[tuple[paragraphs.ParagraphRef, mandate_table.MandateRow | None]]:
    """The references of the text, each with the mandate-table row whose paragraph cell holds
    it, and the bare numbers of those cells as references of the row's instrument."""
    found: list[tuple[paragraphs.ParagraphRef, mandate_table.MandateRow | None]] = []
    for ref in refs:
        row = next((r for r in rows if r.paragraph_cell[0] <= ref.start < r.paragraph_cell[1]),
                   None)
        if row is not None and row.numbers:
            continue  # read below, with the row's instrument
        if row is not None and not ref.explicit and row.instrument is not None:
            ref = dataclasses.replace(ref, instrument=row.instrument.symbol.iri_path())
        found.append((ref, row))
    for row in rows:
        instrument = row.instrument.symbol.iri_path() if row.instrument else None
        for start, end, number in row.numbers:
            found.append((paragraphs.ParagraphRef(start, end, number, "paragraph", instrument,
                                                  explicit=instrument is not None), row))
    return sorted(found, key=lambda pair: (pair[0].start, pair[0].end))


def _one_body(organs: list[EntityMention]) -> list[EntityMention]:
    """The first body named: the subject (its full name and its acronym are one body)."""
    return organs[:1]


class MandateWriter(FactWriter):
    """Writes the provisions, mandates and reporting obligations of a document."""

    _folded: str | None = None
    _states: list[EntityMention] = []  # set per document by _add_paragraphs

    def _add_paragraphs(
        self, symbols: list[SymbolMatch], principal: str | None, entities: list[EntityMention]
    ) -> dict[tuple[str, str], ox.NamedNode]:
        """Provision → mandate for every paragraph reference; returns (instrument, n) → mandate."""
        f = self.facts
        mandates: dict[tuple[str, str], ox.NamedNode] = {}
        organs = [e for e in entities if e.kind == "organ"]
        self._states = [e for e in entities if e.kind == "state"]
        last_plan: str | None = None
        rows = mandate_table.find_mandate_rows(self.text, symbols)
        for ref, row in _with_table_rows(paragraphs.find_paragraph_refs(self.text, symbols), rows):
            instrument = self._instrument_of(ref, principal)
            if ref.kind == "action":
                # "l'Action n°39" after "l'Action n°39 du Plan d'Action de Nairobi": same plan
                instrument = instrument or last_plan
                last_plan = instrument
            if instrument is None:
                continue
            span = (ref.start, ref.end)
            inferred = ref.instrument is None and ref.kind == "paragraph"
            mandate = self._mandate(instrument, ref.kind, ref.number, span, inferred)
            mandates[(instrument, ref.number)] = mandate
            if row is not None:
                assigned = _one_body([o for o in organs if row.responsible is not None
                                      and row.responsible[0] <= o.start < row.responsible[1]])
            else:
                assigned = self._explicit_assignees(ref.start, organs)
                if not assigned and ref.kind == "paragraph":
                    for iri in self._addressees(ref):
                        f.add(mandate, mg("assignedTo"), f.iri(iri), span=span,
                              recognizer="paragraphs", basis="addressee")
            for organ in assigned:
                f.add(
                    mandate,
                    mg("assignedTo"),
                    ox.NamedNode(organ.iri),
                    span=span,
                    recognizer="paragraphs",
                    basis="explicit",
                )
            if not assigned and self.publisher is not None and self.ctx.kind == "work-plan":
                f.infer(mandate, mg("assignedTo"), self.publisher,
                        span=span, recognizer="paragraphs", basis="presenting-organ")
        return mandates

    def _mandate(
        self, instrument: str, kind: str, number: str, span: tuple[int, int], inferred: bool
    ) -> ox.NamedNode:
        f = self.facts
        resolution = f.iri(instrument)
        provision = f.iri(f"{instrument}/{kind}/{slug(number)}")
        mandate = f.iri(f"{instrument}/{kind}/{slug(number)}/mandate")
        f.add(
            provision,
            RDF_TYPE_NODE,
            mg("Provision"),
            span=span,
            recognizer="paragraphs",
            inferred=inferred,
            basis=None if not inferred else "principal-instrument",
        )
        f.add(
            provision,
            mg("provisionOf"),
            resolution,
            span=span,
            recognizer="paragraphs",
            inferred=inferred,
        )
        f.plain(resolution, mg("hasProvision"), provision)
        f.plain(provision, mg("paragraphNumber"), number)
        f.plain(provision, mg("provisionKind"), kind)
        f.add(
            provision,
            mg("establishes"),
            mandate,
            span=span,
            recognizer="paragraphs",
            inferred=inferred,
        )
        f.plain(mandate, RDF_TYPE_NODE, mg("Mandate"))
        f.plain(mandate, mg("establishedBy"), provision)
        label = self.instrument_labels.get(instrument) or self._instrument_name(instrument)
        word_en, word_fr = PROVISION_WORDS.get(kind, (kind, kind))
        f.plain(provision, term("rdfs:label"), literal(f"{label}, {word_en} {number}", lang="en"))
        f.plain(provision, term("rdfs:label"), literal(f"{label}, {word_fr} {number}", lang="fr"))
        f.plain(
            mandate,
            term("rdfs:label"),
            literal(f"Mandate of {label}, {word_en} {number}", lang="en"),
        )
        f.plain(
            mandate,
            term("rdfs:label"),
            literal(f"Mandat de {label}, {word_fr} {number}", lang="fr"),
        )
        return mandate

    def _explicit_assignees(
        self, position: int, organs: list[EntityMention]
    ) -> list[EntityMention]:
        """The organs a text makes responsible for the provision cited at ``position``.

        In the reference's sentence, the organs named after "confié à" ("entrusted to"), else
        the organ a duty word follows ("the Ministry … shall implement paragraph 3", "Under
        paragraph 4, the Ministry … shall …"); else, when
        the next sentence goes on about the provision ("Under this paragraph, the Ministry …
        (MoGCSP) shall …"), the first organ before its duty word, or else the first it names,
        or else the State it names ("Under this paragraph, Ghana shall …").
        """
        start, end = sentence(self.text, position)
        folded = fold(self.text[start:end])
        match = _ASSIGNMENT.search(folded)
        if match:
            after = start + match.end()
            return [o for o in organs if after <= o.start < end]
        duty = _DUTY.search(folded, 0, position - start)
        if duty is not None:
            before = [o for o in organs if start <= o.start and o.end <= start + duty.start()]
            if before:
                return _one_body(before)
        duty = _DUTY.search(folded, position - start)  # "Under paragraph 4, the MoD shall …"
        if duty is not None:
            between = [o for o in organs if position <= o.start and o.end <= start + duty.start()]
            if between:
                return _one_body(between)
        opening = self._anaphoric_sentence(end) or self._subject_sentence(end, organs)
        if opening is None:
            return []
        next_start, next_end = opening
        named = [o for o in organs if next_start <= o.start < next_end] or [
            s for s in self._states if next_start <= s.start < next_end]  # "Ghana shall …"
        duty = _DUTY.search(fold(self.text[next_start:next_end]))
        if duty is not None:
            named = [o for o in named if o.end <= next_start + duty.start()] or named
        return _one_body(named)

    def _subject_sentence(
        self, end: int, organs: list[EntityMention]
    ) -> tuple[int, int] | None:
        """The next sentence when it opens with an organ and a duty word follows it ("The
        Ministry of the Interior (MINT) is responsible for its implementation.")."""
        following = SENTENCE_END.search(self.text, end)
        if following is None:
            return None
        start, stop = sentence(self.text, following.end())
        opener = _ARTICLE.match(self.text, start)
        first = opener.end() if opener else start
        subject = [o for o in organs if o.start == first]
        if not subject:
            return None
        rest = fold(self.text[subject[0].end : stop])
        duty = _DUTY.match(re.sub(r"^(?:[ ]*\([^)]*\))?[ ]*", "", rest))
        return (start, stop) if duty is not None else None

    def _addressees(self, ref: paragraphs.ParagraphRef) -> list[str]:
        """Whom the paragraph tasks when the sentence goes on with its operative verb
        ("Paragraph 2 of the resolution encourages the Secretary-General to …"), as the
        mandate grammar reads them (IRI paths of the bodies it knows)."""
        after = max(ref.end, ref.instrument_end or 0)
        if self._folded is None:
            self._folded = fold(self.text)
        same = provision_words.SAME_RESOLUTION.match(self._folded, after)
        after = same.end() if same is not None else after
        _, end = sentence(self.text, after)
        clause = self.text[after:end].lstrip(" ,")
        if not clause or len(clause) > _CLAUSE_LIMIT:
            return []
        reading = read_mandate(clause, self.language)
        return [a.iri for a in reading.addressees if a.iri is not None and a.known]

    def _anaphoric_sentence(self, end: int) -> tuple[int, int] | None:
        """The first of the sentences soon after ``end`` that goes on about the provision cited
        before it ("Under this paragraph, …"), if no other provision is cited first."""
        limit = end + _ANAPHORA_REACH
        while end < limit:
            following = SENTENCE_END.search(self.text, end)
            if following is None:
                return None
            start, end = sentence(self.text, following.end())
            folded = fold(self.text[start:end])
            if provision_words.ANAPHORA.match(folded) or provision_words.ANAPHOR.search(folded):
                return start, end
            if _NUMBERED.search(folded):
                return None
        return None

    def _add_deadlines(self, principal: str | None, entities: list[EntityMention]) -> None:
        f = self.facts
        for deadline in deadlines.find_deadlines(self.text, default_year=self.ctx.start_year):
            span = (deadline.start, deadline.end)
            node = f.local("obligation", deadline.start, deadline.what)
            f.add(node, RDF_TYPE_NODE, mg("ReportingObligation"), span=span, recognizer="deadlines")
            f.plain(node, term("rdfs:label"), literal(deadline.what, lang=self.language))
            if deadline.month_day:
                f.add(
                    node,
                    mg("dueMonthDay"),
                    literal(deadline.month_day, datatype="gMonthDay"),
                    span=span,
                    recognizer="deadlines",
                )
            if deadline.date:
                f.add(
                    node, term("schema:endDate"), deadline.date, span=span, recognizer="deadlines"
                )
            who = self._resolve(deadline.who_text[2], "organ") if deadline.who_text else None
            if who is not None and deadline.who_text is not None:
                f.add(
                    node,
                    mg("dueFor"),
                    who,
                    span=(deadline.who_text[0], deadline.who_text[1]),
                    recognizer="deadlines",
                )
            if principal:
                f.infer(node, mg("obligationSource"), f.iri(principal),
                        span=span, recognizer="deadlines", basis="principal-instrument")
