"""Pick the operative paragraphs of the hand-annotated mandate gold (tests/gold/mandates/).

Run: ``.venv/bin/python bench/sample_mandate_paragraphs.py ARCHIVE.tar.xz [ARCHIVE ...]
[--design FILE.toml] [--out FILE.jsonl]``. Reads the UN Akoma Ntoso archives with ``tarfile``
and the project's AKN reader, and prints (and with ``--out`` writes) the paragraphs it picked,
one JSON object a line, without any annotation: annotating is done by reading them.

Why stratified, and how (the figures are in bench/sample_mandate_paragraphs.toml): a mandate
gold drawn uniformly would be mostly "Reaffirms …", "Welcomes …" and a few deadlines, so it
could not measure deadlines, periodicities and report-to phrases. Each cell (language en/fr/es ×
organ SC/GA × split held-out/tuning) takes a fixed number of paragraphs that open with a
task-giving verb and mention a report ("report", "rapport", "informe"), of other task-giving
paragraphs, and of paragraphs that give no task; later draws add task paragraphs with a
periodicity cue. The opening verb used to stratify is the one the AKN reader tags, which is not
the annotation: the annotator reads each paragraph. The split is the AKN eval's (a resolution
number 3 modulo 4 is held out). At most two paragraphs per resolution, and years are taken in
turn, so that the sample spreads over resolutions and years. Long paragraphs are left out so
that the annotation stays reliable by hand. The draw depends on the verb lexicon (through the
strata), so the gold files, not a re-run, are the sample of record.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tarfile
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.akn.reader import AknError, read_akn
from graph.evaluate_akn import is_heldout

DESIGN = Path(__file__).with_suffix(".toml")


@dataclass(frozen=True)
class Design:
    """The strata, quotas and cues of the sample, as bench/sample_mandate_paragraphs.toml says."""

    seed: int
    min_chars: int
    max_chars: int
    per_resolution: int
    languages: tuple[str, ...]
    organs: tuple[str, ...]
    task_codes: frozenset[str]
    cues: dict[str, re.Pattern[str]]
    quota: dict[str, dict[str, int]]
    extra: tuple[dict[str, Any], ...]


def load_design(path: Path = DESIGN) -> Design:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Design(data["seed"], data["min_chars"], data["max_chars"], data["per_resolution"],
                  tuple(data["languages"]), tuple(data["organs"]), frozenset(data["task_codes"]),
                  {name: re.compile(cue, re.IGNORECASE) for name, cue in data["cues"].items()},
                  data["quota"], tuple(data.get("extra", ())))


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


def _stratum(design: Design, code: str | None, text: str) -> str:
    if code in design.task_codes:
        return "task-report" if design.cues["report"].search(text) else "task"
    return "no-task"


def candidates(archives: list[Path], design: Design) -> list[Candidate]:
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
                if doc.language not in design.languages or doc.organ not in design.organs:
                    continue
                adopted = doc.adoption_date.isoformat() if doc.adoption_date else ""
                split = "heldout" if is_heldout(doc.symbol) else "tuning"
                for clause in doc.clauses:
                    if clause.part != "operative" or len(clause.path) != 1:
                        continue
                    if not design.min_chars <= len(clause.text) <= design.max_chars:
                        continue
                    code = clause.meaning.code if clause.meaning else None
                    found.append(Candidate(doc.symbol, doc.language, doc.organ, adopted,
                                           clause.number, clause.text,
                                           _stratum(design, code, clause.text), split,
                                           adopted[:4]))
    return found


def pick(pool: list[Candidate], count: int, rng: random.Random, per_resolution: dict[str, int],
         cap: int) -> list[Candidate]:
    """``count`` paragraphs of ``pool``, years in turn, at most ``cap`` a resolution."""
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
                if per_resolution[candidate.symbol] < cap:
                    per_resolution[candidate.symbol] += 1
                    chosen.append(candidate)
                    break
            if len(chosen) == count:
                break
    return chosen


def sample(found: list[Candidate], design: Design) -> list[dict[str, object]]:
    """The stratified sample, as records with an id ("en-sc-001") and their split.

    The first draw fills the quotas of each cell; each extra draw then adds task paragraphs with
    its cue, with its own seed, so that the draws before it stay as they were. Ids number each
    cell's paragraphs draw by draw, in date order within a draw.
    """
    rng = random.Random(design.seed)  # noqa: S311 - a reproducible sample, not a secret
    cells: dict[tuple[str, str, str, str], list[Candidate]] = defaultdict(list)
    for candidate in found:
        cells[(candidate.language, candidate.organ, candidate.split, candidate.stratum)].append(
            candidate)
    per_resolution: dict[str, int] = defaultdict(int)
    drawn: dict[tuple[str, str], list[Candidate]] = {}
    for language in design.languages:
        for organ in design.organs:
            picked: list[Candidate] = []
            for split, quota in design.quota.items():
                for stratum, count in quota.items():
                    picked.extend(pick(sorted(cells[(language, organ, split, stratum)], key=_order),
                                       count, rng, per_resolution, design.per_resolution))
            drawn[(language, organ)] = sorted(picked, key=_by_date)
    for extra in design.extra:
        extra_rng = random.Random(extra["seed"])  # noqa: S311 - reproducible, not a secret
        cue = design.cues[extra["cue"]]
        taken = {id(c) for picked in drawn.values() for c in picked}
        for (language, organ), picked in drawn.items():
            added: list[Candidate] = []
            for split in ("heldout", "tuning"):
                pool = [c for stratum in ("task-report", "task")
                        for c in cells[(language, organ, split, stratum)]
                        if id(c) not in taken and cue.search(c.text)]
                added.extend(pick(sorted(pool, key=_order), extra[split], extra_rng,
                                  per_resolution, design.per_resolution))
            picked.extend(sorted(added, key=_by_date))
    records: list[dict[str, object]] = []
    for (language, organ), picked in drawn.items():
        for index, candidate in enumerate(picked, 1):
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
    parser.add_argument("--design", type=Path, default=DESIGN)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    design = load_design(args.design)
    records = sample(candidates(args.archives, design), design)
    lines = [json.dumps(record, ensure_ascii=False) for record in records]
    for record in records:
        print(record["id"], record["split"], record["stratum"], record["symbol"],
              record["number"], str(record["text"])[:70], sep="\t")
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(records)} paragraphs", file=sys.stderr)


if __name__ == "__main__":
    main()
