"""How far the plain-text reader agrees with the AKN markup, on renderings of the AKN files.

The UN's markup is gold for the plain-text path too: each AKN file is rendered to text as its
PDF reads (:mod:`graph.plaintext.render`), the rendering is read by
:func:`graph.plaintext.resolution.read_resolution_text`, and what the reader finds is compared
with what the markup says, read apart with ElementTree by :mod:`graph.evaluate_akn` (the same
gold as the AKN evaluation): the symbol, the adoption date, the numbers of the operative
paragraphs and sub-paragraphs, the verb of each operative paragraph, the citations the markup
links (by symbol, and by the IRI the graph would give: a symbol the grammar of
:mod:`graph.extract.symbols` cannot name is no IRI in the graph, from the markup or from the
text). The split is that of :mod:`graph.evaluate_akn`: resolutions numbered 3 modulo 4 are held
out, and no rule of the reader was written while reading their renderings.

A verb counts as found when the reader's verb phrase and the markup's italic verb agree word
for word as far as the shorter goes: the markup italicises "Requests the Secretary-General" or
only "Decides" of "Decides to remain seized", the reader gives the phrase its lexicon reads.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from graph.evaluate_akn import (
    FieldScore,
    Markup,
    akn_documents,
    count_items,
    count_multiset,
    is_heldout,
    read_markup,
    symbol_key,
)
from graph.extract.symbols import SymbolError, parse_symbol
from graph.grammar.verbs import fold
from graph.plaintext.render import RenderError, render_akn
from graph.plaintext.resolution import read_resolution_text

FIELDS = ("resolutions read", "symbols", "adoption dates", "paragraph numbers",
          "operative verbs", "citations", "cited IRIs")
SPLITS = ("tuning", "held out")
_SPLIT_NAMES = {"heldout": "held out", "held out": "held out", "tune": "tuning"}
_LANGUAGE = re.compile(r'<FRBRlanguage\s+language="(\w+)"')
_YEAR = re.compile(r"(\d)\((\d{4})\)$")
_LETTER = re.compile(r"^(A/RES/\d+/\d+)([A-Z])$")
_LANGUAGES = {"eng": "en", "fra": "fr", "fre": "fr", "spa": "es"}


@dataclass
class _Table:
    """The scores of one language, per split and field."""

    scores: dict[str, dict[str, FieldScore]] = field(default_factory=dict)

    def get(self, split: str, name: str) -> FieldScore:
        return self.scores.setdefault(split, {}).setdefault(name, FieldScore(name))


def verbs_agree(gold: str, found: str) -> bool:
    """The markup's verb and the reader's agree as far as the shorter of the two goes."""
    a, b = fold(gold).rstrip(" ,;:"), fold(found).rstrip(" ,;:")
    short, long = sorted((a, b), key=len)
    return bool(short) and (long == short or long.startswith(short + " "))


def score_file(gold: Markup, text: str, scores: dict[str, FieldScore]) -> None:
    """Compare one rendering's reading with its markup, adding to ``scores`` (by field)."""
    doc = read_resolution_text(text)
    read = scores["resolutions read"]
    read.gold += 1
    if doc is None:
        count_items(scores["symbols"], {symbol_key(gold.symbol)}, set())
        count_items(scores["adoption dates"], {gold.date} if gold.date else set(), set())
        count_multiset(scores["paragraph numbers"], Counter(gold.numbers), Counter())
        count_items(scores["operative verbs"], set(gold.verbs), set())
        if gold.citations:
            count_items(scores["citations"], gold.citations, set())
            count_items(scores["cited IRIs"], {i for k in gold.citations if (i := _iri(k))}, set())
        return
    read.predicted += 1
    read.matched += 1
    count_items(scores["symbols"], {symbol_key(gold.symbol)}, {symbol_key(doc.symbol)})
    found_date = {doc.adoption_date.isoformat()} if doc.adoption_date else set()
    count_items(scores["adoption dates"], {gold.date} if gold.date else set(), found_date)
    operative = doc.operative
    count_multiset(scores["paragraph numbers"], Counter(gold.numbers),
                    Counter(c.number for c in operative))
    verbs = scores["operative verbs"]
    # by number, in order: a long resolution numbers each section's paragraphs from 1 again
    found: dict[str, list[str]] = {}
    for clause in operative:
        if len(clause.path) == 1 and clause.verb:
            found.setdefault(clause.number, []).append(clause.verb)
    written: dict[str, list[str]] = {}
    for number, verb in gold.verbs:
        written.setdefault(number, []).append(verb)
    verbs.gold += len(gold.verbs)
    verbs.predicted += sum(len(v) for v in found.values())
    verbs.matched += sum(
        sum(1 for g, f in zip(written[n], found.get(n, []), strict=False) if verbs_agree(g, f))
        for n in written)
    if gold.citations:
        cited = {symbol_key(c.symbol) for clause in doc.clauses for c in clause.citations}
        count_items(scores["citations"], gold.citations, cited)
        iris = {c.iri_path for clause in doc.clauses for c in clause.citations}
        gold_iris = {iri for key in gold.citations if (iri := _iri(key))}
        count_items(scores["cited IRIs"], gold_iris, iris)


