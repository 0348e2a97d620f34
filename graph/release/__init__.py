"""Releases: how they are laid out, their provenance, the researcher's own files, their dumps,
and finding them again — one module each, re-exported here for the build, the CLI and the server.

A release is one build: ``build/releases/<id>/``. Its identifier is ``<UTC time>-<sha12>``, where
``sha12`` is the start of the SHA-256 of its ``graph.nq``; the full digest is in ``release.json``
and in the provenance, and anywhere a release is named (CLI, ``?release=``, dump URLs) the full
id, the full digest or a prefix of the digest of at least 12 characters is accepted.

Why the provenance is *not* in ``graph.nq``: ``graph.nq`` is the content, and its hash must be the
same for the same inputs; the provenance says when the build ran, so it differs every time. It
is therefore kept apart, in ``provenance.nq`` next to ``graph.nq`` and in the store's named graph
``{base}graph/release``, and the dumps carry both (docs/releases.md).

The validation run of a release is the validator's job: :mod:`graph.validate.release_check`.
"""

from __future__ import annotations

from graph.release.dumps import (
    DUMP_FORMATS,
    dump_bytes,
    dump_files,
    dump_name,
    dumps_at_build_max_quads,
    dumps_dir_of,
    keep_dumps,
    prune_dumps,
    release_quads,
    write_dump,
    write_release_dumps,
)
from graph.release.layout import (
    PROVENANCE_FILE,
    RELEASE_GRAPH,
    USER_GRAPH,
    VALIDATION_FILE,
    ReleaseError,
)
from graph.release.listing import (
    ReleaseInfo,
    find_release,
    keep_releases,
    list_releases,
    looks_like_release,
    release_dirs,
    resolve_release_dir,
)
from graph.release.provenance import (
    RELEASE_QUERIES,
    Provenance,
    class_counts,
    code_version,
    provenance_quads,
    sorted_nquads,
)
from graph.release.user_files import USER_FORMATS, UserFile, read_user_files

__all__ = [
    "DUMP_FORMATS",
    "PROVENANCE_FILE",
    "RELEASE_GRAPH",
    "RELEASE_QUERIES",
    "USER_FORMATS",
    "USER_GRAPH",
    "VALIDATION_FILE",
    "Provenance",
    "ReleaseError",
    "ReleaseInfo",
    "UserFile",
    "class_counts",
    "code_version",
    "dump_bytes",
    "dump_files",
    "dump_name",
    "dumps_at_build_max_quads",
    "dumps_dir_of",
    "find_release",
    "keep_dumps",
    "keep_releases",
    "list_releases",
    "looks_like_release",
    "provenance_quads",
    "prune_dumps",
    "read_user_files",
    "release_dirs",
    "release_quads",
    "resolve_release_dir",
    "sorted_nquads",
    "write_dump",
    "write_release_dumps",
]
