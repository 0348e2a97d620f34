"""The regular expressions of French date expressions, and the words they are built from.

:mod:`graph.extract.dates` finds dates in three steps (read, extend, resolve); this module is the
first step's vocabulary: the building blocks (a day, a month, a year, a time of day) and the
patterns of whole expressions, kept apart from the code that reads a match so that a pattern can
be changed without touching how its groups are turned into numbers.  Plain word lists (month
prefixes, weekdays, ordinals) are in ``date_words.toml`` beside this module.

Patterns match :func:`graph.normalize.fold` of the text: lower case, unaccented, plain
apostrophes, plain spaces.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

WORDS_FILE = Path(__file__).with_name("date_words.toml")
"""Month prefixes, weekday names and ordinal prefixes."""

with WORDS_FILE.open("rb") as _handle:
    _WORDS = tomllib.load(_handle)

# --------------------------------------------------------------------------------------------
# Building blocks (folded text: lower case, unaccented, plain apostrophes, plain spaces)
# --------------------------------------------------------------------------------------------

MONTHS: dict[str, int] = dict(_WORDS["month_prefixes"])
"""Month number by the prefix that identifies it, tried in order."""

_MONTH = r"""
    (?:janvier|janv\.|fevrier|fevr?\.|mars|avril|avr\.|mai|juin|juillet|juil\.
      |aout|septembre|sept\.|octobre|oct\.|novembre|nov\.|decembre|dec\.|{english})
    (?![a-z])
"""
_MONTH_EN = "(?:" + "|".join(
    re.escape(m) for m in sorted(_WORDS["months_en"], key=len, reverse=True)
) + ")(?![a-z])"
_MONTH = _MONTH.replace("{english}", _MONTH_EN[3:-len(")(?![a-z])")])
_WEEKDAY = "(?:" + "|".join(
    re.escape(w) for w in sorted(_WORDS["weekdays"], key=len, reverse=True)
) + "),?[ ]+"
_SP = r"[ ]+"
"""Words of one expression are separated by spaces only: never by a tab or a newline."""


def _day(name: str) -> str:
    """A day of the month: "1er", "1 er", "premier", "01" … "31"."""
    return rf"(?P<{name}>1[ ]?(?:er|re)(?![a-z])|premier|[12]\d|3[01]|0?[1-9])(?!\d)"


def year_group(name: str) -> str:
    """A four-digit year, not glued to a symbol ("1933/19") or to more digits."""
    return rf"(?P<{name}>(?:19|20)\d\d)(?![\d/]|[.,]\d|[a-z])"


_DAY_START = r"(?<![\w.,/\-–])"
"""A day number that follows a dot, a slash or a dash belongs to a symbol or a number."""

YEAR_START = r"(?<![\w.,/\-–$€])"


def _time(n: int) -> str:
    """A time of day: "10 h 00", "13 h00", "10h", "10:00", "9 heures 30", "3:00 p.m.",
    "10 a.m."."""
    return rf"""
        (?<![\d:.,])(?P<h{n}>[01]?\d|2[0-3])[ ]?
        (?:h(?:eures?)?(?![a-z])[ ]?(?P<m{n}>[0-5]\d)?|:(?P<c{n}>[0-5]\d)|(?=[ ]?[ap]\.?m\b))
        (?!\d)
        (?:[ ]?(?P<ap{n}>[ap])\.?m(?:\.|\b))?
    """


_TIME_RANGE = rf"{_time(1)}(?:[ ]*(?:-|–|—|a|au|jusqu'a|to|until)[ ]*{_time(2)})?"

_ORDINAL = r"""
    (?:premier|premiere|1[ ]?(?:er|re)|deuxieme|2[ ]?(?:e|eme|nd|nde)|seconde?|troisieme
      |3[ ]?e(?:me)?|quatrieme|4[ ]?e(?:me)?|dernier)(?![a-z])
