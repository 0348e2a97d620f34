"""Periods: what a text dates only to a month, a quarter, a semester or a year, kept at that
precision as EDTF, and the graph's activities and plans that carry them."""

from __future__ import annotations

import pytest

from graph.extract.periods import find_periods, months_of, plan_periods
from graph.store import open_store
from tests.conftest import BASE

EDTF = "<http://id.loc.gov/datatypes/edtf/EDTF>"


def values(text: str, default_year: int | None = None) -> list[tuple[str, str, bool]]:
    """(quote, EDTF value, year inferred) of every period of ``text``."""
    return [
        (text[p.start : p.end], p.edtf, p.year_inferred)
        for p in find_periods(text, default_year=default_year)
    ]


def test_a_month_and_its_year_date_the_activity_of_their_sentence() -> None:
    text = "Le Secrétariat a organisé un atelier régional en mars 2021 à Lima. Il a suivi."
    [period] = find_periods(text)
    assert (text[period.start : period.end], period.edtf) == ("mars 2021", "2021-03")
    assert not period.year_inferred
    assert period.what == "Le Secrétariat a organisé un atelier régional en mars 2021 à Lima"


def test_a_month_heading_a_calendar_line_dates_what_follows_it() -> None:
    text = "2021\n\nJuin (à confirmer) : Réunion du groupe de travail, Quito\n"
    [period] = find_periods(text)
    assert (period.edtf, period.year_inferred) == ("2021-06", True)
    assert period.what == "Réunion du groupe de travail, Quito"


@pytest.mark.parametrize(
    ("text", "quote", "value"),
    [
        ("2021\nPremier semestre : Atelier national", "Premier semestre", "2021-40"),
        ("Un séminaire se tiendra au deuxième trimestre 2022.", "deuxième trimestre 2022",
         "2022-34"),
        ("Les réunions du premier et deuxième semestres 2021 sont financées.",
         "premier et deuxième semestres 2021", "2021-40/2021-41"),
        ("La campagne se déroulera de janvier à mars 2022 dans trois régions.",
         "de janvier à mars 2022", "2022-01/2022-03"),
    ],
)
def test_semesters_quarters_and_ranges_keep_their_precision(
    text: str, quote: str, value: str
) -> None:
    assert [(q, v) for q, v, _ in values(text)] == [(quote, value)]


@pytest.mark.parametrize(
    "text",
    [
        "PLAN NATIONAL 2012-2014\n\nMars 2012\n\nI. Introduction",  # the date of issue
        "2019\n\tOCTOBRE\n\t22\t· Réunion ordinaire\n",  # a calendar's month heading
    ],
)
def test_a_date_alone_on_its_line_is_a_heading_not_a_period(text: str) -> None:
    assert values(text) == []


def test_days_and_years_are_not_periods() -> None:
    text = "Le 15 mars 2021, la Commission a adopté le Plan d'action 2007-2011 prévu en 2005."
    assert values(text) == []


SCHEDULE = (
    "Activités\tPériode\t\t\t\t\t\t\t\n"
    "\tAn 1\t\t\t\tAn 2\t\t\t\n"
    "\t1 er\t2 ème\t3 ème\t4 ème\t1 er\t2 ème\t3 ème\t4 ème\n"
    "Former les formatrices\t\t\t\t\t\t\t\t\n"
)


def test_a_plans_schedule_columns_are_its_years_and_their_quarters() -> None:
    found = [(SCHEDULE[p.start : p.end], p.edtf, p.year_inferred)
             for p in plan_periods(SCHEDULE, plan_start=2021)]
    assert found[:2] == [("An 1", "2021", True), ("An 2", "2022", True)]
    assert [value for _, value, _ in found[2:]] == [
        "2021-33", "2021-34", "2021-35", "2021-36", "2022-33", "2022-34", "2022-35", "2022-36",
    ]
    assert found[2][0] == "1 er"


def test_two_parts_a_year_are_semesters() -> None:
    text = "\tAn 1\t\tAn 2\t\n\tS1\tS2\tS1\tS2\n"
    assert [p.edtf for p in plan_periods(text, plan_start=2030)] == [
        "2030", "2031", "2030-40", "2030-41", "2031-40", "2031-41",
    ]


def test_plan_year_columns_stay_undated_without_the_plans_first_year() -> None:
    assert plan_periods(SCHEDULE, plan_start=None) == []


def test_calendar_year_columns_need_no_plan_year() -> None:
    text = "Activité\tBudget\t\t\n\t2021\t2022\tTotal\nAtelier\t10\t20\t30\n"
    assert [(p.edtf, p.year_inferred) for p in plan_periods(text, plan_start=None)] == [
        ("2021", False), ("2022", False),
    ]


@pytest.mark.parametrize(
    ("value", "months"),
    [
        ("2020-04", ("2020-04", "2020-04")),
        ("2019-10/2019-12", ("2019-10", "2019-12")),
        ("2020-40", ("2020-01", "2020-06")),
        ("2020-41", ("2020-07", "2020-12")),
        ("2012-33", ("2012-01", "2012-03")),
        ("2012-36", ("2012-10", "2012-12")),
        ("2012", ("2012-01", "2012-12")),
        ("2020-40/2020-41", ("2020-01", "2020-12")),
        ("2020-S1", None),
        ("2020-37", None),
    ],
)
def test_an_edtf_value_reads_back_as_its_first_and_last_month(
    value: str, months: tuple[str, str] | None
) -> None:
    assert months_of(value) == months


def test_the_graph_dates_a_calendar_activity_to_its_semester(store_descriptor: str) -> None:
    result = open_store(store_descriptor).query(f"""
        SELECT ?label WHERE {{
          ?activity a mg:Activity ; mg:period "2020-40"^^{EDTF} ; rdfs:label ?label ;
                    mg:hasEvidence ?ev .
          ?ev mg:assertedProperty mg:period ; mg:inferred true ; mg:basis "context-year" .
        }}""")
    labels = {s["label"].value for s in result}
    assert "Vingtième réunion ordinaire du Comité consultatif de la CIFTA, paragraphe 91" in labels


def test_the_graph_lays_a_plans_schedule_out_in_quarters(store_descriptor: str) -> None:
    plan = f"<{BASE}source/mali-nap-1325-2012-2014>"
    result = open_store(store_descriptor).query(
        f"SELECT ?p WHERE {{ {plan} a mg:ActionPlan ; mg:period ?p }}"
    )
    periods = {s["p"].value for s in result}
    assert {"2012", "2013", "2014", "2012-33", "2014-36"} <= periods
