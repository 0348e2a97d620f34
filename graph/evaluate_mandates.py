"""How far the mandate grammar agrees with the hand-annotated operative paragraphs.

The gold (tests/gold/mandates/, described in its README) holds operative paragraphs of UN
resolutions in English, French and Spanish, each annotated by reading it: the act of its opening
verb, whether it gives a task, who must act, the deadline, the periodicity and whom a report goes
to. This module runs :func:`graph.grammar.read_mandate` on each paragraph's text and scores each
field by precision, recall and F1 of its items, pooled over the paragraphs of a split:

- ``act``: one item per paragraph whose act is known, matched when the code is the same;
- ``creates mandate``: one item per paragraph that gives a task;
- ``addressees`` and ``report to``: the set of organ IRIs of a paragraph; a gold party with no IRI
  (a body the conventions give none) is matched by a predicted party without IRI whose span
  overlaps its quote — the grammar saw it and said it could not resolve it;
- ``deadline``: its kind and value (the date, the session number or the duration);
- ``periodicity``: its duration.

The split is the AKN eval's: resolutions whose number is 3 modulo 4 are held out
(``heldout.jsonl``), the others are for tuning (``tuning.jsonl``). Scores are reported per split
because only the held-out figures say how the grammar does on text nobody tuned it to.
"""

from __future__ import annotations

import argparse
import datetime
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from graph.config import PROJECT_ROOT
from graph.evaluate_akn import FieldScore

SPLITS = ("tuning", "heldout")
FIELDS = ("act", "creates mandate", "addressees", "deadline", "periodicity", "report to")
GOLD_DIR = PROJECT_ROOT / "tests" / "gold" / "mandates"

#: ``read(text, language, adopted=..., issuer=...)`` -> a MandateReading (or a stand-in with the
#: same attributes)
Reader = Callable[..., Any]


def load_gold(gold_dir: Path, split: str | None = None) -> list[dict[str, Any]]:
    """The gold records of one split, or of both when ``split`` is None."""
    if split is not None and split not in SPLITS:
        raise ValueError(f"unknown split {split!r}: one of {', '.join(SPLITS)} or None")
    records: list[dict[str, Any]] = []
    for name in (split,) if split else SPLITS:
        path = Path(gold_dir) / f"{name}.jsonl"
        with path.open(encoding="utf-8") as lines:
            records.extend(json.loads(line) for line in lines if line.strip())
    return records


def evaluate_mandates(gold_dir: Path = GOLD_DIR, *, split: str | None,
                      read: Reader | None = None) -> list[FieldScore]:
    """Scores per field of the grammar's readings of the gold paragraphs of ``split``.

    ``read`` defaults to :func:`graph.grammar.read_mandate`; a test passes its own reader.
    """
    if read is None:
        from graph.grammar import read_mandate

        read = read_mandate
    scores = {name: FieldScore(name) for name in FIELDS}
    for record in load_gold(gold_dir, split):
        adopted = datetime.date.fromisoformat(record["adopted"]) if record.get("adopted") else None
        reading = read(record["text"], record["language"], adopted=adopted,
                       issuer=record.get("organ"))
        score_reading(record, reading, scores)
    return [scores[name] for name in FIELDS]


def score_reading(record: dict[str, Any], reading: Any, scores: dict[str, FieldScore]) -> None:
    """Add one paragraph's gold and predicted items to the running scores."""
    _count(scores["act"], {record["act"]} - {None}, {reading.act} - {None})
    _count(scores["creates mandate"], {True} if record["creates_mandate"] else set(),
           {True} if reading.creates_mandate else set())
    _count_parties(scores["addressees"], record["addressees"], reading.addressees)
    _count(scores["deadline"], _gold_deadline(record["deadline"]), _deadline(reading.deadline))
    _count(scores["periodicity"],
           {record["periodicity"]["duration"]} if record["periodicity"] else set(),
           {reading.periodicity.duration} if reading.periodicity else set())
    _count_parties(scores["report to"], record["report_to"], reading.report_to)


def _count(score: FieldScore, gold: set[Any], predicted: set[Any]) -> None:
    score.gold += len(gold)
    score.predicted += len(predicted)
    score.matched += len(gold & predicted)


def _gold_deadline(deadline: dict[str, Any] | None) -> set[tuple[str, Any]]:
    if not deadline:
        return set()
    return {(deadline["kind"], deadline.get(deadline["kind"]))}


def _deadline(deadline: Any) -> set[tuple[str, Any]]:
    """The predicted deadline as (kind, value): a date as ISO text, a session, a duration."""
    if deadline is None:
        return set()
    value = getattr(deadline, deadline.kind, None)
    if isinstance(value, datetime.date):
        value = value.isoformat()
    return {(deadline.kind, value)}


def _count_parties(score: FieldScore, gold: list[dict[str, Any]], predicted: Iterable[Any]) -> None:
    """Organs by IRI; parties without IRI by overlapping span, each prediction used once."""
    predicted = list(predicted)
    gold_iris = {party["iri"] for party in gold if party["iri"]}
    predicted_iris = {party.iri for party in predicted if party.iri}
    unresolved = [party for party in predicted if not party.iri]
    matched = len(gold_iris & predicted_iris)
    gold_unresolved = [party for party in gold if not party["iri"]]
    for party in gold_unresolved:
        hit = next((p for p in unresolved if p.start < party["end"] and party["start"] < p.end),
                   None)
        if hit is not None:
            unresolved.remove(hit)
            matched += 1
    score.gold += len(gold_iris) + len(gold_unresolved)
    score.predicted += len(predicted_iris) + len([p for p in predicted if not p.iri])
    score.matched += matched


def format_mandate_scores(tuning: list[FieldScore], heldout: list[FieldScore]) -> str:
    """A text table of the scores per field, the tuning and the held-out split side by side."""
    held = {score.field: score for score in heldout}
    head = f"{'field':<16} {'tuning P / R / F1 (gold)':>26}   {'held-out P / R / F1 (gold)':>28}"
    lines = [head, "-" * len(head)]
    for score in tuning:
        other = held.get(score.field, FieldScore(score.field))
        lines.append(f"{score.field:<16} {_cells(score):>26}   {_cells(other):>28}")
    return "\n".join(lines)


def _cells(score: FieldScore) -> str:
    return (f"{score.precision:.3f} / {score.recall:.3f} / {score.f1:.3f} "
            f"({score.gold:>3})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold_dir", nargs="?", type=Path, default=GOLD_DIR)
    args = parser.parse_args()
    print(format_mandate_scores(evaluate_mandates(args.gold_dir, split="tuning"),
                                evaluate_mandates(args.gold_dir, split="heldout")))


if __name__ == "__main__":
    main()
