"""Paragraph, article and action references: spans, numbers, instruments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.extract.paragraphs import MAX_RANGE, find_paragraph_refs, principal_instrument
from graph.extract.symbols import find_symbols
from graph.normalize import normalize

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "graph" / "corpus"
GOLD = ROOT / "tests" / "gold"


def refs(text: str, context_body: str | None = "oas"):
    return find_paragraph_refs(text, find_symbols(text, context_body))


def quoted(text: str, context_body: str | None = "oas") -> list[tuple[str, str, str]]:
    return [(text[r.start : r.end], r.number, r.kind) for r in refs(text, context_body)]


def corpus_text(stem: str) -> str:
    return normalize((CORPUS / f"{stem}.txt").read_text(encoding="utf-8")).text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("au paragraphe 52 de la", [("paragraphe 52", "52", "paragraph")]),
        ("Paragraphe 118.", [("Paragraphe 118", "118", "paragraph")]),
        (
            "aux paragraphes 57, 59, 60 et 62",
            [("paragraphes 57", "57", "paragraph"), ("59", "59", "paragraph"),
             ("60", "60", "paragraph"), ("62", "62", "paragraph")],
        ),
        ("(paragraphe 25)", [("paragraphe 25", "25", "paragraph")]),
        ("par. 12", [("par. 12", "12", "paragraph")]),
        ("§ 12", [("§ 12", "12", "paragraph")]),
        ("alinéa 3", [("alinéa 3", "3", "paragraph")]),
        (
            "paragraphes 3 b) et 4",
            [("paragraphes 3 b)", "3.b", "paragraph"), ("4", "4", "paragraph")],
        ),
        ("article 91 f de la Charte", [("article 91 f", "91.f", "article")]),
        ("article 91.f de la Charte", [("article 91.f", "91.f", "article")]),
        (
            "conformément aux articles III et IV de la Convention",
            [("articles III", "III", "article"), ("IV", "IV", "article")],
        ),
        ("Action n°39 du Plan", [("Action n°39", "39", "action")]),
        (
            "suivant les Actions n°24 et n°28 du CAP.",
            [("Actions n°24", "24", "action"), ("n°28", "28", "action")],
        ),
    ],
)
def test_forms(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert quoted(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "le plan d'action 2007-2011",  # a year range, not actions
        "une action de promotion",
        "le paragraphe suivant",
        "des articles de presse",
        "article v",  # roman numerals count only in capitals
    ],
)
def test_not_references(text: str) -> None:
    assert refs(text) == []


def test_a_after_the_number_is_the_verb_not_a_sub_paragraph() -> None:
    assert quoted("le paragraphe 5 a été adopté") == [("paragraphe 5", "5", "paragraph")]


@pytest.mark.parametrize("text", ["paragraphes 9-14", "paragraphes 9 à 14", "paragraphes 9 – 14"])
def test_range_expands_with_the_span_of_the_range(text: str) -> None:
    found = refs(text)
    assert [r.number for r in found] == ["9", "10", "11", "12", "13", "14"]
    assert {(r.start, r.end) for r in found} == {(0, len(text))}


def test_wide_or_backward_ranges_are_refused() -> None:
    assert refs(f"paragraphes 1-{MAX_RANGE + 1}") == []
    assert len(refs(f"paragraphes 1-{MAX_RANGE}")) == MAX_RANGE
    assert refs("paragraphes 14-9") == []


def test_explicit_instrument_after_de_la_resolution() -> None:
    text = "des paragraphes 72 et 81 de la résolution AG/RES. 2945 (XLIX-O/19) a été confié"
    found = refs(text)
    assert [r.number for r in found] == ["72", "81"]
    for ref in found:
        assert ref.explicit
        assert ref.instrument == "resolution/oas-ag-res-2945"
        assert text[ref.instrument_start : ref.instrument_end] == "AG/RES. 2945 (XLIX-O/19)"


@pytest.mark.parametrize(
    ("text", "instrument"),
    [
        ("au paragraphe 5 de la résolution AG/RES. 2631 (XLI-O/11)", "resolution/oas-ag-res-2631"),
        ("paragraphe 112 AG/RES. 2945 (XLIX-O/19)", "resolution/oas-ag-res-2945"),
        ("au paragraphe 1 du dispositif de la résolution AG/RES. 2735 (XLII-O/12)",
         "resolution/oas-ag-res-2735"),
        ("(paragraphes 9-14 AG/RES. 2945 (XLIX-O/19)", "resolution/oas-ag-res-2945"),
    ],
)
def test_explicit_instrument_forms(text: str, instrument: str) -> None:
    assert {r.instrument for r in refs(text)} == {instrument}


@pytest.mark.parametrize(
    "text",
    [
        "paragraphe 5, CP/CSH/INF. 499/19 rev. 1",  # the item's document, after a comma
        "paragraphe 19 (document CP/CSH-1954/20)",  # the item's document, in parentheses
        "paragraphe 52",
    ],
)
def test_bare_references_have_no_instrument(text: str) -> None:
    (ref,) = refs(text)
    assert ref.instrument is None and not ref.explicit


def test_same_resolution_refers_to_the_last_one_cited() -> None:
    text = "La résolution 1325 (2000) … Le paragraphe 8 de la même résolution demande"
    (ref,) = refs(text, "un")
    assert ref.instrument == "resolution/un-s-res-1325" and ref.explicit
    assert text[ref.instrument_start : ref.instrument_end] == "résolution 1325 (2000)"


def test_named_non_symbol_instrument_is_kept_as_text() -> None:
    (ref,) = refs("(article 91 f de la Charte de l’OEA) :")
    assert ref.instrument is None and ref.instrument_text == "Charte de l’OEA"


@pytest.mark.parametrize(
    ("text", "plan"),
    [
        ("dans le cadre de l'Action n°39 du Plan d'Action de Nairobi, il a été", "Plan d'Action de Nairobi"),
        ("L'Action n°24 du Plan d'Action de Carthagène encourage les États", "Plan d'Action de Carthagène"),
        ("suivant les Actions n°24 et n°28 du CAP.", "CAP"),
        ("la mise en œuvre de l'Action n°39, en parrainant", None),
    ],
)
def test_action_plan_text(text: str, plan: str | None) -> None:
    found = refs(text)
    assert found and {r.plan_text for r in found} == {plan}
    assert {r.instrument for r in found} == {None}


def test_principal_instrument_is_the_most_cited_resolution() -> None:
    text = "AG/RES. 2925 (XLVIII-O/18); AG/RES. 2945 (XLIX-O/19); AG/RES. 2945 (XLIX-O/19)"
    assert principal_instrument(find_symbols(text)) == "resolution/oas-ag-res-2945"


def test_principal_instrument_tie_goes_to_the_first_cited() -> None:
    text = "AG/RES. 2925 (XLVIII-O/18) puis AG/RES. 2945 (XLIX-O/19)"
    assert principal_instrument(find_symbols(text)) == "resolution/oas-ag-res-2925"


def test_principal_instrument_ignores_documents_and_may_be_none() -> None:
    assert principal_instrument(find_symbols("CP/doc.5545/19 rev. 1 et CP/doc.5545/19")) is None
    assert principal_instrument([]) is None


@pytest.mark.parametrize(
    ("stem", "context_body", "expected"),
    [
        ("csh-work-plan-2019-2020", "oas", "resolution/oas-ag-res-2945"),
        ("mali-nap-1325-2012-2014", "un", "resolution/un-s-res-1325"),
    ],
)
def test_principal_instrument_of_corpus_plans(stem: str, context_body: str, expected: str) -> None:
    assert principal_instrument(find_symbols(corpus_text(stem), context_body)) == expected


def test_every_paragraph_of_the_csh_plan_gold_is_found() -> None:
    gold_path = GOLD / "csh-work-plan-2019-2020.jsonl"
    if not gold_path.exists():
        pytest.skip("the CSH gold annotations are not available")
    original = (CORPUS / "csh-work-plan-2019-2020.txt").read_text(encoding="utf-8")
    nt = normalize(original)
    records = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()]
    gold = [r for r in records if r["category"] == "paragraph_mandate"]
    assert gold, "the gold file has no paragraph references"
    found = refs(nt.text)
    missing = []
    for record in gold:
        start, end = nt.from_original(record["start"]), nt.from_original(record["end"])
        number = record["value"]["paragraph"]
        if not any(r.number == number and r.start < end and start < r.end for r in found):
            missing.append((record["quote"], number))
    assert missing == []


def test_csh_plan_explicit_instruments_match_the_gold() -> None:
    gold_path = GOLD / "csh-work-plan-2019-2020.jsonl"
    if not gold_path.exists():
        pytest.skip("the CSH gold annotations are not available")
    nt = normalize((CORPUS / "csh-work-plan-2019-2020.txt").read_text(encoding="utf-8"))
    records = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()]
    gold = {
        (nt.from_original(r["start"]), r["value"]["paragraph"]): r["value"]["instrument"]
        for r in records
        if r["category"] == "paragraph_mandate"
    }
    for ref in refs(nt.text):
        if ref.explicit:
            matching = [g for (s, n), g in gold.items() if n == ref.number and ref.start <= s < ref.end]
            assert matching == [ref.instrument], ref
