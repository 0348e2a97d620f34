"""Every vocabulary the project writes or reads, defined once: namespaces, ``rdf:type``, CURIEs.

The ontology namespace is fixed (it names the vocabulary); the data base IRI is a setting
(graph.config). Modules import what they need from here rather than retyping an IRI, so that a
typo cannot make a second, silent vocabulary.
"""

from __future__ import annotations

import pyoxigraph as ox

ONTOLOGY_IRI = "https://w3id.org/mandate-graph/ontology"
MG = ONTOLOGY_IRI + "#"
#: the project's SHACL shapes
MGSH = "https://w3id.org/mandate-graph/shapes#"

#: Prefixes offered to every SPARQL query and every serialisation, so that users can write
#: ``mg:Mandate`` without declaring it. Kept small: only vocabularies the graph really uses.
PREFIXES: dict[str, str] = {
    "mg": MG,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "schema": "https://schema.org/",
    "time": "http://www.w3.org/2006/time#",
    "foaf": "http://xmlns.com/foaf/0.1/",
}

RDF = PREFIXES["rdf"]
RDFS = PREFIXES["rdfs"]
XSD = PREFIXES["xsd"]
DCTERMS = PREFIXES["dcterms"]
PROV = PREFIXES["prov"]
OA = PREFIXES["oa"]
SCHEMA = PREFIXES["schema"]
#: vocabularies of the release's own description (not offered as query prefixes)
DCAT = "http://www.w3.org/ns/dcat#"
VOID = "http://rdfs.org/ns/void#"
DQV = "http://www.w3.org/ns/dqv#"
SD = "http://www.w3.org/ns/sparql-service-description#"
SH = "http://www.w3.org/ns/shacl#"

RDF_TYPE = RDF + "type"
RDFS_SUBCLASS = RDFS + "subClassOf"
#: ``rdf:type`` as a pyoxigraph term, for the modules that make triples
RDF_TYPE_NODE = ox.NamedNode(RDF_TYPE)

#: The UN's field missions: organs a Council or the Assembly mandates (``un-missions.ttl``).
MISSION_CLASSES: frozenset[str] = frozenset(
    MG + local for local in ("PeaceOperation", "PoliticalMission")
)
#: A collective addressee (the Member States, the donors): an ``mg:Organ`` in the ontology, yet
#: many bodies, so no organ node of the dependency view.
ADDRESSEE_GROUP = MG + "AddresseeGroup"
#: ``mg:Organ`` and every class the ontology puts under it but :data:`ADDRESSEE_GROUP`: what
#: makes a node an organ for the dependency view and the synthetic corpora (a test keeps the
#: two equal to the ontology's classes).
ORGAN_CLASSES: frozenset[str] = frozenset(
    MG + local
    for local in (
        "Organ", "IntergovernmentalOrganization", "PoliticalBody", "Committee", "Secretariat",
        "SpecializedEntity", "FollowUpMechanism", "ConferenceOfStatesParties",
        "NationalAuthority",
    )
) | MISSION_CLASSES


_SHORT = {**PREFIXES, "mgsh": MGSH}


def curie(iri: str, *, base: str = "") -> str:
    """The one shortener: ``mg:Mandate`` for an IRI under a known prefix (its local part a plain
    name), ``organ/oas-csh`` under ``base`` when one is given, else the IRI as it is."""
    if base and iri.startswith(base) and len(iri) > len(base):
        return iri[len(base):]
    for prefix, namespace in _SHORT.items():
        local = iri[len(namespace):]
        if iri.startswith(namespace) and local and all(c.isalnum() or c in "_-." for c in local):
            return f"{prefix}:{local}"
    return iri
