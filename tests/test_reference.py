"""Tests of the curated reference data (graph/reference): organs, conventions, states, aliases."""

from __future__ import annotations

import re
from pathlib import Path

import pycountry
import pyoxigraph
import pytest
import rdflib
from rdflib import RDF, RDFS, SKOS, XSD, Literal, URIRef
from rdflib.compare import isomorphic

from graph.reference import (
    DEFAULT_BASE,
    REFERENCE_DIR,
    load_reference_graph,
    make_states,
    reference_files,
)
from graph.reference.aliases import Alias, find_ambiguous, load_aliases, normalize_alias

BASE = "https://example.org/x/"
MG = rdflib.Namespace("https://w3id.org/mandate-graph/ontology#")
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
CORPUS_DIR = Path(__file__).resolve().parent.parent / "graph" / "corpus"

ORGAN_KINDS = {
    "IntergovernmentalOrganization",
    "PoliticalBody",
    "Committee",
    "Secretariat",
    "SpecializedEntity",
    "FollowUpMechanism",
    "ConferenceOfStatesParties",
    "NationalAuthority",
    "PeaceOperation",
    "PoliticalMission",
    "AddresseeGroup",
    "Organ",
}

OAS_ORGANS_QUERY = """
PREFIX org: <http://www.w3.org/ns/org#>
SELECT DISTINCT ?organ WHERE { ?organ org:subOrganizationOf+ ?root }
"""


def organ(slug: str) -> URIRef:
    return URIRef(f"{BASE}organ/{slug}")


def state(code: str) -> URIRef:
    return URIRef(f"{BASE}state/{code}")


def convention(slug: str) -> URIRef:
    return URIRef(f"{BASE}convention/{slug}")


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    return load_reference_graph(BASE)


@pytest.fixture(scope="module")
def aliases(graph: rdflib.Graph) -> list[Alias]:
    return load_aliases(graph)


def organs_of(graph: rdflib.Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(f"{BASE}organ/")}


def labels(graph: rdflib.Graph, subject: URIRef, predicate: URIRef) -> dict[str, str]:
    return {o.language: str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal)}


# --- files and IRIs ---------------------------------------------------------------------------


def test_reference_files_exist_and_use_only_relative_data_iris() -> None:
    names = [path.name for path in reference_files()]
    assert {"organs.ttl", "conventions.ttl", "states.ttl"} <= set(names)
    for path in reference_files():
        lines = path.read_text(encoding="utf-8").splitlines()
        statements = [line for line in lines if not line.lstrip().startswith("#")]
        assert not [line for line in statements if re.match(r"\s*(@base|BASE)\b", line)], path.name
        # The data base is configurable: a hard-coded default base would pin the IRIs.
        assert not [line for line in statements if DEFAULT_BASE in line], path.name


def test_rdflib_and_pyoxigraph_resolve_relative_prefixes_against_the_same_base() -> None:
    path = REFERENCE_DIR / "organs.ttl"
    with_rdflib = rdflib.Graph().parse(path, format="turtle", publicID=BASE)

    store = pyoxigraph.Store()
    store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE, base_iri=BASE)
    ntriples = store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph())
    with_oxigraph = rdflib.Graph().parse(data=ntriples, format="nt")

    assert (organ("oas-csh"), RDF.type, MG.Committee) in with_rdflib
    assert (organ("oas-csh"), RDF.type, MG.Committee) in with_oxigraph
    assert len(with_rdflib) == len(with_oxigraph) > 500
    assert isomorphic(with_rdflib, with_oxigraph)


def test_loading_with_another_base_moves_every_data_iri(graph: rdflib.Graph) -> None:
    other = load_reference_graph("https://data.example.com/mg/")
    assert len(other) == len(graph)
    assert (URIRef("https://data.example.com/mg/state/PER"), RDF.type, MG.State) in other
    assert not any(str(s).startswith(BASE) for s in other.subjects())


def test_base_without_trailing_slash_is_refused() -> None:
    with pytest.raises(ValueError, match="must end with '/'"):
        load_reference_graph("https://example.org/x")


# --- organs ------------------------------------------------------------------------------------


def test_every_organ_has_one_allowed_kind_and_french_and_english_labels(graph: rdflib.Graph) -> None:
    organs = organs_of(graph)
    assert len(organs) >= 60
    for subject in organs:
        kinds = [o for o in graph.objects(subject, RDF.type)]
        assert len(kinds) == 1, subject
        assert kinds[0].startswith(str(MG)) and kinds[0][len(MG) :] in ORGAN_KINDS, subject
        for predicate in (RDFS.label, SKOS.prefLabel):
            found = labels(graph, subject, predicate)
            assert {"fr", "en"} <= found.keys(), (subject, predicate)
        assert (subject, DCTERMS.source, None) in graph, subject


