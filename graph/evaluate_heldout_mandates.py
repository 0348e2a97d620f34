"""The mandates a held-out text states, and whether the graph ties each to its provision and organ.

The held-out gold (``tests/heldout/gold``) has a category ``stated_mandate``: one record per
mandate a text states, with the span of the paragraph (or table row) that states it and, as its
value, the resolution, the paragraph number and the organ that must carry it out. For each such
record this module asks the graph built from the texts, through
``queries/eval/heldout/stated-mandates.rq``, three questions, counting only what the graph reads
*from that document* (a mandate whose evidence comes from the document):

* **tied to its resolution**: a mandate of the document is established by that paragraph of that
  resolution (``mg:establishes`` from a provision ``mg:provisionOf`` the resolution, with that
  ``mg:paragraphNumber``);
* **tied to its organ**: a mandate of the document is ``mg:assignedTo`` that organ, by evidence
  of the document, and it is the mandate of that paragraph, or some evidence of it lies within
  the stated paragraph's span (a paragraph read as another resolution's still counts here);
* **both**: one mandate is established by that paragraph of that resolution and assigned to
  that organ.

A stated mandate counts once however many mandates match. ``found`` is the number of distinct
mandates the graph reads from the document, stated or not, to put the figures in proportion.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.evaluate import read_gold
from graph.queries import query_text
from graph.store import OxigraphStore

CATEGORY = "stated_mandate"


@dataclass(frozen=True)
class StatedMandate:
    """One mandate a text states: where, by which paragraph of which resolution, to which organ."""

    doc: str
    start: int
    end: int
    resolution: str
    paragraph: str
    organ: str


@dataclass
class ReadMandate:
    """What the graph reads from one document about one mandate."""

    provision: tuple[str, str]
    organs: set[str] = field(default_factory=set)
    spans: set[tuple[int, int]] = field(default_factory=set)


@dataclass(frozen=True)
class TextScore:
    """Counts for one document; ``found`` is every mandate the graph reads from it."""

    doc: str
    stated: int
    resolution: int
    organ: int
    both: int
    found: int


@dataclass(frozen=True)
class Outcome:
    """How one stated mandate fared."""

    mandate: StatedMandate
    resolution: bool
    organ: bool
    both: bool


def _stated(record: Any) -> StatedMandate | None:
    if record["category"] != CATEGORY:
        return None
    value = record["value"]
    return StatedMandate(
        record["doc"], int(record["start"]), int(record["end"]),
        str(value["resolution"]), str(value["paragraph"]), str(value["organ"]))


def load_stated(gold_dir: Path) -> list[StatedMandate]:
    """Every ``stated_mandate`` record of the ``*.jsonl`` files of ``gold_dir``."""
    return read_gold(gold_dir, _stated)


def _relative(term: ox.NamedNode | ox.Literal | None, base: str) -> str | None:
    if term is None:
        return None
    value = term.value
    return value[len(base):] if value.startswith(base) else value


def read_mandates(store: OxigraphStore, base: str) -> dict[str, dict[str, ReadMandate]]:
    """Per document stem, the mandates the graph reads from it, by mandate IRI."""
    result = store.query(query_text("eval/heldout/stated-mandates"))
    found: dict[str, dict[str, ReadMandate]] = defaultdict(dict)
    for row in result:  # type: ignore[union-attr]
        doc = str(_relative(row["doc"], base)).rsplit("/", 1)[-1]
        mandate = str(_relative(row["mandate"], base))
        provision = (str(_relative(row["instrument"], base)), str(row["paragraph"].value))
        read = found[doc].setdefault(mandate, ReadMandate(provision))
        read.spans.add((int(row["start"].value), int(row["end"].value)))
        organ = _relative(row["organ"], base)
        if organ is not None:
            read.organs.add(organ)
    return dict(found)


def judge(stated: StatedMandate, read: dict[str, ReadMandate]) -> Outcome:
    """Whether the mandates read from the stated mandate's document tie it up."""
    wanted = (stated.resolution, stated.paragraph)
    here = [m for m in read.values() if m.provision == wanted]
    within = [m for m in read.values()
              if any(start < stated.end and stated.start < end for start, end in m.spans)]
    return Outcome(
        stated,
        resolution=bool(here),
        organ=any(stated.organ in m.organs for m in here + within),
        both=any(stated.organ in m.organs for m in here),
    )


def score(stated: Iterable[StatedMandate],
          read: dict[str, dict[str, ReadMandate]]) -> tuple[list[TextScore], list[Outcome]]:
    """Per document (in name order): stated, tied to resolution, to organ, to both; and each
    stated mandate's outcome."""
    by_doc: dict[str, list[StatedMandate]] = defaultdict(list)
    for mandate in stated:
        by_doc[mandate.doc].append(mandate)
    scores, outcomes = [], []
    for doc in sorted(by_doc):
        judged = [judge(m, read.get(doc, {})) for m in by_doc[doc]]
        outcomes += judged
        scores.append(TextScore(
            doc, len(judged), sum(o.resolution for o in judged), sum(o.organ for o in judged),
            sum(o.both for o in judged), len(read.get(doc, {}))))
    return scores, outcomes


def evaluate_stated(store: OxigraphStore, gold_dir: Path, base: str,
                    documents: set[str] | None = None) -> tuple[list[TextScore], list[Outcome]]:
    """Score the stated mandates of ``gold_dir`` (of ``documents`` only, if given) on a store."""
    stated = [m for m in load_stated(gold_dir) if documents is None or m.doc in documents]
    return score(stated, read_mandates(store, base))


def total(scores: Iterable[TextScore]) -> TextScore:
    """The sum over documents."""
    scores = list(scores)
    return TextScore("all", *(sum(getattr(s, name) for s in scores)
                              for name in ("stated", "resolution", "organ", "both", "found")))


def format_text_scores(scores: list[TextScore]) -> str:
    """One row per document and a total: stated, tied to resolution, organ, both, found."""
    head = (f"{'stated mandates':<30}{'stated':>8}{'resolution':>12}{'organ':>8}{'both':>8}"
            f"{'found':>8}")
    lines = [head, "-" * len(head)]
    for s in [*scores, total(scores)] if scores else []:
        lines.append(f"{s.doc:<30}{s.stated:>8}{s.resolution:>12}{s.organ:>8}{s.both:>8}"
                     f"{s.found:>8}")
    return "\n".join(lines) + "\n"


def format_outcomes(outcomes: Iterable[Outcome], texts: dict[str, str]) -> str:
    """The stated mandates not tied on both counts, one a line, with what is missing."""
    lines = []
    for o in outcomes:
        if o.both:
            continue
        checks = (("resolution", o.resolution), ("organ", o.organ))
        missing = " and ".join(name for name, ok in checks if not ok)
        why = f"not tied to {missing}" if missing else "tied, but not by one mandate"
        m = o.mandate
        quote = texts.get(m.doc, "")[m.start:m.end].replace("\n", " ")
        lines.append(f"missed\t{m.doc}\t{m.start}\t{quote[:60]!r}\t"
                     f"{m.resolution} ¶{m.paragraph} → {m.organ}\t{why}")
    return "\n".join(lines) if lines else "every stated mandate is tied to its resolution and organ"
