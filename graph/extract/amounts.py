"""Sums of money in French texts: "US$ 126.200", "12 000 000 FCFA", a "12.000.000" budget cell.

Mandates come with their budgets, and a budget figure is only useful with its currency and its
exact value.  French texts group thousands with a dot, a space or a non-breaking space and use
a decimal comma ("126.200", "5 000", "1 250,50"), while documents translated from English keep
"US$126,200.00"; the reading here decides per number, from the separators it actually has.

A number counts as an amount when a currency is written next to it.  A bare number counts only
in a table cell of its own, when the caller says which currency the table is in
(``default_currency``, for a budget table whose heading says "Budget en CFA"), and when it looks
like money: grouped thousands or at least four digits, and not a year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from graph.normalize import fold, iter_lines

__all__ = ["AmountMention", "find_amounts"]

# Currency words, as they appear in folded text (lower case, no accents) ---------------------

_CURRENCY_BEFORE = r"""
    (?P<pre>
        us[ ]?\$ | \$[ ]?us | usd | \$          # United States dollars
      | eur | €                                 # euros
      | chf                                     # Swiss francs
      | f[ ]?cfa | xof                          # CFA francs (West Africa)
      | cad | can[ ]?\$                         # Canadian dollars
    )
"""

_CURRENCY_AFTER = r"""
    (?P<post>
        dollars?[ ]+(?:des[ ]+etats-unis|americains?|e\.-u\.|us)(?![a-z])  # explicit US
      | dollars?[ ]+canadiens?                                 # Canadian
      | \$[ ]?us(?![a-z])                                      # "12 $ US"
      | dollars?(?![a-z]) | us[ ]?\$ | usd | \$                # a dollar, US by default
      | euros?(?![a-z]) | eur(?![a-z]) | €
      | francs?[ ]+suisses? | chf(?![a-z])
      | francs?[ ]+cfa | f[ ]?cfa | fcfa | xof | cfa(?![a-z])
      | cad(?![a-z])
    )
"""

_MULTIPLIER = r"""
    (?:[ ]+(?P<mult>mille|millions?|milliards?)(?![a-z]))?   # "5 millions de dollars"
"""

_NUMBER = r"""
    (?<![\w.,/\-])                        # not the tail of a symbol or of a longer number
    (?P<num>
        \d{1,3}(?P<sep>[ .,])\d{3}(?:(?P=sep)\d{3})*   # grouped thousands: 12.000.000, 5 000
        (?:[.,]\d{1,2}(?!\d))?                          # and cents: 126,200.00 / 1 250,50
      | \d+(?:[.,]\d{1,2}(?!\d))?                       # ungrouped: 17000, 12,5
    )
    (?![\d]|[.,]\d)