def test_organ_slugs_follow_the_naming_rule(graph: rdflib.Graph) -> None:
    pattern = re.compile(r"^(oas|un|au)(-[a-z0-9]+)*$|^group(-[a-z0-9]+)+$|^(apmbc|ccm|mli)(-[a-z0-9]+)+$")
    for subject in organs_of(graph):
        slug = subject[len(f"{BASE}organ/") :]
        assert pattern.match(slug), slug


def test_hierarchy_and_accountability_targets_exist(graph: rdflib.Graph) -> None:
    for predicate in (ORG.subOrganizationOf, MG.reportsTo):
        for subject, target in graph.subject_objects(predicate):
            assert (target, RDF.type, None) in graph, (subject, predicate, target)
    for subject, target in graph.subject_objects(MG.monitors):
        assert (subject, RDF.type, MG.FollowUpMechanism) in graph
        assert (target, RDF.type, MG.Convention) in graph


def test_hierarchy_has_no_cycle(graph: rdflib.Graph) -> None:
    for subject in organs_of(graph):
        seen = {subject}
        current = subject
        while (parent := graph.value(current, ORG.subOrganizationOf)) is not None:
            assert parent not in seen, f"cycle through {subject}"
            seen.add(parent)
            current = parent


def test_at_least_thirty_oas_organs_under_the_oas(graph: rdflib.Graph) -> None:
    rows = graph.query(OAS_ORGANS_QUERY, initBindings={"root": organ("oas")})
    oas_organs = {row[0] for row in rows}  # type: ignore[index]
    assert len(oas_organs) >= 30
    # Spot checks of the hierarchy the brief fixes.
    assert {organ("oas-csh"), organ("oas-dil"), organ("oas-dps"), organ("oas-cevi")} <= oas_organs
    assert (organ("oas-csh"), ORG.subOrganizationOf, organ("oas-pc")) in graph
    assert (organ("oas-dil"), ORG.subOrganizationOf, organ("oas-sla")) in graph
    assert (organ("oas-mesecvi"), MG.monitors, convention("belem-do-para")) in graph
    assert organ("un-sc") not in oas_organs


def test_missions_are_subsidiary_organs_of_the_council_named_in_three_languages(
    graph: rdflib.Graph,
) -> None:
    missions = set(graph.subjects(RDF.type, MG.PeaceOperation)) | set(
        graph.subjects(RDF.type, MG.PoliticalMission))
    assert len(missions) >= 40
    for subject in missions:
        assert graph.value(subject, ORG.subOrganizationOf) == organ("un-sc"), subject
        assert {"fr", "en", "es"} <= labels(graph, subject, SKOS.prefLabel).keys(), subject
        assert labels(graph, subject, SKOS.prefLabel) == labels(graph, subject, RDFS.label)
        if subject != organ("un-vm-colombia"):  # the resolutions give it no acronym
            assert {"fr", "en", "es"} <= labels(graph, subject, MG.acronym).keys(), subject
    assert labels(graph, organ("un-unmiss"), MG.acronym) == {
        "en": "UNMISS", "fr": "MINUSS", "es": "UNMISS"}
    assert labels(graph, organ("un-unifil"), MG.acronym) == {
        "en": "UNIFIL", "fr": "FINUL", "es": "FPNUL"}
    assert (organ("un-unmiss"), RDF.type, MG.PeaceOperation) in graph
    assert (organ("un-unama"), RDF.type, MG.PoliticalMission) in graph


def test_mission_acronyms_reach_the_gazetteer(aliases: list[Alias]) -> None:
    assert iris_for(aliases, "MINUSS") == {str(organ("un-unmiss"))}
    assert iris_for(aliases, "Mission des Nations Unies au Soudan du Sud") == {
        str(organ("un-unmiss"))}


def test_national_authorities_belong_to_their_state(graph: rdflib.Graph) -> None:
    authorities = set(graph.subjects(RDF.type, MG.NationalAuthority))
    assert organ("mli-mpfef") in authorities
    for subject in authorities:
        assert graph.value(subject, ORG.subOrganizationOf) == state("MLI"), subject


