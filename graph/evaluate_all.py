"""Every measure of extraction in one table: the sources of gold side by side, the splits apart.

Rules tuned on the texts they are scored on prove nothing, so the table keeps apart what the
rules were written on (*tuning*) and what nobody read while writing them (*held out*):

* **corpus gold**: the five corpus documents annotated by hand (``tests/gold``), tuning;
* **held-out texts**: six short documents written for the project (``tests/heldout``), and the
  mandates their text states, each tied to its resolution's paragraph and its organ or not
  (:mod:`graph.evaluate_heldout_mandates`);
* **AKN markup**: the graph built from the UN's Akoma Ntoso files against their own markup
  (:mod:`graph.evaluate_akn`), resolutions numbered 3 modulo 4 held out;
* **plain text**: the same files rendered as their PDF reads, read by the plain-text reader and
  scored against the markup (:mod:`graph.plaintext.evaluate`), per language, same split;
* **mandate gold**: operative paragraphs annotated by hand with act, addressees, deadline,
  periodicity and report-to (``tests/gold/mandates``), scored against the grammar
  (:mod:`graph.evaluate_mandates`), same split.

Each source keeps its own scorer; this module only runs them and lines their figures up.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from graph.config import PROJECT_ROOT

if TYPE_CHECKING:
    from graph.evaluate_heldout_mandates import TextScore

TUNING, HELD_OUT = "tuning", "held out"
CORPUS_GOLD = PROJECT_ROOT / "tests" / "gold"
HELDOUT_DIR = PROJECT_ROOT / "tests" / "heldout"


class EvalError(Exception):
    """A source could not be built for scoring; the message names the files and why."""


@dataclass(frozen=True)
class Row:
    """One field of one source and split: how many gold items, how many found, how many agree."""

    source: str
    split: str
    field: str
    gold: int
    found: int
    precision: float | None
    recall: float | None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0


def _row(source: str, split: str, field: str, gold: int, found: int,
         precision: float, recall: float) -> Row:
    """A row with precision undefined when nothing was found and recall when nothing is gold."""
    return Row(source, split, field, gold, found, precision if found else None,
               recall if gold else None)


def corpus_rows(documents: list[Path], gold_dir: Path, *, source: str, split: str,
                base: str) -> list[Row]:
    """Build the documents in a scratch folder and score them against their hand gold; the
    mandates the gold says the texts state (if any) are scored by
    :mod:`graph.evaluate_heldout_mandates`, in rows of their own."""
    from graph.build import build
    from graph.evaluate import evaluate
    from graph.evaluate_heldout_mandates import CATEGORY, evaluate_stated
    from graph.store import OxigraphStore

    with tempfile.TemporaryDirectory(prefix="mandate-graph-eval-") as scratch:
        report = build(documents, build_dir=Path(scratch), base=base, validate=False)
        if report.release is None:
            raise EvalError("; ".join(report.errors) or "the build made no release")
        store = OxigraphStore(report.release / "store", read_only=True)
        scores, _errors = evaluate(store, gold_dir, base, set(report.documents))
        stated, _outcomes = evaluate_stated(store, gold_dir, base, set(report.documents))
        del store
    rows = [_row(source, split, s.category, s.gold, s.predicted, s.precision, s.recall)
            for s in scores if (s.gold or s.predicted) and s.category != CATEGORY]
    return rows + stated_rows(stated, source=source, split=split)


def stated_rows(scores: list[TextScore], *, source: str, split: str) -> list[Row]:
    """The stated mandates summed over the texts: how many are tied to their resolution's
    paragraph, to their organ, to both; ``found`` is every mandate read from the texts, and
    precision is undefined, since a mandate no gold record states is not an error."""
    from graph.evaluate_heldout_mandates import total

    if not scores:
        return []
    t = total(scores)
    return [Row(source, split, f"mandate tied: {name}", t.stated, t.found, None,
                tied / t.stated if t.stated else None)
            for name, tied in (("resolution", t.resolution), ("organ", t.organ),
                               ("both", t.both))]


def akn_rows(paths: list[Path], *, base: str) -> list[Row]:
    """The graph built from AKN files against their markup, per split."""
    from graph.build import build
    from graph.evaluate_akn import agreement, akn_documents
    from graph.store import OxigraphStore

    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="mandate-graph-akn-eval-") as scratch:
        report = build(paths, build_dir=Path(scratch), base=base, validate=False)
        if report.release is None:
            raise EvalError("; ".join(report.errors) or "the build made no release")
        store = OxigraphStore(report.release / "store", read_only=True)
        documents = akn_documents(paths)
        for split, heldout in ((TUNING, False), (HELD_OUT, True)):
            rows += [_row("AKN markup", split, s.field, s.gold, s.predicted, s.precision,
                          s.recall)
                     for s in agreement(store, documents, base=base, heldout=heldout)]
        del store
    return rows


def text_rows(paths: list[Path]) -> list[Row]:
    """AKN files rendered as plain text, read back, against their markup; per language."""
    from graph.plaintext.evaluate import text_scores

    scores, _failures = text_scores(paths)
    rows: list[Row] = []
    for language, splits in scores.items():
        for split in (TUNING, HELD_OUT):
            rows += [_row(f"plain text ({language})", split, s.field, s.gold, s.predicted,
                          s.precision, s.recall)
                     for s in splits.get(split, {}).values()]
    return rows


def mandate_rows(gold_dir: Path | None = None) -> list[Row]:
    """The grammar's reading of the hand-annotated operative paragraphs, per split."""
    from graph.evaluate_mandates import GOLD_DIR, evaluate_mandates

    rows: list[Row] = []
    for split, name in ((TUNING, "tuning"), (HELD_OUT, "heldout")):
        rows += [_row("mandate gold", split, s.field, s.gold, s.predicted, s.precision,
                      s.recall)
                 for s in evaluate_mandates(gold_dir or GOLD_DIR, split=name)]
    return rows


def all_rows(akn_paths: list[Path], *, base: str,
             progress: Callable[[str], None] = lambda _message: None) -> list[Row]:
    """Every source, in the order of the module's docstring."""
    from graph.build import text_sources

    rows: list[Row] = []
    progress("corpus gold: building the five corpus documents")
    rows += corpus_rows(text_sources(), CORPUS_GOLD, source="corpus gold", split=TUNING,
                        base=base)
    progress("held-out texts")
    rows += corpus_rows(sorted(HELDOUT_DIR.glob("*.txt")), HELDOUT_DIR / "gold",
                        source="held-out texts", split=HELD_OUT, base=base)
    progress("AKN markup: building the UN files")
    rows += akn_rows(akn_paths, base=base)
    progress("plain text: rendering and reading the UN files")
    rows += text_rows(akn_paths)
    progress("mandate gold")
    rows += mandate_rows()
    return rows


def format_rows(rows: Iterable[Row]) -> str:
    """One aligned table; "-" where a figure is undefined (nothing found, or nothing gold)."""

    def cell(value: float | None) -> str:
        return f"{'-':>7}" if value is None else f"{value:>7.3f}"

    head = (f"{'source':<18}{'split':<10}{'field':<26}{'gold':>7}{'found':>7}"
            f"{'P':>7}{'R':>7}{'F1':>7}")
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(f"{r.source:<18}{r.split:<10}{r.field:<26}{r.gold:>7}{r.found:>7}"
                     f"{cell(r.precision)}{cell(r.recall)}{cell(r.f1)}")
    return "\n".join(lines) + "\n"
