"""The documents a clause of a printed resolution cites, found in its running text.

The symbol grammar of :mod:`graph.extract.symbols` finds written symbols ("S/2023/833") and the
prose references the UN uses ("resolution 2216 (2015)", "résolution 2216 (2015)"). Two more kinds
are common in resolutions and read here, from the patterns of ``resolution.toml``: a General
Assembly resolution by its session and number after a word for "resolution" ("its resolutions
75/290 A and 75/290 B"), and the Spanish "resolución 2216 (2015)". A citation of "paragraph 14
of resolution 2216 (2015)" keeps the paragraph it names, as the AKN reader does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from graph.akn.reader import cited_paragraph
from graph.extract.symbols import SymbolError, find_symbols, parse_symbol
from graph.plaintext.layout import compiled, patterns


@dataclass(frozen=True)
class CitationMatch:
    start: int
    end: int
    symbol: str
    iri_path: str
    is_resolution: bool
    paragraph: str | None


def find_citations(text: str, body: str = "un") -> list[CitationMatch]:
    """The citations of ``text`` in text order; ``body`` ("un", "oas") is the issuer's, for
    symbols written without their series."""
    found: list[CitationMatch] = []
    old_session = compiled("citations", "old_session")[0]
    dated = compiled("citations", "council_date")[0]
    for match in find_symbols(text, context_body=body):
        symbol = match.symbol
        if symbol.body != body and body == "un":
            continue
        if symbol.canonical().startswith("S/RES/") and old_session.match(text, match.end):
            continue
        if symbol.series == "S/RES" and symbol.year is None and "/RES/" not in text[
                match.start : match.end] and not dated.match(text, match.end):
            # the UN dates the Council's resolutions it cites, "1325 (2000)" or "1521 of 22
            # December 2003"; a bare number is another body's ("World Meteorological
            # Organization resolution 46 (Cg 17)", a conference's "resolution 25")
            continue
        if symbol.canonical().startswith("A/RES/") and "/RES/" not in text[
                match.start : match.end] and (_foreign(text, match.start, match.end)
                                              or not _assembly_session(symbol.canonical())):
            continue  # "Human Rights Council resolution 50/6": not the Assembly's
        found.append(CitationMatch(match.start, match.end, symbol.canonical(),
                                   symbol.iri_path(), symbol.is_resolution,
                                   cited_paragraph(text, match.start)))
    if body == "un":
        for extra in _numbered_resolutions(text):
            # of two readings of one reference, the one reading further ("56/210 B" over
            # "resolution 56/210")
            overlapping = [c for c in found if c.start < extra.end and extra.start < c.end]
            if all(c.end <= extra.end for c in overlapping):
                found = [c for c in found if c not in overlapping]
                found.append(extra)
    return sorted(found, key=lambda c: c.start)


def _numbered_resolutions(text: str) -> list[CitationMatch]:
    """Resolutions cited by number after a word for "resolution", and the list that follows
    ("resolutions 1591 (2005), 1651 (2005) and 2455 (2019)"), within the reach of the data file."""
    table = patterns()["citations"]
    lead = compiled("citations", "lead")[0]
    grammars = (compiled("citations", "ga")[0], compiled("citations", "sc")[0],
                compiled("citations", "old")[0], compiled("citations", "yearly")[0])
    second = compiled("citations", "second_letter")[0]
    stop = compiled("citations", "list_end")[0]
    found: list[CitationMatch] = []
    seen: set[int] = set()
    before = compiled("citations", "other_body_before")[0]
    after = compiled("citations", "other_body_after")[0]
    for head in lead.finditer(text):
        foreign = bool(before.search(text[max(0, head.start() - table["reach_body"]):
                                          head.start()]))
        named = _body_before(text, head.start())
        position, reach = head.end(), table["first"]
        while True:
            window = text[position : position + reach]
            matches = [m for g in grammars if (m := g.search(window))]
            if not matches:
                break
            match = min(matches, key=lambda m: m.start())
            start, end = position + match.start(), position + match.end()
            if position != head.end() and (lead.search(text, position, start)
                                           or stop.search(text, position, start)):
                # "… and its resolution 60/251": the next word for "resolution" leads; a
                # clause or sentence ended in between ("; …", ". …"): the list has ended
                break
            if position == head.end():
                named = _body_between(text[head.end() : start]) or named  # the whole list's
            body = _body_after(text, end) or named
            by_session = match.re is grammars[0] or match.re is grammars[3]
            if body is None and match.re is grammars[3] and not foreign and int(
                    match["year"]) >= table["yearly_default"]["since"]:
                body = table["yearly_default"]
            cited = _body_citation(body, match, start, end, text) if body and by_session \
                else None
            if cited is not None or match.re is grammars[3]:
                # another body's resolution ("Human Rights Council resolution 51/4"), or a
                # number by year that no body named makes a symbol of
                if cited is not None and start not in seen:
                    seen.add(start)
                    found.append(cited)
                position, reach = end, table["gap"]
                continue
            session_number = "session" in match.re.groupindex
            if session_number and (foreign or after.match(text[end : end + table["reach_body"]])
                                   or not _assembly_session(f"A/RES/{match['session']}/")):
                position, reach = end, table["gap"]  # another body's resolution: not the GA's
                continue
            if start not in seen:
                seen.add(start)
                citation = _citation(match, start, end, text)
                if citation is not None:
                    found.append(citation)
                    also = second.match(text, end) if match.groupdict().get("letter") else None
                    if also:
                        found.append(_lettered(citation, also["letter"],
                                               also.start("letter"), also.end()))
                        end = also.end()
            position, reach = end, table["gap"]
    return found


def _bodies() -> list[dict[str, Any]]:
    return patterns()["citations"]["bodies"]


@cache
def _names(bare: bool) -> re.Pattern[str]:
    """Any body's name (group ``b<index>``, in the order of the data file) or the Assembly's
    (group ``assembly``); ``bare`` adds the short names ("Council")."""
    table = patterns()["citations"]
    alternatives = [f"(?P<assembly>{'|'.join(table['assembly'])})"]
    for index, body in enumerate(_bodies()):
        alternatives.append(f"(?P<b{index}>{'|'.join(body['names'])})")
    for index, body in enumerate(_bodies()):  # after every full name ("Consejo Económico")
        if bare and body.get("bare"):
            alternatives.append(f"(?P<c{index}>{'|'.join(body['bare'])})")
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


def _body_of(match: re.Match[str] | None) -> dict[str, Any] | None:
    if match is None or match["assembly"]:
        return None
    index = next(int(name[1:]) for name, value in match.groupdict().items()
                 if value and name != "assembly")
    return _bodies()[index]


def _body_before(text: str, start: int) -> dict[str, Any] | None:
    """The body named last before a word for "resolution", unless the resolution is the
    speaking organ's own ("its resolution") or the Assembly is named after it."""
    table = patterns()["citations"]
    window = text[max(0, start - table["reach_named_body"]) : start]
    named = list(_names(False).finditer(window))
    bare = _names(True).search(window[-12:])  # "Council resolution 51/19"
    if bare is not None and bare.end() == len(window[-12:].rstrip()) and not (
            named and named[-1].end() == len(window.rstrip())):
        return _body_of(bare)
    if not named:
        return None
    between = window[named[-1].end() :]
    own, through = compiled("citations", "own")[0], compiled("citations", "through_own")[0]
    if own.search(between) and not through.search(between):
        return None
    return _body_of(named[-1])


