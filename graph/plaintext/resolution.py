"""Read the plain text of a UN or OAS resolution (a PDF's text layer, a web page) as its markup.

A researcher often holds a resolution as a PDF, not as Akoma Ntoso. Resolutions are printed in a
small, regular layout: a cover with the symbol and the adoption line, the enacting formula
("The Security Council,", "THE PERMANENT COUNCIL OF THE ORGANIZATION OF AMERICAN STATES,"),
preambular clauses that each open a line with their verb, then operative paragraphs numbered
"1.", "2." … with sub-paragraphs "(a)", "(i)". :func:`read_resolution_text` recognises that
layout and returns the same :class:`graph.akn.reader.AknDocument` the XML reader returns, every
span an offset into the text it was given, so :func:`graph.akn.to_rdf.akn_facts` states the
same facts from a PDF as from the markup. A text that is not a resolution (a work plan citing
one, a report) gives None and goes on to the general document extractor.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from graph.akn.reader import AknDocument, Citation, Clause
from graph.extract.symbols import SymbolError, parse_symbol
from graph.grammar.dates import find_dates
from graph.grammar.verbs import fold, read_verb
from graph.plaintext.citations import find_citations
from graph.plaintext.layout import (
    Joined,
    Line,
    compiled,
    join_lines,
    mark_furniture,
    patterns,
    split_lines,
)
from graph.plaintext.points import PointLevels

_WORD = re.compile(r"[^\W\d_]+")
_LETTERED = re.compile(r"^(?P<base>A/RES/\S+?)\s?(?P<letter>[A-Z])(?:-[A-Z])?$")
_GA_SESSION = re.compile(r"^A/RES/(\d{1,3})/")
_PREFACE = re.compile(r"^\d{1,3}/\d{1,4}(?:\s?[A-Z])?\.\s+\S")
_TITLE_MAX_LINES = 8
_NAME_LETTERS = {"E": "en", "F": "fr", "S": "es"}
_NOTE_NUMBER = re.compile(r"^(\d{1,3})\s")
#: a footnote's number printed after a word or a stop, before a space, a stop or the end
_MARKER = re.compile(r"(?:(?<=[^\W\d_]{2})|(?<=\D[,.;:”’»])|(?<=\)))(\d{1,3})(?=[\s,.;:)]|$)")
#: an upper-case word with a digit ending it ("CO2", "G20") before a marker's position
_ACRONYM = re.compile(r"\b[A-Z]{1,5}$")
#: a line that ends a sentence or clause (a footnote's marker may follow the punctuation)
_ENDED = re.compile(r"[,;:.][”\"’»)]*\d{0,3}$")
#: a section's numeral alone on its line ("II.", "B.")
_NUMERAL = re.compile(r"^(?:[IVXL]{1,5}|[A-H])\.$")
#: a section's numeral alone on its line, with or without its stop ("XXVI", "II.")
_SECTION = re.compile(r"^[IVXL]{1,6}\.?$")


@dataclass
class _Found:
    """The resolution's own symbol as the cover writes it."""

    symbol: str
    iri_path: str
    span: tuple[int, int]
    written: str
    series: str


@dataclass
class _Draft:
    """A clause being read: its lines, and the footnote lines of the pages it runs over."""

    part: str
    path: tuple[str, ...]
    lines: list[Line]
    skip: int = 0
    notes: list[Line] = field(default_factory=list)


