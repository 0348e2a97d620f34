"""Officers: election sentences, appositions, posts held and later mentions."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.extract.officers import Officer, find_officers
from graph.normalize import normalize

CORPUS = Path(__file__).resolve().parent.parent / "graph" / "corpus"

CHAIR = (
    "Pendant la période 2019-2020, le Conseil permanent, lors de sa séance ordinaire du "
    "27 septembre 2019, a élu Président de la Commission sur la sécurité continentale (CSH) "
    "l’Ambassadeur José Manuel Boza Orozco, Représentant permanent du Pérou près l’OEA."
)
VICE_CHAIRS = (
    "Le 24 octobre 2019, la Commission a élu l’Ambassadeur Léon Charles, Représentant permanent "
    "a.i. d’Haïti, comme premier vice-président et MM. Eloí Ritter, Représentant suppléant du "
    "Brésil, et Giovanni Snidle, Représentant suppléant des États-Unis, comme deuxième et "
    "troisième vice-présidents respectivement."
)


def span(text: str, part: tuple[int, int] | tuple[int, int, str] | None) -> str | None:
    return None if part is None else text[part[0] : part[1]]


def summary(text: str, officer: Officer) -> tuple:
    return (
        text[officer.start : officer.end],
        officer.post,
        officer.honorific,
        span(text, officer.represents),
        span(text, officer.organ_text),
        span(text, officer.elected_on),
    )


def test_chair_elected_with_post_before_the_person() -> None:
    (officer,) = find_officers(CHAIR)
    assert summary(CHAIR, officer) == (
        "José Manuel Boza Orozco",
        "chair",
        "Ambassadeur",
        "Pérou",
        "Commission sur la sécurité continentale (CSH)",
        "27 septembre 2019",
    )
    assert officer.name == "José Manuel Boza Orozco"
    assert officer.represents is not None and officer.represents[2] == "Pérou"


def test_vice_chairs_distributed_with_respectivement() -> None:
    found = find_officers(VICE_CHAIRS)
    assert [summary(VICE_CHAIRS, o)[:4] for o in found] == [
        ("Léon Charles", "first-vice-chair", "Ambassadeur", "Haïti"),
        ("Eloí Ritter", "second-vice-chair", "MM.", "Brésil"),
        ("Giovanni Snidle", "third-vice-chair", "MM.", "États-Unis"),
    ]
    assert {span(VICE_CHAIRS, o.organ_text) for o in found} == {"Commission"}
    assert {span(VICE_CHAIRS, o.elected_on) for o in found} == {"24 octobre 2019"}


def test_one_post_for_several_persons_goes_to_each() -> None:
    text = "Le Comité a élu M. Jean Dupont et Mme Anne Martin comme vice-présidents."
    assert [(o.name, o.post) for o in find_officers(text)] == [
        ("Jean Dupont", "vice-chair"),
        ("Anne Martin", "vice-chair"),
    ]


def test_posts_that_cannot_be_distributed_are_not_guessed() -> None:
    text = "Le Comité a élu M. Jean Dupont, M. Paul Durand et Mme Anne Martin comme premier et deuxième vice-présidents."
    assert find_officers(text) == []


def test_secretary_in_apposition() -> None:
    text = "Le Secrétaire exécutif de la CIDH, M. Santiago A. Canton, y a pris part."
    (officer,) = find_officers(text)
    assert summary(text, officer) == (
        "Santiago A. Canton", "executive-secretary", "M.", None, "CIDH", None,
    )


def test_post_after_the_person() -> None:
    text = "M. Pierre Durand, Président du Comité juridique interaméricain, a ouvert la séance."
    (officer,) = find_officers(text)
    assert (officer.name, officer.post, span(text, officer.organ_text)) == (
        "Pierre Durand", "chair", "Comité juridique interaméricain",
    )


def test_diplomat_from_a_country() -> None:
    text = (
        "avec la participation du Président de la Onzième Réunion des États Parties "
        "(11MSP, Eleventh Meeting of the States Parties), H.E. Prak Sokhonn du Cambodge."
    )
    (officer,) = find_officers(text)
    assert summary(text, officer) == (
        "Prak Sokhonn",
        "chair",
        "H.E.",
        "Cambodge",
        "Onzième Réunion des États Parties (11MSP, Eleventh Meeting of the States Parties)",
        None,
    )


def test_post_held_designated_and_mentioned_again() -> None:
    text = (
        "Le membre Freddy Gutiérrez a exercé ses fonctions de rapporteur pour cette question "
        "jusqu’à juillet 2007 et à partir de cette date, la CIDH a désigné le membre Florentín "
        "Meléndez à cette fonction.\n\nEn février 2007, le membre Gutiérrez a participé à la réunion."
    )
    found = find_officers(text)
    assert [(o.name, o.post, span(text, o.organ_text)) for o in found] == [
        ("Freddy Gutiérrez", "rapporteur", None),
        ("Florentín Meléndez", "rapporteur", "CIDH"),
        ("Gutiérrez", "rapporteur", None),
    ]
    assert text[found[2].start : found[2].end] == "Gutiérrez"


@pytest.mark.parametrize(
    "text",
    [
        "Le Président a ouvert la séance.",  # a post without a person
        "M. Jean Dupont a pris la parole.",  # a person without a post
        "La Commission interaméricaine des droits de l’homme a tenu sa session.",
        "le Conseil a élu le Pérou membre du Comité.",
    ],
)
def test_no_officer(text: str) -> None:
    assert find_officers(text) == []


def test_csh_work_plan_officers() -> None:
    text = normalize((CORPUS / "csh-work-plan-2019-2020.txt").read_text(encoding="utf-8")).text
    found = [(o.name, o.post, o.represents[2] if o.represents else None) for o in find_officers(text)]
    assert found[:4] == [
        ("José Manuel Boza Orozco", "chair", "Pérou"),
        ("Léon Charles", "first-vice-chair", "Haïti"),
        ("Eloí Ritter", "second-vice-chair", "Brésil"),
        ("Giovanni Snidle", "third-vice-chair", "États-Unis"),
    ]
