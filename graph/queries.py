"""Named queries: the ``queries/*.rq`` files, their documented parameters, and how values bind.

A named query is a plain SPARQL SELECT file that runs unchanged in any SPARQL tool. Its header
comments say what it answers and which parameters it takes::

    # title: Officers of an organ
    # description: The posts of an organ, who holds them and the state each holder represents.
    # param: organ mg:Organ https://w3id.org/mandate-graph/id/organ/oas-csh the organ

A parameter's type is ``iri``, ``string``, ``integer``, ``decimal`` or ``date``, or a class (a
prefixed name such as ``mg:Organ``): a resource of that class, given as its IRI or by what a
reader knows it by — a symbol, an acronym or a label in any language — which
:mod:`graph.param_values` finds in the loaded graph. The default written in the header is the
example of the documentation; the server and the CLI pick the default from the loaded graph
with ``queries/defaults/<name>.rq`` when there is one, so that every question answers something
on whatever graph was built.

Why parameters are plain variables of the query's patterns (``?organ`` in ``?post mg:postIn
?organ``), projected by the SELECT (and grouped by, in an aggregate query):

* in another tool, where nothing binds them, the file runs as it is and answers for every value
  at once, the parameter's column saying which row is for which (the server applies the
  documented default when a value is not given);
* the server binds them before the query runs, with a VALUES block opening the WHERE pattern
  (:func:`server.backends.with_values`) on either store. It gives the answer pyoxigraph's own
  ``substitutions`` (which require the variable in the projection) would, and a test checks
  both for every named query; but the two agree only when the variable is bound by a pattern
  at the query's top level, never read only by a FILTER or a BIND — which is why no named query
  filters on a parameter. The value is an RDF term built here from a checked value, never text
  pasted into the query.

Only ``queries/*.rq`` at the top level are named queries: the folders beside them (checks,
evaluation, coverage…) hold queries with other jobs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.config import DEFAULT_BASE, QUERIES_DIR
from graph.namespaces import PREFIXES, XSD

#: parameter types and what a value of each must look like (said to the user on a bad value)
PARAM_TYPES: dict[str, str] = {
    "iri": "an absolute IRI such as https://w3id.org/mandate-graph/id/organ/oas-csh",
    "string": "a text of at most 1000 characters",
    "integer": "a whole number such as 2019",
    "decimal": "a decimal number such as 0.8",
    "date": "a date written YYYY-MM-DD such as 2019-10-24",
}
#: a query's name is its file stem: lower-case words joined by hyphens (nothing else is looked up)
NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_HEADER = re.compile(r"#\s*(title|description|param)\s*:\s*(.*)")
_PARAM = re.compile(r'([A-Za-z_]\w*)\s+(\w+(?::\w+)?)\s+("(?:[^"\\]|\\.)*"|\S+)\s*(.*)')
_INTEGER = re.compile(r"[+-]?[0-9]{1,18}")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]{1,18}(?:\.[0-9]{0,18})?|\.[0-9]{1,18})")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S+")
_MAX_STRING = 1000

Term = ox.NamedNode | ox.Literal


class QueryFileError(Exception):
    """A named query file whose header is incomplete or wrong; the message names the file."""


class BadParameter(ValueError):
    """A parameter value that does not fit its type; the message names it and what is expected.

    ``suggestions`` are the names of resources close to a name that matched none or several.
    """

    def __init__(self, name: str, message: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.name = name
        self.message = message
        self.suggestions = suggestions


#: finds the resource of a class a text names: (parameter, text) → IRI, or BadParameter
Resolver = Callable[["Param", str], ox.NamedNode]


@dataclass(frozen=True)
class Param:
    """One parameter: a variable of the query, its type, default value and meaning."""

    name: str
    type: str
    default: str
    description: str
    #: the class (full IRI) of the resources it takes, for a parameter typed by a class
    resource_class: str | None = None

    def term(self, raw: str) -> Term:
        """The RDF term for a value given as text, or BadParameter saying what was expected."""
        value = raw.strip()
        expected = f"parameter {self.name!r} must be {PARAM_TYPES[self.type]}; got {raw!r}"
        if self.type == "iri":
            if not _SCHEME.fullmatch(value):
                raise BadParameter(self.name, expected)
            try:
                return ox.NamedNode(value)
            except ValueError:
                raise BadParameter(self.name, expected) from None
        if self.type == "integer":
            if not _INTEGER.fullmatch(value):
                raise BadParameter(self.name, expected)
            return ox.Literal(int(value))
        if self.type == "decimal":
            if not _DECIMAL.fullmatch(value):
                raise BadParameter(self.name, expected)
            return ox.Literal(value, datatype=ox.NamedNode(XSD + "decimal"))
        if self.type == "date":
            try:
                if not _DATE.fullmatch(value):
                    raise ValueError(value)
                day = dt.date.fromisoformat(value)
            except ValueError:
                raise BadParameter(self.name, expected) from None
            return ox.Literal(day.isoformat(), datatype=ox.NamedNode(XSD + "date"))
        if len(raw) > _MAX_STRING:
            raise BadParameter(self.name, expected.replace(f"; got {raw!r}", ""))
        return ox.Literal(raw)


@dataclass(frozen=True)
class NamedQuery:
    """A query file with its documentation: what it answers and the parameters it takes."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path

    def bindings(
        self,
        values: Mapping[str, str],
        *,
        base: str = DEFAULT_BASE,
        defaults: Mapping[str, str] | None = None,
        resolve: Resolver | None = None,
    ) -> tuple[tuple[str, Term], ...]:
        """Every parameter bound: the value given (checked), else its default.

        ``defaults`` are the ones picked from the loaded graph (they win over the header's);
        ``resolve`` turns a name given for a class-typed parameter into its IRI (without it,
        such a parameter takes IRIs only). A header default under the project's default data
        base is moved under ``base``, so that a server built with its own base answers for the
        same thing.
        """
        bound: list[tuple[str, Term]] = []
        for param in self.params:
            raw = values.get(param.name)
            if raw is None or raw.strip() == "":
                raw = (defaults or {}).get(param.name) or param.default
                if param.type == "iri" and raw.startswith(DEFAULT_BASE):
                    raw = base + raw[len(DEFAULT_BASE) :]
            elif param.resource_class and resolve and not _SCHEME.fullmatch(raw.strip()):
                bound.append((param.name, resolve(param, raw)))
                continue
            bound.append((param.name, param.term(raw)))
        return tuple(bound)

    def given(self, values: Mapping[str, str]) -> dict[str, str]:
        """The parameters a request gave a value to (not blank), by name."""
        names = {p.name for p in self.params}
        return {k: v for k, v in values.items() if k in names and v.strip()}


