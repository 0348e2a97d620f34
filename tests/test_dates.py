"""French date expressions: forms, spans, typed values, year inference and non-matches."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from graph.extract.dates import DateMention, find_dates
from graph.normalize import normalize

CORPUS = Path(__file__).resolve().parent.parent / "graph" / "corpus"
DOCUMENTS = sorted(CORPUS.glob("*.txt"))


def only(text: str, **kwargs: int) -> DateMention:
    mentions = find_dates(text, **kwargs)  # type: ignore[arg-type]
    assert len(mentions) == 1, mentions
    return mentions[0]


def corpus(name: str) -> str:
    return normalize((CORPUS / name).read_text(encoding="utf-8")).text


# (text, quoted span, precision, start, end)
FORMS = [
    ("Le 27 février 2008, la Mission", "27 février 2008", "day", date(2008, 2, 27), None),
    ("16 avril 2008", "16 avril 2008", "day", date(2008, 4, 16), None),
    ("le 1er juin 2019", "1er juin 2019", "day", date(2019, 6, 1), None),
    ("le 1 er juin 2019", "1 er juin 2019", "day", date(2019, 6, 1), None),
    ("les 30 et 31 octobre 2019;", "30 et 31 octobre 2019", "day", date(2019, 10, 30), date(2019, 10, 31)),
    ("du 28 février au 2 mars 2020", "du 28 février au 2 mars 2020", "day", date(2020, 2, 28), date(2020, 3, 2)),
    ("Du 16 au 18 mars 2020 : Symposium", "Du 16 au 18 mars 2020", "day", date(2020, 3, 16), date(2020, 3, 18)),
    ("Ottawa (Canada) 28-29 novembre 2006.", "28-29 novembre 2006", "day", date(2006, 11, 28), date(2006, 11, 29)),
    ("5 – 7 octobre 2006, Montevideo", "5 – 7 octobre 2006", "day", date(2006, 10, 5), date(2006, 10, 7)),
    ("fixé au 15 fevrier 2008", "15 fevrier 2008", "day", date(2008, 2, 15), None),
    ("le 22 AOUT 2007", "22 AOUT 2007", "day", date(2007, 8, 22), None),
    ("28/janvier/08", "28/janvier/08", "day", date(2008, 1, 28), None),
    ("le 15/02/2008", "15/02/2008", "day", date(2008, 2, 15), None),
    ("le 2008-02-15", "2008-02-15", "day", date(2008, 2, 15), None),
    ("En juillet 2007 se termine", "juillet 2007", "month", date(2007, 7, 1), date(2007, 7, 31)),
    ("Octobre 2019", "Octobre 2019", "month", date(2019, 10, 1), date(2019, 10, 31)),
    ("de l’année 2019", "2019", "year", date(2019, 1, 1), date(2019, 12, 31)),
    ("allant d’octobre à décembre 2019", "d’octobre à décembre 2019", "month", date(2019, 10, 1), date(2019, 12, 31)),
    ("pour février et mars 2008", "février et mars 2008", "month", date(2008, 2, 1), date(2008, 3, 31)),
    ("Deuxième semestre 2013", "Deuxième semestre 2013", "semester", date(2013, 7, 1), date(2013, 12, 31)),
    ("au premier et deuxième semestres 2020", "premier et deuxième semestres 2020", "semester", date(2020, 1, 1), date(2020, 12, 31)),
    ("le 2e trimestre 2022", "2e trimestre 2022", "quarter", date(2022, 4, 1), date(2022, 6, 30)),
    ("pour la période 2019-2020.", "2019-2020", "year", date(2019, 1, 1), date(2020, 12, 31)),
    ("CALENDRIER 2019 - 2020", "2019 - 2020", "year", date(2019, 1, 1), date(2020, 12, 31)),
    ("entre 2019 et 2020", "entre 2019 et 2020", "year", date(2019, 1, 1), date(2020, 12, 31)),
    ("En 2004 lors de la Conférence", "2004", "year", date(2004, 1, 1), date(2004, 12, 31)),
]


@pytest.mark.parametrize(("text", "quote", "precision", "start", "end"), FORMS, ids=[f[1] for f in FORMS])
def test_forms(text: str, quote: str, precision: str, start: date, end: date | None) -> None:
    mention = only(text)
    assert text[mention.start : mention.end] == mention.text == quote
    assert mention.precision == precision
    assert mention.start_date == start
    assert mention.end_date == (end or start)
    assert not mention.year_inferred


@pytest.mark.parametrize(
    ("text", "quote", "start", "end"),
    [
        ("Jeudi 24 octobre (10 h 00 – 13 h00)", "Jeudi 24 octobre (10 h 00 – 13 h00)", time(10), time(13)),
        ("Mardi 14 avril (14 h 30 – 17 h 30) :", "Mardi 14 avril (14 h 30 – 17 h 30)", time(14, 30), time(17, 30)),
        ("8 avril : (9 h 00 – 12 h 00) JID", "8 avril : (9 h 00 – 12 h 00)", time(9), time(12)),
        ("le 5 mai, de 15 h 00 à 18 h 00", "5 mai, de 15 h 00 à 18 h 00", time(15), time(18)),
        ("le 5 mai 10h00-13h00", "5 mai 10h00-13h00", time(10), time(13)),
    ],
)
def test_a_time_after_a_day_belongs_to_it(text: str, quote: str, start: time, end: time) -> None:
    mention = only(text, default_year=2020)
    assert mention.text == quote
    assert (mention.start_time, mention.end_time) == (start, end)
    assert mention.precision == "day"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [("10h00-13h00", time(10), time(13)), ("15 h 00 à 18 h 00", time(15), time(18)), ("10:15", time(10, 15), None)],
)
def test_a_time_alone_has_no_date(text: str, start: time, end: time | None) -> None:
    mention = only(text)
    assert (mention.precision, mention.start_date) == ("time", None)
    assert (mention.start_time, mention.end_time) == (start, end)


def test_a_time_alone_takes_the_day_being_described() -> None:
    text = "PROGRAMME – MARDI 22 MAI 2012\n\n10:00\n\nOuverture\n\n13:00\n"
    day, first, second = find_dates(text)
    assert day.start_date == date(2012, 5, 22)
    assert (first.start_date, first.start_time, first.date_inferred) == (date(2012, 5, 22), time(10), True)
    assert second.start_time == time(13)


@pytest.mark.parametrize(
    ("text", "quote", "month_day"),
    [
        ("15 mars chaque année : Liste", "15 mars chaque année", (3, 15)),
        ("le 31 Octobre de chaque année", "31 Octobre de chaque année", (10, 31)),
        ("avant le 30 juillet de chaque année.", "30 juillet de chaque année", (7, 30)),
        ("tous les ans, au plus tard le 15 avril, conformément", "15 avril", (4, 15)),
    ],
)
def test_recurring_days(text: str, quote: str, month_day: tuple[int, int]) -> None:
    mention = only(text, default_year=2020)
    assert mention.text == quote
    assert mention.recurring
    assert mention.month_day == month_day
    assert mention.start_date is None
    assert mention.gmonthday() == f"--{month_day[0]:02d}-{month_day[1]:02d}"


def test_a_recurring_month() -> None:
    mention = only("mars chaque année", default_year=2020)
    assert (mention.recurring, mention.precision, mention.gmonth()) == (True, "month", "--03")
    with pytest.raises(ValueError, match="names no day"):
        mention.gmonthday()


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("au plus tard le 15 avril 2020", True),
        ("fixant comme date limite le 1er juin 2019 pour", True),
        ("avant le 30 avril 2022", True),
        ("au plus tard en 2010", True),
        ("le 15 avril 2020", False),
    ],
)
def test_deadlines_are_flagged(text: str, deadline: bool) -> None:
    assert only(text).deadline is deadline


def test_year_comes_from_headings_and_rolls_over() -> None:
    calendar = (
        "CALENDRIER\n"
        "2019\n"
        "Octobre\n"
        "Jeudi 24 octobre (10 h 00 – 13 h 00)\n"
        "Jeudi 5 décembre\n"
        "Jeudi 9 janvier\n"
        "2020\n"
        "Janvier\n"
        "Jeudi 23 janvier\n"
    )
    mentions = [m for m in find_dates(calendar) if m.precision != "year"]
    got = [(m.text, m.start_date, m.year_inferred) for m in mentions]
    assert got == [
        ("Octobre", date(2019, 10, 1), True),
        ("Jeudi 24 octobre (10 h 00 – 13 h 00)", date(2019, 10, 24), True),
        ("Jeudi 5 décembre", date(2019, 12, 5), True),
        ("Jeudi 9 janvier", date(2020, 1, 9), True),  # December, then January: the year turned
        ("Janvier", date(2020, 1, 1), True),
        ("Jeudi 23 janvier", date(2020, 1, 23), True),
    ]


def test_year_comes_from_an_earlier_full_date() -> None:
    text = "Le 27 février 2008, une note. La réunion aurait lieu le 22 août, puis en Septembre."
    _, august, september = find_dates(text)
    assert (august.start_date, august.year_inferred) == (date(2008, 8, 22), True)
    assert (september.precision, september.start_date) == ("month", date(2008, 9, 1))


def test_a_small_step_back_in_months_is_not_a_new_year() -> None:
    text = "2020\nMars : conférence\nDu 14 au 17 janvier : séminaire\n"
    march, january = (m for m in find_dates(text) if m.precision != "year")
    assert march.start_date == date(2020, 3, 1)
    assert january.start_date == date(2020, 1, 14)


def test_default_year_is_the_last_resort() -> None:
    assert only("le 16 avril", default_year=2008).start_date == date(2008, 4, 16)
    assert only("le 16 avril", default_year=2008).year_inferred


def test_no_year_is_invented() -> None:
    mention = only("le 16 avril est réalisé la réunion")
    assert mention.start_date is None and mention.end_date is None
    assert (mention.precision, mention.day, mention.month, mention.year) == ("day", 16, 4, None)
    semester = only("Premier semestre : réunion")
    assert (semester.precision, semester.start_date) == ("semester", None)


def test_a_list_of_days_that_is_not_a_span() -> None:
    mentions = find_dates("les 5, 12 et 19 mars 2020")
    assert [m.start_date for m in mentions] == [date(2020, 3, d) for d in (5, 12, 19)]
    assert [m.text for m in mentions] == ["5", "12", "19 mars 2020"]


@pytest.mark.parametrize(
    "text",
    [
        "la résolution AG/RES. 2945 (XLIX-O/19)",
        "(CP/CSH-1933/19 rev. 1)",
        "la somme d’US$ 126.200 pour 2019",
        "paragraphe 25, paragraphes 9-14 AG/RES. 2945",
        "1. INTRODUCTION\n1. BUREAU\nIV.\tMÉTHODOLOGIE",
        "Réunion ordinaire nº 1416 du Conseil",
        "la note N°. 10-061/07 en accomplissement",
        "AG/RES. 2028 (XXXIX-O4)",
        "le 31 février 2020",
    ],
)
def test_symbols_numbers_and_impossible_days_are_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_a_day_and_a_month_in_different_cells_do_not_make_a_date() -> None:
    mentions = find_dates("22\tmars 2020\n3\n avril 2020")  # never across a tab or a line
    assert [(m.text, m.precision) for m in mentions] == [("mars 2020", "month"), ("avril 2020", "month")]


def test_bad_arguments_are_refused_clearly() -> None:
    with pytest.raises(TypeError, match="needs the text as str"):
        find_dates(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="default_year must be a year"):
        find_dates("le 1er mai", default_year=0)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_spans_map_back_to_the_original_file(path: Path) -> None:
    original = path.read_text(encoding="utf-8")
    nt = normalize(original)
    mentions = find_dates(nt.text)
    assert mentions
    for mention in mentions:
        assert nt.text[mention.start : mention.end] == mention.text
        o_start, o_end = nt.span_to_original(mention.start, mention.end)
        assert normalize(original[o_start:o_end]).text == mention.text


def test_csh_work_plan_calendar() -> None:
    mentions = find_dates(corpus("csh-work-plan-2019-2020.txt"))
    dated_days = [m for m in mentions if m.precision == "day" and m.start_date is not None]
    assert len(dated_days) >= 60
    assert sum(m.recurring for m in mentions) >= 10
    by_text = {m.text: m for m in mentions}
    first = by_text["Jeudi 24 octobre (10 h 00 – 13 h00)"]
    assert (first.start_date, first.start_time, first.year_inferred) == (date(2019, 10, 24), time(10), True)
    assert by_text["Du 14 au 17 janvier"].end_date == date(2020, 1, 17)
    assert by_text["premier et deuxième semestres 2020"].end_date == date(2020, 12, 31)
    assert by_text["Novembre"].start_date == date(2020, 11, 1)
    assert all(m.start_date.year in (2019, 2020) for m in dated_days if m.year_inferred)  # type: ignore[union-attr]


def test_other_corpus_documents() -> None:
    mali = find_dates(corpus("mali-nap-1325-2012-2014.txt"))
    assert [m.gmonthday() for m in mali if m.recurring] == ["--10-31", "--10-31", "--10-30"]
    assert mali[0].text == "2012-2014"
    migration = find_dates(corpus("oas-migration-report-2008.txt"))
    assert sum(m.start_date is not None and not m.year_inferred for m in migration) >= 30
    mesecvi = find_dates(corpus("mesecvi-report-2007-2008.txt"), default_year=2008)
    assert mesecvi[1].text == "16 avril" and mesecvi[1].start_date == date(2008, 4, 16)
    apmbc = find_dates(corpus("apmbc-victim-assistance-2012.txt"))
    assert [m.start_date for m in apmbc if m.date_inferred] == [date(2012, 5, 22)] * 5
