"""Mission mandate renewals stated by an operative paragraph of a Security Council resolution.

"Decides to extend the mandate of UNMISS until 30 April 2025" makes a new version of the
mission's mandate, with its end date, that follows the version it renews. This module reads such
a paragraph in English, French or Spanish and says which mission, until when, and where in the
text: the mission by any of its names or acronyms in ``graph/reference/un-missions.ttl`` ("la
MINUSS", "the United Nations Mission in South Sudan"), or by "its mandate" / "d'en proroger le
mandat" when the mission is named earlier; the end date as written ("until 30 April 2025",
"jusqu'au 15 mars 2022", "hasta el 30 de abril de 2025") or computed from a stated period ("for a
further period of six months") counted from the stated start or from the adoption date.

The wording lives in ``renewals.tsv`` and dates are read by the shared date grammar
(:mod:`graph.grammar.dates`, babel's CLDR month names), so a new phrasing or language is a line
of data. Renewals of sanctions panels, groups of experts and
other bodies that are not missions of the index are not read: "the mandate of the Panel of
Experts" names no mission, and the paragraph yields nothing.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import rdflib

from graph.config import DEFAULT_BASE
from graph.grammar.dates import date_pattern, read_date
from graph.grammar.tables import read_table, translate
from graph.namespaces import MG
from graph.reference import REFERENCE_DIR
from graph.reference.aliases import Alias, load_aliases

PATTERNS_FILE = Path(__file__).with_name("renewals.tsv")
MISSIONS_FILE = REFERENCE_DIR / "un-missions.ttl"
LANGUAGES = ("en", "fr", "es")
Span = tuple[int, int]

#: how far (characters) a verb may stand before the mandate it renews, or a passive after it
_VERB_REACH = 160
_PASSIVE_REACH = 200
#: how far a parenthesised acronym may stand after "the mandate of" ("the mandate of the
#: African Union-United Nations Mission Hybrid Operation in Darfur (UNAMID)")
_NAME_REACH = 150
_DASHES = "-\u2010\u2011\u2012\u2013"


@dataclass(frozen=True)
class Mention:
    """A mission named in the text: where, and which organ (IRI path, ``organ/un-unmiss``)."""

    start: int
    end: int
    mission: str


@dataclass(frozen=True)
class Renewal:
    """A renewal of a mission's mandate, as one paragraph states it.

    ``end`` is the last day of the renewed mandate. When the text gives a period rather than a
    date ("for a further 12 months"), ``end_computed`` is true and ``end`` is the period counted
    from ``start`` (when stated) or from the adoption date; ``end_span`` then covers the period.
    UN practice counts such a period from the expiry of the current mandate, which the paragraph
    does not say: a computed end may fall a few days before the real one, and ``period`` keeps
    the duration (ISO 8601, "P6M") so that a writer who knows the previous end can recount it.
    ``end`` is None only for a period with neither a stated start nor an adoption date.
    """

    mission: str
    mission_span: Span
    #: the mention is "its", "son", "en" or "the Force", resolved to the mission named before
    anaphoric: bool
    verb_span: Span
    end: date | None
    end_span: Span
    end_computed: bool
    period: str | None = None
    start: date | None = None


class MissionIndex:
    """The names and acronyms of the missions, and where a text names them.

    Names are matched in the text's language, whatever the case and the apostrophe or dash;
    acronyms in any language but only as written (upper case, whole word), since French and
    Spanish resolutions write some English acronyms ("l'UNFICYP", "la UNMISS").
    """

    def __init__(self, aliases: Iterable[Alias], base: str = DEFAULT_BASE) -> None:
        names: dict[str, dict[str, set[str]]] = {language: {} for language in LANGUAGES}
        acronyms: dict[str, set[str]] = {}
        for alias in aliases:
            if alias.kind != "organ" or not alias.iri.startswith(base):
                continue
            path = alias.iri[len(base):]
            if alias.is_acronym:
                acronyms.setdefault(alias.text, set()).add(path)
            elif alias.lang in names:
                names[alias.lang].setdefault(alias.text, set()).add(path)
        #: a name shared by two missions names neither
        self._acronyms = {text: next(iter(p)) for text, p in acronyms.items() if len(p) == 1}
        self._names = {
            language: {text: next(iter(p)) for text, p in table.items() if len(p) == 1}
            for language, table in names.items()
        }
        self._acronym_re = _alternation(self._acronyms, flags=0)
        self._name_res = {lang: _alternation(table, re.IGNORECASE)
                          for lang, table in self._names.items()}
        self._name_keys = {lang: {_fold(text): path for text, path in table.items()}
                           for lang, table in self._names.items()}

    @classmethod
    def from_graph(cls, graph: rdflib.Graph, base: str = DEFAULT_BASE) -> MissionIndex:
        """Index the missions (mg:PeaceOperation, mg:PoliticalMission) of a reference graph."""
        missions = {str(s) for kind in ("PeaceOperation", "PoliticalMission")
                    for s in graph.subjects(rdflib.RDF.type, _MG[kind])}
        return cls((a for a in load_aliases(graph) if a.iri in missions), base)

    @property
    def missions(self) -> set[str]:
        """The IRI paths of every mission the index knows."""
        found = set(self._acronyms.values())
        for table in self._names.values():
            found.update(table.values())
        return found

    def mentions(self, text: str, language: str) -> list[Mention]:
        """Every mission named in ``text``, in order, the longest name where names overlap."""
        found: list[Mention] = []
        if self._acronym_re is not None:
            found += [Mention(m.start(), m.end(), self._acronyms[m.group()])
                      for m in self._acronym_re.finditer(text)]
        name_re = self._name_res.get(language)
        if name_re is not None:
            keys = self._name_keys[language]
            found += [Mention(m.start(), m.end(), keys[_fold(m.group())])
                      for m in name_re.finditer(text)]
        found.sort(key=lambda m: (m.start, -m.end))
        kept: list[Mention] = []
        for mention in found:
            if not kept or mention.start >= kept[-1].end:
                kept.append(mention)
        return kept


_MG = rdflib.Namespace(MG)


@cache
def load_missions(path: Path = MISSIONS_FILE) -> MissionIndex:
    """The index of the missions described in ``un-missions.ttl`` (read once)."""
    graph = rdflib.Graph().parse(path, format="turtle", publicID=DEFAULT_BASE)
    return MissionIndex.from_graph(graph, DEFAULT_BASE)


def read_renewals(text: str, language: str, missions: MissionIndex,
                  adopted: date | None = None, context: str = "") -> list[Renewal]:
    """Every mission whose mandate the paragraph renews, in the order the text names them.

    ``text`` is the plain text of one operative paragraph (spans are offsets into it),
    ``language`` one of "en", "fr", "es", ``adopted`` the resolution's adoption date (the start
    of a period the text does not date) and ``context`` the text of the resolution before the
    paragraph, where "the Force" of "decides to extend its mandate" may have been named.
    A mission renewed twice in one paragraph is given once, at its first renewal.
    """
    grammar = _grammar(language)
    mentions = missions.mentions(text, language)
    verbs = list(grammar.verb.finditer(text))
    renewals: list[Renewal] = []
    seen: set[str] = set()
    for slot in _slots(text, grammar, mentions, lambda: missions.mentions(context, language)):
        if slot.mission in seen:
            continue
        found = _renewal(text, grammar, slot, verbs, adopted)
        if found is not None:
            seen.add(slot.mission)
            renewals.append(found)
    return renewals


def read_renewal(text: str, language: str, missions: MissionIndex,
                 adopted: date | None = None, context: str = "") -> Renewal | None:
    """The first renewal the paragraph states (see :func:`read_renewals`), or None."""
    found = read_renewals(text, language, missions, adopted, context)
    return found[0] if found else None


# --- the grammar, from renewals.tsv -----------------------------------------------------------


@dataclass(frozen=True)
class _Grammar:
    verb: re.Pattern[str]
    passive: re.Pattern[str]
    blocker: re.Pattern[str]
    mandate_of: re.Pattern[str]
    mandate_of_any: re.Pattern[str]
    possessive: re.Pattern[str]
    anaphors: tuple[re.Pattern[str], ...]
    stop: re.Pattern[str]
    until: re.Pattern[str]
    start: re.Pattern[str]
    periods: tuple[re.Pattern[str], ...]
    language: str
    numbers: dict[str, int]
    units: tuple[tuple[re.Pattern[str], str], ...]


@dataclass(frozen=True)
class _Slot:
    """A mandate that a mission owns in the text: "the mandate of UNMISS", "its mandate"."""

    mission: str
    mention: Span
    #: the whole phrase, from "the mandate of" to the end of the name
    phrase: Span
    anaphoric: bool


def _patterns(language: str, role: str) -> list[str]:
    rows = read_table(PATTERNS_FILE).get((language, role), [])
    return [translate(pattern) for pattern, _ in rows]


def _any(patterns: list[str], word: bool = True) -> str:
    body = "|".join(f"(?:{p})" for p in patterns)
    return rf"(?<!\w)(?:{body})(?!\w)" if word else f"(?:{body})"


@cache
def _grammar(language: str) -> _Grammar:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {language!r}")
    flags = re.IGNORECASE
    table = read_table(PATTERNS_FILE)
    numbers = {word.lower(): int(value) for word, value in table.get((language, "number"), [])}
    number_re = "|".join(sorted((translate(re.escape(w)) for w in numbers),
                                key=len, reverse=True))
    unit_rows = table.get((language, "unit"), [])
    units = tuple((re.compile(rf"(?:{translate(p)})\Z", flags), value) for p, value in unit_rows)
    unit_re = "|".join(translate(p) for p, _ in unit_rows)
    number_group = rf"(?P<n>\d+|{number_re})"
    unit_group = f"(?P<u>{unit_re})"
    periods = tuple(
        re.compile(rf"(?<!\w){p.replace('{n}', number_group).replace('{unit}', unit_group)}(?!\w)",
                   flags)
        for p in _patterns(language, "period"))
    mandate_of = _any(_patterns(language, "mandate_of"), False)
    return _Grammar(
        verb=re.compile(_any(_patterns(language, "verb")), flags),
        passive=re.compile(_any(_patterns(language, "passive")), flags),
        blocker=re.compile(_any(_patterns(language, "blocker")), flags),
        mandate_of=re.compile(rf"(?<!\w){mandate_of}\Z", flags),
        mandate_of_any=re.compile(rf"(?<!\w){mandate_of}", flags),
        possessive=re.compile(_any(_patterns(language, "possessive"), False) + r"(?!\w)", flags),
        anaphors=tuple(re.compile(p, flags) for p in _patterns(language, "anaphor")),
        stop=re.compile(_any(_patterns(language, "stop"), False), flags),
        until=re.compile(rf"{_any(_patterns(language, 'until'))}\s+(?:the\s+)?"
                         rf"(?:{date_pattern(language)})", flags),
        start=re.compile(rf"{_any(_patterns(language, 'start'))}\s+(?:the\s+)?"
                         rf"(?:{date_pattern(language)})", flags),
        periods=periods,
        language=language,
        numbers=numbers,
        units=units,
    )


# --- reading ----------------------------------------------------------------------------------


def _slots(text: str, grammar: _Grammar, mentions: list[Mention],
           context_mentions: Callable[[], list[Mention]]) -> list[_Slot]:
    """The mandates owned by a mission in the text, named or anaphoric, in text order."""
    slots: list[_Slot] = []
    for mention in mentions:
        before = text[max(0, mention.start - 80):mention.start]
        owner = grammar.mandate_of.search(before)
        if owner is not None:
            start = mention.start - (len(before) - owner.start())
            slots.append(_Slot(mention.mission, (mention.start, mention.end),
                               (start, mention.end), False))
            continue
        after = grammar.possessive.match(text, mention.end)
        if after is not None:
            slots.append(_Slot(mention.mission, (mention.start, mention.end),
                               (mention.start, after.end()), False))
            continue
        if mention.start > 0 and text[mention.start - 1] == "(":
            window = text[max(0, mention.start - 1 - _NAME_REACH):mention.start - 1]
            for owner in grammar.mandate_of_any.finditer(window):
                if not re.search(r"[,;()]", window[owner.end():]):
                    start = mention.start - 1 - (len(window) - owner.start())
                    slots.append(_Slot(mention.mission, (mention.start, mention.end),
                                       (start, mention.end + 1), False))
                    break
    named = [(m.start, m.end) for m in mentions]
    context: list[Mention] | None = None
    for pattern in grammar.anaphors:
        for match in pattern.finditer(text):
            span = match.span("m") if "m" in pattern.groupindex else match.span()
            if any(s < span[1] and span[0] < e for s, e in named):
                continue
            earlier = [m for m in mentions if m.end <= span[0]]
            if earlier:
                mission = earlier[-1].mission
            else:
                if context is None:
                    context = context_mentions()
                if not context:
                    continue
                mission = context[-1].mission
            slots.append(_Slot(mission, span, match.span(), True))
    slots.sort(key=lambda s: s.phrase)
    return slots


def _renewal(text: str, grammar: _Grammar, slot: _Slot, verbs: list[re.Match[str]],
             adopted: date | None) -> Renewal | None:
    """The renewal of ``slot``'s mandate: its verb (before it, or a passive after) and dates."""
    verb = _governing_verb(text, grammar, slot, verbs)
    if verb is not None:
        window_start = verb[1]
    else:
        passive = grammar.passive.search(text, slot.phrase[1], slot.phrase[1] + _PASSIVE_REACH)
        if passive is None or _interrupted(text, grammar, slot.phrase[1], passive.start()):
            return None
        verb = passive.span()
        window_start = slot.phrase[1]
    window_end = _clause_end(text, grammar, max(slot.phrase[1], verb[1]))
    until = grammar.until.search(text, window_start, window_end)
    start_match = grammar.start.search(text, window_start, window_end)
    start = _date_of(start_match, grammar) if start_match else None
    period_match = _first(grammar.periods, text, window_start, window_end)
    period = _period_of(period_match, grammar) if period_match else None
    renewal = Renewal(mission=slot.mission, mission_span=slot.mention, anaphoric=slot.anaphoric,
                      verb_span=verb, end=None, end_span=(0, 0), end_computed=False,
                      period=f"P{period[0]}{period[1]}" if period else None, start=start)
    if until is not None:
        end = _date_of(until, grammar)
        if end is not None:
            return replace(renewal, end=end, end_span=_date_span(until))
    if period is None or period_match is None:
        return None
    base = start or adopted
    return replace(renewal, end=_add(base, *period) if base is not None else None,
                   end_span=period_match.span(), end_computed=True)


