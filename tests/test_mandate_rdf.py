"""What an operative paragraph mandates, as the graph states it (graph/akn/mandate_facts.py).

The made-up resolution S/RES/9999 (2030) (tests/data/akn/made-up/, EN/FR/ES) has a paragraph
that creates no mandate, a request with a deadline date, one with a periodicity, a committee
named by its establishing resolution with a time limit, an addressee nobody can resolve and
"remains seized"; the UNMISS renewal of S/RES/2729 (2024) (tests/data/akn/, source: United
Nations; unofficial copies for informational purposes only) shows a renewal and the grammar's
reading of one paragraph make one mandate. The assertions are the quads a user would query.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from graph.akn.reader import read_akn
from graph.akn.text_offsets import offsets
from graph.akn.to_rdf import akn_facts
from graph.build import build
from graph.config import ONTOLOGY_FILE, QUERIES_DIR
from graph.grammar.mandate import MANDATE_ACTS
from graph.grammar.verbs import load_phrases
from graph.reason import check_consistency
from graph.reference import load_reference_graph
from graph.store import OxigraphStore
from tests.conftest import BASE

DATA = Path(__file__).parent / "data" / "akn"
MADE_UP = sorted((DATA / "made-up").glob("S_RES_9999_2030-*.xml"))
RES = f"{BASE}resolution/un-s-res-9999"
PREFIXES = """PREFIX mg: <https://w3id.org/mandate-graph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> OxigraphStore:
    """A validated build of the three language versions (a Violation would fail it)."""
    target = tmp_path_factory.mktemp("mandates")
    report = build(MADE_UP, build_dir=target, base=BASE)
    assert report.ok, report.errors
    assert report.validation is not None and report.validation["violation"] == 0
    assert report.release is not None
    return OxigraphStore(report.release / "store", read_only=True)


def select(store: OxigraphStore, query: str) -> list[dict[str, str]]:
    solutions = store.query(PREFIXES + query)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in solutions]


def values(store: OxigraphStore, subject: str, prop: str) -> set[str]:
    return {r["o"] for r in select(store, f"SELECT ?o WHERE {{ <{subject}> mg:{prop} ?o }}")}


def mandate(n: int) -> str:
    return f"{RES}/paragraph/{n}/mandate"


# -- what each paragraph mandates ----------------------------------------------------------------


def test_a_request_with_a_deadline_date_in_three_languages(store: OxigraphStore) -> None:
    assert values(store, f"{RES}/paragraph/2", "establishes") == {mandate(2)}
    assert values(store, mandate(2), "assignedTo") == {f"{BASE}organ/un-sg"}
    assert values(store, mandate(2), "act") == {
        "https://w3id.org/mandate-graph/ontology#act-request"}
    # "by 15 June 2030", "d'ici au 15 juin 2030", "a más tardar el 15 de junio de 2030": one date
    assert values(store, mandate(2), "deadline") == {"2030-06-15"}
    actions = select(store, f"""SELECT ?text (LANG(?text) AS ?lang) WHERE {{
        <{mandate(2)}> mg:actionText ?text }} ORDER BY ?lang""")
    assert [r["lang"] for r in actions] == ["en", "es", "fr"]
    english = next(r["text"] for r in actions if r["lang"] == "en")
    assert english.startswith("to submit a report on the implementation")
    assert "Council’s earlier requests" not in english  # the footnote is no part of the task
    assert f"{BASE}organ/un-sc" in values(store, mandate(2), "reportTo")


def test_a_periodicity_is_an_xsd_duration(store: OxigraphStore) -> None:
    rows = select(store, f"""SELECT ?p (DATATYPE(?p) AS ?type) WHERE {{
        <{mandate(3)}> mg:periodicity ?p }}""")
    assert rows == [{"p": "P120D", "type": "http://www.w3.org/2001/XMLSchema#duration"}]
    assert values(store, mandate(3), "assignedTo") == {f"{BASE}organ/un-sg"}
    assert values(store, mandate(3), "deadline") == set()


