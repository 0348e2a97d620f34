"""Named queries (queries/*.rq) and their pages: each question's answer on the corpus, as read in
the documents, and the contract of /queries (documentation, parameters, formats, errors, escaping).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.config import PROJECT_ROOT, QUERIES_DIR
from graph.namespaces import MG
from graph.queries import BadParameter, Param, QueryFileError, load_queries, parse_query
from server.backends import with_values
from tests.conftest import BASE

QUERIES = load_queries()
JSON = {"Accept": "application/sparql-results+json"}


def answer(client, name: str, **params: str) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    """The rows of a named query as {variable: value} (absent when unbound)."""
    response = client.get(f"/queries/{name}", query_string=params, headers=JSON)
    assert response.status_code == 200, response.get_data(as_text=True)
    data = response.get_json()
    return [{k: v["value"] for k, v in row.items()} for row in data["results"]["bindings"]]


def iri(path: str) -> str:
    return BASE + path


# -- one test per question, with the answer read in the documents ------------------------------


def test_mandates_of_resolution_2945(client) -> None:  # type: ignore[no-untyped-def]
    rows = answer(client, "mandates-of-resolution", resolution="AG/RES. 2945 (XLIX-O/19)")
    para52 = [r for r in rows if r.get("number") == "52"]
    # "Préparatifs de la réunion spéciale … paragraphe 52" is on the agenda of Thursday 24 October
    assert {r["organ"] for r in para52} == {iri("organ/oas-csh")}
    assert any(r.get("date", "").startswith("2019-10-24") for r in para52)
    assert {r["resolution"] for r in rows} == {iri("resolution/oas-ag-res-2945")}
    # footnote 4: paragraphs 72 and 81 went to other organs; no CSH meeting addresses them
    para72 = [r for r in rows if r.get("number") == "72"]
    assert para72 and all("activity" not in r for r in para72)


def test_mandates_without_activity(client) -> None:  # type: ignore[no-untyped-def]
    mandates = {r["mandate"] for r in answer(client, "mandates-without-activity")}
    for n in ("72", "81"):
        assert iri(f"resolution/oas-ag-res-2945/paragraph/{n}/mandate") in mandates
    assert iri("resolution/oas-ag-res-2945/paragraph/52/mandate") not in mandates


def test_meetings_per_organ_per_month(client) -> None:  # type: ignore[no-untyped-def]
    rows = answer(client, "meetings-per-organ-per-month")
    csh = {r["month"]: int(r["meetings"]) for r in rows if r.get("organ") == iri("organ/oas-csh")}
    # "le mois de mai … trois réunions d'une demi-journée et deux réunions de toute la journée"
    assert csh["2020-05"] == 5
    assert csh["2019-10"] == 1  # Thursday 24 October


def test_activities_hosted_per_state(client) -> None:  # type: ignore[no-untyped-def]
    rows = answer(client, "activities-hosted-per-state")
    hosted = {r["state"][len(BASE) + len("state/"):]: int(r["activities"]) for r in rows}
    # MISPA VII in Quito is named three times; JID events in Colombia, prison authorities in DR
    assert hosted["ECU"] == 3
    assert hosted["COL"] == 2 and hosted["DOM"] == 2
    assert rows[0]["stateLabel"] == "Ecuador"


def test_citation_chain_names_the_citing_document(client) -> None:  # type: ignore[no-untyped-def]
    rows = answer(client, "citation-chain", resolution="AG/RES. 2945")
    cited_in = [r for r in rows if r["direction"] == "cited in"]
    assert [r["from"] for r in cited_in] == [iri("source/csh-work-plan-2019-2020")]


def test_citation_chain_follows_reaffirmations_both_ways() -> None:
    """No resolution of the corpus reaffirms another in one sentence: check the chain on data."""
    store = ox.Store()
    r = {n: ox.NamedNode(iri(f"resolution/r{n}")) for n in range(4)}
    for s, p, o in [(0, "cites", 1), (1, "reaffirms", 2), (2, "recalls", 3)]:
        store.add(ox.Quad(r[s], ox.NamedNode(MG + p), r[o]))
    query = QUERIES["citation-chain"]
    result = store.query(query.text, substitutions={ox.Variable("resolution"): r[1]})
    links = {(row["direction"].value, row["from"].value[-2:], row["to"].value[-2:])
             for row in result}
    assert links == {("earlier", "r1", "r2"), ("earlier", "r2", "r3"), ("later", "r0", "r1")}


def test_paragraph_dependencies(client) -> None:  # type: ignore[no-untyped-def]
    rows = answer(client, "paragraph-dependencies",
                  provision=iri("resolution/oas-ag-res-2945/paragraph/52"))
    days = {r["activityDate"][:10] for r in rows}
    assert days == {"2019-10-24", "2019-11-07", "2019-12-05"}
    prepared = {r["preparedDate"][:10]: r["preparedLabel"] for r in rows if "prepared" in r}
    # "Préparatifs de la réunion spéciale … paragraphe 52" → the special meeting of 5 December
    assert prepared["2019-12-05"].startswith("Réunion spéciale sur les liens entre la cybercrim")
    assert "2020-02-20" in prepared


def test_reporting_deadlines_by_month(client) -> None:  # type: ignore[no-untyped-def]
    rows = answer(client, "reporting-deadlines-by-month")
    counts = {(r["month"], r.get("instrumentLabel")): int(r["deadlines"]) for r in rows}
    # "au plus tard le 15 avril" (landmines register) and its reminder
    assert counts[("04", "AG/RES. 2945 (XLIX-O/19)")] == 2
    # the Mali plan: evaluation on the 30 October anniversary, annual reports by 31 October
    assert counts[("10", "S/RES/1325")] == 3


def test_budget_by_axis_and_year_of_the_mali_plan(client) -> None:  # type: ignore[no-untyped-def]
    rows = answer(client, "budget-by-axis-and-year", plan=iri("source/mali-nap-1325-2012-2014"))
    axis = BASE + "source/mali-nap-1325-2012-2014/axis/"
    budget = {(r["axis"][len(axis):], r["year"]): int(r["total"]) for r in rows}
    # section VI, summed by hand: axis II, An 1 = 20+15+24+60+10+70 million, and so on
    assert budget[("2", "2012")] == 199_000_000
    assert budget[("2", "2013")] == 90_000_000
    assert budget[("2", "2014")] == 40_000_000
    assert budget[("1", "2012")] == 122_000_000
    assert budget[("4", "2014")] == 185_000_000
    assert budget[("5", "2012")] == 63_000_000
    assert {r["currency"] for r in rows} == {"XOF"}


def test_organ_hierarchy(client) -> None:  # type: ignore[no-untyped-def]
    rows = answer(client, "organ-hierarchy", root="OAS")
    csh = next(r for r in rows if r["organ"] == iri("organ/oas-csh"))
    assert csh["acronym"] == "CSH"
    assert csh["parent"] == iri("organ/oas-pc")
    assert csh["depth"] == "2"


def test_facts_of_one_document_with_evidence(client) -> None:  # type: ignore[no-untyped-def]
    rows = answer(client, "document-facts", document=iri("source/csh-work-plan-2019-2020"))
    fact = next(r for r in rows if r["subject"].endswith("paragraph/52/mandate")
                and r["property"] == MG + "assignedTo")
    assert fact["quote"] == "paragraphe 52"
    assert fact["inferred"] == "true" and fact["basis"] == "presenting-organ"
    text = (PROJECT_ROOT / "graph/corpus/csh-work-plan-2019-2020.txt").read_text(encoding="utf-8")
    assert all(text[int(r["start"]):int(r["end"])] == r["quote"] for r in rows[:50])


def test_officers_of_the_csh(client) -> None:  # type: ignore[no-untyped-def]
    rows = answer(client, "officers-of-organ", organ="CSH")
    by_post = {r["postLabel"]: r for r in rows}
    # "a élu Président … l'Ambassadeur José Manuel Boza Orozco, Représentant permanent du Pérou"
    assert by_post["chair"]["personLabel"] == "José Manuel Boza Orozco"
    assert by_post["chair"]["state"] == iri("state/PER")
    assert by_post["first vice chair"]["personLabel"] == "Léon Charles"
    assert by_post["first vice chair"]["state"] == iri("state/HTI")


def test_resolutions_cited_per_document(client) -> None:  # type: ignore[no-untyped-def]
    rows = answer(client, "resolutions-cited-per-document")
    cited = {(r["document"][len(BASE):], r["resolutionLabel"]) for r in rows}
    assert ("source/csh-work-plan-2019-2020", "AG/RES. 2945 (XLIX-O/19)") in cited
    assert ("source/mali-nap-1325-2012-2014", "S/RES/1325") in cited
    assert ("source/mesecvi-report-2007-2008", "AG/RES. 2330 (XXXVII-O/07)") in cited


def test_resolutions_of_a_year(client) -> None:  # type: ignore[no-untyped-def]
    rows = answer(client, "resolutions-of-a-year", year="2019")
    by_symbol = {r["resolutionLabel"]: r for r in rows}
    assert set(by_symbol) == {"AG/RES. 2945 (XLIX-O/19)", "CP/RES. 1138/19"}
    assert by_symbol["CP/RES. 1138/19"]["issuer"] == iri("organ/oas-pc")
    mandates = {r["mandate"] for r in answer(client, "mandates-of-resolution",
                                               resolution=iri("resolution/oas-ag-res-2945"))}
    assert int(by_symbol["AG/RES. 2945 (XLIX-O/19)"]["mandates"]) == len(mandates)


def test_states_named_per_document(client) -> None:  # type: ignore[no-untyped-def]
    rows = answer(client, "states-named-per-document")
    named: dict[str, set[str]] = {}
    for r in rows:
        named.setdefault(r["document"][len(BASE + "source/"):], set()).add(r["iso"])
    # the bureau: Peru, Haiti, Brazil, United States; MISPA VII in Ecuador
    assert {"PER", "HTI", "BRA", "USA", "ECU"} <= named["csh-work-plan-2019-2020"]
    assert named["mali-nap-1325-2012-2014"] == {"MLI"}


def test_inferred_vs_explicit_per_recogniser(client) -> None:  # type: ignore[no-untyped-def]
    rows = {r["recognizer"]: r for r in answer(client, "inferred-vs-explicit")}
    # a state is found by its name in the text: never inferred
    assert rows["entities:state"]["inferredFacts"] == "0"
    # a bare "paragraphe 52" is given to the principal resolution: both kinds exist
    assert int(rows["paragraphs"]["explicit"]) > 0 and int(rows["paragraphs"]["inferredFacts"]) > 0
    for r in rows.values():
        assert int(r["explicit"]) + int(r["inferredFacts"]) == int(r["total"])


def test_evidence_for_one_statement(client) -> None:  # type: ignore[no-untyped-def]
    rows = answer(client, "statement-evidence",
                  subject=iri("resolution/oas-ag-res-2945/paragraph/52/mandate"),
                  property=MG + "assignedTo", value=iri("organ/oas-csh"))
    assert len(rows) == 3  # the three agenda lines citing "paragraphe 52"
    assert {r["quote"] for r in rows} == {"paragraphe 52"}
    assert {r["source"] for r in rows} == {iri("source/csh-work-plan-2019-2020")}
    assert {r["basis"] for r in rows} == {"presenting-organ"}
    assert [r["start"] for r in rows][0] == "10812"


def test_facts_by_rule(client) -> None:  # type: ignore[no-untyped-def]
    rows = answer(client, "facts-by-rule", basis="symbol-series")
    issued = {(r["subject"], r["value"]) for r in rows if r["property"] == MG + "issuedBy"}
    # AG/RES → the OAS General Assembly, S/RES → the Security Council
    assert (iri("resolution/oas-ag-res-2945"), iri("organ/oas-ga")) in issued
    assert (iri("resolution/un-s-res-1325"), iri("organ/un-sc")) in issued


def test_mandates_per_organ(client) -> None:  # type: ignore[no-untyped-def]
    rows = {r["organ"]: r for r in answer(client, "mandates-per-organ")}
    csh = rows[iri("organ/oas-csh")]
    unaddressed = [r for r in answer(client, "mandates-without-activity")
                   if r.get("organ") == iri("organ/oas-csh")]
    assert int(csh["mandates"]) - int(csh["addressedMandates"]) == len(unaddressed)


AKN_SAMPLES = Path(__file__).parent / "data" / "akn"
UNMISS_FILES = [p for p in sorted(AKN_SAMPLES.glob("*.xml"))
                if any(n in p.name for n in ("2567", "2625", "2677", "2729"))]
MALFORMED = AKN_SAMPLES / "A_RES_77_104-2228250S.xml"


@pytest.fixture(scope="module")
def un_client(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The app on a build of four UN resolutions renewing UNMISS's mandate (2021–2024), and one
    of the UN's malformed files."""
    from graph.build import build
    from server import close_app, create_app
    from server.settings import Settings

    target = tmp_path_factory.mktemp("unmiss")
    report = build([*UNMISS_FILES, MALFORMED], build_dir=target, base=BASE, validate=False)
    assert report.ok, report.errors
    made = create_app(Settings(store=f"oxigraph:{target / 'current' / 'store'}"))
    yield made.test_client()
    close_app(made)


