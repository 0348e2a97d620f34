"""Mandate tables of work plans: bare paragraph numbers, the heading's resolution, the organ."""

from __future__ import annotations

from graph.extract.mandate_table import find_mandate_rows, row_cells
from graph.extract.symbols import find_symbols
from tests.test_stated_mandates import assignments

PLAN = (
    "WORK PLAN OF THE COMMITTEE ON ADMINISTRATIVE AND BUDGETARY AFFAIRS\n"
    "The Committee follows resolution AG/RES. 2940 (XLIX-O/19) in its work.\n\n"
    "MANDATES FROM AG/RES. 2976 (LII-O/22)\n"
    "Paragraph\tMandate\tResponsible\n"
    "5\tReview the quotas\tCAAP\n"
    "7 and 9\tReport on the budget\tPermanent Council\n"
    "\n"
    "Section II: AG/RES. 2977 (LII-O/22)\n"
    "12\tAudit\tCAAP\n"
    "The Chair will report.\n"
)


def test_cells_are_read_between_tabs_or_pipes():
    text = "| 5 | Review | CAAP |"
    assert [c.text for c in row_cells(text, 0, len(text))] == ["5", "Review", "CAAP"]
    assert [c.text for c in row_cells("a plain line", 0, 12)] == ["a plain line"]


def test_bare_numbers_take_the_resolution_of_the_heading_above_the_table():
    rows = find_mandate_rows(PLAN, find_symbols(PLAN, "oas"))
    read = [([n for _, _, n in r.numbers], r.instrument.symbol.iri_path()) for r in rows]
    assert read == [
        (["5"], "resolution/oas-ag-res-2976"),
        (["7", "9"], "resolution/oas-ag-res-2976"),
        (["12"], "resolution/oas-ag-res-2977"),
    ]


def test_the_responsible_column_names_the_organ_of_each_mandate():
    assert assignments(PLAN, "caap-plan") == {
        ("resolution/oas-ag-res-2976/paragraph/5/mandate", "organ/oas-caap"),
        ("resolution/oas-ag-res-2976/paragraph/7/mandate", "organ/oas-pc"),
        ("resolution/oas-ag-res-2976/paragraph/9/mandate", "organ/oas-pc"),
        ("resolution/oas-ag-res-2977/paragraph/12/mandate", "organ/oas-caap"),
    }


def test_a_pipe_table_in_french_reads_the_same():
    text = (
        "Mandats de la résolution AG/RES. 2945 (XLIX-O/19)\n"
        "| Paragraphe | Mandat | Responsable |\n|---|---|---|\n| 52 | Réunion | CSH |\n"
    )
    assert assignments(text, "csh-plan") == {
        ("resolution/oas-ag-res-2945/paragraph/52/mandate", "organ/oas-csh"),
    }
