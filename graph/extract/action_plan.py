"""National action plans: their axes, their activities and their budget, with evidence spans.

A national action plan (for resolution 1325, for instance) is a document in three layers that
repeat the same things: priority *axes* ("Axe prioritaire I : …", "Pilier 2 – …", "Objectif
stratégique 3. …"), a *logical framework* table (expected results, activities, indicators,
responsible bodies) and a *budget* table (one row per activity, one column per year, a Total
column, "Total 1" … "Total général" rows).  The graph needs each layer, and needs them linked:
an activity belongs to an axis, a budget cell to an activity and a year.

Everything is read from the table structure that :func:`graph.normalize.iter_lines` exposes
(cells are tab-separated), and patterns are matched on :func:`graph.normalize.fold` of the text,
which has the same length, so every span indexes the clean text that was given.

Two rules keep the facts honest:

* Nothing is corrected.  A row total that is not the sum of its year cells, or an axis total
  that is not the sum of its rows, is reported as written with ``inconsistent=True``.
* Nothing is guessed.  "An 2" becomes a calendar year only when the plan's first year is known
  (given by the caller or read from a "2012-2014" period in the title); the year is then flagged
  ``year_inferred``.  A figure whose currency is nowhere stated gets the ISO 4217 code ``XXX``
  ("no currency").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from graph.extract.amounts import AmountMention, find_amounts
from graph.normalize import Cell, Line, NormalizedText, fold, iter_lines

__all__ = [
    "ActionPlanFacts",
    "Axis",
    "BudgetLine",
    "PlanActivity",
    "extract_action_plan",
]


# --------------------------------------------------------------------------------------------
# Result types
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Axis:
    """One priority axis; its span is the first heading that introduces it with a title."""

    number: int
    title: str
    start: int
    end: int
    mentions: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class PlanActivity:
    """An activity of the logical framework, with the bodies its row makes responsible."""

    axis: int | None
    title: str
    start: int
    end: int
    responsible: tuple[tuple[int, int, str], ...] = ()
    result: str | None = None


@dataclass(frozen=True)
class BudgetLine:
    """One amount cell of a budget table, with what its row and column say it is."""

    axis: int | None
    activity: str | None
    activity_span: tuple[int, int] | None
    year: int | None
    column: str
    value: Decimal
    currency: str
    start: int
    end: int
    is_total: bool
    year_inferred: bool
    inconsistent: bool


@dataclass(frozen=True)
class ActionPlanFacts:
    """What :func:`extract_action_plan` found; empty lists for a document that is not a plan."""

    axes: list[Axis] = field(default_factory=list)
    activities: list[PlanActivity] = field(default_factory=list)
    budget: list[BudgetLine] = field(default_factory=list)
    currency: str | None = None


# --------------------------------------------------------------------------------------------
# Patterns (all matched against folded text: lower case, unaccented, plain apostrophes)
# --------------------------------------------------------------------------------------------

_AXIS_HEADING = re.compile(
    r"""
    (?P<head>                          # the word that names the level of the plan
        axe (?:[ ]+(?:prioritaire|strategique|d'intervention|d'action|thematique))?
      | pilier
      | objectif[ ]+strategique
      | domaine[ ]+(?:prioritaire|d'action|d'intervention|strategique)
      | volet
      | priorite
    )
    [ ]*(?:n[°o]\.?[ ]*)?              # "Axe n° 2"
    (?P<num>\d{1,2}|[ivx]{1,6})        # Arabic or Roman numeral (validated in code)
    (?![\w]|[.,]\d)                    # a whole numeral, not "1.2" (a sub-level)
    [ ]*(?P<sep>[:.)\-\u2013\u2014][ ]*)?  # ":" "." ")" "-" or a dash before the title
    (?P<title>.*)                      # the rest of the cell
    """,
    re.VERBOSE,
)
"""An axis heading at the start of a cell: "Axe prioritaire v : Coordination …"."""

_ROMAN = re.compile(
    r"""
    (?P<tens>x{0,3})           # 10, 20, 30
    (?P<units>ix|iv|v?i{0,3})  # 1 … 9
    """,
    re.VERBOSE,
)
_ROMAN_UNITS = {"": 0, "i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7,
                "viii": 8, "ix": 9}  # fmt: skip

_ORDINALS = {
    "premier": 1, "second": 2, "deuxieme": 2, "troisieme": 3, "quatrieme": 4,
    "cinquieme": 5, "sixieme": 6, "septieme": 7, "huitieme": 8, "neuvieme": 9, "dixieme": 10,
}  # fmt: skip

_ORDINAL_MENTION = re.compile(
    rf"""
    \b(?:le|l')[ ]*                                  # the article makes it a reference
    (?P<ord>{"|".join(_ORDINALS)})
    [ ]+(?P<noun>axe|volet|pilier)\b                 # "le cinquième axe", "le troisième volet"
    """,
    re.VERBOSE,
)
"""A reference to an axis by its rank, as introductions describe the plan."""

_ANNOUNCED_AXES = re.compile(
    r"""
    \b(?:\d{1,2}|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)
    [ ]+(?:axes|piliers|volets)\b     # "divisé en cinq axes considérés comme prioritaires :"
    [^\n]*:[ ]*$                      # and the sentence announces a list
    """,
    re.VERBOSE,
)

_BULLET = re.compile(
    r"""
    [ ]*(?:[-\u2013\u2022\u25aa*][ ]+)   # a dash or bullet opens a list item
    """,
    re.VERBOSE,
)

_ITEM_HEAD = re.compile(
    r"""
    [^(:;.\n]*?                 # the item's own words …
    (?=[ ]*[(:;.]|[ ]*$)        # … up to its first parenthesis, colon, semicolon or full stop
    """,
    re.VERBOSE,
)

_PLAN_PERIOD = re.compile(
    r"""
    (?<!\d)(?P<first>(?:19|20)\d\d)        # first year of the plan
    [ ]*(?:[-\u2013\u2014/]|a)[ ]*         # "2012-2014", "2012 – 2014", "2012 à 2014"
    (?P<last>(?:19|20)\d\d)(?!\d)
    """,
    re.VERBOSE,
)

_YEAR_COLUMN = re.compile(
    r"""
    (?:
        (?:an|annee|a)[ ]*(?P<rank>[1-9])      # "An 1", "Année 2", "A3": rank in the plan
      | (?:annee[ ]+)?(?P<year>(?:19|20)\d\d)  # "2012", "Année 2013": a calendar year
    )
    (?:[ ]*\(.*\))?                            # "An 1 (2012)" and other notes
    $
    """,
    re.VERBOSE,
)

_TOTAL_COLUMN = re.compile(r"(?:cout[ ]+)?(?:total|montant[ ]+total)\b.*")
"""A Total column header: "Total", "Total (FCFA)", "Coût total"."""

_TOTAL_ROW = re.compile(
    r"""
    (?:sous[- ]?)?total(?:es|e|s)?\b     # "Total", "Sous-total", "TOTAL"
    [ ]*(?:de[ ]+l')?(?:axe|pilier)?[ ]*(?:prioritaire[ ]*)?
    (?:
        (?P<grand>general|generale|global|globale|du[ ]+plan|plan)
      | (?P<num>\d{1,2}|[ivx]{1,6})(?!\w)
    )?
    """,
    re.VERBOSE,
)

_CURRENCIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("XAF", re.compile(r"\bxaf\b|\bcemac\b")),
    ("XOF", re.compile(r"\b(?:f\.?[ ]?cfa|francs?[ ]+cfa|cfa|xof)\b")),
    ("CAD", re.compile(r"\b(?:cad|dollars?[ ]+canadiens?)\b|\bc\$")),
    ("USD", re.compile(r"\b(?:usd|us[ ]?\$|\$[ ]?us|dollars?)\b|\$")),
    ("EUR", re.compile(r"\b(?:eur|euros?)\b|\u20ac")),
    ("CHF", re.compile(r"\b(?:chf|francs?[ ]+suisses?)\b")),
    ("GBP", re.compile(r"\b(?:gbp|livres?[ ]+sterling)\b|\u00a3")),
    ("HTG", re.compile(r"\bgourdes?\b")),
    ("MAD", re.compile(r"\bdirhams?\b")),
    ("GNF", re.compile(r"\bfrancs?[ ]+guineens?\b|\bgnf\b")),
)
"""ISO 4217 code by the way French documents write the currency; first match wins."""

_NO_CURRENCY = "XXX"
"""ISO 4217 "no currency": a budget whose currency is nowhere written."""

# Logical framework column headers.
_ACTIVITY_HEADER = re.compile(r"(?:activites?|actions?(?:[ ]+(?:prevues|a[ ]+mener))?)$")
_RESULT_HEADER = re.compile(r"(?:resultats?|produits?|extrants?|effets?)(?:[ ]+\w+)?$")
_INDICATOR_HEADER = re.compile(r"indicateurs?\b.*")
_RESPONSIBLE_HEADER = re.compile(
    r"(?:structures?[ ]+|organes?[ ]+|entites?[ ]+|acteurs?[ ]+)?responsables?\b.*"
    r"|(?:acteurs|porteurs?|charges?[ ]+de[ ]+.*|institutions?[ ]+responsables?)$"
)

_TITLE_TRIM = " \t:;,-\u2013\u2014"
"""Trimmed from both ends of a title; a final full stop is the author's and stays."""

# Activity cells: where a second activity starts inside the same cell.
_ACTIVITY_BREAK = re.compile(
    r"""
    (?<=[\w)»"'])[ ]+                     # after a word or closing mark, at a space …
    (?=[A-ZÉÈÊÀÂÎÔ][a-zàâçéèêëîïôöûüœ]+   # … a capitalised word …
       (?:er|ir|re)\b)                     # … that looks like an infinitive
    |[ ]*[\u2022\u25aa][ ]*               # or an explicit bullet
    |(?<=\w)[ ]+-[ ]+(?=[A-ZÉÈÊÀÂÎÔ])      # or " - " before a capital
    """,
    re.VERBOSE,
)

_VERB_EXCEPTIONS = frozenset(
    """
    premier dernier janvier fevrier atelier dossier calendrier conseiller officier quartier
    chantier metier foyer hiver cancer danger fer mer cahier papier levier pilier courrier
    avenir plaisir loisir desir souvenir emir espoir comptoir couloir miroir tiroir trottoir
    cadre ordre lettre maitre genre centre membre titre guerre entre contre autre notre votre
    libre ministre registre theatre chiffre offre livre oeuvre pauvre ombre nombre chambre
    """.split()
)
"""Capitalised nouns with an infinitive's ending: they never start a new activity."""

# Responsible cells: where one body ends and the next begins.
_ENTITY_HEADS = frozenset(
    """
    ministere ministeres ministre primature presidence gouvernement direction directions
    departement commissariat commission comite conseil cellule secretariat agence office
    institut centre centres programme associations association partenaires partenaire
    organisations organisation structures structure services service collectivites
    assemblee mairie mairies forces police gendarmerie armee union reseau reseaux coalition
    plateforme federation groupements groupement cliniques clinique observatoire cour
    tribunal parlement haut mission bailleurs ptf ong osc les la le l'
    """.split()
)
"""Words that open the name of a body: a new entry starts there when the cell lists bodies
separated by nothing but spaces ("Ministère de la Femme Ministère de la Défense")."""

_FUNCTION_WORDS = frozenset(
    "de du des la le les l' d' au aux en et pour sur a avec par chez dans sous".split()
)

_ENTITY_SEPARATOR = re.compile(
    r"""
    [ ]*[,;/\n\u2022\u25aa][ ]*          # explicit separators
    | [ ]+et[ ]+(?=[A-ZÉÈÊÀÂÎÔ])        # "et" before a new capitalised name
    | [ ]+-[ ]+                          # a dash between two names
    """,
    re.VERBOSE,
)

_WORD = re.compile(r"[^\s()]+")
_PARENTHETICAL = re.compile(r"[ ]*\([^()]*\)[ ]*$")
"""A trailing note in parentheses: "Ministère de la santé (Programme SIDA)"."""

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")

_HEADING_LINES = 25
"""How many non-blank lines at the top of a document count as its title block."""

_MIN_PREFIX = 20
"""Shortest folded text that may match another activity as a prefix (avoids "Organiser")."""


# --------------------------------------------------------------------------------------------
# Small readers
# --------------------------------------------------------------------------------------------


def _numeral(token: str) -> int | None:
    """The value of an Arabic or (valid) Roman numeral, None for anything else ("civil")."""
    if token.isdigit():
        return int(token) or None
    m = _ROMAN.fullmatch(token)
    if m is None or not token:
        return None
    return 10 * len(m["tens"]) + _ROMAN_UNITS[m["units"]] or None


def _trim(text: str, start: int, end: int, chars: str = _TITLE_TRIM) -> tuple[int, int]:
    """Shrink ``[start, end)`` past ``chars`` on both sides, so a span never shows padding."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def _key(text: str) -> str:
    """Comparison key of an activity text: folded, punctuation and spacing normalised."""
    return _NOT_ALNUM.sub(" ", fold(text)).strip()


def _currency_in(text: str) -> str | None:
    """The ISO 4217 code of the first currency written in ``text``, if any."""
    folded = fold(text)
    found = [(m.start(), code) for code, rx in _CURRENCIES if (m := rx.search(folded))]
    return min(found)[1] if found else None


# --------------------------------------------------------------------------------------------
# Axes
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Heading:
    """An axis heading found in a cell: number, the heading's span and its title's span."""

    number: int
    head: str
    start: int
    end: int
    title_start: int
    title_end: int


def _axis_heading(text: str, cell: Cell) -> _Heading | None:
    """The axis heading that opens ``cell``, if the cell is one."""
    folded = fold(cell.text)
    m = _AXIS_HEADING.match(folded)
    if m is None:
        return None
    number = _numeral(m["num"])
    if number is None or number > 30:
        return None
    title_start, title_end = _trim(text, cell.start + m.start("title"), cell.end)
    if m["sep"] is None and title_end > title_start and not text[title_start].isupper():
        return None  # "Axe 2 de la route": without a separator the title must look like one
    head = m["head"].split()[0]
    return _Heading(
        number,
        head,
        cell.start,
        title_end if title_end > title_start else cell.start + m.end("num"),
        title_start,
        title_end,
    )


def _headings(text: str, lines: list[Line]) -> list[_Heading]:
    """Axis headings at the start of a line or a table row, of the plan's top level only.

    A plan that names its axes "Axe" may number objectives inside them ("Objectif stratégique
    1.1"); the first heading word found fixes the level, the others are ignored.
    """
    found = [h for line in lines if (h := _axis_heading(text, line.cells[0])) is not None]
    if not found:
        return []
    level = found[0].head
    return [h for h in found if h.head == level]


def _ordinal_mentions(text: str, limit: int) -> Iterator[tuple[int, int, int]]:
    """References like "le cinquième axe": (number, start, end), for axes up to ``limit``."""
    for m in _ORDINAL_MENTION.finditer(fold(text)):
        number = _ORDINALS[m["ord"]]
        if number <= limit:
            yield number, m.start(), m.end()


def _announced_items(text: str, lines: list[Line], limit: int) -> Iterator[tuple[int, int, int]]:
    """The bulleted list that follows "… divisé en cinq axes … :": item k is axis k.

    Only the item's head is the mention (up to its first parenthesis or colon), because the
    rest describes the axis's content rather than naming it.
    """
    for i, line in enumerate(lines):
        if not _ANNOUNCED_AXES.search(fold(line.text)):
            continue
        rank = 0
        for item in lines[i + 1 :]:
            if not item.text.strip():
                continue
            bullet = _BULLET.match(item.text)
            if bullet is None:
                break
            rank += 1
            if rank > limit:
                break
            head = _ITEM_HEAD.match(item.text, bullet.end())
            if head is not None and head.end() > head.start():
                start, end = _trim(text, item.start + head.start(), item.start + head.end())
                if end > start:
                    yield rank, start, end


def _axes(text: str, lines: list[Line]) -> list[Axis]:
    """One :class:`Axis` per number: its first titled heading, and every other mention."""
    headings = _headings(text, lines)
    numbers = {h.number for h in headings}
    if len(numbers) < 2:
        return []  # one numbered "axe" is a road or a chart, not a plan's structure
    limit = max(numbers)
    mentions: dict[int, set[tuple[int, int]]] = {n: set() for n in numbers}
    for h in headings:
        mentions[h.number].add((h.start, h.end))
    ordinal = list(_ordinal_mentions(text, limit))
    for number, start, end in ordinal:
        if number in mentions:
            mentions[number].add((start, end))
    ordinal_spans = [(s, e) for _, s, e in ordinal]
    for number, start, end in _announced_items(text, lines, limit):
        if number in mentions and not any(s < end and start < e for s, e in ordinal_spans):
            mentions[number].add((start, end))
    axes = []
    for number in sorted(numbers):
        titled = [h for h in headings if h.number == number and h.title_end > h.title_start]
        first = titled[0] if titled else next(h for h in headings if h.number == number)
        others = tuple(sorted(mentions[number] - {(first.start, first.end)}))
        title = text[first.title_start : first.title_end]
        axes.append(Axis(number, title, first.start, first.end, others))
    return axes


def _axis_at(headings: list[_Heading], position: int) -> int | None:
    """The number of the last axis heading before ``position`` (the axis a row belongs to)."""
    current = None
    for h in headings:
        if h.start > position:
            break
        current = h.number
    return current


# --------------------------------------------------------------------------------------------
# Logical framework: activities
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Columns:
    """Where the framework table keeps each kind of cell."""

    activity: int
    result: int | None
    responsible: int | None


def _framework_columns(line: Line) -> _Columns | None:
    """Read a framework header row; None if the row is not one.

    An "Activités" column is required, plus a result, indicator or responsible column: that
    is what tells a logical framework from a budget or schedule table, which also list
    activities.
    """
    kinds: dict[str, int] = {}
    for i, cell in enumerate(line.cells):
        folded = fold(cell.text).strip()
        for kind, rx in (("activity", _ACTIVITY_HEADER), ("result", _RESULT_HEADER),
                         ("indicator", _INDICATOR_HEADER),
                         ("responsible", _RESPONSIBLE_HEADER)):  # fmt: skip
            if folded and rx.match(folded) and kind not in kinds:
                kinds[kind] = i
                break
    if "activity" not in kinds or len(kinds) < 2:
        return None
    return _Columns(kinds["activity"], kinds.get("result"), kinds.get("responsible"))


def _is_infinitive(word: str) -> bool:
    """Whether a capitalised word is a French infinitive, the way activities start."""
    w = fold(word)
    if w in _VERB_EXCEPTIONS or len(w) < 4:
        return False
    if w.endswith("aire"):
        return w.endswith("faire") or w.endswith("traire")
    if w.endswith(("oire", "ure", "ion")):
        return False
    return w.endswith(("er", "ir", "dre", "ttre", "aitre", "ire", "uivre", "clure", "vre"))


def _split_activities(text: str, cell: Cell) -> list[tuple[int, int]]:
    """The activities of one cell: a converted table glues several items with a space.

    "Produire des rapports trimestriels Organiser des réunions restreintes …" is two
    activities: a capitalised infinitive after a word starts a new one.
    """
    cuts = [cell.start]
    ends = []
    for m in _ACTIVITY_BREAK.finditer(text, cell.start, cell.end):
        word = re.match(r"\w+", text[m.end() : cell.end])
        if m.group().strip() == "" and (word is None or not _is_infinitive(word.group())):
            continue
        if len(text[cuts[-1] : m.start()].split()) < 3 and m.group().strip() == "":
            continue  # too short to be an activity of its own
        ends.append(m.start())
        cuts.append(m.end())
    ends.append(cell.end)
    spans = [_trim(text, s, e) for s, e in zip(cuts, ends, strict=True)]
    return [(s, e) for s, e in spans if e > s]


def _split_bodies(text: str, cell: Cell) -> tuple[tuple[int, int, str], ...]:
    """The bodies listed in a responsible cell, each with its span.

    Separators are commas, semicolons, slashes, bullets, newlines and "et" before a capital;
    converted tables also lose the line breaks between bodies, so a new entry also starts at
    a word that opens a body's name ("Ministère", "Primature", "OSC", "Les …") when the word
    before it is not a preposition or an article (so "Ministère de la Promotion de la Femme"
    stays whole).  A trailing parenthetical note is left out of the entry.
    """
    cuts: list[tuple[int, int]] = []  # separator spans
    for m in _ENTITY_SEPARATOR.finditer(text, cell.start, cell.end):
        cuts.append((m.start(), m.end()))
    words = list(_WORD.finditer(text, cell.start, cell.end))
    for prev, word in zip(words, words[1:], strict=False):
        if text.count("(", cell.start, word.start()) > text.count(")", cell.start, word.start()):
            continue  # inside a parenthetical note
        token = fold(word.group())
        is_acronym = len(token) >= 2 and word.group().isupper() and word.group().isalpha()
        opens = word.group()[0].isupper() and (
            token in _ENTITY_HEADS or token.split("'")[0] + "'" in _ENTITY_HEADS or is_acronym
        )
        if opens and fold(prev.group()).strip(",;") not in _FUNCTION_WORDS:
            cuts.append((prev.end(), word.start()))
    cuts.sort()
    entries = []
    position = cell.start
    for cut_start, cut_end in cuts + [(cell.end, cell.end)]:
        if cut_start < position:
            continue
        start, end = _trim(text, position, cut_start, " \t.,;:-\u2013")
        note = _PARENTHETICAL.search(text, start, end)
        if note is not None and note.start() > start:
            end = _trim(text, start, note.start(), " \t.,;:-\u2013")[1]
        if end > start:
            entries.append((start, end, text[start:end]))
        position = cut_end
    return tuple(entries)


def _framework_rows(text: str, lines: list[Line], index: int) -> Iterator[Line]:
    """The data rows under the header at ``index``.

    Blank lines and axis headings written as lines of their own are passed over: the table
    goes on under the next axis.  Any other line without cells, or a new header, ends it.
    """
    for line in lines[index + 1 :]:
        if not line.text.strip():
            continue
        if len(line.cells) < 2 and _axis_heading(text, line.cells[0]) is not None:
            continue
        if len(line.cells) < 2 or _framework_columns(line) is not None:
            return
        yield line


def _activities(text: str, lines: list[Line], headings: list[_Heading]) -> list[PlanActivity]:
    """Activities of every logical framework table, with their axis, result and bodies."""
    activities = []
    for i, line in enumerate(lines):
        columns = _framework_columns(line)
        if columns is None:
            continue
        for row in _framework_rows(text, lines, i):
            if columns.activity >= len(row.cells):
                continue
            result = _cell_text(row, columns.result)
            bodies: tuple[tuple[int, int, str], ...] = ()
            if columns.responsible is not None and columns.responsible < len(row.cells):
                bodies = _split_bodies(text, row.cells[columns.responsible])
            axis = _axis_at(headings, row.start)
            for start, end in _split_activities(text, row.cells[columns.activity]):
                activities.append(PlanActivity(axis, text[start:end], start, end, bodies, result))
    return activities


def _cell_text(row: Line, column: int | None) -> str | None:
    """The text of a cell, None when the column is absent or the cell empty."""
    if column is None or column >= len(row.cells) or not row.cells[column].text:
        return None
    return row.cells[column].text


# --------------------------------------------------------------------------------------------
# Budget table
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _BudgetColumn:
    """A money column of a budget table: its header as written and the year it stands for."""

    index: int
    header: str
    year: int | None
    inferred: bool
    is_total: bool


def _budget_columns(line: Line, start_year: int | None) -> list[_BudgetColumn] | None:
    """Read a budget header row ("", "An 1", "An 2", "An 3", "Total"); None if it is not one.

    At least two year columns are required, so that a lone "2012" cell is not a header; other
    headers ("N°", "Activités", "Source de financement") are not money columns and are skipped.
    """
    columns = []
    for i, cell in enumerate(line.cells):
        folded = fold(cell.text).strip()
        if not folded:
            continue
        year = _YEAR_COLUMN.match(folded)
        if year is not None and year["rank"]:
            rank = int(year["rank"])
            calendar = start_year + rank - 1 if start_year is not None else None
            columns.append(_BudgetColumn(i, cell.text, calendar, calendar is not None, False))
        elif year is not None:
            columns.append(_BudgetColumn(i, cell.text, int(year["year"]), False, False))
        elif _TOTAL_COLUMN.fullmatch(folded):
            columns.append(_BudgetColumn(i, cell.text, None, False, True))
    if sum(not c.is_total for c in columns) < 2:
        return None
    return columns


@dataclass
class _Row:
    """A budget table row being read: its label, kind and the amount cells it holds."""

    label: Cell
    axis: int | None
    total: str | None  # None for an activity row; "axis", "section" or "grand" for a total
    total_axis: int | None
    cells: list[tuple[_BudgetColumn, Cell, AmountMention]]
    activity: str | None = None
    span: tuple[int, int] | None = None


def _table_currency(text: str, lines: list[Line], header: int) -> str | None:
    """The currency the budget table states in its title or headers ("Budget en CFA")."""
    for line in reversed(lines[max(0, header - 4) : header + 1]):
        code = _currency_in(line.text)
        if code is not None:
            return code
    return None


def _total_row(label: str, axis: int | None, seen_axis_total: set[int]) -> tuple[str, int | None]:
    """Classify a "Total …" label: ("grand", None), ("axis", number) or ("section", None).

    A bare "Total" after an axis's rows totals that axis the first time; a bare "Sous-total"
    in a table without axes totals the rows since the previous total.
    """
    folded = fold(label)
    m = _TOTAL_ROW.match(folded)
    assert m is not None
    if m["grand"]:
        return "grand", None
    if m["num"] and (n := _numeral(m["num"])) is not None:
        return "axis", n
    if axis is not None and axis not in seen_axis_total:
        return "axis", axis
    return ("section" if folded.startswith("sous") else "grand"), None


def _label_cell(line: Line, first_money: int) -> Cell:
    """The cell that names a budget row: the longest text before the money columns.

    Usually the first cell; a leading "N°" or code column ("1.1") is passed over.
    """
    before = line.cells[: max(1, first_money)]
    return max(before, key=lambda cell: (len(cell.text), -cell.start))


def _budget_rows(
    text: str,
    lines: list[Line],
    header: int,
    columns: list[_BudgetColumn],
    amounts: dict[tuple[int, int], AmountMention],
) -> list[_Row]:
    """The rows of one budget table, until a line that is not a table row.

    ``amounts`` are the figures of the text by span: a cell counts when one figure fills it
    (so "1 er", a quarter heading, or "30 %" never does).
    """
    rows: list[_Row] = []
    axis: int | None = None
    seen_axis_total: set[int] = set()
    first_money = min(c.index for c in columns)
    for line in lines[header + 1 :]:
        if not line.text.strip():
            continue
        label = _label_cell(line, first_money)
        heading = _axis_heading(text, label) if label.text else None
        if len(line.cells) < 2 and heading is None:
            break
        cells = _amount_cells(line, columns, amounts)
        if heading is not None:
            axis = heading.number
            if cells:
                # a table budgeted by axis ("Axe 1 | 45 000 000 | …"): the row is the axis's
                # own line, and a bare "Total" below it totals the plan, not the last axis
                rows.append(_Row(label, axis, None, None, cells))
                seen_axis_total.add(axis)
            continue
        total, total_axis = None, None
        if label.text and _TOTAL_ROW.match(fold(label.text)):
            total, total_axis = _total_row(label.text, axis, seen_axis_total)
            if total_axis is not None:
                seen_axis_total.add(total_axis)
        rows.append(_Row(label, axis, total, total_axis, cells))
    return rows


def _amount_cells(
    line: Line, columns: list[_BudgetColumn], amounts: dict[tuple[int, int], AmountMention]
) -> list[tuple[_BudgetColumn, Cell, AmountMention]]:
    """The money cells of a row: those one figure fills, under a money column."""
    cells = []
    for column in columns:
        if column.index < len(line.cells):
            cell = line.cells[column.index]
            amount = amounts.get((cell.start, cell.end))
            if amount is not None:
                cells.append((column, cell, amount))
    return cells


def _row_sum(row: _Row, *, total_column: bool) -> Decimal | None:
    """What an activity row contributes to a total: its Total cell, else its year cells."""
    totals = [a.value for c, _, a in row.cells if c.is_total]
    years = [a.value for c, _, a in row.cells if not c.is_total]
    if total_column and totals:
        return sum(totals, Decimal(0))
    return sum(years, Decimal(0)) if years else None


def _parts_sum(parts: list[_Row], column: _BudgetColumn | None) -> Decimal | None:
    """Sum of the parts of a total: one column of them, or their row totals (column None)."""
    values = []
    for row in parts:
        if column is None:
            value = _row_sum(row, total_column=True)
        else:
            value = next((a.value for c, _, a in row.cells if c == column), None)
        if value is not None:
            values.append(value)
    return sum(values, Decimal(0)) if values else None


@dataclass(frozen=True)
class _Reading:
    """How one amount cell reads: the year it is for, whether it is a total, whether it adds up."""

    year: int | None
    inferred: bool
    is_total: bool
    inconsistent: bool


def _read_activity_row(row: _Row) -> list[_Reading]:
    """An activity row: year cells as they are; its Total cell checked against them."""
    years = [a.value for c, _, a in row.cells if not c.is_total]
    readings = []
    for column, _, amount in row.cells:
        if column.is_total:
            bad = bool(years) and sum(years, Decimal(0)) != amount.value
            readings.append(_Reading(None, False, True, bad))
        else:
            readings.append(_Reading(column.year, column.inferred, False, False))
    return readings


def _read_total_row(row: _Row, parts: list[_Row], has_total_column: bool) -> list[_Reading]:
    """A total row, checked against its parts (activity rows, or the axis totals).

    A total row that holds a single figure in a table with a Total column is the overall
    total of its parts, wherever the conversion put the cell (Word tables often merge the
    year cells of a total row): its year is then None.  Otherwise each cell totals its column.
    """
    readings = []
    lone = len(row.cells) == 1 and has_total_column
    for column, _, amount in row.cells:
        if lone or column.is_total:
            expected = _parts_sum(parts, None)
            bad = expected is not None and expected != amount.value
            readings.append(_Reading(None, False, True, bad))
        else:
            expected = _parts_sum(parts, column)
            bad = expected is not None and expected != amount.value
            readings.append(_Reading(column.year, column.inferred, True, bad))
    return readings


def _parts_of(rows: list[_Row], index: int) -> list[_Row]:
    """The rows a total row sums.

    An axis total sums its axis's activity rows; a section sub-total the activity rows since
    the previous total; a grand total the sub-totals above it when they cover every activity
    row, else the activity rows themselves.
    """
    row = rows[index]
    above = rows[:index]
    activity_rows = [r for r in above if r.total is None]
    if row.total == "axis":
        return [r for r in activity_rows if r.axis == row.total_axis]
    if row.total == "section":
        last = max((i for i, r in enumerate(above) if r.total is not None), default=-1)
        return [r for r in above[last + 1 :] if r.total is None]
    subtotals = [r for r in above if r.total in ("axis", "section")]
    if subtotals and all(_covered(above, i) for i, r in enumerate(above) if r.total is None):
        return [_as_part(r) for r in subtotals]
    return activity_rows


def _covered(rows: list[_Row], index: int) -> bool:
    """Whether an activity row is counted in a sub-total: its axis's, or a later section's."""
    row = rows[index]
    return any(
        (r.total == "axis" and r.total_axis == row.axis) or r.total == "section"
        for r in rows[index + 1 :]
    ) or any(r.total == "axis" and r.total_axis == row.axis for r in rows[:index])


def _as_part(total: _Row) -> _Row:
    """An axis total seen as one part of the grand total: its figure counts as a row total."""
    cells = (
        [
            (_BudgetColumn(c.index, c.header, None, False, True), cell, a)
            for c, cell, a in total.cells
        ]
        if len(total.cells) == 1
        else total.cells
    )
    return _Row(total.label, total.axis, None, total.total_axis, cells)


class _ActivityIndex:
    """Framework activities by comparison key, to name budget rows after them."""

    def __init__(self, activities: Iterable[PlanActivity]) -> None:
        self._items = [(_key(a.title), a) for a in activities]

    def find(self, label: str, axis: int | None) -> PlanActivity | None:
        """The framework activity ``label`` names: same text, or one a prefix of the other.

        An exact match beats a prefix, and an activity of the row's axis beats another.
        """
        key = _key(label)
        if not key:
            return None
        candidates = []
        for i, (other, activity) in enumerate(self._items):
            shorter = min(len(key), len(other))
            if key == other or (
                shorter >= _MIN_PREFIX and (key.startswith(other) or other.startswith(key))
            ):
                mismatch = axis is not None and activity.axis != axis
                candidates.append((mismatch, key != other, i))
        return self._items[min(candidates)[2]][1] if candidates else None


def _link_rows(text: str, rows: list[_Row], index: _ActivityIndex, inherited: int | None) -> None:
    """Name each activity row after its framework activity, and give it an axis.

    The axis is the table's own (its "Axe …" rows), else the linked activity's, else the
    axis whose section the table stands in: a budget table placed after the framework must
    not hand every row the framework's last axis when the activity says otherwise.
    """
    for row in rows:
        if row.total is not None or not row.label.text:
            continue
        start, end = _trim(text, row.label.start, row.label.end)
        row.span = (start, end)
        linked = index.find(text[start:end], row.axis)
        row.activity = linked.title if linked is not None else text[start:end]
        if row.axis is None:
            row.axis = linked.axis if linked is not None and linked.axis else inherited


def _figures(text: str, currency: str) -> dict[tuple[int, int], AmountMention]:
    """Every figure of the text by span, bare table numbers read in the table's currency.

    The shared amount reader is used so that a budget cell and the ``amount`` fact the graph
    records for the same figure always agree on its value.
    """
    return {(a.start, a.end): a for a in find_amounts(text, default_currency=currency)}


def _budget(
    text: str,
    lines: list[Line],
    headings: list[_Heading],
    activities: list[PlanActivity],
    start_year: int | None,
    document_currency: str | None,
) -> tuple[list[BudgetLine], str | None]:
    """Every amount cell of every budget table, and the currency of the first table."""
    index = _ActivityIndex(activities)
    budget: list[BudgetLine] = []
    first_currency = None
    amounts_by_currency: dict[str, dict[tuple[int, int], AmountMention]] = {}
    for i, line in enumerate(lines):
        columns = _budget_columns(line, start_year)
        if columns is None:
            continue
        stated = _table_currency(text, lines, i) or document_currency
        currency = stated or _NO_CURRENCY
        if currency not in amounts_by_currency:
            amounts_by_currency[currency] = _figures(text, currency)
        amounts = amounts_by_currency[currency]
        rows = _budget_rows(text, lines, i, columns, amounts)
        if not any(row.cells for row in rows):
            continue  # a schedule ("chronogramme") has the same header and no figures
        _link_rows(text, rows, index, _axis_at(headings, line.start))
        first_currency = first_currency or stated
        has_total_column = any(c.is_total for c in columns)
        for r, row in enumerate(rows):
            if row.total is None:
                readings = _read_activity_row(row)
            else:
                readings = _read_total_row(row, _parts_of(rows, r), has_total_column)
            budget.extend(_lines_of(row, readings, currency))
    return budget, first_currency


def _lines_of(row: _Row, readings: list[_Reading], currency: str) -> Iterator[BudgetLine]:
    """The :class:`BudgetLine` of each amount cell of a row."""
    axis = row.axis if row.total is None else row.total_axis
    for (column, cell, amount), reading in zip(row.cells, readings, strict=True):
        yield BudgetLine(
            axis=axis,
            activity=row.activity,
            activity_span=row.span,
            year=reading.year,
            column=column.header,
            value=amount.value,
            currency=amount.currency or currency,
            start=cell.start,
            end=cell.end,
            is_total=reading.is_total,
            year_inferred=reading.inferred,
            inconsistent=reading.inconsistent,
        )


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def _plan_start_year(lines: list[Line]) -> int | None:
    """The first year of a "YYYY-YYYY" period in the title block, if the title gives one."""
    seen = 0
    for line in lines:
        if not line.text.strip():
            continue
        m = _PLAN_PERIOD.search(fold(line.text))
        if m is not None and int(m["first"]) < int(m["last"]) <= int(m["first"]) + 15:
            return int(m["first"])
        seen += 1
        if seen >= _HEADING_LINES:
            break
    return None


def extract_action_plan(nt: NormalizedText, *, start_year: int | None = None) -> ActionPlanFacts:
    """Axes, framework activities and budget cells of an action plan, in clean offsets.

    ``start_year`` is the plan's first year when the caller knows it; otherwise it is read from
    a "2012-2014" period in the title block, and year columns "An 1" … stay yearless when
    there is none.  A document that is not an action plan gives empty lists.
    """
    text = nt.text
    lines = list(iter_lines(nt))
    if start_year is None:
        start_year = _plan_start_year(lines)
    axes = _axes(text, lines)
    headings = _headings(text, lines) if axes else []
    activities = _activities(text, lines, headings)
    document_currency = _currency_in(text)
    budget, currency = _budget(text, lines, headings, activities, start_year, document_currency)
    if not activities and budget:
        activities = _budget_activities(text, budget)
    return ActionPlanFacts(axes, activities, budget, currency)


def _budget_activities(text: str, budget: list[BudgetLine]) -> list[PlanActivity]:
    """Activities named only by the budget table, for a plan without a logical framework."""
    seen: dict[tuple[int, int], PlanActivity] = {}
    for line in budget:
        if line.activity_span is not None and line.activity_span not in seen:
            start, end = line.activity_span
            seen[line.activity_span] = PlanActivity(line.axis, text[start:end], start, end)
    return list(seen.values())
