"""Dated activities as statements: kind, title, dates, place, series, mandates addressed.

A dated meeting of :func:`graph.extract.meetings.find_meetings` becomes an activity with its
dates (inferred when its year came from the context); its agenda items' paragraph references
make it ``mg:addresses`` those mandates, and "Préparatifs de …" items make it ``mg:prepares``
the later meeting.
"""

from __future__ import annotations

from datetime import datetime

import pyoxigraph as ox

from graph.extract import meetings, paragraphs
from graph.extract.fact_writer import FactWriter, slug
from graph.extract.symbols import SymbolMatch
from graph.namespaces import RDF_TYPE_NODE
from graph.to_rdf import literal, mg, term


class MeetingWriter(FactWriter):
    """Writes the activities of a document's calendars, programmes and prose."""

    def _add_meetings(
        self,
        mandates: dict[tuple[str, str], ox.NamedNode],
        principal: str | None,
        symbols: list[SymbolMatch],
    ) -> None:
        f = self.facts
        found = meetings.find_meetings(self.nt, default_year=self.ctx.start_year)
        nodes: list[ox.NamedNode] = []
        refs = paragraphs.find_paragraph_refs(self.text, symbols)
        for meeting in found:
            node = f.local("activity", meeting.date_start, meeting.title or "")
            nodes.append(node)
            date_span = (meeting.date_start, meeting.date_end)
            f.add(node, RDF_TYPE_NODE, mg(meeting.kind), span=date_span, recognizer="meetings")
            f.plain(node, RDF_TYPE_NODE, mg("Activity"))
            title = meeting.title or _default_title(meeting)
            f.plain(node, term("rdfs:label"), literal(title, lang=self.language))
            if meeting.title and meeting.title_start is not None and meeting.title_end is not None:
                f.add(
                    node,
                    term("dcterms:title"),
                    literal(meeting.title, lang=self.language),
                    span=(meeting.title_start, meeting.title_end),
                    recognizer="meetings",
                )
            if meeting.start_date is not None:
                start = _when(meeting.start_date, meeting.start_time)
                f.add(
                    node,
                    term("schema:startDate"),
                    start,
                    span=date_span,
                    recognizer="meetings",
                    inferred=meeting.year_inferred,
                )
                end = _when(meeting.end_date or meeting.start_date, meeting.end_time)
                if meeting.end_date is not None or meeting.end_time is not None:
                    f.add(
                        node,
                        term("schema:endDate"),
                        end,
                        span=date_span,
                        recognizer="meetings",
                        inferred=meeting.year_inferred,
                    )
                f.plain(node, mg("dateInferred"), meeting.year_inferred)
            f.add(node, term("dcterms:source"), f.doc, span=date_span, recognizer="meetings")
            if meeting.place:
                self._add_place(node, meeting.place)
            if meeting.series:
                name, number = meeting.series
                series = f.iri(f"series/{slug(name)}")
                f.add(node, mg("partOfSeries"), series, span=date_span, recognizer="meetings")
                f.plain(series, RDF_TYPE_NODE, mg("ActivitySeries"))
                f.plain(series, term("rdfs:label"), literal(name, lang=self.language))
                f.plain(node, term("schema:position"), number)
            for ref in refs:
                if meeting.block_start <= ref.start < meeting.block_end:
                    instrument = self._instrument_of(ref, principal) or ""
                    mandate = mandates.get((instrument, ref.number))
                    if mandate is not None:
                        f.add(
                            node,
                            mg("addresses"),
                            mandate,
                            span=(ref.start, ref.end),
                            recognizer="meetings",
                            inferred=ref.instrument is None,
                        )
            if self.publisher is not None and not meeting.title and meeting.items:
                f.infer(node, mg("organizedBy"), self.publisher,
                        span=date_span, recognizer="meetings", basis="presenting-organ")
        for before, after, item in meetings.find_preparations(found):
            f.add(
                nodes[before],
                mg("prepares"),
                nodes[after],
                span=(item.start, item.end),
                recognizer="meetings",
            )

    def _add_place(self, node: ox.NamedNode, place: tuple[int, int, str]) -> None:
        start, end, text = place
        for mention in self.gazetteer.find(text):
            if mention.kind == "state":
                self.facts.add(
                    node,
                    mg("hostedBy"),
                    ox.NamedNode(mention.iri),
                    span=(start + mention.start, start + mention.end),
                    recognizer="meetings",
                )
        place_node = self.facts.iri(f"place/{slug(text)}")
        self.facts.add(node, mg("atPlace"), place_node, span=(start, end), recognizer="meetings")
        self.facts.plain(place_node, RDF_TYPE_NODE, mg("Place"))
        self.facts.plain(place_node, term("rdfs:label"), literal(text, lang=self.language))


def _when(day, at):  # type: ignore[no-untyped-def]
    """A date, or a date-time when the text gives the hour."""
    return datetime.combine(day, at) if at is not None else day


def _default_title(meeting: meetings.Meeting) -> str:
    if meeting.start_date is not None:
        return f"Réunion du {meeting.start_date.isoformat()}"
    return "Réunion"
