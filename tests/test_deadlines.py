"""Reporting deadlines: which dates are deadlines, their span, recurrence, who and what."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graph.extract.deadlines import find_deadlines
from graph.normalize import normalize

CORPUS = Path(__file__).resolve().parent.parent / "graph" / "corpus"


def quoted(text: str) -> list[tuple[str, str | None, date | None, bool]]:
    return [
        (text[d.start : d.end], d.month_day, d.date, d.recurring) for d in find_deadlines(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Les États membres présenteront leurs rapports au plus tard le 15 mars de chaque année.",
            [("au plus tard le 15 mars de chaque année", "--03-15", None, True)],
        ),
        (
            "Les États transmettent leurs informations le 15 avril chaque année.",
            [("15 avril chaque année", "--04-15", None, True)],
        ),
        (
            "Le Secrétariat doit présenter un rapport sur ses activités avant le 31 octobre de chaque année.",
            [("avant le 31 octobre de chaque année", "--10-31", None, True)],
        ),
        (
            "De réitérer l’importance de la participation de tous les États membres au Registre, "
            "tous les ans, au plus tard le 15 avril.",
            [("tous les ans, au plus tard le 15 avril", "--04-15", None, True)],
        ),
        (
            "Le Comité soumettra son rapport avant le 30 avril 2020.",
            [("avant le 30 avril 2020", None, date(2020, 4, 30), False)],
        ),
    ],
)
def test_deadline_forms(text: str, expected: list) -> None:
    assert quoted(text) == expected


def test_annual_reports_with_a_yearless_date_recur() -> None:
    text = "Le Ministère présentera des rapports annuels au 31 octobre."
    ((quote, month_day, one_off, recurring),) = quoted(text)
    assert (month_day, one_off, recurring) == ("--10-31", None, True)
    assert quote == "31 octobre"


@pytest.mark.parametrize(
    "text",
    [
        "La Commission se réunit le 15 mars de chaque année.",  # a meeting, not a deadline
        "La réunion aura lieu avant le 30 avril 2020.",  # one-off, no reporting
        "Le rapport a été présenté le 30 avril 2020.",  # reporting, but no deadline word
    ],
)
def test_not_deadlines(text: str) -> None:
    assert find_deadlines(text) == []


def test_heading_of_a_reminder_list_with_its_duty_below() -> None:
    text = (
        "15 mars chaque année : Liste de mesures de confiance\n\n"
        "· D’inviter tous les États membres à fournir au Secrétariat général des informations.\n"
    )
    (deadline,) = find_deadlines(text)
    assert text[deadline.start : deadline.end] == "15 mars chaque année"
    assert deadline.what == "Liste de mesures de confiance"
    assert deadline.who_text is None


def test_heading_without_a_duty_below_is_not_a_deadline() -> None:
    text = "15 mars chaque année : Réunion du Comité\n\nLa réunion se tient à Washington.\n"
    assert find_deadlines(text) == []


def test_who_and_what() -> None:
    text = (
        "De demander au Secrétariat général de se fonder sur les informations fournies par les "
        "États membres tous les ans avant le 1er juillet afin d’actualiser le Registre."
    )
    (deadline,) = find_deadlines(text)
    assert deadline.who_text is not None
    start, end, who = deadline.who_text
    assert who == text[start:end] == "États membres"
    assert deadline.what == "informations fournies par les États membres"
    assert (deadline.sentence_start, deadline.sentence_end) == (0, len(text))


def test_one_off_year_comes_from_the_default_year() -> None:
    text = "Les Missions ont reçu le projet, avec comme date limite le 1er juin pour faire parvenir leurs commentaires."
    (deadline,) = find_deadlines(text, default_year=2007)
    assert text[deadline.start : deadline.end] == "1er juin"
    assert (deadline.date, deadline.recurring, deadline.month_day) == (date(2007, 6, 1), False, None)


def test_csh_reminders() -> None:
    text = normalize((CORPUS / "csh-work-plan-2019-2020.txt").read_text(encoding="utf-8")).text
    month_days = [d.month_day for d in find_deadlines(text)]
    assert month_days == [
        "--03-15", "--04-15", "--04-15", "--06-15", "--07-01", "--07-01",
        "--07-30", "--07-01", "--07-01", "--07-15", "--07-15",
    ]
