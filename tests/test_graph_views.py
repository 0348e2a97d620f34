"""The /graph page and its JSON routes, as a browser or a script sees them."""

from __future__ import annotations

import io

import networkx as nx

from tests.conftest import BASE, ORGAN_CSH
from tests.pages import html_of

RES_2945 = BASE + "resolution/oas-ag-res-2945"
MANDATE_52 = RES_2945 + "/paragraph/52/mandate"


def test_picker_lists_resolutions_organs_and_plans(client) -> None:  # type: ignore[no-untyped-def]
    html = html_of(client, "/graph")
    assert "Pick a starting point" in html
    assert 'href="/graph?root=/id/resolution/oas-ag-res-2945"' in html
    assert "AG/RES. 2945" in html and "CSH — Committee on Hemispheric Security" in html
    found = client.get("/api/graph/roots?q=csh").get_json()["roots"]
    assert [r["id"] for r in found] == [ORGAN_CSH]


def test_graph_page_of_a_root(client) -> None:  # type: ignore[no-untyped-def]
    html = html_of(client, "/graph?root=/id/resolution/oas-ag-res-2945")
    assert "<h1>Dependencies of AG/RES. 2945" in html
    assert 'data-api="/api/graph?root=/id/resolution/oas-ag-res-2945"' in html
    assert "/static/vendor/cytoscape/cytoscape.min.js" in html
    assert "<script>" not in html  # no inline script: data comes from the JSON routes
    with client.get("/static/vendor/cytoscape-dagre/cytoscape-dagre.min.js") as script:
        assert script.status_code == 200  # vendored: the page works offline
    missing = client.get("/graph?root=/id/resolution/none")
    assert missing.status_code == 404 and "is not in the dependency graph" in missing.get_data(as_text=True)


def test_api_graph_shape(client) -> None:  # type: ignore[no-untyped-def]
    data = client.get("/api/graph?root=/id/resolution/oas-ag-res-2945").get_json()
    assert data["root"]["id"] == RES_2945 and data["root"]["page"] == "/id/resolution/oas-ag-res-2945"
    ids = {n["id"] for n in data["nodes"]}
    assert MANDATE_52 in ids
    node = next(n for n in data["nodes"] if n["id"] == MANDATE_52)
    assert node["kind"] == "mandate" and node["label"] and node["page"].startswith("/id/")
    edge = next(e for e in data["edges"] if e["source"] == RES_2945 + "/paragraph/52")
    assert edge == {**edge, "target": MANDATE_52, "property": "establishes"}
    assert isinstance(edge["inferred"], bool)
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])
    analytics = data["analytics"]
    assert analytics["nodes"] == len(data["nodes"]) and analytics["descendants"] > 0
    assert {"degree", "betweenness"} <= set(analytics["centrality"])
    assert isinstance(analytics["orphanMandates"], list)


def test_api_graph_filters(client) -> None:  # type: ignore[no-untyped-def]
    url = "/api/graph?root=resolution/oas-ag-res-2945"
    kinds = client.get(url + "&kinds=resolution,mandate").get_json()
    assert {n["kind"] for n in kinds["nodes"]} == {"resolution", "mandate"}
    dated = client.get(url + "&from=2020-01-01&to=2020-06-30").get_json()
    starts = [n["start"][:10] for n in dated["nodes"] if n["kind"] == "activity" and n.get("start")]
    assert starts and all("2020-01-01" <= s <= "2020-06-30" for s in starts)
    shallow = client.get(url + "&depth=1").get_json()
    assert {n["kind"] for n in shallow["nodes"]} <= {"resolution", "provision", "actionplan", "obligation"}
    organ = client.get(url + "&organ=/id/organ/oas-csh").get_json()
    assert all(n["id"] == ORGAN_CSH for n in organ["nodes"] if n["kind"] == "organ")
    assert client.get(url + "&depth=99").status_code == 400
    assert client.get(url + "&kinds=planet").status_code == 400
    assert client.get(url + "&from=yesterday").status_code == 400
    assert client.get("/api/graph").status_code == 400


def test_exports(client) -> None:  # type: ignore[no-untyped-def]
    graphml = client.get("/api/graph/graphml?root=/id/resolution/oas-ag-res-2945")
    assert graphml.status_code == 200 and "attachment" in graphml.headers["Content-Disposition"]
    assert MANDATE_52 in nx.read_graphml(io.BytesIO(graphml.data))
    gexf = client.get("/api/graph/gexf?root=/id/resolution/oas-ag-res-2945")
    assert MANDATE_52 in nx.read_gexf(io.BytesIO(gexf.data))
    linked = client.get("/api/graph/json?root=/id/resolution/oas-ag-res-2945").get_json()
    assert MANDATE_52 in {n["id"] for n in linked["nodes"]}
    assert client.get("/api/graph/dot?root=/id/resolution/oas-ag-res-2945").status_code == 404


def test_node_details_show_evidence_quotes(client) -> None:  # type: ignore[no-untyped-def]
    data = client.get("/api/graph/node?iri=/id/resolution/oas-ag-res-2945/paragraph/52/mandate").get_json()
    assert data["node"]["kind"] == "mandate"
    assert data["descendants"] >= 2 and data["ancestors"] >= 2
    assert any(e["property"] == "addresses" for e in data["out"])
    assert data["evidence"], "a mandate shows the quotes it was found in"
    quote = data["evidence"][0]
    assert quote["quote"] and quote["end"] > quote["start"] and quote["source"].startswith(BASE)
    assert any("52" in e["quote"] for e in data["evidence"])
    impact = client.get("/api/graph/impact?iri=/id/resolution/oas-ag-res-2945/paragraph/52").get_json()
    days = {n.get("start", "")[:10] for n in impact["descendants"] if n["kind"] == "activity"}
    assert {"2019-10-24", "2019-12-05"} <= days
    assert client.get("/api/graph/node?iri=/id/organ/none").status_code == 404


def test_the_whole_graph_is_read_past_the_servers_row_cap(store_descriptor: str) -> None:
    """The one reading of the dependency graph takes every edge, not the first max_rows (on
    the default build 10,000 of 70,000 edges were read, and S/RES/2722 showed 9 nodes)."""
    from server import close_app, create_app
    from server.settings import Settings

    capped = create_app(Settings(store=store_descriptor, max_rows=5))
    try:
        whole = capped.test_client().get("/api/graph?root=" + RES_2945).get_json()
    finally:
        close_app(capped)
    assert len(whole["nodes"]) > 5 and len(whole["edges"]) > 5
