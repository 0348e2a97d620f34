"""Mission mandate renewals read from operative paragraphs (graph/akn/renewals.py).

The sentences are copied from Security Council resolutions, symbol and paragraph beside each.
Source of the text: the United Nations (Akoma Ntoso files of the UN's Department for General
Assembly and Conference Management); unofficial copies for informational purposes only.
"""

from __future__ import annotations

from datetime import date

import pytest

from graph.akn.renewals import MissionIndex, Renewal, load_missions, read_renewal, read_renewals

UNMISS = "organ/un-unmiss"


@pytest.fixture(scope="module")
def missions() -> MissionIndex:
    return load_missions()


def quote(text: str, span: tuple[int, int]) -> str:
    return text[span[0]:span[1]]


# --- the UNMISS renewals of 2021-2024, in the three languages --------------------------------

UNMISS_RENEWALS = [
    # S/RES/2567 (2021), paragraph 1
    ("en", date(2021, 3, 12), "Decides to extend the mandate of UNMISS until 15 March 2022;",
     "UNMISS", "15 March 2022", date(2022, 3, 15)),
    ("fr", date(2021, 3, 12), "Décide de proroger le mandat de la MINUSS jusqu’au 15 mars 2022 ;",
     "MINUSS", "15 mars 2022", date(2022, 3, 15)),
    ("es", date(2021, 3, 12),
     "Decide prorrogar el mandato de la UNMISS hasta el 15 de marzo de 2022;",
     "UNMISS", "15 de marzo de 2022", date(2022, 3, 15)),
    # S/RES/2625 (2022), paragraph 1
    ("en", date(2022, 3, 15), "Decides to extend the mandate of UNMISS until 15 March 2023;",
     "UNMISS", "15 March 2023", date(2023, 3, 15)),
    ("fr", date(2022, 3, 15), "Décide de proroger le mandat de la MINUSS jusqu’au 15 mars 2023 ;",
     "MINUSS", "15 mars 2023", date(2023, 3, 15)),
    ("es", date(2022, 3, 15),
     "Decide prorrogar el mandato de la UNMISS hasta el 15 de marzo de 2023;",
     "UNMISS", "15 de marzo de 2023", date(2023, 3, 15)),
    # S/RES/2677 (2023), paragraph 1
    ("en", date(2023, 3, 15), "Decides to extend the mandate of UNMISS until 15 March 2024;",
     "UNMISS", "15 March 2024", date(2024, 3, 15)),
    ("fr", date(2023, 3, 15),
     "Décide de proroger le mandat de la Mission des Nations Unies au Soudan du Sud (MINUSS) "
     "jusqu’au 15 mars 2024 ;",
     "Mission des Nations Unies au Soudan du Sud", "15 mars 2024", date(2024, 3, 15)),
    ("es", date(2023, 3, 15),
     "Decide prorrogar el mandato de la UNMISS hasta el 15 de marzo de 2024;",
     "UNMISS", "15 de marzo de 2024", date(2024, 3, 15)),
    # S/RES/2729 (2024), paragraph 1
    ("en", date(2024, 4, 29), "Decides to extend the mandate of UNMISS until 30 April 2025;",
     "UNMISS", "30 April 2025", date(2025, 4, 30)),
    ("fr", date(2024, 4, 29),
     "Décide de proroger le mandat de la Mission des Nations Unies au Soudan du Sud (MINUSS) "
     "jusqu’au 30 avril 2025 ;",
     "Mission des Nations Unies au Soudan du Sud", "30 avril 2025", date(2025, 4, 30)),
    ("es", date(2024, 4, 29),
     "Decide prorrogar el mandato de la UNMISS hasta el 30 de abril de 2025;",
     "UNMISS", "30 de abril de 2025", date(2025, 4, 30)),
]


@pytest.mark.parametrize(("language", "adopted", "text", "mention", "written", "end"),
                         UNMISS_RENEWALS)
def test_unmiss_renewal_gives_the_mission_its_end_date_and_where_they_are_written(
    missions, language: str, adopted: date, text: str, mention: str, written: str, end: date,
) -> None:
    renewal = read_renewal(text, language, missions, adopted)
    assert renewal is not None
    assert renewal.mission == UNMISS
    assert renewal.end == end and not renewal.end_computed
    assert quote(text, renewal.mission_span) == mention
    assert quote(text, renewal.end_span) == written
    assert not renewal.anaphoric


def test_the_four_unmiss_renewals_make_a_chain_of_end_dates(missions) -> None:
    ends = [read_renewal(text, language, missions, adopted).end  # type: ignore[union-attr]
            for language, adopted, text, *_ in UNMISS_RENEWALS if language == "en"]
    assert ends == [date(2022, 3, 15), date(2023, 3, 15), date(2024, 3, 15), date(2025, 4, 30)]


