"""The SPARQL endpoint through Flask's test client: protocol forms, formats, refusals."""

from __future__ import annotations

import csv
import io
import json

from tests.conftest import ORGAN_CSH

OAS_ORGANS = """
SELECT ?organ ?acronym WHERE {
  ?organ org:subOrganizationOf+ <https://w3id.org/mandate-graph/id/organ/oas> ;
         mg:acronym ?acronym .
  FILTER(lang(?acronym) = "fr")
}
"""


def test_get_returns_sparql_json(client) -> None:
    response = client.get("/sparql", query_string={"query": OAS_ORGANS})
    assert response.status_code == 200
    assert response.mimetype == "application/sparql-results+json"
    rows = response.get_json()["results"]["bindings"]
    assert ORGAN_CSH in {row["organ"]["value"] for row in rows}


def test_post_form_and_post_direct_agree(client) -> None:
    form = client.post("/sparql", data={"query": OAS_ORGANS})
    direct = client.post("/sparql", data=OAS_ORGANS, content_type="application/sparql-query")
    assert form.status_code == direct.status_code == 200
    assert form.get_json() == direct.get_json()


def test_accept_chooses_csv(client) -> None:
    response = client.get(
        "/sparql", query_string={"query": OAS_ORGANS}, headers={"Accept": "text/csv"}
    )
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert rows and {"organ", "acronym"} <= set(rows[0])


def test_construct_gives_turtle(client) -> None:
    query = f"CONSTRUCT {{ <{ORGAN_CSH}> ?p ?o }} WHERE {{ <{ORGAN_CSH}> ?p ?o }}"
    response = client.get(
        "/sparql", query_string={"query": query}, headers={"Accept": "text/turtle"}
    )
    assert response.status_code == 200
    assert response.mimetype == "text/turtle"
    assert "oas-csh" in response.get_data(as_text=True)


def test_unproducible_type_is_406_in_the_error_shape(client) -> None:
    response = client.get(
        "/sparql", query_string={"query": "ASK {}"}, headers={"Accept": "image/png"}
    )
    assert response.status_code == 406
    assert set(response.get_json()) == {"error", "status"}


def test_syntax_error_is_400_with_the_parser_message(client) -> None:
    response = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p }"})
    assert response.status_code == 400
    body = response.get_json()
    assert body["status"] == 400 and "syntax error" in body["error"]


def test_update_is_refused(client) -> None:
    response = client.post("/sparql", data={"update": "INSERT DATA { <a:b> <a:c> <a:d> }"})
    assert response.status_code == 403
    assert json.loads(response.data)["error"].startswith("SPARQL updates are not accepted")
