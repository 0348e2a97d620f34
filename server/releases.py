"""Releases on the server: the list (``/releases``), the dumps, the diff, and pinned queries.

Pinned queries: any request that queries through :func:`server.backends.run_query` (``/sparql``,
the named queries, pages) may carry ``release=<id>``. Before each request the app's
:class:`ReleaseRouter` picks, once, the backend that answers it (``flask.g.backend``): the
served release's, or that of the release named, opened read-only by its own worker (the same
mechanism as the served store, so the same time limit and row cap apply), kept in a small LRU
cache (setting ``pinned_releases``). A release no longer kept is *410 Gone*, with the link of its
dump when that is kept: dumps outlive stores. Routes therefore need nothing to support
``release=``; one that never queries ignores it, as the 400/410 is raised only by a query.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    Flask,
    Response,
    current_app,
    g,
    has_request_context,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
)

from graph.diff import Diff, diff_releases
from graph.release import (
    DUMP_FORMATS,
    ReleaseError,
    ReleaseInfo,
    dump_files,
    dump_name,
    find_release,
    list_releases,
    looks_like_release,
    release_dirs,
    write_dump,
)
from graph.store import Descriptor
from server.backends import Backend, EmbeddedBackend
from server.diff_page import diff_view
from server.errors import ApiError, error_response
from server.locale import format_number
from server.pages import reader_language
from server.settings import Settings

blueprint = Blueprint("releases", __name__)

#: requests whose answers are cached for the served release: they must not follow ``release=``
UNPINNED_ENDPOINTS = {"description.void"}
_EXTENSIONS = {ext: fmt for fmt, (ext, _) in DUMP_FORMATS.items()}


class ReleaseGone(ApiError):
    """A pinned release whose store is no longer kept: 410, and where its dump is."""

    def __init__(self, release: str, message: str, dump: str | None) -> None:
        super().__init__(410, message)
        self.release = release
        self.dump = dump


@dataclass(frozen=True)
class Layout:
    """Where the served release, its siblings and the dumps are; None parts when unknown."""

    served: Path | None  # the served release's directory (resolved at start)
    build_dir: Path | None
    dumps_dir: Path | None

    @classmethod
    def from_settings(cls, settings: Settings) -> Layout:
        """From an ``oxigraph:`` store inside a build (``…/releases/<id>/store``)."""
        parsed = Descriptor.parse(settings.store)
        served = build_dir = None
        if parsed.kind == "oxigraph":
            release = Path(parsed.location).resolve().parent
            if (release / "release.json").is_file() and release.parent.name == "releases":
                served, build_dir = release, release.parent.parent
        if settings.dumps_dir:
            dumps: Path | None = Path(settings.dumps_dir)
        else:
            dumps = build_dir / "dumps" if build_dir else None
        return cls(served, build_dir, dumps)


class ReleaseRouter:
    """The app's backends: the served store, and kept releases' when ``release=`` names one."""

    def __init__(self, default: Backend, settings: Settings) -> None:
        self.default = default
        self.settings = settings
        self.layout = Layout.from_settings(settings)
        self._pinned: OrderedDict[str, EmbeddedBackend] = OrderedDict()
        self._lock = threading.Lock()

    def pick(self) -> Backend | ApiError:
        """The backend for this request, or the error a query of it will raise (400, 410)."""
        try:
            return self.backend_for(_requested_release())
        except ApiError as err:
            return err

    def close(self) -> None:
        with self._lock:
            pinned, self._pinned = list(self._pinned.values()), OrderedDict()
        for backend in pinned:
            backend.close()
        self.default.close()

    # ----------------------------------------------------------------------------------------

    def backend_for(self, ref: str | None) -> Backend:
        """The backend that answers for release ``ref`` (None, ``current``: the served one)."""
        served = self.layout.served
        if not ref or ref == "current":
            return self.default
        if served is None or self.layout.build_dir is None:
            raise ApiError(
                400, "release= needs the embedded store of a build (store oxigraph:…/store)"
            )
        info = find_release(self.layout.build_dir, ref, self.layout.dumps_dir)
        if info is not None and info.id == served.name:
            return self.default
        if info is None or not info.kept or info.path is None:
            raise gone(ref, info, self.layout)
        with self._lock:
            backend = self._pinned.pop(info.id, None)
            if backend is None:
                backend = EmbeddedBackend(
                    info.path / "store", workers=1, max_rows=self.settings.max_rows,
                    base=self.settings.base,
                )
            self._pinned[info.id] = backend
            evicted = []
            while len(self._pinned) > self.settings.pinned_releases:
                evicted.append(self._pinned.popitem(last=False)[1])
        for old in evicted:
            old.close()
        return backend


def _requested_release() -> str | None:
    if not has_request_context() or request.endpoint in UNPINNED_ENDPOINTS:
        return None
    value = request.values.get("release", "").strip()
    return value or None


def gone(ref: str, info: ReleaseInfo | None, layout: Layout) -> ApiError:
    """410 for a release whose store is not kept (with its dump if kept), 400 for nonsense."""
    if info is None and not looks_like_release(ref):
        return ApiError(
            400, f"release {ref!r} is not a release id (YYYYmmddTHHMMSS-<sha12>) nor a SHA-256; "
            "GET /releases lists them"
        )
    rid = info.id if info else ref
    dumps = dump_files(layout.dumps_dir, rid) if layout.dumps_dir and info else {}
    dump = _dump_url(rid, "nquads") if "nquads" in dumps else None
    message = f"release {rid} is no longer kept on this server, so it cannot be queried"
    message += (
        f"; its dump is at {dump} (load it into any SPARQL store to query it)"
        if dump else "; no dump of it is kept either"
    )
    return ReleaseGone(rid, message, dump)


def _dump_url(release_id: str, fmt: str) -> str:
    root = request.host_url if has_request_context() else "/"
    return f"{root}dumps/{dump_name(release_id, fmt)}"


def _router() -> ReleaseRouter:
    router: ReleaseRouter = current_app.extensions["releases"]
    return router


def _layout() -> Layout:
    layout = _router().layout
    if layout.build_dir is None:
        raise ApiError(
            404, "this server does not serve a build's releases (store is not oxigraph:…/store)"
        )
    return layout


# --- /releases --------------------------------------------------------------------------------


def _describe(info: ReleaseInfo, layout: Layout) -> dict[str, Any]:
    dumps = dump_files(layout.dumps_dir, info.id) if layout.dumps_dir else {}
    root = request.host_url
    return {
        "id": info.id,
        "sha256": info.sha256,
        "issued": info.meta.get("issued"),
        "quads": info.meta.get("quads"),
        "triples": info.meta.get("triples"),
        "documents": info.meta.get("documents", []),
        "user_files": info.meta.get("user_files", []),
        "classes": info.meta.get("classes", {}),
        "validation": info.meta.get("validation"),
        "served": layout.served is not None and info.id == layout.served.name,
        "kept": info.kept,
        "sparql": f"{root}sparql?release={info.id}" if info.kept else None,
        "dumps": {
            fmt: {
                "url": _dump_url(info.id, fmt),
                "sha256": digest,
                "sha256_url": _dump_url(info.id, fmt) + ".sha256",
                "bytes": path.stat().st_size,
            }
            for fmt, (path, digest) in dumps.items()
        },
    }


@blueprint.route("/releases")
def releases() -> Response:
    """The releases as JSON, newest first: what the home page lists, with the dump links."""
    layout = _layout()
    assert layout.build_dir is not None
    current = find_release(layout.build_dir, "current")
    return jsonify({
        "served": layout.served.name if layout.served else None,
        "current": current.id if current else None,
        "diff": request.host_url + "diff",
        "releases": [_describe(i, layout) for i in list_releases(layout.build_dir,
                                                                 layout.dumps_dir)],
    })


# --- /dumps -----------------------------------------------------------------------------------


@blueprint.route("/dumps/<name>")
def dumps(name: str) -> Response:
    """``<release>.<nq|trig|ttl|jsonld>.gz`` and its ``.sha256``; ``current.…`` redirects."""
    layout = _layout()
    assert layout.build_dir is not None and layout.dumps_dir is not None
    checksum = name.endswith(".sha256")
    stem = name.removesuffix(".sha256")
    parts = stem.split(".")
    if len(parts) != 3 or parts[2] != "gz" or parts[1] not in _EXTENSIONS:
        raise ApiError(
            404, f"no dump {name!r}: dumps are <release>.<ext>.gz (ext: "
            f"{', '.join(_EXTENSIONS)}) and <release>.<ext>.gz.sha256; GET /releases lists them"
        )
    ref, fmt = parts[0], _EXTENSIONS[parts[1]]
    if ref == "current" and layout.served is not None:
        return redirect(f"/dumps/{dump_name(layout.served.name, fmt)}" + (
            ".sha256" if checksum else ""), code=302)  # type: ignore[return-value]
    info = find_release(layout.build_dir, ref, layout.dumps_dir)
    if info is None:
        raise ApiError(404, f"no release {ref!r} here; GET /releases lists them")
    path = layout.dumps_dir / dump_name(info.id, fmt)
    if not path.is_file() or not Path(f"{path}.sha256").is_file():
        if info.path is None or not (info.path / "graph.nq").is_file():
            raise ApiError(410, f"the {fmt} dump of release {info.id} is no longer kept")
        _write_missing_dump(info.path, fmt, path)
    if checksum:
        return send_file(f"{path}.sha256", mimetype="text/plain", max_age=3600)
    return send_file(
        path, mimetype="application/gzip", as_attachment=True, download_name=path.name,
        max_age=3600,
    )


_dump_lock = threading.Lock()


def _write_missing_dump(release: Path, fmt: str, path: Path) -> None:
    """A kept release built before dumps existed (or whose dumps were deleted): make it now."""
    with _dump_lock:
        if not path.is_file():
            try:
                write_dump(release, fmt, path)
            except (OSError, ReleaseError) as err:
                raise ApiError(500, f"the dump could not be written: {err}") from None


def dump_urls() -> list[str]:
    """The served release's dump URLs, for the VoID description (void:dataDump)."""
    served = _router().layout.served
    if served is None:
        return []
    return [_dump_url(served.name, fmt) for fmt in DUMP_FORMATS]


