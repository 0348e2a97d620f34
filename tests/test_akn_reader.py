"""The Akoma Ntoso reader on real UN files: what a researcher reads in the markup is in the graph."""

from __future__ import annotations

import tarfile
from pathlib import Path

import pytest

from graph.akn.reader import AknError, read_akn
from graph.build import build
from graph.store import OxigraphStore

AKN = Path(__file__).parent / "data" / "akn"
BASE = "https://w3id.org/mandate-graph/id/"
RES_2722 = f"{BASE}resolution/un-s-res-2722"
TRIO = sorted(AKN.glob("S_RES_2722-*.xml"))
BROKEN = AKN / "A_RES_77_104-2228250S.xml"


def read(name: str):
    return read_akn((AKN / name).read_bytes(), file_name=name)[0]


def select(store: OxigraphStore, query: str) -> list[dict[str, str]]:
    solutions = store.query(query)  # mg: and dcterms: are predeclared
    return [{v.value: s[v].value for v in solutions.variables if s[v] is not None}
            for s in solutions]


def test_the_cover_gives_symbol_date_meeting_and_organ():
    doc = read("S_RES_2722-2400437E.xml")
    assert doc.symbol == "S/RES/2722 (2024)"
    assert doc.iri_path == "resolution/un-s-res-2722"
    assert str(doc.adoption_date) == "2024-01-10"
    assert doc.meeting == "9527th meeting"
    assert doc.organ == "un-sc"
    assert doc.language == "en"


def test_operative_paragraphs_keep_their_number_verb_and_act():
    doc = read("S_RES_2722-2400437E.xml")
    paragraphs = doc.operative
    assert [p.number for p in paragraphs] == [str(n) for n in range(1, 12)]
    assert paragraphs[0].verb == "Condemns"
    assert paragraphs[9].meaning.code == "request"
    assert paragraphs[10].meaning.code == "remain_seized"
    assert paragraphs[9].text.startswith("Requests the Secretary-General provide written")


def test_a_citation_of_a_paragraph_names_that_paragraph():
    doc = read("S_RES_2722-2400437E.xml")
    (citation,) = doc.operative[4].citations
    assert citation.symbol == "S/RES/2216 (2015)"
    assert citation.paragraph == "14"
    assert citation.linked


def test_preambular_verbs_type_the_citation_in_each_language():
    assert read("S_RES_2722-2400437F.xml").clauses[0].meaning.code == "reaffirms"
    assert read("S_RES_2722-2400437S.xml").clauses[0].meaning.code == "reaffirms"
    recalling = read("A_RES_78_285-2411033E.xml").clauses[0]
    assert recalling.meaning.code == "recalls"
    assert [c.symbol for c in recalling.citations] == ["A/RES/75/290 A", "A/RES/75/290 B"]


def test_a_placeholder_date_is_noted_not_stated():
    doc = read("S_RES_2722-2400437F.xml")
    assert doc.adoption_date is None
    assert any("placeholder" in note for note in doc.notes)


def test_sub_paragraphs_are_numbered_under_their_paragraph():
    numbers = [p.number for p in read("A_RES_78_285-2411033E.xml").operative]
    assert numbers[:4] == ["1", "1 (a)", "1 (b)", "1 (c)"]


def test_an_older_file_without_links_has_its_citations_read_from_the_text():
    doc = read("S_RES_1584_N0522640.xml")
    first = doc.clauses[0]
    assert "S/RES/1572 (2004)" in [c.symbol for c in first.citations]
    assert not any(c.linked for c in first.citations)


def test_a_malformed_file_is_refused_with_its_line():
    with pytest.raises(AknError) as raised:
        read_akn(BROKEN.read_bytes(), file_name=BROKEN.name)
    assert raised.value.line == 991
    assert "mismatched tag" in str(raised.value)


@pytest.fixture(scope="module")
def trio_build(tmp_path_factory):
    target = tmp_path_factory.mktemp("akn")
    report = build([*TRIO, BROKEN], build_dir=target, base=BASE)
    assert report.ok, report.errors
    return report, OxigraphStore(report.release / "store", read_only=True)


