"""Organs, states and conventions by name, acronym or alias: a longest-match gazetteer.

The names come from the reference data (labels, alternative labels and acronyms in French,
English and Spanish), so a new alias is added to a Turtle file, not to code. Names are matched
on folded text (case and accents ignored, one character for one, so offsets are unchanged);
acronyms are matched case-sensitively, since "CIDH" is an organ and "cidh" in a URL is not.

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
#: aliases made only of such tokens are too generic to be names on their own
_GENERIC = {
    "commission",
    "comite",
    "conseil",
    "secretariat",
    "bureau",
    "departement",
    "conference",
    "convention",
    "programme",
    "assemblee",
    "mecanisme",
    "plan",
    "etat",
    "etats",
    "partie",
    "parties",
    "de",
    "du",
    "des",
    "la",
    "le",
    "les",
    "l",
    "'",
    "et",
    "sur",
    "pour",
}


class AliasLike(Protocol):
    """What the gazetteer needs of a reference alias."""

    text: str
    iri: str
    kind: str
    is_acronym: bool


@dataclass(frozen=True)
class EntityMention:
    """A named mention of an organ, state or convention, in offsets of the text searched."""

    start: int
    end: int
    iri: str
    kind: str
    is_acronym: bool
    ambiguous: bool


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


class Gazetteer:
    """Longest-match lookup of reference aliases in a text."""

    def __init__(self, aliases: Iterable[AliasLike]) -> None:
        self._entries: dict[tuple[bool, tuple[str, ...]], set[tuple[str, str]]] = defaultdict(set)
        # longest alias (in tokens) starting with a given first token, per matching mode: the
        # scan only tries lengths that some alias really has, which keeps it linear in practice
        self._longest_from: dict[tuple[bool, str], int] = {}
        for alias in aliases:
            if alias.is_acronym:
                key = tuple(tok for _, _, tok in _tokens(alias.text))
                if not key or len(alias.text) < 2:
                    continue
            else:
                key = tuple(tok for _, _, tok in _tokens(fold(alias.text)))
                if not key or set(key) <= _GENERIC:
                    continue
            self._entries[(alias.is_acronym, key)].add((alias.iri, alias.kind))
            first = (alias.is_acronym, key[0])
            self._longest_from[first] = max(self._longest_from.get(first, 0), len(key))

    def find(self, text: str, *, prefer_prefix: str | None = None) -> list[EntityMention]:
        """Non-overlapping mentions, longest first at each position, in text order.

        ``prefer_prefix`` (e.g. ``"organ/oas-"``) settles an alias that names several things
        ("Assemblée générale": the OAS's or the UN's) in favour of the document's organisation.
        """
        folded = _tokens(fold(text))
        exact = _tokens(text)
        found: list[EntityMention] = []
        i = 0
        while i < len(folded):
            match = self._match_at(folded, exact, i)
            if match is None:
                i += 1
                continue
            length, is_acronym, candidates = match
            start, end = folded[i][0], folded[i + length - 1][1]
            iri, kind = _choose(candidates, prefer_prefix)
            found.append(EntityMention(start, end, iri, kind, is_acronym, len(candidates) > 1))
            i += length
        return found

    def _match_at(
        self, folded: list[tuple[int, int, str]], exact: list[tuple[int, int, str]], i: int
    ) -> tuple[int, bool, set[tuple[str, str]]] | None:
        longest_name = self._longest_from.get((False, folded[i][2]), 0)
        longest_acronym = self._longest_from.get((True, exact[i][2]), 0)
        longest = min(max(longest_name, longest_acronym), len(folded) - i)
        if longest == 0:
            return None
        reach = _contiguous_run(folded, i, longest)
        for length in range(reach, 0, -1):
            if length <= longest_name:
                names = self._entries.get((False, tuple(t for _, _, t in folded[i : i + length])))
                if names:
                    return length, False, names
            if length <= longest_acronym:
                key = tuple(t for _, _, t in exact[i : i + length])
                acronyms = self._entries.get((True, key))
                if acronyms and _word_bounded(exact, i, length):
                    return length, True, acronyms
        return None


def _contiguous_run(tokens: list[tuple[int, int, str]], i: int, limit: int) -> int:
    """How many tokens from ``i`` (at most ``limit``) follow each other within one line.

    Tokens of one alias may be separated by a space or two, but not by a line break or a cell.
    """
    length = 1
    while length < limit and tokens[i + length][0] - tokens[i + length - 1][1] <= 2:
        length += 1
    return length


def _word_bounded(tokens: list[tuple[int, int, str]], i: int, length: int) -> bool:
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
