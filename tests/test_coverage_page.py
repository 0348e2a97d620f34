"""The coverage page: its figures are those of COUNT queries on the same store."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

RES_2945 = "https://w3id.org/mandate-graph/id/resolution/oas-ag-res-2945"
ORGAN_CSH = "https://w3id.org/mandate-graph/id/organ/oas-csh"


def count(build_dir: Path, sparql: str) -> int:
    store = ox.Store.read_only(str(build_dir / "current" / "store"))
    result = store.query(sparql)
    assert isinstance(result, ox.QuerySolutions)
    return int(next(iter(result))["n"].value)


def cell(html: str, iri: str, column: str) -> int:
    row = re.search(rf'<tr data-iri="{re.escape(iri)}">(.*?)</tr>', html, re.DOTALL)
    assert row, f"no row for {iri}"
    value = re.search(rf'data-col="{column}">(\d+)', row.group(1))
    assert value, f"no {column} in the row of {iri}"
    return int(value.group(1))


def test_resolution_row_matches_count_queries(client, build_dir: Path) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/coverage")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "<h1>Implementation coverage</h1>" in html
    mandates = count(build_dir, f"""
        SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{
          ?p <https://w3id.org/mandate-graph/ontology#provisionOf> <{RES_2945}> ;
             <https://w3id.org/mandate-graph/ontology#establishes> ?m }}""")
    addressed = count(build_dir, f"""
        SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{
          ?p <https://w3id.org/mandate-graph/ontology#provisionOf> <{RES_2945}> ;
             <https://w3id.org/mandate-graph/ontology#establishes> ?m .
          ?a <https://w3id.org/mandate-graph/ontology#addresses> ?m }}""")
    assert mandates > 0
    assert cell(html, RES_2945, "mandates") == mandates
    assert cell(html, RES_2945, "withActivity") == addressed
    assert 'href="/id/resolution/oas-ag-res-2945"' in html
    assert 'href="/graph?root=/id/resolution/oas-ag-res-2945"' in html


def test_organ_row_matches_count_queries(client, build_dir: Path) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/coverage").get_data(as_text=True)
    assigned = count(build_dir, f"""
        SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{
          ?m a <https://w3id.org/mandate-graph/ontology#Mandate> ;
             <https://w3id.org/mandate-graph/ontology#assignedTo> <{ORGAN_CSH}> }}""")
    addressed = count(build_dir, f"""
        SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{
          ?m <https://w3id.org/mandate-graph/ontology#assignedTo> <{ORGAN_CSH}> .
          ?a <https://w3id.org/mandate-graph/ontology#addresses> ?m }}""")
    assert cell(html, ORGAN_CSH, "assigned") == assigned
    assert cell(html, ORGAN_CSH, "addressed") == addressed
    data = client.get("/api/coverage").get_json()
    csh = next(o for o in data["organs"] if o["organ"] == ORGAN_CSH)
    assert csh["assigned"] == assigned
