#!/usr/bin/env python3
"""How many mission mandate renewals of the Security Council corpus graph/akn/renewals.py reads.

Usage: bench/renewals_recall.py ARCHIVE [--list tuned|held-out|all|none] [--not-renewals TSV]

ARCHIVE is the UN's Akoma Ntoso archive of Security Council resolutions (unxml-sc-2002-2024.tar.xz:
English 2002-2019, English, French and Spanish 2020-2024), read as it is with tarfile. Every
operative paragraph (a ``<paragraph>`` with a ``<num>`` under ``<mainBody>``) of a resolution
adopted 2002-2024 whose text passes a loose test (a verb "extend", "renew", "proroger",
"reconduire", "prorrogar", "renovar" and the word "mandat" in one clause) with a mission of
graph/reference/un-missions.ttl named near it, or that renewals.py reads, is a candidate. The
script prints, per language and split, how many of those renewals.py reads with a mission and an
end date, and lists the ones it misses.

The split: "tuned" is what the patterns were written on (English 2015-2019, French 2020-2021),
"held-out" everything else, Spanish entirely. A candidate can name a mission without renewing it
("Recognizes that the renewed mandate of UNAMA ..."): ``--not-renewals`` names such paragraphs,
one a line (symbol, language, paragraph number, reason, TAB-separated), judged by reading them;
the recall is printed with and without them. The English, French and Spanish versions of a
resolution must say the same: the script also counts the resolutions whose versions disagree on
a mission or an end date, a check of precision that needs no annotation.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tarfile
import xml.etree.ElementTree as ET  # noqa: S405 - the UN's own files, read as data
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.akn.renewals import (  # noqa: E402
    MissionIndex,
    Renewal,
    load_missions,
    read_renewals,
)

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
LANGUAGES = {"eng": "en", "fra": "fr", "fre": "fr", "spa": "es"}
FOLDERS = {"English": "en", "French": "fr", "Spanish": "es"}
YEARS = range(2002, 2025)
TUNED = {("en", year) for year in range(2015, 2020)} | {("fr", 2020), ("fr", 2021)}
LOOSE = re.compile(
    r"\b(?:extend|renew|prorog|reconduir|reconduit|renouvel|prorrog|renov)\w*[^;]{0,200}?mandat"
    r"|mandat[^;]{0,200}?\b(?:extended|renewed|prorogé|reconduit|prorrogad|renovad)",
    re.IGNORECASE)
#: how far (characters) before and after the loose test's match a mission may be named
NEAR = (100, 150)
SYMBOL = re.compile(r"/(\d{3,4})-(\d{4})/")


@dataclass
class Paragraph:
    """One operative paragraph of one language version, with what comes before it."""

    symbol: str
    language: str
    year: int
    num: str
    text: str
    context: str
    adopted: date | None


def text_of(element: ET.Element) -> str:
    """The element's text without its ``<num>`` and notes, white space collapsed."""
    parts: list[str] = []

    def walk(node: ET.Element) -> None:
        if node.tag in (AKN + "num", AKN + "authorialNote"):
            return
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")

    walk(element)
    return " ".join("".join(parts).split())


def read_file(name: str, data: bytes) -> Iterator[Paragraph]:
    """The operative paragraphs of one XML file, or none when it is no 2002-2024 resolution."""
    try:
        root = ET.fromstring(data)  # noqa: S314 - trusted corpus
    except ET.ParseError as error:
        print(f"skipped {name}: {error}", file=sys.stderr)
        return
    parts = name.split("/")
    language_node = root.find(f".//{AKN}FRBRlanguage")
    language = LANGUAGES.get(language_node.get("language", "") if language_node is not None
                             else "", FOLDERS.get(parts[2], "en") if len(parts) > 2 else "en")
    folder = parts[2] if parts[1] == "Pre-2020" else parts[1]
    year = int(folder) if folder.isdigit() else 0
    work = root.find(f".//{AKN}FRBRWork/{AKN}FRBRthis")
    found = SYMBOL.search(work.get("value", "") if work is not None else "")
    if found is None or year not in YEARS:
        return
    symbol = f"S/RES/{found.group(1)} ({found.group(2)})"
    adopted = None
    for node in root.iter(f"{AKN}FRBRdate"):
        if node.get("name") == "adoption":
            try:
                adopted = date.fromisoformat(node.get("date", ""))
            except ValueError:
                adopted = None
    if adopted is not None and adopted.year < 1900:
        adopted = None  # a placeholder: the other versions of the resolution give the date
    body = root.find(f".//{AKN}mainBody")
    preface = root.find(f".//{AKN}preamble")
    context = text_of(preface) if preface is not None else ""
    if body is None:
        return
    for paragraph in body.iter(f"{AKN}paragraph"):
        num = paragraph.find(f"{AKN}num")
        if num is None or not (num.text or "").strip():
            continue
        text = text_of(paragraph)
        yield Paragraph(symbol, language, year, (num.text or "").strip(), text, context, adopted)
        context = f"{context} {text}"


