"""The timeline: dated activities and reporting deadlines, as a page, as JSON and as iCalendar.

``/timeline`` lists them by date (the list is the page; ``static/js/timeline.js`` adds an SVG
overview drawn from ``/api/timeline``), ``/timeline.ics`` is the same selection as an RFC 5545
calendar a researcher can subscribe to: one VEVENT per dated activity or dated deadline, and one
yearly recurring VEVENT (``RRULE:FREQ=YEARLY``) per deadline the text gives as a day of the year
(``mg:dueMonthDay``). The same ``organ`` and ``kind`` filters apply to all three.

The calendar is written here rather than with a library: it needs four properties and the two
rules that matter (escaping of TEXT values, folding of lines longer than 75 octets), and a
writer small enough to read is easier to trust with document text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flask import Blueprint, Response, render_template, request

from graph import dependencies as deps
from server.errors import ApiError
from server.graph_views import entity_page, json_response, resolve_iri, run_select
from server.pages import reader_language
from server.paging import page_of

blueprint = Blueprint("timeline", __name__)

DEADLINE = "deadline"


@dataclass
class Event:
    """One thing on the timeline: an activity, a dated deadline or a yearly deadline."""

    id: str
    kind: str  # meeting, conference, seminar … or "deadline"
    label: str
    start: str = ""  # ISO date or date-time; empty for a yearly deadline
    end: str = ""
    month_day: str = ""  # --MM-DD for a yearly deadline
    first_year: int | None = None  # where a yearly deadline starts recurring
    last_year: int | None = None
    organs: dict[str, str] = field(default_factory=dict)  # IRI → acronym
    source: str = ""
    instrument: str = ""
    symbol: str = ""
    mandates: int = 0
    date_inferred: bool = False

    @property
    def yearly(self) -> bool:
        return bool(self.month_day)

    def record(self) -> dict[str, Any]:
        return {
            "id": self.id, "kind": self.kind, "label": self.label, "start": self.start,
            "end": self.end, "monthDay": self.month_day, "yearly": self.yearly,
            "firstYear": self.first_year, "lastYear": self.last_year,
            "organs": [{"id": k, "label": v} for k, v in sorted(self.organs.items())],
            "source": self.source, "instrument": self.instrument, "symbol": self.symbol,
            "mandates": self.mandates, "dateInferred": self.date_inferred,
            "page": entity_page(self.id),
        }


# -- reading -------------------------------------------------------------------------------------


def _acronym(row: dict[str, str]) -> str:
    organ = row.get("organ", "")
    return row.get("acronym") or row.get("organLabel") or organ.rsplit("/", 1)[-1]


def load_events() -> list[Event]:
    """Every dated activity and every deadline, with the organs linked to each."""
    events: dict[str, Event] = {}
    for row in run_select(deps.load_query("timeline-activities"), {}):
        event = events.get(row["activity"])
        if event is None:
            event = events[row["activity"]] = Event(
                id=row["activity"],
                kind=(row.get("type") or "Activity").rsplit("#", 1)[-1].lower(),
                label=row.get("label") or row["activity"].rsplit("/", 1)[-1],
                start=row["start"],
                end=row.get("end", ""),
                source=row.get("source", ""),
                date_inferred=row.get("dateInferred") == "true",
            )
        event.mandates = max(event.mandates, int(row.get("mandates") or 0))
        if row.get("organ"):
            event.organs[row["organ"]] = _acronym(row)
    for row in run_select(deps.load_query("timeline-deadlines"), {}):
        event = events.get(row["obligation"])
        if event is None:
            first, last = _period(row.get("period", ""))
            event = events[row["obligation"]] = Event(
                id=row["obligation"],
                kind=DEADLINE,
                label=row.get("label") or "Reporting deadline",
                start=row.get("date", ""),
                month_day=row.get("monthDay", ""),
                first_year=first,
                last_year=last,
                source=row.get("source", ""),
                instrument=row.get("instrument", ""),
                symbol=row.get("symbol", ""),
            )
        if row.get("organ"):
            event.organs[row["organ"]] = _acronym(row)
    return sorted(events.values(), key=lambda e: (e.start or "9999", e.month_day, e.id))


def _period(text: str) -> tuple[int | None, int | None]:
    """'2019/2020' → (2019, 2020); '2012-05-22' → (2012, 2012); anything else → (None, None)."""
    years = [int(part[:4]) for part in text.replace("/", " ").split() if part[:4].isdigit()]
    return (min(years), max(years)) if years else (None, None)


def filtered_events() -> tuple[list[Event], list[Event], str, set[str]]:
    """The events the query string's ``organ`` and ``kind`` keep, with all of them (for menus)."""
    events = load_events()
    organ = resolve_iri(request.args["organ"]) if request.args.get("organ") else ""
    kinds = {k for value in request.args.getlist("kind") for k in value.split(",") if k}
    known = {e.kind for e in events}
    unknown = kinds - known
    if unknown:
        raise ApiError(
            400, f"unknown kind {', '.join(sorted(unknown))}; kinds are {', '.join(sorted(known))}"
        )
    kept = [
        e for e in events
        if (not organ or organ in e.organs) and (not kinds or e.kind in kinds)
    ]
    return kept, events, organ, kinds


def occurrences(events: list[Event]) -> list[tuple[str, Event]]:
    """Each event at its dates: an activity once, a yearly deadline in each year of its period."""
    out: list[tuple[str, Event]] = []
    for event in events:
        if event.yearly:
            first = event.first_year or date.today().year
            last = event.last_year or first
            for year in range(first, last + 1):
                out.append((f"{year}{event.month_day[1:]}", event))
        elif event.start:
            out.append((event.start, event))
    out.sort(key=lambda item: (item[0], item[1].id))
    return out


