"""The timeline page, its JSON and its iCalendar feed (checked against RFC 5545's rules)."""

from __future__ import annotations

import re

from server.timeline import escape_text, fold
from tests.icalendar import unfolded
from tests.pages import html_of


def parse_ics(body: bytes) -> list[dict[str, list[str]]]:
    """A small RFC 5545 reader: checks line ends and folding, unfolds, returns the VEVENTs.

    Each event is {property name: [raw values]}; parameters are kept in the name
    (``DTSTART;VALUE=DATE``). Fails on a bare LF, a line over 75 octets or unbalanced blocks.
    """
    lines = unfolded(body.decode("utf-8"))
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    events: list[dict[str, list[str]]] = []
    current: dict[str, list[str]] | None = None
    for line in lines[1:-1]:
        if line == "BEGIN:VEVENT":
            assert current is None
            current = {}
        elif line == "END:VEVENT":
            assert current is not None
            for required in ("UID", "DTSTAMP", "SUMMARY"):
                assert required in current, f"VEVENT without {required}"
            assert any(k.startswith("DTSTART") for k in current)
            events.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current.setdefault(name, []).append(value)
    assert current is None
    return events


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def test_text_escaping_and_folding() -> None:
    assert escape_text('a;b,c\\d\ne') == "a\\;b\\,c\\\\d\\ne"
    line = "SUMMARY:" + "é" * 80
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_feed_has_a_yearly_deadline_of_the_csh_plan(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/timeline.ics?organ=/id/organ/oas-csh")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/calendar")
    events = parse_ics(response.data)
    yearly = [e for e in events if e.get("RRULE") == ["FREQ=YEARLY"]]
    assert yearly, "the CSH work plan's reporting deadlines recur every year"
    landmines = [e for e in yearly if "Registre des mines terrestres" in unescape(e["SUMMARY"][0])]
    assert landmines and landmines[0]["DTSTART;VALUE=DATE"] == ["20190415"]
    assert "AG/RES. 2945" in unescape(landmines[0]["DESCRIPTION"][0])
    meetings = [e for e in events if "DTSTART" in e and e["DTSTART"][0].startswith("20191024")]
    assert meetings, "the dated meetings of the CSH are in its feed"
    assert all(e["URL"][0].startswith("http") and "/id/" in e["URL"][0] for e in events if "URL" in e)
    assert len({e["UID"][0] for e in events}) == len(events)


def test_feed_filters(client) -> None:  # type: ignore[no-untyped-def]
    everything = parse_ics(client.get("/timeline.ics").data)
    csh = parse_ics(client.get("/timeline.ics?organ=organ/oas-csh").data)
    deadlines = parse_ics(client.get("/timeline.ics?organ=organ/oas-csh&kind=deadline").data)
    assert 0 < len(deadlines) < len(csh) < len(everything)
    assert all(e["SUMMARY"][0].startswith("Deadline: ") for e in deadlines)
    mali = parse_ics(client.get("/timeline.ics?kind=deadline&organ=organ/mli-mpfef").data)
    assert mali and not {e["UID"][0] for e in mali} & {e["UID"][0] for e in deadlines}
    assert client.get("/timeline.ics?kind=party").status_code == 400


def test_timeline_page_and_json(client) -> None:  # type: ignore[no-untyped-def]
    html = html_of(client, "/timeline?organ=/id/organ/oas-csh")
    assert "<h3 class=\"timeline-year\">2019</h3>" in html
    assert 'datetime="2019-10-24T10:00:00"' in html
    assert "Every year" in html and "04-15" in html
    assert 'href="/timeline.ics?organ=/id/organ/oas-csh"' in html
    assert "<script>" not in html
    only = client.get("/timeline?kind=deadline").get_data(as_text=True)
    assert 'data-kind="meeting"' not in only and 'data-kind="deadline"' in only
    data = client.get("/api/timeline?organ=/id/organ/oas-csh").get_json()
    kinds = {e["kind"] for e in data["events"]}
    assert {"meeting", "deadline"} <= kinds
    yearly = [e for e in data["events"] if e["yearly"]]
    assert yearly and all(e["monthDay"].startswith("--") for e in yearly)
    assert all(any(o["label"] == "CSH" for o in e["organs"]) for e in data["events"])