def read_resolution_text(text: str, *, file_name: str = "") -> AknDocument | None:
    """The resolution ``text`` prints, or None when the text is not a UN or OAS resolution.

    ``file_name`` decides the language when the text is too short for the vote of its words
    (the UN ends its file names with E, F or S).
    """
    lines = split_lines(text)
    found = _own_symbol(text, lines)
    if found is None:
        return None
    mark_furniture(lines, found.written)
    printed = _formula(lines)
    formula = printed or _adoption_line(lines)
    if formula is None:
        return None
    at, organ = formula
    language = _language(text, file_name)
    doc = AknDocument(
        symbol=found.symbol, symbol_span=found.span, iri_path=found.iri_path,
        language=language, organ=_issuer(organ, _series_organ(found.series)),
    )
    session = _GA_SESSION.match(found.symbol)
    if session:
        doc.session = int(session[1])
    cover = [line for line in lines[: at + 1] if line.kind == "body"]
    _adoption(text, cover, doc)
    _title(text, cover, found, doc)
    drafts, after = _segment(lines, at + 1, language)
    if doc.adoption_date is None and after:
        _adoption(text, [line for line in lines[after:] if line.kind == "body"], doc)
    if not any(d.part == "operative" for d in drafts):
        if not _single_paragraph(text, drafts, language):
            return None
    if printed is None and not _opens_with_a_verb(text, drafts, language):
        return None  # no enacting formula: the first paragraph must read as a decision
    order = 0
    markers = _note_markers(lines)
    for draft in drafts:
        order += 1
        doc.clauses.append(_clause(text, draft, order, doc, markers))
    if doc.adoption_date is None:
        doc.notes.append("no adoption date was found in the text (no adoption line, or one "
                         "without a full date)")
    return doc


def _own_symbol(text: str, lines: list[Line]) -> _Found | None:
    """The first resolution symbol of the cover (the text's first lines)."""
    head = [line for line in lines if line.kind == "body"][: patterns()["symbol"]["head_lines"]]
    other = compiled("symbol", "other_documents")[0]
    for line in head:
        if other.search(line.text) and not any(p.search(line.text)
                                               for p in compiled("symbol", "patterns")):
            return None  # the cover of another document (a report that cites resolutions)
        for pattern in compiled("symbol", "patterns"):
            match = pattern.search(line.text)
            if match is None:
                continue
            written = match[0]
            resolved = _symbol(written)
            if resolved is None:
                continue
            symbol, iri_path = resolved
            start = line.start + match.start()
            series = written.split("/", 1)[0].upper() + "/RES"
            return _Found(symbol, iri_path, (start, start + len(written)), written, series)
    return None


def _symbol(written: str) -> tuple[str, str] | None:
    """The canonical symbol and IRI path of a written resolution symbol (GA letters kept)."""
    written = " ".join(written.split())
    lettered = _LETTERED.match(written)
    try:
        if lettered and written.startswith("A/RES/"):
            base = parse_symbol(lettered["base"])
            return f"{base.canonical()} {lettered['letter']}", \
                f"{base.iri_path()}-{lettered['letter'].lower()}"
        parsed = parse_symbol(written)
    except SymbolError:
        return None
    if not parsed.is_resolution:
        return None
    return parsed.canonical(), parsed.iri_path()


def _formula(lines: list[Line]) -> tuple[int, str | None] | None:
    """The line of the enacting formula and the organ it names."""
    organs = {fold(k): v for k, v in patterns()["organs"].items()}
    for index, line in enumerate(lines):
        if line.kind != "body":
            continue
        for pattern in compiled("formula", "patterns"):
            match = pattern.match(line.text)
            if match:
                name = fold(match["organ"]).split(" ", 1)[-1]
                organ = next((v for k, v in organs.items() if fold(name) == k), None)
                return index, organ
    return None


def _adoption_line(lines: list[Line]) -> tuple[int, str | None] | None:
    """Where the body starts in a text that prints no enacting formula: after the cover's
    adoption line ("Adopted by the Security Council on 27 April 2021")."""
    head = patterns()["symbol"]["head_lines"]
    adoption = compiled("adoption", "patterns")
    seen = 0
    for index, line in enumerate(lines):
        if line.kind != "body":
            continue
        seen += 1
        if seen > head:
            return None
        if any(p.search(line.text) for p in adoption):
            return index, None
    return None


def _series_organ(series: str) -> str | None:
    return patterns()["series"].get(series)