"""
ORDINAL_VALUES: tuple[tuple[str, int], ...] = tuple(
    (prefix, number) for prefix, number in _WORDS["ordinal_prefixes"]
)
"""Ordinal value by the prefix of a compacted ordinal, tried in order; -1 is "the last"."""

# --------------------------------------------------------------------------------------------
# Date patterns.  Each yields a candidate; overlapping candidates are settled longest first.
# --------------------------------------------------------------------------------------------

_ORDINAL_SUFFIX = r"(?:st|nd|rd|th)?(?![a-z])"
_EN_YEAR = rf"(?:,?{_SP}(?:of{_SP})?"
"""Before the year of an English date: "July 13, 2016", "July 13 2016"."""

MONTH_FIRST_RANGE = re.compile(
    rf"""
    (?<![a-z])(?:{_WEEKDAY})?                           # "July 13-15, 2016"
    (?P<m1>{_MONTH_EN}){_SP}{_day("d1")}{_ORDINAL_SUFFIX}  # "July 30 to August 2, 2016"
    (?:{_EN_YEAR}{year_group("y1")}))?
    [ ]*(?:[-–—]|to(?=[ ])|through(?=[ ])|until(?=[ ]))[ ]*
    (?:{_WEEKDAY})?(?:(?P<m2>{_MONTH_EN}){_SP})?{_day("d2")}{_ORDINAL_SUFFIX}
    (?:{_EN_YEAR}{year_group("y2")}))?
    """,
    re.VERBOSE,
)

MONTH_FIRST_DAY = re.compile(
    rf"""
    (?<![a-z])(?:{_WEEKDAY})?                           # "Wednesday, July 13, 2016"
    (?P<m1>{_MONTH_EN}){_SP}{_day("d1")}{_ORDINAL_SUFFIX}
    (?:{_EN_YEAR}{year_group("y1")}))?
    """,
    re.VERBOSE,
)

DAY_RANGE = re.compile(
    rf"""
    (?<![a-z])(?:du|de|depuis[ ]le){_SP}          # "du 17 au 20 novembre"
    (?:{_WEEKDAY})?{_day("d1")}
    (?:{_SP}(?P<m1>{_MONTH})(?:{_SP}{year_group("y1")})?)?  # "du 28 fevrier au 2 mars"
    {_SP}(?:au|a|jusqu'au){_SP}
    (?:{_WEEKDAY})?{_day("d2")}{_SP}(?P<m2>{_MONTH})
    (?:{_SP}{year_group("y2")})?
    """,
    re.VERBOSE,
)

DASH_RANGE = re.compile(
    rf"""
    {_DAY_START}(?:{_WEEKDAY})?{_day("d1")}           # "28-29 novembre 2006"
    (?:{_SP}(?P<m1>{_MONTH})(?:{_SP}{year_group("y1")})?)?  # "28 fevrier - 2 mars"
    [ ]*[-–—][ ]*
    {_day("d2")}{_SP}(?P<m2>{_MONTH})
    (?:{_SP}{year_group("y2")})?
    """,
    re.VERBOSE,
)

DAY_LIST = re.compile(
    rf"""
    {_DAY_START}(?:{_WEEKDAY})?{_day("d1")}
    (?P<more>(?:[ ]*,[ ]*(?:1[ ]?er|[12]\d|3[01]|0?[1-9])(?!\d))*)  # "5, 12 et 19 mars"
    {_SP}et{_SP}(?:{_WEEKDAY})?{_day("d2")}{_SP}(?P<m2>{_MONTH})
    (?:{_SP}{year_group("y2")})?
    """,
    re.VERBOSE,
)

DAY = re.compile(
    rf"""
    {_DAY_START}(?:{_WEEKDAY})?{_day("d1")}
    (?:
        {_SP}(?P<m1>{_MONTH})(?:{_SP}{year_group("y1")})?          # "1er juin 2019"
      | (?P<sep>[/-])(?P<m1s>{_MONTH})(?P=sep)                 # "28/janvier/08"
        (?P<y1s>(?:19|20)?\d\d)(?![\d/])
    )
    """,
    re.VERBOSE,
)

NUMERIC = re.compile(
    r"""
    (?<![\w./\-])
    (?:
        (?P<d>[0-3]?\d)(?P<sep>[/.])(?P<m>[01]?\d)(?P=sep)(?P<y>(?:19|20)\d\d)  # 15/02/2008
      | (?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)                   # 2008-02-15
    )
    (?![\w/]|[.,]\d)
    """,
    re.VERBOSE,
)

MONTH_RANGE = re.compile(
    rf"""
    (?:
        (?<![a-z'])(?:de|du[ ]mois[ ]de){_SP}|(?<![a-z])d'   # "d'octobre a decembre 2019"
    )
    (?P<m1>{_MONTH})(?:{_SP}{year_group("y1")})?
    {_SP}(?:a|au[ ]mois[ ]de|jusqu'a|jusqu'en){_SP}
    (?P<m2>{_MONTH})(?:{_SP}{year_group("y2")})?
    | (?<![a-z])entre{_SP}(?P<m1e>{_MONTH})(?:{_SP}{year_group("y1e")})?   # "entre mars et mai"
      {_SP}et{_SP}(?P<m2e>{_MONTH})(?:{_SP}{year_group("y2e")})?
    | (?<![a-z])(?P<m1c>{_MONTH}){_SP}(?:et|a|[-–]){_SP}    # "fevrier et mars 2008"
      (?P<m2c>{_MONTH}){_SP}{year_group("y2c")}
    """,
    re.VERBOSE,
)

MONTH_YEAR = re.compile(
    rf"""
    (?<![a-z])(?P<m1>{_MONTH})
    {_SP}(?:de{_SP}l'annee{_SP}|de{_SP})?{year_group("y1")}  # "juillet 2007", "mai de l'annee 2020"
    """,
    re.VERBOSE,
)

MONTH_AFTER_CUE = re.compile(
    rf"""
    (?<![a-z])
    (?:en|au[ ]mois[ ]d[e']|mois[ ]d[e']|debut|fin|mi-|courant|des|depuis|jusqu'en
      |avant|apres|d'ici|a[ ]partir[ ]d[e'])     # a word that announces a month
    [ ]*(?P<m1>{_MONTH})
    """,
    re.VERBOSE,
)

MONTH_RECURRING = re.compile(
    rf"""
    (?<![a-z])(?P<m1>{_MONTH})      # "mars chaque annee": the month of a yearly event
    (?=[ ]*,?[ ]*(?:de[ ]+)?(?:chaque[ ]+annee|tous[ ]+les[ ]+ans|annuellement)(?![a-z]))
    """,
    re.VERBOSE,
)

MONTH_HEADING = re.compile(
    rf"""
    (?:^|(?<=\t))[ ]*(?:[-·•*][ ]*)?          # at the start of a line or of a cell
    (?P<m1>{_MONTH})
    (?=[ ]*(?:$|\t|:|\(|,))                   # and alone there: "Mars", "Juillet (prov.) :"
    """,
    re.VERBOSE | re.MULTILINE,
)

SEMESTER = re.compile(
    rf"""
    (?<![\w])(?P<o1>{_ORDINAL})
    (?:{_SP}(?:et|a|au){_SP}(?P<o2>{_ORDINAL}))?             # "premier et deuxieme semestres"
    {_SP}(?P<unit>semestre|trimestre)s?(?![a-z])
    (?:{_SP}(?:de{_SP}l'annee{_SP}|de{_SP}|d')?{year_group("y1")})?
    """,
    re.VERBOSE,
)

YEAR_RANGE = re.compile(
    rf"""
    {YEAR_START}{year_group("y1")}[ ]*[-–—][ ]*{year_group("y2")}      # "2019-2020", "2019 – 2020"
    | (?<![a-z])de{_SP}{year_group("y1d")}{_SP}(?:a|au){_SP}{year_group("y2d")}
    | (?<![a-z])entre{_SP}{year_group("y1e")}{_SP}et{_SP}{year_group("y2e")}
    """,
    re.VERBOSE,
)

YEAR_AFTER_CUE = re.compile(
    rf"""
    (?<![a-z])
    (?:en|durant|depuis|pendant|au[ ]cours[ ]de|fin|debut|mi-|courant|avant|apres
      |jusqu'en|d'ici|des|l'annee|l'an|annee|a[ ]partir[ ]de)  # a word that announces a year
    [ ]*{YEAR_START}{year_group("y1")}
    """,
    re.VERBOSE,
)

YEAR_CELL = re.compile(
    rf"""
    (?:^|(?<=\t))[ ]*{year_group("y1")}[ ]*(?=$|\t)   # a cell that is only a year: "2019"
    """,
    re.VERBOSE | re.MULTILINE,
)

TIME_ALONE = re.compile(
    rf"""
    {_TIME_RANGE}
    """,
    re.VERBOSE,
)

# Extensions tried right after a date ------------------------------------------------------

TIME_SUFFIX = re.compile(
    rf"""
    [ ]*[,:]?[ ]*
    (?P<paren>\()?[ ]*              # "(10 h 00 – 13 h00)" or ", de 15 h 00 a 18 h 00"
    (?:(?:de|a|des|from|at)[ ]+)?
    {_TIME_RANGE}
    (?(paren)[ ]*\))                # a parenthesis opened is closed
    """,
    re.VERBOSE,
)

RECURRING_SUFFIX = re.compile(
    r"""
    [ ]*,?[ ]*
    (?:de[ ]+)?(?:chaque[ ]+annee|tous[ ]+les[ ]+ans|annuellement)(?![a-z])
    """,
    re.VERBOSE,
)

RECURRENCE = re.compile(
    r"""(?<![a-z])(?:chaque[ ]+annee|tous[ ]+les[ ]+ans|annuellement)(?![a-z])""",
    re.VERBOSE,
)
"""A yearless date in the same sentence as one of these recurs every year."""

THIS_YEAR_SUFFIX = re.compile(
    r"""
    [ ]+(?:de[ ]+)?(?:cette[ ]+annee|l'annee[ ]+en[ ]+cours)(?![a-z])   # "de cette annee"
    """,
    re.VERBOSE,
)

DEADLINE_BEFORE = re.compile(
    r"""
    (?:au[ ]+plus[ ]+tard|avant|d'ici|date[ ]+limite|delai       # words of a deadline
      |(?<![a-z])(?:no|not)[ ]+later[ ]+than|deadline|(?<![a-z])by|before|due)
    (?:[ ]*(?:le|la|les|au|du|en|fin|de|on|the|end[ ]+of|:|,))*[ ]*$   # then only small words
    """,
    re.VERBOSE,
)

LABEL_BEFORE = re.compile(
    r"""
    (?:(?<![a-z])(?:res|doc|no|n°|numero|resolution|paragraphes?|articles?|sections?|pages?
        |usd|eur|chf|cfa|fcfa)|[$€£])
    [ .:°]*$                                  # a label that makes the number an identifier
    """,
    re.VERBOSE,
)

SENTENCE_END = re.compile(r"[.;!?\n](?=[ \t]|$)|\n")

LIST_ITEM = re.compile(r"1[ ]?er|\d+")
"""One day of the comma-separated part of a list of days."""
