"""What many tests ask of the app's answers, said once: a page's HTML (which must be a 200), a
JSON error of the one error shape (which must carry the status it is sent with)."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient


def html_of(client: FlaskClient, path: str) -> str:
    """The HTML the app answers ``path`` with; the answer must be a 200."""
    page = client.get(path)
    assert page.status_code == 200, page.status_code
    return page.get_data(as_text=True)


def json_error(client: FlaskClient, path: str, status: int) -> dict[str, Any]:
    """The JSON error the app answers ``path`` with; the response and its body say ``status``."""
    response = client.get(path, headers={"Accept": "application/json"})
    assert response.status_code == status
    body = response.get_json()
    assert body["status"] == status
    return body