def test_mission_mandate_history_of_unmiss(un_client) -> None:  # type: ignore[no-untyped-def]
    rows = answer(un_client, "mission-mandate-history")
    assert [(r["symbol"], r["adopted"], r["until"]) for r in rows] == [
        ("S/RES/2567 (2021)", "2021-03-12", "2022-03-15"),
        ("S/RES/2625 (2022)", "2022-03-15", "2023-03-15"),
        ("S/RES/2677 (2023)", "2023-03-15", "2024-03-15"),
        ("S/RES/2729 (2024)", "2024-04-29", "2025-04-30"),
    ]
    assert "renews" not in rows[0]
    assert [r["renews"] for r in rows[1:]] == [r["mandate"] for r in rows[:-1]]


def test_skipped_files_names_the_malformed_one(un_client, client) -> None:  # type: ignore[no-untyped-def]
    (row,) = answer(un_client, "skipped-files")
    assert "A_RES_77_104-2228250S.xml" in row["skipped"] and "line 991" in row["skipped"]
    assert answer(client, "skipped-files") == []  # the text corpus reads whole


def test_unresolved_provisions_are_listed_with_their_text(un_client) -> None:  # type: ignore[no-untyped-def]
    rows = answer(un_client, "unresolved-provisions")
    found = {(r["symbol"], r["number"]) for r in rows}
    # S/RES/2677 (2023) writes "Request the Secretary-General" for "Requests", and numbers a
    # heading ("Reporting:") as paragraph 38: neither is guessed
    assert ("S/RES/2677 (2023)", "31") in found
    assert all(r["text"] for r in rows)
    assert not any(r["symbol"] == "S/RES/2729 (2024)" and r["number"] == "23" for r in rows)
    french = answer(un_client, "unresolved-provisions", language="fr")
    assert french == []  # the sample's resolutions are in English only