def test_three_language_versions_make_one_resolution_with_texts_in_each(trio_build):
    _, store = trio_build
    rows = select(store, f"""
        SELECT ?lang (COUNT(DISTINCT ?p) AS ?n) WHERE {{
          <{RES_2722}> mg:hasProvision ?p . ?p mg:provisionKind "paragraph" ; mg:text ?t .
          BIND(LANG(?t) AS ?lang) }} GROUP BY ?lang ORDER BY ?lang""")
    assert rows == [{"lang": "en", "n": "11"}, {"lang": "es", "n": "11"},
                    {"lang": "fr", "n": "11"}]
    dates = select(store, f"SELECT DISTINCT ?d WHERE {{ <{RES_2722}> mg:adoptionDate ?d }}")
    assert dates == [{"d": "2024-01-10"}]


def test_the_cited_paragraph_is_linked_and_the_cited_resolution_is_marked(trio_build):
    _, store = trio_build
    provision = f"{RES_2722}/paragraph/5"
    rows = select(store, f"SELECT ?c WHERE {{ <{provision}> mg:citesProvision ?c }}")
    assert rows == [{"c": f"{BASE}resolution/un-s-res-2216/paragraph/14"}]
    described = select(store, f"""SELECT ?d WHERE {{
        <{BASE}resolution/un-s-res-2216> mg:described ?d }}""")
    assert described == [{"d": "false"}]


def test_evidence_quotes_the_markup_at_its_offsets(trio_build):
    report, store = trio_build
    rows = select(store, f"""
        SELECT ?start ?end ?exact ?source WHERE {{
          ?ev mg:supports <{RES_2722}/paragraph/10> ; mg:assertedProperty mg:text ;
              <http://www.w3.org/ns/oa#hasSource> ?source ;
              <http://www.w3.org/ns/oa#hasSelector> ?pos, ?quote .
          ?pos <http://www.w3.org/ns/oa#start> ?start ; <http://www.w3.org/ns/oa#end> ?end .
          ?quote <http://www.w3.org/ns/oa#exact> ?exact }}""")
    assert len(rows) == 3  # one per language version
    for row in rows:
        stem = row["source"].rsplit("/", 1)[-1]
        text = (report.release / "sources" / f"{stem}.txt").read_bytes().decode("utf-8")
        assert text[int(row["start"]):int(row["end"])] == row["exact"]


def test_a_malformed_file_is_skipped_named_and_in_the_provenance(trio_build):
    report, store = trio_build
    assert len(report.skipped) == 1
    assert "A_RES_77_104-2228250S.xml" in report.skipped[0]
    assert "line 991" in report.skipped[0]
    rows = select(store, "SELECT ?s WHERE { GRAPH ?g { ?r mg:skipped ?s } }")
    assert len(rows) == 1 and "line 991" in rows[0]["s"]


def test_strict_makes_an_unreadable_file_fail_the_build(tmp_path):
    report = build([*TRIO, BROKEN], build_dir=tmp_path, base=BASE, strict=True)
    assert not report.ok
    assert any("line 991" in e and "--strict" in e for e in report.errors)
    assert not (tmp_path / "current").exists()


def test_a_version_in_a_language_the_graph_does_not_read_is_ignored_not_skipped(tmp_path):
    # the UN corpus files one Chinese version in a Spanish folder; the markup says which it is
    english = TRIO[0].read_text(encoding="utf-8")
    assert '<FRBRlanguage language="eng"' in english
    chinese = tmp_path / "S_RES_2722-2400437C.xml"
    chinese.write_text(english.replace('<FRBRlanguage language="eng"',
                                       '<FRBRlanguage language="zho"'), encoding="utf-8")
    report = build([TRIO[0], chinese], build_dir=tmp_path / "build", base=BASE, strict=True)
    assert report.ok, report.errors
    assert report.skipped == []
    assert report.ignored == [f"{chinese}: written in Chinese (FRBRlanguage 'zho'); the graph "
                              "reads English, French and Spanish"]


