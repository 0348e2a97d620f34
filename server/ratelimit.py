"""Per-client rate limiting: a token bucket per client IP, answering 429 with ``Retry-After``.

Why a token bucket: it lets a client send a burst (a page that fires a dozen queries at once)
while holding its sustained rate to the configured requests per minute. Why per IP and in
memory: the server is one process serving a public, read-only graph; there is no account to
limit, and a shared store (Redis …) would be a second service to run for a few dozen lines.

Memory is bounded: at most :data:`MAX_CLIENTS` buckets are kept, least recently seen first out.
A client evicted that way comes back with a full bucket, which only ever errs on the generous
side. The client is the TCP peer (``REMOTE_ADDR``), never ``X-Forwarded-For``: that header is
written by the client and would let anyone pick a fresh identity per request. Behind a reverse
proxy every request comes from the proxy, so limit there, or turn this off (rate 0).
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from flask import Flask, Response, request

from server.errors import error_response
from server.settings import Settings

#: Most client buckets kept at once (each is a few dozen bytes).
MAX_CLIENTS = 10_000
#: Static files cost nothing to serve and come in bunches with every page: never counted.
STATIC_PREFIX = "/static/"


class TokenBucket:
    """Buckets of ``burst`` tokens per key, refilled at ``per_minute`` tokens a minute."""

    def __init__(
        self,
        per_minute: float,
        burst: int,
        *,
        max_clients: int = MAX_CLIENTS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rate = per_minute / 60.0  # tokens per second
        self.burst = max(1, burst)
        self.max_clients = max(1, max_clients)
        self._clock = clock
        self._lock = threading.Lock()
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key → (tokens, t)

    def take(self, key: str) -> float:
        """Spend one token of ``key``'s bucket: 0.0 if allowed, else seconds until one is back."""
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.pop(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                wait = 0.0
                tokens -= 1.0
            else:
                wait = (1.0 - tokens) / self.rate
            self._buckets[key] = (tokens, now)  # most recently seen last
            while len(self._buckets) > self.max_clients:
                self._buckets.popitem(last=False)
        return wait

    def __len__(self) -> int:
        return len(self._buckets)


def init_app(app: Flask, settings: Settings) -> None:
    """Refuse requests over the client's rate with the JSON error shape; rate 0 turns it off."""
    if settings.rate_limit_per_minute <= 0:
        return
    burst = max(1, settings.rate_limit_burst)
    bucket = TokenBucket(settings.rate_limit_per_minute, burst)
    app.extensions["rate_limit"] = bucket

    @app.before_request
    def _limit() -> Response | None:
        if request.path.startswith(STATIC_PREFIX):
            return None  # a page pulls several files at once, each cheap: not worth a token
        wait = bucket.take(request.remote_addr or "unknown")
        if wait <= 0:
            return None
        seconds = max(1, math.ceil(wait))
        response = error_response(
            429,
            f"too many requests from your address: the limit is "
            f"{settings.rate_limit_per_minute:g} a minute (bursts of {burst}). "
            f"Retry in {seconds} s, or run the heavy work on your own copy of the graph.",
        )
        response.headers["Retry-After"] = str(seconds)
        return response
