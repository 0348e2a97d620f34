"""To whom a task reports: "report to the Council", "submit to the General Assembly ... a
report", "de lui faire rapport", "que le informe".

The wording is ``report-phrases.tsv``; the recipient is read with the addressee grammar
(:mod:`graph.grammar.addressees`), so "the Council", "le Conseil" and a pronoun ("lui", "le",
"it") are the issuing organ.
"""

from __future__ import annotations

import re
from functools import cache

from graph.grammar.addressees import Addressee, read_addressees
from graph.grammar.names import fold_text
from graph.grammar.tables import alternation, patterns, regex

__all__ = ["find_report_to"]

TABLE = "report-phrases.tsv"


@cache
def _grammar(language: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    return (regex(alternation(patterns(TABLE, language, "to")) + r"\s+"),
            regex(alternation(patterns(TABLE, language, "self"))))


def find_report_to(text: str, start: int, end: int, language: str,
                   issuer: str | None = None,
                   context: str | None = None) -> tuple[Addressee, ...]:
    """The organs the task of ``text[start:end]`` reports to, resolved, in text order
    (``context``: the resolution before the paragraph, for "the Committee")."""
    to, self_ = _grammar(language)
    found: list[Addressee] = []
    if issuer:
        for m in self_.finditer(text, start, end):
            found.append(Addressee(m.start(), m.end(), m.group(), issuer))
    for m in to.finditer(text, start, end):
        # a strict reading gives names and bodies with no IRI ("the Committee"), no guesses
        found.extend(read_addressees(text, m.end(), end, language, issuer, strict=True,
                                     context=context))
    unique: dict[str, Addressee] = {}
    for addressee in sorted(found, key=lambda a: a.start):
        unique.setdefault(addressee.iri or fold_text(addressee.text), addressee)
    return tuple(unique.values())