def _iri(key: str) -> str | None:
    """The IRI path of a linked symbol (as :func:`graph.evaluate_akn.symbol_key` writes it), or None
    when the symbol grammar cannot name it ("FCCC/CP/2015/10/ADD.1", "A/RES/217(III)"): the
    graph can state only citations it can name, from the markup or from the text."""
    symbol = _LETTER.sub(r"\1 \2", _YEAR.sub(r"\1 (\2)", key))
    lettered = _LETTER.match(key)
    try:
        if lettered:
            return f"{parse_symbol(lettered[1]).iri_path()}-{lettered[2].lower()}"
        return parse_symbol(symbol).iri_path()
    except SymbolError:
        return None


def _split(split: str | None) -> str | None:
    """A split as the user writes it ("held-out", "heldout", "tuning") as :data:`SPLITS` does."""
    if split is None:
        return None
    name = _SPLIT_NAMES.get(split.lower().replace("-", " ").replace("_", " "), split)
    if name not in SPLITS:
        raise ValueError(f"split {split!r}: expected one of {', '.join(SPLITS)} or None")
    return name


def text_scores(paths: list[Path], *, split: str | None = None
                ) -> tuple[dict[str, dict[str, dict[str, FieldScore]]], int]:
    """Render, read and score every AKN resolution file of ``paths`` (files, folders or
    archives): language → split ("tuning", "held out") → field → score, and how many files
    could not be rendered. ``split`` keeps one split."""
    split = _split(split)
    tables: dict[str, _Table] = {}
    failures = 0
    for doc in akn_documents(paths):
        gold = read_markup(doc)
        if gold is None or "/RES/" not in gold.symbol:
            continue  # unreadable, or a presidential statement: no resolution
        part = "held out" if is_heldout(gold.symbol) else "tuning"
        if split is not None and part != split:
            continue
        written = _LANGUAGE.search(doc.text)
        language = _LANGUAGES.get(written[1], "") if written else ""
        if language not in ("en", "fr", "es"):
            continue  # a Chinese or Arabic version: the graph reads only these three
        try:
            text = render_akn(doc.text, file_name=doc.path.name)
        except RenderError:
            failures += 1
            continue
        table = tables.setdefault(language, _Table())
        score_file(gold, text, {name: table.get(part, name) for name in FIELDS})
    return {language: table.scores for language, table in sorted(tables.items())}, failures


def run_text_eval(paths: list[Path], *, base: str, split: str | None = None) -> str:
    """The tables of :func:`text_scores`, one per language, with the tuning and held-out
    columns (or the one ``split`` names). ``base`` is the data base of the IRIs compared."""
    del base  # the reader's IRI paths are compared, relative to any base
    split = _split(split)
    scores, failures = text_scores(paths, split=split)
    out = [_format(language, _Table(table), split) for language, table in scores.items()]
    if not out:
        out.append(f"no AKN resolution in English, French or Spanish"
                   f"{' of the ' + split + ' split' if split else ''} among the paths\n")
    if failures:
        out.append(f"{failures} files could not be rendered\n")
    return "\n".join(out)


def _format(language: str, table: _Table, split: str | None) -> str:
    splits = [s for s in SPLITS if split in (None, s)]
    head = f"{'plain text, ' + language:<22}" + "".join(
        f"{s + ' (markup/read)':>25}{'P':>7}{'R':>7}{'F1':>7}" for s in splits)
    lines = [head]
    for name in FIELDS:
        row = f"{name:<22}"
        for s in splits:
            score = table.get(s, name)
            row += (f"{f'{score.gold}/{score.predicted}':>25}{score.precision:>7.3f}"
                    f"{score.recall:>7.3f}{score.f1:>7.3f}")
        lines.append(row)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """``python -m graph.plaintext.evaluate [--split tuning|held-out] [paths …]``: the tables
    for the given AKN files, folders or archives (default: the shipped UN slice)."""
    import argparse

    from graph.config import CORPUS_DIR, DEFAULT_BASE

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--split", choices=("tuning", "held-out"))
    args = parser.parse_args(argv)
    paths = args.paths or sorted((CORPUS_DIR / "un").glob("*.tar.xz"))
    print(run_text_eval(paths, base=DEFAULT_BASE, split=args.split), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
