"""One way to page every HTML list: 50 rows a page, ``?page=N``, "1–50 of 857" above and below.

Why one helper: the named-query answers, the coverage tables, the home page's documents and the
resolutions index are all lists a reader pages through the same way, and a reader who learnt one
pager knows them all. Each list has its own page parameter (``page``, ``organs_page``…) so two
lists of one page page apart. The counts are written in the reader's language
(:func:`server.locale.ui`, numbers by babel).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlencode

from flask import request

from server.locale import format_number, ui

#: Rows of an HTML list on one page.
PAGE_ROWS = 50

T = TypeVar("T")


@dataclass(frozen=True)
class Paging:
    """Where a page of a list is: its number, how many pages, its rows (1-based) of total."""

    page: int
    pages: int
    start: int
    end: int
    total: int
    parameter: str = "page"
    lang: str = "en"
    #: the other query parameters of the page's URL, kept in the pager's links
    keep: tuple[tuple[str, str], ...] = ()

    @property
    def label(self) -> str:
        """"1–50 of 857", "1–50 sur 857", "1–50 de 857"."""
        return ui("range", self.lang, start=format_number(self.start, self.lang),
                  end=format_number(self.end, self.lang),
                  total=format_number(self.total, self.lang))

    @property
    def position(self) -> str:
        """"page 2 of 18" in the reader's language."""
        return ui("page_of", self.lang, page=format_number(self.page, self.lang),
                  pages=format_number(self.pages, self.lang))

    def href(self, page: int) -> str:
        """The URL (query part) of another page of this list, the page's other parameters kept."""
        return "?" + urlencode([*self.keep, (self.parameter, str(page))])

    @property
    def words(self) -> dict[str, str]:
        """The pager's own words (previous, next, the navigation's name) for the template."""
        return {key: ui(key, self.lang) for key in ("previous", "next", "pages")}


def page_of(
    rows: Sequence[T],
    *,
    lang: str = "en",
    parameter: str = "page",
    size: int = PAGE_ROWS,
    args: Mapping[str, str] | None = None,
) -> tuple[Paging, list[T]]:
    """The page of ``rows`` that ``?<parameter>=`` asks for (clamped to the list) and its rows.

    ``args`` are the query parameters to keep in the pager's links (default: the request's,
    this list's page parameter left out). A page number that is not a whole number is page 1.
    """
    pages = max(1, -(-len(rows) // size))
    source = request.args if args is None else args
    raw = str(source.get(parameter, "1"))
    page = min(max(int(raw), 1), pages) if raw.isdigit() else 1
    shown = list(rows[(page - 1) * size: page * size])
    first = (page - 1) * size
    keep = tuple(
        (key, value)
        for key, values in (source.lists() if hasattr(source, "lists") else
                            ((k, [v]) for k, v in source.items()))
        for value in values
        if key != parameter
    )
    paging = Paging(page, pages, first + 1 if shown else 0, first + len(shown), len(rows),
                    parameter, lang, keep)
    return paging, shown
