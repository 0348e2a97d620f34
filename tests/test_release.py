"""Releases: the id, the provenance graph beside (not inside) the hashed content, the listing.

``two_releases`` (also used by test_diff and test_release_server) builds the corpus without
one document, then the full corpus, into one build directory: two kept releases.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph.build import build, current_release, text_sources
from graph.cli import main
from graph.namespaces import DCTERMS, DQV, MG, PROV, VOID
from graph.release import PROVENANCE_FILE, find_release
from tests.conftest import BASE

#: the document left out of the first release (4 mandates of its own)
LATE_DOCUMENT = "apmbc-victim-assistance-2012"
RELEASE_GRAPH = f"{BASE}graph/release"


@pytest.fixture(scope="session")
def two_releases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(build dir, first release without LATE_DOCUMENT, second release with it)."""
    target = tmp_path_factory.mktemp("releases")
    early = [p for p in text_sources() if p.stem != LATE_DOCUMENT]
    first = build(early, build_dir=target, base=BASE)
    second = build(text_sources(), build_dir=target, base=BASE)
    assert first.ok and second.ok, (first.errors, second.errors)
    assert first.release and second.release
    return target, first.release, second.release


def _values(store: ox.Store, sparql: str, var: str) -> list[str]:
    return sorted(row[var].value for row in store.query(sparql))  # type: ignore[union-attr]


def test_release_id_is_time_and_hash_of_the_content(two_releases: tuple[Path, Path, Path]) -> None:
    _, _, second = two_releases
    meta = json.loads((second / "release.json").read_text(encoding="utf-8"))
    digest = hashlib.sha256((second / "graph.nq").read_bytes()).hexdigest()
    assert meta["sha256"] == digest
    assert meta["id"] == second.name and second.name.endswith("-" + digest[:12])


def test_provenance_is_not_in_the_hashed_content(
    two_releases: tuple[Path, Path, Path], build_dir: Path
) -> None:
    """Same inputs, different build times: graph.nq identical, provenance different."""
    _, _, second = two_releases
    session = current_release(build_dir)
    assert session is not None
    assert (second / "graph.nq").read_bytes() == (session / "graph.nq").read_bytes()
    assert RELEASE_GRAPH.encode() not in (second / "graph.nq").read_bytes()
    assert (second / PROVENANCE_FILE).read_bytes() != (session / PROVENANCE_FILE).read_bytes()


def test_provenance_graph_says_when_what_and_from_which_sources(
    two_releases: tuple[Path, Path, Path],
) -> None:
    _, first, second = two_releases
    store = ox.Store.read_only(str(second / "store"))
    release = f"<{BASE}release/{second.name}>"
    in_graph = f"GRAPH <{RELEASE_GRAPH}>"
    assert _values(store, f"SELECT ?id WHERE {{ {in_graph} {{ {release} <{DCTERMS}identifier> ?id }} }}", "id") == [second.name]
    assert store.query(f"ASK {{ {in_graph} {{ {release} <{PROV}generatedAtTime> ?t ; <{DCTERMS}issued> ?t ; a <http://www.w3.org/ns/dcat#Dataset> }} }}")
    assert _values(store, f"SELECT ?p WHERE {{ {in_graph} {{ {release} <{PROV}wasRevisionOf> ?p }} }}", "p") == [f"{BASE}release/{first.name}"]
    # the code: project version and a commit (or "unknown")
    versions = _values(store, f"SELECT ?v WHERE {{ {in_graph} {{ {release} <{PROV}wasGeneratedBy>/<{PROV}wasAssociatedWith> ?a . ?a <https://schema.org/softwareVersion> ?v ; <{DCTERMS}identifier> ?c }} }}", "v")
    assert len(versions) == 1 and versions[0]
    # every source document, with the SHA-256 of its file
    hashes = dict(
        (row["s"].value, row["h"].value)  # type: ignore[union-attr]
        for row in store.query(f"SELECT ?s ?h WHERE {{ {in_graph} {{ {release} <{PROV}wasDerivedFrom> ?s . ?s <{MG}sha256> ?h }} }}")  # type: ignore[union-attr]
    )
    assert hashes == {
        f"{BASE}source/{p.stem}": hashlib.sha256(p.read_bytes()).hexdigest() for p in text_sources()
    }
    # counts: triples, mandates, activities; SHACL results per severity as in validation.json
    mandates = _values(store, f"SELECT ?n WHERE {{ {in_graph} {{ {release} <{VOID}classPartition> ?c . ?c <{VOID}class> <{MG}Mandate> ; <{VOID}entities> ?n }} }}", "n")
    assert mandates == [str(len(list(store.query(f"SELECT DISTINCT ?m WHERE {{ GRAPH ?g {{ ?m a <{MG}Mandate> }} }}"))))]  # type: ignore[arg-type]
    assert store.query(f"ASK {{ {in_graph} {{ {release} <{VOID}triples> ?n ; <{VOID}classPartition>/<{VOID}class> <{MG}Activity> }} }}")
    counts = json.loads((second / "validation.json").read_text(encoding="utf-8"))["counts"]
    measured = {
        row["s"].value.rsplit("/", 1)[-1]: int(row["n"].value)  # type: ignore[union-attr]
        for row in store.query(f"SELECT ?s ?n WHERE {{ {in_graph} {{ {release} <{DQV}hasQualityMeasurement> ?s . ?s <{DQV}value> ?n }} }}")  # type: ignore[union-attr]
    }
    assert measured == counts and set(counts) == {"violation", "warning", "info"}


def test_provenance_is_queryable_without_graph_too(two_releases: tuple[Path, Path, Path]) -> None:
    _, _, second = two_releases
    store = ox.Store.read_only(str(second / "store"))
    assert store.query(f"ASK {{ <{BASE}release/{second.name}> <{PROV}generatedAtTime> ?t }}")


def test_a_release_is_found_by_id_digest_prefix_or_current(
    two_releases: tuple[Path, Path, Path],
) -> None:
    build_dir, first, second = two_releases
    digest = json.loads((first / "release.json").read_text(encoding="utf-8"))["sha256"]
    assert find_release(build_dir, first.name).path == first  # type: ignore[union-attr]
    assert find_release(build_dir, digest[:16]).path == first  # type: ignore[union-attr]
    assert find_release(build_dir, "current").id == second.name  # type: ignore[union-attr]
    assert find_release(build_dir, "19990101T000000-000000000000") is None


def test_releases_command_lists_both_with_their_dumps(two_releases: tuple[Path, Path, Path]) -> None:
    build_dir, first, second = two_releases
    result = CliRunner().invoke(main, ["releases", "--build-dir", str(build_dir), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["id"] for r in rows] == [second.name, first.name]
    assert rows[0]["current"] and not rows[1]["current"]
    assert set(rows[0]["dumps"]) == {"nquads", "trig", "turtle", "jsonld"}