def test_a_committee_of_resolution_n_is_typed_and_labelled_as_written(
    store: OxigraphStore,
) -> None:
    committee = f"{BASE}organ/un-sc-committee-2048"
    assert values(store, mandate(4), "assignedTo") == {committee}
    types = {r["t"] for r in select(store, f"SELECT ?t WHERE {{ <{committee}> a ?t }}")}
    assert "https://w3id.org/mandate-graph/ontology#Committee" in types
    labels = {r["lang"]: r["l"] for r in select(store, f"""SELECT ?l (LANG(?l) AS ?lang) WHERE {{
        <{committee}> rdfs:label ?l }}""")}
    assert labels["en"] == "the Committee established pursuant to resolution 2048 (2012)"
    assert set(labels) == {"en", "fr", "es"}
    names = {r["lang"]: r["l"] for r in select(store, f"""SELECT ?l (LANG(?l) AS ?lang) WHERE {{
        <{committee}> skos:prefLabel ?l }}""")}
    assert names == {
        "en": "Security Council Committee established pursuant to resolution 2048",
        "fr": "Comité du Conseil de sécurité créé par la résolution 2048",
        "es": "Comité del Consejo de Seguridad establecido en virtud de la resolución 2048"}
    # "within 90 days" of 15 January 2030: the duration as written, the date inferred from it
    assert values(store, mandate(4), "deadlineDuration") == {"P90D"}
    assert values(store, mandate(4), "deadline") == {"2030-04-15"}
    inferred = select(store, f"""SELECT ?inferred WHERE {{
        ?e mg:supports <{mandate(4)}> ; mg:assertedProperty mg:deadline ; mg:inferred ?inferred }}""")
    assert {r["inferred"] for r in inferred} == {"true"}


def test_an_unresolved_addressee_is_kept_as_written_never_guessed(store: OxigraphStore) -> None:
    written = select(store, f"""SELECT ?w (LANG(?w) AS ?lang) WHERE {{
        <{RES}/paragraph/5> mg:addresseeUnresolved ?w }} ORDER BY ?lang""")
    assert [r["lang"] for r in written] == ["en", "es", "fr"]
    assert "the Friends of the Example Process" in {r["w"] for r in written}
    assert values(store, mandate(5), "assignedTo") == set()


def test_a_state_is_an_addressee(store: OxigraphStore) -> None:
    # "Calls upon the Government of Mali", "le Gouvernement malien", "al Gobierno de Malí"
    assert values(store, mandate(6), "assignedTo") == {f"{BASE}state/MLI"}
    assert values(store, mandate(6), "deadline") == {"2030-03-01"}
    assert values(store, mandate(6), "reportTo") == {f"{BASE}organ/un-sc"}


def test_paragraphs_that_create_no_mandate(store: OxigraphStore) -> None:
    for n in (1, 7):
        assert values(store, f"{RES}/paragraph/{n}", "establishes") == set()
    assert values(store, f"{RES}/paragraph/1", "act") == {
        "https://w3id.org/mandate-graph/ontology#act-condemn"}
    mandates = select(store, f"""SELECT DISTINCT ?m WHERE {{
        <{RES}> mg:hasProvision ?p . ?p mg:establishes ?m }}""")
    assert {r["m"] for r in mandates} == {mandate(n) for n in (2, 3, 4, 5, 6)}


# -- evidence ------------------------------------------------------------------------------------


def test_grammar_evidence_quotes_the_file_at_its_offsets(store: OxigraphStore) -> None:
    rows = select(store, """SELECT ?source ?start ?end ?exact ?p WHERE {
        ?e mg:recognizer "grammar" ; oa:hasSource ?source ; mg:assertedProperty ?p ;
           oa:hasSelector ?pos , ?quote .
        ?pos oa:start ?start ; oa:end ?end . ?quote oa:exact ?exact }""")
    assert rows
    # a source's IRI ends with the file's stem, lower case, hyphens for other characters
    files = {re.sub(r"[^0-9a-z]+", "-", p.stem.lower()): p.read_text(encoding="utf-8")
             for p in MADE_UP}
    for row in rows:
        text = files[row["source"].rsplit("/", 1)[-1]]
        assert text[int(row["start"]):int(row["end"])] == row["exact"]
    quotes = {(r["source"].rsplit("/", 1)[-1], r["p"].rsplit("#", 1)[-1], r["exact"])
              for r in rows}
    assert ("s-res-9999-2030-e", "assignedTo", "the Secretary-General") in quotes
    assert ("s-res-9999-2030-e", "periodicity", "every 120 days") in quotes
    french = {q for s, p, q in quotes if s.endswith("-f") and p == "deadline"}
    assert any("15 juin 2030" in q for q in french)


def test_offsets_carry_a_span_past_entities_and_footnotes() -> None:
    path = MADE_UP[0]
    doc, text = read_akn(path.read_bytes(), file_name=path.name)
    clause = next(c for c in doc.operative if c.number == "5")
    convert = offsets(clause.text, text, clause.span)
    assert convert is not None
    start = clause.text.index("& the dialogue")
    a, b = convert(start, start + len("& the dialogue"))
    assert text[a:b] == "&amp; the dialogue"
    clause = next(c for c in doc.operative if c.number == "2")
    convert = offsets(clause.text, text, clause.span)
    assert convert is not None
    start = clause.text.index("resolution to the Security")
    a, b = convert(start, start + len("resolution to the Security"))
    assert text[a:b].startswith("resolution<authorialNote")
    assert re.sub(r"<authorialNote.*</authorialNote>", "", text[a:b]) == "resolution to the Security"