# --- /diff ------------------------------------------------------------------------------------


def _previous(layout: Layout) -> Path | None:
    """The release before the served one: the one it revised if kept, else the next older."""
    assert layout.build_dir is not None and layout.served is not None
    kept = release_dirs(layout.build_dir)
    meta = json.loads((layout.served / "release.json").read_text(encoding="utf-8"))
    named = meta.get("previous")
    for path in kept:
        if named and path.name == named:
            return path
    older = [p for p in kept if p.name < layout.served.name]
    return older[0] if older else None


@blueprint.route("/diff")
def diff() -> Response:
    """What changed from the previous release to the served one (HTML, or JSON)."""
    layout = _layout()
    if layout.served is None:
        raise ApiError(404, "no served release")
    previous = _previous(layout)
    wants_json = request.args.get("format") == "json" or (
        request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json"
    )
    if previous is None:
        if wants_json:
            return jsonify({"old": None, "new": layout.served.name, "changes": None})
        return Response(render_template("diff.html", diff=None, served=layout.served.name),
                        mimetype="text/html")
    cache: dict[tuple[str, str], Diff] = current_app.extensions.setdefault("release_diffs", {})
    key = (previous.name, layout.served.name)
    if key not in cache:
        cache.clear()
        cache[key] = diff_releases(previous, layout.served)
    changes = cache[key]
    if wants_json:
        return jsonify(changes.to_json())
    settings: Settings = current_app.config["SETTINGS"]
    lang = reader_language()
    return Response(
        render_template("diff.html", diff=changes, served=layout.served.name, lang=lang,
                        view=diff_view(changes, lang, settings.base),
                        number=lambda n: format_number(n, lang)),
        mimetype="text/html",
    )




def init_app(app: Flask) -> None:
    """Put the app's backend in a router that picks each request's backend once, before the
    route runs; register the routes and the 410 shape."""
    settings: Settings = app.config["SETTINGS"]
    router = app.extensions["releases"] = ReleaseRouter(app.extensions["backend"], settings)
    app.register_blueprint(blueprint)

    @app.before_request
    def _pick_backend() -> None:
        g.backend = router.pick()

    @app.errorhandler(ReleaseGone)
    def _gone(err: ReleaseGone) -> Response:
        response = error_response(err.status, err.message)
        if response.mimetype == "application/json":  # a browser gets the HTML error page
            body = json.loads(response.get_data())
            body.update({"release": err.release, "dump": err.dump})
            response.set_data(json.dumps(body))
        return response
