"""Transport concerns of every response: security headers, per-client rate limiting, gzip when
the client accepts it, CORS on read routes; and no debug mode, ever, in a served app.

Written here rather than taken from a package: flask-compress (the maintained choice) also
brings brotli and zstandard bindings, flask-cors a configuration language, and flask-talisman
an HTTPS redirect this loopback-first server must not do, for what are a dozen lines each with
werkzeug's own header parsers.
"""

from __future__ import annotations

import gzip

from flask import Flask, Response, request

from server import ratelimit
from server.settings import Settings

#: Routes that only read: open to pages of other origins (the update route is not among them).
READ_ROUTES = ("/sparql", "/.well-known/void", "/ontology", "/ontology.ttl")
#: Headers a cross-origin page may read from our answers (the row-cap ones).
EXPOSED = "X-Mandate-Graph-Truncated, X-Mandate-Graph-Max-Rows"
#: Sent on every response, errors included. X-Frame-Options repeats CSP's frame-ancestors for
#: browsers that predate it; nosniff stops a browser running a JSON or text answer as script.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def init_app(app: Flask, settings: Settings) -> None:
    # Never the interactive debugger or a traceback page, whatever FLASK_DEBUG says: an
    # exception reaches the client only as the JSON 500 of server.errors.
    app.debug = False
    app.config["PROPAGATE_EXCEPTIONS"] = False
    ratelimit.init_app(app, settings)

    @app.after_request
    def _security_headers(response: Response) -> Response:
        # setdefault: a route that needs its own policy may set one; every other gets ours.
        if settings.content_security_policy:
            response.headers.setdefault("Content-Security-Policy", settings.content_security_policy)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.after_request
    def _cors(response: Response) -> Response:
        if not settings.cors_origin or request.path not in READ_ROUTES:
            return response
        response.headers["Access-Control-Allow-Origin"] = settings.cors_origin
        response.headers["Access-Control-Expose-Headers"] = EXPOSED
        if request.method == "OPTIONS":  # a preflight: Flask has answered the OPTIONS itself
            response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
            response.headers["Access-Control-Max-Age"] = "86400"
        return response

    @app.after_request
    def _gzip(response: Response) -> Response:
        response.vary.add("Accept-Encoding")
        if (
            request.accept_encodings["gzip"] <= 0
            or response.direct_passthrough
            or response.status_code < 200
            or response.status_code in {204, 304}
            or "Content-Encoding" in response.headers
        ):
            return response
        body = response.get_data()
        if len(body) < settings.gzip_min_bytes:
            return response
        # Level 1: on SPARQL JSON it is five times faster than the default 6 (0.8 ms against
        # 4.2 ms for 475 kB) for an answer about 1.5 times larger, still 25 times smaller than
        # the raw body; the time is the client's wait, the size rarely matters on a LAN.
        response.set_data(gzip.compress(body, compresslevel=1))
        response.headers["Content-Encoding"] = "gzip"
        return response
