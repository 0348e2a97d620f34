"""The UN symbol classes of graph.extract.un_symbols: old Assembly resolutions, documents of any series."""

from __future__ import annotations

import pytest

from graph.extract.symbols import SymbolError, find_symbols, parse_symbol


@pytest.mark.parametrize(("written", "canonical", "path"), [
    ("A/RES/217 (III)", "A/RES/217 (III)", "resolution/un-a-res-217-iii"),
    ("A/RES/217A(III)", "A/RES/217 (III)", "resolution/un-a-res-217-iii"),
    ("A/RES/1874(S-IV)", "A/RES/1874 (S-IV)", "resolution/un-a-res-1874-s-iv"),
    ("A/RES/2252 (ES-V)", "A/RES/2252 (ES-V)", "resolution/un-a-res-2252-es-v"),
])
def test_an_assembly_resolution_of_the_first_sessions_is_numbered_before_its_session(
        written: str, canonical: str, path: str) -> None:
    symbol = parse_symbol(written)
    assert (symbol.canonical(), symbol.iri_path(), symbol.is_resolution) == (
        canonical, path, True)


def test_a_roman_session_after_the_thirtieth_is_no_symbol() -> None:
    with pytest.raises(SymbolError):
        parse_symbol("A/RES/100 (XL)")


@pytest.mark.parametrize(("written", "canonical"), [
    ("A/HRC/RES/45/1", "A/HRC/RES/45/1"),
    ("E/RES/2020/1", "E/RES/2020/1"),
    ("FCCC/CP/2015/10/Add.1", "FCCC/CP/2015/10/Add.1"),
    ("ST/SGB/2013/4/Amend.1", "ST/SGB/2013/4/Amend.1"),
    ("A/C.6/78/SR.34", "A/C.6/78/SR.34"),
    ("UNEP/EA.5/RES.14", "UNEP/EA.5/RES.14"),
    ("ICCD/COP(15)/23/Add.1", "ICCD/COP(15)/23/Add.1"),
    ("CD/1839", "CD/1839"),
    ("A/78/6(Sect.3)", "A/78/6 (Sect. 3)"),
    ("A/78/6 (Sect. 3)/Add.1", "A/78/6 (Sect. 3)/Add.1"),
    ("NPT/CONF.2010/50(VOL.I)", "NPT/CONF.2010/50 (Vol. I)"),
    ("A/CONF.157/24 (Part I)", "A/CONF.157/24 (Part I)"),
])
def test_a_document_of_any_un_series_keeps_its_symbol(written: str, canonical: str) -> None:
    symbol = parse_symbol(written)
    assert (symbol.body, symbol.canonical(), symbol.is_resolution) == ("un", canonical, False)


def test_another_bodys_resolution_is_a_document_not_the_assemblys() -> None:
    assert parse_symbol("A/HRC/RES/45/1").iri_path() == "document/un-a-hrc-res-45-1"


def test_a_document_symbol_is_found_in_running_text_with_its_part() -> None:
    text = "See A/78/6 (Sect. 3), chap. I, and FCCC/CP/2015/10/Add.1, decision 1/CP.21, annex."
    assert [m.symbol.canonical() for m in find_symbols(text, "un")] == [
        "A/78/6 (Sect. 3)", "FCCC/CP/2015/10/Add.1"]


@pytest.mark.parametrize("text", ["S/12 mai", "A/B", "undocs.org/en/A/78/6", "decision 1/CP.21"])
def test_what_only_looks_like_a_un_symbol_is_not_one(text: str) -> None:
    assert find_symbols(text, "un") == []
