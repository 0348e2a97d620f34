"""The SPARQL editor page, ``/query``: YASGUI on ``/sparql``, with the named queries as examples.

Everything the page needs comes with it: YASGUI is vendored (``static/vendor/yasgui``), the
project's prefixes are handed to the page in a ``data-`` attribute (no inline script, so the page
works under a strict Content-Security-Policy), the examples are read from ``/queries`` as JSON,
and YASGUI's outside look-ups (prefix.cc, LOV term completion) are switched off in
``static/js/query-ui.js``, so the page fetches nothing from another origin. ``/query?query=…``
opens with that query in the editor: a link to a query can be shared.
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, render_template

from graph.namespaces import PREFIXES

blueprint = Blueprint("query_ui", __name__)


@blueprint.route("/query")
def query_page() -> Response:
    config = {"endpoint": "/sparql", "examples": "/queries", "prefixes": PREFIXES}
    page = render_template("queries/editor.html", config=json.dumps(config))
    return Response(page, mimetype="text/html")