def test_offsets_of_a_verbatim_text_and_of_one_that_cannot_be_lined_up() -> None:
    source = "1. Requests the Secretary-General to report."
    convert = offsets(source[3:], source, (3, len(source)))
    assert convert is not None and convert(9, 30) == (12, 33)
    assert source[12:33] == "the Secretary-General"
    assert offsets("Decides otherwise", "<p>Requests the Council</p>", (3, 23)) is None


def test_offsets_of_a_plain_text_whose_reader_joined_a_broken_word() -> None:
    # a PDF's text layer breaks "management" at a line's end; the plain-text reader joins it
    source = "4. Requests the Secretariat to support the manage-\n   ment of the programme;"
    clean = "Requests the Secretariat to support the management of the programme;"
    convert = offsets(clean, source, (3, len(source)))
    assert convert is not None
    start = clean.index("management")
    a, b = convert(start, start + len("management of"))
    assert source[a:b] == "manage-\n   ment of"
    a, b = convert(clean.index("the Secretariat"), clean.index(" to support"))
    assert source[a:b] == "the Secretariat"


def test_every_word_of_the_un_sample_clauses_maps_back() -> None:
    """On the UN's own files (links, italics, footnotes, entities): each word of each clause
    maps to a span of the file that reads as that word once the markup is removed."""
    for path in sorted(DATA.glob("S_RES_27*.xml")):
        doc, text = read_akn(path.read_bytes(), file_name=path.name)
        for clause in doc.clauses:
            convert = offsets(clause.text, text, clause.span)
            assert convert is not None, (path.name, clause.number)
            for word in re.finditer(r"\S+", clause.text):
                a, b = convert(word.start(), word.end())
                seen = re.sub(r"<authorialNote.*?</authorialNote>|<[^>]*>", "", text[a:b],
                              flags=re.S)
                assert html.unescape(seen) == word[0], (path.name, clause.number, word[0])


def test_a_resolution_read_from_plain_text_gets_its_mandates_with_quotes_of_the_text() -> None:
    """The plain-text reader hands akn_facts a document whose spans point into the text: the
    grammar's evidence quotes that text (here a made-up OAS Permanent Council resolution)."""
    from graph.plaintext.resolution import read_resolution_text

    path = Path(__file__).parent / "data" / "plaintext" / "oas-cp-res-support-example.txt"
    text = path.read_text(encoding="utf-8")
    doc = read_resolution_text(text, file_name=path.name)
    assert doc is not None
    facts = akn_facts(doc, text, stem=path.stem, base=BASE)
    paragraph = f"{BASE}resolution/oas-cp-res-1061/paragraph/1/mandate"
    triples = {(q.subject.value, q.predicate.value.rsplit("#", 1)[-1], q.object.value)
               for q in facts.quads}
    assert (paragraph, "assignedTo", f"{BASE}organ/oas-gs") in triples
    assert (paragraph, "deadline", "2016-12-31") in triples
    quotes = {o for s, p, o in triples if p == "exact"}
    assert "before December 31, 2016" in quotes and "the General Secretariat" in quotes
    for s, p, o in triples:
        if p == "start":
            start = int(o)
            end = next(int(v) for s2, p2, v in triples if s2 == s and p2 == "end")
            exact = next(v for s2, p2, v in triples
                         if s2 == s.replace("#position", "#quote") and p2 == "exact")
            assert text[start:end] == exact


# -- renewals: one paragraph, one mandate ----------------------------------------------------------


def test_a_renewal_and_the_grammar_make_one_mandate() -> None:
    path = DATA / "S_RES_2729-2407697E.xml"
    doc, text = read_akn(path.read_bytes(), file_name=path.name)
    facts = akn_facts(doc, text, stem=path.stem, base=BASE)
    paragraph = f"{BASE}resolution/un-s-res-2729/paragraph/1"
    triples = {(q.subject.value, q.predicate.value.rsplit("#", 1)[-1], q.object.value)
               for q in facts.quads}
    assert {o for s, p, o in triples if s == paragraph and p == "establishes"} == {
        f"{paragraph}/mandate"}
    on_mandate = {(p, o) for s, p, o in triples if s == f"{paragraph}/mandate"}
    assert ("mandateKind", "renewal") in on_mandate
    assert ("act", "https://w3id.org/mandate-graph/ontology#act-decide-extend") in on_mandate
    assert ("assignedTo", f"{BASE}organ/un-unmiss") in on_mandate
    assert ("mandateEnd", "2025-04-30") in on_mandate
    # "until 30 April 2025" is the end of the renewed mandate, not a deadline of a task
    assert not any(p == "deadline" for p, _ in on_mandate)
    # "within 90 days ... every 90 days": the report of paragraph 24
    report = f"{BASE}resolution/un-s-res-2729/paragraph/24/mandate"
    on_report = {(p, o) for s, p, o in triples if s == report}
    assert ("periodicity", "P90D") in on_report
    assert ("reportTo", f"{BASE}organ/un-sc") in on_report