def test_what_a_resolution_mandates_reads_the_grammar(un_client) -> None:  # type: ignore[no-untyped-def]
    rows = answer(un_client, "what-a-resolution-mandates", resolution="S/RES/2729 (2024)")
    by_number = {r["number"]: r for r in rows}
    # 24: "Requests the Secretary-General to report to the Security Council ... within 90 days
    # ... and every 90 days thereafter"
    report = by_number["24"]
    assert report["deadline"] == "2024-07-28" and report["within"] == "P90D"
    assert report["periodicity"] == "P90D"
    assert "Secretary-General" in report["addressees"] and "Security Council" in report["reportTo"]
    assert report["text"].startswith("Requests") and report["action"].startswith("to report")
    # 1: the renewal of UNMISS's mandate until 30 April 2025, one mandate for the paragraph
    renewal = [r for r in rows if r["number"] == "1"]
    assert len(renewal) == 1 and renewal[0]["until"] == "2025-04-30"
    assert renewal[0]["act"] == "extends a mandate" and "deadline" not in renewal[0]
    assert {r["resolution"] for r in rows} == {iri("resolution/un-s-res-2729")}


def test_reports_due_earliest_first(un_client) -> None:  # type: ignore[no-untyped-def]
    rows = answer(un_client, "reports-due", organ="Secretary-General of the United Nations")
    assert rows == answer(un_client, "reports-due")  # the default: the body asked the most
    dated = [r["deadline"] for r in rows if "deadline" in r]
    assert dated == sorted(dated) and rows[0].get("deadline") == dated[0]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in dated)
    found = {(r["symbol"], r["number"], r.get("deadline"), r.get("periodicity"), r["reportTo"])
             for r in rows}
    assert ("S/RES/2729 (2024)", "24", "2024-07-28", "P90D", iri("organ/un-sc")) in found
    assert all(r["reportTo"] and ("deadline" in r or "session" in r or "periodicity" in r)
               for r in rows)
    assert {r["organ"] for r in rows} == {iri("organ/un-sg")}
    others = answer(un_client, "reports-due", organ="UNMISS")
    assert all(r["organ"] == iri("organ/un-unmiss") for r in others)


