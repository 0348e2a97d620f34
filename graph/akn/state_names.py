"""UN spellings of State names → ISO 3166-1 alpha-3 codes of the States in the reference data.

The UN's data extracts name Member States in upper-case English short names ("UNITED KINGDOM",
"BOLIVIA (PLURINATIONAL STATE OF)", "TÜRKİYE"). Most of them are ISO 3166-1 names that pycountry
knows (its short, official or common name, compared without case or accents); the rest are the
UN's own forms, former names and the misspellings and fragments of the extracts, kept as data in
``un-state-names.tsv`` next to this module so that a new one is a line to add, not code.

Only the 193 Member States and 2 observer States of ``graph/reference/states.ttl`` are answers:
a name that pycountry resolves to a territory (Puerto Rico, Greenland) is not a State here, and an
alpha-3 code in the data file outside that list is an error of the file.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

from graph.reference.aliases import normalize_alias
from graph.reference.make_states import UN_MEMBERS, UN_OBSERVERS

__all__ = ["STATE_NAMES_FILE", "StateNames", "load_state_names", "name_key"]

STATE_NAMES_FILE = Path(__file__).with_name("un-state-names.tsv")
"""UN spelling TAB alpha-3, one a line; ``#`` starts a comment."""

REFERENCE_STATES = frozenset(UN_MEMBERS) | frozenset(UN_OBSERVERS)
"""The alpha-3 codes of the States that ``graph/reference/states.ttl`` describes."""

_LEADING_ARTICLE = re.compile(r"^the\s+")


def name_key(name: str) -> str:
    """The form under which two spellings of a name are the same: no case, accents, extra space.

    It is the reference data's own comparison (``normalize_alias``), so that "CÔTE D’IVOIRE",
    "Cote d'Ivoire" and "COTE D'IVOIRE\\u00a0" meet; a trailing full stop is dropped too.
    """
    return normalize_alias(name).rstrip(" .")


@dataclass(frozen=True)
class StateNames:
    """Which State each known name stands for (keys made by :func:`name_key`)."""

    by_key: Mapping[str, str]

    def resolve(self, name: str) -> str | None:
        """The alpha-3 code of the State ``name`` stands for, or None when it is not known.

        "THE BAHAMAS" and "THE PHILIPPINES" are written with and without the article, so a
        name unknown as written is tried once more without it.
        """
        key = name_key(name)
        found = self.by_key.get(key)
        if found is None and _LEADING_ARTICLE.match(key):
            found = self.by_key.get(_LEADING_ARTICLE.sub("", key, count=1))
        return found

    def resolve_all(self, entries: Sequence[str]) -> list[str | None]:
        """The State of each entry of one list, fragments joined (:meth:`join_fragments`)."""
        codes = [self.resolve(entry) for entry in entries]
        self.join_fragments(entries, codes)
        return codes

    def join_fragments(self, entries: Sequence[str], codes: list[str | None]) -> None:
        """Give a State to two unknown entries of one list that name it together.

        The extracts sometimes split a name over two entries, which the sorting of the list then
        separates ("CÔTE." and "D'IVOIRE", "SOLOMON" and "ISLANDS" further down); ``codes`` (None
        where unknown) is completed in place.
        """
        unknown = [i for i, code in enumerate(codes) if code is None]
        for i in unknown:
            for j in unknown:
                if i == j or codes[i] is not None or codes[j] is not None:
                    continue
                joined = f"{entries[i].strip().rstrip('.')} {entries[j].strip()}"
                code = self.resolve(joined)
                if code is not None:
                    codes[i] = codes[j] = code


def _pycountry_names() -> dict[str, str]:
    """Short, official and common ISO names of the reference States."""
    names: dict[str, str] = {}
    for country in pycountry.countries:
        if country.alpha_3 not in REFERENCE_STATES:
            continue
        for field in ("name", "official_name", "common_name"):
            value = getattr(country, field, None)
            if value:
                names[name_key(value)] = country.alpha_3
    return names


def read_names_file(path: Path) -> dict[str, str]:
    """The ``name TAB alpha-3`` lines of a data file; a wrong line raises ValueError naming it."""
    names: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter="\t"), start=1):
            if not row or not row[0].strip() or row[0].lstrip().startswith("#"):
                continue
            if len(row) != 2 or row[1].strip() not in REFERENCE_STATES:
                raise ValueError(
                    f"{path.name}: line {number}: expected a UN spelling, a tab and the "
                    f"alpha-3 code of a State of graph/reference/states.ttl, got {row!r}"
                )
            names[name_key(row[0])] = row[1].strip()
    return names


@cache
def load_state_names(path: Path = STATE_NAMES_FILE) -> StateNames:
    """pycountry's names of the reference States, and the UN spellings of the data file.

    Read once per process: the build asks for every name of thousands of lines.
    """
    return StateNames({**_pycountry_names(), **read_names_file(path)})