# --- conventions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "adopted"),
    [
        ("belem-do-para", "1994-06-09"),
        ("cifta", "1997-11-14"),
        ("citaac", "1999-06-07"),
        ("apmbc", "1997-09-18"),
        ("ccm", "2008-05-30"),
        ("crc", "1989-11-20"),
        ("iacat", "2002-06-03"),
        ("iacac", "1996-03-29"),
    ],
)
def test_convention_adoption_dates(graph: rdflib.Graph, slug: str, adopted: str) -> None:
    value = graph.value(convention(slug), MG.adoptionDate)
    assert value == Literal(adopted, datatype=XSD.date)


def test_every_convention_is_labelled_dated_and_sourced(graph: rdflib.Graph) -> None:
    conventions = set(graph.subjects(RDF.type, MG.Convention))
    assert len(conventions) >= 8
    for subject in conventions:
        assert {"fr", "en", "es"} <= labels(graph, subject, SKOS.prefLabel).keys(), subject
        date = graph.value(subject, MG.adoptionDate)
        assert isinstance(date, Literal) and date.datatype == XSD.date, subject
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(date)), subject
        source = graph.value(subject, DCTERMS.source)
        assert isinstance(source, URIRef) and source.startswith("https://"), subject


# --- states ------------------------------------------------------------------------------------


def members_of(graph: rdflib.Graph, organisation: str) -> set[URIRef]:
    return set(graph.subjects(MG.memberOf, organ(organisation)))


def test_exactly_193_un_members(graph: rdflib.Graph) -> None:
    members = members_of(graph, "un")
    assert len(members) == 193
    assert {state("PER"), state("MLI"), state("USA")} <= members
    # Observer states are described but are not members.
    assert state("PSE") not in members and (state("PSE"), RDF.type, MG.State) in graph
    assert state("VAT") not in members


def test_exactly_35_oas_members(graph: rdflib.Graph) -> None:
    members = members_of(graph, "oas")
    assert len(members) == 35
    assert {state("PER"), state("USA"), state("CAN"), state("VEN")} <= members
    assert state("MLI") not in members
    assert members <= members_of(graph, "un")


def test_state_codes_match_iso_3166(graph: rdflib.Graph) -> None:
    states = set(graph.subjects(RDF.type, MG.State))
    assert len(states) == 195
    for subject in states:
        code = subject[len(f"{BASE}state/") :]
        country = pycountry.countries.get(alpha_3=code)
        assert country is not None, code
        assert str(graph.value(subject, MG.isoAlpha3)) == country.alpha_3
        assert str(graph.value(subject, MG.isoAlpha2)) == country.alpha_2
        assert str(graph.value(subject, MG.isoNumeric)) == country.numeric
        assert {"fr", "en", "es"} <= labels(graph, subject, SKOS.prefLabel).keys(), code


def test_state_names_are_localised(graph: rdflib.Graph) -> None:
    assert labels(graph, state("PER"), SKOS.prefLabel) == {"fr": "Pérou", "en": "Peru", "es": "Perú"}
    venezuela = {str(o) for o in graph.objects(state("VEN"), SKOS.altLabel)}
    assert "République bolivarienne du Venezuela" in venezuela


