"""Full dates in English, French and Spanish text: spans, days, and what is not a date."""

from datetime import date

import pytest

from graph.grammar.dates import find_dates
from graph.grammar.verbs import read_verb


def _read(text: str, language: str) -> list[tuple[str, date]]:
    return [(text[d.start:d.end], d.date) for d in find_dates(text, language)]


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Adopted by the Security Council at its 9527th meeting, on 10 January 2024", "en",
     [("10 January 2024", date(2024, 1, 10))]),
    ("Adoptée par le Conseil de sécurité à sa 9527e séance, le 10 janvier 2024", "fr",
     [("10 janvier 2024", date(2024, 1, 10))]),
    ("Aprobada por el Consejo de Seguridad en su 9527ª sesión, celebrada el 10 de enero de 2024",
     "es", [("10 de enero de 2024", date(2024, 1, 10))]),
    ("At its regular meeting of July 13, 2016", "en", [("July 13, 2016", date(2016, 7, 13))]),
    ("until 30 April 2025 and from the 3rd of March, 2020", "en",
     [("30 April 2025", date(2025, 4, 30)), ("3rd of March, 2020", date(2020, 3, 3))]),
    ("le 8 mai 2025, le 1er janvier 2024 et le 1 er mars 2020", "fr",
     [("8 mai 2025", date(2025, 5, 8)), ("1er janvier 2024", date(2024, 1, 1)),
      ("1 er mars 2020", date(2020, 3, 1))]),
    ("d'ici au 15 décembre 2025", "fr", [("15 décembre 2025", date(2025, 12, 15))]),
    ("el 8 de mayo de 2025 y el 1.º de setiembre de 2016", "es",
     [("8 de mayo de 2025", date(2025, 5, 8)), ("1.º de setiembre de 2016", date(2016, 9, 1))]),
    ("Sept. 4, 2019", "en", [("Sept. 4, 2019", date(2019, 9, 4))]),
    ("ending on 31January 2021", "en", [("31January 2021", date(2021, 1, 31))]),
])
def test_full_dates_are_found_with_their_spans(text: str, language: str,
                                               expected: list[tuple[str, date]]) -> None:
    assert _read(text, language) == expected


@pytest.mark.parametrize(("text", "language"), [
    ("in June 2025", "en"),                 # no day: not a checkable date
    ("31 June 2025", "en"),                 # no such day
    ("S/2024/15 January 2024", "en"),       # the day belongs to a document symbol
    ("le 30 février 2024", "fr"),
    ("el 15 de junio", "es"),               # no year
])
def test_what_is_not_a_full_date_is_not_found(text: str, language: str) -> None:
    assert find_dates(text, language) == []


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError):
        find_dates("15 June 2025", "de")


@pytest.mark.parametrize(("opening", "language", "code"), [
    ("To instruct the General Secretariat to", "en", "request"),
    ("To request the Permanent Council", "en", "request"),
    ("Encomendar a la Secretaría General", "es", "request"),
    ("Instar a los Estados Miembros", "es", "urge"),
    ("Charger le Secrétariat général", "fr", "request"),
    ("Demander au Conseil permanent", "fr", "request"),
])
def test_oas_infinitive_openings_are_operative_verbs(opening: str, language: str,
                                                     code: str) -> None:
    match = read_verb(opening, language, "operative")
    assert match is not None and match.code == code
