"""How much of the UN's operative paragraphs the mandate grammar understands, on the tuning split.

Run: ``.venv/bin/python bench/grammar_coverage.py [--per-language N] [--show K] [ARCHIVE ...]``
(default: the shipped slice ``graph/corpus/un/*.tar.xz``). Only files whose resolution number is
NOT 3 modulo 4 are read (S/RES/2722 yes, S/RES/2723 no): the others are the held-out split that
nobody tunes on, and this script never opens them. For every top-level operative paragraph it
runs ``graph.grammar.read_mandate`` with the file's adoption date, organ and earlier text, and
prints, per language and organ: paragraphs, the share whose act is known, the mandate-creating
ones, the share of those where an addressee is seen (resolved or not) and where at least one
resolves, and how many state a deadline, a
periodicity and a report-to. ``--show K`` lists the K most frequent unresolved addressee texts
(what to add to the lexicon next). It prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import re
import tarfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from graph.akn.reader import AknError, read_akn
from graph.grammar import read_mandate

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ARCHIVES = sorted((ROOT / "graph" / "corpus" / "un").glob("*.tar.xz"))
_NUMBER = re.compile(r"RES_(?:\d+_|[A-Z]+-\d+_)?(\d+)")
_LANGUAGE = {"E": "en", "F": "fr", "S": "es"}


def tuning_files(archive: Path) -> Iterator[tuple[str, str, bytes]]:
    """(file name, language, bytes) of each AKN file of the tuning split (number ≢ 3 mod 4)."""
    with tarfile.open(archive) as tar:
        for member in tar:
            name = member.name.rsplit("/", 1)[-1]
            if not member.isfile() or not name.endswith(".xml"):
                continue
            number = _NUMBER.search(name)
            language = _LANGUAGE.get(name[-5:-4])
            if number is None or language is None or int(number.group(1)) % 4 == 3:
                continue
            handle = tar.extractfile(member)
            if handle is not None:
                yield name, language, handle.read()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("archives", nargs="*", type=Path, default=DEFAULT_ARCHIVES)
    parser.add_argument("--per-language", type=int, default=40,
                        help="files sampled per archive and language (0: all)")
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args(argv)
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    unresolved: Counter[str] = Counter()
    unknown_acts: Counter[str] = Counter()
    for archive in args.archives:
        files = list(tuning_files(archive))
        random.Random(args.seed).shuffle(files)  # noqa: S311 - a reproducible sample
        taken: Counter[str] = Counter()
        for name, language, raw in files:
            if args.per_language and taken[language] >= args.per_language:
                continue
            try:
                doc, _ = read_akn(raw, file_name=name)
            except AknError:
                continue
            taken[language] += 1
            issuer = f"organ/{doc.organ}" if doc.organ else None
            key = (language, doc.organ or "?")
            earlier: list[str] = []  # the plain text of the clauses before, for "the Committee"
            for clause in doc.clauses:
                earlier.append(clause.text)
                if clause.part != "operative" or len(clause.path) != 1:
                    continue
                reading = read_mandate(clause.text, language, adopted=doc.adoption_date,
                                       issuer=issuer, context="\n".join(earlier[:-1]))
                tally = counts[key]
                tally["paragraphs"] += 1
                tally["act known"] += reading.act is not None
                if reading.act is None:
                    unknown_acts[f"{language}: {' '.join(clause.text.split()[:3])}"] += 1
                if not reading.creates_mandate:
                    continue
                tally["mandates"] += 1
                tally["with addressee"] += "addressee" not in reading.unresolved
                tally["addressee seen"] += bool(reading.addressees)
                tally["deadline"] += reading.deadline is not None
                tally["periodicity"] += reading.periodicity is not None
                tally["report-to"] += bool(reading.report_to)
                for addressee in reading.addressees:
                    if addressee.iri is None:
                        unresolved[f"{language}: {addressee.text[:70]}"] += 1
                if not reading.addressees:
                    unresolved[f"{language}: (none) {clause.text[:60]}"] += 1
    header = ("language", "organ", "paragraphs", "act known", "mandates", "addressee seen",
              "with addressee", "deadline", "periodicity", "report-to")
    print(" | ".join(header))
    total: Counter[str] = Counter()
    for (language, organ), tally in sorted(counts.items()):
        total.update(tally)
        print(_row(language, organ, tally))
    print(_row("all", "all", total))
    if args.show:
        print("\nmost frequent unresolved addressees:")
        for text, count in unresolved.most_common(args.show):
            print(f"{count:5d}  {text}")
        print("\nmost frequent unknown openings:")
        for text, count in unknown_acts.most_common(args.show):
            print(f"{count:5d}  {text}")


def _row(language: str, organ: str, tally: Counter[str]) -> str:
    paragraphs, mandates = tally["paragraphs"], tally["mandates"]

    def share(count: int, whole: int) -> str:
        return f"{count} ({count / whole:.1%})" if whole else "0"

    return " | ".join([language, organ, str(paragraphs), share(tally["act known"], paragraphs),
                       str(mandates), share(tally["addressee seen"], mandates),
                       share(tally["with addressee"], mandates),
                       share(tally["deadline"], mandates), share(tally["periodicity"], mandates),
                       share(tally["report-to"], mandates)])


if __name__ == "__main__":
    main()