def read_dates(lines: str) -> dict[str, date]:
    """The adoption dates of ``data_extract/<year>.json`` (one JSON object a line)."""
    dates = {}
    for line in lines.splitlines():
        try:
            record = json.loads(line)
            dates[record["symbol"]] = datetime.strptime(record["adoption_date"], "%d %B %Y").date()
        except (ValueError, KeyError, TypeError):
            continue
    return dates


def read_archive(path: Path) -> list[Paragraph]:
    """Every operative paragraph of the archive; a version whose date is a placeholder is given
    the date of another version of the resolution, or of ``data_extract``."""
    paragraphs: list[Paragraph] = []
    listed: dict[str, date] = {}
    with tarfile.open(path) as archive:
        for member in archive:
            handle = archive.extractfile(member) if member.isfile() else None
            if handle is None:
                continue
            if member.name.endswith(".xml"):
                paragraphs.extend(read_file(member.name, handle.read()))
            elif "/data_extract/" in member.name and member.name.endswith(".json"):
                listed.update(read_dates(handle.read().decode("utf-8")))
    dates = {p.symbol: p.adopted for p in paragraphs if p.adopted is not None}
    dates = {**listed, **dates}
    for paragraph in paragraphs:
        paragraph.adopted = paragraph.adopted or dates.get(paragraph.symbol)
    return paragraphs


def names_mission_near(paragraph: Paragraph, missions: MissionIndex) -> bool:
    """Whether the loose test passes with a mission named near it (the mandate's owner)."""
    mentions = missions.mentions(paragraph.text, paragraph.language)
    return any(match.start() - NEAR[0] <= mention.start <= match.end() + NEAR[1]
               for match in LOOSE.finditer(paragraph.text) for mention in mentions)


def read_not_renewals(path: Path | None) -> set[tuple[str, str, str]]:
    if path is None:
        return set()
    rows = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            symbol, language, num, _reason = line.split("\t", 3)
            rows.add((symbol, language, num))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--list", choices=("tuned", "held-out", "all", "none"), default="all",
                        help="whose misses to list (default: all)")
    parser.add_argument("--not-renewals", type=Path,
                        default=ROOT / "bench" / "renewals_not_renewals.tsv",
                        help="paragraphs judged not to renew a mandate (default: %(default)s)")
    args = parser.parse_args(argv)
    if not args.archive.is_file():
        parser.error(f"no such archive: {args.archive}")
    missions = load_missions()
    excluded = read_not_renewals(args.not_renewals if args.not_renewals.is_file() else None)
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    misses: list[tuple[str, Paragraph]] = []
    readings: dict[str, dict[str, set[tuple[str, date | None]]]] = defaultdict(dict)
    for paragraph in read_archive(args.archive):
        split = "tuned" if (paragraph.language, paragraph.year) in TUNED else "held-out"
        found: list[Renewal] = read_renewals(paragraph.text, paragraph.language, missions,
                                             paragraph.adopted, paragraph.context)
        read = [r for r in found if r.end is not None]
        readings[paragraph.symbol].setdefault(paragraph.language, set()).update(
            (r.mission, r.end) for r in read)
        if not read and not names_mission_near(paragraph, missions):
            continue
        row = counts[(paragraph.language, split)]
        not_renewal = (paragraph.symbol, paragraph.language, paragraph.num) in excluded
        row[0] += 1
        row[1] += bool(read)
        row[2] += not_renewal and not read
        row[3] += not_renewal and bool(read)
        if not read and not not_renewal:
            misses.append((split, paragraph))
    print("| language | split | candidates | read | judged no renewal | recall | "
          "recall of renewals |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for (language, split), (total, read, judged, judged_read) in sorted(counts.items()):
        renewals = total - judged - judged_read
        print(f"| {language} | {split} | {total} | {read} | {judged} | {read / total:.3f} | "
              f"{(read - judged_read) / renewals:.3f} |" if renewals else "| - |")
    disagree = [symbol for symbol, versions in sorted(readings.items())
                if len(versions) > 1 and len(set(map(frozenset, versions.values()))) > 1]
    multi = sum(1 for versions in readings.values() if len(versions) > 1)
    print(f"\nresolutions in more than one language: {multi}; whose versions disagree on the "
          f"renewals read: {len(disagree)}")
    for symbol in disagree:
        print(f"  {symbol}: " + "; ".join(
            f"{lang} {sorted((m, str(e)) for m, e in found)}"
            for lang, found in sorted(readings[symbol].items())))
    if args.list != "none":
        print("\nmissed:")
        for split, paragraph in misses:
            if args.list in ("all", split):
                print(f"- [{split}] {paragraph.symbol} {paragraph.language} {paragraph.num} "
                      f"{paragraph.text[:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
