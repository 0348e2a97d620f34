"""Tests of the document-symbol grammar: parsing, IRIs, and recognition in the real corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.extract.symbols import Symbol, SymbolError, find_symbols, parse_symbol

CORPUS = Path(__file__).resolve().parents[1] / "graph" / "corpus"

# (written symbol, iri_path, session_number, session_kind, year, canonical)
PARSE_TABLE = [
    ("AG/RES. 2945 (XLIX-O/19)", "resolution/oas-ag-res-2945", 49, "regular", 2019,
     "AG/RES. 2945 (XLIX-O/19)"),
    ("AG/RES.2945", "resolution/oas-ag-res-2945", None, None, None, "AG/RES. 2945"),
    ("AG/RES. 2945", "resolution/oas-ag-res-2945", None, None, None, "AG/RES. 2945"),
    ("AG/RES 1840 (XXXII-O/02)", "resolution/oas-ag-res-1840", 32, "regular", 2002,
     "AG/RES. 1840 (XXXII-O/02)"),
    ("AG/RES. 1667 (XXIX-O/99)", "resolution/oas-ag-res-1667", 29, "regular", 1999,
     "AG/RES. 1667 (XXIX-O/99)"),
    ("AG/RES.\u00a02945\u00a0(XLIX\u2013O/19)", "resolution/oas-ag-res-2945", 49, "regular",
     2019, "AG/RES. 2945 (XLIX-O/19)"),
    ("AG/RES. 2945 (XLIX-O19)", "resolution/oas-ag-res-2945", 49, "regular", 2019,
     "AG/RES. 2945 (XLIX-O/19)"),
    # Session 39 met in 2009, the year says 2004: garbled, so neither is recorded.
    ("AG/RES. 2028 (XXXIX-O4)", "resolution/oas-ag-res-2028", None, "regular", None,
     "AG/RES. 2028"),
    ("AG/RES. 1 (LIII-E/18) rev. 1", "resolution/oas-ag-res-1-liii-e", 53, "special", 2018,
     "AG/RES. 1 (LIII-E/18) rev. 1"),
    ("CP/RES. 1061/16", "resolution/oas-cp-res-1061", None, None, 2016, "CP/RES. 1061/16"),
    ("CP/RES. 1061 (2071/16)", "resolution/oas-cp-res-1061", None, None, 2016,
     "CP/RES. 1061/16"),
    ("S/RES/1325 (2000)", "resolution/un-s-res-1325", None, None, 2000, "S/RES/1325 (2000)"),
    ("S/RES/1820", "resolution/un-s-res-1820", None, None, None, "S/RES/1820"),
    ("A/RES/62/278", "resolution/un-a-res-62-278", 62, None, None, "A/RES/62/278"),
    # the General Assembly's special and emergency special sessions number their own series
    ("A/RES/S-32/1", "resolution/un-a-res-s-32-1", 32, "special", None, "A/RES/S-32/1"),
    ("A/RES/ES-11/1", "resolution/un-a-res-es-11-1", 11, "emergency-special", None,
     "A/RES/ES-11/1"),
    ("A/RES/ES- 11/4", "resolution/un-a-res-es-11-4", 11, "emergency-special", None,
     "A/RES/ES-11/4"),
    ("CP/CSH-1933/19 rev. 1", "document/oas-cp-csh-1933-19-rev-1", None, None, 2019,
     "CP/CSH-1933/19 rev. 1"),
    ("CP/CSH-1933/19 rev. 2", "document/oas-cp-csh-1933-19-rev-2", None, None, 2019,
     "CP/CSH-1933/19 rev. 2"),
    ("CP/CSH 1870/18", "document/oas-cp-csh-1870-18", None, None, 2018, "CP/CSH-1870/18"),
    ("CP/doc.5545/19 rev. 1", "document/oas-cp-doc-5545-19-rev-1", None, None, 2019,
     "CP/doc.5545/19 rev. 1"),
    ("CP/doc.5545/19 rev.1", "document/oas-cp-doc-5545-19-rev-1", None, None, 2019,
     "CP/doc.5545/19 rev. 1"),
    ("AG/doc.5667/19 rev. 1", "document/oas-ag-doc-5667-19-rev-1", None, None, 2019,
     "AG/doc.5667/19 rev. 1"),
    ("CP/CSH/INF.506/20", "document/oas-cp-csh-inf-506-20", None, None, 2020,
     "CP/CSH/INF. 506/20"),
    ("GT/VE-3/15 rev. 1", "document/oas-gt-ve-3-15-rev-1", None, None, 2015,
     "GT/VE-3/15 rev. 1"),
    ("CP/doc.4708/12 corr. 1", "document/oas-cp-doc-4708-12-corr-1", None, None, 2012,
     "CP/doc.4708/12 corr. 1"),
    ("OEA/Ser.L/V/II.130 Doc. 22 rev. 1", "document/oas-oea-ser-l-v-ii-130-doc-22-rev-1", None,
     None, None, "OEA/Ser.L/V/II.130 Doc. 22 rev. 1"),
    ("AG/DEC. 100 (XLIX-O/19)", "document/oas-ag-dec-100", 49, "regular", 2019,
     "AG/DEC. 100 (XLIX-O/19)"),
    ("S/2000/1044/Rev.1", "document/un-s-2000-1044-rev-1", None, None, 2000,
     "S/2000/1044/Rev.1"),
    ("S/PRST/2008/12", "document/un-s-prst-2008-12", None, None, 2008, "S/PRST/2008/12"),
    ("A/62/L.5", "document/un-a-62-l-5", 62, None, None, "A/62/L.5"),
    ("E/CN.6/2008/2", "document/un-e-cn-6-2008-2", None, None, 2008, "E/CN.6/2008/2"),
]


@pytest.mark.parametrize(("written", "iri", "session", "kind", "year", "canonical"), PARSE_TABLE)
def test_parse_symbol(
    written: str, iri: str, session: int | None, kind: str | None, year: int | None,
    canonical: str,
) -> None:
    symbol = parse_symbol(written)
    assert symbol.iri_path() == iri
    assert symbol.session_number == session
    assert symbol.session_kind == kind
    assert symbol.year == year
    assert symbol.canonical() == canonical
    assert symbol.raw == written
    assert symbol.is_resolution == iri.startswith("resolution/")


def test_canonical_form_reparses_to_the_same_identity() -> None:
    for written, *_ in PARSE_TABLE:
        symbol = parse_symbol(written)
        again = parse_symbol(symbol.canonical())
        assert again.iri_path() == symbol.iri_path(), written


def test_parts_of_a_revised_document() -> None:
    symbol = parse_symbol("CP/CSH/INF. 499/19 rev. 1")
    assert (symbol.body, symbol.series, symbol.number, symbol.revision) == (
        "oas", "CP/CSH/INF", "499", "rev. 1")


@pytest.mark.parametrize("text", [
    "", "hello", "2019", "A/B", "A/C", "28/janvier/08", "2019-2020", "paragraphe 52",
    "résolution 1325", "AG/RES. 2945 et autre chose", "N°. 10-061/07", "CP/CSH",
])
def test_parse_symbol_rejects_non_symbols(text: str) -> None:
    with pytest.raises(SymbolError, match="is not a document symbol: expected"):
        parse_symbol(text)


def test_parse_symbol_rejects_non_strings() -> None:
    with pytest.raises(SymbolError, match="must be a string"):
        parse_symbol(2945)  # type: ignore[arg-type]


def test_find_symbols_rejects_unknown_context_body() -> None:
    with pytest.raises(ValueError, match="context_body must be one of oas, un"):
        find_symbols("résolution 1325", context_body="eu")


def _mentions(text: str, context_body: str | None = None) -> list[tuple[str, str]]:
    """(mention as sliced from the text, IRI path) for every match."""
    return [(text[m.start:m.end], m.symbol.iri_path()) for m in find_symbols(text, context_body)]


def test_offsets_are_exact_in_a_sentence() -> None:
    text = ("Le suivi des paragraphes 72 et 81 de la résolution AG/RES. 2945 (XLIX-O/19) a été "
            "confié au Conseil permanent (CP/doc.5545/19 rev. 1).")
    matches = find_symbols(text)
    assert [(m.start, m.end) for m in matches] == [(51, 75), (111, 132)]
    assert [m.symbol.raw for m in matches] == ["AG/RES. 2945 (XLIX-O/19)", "CP/doc.5545/19 rev. 1"]


def test_sentence_final_dot_is_not_part_of_the_symbol() -> None:
    assert _mentions("paragraphe 5, CP/CSH/INF.506/20.") == [
        ("CP/CSH/INF.506/20", "document/oas-cp-csh-inf-506-20")]


def test_unbalanced_brackets_around_a_symbol() -> None:
    assert _mentions("[(AG/RES. 2028 (XXXIX-O4)] et (AG/RES. 2141 (XXXV-O/05) a chargé") == [
        ("AG/RES. 2028 (XXXIX-O4)", "resolution/oas-ag-res-2028"),
        ("AG/RES. 2141 (XXXV-O/05)", "resolution/oas-ag-res-2141"),
    ]


def test_list_after_a_written_symbol() -> None:
    assert _mentions("voir AG/RES. 2224, 2238 et 2253.") == [
        ("AG/RES. 2224", "resolution/oas-ag-res-2224"),
        ("2238", "resolution/oas-ag-res-2238"),
        ("2253", "resolution/oas-ag-res-2253"),
    ]


def test_numbers_after_a_symbol_that_are_not_a_list() -> None:
    assert _mentions("AG/RES. 2945 et 13 réunions; AG/RES. 2945 (XLIX-O/19), 2019-2020") == [
        ("AG/RES. 2945", "resolution/oas-ag-res-2945"),
        ("AG/RES. 2945 (XLIX-O/19)", "resolution/oas-ag-res-2945"),
    ]


def test_prose_resolution_with_its_organ_named() -> None:
    text = "la Résolution 1325 du Conseil de Sécurité"
    assert _mentions(text) == [("Résolution 1325", "resolution/un-s-res-1325")]


def test_prose_list_shares_the_organ_named_after_it() -> None:
    text = "les résolutions 1325 (2000), 1820 (2008) et 1888 (2009) du Conseil de sécurité"
    matches = find_symbols(text)
    assert [(text[m.start:m.end], m.symbol.canonical()) for m in matches] == [
        ("résolutions 1325 (2000)", "S/RES/1325 (2000)"),
        ("1820 (2008)", "S/RES/1820 (2008)"),
        ("1888 (2009)", "S/RES/1888 (2009)"),
    ]


def test_bare_prose_resolution_depends_on_the_context_body() -> None:
    assert _mentions("la résolution 1325", "un") == [
        ("résolution 1325", "resolution/un-s-res-1325")]
    assert _mentions("résolutions 1325 et 1820", "un") == [
        ("résolutions 1325", "resolution/un-s-res-1325"),
        ("1820", "resolution/un-s-res-1820"),
    ]
    # Without a context, or in an OAS text, a bare number is not guessed.
    assert _mentions("la résolution 1325") == []
    assert _mentions("la résolution 2945", "oas") == []


def test_bare_prose_resolution_inherits_the_organ_given_elsewhere_in_the_text() -> None:
    text = "RESOLUTION 1325 DU CONSEIL DE SECURITE\n…\nLa mise en œuvre de la résolution 1325."
    assert [iri for _, iri in _mentions(text)] == ["resolution/un-s-res-1325"] * 2


def test_prose_oas_resolutions() -> None:
    assert _mentions("la résolution 2945 de l’Assemblée générale de l’OEA") == [
        ("résolution 2945", "resolution/oas-ag-res-2945")]
    assert _mentions("la résolution 2945 de l'Assemblée générale", "oas") == [
        ("résolution 2945", "resolution/oas-ag-res-2945")]
    assert _mentions("la résolution 1061 du Conseil permanent", "oas") == [
        ("résolution 1061", "resolution/oas-cp-res-1061")]


def test_prose_general_assembly_resolution_by_session() -> None:
    text = "la résolution 62/278 de l'Assemblée générale des Nations Unies"
    assert _mentions(text) == [("résolution 62/278", "resolution/un-a-res-62-278")]
    assert _mentions("la résolution 12/15 du Conseil des droits de l'homme", "un") == []


def test_oea_series_prefix_is_part_of_the_mention_not_of_the_identity() -> None:
    text = "voir OEA/Ser.G CP/doc.5545/19 rev. 1 et"
    assert _mentions(text) == [
        ("OEA/Ser.G CP/doc.5545/19 rev. 1", "document/oas-cp-doc-5545-19-rev-1")]


def test_un_symbols_in_a_sentence() -> None:
    text = "Voir S/RES/1325 (2000), A/RES/62/278 et le rapport S/2000/1044/Rev.1."
    assert [iri for _, iri in _mentions(text)] == [
        "resolution/un-s-res-1325", "resolution/un-a-res-62-278",
        "document/un-s-2000-1044-rev-1"]


@pytest.mark.parametrize("text", [
    "Mandats A, A/B et A/C contenus dans le document",
    "28/janvier/08",
    "note N°. 10-061/07 en accomplissement de l'Accord N°.6",
    "VIH / SIDA, article 91.f, Réunion ordinaire nº 1416, période 2019-2020",
    "cp27822e01 CP42054F01 .CPSC04188E04 http://www.oas.org/MFCS/",
    "le CP/CSH 12 mai, le projet de résolution omnibus, la résolution le 30 Octobre",
    "l'Action n°39 du Plan d'Action de Nairobi, 1 ^{er} trimestre, 12.000.000 CFA",
])
def test_no_false_positives(text: str) -> None:
    assert find_symbols(text) == []
    assert find_symbols(text, "un") == []


# ------------------------------------------------------------------------------------------
# The corpus: every mention, found by reading the documents, in reading order (canonical form).
# ------------------------------------------------------------------------------------------

_AG2945 = "AG/RES. 2945 (XLIX-O/19)"
_AG2735 = "AG/RES. 2735 (XLII-O/12)"

CSH_WORK_PLAN = [
    "CP/doc.5545/19 rev. 1", _AG2945, _AG2945, "CP/RES. 1061/16", "GT/VE-3/15 rev. 1",
    "CP/RES. 1061/16", _AG2945, "AG/RES. 1 (LIII-E/18) rev. 1", "CP/RES. 1138/19",
    "CP/CSH-1933/19 rev. 1", "AG/RES. 2925 (XLVIII-O/18)", "AG/RES. 2631 (XLI-O/11)",
    "CP/CSH-1933/19 rev. 2", _AG2945, _AG2945, _AG2945, _AG2945, "CP/CSH-1942/19 rev. 1",
    "CP/CSH/INF. 499/19 rev. 1", "AG/doc.5667/19 rev. 1", "CP/CSH-1952/20",
    "CP/CSH/INF. 504/20", "CP/CSH/INF. 506/20", _AG2945, "CP/CSH-1953/20", "CP/CSH-1954/20",
    "CP/CSH-1955/20", _AG2945, _AG2945, _AG2735, "AG/RES. 2809 (XLIII-O/13)",
    "CP/CSH-1870/18", "AG/RES. 1496 (XXVII-O/97)", "AG/RES. 2630 (XLI-O/11)", _AG2735,
    "AG/RES. 2625 (XLI-O/11)", _AG2735, "AG/RES. 2625 (XLI-O/11)", _AG2735,
    "CP/CSH-1280/11 rev. 1", "AG/RES. 2617 (XLI-O/11)", _AG2735, "AG/RES. 2551 (XL-O/10)",
    _AG2735, "AG/RES. 2543 (XL-O/10)", _AG2735, "AG/RES. 2297 (XXXVII-O/07)", _AG2735,
    "CP/doc.4708/12",
]

_MIGRATION_LIST = [
    "AG/RES. 1717 (XXX-O/00)", "AG/RES. 1775 (XXXI-O/01)", "AG/RES. 1898 (XXXII-O/02)",
    "AG/RES. 1928 (XXXIII-O/03)", "AG/RES. 2027 (XXXIV-O/04)", "AG/RES. 2130 (XXXV-O/05)",
    "AG/RES. 2224 (XXXVI-O/06)", "AG/RES. 2289 (XXXVII-O/07)",
]
_AG2141 = "AG/RES. 2141 (XXXV-O/05)"
MIGRATION_REPORT = [
    *_MIGRATION_LIST, _AG2141, _AG2141, *_MIGRATION_LIST, _AG2141,
    "AG/RES. 1667 (XXIX-O/99)", _AG2141, "AG/RES. 2028",
]

CORPUS_EXPECTED = {
    "csh-work-plan-2019-2020.txt": ("oas", CSH_WORK_PLAN),
    "oas-migration-report-2008.txt": ("oas", MIGRATION_REPORT),
    "mesecvi-report-2007-2008.txt": ("oas", ["AG/RES. 2330 (XXXVII-O/07)"]),
    # 20 mentions of "résolution 1325" (the elliptic "la 1325" is a known miss).
    "mali-nap-1325-2012-2014.txt": ("un", ["S/RES/1325"] * 20),
    "apmbc-victim-assistance-2012.txt": (None, []),
}


@pytest.mark.parametrize("name", sorted(CORPUS_EXPECTED))
def test_corpus_mentions_exactly(name: str) -> None:
    body, expected = CORPUS_EXPECTED[name]
    text = (CORPUS / name).read_text(encoding="utf-8")
    matches = find_symbols(text, context_body=body)
    assert [m.symbol.canonical() for m in matches] == expected
    assert all(text[m.start:m.end] == m.symbol.raw for m in matches)


def test_corpus_document_found_without_context_body() -> None:
    text = (CORPUS / "mali-nap-1325-2012-2014.txt").read_text(encoding="utf-8")
    assert [m.symbol.canonical() for m in find_symbols(text)] == ["S/RES/1325"] * 20


def test_corpus_csh_resolutions_share_one_node_per_number() -> None:
    text = (CORPUS / "csh-work-plan-2019-2020.txt").read_text(encoding="utf-8")
    resolutions = {m.symbol.iri_path() for m in find_symbols(text, "oas")
                   if m.symbol.is_resolution}
    assert resolutions == {
        "resolution/oas-ag-res-" + n for n in (
            "2945", "1-liii-e", "2925", "2631", "2735", "2809", "1496", "2630", "2625", "2617",
            "2551", "2543", "2297")
    } | {"resolution/oas-cp-res-1061", "resolution/oas-cp-res-1138"}


def test_symbol_built_by_hand_is_checked() -> None:
    with pytest.raises(SymbolError, match="body must be one of oas, un"):
        Symbol(raw="X/1", body="eu", series="X", number="1")
    with pytest.raises(SymbolError, match="session_kind must be"):
        Symbol(raw="AG/RES. 1", body="oas", series="AG/RES", number="1", session_kind="O")
