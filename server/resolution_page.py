"""The resolution page: a resolution (convention, work plan…) read as the document it is.

``/id/resolution/un-s-res-2722`` asked for by a browser shows the title, symbol, organ and
session, adoption date and meeting, the vote with the States by name, the sponsors and the
subjects; then the preamble and the numbered operative paragraphs, sub-paragraphs nested, in the
reader's language (``?lang=`` or Accept-Language, falling back to a language the text exists
in). A paragraph that establishes a mandate is marked with its act, addressee, task, deadline,
periodicity and whom to report to; cited resolutions are links; each statement's evidence is a
small "source" link into the document reader at the quoted span.

Why its own module and two queries: the generic entity page lists statements, which is how a
resolution reads worst — its text is spread over dozens of provision nodes. Two queries
(``resolution-page.rq`` for the head, ``resolution-provisions.rq`` for every provision, mandate
and evidence at once) keep the page one round trip whatever the number of paragraphs; the
grouping into a document happens here, in Python.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pyoxigraph as ox

from graph.namespaces import DCTERMS, MG, PREFIXES
from server.locale import format_date, format_duration, format_number, language_name, ui
from server.pages import LANGUAGES, Row, href, pick, select, vocabulary_label

#: Words only, two or more: a label that can be re-cased (not "S/RES/2216 (2015)", "SDG 1").
_WORDS = re.compile(r"[^\W\d_]+(?:[ -][^\W\d_]+)+")
RDFS_LABEL = PREFIXES["rdfs"] + "label"
#: The vote casts, in the order the page lists them, with the word that names each.
CASTS = ((MG + "InFavour", "in_favour"), (MG + "Against", "against"),
         (MG + "Abstaining", "abstaining"))
COUNTS = {MG + "InFavour": MG + "votesInFavour", MG + "Against": MG + "votesAgainst",
          MG + "Abstaining": MG + "votesAbstaining"}


@dataclass
class Name:
    """A thing as the page names it: its label in the reader's language and its page."""

    text: str
    href: str | None = None
    lang: str | None = None
    iri: str = ""


@dataclass
class Source:
    """A "source" link: the document reader at the span a statement was read from."""

    href: str
    lang: str | None = None


@dataclass
class Citation:
    """Where a paragraph whose text the graph lacks is cited: the quote, its document, a link."""

    quote: str
    document: str
    href: str | None = None
    document_lang: str | None = None


@dataclass
class MandateView:
    """What a paragraph's mandate says: the act, to whom, what, by when, how often."""

    iri: str
    act: str = ""
    addressees: list[Name] = field(default_factory=list)
    action: str = ""
    deadline: str = ""
    periodicity: str = ""
    report_to: list[Name] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)


@dataclass
class Paragraph:
    """One provision: number, text in the shown language, its mandates, citations, children."""

    iri: str
    number: str
    order: int
    kind: str
    text: str = ""
    lang: str | None = None
    other_language: bool = False
    act: str = ""
    mandates: list[MandateView] = field(default_factory=list)
    unresolved: list[Name] = field(default_factory=list)
    cites: list[Name] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    children: list[Paragraph] = field(default_factory=list)


