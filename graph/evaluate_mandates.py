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
because only the held-out figures say how the grammar does on text nobody tuned it to; the list
of disagreements (``--errors``, :func:`tuning_errors`) covers the tuning split only.

Run: ``.venv/bin/python -m graph.evaluate_mandates [GOLD_DIR] [--language fr] [--errors]``.
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
                      read: Reader | None = None, language: str | None = None) -> list[FieldScore]:
    """Scores per field of the grammar's readings of the gold paragraphs of ``split``.

    ``read`` defaults to :func:`graph.grammar.read_mandate`; a test passes its own reader.
    ``language`` ("en", "fr", "es") keeps the paragraphs of one language.
    """
    scores = {name: FieldScore(name) for name in FIELDS}
    for record, reading in _readings(gold_dir, split, read, language):
        for name, (gold, predicted, matched) in field_counts(record, reading).items():
            scores[name].gold += gold
            scores[name].predicted += predicted
            scores[name].matched += matched
    return [scores[name] for name in FIELDS]


def tuning_errors(gold_dir: Path = GOLD_DIR, *, read: Reader | None = None) -> list[str]:
    """Where the grammar and the gold differ, one line a field, on the TUNING split only.

    The held-out paragraphs are never listed: a rule written from their errors would make the
    held-out figures measure the tuning instead of the grammar.
    """
    lines = []
    for record, reading in _readings(gold_dir, "tuning", read, None):
        for name, (gold, predicted, matched) in field_counts(record, reading).items():
            if matched < max(gold, predicted):
                lines.append(f"{record['id']} {name}: gold {_gold_view(record, name)}"
                             f" | read {_reading_view(reading, name)}")
    return lines


def _readings(gold_dir: Path, split: str | None, read: Reader | None,
              language: str | None) -> Iterable[tuple[dict[str, Any], Any]]:
    if read is None:
        from graph.grammar import read_mandate

        read = read_mandate
    for record in load_gold(gold_dir, split):
        if language and record["language"] != language:
            continue
        adopted = datetime.date.fromisoformat(record["adopted"]) if record.get("adopted") else None
        yield record, read(record["text"], record["language"], adopted=adopted,
                           issuer=record.get("organ"))


def field_counts(record: dict[str, Any], reading: Any) -> dict[str, tuple[int, int, int]]:
    """Per field, one paragraph's (gold, predicted, matched) item counts."""
    return {
        "act": _count({record["act"]} - {None}, {reading.act} - {None}),
        "creates mandate": _count({True} if record["creates_mandate"] else set(),
                                  {True} if reading.creates_mandate else set()),
        "addressees": _count_parties(record["addressees"], reading.addressees),
        "deadline": _count(_gold_deadline(record["deadline"]), _deadline(reading.deadline)),
        "periodicity": _count(
            {record["periodicity"]["duration"]} if record["periodicity"] else set(),
            {reading.periodicity.duration} if reading.periodicity else set()),
        "report to": _count_parties(record["report_to"], reading.report_to),
    }


def _gold_view(record: dict[str, Any], name: str) -> str:
    if name in ("addressees", "report to"):
        parties = record["addressees" if name == "addressees" else "report_to"]
        return "; ".join(f"{p['iri'] or '?'} {p['quote']!r}" for p in parties) or "-"
    if name == "deadline":
        return str(sorted(_gold_deadline(record["deadline"]))) if record["deadline"] else "-"
    if name == "periodicity":
        return record["periodicity"]["duration"] if record["periodicity"] else "-"
    return str(record["creates_mandate"] if name == "creates mandate" else record["act"])


def _reading_view(reading: Any, name: str) -> str:
    if name in ("addressees", "report to"):
        parties = reading.addressees if name == "addressees" else reading.report_to
        return "; ".join(f"{p.iri or '?'} {p.text!r}" for p in parties) or "-"
    if name == "deadline":
        return str(sorted(_deadline(reading.deadline))) if reading.deadline else "-"
    if name == "periodicity":
        return reading.periodicity.duration if reading.periodicity else "-"
    return str(reading.creates_mandate if name == "creates mandate" else reading.act)


def _count(gold: set[Any], predicted: set[Any]) -> tuple[int, int, int]:
    return len(gold), len(predicted), len(gold & predicted)


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


def _count_parties(gold: list[dict[str, Any]], predicted: Iterable[Any]) -> tuple[int, int, int]:
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
    return (len(gold_iris) + len(gold_unresolved),
            len(predicted_iris) + len([p for p in predicted if not p.iri]), matched)


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
    parser.add_argument("--language", choices=("en", "fr", "es"))
    parser.add_argument("--errors", action="store_true",
                        help="list the disagreements on the tuning split (never the held-out)")
    args = parser.parse_args()
    if args.errors:
        print("\n".join(tuning_errors(args.gold_dir)))
        return
    print(format_mandate_scores(
        evaluate_mandates(args.gold_dir, split="tuning", language=args.language),
        evaluate_mandates(args.gold_dir, split="heldout", language=args.language)))


if __name__ == "__main__":
    main()
