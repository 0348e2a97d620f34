"""Who a name in an operative paragraph is: organs, missions, States and groups, by their names.

The names are the reference data's (organs.ttl, un-organs.ttl, un-missions.ttl, states.ttl,
addressees.ttl: labels and acronyms in English, French and Spanish) plus the grammar's own table
``addressee-phrases.tsv`` for what is a pattern rather than a name: "the Committee established
pursuant to resolution 2048 (2012)", "the Government of South Sudan", "the Council" (the issuing
organ). A name is matched at a given position, the longest one winning, on a folded copy of the
text that keeps every offset; acronyms are matched as written, since "PAM" or "CIJ" are also
letter sequences.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from graph.config import DEFAULT_BASE
from graph.grammar.tables import LANGUAGES, load_table, translate
from graph.queries import query_text
from graph.reference import reference_files
from graph.reference.aliases import load_aliases

__all__ = ["NameMatch", "demonym_state", "fold_text", "is_known", "known_iris", "match_name",
           "mission_iris", "name_mentions"]

TABLE = "addressee-phrases.tsv"
GRAMMAR_DIR = Path(__file__).parent
_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "‑": " ", "-": " ", "–": " ", "\u00a0": " ",
                       "œ": "o", "Œ": "o", "æ": "a", "Æ": "a", "\n": " ", "\t": " "})


@dataclass(frozen=True)
class NameMatch:
    """A name found at a position: its span, the IRI path it names, and whether the reference
    data describes that IRI (a committee of resolution N may not be described)."""

    start: int
    end: int
    iri: str | None
    known: bool


#: the hyphens of acronyms as typeset ("ONU‑Hábitat" with a non-breaking hyphen), one for one
_HYPHENS = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013", "-"))


@cache
def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return base if len(base) == 1 else char.lower()[:1] or char


def fold_text(text: str) -> str:
    """Lower case, no accents, hyphens and apostrophes of one kind: the same length as ``text``."""
    return "".join(map(_fold_char, text.translate(_FOLD)))


def _squeeze(folded: str) -> str:
    return " ".join(folded.split())


@dataclass(frozen=True)
class _Index:
    names: dict[str, frozenset[str]]       # squeezed folded name → IRI paths
    acronyms: dict[str, frozenset[str]]    # acronym as written → IRI paths
    name_re: re.Pattern[str]
    acronym_re: re.Pattern[str]
    states: dict[str, str]                 # squeezed folded State name → IRI path
    known: frozenset[str]
    missions: frozenset[str]


def _relative(iri: str, base: str) -> str:
    return iri[len(base):] if iri.startswith(base) else iri


@cache
def _index() -> _Index:
    """Every name of the reference data and of the phrase table, compiled once per process."""
    base = DEFAULT_BASE
    graph = ox.Store()  # the alias query runs in milliseconds here, in seconds on rdflib
    for path in reference_files():
        graph.load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=base)
    names: dict[str, set[str]] = {}
    acronyms: dict[str, set[str]] = {}
    states: dict[str, str] = {}
    for alias in load_aliases(graph):
        iri = _relative(alias.iri, base)
        if alias.is_acronym:
            acronyms.setdefault(alias.text, set()).add(iri)
            continue
        key = _squeeze(fold_text(alias.text))
        names.setdefault(key, set()).add(iri)
        if alias.kind == "state":
            states[key] = iri
            states.setdefault(_squeeze(fold_text(re.sub(r"^the\s+", "", alias.text))), iri)
    for row in graph.query(query_text("addressee-groups", GRAMMAR_DIR)):  # type: ignore[union-attr]
        entity, text = row["entity"].value, row["text"].value  # type: ignore[index]
        names.setdefault(_squeeze(fold_text(text)), set()).add(_relative(entity, base))
    for language in LANGUAGES:
        for name, iri in load_table(TABLE).get((language, "name"), []):
            names.setdefault(_squeeze(fold_text(name)), set()).add(iri)
        for name, iri in load_table(TABLE).get((language, "acronym"), []):
            acronyms.setdefault(name, set()).add(iri)
        for name, iri in load_table(TABLE).get((language, "state"), []):
            states[_squeeze(fold_text(name))] = iri
    known = {iri for iris in [*names.values(), *acronyms.values()] for iri in iris}
    missions = frozenset(
        _relative(row["mission"].value, base)  # type: ignore[index]
        for row in graph.query(query_text("missions", GRAMMAR_DIR)))  # type: ignore[union-attr]
    name_alts = sorted(names, key=len, reverse=True)
    name_re = re.compile(r"(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in name_alts)
                         + r")(?![\w])")
    acronym_re = re.compile(r"(?:" + "|".join(re.escape(a) for a in
                                              sorted(acronyms, key=len, reverse=True))
                            + r")(?![\w-])")
    return _Index({k: frozenset(v) for k, v in names.items()},
                  {k: frozenset(v) for k, v in acronyms.items()},
                  name_re, acronym_re, states, frozenset(known), missions)


@dataclass(frozen=True)
class _Patterns:
    derived: tuple[tuple[re.Pattern[str], str], ...]   # committee/panel: IRI template with {n}
    of_state: tuple[re.Pattern[str], ...]              # "the Government of {state}"
    demonyms: tuple[tuple[re.Pattern[str], str], ...]  # "maliennes" → state/MLI
    self_: tuple[tuple[re.Pattern[str], frozenset[str]], ...]
    scoped: tuple[tuple[re.Pattern[str], str, str], ...]  # (pattern, organisation, IRI)
    collective: tuple[tuple[re.Pattern[str], str], ...]  # on the folded text: (pattern, IRI)


@cache
def _patterns(language: str) -> _Patterns:
    table = load_table(TABLE)
    flags = re.IGNORECASE
    derived = tuple((re.compile(translate(p), flags), iri)
                    for p, iri in table.get((language, "derived"), []))
    state_names = sorted(_index().states, key=len, reverse=True)
    state_re = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in state_names)
    demonyms = tuple((re.compile(translate(p) + r"\Z"), iri)
                     for p, iri in table.get((language, "demonym"), []))
    demonym_re = "|".join(translate(p) for p, _ in table.get((language, "demonym"), []))
    of_state = tuple(re.compile(translate(p)
                                .replace("{state}", f"(?P<state>{state_re})(?!\\w)")
                                .replace("{demonym}", f"(?P<demonym>{demonym_re})(?!\\w)"))
                     for p, _ in table.get((language, "of_state"), []))
    self_ = tuple((re.compile(translate(p) + r"(?!\w)", flags), frozenset(v.split("|")))
                  for p, v in table.get((language, "self"), []))
    scoped = tuple((re.compile(translate(p) + r"(?!\w)", flags), *v.split(":", 1))
                   for p, v in table.get((language, "scoped"), []))
    collective = tuple((re.compile(translate(p) + r"(?!\w)"), iri)
                       for p, iri in table.get((language, "collective"), []))
    return _Patterns(derived, of_state, demonyms, self_, scoped,  # type: ignore[arg-type]
                     collective)


def _organisation(issuer: str | None) -> str | None:
    """"un" for organ/un-sc, "oas" for organ/oas-pc: the organisation a bare name belongs to."""
    if issuer and issuer.startswith("organ/"):
        return issuer[len("organ/"):].split("-", 1)[0]
    return None


def _choose(iris: frozenset[str], issuer: str | None) -> str | None:
    """One IRI for a name: the only one, or the one of the issuer's organisation."""
    if len(iris) == 1:
        return next(iter(iris))
    organisation = _organisation(issuer)
    own = [i for i in iris if organisation and i.startswith(f"organ/{organisation}-")]
    return own[0] if len(own) == 1 else None


