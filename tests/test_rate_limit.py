"""Per-client rate limiting: a token bucket per IP, 429 in the JSON error shape with Retry-After."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from flask import Flask

from server import close_app, create_app
from server.ratelimit import TokenBucket
from server.settings import Settings
from tests.conftest import start_server, stop_server


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_passes_then_the_next_request_waits_for_its_token() -> None:
    clock = FakeClock()
    bucket = TokenBucket(60, 3, clock=clock)  # one token a second
    assert [bucket.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert bucket.take("a") == pytest.approx(1.0)
    clock.now += 1.0
    assert bucket.take("a") == 0.0
    assert bucket.take("a") > 0


def test_the_bucket_refills_only_up_to_the_burst() -> None:
    clock = FakeClock()
    bucket = TokenBucket(60, 2, clock=clock)
    bucket.take("a")
    clock.now += 3600
    assert [bucket.take("a") for _ in range(3)][:2] == [0.0, 0.0]
    assert bucket.take("a") > 0


def test_clients_have_separate_buckets() -> None:
    bucket = TokenBucket(60, 1, clock=FakeClock())
    assert bucket.take("a") == 0.0
    assert bucket.take("a") > 0
    assert bucket.take("b") == 0.0


def test_memory_is_bounded_by_evicting_the_least_recently_seen_client() -> None:
    bucket = TokenBucket(60, 1, max_clients=3, clock=FakeClock())
    for n in range(1000):
        bucket.take(f"10.0.{n // 256}.{n % 256}")
    assert len(bucket) == 3


def limited_app(store_descriptor: str, **settings: object) -> Flask:
    return create_app(Settings(store=store_descriptor, **settings))  # type: ignore[arg-type]


@pytest.fixture()
def strict_app(store_descriptor: str) -> Iterator[Flask]:
    # One token a minute: none comes back while the test runs, however slow the machine.
    made = limited_app(store_descriptor, rate_limit_per_minute=1, rate_limit_burst=3)
    yield made
    close_app(made)


def test_over_the_limit_is_429_in_the_json_shape_with_retry_after(strict_app: Flask) -> None:
    client = strict_app.test_client()
    assert [client.get("/.well-known/void").status_code for _ in range(3)] == [200] * 3
    refused = client.get("/.well-known/void")
    assert refused.status_code == 429
    body = refused.get_json()
    assert body["status"] == 429 and "1 a minute" in body["error"]
    assert int(refused.headers["Retry-After"]) >= 1
    assert refused.headers["X-Content-Type-Options"] == "nosniff"


def test_another_address_is_not_limited_and_forwarded_for_is_not_trusted(
    strict_app: Flask,
) -> None:
    client = strict_app.test_client()
    for _ in range(3):
        client.get("/sparql")
    spoofed = client.get("/sparql", headers={"X-Forwarded-For": "203.0.113.9"})
    assert spoofed.status_code == 429
    other = client.get("/sparql", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert other.status_code == 200


def test_static_files_are_not_counted(strict_app: Flask) -> None:
    client = strict_app.test_client()
    for _ in range(10):
        response = client.get("/static/css/site.css")
        assert response.status_code == 200
        response.close()
    assert client.get("/sparql").status_code == 200


def test_zero_turns_rate_limiting_off(store_descriptor: str) -> None:
    made = limited_app(store_descriptor, rate_limit_per_minute=0, rate_limit_burst=1)
    try:
        client = made.test_client()
        assert {client.get("/no-such-page").status_code for _ in range(300)} == {404}
        assert "rate_limit" not in made.extensions
    finally:
        close_app(made)


def test_the_default_is_generous() -> None:
    settings = Settings()
    assert settings.rate_limit_per_minute >= 600 and settings.rate_limit_burst >= 100


@pytest.mark.server
def test_real_server_limits_from_the_environment(store_descriptor: str) -> None:
    proc, url = start_server(
        store_descriptor,
        MANDATE_GRAPH_RATE_LIMIT_PER_MINUTE="1",
        MANDATE_GRAPH_RATE_LIMIT_BURST="5",
    )
    try:
        statuses = []
        for _ in range(8):  # start_server's readiness probe spent one token already
            try:
                with urllib.request.urlopen(url + "/sparql?query=ASK%7B%7D", timeout=30) as r:
                    statuses.append(r.status)
            except urllib.error.HTTPError as err:
                statuses.append(err.code)
                if err.code == 429:
                    assert int(err.headers["Retry-After"]) >= 1
                    assert err.headers["Content-Type"] == "application/json"
        assert statuses[0] == 200 and statuses[-1] == 429
    finally:
        stop_server(proc)
