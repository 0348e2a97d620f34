"""The document page: a convention, an action plan, a work plan or a report read as a document.

``/id/source/csh-work-plan-2019-2020`` asked for by a browser shows what the document is (its
kind, title, who issued or published it, its dates and period, what it implements), then its
provisions in order (an action plan's numbered actions, with the mandates they establish),
its priority axes, and the activities it plans or reports, in document order (axis, position,
date), each with its dates, place, organizer, who is responsible, its budget and the mandates
it carries out, and a "source" link into the document reader at the passage it was read from.
A convention also lists what points at it: the action plans implementing it, the mechanisms
monitoring it, the States party to it, the documents citing it. Names, never IRIs: those only
behind "copy IRI" and the Turtle links. A resolution has its own page
(:mod:`server.resolution_page`); both share the reading of provisions.

Three queries, one round trip each whatever the size of the document: ``document-page.rq``
(the head and what points at it), ``resolution-provisions.rq`` (the provisions and their
mandates, as on the resolution page) and ``document-items.rq`` (axes, activities, budgets,
evidence). Long lists page, 50 a page (:mod:`server.paging`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from graph.namespaces import DCTERMS, MG, PREFIXES, RDF_TYPE
from server.locale import format_date, format_number, language_name, ui
from server.pages import LANGUAGES, select, vocabulary_label
from server.paging import page_of
from server.resolution_page import Name, Source, Terms, cite_paragraphs, paragraphs, sort_key

SCHEMA = PREFIXES["schema"]
SKOS = PREFIXES["skos"]
RDFS_LABEL = PREFIXES["rdfs"] + "label"
#: Classes too general to name what a document or an activity is, when a narrower one is given.
GENERAL = {MG + "SourceDocument", MG + "Instrument", MG + "Activity",
           PREFIXES["foaf"] + "Document", PREFIXES["prov"] + "Entity"}
#: What points at a document, in the order the page lists it, with the word that names it.
INCOMING = ((MG + "implements", "implemented_by"), (MG + "monitors", "monitored_by"),
            (MG + "partyTo", "states_parties"), (DCTERMS + "references", "cited_by"))
#: Languages as the build names them (``…/iso639-1/fr``): the code is the last segment.
LANGUAGE_PREFIX = "http://id.loc.gov/vocabulary/iso639-1/"


@dataclass
class Budget:
    """One budget line: an amount in its currency, for a fiscal year."""

    amount: str
    currency: str
    year: str = ""
    total: bool = False


@dataclass
class Item:
    """One activity the document plans or reports, as the page lists it."""

    iri: str
    name: Name
    kinds: list[str] = field(default_factory=list)
    when: str = ""
    axis: Name | None = None
    axis_number: int = 0
    start: str = ""
    places: list[Name] = field(default_factory=list)
    organizers: list[Name] = field(default_factory=list)
    responsible: list[Name] = field(default_factory=list)
    mandates: list[Name] = field(default_factory=list)
    budgets: list[Budget] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)


def document_view(iri: ox.NamedNode, base: str, lang: str) -> dict[str, object]:
    """Everything the document page shows, as plain values for the template."""
    head_rows, head_cut = select("document-page", entity=iri)
    own = Terms([r for r in head_rows if "dir" not in r])
    pointing = Terms([r for r in head_rows if "dir" in r])
    items_rows, items_cut = select("document-items", entity=iri)
    body_rows, body_cut = select("resolution-provisions", entity=iri)
    items = Terms(items_rows)
    me = iri.value
    title = (own.literal(me, DCTERMS + "title", lang) or own.literal(me, SKOS + "prefLabel", lang)
             or own.literal(me, RDFS_LABEL, lang))
    versions = [own.name(v, lang, base) for v in own.get(me, MG + "languageVersionOf")]
    file_name = own.first(me, MG + "fileName")
    if title is not None and file_name is not None and title.value == file_name.value:
        title = None  # a file name is no title (the AKN reader gives a version its file's)
    if title is None and versions:  # a language version of a resolution: named after it
        title = ox.Literal(versions[0].text, language=versions[0].lang) if versions[0].lang \
            else ox.Literal(versions[0].text)
    short = own.first(me, MG + "acronym") or own.first(me, MG + "symbol") \
        or own.first(me, SKOS + "notation")
    axes = _axes(items, me, lang, base)
    activities = _items(items, axes, lang, base)
    paging, shown = page_of(activities, lang=lang, parameter="items_page")
    stem = own.first(me, DCTERMS + "identifier")
    incoming = []
    for prop, word in INCOMING:
        names = sorted({n.iri: n for n in (pointing.name(v, lang, base)
                                           for v in pointing.get(me, prop))}.values(),
                       key=lambda n: sort_key(n.text))
        if names:
            incoming_paging, names_shown = page_of(names, lang=lang, parameter=f"{word}_page")
            incoming.append({"key": word, "names": names_shown, "paging": incoming_paging})
    provisions = paragraphs(Terms(body_rows), me, lang, base)
    cite_paragraphs(provisions, iri, lang)
    cites = sorted({n.iri: n for n in (own.name(v, lang, base)
                                       for v in own.get(me, DCTERMS + "references"))}.values(),
                   key=lambda n: sort_key(n.text))
    cites_paging, cites_shown = page_of(cites, lang=lang, parameter="cites_page")
    return {
        "lang": lang,
        "iri": me,
        "title": title,
        "short": short.value if short is not None else "",
        "kind": _kind(own, me, lang, base),
        "facts": _facts(own, me, lang, base),
        "description": own.literal(me, DCTERMS + "description", lang)
        or own.literal(me, PREFIXES["rdfs"] + "comment", lang),
        "also_known_as": sorted({v.value for v in own.get(me, SKOS + "altLabel")
                                 if isinstance(v, ox.Literal)
                                 and (v.language or lang).split("-")[0] == lang}),
        "reader": f"/documents/{stem.value}" if stem is not None else None,
        "web": [v.value for v in own.get(me, DCTERMS + "source")
                if isinstance(v, ox.NamedNode) and v.value.startswith(("http://", "https://"))],
        "cites": cites_shown,
        "cites_paging": cites_paging,
        "incoming": incoming,
        "provisions": provisions,
        "axes": axes,
        "items": shown,
        "items_total": len(activities),
        "paging": paging,
        "with_axes": bool(axes),
        "languages": [(code, language_name(code, code)) for code in LANGUAGES],
        "language_names": {code: language_name(code, lang) for code in LANGUAGES},
        "truncated": head_cut or items_cut or body_cut,
        "t": lambda key, **values: ui(key, lang, **values),
    }


def _kind(own: Terms, me: str, lang: str, base: str) -> str:
    """What the document is, in words: its kind of document (dcterms:type) by its label, else
    its narrowest class ("action plan", not "source document")."""
    kind = own.first(me, DCTERMS + "type")
    if isinstance(kind, ox.NamedNode):
        label = own.label(kind.value, lang)
        if label is not None:
            return label.value
    classes = [v.value for v in own.get(me, RDF_TYPE) if isinstance(v, ox.NamedNode)]
    narrow = [c for c in classes if c not in GENERAL] or classes
    return vocabulary_label(sorted(narrow)[0], lang, base) if narrow else ""


def _facts(own: Terms, me: str, lang: str, base: str) -> list[dict[str, object]]:
    """The head's (word, names or text) lines: who issued or published it, its dates and
    period, its language, what it implements."""
    lines: list[dict[str, object]] = []
    for prop, word in ((MG + "issuedBy", "issued_by"), (DCTERMS + "publisher", "published_by")):
        names = [own.name(v, lang, base) for v in own.get(me, prop)]
        if names:
            lines.append({"key": word, "names": names})
    for prop, word in ((MG + "adoptionDate", "adopted"), (DCTERMS + "date", "date")):
        value = own.first(me, prop)
        if value is not None:
            lines.append({"key": word, "text": format_date(value.value, lang)})
    period = own.first(me, DCTERMS + "temporal")
    if period is not None:
        lines.append({"key": "period", "text": "–".join(format_date(part, lang)
                                                        for part in period.value.split("/"))})
    languages = [v.value for v in own.get(me, DCTERMS + "language")]
    if languages:
        codes = [v.removeprefix(LANGUAGE_PREFIX).rsplit("/", 1)[-1] for v in languages]
        lines.append({"key": "language", "text": ", ".join(language_name(c, lang)
                                                            for c in codes)})
    versions = [own.name(v, lang, base) for v in own.get(me, MG + "languageVersionOf")]
    if versions:
        lines.append({"key": "version_of", "names": versions})
    implements = [own.name(v, lang, base) for v in own.get(me, MG + "implements")]
    if implements:
        lines.append({"key": "implements", "names": implements})
    return lines


def _axes(items: Terms, me: str, lang: str, base: str) -> dict[str, dict[str, object]]:
    """The priority axes by IRI: number, label, and budget lines, in number order."""
    axes: dict[str, dict[str, object]] = {}
    for subject, props in items.values.items():
        numbers = props.get(MG + "axisNumber")
        if not numbers:
            continue
        label = items.literal(subject, RDFS_LABEL, lang)
        number = int(numbers[0].value) if numbers[0].value.isdigit() else 0
        axes[subject] = {"iri": subject, "number": number,
                         "name": Name(label.value if label else str(number), None,
                                      label.language if label else None, subject),
                         "budgets": _budgets(items, subject, lang), "count": 0}
    return dict(sorted(axes.items(), key=lambda kv: kv[1]["number"]))  # type: ignore[arg-type,return-value]


def _budgets(items: Terms, subject: str, lang: str) -> list[Budget]:
    lines = []
    for line in items.get(subject, MG + "hasBudget"):
        value = items.first(line.value, SCHEMA + "value")
        if value is None:
            continue
        currency = items.first(line.value, SCHEMA + "currency")
        year = items.first(line.value, MG + "fiscalYear")
        total = items.first(line.value, MG + "isTotal")
        amount = value.value.split(".")[0] if value.value.endswith(".0") else value.value
        lines.append(Budget(format_number(amount, lang) if amount.isdigit() else amount,
                            currency.value if currency else "", year.value if year else "",
                            total is not None and total.value in {"true", "1"}))
    return sorted(lines, key=lambda b: (b.total, b.year))


def _items(items: Terms, axes: dict[str, dict[str, object]], lang: str,
           base: str) -> list[Item]:
    """The activities in document order: by axis, by position, by date, by name."""
    found: list[Item] = []
    for subject, props in items.values.items():
        if subject in axes or not (props.get(SCHEMA + "startDate") or props.get(RDFS_LABEL)
                                   or props.get(DCTERMS + "title")):
            continue
        if MG + "axisNumber" in props or SCHEMA + "value" in props:
            continue
        title = items.literal(subject, DCTERMS + "title", lang) \
            or items.literal(subject, RDFS_LABEL, lang)
        item = Item(subject, Name(title.value if title else "—", None,
                                  title.language if title and title.language else None,
                                  subject))
        item.kinds = sorted({vocabulary_label(v.value, lang, base)
                             for v in props.get(RDF_TYPE, [])
                             if v.value not in GENERAL}) or [
            vocabulary_label(MG + "Activity", lang, base)]
        item.when = _when(items, subject, lang)
        start = items.first(subject, SCHEMA + "startDate")
        item.start = start.value if start is not None else ""
        axis = items.first(subject, MG + "underAxis")
        if axis is not None and axis.value in axes:
            item.axis = axes[axis.value]["name"]  # type: ignore[assignment]
            item.axis_number = axes[axis.value]["number"]  # type: ignore[assignment]
            axes[axis.value]["count"] += 1  # type: ignore[operator]
        # where: the place, else the State hosting it (both often name one country)
        item.places = [items.name(v, lang, base) for v in (items.get(subject, MG + "atPlace")
                                                           or items.get(subject, MG + "hostedBy"))]
        for prop, target in ((MG + "organizedBy", item.organizers),
                             (MG + "responsible", item.responsible),
                             (MG + "addresses", item.mandates)):
            target += [items.name(v, lang, base) for v in items.get(subject, prop)]
        item.budgets = _budgets(items, subject, lang)
        for prop in (DCTERMS + "title", RDFS_LABEL):
            item.sources = item.sources or items.sources(subject, prop)[:1]
        found.append(item)
    # schema:position is an activity's number in its series (the 48th GELAVEX meeting), not
    # its place in the document: the order is the axis, then the date
    return sorted(found, key=lambda i: (i.axis_number, i.start or "9999", sort_key(i.name.text)))


def _when(items: Terms, subject: str, lang: str) -> str:
    """"16–17 April 2020", or the period as written ("2020-05") when there is no date."""
    start = items.first(subject, SCHEMA + "startDate")
    end = items.first(subject, SCHEMA + "endDate")
    if start is not None:
        first = format_date(start.value, lang)
        last = format_date(end.value, lang) if end is not None else first
        return first if last == first else f"{first} – {last}"
    period = items.first(subject, MG + "period")
    return period.value if period is not None else ""
