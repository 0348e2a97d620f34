"""`mandate-graph dump`, `diff` and `releases`: the commands over the releases a build keeps."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from graph.cli_common import (
    InputError,
    build_dir_option,
    format_option,
    output_option,
    write_output,
)


@click.command()
@format_option(
    "nquads", "trig", "turtle", "jsonld",
    help="turtle holds the merged default graph (it has no named graphs); the others keep them.",
)
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="The gzipped dump to write (FILE.gz); FILE.gz.sha256 is written next to it.")
@click.option("--release", "release_ref", default="current", show_default=True,
              help="Release id, SHA-256 (or its first 12+ characters), folder, or current.")
@build_dir_option()
def dump(fmt: str, out: Path, release_ref: str, build_dir: Path) -> None:
    """Write a release (content and provenance) as one gzipped file, with its SHA-256."""
    from graph.release import ReleaseError, resolve_release_dir, write_dump

    try:
        release = resolve_release_dir(build_dir, release_ref)
        digest = write_dump(release, fmt, out)
    except ReleaseError as err:
        raise InputError(str(err)) from err
    except OSError as err:
        raise InputError(f"{out}: cannot write the dump: {err}") from err
    click.echo(f"{digest}  {out}")


@click.command()
@click.argument("old")
@click.argument("new", default="current")
@format_option("text", "json")
@output_option("Also write the diff to FILE.")
@build_dir_option()
def diff(old: str, new: str, fmt: str, output: Path | None, build_dir: Path) -> None:
    """What changed from release OLD to NEW (ids, digests, folders, or current)."""
    from graph.diff import diff_releases, format_text
    from graph.release import ReleaseError, resolve_release_dir

    try:
        changes = diff_releases(
            resolve_release_dir(build_dir, old), resolve_release_dir(build_dir, new)
        )
    except ReleaseError as err:
        raise InputError(str(err)) from err
    text = (
        json.dumps(changes.to_json(), indent=2) + "\n" if fmt == "json" else format_text(changes)
    )
    if output is not None:
        write_output(output, text, "diff")
    click.echo(text, nl=False)


@click.command()
@build_dir_option()
@format_option("text", "json")
def releases(build_dir: Path, fmt: str) -> None:
    """The releases of a build: kept ones and those of which only the dumps are left."""
    from graph.release import dump_files, dumps_dir_of, find_release, list_releases

    current = find_release(build_dir, "current")
    dumps = dumps_dir_of(build_dir)
    rows: list[dict[str, Any]] = []
    for info in list_releases(build_dir, dumps):
        rows.append({
            "id": info.id, "sha256": info.sha256,
            "current": bool(current and current.id == info.id), "kept": info.kept,
            "issued": info.meta.get("issued"), "quads": info.meta.get("quads"),
            "validation": info.meta.get("validation"),
            "dumps": {fmt_: str(path) for fmt_, (path, _) in dump_files(dumps, info.id).items()},
        })
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        click.echo(f"no releases in {build_dir}: build one with `mandate-graph build`")
    for row in rows:
        state = "current" if row["current"] else ("kept" if row["kept"] else "dumps only")
        click.echo(f"{row['id']}  {state:10}  {row['quads'] or '?':>7} quads  "
                   f"{len(row['dumps'])} dumps")
