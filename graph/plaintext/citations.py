"""The documents a clause of a printed resolution cites, found in its running text.

The symbol grammar of :mod:`graph.symbols` finds written symbols ("S/2023/833") and the prose
references the UN uses ("resolution 2216 (2015)", "résolution 2216 (2015)"). Two more kinds
are common in resolutions and read here, from the patterns of ``resolution.toml``: a General
Assembly resolution by its session and number after a word for "resolution" ("its resolutions
75/290 A and 75/290 B"), and the Spanish "resolución 2216 (2015)". A citation of "paragraph 14
of resolution 2216 (2015)" keeps the paragraph it names, as the AKN reader does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.akn.reader import cited_paragraph
from graph.plaintext.layout import compiled, patterns
from graph.symbols import SymbolError, find_symbols, parse_symbol


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
    for match in find_symbols(text, context_body=body):
        symbol = match.symbol
        if symbol.body != body and body == "un":
            continue
        if symbol.canonical().startswith("S/RES/") and old_session.match(text, match.end):
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
            if all(c.end < extra.end for c in overlapping):
                found = [c for c in found if c not in overlapping]
                found.append(extra)
    return sorted(found, key=lambda c: c.start)


def _numbered_resolutions(text: str) -> list[CitationMatch]:
    """Resolutions cited by number after a word for "resolution", and the list that follows
    ("resolutions 1591 (2005), 1651 (2005) and 2455 (2019)"), within the reach of the data file."""
    table = patterns()["citations"]
    lead = compiled("citations", "lead")[0]
    grammars = (compiled("citations", "ga")[0], compiled("citations", "sc")[0],
                compiled("citations", "old")[0])
    second = compiled("citations", "second_letter")[0]
    found: list[CitationMatch] = []
    seen: set[int] = set()
    before = compiled("citations", "other_body_before")[0]
    after = compiled("citations", "other_body_after")[0]
    for head in lead.finditer(text):
        foreign = bool(before.search(text[max(0, head.start() - table["reach_body"]):
                                          head.start()]))
        position, reach = head.end(), table["first"]
        while True:
            window = text[position : position + reach]
            matches = [m for g in grammars if (m := g.search(window))]
            if not matches:
                break
            match = min(matches, key=lambda m: m.start())
            start, end = position + match.start(), position + match.end()
            session_number = "session" in match.re.groupindex
            if session_number and (foreign or after.match(text[end : end + table["reach_body"]])
                                   or not _assembly_session(f"A/RES/{match['session']}/")):
                position, reach = end, table["gap"]  # another body's resolution: not the GA's
                continue
            if start not in seen and "old" not in match.re.groupindex:
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
    if "session" in match.re.groupindex:
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