def parse_query(path: Path) -> NamedQuery:
    """Read one named query file and its header; QueryFileError when the header is incomplete."""
    text = path.read_text(encoding="utf-8")
    fields: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break  # the header is the comment block the file starts with
        match = _HEADER.match(stripped)
        if match is None:
            continue
        key, value = match.group(1), match.group(2).strip()
        if key == "param":
            params.append(_parse_param(path, value))
        else:
            fields[key] = value
    for key in ("title", "description"):
        if not fields.get(key):
            raise QueryFileError(f"{path.name}: the header has no '# {key}:' line; add one")
    names = [p.name for p in params]
    if len(set(names)) != len(names):
        raise QueryFileError(f"{path.name}: a parameter is declared twice")
    return NamedQuery(
        path.stem, fields["title"], fields["description"], tuple(params), text, path
    )


def _parse_param(path: Path, value: str) -> Param:
    match = _PARAM.fullmatch(value)
    if match is None:
        raise QueryFileError(
            f"{path.name}: '# param: {value}' should read "
            "'# param: NAME TYPE DEFAULT DESCRIPTION'"
        )
    name, kind, default, description = match.groups()
    resource_class = None
    if ":" in kind:  # a class, as a prefixed name: a resource of that class
        prefix, local = kind.split(":", 1)
        if prefix not in PREFIXES:
            raise QueryFileError(
                f"{path.name}: parameter {name!r} has class {kind!r} with an unknown prefix; "
                "use one of " + ", ".join(sorted(PREFIXES))
            )
        resource_class, kind = PREFIXES[prefix] + local, "iri"
    if kind not in PARAM_TYPES:
        raise QueryFileError(
            f"{path.name}: parameter {name!r} has type {kind!r}; use one of "
            + ", ".join(PARAM_TYPES) + " or a class such as mg:Resolution"
        )
    if default.startswith('"'):
        default = re.sub(r"\\(.)", r"\1", default[1:-1])
    if not description:
        raise QueryFileError(f"{path.name}: parameter {name!r} has no description")
    param = Param(name, kind, default, description, resource_class)
    try:
        param.term(default)
    except BadParameter as err:
        raise QueryFileError(f"{path.name}: default of {err.message}") from None
    return param


def load_queries(directory: Path = QUERIES_DIR) -> dict[str, NamedQuery]:
    """The named queries of ``directory/*.rq`` (top level only), by name, in name order."""
    queries: dict[str, NamedQuery] = {}
    for path in sorted(directory.glob("*.rq")):
        if not NAME.fullmatch(path.stem):
            raise QueryFileError(
                f"{path.name}: name named queries with lower-case words and hyphens"
            )
        queries[path.stem] = parse_query(path)
    return queries


def query_text(name: str, directory: Path = QUERIES_DIR) -> str:
    """The SPARQL of the query file ``directory/<name>.rq``: ``derived/mandate-versions``,
    ``release/triples``, a named query's ``citation-chain``.

    The one reader of ``.rq`` files, so that every query the code runs is a file any SPARQL tool
    runs unchanged, and a missing one is named as such rather than a bare ``FileNotFoundError``.
    """
    path = directory / f"{name}.rq"
    try:
        return path.read_text(encoding="utf-8")
    except OSError as err:
        raise QueryFileError(f"{path}: cannot read the query file: {err.strerror}") from None