def _body_between(text: str) -> dict[str, Any] | None:
    """"las resoluciones del Consejo 24/14": a body named between the word and the number."""
    return _body_of(_names(True).search(text))


def _body_after(text: str, end: int) -> dict[str, Any] | None:
    """"résolution 51/4 du Conseil des droits de l'homme": the body right after the number."""
    lead = r"(?:\s*[A-H]\b)?,?\s+(?:of the|du|de la|de l[’\x27]|del|de los)\s+"
    found = re.match(lead, text[end:], re.IGNORECASE)
    if found is None:
        return None
    return _body_of(_names(False).match(text, end + found.end()))


def _body_citation(body: dict[str, Any], match: re.Match[str], start: int, end: int,
                   text: str) -> CitationMatch | None:
    """The citation of another body's resolution, when its number has the parts the body's
    symbol needs ("{session}/{number}" or "{year}/{number}")."""
    parts = match.groupdict()
    try:
        written = body["symbol"].format(**{k: v for k, v in parts.items() if v})
        symbol = parse_symbol(written)
    except (KeyError, SymbolError):
        return None
    return CitationMatch(start, end, symbol.canonical(), symbol.iri_path(), False,
                         cited_paragraph(text, start))


def _assembly_session(symbol: str) -> bool:
    """Whether "A/RES/<session>/…" can be the Assembly's: a special session ("S-32"), or a
    regular one since the Assembly numbered its resolutions so."""
    session = symbol.split("/")[2]
    return not session.isdigit() or int(session) >= patterns()["citations"]["ga_first_session"]


def _foreign(text: str, start: int, end: int) -> bool:
    """Another body's name just before a prose reference or just after its number."""
    reach = patterns()["citations"]["reach_body"]
    before = compiled("citations", "other_body_before")[0]
    after = compiled("citations", "other_body_after")[0]
    head = text[max(0, start - reach) : start]
    return bool(before.search(head) or after.match(text[end : end + reach]))


def _lettered(first: CitationMatch, letter: str, start: int, end: int) -> CitationMatch:
    """"36/87 A and B": the second part, from the first's symbol."""
    base, base_path = first.symbol.rsplit(" ", 1)[0], first.iri_path.rsplit("-", 1)[0]
    return CitationMatch(start, end, f"{base} {letter}", f"{base_path}-{letter.lower()}",
                         True, first.paragraph)


def _citation(match: re.Match[str], start: int, end: int, text: str) -> CitationMatch | None:
    if "old" in match.re.groupindex:
        written = f"A/RES/{match['old']} ({match['kind'] or ''}{match['roman']})"
    elif "session" in match.re.groupindex:
        written = f"A/RES/{match['session']}/{match['number']}"
    else:
        written = f"S/RES/{match['number']} ({match['year']})"
    try:
        symbol = parse_symbol(written)
    except SymbolError:
        return None
    canonical, path = symbol.canonical(), symbol.iri_path()
    letter = match.groupdict().get("letter")
    if letter:
        canonical, path = f"{canonical} {letter}", f"{path}-{letter.lower()}"
    return CitationMatch(start, end, canonical, path, True, cited_paragraph(text, start))