def _issuer(formula: str | None, series: str | None) -> str | None:
    """The organ that issued the text: the one its enacting formula names, unless the symbol's
    series belongs to another organisation. "THE GENERAL ASSEMBLY," over an AG/RES symbol is
    the OAS's Assembly, not the UN's: the formula's bare name is read in the UN's sense, the
    symbol is not ambiguous."""
    if formula is None or series is None:
        return formula or series
    return formula if formula.split("-", 1)[0] == series.split("-", 1)[0] else series


def _language(text: str, file_name: str = "") -> str:
    """The language whose commonest words the text uses most; with no vote at all, the
    language letter ending the file name ("…2400437F.txt"), else English."""
    words = Counter(w.lower() for w in _WORD.findall(text[:40_000]))
    votes = {lang: sum(words[w] for w in stop) for lang, stop in patterns()["language"].items()}
    if not any(votes.values()):
        stem = file_name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        return _NAME_LETTERS.get(stem[-1:].upper(), "en")
    return max(votes, key=lambda lang: votes[lang])


def _adoption(text: str, lines: list[Line], doc: AknDocument) -> None:
    """The adoption date and meeting from the adoption line ("Adopted by the Security Council
    at its 9527th meeting, on 10 January 2024", "At its regular meeting of July 13, 2016")."""
    if not lines:
        return
    joined = join_lines(text, lines)
    reach = patterns()["adoption"]["reach"]
    for pattern in compiled("adoption", "patterns"):
        for match in pattern.finditer(joined.text):
            window = joined.text[match.end() : match.end() + reach]
            dates = find_dates(window, doc.language)
            if not dates:
                continue
            first = dates[0]
            doc.adoption_date = first.date
            doc.date_span = joined.span(match.end() + first.start, match.end() + first.end)
            if "meeting" in pattern.groupindex and match["meeting"] and doc.meeting is None:
                doc.meeting = match["meeting"]
                doc.meeting_span = joined.span(*match.span("meeting"))
            return
    _meeting_line(text, lines, doc)


def _meeting_line(text: str, lines: list[Line], doc: AknDocument) -> None:
    """A General Assembly resolution's foot: "88th plenary meeting", the date on the next line."""
    ends = compiled("body", "end")
    for index, line in enumerate(lines):
        if not ends[0].match(line.text):
            continue
        following = lines[index + 1 : index + 3]
        if not following:
            return
        joined = join_lines(text, following)
        dates = find_dates(joined.text, doc.language)
        if dates:
            doc.adoption_date = dates[0].date
            doc.date_span = joined.span(dates[0].start, dates[0].end)
            doc.meeting, doc.meeting_span = line.text, (line.start, line.end)
        return


def _title(text: str, cover: list[Line], found: _Found, doc: AknDocument) -> None:
    """The title: a General Assembly resolution's "78/285. Review of …" lines, or the lines
    after an OAS symbol up to its adoption note in brackets."""
    for index, line in enumerate(cover):
        if _PREFACE.match(line.text):
            chosen = cover[index : index + _TITLE_MAX_LINES]
            skip = len(line.text.split(None, 1)[0]) + 1
            joined = join_lines(text, chosen, skip_first=skip)
            doc.title, doc.title_span = joined.text.strip(), joined.span(0, len(joined.text))
            return
    if not found.series.startswith(("AG", "CP", "CIDI", "CJI")):
        return
    # the first run of capitalised lines after the symbol, up to the bracketed adoption note:
    # "SUPPORT FOR THE CONTINUATION OF …"
    chosen: list[Line] = []
    for line in (line for line in cover if line.start > found.span[0]):
        if line.text.startswith("(") or chosen and not line.text.isupper():
            break
        if line.text.isupper() and _WORD.search(line.text):
            chosen.append(line)
    if chosen:
        joined = join_lines(text, chosen[:_TITLE_MAX_LINES])
        doc.title, doc.title_span = joined.text, joined.span(0, len(joined.text))


