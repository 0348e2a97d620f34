"""One error shape for the whole server: JSON ``{"error": ..., "status": ...}``.

Every error response, whatever raised it, goes through here, so clients can rely on one shape.
A query the store could not answer (:class:`graph.store.QueryError`, whatever its kind) is
turned into that shape by one handler, whichever route asked: routes let it rise instead of
catching it.
"""

from __future__ import annotations

import re

from flask import Flask, Response, has_request_context, jsonify, render_template, request
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

from graph.store import PoolBusy, QueryError, QueryFailed, QueryTimeout, WorkerCrashed

_POSITION = re.compile(r"error at (\d+):(\d+): ?(.*)", re.DOTALL)


class ApiError(Exception):
    """An error to show the client as it is: a status code and a message that says the fix."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def error_response(status: int, message: str) -> Response:
    """The error as JSON, or as a simple HTML page when the client is a browser.

    A browser (``text/html`` preferred to JSON) gets a page with the same message, so that a
    reader following a link never faces raw JSON; every other client keeps the one JSON shape.
    """
    if has_request_context() and _wants_html():
        page = render_template(
            "error.html", status=status, reason=HTTP_STATUS_CODES.get(status, "Error"),
            message=message,
        )
        return Response(page, status=status, mimetype="text/html")
    response = jsonify({"error": message, "status": status})
    response.status_code = status
    return response


def _wants_html() -> bool:
    accept = request.accept_mimetypes
    return accept.best_match(["application/json", "text/html"]) == "text/html" and (
        accept["text/html"] > accept["application/json"]
    )


def syntax_message(message: str) -> str:
    """pyoxigraph's 'error at L:C: msg' said for a human, with where to look."""
    match = _POSITION.match(message)
    if match is None:
        return f"SPARQL syntax error: {message}"
    line, column, detail = match.groups()
    return f"SPARQL syntax error at line {line}, column {column}: {detail}"


def failure(err: QueryError, limit: float) -> ApiError:
    """The JSON error a client sees when the store could not answer.

    A query stopped at its time limit is 503 (Service Unavailable), as Fuseki and Virtuoso
    answer: the server refused to spend more on it, and the message says how to make it cheaper.
    The limit named is the one the query ran under (``err.limit``), else ``limit``.
    """
    if isinstance(err, QueryTimeout):
        limit = err.limit if err.limit is not None else limit
        return ApiError(
            503,
            f"the query ran past its time limit of {limit:g} s and was stopped. Make it cheaper: "
            "add LIMIT, bind variables to IRIs, avoid patterns that share no variable (they "
            "multiply), or use GRAPH to search one source.",
        )
    if isinstance(err, PoolBusy):
        return ApiError(503, f"the server is busy: {err}. Try again in a moment.")
    if isinstance(err, WorkerCrashed):
        return ApiError(
            500,
            "the process running the query stopped unexpectedly and was replaced; try again, "
            "and report the query if it happens again.",
        )
    if not isinstance(err, QueryFailed):  # the store itself failed (graph.store.StoreError)
        return ApiError(502, f"the store failed: {err}")
    if err.kind == "syntax":
        return ApiError(400, syntax_message(err.message))
    if err.kind == "not_acceptable":
        return ApiError(406, err.message)
    if err.kind in {"bad_request", "rejected"}:
        return ApiError(400, err.message)
    if err.kind == "engine":  # a valid query the engine cannot evaluate (server.order_by)
        return ApiError(501, f"{err.message}; report the query, please.")
    return ApiError(502, f"the store failed: {err.message}")


def init_app(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api_error(err: ApiError) -> Response:
        return error_response(err.status, err.message)

    @app.errorhandler(QueryError)
    def _query_error(err: QueryError) -> Response:
        failed = failure(err, app.config["SETTINGS"].query_timeout)
        return error_response(failed.status, failed.message)

    @app.errorhandler(HTTPException)
    def _http_error(err: HTTPException) -> Response:
        if err.code == 413:
            limit = app.config.get("MAX_CONTENT_LENGTH")
            return error_response(
                413,
                f"the request body is larger than the {limit} bytes this server accepts "
                "(setting max_request_bytes): send a shorter query.",
            )
        response = error_response(err.code or 500, err.description or err.name)
        if err.code == 405 and err.valid_methods:  # type: ignore[attr-defined]
            response.headers["Allow"] = ", ".join(err.valid_methods)  # type: ignore[attr-defined]
        return response

    @app.errorhandler(Exception)
    def _unexpected(err: Exception) -> Response:
        # Logged with its traceback for the operator; the client gets the one shape, no trace.
        app.logger.exception("unexpected error")
        return error_response(500, "internal server error: the server log has the details")
