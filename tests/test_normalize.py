"""Cleaning conversion artefacts while keeping every offset into the original file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.normalize import Cell, fold, iter_lines, normalize, verbatim

CORPUS = Path(__file__).resolve().parent.parent / "graph" / "corpus"
DOCUMENTS = sorted(CORPUS.glob("*.txt"))


@pytest.mark.parametrize(
    ("original", "clean"),
    [
        ("[bookmark: _GoBack]Afin d'aider", "Afin d'aider"),
        ("· [bookmark: _Hlk523927064]XIXe Conférence", "· XIXe Conférence"),
        ("**22 MAI 2012**", "22 MAI 2012"),
        ("# **PROGRAMME**\n", "PROGRAMME\n"),
        ("### *Suivi de la Mise en Œuvre*", "Suivi de la Mise en Œuvre"),
        ("*Lieu : Salle B, Genève*", "Lieu : Salle B, Genève"),
        ("__gras__ et _italique_", "gras et italique"),
        ("**PLAN D'ACTION\nDE LA RESOLUTION 1325**", "PLAN D'ACTION\nDE LA RESOLUTION 1325"),
        ("**bold *nested* words**", "bold nested words"),
        ("snake_case_name et 5*3*2", "snake_case_name et 5*3*2"),
        ("* une puce\n* une autre", "* une puce\n* une autre"),
        ("1 ^{er}\t2 ^{ème}", "1 er\t2 ème"),
        ("<p>Les femmes</p> <p>Les interventions</p>", "Les femmes Les interventions"),
        ("un</p><p>deux", "un deux"),
        ("<p>cellule</p>\t<p>suivante</p>", "cellule\tsuivante"),
        ("a<br/>b<br>c", "a b c"),
        ('<span class="x">mot</span>', "mot"),
        ("R&amp;D &#39;ok&#39; a&nbsp;b", "R&D 'ok' a b"),
        ("a < b et c > d & e", "a < b et c > d & e"),
        ("13\u00a0réunions\u202fx", "13 réunions x"),
        ("ligne\r\nsuivante\rencore", "ligne\nsuivante\nencore"),
        ("zéro\u200bwidth\u00ad", "zérowidth"),
        ("\\*pas d'emphase\\*", "*pas d'emphase*"),
        ("col1\tcol2\n\tcol3", "col1\tcol2\n\tcol3"),
    ],
)
def test_artefacts_are_cleaned(original: str, clean: str) -> None:
    assert normalize(original).text == clean


def test_footnote_text_stays_inline_and_is_listed() -> None:
    original = (
        "l'année 2019 [footnoteRef:3]/ : [3: .\tÀ sa séance du 8 août 2019 (CP/doc.5545/19).] \n"
        "suite [footnoteRef:4] [4:  Voir [AG/RES. 2625 (XLI-O/11)].] fin"
    )
    nt = normalize(original)
    assert "footnoteRef" not in nt.text
    assert "[3:" not in nt.text and "\t" not in nt.text
    first, second = nt.footnotes
    assert first.label == "3"
    assert nt.text[first.start : first.end] == "À sa séance du 8 août 2019 (CP/doc.5545/19)."
    assert nt.text[second.start : second.end] == "Voir [AG/RES. 2625 (XLI-O/11)]."
    assert nt.text[: first.ref].endswith("l'année 2019 ")
    assert nt.text.endswith("fin")


def test_bracket_without_footnote_call_is_left_alone() -> None:
    assert normalize("voir [1: plus bas]").text == "voir [1: plus bas]"


def test_span_maps_back_exactly_for_plain_text() -> None:
    original = "**Jeudi** [bookmark: x]24 octobre &amp; <p>suite</p>"
    nt = normalize(original)
    assert nt.text == "Jeudi 24 octobre & suite"
    start = nt.text.index("24 octobre")
    o_start, o_end = nt.span_to_original(start, start + len("24 octobre"))
    assert original[o_start:o_end] == "24 octobre"
    amp = nt.text.index("&")
    assert original[slice(*nt.span_to_original(amp, amp + 1))] == "&amp;"
    assert nt.to_original(len(nt.text)) == len(original)
    assert nt.span_to_original(3, 3) == (nt.to_original(3),) * 2


def test_offsets_out_of_range_are_refused() -> None:
    nt = normalize("abc")
    with pytest.raises(IndexError):
        nt.to_original(4)
    with pytest.raises(ValueError, match="before its start"):
        nt.span_to_original(2, 1)


def test_non_text_input_is_refused_with_a_clear_message() -> None:
    with pytest.raises(TypeError, match="needs the text as str"):
        normalize(b"bytes")  # type: ignore[arg-type]


def test_iter_lines_gives_cells_in_clean_offsets() -> None:
    nt = normalize("Activités\t**Budget**\n\t12.000.000\t\n")
    lines = list(iter_lines(nt))
    assert [line.text for line in lines] == ["Activités\tBudget", "\t12.000.000\t", ""]
    assert lines[0].cells == [Cell(0, 9, "Activités"), Cell(10, 16, "Budget")]
    cells = lines[1].cells
    assert [cell.text for cell in cells] == ["", "12.000.000", ""]
    assert nt.text[cells[1].start : cells[1].end] == "12.000.000"


def test_fold_keeps_length_and_drops_case_and_accents() -> None:
    text = "Février DÉCEMBRE d’avril 1ᵉʳ Œuvre\u00a0août"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "fevrier decembre d'avril 1er œuvre aout"


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_corpus_words_map_back_to_the_original(path: Path) -> None:
    original = path.read_text(encoding="utf-8")
    nt = normalize(original)
    assert "[bookmark" not in nt.text and "footnoteRef" not in nt.text
    assert "<p>" not in nt.text and "**" not in nt.text and "\u00a0" not in nt.text
    assert nt.text.count("\t") <= original.count("\t")
    spaces = str.maketrans({"\u00a0": " ", "\u202f": " "})
    for m in re.finditer(r"[\w'’.,;:()«»-]+", nt.text):
        o_start, o_end = nt.span_to_original(m.start(), m.end())
        source = original[o_start:o_end]
        if len(source) == len(m.group()):  # no artefact inside: the very same characters
            assert source.translate(spaces) == m.group()
        else:  # an artefact was cut out of the middle: the word's letters are all there, in order
            letters = iter(source)
            assert all(char in letters for char in m.group()), (source, m.group())


# ---------------------------------------------------------------------------------------------
# Property: random plain text with artefacts inserted
# ---------------------------------------------------------------------------------------------

PLAIN = st.text(
    alphabet=st.sampled_from(list("abcdeéèàçXYZ0123456789 .,;:'()-\t\n«»")), min_size=0, max_size=12
)
ARTEFACTS = st.sampled_from(
    [
        "[bookmark: _Hlk1]",
        "[footnoteRef:7]",
        "<p>",
        "</p>",
        "<br/>",
        '<span lang="fr">',
        "</span>",
        "&amp;",
        "&#39;",
        "\u200b",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(PLAIN, ARTEFACTS), max_size=8), PLAIN)
def test_mapping_is_monotonic_and_plain_spans_map_back(
    pairs: list[tuple[str, str]], tail: str
) -> None:
    pieces: list[tuple[int, str]] = []
    original = ""
    for plain, artefact in pairs:
        pieces.append((len(original), plain))
        original += plain + artefact
    pieces.append((len(original), tail))
    original += tail
    nt = normalize(original)

    positions = [nt.to_original(i) for i in range(len(nt.text) + 1)]
    assert positions == sorted(positions)
    assert all(0 <= p <= len(original) for p in positions)
    assert positions[-1] == len(original)

    for orig_start, plain in pieces:
        if not plain.strip():
            # Only blanks: next to a block tag they merge with the space the tag becomes (a
            # block tag between two words is one space), so they have no place of their own.
            continue
        clean_start = nt.from_original(orig_start)
        clean_end = clean_start + len(plain)
        assert nt.text[clean_start:clean_end] == plain
        assert nt.span_to_original(clean_start, clean_end) == (orig_start, orig_start + len(plain))


def test_verbatim_keeps_a_machine_readable_text_as_it_is() -> None:
    text = '{"adoption_date": "31\u00a0May\u00a02024", "showAs": "sdg_16", "a": "&amp;"}'
    nt = verbatim(text)
    assert normalize(text).text != text  # the NBSP becomes a space, the entity a character
    assert nt.text == nt.original == text
    assert nt.span_to_original(20, 34) == (20, 34)
    assert nt.to_original(len(text)) == len(text) and nt.from_original(7) == 7
    assert verbatim("").span_to_original(0, 0) == (0, 0)
