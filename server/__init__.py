"""The Flask app that serves the graph: SPARQL endpoint, ontology, and (later) the workbench.

``create_app(settings)`` is the one factory; the store is opened once, read-only, when the app is
made, and each concern lives in its own blueprint.
"""

from __future__ import annotations

from flask import Flask

from graph.store import open_store
from server.settings import Settings


def create_app(settings: Settings | None = None) -> Flask:
    """Make the app for ``settings`` (defaults and environment when None)."""
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config["SETTINGS"] = settings
    app.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes
    app.extensions["store"] = open_store(settings.store, read_only=True)

    from server import errors, ontology, sparql

    errors.init_app(app)
    app.register_blueprint(sparql.blueprint)
    app.register_blueprint(ontology.blueprint)
    return app
