"""The ontology as a readable HTML page (``/ontology``) and as Turtle (``/ontology.ttl``)."""

from __future__ import annotations

from functools import cache

from flask import Blueprint, Response, redirect, request, send_file
from werkzeug.wrappers import Response as WerkzeugResponse

from graph.config import ONTOLOGY_FILE
from graph.ontology_docs import render_ontology_html

blueprint = Blueprint("ontology", __name__)


@cache
def _ontology_html() -> str:
    """Rendered once per process: the ontology file does not change while serving."""
    return render_ontology_html(ONTOLOGY_FILE)


@blueprint.route("/ontology")
def ontology() -> Response | WerkzeugResponse:
    if request.accept_mimetypes.best_match(["text/html", "text/turtle"]) == "text/turtle":
        return redirect("/ontology.ttl", code=303)
    return Response(_ontology_html(), mimetype="text/html")


@blueprint.route("/ontology.ttl")
def ontology_turtle() -> Response:
    return send_file(ONTOLOGY_FILE, mimetype="text/turtle")
