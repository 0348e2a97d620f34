"""Precision, recall and F1 of extraction against a hand annotation (``tests/gold/``).

What is measured is the graph a build produces, not the recognisers' internals: each category
has a query in ``queries/eval/`` that reads the evidence of the extracted statements back out
of the store (document, span, value). A prediction matches a gold annotation of the same
document and category when their spans overlap and their values agree; each annotation is
matched at most once.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

import pyoxigraph as ox

from graph.config import QUERIES_DIR
from graph.extract.periods import months_of
from graph.normalize import fold
from graph.queries import query_text
from graph.store import OxigraphStore

Parsed = TypeVar("Parsed")

EVAL_QUERIES = QUERIES_DIR / "eval"


def category_queries() -> list[Path]:
    """The queries of ``queries/eval/`` that read one gold category back: not the ``akn-*``
    ones, which :mod:`graph.evaluate_akn` reads (a plain-text resolution gives them rows)."""
    return sorted(p for p in EVAL_QUERIES.glob("*.rq") if not p.stem.startswith("akn-"))


class GoldError(Exception):
    """A gold file is malformed; the message names the file and line."""


@dataclass(frozen=True)
class Item:
    doc: str
    start: int
    end: int
    key: Any


class Rates:
    """Precision, recall and F1 of a score, from the four numbers its ``counts`` gives: gold
    items, predicted items, gold items matched, predicted items matched (one figure where a
    match pairs one gold item with one predicted item)."""

    def counts(self) -> tuple[int, int, int, int]:
        raise NotImplementedError

    @property
    def precision(self) -> float:
        _, predicted, _, matched = self.counts()
        return matched / predicted if predicted else 0.0

    @property
    def recall(self) -> float:
        gold, _, matched, _ = self.counts()
        return matched / gold if gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Score(Rates):
    """One category's counts; ``extracted`` is False when no query reads it from the graph."""

    category: str
    gold: int
    predicted: int
    matched_gold: int
    matched_predicted: int
    extracted: bool = True

    def counts(self) -> tuple[int, int, int, int]:
        return self.gold, self.predicted, self.matched_gold, self.matched_predicted


def _decimal(text: Any) -> Decimal | None:
    try:
        return Decimal(str(text)).normalize()
    except (InvalidOperation, ValueError):
        return None


def gold_key(category: str, value: Any) -> Any:
    """The part of a gold value a prediction must agree with."""
    if category in {"dated_meeting"}:
        return value.get("start")
    if category == "paragraph_mandate":
        return (value.get("instrument"), str(value.get("paragraph")))
    if category == "meeting_mandate_link":
        return (value.get("meeting_start"), value.get("instrument"), str(value.get("paragraph")))
    if category == "amount":
        return (_decimal(value.get("value")), value.get("currency"))
    if category == "budget_line":
        return (_decimal(value.get("value")), value.get("year"))
    if category == "reporting_deadline":
        return value.get("month_day") or value.get("date")
    if category == "officer":
        return fold(str(value.get("person", "")))
    if category == "axis":
        return int(value.get("number"))
    if category == "activity":
        return None
    if category == "action_plan_item":
        return str(value.get("number"))
    if category == "period":
        return (value.get("start"), value.get("end"))
    return value


def _term(term: Any, base: str) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value[len(base) :] if term.value.startswith(base) else term.value
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def predicted_key(category: str, row: dict[str, Any]) -> Any:
    """The comparable value of one prediction row (terms already made relative)."""
    if category == "dated_meeting":
        return str(row["value"])[:10]
    if category == "paragraph_mandate":
        return (row["instrument"], row["paragraph"])
    if category == "meeting_mandate_link":
        return (str(row["meeting_start"])[:10], row["instrument"], row["paragraph"])
    if category == "amount":
        return (_decimal(row["value"]), row["currency"])
    if category == "budget_line":
        return (_decimal(row["value"]), int(row["year"]) if row.get("year") else None)
    if category == "reporting_deadline":
        return row.get("month_day") or (str(row["date"])[:10] if row.get("date") else None)
    if category == "officer":
        return fold(str(row["value"]))
    if category == "axis":
        return int(row["value"])
    if category == "activity":
        return None
    if category == "period":
        return months_of(str(row["value"]))
    return row["value"]


