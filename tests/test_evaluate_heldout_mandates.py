"""The stated-mandate scorer of the held-out texts, on made-up mandates (not the texts' figures)."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.evaluate import GoldError
from graph.evaluate_all import stated_rows
from graph.evaluate_heldout_mandates import (
    ReadMandate,
    StatedMandate,
    TextScore,
    evaluate_stated,
    format_outcomes,
    format_text_scores,
    load_stated,
    score,
)
from graph.store import OxigraphStore

BASE = "https://example.org/id/"
RES, CITING = "resolution/oas-ag-res-1", "resolution/oas-cp-res-2"
GS, SG, PC = "organ/oas-gs", "organ/oas-sg", "organ/oas-pc"


def stated(paragraph: str, organ: str, start: int, doc: str = "plan") -> StatedMandate:
    return StatedMandate(doc, start, start + 50, RES, paragraph, organ)


def test_each_stated_mandate_counts_once_per_tie() -> None:
    gold = [stated("1", GS, 0), stated("2", SG, 100), stated("3", PC, 200), stated("4", GS, 300),
            stated("1", GS, 0, doc="unread")]
    read = {"plan": {
        # paragraph 1 read twice, once with its organ: tied on both counts, once
        "m1": ReadMandate((RES, "1"), {GS}, {(5, 20)}),
        "m1b": ReadMandate((RES, "1"), set(), {(30, 40)}),
        # paragraph 2 read, with another organ: tied to its resolution only
        "m2": ReadMandate((RES, "2"), {PC}, {(110, 130)}),
        # paragraph 3 read as the citing resolution's, organ right, within the span: organ only
        "m3": ReadMandate((CITING, "3"), {PC}, {(210, 230)}),
        # a mandate no record states, outside every span, assigned to GS: ties nothing
        "m9": ReadMandate((CITING, "9"), {GS}, {(400, 420)}),
    }}
    scores, outcomes = score(gold, read)
    assert scores == [TextScore("plan", 4, 2, 2, 1, 5), TextScore("unread", 1, 0, 0, 0, 0)]
    assert [(o.resolution, o.organ, o.both) for o in outcomes] == [
        (True, True, True), (True, False, False), (False, True, False), (False, False, False),
        (False, False, False)]


def test_the_table_has_a_row_per_text_and_a_total() -> None:
    table = format_text_scores([TextScore("a", 3, 2, 1, 1, 4), TextScore("b", 2, 2, 2, 2, 2)])
    rows = [line.split() for line in table.splitlines()]
    assert rows[0] == ["stated", "mandates", "stated", "resolution", "organ", "both", "found"]
    assert rows[2:] == [["a", "3", "2", "1", "1", "4"], ["b", "2", "2", "2", "2", "2"],
                        ["all", "5", "4", "3", "3", "6"]]


def test_the_summary_rows_give_recall_and_no_precision() -> None:
    rows = stated_rows([TextScore("a", 4, 3, 2, 1, 7)], source="held-out texts",
                       split="held out")
    assert [(r.field, r.gold, r.found, r.precision, r.recall) for r in rows] == [
        ("mandate tied: resolution", 4, 7, None, 0.75), ("mandate tied: organ", 4, 7, None, 0.5),
        ("mandate tied: both", 4, 7, None, 0.25)]
    assert stated_rows([], source="held-out texts", split="held out") == []


def _gold(folder: Path, records: list[dict[str, object]]) -> Path:
    folder.mkdir()
    (folder / "plan.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return folder


TINY_GRAPH = """
@prefix mg: <https://w3id.org/mandate-graph/ontology#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix id: <https://example.org/id/> .
id:resolution\\/oas-ag-res-1\\/paragraph\\/1 mg:provisionOf id:resolution\\/oas-ag-res-1 ;
    mg:paragraphNumber "1" ; mg:establishes id:resolution\\/oas-ag-res-1\\/paragraph\\/1\\/mandate .
