"""Finding releases again: the kept ones (newest first), those of which only the dumps are
left, and the one a reference names (``current``, an id, a digest or a prefix of ≥ 12 hex).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.release.dumps import dumps_dir_of
from graph.release.layout import DIGEST_REF, RELEASE_ID, ReleaseError, positive_env


def keep_releases() -> int:
    """How many complete releases a build keeps (``MANDATE_GRAPH_KEEP_RELEASES``, default 3)."""
    return positive_env("MANDATE_GRAPH_KEEP_RELEASES", 3)


@dataclass(frozen=True)
class ReleaseInfo:
    """A release as ``release.json`` describes it (its directory may be gone)."""

    id: str
    meta: dict[str, Any]
    path: Path | None  # the release directory, None when only its dumps are left

    @property
    def sha256(self) -> str:
        return str(self.meta.get("sha256", ""))

    @property
    def kept(self) -> bool:
        return self.path is not None and (self.path / "store").is_dir()


def release_dirs(build_dir: Path) -> list[Path]:
    """Complete releases, newest first (partial and staging directories are left out)."""
    releases = build_dir / "releases"
    if not releases.is_dir():
        return []
    found = [
        p for p in releases.iterdir()
        if RELEASE_ID.match(p.name)
        and (p / "release.json").is_file() and (p / "graph.nq").is_file()
    ]
    return sorted(found, key=lambda p: p.name, reverse=True)


def list_releases(build_dir: Path, dumps_dir: Path | None = None) -> list[ReleaseInfo]:
    """Every release known: the kept ones, then those of which only the dumps are left."""
    infos: dict[str, ReleaseInfo] = {}
    for path in release_dirs(build_dir):
        infos[path.name] = ReleaseInfo(path.name, _meta(path / "release.json"), path)
    dumps = dumps_dir if dumps_dir is not None else dumps_dir_of(build_dir)
    if dumps.is_dir():
        for meta_file in dumps.glob("*.json"):
            rid = meta_file.name.removesuffix(".json")
            if RELEASE_ID.match(rid) and rid not in infos:
                infos[rid] = ReleaseInfo(rid, _meta(meta_file), None)
    return sorted(infos.values(), key=lambda i: i.id, reverse=True)


def _meta(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def find_release(build_dir: Path, ref: str, dumps_dir: Path | None = None) -> ReleaseInfo | None:
    """The release ``ref`` names: ``current``, an id, a digest or a digest prefix (≥ 12)."""
    ref = ref.strip()
    if ref == "current":
        link = build_dir / "current"
        if not link.exists():
            return None
        path = link.resolve()
        return ReleaseInfo(path.name, _meta(path / "release.json"), path)
    for info in list_releases(build_dir, dumps_dir):
        if ref == info.id or (DIGEST_REF.match(ref) and info.sha256.startswith(ref)):
            return info
    return None


def resolve_release_dir(build_dir: Path, ref: str) -> Path:
    """A kept release's directory from a name (see :func:`find_release`) or a path."""
    as_path = Path(ref)
    if (as_path / "graph.nq").is_file():
        return as_path.resolve()
    info = find_release(build_dir, ref)
    if info is None:
        raise ReleaseError(
            f"{ref}: no such release in {build_dir}; `mandate-graph releases` lists them"
        )
    if info.path is None or not (info.path / "graph.nq").is_file():
        raise ReleaseError(f"{ref}: release {info.id} is no longer kept (only its dumps are)")
    return info.path


def looks_like_release(ref: str) -> bool:
    """An id or a digest prefix: worth a 410 (gone) rather than a 400 (malformed)."""
    return bool(RELEASE_ID.match(ref) or DIGEST_REF.match(ref))
