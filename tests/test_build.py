"""The build: deterministic, atomic, and honest about files it cannot read."""

from __future__ import annotations

from pathlib import Path

from graph.build import build, current_release, text_sources
from graph.store import open_store
from tests.conftest import BASE


def test_corpus_ships_five_documents() -> None:
    assert len(text_sources()) == 5


def test_build_makes_a_current_release_with_a_store_and_a_dump(build_dir: Path) -> None:
    release = current_release(build_dir)
    assert release is not None
    assert (release / "store").is_dir()
    assert (release / "graph.nq").stat().st_size > 0
    assert sorted(p.name for p in (release / "sources").iterdir()) == sorted(
        p.name for p in text_sources()
    )


def test_same_inputs_give_identical_nquads(build_dir: Path, tmp_path: Path) -> None:
    again = build(text_sources(), build_dir=tmp_path, base=BASE)
    assert again.ok
    first = current_release(build_dir)
    assert first is not None and again.release is not None
    assert (first / "graph.nq").read_bytes() == (again.release / "graph.nq").read_bytes()


def test_source_texts_are_kept_byte_for_byte(build_dir: Path) -> None:
    release = current_release(build_dir)
    assert release is not None
    for source in text_sources():
        assert (release / "sources" / source.name).read_bytes() == source.read_bytes()


def test_each_document_has_its_own_named_graph(store_descriptor: str) -> None:
    store = open_store(store_descriptor)
    graphs = {g.value for g in store.named_graphs()}
    for source in text_sources():
        assert f"{BASE}graph/source/{source.stem}" in graphs
    assert f"{BASE}graph/reference" in graphs


def test_a_bad_file_fails_the_build_and_keeps_the_previous_release(tmp_path: Path) -> None:
    good = build(text_sources()[:1], build_dir=tmp_path, base=BASE)
    assert good.ok
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Résolution adoptée".encode("latin-1"))
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    report = build([*text_sources()[:1], bad, empty], build_dir=tmp_path, base=BASE)
    assert not report.ok
    assert any("latin1.txt" in e and "UTF-8" in e for e in report.errors)
    assert any("empty.txt" in e and "empty" in e for e in report.errors)
    assert current_release(tmp_path) == good.release
    assert not [p for p in (tmp_path / "releases").iterdir() if p.name.startswith(".tmp")]
    # the readable document still built, into a partial release that is not served
    assert report.release is not None and report.release.name.endswith("-partial")
    assert (report.release / "graph.nq").read_bytes() == (good.release / "graph.nq").read_bytes()


def test_parallel_extraction_gives_the_same_nquads(build_dir: Path, tmp_path: Path) -> None:
    parallel = build(text_sources(), build_dir=tmp_path, base=BASE, jobs=2)
    assert parallel.ok and parallel.release is not None
    first = current_release(build_dir)
    assert first is not None
    assert (first / "graph.nq").read_bytes() == (parallel.release / "graph.nq").read_bytes()


def test_a_rebuild_extracts_again_only_the_document_that_changed(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for source in text_sources():
        (docs / source.name).write_bytes(source.read_bytes())
    copies = sorted(docs.iterdir())
    first = build(copies, build_dir=tmp_path / "build", base=BASE)
    assert first.ok and first.cached == 0
    again = build(copies, build_dir=tmp_path / "build", base=BASE)
    assert again.ok and again.cached == len(copies)
    assert first.release is not None and again.release is not None
    assert (again.release / "graph.nq").read_bytes() == (first.release / "graph.nq").read_bytes()
    changed = copies[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nAnnexe.\n", encoding="utf-8")
    third = build(copies, build_dir=tmp_path / "build", base=BASE)
    assert third.ok and third.cached == len(copies) - 1