def read_gold(gold_dir: Path, parse: Callable[[Any], Parsed | None]) -> list[Parsed]:
    """``parse`` of every record of the ``*.jsonl`` files of ``gold_dir``, those it returns None
    for left out; a record it cannot read is a :class:`GoldError` that names its file and line."""
    found: list[Parsed] = []
    for path in sorted(gold_dir.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                parsed = parse(json.loads(line))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as err:
                raise GoldError(f"{path}:{number}: not a gold record ({err})") from err
            if parsed is not None:
                found.append(parsed)
    return found


def _gold_item(record: Any) -> tuple[str, Item]:
    category = record["category"]
    key = gold_key(category, record["value"])
    return category, Item(record["doc"], int(record["start"]), int(record["end"]), key)


def load_gold(gold_dir: Path) -> dict[str, list[Item]]:
    """Gold items by category, from every ``*.jsonl`` of ``gold_dir``."""
    items: dict[str, list[Item]] = defaultdict(list)
    for category, item in read_gold(gold_dir, _gold_item):
        items[category].append(item)
    return items


def categories(gold_dir: Path) -> list[str]:
    """Every category eval can score: those of the gold and those a query reads back."""
    return sorted(set(load_gold(gold_dir)) | {path.stem for path in category_queries()})


def predictions(store: OxigraphStore, base: str) -> dict[str, list[Item]]:
    """Predicted items by category, read back from the built graph."""
    found: dict[str, list[Item]] = {}
    for query_file in category_queries():
        category = query_file.stem
        result = store.query(query_text(query_file.stem, EVAL_QUERIES))
        names = [v.value for v in result.variables]  # type: ignore[union-attr]
        items = []
        for solution in result:  # type: ignore[union-attr]
            row = {name: _term(solution[name], base) for name in names}
            doc = str(row["doc"]).rsplit("/", 1)[-1]
            items.append(
                Item(doc, int(row["start"]), int(row["end"]), predicted_key(category, row))
            )
        found[category] = sorted(set(items), key=lambda i: (i.doc, i.start, i.end, str(i.key)))
    return found


def _match(gold: list[Item], predicted: list[Item]) -> tuple[int, int]:
    """(gold items matched, predicted items matched), one-to-one, overlap + equal value."""
    missed, wrong = mismatches(gold, predicted)
    return len(gold) - len(missed), len(predicted) - len(wrong)


def mismatches(gold: list[Item], predicted: list[Item]) -> tuple[list[Item], list[Item]]:
    """(gold items no prediction matched, predictions that matched no gold item)."""
    by_doc: dict[str, list[Item]] = defaultdict(list)
    for item in gold:
        by_doc[item.doc].append(item)
    used: set[int] = set()
    wrong: list[Item] = []
    for pred in predicted:
        for candidate in by_doc.get(pred.doc, []):
            if id(candidate) in used:
                continue
            overlaps = candidate.start < pred.end and pred.start < candidate.end
            if overlaps and candidate.key == pred.key:
                used.add(id(candidate))
                break
        else:
            wrong.append(pred)
    return [g for g in gold if id(g) not in used], wrong


def evaluate(
    store: OxigraphStore, gold_dir: Path, base: str, documents: set[str] | None = None
) -> tuple[list[Score], dict[str, tuple[list[Item], list[Item]]]]:
    """One score per category present in the gold or in the predictions, and the errors."""
    gold = load_gold(gold_dir)
    predicted = predictions(store, base)
    if documents is not None:
        gold = {c: [i for i in items if i.doc in documents] for c, items in gold.items()}
        predicted = {c: [i for i in items if i.doc in documents] for c, items in predicted.items()}
    errors = {
        c: mismatches(gold.get(c, []), predicted.get(c, [])) for c in set(gold) | set(predicted)
    }
    scores = []
    for category in sorted(set(gold) | set(predicted)):
        g, p = gold.get(category, []), predicted.get(category, [])
        matched_gold, matched_predicted = _match(g, p)
        scores.append(
            Score(category, len(g), len(p), matched_gold, matched_predicted, category in predicted)
        )
    return scores, errors


def format_scores(scores: list[Score]) -> str:
    """An aligned table: category, gold, predicted, precision, recall, F1 ("-" if undefined).

    A gold category that no query of ``queries/eval/`` reads is marked as not extracted, so
    that its recall of 0 is not taken for a recogniser that finds nothing.
    """

    def cell(value: float, defined: bool) -> str:
        return f"{value:>7.2f}" if defined else f"{'-':>7}"

    lines = [f"{'category':<22}{'gold':>6}{'found':>7}{'P':>7}{'R':>7}{'F1':>7}"]
    for s in scores:
        lines.append(
            f"{s.category:<22}{s.gold:>6}{s.predicted:>7}"
            f"{cell(s.precision, s.predicted > 0)}{cell(s.recall, s.gold > 0)}"
            f"{cell(s.f1, s.predicted > 0 and s.gold > 0)}"
            + ("" if s.extracted else f"  not extracted: no queries/eval/{s.category}.rq")
        )
    return "\n".join(lines)


def format_errors(
    errors: dict[str, tuple[list[Item], list[Item]]], category: str, texts: dict[str, str]
) -> str:
    """The missed and the wrong items of one category, one a line, with their quotes."""
    missed, wrong = errors.get(category, ([], []))
    lines = []
    for label, items in (("missed", missed), ("wrong", wrong)):
        for item in items:
            quote = texts.get(item.doc, "")[item.start : item.end].replace("\n", " ")
            lines.append(f"{label}\t{item.doc}\t{item.start}\t{quote[:60]!r}\t{item.key}")
    return "\n".join(lines) if lines else f"no missed or wrong items in {category}"