def test_mandate_history_of_unmiss_with_status(un_client) -> None:  # type: ignore[no-untyped-def]
    rows = answer(un_client, "mandate-history", organ="UNMISS")
    assert rows == answer(un_client, "mandate-history")  # UNMISS is the default: most renewed
    renewals = [(r["symbol"], r["adopted"], r["ends"], r["status"]) for r in rows
                if r["kind"] == "renewal"]
    # each version is renewed by the next; the last one ended on 30 April 2025
    assert renewals == [
        ("S/RES/2567 (2021)", "2021-03-12", "2022-03-15", "renewed"),
        ("S/RES/2625 (2022)", "2022-03-15", "2023-03-15", "renewed"),
        ("S/RES/2677 (2023)", "2023-03-15", "2024-03-15", "renewed"),
        ("S/RES/2729 (2024)", "2024-04-29", "2025-04-30", "expired"),
    ]
    assert [r["adopted"] for r in rows] == sorted(r["adopted"] for r in rows)
    # paragraph 3 (UNMISS's tasks) is restated word for word by each later resolution: every
    # version but the last is superseded, and the last is active
    tasks = {r["symbol"]: r["status"] for r in rows if r["kind"] == "task" and r["number"] == "3"}
    assert tasks == {"S/RES/2567 (2021)": "superseded", "S/RES/2625 (2022)": "superseded",
                     "S/RES/2677 (2023)": "superseded", "S/RES/2729 (2024)": "active"}
    numbers = [int(r["number"]) for r in rows if r["symbol"] == "S/RES/2729 (2024)"]
    assert numbers == sorted(numbers)  # paragraphs in their order: 3 before 23


