"""A researcher's client library against the real server: SPARQLWrapper, results into rdflib."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

from tests.conftest import ORGAN_CSH, ORGAN_OAS

pytestmark = pytest.mark.server


def wrapper(live_server: str, sparql: str) -> SPARQLWrapper:
    client = SPARQLWrapper(live_server + "/sparql")
    client.setQuery(sparql)
    return client


def test_select_as_json(live_server: str) -> None:
    client = wrapper(live_server, f"""
        PREFIX org: <http://www.w3.org/ns/org#>
        SELECT ?organ WHERE {{ ?organ org:subOrganizationOf+ <{ORGAN_OAS}> }}""")
    client.setReturnFormat(JSON)
    result = client.query().convert()
    assert isinstance(result, dict)
    assert ORGAN_CSH in {row["organ"]["value"] for row in result["results"]["bindings"]}


def test_ask(live_server: str) -> None:
    client = wrapper(live_server, f"ASK {{ <{ORGAN_CSH}> ?p ?o }}")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True  # type: ignore[index]


def test_construct_into_an_rdflib_graph(live_server: str) -> None:
    client = wrapper(live_server, f"CONSTRUCT {{ <{ORGAN_CSH}> ?p ?o }} WHERE {{ <{ORGAN_CSH}> ?p ?o }}")
    client.setReturnFormat(TURTLE)
    data = client.query().convert()
    graph = Graph().parse(data=data, format="turtle")
    assert (URIRef(ORGAN_CSH), URIRef("http://www.w3.org/ns/org#subOrganizationOf"), None) in graph
