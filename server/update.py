"""SPARQL 1.1 Update at ``/update``: off by default, and then only for holders of the token.

The route is registered only when the ``allow_update`` setting is on *and* ``update_token`` is
set, so a default server has no write path at all. The token is compared in constant time
(:func:`hmac.compare_digest`) so that response times leak nothing about it. LOAD and SERVICE are
refused here as on ``/sparql``: even an authorised writer cannot make the server fetch URLs.

The protocol's ``using-graph-uri`` / ``using-named-graph-uri`` give the dataset of each
DELETE/INSERT's WHERE (:func:`graph.store.text.with_using`); relative IRIs resolve against the
data base (setting ``base``), as in queries.
"""

from __future__ import annotations

import hmac

from flask import Blueprint, Response, current_app, request

from graph.store.text import DatasetConflict, with_using
from server.backends import Backend
from server.description import forget_counts
from server.errors import ApiError, error_response
from server.graph_views import forget_graph
from server.guard import RefusedQuery, TooDeep, check_query
from server.settings import Settings
from server.sparql import graph_iris, operation_text

blueprint = Blueprint("update", __name__)


def _authorised(settings: Settings) -> bool:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        token.strip().encode(), settings.update_token.encode()
    )


def _read_update() -> str:
    """The one update of the request, with the protocol's dataset written into it."""
    text = operation_text("update", "application/sparql-update")
    if not text:
        raise ApiError(400, "missing 'update': give a SPARQL Update")
    try:
        return with_using(
            text, graph_iris("using-graph-uri"), graph_iris("using-named-graph-uri")
        )
    except DatasetConflict as err:
        raise ApiError(400, str(err)) from None


@blueprint.route("/update", methods=["POST"])
def update() -> Response:
    settings: Settings = current_app.config["SETTINGS"]
    if not _authorised(settings):
        response = error_response(401, "send the update token as 'Authorization: Bearer TOKEN'")
        response.headers["WWW-Authenticate"] = 'Bearer realm="mandate-graph update"'
        return response
    text = _read_update()
    try:
        check_query(text)
    except TooDeep as err:
        raise ApiError(400, str(err)) from None
    except RefusedQuery as err:
        raise ApiError(403, str(err)) from None
    backend: Backend = current_app.extensions["backend"]  # the served store, never a pinned one
    backend.update(text, settings.query_timeout)  # its errors: the app's one handler
    forget_counts()
    forget_graph()
    return Response(status=204)