def test_overlapping_mandates_pairs_repeated_requests_to_one_body(un_client) -> None:  # type: ignore[no-untyped-def]
    rows = answer(un_client, "overlapping-mandates", threshold="0.6")
    scores = [float(r["similarity"]) for r in rows]
    assert scores == sorted(scores, reverse=True) and min(scores) >= 0.6
    assert all(r["laterAdopted"] >= r["earlierAdopted"] for r in rows)
    pairs = {(r["laterSymbol"], r["laterNumber"], r["earlierSymbol"], r["earlierNumber"],
              r.get("bodyName")) for r in rows}
    # true pairs, read in the texts: 2729 (2024) repeats the request of 2677 (2023) for the
    # Secretary-General's monthly reports of SOFA violations (22 ← 29) and for the report on
    # the mandate's implementation (24 ← 32)
    sg = "Secretary-General of the United Nations"
    assert ("S/RES/2729 (2024)", "22", "S/RES/2677 (2023)", "29", sg) in pairs
    assert ("S/RES/2729 (2024)", "24", "S/RES/2677 (2023)", "32", sg) in pairs
    # false pairs: the same body, different tasks (monthly SOFA reports against the report on
    # the mandate), and a renewal, which mg:renews already links to the version before it
    assert ("S/RES/2729 (2024)", "22", "S/RES/2677 (2023)", "32", sg) not in pairs
    assert not any(r["laterNumber"] == "1" and r["earlierNumber"] == "1"
                   and "Mission" in r.get("bodyName", "") for r in rows)
    strict = answer(un_client, "overlapping-mandates", threshold="0.99")
    assert strict and len(strict) < len(rows)
    assert all(float(r["similarity"]) >= 0.99 and r["laterTask"] and r["earlierTask"]
               for r in strict)


