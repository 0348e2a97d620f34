"""The real server process and a lean HTTP client to time it with."""

from __future__ import annotations

import contextlib
import http.client
import json
import time
from collections.abc import Iterator

JSON_RESULTS = "application/sparql-results+json"


@contextlib.contextmanager
def server(store_descriptor: str, *, workers: int = 2, timeout: float = 900,
           **env: str) -> Iterator[str]:
    """The real ``mandate-graph serve`` process on a free loopback port, limits raised and
    per-client rate limiting off (the benchmark is the only client); ``env`` adds settings
    (``MANDATE_GRAPH_*`` variables)."""
    from tests.conftest import start_server, stop_server

    proc, url = start_server(
        store_descriptor, "--query-timeout", str(timeout), "--max-rows", "100000000",
        "--workers", str(workers), "--threads", "8",
        **{"MANDATE_GRAPH_RATE_LIMIT_PER_MINUTE": "0", **env},
    )
    try:
        yield url
    finally:
        stop_server(proc)


class Client:
    """One kept-alive HTTP/1.1 connection to the server, the way a SPARQL client library holds
    one (SPARQLWrapper, curl): ``http.client`` rather than ``requests``, whose own Python costs
    0.5–3.5 ms per answer here (measured side by side on the 1M store) — the client's time,
    not the endpoint's. No ``Accept-Encoding``: the answer comes uncompressed, as to those
    clients."""

    def __init__(self, url: str, timeout: float = 1000) -> None:
        host, _, port = url.removeprefix("http://").partition(":")
        self.host, self.port, self.timeout = host, int(port), timeout
        self.conn: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[float, bytes]:
        """Seconds until the whole answer is in, and the answer; RuntimeError unless 200."""
        started = time.perf_counter()
        for attempt in (1, 2):  # the server may have closed an idle kept-alive connection
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=body, headers=headers or {})
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.HTTPException, ConnectionError):
                self.close()
                if attempt == 2:
                    raise
                started = time.perf_counter()
        seconds = time.perf_counter() - started
        if response.will_close:
            self.close()
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status}: {data[:300]!r}")
        return seconds, data

    def query(self, text: str) -> tuple[float, bytes]:
        """A query POSTed directly (``application/sparql-query``) to ``/sparql``."""
        return self.request("POST", "/sparql", text.encode("utf-8"), {
            "Content-Type": "application/sparql-query", "Accept": JSON_RESULTS})

    def named(self, name: str) -> tuple[float, bytes]:
        """The server's own route for a named query (``/queries/NAME``, default parameters)."""
        return self.request("GET", f"/queries/{name}", headers={"Accept": JSON_RESULTS})

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def rows_of(body: bytes) -> int:
    data = json.loads(body)
    if "boolean" in data:
        return 1
    return len(data["results"]["bindings"])
