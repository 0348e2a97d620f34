"""English dates of work plans and calendars: month first, weekdays, a.m./p.m. times."""

from __future__ import annotations

from datetime import date, time

import pytest

from graph.extract.dates import find_dates
from graph.extract.meetings import find_meetings
from graph.normalize import normalize


def read(text: str):
    return [
        (text[d.start : d.end], d.start_date, d.end_date, d.start_time, d.end_time)
        for d in find_dates(text, default_year=2016)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 31, 2017", ("March 31, 2017", date(2017, 3, 31), date(2017, 3, 31), None, None)),
        ("13 July 2016", ("13 July 2016", date(2016, 7, 13), date(2016, 7, 13), None, None)),
        (
            "Wednesday, July 13, 2016, 10:00 a.m. - 1:00 p.m.",
            ("Wednesday, July 13, 2016, 10:00 a.m. - 1:00 p.m.", date(2016, 7, 13),
             date(2016, 7, 13), time(10, 0), time(13, 0)),
        ),
        (
            "July 30 to August 2, 2016",
            ("July 30 to August 2, 2016", date(2016, 7, 30), date(2016, 8, 2), None, None),
        ),
        ("July 13-15, 2016", ("July 13-15, 2016", date(2016, 7, 13), date(2016, 7, 15), None, None)),
    ],
)
def test_month_first_dates_weekdays_and_twelve_hour_times(text, expected):
    assert read(text) == [expected]


def test_a_yearless_date_takes_the_year_of_the_context_and_noon_is_twelve():
    ((_, start, _, begins, _),) = read("Thursday, March 2, 12:00 p.m.")
    assert start == date(2016, 3, 2) and begins == time(12, 0)


def test_a_date_after_by_or_no_later_than_is_a_deadline():
    assert [d.deadline for d in find_dates("submit it by March 31, 2017", default_year=2016)] == [True]
    assert [d.deadline for d in find_dates("no later than July 13, 2016", default_year=2016)] == [True]


def test_french_dates_read_as_before():
    assert read("jeudi 24 octobre 2019 (10 h 00 – 13 h00)") == [
        ("jeudi 24 octobre 2019 (10 h 00 – 13 h00)", date(2019, 10, 24), date(2019, 10, 24),
         time(10, 0), time(13, 0))
    ]


def test_a_calendar_line_in_english_opens_a_meeting_with_its_agenda():
    text = (
        "CALENDAR\n\nWednesday, July 13, 2016, 10:00 a.m. - 1:00 p.m.\n"
        "Consideration of the work plan, paragraph 5\n"
    )
    meetings = find_meetings(normalize(text), default_year=2016)
    assert [(m.start_date, m.start_time) for m in meetings] == [(date(2016, 7, 13), time(10, 0))]


def test_a_calendar_row_that_names_a_deadline_is_no_activity():
    text = "CALENDAR\n\nMarch 31, 2017: deadline for the semiannual reports\n"
    assert find_meetings(normalize(text), default_year=2016) == []