def test_every_named_query_has_a_test_here() -> None:
    source = Path(__file__).read_text(encoding="utf-8")
    untested = [n for n in QUERIES if f'"{n}"' not in source]
    assert not untested, f"named queries without an expected-answer test: {untested}"


# -- the files: documented, runnable as they are, bound the same on every store ----------------


def test_only_top_level_files_are_named_queries() -> None:
    assert len(QUERIES) >= 15
    assert {q.path.parent for q in QUERIES.values()} == {QUERIES_DIR}
    assert "class-undeclared" not in QUERIES  # queries/checks/ is not listed


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_is_documented_and_runs_unchanged(name: str, store_descriptor: str) -> None:
    query = QUERIES[name]
    assert query.title and query.description
    declared = set(re.findall(r"[?$](\w+)", query.text.split("WHERE", 1)[0]))
    for param in query.params:
        assert param.description and param.name in declared, param.name
    store = ox.Store.read_only(store_descriptor.removeprefix("oxigraph:"))
    store.query(query.text)  # no binding at all: the file as any other tool runs it
    bound = query.bindings({})
    subst = store.query(query.text, substitutions={ox.Variable(n): t for n, t in bound})
    values = store.query(with_values(query.text, bound))
    assert sorted(map(str, subst)) == sorted(map(str, values))


def test_an_undocumented_header_is_refused(tmp_path: Path) -> None:
    base = "SELECT ?x WHERE { ?x ?p ?o }\n"
    (tmp_path / "no-title.rq").write_text("# description: d\n" + base)
    with pytest.raises(QueryFileError, match="title"):
        parse_query(tmp_path / "no-title.rq")
    (tmp_path / "bare-param.rq").write_text("# title: t\n# description: d\n# param: x iri\n" + base)
    with pytest.raises(QueryFileError, match="param"):
        parse_query(tmp_path / "bare-param.rq")
    (tmp_path / "bad-type.rq").write_text(
        "# title: t\n# description: d\n# param: x float 1.5 a number\n" + base)
    with pytest.raises(QueryFileError, match="type 'float'"):
        parse_query(tmp_path / "bad-type.rq")


def test_docs_list_every_named_query() -> None:
    docs = (PROJECT_ROOT / "docs" / "queries.md").read_text(encoding="utf-8")
    missing = [n for n in QUERIES if f"`{n}`" not in docs]
    assert not missing, f"docs/queries.md does not list: {missing}"


@pytest.mark.parametrize(
    ("kind", "raw", "ok"),
    [("date", "2019-10-24", True), ("date", "2019-02-30", False), ("date", "24/10/2019", False),
     ("integer", "-12", True), ("integer", "1e3", False), ("decimal", "0.8", True),
     ("decimal", ".75", True), ("decimal", "0,8", False), ("decimal", "1e-1", False), ("iri", "organ/oas-csh", False),
     ("iri", "https://example.org/a b", False), ("string", "x" * 1001, False)],
)
def test_parameter_values_are_checked_by_type(kind: str, raw: str, ok: bool) -> None:
    param = Param("p", kind, "", "a parameter")
    if ok:
        param.term(raw)
    else:
        with pytest.raises(BadParameter, match="parameter 'p' must be"):
            param.term(raw)


