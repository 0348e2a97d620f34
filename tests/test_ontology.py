"""The ontology is OWL 2 DL, documented in English and French, consistent, and renders as HTML.

Checks are SPARQL queries in queries/checks/ that must return no rows over the ontology; the
counter-examples below prove that each kind of check can actually fail.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.plugins.sparql import prepareQuery

from graph.ontology_docs import render_ontology_html
from graph.reason import ReasoningError, check_consistency

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "mandate-graph.ttl"
CHECKS = ROOT / "queries" / "checks"
MG = rdflib.Namespace("https://w3id.org/mandate-graph/ontology#")

needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")

PREFIXES = """
@prefix mg: <https://w3id.org/mandate-graph/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix ex: <http://example.org/> .
"""

# The names other modules are written against: renaming one of them must fail here.
EXPECTED_TERMS = {
    OWL.Class: """Organ IntergovernmentalOrganization PoliticalBody Committee Secretariat
        SpecializedEntity FollowUpMechanism ConferenceOfStatesParties NationalAuthority State
        Instrument Convention Resolution ActionPlan WorkPlan PriorityAxis Provision Mandate
        Activity Meeting Conference Seminar Training Exercise Presentation Report Publication
        Study Project ActivitySeries ReportingObligation BudgetLine Place Person Post
        ConventionStatus SourceDocument Evidence Theme Act AddresseeGroup""",
    OWL.ObjectProperty: """issuedBy issued hasProvision provisionOf hasAxis axisOf establishes
        establishedBy assignedTo responsibleFor implements addresses addressedBy dependsOn
        followsUp cites reaffirms recalls prepares preparedBy organizedBy hostedBy atPlace
        participant partOfSeries partyTo statusOf statusToward monitors reportsTo fundedBy
        hasBudget theme locatedIn memberOf holder postIn represents dueFor reportTo
        obligationSource budgetFor hasEvidence supports act""",
    OWL.DatatypeProperty: """symbol paragraphNumber provisionKind sessionNumber sessionYear
        sessionKind dateInferred dueMonthDay fiscalYear period isoAlpha2 isoAlpha3 isoNumeric
        statusKind statusDate adoptionDate inferred recognizer basis actUnresolved createsMandate
        actionText deadline deadlineSession deadlineDuration periodicity addresseeUnresolved""",
    OWL.AnnotationProperty: "acronym assertedProperty assertedValue",
}


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY, format="turtle")


def run_check(graph: rdflib.Graph, check: Path) -> list[str]:
    """The ?term of every row the check returns over the graph."""
    return [str(row.term) for row in graph.query(check.read_text(encoding="utf-8"))]


def check_files() -> list[Path]:
    return sorted(CHECKS.glob("*.rq"))


@pytest.mark.parametrize(
    ("kind", "name"),
    [(kind, name) for kind, names in EXPECTED_TERMS.items() for name in names.split()],
)
def test_term_used_by_other_modules_is_declared(
    ontology: rdflib.Graph, kind: rdflib.URIRef, name: str
) -> None:
    assert (MG[name], RDF.type, kind) in ontology


def test_required_checks_exist() -> None:
    names = {path.name for path in check_files()}
    assert {
        "term-missing-english-label.rq",
        "term-missing-french-label.rq",
        "term-missing-definition.rq",
        "ontology-header-incomplete.rq",
    } <= names


@pytest.mark.parametrize("check", check_files(), ids=lambda path: path.stem)
def test_check_is_well_formed_and_passes(ontology: rdflib.Graph, check: Path) -> None:
    text = check.read_text(encoding="utf-8")
    assert text.startswith("# title: "), "a check starts with a '# title:' comment"
    assert "\n# description: " in text, "a check explains what it guards in '# description:'"
    query = prepareQuery(text)  # a syntax error fails here
    assert "term" in [str(var) for var in query.algebra["PV"]], "a check reports ?term"
    assert run_check(ontology, check) == []


COUNTER_EXAMPLES = [
    (
        "term-missing-french-label",
        'mg:Widget a owl:Class ; rdfs:label "widget"@en ; skos:definition "A widget."@en .',
        str(MG.Widget),
    ),
    (
        "term-missing-english-label",
        'mg:gadget a owl:ObjectProperty ; rdfs:label "gadget"@fr ; skos:definition "A gadget."@en .',
        str(MG.gadget),
    ),
    (
        "term-missing-definition",
        'mg:size a owl:DatatypeProperty ; rdfs:label "size"@en , "taille"@fr .',
        str(MG.size),
    ),
    (
        "ontology-header-incomplete",
        '<http://example.org/onto> a owl:Ontology ; dcterms:title "Onto"@en .',
        "http://example.org/onto",
    ),
    (
        "term-undeclared",
        "ex:A a owl:Class ; rdfs:subClassOf mg:Orgen .",
        str(MG.Orgen),
    ),
    (
        "range-outside-owl2-datatype-map",
        "mg:when a owl:DatatypeProperty ; rdfs:range <http://www.w3.org/2001/XMLSchema#date> .",
        str(MG.when),
    ),
]


@pytest.mark.parametrize(
    ("check", "turtle", "offender"), COUNTER_EXAMPLES, ids=[c[0] for c in COUNTER_EXAMPLES]
)
def test_check_reports_the_offending_term(check: str, turtle: str, offender: str) -> None:
    graph = rdflib.Graph().parse(data=PREFIXES + turtle, format="turtle")
    assert offender in run_check(graph, CHECKS / f"{check}.rq")


def test_french_label_check_names_only_the_term_missing_it() -> None:
    turtle = """
        mg:Good a owl:Class ; rdfs:label "good"@en , "bon"@fr ; skos:definition "Good."@en .
        mg:Bad a owl:Class ; rdfs:label "bad"@en ; skos:definition "Bad."@en .
    """
    graph = rdflib.Graph().parse(data=PREFIXES + turtle, format="turtle")
    assert run_check(graph, CHECKS / "term-missing-french-label.rq") == [str(MG.Bad)]


@needs_java
def test_hermit_finds_the_ontology_consistent_with_no_unsatisfiable_class() -> None:
    result = check_consistency([ONTOLOGY])
    assert result.consistent, result.message
    assert result.unsatisfiable == []


#: a tiny ontology of two disjoint classes, for the reasoner's own cases
CAT_DOG = """
<http://example.org/onto> a owl:Ontology .
ex:Cat a owl:Class ; owl:disjointWith ex:Dog .
ex:Dog a owl:Class .
"""


def turtle_file(tmp_path: Path, turtle: str) -> Path:
    """``turtle`` with the prefixes above, as a file the reasoner reads."""
    path = tmp_path / "data.ttl"
    path.write_text(PREFIXES + turtle, encoding="utf-8")
    return path


@needs_java
def test_hermit_reports_an_individual_in_two_disjoint_classes(tmp_path: Path) -> None:
    path = turtle_file(tmp_path, CAT_DOG + "ex:rex a owl:NamedIndividual , ex:Cat , ex:Dog .")
    result = check_consistency([path])
    assert not result.consistent
    assert "http://example.org/rex" in result.message


@needs_java
def test_hermit_names_an_unsatisfiable_class(tmp_path: Path) -> None:
    path = turtle_file(tmp_path, CAT_DOG + "ex:CatDog a owl:Class ; rdfs:subClassOf ex:Cat , ex:Dog .")
    result = check_consistency([path])
    assert result.consistent
    assert result.unsatisfiable == ["http://example.org/CatDog"]


@needs_java
def test_data_that_puts_a_state_where_an_organ_is_expected_is_inconsistent(
    tmp_path: Path,
) -> None:
    data = turtle_file(tmp_path, """
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        ex:peru a mg:State ; mg:isoAlpha3 "PER" .
        ex:meeting a mg:Meeting ; <https://schema.org/startDate> "2019-03-04"^^xsd:date .
        ex:resolution a mg:Resolution ; mg:issuedBy ex:peru .
        """)
    result = check_consistency([ONTOLOGY], [data])
    assert not result.consistent
    assert "http://example.org/peru" in result.message
    assert str(MG.issuedBy) in result.message


@needs_java
def test_a_mandate_may_be_assigned_to_a_state_and_report_to_an_organ(tmp_path: Path) -> None:
    # "Calls upon the Government of South Sudan to …, and requests it to report to the Council":
    # a State is an addressee, and the mandate itself says whom its report goes to
    data = turtle_file(tmp_path, """
        ex:ssd a mg:State ; mg:isoAlpha3 "SSD" .
        ex:council a mg:PoliticalBody .
        ex:paragraph a mg:Provision ; mg:act mg:act-call-upon ; mg:establishes ex:mandate .
        ex:mandate a mg:Mandate ; mg:act mg:act-call-upon ; mg:assignedTo ex:ssd ;
            mg:reportTo ex:council .
        """)
    result = check_consistency([ONTOLOGY], [data])
    assert result.consistent, result.message


def test_missing_input_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ReasoningError, match="no such file"):
        check_consistency([tmp_path / "absent.ttl"])


def test_documentation_names_every_class_in_english(ontology: rdflib.Graph) -> None:
    page = render_ontology_html(ONTOLOGY)
    classes = [c for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(str(MG))]
    assert classes
    for cls in classes:
        label = next(
            str(label) for label in ontology.objects(cls, RDFS.label) if label.language == "en"
        )
        assert html.escape(label) in page, cls


def test_documentation_shows_french_labels_and_union_ranges() -> None:
    page = render_ontology_html(ONTOLOGY)
    assert "organisation intergouvernementale" in page
    assert 'href="#Activity"><code>mg:Activity</code></a> or ' in page


def test_documentation_loads_nothing_from_the_network() -> None:
    page = render_ontology_html(ONTOLOGY).lower()
    assert "<script" not in page
    assert "<link" not in page
    assert "src=" not in page
    assert "@import" not in page
