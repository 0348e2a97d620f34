"""The real server process, spoken to over HTTP as a researcher's client would."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pytest

pytestmark = pytest.mark.server

OAS_ORGANS_WITH_ACRONYMS = """
SELECT DISTINCT ?organ ?acronym WHERE {
  ?organ org:subOrganizationOf+ <https://w3id.org/mandate-graph/id/organ/oas> ;
         mg:acronym ?acronym .
}
"""


def _get(url: str, accept: str) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers.get_content_type(), response.read()


def test_real_server_lists_at_least_30_oas_organs_with_acronyms(live_server: str) -> None:
    url = live_server + "/sparql?" + urllib.parse.urlencode({"query": OAS_ORGANS_WITH_ACRONYMS})
    status, ctype, body = _get(url, "application/sparql-results+json")
    assert status == 200 and ctype == "application/sparql-results+json"
    organs = {b["organ"]["value"] for b in json.loads(body)["results"]["bindings"]}
    assert len(organs) >= 30


def test_real_server_serves_the_ontology(live_server: str) -> None:
    status, ctype, body = _get(live_server + "/ontology.ttl", "text/turtle")
    assert status == 200 and ctype == "text/turtle"
    assert b"owl:Ontology" in body or b"Ontology" in body
    status, ctype, body = _get(live_server + "/ontology", "text/html")
    assert status == 200 and ctype == "text/html"
    assert b"Mandate" in body