# --- other wordings --------------------------------------------------------------------------


def read_one(missions, text: str, language: str = "en", adopted: date | None = None,
             context: str = "") -> Renewal:
    found = read_renewals(text, language, missions, adopted, context)
    assert len(found) == 1, found
    return found[0]


def test_date_before_the_mandate_and_full_name(missions) -> None:
    # S/RES/2405 (2018), paragraph 4
    text = ("Decides to extend until 17 March 2019 the mandate of UNAMA, as defined in its "
            "resolutions 1662 (2006), 1746 (2007) and paragraphs 6 and 7 below;")
    renewal = read_one(missions, text)
    assert (renewal.mission, renewal.end) == ("organ/un-unama", date(2019, 3, 17))
    # S/RES/2233 (2015), paragraph 1: the month before the day
    text = ("Decides to extend the mandate of the United Nations Assistance Mission for Iraq "
            "(UNAMI) until July 31, 2016;")
    renewal = read_one(missions, text)
    assert (renewal.mission, renewal.end) == ("organ/un-unami", date(2016, 7, 31))
    assert quote(text, renewal.mission_span) == "United Nations Assistance Mission for Iraq"


def test_its_mandate_is_the_mission_named_before(missions) -> None:
    # S/RES/2234 (2015), paragraph 7
    text = ("Expresses its full support for UNFICYP and decides to extend its mandate for a "
            "further period ending 31 January 2016;")
    renewal = read_one(missions, text)
    assert (renewal.mission, renewal.end, renewal.anaphoric) == (
        "organ/un-unficyp", date(2016, 1, 31), True)
    assert quote(text, renewal.mission_span) == "its"
    # S/RES/2506 (2020), paragraph 10, Spanish
    text = ("Expresa su pleno apoyo a la UNFICYP, y decide prorrogar su mandato por un nuevo "
            "período que terminará el 31 de julio de 2020;")
    assert read_one(missions, text, "es").end == date(2020, 7, 31)


def test_the_force_of_the_french_text_is_found_in_the_text_before(missions) -> None:
    # S/RES/2506 (2020), paragraph 10: "la Force" is UNFICYP, named in the preamble
    text = ("Exprime son plein appui à la Force et décide d’en proroger le mandat jusqu’au "
            "31 juillet 2020 ;")
    assert read_renewals(text, "fr", missions, date(2020, 1, 30)) == []
    context = "Se félicitant du rapport du Secrétaire général sur l’UNFICYP (S/2020/23),"
    renewal = read_one(missions, text, "fr", date(2020, 1, 30), context)
    assert (renewal.mission, renewal.end) == ("organ/un-unficyp", date(2020, 7, 31))
    assert quote(text, renewal.mission_span) == "en"


def test_french_and_spanish_acronyms_and_short_names(missions) -> None:
    # S/RES/2539 (2020), paragraph 1
    assert read_one(missions, "Décide de proroger jusqu’au 31 août 2021 le mandat actuel de la "
                              "FINUL ;", "fr").mission == "organ/un-unifil"
    assert read_one(missions, "Decide prorrogar el mandato actual de la FPNUL hasta el 31 de "
                              "agosto de 2021;", "es").mission == "organ/un-unifil"
    # S/RES/2545 (2020), paragraph 1: "reconduire", the mission by its short name
    text = ("Décide de reconduire, jusqu’au 25 septembre 2021, le mandat de la Mission de "
            "vérification, dirigée par un Représentant spécial du Secrétaire général ;")
    renewal = read_one(missions, text, "fr")
    assert (renewal.mission, renewal.end) == ("organ/un-vm-colombia", date(2021, 9, 25))
    assert quote(text, renewal.verb_span) == "Décide de reconduire"


def test_a_stated_date_wins_over_the_period_which_is_kept(missions) -> None:
    # S/RES/2229 (2015), paragraph 7
    text = ("Decides to renew the mandate of the United Nations Disengagement Observer Force for "
            "a period of six months, that is, until 31 December 2015, and requests the "
            "Secretary-General to ensure that UNDOF has the required capacity;")
    renewal = read_one(missions, text, adopted=date(2015, 6, 29))
    assert (renewal.mission, renewal.end, renewal.end_computed, renewal.period) == (
        "organ/un-undof", date(2015, 12, 31), False, "P6M")
    # S/RES/2203 (2015), paragraph 1: a start and an end
    text = ("Decides to extend the mandate of UNIOGBIS for a period of 12 months beginning on "
            "1 March 2015 until 29 February 2016;")
    renewal = read_one(missions, text, adopted=date(2015, 2, 18))
    assert (renewal.end, renewal.start, renewal.end_computed) == (
        date(2016, 2, 29), date(2015, 3, 1), False)


