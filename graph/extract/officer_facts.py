"""Officers as statements: the person, the post they hold, the organ and the State.

An officer of :func:`graph.extract.officers.find_officers` becomes a ``mg:Person`` holding a
``mg:Post`` in an organ (the one named, else the organ presenting the document, inferred); a
later mention by surname alone is the person named in full before.
"""

from __future__ import annotations

import pyoxigraph as ox

from graph.extract import officers
from graph.extract.entities import EntityMention
from graph.extract.fact_writer import FactWriter, slug
from graph.namespaces import RDF_TYPE_NODE
from graph.normalize import fold
from graph.to_rdf import literal, mg, term


class OfficerWriter(FactWriter):
    """Writes the officers of a document."""

    def _add_officers(self, entities: list[EntityMention]) -> None:
        f = self.facts
        full_names: dict[str, str] = {}
        for officer in officers.find_officers(self.text):
            span = (officer.start, officer.end)
            name = officer.name
            if " " in name:
                full_names.setdefault(fold(name.split()[-1]), name)
            else:  # a later mention by surname alone: the person named in full before
                name = full_names.get(fold(name), name)
            person = f.iri(f"person/{slug(name)}")
            f.add(person, RDF_TYPE_NODE, mg("Person"), span=span, recognizer="officers")
            f.plain(person, term("rdfs:label"), name)
            organ = self._resolve(officer.organ_text[2], "organ") if officer.organ_text else None
            organ = organ or self.publisher
            if organ is None:
                continue
            post = ox.NamedNode(f"{organ.value}/post/{officer.post}")
            f.plain(post, RDF_TYPE_NODE, mg("Post"))
            f.plain(post, term("rdfs:label"), literal(officer.post.replace("-", " "), lang="en"))
            f.add(
                post,
                mg("postIn"),
                organ,
                span=span,
                recognizer="officers",
                inferred=officer.organ_text is None,
                basis=None if officer.organ_text else "presenting-organ",
            )
            f.add(post, mg("holder"), person, span=span, recognizer="officers")
            if officer.represents:
                state = self._resolve(officer.represents[2], "state")
                if state is not None:
                    f.add(
                        person,
                        mg("represents"),
                        state,
                        span=(officer.represents[0], officer.represents[1]),
                        recognizer="officers",
                    )
