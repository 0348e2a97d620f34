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

from graph.akn.reader import _cited_paragraph as cited_paragraph
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
    grammars = compiled("citations", "ga")[0], compiled("citations", "sc")[0]
    found: list[CitationMatch] = []
    seen: set[int] = set()
    for head in lead.finditer(text):
        position, reach = head.end(), table["first"]
        while True:
            window = text[position : position + reach]
            matches = [m for g in grammars if (m := g.search(window))]
            if not matches:
                break
            match = min(matches, key=lambda m: m.start())
            start, end = position + match.start(), position + match.end()
            if start not in seen:
                seen.add(start)
                citation = _citation(match, start, end, text)
                if citation is not None:
                    found.append(citation)
            position, reach = end, table["gap"]
    return found


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