def test_a_period_is_counted_from_its_stated_start(missions) -> None:
    # S/RES/1436 (2002), paragraph 1: a passive, six months from 30 September 2002
    text = ("Decides that the mandate of UNAMSIL shall be extended for a period of six months "
            "from 30 September 2002;")
    renewal = read_one(missions, text, adopted=date(2002, 9, 24))
    assert (renewal.mission, renewal.end, renewal.end_computed) == (
        "organ/un-unamsil", date(2003, 3, 30), True)
    assert quote(text, renewal.end_span) == "for a period of six months"
    assert quote(text, renewal.verb_span) == "shall be extended"


def test_a_period_without_a_start_is_counted_from_the_adoption_date(missions) -> None:
    # S/RES/2350 (2017), paragraph 1 (list of resolutions shortened)
    text = ("Decides to extend MINUSTAH’s mandate, as contained in its resolutions 2313 (2016) "
            "and 1542 (2004), for a final period of six months, and that the Mission shall close "
            "by 15 October 2017;")
    renewal = read_one(missions, text, adopted=date(2017, 4, 13))
    assert (renewal.mission, renewal.end, renewal.end_computed, renewal.period) == (
        "organ/un-minustah", date(2017, 10, 13), True, "P6M")
    undated = read_one(missions, text)
    assert undated.end is None and undated.period == "P6M"


# --- paragraphs that renew no mission --------------------------------------------------------


@pytest.mark.parametrize(("language", "text"), [
    # the last paragraph of most resolutions
    ("en", "Decides to remain seized of the matter."),
    ("fr", "Décide de rester saisi de la question."),
    ("es", "Decide seguir ocupándose de la cuestión."),
    # S/RES/2262 (2016), paragraph 22: a panel of experts is not a mission
    ("en", "Decides to extend the mandate of the Panel of Experts until 28 February 2017 and, "
           "expresses its intent to review the mandate and take appropriate action regarding "
           "further extension no later than 31 January 2017;"),
    # S/RES/2508 (2020), paragraph 2 (shortened)
    ("fr", "Décide de proroger jusqu’au 12 mars 2021 le mandat du Groupe d’experts initialement "
           "constitué en application de la résolution 1591 (2005) ;"),
    # S/RES/2541 (2020), paragraph 3 (shortened): the mission is named, but not as the owner
    ("es", "Decide prorrogar hasta el 30 de septiembre de 2021 el mandato del Grupo de Expertos, "
           "enunciado en los párrafos 11 a 15 de la resolución 2374 (2017), así como la solicitud "
           "hecha a la MINUSMA en el párrafo 16 de la resolución 2374 (2017);"),
    # S/RES/2366 (2017), paragraph 9: a willingness, not a decision
    ("en", "Expresses its willingness to work with the Government of Colombia to extend the "
           "mandate of the Verification Mission on the basis of agreement between the parties."),
    # S/RES/2405 (2018), paragraph 5 (shortened)
    ("en", "Recognizes that the renewed mandate of UNAMA is in support of Afghanistan’s full "
           "assumption of leadership and ownership;"),
    # S/RES/2416 (2018), paragraph 3 (shortened): a condition
    ("en", "Decides to reduce the authorized troop ceiling of UNISFA to 4,500 until 15 November "
           "2018, unless it decides to extend the mandate modification set forth in resolution "
           "2024 (2011);"),
])
def test_paragraph_that_renews_no_mission_gives_nothing(missions, language: str,
                                                        text: str) -> None:
    assert read_renewals(text, language, missions, date(2020, 1, 1)) == []
    assert read_renewal(text, language, missions, date(2020, 1, 1)) is None


def test_unknown_language_is_refused(missions) -> None:
    with pytest.raises(ValueError, match="language must be one of en, fr, es"):
        read_renewals("Decides to extend the mandate of UNMISS until 30 April 2025;", "de",
                      missions)


def test_index_knows_each_mission_by_its_names_in_each_language(missions) -> None:
    assert {"organ/un-unmiss", "organ/un-minusca", "organ/un-vm-colombia"} <= missions.missions
    found = missions.mentions("la MINUSS, la UNMISS et la Mission des Nations Unies au Soudan "
                              "du Sud", "fr")
    assert {m.mission for m in found} == {UNMISS} and len(found) == 3
    # acronyms only as written: "minus" is no mission
    assert missions.mentions("plus or minus", "en") == []