def test_committed_states_file_is_what_the_generator_writes(tmp_path: Path) -> None:
    first, second = tmp_path / "first.ttl", tmp_path / "second.ttl"
    assert make_states.main(["--output", str(first)]) == 0
    assert make_states.main(["--output", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() == (REFERENCE_DIR / "states.ttl").read_bytes(), (
        "states.ttl is stale: run `python -m graph.reference.make_states`"
    )


def test_generator_reports_an_unwritable_output_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = make_states.main(["--output", str(tmp_path / "missing" / "states.ttl")])
    err = capsys.readouterr().err
    assert status == 1
    assert err.startswith("make_states: error:")
    assert "Traceback" not in err


# --- aliases -----------------------------------------------------------------------------------


def iris_for(aliases: list[Alias], text: str) -> set[str]:
    wanted = normalize_alias(text)
    return {alias.iri for alias in aliases if normalize_alias(alias.text) == wanted}


def test_load_aliases_finds_organs_states_and_conventions(aliases: list[Alias]) -> None:
    csh = [a for a in aliases if a.text == "CSH"]
    assert csh and all(a.iri == str(organ("oas-csh")) and a.is_acronym for a in csh)
    assert {a.lang for a in csh} == {"fr", "en", "es"}

    peru = [a for a in aliases if a.text == "Pérou"]
    assert [(a.iri, a.kind, a.lang, a.is_acronym) for a in peru] == [
        (str(state("PER")), "state", "fr", False)
    ]

    belem = [a for a in aliases if a.text == "Convention de Belém do Pará"]
    assert [(a.iri, a.kind) for a in belem] == [(str(convention("belem-do-para")), "convention")]
    assert {a.kind for a in aliases} == {"organ", "state", "convention", "plan"}


def test_alias_that_is_both_label_and_acronym_is_reported_once_as_acronym() -> None:
    data = """
    @prefix mg: <https://w3id.org/mandate-graph/ontology#> .
    @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    <https://example.org/x/organ/demo> a mg:Committee ;
        mg:acronym "DEMO"@en ; skos:altLabel "DEMO"@en , "Demo committee"@en .
    """
    found = load_aliases(rdflib.Graph().parse(data=data, format="turtle"))
    assert [(a.text, a.is_acronym) for a in found] == [("DEMO", True), ("Demo committee", False)]


def test_load_aliases_rejects_something_that_is_not_a_graph() -> None:
    with pytest.raises(TypeError, match="rdflib.Graph"):
        load_aliases("graph/reference/organs.ttl")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("L’Assemblée  générale", "l'assemblee generale"),
        ("Mise en Œuvre", "mise en oeuvre"),
        ("  Trinité\u2011et\u2011Tobago ", "trinite-et-tobago"),
        ("Convention de Belém Do Pará", "convention de belem do para"),
        ("ÉTATS-UNIS", "etats-unis"),
    ],
)
def test_normalize_alias(raw: str, normalized: str) -> None:
    assert normalize_alias(raw) == normalized


def test_ambiguous_aliases_are_reported(aliases: list[Alias]) -> None:
    ambiguous = find_ambiguous(aliases)
    assert ambiguous["ag"] == {str(organ("oas-ga")), str(organ("un-ga"))}
    assert ambiguous["secretaire general"] == {str(organ("oas-sg")), str(organ("un-sg"))}
    assert "csh" not in ambiguous
    assert "perou" not in ambiguous


@pytest.mark.parametrize(
    ("corpus_file", "mention", "target"),
    [
        ("csh-work-plan-2019-2020.txt", "Commission sur la sécurité continentale", "organ/oas-csh"),
        ("csh-work-plan-2019-2020.txt", "Organisation interaméricaine de défense", "organ/oas-iadb"),
        ("csh-work-plan-2019-2020.txt", "Commission de consolidation de la paix", "organ/un-pbc"),
        ("csh-work-plan-2019-2020.txt", "SMM", "organ/oas-ssm"),
        ("csh-work-plan-2019-2020.txt", "Convention sur les armes à sous-munitions", "convention/ccm"),
        ("mesecvi-report-2007-2008.txt", "Direction des Services Légaux", "organ/oas-dls"),
        ("mesecvi-report-2007-2008.txt", "Convention de Belém Do Pará", "convention/belem-do-para"),
        ("mesecvi-report-2007-2008.txt", "République bolivarienne du Venezuela", "state/VEN"),
        ("oas-migration-report-2008.txt", "Commission spéciale sur les questions migratoires", "organ/oas-ceam"),
        ("oas-migration-report-2008.txt", "Bureau du droit international", "organ/oas-dil"),
        ("oas-migration-report-2008.txt", "Organisation international de migrations", "organ/un-iom"),
        ("oas-migration-report-2008.txt", "Saint-Kitts-et-Nevis", "state/KNA"),
        ("apmbc-victim-assistance-2012.txt", "Comité de Soutien à la Mise en Œuvre", "organ/apmbc-isu"),
        ("apmbc-victim-assistance-2012.txt", "Comité Permanent sur l'Assistance aux Victimes", "organ/apmbc-sc-va"),
        ("mali-nap-1325-2012-2014.txt", "Ministère de la Promotion de la Femme", "organ/mli-mpfef"),
        ("mali-nap-1325-2012-2014.txt", "Ministère de la sécurité", "organ/mli-msipc"),
        ("mali-nap-1325-2012-2014.txt", "Conseil de Sécurité des Nations Unies", "organ/un-sc"),
    ],
)
def test_corpus_spellings_resolve_to_their_entity(
    aliases: list[Alias], corpus_file: str, mention: str, target: str
) -> None:
    corpus_text = normalize_alias((CORPUS_DIR / corpus_file).read_text(encoding="utf-8"))
    assert normalize_alias(mention) in corpus_text, "the mention must really occur in the corpus"
    assert iris_for(aliases, mention) == {f"{BASE}{target}"}
