"""How far the graph built from AKN files agrees with the files' own markup.

The UN's markup is gold for what it tags: the symbol (``docNumber``), the adoption date
(``docDate refersTo="#adoptionDate"``), the operative paragraphs and sub-paragraphs with their
``num``, the verb of each paragraph (its first ``span class="italic"``) and the citations
(``a href`` to undocs.org). This module reads those with ElementTree, apart from the reader
the build uses, and compares them with what the graph states in each file's named graph
(queries/eval/akn-*.rq). Each field is scored per file: precision, recall and F1 of the items.

The split: resolutions whose number is 3 modulo 4 (S/RES/2723, A/RES/78/3 …) are *held out*
(tests/gold/README.md): no rule, lexicon entry or pattern was written while reading them, and
``--heldout`` scores only them; the other files are the tuning split.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # noqa: S405 - the UN's own files, read without entities
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from graph.config import QUERIES_DIR
from graph.evaluate import Rates
from graph.queries import query_text
from graph.sources import SourceDocument
from graph.store import OxigraphStore

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
EVAL_QUERIES = QUERIES_DIR / "eval"
FIELDS = ("symbols", "adoption dates", "paragraph numbers", "operative verbs", "citations",
          "one node per resolution")
_NUMBER = re.compile(r"/(\d+)(?:\s*\(\d{4}\))?(?:\s*[A-Z](?:-[A-Z])?)?$")
_SPACES = re.compile(r"\s+")


@dataclass
class FieldScore(Rates):
    field: str
    gold: int = 0
    predicted: int = 0
    matched: int = 0

    def counts(self) -> tuple[int, int, int, int]:
        return self.gold, self.predicted, self.matched, self.matched


@dataclass
class Markup:
    """What one file's markup says, read with ElementTree."""

    symbol: str
    date: str | None
    numbers: list[str]
    verbs: list[tuple[str, str]]
    citations: set[str]


def is_heldout(symbol: str) -> bool:
    """The held-out split: resolution numbers that are 3 modulo 4."""
    match = _NUMBER.search(_norm(symbol))
    return bool(match) and int(match[1]) % 4 == 3


def _norm(symbol: str) -> str:
    return _SPACES.sub(" ", symbol).strip().rstrip(".")


def symbol_key(symbol: str) -> str:
    """Symbols compared without spaces or case: ``S/RES/2216(2015)`` = ``S/RES/2216 (2015)``."""
    return _SPACES.sub("", symbol).upper().rstrip(".")


def read_markup(doc: SourceDocument) -> Markup | None:
    """The gold of one AKN file, or None if ElementTree cannot read it either."""
    try:
        root = ET.fromstring(doc.text.encode("utf-8"))  # noqa: S314
    except ET.ParseError:
        return None
    symbol = next((_norm("".join(n.itertext())) for n in root.iter(f"{AKN}docNumber")
                   if n.get("refersTo") == "#symbol"), None)
    if symbol is None:
        return None
    date = next((n.get("date") for n in root.iter(f"{AKN}docDate")
                 if n.get("refersTo") == "#adoptionDate"
                 and not (n.get("date") or "").startswith("0001")), None)
    numbers: list[str] = []
    verbs: list[tuple[str, str]] = []
    body = root.find(f".//{AKN}mainBody")
    if body is not None:
        for paragraph, attached in _numbered_below(body):
            _walk(paragraph, (), numbers, verbs, attached)
    citations = {
        symbol_key(unquote(re.sub(r"^https?://undocs\.org/(?:[a-z]{2}/)?", "", a.get("href", ""))))
        for a in root.iter(f"{AKN}a") if "undocs.org" in a.get("href", "")
    }
    return Markup(symbol, date, numbers, verbs, citations)


_HEADING_TAGS = (f"{AKN}heading", f"{AKN}subheading")
_NUMBERED = (f"{AKN}point", f"{AKN}subparagraph", f"{AKN}paragraph")
_SUBLIST = f"{AKN}sublist"


def _walk(node: ET.Element, parent: tuple[str, ...], numbers: list[str],
          verbs: list[tuple[str, str]], sublists: Sequence[ET.Element] = ()) -> None:
    num = node.find(f"{AKN}num")
    label = re.sub(r"[\s.()]+", " ", "".join(num.itertext())).strip() if num is not None else ""
    path = (*parent, label)
    written = " ".join([path[0], *(f"({p})" for p in path[1:])])
    numbers.append(written)
    if len(path) == 1:
        italic = next((s for s in node.iter(f"{AKN}span") if s.get("class") == "italic"), None)
        if italic is not None:
            verbs.append((written, _SPACES.sub(" ", "".join(italic.itertext())).strip()
                          .rstrip(",;:")))
    below = _numbered_below(node)
    for sublist in sublists:
        below.extend(_numbered_below(sublist))
    for child, attached in below:
        _walk(child, path, numbers, verbs, attached)


def _numbered_below(node: ET.Element) -> list[tuple[ET.Element, list[ET.Element]]]:
    """The numbered elements under ``node`` that no other numbered element holds, each with the
    ``<sublist>``s right after it, which hold its items ("(a)" and, beside it, its "(i)",
    "(ii)")."""
    found: list[tuple[ET.Element, list[ET.Element]]] = []
    for child in node:
        if child.tag == _SUBLIST and found:
            found[-1][1].append(child)
        elif child.tag in _NUMBERED:
            if len(child) and all(c.tag in _HEADING_TAGS for c in child):
                continue  # a section title marked up as a paragraph ("Priority tasks")
            found.append((child, []))
        elif child.tag != f"{AKN}authorialNote":
            found.extend(_numbered_below(child))
    return found


