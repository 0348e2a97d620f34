"""Not a benchmark: how the French and Spanish operative openings translate the English ones.

Run: ``.venv/bin/python bench/verb_alignment.py [ARCHIVE …]`` (default: the shipped UN slice).
For each resolution of the tuning split (held-out resolutions, numbered 3 modulo 4, are never
read) it pairs each French and Spanish top-level operative paragraph with the English one of
the same number and counts, per French or Spanish opening phrase of the verb lexicon, the act
the English opening has. The lexicon's French and Spanish codes follow the English version
(graph/grammar/verbs.tsv): this prints the evidence for them.
"""

from __future__ import annotations

import sys
import tarfile
from collections import Counter, defaultdict
from pathlib import Path

from graph.akn.reader import AknError, Clause, read_akn
from graph.build import un_sources
from graph.evaluate_akn import is_heldout

LANGUAGES = ("fr", "es")
SHOWN = 40


def operative_by_language(archives: list[Path]) -> dict[str, dict[str, dict[str, Clause]]]:
    """resolution → language → paragraph number → top-level operative clause (tuning only)."""
    found: dict[str, dict[str, dict[str, Clause]]] = defaultdict(dict)
    for archive in archives:
        with tarfile.open(archive) as tar:
            for member in tar.getmembers():
                if not member.isfile() or not member.name.endswith(".xml"):
                    continue
                handle = tar.extractfile(member)
                if handle is None:
                    continue
                try:
                    doc, _ = read_akn(handle.read(), file_name=Path(member.name).name)
                except AknError:
                    continue
                if is_heldout(doc.symbol):
                    continue
                found[doc.iri_path][doc.language] = {
                    c.number: c for c in doc.clauses if c.part == "operative" and len(c.path) == 1
                }
    return found


def main() -> None:
    archives = [Path(a) for a in sys.argv[1:]] or un_sources()
    pairs: dict[str, dict[str, Counter[str | None]]] = {
        language: defaultdict(Counter) for language in LANGUAGES
    }
    for versions in operative_by_language(archives).values():
        english = versions.get("en")
        if not english:
            continue
        for language in LANGUAGES:
            for number, clause in versions.get(language, {}).items():
                other = english.get(number)
                if other is None or clause.meaning is None:
                    continue
                code = other.meaning.code if other.meaning else None
                pairs[language][clause.meaning.phrase][code] += 1
    for language in LANGUAGES:
        ranked = sorted(pairs[language].items(), key=lambda item: -sum(item[1].values()))
        for phrase, codes in ranked[:SHOWN]:
            shown = ", ".join(f"{code} {n}" for code, n in codes.most_common(4))
            print(f"{language}  {phrase:<36} {shown}")


if __name__ == "__main__":
    main()
