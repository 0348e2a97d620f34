"""Dated activities and their agendas, on the corpus work plans and reports and on short texts."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path

import pytest

from graph.extract.meetings import Meeting, find_meetings, find_preparations
from graph.normalize import NormalizedText, normalize

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "graph" / "corpus"
GOLD = ROOT / "tests" / "gold"


def read(stem: str) -> NormalizedText:
    return normalize((CORPUS / f"{stem}.txt").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def csh() -> tuple[NormalizedText, list[Meeting]]:
    nt = read("csh-work-plan-2019-2020")
    return nt, find_meetings(nt)


def on(meetings: list[Meeting], day: date) -> list[Meeting]:
    return [m for m in meetings if m.start_date == day]


def assert_spans_exact(nt: NormalizedText, meetings: list[Meeting]) -> None:
    for m in meetings:
        if m.title is not None:
            assert nt.text[m.title_start : m.title_end] == m.title
        if m.place is not None:
            assert nt.text[m.place[0] : m.place[1]] == m.place[2]
        for item in m.items:
            assert nt.text[item.start : item.end] == item.text
            assert m.block_start <= item.start < item.end <= m.block_end
        assert m.block_start <= m.date_start < m.date_end <= m.block_end


# --------------------------------------------------------------------------------------------
# The CSH work plan
# --------------------------------------------------------------------------------------------


def test_calendar_date_line_opens_a_meeting_with_its_agenda(csh) -> None:
    nt, meetings = csh
    [meeting] = [m for m in on(meetings, date(2019, 10, 24)) if m.start_time is not None]
    assert nt.text[meeting.date_start : meeting.date_end].startswith("Jeudi 24 octobre")
    assert (meeting.start_time, meeting.end_time) == (time(10, 0), time(13, 0))
    assert meeting.year_inferred and meeting.kind == "Meeting"
    texts = [item.text for item in meeting.items]
    assert texts[0].startswith("Élection de la première, deuxième et troisième")
    cyber = [t for t in texts if "paragraphe 52" in t]
    assert len(cyber) == 1 and cyber[0].startswith("Préparatifs de la réunion spéciale")
    assert any("paragraphe 5 de la résolution AG/RES. 2631" in t for t in texts)
    # the agenda stops where the other column's entry (22 October) begins
    assert not any("1416" in t for t in texts)


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        (date(2019, 10, 30), date(2019, 10, 31), "Septième Réunion des ministres"),
        (date(2019, 12, 5), date(2019, 12, 5), "Réunion spéciale sur les liens"),
        (date(2020, 2, 20), date(2020, 2, 20), "Réunion visant à examiner des outils"),
        (date(2020, 3, 26), date(2020, 3, 26), "Réunion de la Commission sur la sécurité"),
        (date(2020, 4, 16), date(2020, 4, 16), "Réunion de la CSH sur les Préoccupations"),
    ],
)
def test_events_of_section_iv_are_dated(csh, start: date, end: date, words: str) -> None:
    _, meetings = csh
    # section IV writes the year; the calendar and the summary table take it from headings
    found = [
        m for m in on(meetings, start)
        if m.title and m.title.startswith(words) and not m.year_inferred
    ]
    assert len(found) == 1
    assert found[0].end_date == end and found[0].kind == "Meeting"


def test_mispa_has_its_acronym_in_the_title_and_its_place(csh) -> None:
    nt, meetings = csh
    [mispa] = [m for m in on(meetings, date(2019, 10, 30)) if m.title and "MISPA-VII" in m.title]
    assert mispa.title == (
        "Septième Réunion des ministres en matière de sécurité publique des Amériques (MISPA-VII)"
    )
    assert mispa.place is not None and mispa.place[2] == "Équateur"
    assert mispa.series == (
        "Réunion des ministres en matière de sécurité publique des Amériques (MISPA-VII)",
        "7",
    )
    assert nt.text[mispa.date_start : mispa.date_end].endswith("30 et 31 octobre 2019")


def test_self_contained_entry_of_a_numbered_series(csh) -> None:
    nt, meetings = csh
    [jid] = [m for m in on(meetings, date(2019, 10, 22)) if m.start_time is None and m.items == ()
             and nt.text[m.date_start : m.date_end] == "22 octobre"]
    assert jid.title == "Réunion ordinaire nº 1416 du Conseil des délégués de la JID"
    assert nt.text[jid.title_start : jid.title_end] == jid.title
    assert jid.series == ("Réunion ordinaire du Conseil des délégués de la JID", "1416")
    assert jid.kind == "Meeting" and jid.year_inferred


def test_kinds_come_from_the_head_noun(csh) -> None:
    _, meetings = csh
    kinds = {m.title: m.kind for m in meetings if m.title}
    assert kinds["Séminaire sur la cyberdéfense et la sécurité (CID)"] == "Seminar"
    assert kinds["cours facultatif sur les opérations de soutien à la paix (CID)"] == "Training"
    assert kinds["Conférence sur la situation mondiale (CID)"] == "Conference"
    assert any(k == "Exercise" for t, k in kinds.items() if t.startswith("Simulation annuelle"))


def test_place_after_a_preposition_is_taken_out_of_the_title(csh) -> None:
    nt, meetings = csh
    [cicte] = [
        m for m in on(meetings, date(2020, 4, 23))
        if nt.text[m.date_start : m.date_end] == "23 et 24 avril"
    ]
    assert cicte.title == "Vingtième session ordinaire du CICTE"
    assert cicte.place is not None and cicte.place[2] == "Washington, D.C."
    assert cicte.series == ("Session ordinaire du CICTE", "20")


def test_summary_table_rows_take_month_and_year_from_headings(csh) -> None:
    nt, meetings = csh
    rows = [m for m in meetings if nt.text[m.date_start : m.date_end] == "30-31"]
    assert len(rows) == 1
    assert (rows[0].start_date, rows[0].end_date) == (date(2019, 10, 30), date(2019, 10, 31))
    assert rows[0].place is not None and rows[0].place[2] == "Quito (Équateur)"
    # "28  Jour de l'Action de grâces" is a holiday, not an activity
    assert on(meetings, date(2019, 11, 28)) == []


def test_a_moved_meeting_keeps_both_dates(csh) -> None:
    nt, meetings = csh
    held = [m for m in on(meetings, date(2020, 2, 20)) if m.start_time == time(10, 0)]
    assert len(held) == 1
    # footnote of that date line: "Cette réunion était initialement programmée pour le 30
    # janvier 2020"
    planned = [
        m for m in on(meetings, date(2020, 1, 30))
        if nt.text[m.date_start : m.date_end] == "30 janvier 2020"
    ]
    assert len(planned) == 1 and planned[0].kind == "Meeting"
    assert "initialement programmée" in nt.text[planned[0].block_start : planned[0].block_end]
    assert held[0].date_end <= planned[0].date_start


def test_preparation_links_an_agenda_item_to_the_later_special_meeting(csh) -> None:
    _, meetings = csh
    links = find_preparations(meetings)
    october = [
        (meetings[b], item)
        for a, b, item in links
        if meetings[a].start_date == date(2019, 10, 24) and meetings[a].start_time is not None
    ]
    cyber = [(target, item) for target, item in october if "délit cybernétique" in item.text]
    assert len(cyber) == 1
    target, item = cyber[0]
    assert item.text.startswith("Préparatifs de la réunion spéciale pour examiner les liens")
    assert target.start_date == date(2019, 12, 5)
    assert target.title is not None and "spéciale" in target.title
    assert all(meetings[b].start_date > meetings[a].start_date for a, b, _ in links)


def test_all_spans_are_exact(csh) -> None:
    nt, meetings = csh
    assert_spans_exact(nt, meetings)


def test_recall_and_precision_against_the_gold(csh) -> None:
    gold_path = GOLD / "csh-work-plan-2019-2020.jsonl"
    if not gold_path.exists():
        pytest.skip("no hand annotation of the CSH work plan to measure against")
    nt, meetings = csh
    gold = [
        r
        for r in map(json.loads, gold_path.read_text(encoding="utf-8").splitlines())
        if r["category"] == "dated_meeting"
    ]
    predicted = []
    for m in meetings:
        start, end = nt.span_to_original(m.date_start, m.date_end)
        predicted.append((start, end, m.start_date.isoformat() if m.start_date else None))

    def same(record: dict, guess: tuple[int, int, str | None]) -> bool:
        overlap = guess[0] < record["end"] and record["start"] < guess[1]
        return overlap and guess[2] == record["value"]["start"]

    recall = sum(any(same(r, p) for p in predicted) for r in gold) / len(gold)
    precision = sum(any(same(r, p) for r in gold) for p in predicted) / len(predicted)
    assert recall >= 0.9, recall
    assert precision >= 0.9, precision


# --------------------------------------------------------------------------------------------
# Prose, programmes and other layouts
# --------------------------------------------------------------------------------------------


def test_a_dated_sentence_without_an_activity_is_not_a_meeting() -> None:
    nt = read("mesecvi-report-2007-2008")
    meetings = find_meetings(nt, default_year=2007)
    # "Le 27 février 2008, la Mission permanente … a envoyé une note verbale … confirmant son
    # offre d'accueillir la Conférence, qui aurait lieu les 10 et 11 avril 2008"
    assert on(meetings, date(2008, 2, 27)) == []
    [conference] = on(meetings, date(2008, 4, 10))
    assert conference.end_date == date(2008, 4, 11) and conference.kind == "Conference"
    [preparatory] = on(meetings, date(2007, 4, 16))
    assert preparatory.year_inferred


def test_short_prose() -> None:
    note = normalize("Le 3 mars 2021, le Secrétariat a transmis une note aux États membres.")
    assert find_meetings(note) == []
    workshop = normalize(
        "Le Secrétariat a organisé le 3 mars 2021 un atelier sur la collecte des données."
    )
    [meeting] = find_meetings(workshop)
    assert meeting.kind == "Seminar" and meeting.start_date == date(2021, 3, 3)
    assert meeting.title is None  # a lower-case "atelier" refers to it without naming it


def test_generic_calendar_with_year_heading() -> None:
    nt = normalize(
        "PROGRAMME DE TRAVAIL\n\n2021\n\n"
        "Lundi 8 mars (10 h 00 – 13 h 00)\n"
        "· Ouverture de la session\n"
        "· Adoption de l’ordre du jour (paragraphe 3)\n\n"
        "Mardi 9 mars\n"
        "· Débat général\n\n"
        "15 mars : Séminaire régional sur la protection des civils, Genève\n"
    )
    meetings = find_meetings(nt)
    assert [m.start_date for m in meetings] == [
        date(2021, 3, 8), date(2021, 3, 9), date(2021, 3, 15)
    ]
    first, second, seminar = meetings
    assert [i.text for i in first.items] == [
        "Ouverture de la session", "Adoption de l’ordre du jour (paragraphe 3)"
    ]
    assert first.start_time == time(10, 0) and first.year_inferred
    assert [i.text for i in second.items] == ["Débat général"]
    assert seminar.kind == "Seminar" and seminar.items == ()
    assert seminar.title == "Séminaire régional sur la protection des civils"
    assert seminar.place is not None and seminar.place[2] == "Genève"
    assert_spans_exact(nt, meetings)


def test_generic_summary_table() -> None:
    nt = normalize(
        "RÉSUMÉ DES RÉUNIONS\n\n2021\n\nMARS\n\n8\n· Réunion ordinaire de la Commission\n\n"
        "25\n\tJour férié\n\nAVRIL\n\n2-3\n· Atelier sur les données\n"
    )
    meetings = find_meetings(nt)
    assert [(m.start_date, m.end_date, m.kind) for m in meetings] == [
        (date(2021, 3, 8), date(2021, 3, 8), "Meeting"),
        (date(2021, 4, 2), date(2021, 4, 3), "Seminar"),
    ]
    assert meetings[0].title == "Réunion ordinaire de la Commission"


def test_programme_time_slots_are_sessions_of_the_day() -> None:
    nt = read("apmbc-victim-assistance-2012")
    meetings = find_meetings(nt)
    slots = {nt.text[m.date_start : m.date_end]: m for m in meetings if m.start_time}
    assert set(slots) == {"10:00", "10:15", "15:00", "18:00"}  # 13:00 is the lunch break
    opening = slots["10:00"]
    assert opening.start_date == date(2012, 5, 22)
    assert opening.title == "Ouverture du Programme Parallèle pour experts en Assistance aux Victimes"
    assert opening.place is not None and opening.place[2] == "Genève"
    assert_spans_exact(nt, meetings)


def test_preparation_is_not_linked_when_unclear() -> None:
    nt = normalize(
        "2021\n\nJeudi 4 mars\n· Préparatifs de la réunion sur les océans\n\n"
        "10 mai : Réunion sur les océans\n\n12 juin : Réunion sur les océans\n"
    )
    meetings = find_meetings(nt)
    assert len(meetings) == 3
    assert find_preparations(meetings) == []
    clear = normalize(
        "2021\n\nJeudi 4 mars\n· Préparatifs de la réunion sur les océans\n\n"
        "10 mai : Réunion sur les océans\n\n12 juin : Réunion sur les forêts\n"
    )
    meetings = find_meetings(clear)
    [(a, b, item)] = find_preparations(meetings)
    assert meetings[b].start_date == date(2021, 5, 10)
    assert item.text == "Préparatifs de la réunion sur les océans"