def match_name(text: str, folded: str, pos: int, language: str,
               issuer: str | None = None) -> NameMatch | None:
    """The longest name of an addressee that starts at ``pos`` of ``text`` (``folded`` is
    :func:`fold_text` of it), or None. Derived IRIs (a committee of resolution N) are returned
    with ``known`` telling whether the reference data describes them."""
    index, patterns = _index(), _patterns(language)
    found: list[NameMatch] = []
    iri: str | None
    for pattern, template in patterns.derived:
        m = pattern.match(text, pos)
        if m:
            iri = template.replace("{n}", m.group("n"))
            found.append(NameMatch(pos, m.end(), iri, iri in index.known))
    folded_lower = folded
    for pattern in patterns.of_state:
        m = pattern.match(folded_lower, pos)
        if m:
            groups = m.groupdict()
            if groups.get("state"):
                iri = index.states.get(_squeeze(groups["state"]))
            else:
                demonym = _squeeze(groups.get("demonym") or "")
                iri = next((i for p, i in patterns.demonyms if p.match(demonym)), None)
            if iri:
                found.append(NameMatch(pos, m.end(), iri, True))
    for pattern, iri in patterns.collective:
        m = pattern.match(folded_lower, pos)
        if m:
            found.append(NameMatch(pos, m.end(), iri, True))
    for pattern, issuers in patterns.self_:
        m = pattern.match(text, pos)
        if m and issuer and ("*" in issuers or issuer in issuers):
            found.append(NameMatch(pos, m.end(), issuer, True))
    organisation = _organisation(issuer)
    for pattern, scope, iri in patterns.scoped:
        m = pattern.match(text, pos)
        if m and scope == organisation:
            found.append(NameMatch(pos, m.end(), iri, iri in index.known))
    m = index.name_re.match(folded, pos)
    if m and (pos == 0 or not folded[pos - 1].isalnum()):
        iri = _choose(index.names.get(_squeeze(m.group()), frozenset()), issuer)
        found.append(NameMatch(pos, m.end(), iri, iri is not None))
    m = index.acronym_re.match(text.translate(_HYPHENS), pos)
    if m and (pos == 0 or not text[pos - 1].isalnum()):
        iri = _choose(index.acronyms[m.group()], issuer)
        found.append(NameMatch(pos, m.end(), iri, iri is not None))
    found = [f for f in found if f.iri is not None]
    return max(found, key=lambda f: f.end - f.start) if found else None


