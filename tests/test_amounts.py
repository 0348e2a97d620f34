"""Sums of money: number formats, currencies, budget-table cells, and what is not money."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from graph.extract.amounts import find_amounts, read_number
from graph.normalize import iter_lines, normalize

CORPUS = Path(__file__).resolve().parent.parent / "graph" / "corpus"
DOCUMENTS = sorted(CORPUS.glob("*.txt"))


@pytest.mark.parametrize(
    ("text", "quote", "value", "currency", "inferred"),
    [
        ("la somme d’US$ 126.200 (cent vingt-six mille)", "US$ 126.200", "126200", "USD", False),
        ("dispose d’US$17.000 pour", "US$17.000", "17000", "USD", False),
        ("soit US $21.200 de moins", "US $21.200", "21200", "USD", False),
        ("US$126,200.00", "US$126,200.00", "126200.00", "USD", False),
        ("USD 5 000", "USD 5 000", "5000", "USD", False),
        ("250 000 dollars des États-Unis", "250 000 dollars des États-Unis", "250000", "USD", False),
        ("12 $ US", "12 $ US", "12", "USD", False),
        ("5 000 dollars", "5 000 dollars", "5000", "USD", True),
        ("5\u00a0000 dollars", "5\u00a0000 dollars", "5000", "USD", True),
        ("12 000 000 FCFA", "12 000 000 FCFA", "12000000", "XOF", False),
        ("3 000 F CFA", "3 000 F CFA", "3000", "XOF", False),
        ("1 250,50 francs CFA", "1 250,50 francs CFA", "1250.50", "XOF", False),
        ("20 euros", "20 euros", "20", "EUR", False),
        ("€ 1.500", "€ 1.500", "1500", "EUR", False),
        ("CHF 12 000", "CHF 12 000", "12000", "CHF", False),
        ("30 000 francs suisses", "30 000 francs suisses", "30000", "CHF", False),
        ("5 millions de dollars canadiens", "5 millions de dollars canadiens", "5000000", "CAD", False),
        ("1,5 million d’euros", "1,5 million d’euros", "1500000", "EUR", False),
    ],
)
def test_amounts_with_their_currency(
    text: str, quote: str, value: str, currency: str, inferred: bool
) -> None:
    (amount,) = find_amounts(text)
    assert text[amount.start : amount.end] == amount.text == quote
    assert amount.value == Decimal(value)
    assert (amount.currency, amount.currency_inferred) == (currency, inferred)


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("126.200", "126200"),
        ("12.000.000", "12000000"),
        ("1 276 000 000", "1276000000"),
        ("126,200.00", "126200"),
        ("126.200,50", "126200.50"),
        ("12,5", "12.5"),
        ("17000", "17000"),
    ],
)
def test_french_and_english_number_formats(token: str, value: str) -> None:
    assert read_number(token) == Decimal(value)


def test_a_bare_number_counts_only_in_a_budget_table() -> None:
    row = "Former les femmes leaders\t35.000.000\t2019\t300\t12000\t\t35.000.000"
    assert find_amounts(row) == []
    amounts = find_amounts(row, default_currency="XOF")
    assert [a.text for a in amounts] == ["35.000.000", "12000", "35.000.000"]  # not 2019, not 300
    assert all(a.currency == "XOF" and a.currency_inferred for a in amounts)
    assert find_amounts("6000 textes ont été imprimés", default_currency="XOF") == []


@pytest.mark.parametrize(
    "text",
    [
        "la résolution AG/RES. 2945 (XLIX-O/19)",
        "CP/CSH-1933/19 rev. 1 et CP/doc.5545/19",
        "paragraphe 25 ; 13 réunions ordinaires",
        "Programme-budget 2019 de l’Organisation",
        "20 pour cent seulement",
    ],
)
def test_symbols_and_counts_are_not_amounts(text: str) -> None:
    assert find_amounts(text, default_currency="USD") == []


def test_bad_currency_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match="ISO 4217"):
        find_amounts("x", default_currency="francs")


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_spans_map_back_to_the_original_file(path: Path) -> None:
    original = path.read_text(encoding="utf-8")
    nt = normalize(original)
    for amount in find_amounts(nt.text, default_currency="XOF"):
        assert nt.text[amount.start : amount.end] == amount.text
        o_start, o_end = nt.span_to_original(amount.start, amount.end)
        assert normalize(original[o_start:o_end]).text == amount.text


def test_csh_budget_figures() -> None:
    text = normalize((CORPUS / "csh-work-plan-2019-2020.txt").read_text(encoding="utf-8")).text
    amounts = find_amounts(text)
    assert [(a.value, a.currency) for a in amounts] == [
        (Decimal(126200), "USD"),
        (Decimal(17000), "USD"),
        (Decimal(105000), "USD"),
        (Decimal(21200), "USD"),
    ]


def test_mali_budget_table() -> None:
    nt = normalize((CORPUS / "mali-nap-1325-2012-2014.txt").read_text(encoding="utf-8"))
    assert find_amounts(nt.text) == []
    amounts = find_amounts(nt.text, default_currency="XOF")
    assert len(amounts) == 102
    total = next(line for line in iter_lines(nt) if line.text.startswith("Total général"))
    (grand_total,) = [a for a in amounts if total.start <= a.start < total.end]
    assert grand_total.value == Decimal(1_276_000_000)