def _governing_verb(text: str, grammar: _Grammar, slot: _Slot,
                    verbs: list[re.Match[str]]) -> Span | None:
    """The last renewal verb before the mandate, in its clause, not blocked by "intention"."""
    for verb in reversed(verbs):
        if verb.start() > slot.phrase[1]:
            continue
        if verb.end() <= slot.phrase[0]:
            if slot.phrase[0] - verb.end() > _VERB_REACH:
                return None
            if _interrupted(text, grammar, verb.end(), slot.phrase[0]):
                return None
        clause = _clause_start(text, grammar, verb)
        if grammar.blocker.search(text, clause, verb.start()):
            return None
        return verb.span()
    return None


def _interrupted(text: str, grammar: _Grammar, start: int, end: int) -> bool:
    """Whether another clause opens between two points ("; ", "and requests")."""
    return ";" in text[start:end] or grammar.stop.search(text, start, end) is not None


def _clause_start(text: str, grammar: _Grammar, verb: re.Match[str]) -> int:
    """Where the verb's clause opens: after a semicolon or a stop ("and decides to extend")."""
    start = text.rfind(";", 0, verb.start()) + 1
    for stop in grammar.stop.finditer(text, start, verb.end()):
        if stop.start() < verb.start():
            start = stop.start() + 1
    return start


