"""The UN's ``data_extract/<year or session>.json`` files → votes, sponsors and subjects in RDF.

Beside its Akoma Ntoso resolutions the UN publishes one JSON object a line per resolution: the
symbol, the adoption (meeting, date, "Adopted 11-0-4, 9527th meeting" or "Without a vote"), the
Member States voting in favour, against and abstaining, the sponsors, the draft, the agenda item,
the SDGs and the catalogue subjects. This module states them about the resolution node the AKN
files describe (same IRI, from the symbol), each statement with its evidence: the span of the
JSON string it was read from, in the file as it is.

What is stated, and the choices made:

* a ``mg:Vote`` per State and resolution (``<resolution>/vote/<alpha-3>``) when a vote was taken,
  its evidence (the name in the list of its cast) given to ``mg:voteCast``. A State listed twice
  with the same vote is one vote (A/RES/75/290 A lists each twice); listed with two different
  votes, it is a warning and no vote. "Without a vote" and "by acclamation" give
  ``mg:adoptedWithoutVote true`` and no vote nor count, even when the extract lists the members
  present (the Security Council's recommendations of a Secretary-General);
* the counts come from the adoption text ("Adopted 13-0-2") when it has them, since the count
  fields are sometimes wrong there (S/RES/2756 (2024): 12 in favour), else from the count fields;
* a name that is no State known to pycountry or ``un-state-names.tsv`` is a warning; the vote is
  kept with ``mg:voterName`` and no State, and a sponsor so named is kept as ``mg:sponsorNote``;
* sponsors are read by :mod:`graph.akn.sponsors`; additional sponsors are stated both as
  ``mg:additionalSponsor`` (with the evidence) and ``mg:sponsoredBy``, so that a query for
  sponsors needs no reasoner;
* SDGs are the concepts ``http://metadata.un.org/sdg/<goal or target>`` the AKN files use;
* the JSON gives UNBIS Thesaurus subjects by label only, without the thesaurus identifier the AKN
  files carry, so they become concepts minted here, ``concept/unbis-<slug of the label>``
  (:func:`unbis_concept_path`; the slug of the AKN ``showAs`` "maritime_security" is the same),
  in the thesaurus scheme; DHLAUTH subjects (names of organs, treaties, conferences) become
  ``mg:subjectLabel`` literals; the other "dictionaries" repeat the agenda item and the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from graph.akn.json_lines import JsonLine, Located, read_json_lines
from graph.akn.sponsors import SponsorPhrases, load_sponsor_phrases, read_sponsors
from graph.akn.state_names import StateNames, load_state_names
from graph.extract.document import SERIES_ISSUER
from graph.extract.symbols import SymbolError, find_symbols, parse_symbol
from graph.namespaces import RDF_TYPE_NODE
from graph.normalize import fold, verbatim
from graph.to_rdf import Facts, literal, mg, term

if TYPE_CHECKING:
    from graph.sources import SourceDocument
    from graph.to_rdf import ExtractionResult

__all__ = ["RECOGNIZER", "SPONSOR_LISTS", "VOTE_LISTS", "VoteFile", "read_vote_file",
           "resolution_path", "unbis_concept_path", "vote_result"]

RECOGNIZER = "akn-votes"
SDG_SCHEME = "http://metadata.un.org/sdg"
THESAURUS_SCHEME = "http://metadata.un.org/thesaurus"

#: list key, vote cast (an individual of the ontology), count key, count property
_CASTS = (
    ("MS_in_favour", "InFavour", "MS_in_favour_count", "votesInFavour"),
    ("MS_against", "Against", "MS_against_count", "votesAgainst"),
    ("MS_abstaining", "Abstaining", "MS_abstaining_count", "votesAbstaining"),
)
VOTE_LISTS = tuple(cast[0] for cast in _CASTS)
"""The keys of a line whose values are lists of State names, one per vote."""
SPONSOR_LISTS = ("sponsors", "additional_sponsors")
"""The keys of a line whose values are lists of sponsor entries (:mod:`graph.akn.sponsors`)."""
_SCHEME_LABELS = {
    SDG_SCHEME: (("Sustainable Development Goals", "en"),
                 ("Objectifs de développement durable", "fr"),
                 ("Objetivos de Desarrollo Sostenible", "es")),
    THESAURUS_SCHEME: (("UNBIS Thesaurus", "en"), ("Thésaurus UNBIS", "fr"),
                       ("Tesauro UNBIS", "es")),
}
_SDG_ABBREVIATIONS = (("SDG", "en"), ("ODD", "fr"), ("ODS", "es"))
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")

_LETTERED = re.compile(r"(?P<symbol>.*\S)\s+(?P<letters>[A-Z](?:\s*[-–]\s*[A-Z])?)")
_TALLY = re.compile(r"(\d+)\s*-\s*(\d+)\s*-\s*(\d+)")
_WITHOUT_VOTE = re.compile(r"without\s+(?:a\s+)?vote|withoutvote|acclamation")
_VOTE_TAKEN = re.compile(r"\d+\s*-\s*\d+\s*-\s*\d+|recorded\s*vote|unanim")
_MEETING_NUMBER = re.compile(r"\s*(\d+)")
_AGENDA_PREFIX = re.compile(r"\s*agenda\s+items?\s+", re.IGNORECASE)
_SDG_CODE = re.compile(r"(?P<goal>\d{1,2})(?:\.(?:\d{1,2}|[a-z]))?")
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")
_WRITTEN_DATE = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})")
_UNSAFE = re.compile(r"[^0-9a-z]+")


@dataclass
class VoteFile:
    """What one data extract file gives the build."""

    quads: list[ox.Quad]
    warnings: list[str]
    statements: int
    resolutions: list[str] = field(default_factory=list)


def read_vote_file(text: str, *, doc_stem: str, base: str,
                   file_name: str | None = None) -> VoteFile:
    """The statements of one ``data_extract/*.json`` file, in ``<base>graph/source/<doc_stem>``.

    ``file_name`` names the file in the warnings (the stem when not given). Nothing is dropped
    silently: an unreadable line, a symbol that is not a resolution's, an unknown State name is
    each a warning with its line number.
    """
    facts = Facts(base=base, doc_stem=doc_stem, nt=verbatim(text))
    reader = _Reader(facts, load_state_names(), load_sponsor_phrases(), file_name or doc_stem)
    for line in read_json_lines(text):
        reader.read(line)
    return VoteFile(facts.quads(), reader.warnings, len(facts), reader.resolutions)


def vote_result(doc: SourceDocument, base: str) -> ExtractionResult:
    """:func:`read_vote_file` as the build takes every document: N-Quads, count, warnings."""
    from graph.to_rdf import ExtractionResult  # the build's type; reading a file needs none

    found = read_vote_file(doc.text, doc_stem=doc.stem, base=base, file_name=str(doc.path))
    data = ox.serialize(found.quads, format=ox.RdfFormat.N_QUADS) or b""
    return ExtractionResult(doc.stem, data, found.statements, notes=tuple(found.warnings))


def resolution_path(symbol: str) -> str:
    """``resolution/un-s-res-2722`` for "S/RES/2722 (2024)"; a lettered one ends in its letter.

    "A/RES/75/290 A" → ``resolution/un-a-res-75-290-a``; "A/RES/75/254 A-C" (one text holding
    three resolutions, whose AKN file does not tell them apart) → ``…-75-254``, the IRI the AKN
    reader gives that file. Raises SymbolError for a symbol that is not a resolution's.
    """
    unlettered, letter = _split_letters(symbol)
    parsed = parse_symbol(unlettered)
    if not parsed.is_resolution:
        raise SymbolError(f"{symbol!r} is the symbol of a document, not of a resolution")
    return parsed.iri_path() + (f"-{letter}" if letter else "")


def _split_letters(symbol: str) -> tuple[str, str]:
    """"A/RES/75/290 A" → ("A/RES/75/290", "a"); a range ("A-C") or no letter → (base, "")."""
    lettered = _LETTERED.fullmatch(symbol.strip())
    if lettered is None:
        return symbol.strip(), ""
    letters = lettered["letters"]
    return lettered["symbol"], "" if len(letters) > 1 else letters.lower()


def unbis_concept_path(label: str) -> str:
    """``concept/unbis-maritime-security`` for "MARITIME SECURITY" (or "maritime_security")."""
    return "concept/unbis-" + (_UNSAFE.sub("-", fold(label)).strip("-") or "x")


def _text(record: dict[str, Any], key: str) -> Located | None:
    """The non-blank string at ``key``, or None."""
    value = record.get(key)
    return value if isinstance(value, Located) and value.value.strip() else None


def _strings(record: dict[str, Any], key: str) -> list[Located]:
    value = record.get(key)
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, Located) and item.value.strip()]


def _date(text: str) -> tuple[date, tuple[int, int]] | None:
    """"10 January 2024", "31\\u00a0May\\u00a02024" or "2024-01-30 00:00:00", and where it is."""
    try:
        iso = _ISO_DATE.match(text)
        if iso:
            return date(*map(int, iso.groups())), (iso.start(1), iso.end(3))
        written = _WRITTEN_DATE.search(text)
        if written and written[2].lower() in _MONTHS:
            day, month, year = int(written[1]), _MONTHS.index(written[2].lower()) + 1, written[3]
            return date(int(year), month, day), written.span()
    except ValueError:
        return None
    return None


class _Reader:
    """Reads the lines of one file into its Facts, collecting the warnings."""

    def __init__(self, facts: Facts, names: StateNames, phrases: SponsorPhrases,
                 file_name: str) -> None:
        self.facts = facts
        self.names = names
        self.phrases = phrases
        self.file_name = file_name
        self.warnings: list[str] = []
        self.resolutions: list[str] = []
        self._line = 0

    def warn(self, message: str) -> None:
        self.warnings.append(f"{self.file_name}: line {self._line}: {message}")

    def unknown_name(self, name: Located) -> None:
        self.warn(f"{name.value.strip()!r} is not a State name known to ISO 3166 or the UN "
                  "aliases; add it to graph/akn/un-state-names.tsv")

    def add(self, s: ox.NamedNode, p: str, o: Any, span: tuple[int, int]) -> None:
        self.facts.add(s, term(p) if ":" in p else mg(p), o, span=span, recognizer=RECOGNIZER)

    def read(self, line: JsonLine) -> None:
        self._line = line.number
        if line.error is not None or not isinstance(line.value, dict):
            self.warn(f"{line.error or 'not a JSON object'}; line skipped")
            return
        record = line.value
        res = self._resolution(record)
        if res is None:
            return
        self._adoption(record, res)
        self._sponsors(record, res)
        self._draft(record, res)
        self._agenda(record, res)
        self._sdgs(record, res)
        self._subjects(record, res)

    # -- the resolution ------------------------------------------------------------------------

    def _resolution(self, record: dict[str, Any]) -> ox.NamedNode | None:
        symbol = _text(record, "symbol")
        if symbol is None:
            self.warn("no resolution symbol; line skipped")
            return None
        try:
            path = resolution_path(symbol.value)
        except SymbolError:
            self.warn(f"cannot read the resolution symbol {symbol.value!r}; line skipped")
            return None
        self.resolutions.append(path)
        facts = self.facts
        res = facts.iri(path)
        written = symbol.value.strip()
        facts.plain(res, RDF_TYPE_NODE, mg("Resolution"))
        facts.plain(res, term("rdfs:label"), literal(written))
        self.add(res, "symbol", written, symbol.span)
        parsed = parse_symbol(_split_letters(written)[0])
        issuer = SERIES_ISSUER.get((parsed.body, parsed.series))
        if issuer:
            facts.plain(res, mg("issuedBy"), facts.iri(issuer))
        if parsed.session_number is not None:
            facts.plain(res, mg("sessionNumber"), parsed.session_number)
        if parsed.year is not None:
            facts.plain(res, mg("sessionYear"), parsed.year)
        return res

    # -- adoption: meeting, date, type, counts, votes ----------------------------------------

    def _adoption(self, record: dict[str, Any], res: ox.NamedNode) -> None:
        meeting = _text(record, "adoption_meeting")
        if meeting is not None:
            self.add(res, "adoptionMeeting", literal(meeting.value.strip(), lang="en"),
                     meeting.span)
            number = _MEETING_NUMBER.match(meeting.value)
            if number:
                self.add(res, "meetingNumber", int(number[1]), meeting.sub(*number.span(1)))
        adopted = _text(record, "adoption_date")
        if adopted is not None:
            found = _date(adopted.value)
            if found is None:
                self.warn(f"cannot read the adoption date {adopted.value!r}")
            else:
                self.add(res, "adoptionDate", found[0], adopted.sub(*found[1]))
        kind = _text(record, "adoption_type")
        if kind is not None:
            self.add(res, "adoptionType", literal(kind.value.strip(), lang="en"), kind.span)
        without = self._without_vote(record, res, kind)
        votes = self._read_votes(record)
        if not without:
            self._counts(record, res, kind)
            self._votes(res, votes)

    def _without_vote(self, record: dict[str, Any], res: ox.NamedNode,
                      kind: Located | None) -> bool:
        """Whether the adoption text (or the outcome fields) says no vote was taken."""
        for source in (kind, _text(record, "outcome"), _text(record, "voting_type")):
            if source is not None and _WITHOUT_VOTE.search(fold(source.value)):
                self.add(res, "adoptedWithoutVote", True, source.span)
                return True
        if kind is not None and _VOTE_TAKEN.search(fold(kind.value)):
            self.add(res, "adoptedWithoutVote", False, kind.span)
        return False

    def _counts(self, record: dict[str, Any], res: ox.NamedNode, kind: Located | None) -> None:
        tally = _TALLY.search(kind.value) if kind is not None else None
        for index, (_, _, count_key, prop) in enumerate(_CASTS, start=1):
            if tally is not None and kind is not None:
                self.add(res, prop, int(tally[index]), kind.sub(*tally.span(index)))
                continue
            count = _text(record, count_key)
            if count is not None and count.value.strip().isdigit():
                self.add(res, prop, int(count.value), count.span)

    def _read_votes(self, record: dict[str, Any]) -> dict[str, tuple[str, list[Located], str]]:
        """Every listed name, resolved (warning when unknown): key → (cast, mentions, code)."""
        votes: dict[str, tuple[str, list[Located], str]] = {}
        conflicts: set[str] = set()
        for list_key, cast, _, _ in _CASTS:
            listed = _strings(record, list_key)
            codes = self.names.resolve_all([name.value for name in listed])
            for name, code in zip(listed, codes, strict=True):
                if code is None:
                    self.unknown_name(name)
                key = code or "name-" + (_UNSAFE.sub("-", fold(name.value)).strip("-") or "x")
                if key in votes and votes[key][0] != cast:
                    self.warn(f"{name.value.strip()!r} is listed as {votes[key][0]} and as "
                              f"{cast}; neither vote is kept")
                    conflicts.add(key)
                votes.setdefault(key, (cast, [], code or ""))[1].append(name)
        return {key: vote for key, vote in votes.items() if key not in conflicts}

    def _votes(self, res: ox.NamedNode, votes: dict[str, tuple[str, list[Located], str]]) -> None:
        facts = self.facts
        for key, (cast, mentions, code) in votes.items():
            vote = ox.NamedNode(f"{res.value}/vote/{key}")
            facts.plain(vote, RDF_TYPE_NODE, mg("Vote"))
            facts.plain(vote, mg("voteOn"), res)
            # the voter is the vote's identity (its IRI ends with it): the evidence, the name
            # in the list of one cast, is given once, to the cast
            if code:
                facts.plain(vote, mg("voter"), facts.iri(f"state/{code}"))
            else:
                facts.plain(vote, mg("voterName"), literal(mentions[0].value.strip()))
            for name in mentions:
                self.add(vote, "voteCast", mg(cast), name.span)

    # -- sponsors, draft, agenda ---------------------------------------------------------------

    def _sponsors(self, record: dict[str, Any], res: ox.NamedNode) -> None:
        for key in SPONSOR_LISTS:
            additional = key == "additional_sponsors"
            entries = _strings(record, key)
            sponsors = read_sponsors([e.value for e in entries], self.names, self.phrases)
            for entry, sponsor in zip(entries, sponsors, strict=True):
                if not sponsor.known:
                    self.unknown_name(entry)
                for code in sponsor.states:
                    state = self.facts.iri(f"state/{code}")
                    if additional:
                        self.add(res, "additionalSponsor", state, entry.span)
                        self.facts.plain(res, mg("sponsoredBy"), state)
                    else:
                        self.add(res, "sponsoredBy", state, entry.span)
                if sponsor.note:
                    note = " ".join(entry.value.split())
                    self.add(res, "sponsorNote", literal(note, lang="en"), entry.span)

    def _draft(self, record: dict[str, Any], res: ox.NamedNode) -> None:
        draft = _text(record, "draft_resolution") or _text(record, "originating_document")
        if draft is None:
            return
        self.add(res, "draftSymbol", draft.value.strip(), draft.span)
        # "A/76/L.22 (and as amended in A/76/L.40)": the amendments are not the draft
        head = draft.value.split("(", 1)[0]
        for match in find_symbols(head, context_body="un"):
            if match.symbol.is_resolution:
                continue
            document = self.facts.iri(match.symbol.iri_path())
            canonical = match.symbol.canonical()
            self.facts.plain(document, RDF_TYPE_NODE, term("foaf:Document"))
            self.facts.plain(document, mg("symbol"), canonical)
            self.facts.plain(document, term("rdfs:label"), literal(canonical))
            self.add(res, "draftDocument", document, draft.sub(match.start, match.end))

    def _agenda(self, record: dict[str, Any], res: ox.NamedNode) -> None:
        name = _text(record, "agenda_item_name")
        if name is not None:
            self.add(res, "agendaItem", literal(" ".join(name.value.split()), lang="en"),
                     name.span)
        item = _text(record, "agenda_item")
        if item is not None:
            prefix = _AGENDA_PREFIX.match(item.value)
            start = prefix.end() if prefix else 0
            number = item.value[start:].strip()
            if number:
                end = start + len(item.value[start:].rstrip())
                self.add(res, "agendaItemNumber", number, item.sub(start, end))

    # -- subjects ------------------------------------------------------------------------------

    def _scheme(self, concept: ox.NamedNode, scheme_iri: str) -> None:
        scheme = ox.NamedNode(scheme_iri)
        self.facts.plain(concept, term("skos:inScheme"), scheme)
        self.facts.plain(scheme, RDF_TYPE_NODE, term("skos:ConceptScheme"))
        for label, lang in _SCHEME_LABELS[scheme_iri]:
            self.facts.plain(scheme, term("skos:prefLabel"), literal(label, lang=lang))

    def _sdg_concept(self, code: str) -> ox.NamedNode:
        concept = ox.NamedNode(f"{SDG_SCHEME}/{code}")
        self.facts.plain(concept, RDF_TYPE_NODE, term("skos:Concept"))
        self._scheme(concept, SDG_SCHEME)
        for abbreviation, lang in _SDG_ABBREVIATIONS:
            self.facts.plain(concept, term("skos:prefLabel"),
                             literal(f"{abbreviation} {code}", lang=lang))
        return concept

    def _sdgs(self, record: dict[str, Any], res: ox.NamedNode) -> None:
        for entry in _strings(record, "SDGs"):
            code = entry.value.strip()
            lead = len(entry.value) - len(entry.value.lstrip())  # " 4.a" is written once
            parsed = _SDG_CODE.fullmatch(code)
            if parsed is None or not 1 <= int(parsed["goal"]) <= 17:
                self.warn(f"{code!r} is not a Sustainable Development Goal or target")
                continue
            concept = self._sdg_concept(code)
            if code != parsed["goal"]:
                self.facts.plain(concept, term("skos:broader"), self._sdg_concept(parsed["goal"]))
            self.add(res, "dcterms:subject", concept, entry.sub(lead, lead + len(code)))

    def _subjects(self, record: dict[str, Any], res: ox.NamedNode) -> None:
        subjects = record.get("subjects")
        for subject in subjects if isinstance(subjects, list) else []:
            if not (isinstance(subject, list) and len(subject) == 2
                    and all(isinstance(part, Located) for part in subject)):
                self.warn(f"a subject is not a [label, dictionary] pair: {subject!r}")
                continue
            label, dictionary = subject
            text = " ".join(label.value.split())
            if not text:
                continue
            if dictionary.value == "UNBIS Thesaurus":
                concept = self.facts.iri(unbis_concept_path(text))
                self.facts.plain(concept, RDF_TYPE_NODE, term("skos:Concept"))
                self.facts.plain(concept, term("skos:prefLabel"),
                                 literal(text.upper(), lang="en"))
                self._scheme(concept, THESAURUS_SCHEME)
                self.add(res, "dcterms:subject", concept, label.span)
            elif dictionary.value == "DHLAUTH":
                self.add(res, "subjectLabel", literal(text, lang="en"), label.span)
