"""Dates, numbers, durations and the pages' own words in the reader's language.

Why babel and a TOML file rather than strings in the templates: a researcher reading the French
text of a resolution should read "10 janvier 2024", "1–50 sur 857" and "Pour" around it, and
CLDR (through babel) already knows how each language writes a date, a number and "6 months";
only the few words of the pages themselves are ours, kept in ``ui-strings.toml``.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from functools import cache
from pathlib import Path

from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal
from babel.units import format_unit
from flask import Flask, has_request_context

STRINGS_FILE = Path(__file__).resolve().parent / "ui-strings.toml"
#: xsd:duration parts babel can name, as CLDR unit names.
_UNITS = {"Y": "duration-year", "M": "duration-month", "W": "duration-week", "D": "duration-day"}
#: English dates as the UN and the OAS write them, day first ("10 January 2024").
_DATE_LOCALES = {"en": "en_GB"}
_DURATION = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?")


@cache
def _strings() -> dict[str, dict[str, str]]:
    with STRINGS_FILE.open("rb") as handle:
        return tomllib.load(handle)


def ui(key: str, lang: str, **values: object) -> str:
    """The page word ``key`` in ``lang`` (English when that language lacks it), filled in."""
    strings = _strings()
    text = strings.get(lang, {}).get(key) or strings["en"].get(key) or key
    return text.format(**values) if values else text


def words_for_scripts(lang: str) -> dict[str, str]:
    """The ``js_*`` words of ``lang`` (the page scripts' own, read by static/js/words.js) and
    the names of the kinds of node (``kind_*``), which the dependency view's script writes."""
    strings = _strings()
    chosen = {**strings["en"], **strings.get(lang, {})}
    return {key: text for key, text in chosen.items() if key.startswith(("js_", "kind_"))}


def init_app(app: Flask) -> None:
    """Give every template the reader's words: ``t("key")`` in the reader's language (``?lang=``
    or Accept-Language), ``reader_lang``, and ``js_words`` for the scripts. A page that passes
    its own ``t`` or ``lang`` keeps them."""
    from server.pages import reader_language

    @app.context_processor
    def reader_words() -> dict[str, object]:
        if not has_request_context():
            return {}
        lang = reader_language()
        return {"t": lambda key, **values: ui(key, lang, **values), "reader_lang": lang,
                "js_words": words_for_scripts(lang)}


def format_date(value: str | datetime.date, lang: str) -> str:
    """``2024-01-10`` as "10 January 2024", "10 janvier 2024", "10 de enero de 2024".

    A value that is no ISO date (a year, "2019-2020") is given back as it is.
    """
    if isinstance(value, str):
        try:
            day = datetime.date.fromisoformat(value[:10])
        except ValueError:
            return value
    else:
        day = value
    return babel_format_date(day, format="long", locale=_DATE_LOCALES.get(lang, lang))


def format_number(value: int | str, lang: str) -> str:
    """``12345`` as "12,345", "12 345", "12.345"."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return str(value)
    return format_decimal(number, locale=lang)


def format_duration(value: str, lang: str) -> str:
    """An xsd:duration (``P6M``, ``P1Y``, ``P120D``) in words: "6 months", "6 mois", "6 meses".

    A duration with a time part or none of these units is given back as written.
    """
    match = _DURATION.fullmatch(value.strip())
    if match is None or not any(match.groups()):
        return value
    parts = [
        format_unit(int(amount), unit, length="long", locale=lang)
        for amount, unit in zip(match.groups(), _UNITS.values(), strict=True)
        if amount
    ]
    return ", ".join(parts)


def language_name(code: str, lang: str) -> str:
    """``fr`` named in ``lang``: "French", "français", "francés"."""
    from babel import Locale

    try:
        return Locale.parse(lang).languages.get(code, code)
    except (ValueError, TypeError):
        return code