def agreement(store: OxigraphStore, documents: list[SourceDocument], *, base: str,
              heldout: bool | None = None) -> list[FieldScore]:
    """Scores per field over the AKN ``documents`` (all, the held-out split, or the tuning one)."""
    scores = {name: FieldScore(name) for name in FIELDS}
    graph = _graph_view(store, base)
    groups: dict[str, set[str]] = {}
    for doc in documents:
        if doc.path.suffix.lower() != ".xml":
            continue
        gold = read_markup(doc)
        if gold is None or (heldout is not None and is_heldout(gold.symbol) != heldout):
            continue
        seen = graph.get(doc.stem, _GraphFile())
        count_items(scores["symbols"], {symbol_key(gold.symbol)},
                    {symbol_key(s) for s in seen.symbols})
        count_items(scores["adoption dates"], {gold.date} if gold.date else set(), seen.dates)
        count_multiset(scores["paragraph numbers"], Counter(gold.numbers), Counter(seen.numbers))
        count_items(scores["operative verbs"], set(gold.verbs), seen.verbs)
        if gold.citations:  # an older file links nothing: its markup is no gold for citations
            count_items(scores["citations"], gold.citations, seen.citations)
        groups.setdefault(symbol_key(gold.symbol), set()).update(seen.resolutions)
    nodes = scores["one node per resolution"]
    nodes.gold = len(groups)
    nodes.predicted = sum(len(r) for r in groups.values())
    nodes.matched = sum(1 for r in groups.values() if len(r) == 1)
    return [scores[name] for name in FIELDS]


@dataclass
class _GraphFile:
    symbols: set[str] | None = None
    dates: set[str] | None = None
    numbers: list[str] | None = None
    verbs: set[tuple[str, str]] | None = None
    citations: set[str] | None = None
    resolutions: set[str] | None = None

    def __post_init__(self) -> None:
        for name in ("symbols", "dates", "verbs", "citations", "resolutions"):
            if getattr(self, name) is None:
                setattr(self, name, set())
        if self.numbers is None:
            self.numbers = []


def _graph_view(store: OxigraphStore, base: str) -> dict[str, _GraphFile]:
    files: dict[str, _GraphFile] = {}
    prefix = f"{base}source/"

    def rows(name: str):  # type: ignore[no-untyped-def]
        query = query_text(name, EVAL_QUERIES)
        for solution in store.query(query):
            doc = solution["doc"]
            if doc is None or not doc.value.startswith(prefix):
                continue
            yield files.setdefault(doc.value[len(prefix):], _GraphFile()), solution

    for entry, s in rows("akn-resolutions"):
        entry.symbols.add(s["symbol"].value)  # type: ignore[union-attr]
        entry.resolutions.add(s["resolution"].value)  # type: ignore[union-attr]
        if s["date"] is not None:
            entry.dates.add(s["date"].value)  # type: ignore[union-attr]
    for entry, s in rows("akn-provisions"):
        entry.numbers.append(s["number"].value)  # type: ignore[union-attr]
        if s["verb"] is not None and " (" not in s["number"].value:
            entry.verbs.add((s["number"].value, s["verb"].value))  # type: ignore[union-attr]
    symbols: dict[str, str] = {}
    for solution in store.query(query_text("akn-symbols", EVAL_QUERIES)):
        symbols[solution["t"].value] = solution["s"].value
    for entry, s in rows("akn-citations"):
        target = s["target"].value
        entry.citations.add(symbol_key(symbols.get(target, target)))  # type: ignore[union-attr]
    return files


def count_items(score: FieldScore, gold: set, predicted: set) -> None:  # type: ignore[type-arg]
    score.gold += len(gold)
    score.predicted += len(predicted)
    score.matched += len(gold & predicted)


def count_multiset(score: FieldScore, gold: Counter, predicted: Counter) -> None:  # type: ignore[type-arg]
    score.gold += sum(gold.values())
    score.predicted += sum(predicted.values())
    score.matched += sum((gold & predicted).values())


def format_agreement(title: str, scores: list[FieldScore]) -> str:
    lines = [title, f"{'field':<26}{'markup':>8}{'graph':>8}{'P':>7}{'R':>7}{'F1':>7}"]
    for s in scores:
        lines.append(f"{s.field:<26}{s.gold:>8}{s.predicted:>8}{s.precision:>7.3f}"
                     f"{s.recall:>7.3f}{s.f1:>7.3f}")
    return "\n".join(lines) + "\n"


def akn_documents(paths: list[Path]) -> list[SourceDocument]:
    """The AKN files among ``paths`` (files or archives), as the build reads them."""
    from graph.sources import read_sources

    documents, _ = read_sources(paths, [], [])
    return [d for d in documents if d.path.suffix.lower() == ".xml"]


def run_markup_eval(paths: list[Path], *, base: str) -> str:
    """Build ``paths`` in a scratch folder (no validation: only the statements matter here) and
    return the agreement tables of the tuning split, the held-out split and both."""
    import tempfile

    from graph.build import build

    with tempfile.TemporaryDirectory(prefix="mandate-graph-akn-eval-") as scratch:
        report = build(paths, build_dir=Path(scratch), base=base, validate=False)
        if report.release is None:
            return "".join(f"error: {e}\n" for e in report.errors)
        store = OxigraphStore(report.release / "store", read_only=True)
        documents = akn_documents(paths)
        tables = [
            format_agreement(f"{title} ({len(paths)} sources)", agreement(
                store, documents, base=base, heldout=split))
            for title, split in (("AKN markup, tuning split", False),
                                 ("AKN markup, held-out split", True),
                                 ("AKN markup, all files", None))
        ]
        del store
    skipped = "".join(f"skipped: {s}\n" for s in report.skipped)
    return skipped + "\n".join(tables)
