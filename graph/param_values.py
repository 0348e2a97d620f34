"""Named-query parameters as people give them: names resolved, defaults picked from the graph.

A researcher knows a resolution as "S/RES/2722 (2024)" and a mission as "UNMISS", not by their
IRIs. A parameter typed by a class (``# param: resolution mg:Resolution …``, see
:mod:`graph.queries`) takes any name the graph gives a resource of that class — symbol,
acronym, label or title, in any language (``queries/lookup/names.rq``) — and the default of a
question is the first row of ``queries/defaults/<name>.rq`` on the loaded graph, so that it
answers something whatever was built (the header's default is only the documentation's
example, used when the graph has nothing better).

Why names are compared as word sequences (casefolded, accents and punctuation dropped): the
same symbol is written "AG/RES. 2945" and "AG/RES.2945", a label "Conseil de sécurité" is
typed "conseil de securite", and "S/RES/2722" is how one cites "S/RES/2722 (2024)": a name
whose words start with the words typed matches, so "S/RES/2722" finds "S/RES/2722 (2024)" but
never "S/RES/27220 (2025)". Several resources matching, or none, is an error that lists the
closest names (:mod:`difflib`'s ratio), never a guess.

The store is reached through a ``Runner`` (a query, its bindings → rows of plain values), so
the server (its worker pool) and the CLI (the store it opened) share this module.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.config import QUERIES_DIR
from graph.queries import BadParameter, NamedQuery, Param, Term, query_text

#: rows of a SELECT answer as {variable: the value's text}; unbound variables are absent
Rows = list[dict[str, str]]
#: runs a query with variables bound to terms (one row of VALUES), or several rows of them
Runner = Callable[[str, Sequence[Sequence[tuple[str, Term]]]], Rows]

LOOKUP_DIR = QUERIES_DIR / "lookup"
DEFAULTS_DIR = QUERIES_DIR / "defaults"
#: how many close names an error or a suggestion list offers
SUGGESTIONS = 8
_WORD = re.compile(r"\w+")
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S+")


def words(text: str) -> tuple[str, ...]:
    """A name as it is compared: its words, casefolded, without accents or punctuation.

    >>> words("AG/RES. 2945 (XLIX-O/19)")
    ('ag', 'res', '2945', 'xlix', 'o', '19')
    >>> words("Conseil de Sécurité")
    ('conseil', 'de', 'securite')
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return tuple(_WORD.findall(plain))


@dataclass(frozen=True)
class Name:
    """One name of a resource: its text, what kind of name it is, and its language tag."""

    resource: str
    text: str
    kind: str
    language: str = ""


def display_name(names: Iterable[Name], languages: Sequence[str] = ("en",)) -> str | None:
    """The name that shows a resource: its symbol, else its label in the first language of
    ``languages`` it has (else any label), else a title, an acronym, an alias."""
    by_kind: dict[str, list[Name]] = {}
    for name in names:
        by_kind.setdefault(name.kind, []).append(name)
    for kind in ("symbol", "label", "title", "acronym", "alias"):
        found = by_kind.get(kind)
        if not found:
            continue
        for language in languages:
            for name in found:
                if name.language.lower().split("-")[0] == language:
                    return name.text
        return sorted(found, key=lambda n: (n.language != "", n.language, n.text))[0].text
    return None