class Terms:
    """The statements of one answer, by subject and property, and the labels of their values."""

    def __init__(self, rows: list[Row]) -> None:
        self.values: dict[str, dict[str, list[ox.NamedNode | ox.BlankNode | ox.Literal]]] = (
            defaultdict(lambda: defaultdict(list)))
        self.labels: dict[str, list[tuple[int, ox.Literal]]] = defaultdict(list)
        self.evidence: dict[tuple[str, str], list[tuple[str, int, int, str]]] = defaultdict(list)
        seen: set[tuple[str, str, str]] = set()
        for row in rows:
            subject, prop, value = row.get("s"), row.get("p"), row.get("o")
            if subject is None or prop is None:
                continue
            if "ev" in row:
                stem = row.get("stem")
                if stem is not None:
                    self.evidence[(subject.value, prop.value)].append((
                        stem.value, int(row["start"].value), int(row["end"].value),
                        value.value if isinstance(value, ox.Literal) else
                        (value.value if value is not None else "")))
                continue
            if value is None:
                continue
            key = (subject.value, prop.value, str(value))
            if key not in seen:
                seen.add(key)
                self.values[subject.value][prop.value].append(value)
            label, which = row.get("label"), row.get("lp")
            if isinstance(label, ox.Literal) and isinstance(value, ox.NamedNode):
                rank = 0 if which is not None and which.value == RDFS_LABEL else 1
                if (rank, label) not in self.labels[value.value]:
                    self.labels[value.value].append((rank, label))

    def get(self, subject: str, prop: str) -> list[ox.NamedNode | ox.BlankNode | ox.Literal]:
        return self.values.get(subject, {}).get(prop, [])

    def first(self, subject: str, prop: str) -> ox.NamedNode | ox.BlankNode | ox.Literal | None:
        found = self.get(subject, prop)
        return found[0] if found else None

    def literal(self, subject: str, prop: str, lang: str) -> ox.Literal | None:
        """The value of ``prop`` in ``lang`` (else English, else any) among the literals."""
        return pick([v for v in self.get(subject, prop) if isinstance(v, ox.Literal)], lang)

    def name(self, term: ox.NamedNode | ox.BlankNode | ox.Literal, lang: str, base: str) -> Name:
        """A value by its label in ``lang``: rdfs:label first, then skos:prefLabel; a literal
        by its text; an IRI without a label by the last segment of its path, never whole."""
        if isinstance(term, ox.Literal):
            return Name(term.value, lang=term.language or None)
        if isinstance(term, ox.BlankNode):
            return Name("—")
        best = self.label(term.value, lang)
        if best is None and term.value.startswith(MG):
            return Name(vocabulary_label(term.value, lang, base), None, None, term.value)
        text = best.value if best is not None else term.value.rstrip("/").rsplit("/", 1)[-1]
        return Name(sentence_case(text), href(term.value, base),
                    best.language if best is not None and best.language else None, term.value)

    def label(self, iri: str, lang: str) -> ox.Literal | None:
        """The label of ``iri`` in ``lang``, else English, else any: rdfs:label before
        skos:prefLabel within a language, a language before the kind of label."""
        ranked = sorted(self.labels.get(iri, []), key=lambda item: (item[0], item[1].value))
        for wanted in (lang, "en"):
            for _rank, literal in ranked:
                if (literal.language or "").split("-")[0].lower() == wanted:
                    return literal
        return next((lit for _r, lit in ranked if not lit.language),
                    ranked[0][1] if ranked else None)

    def sources(self, subject: str, prop: str, value: str | None = None) -> list[Source]:
        """The document-reader links of the evidence of one statement (of one value)."""
        found = []
        for stem, start, end, asserted in self.evidence.get((subject, prop), []):
            if value is not None and asserted and asserted != value:
                continue
            link = Source(f"/documents/{stem}?start={start}&end={end}#span")
            if link not in found:
                found.append(link)
        return found


def sentence_case(text: str) -> str:
    """A label written all in capitals ("MARITIME SECURITY") as a reader writes it."""
    if text.isupper() and _WORDS.fullmatch(text):
        return text[:1] + text[1:].lower()
    return text