# -- routes --------------------------------------------------------------------------------------


@blueprint.route("/timeline")
def timeline_page() -> str:
    kept, events, organ, kinds = filtered_events()
    organs = sorted(
        {(k, v) for e in events for k, v in e.organs.items()}, key=lambda o: o[1].casefold()
    )
    # the dated list pages by 50 (server/paging.py); the chart above it draws them all
    paging, shown = page_of(list(occurrences(kept)), lang=reader_language())
    by_year: dict[str, list[tuple[str, Event]]] = {}
    for when, event in shown:
        by_year.setdefault(when[:4], []).append((when, event))
    return render_template(
        "timeline.html",
        by_year=by_year,
        paging=paging,
        yearly=[e for e in kept if e.yearly],
        organs=organs,
        kinds=sorted({e.kind for e in events}),
        organ=organ,
        chosen_kinds=kinds,
        count=len(kept),
        query=request.query_string.decode("ascii", "replace"),
        page=entity_page,
    )


@blueprint.route("/api/timeline")
def timeline_json() -> Response:
    kept, _events, _organ, _kinds = filtered_events()
    return json_response({
        "events": [e.record() for e in kept],
        "occurrences": [{"date": when, "id": e.id} for when, e in occurrences(kept)],
    })


@blueprint.route("/timeline.ics")
def timeline_ics() -> Response:
    kept, _events, organ, _kinds = filtered_events()
    name = "Mandate Graph: activities and deadlines"
    if organ:
        label = next((e.organs[organ] for e in kept if organ in e.organs), organ)
        name += f" ({label})"
    body = calendar(kept, name=name, site=request.host_url.rstrip("/"))
    response = Response(body.encode("utf-8"), mimetype="text/calendar")
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = 'inline; filename="mandate-graph.ics"'
    return response


# -- iCalendar (RFC 5545) ------------------------------------------------------------------------


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines escaped."""
    return (
        value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """A content line folded at 75 octets (§3.1), never inside a UTF-8 character."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = char, width, 74  # continuation lines start with a space
            continue
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def _ics_date(iso: str) -> tuple[str, str, bool]:
    """('DTSTART' parameter suffix, value, is_date) for an ISO date or date-time."""
    if "T" in iso:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
        if moment.tzinfo is not None:
            return "", moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ"), False
        return "", moment.strftime("%Y%m%dT%H%M%S"), False  # floating: the venue's local time
    day = date.fromisoformat(iso[:10])
    return ";VALUE=DATE", day.strftime("%Y%m%d"), True


def _uid(iri: str) -> str:
    return hashlib.sha1(iri.encode(), usedforsecurity=False).hexdigest()[:20] + "@mandate-graph"


def _event_lines(event: Event, site: str, stamp: str) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{_uid(event.id)}", f"DTSTAMP:{stamp}"]
    if event.yearly:
        month, day = event.month_day[2:4], event.month_day[5:7]
        year = event.first_year or date.today().year
        start = date(year, int(month), int(day))
        lines += [
            f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
            f"DTEND;VALUE=DATE:{start + timedelta(days=1):%Y%m%d}",
            "RRULE:FREQ=YEARLY",
        ]
    else:
        suffix, start, is_date = _ics_date(event.start)
        lines.append(f"DTSTART{suffix}:{start}")
        end_iso = event.end or ""
        if is_date or ("T" not in end_iso and end_iso):
            # all-day (or a timed start with a date-only end): DTEND is the day after, exclusive
            if not is_date:
                lines[-1] = f"DTSTART;VALUE=DATE:{event.start[:10].replace('-', '')}"
            last = date.fromisoformat((end_iso or event.start)[:10])
            lines.append(f"DTEND;VALUE=DATE:{last + timedelta(days=1):%Y%m%d}")
        elif end_iso:
            lines.append(f"DTEND:{_ics_date(end_iso)[1]}")
    summary = ("Deadline: " if event.kind == DEADLINE else "") + event.label
    lines.append(f"SUMMARY:{escape_text(summary)}")
    details = []
    if event.kind != DEADLINE:
        details.append(f"Kind: {event.kind}")
    if event.symbol:
        details.append(f"Required by {event.symbol}")
    if event.organs:
        details.append("Organs: " + ", ".join(sorted(event.organs.values())))
    if event.date_inferred:
        details.append("The year of this date is inferred from the document, not written.")
    if event.source:
        details.append(f"Source: {event.source}")
    if details:
        lines.append(f"DESCRIPTION:{escape_text(chr(10).join(details))}")
    if event.organs:
        organs = sorted(event.organs.values())
        lines.append("CATEGORIES:" + ",".join(escape_text(v) for v in organs))
    page = entity_page(event.id)
    if page:
        lines.append(f"URL:{site}{page}")
    lines.append("END:VEVENT")
    return lines


def calendar(events: list[Event], *, name: str, site: str) -> str:
    """The events as one VCALENDAR, CRLF line ends, every line folded."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Mandate Graph//Timeline//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{escape_text(name)}",
        f"X-WR-CALNAME:{escape_text(name)}",
        "REFRESH-INTERVAL;VALUE=DURATION:P1D",
    ]
    for event in events:
        if event.yearly or event.start:
            lines += _event_lines(event, site, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
