"""Reporting deadlines: what must be reported or submitted, by whom, and by which date.

Mandates often come with a date by which something is due: every year ("au plus tard le 15
mars de chaque année", "le 15 avril chaque année", "des rapports annuels … au 31 octobre") or
once ("avant le 30 avril 2020").  Dates themselves are read by :func:`graph.extract.dates.
find_dates`; this module decides which of them are deadlines and what they are about.

Which dates are deadlines (and why):

* a date that recurs every year is a deadline when a deadline word leads it ("au plus tard",
  "avant", "d'ici"), when its sentence speaks of reporting (rapport, présenter, soumettre,
  transmettre, informer, fournir …), or when it heads a line ("15 mars chaque année : Liste …")
  whose next paragraph is such a sentence: reminder lists state the date first and the duty
  below it.  A meeting held "le 15 mars chaque année" is none of these.
* a one-off date needs both a deadline word and a reporting sentence, since "avant le 30 avril"
  alone is as often a plan as a duty.
* a date whose year is not written, in a sentence about annual reports ("des rapports annuels
  … au 31 octobre"), recurs every year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from graph.extract.dates import DateMention, find_dates
from graph.normalize import fold

__all__ = ["Deadline", "find_deadlines"]

# --------------------------------------------------------------------------------------------
# Patterns (folded text unless said otherwise)
# --------------------------------------------------------------------------------------------

_DEADLINE_LEAD = re.compile(
    r"""
    (?:(?:tous[ ]+les[ ]+ans|chaque[ ]+annee|annuellement)[ ]*,?[ ]*)?   # "tous les ans, "
    (?:au[ ]+plus[ ]+tard|avant|d'ici)                  # the deadline word
    (?:[ ]+(?:le|la|au|du|fin))?[ ]*$                   # then only an article
    """,
    re.VERBOSE,
)

_DEADLINE_WORD = re.compile(
    r"""(?:au[ ]+plus[ ]+tard|avant|d'ici|date[ ]+limite|delai)(?:[ ]+[a-z']+){0,3}[ ]*$""",
    re.VERBOSE,
)
"""A deadline word shortly before a date ("date limite le", "fixant comme date limite le")."""

_REPORTING = re.compile(
    r"""
    (?<![a-z])
    (?:rapport(?!eur)|presenter|presente(?:nt|ra|ront)?|presentation
      |soumettre|soumet|soumis|soumission|transmettre|transmet|transmis|transmission
      |inform(?:er|ent|era|eront|ations?)|fourni(?:r|ront|ssent|es?|s)?
      |communiquer|communication|remettre|remis|envoyer|envoi|parvenir
      |notifi(?:er|cations?)|deposer|depot)
    (?![a-z])
    """,
    re.VERBOSE,
)

_ANNUAL = re.compile(r"(?<![a-z])(?:annuel(?:le)?s?|annuellement|chaque[ ]annee)(?![a-z])")

_HEADING_COLON = re.compile(r"[ ]*:")

_BODY = re.compile(
    r"""
    (?:(?<![\w'’])(?P<det>les|le|la|l['’])[ ]*)
    (?P<body>
        (?:États?|Secrétariat|Secrétaire|Commission|Comité|Conseil|Ministère|Gouvernement
          |Missions?|Assemblée|Conférence|Direction|Département|Bureau|Mécanisme|Réseau
          |Unité|Groupe|Cellule|Agence|Office|Institut|[A-Z]{2,8}(?![\w]))
        (?:[ ](?:générale?|membres|parties|Parties|Membres|permanente?s?|exécuti(?:f|ve)
                |techniques?|nationale?s?|[A-ZÀ-Þ][\w'’-]*)
          |[ ](?:de[ ]la|du|des|de[ ]l['’]|de|d['’])[ ]?[A-ZÀ-Þ][\w'’-]*)*
    )
    """,
    re.VERBOSE,
)
"""A body that may have to report: a named organ, "les États membres", an acronym."""

_RECIPIENT_BEFORE = re.compile(
    r"(?<![a-z])(?:a|au|aux|parmi|aupres[ ]d[eu']|envers|de|d'|du|des)[ ]*(?:la|l'|les|le)?[ ]*$"
)
"""Words that make the body a recipient ("au Secrétariat général") or the complement of a noun
("au Registre … de l'OEA"), not the one who reports."""

_SENTENCE_END = re.compile(r"[.!?;](?=[ \t]+[A-ZÀ-Þ«\"(·]|[ \t]*$)|\n")

_WHAT_MAX = 160
"""Longest "what" text kept: a label for a human, not the whole sentence."""


# --------------------------------------------------------------------------------------------
# Result type
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    """A date by which something is due.

    ``start``/``end`` cover the deadline expression ("au plus tard le 15 juillet de chaque
    année"); ``month_day`` ("--07-15") is set for a yearly deadline and ``date`` for a one-off
    one.  ``who_text`` is the body that must act, as written, when the sentence names it, and
    ``what`` a short piece of the text saying what is due.
    """

    start: int
    end: int
    month_day: str | None
    date: date | None
    recurring: bool
    sentence_start: int
    sentence_end: int
    who_text: tuple[int, int, str] | None
    what: str


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def find_deadlines(text: str, *, default_year: int | None = None) -> list[Deadline]:
    """Every reporting deadline of ``text`` (clean text), in order.

    ``default_year`` is the year of the document, passed on to :func:`find_dates` for one-off
    dates that do not write their year.
    """
    folded = fold(text)
    sentences = _sentences(text)
    deadlines = []
    for mention in find_dates(text, default_year=default_year):
        if mention.precision != "day" or mention.month is None or mention.day is None:
            continue
        sentence = _sentence_of(sentences, mention.start)
        deadline = _deadline(text, folded, mention, sentence)
        if deadline is not None:
            deadlines.append(deadline)
    return deadlines


# --------------------------------------------------------------------------------------------
# Steps
# --------------------------------------------------------------------------------------------


def _deadline(
    text: str,
    folded: str,
    mention: DateMention,
    sentence: tuple[int, int],
) -> Deadline | None:
    """The deadline a date mention is, or None when it is not one (see the module rules)."""
    start, end = sentence
    before = folded[start : mention.start]
    led = _DEADLINE_LEAD.search(before)
    has_word = led is not None or mention.deadline or _DEADLINE_WORD.search(before) is not None
    reporting = _REPORTING.search(folded, start, end)
    recurring = mention.recurring or (
        mention.year_inferred or mention.year is None
    ) and _ANNUAL.search(folded, start, end) is not None
    heading = _heads_a_duty(folded, mention, sentence)
    if recurring:
        if not (has_word or reporting or heading):
            return None
    elif not (has_word and reporting):
        return None
    span_start = start + led.start() if led is not None else mention.start
    return Deadline(
        start=span_start,
        end=mention.end,
        month_day=f"--{mention.month:02d}-{mention.day:02d}" if recurring else None,
        date=None if recurring else mention.start_date,
        recurring=recurring,
        sentence_start=start,
        sentence_end=end,
        who_text=_who(text, folded, start, span_start),
        what=_what(text, folded, mention, sentence, span_start, heading),
    )


def _heads_a_duty(folded: str, mention: DateMention, sentence: tuple[int, int]) -> bool:
    """"15 mars chaque année : Liste …" followed by a paragraph stating a reporting duty."""
    start, _ = sentence
    if folded[start : mention.start].strip() or not _HEADING_COLON.match(folded, mention.end):
        return False
    following = _next_paragraph(folded, sentence)
    if following is None:
        return False
    a, b = following
    return bool(_REPORTING.search(folded, a, b) or _DEADLINE_WORD_ANYWHERE.search(folded, a, b))


_DEADLINE_WORD_ANYWHERE = re.compile(r"(?<![a-z])(?:au[ ]+plus[ ]+tard|avant[ ]+le|d'ici[ ]+le)")


def _next_paragraph(folded: str, sentence: tuple[int, int]) -> tuple[int, int] | None:
    """The span of the first non-empty line after the sentence's line."""
    line_end = folded.find("\n", sentence[0])
    if line_end < 0:
        return None
    for line in re.finditer(r"[^\n]+", folded[line_end:]):
        if line.group().strip():
            return (line_end + line.start(), line_end + line.end())
    return None


def _who(text: str, folded: str, start: int, deadline_start: int) -> tuple[int, int, str] | None:
    """The nearest body before the deadline in its sentence that is not a recipient."""
    found = None
    for match in _BODY.finditer(text, start, deadline_start):
        if _RECIPIENT_BEFORE.search(folded, max(start, match.start() - 16), match.start("body")):
            continue
        found = match
    if found is None:
        return None
    return (found.start("body"), found.end("body"), found["body"])


def _what(
    text: str,
    folded: str,
    mention: DateMention,
    sentence: tuple[int, int],
    deadline_start: int,
    heading: bool,
) -> str:
    """A short piece of the text saying what is due; always a substring of the text.

    A table row is one sentence for the cues, but the piece stays within one cell.
    """
    start, end = sentence
    if heading:
        colon = _HEADING_COLON.match(folded, mention.end)
        return _trim(text[colon.end() : end] if colon else "")
    cue = _REPORTING.search(folded, start, end)
    if cue is not None and cue.start() < deadline_start:
        return _trim(text[cue.start() : deadline_start].split("\t")[-1])
    if cue is not None:
        return _trim(text[cue.start() : end].split("\t")[0])
    return _trim(text[start:deadline_start].split("\t")[-1], keep_end=True)


def _trim(piece: str, keep_end: bool = False) -> str:
    """Collapse spaces, strip bullets and punctuation at the edges, cut at a word boundary."""
    piece = re.sub(r"\s+", " ", piece).strip(" ,;:.«»\"·-–")
    if len(piece) <= _WHAT_MAX:
        return piece
    if keep_end:
        cut = piece[-_WHAT_MAX:]
        return cut[cut.find(" ") + 1 :] if " " in cut else cut
    cut = piece[:_WHAT_MAX]
    return cut[: cut.rfind(" ")] if " " in cut else cut


# --------------------------------------------------------------------------------------------
# Sentences
# --------------------------------------------------------------------------------------------


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: a line break, or a full stop followed by a capitalised word, ends one."""
    bounds = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        bounds.append((start, match.end()))
        start = match.end()
    bounds.append((start, len(text)))
    return [(a, b) for a, b in bounds if b > a]


def _sentence_of(sentences: list[tuple[int, int]], position: int) -> tuple[int, int]:
    """The sentence holding ``position``."""
    for start, end in sentences:
        if start <= position < end:
            return (start, end)
    return (position, position)