# -- the queries -----------------------------------------------------------------------------------


def run_file(store: OxigraphStore, path: Path) -> list[dict[str, str]]:
    solutions = store.query(path.read_text(encoding="utf-8"))
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in solutions]


def test_coverage_lists_unresolved_provisions(store: OxigraphStore) -> None:
    rows = run_file(store, QUERIES_DIR / "coverage" / "unresolved.rq")
    found = {(r["provision"].rsplit("/", 1)[-1], r["unresolved"], r.get("written", ""))
             for r in rows}
    assert ("5", "addressee", "the Friends of the Example Process") in found
    assert ("5", "addressee", "los Amigos del Proceso de Ejemplo") in found or any(
        p == "5" and w.endswith("Amigos del Proceso de Ejemplo") for p, _, w in found)
    assert not any(p in {"1", "2", "3", "6", "7"} for p, _, _ in found)


# -- the ontology agrees with the grammar and with the data ---------------------------------------


def test_every_act_of_the_lexicon_says_whether_it_creates_a_mandate() -> None:
    ontology = rdflib.Graph().parse(ONTOLOGY_FILE, format="turtle")
    mg = rdflib.Namespace("https://w3id.org/mandate-graph/ontology#")
    codes = {code for language in ("en", "fr", "es")
             for _, code in load_phrases(language, "operative")}
    assert codes
    for code in sorted(codes):
        act = mg[f"act-{code.replace('_', '-')}"]
        flag = ontology.value(act, mg.createsMandate)
        assert flag is not None, code
        # the flag says what the grammar does: these acts task their addressees by themselves
        assert flag.toPython() is (code in MANDATE_ACTS), code


@pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")
def test_hermit_finds_the_grammar_statements_consistent(tmp_path: Path) -> None:
    """States as addressees, reports to the Council, acts on mandates, a derived committee:
    with the reference data, nothing puts a resource in two disjoint classes."""
    quads = []
    for path in [*MADE_UP, DATA / "S_RES_2729-2407697E.xml"]:
        doc, text = read_akn(path.read_bytes(), file_name=path.name)
        quads += akn_facts(doc, text, stem=path.stem, base=BASE).quads
    data = tmp_path / "mandates.nt"
    data.write_bytes(ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads],
                                  format=ox.RdfFormat.N_TRIPLES) or b"")
    reference = tmp_path / "reference.nt"
    load_reference_graph(BASE).serialize(reference, format="nt", encoding="utf-8")
    result = check_consistency([ONTOLOGY_FILE], [data, reference])
    assert result.consistent, result.message


BULLETS = """<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement>
<coverPage><p><docNumber refersTo="#symbol">S/RES/9990 (2030)</docNumber></p></coverPage>
<preamble><formula><p>The Security Council,</p></formula></preamble>
<mainBody><paragraph><num>4.</num><content><p><span class="italic">Requests</span> the
Secretary-General to report on:</p>
<list><point><num>•</num><content><p>the security situation;</p></content></point>
<point><num>•</num><content><p>the humanitarian situation;</p>
<list><point><num>(a)</num><content><p>in the north;</p></content></point></list>
</content></point></list></content></paragraph></mainBody></statement></akomaNtoso>"""


def test_bulleted_items_are_provisions_of_their_own() -> None:
    """Two items marked with the same bullet were one IRI, which merged their texts."""
    doc, text = read_akn(BULLETS.encode(), file_name="S_RES_9990-3000000E.xml")
    facts = akn_facts(doc, text, stem="s-res-9990-e", base=BASE)
    store = ox.Store()
    store.extend(facts.quads)
    rows = {(r["p"].value.rsplit("/", 1)[-1], r["t"].value, r["n"].value) for r in store.query(
        "SELECT ?p ?t ?n WHERE { GRAPH ?g { ?p <https://w3id.org/mandate-graph/ontology#text> ?t ;"
        " <https://w3id.org/mandate-graph/ontology#paragraphNumber> ?n } }")}
    assert ("4-x", "the security situation;", "4 (•)") in rows
    assert ("4-x-2", "the humanitarian situation;", "4 (•)") in rows
    assert ("4-x-2-a", "in the north;", "4 (•) (a)") in rows
    (parent,) = [r["s"].value for r in store.query(
        "SELECT ?s WHERE { GRAPH ?g { ?c <https://w3id.org/mandate-graph/ontology#subProvisionOf>"
        " ?s FILTER(STRENDS(STR(?c), '/4-x-2-a')) } }")]
    assert parent.endswith("/4-x-2")
