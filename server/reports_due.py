"""``/reports-due``: the reports the resolutions ask for — the body asked, the body it reports
to, the due date or session, the periodicity and the requesting paragraph — filtered by body
and by a period of due dates; ``/reports-due.ics?body=…`` is the same selection as an RFC 5545
calendar a researcher subscribes to.

``body`` takes an IRI, an acronym (``UNMISS``) or a name (``Secretary-General``), resolved as
the ``reports-due`` named query's ``organ`` parameter is (:mod:`graph.param_values`); without
it, every body's reports are listed. ``from`` and ``to`` (ISO dates, both ends included) keep
the reports due in that period: a report due at a session or at intervals without a date is
then left out, since it cannot be placed in it.

The calendar has one all-day event per report with a due date (its periodicity and the body it
goes to in the description, the requesting paragraph's page as its URL); reports due at a
session or periodically without a date are on the page, not in the calendar, which has no way
to place them. No iCalendar library is in this project's package index, so the calendar is
written here, with the escaping and line folding of :mod:`server.timeline`'s writer.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from urllib.parse import urlencode

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, render_template, request

from server.errors import ApiError
from server.locale import format_date, format_duration, ui
from server.pages import href, reader_language, select
from server.paging import page_of
from server.registry import body_names, name_of, resolve_body, words_key
from server.settings import Settings
from server.timeline import escape_text, fold

blueprint = Blueprint("reports_due", __name__)


@dataclass(frozen=True)
class Report:
    """One report a paragraph asks a body for."""

    mandate: str
    body: str
    report_to: str
    deadline: str = ""
    session: str = ""
    periodicity: str = ""
    paragraph: str = ""
    number: str = ""
    resolution: str = ""
    symbol: str = ""

    def key(self) -> tuple[object, ...]:
        """Earliest due date first, then those due at a session, then the periodic ones."""
        return (not self.deadline, self.deadline, not self.session, self.session,
                self.periodicity, self.symbol, self.number, self.mandate, self.report_to)


def _date(args_value: str, name: str) -> str:
    value = args_value.strip()
    if not value:
        return ""
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ApiError(400, f"{name}={value!r} is not a date (YYYY-MM-DD)") from None


def _value(row: dict[str, ox.NamedNode | ox.BlankNode | ox.Literal], key: str) -> str:
    term = row.get(key)
    return term.value if term is not None else ""


def selected_reports() -> tuple[list[Report], str, str, str]:
    """(the reports the request selects, earliest first; the body's IRI or ""; from; to)."""
    body_text = request.args.get("body", "").strip()
    start = _date(request.args.get("from", ""), "from")
    end = _date(request.args.get("to", ""), "to")
    if start and end and start > end:
        raise ApiError(400, f"from={start} is after to={end}: the period is empty")
    body = resolve_body("body", body_text) if body_text else ""
    rows, _cut = (select("reports-due-page", organ=ox.NamedNode(body)) if body
                  else select("reports-due-page"))
    reports = {
        Report(
            mandate=_value(row, "mandate"), body=_value(row, "organ"),
            report_to=_value(row, "reportTo"), deadline=_value(row, "deadline"),
            session=_value(row, "session"), periodicity=_value(row, "periodicity"),
            paragraph=_value(row, "paragraph"), number=_value(row, "number"),
            resolution=_value(row, "resolution"), symbol=_value(row, "symbol"),
        )
        for row in rows
    }
    kept = [r for r in reports
            if (not start or (r.deadline and r.deadline[:10] >= start))
            and (not end or (r.deadline and r.deadline[:10] <= end))]
    return sorted(kept, key=Report.key), body, start, end


@blueprint.route("/reports-due")
def reports_due_page() -> Response:
    settings: Settings = current_app.config["SETTINGS"]
    lang = reader_language()
    reports, body, start, end = selected_reports()
    names = body_names(lang)
    keep = tuple((k, v) for k, v in (("body", body), ("from", start), ("to", end),
                                     ("lang", request.args.get("lang", ""))) if v)
    paging, shown = page_of(reports, lang=lang, args=dict(keep) | {
        "page": request.args.get("page", "1")})
    rows = []
    for r in shown:
        due = format_date(r.deadline, lang) if r.deadline else ""
        if not due and r.session:
            due = ui("deadline_session", lang, session=r.session)
        rows.append({
            "body": name_of(r.body, names), "body_page": href(r.body, settings.base),
            "report_to": name_of(r.report_to, names),
            "report_to_page": href(r.report_to, settings.base),
            "deadline": r.deadline, "due": due,
            "periodicity": format_duration(r.periodicity, lang) if r.periodicity else "",
            "symbol": r.symbol, "number": r.number,
            "paragraph_page": href(r.paragraph, settings.base) if r.paragraph else None,
            "resolution_page": href(r.resolution, settings.base) if r.resolution else None,
        })
    all_bodies, _cut = select("reports-due-bodies")
    choices = sorted({_value(row, "organ") for row in all_bodies},
                     key=lambda b: words_key(name_of(b, names)))
    calendar_query = tuple((k, v) for k, v in keep if k != "lang")
    page = render_template(
        "reports_due.html", lang=lang, rows=rows, paging=paging,
        bodies=[(b, name_of(b, names)) for b in choices],
        chosen={"body": body, "from": start, "to": end},
        feed="/reports-due.ics" + ("?" + urlencode(calendar_query) if calendar_query else ""),
        t=lambda key, **values: ui(key, lang, **values),
    )
    response = Response(page, mimetype="text/html")
    response.headers["Vary"] = "Accept-Language"
    return response


@blueprint.route("/reports-due.ics")
def reports_due_calendar() -> Response:
    reports, body, _start, _end = selected_reports()
    names = body_names("en")
    name = "Reports due" + (f": {name_of(body, names)}" if body else "")
    text = calendar(reports, name=name, names=names, site=request.host_url.rstrip("/"))
    response = Response(text.encode("utf-8"), mimetype="text/calendar")
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = 'inline; filename="reports-due.ics"'
    return response


def calendar(reports: list[Report], *, name: str, names: dict[str, str], site: str) -> str:
    """The dated reports as one VCALENDAR (RFC 5545): CRLF line ends, lines folded at 75
    octets, TEXT values escaped, one all-day VEVENT a report on its due date."""
    settings: Settings = current_app.config["SETTINGS"]
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Mandate Graph//Reports due//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"NAME:{escape_text(name)}",
             f"X-WR-CALNAME:{escape_text(name)}", "REFRESH-INTERVAL;VALUE=DURATION:P1D"]
    for r in reports:
        try:
            day = datetime.date.fromisoformat(r.deadline[:10])
        except ValueError:
            continue  # due at a session or at intervals only: nothing to place in a calendar
        body, to = name_of(r.body, names), name_of(r.report_to, names)
        cited = f"{r.symbol}, paragraph {r.number}" if r.symbol and r.number else r.symbol
        details = [f"Asked of: {body}", f"Report to: {to}"]
        if r.periodicity:
            details.append(f"Periodicity: {format_duration(r.periodicity, 'en')}")
        if cited:
            details.append(f"Requested by {cited}")
        uid = hashlib.sha1(f"{r.mandate} {r.report_to} {r.deadline}".encode(),
                           usedforsecurity=False).hexdigest()[:20]
        lines += ["BEGIN:VEVENT", f"UID:{uid}@mandate-graph", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                  f"DTEND;VALUE=DATE:{day + datetime.timedelta(days=1):%Y%m%d}",
                  f"SUMMARY:{escape_text(f'Report due from {body} to {to}')}",
                  f"DESCRIPTION:{escape_text(chr(10).join(details))}",
                  f"CATEGORIES:{escape_text(body)}"]
        page = href(r.paragraph or r.mandate, settings.base)
        if page and page.startswith("/"):
            lines.append(f"URL:{site}{page}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