id:resolution\\/oas-ag-res-1\\/paragraph\\/1\\/mandate mg:assignedTo id:organ\\/oas-gs .
id:ev1 mg:supports id:resolution\\/oas-ag-res-1\\/paragraph\\/1\\/mandate ;
    mg:assertedProperty mg:assignedTo ; mg:assertedValue id:organ\\/oas-gs ;
    oa:hasSource id:source\\/plan ; oa:hasSelector id:pos1 .
id:pos1 a oa:TextPositionSelector ; oa:start 12 ; oa:end 31 .
id:resolution\\/oas-ag-res-1\\/paragraph\\/2 mg:provisionOf id:resolution\\/oas-ag-res-1 ;
    mg:paragraphNumber "2" ; mg:establishes id:resolution\\/oas-ag-res-1\\/paragraph\\/2\\/mandate .
id:ev2 mg:supports id:resolution\\/oas-ag-res-1\\/paragraph\\/2 ;
    mg:assertedProperty mg:establishes ;
    oa:hasSource id:source\\/other ; oa:hasSelector id:pos2 .
id:pos2 a oa:TextPositionSelector ; oa:start 0 ; oa:end 5 .
"""


def test_the_query_reads_a_mandate_from_the_document_its_evidence_comes_from(
        tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    store.load_bytes(TINY_GRAPH.encode(), ox.RdfFormat.TURTLE)
    gold = _gold(tmp_path / "gold", [
        {"doc": "plan", "category": "stated_mandate", "quote": "…", "start": 10, "end": 60,
         "value": {"resolution": RES, "organ": GS, "paragraph": "1"}},
        # paragraph 2 is read, but from another document: it does not count for "plan"
        {"doc": "plan", "category": "stated_mandate", "quote": "…", "start": 70, "end": 90,
         "value": {"resolution": RES, "organ": SG, "paragraph": "2"}},
        {"doc": "plan", "category": "organ", "quote": "GS", "start": 12, "end": 14,
         "value": GS},
    ])
    scores, outcomes = evaluate_stated(store, gold, BASE)
    assert scores == [TextScore("plan", 2, 1, 1, 1, 1)]
    report = format_outcomes(outcomes, {"plan": "x" * 100})
    assert report.count("\n") == 0 and "¶2" in report and "not tied to resolution and organ" in report


def test_a_malformed_record_names_its_file_and_line(tmp_path: Path) -> None:
    gold = _gold(tmp_path / "gold", [
        {"doc": "plan", "category": "organ", "quote": "GS", "start": 1, "end": 3, "value": GS},
        {"doc": "plan", "category": "stated_mandate", "quote": "…", "start": 1, "end": 3,
         "value": {"resolution": RES, "organ": GS}},
    ])
    with pytest.raises(GoldError, match=r"plan\.jsonl:2"):
        load_stated(gold)


def test_eval_prints_the_stated_mandates_apart_from_the_categories(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from graph.cli import main

    documents = tmp_path / "texts"
    documents.mkdir()
    (documents / "plan.txt").write_text("A made-up note.\n\nNothing is stated here.\n",
                                        encoding="utf-8")
    gold = _gold(tmp_path / "gold", [
        {"doc": "plan", "category": "stated_mandate", "quote": "A made-up note.", "start": 0,
         "end": 15, "value": {"resolution": RES, "organ": GS, "paragraph": "1"}},
        {"doc": "plan", "category": "stated_mandate", "quote": "Nothing", "start": 17,
         "end": 24, "value": {"resolution": RES, "organ": SG, "paragraph": "2"}},
    ])
    result = CliRunner().invoke(main, ["eval", "--documents", str(documents), "--gold",
                                       str(gold), "--errors", "stated_mandate"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert not any(line.startswith("stated_mandate") for line in lines)  # not a category row
    assert lines.count("-" * 74) == 1
    assert next(line for line in lines if line.startswith("plan ")).split()[:2] == ["plan", "2"]
    assert next(line for line in lines if line.startswith("all ")).split()[:2] == ["all", "2"]
    assert sum(line.startswith("missed\tplan") for line in lines) == 2
