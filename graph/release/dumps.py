"""The dumps of a release: N-Quads, TriG, Turtle and JSON-LD, gzipped with a checksum, kept
for more releases than the stores (a dump is what lets a pinned result be reproduced).
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from graph.namespaces import PREFIXES
from graph.release.layout import PROVENANCE_FILE, RELEASE_ID, ReleaseError, positive_env

#: the dump formats: CLI name → (file extension, pyoxigraph format)
DUMP_FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    "nquads": ("nq", ox.RdfFormat.N_QUADS),
    "trig": ("trig", ox.RdfFormat.TRIG),
    "turtle": ("ttl", ox.RdfFormat.TURTLE),
    "jsonld": ("jsonld", ox.RdfFormat.JSON_LD),
}


def keep_dumps() -> int:
    """Of how many releases the dumps are kept (``MANDATE_GRAPH_KEEP_DUMPS``, default 10).

    More than the releases: a dump is a few hundred kilobytes, a store tens of megabytes, and
    a dump is what lets a result pinned to an old release be reproduced once its store is gone.
    """
    return positive_env("MANDATE_GRAPH_KEEP_DUMPS", 10)


def dumps_at_build_max_quads() -> int:
    """Up to how many quads a build writes its four dumps itself
    (``MANDATE_GRAPH_DUMPS_AT_BUILD_MAX_QUADS``, default 1,000,000).

    Serialising and compressing a graph of millions of quads four times takes as long as the
    rest of the build; a larger release gets each dump when it is first asked for (the server,
    ``mandate-graph dump``), with the same bytes and checksum.
    """
    return positive_env("MANDATE_GRAPH_DUMPS_AT_BUILD_MAX_QUADS", 1_000_000)


def dumps_dir_of(build_dir: Path) -> Path:
    """Where a build keeps its dumps: ``MANDATE_GRAPH_DUMPS_DIR``, else ``<build>/dumps``."""
    configured = os.environ.get("MANDATE_GRAPH_DUMPS_DIR", "")
    return Path(configured) if configured else build_dir / "dumps"


def release_quads(release_dir: Path) -> Iterator[ox.Quad]:
    """The quads of a release: its content (graph.nq) and its provenance graph."""
    for name in ("graph.nq", PROVENANCE_FILE):
        path = release_dir / name
        if path.is_file():
            yield from ox.parse(path.read_bytes(), format=ox.RdfFormat.N_QUADS)


def dump_bytes(release_dir: Path, fmt: str) -> bytes:
    """The release in one format, uncompressed.

    N-Quads, TriG and JSON-LD keep the named graphs; Turtle cannot, so it holds the merged
    default graph (each triple once), as a query without GRAPH sees it.
    """
    if fmt not in DUMP_FORMATS:
        raise ReleaseError(f"unknown dump format {fmt!r}; use one of {', '.join(DUMP_FORMATS)}")
    if fmt == "nquads":
        lines: set[bytes] = set()
        for name in ("graph.nq", PROVENANCE_FILE):
            path = release_dir / name
            if path.is_file():
                lines.update(line for line in path.read_bytes().splitlines() if line.strip())
        return b"\n".join(sorted(lines)) + b"\n"
    rdf_format = DUMP_FORMATS[fmt][1]
    quads = sorted(release_quads(release_dir), key=str)
    if fmt == "turtle":
        triples = sorted({q.triple for q in quads}, key=str)
        return ox.serialize(triples, format=rdf_format, prefixes=PREFIXES) or b""
    prefixes = PREFIXES if fmt == "trig" else None
    return ox.serialize(quads, format=rdf_format, prefixes=prefixes) or b""


def write_dump(release_dir: Path, fmt: str, out: Path) -> str:
    """Write the gzipped dump and ``<out>.sha256`` (``sha256sum`` format); return the digest.

    The gzip header carries no time and no name, so the same release always gives the same
    bytes and the same checksum.
    """
    data = gzip.compress(dump_bytes(release_dir, fmt), compresslevel=9, mtime=0)
    digest = hashlib.sha256(data).hexdigest()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}")
    tmp.write_bytes(data)
    tmp.replace(out)
    Path(f"{out}.sha256").write_text(f"{digest}  {out.name}\n", encoding="utf-8")
    return digest


def dump_name(release_id: str, fmt: str) -> str:
    return f"{release_id}.{DUMP_FORMATS[fmt][0]}.gz"


def write_release_dumps(release_dir: Path, dumps_dir: Path, *, write: bool = True
                        ) -> dict[str, str]:
    """All four dumps of a release (unless ``write`` is false: they are then made on first
    request) and a copy of its release.json, in the dumps folder."""
    digests = {
        fmt: write_dump(release_dir, fmt, dumps_dir / dump_name(release_dir.name, fmt))
        for fmt in DUMP_FORMATS
    } if write else {}
    dumps_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(release_dir / "release.json", dumps_dir / f"{release_dir.name}.json")
    return digests


def dump_files(dumps_dir: Path, release_id: str) -> dict[str, tuple[Path, str]]:
    """The dumps of a release that exist: format → (file, sha256)."""
    found: dict[str, tuple[Path, str]] = {}
    for fmt in DUMP_FORMATS:
        path = dumps_dir / dump_name(release_id, fmt)
        checksum = Path(f"{path}.sha256")
        if path.is_file() and checksum.is_file():
            found[fmt] = (path, checksum.read_text(encoding="utf-8").split()[0])
    return found


def prune_dumps(dumps_dir: Path, *, keep: int) -> None:
    """Keep the dumps of the ``keep`` most recent releases."""
    if not dumps_dir.is_dir():
        return
    stems = {p.name.split(".")[0] for p in dumps_dir.iterdir()}
    ids = sorted((stem for stem in stems if RELEASE_ID.match(stem)), reverse=True)
    for old in ids[keep:]:
        for path in dumps_dir.glob(f"{old}.*"):
            path.unlink(missing_ok=True)
