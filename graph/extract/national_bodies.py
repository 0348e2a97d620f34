"""National bodies that the reference data does not list, named with their acronym.

A national action plan or a note on one names the ministries and agencies of its State in full
once, with their acronym in brackets ("the Ministry of Gender, Children and Social Protection
(MoGCSP)"), and by the acronym after that.  Such a body is an organ of that State: its IRI is
``organ/{ISO 3166 alpha-3, lower case}-{acronym, lower case}``, the convention of the reference
data (``organ/mli-mpfef``).  The State is the document's: the one a "Government of …" phrase
names, else the first one named in its opening lines, else the one it names most.

A name is read only when it opens with a word of a national body (``national_heads`` in
``plan_words.toml``: "Ministry", "Ministère", "Department" …) or with the State's own name, when
the acronym's capitals are the initials of the name's capitalised words (in order, some may be
skipped: "Ministry of Defence (MoD)"), and when no reference organ is named there already.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pycountry

from graph.extract.entities import EntityMention
from graph.extract.plan_axes import PLAN_WORDS
from graph.normalize import fold

_HEADS = frozenset(PLAN_WORDS["national_heads"])
_LINKS = frozenset(PLAN_WORDS["national_links"])
_FOREIGN = tuple(PLAN_WORDS["not_national"])
_BEYOND_ONE_STATE = tuple(PLAN_WORDS["beyond_one_state"])
_MINISTRY_HEADS = frozenset(PLAN_WORDS["ministry_heads"])
_GOVERNMENT = re.compile(PLAN_WORDS["government_of"] + r"[ ]+(?P<name>[A-Z][\w'’ -]{2,40})")

_NAMED = re.compile(
    r"""
    (?<![\w'’-])(?P<name>[A-ZÀ-Þ][\w'’-]*(?:,?[ ]+[\w'’-]+){0,14}?)   # words before
    [ ]*[(\[](?P<acronym>[A-Za-z]{1,3}[A-Z][A-Za-z&-]{0,8})[)\]]   # "(MoGCSP)", "[GPS]"
    """,
    re.VERBOSE,
)
_OPENING = 600
_ELISION = re.compile(r"^[ldLD]['’]")
"""The elided article of a French word ("l'Intégration" is a capitalised word)."""
"""How many characters of a document count as its title and letterhead."""


@dataclass(frozen=True)
class NationalBody:
    """A body of the document's State, as first named: IRI path, name, acronym, State."""

    iri_path: str
    name: str
    acronym: str
    state: str


def document_state(text: str, states: list[EntityMention]) -> str | None:
    """The alpha-3 code of the State a document is about, or None."""
    for found in _GOVERNMENT.finditer(text):
        named = [s for s in states if found.start("name") <= s.start < found.end("name")]
        if named:
            return named[0].iri.rsplit("/", 1)[-1]
        code = _country_code(found["name"])
        if code:
            return code
    opening = [s for s in states if s.start < _OPENING]
    if opening:
        return opening[0].iri.rsplit("/", 1)[-1]
    counts = Counter(s.iri.rsplit("/", 1)[-1] for s in states)
    return counts.most_common(1)[0][0] if counts else None


def _country_code(name: str) -> str | None:
    """ISO alpha-3 of a country name (its first words), by pycountry."""
    words = name.split()
    for length in range(min(len(words), 4), 0, -1):
        try:
            return str(pycountry.countries.lookup(" ".join(words[:length]).strip(" ,.")).alpha_3)
        except LookupError:
            continue
    return None


def find_national_bodies(
    text: str, state: str | None, organs: list[EntityMention], base: str
) -> tuple[list[NationalBody], list[EntityMention]]:
    """The document's national bodies and every mention of them (full name and acronym)."""
    if state is None:
        return [], []
    state_names = _state_names(state)
    bodies: dict[str, NationalBody] = {}
    mentions: list[EntityMention] = []
    for found in _NAMED.finditer(text):
        acronym = found["acronym"]
        starts = [s for s in _name_starts(text, found, state_names)
                  if _initials_fit(text[s : found.end("name")], acronym)]
        if not starts or _overlaps(organs, starts[0], found.end()):
            continue
        name_start = starts[0]
        name = text[name_start : found.end("name")]
        if not _national_name(fold(name)):
            continue
        path = f"organ/{state.lower()}-{re.sub(r'[^a-z0-9]+', '', acronym.lower())}"
        bodies.setdefault(acronym, NationalBody(path, name, acronym, state))
        iri = base + path
        mentions.append(EntityMention(name_start, found.end("name"), iri, "organ", False, False))
        start = found.start("acronym")
        mentions.append(EntityMention(start, found.end("acronym"), iri, "organ", True, False))
    mentions += _later_mentions(text, bodies, mentions, organs, base)
    return list(bodies.values()), sorted(mentions, key=lambda m: (m.start, m.end))


def _national_name(folded: str) -> bool:
    """Whether a name can be a body of one State: it names no organisation beyond States, and
    no word of one ("Regional", "International") unless a ministry's or department's name."""
    def names(words: tuple[str, ...]) -> bool:
        return any(folded.startswith(w) or f" {w}" in folded for w in words)

    if names(_FOREIGN):
        return False
    return folded.split(" ", 1)[0] in _MINISTRY_HEADS or not names(_BEYOND_ONE_STATE)


def _state_names(state: str) -> set[str]:
    country = pycountry.countries.get(alpha_3=state)
    if country is None:
        return set()
    names = {country.name, getattr(country, "common_name", country.name)}
    return {fold(n) for n in names}


def _name_starts(text: str, found: re.Match[str], state_names: set[str]) -> list[int]:
    """Where the body's name may open in the words before the acronym, nearest first: at a
    head word ("… with the Ministry of Interior (MINT)") or at the State's name ("Ghana Police
    Service (GPS)"), up to the first lowercase word that is no linking word and does not follow
    a capitalised one (the adjective after its noun of French and Spanish names stays in:
    "Ministère des Affaires étrangères", "Ministerio de Relaciones Exteriores")."""
    words = list(re.finditer(r"[\w'’-]+", text[found.start("name") : found.end("name")]))
    offset = found.start("name")
    starts = []
    for i in range(len(words) - 1, -1, -1):
        word = _ELISION.sub("", words[i].group()) or words[i].group()
        if not word[0].isupper():
            after_noun = i > 0 and _ELISION.sub("", words[i - 1].group())[:1].isupper()
            if fold(word) not in _LINKS and not after_noun:
                break
            continue
        rest = fold(text[offset + words[i].start() : found.end("name")])
        if fold(word) in _HEADS or any(rest.startswith(n) for n in state_names):
            starts.append(offset + words[i].start())
    return starts


def _initials_fit(name: str, acronym: str) -> bool:
    """The acronym's capitals are, in order, initials of the name's capitalised words, or its
    letters are, in order, letters of its words ("Ministry of the Interior (MINT)"); its
    first letter is always the first word's initial."""
    capitalised = [w for w in re.split(r"[\s,'’-]+", name) if w and w[0].isupper()]
    capitals = [c for c in acronym if c.isupper()]
    if not capitalised or not capitals or capitals[0] != capitalised[0][0]:
        return False
    initials = "".join(w[0] for w in capitalised)
    letters = fold(re.sub(r"[\s,'’-]+", "", name))
    return _in_order("".join(capitals), initials) or _in_order(fold(acronym), letters)


def _in_order(wanted: str, within: str) -> bool:
    """Whether the characters of ``wanted`` occur in ``within`` in the same order."""
    rest = iter(within)
    return all(char in rest for char in wanted)


def _overlaps(organs: list[EntityMention], start: int, end: int) -> bool:
    return any(o.start < end and start < o.end for o in organs)


def _later_mentions(
    text: str,
    bodies: dict[str, NationalBody],
    first: list[EntityMention],
    organs: list[EntityMention],
    base: str,
) -> list[EntityMention]:
    """Each body's acronym and full name wherever else they stand as words."""
    taken = [(m.start, m.end) for m in first]
    found = []
    for acronym, body in bodies.items():
        for written, is_acronym in ((acronym, True), (body.name, False)):
            for match in re.finditer(rf"(?<![\w/-]){re.escape(written)}(?![\w/-])", text):
                span = (match.start(), match.end())
                if any(s < span[1] and span[0] < e for s, e in taken) or _overlaps(organs, *span):
                    continue
                taken.append(span)
                found.append(
                    EntityMention(*span, base + body.iri_path, "organ", is_acronym, False))
    return found


def language_of(name: str) -> str:
    """The language a body's name is written in, from its linking words."""
    words = set(re.findall(r"[a-z]+", fold(name)))
    if words & {"of", "for", "and", "the", "ministry", "department", "national"}:
        return "en"
    if words & {"del", "y", "ministerio", "nacional", "para"}:
        return "es"
    return "fr"
