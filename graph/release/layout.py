"""How releases are named and laid out on disk: what every release step agrees on.

A release is one build: ``build/releases/<id>/``, its identifier ``<UTC time>-<sha12>`` (see
:mod:`graph.release`). Its directory holds ``graph.nq`` (the content), ``provenance.nq``,
``validation.json``, ``release.json`` and the store; the names are here so that the build, the
dumps, the diff and the server read the same files.
"""

from __future__ import annotations

import os
import re

#: name of the provenance graph, under the data base's ``graph/``
RELEASE_GRAPH = "release"
#: prefix of the researchers' own graphs, ``graph/user/<stem>`` (the default graph of each file
#: given with ``--add``; the graphs a file names keep their own IRIs)
USER_GRAPH = "user/"
PROVENANCE_FILE = "provenance.nq"
VALIDATION_FILE = "validation.json"

#: a release's id: ``<UTC time>-<first 12 hex of its digest>``
RELEASE_ID = re.compile(r"^\d{8}T\d{6}-[0-9a-f]{12}$")
#: a release named by its digest or a prefix of it (12 hex at least)
DIGEST_REF = re.compile(r"^[0-9a-f]{12,64}$")


class ReleaseError(Exception):
    """A release, a dump or a user file cannot be used; the message says which and why."""


def positive_env(name: str, default: int) -> int:
    """A count of releases or dumps to keep, from the environment; a clear error if not one."""
    raw = os.environ.get(name, "")
    try:
        value = int(raw) if raw.strip() else default
    except ValueError:
        raise ReleaseError(f"{name}={raw!r}: expected a whole number") from None
    if value < 1:
        raise ReleaseError(f"{name}={raw!r}: keep at least 1")
    return value
