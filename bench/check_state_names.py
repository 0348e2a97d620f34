"""Which State names of the UN's vote files do not resolve: the names to add to the data file.

Run: ``.venv/bin/python bench/check_state_names.py ARCHIVE.tar.xz [ARCHIVE …]``. Reads every
``data_extract/*.json`` member of each archive (as it is, with ``tarfile``), resolves every name
of the vote lists and every sponsor entry the way the build does (``graph.akn.votes``), and
prints each name that does not resolve with the member and line it was read from, then a count.
Exit code 0 when every name resolves, 1 when some do not, 2 when an archive cannot be read.
It builds no RDF, so it takes seconds where the build takes minutes.
"""

from __future__ import annotations

import argparse
import sys
import tarfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from graph.akn.json_lines import Located, read_json_lines
from graph.akn.sponsors import load_sponsor_phrases, read_sponsors
from graph.akn.state_names import load_state_names
from graph.akn.votes import SPONSOR_LISTS, VOTE_LISTS


def vote_files(archive: Path) -> Iterator[tuple[str, str]]:
    """(member name, text) of every data_extract JSON file of a tar archive."""
    with tarfile.open(archive) as tar:
        for member in tar:
            parts = member.name.split("/")
            if member.isfile() and member.name.endswith(".json") and "data_extract" in parts:
                handle = tar.extractfile(member)
                if handle is not None:
                    yield member.name, handle.read().decode("utf-8")


def unknown_names(name: str, text: str) -> Iterator[tuple[str, int, str, str]]:
    """(member, line, key, name) of each name of the file that does not resolve."""
    names, phrases = load_state_names(), load_sponsor_phrases()
    for line in read_json_lines(text):
        if not isinstance(line.value, dict):
            continue
        for key in (*VOTE_LISTS, *SPONSOR_LISTS):
            values = line.value.get(key)
            entries = [entry.value for entry in values if isinstance(entry, Located)
                       and entry.value.strip()] if isinstance(values, list) else []
            known = ([code is not None for code in names.resolve_all(entries)]
                     if key in VOTE_LISTS
                     else [s.known for s in read_sponsors(entries, names, phrases)])
            for entry, is_known in zip(entries, known, strict=True):
                if not is_known:
                    yield name, line.number, key, entry.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archives", nargs="+", type=Path, help="tar archives of the UN corpus")
    args = parser.parse_args(argv)
    unknown: Counter[str] = Counter()
    files = 0
    for archive in args.archives:
        try:
            members = list(vote_files(archive))
        except (OSError, tarfile.TarError) as error:
            print(f"{archive}: cannot read the archive: {error}", file=sys.stderr)
            return 2
        files += len(members)
        for member, text in members:
            for where, number, key, value in unknown_names(member, text):
                print(f"{where}: line {number}: {key}: {value!r}")
                unknown[value] += 1
    print(f"{files} vote files: {sum(unknown.values())} unknown names "
          f"({len(unknown)} distinct)")
    return 1 if unknown else 0


if __name__ == "__main__":
    sys.exit(main())
