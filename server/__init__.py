"""The Flask app that serves the graph: SPARQL endpoint, descriptions, ontology, updates.

``create_app(settings)`` is the one factory. The store is checked when the app is made (a
missing store fails then, with the fix), but queried only through the backend the store
descriptor names (``app.extensions["backend"]``; :func:`server.backends.run_query` asks it):
worker processes for the embedded store, started on the first query (or by ``serve`` at once)
and stopped with :func:`close_app` or at interpreter exit.
"""

from __future__ import annotations

import atexit

from flask import Flask

from server.backends import make_backend
from server.settings import Settings


def create_app(settings: Settings | None = None) -> Flask:
    """Make the app for ``settings`` (defaults and environment when None)."""
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config["SETTINGS"] = settings
    app.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes
    backend = make_backend(settings)
    app.extensions["backend"] = backend
    atexit.register(backend.close)

    from server import description, errors, http, locale, ontology, sparql, update

    errors.init_app(app)
    locale.init_app(app)  # every page's words in the reader's language
    http.init_app(app, settings)
    app.register_blueprint(sparql.blueprint)
    app.register_blueprint(description.blueprint)
    app.register_blueprint(ontology.blueprint)
    from server import documents, home, resolutions_index, resources, search_page  # pages

    app.register_blueprint(home.blueprint)
    app.register_blueprint(resolutions_index.blueprint)
    app.register_blueprint(search_page.blueprint)
    from server import registry_page, reports_due  # the mandate registry, the reports due

    app.register_blueprint(registry_page.blueprint)
    app.register_blueprint(reports_due.blueprint)
    app.register_blueprint(resources.blueprint)
    app.register_blueprint(documents.blueprint)
    from server import coverage_page, graph_views, timeline  # graph, timeline, coverage

    app.register_blueprint(graph_views.blueprint)
    app.register_blueprint(timeline.blueprint)
    app.register_blueprint(coverage_page.blueprint)
    from server import named_queries, query_ui  # questions (/queries) and the editor (/query)

    app.register_blueprint(named_queries.blueprint)
    app.register_blueprint(query_ui.blueprint)
    if settings.allow_update and settings.update_token:
        app.register_blueprint(update.blueprint)
    from server import releases

    # Picks each request's backend once (served or pinned release), so any route answers
    # `release=<id>`; app.extensions["releases"] holds them all.
    releases.init_app(app)
    atexit.register(app.extensions["releases"].close)
    return app


def close_app(app: Flask) -> None:
    """Stop the app's worker processes (tests and embedders call it; exit does it anyway)."""
    app.extensions["releases"].close()
