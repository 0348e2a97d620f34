"""Action plans: axes, framework activities, budget cells, totals checked but never corrected."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from graph.extract.action_plan import (
    ActionPlanFacts,
    BudgetLine,
    PlanActivity,
    extract_action_plan,
)
from graph.normalize import NormalizedText, iter_lines, normalize

CORPUS = Path(__file__).resolve().parent.parent / "graph" / "corpus"
MALI = CORPUS / "mali-nap-1325-2012-2014.txt"
OTHER_DOCUMENTS = sorted(p for p in CORPUS.glob("*.txt") if p != MALI)

TRIMMED = " \t:;,-–—"
"""What a title may have lost at either end; anything else must be exactly as written."""


@pytest.fixture(scope="module")
def mali_nt() -> NormalizedText:
    return normalize(MALI.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def mali(mali_nt: NormalizedText) -> ActionPlanFacts:
    return extract_action_plan(mali_nt)


def activity(facts: ActionPlanFacts, beginning: str) -> PlanActivity:
    found = [a for a in facts.activities if a.title.startswith(beginning)]
    assert len(found) == 1, [a.title for a in found]
    return found[0]


def cells_of_row(facts: ActionPlanFacts, nt: NormalizedText, label: str) -> list[BudgetLine]:
    return [
        b
        for b in facts.budget
        if b.activity_span is not None
        and nt.text[b.activity_span[0] : b.activity_span[1]].startswith(label)
    ]


# --------------------------------------------------------------------------------------------
# Axes
# --------------------------------------------------------------------------------------------


def test_mali_has_exactly_its_five_axes_with_their_titles(mali: ActionPlanFacts) -> None:
    assert [(a.number, a.title) for a in mali.axes] == [
        (1, "Prévention des conflits et des violences basées sur le genre"),
        (2, "Protection et réhabilitation des victimes"),
        (3, "Participation et représentation"),
        (4, "Promotion du Genre et de la Femme"),
        (5, "Coordination suivi et évaluation des activités"),
    ]


def test_axis_span_is_its_first_full_heading(
    mali: ActionPlanFacts, mali_nt: NormalizedText
) -> None:
    text = mali_nt.text
    fifth = mali.axes[4]
    assert (
        text[fifth.start : fifth.end]
        == "Axe prioritaire v : Coordination suivi et évaluation des activités"
    )
    for axis in mali.axes:
        heading = text[axis.start : axis.end]
        assert heading.startswith("Axe prioritaire ")
        assert heading.endswith(axis.title)
        assert all(
            axis.start < start for start, _ in axis.mentions if text[start:].startswith("Axe")
        )


def test_axis_mentions_cover_the_budget_schedule_and_introduction(
    mali: ActionPlanFacts, mali_nt: NormalizedText
) -> None:
    text = mali_nt.text
    fifth = [text[s:e] for s, e in mali.axes[4].mentions]
    assert fifth.count("Axe v. coordination, suivi et évaluation des activités") == 2
    assert "le cinquième axe" in fifth
    third = [text[s:e] for s, e in mali.axes[2].mentions]
    assert third == ["Le troisième volet", "Axe prioritaire III: Participation et représentation"]
    first = [text[s:e] for s, e in mali.axes[0].mentions]
    assert (
        first[0] == "La prévention des violences basées sur le genre aux cours du conflit du Nord"
    )


def test_axes_numbered_in_arabic_with_another_heading_word() -> None:
    nt = normalize(
        "Plan d'action 2021-2023\n\n"
        "Pilier 1 – Prévention\n\nTexte.\n\n"
        "Pilier 2 : Participation des femmes\n\n"
        "Objectif stratégique 2.1 : Former\n\n"  # a sub-level, not an axis
        "Pilier 3. Relèvement\n"
    )
    facts = extract_action_plan(nt)
    assert [(a.number, a.title) for a in facts.axes] == [
        (1, "Prévention"),
        (2, "Participation des femmes"),
        (3, "Relèvement"),
    ]


# --------------------------------------------------------------------------------------------
# Activities
# --------------------------------------------------------------------------------------------


def test_mali_framework_activities_with_axes(mali: ActionPlanFacts) -> None:
    assert len(mali.activities) >= 25
    assert Counter(a.axis for a in mali.activities) == {1: 4, 2: 8, 3: 7, 4: 4, 5: 10}


def test_two_activities_glued_in_one_cell_are_split(mali: ActionPlanFacts) -> None:
    first = activity(mali, "Produire des rapports")
    second = activity(mali, "Organiser des réunions restreintes")
    assert first.title == "Produire des rapports trimestriels"
    assert (
        second.title
        == "Organiser des réunions restreintes avec le bureau du comité de coordination"
    )
    assert first.result == second.result
    assert first.result is not None and first.result.startswith("Le Comité de coordination")


def test_responsible_bodies_are_split_with_their_spans(mali: ActionPlanFacts) -> None:
    first = activity(mali, "Faire une analyse genre")
    assert [t for *_, t in first.responsible] == [
        "Ministère de la Promotion de la Femme",
        "Ministère de la Défense",
        "Ministère de la sécurité",
    ]
    assert first.result == (
        "Analyse genre de la politique et des lois dans les secteurs de la paix et la sécurité est réalisée"
    )
    medical = activity(mali, "Organiser une assistance médicale")
    assert [t for *_, t in medical.responsible] == [
        "Ministère de la Promotion de la femme",
        "Ministère de la santé",  # "(Programme SIDA)" is a note, not a body
    ]
    assert activity(mali, "Mettre en place des infrastructures").responsible == ()
    assert activity(mali, "Impliquer les acteurs").result is None


def test_a_title_keeps_its_full_stop_and_drops_a_trailing_comma(mali: ActionPlanFacts) -> None:
    assert activity(mali, "Organiser des formations à l'intention").title.endswith(
        "genre et conflit"
    )
    assert activity(mali, "Créer des services particuliers").title.endswith("les femmes déplacées.")


def test_responsible_cell_separators() -> None:
    nt = normalize(
        "Résultats attendus\tActivités\tResponsable\n"
        "Résultat\tFormer les juges\tMinistère de la Justice, Ministère de la Femme et de l'Enfant/ONU Femmes et OSC\n"
    )
    facts = extract_action_plan(nt)
    assert [t for *_, t in facts.activities[0].responsible] == [
        "Ministère de la Justice",
        "Ministère de la Femme et de l'Enfant",
        "ONU Femmes",
        "OSC",
    ]


# --------------------------------------------------------------------------------------------
# Offsets
# --------------------------------------------------------------------------------------------


def test_every_span_is_the_reported_text(mali: ActionPlanFacts, mali_nt: NormalizedText) -> None:
    text = mali_nt.text
    for axis in mali.axes:
        heading = text[axis.start : axis.end]
        assert heading == heading.strip(TRIMMED)
        assert heading.endswith(axis.title)
    for act in mali.activities:
        assert text[act.start : act.end] == act.title
        assert act.title == act.title.strip(TRIMMED)
        for start, end, body in act.responsible:
            assert text[start:end] == body
            assert body == body.strip(TRIMMED + ".")
    for line in mali.budget:
        cell = text[line.start : line.end]
        assert Decimal(cell.replace(".", "")) == line.value
        if line.activity_span is not None:
            label = text[line.activity_span[0] : line.activity_span[1]]
            assert label == label.strip(TRIMMED)


# --------------------------------------------------------------------------------------------
# Budget
# --------------------------------------------------------------------------------------------


def budget_table_figures(nt: NormalizedText) -> list[tuple[int, str]]:
    """(start, header) of every non-empty money cell between the budget and schedule titles."""
    start = nt.text.index("VI. BUDGET ESTIMATIF")
    end = nt.text.index("VII- Chronogramme")
    headers = ["", "An 1", "An 2", "An 3", "Total"]
    return [
        (cell.start, headers[i])
        for line in iter_lines(nt)
        if start < line.start < end
        for i, cell in enumerate(line.cells)
        if 0 < i < len(headers) and cell.text[:1].isdigit()
    ]


def test_every_budget_cell_is_a_budget_line(mali: ActionPlanFacts, mali_nt: NormalizedText) -> None:
    figures = budget_table_figures(mali_nt)
    assert len(figures) == 102
    assert [(b.start, b.column) for b in mali.budget] == figures
    assert {b.currency for b in mali.budget} == {"XOF"}
    assert mali.currency == "XOF"


def test_year_columns_become_calendar_years(mali: ActionPlanFacts) -> None:
    years = {"An 1": 2012, "An 2": 2013, "An 3": 2014, "Total": None}
    for line in mali.budget:
        if line.is_total:
            assert line.year is None and not line.year_inferred
        else:
            assert line.year == years[line.column]
            assert line.year_inferred
    assert Counter(b.year for b in mali.budget) == {None: 36, 2012: 23, 2013: 24, 2014: 19}


def test_budget_rows_carry_their_axis_and_activity(
    mali: ActionPlanFacts, mali_nt: NormalizedText
) -> None:
    plan = cells_of_row(mali, mali_nt, "Elaborer le plan opérationnel annuel")
    assert [(b.axis, b.year, b.value) for b in plan] == [
        (5, 2012, Decimal(5000000)),
        (5, 2013, Decimal(5000000)),
        (5, 2014, Decimal(5000000)),
        (5, None, Decimal(15000000)),
    ]
    assert {b.activity for b in plan} == {"Elaborer le plan opérationnel annuel"}
    # The budget row adds "(Rencontres de proximité)": the framework title is a prefix of it.
    debate = cells_of_row(mali, mali_nt, "Débattre des sujets")
    assert {b.activity for b in debate} == {
        "Débattre des sujets sources de conflits en marge des différentes réunions au niveau des individus"
    }
    # "VBG" here, "GBV" in the framework: no link, the row keeps its own words.
    victims = cells_of_row(mali, mali_nt, "Multiplier les services")
    assert {b.activity for b in victims} == {
        "Multiplier les services d'appui juridique et judiciaire aux victimes des VBG"
    }
    assert Counter(b.axis for b in mali.budget if not b.is_total or b.activity) == {
        1: 9, 2: 23, 3: 20, 4: 14, 5: 30,
    }  # fmt: skip


def test_axis_totals_and_grand_total(mali: ActionPlanFacts) -> None:
    totals = [(b.axis, b.value) for b in mali.budget if b.is_total and b.activity is None]
    assert totals == [
        (1, Decimal(152000000)),
        (2, Decimal(329000000)),
        (3, Decimal(126000000)),
        (4, Decimal(500000000)),
        (5, Decimal(169000000)),
        (None, Decimal(1276000000)),
    ]
    grand = mali.budget[-1]
    assert grand.value == Decimal("1276000000") and grand.currency == "XOF"
    assert grand.is_total and grand.year is None and not grand.inconsistent


def test_a_row_total_that_does_not_add_up_is_flagged_not_corrected(mali: ActionPlanFacts) -> None:
    flagged = [b for b in mali.budget if b.inconsistent]
    assert [(b.activity, b.value) for b in flagged] == [
        (
            "Débattre des sujets sources de conflits en marge des différentes réunions au niveau des individus",
            Decimal(95000000),  # 35 + 35 + 20 = 90 million: as written
        )
    ]


SYNTHETIC = (
    "PLAN D'ACTION NATIONAL 2021-2023\n\n"
    "Budget (en dollars des États-Unis)\n"
    "Actions\t2021\t2022\t2023\tTotal\n"
    "Axe stratégique 1 : Prévention\t\t\t\t\n"
    "Former les juges\t1 000\t2 000\t\t3 000\n"
    "Créer un observatoire\t500 000\t500 000\t500 000\t1 600 000\n"  # adds up to 1 500 000
    "Sous-total axe 1\t501 000\t502 000\t500 000\t1 603 000\n"  # right, from the rows as written
    "Axe stratégique 2 : Participation\t\t\t\t\n"
    "Organiser un forum\t10 000\t\t\t10 000\n"
    "Sous-total axe 2\t\t\t\t12 000\n"  # its one row says 10 000
    "Total général\t\t\t\t1 700 000\n"  # the axis totals add up to 1 615 000
)


def test_synthetic_inconsistent_table_keeps_written_values() -> None:
    facts = extract_action_plan(normalize(SYNTHETIC))
    assert facts.currency == "USD"
    assert [a.number for a in facts.axes] == [1, 2]
    rows = {(b.activity, b.column): b for b in facts.budget if b.activity is not None}
    wrong_row = rows[("Créer un observatoire", "Total")]
    assert (wrong_row.value, wrong_row.inconsistent, wrong_row.is_total) == (
        Decimal(1600000),
        True,
        True,
    )
    assert not rows[("Former les juges", "Total")].inconsistent
    assert rows[("Former les juges", "2022")].year == 2022
    totals = [
        (b.axis, b.column, b.year, b.value, b.inconsistent)
        for b in facts.budget
        if b.activity is None
    ]
    assert totals == [
        (1, "2021", 2021, Decimal(501000), False),
        (1, "2022", 2022, Decimal(502000), False),
        (1, "2023", 2023, Decimal(500000), False),
        (1, "Total", None, Decimal(1603000), False),
        (2, "Total", None, Decimal(12000), True),
        (None, "Total", None, Decimal(1700000), True),
    ]
    assert all(b.is_total for b in facts.budget if b.activity is None)
    assert all(not b.year_inferred for b in facts.budget)
    assert {b.currency for b in facts.budget} == {"USD"}


# --------------------------------------------------------------------------------------------
# Years and documents that are not plans
# --------------------------------------------------------------------------------------------


def test_start_year_given_by_the_caller_wins(mali_nt: NormalizedText) -> None:
    facts = extract_action_plan(mali_nt, start_year=2013)
    assert {b.year for b in facts.budget if b.column == "An 1" and not b.is_total} == {2013}


def test_without_a_period_rank_columns_stay_yearless() -> None:
    nt = normalize(
        "Budget en FCFA\n"
        "Activités\tAn 1\tAn 2\tTotal\n"
        "Former les juges\t1.000.000\t2.000.000\t3.000.000\n"
    )
    facts = extract_action_plan(nt)
    assert [(b.column, b.year, b.year_inferred) for b in facts.budget] == [
        ("An 1", None, False),
        ("An 2", None, False),
        ("Total", None, False),
    ]
    assert facts.activities[0].title == "Former les juges"  # no framework: the budget names it


@pytest.mark.parametrize("path", OTHER_DOCUMENTS, ids=lambda p: p.stem)
def test_other_corpus_documents_are_not_action_plans(path: Path) -> None:
    facts = extract_action_plan(normalize(path.read_text(encoding="utf-8")))
    assert facts.budget == []
    assert facts.axes == []
    assert facts.currency is None


def test_prose_that_mentions_an_axis_is_not_a_plan() -> None:
    nt = normalize("Le projet suit l'axe 2 de la route nationale.\nTotal\t2012\t2013\n")
    assert extract_action_plan(nt) == ActionPlanFacts([], [], [], None)


def test_table_variants_code_column_sections_and_axis_lines() -> None:
    nt = normalize(
        "PLAN D'ACTION 2015-2017\n\n"
        "Résultats attendus\tActivités\tResponsable\n"
        "Axe 1 : Prévention\n"
        "Les juges sont formés\tFormer les juges\tMinistère de la Justice\n"
        "Axe 2 : Protection\n"
        "Les victimes sont accueillies\tOuvrir des centres d'accueil\tMinistère de la Santé\n\n"
        "Budget en euros\n"
        "N°\tActivités\tAnnée 1\tAnnée 2\tTotal\tSource\n"
        "1.1\tFormer les juges\t1 000\t2 000\t3 000\tÉtat\n"
        "\tSous-total\t1 000\t2 000\t3 000\t\n"
        "1.2\tOuvrir des centres d'accueil\t10 000\t\t10 000\tUE\n"
        "\tSous-total\t\t\t20 000\t\n"  # its one row says 10 000
        "Total général\t\t\t\t23 000\t\n"  # the sub-totals as written: 3 000 + 20 000
    )
    facts = extract_action_plan(nt)
    assert [(a.axis, a.title, a.responsible[0][2]) for a in facts.activities] == [
        (1, "Former les juges", "Ministère de la Justice"),
        (2, "Ouvrir des centres d'accueil", "Ministère de la Santé"),
    ]
    assert facts.currency == "EUR"
    cells = [(b.axis, b.activity, b.year, b.value) for b in facts.budget if b.activity]
    assert cells == [
        (1, "Former les juges", 2015, Decimal(1000)),
        (1, "Former les juges", 2016, Decimal(2000)),
        (1, "Former les juges", None, Decimal(3000)),
        (2, "Ouvrir des centres d'accueil", 2015, Decimal(10000)),
        (2, "Ouvrir des centres d'accueil", None, Decimal(10000)),
    ]
    totals = [(b.column, b.value, b.inconsistent) for b in facts.budget if b.activity is None]
    assert totals == [
        ("Année 1", Decimal(1000), False),
        ("Année 2", Decimal(2000), False),
        ("Total", Decimal(3000), False),
        ("Total", Decimal(20000), True),
        ("Total", Decimal(23000), False),
    ]
