"""Provision references in English and Spanish, read with the lexicon of provision_words.toml."""

from __future__ import annotations

import pytest

from graph.extract import provision_words
from graph.extract.paragraphs import find_paragraph_refs
from graph.extract.symbols import find_symbols


def refs(text: str, context_body: str | None = "oas"):
    return find_paragraph_refs(text, find_symbols(text, context_body))


def read(text: str, context_body: str | None = "oas") -> list[tuple[str, str, str | None]]:
    return [(text[r.start : r.end], r.number, r.instrument) for r in refs(text, context_body)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("see paragraph 12 above", [("paragraph 12", "12", None)]),
        ("under operative paragraph 4", [("operative paragraph 4", "4", None)]),
        (
            "paragraphs 5, 7 and 9",
            [("paragraphs 5", "5", None), ("7", "7", None), ("9", "9", None)],
        ),
        ("paragraphs 9 to 11", [("paragraphs 9 to 11", n, None) for n in ("9", "10", "11")]),
        ("paragraph 3 (b)", [("paragraph 3 (b)", "3.b", None)]),
        ("párrafos 12 y 13", [("párrafos 12", "12", None), ("13", "13", None)]),
    ],
)
def test_english_and_spanish_references_are_read_like_french_ones(text, expected):
    assert read(text) == expected


def test_a_reference_of_a_resolution_named_by_its_symbol_is_explicit():
    text = "Paragraph 7 of resolution AG/RES. 2976 (LII-O/22) instructs the Committee"
    assert read(text) == [("Paragraph 7", "7", "resolution/oas-ag-res-2976")]


def test_a_security_council_resolution_by_its_number_is_the_instrument_in_a_un_text():
    text = "Paragraph 1 of resolution 1325 (2000) urges Member States"
    assert read(text, "un") == [("Paragraph 1", "1", "resolution/un-s-res-1325")]


def test_the_resolution_is_the_one_named_before():
    text = "Resolution 1325 (2000) was adopted in 2000. Paragraph 2 of the resolution encourages"
    assert read(text, "un") == [("Paragraph 2", "2", "resolution/un-s-res-1325")]


def test_a_named_instrument_follows_of():
    (ref,) = refs("article 5 of the Inter-American Democratic Charter")
    assert ref.instrument_text == "Inter-American Democratic Charter"


def test_a_singular_keyword_governs_one_number_and_a_year_is_no_paragraph():
    assert read("paragraph 5 and 2021") == [("paragraph 5", "5", None)]
    assert read("paragraphs 2019 to 2021") == []


def test_the_languages_are_merged_and_each_kind_has_its_plural():
    assert provision_words.KIND_OF["paragraphs"] == "paragraph"
    assert provision_words.KIND_OF["paragraphes"] == "paragraph"
    assert "paragraphs" in provision_words.PLURAL and "paragraph" not in provision_words.PLURAL


def test_assignment_words_are_read_in_english_and_french():
    assert provision_words.ASSIGNMENT.search("a ete confie au conseil")
    assert provision_words.ASSIGNMENT.search("the follow-up is entrusted to the committee")
