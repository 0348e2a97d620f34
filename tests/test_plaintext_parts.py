"""The parts of the plain-text reader: line joining, sub-paragraph levels, citations, language."""

from __future__ import annotations

from pathlib import Path

from graph.akn.reader import read_akn
from graph.akn.to_rdf import akn_facts
from graph.plaintext.citations import find_citations
from graph.plaintext.layout import join_lines, mark_furniture, split_lines
from graph.plaintext.points import PointLevels
from graph.plaintext.render import render_akn
from graph.plaintext.resolution import _language, read_resolution_text

AKN = Path(__file__).parent / "data" / "akn"
BASE = "https://w3id.org/mandate-graph/id/"


def test_joined_lines_drop_the_hyphen_of_a_split_word_and_keep_that_of_a_compound() -> None:
    text = "Requests the Secretary-\nGeneral to report on the naviga-\ntion of  the\tvessels,\n"
    lines = split_lines(text)
    joined = join_lines(text, [line for line in lines if line.kind == "body"])
    assert joined.text == "Requests the Secretary-General to report on the navigation of the vessels,"
    start = joined.text.index("navigation")
    span = joined.span(start, start + len("navigation"))
    assert text[slice(*span)] == "naviga-\ntion"


def test_a_compound_keeps_its_hyphen_and_a_suspended_hyphen_its_space() -> None:
    text = ("The follow-up to the summit and the follow-\nup of its outcome, science-\n"
            "and evidence-based solutions\n")
    joined = join_lines(text, [line for line in split_lines(text) if line.kind == "body"])
    assert joined.text == ("The follow-up to the summit and the follow-up of its outcome, "
                           "science- and evidence-based solutions")


def test_page_furniture_and_footnotes_are_marked() -> None:
    text = ("S/RES/2722 (2024)\n\nthe text;\n__________\n 1  A/78/1.\n\n24-00437 (E)\n*2400437*\n"
            "\fS/RES/2722 (2024)\nmore text;\n2/4          24-00437\n")
    lines = split_lines(text)
    mark_furniture(lines, "S/RES/2722 (2024)")
    kinds = {line.text: line.kind for line in lines if line.kind != "blank"}
    assert kinds["the text;"] == kinds["more text;"] == "body"
    assert kinds["1  A/78/1."] == "note"
    assert {kinds[k] for k in ("24-00437 (E)", "*2400437*", "2/4          24-00437")} == {
        "furniture"}
    assert [line.kind for line in lines if line.text == "S/RES/2722 (2024)"] == [
        "furniture", "furniture"]


def test_sub_paragraph_levels_follow_the_numbering() -> None:
    levels = PointLevels()
    read = [levels.read(line) for line in ("(a) one", "(i) first", "(ii) second", "(b) two",
                                           "(h) skipped", "(c) three")]
    assert [r[0] if r else None for r in read] == [
        ("a",), ("a", "i"), ("a", "ii"), ("b",), None, ("c",)]
    letters = PointLevels()
    paths = [letters.read(f"({x}) item") for x in "abcdefghij"]
    assert paths[8] is not None and paths[8][0] == ("i",)  # the ninth letter, not a numeral
    assert paths[9] is not None and paths[9][0] == ("j",)
    dashes = PointLevels()
    assert [dashes.read(line)[0] for line in ("– one", "– two")] == [("–",), ("–",)]  # type: ignore[index]


def test_citations_in_the_ways_resolutions_write_them() -> None:
    def symbols(text: str) -> list[str]:
        return [c.symbol for c in find_citations(text)]

    assert symbols("Recordando su resolución 2216 (2015) y la resolución 2624 (2022),") == [
        "S/RES/2216 (2015)", "S/RES/2624 (2022)"]
    assert symbols("in particular 1591 (2005), 1651 (2005) and 2455 (2019)") == []
    assert symbols("its resolutions 1591 (2005), 1651 (2005) and 2455 (2019),") == [
        "S/RES/1591 (2005)", "S/RES/1651 (2005)", "S/RES/2455 (2019)"]
    assert symbols("Rappelant ses résolutions 75/290 A et 75/290 B,") == [
        "A/RES/75/290 A", "A/RES/75/290 B"]
    # another body's resolutions are its documents, by the symbol its name makes
    assert symbols("Recalling Human Rights Council resolution 44/4 of 16 July 2020,") == [
        "A/HRC/RES/44/4"]
    assert symbols("the Human Rights Council, in its resolution 45/12 of 6 October 2020,") == [
        "A/HRC/RES/45/12"]
    # a resolution of the Assembly's first sessions: its number, then the session
    assert symbols("Recalling its resolution 217 A (III) of 10 December 1948,") == [
        "A/RES/217 (III)"]
    assert symbols("its resolutions 23/9 of 13 June 2013 and 29/11 of 2 July 2015") == []
    assert symbols("World Health Assembly resolution 58.16 of 25 May 2005") == []
    assert symbols("Commission on Human Rights resolution 2005/69") == []
    assert symbols("resolutions ES-10/2 and S-32/1") == ["A/RES/ES-10/2", "A/RES/S-32/1"]
    paragraph = find_citations("the measures imposed by paragraph 14 of resolution 2216 (2015)")
    assert [(c.iri_path, c.paragraph) for c in paragraph] == [("resolution/un-s-res-2216", "14")]


def test_the_language_is_voted_by_common_words() -> None:
    assert _language("The Security Council, recalling all its resolutions on the situation") == "en"
    assert _language("Le Conseil de sécurité, rappelant toutes ses résolutions sur la situation") == "fr"
    assert _language("El Consejo de Seguridad, recordando todas sus resoluciones sobre la situación") == "es"
    # too short to vote: the UN's language letter ending the file name
    assert _language("S/RES/2722 (2024)", "S_RES_2722-2400437F.txt") == "fr"
    assert _language("S/RES/2722 (2024)") == "en"


def test_the_text_and_the_markup_make_the_same_provisions_and_acts() -> None:
    path = AKN / "S_RES_2722-2400437E.xml"
    markup, xml_text = read_akn(path.read_bytes(), file_name=path.name)
    printed = render_akn(path.read_text(encoding="utf-8"), file_name=path.name)
    doc = read_resolution_text(printed)
    assert doc is not None

    def statements(facts) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
        keep = ("act", "paragraphNumber", "provisionKind", "issuedBy", "adoptionDate",
                "references", "hasProvision", "languageVersionOf")
        return {(q.subject.value, q.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1],
                 q.object.value) for q in facts.quads
                if q.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1] in keep
                and "/evidence/" not in q.subject.value and "/source/" not in q.subject.value}

    from_xml = statements(akn_facts(markup, xml_text, stem="xml", base=BASE))
    from_text = statements(akn_facts(doc, printed, stem="xml", base=BASE))
    operative = {s for s in from_xml if "/paragraph/" in s[0] or s[1] != "references"}
    missing = operative - from_text
    # the text grammar also reads "its resolution 2216", which the markup does not link
    assert len(operative) > 40 and not missing, sorted(missing)[:5]
