"""JSON Lines with the place of every string: what evidence into a JSON file needs.

``json`` gives values, not where they were written; evidence must quote the exact characters of
the file. So each line is decoded by ``json`` and its string literals are found by a scanner
(in JSON, a double quote outside a string always opens one), then paired with the decoded
strings in document order: keys and values, depth first, as they were written. Each string of
the result is a :class:`Located` with the span of its characters inside the quotes, in offsets
of the whole file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

__all__ = ["JsonLine", "Located", "read_json_lines"]

_STRING_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)


@dataclass(frozen=True)
class Located:
    """A decoded JSON string and the span of its literal's characters (quotes excluded)."""

    value: str
    start: int
    end: int

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end

    def sub(self, start: int, end: int) -> tuple[int, int]:
        """The file span of ``value[start:end]``; the whole literal if it has escapes.

        Without escapes the literal is the value, character for character; with them (``\\u00d4``
        for "Ô") offsets inside differ, and the whole string is the honest evidence.
        """
        if self.end - self.start != len(self.value):
            return self.span
        return self.start + start, self.start + end


@dataclass(frozen=True)
class JsonLine:
    """One non-blank line: its number (from 1), the decoded value, or why it could not be."""

    number: int
    value: Any = None
    error: str | None = None


def read_json_lines(text: str) -> Iterator[JsonLine]:
    """Every non-blank line of ``text``, its strings :class:`Located` in ``text``."""
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield _read_line(line, offset, number)
        offset += len(line) + 1


def _read_line(line: str, offset: int, number: int) -> JsonLine:
    try:
        decoded = json.loads(line, object_pairs_hook=_Pairs)
    except json.JSONDecodeError as error:
        return JsonLine(number, error=f"not JSON ({error.msg}, column {error.colno})")
    literals = _STRING_LITERAL.finditer(line)
    return JsonLine(number, _locate(decoded, literals, offset))


def _locate(value: Any, literals: Iterator[re.Match[str]], offset: int) -> Any:
    """``value`` with each string replaced by its Located, consuming the literals in order."""
    if isinstance(value, str):
        found = next(literals)
        return Located(value, offset + found.start() + 1, offset + found.end() - 1)
    if isinstance(value, _Pairs):
        return _locate_object(value, literals, offset)
    if isinstance(value, list):
        return [_locate(item, literals, offset) for item in value]
    return value


class _Pairs(list):  # type: ignore[type-arg]
    """A JSON object as its (key, value) pairs: a repeated key still has its own literal."""


def _locate_object(pairs: _Pairs, literals: Iterator[re.Match[str]],
                   offset: int) -> dict[str, Any]:
    located: dict[str, Any] = {}
    for key, item in pairs:
        next(literals)  # the key's literal
        located[key] = _locate(item, literals, offset)
    return located
