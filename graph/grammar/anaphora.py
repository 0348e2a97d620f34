"""Bodies a paragraph names by a common noun, resolved from what the resolution named before:
"the Committee", "le Groupe d'experts", "the Monitoring Team", "la Misión".

A Security Council resolution names its sanctions committee or its mission in full once ("the
Committee established pursuant to resolution 2127 (2013)", "UNMISS") and then says "the
Committee", "the Mission". Such a noun (the "anaphor" rows of ``addressee-phrases.tsv``, each
with the kind of body it stands for) is resolved to the body of that kind named last before it,
in the resolution's earlier text or earlier in the paragraph. When nothing of that kind was
named, it stays unresolved: the grammar does not guess, but :func:`common_body` still says where
the noun ends, as it does for the "body" rows (bodies with no IRI convention: "troop-contributing
countries"), so that the body is read as one addressee or recipient without an IRI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from graph.grammar.names import (
    NameMatch,
    fold_text,
    is_known,
    known_iris,
    mission_iris,
    name_mentions,
)
from graph.grammar.tables import load_table, translate

__all__ = ["common_body", "resolve_anaphor"]

TABLE = "addressee-phrases.tsv"


@dataclass(frozen=True)
class _Anaphor:
    pattern: re.Pattern[str]
    kind: str


@cache
def _anaphors(language: str) -> tuple[_Anaphor, ...]:
    rows = load_table(TABLE).get((language, "anaphor"), [])
    return tuple(_Anaphor(re.compile(translate(p) + r"(?!\w)"), kind) for p, kind in rows)


@cache
def _bodies(language: str) -> tuple[re.Pattern[str], ...]:
    rows = load_table(TABLE).get((language, "body"), [])
    return (*(a.pattern for a in _anaphors(language)),
            *(re.compile(translate(p) + r"(?!\w)") for p, _ in rows))


def common_body(text: str, pos: int, language: str) -> int | None:
    """Where a body named by a common noun or a fixed phrase at ``pos`` ends ("the Committee",
    "troop-contributing countries"), the longest reading, or None."""
    ends = [m.end() for p in _bodies(language) if (m := p.match(text, pos))]
    return max(ends) if ends else None


@cache
def _kinds() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(IRI path pattern, kind): the "kind" rows, the same for every language."""
    return tuple((re.compile(p + r"\Z"), kind)
                 for p, kind in load_table(TABLE).get(("en", "kind"), []))


def _kind(iri: str) -> str | None:
    for pattern, kind in _kinds():
        if pattern.match(iri):
            return kind
    return "mission" if iri in mission_iris() else None


@cache
def _referable() -> frozenset[str]:
    """The IRI paths of the reference data that an anaphor may stand for."""
    return frozenset(iri for iri in known_iris() if _kind(iri) is not None)


@lru_cache(maxsize=16)
def _named(context: str, language: str, issuer: str | None) -> tuple[tuple[int, str, str], ...]:
    """(end, kind, IRI) of every committee, panel or mission named in ``context``."""
    found = []
    for mention in name_mentions(context, fold_text(context), language, issuer,
                                 among=_referable()):
        kind = _kind(mention.iri or "")
        if kind is not None and mention.iri is not None:
            found.append((mention.end, kind, mention.iri))
    return tuple(found)


def resolve_anaphor(text: str, pos: int, language: str, issuer: str | None,
                    context: str) -> NameMatch | None:
    """The body a common noun at ``pos`` of ``text`` stands for, named last before it in
    ``context`` (the resolution before the paragraph) or in ``text`` before ``pos``."""
    for anaphor in _anaphors(language):
        m = anaphor.pattern.match(text, pos)
        if m is None:
            continue
        earlier = [*_named(context, language, issuer),
                   *((len(context) + end, kind, iri)
                     for end, kind, iri in _named(text[:pos], language, issuer))]
        referents = [iri for _, kind, iri in sorted(earlier) if kind == anaphor.kind]
        if referents:
            iri = referents[-1]
            return NameMatch(pos, m.end(), iri, is_known(iri))
    return None

