"""The plain-text reader: an AKN file rendered as its PDF reads, read back, agrees with the
markup; an OAS resolution in its own layout is read; other texts are left to the extractor."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.akn.reader import read_akn
from graph.evaluate_akn import read_markup
from graph.namespaces import MG, OA
from graph.plaintext import extract_resolution_text
from graph.plaintext.evaluate import verbs_agree
from graph.plaintext.render import render_akn
from graph.plaintext.resolution import read_resolution_text
from graph.sources import SourceDocument, read_source

DATA = Path(__file__).parent / "data"
AKN = DATA / "akn"
PLAIN = DATA / "plaintext"
CORPUS = Path(__file__).parent.parent / "graph" / "corpus"
BASE = "https://w3id.org/mandate-graph/id/"
#: SC and GA files in English, French and Spanish, with and without citation links, all of
#: the tuning split (graph.evaluate_akn.is_heldout)
ROUND_TRIPS = [AKN / "S_RES_2722-2400437E.xml", AKN / "S_RES_2722-2400437S.xml",
               AKN / "A_RES_78_285-2411033E.xml", AKN / "S_RES_2625 (2022)-2203832E.xml",
               AKN / "S_RES_1584_N0522640.xml", PLAIN / "A_RES_78_285-2411033F.xml",
               PLAIN / "A_RES_78_117-2324913S.xml"]


def rendered(path: Path) -> str:
    return render_akn(path.read_text(encoding="utf-8"), file_name=path.name)


def both(path: Path):  # type: ignore[no-untyped-def]
    markup, _ = read_akn(path.read_bytes(), file_name=path.name)
    text = rendered(path)
    doc = read_resolution_text(text, file_name=path.name)
    assert doc is not None, f"{path.name}: the rendering is not read as a resolution"
    return markup, doc, text


@pytest.mark.parametrize("path", ROUND_TRIPS, ids=lambda p: p.name)
def test_a_rendering_reads_back_as_its_markup(path: Path) -> None:
    markup, doc, _ = both(path)
    assert (doc.symbol, doc.iri_path, doc.language, doc.organ) == (
        markup.symbol, markup.iri_path, markup.language, markup.organ)
    if markup.adoption_date and markup.date_span:  # a date the cover prints
        assert doc.adoption_date == markup.adoption_date
    gold = read_markup(read_source(path))
    assert gold is not None
    assert [c.number for c in doc.operative] == gold.numbers
    verbs = {c.number: c.verb for c in doc.operative if len(c.path) == 1}
    assert all(verbs_agree(verb, verbs[number]) for number, verb in gold.verbs)
    codes = [(c.number, c.meaning and c.meaning.code) for c in doc.operative if len(c.path) == 1]
    assert codes == [(c.number, c.meaning and c.meaning.code)
                     for c in markup.operative if len(c.path) == 1]
    cited = {c.iri_path for c in doc.clauses for c in c.citations}
    for linked in {c.iri_path for c in markup.clauses for c in c.citations if c.is_resolution}:
        # the French 78/285 links "75/290" where it prints "75/290 A": the text is more exact
        assert linked in cited or any(c.startswith(f"{linked}-") for c in cited), linked


@pytest.mark.parametrize("path", ROUND_TRIPS[:3], ids=lambda p: p.name)
def test_every_span_is_an_exact_quote_of_the_text(path: Path) -> None:
    _, doc, text = both(path)
    assert text[slice(*doc.symbol_span)] == doc.symbol
    for clause in doc.clauses:
        quote = text[slice(*clause.span)]
        # the quote is the clause as printed: the same words, with its line breaks,
        # hyphens and page furniture in between
        assert quote.split()[0] == clause.text.split()[0]
        assert quote.rstrip()[-1] == clause.text[-1]
        if clause.verb_span:
            assert " ".join(text[slice(*clause.verb_span)].split()) == clause.verb
        for citation in clause.citations:
            assert re.search(r"\d", text[slice(*citation.span)])


def test_the_cover_gives_date_meeting_and_organ_in_each_language() -> None:
    english = both(AKN / "S_RES_2722-2400437E.xml")[1]
    assert (str(english.adoption_date), english.meeting) == ("2024-01-10", "9527th meeting")
    spanish = both(AKN / "S_RES_2722-2400437S.xml")[1]
    assert (str(spanish.adoption_date), spanish.organ) == ("2024-01-10", "un-sc")
    assembly = both(PLAIN / "A_RES_78_117-2324913S.xml")[1]
    assert (str(assembly.adoption_date), assembly.organ, assembly.session) == (
        "2023-12-07", "un-ga", 78)
    # the French version's cover has no adoption line: no date is made up
    assert both(AKN / "S_RES_2722-2400437F.xml")[1].adoption_date is None


def test_wrapped_lines_hyphens_and_page_furniture_are_not_the_text() -> None:
    _, doc, text = both(AKN / "S_RES_2722-2400437E.xml")
    assert "24-00437" in text and "2/" in text  # the rendering has its page furniture
    paragraph_2 = next(c for c in doc.operative if c.number == "2")
    assert "24-00437" not in paragraph_2.text and "S/RES/2722" not in paragraph_2.text
    assert paragraph_2.text.endswith("release the Galaxy Leader and its crew;")
    words = {w for c in doc.clauses for w in c.text.split()}
    assert not any(w.endswith("-") and w[:-1].isalpha() for w in words)


def test_an_odd_rendering_without_indentation_and_with_crlf_still_reads() -> None:
    text = rendered(AKN / "A_RES_78_285-2411033E.xml")
    flat = "\r\n".join(line.strip() for line in text.splitlines())
    doc = read_resolution_text(flat)
    assert doc is not None
    assert [c.number for c in doc.operative][:4] == ["1", "1 (a)", "1 (b)", "1 (c)"]
    assert flat[slice(*doc.operative[0].span)].startswith("Decides that")


def test_a_truncated_or_garbled_text_is_not_a_resolution() -> None:
    text = rendered(AKN / "S_RES_2722-2400437E.xml")
    cover_only = text[: text.index("The Security Council")]
    assert read_resolution_text(cover_only) is None
    assert read_resolution_text("") is None
    assert read_resolution_text("S/RES/2722 (2024)\n\x00\x01 ;;; 1. 2. 3.\n") is None


def test_an_oas_resolution_in_its_own_layout() -> None:
    text = (PLAIN / "oas-cp-res-support-example.txt").read_text(encoding="utf-8")
    doc = read_resolution_text(text)
    assert doc is not None
    assert (doc.iri_path, doc.organ, doc.language) == ("resolution/oas-cp-res-1061", "oas-pc", "en")
    assert str(doc.adoption_date) == "2016-07-13"
    assert text[slice(*doc.date_span)] == "July 13, 2016"
    assert doc.title is not None and doc.title.startswith("SUPPORT FOR THE CONTINUATION")
    acts = [(c.number, c.meaning and c.meaning.code) for c in doc.operative]
    assert acts == [("1", "request"), ("2", "request"), ("3", "urge"), ("4", "welcome")]
    preamble = [c.text.split()[0] for c in doc.clauses if c.part == "preamble"]
    assert preamble == ["HAVING", "CONSIDERING:", "That", "That"]
    cited = {c.iri_path for c in doc.clauses for c in c.citations}
    assert "resolution/oas-ag-res-2880" in cited


def test_a_bare_general_assembly_over_an_ag_res_symbol_is_the_oas_assembly() -> None:
    text = ("AG/RES. 2999 (LX-O/30)\n\nSTRENGTHENING THE EXAMPLE PROGRAMME\n\n(Adopted at the "
            "fourth plenary session, held on June 25, 2030)\n\nTHE GENERAL ASSEMBLY,\n\n"
            "HAVING SEEN the annual report of the Permanent Council;\n\nRESOLVES:\n\n"
            "1. To request the Secretary General to report to the General Assembly at its "
            "sixty-first regular session on the implementation of this resolution.\n")
    doc = read_resolution_text(text)
    assert doc is not None and doc.organ == "oas-ga"
    from graph.grammar import read_mandate

    (paragraph,) = doc.operative
    reading = read_mandate(paragraph.text, "en", adopted=doc.adoption_date,
                           issuer=f"organ/{doc.organ}")
    assert [a.iri for a in reading.addressees] == ["organ/oas-sg"]
    assert [r.iri for r in reading.report_to] == ["organ/oas-ga"]


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name)
def test_the_corpus_work_plans_and_reports_are_not_captured(path: Path) -> None:
    assert read_resolution_text(path.read_text(encoding="utf-8")) is None


def test_a_text_citing_a_resolution_is_not_one() -> None:
    note = ("Report of the Secretary-General\n\nS/2024/100\n\nThe Security Council, in its "
            "resolution 2722 (2024),\nasked for monthly reports.\n1. Introduction\n")
    assert read_resolution_text(note) is None


def test_the_build_hook_states_a_printed_resolution_as_its_markup(tmp_path: Path) -> None:
    path = tmp_path / "s-res-2722.txt"
    path.write_text(rendered(AKN / "S_RES_2722-2400437E.xml"), encoding="utf-8")
    result = extract_resolution_text(read_source(path), BASE)
    assert result is not None and result.describes == "resolution/un-s-res-2722"
    store = ox.Store()
    store.load(result.nquads, format=ox.RdfFormat.N_QUADS)
    mg = MG
    acts = {str(q.object.value) for q in store.quads_for_pattern(
        None, ox.NamedNode(f"{mg}act"), None)}
    assert f"{mg}act-request" in acts and f"{mg}act-remain-seized" in acts
    text = path.read_text(encoding="utf-8")
    quotes = [q.object.value for q in store.quads_for_pattern(
        None, ox.NamedNode(f"{OA}exact"), None)]
    assert quotes and all(q in text for q in quotes)
    other = SourceDocument(tmp_path / "note.txt", "note", "A note.\n", "0" * 64)
    assert extract_resolution_text(other, BASE) is None


def test_a_report_whose_cover_names_its_own_symbol_is_not_captured() -> None:
    report = ("United Nations                                   S/2024/100\n"
              "Security Council                                 Distr.: General\n"
              "Letter concerning S/RES/2722 (2024)\n"
              "Adopted by the Security Council at its 9527th meeting, on 10 January 2024\n"
              "The Security Council,\n      1.  Requests the Secretary-General to report;\n")
    assert read_resolution_text(report) is None
    assert read_resolution_text(report.replace("S/2024/100", "")) is not None


def test_a_web_page_saved_as_text_one_line_a_clause() -> None:
    markup, _ = read_akn((AKN / "S_RES_2722-2400437E.xml").read_bytes(),
                         file_name="S_RES_2722-2400437E.xml")
    lines = ["Resolution 2722 (2024)", "S/RES/2722 (2024)",
             "Adopted by the Security Council at its 9527th meeting, on 10 January 2024", "",
             "The Security Council,"]
    for clause in markup.clauses:
        lines.append(clause.text if clause.part == "preamble" else f"{clause.number}. {clause.text}")
    doc = read_resolution_text("\n".join(lines) + "\n")
    assert doc is not None
    assert [c.number for c in doc.operative] == [c.number for c in markup.operative]
    assert len([c for c in doc.clauses if c.part == "preamble"]) == len(
        [c for c in markup.clauses if c.part == "preamble"])
    assert str(doc.adoption_date) == "2024-01-10"
