"""Requests that repeat an earlier one: near-duplicate tasks given to the same body.

The UN's mandate review asks for "flagging potential duplication before it happens": a
paragraph that asks the Secretary-General for a report the Assembly already asked for two
sessions before. This module finds such pairs across resolutions, once every source graph of a
build is loaded, from what the grammar stated: each mandate's addressees (``mg:assignedTo``) and
its task in English (``mg:actionText``, the language every UN resolution has).

How the similarity is measured, and why:

* the tasks are compared as TF-IDF vectors of their words and word pairs (scikit-learn), with
  English stop words left out and sublinear term frequencies, so that "submit a report on the
  implementation of this resolution" weighs its rare words ("implementation", the subject) over
  the formula every request shares; the cosine of two vectors is the score (0–1);
* only tasks given to one same body are compared: a duplicate request is one the same body
  receives twice;
* each mandate is linked to at most :data:`EARLIER_PER_MANDATE` earlier mandates, its closest,
  from other resolutions, at or above :data:`MIN_SIMILARITY`: a formula repeated in a hundred
  resolutions gives a hundred links to their predecessors, not ten thousand pairs.

The pairs are statements of the named graph ``graph/corpus-index`` (``mg:MandateOverlap``, with
``mg:laterMandate``, ``mg:earlierMandate``, ``mg:similarity`` and ``mg:sharedAddressee``); the
named query ``overlapping-mandates`` lists them above a threshold, with the two texts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import pyoxigraph as ox

from graph.namespaces import MG, RDF_TYPE, XSD
from graph.queries import query_text
from graph.store.interface import PatternStore

#: pairs scoring below this are not stated; the named query's threshold filters above it
MIN_SIMILARITY = 0.5
#: the closest earlier mandates each mandate is linked to
EARLIER_PER_MANDATE = 3
#: rows of the similarity matrix computed at once (memory: rows × group size floats)
_CHUNK = 512


@dataclass(frozen=True)
class Candidate:
    """A mandate as the comparison sees it: who must act, under which resolution, when, what."""

    mandate: str
    addressee: str
    resolution: str
    date: str
    text: str


@dataclass(frozen=True)
class Overlap:
    """A later mandate whose task is close to an earlier one's, given to the same bodies."""

    later: str
    earlier: str
    similarity: float
    addressees: tuple[str, ...]


def find_overlaps(
    candidates: Iterable[Candidate],
    *,
    min_similarity: float = MIN_SIMILARITY,
    per_mandate: int = EARLIER_PER_MANDATE,
) -> list[Overlap]:
    """The near-duplicate pairs among ``candidates``, later mandate first, best first per
    mandate; a pair found through several shared addressees is one overlap naming them all."""
    rows = sorted(set(candidates), key=lambda c: (c.date, c.resolution, c.mandate, c.addressee))
    texts = sorted({c.text for c in rows})
    if len(rows) < 2:
        return []
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectors = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words="english")
    try:
        matrix = vectors.fit_transform(texts)
    except ValueError:  # no word but stop words in any task: nothing to compare
        return []
    row_of_text = {text: i for i, text in enumerate(texts)}
    groups: dict[str, list[Candidate]] = {}
    for c in rows:
        groups.setdefault(c.addressee, []).append(c)
    found: dict[tuple[str, str], tuple[float, set[str]]] = {}
    for addressee, group in groups.items():
        for later, earlier, score in _closest_earlier(
            group, matrix[[row_of_text[c.text] for c in group]], min_similarity, per_mandate
        ):
            best, shared = found.setdefault((later, earlier), (score, set()))
            found[(later, earlier)] = (max(best, score), shared | {addressee})
    pairs = [Overlap(later, earlier, round(score, 3), tuple(sorted(shared)))
             for (later, earlier), (score, shared) in found.items()]
    return _keep_closest(pairs, per_mandate)


def _closest_earlier(
    group: Sequence[Candidate], matrix, min_similarity: float, per_mandate: int  # type: ignore[no-untyped-def]
) -> Iterable[tuple[str, str, float]]:
    """For each mandate of one body's ``group`` (in adoption order), its closest earlier
    mandates of other resolutions: ``(later, earlier, cosine)``."""
    import numpy as np

    resolutions = {r: i for i, r in enumerate(sorted({c.resolution for c in group}))}
    resolution = np.array([resolutions[c.resolution] for c in group])
    for start in range(0, len(group), _CHUNK):
        block = (matrix[start:start + _CHUNK] @ matrix[: start + _CHUNK].T).toarray()
        for offset, scores in enumerate(block):
            i = start + offset
            earlier = scores[:i]
            keep = np.flatnonzero((earlier >= min_similarity) & (resolution[:i] != resolution[i]))
            if not keep.size:
                continue
            best = keep[np.lexsort((keep, -earlier[keep]))][:per_mandate]
            for j in best:
                yield group[i].mandate, group[int(j)].mandate, min(float(earlier[j]), 1.0)


def _keep_closest(pairs: list[Overlap], per_mandate: int) -> list[Overlap]:
    by_later: dict[str, list[Overlap]] = {}
    for pair in pairs:
        by_later.setdefault(pair.later, []).append(pair)
    kept = []
    for later in sorted(by_later):
        ranked = sorted(by_later[later], key=lambda p: (-p.similarity, p.earlier))
        kept.extend(ranked[:per_mandate])
    return kept


def read_candidates(store: PatternStore) -> list[Candidate]:
    """The mandates of every source graph of ``store`` with an addressee and an English task."""
    query = query_text("derived/overlap-candidates")
    return [
        Candidate(row["mandate"].value, row["addressee"].value, row["resolution"].value,
                  row["date"].value, row["text"].value)
        for row in store.query(query)  # type: ignore[union-attr]
    ]


def overlap_quads(overlaps: Iterable[Overlap], graph: ox.NamedNode, base: str) -> list[ox.Quad]:
    """The statements of ``overlaps``: one ``mg:MandateOverlap`` node per pair, its IRI made
    from the two mandates' so that a rebuild names the same pair alike."""
    kind = ox.NamedNode(MG + "MandateOverlap")
    later_p, earlier_p = ox.NamedNode(MG + "laterMandate"), ox.NamedNode(MG + "earlierMandate")
    score_p, shared_p = ox.NamedNode(MG + "similarity"), ox.NamedNode(MG + "sharedAddressee")
    decimal = ox.NamedNode(XSD + "decimal")
    quads = []
    for pair in overlaps:
        key = hashlib.sha256(f"{pair.later} {pair.earlier}".encode()).hexdigest()[:16]
        node = ox.NamedNode(f"{base}overlap/{key}")
        score = format(Decimal(str(pair.similarity)).quantize(Decimal("0.001")), "f")
        quads += [
            ox.Quad(node, ox.NamedNode(RDF_TYPE), kind, graph),
            ox.Quad(node, later_p, ox.NamedNode(pair.later), graph),
            ox.Quad(node, earlier_p, ox.NamedNode(pair.earlier), graph),
            ox.Quad(node, score_p, ox.Literal(score, datatype=decimal), graph),
        ]
        quads += [ox.Quad(node, shared_p, ox.NamedNode(a), graph) for a in pair.addressees]
    return quads
