"""``mandate-graph query --named NAME -p param=value``: a named query from the command line.

The same answer as ``/queries/NAME?param=value``: names resolved and defaults picked from the
graph by :mod:`graph.param_values`. Kept out of :mod:`graph.cli` so that the command group
stays a thin list of commands.
"""

from __future__ import annotations

import pyoxigraph as ox

from graph.config import data_base
from graph.param_values import ParamValues, store_runner
from graph.queries import NAME, BadParameter, load_queries
from graph.store import OxigraphStore, StoreError, open_store


def run_named(
    name: str, params: tuple[str, ...], descriptor: str, error: type[Exception]
) -> ox.QuerySolutions:
    """The answer of named query ``name`` with ``params`` (``NAME=VALUE`` each) on the store;
    ``error`` (the CLI's input error: exit 2) for an unknown query, parameter or value."""
    queries = load_queries()
    query = queries.get(name) if NAME.fullmatch(name) else None
    if query is None:
        raise error(f"there is no named query {name!r}; there are: {', '.join(queries)}")
    values: dict[str, str] = {}
    declared = {p.name for p in query.params}
    for given in params:
        key, sep, value = given.partition("=")
        if not sep or key not in declared:
            known = ", ".join(sorted(declared)) or "none"
            raise error(f"--param {given!r}: give NAME=VALUE with a parameter of {name!r} "
                        f"(its parameters: {known})")
        values[key] = value
    try:
        store = open_store(descriptor)
    except StoreError as err:
        raise error(str(err)) from err
    if not isinstance(store, OxigraphStore):
        raise error("a named query runs on the embedded store here; for a SPARQL endpoint, "
                    "use the server's /queries/" + name)
    resolver = ParamValues(store_runner(store))
    try:
        bindings = resolver.bindings(query, values, base=data_base())
    except BadParameter as err:
        raise error(f"{err.message} (named query {name!r})") from None
    result = store.query(query.text, substitutions={ox.Variable(n): t for n, t in bindings})
    assert isinstance(result, ox.QuerySolutions)
    return result