def _segment(lines: list[Line], start: int, language: str) -> tuple[list[_Draft], int | None]:
    """The clauses after the enacting formula, and the line where the operative part ended."""
    paragraph = compiled("body", "paragraph")[0]
    clause_end = compiled("body", "clause_end")[0]
    ends = compiled("body", "end")
    openers = compiled("formula", "operative_openers")
    drafts: list[_Draft] = []
    levels = PointLevels()
    expected = 1
    operative = False
    previous: Line | None = None  # the last body line, which says whether a clause may start
    ended: int | None = None
    heading = False  # a section title came since the last paragraph
    body = [(i, line) for i, line in enumerate(lines[start:], start) if line.kind != "blank"]
    indents = Counter(line.indent for _, line in body if line.kind == "body")
    flush = min(indents) if indents else 0
    indented = len(indents) > 1
    for position, (index, line) in enumerate(body):
        if line.kind == "furniture":
            continue
        if line.kind == "note":
            if drafts:
                drafts[-1].notes.append(line)
            continue
        if ended is not None:
            if any(p.match(line.text) for p in ends[1:]):
                break  # an annex: its notes are not the resolution's
            continue  # the foot of the last page, whose notes still count
        may_start = previous is None or bool(clause_end.search(previous.text))
        if drafts and any(p.match(line.text) for p in ends):
            ended = index
            continue
        if line.text.isupper() and any(p.match(line.text) for p in openers):
            operative, previous = True, None
            continue
        number = paragraph.match(line.text)
        verb = number and read_verb(line.text[number.end():], language, "operative")
        # a section's paragraphs may be numbered from 1 again (78/253: I, II, III …)
        restart = bool(number) and heading and operative and number["num"] == "1"
        if number and (int(number["num"]) == expected or restart) and (
                number["dot"] or verb) and (may_start or line.indent > flush + 1 or verb):
            operative, heading = True, False
            expected = int(number["num"]) + 1
            levels = PointLevels()
            drafts.append(_Draft("operative", (number["num"],), [line], number.end()))
            previous = line
            continue
        if operative and (may_start or line.indent > flush + 1) and any(
                d.part == "operative" for d in drafts):
            point = levels.read(line.text, line.indent if indented else None)
            if point is not None:
                sub_path, skip = point
                head = next(d.path[0] for d in reversed(drafts) if d.part == "operative")
                drafts.append(_Draft("operative", (head, *sub_path), [line], skip))
                previous = line
                continue
        if may_start and (_is_heading(line, body[position + 1 :], paragraph, expected)
                          or _SECTION.match(line.text) or previous is None and heading
                          and _is_title(line)):
            previous, heading = None, True
            continue
        if not operative and (not drafts or may_start and _opens_clause(line, language, flush)):
            drafts.append(_Draft("preamble", (str(len(drafts) + 1),), [line]))
        elif drafts:
            drafts[-1].lines.append(line)
        previous = line
    return drafts, ended


def _opens_clause(line: Line, language: str, flush: int) -> bool:
    """A preambular clause opens its line, capitalised, with a verb the lexicon knows, a
    participle of the data file ("Expressing", "Profondément préoccupé"), or an indent deeper
    than the lines that continue a clause (``flush``)."""
    if not line.text[:1].isupper():
        return False
    if line.indent > flush + 1 or read_verb(line.text, language, "preamble") is not None:
        return True
    return any(re.match(p, line.text) for p in patterns()["preamble"].get(language, ()))


def _is_heading(line: Line, rest: list[tuple[int, Line]], paragraph: re.Pattern[str],
                expected: int) -> bool:
    """A section title between paragraphs ("Priority tasks", "II", "A. Mandate"): up to three
    short lines without final punctuation, and then the next numbered paragraph."""
    run = [line, *[entry for _, entry in rest if entry.kind == "body"][:3]]
    for count, entry in enumerate(run):
        number = paragraph.match(entry.text)
        if count and number and number["dot"] and int(number["num"]) in (expected, 1):
            return True
        if len(entry.text) > 90 or entry.text[:1].islower() or _ENDED.search(entry.text) \
                and not _NUMERAL.match(entry.text):
            return False
    return False