def demonym_state(written: str, language: str) -> str | None:
    """The State whose adjective ``written`` is, alone ("sud-soudanais"), or None."""
    folded = _squeeze(fold_text(written))
    return next((iri for pattern, iri in _patterns(language).demonyms if pattern.match(folded)),
                None)


def is_known(iri: str) -> bool:
    """Whether the reference data describes the IRI path."""
    return iri in _index().known


def mission_iris() -> frozenset[str]:
    """The IRI paths of the peace operations and political missions of the reference data."""
    return _index().missions


@cache
def _restricted(iris: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The name and acronym expressions of the names of ``iris`` only: scanning a whole
    resolution for a few kinds of body with every name of the reference data is slow."""
    index = _index()
    names = sorted((n for n, targets in index.names.items() if targets & iris),
                   key=len, reverse=True)
    acronyms = sorted((a for a, targets in index.acronyms.items() if targets & iris),
                      key=len, reverse=True)
    never = r"(?!x)x"
    name_re = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names) or never
    acronym_re = "|".join(re.escape(a) for a in acronyms) or never
    return re.compile(rf"(?:{name_re})(?![\w])"), re.compile(rf"(?:{acronym_re})(?![\w-])")


def known_iris() -> frozenset[str]:
    """Every IRI path the reference data (and the phrase table) names."""
    return _index().known


def name_mentions(text: str, folded: str, language: str, issuer: str | None = None,
                  among: frozenset[str] | None = None) -> list[NameMatch]:
    """Every resolved name anywhere in ``text`` (derived bodies, names, acronyms), in text
    order: what a later "the Committee" or "the Mission" may refer back to. ``among``: only
    names of these IRI paths (derived bodies are always found)."""
    index, patterns = _index(), _patterns(language)
    name_re, acronym_re = (index.name_re, index.acronym_re) if among is None \
        else _restricted(among)
    found: list[NameMatch] = []
    iri: str | None
    for pattern, template in patterns.derived:
        for m in pattern.finditer(text):
            iri = template.replace("{n}", m.group("n"))
            found.append(NameMatch(m.start(), m.end(), iri, iri in index.known))
    for m in name_re.finditer(folded):
        if m.start() == 0 or not folded[m.start() - 1].isalnum():
            iri = _choose(index.names.get(_squeeze(m.group()), frozenset()), issuer)
            if iri:
                found.append(NameMatch(m.start(), m.end(), iri, True))
    for m in acronym_re.finditer(text.translate(_HYPHENS)):
        if m.start() == 0 or not text[m.start() - 1].isalnum():
            iri = _choose(index.acronyms[m.group()], issuer)
            if iri:
                found.append(NameMatch(m.start(), m.end(), iri, True))
    return sorted(found, key=lambda f: f.start)
