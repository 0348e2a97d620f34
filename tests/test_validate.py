"""`mandate-graph validate`: what a user sees — exit codes, formats, labels, files and lines."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from graph.cli import main

EXAMPLES = Path(__file__).parent / "data" / "shapes"
VALID = EXAMPLES / "valid" / "complete-mandate-chain.ttl"
SYMBOL = EXAMPLES / "invalid" / "resolution-symbol.ttl"
WARNING = EXAMPLES / "invalid" / "mandate-organ-missing.ttl"
INFO = EXAMPLES / "invalid" / "budget-inconsistent.ttl"


def run(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", *map(str, args)])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_valid_file_exits_0() -> None:
    code, output = run(VALID, "--texts", VALID.parent)
    assert code == 0, output
    assert "0 violation(s)" in output


def test_violation_exits_1_and_names_shape_label_file_and_line() -> None:
    code, output = run(SYMBOL, "--texts", SYMBOL.parent)
    assert code == 1
    assert "resolution-symbol" in output
    assert "mg:symbol" in output
    # the resolution is named by its label, and located where it is written
    assert "AG/RES. 9999 (LX-O/30)" in output
    line = _line_of(SYMBOL, "mgr:resolution\\/example-res-9999 a mg:Resolution")
    assert f"{SYMBOL}:{line}" in output


def test_fail_on_sets_the_threshold() -> None:
    assert run(WARNING)[0] == 0
    assert run(WARNING, "--fail-on", "warning")[0] == 1
    assert run(INFO, "--fail-on", "warning")[0] == 0
    assert run(INFO, "--fail-on", "info")[0] == 1


def test_messages_in_french() -> None:
    _, output = run(SYMBOL, "--lang", "fr")
    assert "Une résolution doit avoir sa cote" in output


def test_malformed_turtle_exits_2_naming_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e "open .\n')
    code, output = run(bad)
    assert code == 2
    assert f"{bad}:3" in output


def test_missing_file_and_unknown_type_exit_2(tmp_path: Path) -> None:
    assert run(tmp_path / "nothing.ttl")[0] == 2
    other = tmp_path / "data.csv"
    other.write_text("a,b\n")
    code, output = run(other)
    assert code == 2 and "unsupported RDF file type" in output


def test_bad_shapes_folder_exits_2(tmp_path: Path) -> None:
    (tmp_path / "broken.ttl").write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\nsh:x sh:y\n")
    code, output = run(VALID, "--shapes", tmp_path)
    assert code == 2 and "broken.ttl:" in output


def test_no_build_exits_2(tmp_path: Path) -> None:
    code, output = run("--build-dir", tmp_path)
    assert code == 2 and "mandate-graph build" in output


def test_json_format(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    code, _ = run(SYMBOL, "--format", "json", "--output", out)
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert code == 1 and payload["conforms"] is False
    result = next(r for r in payload["results"] if r["shape"].endswith("#resolution-symbol"))
    assert result["severity"] == "violation"
    assert result["file"] == str(SYMBOL) and isinstance(result["line"], int)
    assert {"en", "fr"} <= set(result["messages"])


def test_junit_has_one_testcase_per_shape_with_failures_listing_focus_nodes() -> None:
    _, output = run(SYMBOL, "--format", "junit")
    suite = ET.fromstring(output).find("testsuite")
    assert suite is not None
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert "resolution-symbol" in cases and "mandate-provision" in cases
    failure = cases["resolution-symbol"].find("failure")
    assert failure is not None and "example-res-9999" in (failure.text or "")
    assert cases["mandate-provision"].find("failure") is None
    assert suite.get("failures") == "1"


def test_github_annotations_carry_file_and_line() -> None:
    _, output = run(SYMBOL, "--format", "github")
    line = _line_of(SYMBOL, "mgr:resolution\\/example-res-9999 a mg:Resolution")
    assert f"::error file={SYMBOL},line={line},title=resolution-symbol::" in output
    _, output = run(WARNING, "--format", "github")
    line = _line_of(WARNING, "mg:establishedBy")  # the mandate's first line after its subject
    assert "::warning file=" in output and "title=mandate-organ-missing::" in output


def test_turtle_format_is_a_shacl_report() -> None:
    from rdflib import Graph
    from rdflib.namespace import SH

    _, output = run(SYMBOL, "--format", "turtle")
    graph = Graph().parse(data=output, format="turtle")
    shapes = {str(s) for s in graph.objects(None, SH.sourceShape)}
    assert any(s.endswith("#resolution-symbol") for s in shapes)


def test_line_points_at_the_offending_triple(tmp_path: Path) -> None:
    code, output = run(EXAMPLES / "invalid" / "budget-currency.ttl", "--format", "json")
    result = next(
        r for r in json.loads(output)["results"] if r["shape"].endswith("#budget-currency")
    )
    assert result["line"] == _line_of(
        EXAMPLES / "invalid" / "budget-currency.ttl", "schema:currency"
    )


def test_quote_differing_from_text_is_a_violation_and_missing_texts_a_note(tmp_path: Path) -> None:
    example = EXAMPLES / "invalid" / "evidence-quote-text.ttl"
    code, output = run(example, "--texts", example.parent)
    assert code == 1 and "evidence-quote-text" in output
    code, output = run(example)
    assert code == 0 and "--texts" in output


def test_built_graph_is_validated_by_default(build_dir: Path) -> None:
    _, output = run("--build-dir", build_dir, "--format", "json")
    payload = json.loads(output)
    assert payload["counts"]["warning"] > 0  # the corpus is incomplete, and says so
    assert not any("not checked" in note for note in payload["notes"])


def test_built_corpus_has_no_violation(build_dir: Path) -> None:
    code, output = run("--build-dir", build_dir)
    assert code == 0, output


def test_reason_reports_inconsistency(tmp_path: Path) -> None:
    if shutil.which("java") is None:
        pytest.skip("HermiT needs Java")
    clash = tmp_path / "clash.ttl"
    clash.write_text(
        "@prefix mg: <https://w3id.org/mandate-graph/ontology#> .\n"
        "<https://w3id.org/mandate-graph/id/x> a mg:Provision , mg:Mandate .\n"
    )
    result = CliRunner().invoke(main, ["validate", str(clash), "--reason"])
    assert result.exit_code == 1
    assert "inconsistent" in result.output and "disjoint" in result.output


def _line_of(path: Path, text: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def test_quotes_of_an_akn_build_are_checked_against_the_kept_xml(tmp_path: Path) -> None:
    from graph.build import build
    from tests.conftest import BASE

    akn = Path(__file__).parent / "data" / "akn" / "S_RES_2722-2400437E.xml"
    report = build([akn], build_dir=tmp_path, base=BASE, validate=False)
    assert report.ok, report.errors
    code, output = run("--build-dir", tmp_path, "--format", "json")
    payload = json.loads(output)
    assert code == 0 and payload["notes"] == []
    # the release keeps the XML as the text its offsets count in; alter one quoted word there
    kept = next((tmp_path / "current" / "sources").iterdir())
    text = kept.read_text(encoding="utf-8")
    kept.write_text(text.replace("Decides", "Dxcides", 1), encoding="utf-8")
    code, output = run("--build-dir", tmp_path, "--format", "json")
    assert code == 1
    assert any(r["shape"].endswith("evidence-quote-text") for r in json.loads(output)["results"])


def test_two_files_of_one_name_in_two_folders_are_each_checked_against_their_own_text(
    tmp_path: Path,
) -> None:
    """The UN's archives hold different files of one name in two folders (the 2014 and 2015
    copies of S_RES_2193_1467585E.xml differ by two keywords): each evidence is compared with
    the text of its own file, not with the first file of that name."""
    import io
    import tarfile

    from graph.build import build
    from tests.conftest import BASE

    akn = Path(__file__).parent / "data" / "akn" / "S_RES_2722-2400437E.xml"
    first = akn.read_bytes()
    # the second copy has more metadata before the body, so every later offset differs
    second = first.replace(b"<meta>", b"<meta>\n" + b"<!-- a longer header -->\n" * 8, 1)
    assert second != first
    archive = tmp_path / "two-folders.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for folder, raw in (("2023", first), ("2024", second)):
            info = tarfile.TarInfo(f"sc/{folder}/{akn.name}")
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
    build_dir = tmp_path / "build"
    report = build([archive], build_dir=build_dir, base=BASE, validate=False)
    assert report.ok, report.errors
    assert len(report.documents) == 2
    code, output = run("--build-dir", build_dir, "--format", "json")
    payload = json.loads(output)
    assert not [r for r in payload["results"] if r["shape"].endswith("evidence-quote-text")]
    assert code == 0, output