# -- the pages -----------------------------------------------------------------------------------


def test_list_as_json_and_html(client) -> None:  # type: ignore[no-untyped-def]
    data = client.get("/queries", headers={"Accept": "application/json"}).get_json()
    listed = {q["name"]: q for q in data["queries"]}
    assert set(listed) == set(QUERIES)
    officers = listed["officers-of-organ"]
    assert officers["params"] == [{"name": "organ", "type": "iri", "class": MG + "Organ",
                                   "default": iri("organ/oas-csh"), "description": "the organ"}]
    html = client.get("/queries", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "Officers of an organ" in html and 'href="/queries/officers-of-organ.rq"' in html


def test_bad_parameter_is_400_naming_it(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/queries/resolutions-of-a-year?year=twenty", headers=JSON)
    assert response.status_code == 400
    body = response.get_json()
    assert body["status"] == 400 and "'year'" in body["error"] and "whole number" in body["error"]
    response = client.get("/queries/statement-evidence?property=assignedTo", headers=JSON)
    assert response.status_code == 400 and "absolute IRI" in response.get_json()["error"]


def test_unknown_query_is_404(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/queries/no-such-question", headers=JSON)
    assert response.status_code == 404
    assert response.get_json()["status"] == 404


@pytest.mark.parametrize("path", [
    "/queries/..%2Fchecks%2Fclass-undeclared.rq", "/queries/../checks/class-undeclared.rq",
    "/queries/%2E%2E.rq", "/queries/checks%2Fclass-undeclared",
])
def test_path_traversal_is_refused(client, path: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get(path, headers=JSON)
    assert response.status_code == 404
    assert "SELECT" not in response.get_data(as_text=True)


def test_rq_endpoint_returns_the_exact_file(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/queries/budget-by-axis-and-year.rq")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    assert response.data == (QUERIES_DIR / "budget-by-axis-and-year.rq").read_bytes()


def test_csv_by_accept_and_by_format(client) -> None:  # type: ignore[no-untyped-def]
    for kwargs in ({"headers": {"Accept": "text/csv"}}, {"query_string": {"format": "csv"}}):
        response = client.get("/queries/officers-of-organ", **kwargs)
        assert response.mimetype == "text/csv"
        rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
        assert {"chair", "third vice chair"} <= {r["postLabel"] for r in rows}


def test_html_table_links_entities_with_labels(client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/queries/officers-of-organ", headers={"Accept": "text/html"}).get_data(
        as_text=True)
    assert '<a href="/id/person/jose-manuel-boza-orozco"' in html
    assert ">José Manuel Boza Orozco</a>" in html
    assert '<a href="/id/state/PER"' in html and ">Peru</a>" in html
    assert "<th scope=\"col\">personLabel</th>" not in html  # the label column is merged
    assert 'for="param-organ"' in html and 'id="param-organ"' in html


def test_html_escapes_values_and_query_text(client) -> None:  # type: ignore[no-untyped-def]
    evil = '"><script>alert(1)</script>'
    html = client.get("/queries/facts-by-rule", query_string={"basis": evil},
                      headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;https://w3id.org/mandate-graph/ontology#&gt;" in html  # the PREFIX lines, escaped


def test_editor_page_carries_its_config_without_inline_script(client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/query", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert re.search(r"<script>\s*\S", html) is None  # scripts only by src
    assert 'src="/static/vendor/yasgui/yasgui.min.js"' in html
    assert "data-config=" in html and "&#34;endpoint&#34;: &#34;/sparql&#34;" in html
    licence = client.get("/static/vendor/yasgui/LICENSE")
    licence.close()
    assert licence.status_code == 200