def sort_key(text: str) -> str:
    """Names sorted as a reader looks for them: "Équateur" among the E, not after the Z."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def resolution_view(iri: ox.NamedNode, base: str, lang: str) -> dict[str, object]:
    """Everything the resolution page shows, as plain values for the template."""
    head_rows, head_cut = select("resolution-page", entity=iri)
    body_rows, body_cut = select("resolution-provisions", entity=iri)
    head, body = Terms(head_rows), Terms(body_rows)
    me = iri.value
    title = head.literal(me, DCTERMS + "title", lang)
    symbol = head.first(me, MG + "symbol") or head.first(me, RDFS_LABEL)
    label = head.literal(me, RDFS_LABEL, lang)
    facts = _facts(head, body, me, lang, base)
    provisions = paragraphs(body, me, lang, base)
    cite_paragraphs(provisions, iri, lang)
    preamble = [p for p in provisions if p.kind == "preambular"]
    operative = [p for p in provisions if p.kind != "preambular"]
    versions = _versions(head, me, lang)
    return {
        "lang": lang,
        "iri": me,
        "title": title,
        "symbol": symbol.value if symbol is not None else (label.value if label else ""),
        "facts": facts,
        "vote": _vote(head, body, me, lang, base),
        "sponsors": sorted({n.text: n for n in (head.name(v, lang, base) for v in
                                               head.get(me, MG + "sponsoredBy")
                                               + head.get(me, MG + "sponsorNote"))}.values(),
                           key=lambda n: sort_key(n.text)),
        "subjects": _subjects(head, me, lang, base),
        "preamble": preamble,
        "operative": operative,
        "versions": versions,
        "languages": [(code, language_name(code, code)) for code in LANGUAGES],
        "language_names": {code: language_name(code, lang) for code in LANGUAGES},
        "truncated": head_cut or body_cut,
        "t": lambda key, **values: ui(key, lang, **values),
    }


def _facts(head: Terms, body: Terms, me: str, lang: str, base: str) -> list[dict[str, object]]:
    """The head's (word, values, sources) lines: organ, session, adoption, agenda item, draft,
    meeting."""
    lines: list[dict[str, object]] = []
    organs = [head.name(v, lang, base) for v in head.get(me, MG + "issuedBy")]
    if organs:
        lines.append({"key": "issued_by", "names": organs, "sources": []})
    session, year = head.first(me, MG + "sessionNumber"), head.first(me, MG + "sessionYear")
    if session is not None:
        lines.append({"key": "session", "text": session.value, "sources": []})
    elif year is not None:  # the Security Council's "sessions" are its years
        lines.append({"key": "year", "text": year.value, "sources": []})
    adopted = head.first(me, MG + "adoptionDate")
    if adopted is not None:
        lines.append({"key": "adopted", "text": format_date(adopted.value, lang),
                      "sources": body.sources(me, MG + "adoptionDate")[:1]})
    agenda = head.literal(me, MG + "agendaItem", lang)
    if agenda is not None:
        lines.append({"key": "agenda", "text": agenda.value, "lang": agenda.language,
                      "sources": body.sources(me, MG + "agendaItem")[:1]})
    draft = head.first(me, MG + "draftSymbol")
    if draft is not None:
        lines.append({"key": "draft", "text": draft.value, "sources": []})
    meeting = head.literal(me, MG + "adoptionMeeting", lang)
    if meeting is not None:
        lines.append({"key": "meeting", "text": meeting.value, "lang": meeting.language,
                      "sources": body.sources(me, MG + "adoptionMeeting", meeting.value)[:1]})
    return lines


def _vote(head: Terms, body: Terms, me: str, lang: str, base: str) -> dict[str, object] | None:
    """The counts and the States of each cast; None when the data says nothing of a vote."""
    by_cast: dict[str, list[Name]] = defaultdict(list)
    for vote, props in head.values.items():
        if vote == me:
            continue
        for given in props.get(MG + "voteCast", []):
            voters = props.get(MG + "voter", []) or props.get(MG + "voterName", [])
            by_cast[given.value] += [head.name(v, lang, base) for v in voters]
    without = head.first(me, MG + "adoptedWithoutVote")
    if without is not None and without.value in {"true", "1"}:
        return {"without": True, "casts": []}
    casts = []
    for cast, word in CASTS:
        count = head.first(me, COUNTS[cast])
        states = sorted(by_cast.get(cast, []), key=lambda n: sort_key(n.text))
        if count is None and not states:
            continue
        number = int(count.value) if count is not None else len(states)
        casts.append({"key": word, "count": format_number(number, lang), "states": states,
                      "sources": body.sources(me, COUNTS[cast])[:1]})
    return {"without": False, "casts": casts} if casts else None


def _subjects(head: Terms, me: str, lang: str, base: str) -> list[Name]:
    """The subjects by label, each once (a thesaurus term and its minted twin read alike),
    each a link to the resolutions index filtered by it."""
    names: dict[str, Name] = {}
    iris: dict[str, list[str]] = defaultdict(list)
    for value in head.get(me, DCTERMS + "subject") + head.get(me, MG + "subjectLabel"):
        name = head.name(value, lang, base)
        key = sort_key(name.text)
        names.setdefault(key, name)
        if isinstance(value, ox.NamedNode):
            iris[key].append(value.value)
    for key, name in names.items():
        # a subject leads to the other resolutions on it (the index's subject filter)
        if iris[key]:
            name.href = "/resolutions?" + urlencode({"subject": " ".join(sorted(iris[key]))})
    return sorted(names.values(), key=lambda n: sort_key(n.text))


def _versions(head: Terms, me: str, lang: str) -> list[dict[str, str]]:
    """The language versions the graph was read from, each a link to the document reader."""
    found = []
    for doc, props in head.values.items():
        languages = props.get(DCTERMS + "language", [])
        stems = props.get(DCTERMS + "identifier", [])
        if doc == me or not stems:
            continue
        code = languages[0].value if languages else ""
        found.append({"href": f"/documents/{stems[0].value}",
                      "language": language_name(code, lang) if code else stems[0].value})
    return sorted(found, key=lambda v: v["language"])


def paragraphs(body: Terms, me: str, lang: str, base: str) -> list[Paragraph]:
    """The provisions as a tree (sub-paragraphs under their paragraph), in document order."""
    nodes: dict[str, Paragraph] = {}
    for subject, props in body.values.items():
        kinds = props.get(MG + "provisionKind")
        if not kinds:
            continue
        order = props.get(MG + "paragraphOrder")
        number = props.get(MG + "paragraphNumber")
        paragraph = Paragraph(
            iri=subject,
            number=number[0].value if number else "",
            order=int(order[0].value) if order and order[0].value.isdigit() else 10**6,
            kind=kinds[0].value,
        )
        text = body.literal(subject, MG + "text", lang)
        if text is not None:
            paragraph.text, paragraph.lang = text.value, text.language or None
            paragraph.other_language = bool(text.language) and text.language != lang
            paragraph.sources = body.sources(subject, MG + "text", text.value)[:1]
        acts = props.get(MG + "act")
        if acts:
            paragraph.act = vocabulary_label(acts[0].value, lang, base)
        paragraph.cites = sorted(
            {n.iri: n for n in (body.name(v, lang, base)
                                for v in props.get(DCTERMS + "references", []))}.values(),
            key=lambda n: n.text)
        paragraph.mandates = [_mandate(body, m.value, lang, base)
                              for m in props.get(MG + "establishes", [])
                              if isinstance(m, ox.NamedNode)]
        # addressees the grammar saw but could not name: as written, in the shown language
        written = [v for v in props.get(MG + "addresseeUnresolved", [])
                   if isinstance(v, ox.Literal)]
        in_language = [v for v in written if (v.language or "") == (paragraph.lang or "")]
        paragraph.unresolved = [Name(v.value, lang=v.language or None) for v in in_language]
        nodes[subject] = paragraph
    roots: list[Paragraph] = []
    for subject, paragraph in nodes.items():
        parent = body.first(subject, MG + "subProvisionOf")
        if parent is not None and parent.value in nodes:
            nodes[parent.value].children.append(paragraph)
        else:
            if paragraph.kind == "subparagraph":
                paragraph.kind = "preambular" if "/preamble/" in subject else "paragraph"
            roots.append(paragraph)
    for paragraph in nodes.values():
        paragraph.children.sort(key=_document_order)
    return sorted(roots, key=_document_order)


def cite_paragraphs(provisions: list[Paragraph], iri: ox.NamedNode, lang: str) -> None:
    """Give the paragraphs without text the quotes that cite them (resolution-citations.rq),
    asked only when there are such paragraphs; a few per paragraph, in document order."""
    textless: dict[str, Paragraph] = {}
    stack = list(provisions)
    while stack:
        paragraph = stack.pop()
        stack += paragraph.children
        if not paragraph.text:
            textless[paragraph.iri] = paragraph
    if not textless:
        return
    rows, _cut = select("resolution-citations", entity=iri)
    titles: dict[str, list[ox.Literal]] = defaultdict(list)
    for row in rows:
        title = row.get("title")
        if isinstance(title, ox.Literal) and title not in titles[row["source"].value]:
            titles[row["source"].value].append(title)
    seen: set[tuple[str, str]] = set()
    for row in sorted(rows, key=lambda r: (r["source"].value, int(r["start"].value))):
        paragraph = textless.get(row["s"].value)
        key = (row["s"].value, row["ev"].value)
        if paragraph is None or key in seen or len(paragraph.citations) >= 3:
            continue
        seen.add(key)
        stem = row.get("stem")
        title = pick(titles.get(row["source"].value, ()), lang)
        paragraph.citations.append(Citation(
            row["exact"].value,
            title.value if title is not None else (stem.value if stem else ""),
            f"/documents/{stem.value}?start={row['start'].value}&end={row['end'].value}#span"
            if stem is not None else None,
            title.language if title is not None and title.language else None))


def _document_order(paragraph: Paragraph) -> tuple[object, ...]:
    """Its order in the text; without one, its number read as numbers ("2" before "10")."""
    parts = re.split(r"(\d+)", paragraph.number)
    return (paragraph.order, *((0, int(p)) if p.isdigit() else (1, p) for p in parts))


def _mandate(body: Terms, iri: str, lang: str, base: str) -> MandateView:
    """One mandate's act, addressees, task, deadline, periodicity and report-to, as words."""
    view = MandateView(iri)
    act = body.first(iri, MG + "act")
    if act is not None:
        view.act = vocabulary_label(act.value, lang, base)
    view.addressees = [body.name(v, lang, base) for v in body.get(iri, MG + "assignedTo")]
    view.report_to = [body.name(v, lang, base) for v in body.get(iri, MG + "reportTo")]
    action = body.literal(iri, MG + "actionText", lang)
    view.action = action.value if action is not None else ""
    deadline = body.first(iri, MG + "deadline") or body.first(iri, MG + "mandateEnd")
    session = body.first(iri, MG + "deadlineSession")
    duration = body.first(iri, MG + "deadlineDuration")
    if deadline is not None:
        view.deadline = format_date(deadline.value, lang)
    elif session is not None:
        view.deadline = ui("deadline_session", lang, session=format_number(session.value, lang))
    elif duration is not None:
        view.deadline = format_duration(duration.value, lang)
    period = body.first(iri, MG + "periodicity") or body.first(iri, MG + "mandatePeriod")
    if period is not None:
        view.periodicity = format_duration(period.value, lang)
    for prop in (MG + "assignedTo", MG + "deadline", MG + "mandateEnd"):
        for link in body.sources(iri, prop):
            if link not in view.sources:
                view.sources.append(link)
    view.sources = view.sources[:1]
    return view