def test_an_archive_is_read_as_it_is_and_its_non_documents_are_named(tmp_path):
    archive = tmp_path / "sample.tar.gz"
    readme = tmp_path / "README.md"
    readme.write_text("# notes\n", encoding="utf-8")
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(TRIO[0], arcname="sc/2024/English/" + TRIO[0].name)
        tar.add(readme, arcname="sc/README.md")
    report = build([archive], build_dir=tmp_path / "build", base=BASE)
    assert report.ok, report.errors
    assert report.documents == ["english-s-res-2722-2400437e"]
    assert report.ignored == [f"{archive}!/sc/README.md: not a document of a supported type"]
    store = OxigraphStore(report.release / "store", read_only=True)
    assert bool(store.query(f"ASK {{ <{RES_2722}> a mg:Resolution }}"))
    del store


def test_votes_file_sample_is_not_required_for_a_resolution(trio_build):
    _, store = trio_build
    assert len(store) > 0


def test_eval_akn_prints_the_markup_agreement_per_split(tmp_path):
    from click.testing import CliRunner

    from graph.cli import main

    result = CliRunner().invoke(main, ["eval", "--akn", *map(str, TRIO), str(BROKEN)])
    assert result.exit_code == 0, result.output
    assert "AKN markup, tuning split" in result.output
    assert "AKN markup, held-out split" in result.output
    assert "A_RES_77_104-2228250S.xml" in result.output  # the skipped file is named
    table = result.output.split("AKN markup, all files")[1]
    symbols = next(line for line in table.splitlines() if line.startswith("symbols"))
    assert symbols.split()[1:3] == ["3", "3"] and symbols.endswith("1.000")


def test_build_strict_exits_2_and_names_the_file(tmp_path):
    from click.testing import CliRunner

    from graph.cli import main

    runner = CliRunner()
    ok = runner.invoke(main, ["build", "--build-dir", str(tmp_path), *map(str, TRIO)])
    assert ok.exit_code == 0, ok.output
    current = (tmp_path / "current").resolve()
    again = runner.invoke(main, ["build", "--build-dir", str(tmp_path), *map(str, TRIO)])
    assert "nothing changed" in again.output and (tmp_path / "current").resolve() == current
    strict = runner.invoke(main, ["build", "--strict", "--build-dir", str(tmp_path),
                                  *map(str, TRIO), str(BROKEN)])
    assert strict.exit_code == 2
    assert "line 991" in strict.output
    assert (tmp_path / "current").resolve() == current


def test_a_linked_document_the_symbol_grammar_does_not_name_is_still_cited():
    """The markup links a committee's document (S/AC.51/2020/6) or another organ's resolution
    (A/HRC/RES/45/1): the link says it is a UN document, so the clause cites it, as a document
    (never as a Council or Assembly resolution)."""
    raw = (AKN / "S_RES_2722-2400437E.xml").read_bytes()
    raw = raw.replace(b"undocs.org/en/S/2023/833", b"undocs.org/en/S/AC.51/2020/6", 1)
    raw = raw.replace(b"undocs.org/en/S/RES/2624(2022)", b"undocs.org/en/A/HRC/RES/45/1", 1)
    doc, _ = read_akn(raw, file_name="S_RES_2722-2400437E.xml")
    cited = {c.symbol: (c.iri_path, c.is_resolution) for c in doc.clauses for c in c.citations}
    assert cited["S/AC.51/2020/6"] == ("document/un-s-ac-51-2020-6", False)
    assert cited["A/HRC/RES/45/1"] == ("document/un-a-hrc-res-45-1", False)
    assert cited["S/RES/2216 (2015)"] == ("resolution/un-s-res-2216", True)


def test_a_link_in_lower_case_or_url_encoded_cites_the_symbol_it_names():
    raw = (AKN / "S_RES_2722-2400437E.xml").read_bytes()
    raw = raw.replace(b"undocs.org/en/S/RES/2624(2022)", b"undocs.org/en/s/RES/2624(2022)", 1)
    raw = raw.replace(b"undocs.org/en/S/RES/2216(2015)", b"undocs.org/en/S/RES/2216%282015%29", 1)
    raw = raw.replace(b"undocs.org/en/S/2023/833", b"undocs.org/en/A/RES/217(iii)", 1)
    doc, _ = read_akn(raw, file_name="S_RES_2722-2400437E.xml")
    cited = {c.iri_path: c.is_resolution for c in doc.clauses for c in c.citations}
    assert cited["resolution/un-s-res-2624"] is True
    assert cited["resolution/un-s-res-2216"] is True
    assert cited["resolution/un-a-res-217-iii"] is True
