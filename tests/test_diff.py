"""`mandate-graph diff`: the document added between two releases shows as its mandates and links."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
from click.testing import CliRunner

from graph.cli import main
from graph.diff import diff_releases
from graph.namespaces import MG
from tests.test_release import LATE_DOCUMENT, two_releases  # noqa: F401 - the fixture

MANDATE = MG + "Mandate"


def _late_mandates(release: Path) -> list[str]:
    store = ox.Store.read_only(str(release / "store"))
    graph = f"https://w3id.org/mandate-graph/id/graph/source/{LATE_DOCUMENT}"
    rows = store.query(f"SELECT DISTINCT ?m WHERE {{ GRAPH <{graph}> {{ ?m a <{MANDATE}> }} }}")
    return sorted(row["m"].value for row in rows)  # type: ignore[union-attr]


def test_diff_names_the_new_mandates_and_links(two_releases: tuple[Path, Path, Path]) -> None:  # noqa: F811
    _, first, second = two_releases
    changes = diff_releases(first, second)
    expected = _late_mandates(second)
    assert expected and changes.mandates_added == expected
    assert changes.mandates_removed == []
    assert changes.triples_added > 0 and changes.triples_removed == 0
    linked = {s for pairs in changes.links.values() for s, o in pairs[0]} | {
        o for pairs in changes.links.values() for s, o in pairs[0]
    }
    assert set(expected) <= linked  # each new mandate is linked (to its provision at least)
    assert changes.properties[MG + "establishes"][0] >= len(expected)
    assert changes.shacl_appeared is not None and changes.shacl_gone is not None


def test_diff_command_text_and_json(two_releases: tuple[Path, Path, Path], tmp_path: Path) -> None:  # noqa: F811
    build_dir, first, second = two_releases
    runner = CliRunner()
    text = runner.invoke(main, ["diff", first.name, "current", "--build-dir", str(build_dir)])
    assert text.exit_code == 0, text.output
    assert "mandates added (4)" in text.output and "mg:Mandate" in text.output
    out = tmp_path / "diff.json"
    as_json = runner.invoke(
        main, ["diff", str(first), second.name, "--format", "json", "--output", str(out),
               "--build-dir", str(build_dir)],
    )
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data == json.loads(as_json.output)
    assert data["old"] == first.name and data["new"] == second.name
    assert data["mandates"]["added"] == _late_mandates(second)
    assert data["classes"][MANDATE] == {"added": data["mandates"]["added"], "removed": []}


def test_a_release_against_itself_has_no_changes(two_releases: tuple[Path, Path, Path]) -> None:  # noqa: F811
    _, _, second = two_releases
    changes = diff_releases(second, second)
    assert (changes.triples_added, changes.triples_removed, changes.links) == (0, 0, {})
    assert changes.shacl_appeared == [] and changes.shacl_gone == []


def test_diff_of_an_unknown_release_is_an_input_error(two_releases: tuple[Path, Path, Path]) -> None:  # noqa: F811
    build_dir, _, _ = two_releases
    result = CliRunner().invoke(main, ["diff", "nope", "--build-dir", str(build_dir)])
    assert result.exit_code == 2 and "no such release" in result.output
