"""Organs, states and conventions by name, acronym or alias: a longest-match gazetteer.

The names come from the reference data (labels, alternative labels and acronyms in French,
English and Spanish), so a new alias is added to a Turtle file, not to code. Names are matched
on folded text (case and accents ignored, one character for one, so offsets are unchanged),
with hyphens ignored ("Trinité-et-Tobago", "Trinité- et Tobago"); acronyms are matched
case-sensitively, since "CIDH" is an organ and "cidh" in a URL is not. A one-letter typo in a
capitalised one-word state name ("Guatemaa", "Hnduras") is still read as that state: the states
are a closed list of long, distinct names, and converted documents do contain such typos.

Each kind (organ, state, convention) is matched in its own pass, so a convention named inside an
organ's name ("Comité consultatif de la CIFTA") is a mention of both.

Why not spaCy's PhraseMatcher: importing spaCy alone takes longer than the whole corpus build is
allowed to take, and token-tuple lookup in a dict does the same longest-match job in
milliseconds on this corpus.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from graph.normalize import fold

_TOKEN = re.compile(r"[^\W_]+|[^\w\s]", re.UNICODE)
#: aliases made only of such words are too generic to be names on their own
_GENERIC = frozenset(
    "commission comite conseil secretariat bureau departement conference convention programme "
    "assemblee mecanisme plan etat etats partie parties de du des la le les l ' et sur pour".split()
)
#: a typo is only forgiven in a one-word state name at least this long
_TYPO_MIN_LENGTH = 6

Token = tuple[int, int, str]


class AliasLike(Protocol):
    """What the gazetteer needs of a reference alias (read-only, as the frozen Alias is)."""

    @property
    def text(self) -> str: ...
    @property
    def iri(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def is_acronym(self) -> bool: ...


@dataclass(frozen=True)
class EntityMention:
    """A named mention of an organ, state or convention, in offsets of the text searched."""

    start: int
    end: int
    iri: str
    kind: str
    is_acronym: bool
    ambiguous: bool


def _tokens(text: str) -> list[Token]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _name_key(tokens: Iterable[str]) -> tuple[str, ...]:
    return tuple(t for t in tokens if t != "-")


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class _Index:
    """The aliases of one kind, keyed by token tuples, with the longest length per first token."""

    def __init__(self, aliases: Iterable[AliasLike], *, typos: bool) -> None:
        self.entries: dict[tuple[bool, tuple[str, ...]], set[tuple[str, str]]] = defaultdict(set)
        self.longest_from: dict[tuple[bool, str], int] = {}
        self.typo_variants: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for alias in aliases:
            if alias.is_acronym:
                raw = tuple(tok for _, _, tok in _tokens(alias.text))
                if not raw or len(alias.text) < 2:
                    continue
                key = raw
            else:
                raw = tuple(tok for _, _, tok in _tokens(fold(alias.text)))
                key = _name_key(raw)
                if not key or set(key) <= _GENERIC:
                    continue
                if typos and len(key) == 1 and len(key[0]) >= _TYPO_MIN_LENGTH:
                    for variant in _deletions(key[0]) | {key[0]}:
                        self.typo_variants[variant].add((alias.iri, alias.kind))
            self.entries[(alias.is_acronym, key)].add((alias.iri, alias.kind))
            first = (alias.is_acronym, key[0])
            self.longest_from[first] = max(self.longest_from.get(first, 0), len(raw))

    def match_at(
        self, folded: list[Token], exact: list[Token], i: int
    ) -> tuple[int, bool, set[tuple[str, str]]] | None:
        longest_name = self.longest_from.get((False, folded[i][2]), 0)
        longest_acronym = self.longest_from.get((True, exact[i][2]), 0)
        longest = min(max(longest_name, longest_acronym), len(folded) - i)
        if longest:
            reach = _contiguous_run(folded, i, longest)
            for length in range(reach, 0, -1):
                if length <= longest_name:
                    key = _name_key(t for _, _, t in folded[i : i + length])
                    names = self.entries.get((False, key))
                    if names and folded[i + length - 1][2] != "-":
                        return length, False, names
                if length <= longest_acronym:
                    key = tuple(t for _, _, t in exact[i : i + length])
                    acronyms = self.entries.get((True, key))
                    if acronyms and _word_bounded(exact, i, length):
                        return length, True, acronyms
        return self._typo_at(folded, exact, i)

    def _typo_at(
        self, folded: list[Token], exact: list[Token], i: int
    ) -> tuple[int, bool, set[tuple[str, str]]] | None:
        """A capitalised word one edit away from a one-word name (a deletion or a substitution)."""
        word = folded[i][2]
        if (
            not self.typo_variants
            or len(word) < _TYPO_MIN_LENGTH - 1
            or not exact[i][2][0].isupper()
        ):
            return None
        candidates: set[tuple[str, str]] = set(self.typo_variants.get(word, set()))
        for variant in _deletions(word):
            candidates |= self.typo_variants.get(variant, set())
        return (1, False, candidates) if len({iri for iri, _ in candidates}) == 1 else None


class Gazetteer:
    """Longest-match lookup of reference aliases in a text, one pass per kind of entity."""

    def __init__(self, aliases: Iterable[AliasLike]) -> None:
        by_kind: dict[str, list[AliasLike]] = defaultdict(list)
        for alias in aliases:
            by_kind[alias.kind].append(alias)
        self._indexes = {
            kind: _Index(items, typos=kind == "state") for kind, items in sorted(by_kind.items())
        }
        self._names: dict[str, list[str]] = defaultdict(list)
        for items in by_kind.values():
            for alias in sorted(items, key=lambda a: (not a.is_acronym, len(a.text), a.text)):
                self._names[alias.iri].append(alias.text)

    def names(self, iri: str) -> list[str]:
        """The names of one entity, acronyms and short names first."""
        return self._names.get(iri, [])

    def find(
        self, text: str, *, prefer_prefix: str | None = None, kinds: Iterable[str] | None = None
    ) -> list[EntityMention]:
        """Mentions in text order; within a kind, non-overlapping and longest first.

        ``prefer_prefix`` (e.g. ``"organ/oas"``) settles an alias that names several things
        ("Assemblée générale": the OAS's or the UN's) in favour of the document's organisation.
        """
        folded = _tokens(fold(text))
        exact = _tokens(text)
        wanted = set(kinds) if kinds is not None else set(self._indexes)
        found: list[EntityMention] = []
        for kind, index in self._indexes.items():
            if kind in wanted:
                found.extend(_scan(index, folded, exact, prefer_prefix))
        return sorted(found, key=lambda m: (m.start, m.end, m.kind))


def _scan(
    index: _Index, folded: list[Token], exact: list[Token], prefer_prefix: str | None
) -> Iterable[EntityMention]:
    i = 0
    while i < len(folded):
        match = index.match_at(folded, exact, i)
        if match is None:
            i += 1
            continue
        length, is_acronym, candidates = match
        start, end = folded[i][0], folded[i + length - 1][1]
        iri, kind = _choose(candidates, prefer_prefix)
        yield EntityMention(start, end, iri, kind, is_acronym, len(candidates) > 1)
        i += length


def _contiguous_run(tokens: list[Token], i: int, limit: int) -> int:
    """How many tokens from ``i`` (at most ``limit``) follow each other within one line.

    Tokens of one alias may be separated by a space or two, but not by a line break or a cell.
    """
    length = 1
    while length < limit and tokens[i + length][0] - tokens[i + length - 1][1] <= 2:
        length += 1
    return length


def _word_bounded(tokens: list[Token], i: int, length: int) -> bool:
    """An acronym glued to a hyphen or slash ("CP/CSH-1933") is part of a symbol, not a name."""
    before = tokens[i - 1] if i > 0 else None
    after = tokens[i + length] if i + length < len(tokens) else None
    if before and before[1] == tokens[i][0] and before[2] in "/-":
        return False
    return not (after and after[0] == tokens[i + length - 1][1] and after[2] in "/-")


def _choose(candidates: set[tuple[str, str]], prefer_prefix: str | None) -> tuple[str, str]:
    ordered = sorted(candidates)
    if prefer_prefix:
        preferred = [c for c in ordered if prefer_prefix in c[0]]
        if preferred:
            return preferred[0]
    return ordered[0]


def dominant_prefix(mentions: Iterable[EntityMention]) -> str | None:
    """The organisation most of a document's unambiguous organ mentions belong to.

    A work plan of an OAS committee names OAS organs far more than UN ones; that is the context
    in which an ambiguous "Assemblée générale" is read.
    """
    counts: Counter[str] = Counter()
    for mention in mentions:
        if mention.kind == "organ" and not mention.ambiguous:
            slug = mention.iri.rsplit("/", 1)[-1]
            counts[slug.split("-", 1)[0]] += 1
    if not counts:
        return None
    return f"organ/{counts.most_common(1)[0][0]}"