"""

_AMOUNT = re.compile(
    rf"""
    {_CURRENCY_BEFORE}[ ]?{_NUMBER}{_MULTIPLIER}         # currency first: "US$ 126.200"
    | {_NUMBER.replace("(?P<", "(?P<b_").replace("(?P=sep)", "(?P=b_sep)")}
      {_MULTIPLIER.replace("(?P<mult>", "(?P<b_mult>")}
      [ ]?(?:de[ ]+|d')?{_CURRENCY_AFTER}                # currency after: "5 000 dollars"
    """,
    re.VERBOSE,
)

_BARE_CELL = re.compile(
    rf"""
    [ ]*{_NUMBER}[ ]*$                   # a table cell holding only a number
    """,
    re.VERBOSE,
)

_ISO = (
    ("dollars canad", "CAD"), ("can", "CAD"), ("cad", "CAD"),
    ("dollar", "USD"), ("us", "USD"), ("$", "USD"),
    ("euro", "EUR"), ("eur", "EUR"), ("€", "EUR"),
    ("franc suisse", "CHF"), ("francs suisse", "CHF"), ("chf", "CHF"),
    ("franc", "XOF"), ("f", "XOF"), ("xof", "XOF"), ("cfa", "XOF"),
)  # fmt: skip
"""ISO 4217 code by the start of the folded currency words (first match wins)."""

_AMBIGUOUS_DOLLAR = re.compile(r"dollars?|\$")
"""A dollar that does not say whose: read as US dollars, but flagged as inferred."""

_MULTIPLIERS = {
    "mille": 10**3, "million": 10**6, "millions": 10**6, "milliard": 10**9, "milliards": 10**9,
}  # fmt: skip

_YEARS = range(1990, 2031)
"""A number alone in these bounds is a year, never an amount."""

_ISO_CODE = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True)
class AmountMention:
    """A sum of money: its span, its exact value and its ISO 4217 currency (if known).

    ``currency_inferred`` is True when the currency was not written next to the number (it
    came from ``default_currency``) or when the text only said "dollars"/"$" without saying
    whose.
    """

    start: int
    end: int
    text: str
    value: Decimal
    currency: str | None
    currency_inferred: bool = False


def read_number(token: str) -> Decimal:
    """The value of a number written the French or the English way.

    A separator followed by exactly three digits groups thousands; one followed by one or two
    digits at the end marks decimals ("126.200" is 126200, "12,5" is 12.5, "126,200.00" is
    126200).
    """
    compact = token.replace(" ", "").replace("\u00a0", "")
    decimals = re.search(r"[.,](\d{1,2})$", compact)
    if decimals:
        integer = re.sub(r"[.,]", "", compact[: decimals.start()])
        return Decimal(f"{integer}.{decimals.group(1)}")
    return Decimal(re.sub(r"[.,]", "", compact))


def _currency(words: str) -> tuple[str | None, bool]:
    """ISO code of folded currency words, and whether it was a guess (a bare dollar)."""
    words = " ".join(words.split())
    for prefix, code in _ISO:
        if words.startswith(prefix):
            return code, bool(_AMBIGUOUS_DOLLAR.fullmatch(words))
    return None, False


def _scaled(value: Decimal, factor: int) -> Decimal:
    """``value * factor``, written without a decimal part when it has none ("1,5 million")."""
    scaled = value * factor
    return scaled.quantize(Decimal(1)) if scaled == scaled.to_integral_value() else scaled


def _amount_from(m: re.Match[str], text: str) -> AmountMention | None:
    prefix = "" if m.group("num") else "b_"
    number = m.group(prefix + "num")
    words = m.group("pre") or m.group("post")
    value = read_number(number)
    multiplier = m.group(prefix + "mult")
    if multiplier:
        value = _scaled(value, _MULTIPLIERS[multiplier])
    code, guessed = _currency(words)
    if code is None:
        return None
    return AmountMention(m.start(), m.end(), text[m.start() : m.end()], value, code, guessed)


def _bare_amounts(
    text: str, folded: str, currency: str, taken: list[tuple[int, int]]
) -> Iterator[AmountMention]:
    """Numbers alone in a cell of a tab-separated row, read in the caller's currency."""
    for line in iter_lines(text):
        if len(line.cells) < 2:
            continue
        for cell in line.cells:
            m = _BARE_CELL.fullmatch(folded, cell.start, cell.end)
            if m is None or any(s < cell.end and cell.start < e for s, e in taken):
                continue
            number = m.group("num")
            digits = sum(ch.isdigit() for ch in number)
            if not (m.group("sep") or digits >= 4):
                continue
            if m.group("sep") is None and number.isdigit() and int(number) in _YEARS:
                continue
            start, end = m.start("num"), m.end("num")
            yield AmountMention(start, end, text[start:end], read_number(number), currency, True)


def find_amounts(text: str, *, default_currency: str | None = None) -> list[AmountMention]:
    """All sums of money in ``text`` (clean text), in order.

    ``default_currency`` (an ISO 4217 code) is the currency of the budget table the text is or
    contains; without it, numbers without a currency next to them are never amounts.
    """
    if not isinstance(text, str):
        raise TypeError(f"find_amounts() needs the text as str, got {type(text).__name__}")
    if default_currency is not None and not _ISO_CODE.fullmatch(default_currency):
        raise ValueError(
            f"default_currency must be an ISO 4217 code such as 'XOF', got {default_currency!r}"
        )
    folded = fold(text)
    found = [a for m in _AMOUNT.finditer(folded) if (a := _amount_from(m, text)) is not None]
    if default_currency is not None:
        taken = [(a.start, a.end) for a in found]
        found += _bare_amounts(text, folded, default_currency, taken)
    return sorted(found, key=lambda a: a.start)
