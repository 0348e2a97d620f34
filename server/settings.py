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
        "Store descriptor: `oxigraph:PATH` for the embedded on-disk store built by `build`, "
        "or `sparql:URL` for any SPARQL 1.1 store over HTTP.",
    )
    store_update_url: str = _setting(
        "", "`sparql:` stores only: SPARQL Update URL (empty: the query URL)."
    )
    store_graph_store_url: str = _setting(
        "", "`sparql:` stores only: SPARQL 1.1 Graph Store endpoint URL, for loading data."
    )
    store_default_graph: str = _setting(
        "",
        "`sparql:` stores only: a named graph of the store holding the merge of all graphs, "
        "each statement once (`SparqlHttpStore.load_dataset` writes it); a query that names "
        "no dataset gets it as its default graph. Set it for Virtuoso, whose default graph "
        "matches a statement once per graph stating it (empty: the store's own default graph).",
    )
    store_user: str = _setting(
        "", "`sparql:` stores only: user name sent to the store (Basic or Digest auth)."
    )
    store_password: str = _setting(
        "", "`sparql:` stores only: password of `store_user`; prefer the environment variable."
    )
    base: str = _setting(
        "https://w3id.org/mandate-graph/id/",
        "Data base IRI the graph was built with; entity pages are served for IRIs under it, "
        "and relative IRIs in queries and updates resolve against it.",
    )
    host: str = _setting("127.0.0.1", "Interface to listen on (loopback by default).")
    port: int = _setting(8000, "TCP port to listen on.")
    threads: int = _setting(4, "Request-handling threads of the WSGI server.")
    max_request_bytes: int = _setting(
        1_000_000, "Largest request body accepted, in bytes (a query sent by POST included)."
    )
    workers: int = _setting(
        2,
        "Query worker processes (embedded store): each runs one query at a time and is killed "
        "and replaced when its query passes the time limit.",
    )
    query_timeout: float = _setting(
        10.0,
        "Longest a query may run, in seconds; a request's `timeout` parameter may lower it, "
        "never raise it.",
    )
    max_rows: int = _setting(
        10_000,
        "Most solutions (or triples) in one answer; a longer answer is cut and says so "
        "(`X-Mandate-Graph-Truncated` header, `\"truncated\": true` in JSON).",
    )
    gzip_min_bytes: int = _setting(
        1024, "Responses at least this large are gzipped when the client accepts gzip."
    )
    cors_origin: str = _setting(
        "*", "`Access-Control-Allow-Origin` of the read routes; empty turns CORS off."
    )
    allow_update: bool = _setting(
        False, "Enable the `/update` route (SPARQL Update); it also needs `update_token`."
    )
    update_token: str = _setting(
        "", "Bearer token `/update` requires (`Authorization: Bearer TOKEN`); empty: no route."
    )
    dumps_dir: str = _setting(
        "", "Folder of the releases' dumps served at `/dumps/` (empty: `dumps/` of the build)."
    )
    pinned_releases: int = _setting(
        2,
        "Older kept releases that `release=` queries may hold open at once (one query worker "
        "each); the least recently used is closed first.",
    )
    rate_limit_per_minute: int = _setting(
        600,
        "Requests a minute each client IP may send (sustained); more are answered 429 with "
        "`Retry-After`. 0 turns rate limiting off.",
    )
    rate_limit_burst: int = _setting(
        120, "Requests a client IP may send at once before `rate_limit_per_minute` applies."
    )
    content_security_policy: str = _setting(
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'",
        "`Content-Security-Policy` header of every response; empty sends none.",
    )

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Defaults, then ``MANDATE_GRAPH_<NAME>`` environment variables, then ``overrides``."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = os.environ.get(f"MANDATE_GRAPH_{f.name.upper()}")
            if raw is not None:
                values[f.name] = _convert(f.name, raw, type(f.default))
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @property
    def store_auth(self) -> tuple[str, str] | None:
        """(user, password) for a `sparql:` store, or None when no user is set."""
        return (self.store_user, self.store_password) if self.store_user else None

    @classmethod
    def documented(cls) -> list[tuple[str, Any, str]]:
        """(name, default, help) for every setting, for the docs and for `serve --help`."""
        return [(f.name, f.default, f.metadata["help"]) for f in fields(cls)]


def _convert(name: str, raw: str, kind: type) -> Any:
    """An environment string as the setting's type; ``bool("0")`` would be True, hence words."""
    if kind is bool:
        lowered = raw.strip().lower()
        if lowered in {"1", "true", "yes", "on"}:
            return True
        if lowered in {"0", "false", "no", "off", ""}:
            return False
        raise ValueError(f"MANDATE_GRAPH_{name.upper()}={raw!r}: expected true or false")
    try:
        return kind(raw)
    except ValueError:
        raise ValueError(
            f"MANDATE_GRAPH_{name.upper()}={raw!r}: expected a {kind.__name__}"
        ) from None
