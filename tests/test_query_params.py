"""Named-query parameters as a reader gives them: a symbol, an acronym or a label for a
resource, defaults picked from the loaded graph, suggestions, paged HTML answers, and the CLI.

The build mixes the shipped text corpus (OAS, Mali) with UN Akoma Ntoso files (the three
language versions of S/RES/2722 (2024) and the UNMISS renewals), as the default build mixes
them: every question must answer with its defaults on it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.build import build, text_sources
from graph.cli import main
from graph.queries import load_queries
from tests.conftest import BASE

QUERIES = load_queries()
JSON = {"Accept": "application/sparql-results+json"}
HTML = {"Accept": "text/html"}
AKN = sorted((Path(__file__).parent / "data" / "akn").glob("*.xml"))
S_RES_2722 = BASE + "resolution/un-s-res-2722"
UNMISS = BASE + "organ/un-unmiss"


@pytest.fixture(scope="module")
def mixed_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    target = tmp_path_factory.mktemp("mixed")
    report = build([*text_sources(), *AKN], build_dir=target, base=BASE, validate=False)
    assert report.ok, report.errors
    return f"oxigraph:{target / 'current' / 'store'}"


@pytest.fixture(scope="module")
def mixed(mixed_store: str):  # type: ignore[no-untyped-def]
    from server import close_app, create_app
    from server.settings import Settings

    made = create_app(Settings(store=mixed_store))
    yield made.test_client()
    close_app(made)


def rows(client, name: str, **params: str) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    response = client.get(f"/queries/{name}", query_string=params, headers=JSON)
    assert response.status_code == 200, response.get_data(as_text=True)
    return [{k: v["value"] for k, v in row.items()}
            for row in response.get_json()["results"]["bindings"]]


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_question_answers_with_its_defaults(mixed, name: str) -> None:  # type: ignore[no-untyped-def]
    assert rows(mixed, name), f"{name} answers nothing with its defaults"


def test_defaults_follow_the_graph_not_the_header(mixed) -> None:  # type: ignore[no-untyped-def]
    # the header's example is the OAS's CSH; UNMISS is the only mission renewed in this build
    history = rows(mixed, "mission-mandate-history")
    assert {r["mission"] for r in history} == {UNMISS}
    hierarchy = rows(mixed, "organ-hierarchy")
    assert len({r["organ"] for r in hierarchy}) > 10


@pytest.mark.parametrize("typed", ["S/RES/2722 (2024)", "S/RES/2722", "s/res/2722 (2024)",
                                   S_RES_2722])
def test_a_resolution_is_taken_by_its_symbol(mixed, typed: str) -> None:  # type: ignore[no-untyped-def]
    chain = rows(mixed, "citation-chain", resolution=typed)
    assert {r["resolution"] for r in chain} == {S_RES_2722}
    # "Recalling its resolution 2216 (2015)": the chain leads to S/RES/2216
    assert BASE + "resolution/un-s-res-2216" in {r["to"] for r in chain}
    response = mixed.get("/queries/mandates-of-resolution", query_string={"resolution": typed},
                         headers=JSON)
    assert response.status_code == 200


def test_an_oas_symbol_and_an_acronym_and_a_french_label(mixed) -> None:  # type: ignore[no-untyped-def]
    by_symbol = rows(mixed, "mandates-of-resolution", resolution="AG/RES. 2945 (XLIX-O/19)")
    assert {r["resolution"] for r in by_symbol} == {BASE + "resolution/oas-ag-res-2945"}
    assert rows(mixed, "mission-mandate-history", mission="UNMISS") == rows(
        mixed, "mission-mandate-history", mission=UNMISS)
    officers = rows(mixed, "officers-of-organ", organ="Comisión de Seguridad Hemisférica")
    assert {r["organ"] for r in officers} == {BASE + "organ/oas-csh"}


def test_an_unknown_symbol_is_a_400_with_close_names(mixed) -> None:  # type: ignore[no-untyped-def]
    response = mixed.get("/queries/citation-chain", query_string={"resolution": "S/RES/2772"},
                         headers=JSON)
    assert response.status_code == 400
    message = response.get_json()["error"]
    assert "no resolution in the graph is called 'S/RES/2772'" in message
    assert "did you mean" in message and "S/RES/2722 (2024)" in message


def test_an_ambiguous_name_is_a_400_listing_the_candidates(mixed) -> None:  # type: ignore[no-untyped-def]
    response = mixed.get("/queries/citation-chain", query_string={"resolution": "A/RES/75/290"},
                         headers=JSON)
    assert response.status_code == 400
    message = response.get_json()["error"]
    assert "names" in message and "say which" in message
    assert "A/RES/75/290 A" in message and "A/RES/75/290 B" in message


def test_suggestions_come_from_the_data(mixed) -> None:  # type: ignore[no-untyped-def]
    response = mixed.get("/api/suggest", query_string={
        "query": "mandates-of-resolution", "param": "resolution", "q": "s/res/272"})
    assert response.status_code == 200
    found = response.get_json()["suggestions"]
    assert {"value": "S/RES/2722 (2024)", "iri": S_RES_2722} in found
    assert {"value": "S/RES/2729 (2024)", "iri": BASE + "resolution/un-s-res-2729"} in found
    missions = mixed.get("/api/suggest", query_string={
        "query": "mission-mandate-history", "param": "mission", "q": "unmiss"}).get_json()
    assert missions["suggestions"][0]["iri"] == UNMISS
    by_label = mixed.get("/api/suggest", query_string={
        "query": "mission-mandate-history", "param": "mission", "q": "south sudan"}).get_json()
    assert UNMISS in {s["iri"] for s in by_label["suggestions"]}
    wrong = mixed.get("/api/suggest", query_string={"query": "resolutions-of-a-year",
                                                    "param": "year", "q": "20"})
    assert wrong.status_code == 400 and "no parameter 'year'" in wrong.get_json()["error"]


def test_the_form_offers_names_and_says_what_the_default_is(mixed) -> None:  # type: ignore[no-untyped-def]
    html = mixed.get("/queries/mission-mandate-history", headers=HTML).get_data(as_text=True)
    assert 'list="param-mission-options"' in html and '<datalist id="param-mission-options">' in html
    assert 'data-suggest="/api/suggest?query=mission-mandate-history&amp;param=mission"' in html
    assert "default, picked from the graph" in html
    assert 'src="/static/js/param-suggest.js"' in html


def test_html_answer_shows_names_with_the_iri_behind_a_link(mixed) -> None:  # type: ignore[no-untyped-def]
    html = mixed.get("/queries/mission-mandate-history", query_string={"mission": "UNMISS"},
                     headers=HTML).get_data(as_text=True)
    # the resolution column has no ?resolutionLabel: its symbol is read from the graph
    assert ('<a href="/id/resolution/un-s-res-2625" title="' + BASE
            + 'resolution/un-s-res-2625">S/RES/2625 (2022)</a>') in html
    assert ">resolution/un-s-res-2625</a>" not in html


def test_a_long_answer_is_paged_by_fifty(mixed) -> None:  # type: ignore[no-untyped-def]
    document = BASE + "source/csh-work-plan-2019-2020"
    total = len(rows(mixed, "document-facts", document=document))
    assert total > 100
    first = mixed.get("/queries/document-facts", query_string={"document": document},
                      headers=HTML).get_data(as_text=True)
    assert f"1–50 of {total:,}" in first and first.count("<tr>") == 51  # header + 50 rows
    second = mixed.get("/queries/document-facts", query_string={"document": document, "page": "2"},
                       headers=HTML).get_data(as_text=True)
    assert f"51–100 of {total:,}" in second and 'rel="prev"' in second


def test_the_cli_answers_the_same(mixed_store: str) -> None:
    runner = CliRunner()
    done = runner.invoke(main, ["query", "--store", mixed_store, "--format", "csv",
                                "--named", "citation-chain", "-p", "resolution=S/RES/2722 (2024)"])
    assert done.exit_code == 0, done.output
    assert BASE + "resolution/un-s-res-2216" in done.output
    unknown = runner.invoke(main, ["query", "--store", mixed_store, "--named", "citation-chain",
                                   "-p", "resolution=S/RES/2772"])
    assert unknown.exit_code == 2
    assert "no resolution in the graph is called 'S/RES/2772'" in unknown.output
    assert "Traceback" not in unknown.output
    bad = runner.invoke(main, ["query", "--store", mixed_store, "--named", "citation-chain",
                               "-p", "symbol=S/RES/2722"])
    assert bad.exit_code == 2 and "its parameters: resolution" in bad.output
    defaults = runner.invoke(main, ["query", "--store", mixed_store, "--format", "csv",
                                    "--named", "mission-mandate-history"])
    assert defaults.exit_code == 0 and "S/RES/2729 (2024)" in defaults.output


def test_the_list_says_defaults_come_from_the_graph(mixed) -> None:  # type: ignore[no-untyped-def]
    html = mixed.get("/queries", headers=HTML).get_data(as_text=True)
    assert "default picked from the graph" in html
    assert "(a symbol, acronym, name or IRI)" in html
    assert "default <code>https://w3id.org/" not in html
