"""The named queries as the benchmark runs them: text, default parameters bound."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pyoxigraph as ox

from graph.config import QUERIES_DIR
from graph.namespaces import PREFIXES


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    text: str
    #: the parameters bound to their documented defaults
    substitutions: tuple[tuple[str, ox.NamedNode | ox.Literal], ...] = ()

    #: what ``raw`` pyoxigraph is given besides :attr:`values_text`: the server's prefixes
    raw_options: ClassVar[dict[str, object]] = {"prefixes": PREFIXES}

    @property
    def values_text(self) -> str:
        """The query with its default parameters as a VALUES block opening its pattern: the
        very text the server runs on either store (server.backends.with_values), so raw
        pyoxigraph, the endpoint and rdflib all answer the same query."""
        from server.backends import with_values

        return with_values(self.text, self.substitutions)


def named_queries(directory: Path = QUERIES_DIR) -> list[NamedQuery]:
    """Every top-level ``queries/*.rq``, as it is when the benchmark runs, parameters bound to
    their defaults the way the server binds them (``graph.queries``)."""
    try:
        from graph.queries import load_queries
    except ImportError:  # no parameter support in this checkout: the texts as written
        found = []
        for path in sorted(directory.glob("*.rq")):
            text = path.read_text(encoding="utf-8")
            title = next((line.split(":", 1)[1].strip() for line in text.splitlines()
                          if line.startswith("# title:")), path.stem)
            found.append(NamedQuery(path.stem, title, text))
        return found
    return [NamedQuery(q.name, q.title, q.text, q.bindings({}))
            for _, q in sorted(load_queries(directory).items())]
