"""The dependency graph of the corpus: the chain of AG/RES. 2945, impact, orphans, exports."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pytest

from graph import dependencies as deps
from tests.conftest import BASE, ORGAN_CSH

RES_2945 = BASE + "resolution/oas-ag-res-2945"
PARAGRAPH_52 = RES_2945 + "/paragraph/52"
MANDATE_52 = PARAGRAPH_52 + "/mandate"


@pytest.fixture(scope="module")
def full(build_dir: Path) -> nx.DiGraph:
    return deps.load_graph(deps.store_runner(build_dir / "current" / "store"))


def _dated(g: nx.DiGraph, nodes: set[str], day: str) -> list[str]:
    return [n for n in nodes if g.nodes[n].get("kind") == "activity"
            and str(g.nodes[n].get("start", "")).startswith(day)]


def test_chain_of_2945_reaches_the_24_october_meeting(full: nx.DiGraph) -> None:
    sub = deps.view(full, RES_2945)
    assert full.edges[RES_2945, PARAGRAPH_52]["property"] == "hasProvision"
    assert full.edges[PARAGRAPH_52, MANDATE_52]["property"] == "establishes"
    assert full.edges[MANDATE_52, ORGAN_CSH]["property"] == "assignedTo"
    meetings = _dated(full, set(full.successors(MANDATE_52)), "2019-10-24")
    assert len(meetings) == 1
    assert full.edges[MANDATE_52, meetings[0]]["property"] == "addresses"
    assert full.edges[MANDATE_52, meetings[0]]["inverse"] is True
    assert {RES_2945, PARAGRAPH_52, MANDATE_52, meetings[0]} <= set(sub.nodes)
    assert sub.nodes[RES_2945]["label"].startswith("AG/RES. 2945")
    assert sub.nodes[MANDATE_52]["kind"] == "mandate"


def test_impact_of_paragraph_52_includes_the_meeting_it_prepares(full: nx.DiGraph) -> None:
    impact = deps.descendants(full, PARAGRAPH_52)
    october = _dated(full, impact, "2019-10-24")
    assert october, "the 24 October 2019 meeting depends on paragraph 52"
    prepared = [n for n in full.successors(october[0]) if full.edges[october[0], n]["property"] == "prepares"]
    assert _dated(full, set(prepared), "2019-12-05"), "it prepares the 5 December special meeting"
    assert set(prepared) <= impact
    assert MANDATE_52 in impact and ORGAN_CSH in impact
    assert PARAGRAPH_52 in deps.ancestors(full, MANDATE_52)


def test_orphan_mandates_have_no_implementing_activity(full: nx.DiGraph) -> None:
    orphans = deps.orphan_mandates(full)
    assert orphans, "the corpus has mandates that no activity addresses"
    assert MANDATE_52 not in orphans
    for mandate in orphans:
        assert full.nodes[mandate]["kind"] == "mandate"
        assert all(full.edges[mandate, n]["property"] != "addresses" for n in full.successors(mandate))


def test_analytics_of_a_view(full: nx.DiGraph) -> None:
    sub = deps.view(full, RES_2945)
    facts = deps.analytics(full, sub, RES_2945)
    assert facts["nodes"] == sub.number_of_nodes() > 10
    assert facts["descendants"] == len(deps.descendants(full, RES_2945))
    assert facts["centrality"]["degree"][0]["score"] >= facts["centrality"]["degree"][-1]["score"]
    assert facts["cycles"] == []
    assert all(o["id"] in sub for o in facts["orphanMandates"])


def test_filters_keep_the_picture_connected(full: nx.DiGraph) -> None:
    only = deps.view(full, RES_2945, deps.ViewOptions(kinds=frozenset({"mandate", "activity"})))
    assert {d["kind"] for _n, d in only.nodes(data=True)} == {"resolution", "mandate", "activity"}
    assert only.edges[RES_2945, MANDATE_52]["property"] == "via"  # the hidden provision bridged
    dated = deps.view(full, RES_2945, deps.ViewOptions(date_from="2020-01", date_to="2020-12"))
    starts = [str(d.get("start", "")) for _n, d in dated.nodes(data=True) if d["kind"] == "activity"]
    assert starts and all(s[:4] == "2020" for s in starts if s)
    organ = deps.view(full, ORGAN_CSH)
    kinds = {d["kind"] for _n, d in organ.nodes(data=True)}
    assert {"mandate", "activity", "resolution"} <= kinds


def test_layered_layout_puts_each_node_below_what_it_follows_from(full: nx.DiGraph) -> None:
    sub = deps.view(full, ORGAN_CSH)
    positions = deps.layered_layout(sub)
    assert set(positions) == set(sub.nodes)
    for u, v in nx.DiGraph(sub).edges:
        if not nx.has_path(sub, v, u):  # not on a cycle
            assert positions[u][1] < positions[v][1]


def test_exports_parse_and_hold_the_nodes(full: nx.DiGraph) -> None:
    sub = deps.view(full, RES_2945)
    graphml = nx.read_graphml(io.BytesIO(deps.to_graphml(sub)))
    gexf = nx.read_gexf(io.BytesIO(deps.to_gexf(sub)))
    linked = nx.node_link_graph(json.loads(deps.to_node_link(sub)), edges="edges")
    for exported in (graphml, gexf, linked):
        assert MANDATE_52 in exported
        assert exported.number_of_nodes() == sub.number_of_nodes()
    assert graphml.nodes[MANDATE_52]["kind"] == "mandate"
    assert gexf.nodes[RES_2945]["label"].startswith("AG/RES. 2945")
