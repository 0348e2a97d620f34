"""Refuse SERVICE and LOAD before a query runs, by reading the query's tokens, not its raw text.

The tokenizer reads each run of letters as one token (ASCII or not), so its cost grows with the
length of the query, not with its square; and it refuses brackets nested so deep that the
store's parser would overflow its stack (:class:`TooDeep`, a 400).

Why a tokenizer: pyoxigraph parses queries but its Python API gives back no algebra to inspect,
and pyoxigraph *does* federate (a ``SERVICE <http://...>`` makes the server fetch that URL), so
the keyword has to be found before the text reaches a store. A regex on the raw text would refuse
``"SERVICE"`` in a string literal or ``<http://example.org/SERVICE>`` and could be fooled by
spacing tricks; this tokenizer reads SPARQL's own lexical units instead:

* string literals (all four quote forms, with escapes), comments, IRIs ``<...>``, variables
  (``?SERVICE``), prefixed names (``ex:SERVICE``, ``SERVICE:x``), blank nodes (``_:SERVICE``) and
  language tags (``"x"@SERVICE``) are whole tokens, so a keyword inside them is not a keyword;
* a bare word is a keyword whatever its case (``service`` is ``SERVICE``).

The one place SPARQL's lexer is ambiguous is ``<``: inside an expression it may be the less-than
sign (``FILTER(?a<?b)``) or the start of an IRI (``FILTER(?a IN (<x>))``). Reading it the wrong
way could hide a keyword (``FILTER(?a<'x>')SERVICE ...`` is an IRI ``<'x>`` and a string to one
reading, a comparison and a real SERVICE to the other). So wherever ``<`` follows an operand
inside parentheses, *both* readings are followed, and the query is refused if either finds the
keyword. This can only over-refuse (an IRI containing the word SERVICE right after an operand
inside parentheses), never let a SERVICE through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.store.text import TOKEN as _TOKEN

#: Keywords refused wherever they occur as keywords, with the reason shown to the user.
REFUSED: dict[str, str] = {
    "SERVICE": (
        "SERVICE (federated query) is not allowed on this endpoint: the server never fetches "
        "other endpoints. Run the federated query from your own SPARQL client instead, or "
        "query each endpoint separately."
    ),
    "LOAD": (
        "LOAD is not allowed: the service never fetches data from URLs. Load data with "
        "`mandate-graph build` (or INSERT DATA on the update endpoint when it is enabled)."
    ),
}
#: The first keyword of every SPARQL Update operation.
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
#: Explored states allowed per character of the query before the check gives up (and refuses).
_STATE_BUDGET = 8
#: Deepest bracket nesting accepted. pyoxigraph's parser recurses per level and overflows its
#: stack near 3,000 levels, killing the worker; no real query comes near this.
MAX_NESTING = 500

_AFTER_DOT = re.compile(r"\.([A-Za-z]+)")
_OPERANDS = frozenset({"iri", "var", "bnode", "pname", "number", "string", "langtag"})


class RefusedQuery(Exception):
    """The query uses a keyword this service refuses; the message says why and what to do."""


class TooDeep(ValueError):
    """The query nests brackets deeper than :data:`MAX_NESTING`: a bad request, not a refusal."""


@dataclass(frozen=True)
class _State:
    pos: int
    brackets: tuple[str, ...]  # the open brackets, innermost last
    after_operand: bool


def keywords(text: str) -> set[str]:
    """Every upper-cased keyword the query may contain under any reading of its tokens.

    Raises RefusedQuery when the text is too ambiguous to check in bounded time.
    """
    found: set[str] = set()
    todo = [_State(0, (), False)]
    seen: set[_State] = set()
    budget = _STATE_BUDGET * (len(text) + 1)
    while todo:
        state = todo.pop()
        if state in seen:
            continue
        seen.add(state)
        if len(seen) > budget:
            raise RefusedQuery(
                "the query could not be checked for SERVICE and LOAD (too many ambiguous '<'): "
                "put spaces around '<' when it means less-than"
            )
        pos, brackets, after_operand = state.pos, state.brackets, state.after_operand
        while pos < len(text):
            match = _TOKEN.match(text, pos)
            assert match is not None  # the "other" branch matches any character
            kind = match.lastgroup
            if kind == "iri" and after_operand and brackets and brackets[-1] == "(":
                # Ambiguous: also follow the reading where '<' is less-than.
                todo.append(_State(pos + 1, brackets, False))
            pos = match.end()
            if kind in {"space", "comment"}:
                continue
            value = match.group()
            if kind == "pname":
                # A local name may hold dots ("ex:a.SERVICE" is one token to SPARQL); should a
                # parser split it there, the part after the dot must be checked too.
                found.update(part.upper() for part in _AFTER_DOT.findall(value))
            if kind == "word":
                found.add(value.upper())
                after_operand = value.upper() in {"TRUE", "FALSE"}
            elif kind == "open":
                brackets = (*brackets, value)
                after_operand = False
                if len(brackets) > MAX_NESTING:
                    raise TooDeep(
                        f"the query nests brackets more than {MAX_NESTING} levels deep; "
                        "flatten it (a chain of UNIONs or a VALUES block instead of nesting)"
                    )
            elif kind == "close":
                brackets = brackets[:-1]
                after_operand = True
            else:
                after_operand = kind in _OPERANDS
    return found


def check_query(text: str) -> None:
    """Raise RefusedQuery if the text uses SERVICE or LOAD as a keyword anywhere."""
    used = keywords(text)
    for keyword, reason in REFUSED.items():
        if keyword in used:
            raise RefusedQuery(reason)
