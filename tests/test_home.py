"""The home page: what the graph holds (counts that match the store's own COUNTs), the
documents it was read from, and the ways into the data; the same as JSON for scripts."""

from __future__ import annotations

import json
import re

from flask.testing import FlaskClient

from tests.conftest import BASE

#: The classes the page counts, and the plural the reader sees for each.
SHOWN = {
    "Resolution": "resolutions",
    "Provision": "provisions",
    "Mandate": "mandates",
    "Organ": "organs",
    "State": "states",
    "Convention": "conventions",
    "Activity": "activities",
    "Meeting": "meetings",
    "ReportingObligation": "reporting obligations",
    "BudgetLine": "budget lines",
    "Evidence": "evidences",
}


def count(client: FlaskClient, sparql: str) -> int:
    """A COUNT asked of the SPARQL endpoint, the way any client would."""
    response = client.get("/sparql", query_string={"query": sparql},
                          headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.get_data(as_text=True)
    return int(response.get_json()["results"]["bindings"][0]["n"]["value"])


def shown_count(page: str, local: str) -> int:
    match = re.search(
        rf'<tr data-class="{local}">.*?<td class="count">(\d+)</td>', page, re.DOTALL
    )
    assert match, f"no count shown for {local}"
    return int(match.group(1))


def test_counts_match_count_queries(client: FlaskClient) -> None:
    page = client.get("/", headers={"Accept": "text/html"}).get_data(as_text=True)

    for local, plural in SHOWN.items():
        expected = count(client, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ "
                                 f"?x a/rdfs:subClassOf* mg:{local} }}")
        assert expected > 0, local
        assert shown_count(page, local) == expected, local
        assert plural in page


def test_documents_listed_with_title_publisher_date_and_facts(client: FlaskClient) -> None:
    page = client.get("/", headers={"Accept": "text/html"}).get_data(as_text=True)
    evidences = count(client, f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ "
                              f"?e oa:hasSource <{BASE}source/csh-work-plan-2019-2020> }}")

    row = re.search(r'<tr data-stem="csh-work-plan-2019-2020">(.*?)</tr>', page, re.DOTALL)
    assert row, "the CSH work plan is not listed"
    cells = row.group(1)
    assert "Work plan and calendar of activities 2019-2020" in cells
    assert 'href="/id/organ/oas-csh"' in cells and "Committee on Hemispheric Security" in cells
    assert "2019-11-07" in cells and "2019/2020" in cells
    assert f'<td class="count">{evidences}</td>' in cells
    assert 'href="/documents/csh-work-plan-2019-2020"' in cells
    assert page.count("<tr data-stem=") == 5


def test_french_reader_gets_french_titles(client: FlaskClient) -> None:
    page = client.get("/", headers={"Accept": "text/html", "Accept-Language": "fr"})
    text = page.get_data(as_text=True)
    assert "Plan de travail et calendrier des activités 2019-2020" in text
    assert "Commission sur la sécurité continentale" in text


def test_ways_in_are_linked(client: FlaskClient) -> None:
    page = client.get("/").get_data(as_text=True)
    for path in ("/queries", "/query", "/graph", "/timeline", "/coverage", "/ontology"):
        assert f'href="{path}"' in page


def test_json_for_scripts(client: FlaskClient) -> None:
    response = client.get("/", headers={"Accept": "application/json"})
    assert response.status_code == 200 and response.mimetype == "application/json"
    data = json.loads(response.data)
    assert data["counts"]["Resolution"] == count(
        client, "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a mg:Resolution }"
    )
    stems = {doc["stem"] for doc in data["documents"]}
    assert "csh-work-plan-2019-2020" in stems and len(stems) == 5
    assert "/sparql" in data["links"]


def test_error_page_for_browsers_json_for_others(client: FlaskClient) -> None:
    """One error, two faces: a page a reader can use, the JSON shape for everyone else."""
    browser = client.get("/id/no/such/thing", headers={
        "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
    assert browser.status_code == 404 and browser.mimetype == "text/html"
    page = browser.get_data(as_text=True)
    assert "404" in page and "no/such/thing" in page and 'href="/"' in page

    for accept in ("application/json", "*/*", None):
        headers = {"Accept": accept} if accept else {}
        other = client.get("/id/no/such/thing", headers=headers)
        assert other.status_code == 404 and other.mimetype == "application/json"
        assert other.get_json()["status"] == 404 and other.get_json()["error"]

    sparql = client.get("/sparql", query_string={"query": "SELEC"})
    assert sparql.status_code == 400 and sparql.get_json()["status"] == 400