class ParamValues:
    """Resolves names for class-typed parameters and picks defaults, on one loaded graph.

    Names of a class and a question's defaults are read once and kept: the graph a server or a
    command reads does not change under it.
    """

    def __init__(self, run: Runner, directory: Path = QUERIES_DIR) -> None:
        self._run = run
        self._names_query = query_text("lookup/names", directory)
        self._labels_query = query_text("lookup/labels", directory)
        self._defaults_dir = directory / "defaults"
        self._names: dict[str, list[Name]] = {}
        self._defaults: dict[tuple[str, tuple[tuple[str, str], ...]], dict[str, str]] = {}

    # -- names ----------------------------------------------------------------------------------

    def names(self, resource_class: str) -> list[Name]:
        """Every name of every resource of the class (its subclasses included)."""
        if resource_class not in self._names:
            rows = self._run(self._names_query, [[("class", ox.NamedNode(resource_class))]])
            self._names[resource_class] = [
                Name(r["resource"], r["name"], r["kind"], r.get("language", ""))
                for r in rows if "resource" in r and "name" in r
            ]
        return self._names[resource_class]

    def resolve(self, param: Param, text: str) -> ox.NamedNode:
        """The one resource of the parameter's class that ``text`` names, or BadParameter
        listing the closest names when it names none or several."""
        assert param.resource_class, param
        names = self.names(param.resource_class)
        typed = words(text)
        if not typed:
            raise BadParameter(param.name, f"parameter {param.name!r} needs a name or an IRI")
        exact = {n.resource for n in names if words(n.text) == typed}
        found = exact or {n.resource for n in names if words(n.text)[: len(typed)] == typed}
        if len(found) == 1:
            return ox.NamedNode(found.pop())
        kind = _class_word(param.resource_class)
        if found:
            shown = self._shown(sorted(found))
            raise BadParameter(
                param.name,
                f"parameter {param.name!r}: {text.strip()!r} names {len(found)} {kind}s; "
                f"say which: {'; '.join(shown[:SUGGESTIONS])}",
                tuple(shown[:SUGGESTIONS]),
            )
        close = [s.label for s in self.suggest(param.resource_class, text)]
        hint = f"; did you mean: {'; '.join(close)}" if close else ""
        raise BadParameter(
            param.name,
            f"parameter {param.name!r}: no {kind} in the graph is called {text.strip()!r}"
            f"{hint} (or give its IRI)",
            tuple(close),
        )

    def suggest(self, resource_class: str, text: str, limit: int = SUGGESTIONS) -> list[Suggestion]:
        """Names of the class closest to ``text``: the one it spells, those starting with its
        words, those starting with its letters, those containing them, then the most alike;
        one per resource."""
        typed = words(text)
        names = self.names(resource_class)
        ranked: dict[str, tuple[float, str]] = {}
        joined = " ".join(typed)
        for name in names:
            have = words(name.text)
            if not have:
                continue
            spelled = " ".join(have)
            if have == typed:
                score = 4.0
            elif not typed or have[: len(typed)] == typed:
                score = 3.0
            elif spelled.startswith(joined):
                score = 2.5
            elif joined in spelled:
                score = 2.0
            else:  # alike as a whole, or in as many words as were typed ("S/RES/2772")
                score = max(difflib.SequenceMatcher(None, joined, spelled).ratio(),
                            difflib.SequenceMatcher(None, joined,
                                                    " ".join(have[: len(typed)])).ratio())
                if score < 0.6:
                    continue
            best = ranked.get(name.resource)
            if best is None or score > best[0]:
                ranked[name.resource] = (score, name.text)
        order = sorted(ranked, key=lambda r: (-ranked[r][0], ranked[r][1]))[:limit]
        labels = self._display(order)
        return [Suggestion(r, labels.get(r) or ranked[r][1]) for r in order]

    def labels(self, iris: Iterable[str], languages: Sequence[str] = ("en",)) -> dict[str, str]:
        """The name that shows each IRI (see :func:`display_name`), for those that have one."""
        wanted = sorted(set(iris))
        if not wanted:
            return {}
        rows = self._run(self._labels_query, [[("resource", ox.NamedNode(i))] for i in wanted])
        found: dict[str, list[Name]] = {}
        for r in rows:
            found.setdefault(r["resource"], []).append(
                Name(r["resource"], r["name"], r["kind"], r.get("language", "")))
        shown = {i: display_name(names, languages) for i, names in found.items()}
        return {i: text for i, text in shown.items() if text}

    def _display(self, iris: Sequence[str]) -> dict[str, str]:
        return self.labels(iris)

    def _shown(self, iris: Sequence[str]) -> list[str]:
        labels = self._display(iris)
        return [f"{labels[i]} <{i}>" if i in labels else f"<{i}>" for i in iris]

    # -- defaults -------------------------------------------------------------------------------

    def defaults(self, query: NamedQuery, given: Mapping[str, Term]) -> dict[str, str]:
        """Values for the parameters not given, from the first row of the question's defaults
        query with the given ones bound (so that the picks fit them); empty when the question
        has no defaults query or the graph answers nothing."""
        path = self._defaults_dir / f"{query.name}.rq"
        if not path.is_file() or all(p.name in given for p in query.params):
            return {}
        key = (query.name, tuple(sorted((k, str(v)) for k, v in given.items())))
        if key not in self._defaults:
            bound = [(k, v) for k, v in given.items()]
            rows = self._run(query_text(query.name, self._defaults_dir), [bound] if bound else [])
            first = rows[0] if rows else {}
            self._defaults[key] = {
                p.name: first[p.name] for p in query.params
                if p.name in first and p.name not in given
            }
        return dict(self._defaults[key])

    def bindings(
        self, query: NamedQuery, values: Mapping[str, str], *, base: str
    ) -> tuple[tuple[str, Term], ...]:
        """Every parameter of ``query`` bound: names resolved, the rest picked from the graph."""
        given = query.given(values)
        bound = {
            p.name: self.resolve(p, given[p.name])
            if p.resource_class and not _IRI.fullmatch(given[p.name].strip())
            else p.term(given[p.name])
            for p in query.params if p.name in given
        }
        return query.bindings(given, base=base, resolve=self.resolve,
                              defaults=self.defaults(query, bound))


@dataclass(frozen=True)
class Suggestion:
    """A resource offered for a parameter: its IRI and the name that shows it."""

    iri: str
    label: str


def _class_word(resource_class: str) -> str:
    """``…#PeaceOperation`` → "peace operation", for messages."""
    local = re.split(r"[#/]", resource_class)[-1]
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).lower() or "resource"


def store_runner(store: Any) -> Runner:
    """A :data:`Runner` on an embedded store (:class:`graph.store.OxigraphStore`): each row
    of bindings is a ``substitutions=`` of its own, and the answers are joined."""

    def run(sparql: str, rows: Sequence[Sequence[tuple[str, Term]]]) -> Rows:
        found: Rows = []
        for row in rows or [()]:
            result = store.query(sparql, substitutions={ox.Variable(n): t for n, t in row})
            names = [v.value for v in result.variables]
            for solution in result:
                found.append({n: solution[n].value for n in names if solution[n] is not None})
        return found

    return run