def _clause_end(text: str, grammar: _Grammar, position: int) -> int:
    ends = [len(text)]
    semicolon = text.find(";", position)
    if semicolon >= 0:
        ends.append(semicolon)
    stop = grammar.stop.search(text, position)
    if stop is not None:
        ends.append(stop.start())
    return min(ends)


def _first(patterns: Iterable[re.Pattern[str]], text: str, start: int,
           end: int) -> re.Match[str] | None:
    found = [m for p in patterns if (m := p.search(text, start, end)) is not None]
    return min(found, key=lambda m: m.start()) if found else None


def _date_span(match: re.Match[str]) -> Span:
    """The span of the date itself, without the preposition before it."""
    groups = [i for i, value in enumerate(match.groups(), 1) if value is not None]
    return (min(match.start(i) for i in groups), max(match.end(i) for i in groups))


def _date_of(match: re.Match[str], grammar: _Grammar) -> date | None:
    """The day a date match names (the shared date grammar, graph.grammar.dates, reads it)."""
    return read_date(match, grammar.language)


def _period_of(match: re.Match[str], grammar: _Grammar) -> tuple[int, str] | None:
    number = match.group("n")
    if number is None:
        count = 1
    elif number.isdigit():
        count = int(number)
    else:
        count = grammar.numbers.get(" ".join(number.lower().split()), 0)
    unit = next((value for pattern, value in grammar.units
                 if pattern.match(match.group("u"))), None)
    return (count, unit) if count and unit else None


def _add(start: date, count: int, unit: str) -> date:
    """``start`` plus a period; a month later than 31 January is the last day of February."""
    if unit in ("M", "Y"):
        months = start.month - 1 + count * (12 if unit == "Y" else 1)
        year, month = start.year + months // 12, months % 12 + 1
        return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
    return start + timedelta(days=count * (7 if unit == "W" else 1))


def _fold(text: str) -> str:
    """How names are compared once found: case, white space, apostrophes and dashes folded."""
    text = text.replace("’", "'")
    for dash in _DASHES:
        text = text.replace(dash, "-")
    return " ".join(text.lower().split())


def _name_pattern(name: str) -> str:
    parts = []
    for char in name:
        if char.isspace():
            parts.append(r"\s+")
        elif char in "'’":
            parts.append("['’]")
        elif char in _DASHES:
            parts.append(f"[{_DASHES}]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def _alternation(names: dict[str, str], flags: int) -> re.Pattern[str] | None:
    if not names:
        return None
    body = "|".join(_name_pattern(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", flags)
