"""The grammar of UN symbols: Council and Assembly resolutions, and the UN's documents.

Resolutions: ``S/RES/1325 (2000)``, ``A/RES/62/278``, ``A/RES/S-32/1`` (special session),
``A/RES/ES-11/1`` (emergency special session), and those of the Assembly's first thirty
sessions, numbered in one sequence with the session after them: ``A/RES/217 (III)``,
``A/RES/217 A (III)``, ``A/RES/1874 (S-IV)``.

Documents: a series head of ``un_symbols.toml`` (``A``, ``S``, ``E``, ``ST``, ``FCCC``, ``CRC``,
``CEDAW`` …), then parts separated by slashes, the last holding a digit, and possibly a part in
brackets: ``S/2000/1044``, ``A/C.3/62/L.12``, ``A/HRC/RES/45/1``, ``E/RES/2020/1``,
``FCCC/CP/2015/10/Add.1``, ``A/78/6 (Sect. 3)``, ``NPT/CONF.2010/50 (Vol. I)``. A document is
never a Council or Assembly resolution, whoever adopted it: the Human Rights Council's
``A/HRC/RES/45/1`` is a document of its own symbol.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from graph.extract.symbol_parts import (
    UN_SESSION_PREFIX,
    Symbol,
    compile_pattern,
    from_roman,
    read_revision,
)

__all__ = ["UN_DOCUMENT", "UN_GRAMMAR", "UN_RESOLUTION", "UN_SERIES", "read_un_document",
           "read_un_resolution", "read_un_series"]

_DATA = tomllib.loads(Path(__file__).with_name("un_symbols.toml").read_text(encoding="utf-8"))
# an organ's symbol has two parts at least after its head ("S/12 mai" is no symbol)
_ORGANS = sorted(_DATA["heads"]["organs"], key=len, reverse=True)
_SERIES = sorted(_DATA["heads"]["series"], key=len, reverse=True)
_PARTS = [(re.compile(p["pattern"] + r"\Z", re.IGNORECASE), p["written"])
          for p in _DATA["parts"]["patterns"]]

# S/RES/1325 (2000), A/RES/62/278, A/RES/S-32/1, A/RES/ES-11/1; A/RES/217 A (III).
UN_RESOLUTION = compile_pattern(r"""
    <START>
    (?:
        S\s*/\s*RES\s*/\s*(?P<snum>\d{1,4})(?!\d|/\d)(?:\s*\(\s*(?P<year>\d{4})\s*\))?
      | A\s*/\s*RES\s*/\s*(?:(?P<skind>ES|S)\s*-\s*)?(?P<session>\d{1,2})\s*/\s*(?P<anum>\d{1,4})
        (?!\d|/\d)
      | A\s*/\s*RES\s*/\s*(?P<onum>\d{1,4})\s*(?:[A-H](?:\s*<DASH>\s*[A-H])?\s*)?
        \(\s*(?:(?P<okind>ES|S)\s*<DASH>\s*)?(?P<roman>[IVXL]{1,6})\s*\)
    )
    (?:<REV>)?
""")

# S/2000/1044, S/PRST/2008/12, A/62/100, A/62/L.5, A/C.3/62/L.12, A/HRC/7/3, E/CN.6/2008/2.
UN_DOCUMENT = compile_pattern(r"""
    <START>
    (?:
        (?P<yseries>S(?:/PRST)?|E(?:/CN\.\d{1,2})?)/(?P<year>(?:19|20)\d{2})
      | (?P<sseries>A(?:/C\.\d|/HRC)?)/(?P<session>\d{1,2})
    )
    /(?P<num>(?:L\.)?\d{1,5})(?!\d|/\d)
    (?:<REV>)?
""")

# one part between slashes: a body ("C.3", "AC.51", "CONF.V", "OZL.PRO.28", "COP(15)"), a
# session ("ES-10", "S-15"), a number or year, or a lettered number ("L.5", "Add.1", "SR.34")
_PART = r"""(?:[A-Z][A-Za-z]{0,9}(?:\.[A-Z0-9]{1,6})*(?:\(\d{1,3}\))?|(?:ES|S)-\d{1,2}
              |\d{1,5}(?:-\d{1,5})?[A-Z]?)"""
_DIGIT_PART = r"""(?:[A-Z][A-Za-z]{0,9}\.\d{1,4}|(?:ES|S)-\d{1,2}|\d{1,5}(?:-\d{1,5})?[A-Z]?
                   |[A-Z]{1,10}\(\d{1,3}\))"""
UN_SERIES = compile_pattern(r"""
    <START>
    (?!(?:A|S)/RES\b)
    (?P<body>(?:
        (?:""" + "|".join(re.escape(h) for h in _ORGANS) + r""")(?:/""" + _PART + r""")+?
      | (?:""" + "|".join(re.escape(h) for h in _SERIES) + r""")(?:/""" + _PART + r""")*?
    )/""" + _DIGIT_PART + r""")
    (?:\s?\((?P<part>(?i:""" + "|".join(re.sub(r"\(\?P<\w+>", "(?:", p["pattern"])
                                   for p in _DATA["parts"]["patterns"]) + r"""))\))?
    (?P<tail>(?:/[A-Z][a-z]{2,5}\.\d{1,3})*)
    (?![\w/]|\.\w)
""")


def read_un_resolution(match: re.Match[str]) -> Symbol | None:
    revision = read_revision(match["rev"])
    if match["snum"]:
        year = int(match["year"]) if match["year"] else None
        return Symbol(raw=match[0], body="un", series="S/RES", number=str(int(match["snum"])),
                      year=year, revision=revision, is_resolution=True)
    if match["onum"]:
        session = from_roman(match["roman"])
        symbol = Symbol(raw=match[0], body="un", series="A/RES", number=str(int(match["onum"])),
                        session_number=session,
                        session_kind=UN_SESSION_PREFIX.get(match["okind"] or ""),
                        revision=revision, is_resolution=True)
        # "A/RES/100 (XL)": the Assembly no longer numbered its resolutions so by then
        return symbol if session and symbol.numbered_before_session() else None
    return Symbol(raw=match[0], body="un", series="A/RES", number=str(int(match["anum"])),
                  session_number=int(match["session"]),
                  session_kind=UN_SESSION_PREFIX.get(match["skind"] or ""),
                  revision=revision, is_resolution=True)


def read_un_document(match: re.Match[str]) -> Symbol:
    number = match["num"]
    number = number if number.startswith("L.") else str(int(number))
    return Symbol(
        raw=match[0], body="un", series=match["yseries"] or match["sseries"], number=number,
        session_number=int(match["session"]) if match["session"] else None,
        year=int(match["year"]) if match["year"] else None,
        revision=read_revision(match["rev"]),
    )


def read_un_series(match: re.Match[str]) -> Symbol | None:
    """A document of any UN series, its symbol kept as written (spaces aside): the series is all
    but its last part, the number that part with what follows it."""
    body = re.sub(r"\s+", "", match["body"])
    part = ""
    if match["part"]:
        found = ((m, w) for p, w in _PARTS if (m := p.match(match["part"].strip())))
        written = next((w.format(**m.groupdict()) for m, w in found), None)
        if written is None:
            return None
        part = f" ({written})"
    series, number = body.rsplit("/", 1)
    return Symbol(raw=match[0], body="un", series=series, number=number + part + match["tail"])


UN_GRAMMAR = (
    (UN_RESOLUTION, read_un_resolution),
    (UN_DOCUMENT, read_un_document),
    (UN_SERIES, read_un_series),
)
"""The UN patterns with their readers, the specific ones first."""
