"""Transport concerns of every response: gzip when the client accepts it, CORS on read routes.

Written here rather than taken from a package: flask-compress (the maintained choice) also
brings brotli and zstandard bindings, and flask-cors a configuration language, for what are a
dozen lines each with werkzeug's own header parsers.
"""

from __future__ import annotations

import gzip

from flask import Flask, Response, request

from server.settings import Settings

#: Routes that only read: open to pages of other origins (the update route is not among them).
READ_ROUTES = ("/sparql", "/.well-known/void", "/ontology", "/ontology.ttl")
#: Headers a cross-origin page may read from our answers (the row-cap ones).
EXPOSED = "X-Mandate-Graph-Truncated, X-Mandate-Graph-Max-Rows"


def init_app(app: Flask, settings: Settings) -> None:
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
        response.set_data(gzip.compress(body, compresslevel=6))
        response.headers["Content-Encoding"] = "gzip"
        return response
