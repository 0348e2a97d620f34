"""What the build extracts from the corpus, checked through the graph a researcher queries."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from graph.build import build, current_release
from graph.store import open_store
from tests.conftest import BASE

RES_2945 = BASE + "resolution/oas-ag-res-2945"
MALI_PLAN = BASE + "source/mali-nap-1325-2012-2014"


def rows(store_descriptor: str, query: str) -> list[dict[str, str]]:
    result = open_store(store_descriptor).query(query)
    names = [v.value for v in result.variables]
    return [{n: (s[n].value if s[n] is not None else None) for n in names} for s in result]


def test_every_evidence_quote_equals_the_source_text_at_its_offsets(
    store_descriptor: str, build_dir: Path
) -> None:
    release = current_release(build_dir)
    assert release is not None
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (release / "sources").glob("*.txt")}
    evidence = rows(
        store_descriptor,
        """
        SELECT ?doc ?start ?end ?exact WHERE {
          ?ev a mg:Evidence ; oa:hasSource ?doc ; oa:hasSelector ?p , ?q .
          ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
          ?q a oa:TextQuoteSelector ; oa:exact ?exact .
        }""",
    )
    assert len(evidence) > 2000
    wrong = [
        e
        for e in evidence
        if texts[e["doc"].rsplit("/", 1)[-1]][int(e["start"]) : int(e["end"])] != e["exact"]
    ]
    assert wrong == []


def test_every_extracted_statement_has_evidence(store_descriptor: str) -> None:
    unsupported = rows(
        store_descriptor,
        """
        SELECT ?s ?p ?o WHERE {
          GRAPH ?g { ?s ?p ?o }
          FILTER(STRSTARTS(STR(?g), "https://w3id.org/mandate-graph/id/graph/source/"))
          FILTER(?p IN (mg:addresses, mg:assignedTo, mg:establishes, schema:startDate,
                        mg:holder, mg:budgetFor, mg:dueMonthDay, mg:responsible))
          FILTER NOT EXISTS { ?ev mg:supports ?s ; mg:assertedProperty ?p ; mg:assertedValue ?o }
        }""",
    )
    assert unsupported == []


def test_each_paragraph_the_csh_plan_cites_is_a_mandate_linked_to_dated_meetings(
    store_descriptor: str,
) -> None:
    linked = rows(
        store_descriptor,
        f"""
        SELECT ?n (COUNT(DISTINCT ?meeting) AS ?meetings) (MIN(?date) AS ?first) WHERE {{
          <{RES_2945}> mg:hasProvision ?p .
          ?p mg:paragraphNumber ?n ; mg:establishes ?mandate .
          ?mandate a mg:Mandate ; mg:assignedTo ?organ .
          ?meeting mg:addresses ?mandate ; schema:startDate ?date .
        }} GROUP BY ?n""",
    )
    by_number = {r["n"]: r for r in linked}
    # the paragraphs the calendar puts on its agenda
    for number in ["25", "52", "54", "112", "115", "118"]:
        assert number in by_number, f"paragraph {number} has no meeting"
    assert len(by_number) >= 20
    assert all(r["first"] >= "2019-10-01" for r in linked)


def test_the_csh_meeting_of_24_october_2019_addresses_paragraph_52(store_descriptor: str) -> None:
    found = rows(
        store_descriptor,
        f"""
        SELECT ?meeting WHERE {{
          ?meeting schema:startDate ?d ; mg:addresses <{RES_2945}/paragraph/52/mandate> .
          FILTER(STRSTARTS(STR(?d), "2019-10-24"))
        }}""",
    )
    assert found


def test_mali_plan_has_five_axes_activities_responsible_bodies_and_yearly_budget(
    store_descriptor: str,
) -> None:
    axes = rows(
        store_descriptor,
        f"""
        SELECT ?n ?label WHERE {{ <{MALI_PLAN}> mg:hasAxis ?a . ?a mg:axisNumber ?n ;
                                  rdfs:label ?label }} ORDER BY ?n""",
    )
    assert [r["n"] for r in axes] == ["1", "2", "3", "4", "5"]
    assert axes[1]["label"].startswith("Protection et réhabilitation")
    activities = rows(
        store_descriptor,
        f"""
        SELECT DISTINCT ?act WHERE {{ ?act mg:underAxis ?a . <{MALI_PLAN}> mg:hasAxis ?a }}""",
    )
    assert len(activities) >= 25
    responsible = rows(
        store_descriptor,
        f"""
        SELECT DISTINCT ?organ WHERE {{ ?act mg:underAxis ?a ; mg:responsible ?organ .
                                        <{MALI_PLAN}> mg:hasAxis ?a }}""",
    )
    assert BASE + "organ/mli-mpfef" in {r["organ"] for r in responsible}
    yearly = rows(
        store_descriptor,
        """
        SELECT ?year (SUM(?v) AS ?total) WHERE {
          ?line mg:budgetFor ?target ; mg:fiscalYear ?year ; schema:value ?v ;
                schema:currency "XOF" ; mg:isTotal false .
          ?target mg:underAxis|^mg:hasAxis ?x .
        } GROUP BY ?year ORDER BY ?year""",
    )
    assert [r["year"] for r in yearly] == ["2012", "2013", "2014"]
    assert all(float(r["total"]) > 0 for r in yearly)
    implements = f"ASK {{ <{MALI_PLAN}> mg:implements <{BASE}resolution/un-s-res-1325> }}"
    assert bool(open_store(store_descriptor).query(implements))


def test_a_resolution_cited_in_two_documents_is_one_node_with_two_evidences(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.txt").write_text(
        "Suivi de la résolution AG/RES. 2945 (XLIX-O/19), paragraphe 52.", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text(
        "Rapport sur la mise en œuvre de AG/RES.2945 adoptée en 2019.", encoding="utf-8"
    )
    report = build(sorted(tmp_path.glob("*.txt")), build_dir=tmp_path / "build", base=BASE)
    assert report.ok, report.errors
    found = rows(
        f"oxigraph:{report.release / 'store'}",
        f"""SELECT ?quote ?doc WHERE {{
              <{RES_2945}> a mg:Resolution ; mg:hasEvidence ?ev .
              ?ev oa:hasSource ?doc ; mg:assertedProperty rdf:type ; oa:hasSelector ?q .
              ?q oa:exact ?quote }} ORDER BY ?doc""",
    )
    assert [(r["doc"].rsplit("/", 1)[-1], r["quote"]) for r in found] == [
        ("a", "AG/RES. 2945 (XLIX-O/19)"),
        ("b", "AG/RES.2945"),
    ]


def test_a_word_document_builds_with_its_tables(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Plan de travail de la Commission sur la sécurité continentale")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Jeudi 24 octobre 2019"
    table.rows[0].cells[1].text = "Suivi de la résolution AG/RES. 2945 (XLIX-O/19), paragraphe 52"
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / "plan.docx"
    path.write_bytes(buffer.getvalue())
    report = build([path], build_dir=tmp_path / "build", base=BASE)
    assert report.ok, report.errors
    text = (report.release / "sources" / "plan.txt").read_text(encoding="utf-8")
    assert "Jeudi 24 octobre 2019\tSuivi de la résolution" in text
    nquads = (report.release / "graph.nq").read_text(encoding="utf-8")
    assert "resolution/oas-ag-res-2945/paragraph/52" in nquads


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("binary.txt", b"\x00\x01\x02text", "binary"),
        ("latin.txt", "Résolution".encode("latin-1"), "not UTF-8"),
        ("empty.md", b"   \n", "empty"),
        ("broken.docx", b"PK not really a zip", "not a readable Word document"),
        ("broken.pdf", b"%PDF-1.4 garbage", "PDF"),
    ],
)
def test_bad_documents_are_named_and_the_others_still_build(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("La résolution AG/RES. 2945 (XLIX-O/19) a été adoptée.", encoding="utf-8")
    bad = tmp_path / name
    bad.write_bytes(content)
    report = build([good, bad], build_dir=tmp_path / "build", base=BASE)
    assert not report.ok
    assert any(name in e and message in e for e in report.errors), report.errors
    assert report.documents == ["good"]
    assert report.release is not None and report.release.name.endswith("-partial")


def test_a_resolution_that_reaffirms_another_is_linked_to_it(tmp_path: Path) -> None:
    (tmp_path / "res.txt").write_text(
        "La résolution AG/RES. 2945 (XLIX-O/19), qui réaffirme la résolution "
        "AG/RES. 2925 (XLVIII-O/18), confie à la CSH le suivi. "
        "La résolution AG/RES. 2880 (XLVI-O/16) et la résolution AG/RES. 2866 (XLIV-O/14) "
        "sont distinctes.",
        encoding="utf-8",
    )
    report = build([tmp_path / "res.txt"], build_dir=tmp_path / "build", base=BASE)
    assert report.ok, report.errors
    found = rows(
        f"oxigraph:{report.release / 'store'}",
        "SELECT ?a ?p ?b WHERE { ?a ?p ?b . FILTER(?p IN (mg:reaffirms, mg:recalls, mg:cites)) }",
    )
    assert [
        (r["a"][len(BASE) :], r["p"].rsplit("#", 1)[-1], r["b"][len(BASE) :]) for r in found
    ] == [("resolution/oas-ag-res-2945", "reaffirms", "resolution/oas-ag-res-2925")]
