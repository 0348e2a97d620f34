"""Archives of documents (``.zip``, ``.tar``, ``.tar.gz``, ``.tar.xz``, ``.tar.bz2``, ``.tgz``),
read as they are: the UN publishes its machine-readable resolutions as such archives, and a
corpus of thousands of files is easier to keep, hash and pass around as one.

Each member that is a document is returned with its bytes and a name of the form
``archive.tar.xz!/folder/file.xml`` (the name error messages and provenance use); a member that
is not one (an image, a README, a folder) is named in the list of skipped members, so nothing
vanishes silently.
"""

from __future__ import annotations

import tarfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2")
#: members with these names are notes about the archive, not documents of the corpus
_NOT_DOCUMENTS = ("readme", "license", "licence", "changelog", ".")


class ArchiveError(Exception):
    """The archive cannot be opened or read; the message names it and says why."""


@dataclass(frozen=True)
class Member:
    """One document inside an archive."""

    name: str  # "archive.tar.xz!/unxml-sc/2024/English/S_RES_2722-2400437E.xml"
    data: bytes


def is_archive(path: Path) -> bool:
    return path.name.lower().endswith(ARCHIVE_SUFFIXES)


def read_archive(
    path: Path, suffixes: set[str], max_bytes: int
) -> tuple[list[Member], list[str]]:
    """The members of ``path`` whose suffix is one of ``suffixes``, in name order, and one line
    per member left out (with the reason)."""
    members: list[Member] = []
    skipped: list[str] = []
    try:
        for name, size, read in _entries(path):
            label = f"{path}!/{name}"
            leaf = PurePosixPath(name).name.lower()
            if read is None:
                continue  # a folder
            if leaf.startswith(_NOT_DOCUMENTS) or PurePosixPath(leaf).suffix not in suffixes:
                skipped.append(f"{label}: not a document of a supported type")
                continue
            if size > max_bytes:
                skipped.append(f"{label}: {size:,} bytes is more than a document may have")
                continue
            members.append(Member(label, read()))
    except (OSError, EOFError, tarfile.TarError, zipfile.BadZipFile, ValueError) as err:
        raise ArchiveError(f"{path}: not a readable archive ({err}); check the file or "
                           "unpack it and give its files") from err
    members.sort(key=lambda m: m.name)
    return members, skipped


def _entries(path: Path) -> Iterator[tuple[str, int, Callable[[], bytes] | None]]:
    """(member name, size, a function returning its bytes or None for a folder)."""
    if path.name.lower().endswith(".zip"):
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.is_dir():
                    yield info.filename, 0, None
                else:
                    yield info.filename, info.file_size, (
                        lambda info=info: archive.read(info))
        return
    with tarfile.open(path, mode="r:*") as archive:
        for info in archive:
            if not info.isfile():
                yield info.name, 0, None
                continue
            handle = archive.extractfile(info)
            if handle is None:
                continue
            yield info.name, info.size, handle.read
