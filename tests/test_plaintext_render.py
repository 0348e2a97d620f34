"""The AKN → text renderer: the text a PDF's text layer gives, the same each time."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.plaintext.render import RenderError, render_akn

AKN = Path(__file__).parent / "data" / "akn"
ENGLISH = AKN / "S_RES_2722-2400437E.xml"
ASSEMBLY = AKN / "A_RES_78_285-2411033E.xml"


def render(path: Path, name: str | None = None) -> str:
    return render_akn(path.read_text(encoding="utf-8"), file_name=name or path.name)


def test_the_rendering_is_deterministic_and_seeded_by_the_file_name() -> None:
    assert render(ENGLISH) == render(ENGLISH)
    assert render(ENGLISH) != render(ENGLISH, "another-name.xml")


def test_the_cover_prints_what_the_file_has() -> None:
    text = render(ENGLISH)
    head = text[: text.index("The Security Council,")]
    for line in ("United Nations", "S/RES/2722 (2024)", "Security Council", "Distr.: General",
                 "Resolution 2722 (2024)",
                 "Adopted by the Security Council at its 9527th meeting, on 10 January 2024"):
        assert line in head
    french = render(AKN / "S_RES_2722-2400437F.xml")
    assert "Conseil de sécurité" in french and "Adoptée" not in french  # the file has no date


def test_paragraphs_are_numbered_wrapped_and_hyphenated_as_printed() -> None:
    text = render(ASSEMBLY)
    lines = text.splitlines()
    assert max(len(line) for line in lines if not line.startswith(("Integrated", "\f"))) <= 100
    assert any(re.match(r"^\s+1\.\s+Decides that", line) for line in lines)
    assert any(re.match(r"^\s+\(a\)\s+For 2025", line) for line in lines)
    hyphenated = [line for name in ("a.xml", "b.xml", "c.xml") for line in
                  render(ASSEMBLY, name).splitlines() if re.search(r"[a-z]-$", line)]
    assert hyphenated


def test_page_furniture_is_interleaved() -> None:
    text = render(AKN / "S_RES_2729-2407697E.xml")  # a long file: several pages
    lines = [line.strip() for line in text.splitlines()]
    assert any(re.fullmatch(r"\*\d{7}\*", line) for line in lines)
    pages = [line for line in lines if re.search(r"\b\d{1,2}/\d{1,2}\b", line)
             and re.search(r"\d{2}-\d{5}", line)]
    assert len(pages) >= 2
    heads = [line for line in lines if line.lstrip("\f") == "S/RES/2729 (2024)"]
    assert len(heads) >= 2


NOTED = """<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement>
<coverPage><p><docNumber refersTo="#symbol">A/RES/78/999</docNumber></p>
<p><docTitle>Resolution adopted by the General Assembly on 7 June 2024</docTitle></p></coverPage>
<preamble><formula><p>The General Assembly,</p></formula>
<container><p>Recalling its resolution 77/1 on oceans,<authorialNote marker="1"><p>See
<a href="https://undocs.org/en/A/77/100">A/77/100</a>.</p></authorialNote></p></container>
</preamble><mainBody><paragraph><num>1.</num><content><p>Decides to remain seized of the
matter.</p></content></paragraph></mainBody></statement></akomaNtoso>"""


def test_footnotes_sit_below_a_rule_with_their_marker_and_are_read_back() -> None:
    from graph.plaintext.resolution import read_resolution_text

    text = render_akn(NOTED, file_name="noted.xml")
    assert "resolution 77/1 on oceans,1" in text
    notes = text[text.index("__________________"):]
    assert re.search(r"\n\s+1\s+See A/77/100\.", notes)
    doc = read_resolution_text(text)
    assert doc is not None and [c.number for c in doc.operative] == ["1"]
    cited = {c.symbol for clause in doc.clauses for c in clause.citations}
    assert {"A/RES/77/1", "A/77/100"} <= cited
    assert not any("See" in clause.text for clause in doc.clauses)
    # the marker is printed, and left out of the clause's text as the markup leaves it out
    assert doc.clauses[0].text == "Recalling its resolution 77/1 on oceans,"
    assert text[slice(*doc.clauses[0].span)].endswith("oceans,")


def test_what_is_not_akn_is_refused() -> None:
    with pytest.raises(RenderError):
        render_akn("<html><body/></html>", file_name="x.xml")
    with pytest.raises(RenderError):
        render_akn("<akomaNtoso><statement>", file_name="x.xml")
