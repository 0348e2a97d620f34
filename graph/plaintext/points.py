"""The numbering of sub-paragraphs as printed: which level a "(b)", "(ii)" or "–" belongs to.

A printed resolution nests sub-paragraphs with letters, then roman numerals ("8 (a) (ii)"),
sometimes digits or dashes, in parentheses ("(a)"), with one bracket ("a)") or a full stop
("a."). A line that opens with such a number is a sub-paragraph only when the number follows
the one before it at some open level, or starts a new level ("(a)", "(i)", "1", a dash);
"(i)" after "(h)" is the ninth letter, after "(a)" the first roman numeral. A number that fits
nowhere ("(d)" with no "(c)" before it) is not a sub-paragraph but text that wrapped there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.plaintext.layout import compiled

_ROMAN = re.compile(r"^(?=[ivxl])l?x{0,3}(?:ix|iv|v?i{0,3})$")
_ROMANS = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii",
           "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx"]
_FIRST = {"alpha": "a", "roman": "i", "digit": "1"}


@dataclass
class _Level:
    style: str  # "alpha" | "roman" | "digit" | "dash"
    form: str  # how the number is printed: "(x)", "x)", "x.", or the dash itself
    label: str
    indent: int = -1
    #: the last label of each style seen at this level ((a), (b) and (i), (ii) side by side)
    last: dict[str, str] = field(default_factory=dict)


def _next(style: str, label: str) -> str | None:
    if style == "alpha":
        if label == "z":
            return "aa"
        if len(label) == 2 and label[0] == label[1] and label[0] < "z":
            return chr(ord(label[0]) + 1) * 2
        return chr(ord(label) + 1) if len(label) == 1 else None
    if style == "roman":
        return _ROMANS[_ROMANS.index(label) + 1] if label in _ROMANS[:-1] else None
    if style == "digit":
        return str(int(label) + 1)
    return label  # a dash follows a dash


def _styles(token: str) -> list[str]:
    if token.isdigit():
        return ["digit"]
    styles = []
    if _ROMAN.match(token):
        styles.append("roman")
    if len(token) == 1 or len(token) == 2 and token[0] == token[1]:
        styles.append("alpha")
    return styles


@dataclass
class PointLevels:
    """The open sub-paragraph levels of one operative paragraph."""

    levels: list[_Level] = field(default_factory=list)

    def read(self, line: str, indent: int | None = None) -> tuple[tuple[str, ...], int] | None:
        """The sub-paragraph path ("a", "ii") if ``line`` opens a sub-paragraph, and how many
        characters its number takes; the levels follow.

        ``indent`` is the line's indentation when the text keeps it: a number indented as an
        open level's is at that level whatever its style (printed "(a)" and "(i)" side by side).
        """
        match = compiled("body", "point")[0].match(line)
        if match is None:
            return None
        if match["dash"]:
            token, form, styles = match["dash"], match["dash"], ["dash"]
        else:
            token = (match["p1"] or match["p2"]).lower()
            form = "(x)" if match["p1"] else "x" + line[match.end("p2")]
            styles = _styles(token)
        if not styles:
            return None
        if indent is not None:
            placed = self._by_indent(token, styles, indent)
            if placed is not None:
                return placed, match.end()
        # a level already open that this number continues, deepest first
        for depth in range(len(self.levels) - 1, -1, -1):
            level = self.levels[depth]
            if level.style in styles and level.form == form and _next(level.style,
                                                                      level.label) == token:
                del self.levels[depth + 1 :]
                self._set(level, level.style, token)
                return self.path(), match.end()
        for style in styles:
            if _FIRST.get(style, token) == token and not any(
                    lv.style == style and lv.form == form for lv in self.levels):
                level = _Level(style, form, token, -1 if indent is None else indent)
                self._set(level, style, token)
                self.levels.append(level)
                return self.path(), match.end()
        return None

    def _by_indent(self, token: str, styles: list[str], indent: int) -> tuple[str, ...] | None:
        """The level of the same indentation, if the number continues or starts a style there."""
        for depth, level in enumerate(self.levels):
            if abs(level.indent - indent) > 1:
                continue
            # a number that continues a style of this level, else one that starts a style
            # (again: "(i)" under each of "(a)", "(b)" printed at one indentation)
            chosen = next((st for st in styles if st in level.last
                           and _next(st, level.last[st]) == token), None)
            if chosen is None:
                chosen = next((st for st in styles if _FIRST.get(st, token) == token
                               and (st not in level.last or st != level.style)), None)
            if chosen is None:
                return None
            del self.levels[depth + 1 :]
            self._set(level, chosen, token)
            return self.path()
        return None

    @staticmethod
    def _set(level: _Level, style: str, token: str) -> None:
        level.style, level.label = style, token
        level.last[style] = token

    def path(self) -> tuple[str, ...]:
        return tuple(level.label for level in self.levels)
