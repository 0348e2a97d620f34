"""``/resolutions``: every resolution the graph describes, by organ, year and subject, a page at
a time, with its symbol, title and adoption date in the reader's language.

Why filtered in Python over one answer: the organ and year choices are read from the same rows
the list shows, so a filter never offers a value that lists nothing, and the corpus's resolutions
fit one answer under the row cap (one row a resolution, its titles a column per language).
The subject filter is one more query (``resolutions-subject.rq``), its choices the most used
subjects (``resolutions-subjects.rq``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, render_template, request

from server.errors import ApiError
from server.locale import format_date, format_number, ui
from server.pages import href, pick, reader_language, select
from server.paging import page_of
from server.resolution_page import sentence_case, sort_key
from server.settings import Settings

blueprint = Blueprint("resolutions_index", __name__)

_YEAR = re.compile(r"\d{4}")
#: The serial number in a symbol, to sort S/RES/2722 after S/RES/999.
_NUMBERS = re.compile(r"(\d+)")


@dataclass
class Listed:
    """One resolution as the index lists it."""

    iri: str
    href: str | None
    symbol: str = ""
    titles: list[ox.Literal] = field(default_factory=list)
    date: str = ""
    year: str = ""
    organ: str = ""
    organ_labels: list[ox.Literal] = field(default_factory=list)


def _symbol_key(symbol: str) -> tuple[object, ...]:
    return tuple(int(p) if p.isdigit() else p for p in _NUMBERS.split(symbol))


def _listed(rows: list[dict[str, ox.NamedNode | ox.BlankNode | ox.Literal]],
            base: str) -> list[Listed]:
    found: dict[str, Listed] = {}
    for row in rows:
        iri = row["resolution"].value
        item = found.setdefault(iri, Listed(iri, href(iri, base)))
        if "symbol" in row and not item.symbol:
            item.symbol = row["symbol"].value
        for column in ("titleEn", "titleFr", "titleEs", "anyTitle"):
            title = row.get(column)
            if isinstance(title, ox.Literal) and title not in item.titles:
                item.titles.append(title)
        if "date" in row:
            item.date = row["date"].value
        if "year" in row:
            item.year = row["year"].value
        elif item.date and not item.year:
            item.year = item.date[:4]
        organ = row.get("organ")
        if isinstance(organ, ox.NamedNode):
            item.organ = organ.value
            for column in ("organEn", "organFr", "organEs"):
                label = row.get(column)
                if isinstance(label, ox.Literal) and label not in item.organ_labels:
                    item.organ_labels.append(label)
    return list(found.values())


def _subjects(lang: str) -> list[dict[str, str]]:
    rows, _ = select("resolutions-subjects")
    labels: dict[str, list[ox.Literal]] = {}
    counts: dict[str, int] = {}
    for row in rows:
        subject = row["subject"].value
        counts[subject] = int(row["n"].value)
        label = row.get("label")
        if isinstance(label, ox.Literal):
            labels.setdefault(subject, []).append(label)
    # A thesaurus term and the twin minted from its label read alike: one choice for both,
    # its value the IRIs it stands for, space-separated.
    merged: dict[str, tuple[str, list[str], int]] = {}
    for subject, n in counts.items():
        label = pick(labels.get(subject, ()), lang)
        text = sentence_case(label.value) if label else subject.rsplit("/", 1)[-1]
        key = sort_key(text)
        shown, iris, most = merged.get(key, (text, [], 0))
        merged[key] = (shown, [*iris, subject], max(most, n))
    return [
        {"iri": " ".join(sorted(iris)), "label": f"{text} ({format_number(n, lang)})"}
        for _key, (text, iris, n) in sorted(merged.items())
    ]


@blueprint.route("/resolutions")
def resolutions() -> Response:
    settings: Settings = current_app.config["SETTINGS"]
    lang = reader_language()
    rows, cut = select("resolutions-index")
    everything = _listed(rows, settings.base)
    organ_names = {}
    for item in everything:
        if item.organ:
            label = pick(item.organ_labels, lang)
            organ_names[item.organ] = label.value if label else item.organ.rsplit("/", 1)[-1]
    organ = request.args.get("organ", "")
    year = request.args.get("year", "")
    subject = request.args.get("subject", "")
    if year and not _YEAR.fullmatch(year):
        raise ApiError(400, f"year={year!r} is not a year (four digits)")
    chosen = everything
    if organ:
        chosen = [r for r in chosen if r.organ == organ or r.organ.endswith("/" + organ)]
    if year:
        chosen = [r for r in chosen if r.year == year]
    if subject:
        wanted: set[str] = set()
        for one in subject.split()[:8]:
            try:
                node = ox.NamedNode(one)
            except ValueError:
                raise ApiError(400, f"subject={one!r} is not an IRI") from None
            with_subject, _ = select("resolutions-subject", subject=node)
            wanted |= {row["resolution"].value for row in with_subject}
        chosen = [r for r in chosen if r.iri in wanted]
    chosen.sort(key=lambda r: (r.date or "0000", _symbol_key(r.symbol)), reverse=True)
    paging, shown = page_of(chosen, lang=lang)
    listed = []
    for item in shown:
        title = pick(item.titles, lang)
        listed.append({
            "href": item.href, "symbol": item.symbol or item.iri.rsplit("/", 1)[-1],
            "title": title.value if title else "",
            "title_lang": title.language if title is not None and title.language else None,
            "date": format_date(item.date, lang) if item.date else "",
            "organ": organ_names.get(item.organ, ""),
            "organ_href": href(item.organ, settings.base) if item.organ else None,
        })
    years = sorted({r.year for r in everything if r.year}, reverse=True)
    page = render_template(
        "resolutions.html", lang=lang, rows=listed, paging=paging, truncated=cut,
        organs=sorted(organ_names.items(), key=lambda o: sort_key(o[1])), years=years,
        subjects=_subjects(lang), chosen={"organ": organ, "year": year, "subject": subject},
        t=lambda key, **values: ui(key, lang, **values),
    )
    response = Response(page, mimetype="text/html")
    response.headers["Vary"] = "Accept-Language"
    return response
