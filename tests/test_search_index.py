"""The release's full-text index (graph/registry/search_index.py): what a researcher types finds
the resolution and its paragraphs, in any of the three languages, best first."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.namespaces import MG
from graph.registry.search_index import MARK_END, MARK_START, build_index, search
from graph.store import OxigraphStore

BASE = "https://example.org/id/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
TITLE = ox.NamedNode("http://purl.org/dc/terms/title")


def _store() -> OxigraphStore:
    """A store as a build leaves it: each statement in its document's graph and in the merged
    default graph, which is what the index reads."""
    quads: list[ox.Quad] = []
    g = ox.NamedNode(BASE + "graph/source/x")

    def add(s: str, p: str, o: ox.NamedNode | ox.Literal) -> None:
        quads.append(ox.Quad(ox.NamedNode(BASE + s), ox.NamedNode(MG + p) if ":" not in p
                          else ox.NamedNode(p), o, g))

    for res, symbol, paragraphs in [
        ("resolution/un-s-res-2722", "S/RES/2722 (2024)", [
            ("1", {"en": "Condemns in the strongest terms the attacks on merchant vessels",
                   "fr": "Condamne avec la plus grande fermeté les attaques contre les navires",
                   "es": "Condena en los términos más enérgicos los ataques contra buques"}),
            ("2", {"en": "Requests the Secretary-General to report monthly on the attacks",
                   "fr": "Prie le Secrétaire général de lui faire rapport chaque mois",
                   "es": "Solicita al Secretario General que le informe cada mes"}),
        ]),
        ("resolution/un-a-res-78-30", "A/RES/78/30", [
            ("1", {"en": "Calls upon all States to prevent sexual violence in conflict"}),
        ]),
        ("resolution/un-a-res-78-3", "A/RES/78/3", [
            ("1", {"en": "Decides to convene a high-level meeting on universal health coverage"}),
        ]),
    ]:
        add(res, str(RDF_TYPE.value), ox.NamedNode(MG + "Resolution"))
        add(res, "symbol", ox.Literal(symbol))
        quads.append(ox.Quad(ox.NamedNode(BASE + res), TITLE,
                          ox.Literal(f"Title of {symbol}", language="en"), g))
        for order, (number, texts) in enumerate(paragraphs, 1):
            p = f"{res}/paragraph/{number}"
            add(p, str(RDF_TYPE.value), ox.NamedNode(MG + "Provision"))
            add(p, "provisionOf", ox.NamedNode(BASE + res))
            add(res, "hasProvision", ox.NamedNode(BASE + p))
            add(p, "paragraphNumber", ox.Literal(number))
            add(p, "paragraphOrder", ox.Literal(order))
            for lang, text in texts.items():
                add(p, "text", ox.Literal(text, language=lang))
    store = OxigraphStore(None)
    store.load_quads(quads)
    return store


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("search") / "search.sqlite"
    assert build_index(_store(), target) == 3 + 8  # three titles, eight paragraph texts
    return target


def test_a_symbol_finds_its_resolution_first_then_its_paragraphs(index: Path) -> None:
    total, hits = search(index, "S/RES/2722 (2024)", lang="en")
    assert total == 3
    assert [(h.kind, h.number) for h in hits] == [("resolution", ""), ("provision", "1"),
                                                  ("provision", "2")]
    assert hits[0].item == BASE + "resolution/un-s-res-2722"


def test_numbers_are_exact_words_are_prefixes(index: Path) -> None:
    _, hits = search(index, "A/RES/78/3")
    assert {h.resolution for h in hits} == {BASE + "resolution/un-a-res-78-3"}
    _, hits = search(index, "sexual viol")
    assert [h.symbol for h in hits] == ["A/RES/78/30"]
    assert f"{MARK_START}sexual{MARK_END} {MARK_START}violence{MARK_END}" in hits[0].snippet


def test_any_language_accents_aside_and_one_language_on_request(index: Path) -> None:
    _, hits = search(index, "secretaire general")  # typed without accents
    assert [(h.symbol, h.number, h.lang) for h in hits] == [("S/RES/2722 (2024)", "2", "fr")]
    _, hits = search(index, "ataques buques", lang="es")
    assert [h.lang for h in hits] == ["es"]
    total, _ = search(index, "attacks", lang="fr")
    assert total == 0


def test_paging_and_what_finds_nothing(index: Path) -> None:
    total, first = search(index, "title", limit=2)
    _, second = search(index, "title", limit=2, offset=2)
    assert total == 3 and len(first) == 2 and len(second) == 1 and not {h.item for h in first} & {
        h.item for h in second}
    assert search(index, "") == (0, [])
    assert search(index, '"* OR NEAR(') == (0, [])  # FTS5 syntax is never passed through
    assert search(index, "zebra")[0] == 0
