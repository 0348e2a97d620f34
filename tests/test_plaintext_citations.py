"""Citations of the plain-text reader, one test per class of reference (made-up sentences)."""

from __future__ import annotations

import pytest

from graph.plaintext.citations import find_citations


def symbols(text: str) -> list[str]:
    return [c.symbol for c in find_citations(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Recalling its resolutions 1514 (XV) of 14 December 1960 and 2625 (XXV),",
     ["A/RES/1514 (XV)", "A/RES/2625 (XXV)"]),
    ("Rappelant sa résolution 1874 (S-IV) du 27 juin 1963,", ["A/RES/1874 (S-IV)"]),
    ("Recordando su resolución 2200 A (XXI), anexo,", ["A/RES/2200 (XXI)"]),
])
def test_an_assembly_resolution_of_the_first_sessions(text: str, expected: list[str]) -> None:
    assert symbols(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Recalling Human Rights Council resolutions 24/14 of 27 September 2013 and 27/21,",
     ["A/HRC/RES/24/14", "A/HRC/RES/27/21"]),
    ("en application de la résolution 51/4 du Conseil des droits de l’homme,",
     ["A/HRC/RES/51/4"]),
    ("y las resoluciones del Consejo 24/14, de 27 de septiembre de 2013, y 27/21,",
     ["A/HRC/RES/24/14", "A/HRC/RES/27/21"]),
    ("as endorsed by the Economic and Social Council in its resolution 2023/15 of 7 June,",
     ["E/RES/2023/15"]),
    ("aprobadas en la resolución del Consejo Económico y Social 2023/15 de 7 de junio",
     ["E/RES/2023/15"]),
])
def test_another_bodys_resolution_by_its_name(text: str, expected: list[str]) -> None:
    assert symbols(text) == expected


def test_the_assemblys_own_resolution_after_another_bodys_stays_the_assemblys() -> None:
    assert symbols("Recalling Human Rights Council resolution 5/1 and its resolution 60/251,") == [
        "A/HRC/RES/5/1", "A/RES/60/251"]


def test_a_number_by_year_that_no_body_names_is_no_citation() -> None:
    assert symbols("Commission on Human Rights resolution 2005/69,") == []


def test_a_written_document_symbol_of_any_series() -> None:
    assert symbols("the report (A/78/6 (Sect. 3)) and FCCC/CP/2015/10/Add.1, decision 1/CP.21") == [
        "A/78/6 (Sect. 3)", "FCCC/CP/2015/10/Add.1"]



def test_a_council_resolution_by_its_bare_number_needs_its_date() -> None:
    assert symbols("established by resolution 1521 of 22 December 2003;") == ["S/RES/1521"]
    assert symbols("See World Meteorological Organization resolution 46 (Cg 17).") == []


def test_a_number_by_year_after_2006_alone_is_the_economic_and_social_councils() -> None:
    assert symbols("Résolutions 2006/46, 2009/8 et 2022/16.") == [
        "E/RES/2006/46", "E/RES/2009/8", "E/RES/2022/16"]


def test_a_resolution_in_a_chapter_of_a_report_is_the_reports_bodys() -> None:
    assert symbols("Supplement No. 53A (A/77/53/Add.1), chap. III, sect. A, resolution 51/4.") == [
        "A/77/53/Add.1"]
