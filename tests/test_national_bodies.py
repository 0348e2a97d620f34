"""National bodies the reference data does not list, and the mandates a note assigns to them."""

from __future__ import annotations

from graph.extract.national_bodies import document_state, find_national_bodies, language_of

NOTE = (
    "Government of Freedonia\n"
    "The Government of Ghana, through the Ministry of Gender, Children and Social Protection "
    "(MoGCSP), coordinates. The Ghana Police Service (GPS), the Ministry of the Interior (MINT) "
    "and the Economic Community of West African States (ECOWAS) support it. MoGCSP reports."
)


def test_the_state_comes_from_a_government_of_phrase_by_pycountry():
    assert document_state(NOTE, []) == "GHA"


def test_a_body_named_with_its_acronym_is_an_organ_of_the_state():
    bodies, mentions = find_national_bodies(NOTE, "GHA", [], "")
    assert [(b.iri_path, b.name) for b in bodies] == [
        ("organ/gha-mogcsp", "Ministry of Gender, Children and Social Protection"),
        ("organ/gha-gps", "Ghana Police Service"),
        ("organ/gha-mint", "Ministry of the Interior"),
    ]
    later = [m for m in mentions if NOTE[m.start : m.end] == "MoGCSP"]
    assert len(later) == 2 and all(m.iri == "organ/gha-mogcsp" for m in later)


def test_no_state_no_national_body_and_an_acronym_must_fit_its_name():
    assert find_national_bodies(NOTE, None, [], "") == ([], [])
    assert find_national_bodies("the Ministry of Health (XYZ) acts", "GHA", [], "")[0] == []


def test_the_language_of_a_name():
    assert language_of("Ministry of Defence") == "en"
    assert language_of("Ministère de la Défense") == "fr"


def test_a_ministry_whose_portfolio_is_regional_or_international_is_still_national():
    text = ("Under this paragraph, the Ministry of Youth Affairs and Regional Cooperation (MYARC) "
            "reports, with the Regional Centre for Peace Studies (RCPS) and the International "
            "Office of Migration Affairs (IOMA).")
    bodies, _ = find_national_bodies(text, "GHA", [], "")
    assert [(b.iri_path, b.name) for b in bodies] == [
        ("organ/gha-myarc", "Ministry of Youth Affairs and Regional Cooperation")]


def test_french_and_spanish_names_keep_the_adjective_after_the_noun():
    text = ("le Ministère de l'Intégration africaine et des Affaires étrangères (MIAAE) et "
            "el Ministerio de Relaciones Exteriores y Movilidad humana (MREMH) coopèrent; "
            "the Ministry of Health will work with partners in the Women's Bureau (WB).")
    bodies, _ = find_national_bodies(text, "SEN", [], "")
    assert [b.name for b in bodies] == [
        "Ministère de l'Intégration africaine et des Affaires étrangères",
        "Ministerio de Relaciones Exteriores y Movilidad humana",
    ]