def _opens_with_a_verb(text: str, drafts: list[_Draft], language: str) -> bool:
    first = next(d for d in drafts if d.part == "operative")
    words = join_lines(text, first.lines, skip_first=first.skip).text
    return read_verb(words, language, "operative") is not None


def _is_title(line: Line) -> bool:
    """A short capitalised line without final punctuation: the title under a section numeral."""
    return len(line.text) < 90 and line.text[:1].isupper() and not _ENDED.search(line.text)


def _single_paragraph(text: str, drafts: list[_Draft], language: str) -> bool:
    """A resolution of one unnumbered paragraph ("Endorses the political declaration …",
    "Forwards the following nominations …:" and a list of names): the first clause read as
    preambular that opens with an operative verb, and what follows it, are that paragraph."""
    for index, draft in enumerate(drafts):
        words = join_lines(text, draft.lines).text
        if read_verb(words, language, "operative") is None or read_verb(
                words, language, "preamble") is not None:
            continue
        for later in drafts[index + 1 :]:
            draft.lines.extend(later.lines)
            draft.notes.extend(later.notes)
        del drafts[index + 1 :]
        draft.part, draft.path = "operative", ("1",)
        return True
    return False


def _note_markers(lines: list[Line]) -> frozenset[str]:
    """The numbers the footnotes of the text start with ("1   A/78/605.")."""
    return frozenset(m[1] for line in lines if line.kind == "note"
                     and (m := _NOTE_NUMBER.match(line.text)))


def _without_markers(joined: Joined, markers: frozenset[str]) -> Joined:
    """The running text without the footnote markers printed after a word or a stop
    ("the Convention,1 and", "Human Rights2 and"): the markup keeps them out of the text."""
    if not markers:
        return joined
    spans = [m.span(1) for m in _MARKER.finditer(joined.text) if m[1] in markers
             and not _ACRONYM.search(joined.text, 0, m.start(1))]
    return joined.without(spans) if spans else joined


def _clause(text: str, draft: _Draft, order: int, doc: AknDocument,
            markers: frozenset[str] = frozenset()) -> Clause:
    joined = _without_markers(join_lines(text, draft.lines, skip_first=draft.skip), markers)
    words = joined.text.strip()
    lead = len(joined.text) - len(joined.text.lstrip())
    span = joined.span(lead, lead + len(words))
    clause = Clause(part=draft.part, path=draft.path, text=words, span=span, order=order)
    clause.meaning = read_verb(words, doc.language, draft.part)
    phrase = words[: clause.meaning.length].rstrip(" ,;:") if clause.meaning else None
    if phrase is None and draft.part == "operative" and len(draft.path) == 1:
        fallback = patterns()["verb_fallback"].get(doc.language)
        opening = re.match(fallback, words) if fallback else None
        phrase = opening[0] if opening else None
    elif phrase is None and draft.part == "preamble":
        # the participle that opened the clause ("Expressing", "Profondément préoccupé")
        opening = next((m for p in patterns()["preamble"].get(doc.language, ())
                        if (m := re.match(p, words))), None)
        phrase = opening[0] if opening else None
    if phrase:
        clause.verb = phrase
        clause.verb_span = joined.span(lead, lead + len(phrase))
    clause.citations = _citations(joined, lead, doc)
    if draft.notes:
        clause.citations += _citations(join_lines(text, draft.notes), 0, doc)
    return clause


def _citations(joined: Joined, lead: int, doc: AknDocument) -> list[Citation]:
    found: list[Citation] = []
    body = "oas" if doc.organ and doc.organ.startswith("oas") else "un"
    for match in find_citations(joined.text, body):
        if match.iri_path == doc.iri_path:
            continue
        span = joined.span(match.start, match.end)
        found.append(Citation(match.symbol, match.iri_path, match.is_resolution, span, False,
                              match.paragraph))
    return found
