"""Hardening: security headers on every response, no debug mode, no write route by default."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from flask import Flask

from server import close_app, create_app
from server.settings import Settings

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def directives(policy: str) -> dict[str, list[str]]:
    parsed: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


def get_paths(app: Flask) -> list[str]:
    """Every GET route that takes no argument, as the app has them when the test runs."""
    paths = sorted(
        rule.rule
        for rule in app.url_map.iter_rules()
        if "GET" in (rule.methods or set()) and not rule.arguments
    )
    return [*paths, "/static/css/site.css", "/no-such-page", "/sparql?query=SELEC"]


def assert_hardened(headers: dict[str, str] | object, where: str) -> None:
    for name, value in HEADERS.items():
        assert headers.get(name) == value, f"{where}: {name}"  # type: ignore[attr-defined]
    policy = directives(headers.get("Content-Security-Policy", ""))  # type: ignore[attr-defined]
    assert policy, f"{where}: no Content-Security-Policy"
    scripts = policy.get("script-src", policy.get("default-src"))
    assert scripts is not None and "'unsafe-inline'" not in scripts, where
    assert "'unsafe-eval'" not in scripts, where
    assert policy["frame-ancestors"] == ["'none'"], where
    assert policy["object-src"] == ["'none'"], where


def test_every_route_and_error_carries_the_security_headers(app: Flask) -> None:
    client = app.test_client()
    for path in get_paths(app):
        response = client.get(path)
        assert_hardened(response.headers, path)
        response.close()
    for method, path in [("DELETE", "/sparql"), ("POST", "/ontology"), ("PUT", "/")]:
        response = client.open(path, method=method)
        assert response.status_code in {404, 405}
        assert_hardened(response.headers, f"{method} {path}")


def test_the_served_app_is_never_in_debug_mode(
    store_descriptor: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLASK_DEBUG", "1")
    made = create_app(Settings(store=store_descriptor))
    try:
        assert made.debug is False

        @made.route("/boom")
        def boom() -> str:
            raise RuntimeError("secret internal detail")

        response = made.test_client().get("/boom")
        assert response.status_code == 500
        body = response.get_json()
        assert body == {
            "error": "internal server error: the server log has the details",
            "status": 500,
        }
        text = response.get_data(as_text=True)
        assert "Traceback" not in text and "secret internal detail" not in text
        assert_hardened(response.headers, "/boom")
    finally:
        close_app(made)


@pytest.mark.parametrize(
    "settings",
    [{}, {"allow_update": True}, {"update_token": "s3cret"}],
    ids=["default", "allowed-without-token", "token-without-allow"],
)
def test_the_update_route_exists_only_with_both_settings(
    store_descriptor: str, settings: dict[str, object]
) -> None:
    made = create_app(Settings(store=store_descriptor, **settings))  # type: ignore[arg-type]
    try:
        client = made.test_client()
        response = client.post(
            "/update",
            data="INSERT DATA { <urn:a> <urn:b> <urn:c> }",
            content_type="application/sparql-update",
            headers={"Authorization": "Bearer s3cret"},
        )
        assert response.status_code == 404
        assert response.get_json()["status"] == 404
    finally:
        close_app(made)


def test_an_empty_policy_setting_sends_no_policy_but_keeps_the_rest(
    store_descriptor: str,
) -> None:
    made = create_app(Settings(store=store_descriptor, content_security_policy=""))
    try:
        response = made.test_client().get("/sparql")
        assert "Content-Security-Policy" not in response.headers
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    finally:
        close_app(made)


@pytest.mark.server
def test_real_server_sends_the_headers_and_no_debugger(live_server: str) -> None:
    for path in ["/sparql?query=ASK%7B%7D", "/ontology", "/no-such-page", "/console"]:
        try:
            with urllib.request.urlopen(live_server + path, timeout=30) as response:
                headers, status, body = response.headers, response.status, response.read()
        except urllib.error.HTTPError as err:
            headers, status, body = err.headers, err.code, err.read()
        assert_hardened(headers, path)
        if status >= 400:
            # /console is where Werkzeug's debugger would answer: here it is a plain JSON 404.
            assert json.loads(body)["status"] == status
            assert b"Traceback" not in body and b"Werkzeug Debugger" not in body
