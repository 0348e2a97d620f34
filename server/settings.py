"""The server's settings: one table of names, defaults and help texts.

Every setting can be given on the command line (``serve --max-rows 500``) or in the environment
(``MANDATE_GRAPH_MAX_ROWS=500``); docs/settings.md lists them all, and a test fails when a setting
is missing from it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from typing import Any


def _setting(default: Any, help_text: str) -> Any:
    return field(default=default, metadata={"help": help_text})


@dataclass(frozen=True)
class Settings:
    """What the server needs to know; immutable once the app is made."""

    store: str = _setting(
        "oxigraph:build/current/store",
        "Store descriptor: `oxigraph:PATH` for the embedded on-disk store built by `build`.",
    )
    base: str = _setting(
        "https://w3id.org/mandate-graph/id/",
        "Data base IRI the graph was built with; entity pages are served for IRIs under it.",
    )
    host: str = _setting("127.0.0.1", "Interface to listen on (loopback by default).")
    port: int = _setting(8000, "TCP port to listen on.")
    threads: int = _setting(4, "Request-handling threads of the WSGI server.")
    max_request_bytes: int = _setting(
        1_000_000, "Largest request body accepted, in bytes (a query sent by POST included)."
    )

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Defaults, then ``MANDATE_GRAPH_<NAME>`` environment variables, then ``overrides``."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = os.environ.get(f"MANDATE_GRAPH_{f.name.upper()}")
            if raw is not None:
                values[f.name] = type(f.default)(raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @classmethod
    def documented(cls) -> list[tuple[str, Any, str]]:
        """(name, default, help) for every setting, for the docs and for `serve --help`."""
        return [(f.name, f.default, f.metadata["help"]) for f in fields(cls)]
