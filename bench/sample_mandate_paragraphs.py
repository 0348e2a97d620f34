"""Pick the operative paragraphs of the hand-annotated mandate gold (tests/gold/mandates/).

Run: ``.venv/bin/python bench/sample_mandate_paragraphs.py ARCHIVE.tar.xz [ARCHIVE ...]
[--seed 19] [--out FILE.jsonl]``. Reads the UN Akoma Ntoso archives with ``tarfile`` and the
project's AKN reader, and prints (and with ``--out`` writes) the paragraphs it picked, one JSON
object a line, without any annotation: annotating is done by reading them.

Why stratified, and how: a mandate gold drawn uniformly would be mostly "Reaffirms …",
"Welcomes …" and a few deadlines, so it could not measure deadlines, periodicities and
report-to phrases. Each cell (language en/fr/es × organ SC/GA × split held-out/tuning) takes a
fixed share of paragraphs that open with a task-giving verb and mention a report ("report",
"rapport", "informe"), of other task-giving paragraphs, and of paragraphs that give no task. The
opening verb used to stratify is the one the AKN reader tags (the markup's own verb), which is
not the annotation: the annotator reads each paragraph. The split is the AKN eval's (a resolution
number 3 modulo 4 is held out). At most two paragraphs per resolution, and years are taken in
turn, so that the sample spreads over resolutions and years. Paragraphs longer than
``MAX_CHARS`` are left out so that the annotation stays reliable by hand.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tarfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from graph.akn.reader import AknError, read_akn
from graph.evaluate_akn import is_heldout

TASK_CODES = frozenset({"request", "decide", "decide_extend", "decide_establish", "authorize",
                        "call_upon", "demand", "encourage", "urge", "invite"})
REPORT = re.compile(r"\b(report|rapport|informe)", re.IGNORECASE)
#: cues of a periodicity, for the supplementary stratum (a cue, not a reading: the annotator
#: decides whether the paragraph states one)
PERIODIC = re.compile(r"\b(every|each year|annual|biannual|monthly|quarterly|tous les|toutes les|"
                      r"chaque année|annuel|mensuel|trimestriel|semestriel|cada|anual|mensual|"
                      r"trimestral|semestral)", re.IGNORECASE)
MAX_CHARS = 700
MIN_CHARS = 30
PER_RESOLUTION = 2
#: per split, how many paragraphs of each stratum one (language, organ) cell takes
QUOTA = {"heldout": {"task-report": 6, "task": 4, "no-task": 5},
         "tuning": {"task-report": 4, "task": 3, "no-task": 3}}
#: a second draw, after the first, of task-giving paragraphs with a periodicity cue (the first
#: draw held too few periodicities to score them); its own seed keeps the first draw unchanged
PERIODIC_QUOTA = {"heldout": 2, "tuning": 2}
LANGUAGES = ("en", "fr", "es")
ORGANS = ("un-sc", "un-ga")


@dataclass(frozen=True)
class Candidate:
    symbol: str
    language: str
    organ: str
    adopted: str
    number: str
    text: str
    stratum: str
    split: str
    year: str


def _stratum(code: str | None, text: str) -> str:
    if code in TASK_CODES:
        return "task-report" if REPORT.search(text) else "task"
    return "no-task"


def candidates(archives: list[Path]) -> list[Candidate]:
    """Every top-level operative paragraph of the archives that fits the length bounds."""
    found: list[Candidate] = []
    for archive in archives:
        with tarfile.open(archive) as tar:
            for member in tar:
                if not member.isfile() or not member.name.endswith(".xml"):
                    continue
                raw = tar.extractfile(member).read()  # type: ignore[union-attr]
                try:
                    doc, _ = read_akn(raw, file_name=member.name)
                except AknError:
                    continue
                if doc.language not in LANGUAGES or doc.organ not in ORGANS:
                    continue
                adopted = doc.adoption_date.isoformat() if doc.adoption_date else ""
                split = "heldout" if is_heldout(doc.symbol) else "tuning"
                for clause in doc.clauses:
                    if clause.part != "operative" or len(clause.path) != 1:
                        continue
                    if not MIN_CHARS <= len(clause.text) <= MAX_CHARS:
                        continue
                    code = clause.meaning.code if clause.meaning else None
                    found.append(Candidate(doc.symbol, doc.language, doc.organ, adopted,
                                           clause.number, clause.text,
                                           _stratum(code, clause.text), split, adopted[:4]))
    return found


def pick(pool: list[Candidate], count: int, rng: random.Random,
         per_resolution: dict[str, int]) -> list[Candidate]:
    """``count`` paragraphs of ``pool``, years in turn, at most PER_RESOLUTION a resolution."""
    by_year: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in pool:
        by_year[candidate.year].append(candidate)
    years = sorted(by_year)
    for year in years:
        rng.shuffle(by_year[year])
    rng.shuffle(years)
    chosen: list[Candidate] = []
    while len(chosen) < count and any(by_year.values()):
        for year in years:
            queue = by_year[year]
            while queue:
                candidate = queue.pop()
                if per_resolution[candidate.symbol] < PER_RESOLUTION:
                    per_resolution[candidate.symbol] += 1
                    chosen.append(candidate)
                    break
            if len(chosen) == count:
                break
    return chosen


def sample(found: list[Candidate], seed: int) -> list[dict[str, object]]:
    """The stratified sample, as records with an id ("en-sc-001") and their split."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
    cells: dict[tuple[str, str, str, str], list[Candidate]] = defaultdict(list)
    for candidate in found:
        cells[(candidate.language, candidate.organ, candidate.split, candidate.stratum)].append(
            candidate)
    per_resolution: dict[str, int] = defaultdict(int)
    first: dict[tuple[str, str], list[Candidate]] = {}
    for language in LANGUAGES:
        for organ in ORGANS:
            picked: list[Candidate] = []
            for split, quota in QUOTA.items():
                for stratum, count in quota.items():
                    picked.extend(pick(sorted(cells[(language, organ, split, stratum)], key=_order),
                                       count, rng, per_resolution))
            first[(language, organ)] = sorted(picked, key=_by_date)
    second_rng = random.Random(seed + 1)  # noqa: S311 - a reproducible sample, not a secret
    taken = {id(c) for picked in first.values() for c in picked}
    records: list[dict[str, object]] = []
    for (language, organ), picked in first.items():
        extra: list[Candidate] = []
        for split, count in PERIODIC_QUOTA.items():
            pool = [c for stratum in ("task-report", "task")
                    for c in cells[(language, organ, split, stratum)]
                    if id(c) not in taken and PERIODIC.search(c.text)]
            extra.extend(pick(sorted(pool, key=_order), count, second_rng, per_resolution))
        for index, candidate in enumerate([*picked, *sorted(extra, key=_by_date)], 1):
            records.append({
                "id": f"{language}-{organ.removeprefix('un-')}-{index:03d}",
                "split": candidate.split, "stratum": candidate.stratum,
                "symbol": candidate.symbol, "language": language,
                "organ": f"organ/{organ}", "adopted": candidate.adopted,
                "number": candidate.number, "text": candidate.text})
    return records


def _order(candidate: Candidate) -> tuple[str, int]:
    return candidate.symbol, int(re.sub(r"\D", "", candidate.number) or 0)


def _by_date(candidate: Candidate) -> tuple[str, str, str]:
    return candidate.adopted, candidate.symbol, candidate.number


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archives", nargs="+", type=Path)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    records = sample(candidates(args.archives), args.seed)
    lines = [json.dumps(record, ensure_ascii=False) for record in records]
    for record in records:
        print(record["id"], record["split"], record["stratum"], record["symbol"],
              record["number"], str(record["text"])[:70], sep="\t")
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(records)} paragraphs", file=sys.stderr)


if __name__ == "__main__":
    main()
