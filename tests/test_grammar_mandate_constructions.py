"""The mandate grammar on the constructions of issue 19: bodies with no IRI convention, examples,
exchanges between parties, named subsets, coordinated adjectives, the UN system by pattern, a
State's forces, agents after "by", reporting tasks read over the whole paragraph, pronouns of
the issuer, and deadlines given to the month or without their year."""

from datetime import date

import pytest

from graph.grammar import MandateReading, read_mandate

SC = "organ/un-sc"
GA = "organ/un-ga"
ADOPTED = date(2024, 1, 10)


def _read(text: str, language: str, issuer: str | None = SC,
          adopted: date | None = ADOPTED) -> MandateReading:
    return read_mandate(text, language, adopted=adopted, issuer=issuer)


def _parties(reading: MandateReading) -> list[tuple[str, str | None]]:
    return [(a.text, a.iri) for a in reading.addressees]


# --- addressees ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "language", "iri"), [
    ("Invites the Expert Mechanism on the Rights of Indigenous Peoples to contribute;", "en",
     "organ/un-emrip"),
    ("Invite l’Instance permanente sur les questions autochtones à examiner la question ;", "fr",
     "organ/un-unpfii"),
    ("Invita al Comité para la Eliminación de la Discriminación Racial a que examine;", "es",
     "organ/un-cerd"),
    ("Requests the Disarmament Commission to continue its work;", "en", "organ/un-undc"),
    ("Invites the Commission on the Status of Women to consider the matter;", "en",
     "organ/un-csw"),
])
def test_un_bodies_of_the_reference_data(text: str, language: str, iri: str) -> None:
    assert [a.iri for a in _read(text, language, GA).addressees] == [iri]


@pytest.mark.parametrize(("text", "language", "iri"), [
    ("Authorizes the French armed forces to use all necessary means;", "en", "state/FRA"),
    ("Autorise les forces françaises à user de tous les moyens nécessaires ;", "fr", "state/FRA"),
    ("Exhorta a las fuerzas armadas turcas a que se retiren;", "es", "state/TUR"),
])
def test_a_states_forces_are_the_state(text: str, language: str, iri: str) -> None:
    assert [a.iri for a in _read(text, language).addressees] == [iri]


def test_parties_to_the_convention_are_the_states_parties() -> None:
    reading = _read("Encourages parties to the Convention to follow the guidelines;", "en", GA)
    assert [a.iri for a in reading.addressees] == ["organ/group-states-parties"]


@pytest.mark.parametrize(("text", "language", "parties"), [
    ("Calls upon all States, in particular those of the region, and the Panel of Experts to "
     "cooperate;", "en", [("all States", "organ/group-all-states"),
                          ("the Panel of Experts", None)]),
    ("Exhorte les États Membres, notamment ceux de la région, à coopérer ;", "fr",
     [("les États Membres", "organ/group-member-states")]),
])
def test_examples_are_passed_over(text: str, language: str,
                                  parties: list[tuple[str, str | None]]) -> None:
    assert _parties(_read(text, language)) == parties


def test_but_particularly_adds_an_addressee() -> None:
    reading = _read("Requests all Member States, but particularly the Government of Mali, to "
                    "inform the Committee;", "en")
    assert [a.iri for a in reading.addressees] == ["organ/group-member-states", "state/MLI"]


@pytest.mark.parametrize(("text", "language", "iris"), [
    ("Encourages the exchange of information between UNMISS and the Government of South Sudan;",
     "en", ["organ/un-unmiss", "state/SSD"]),
    ("Encourage la coopération entre la MINUSS et le Gouvernement sud-soudanais ;", "fr",
     ["organ/un-unmiss", "state/SSD"]),
])
def test_the_parties_of_an_exchange_are_the_addressees(text: str, language: str,
                                                       iris: list[str]) -> None:
    assert [a.iri for a in _read(text, language).addressees] == iris


@pytest.mark.parametrize(("text", "language"), [
    ("Invites the Member States of the African Union to consider the proposal;", "en"),
    ("Invita a los Estados Miembros de la región del Sahel a que consideren la propuesta;", "es"),
])
def test_a_named_subset_of_member_states_is_no_group(text: str, language: str) -> None:
    reading = _read(text, language, GA)
    assert len(reading.addressees) == 1
    assert reading.addressees[0].iri is None
    assert reading.addressees[0].text.endswith(("African Union", "Sahel"))


def test_a_restrictive_clause_keeps_the_group() -> None:
    reading = _read("Calls upon Member States that have not yet done so to ratify it;", "en", GA)
    assert [a.iri for a in reading.addressees] == ["organ/group-member-states"]


@pytest.mark.parametrize(("text", "language", "written"), [
    ("Invita a las organizaciones internacionales y regionales a que participen;", "es",
     "las organizaciones internacionales y regionales"),
    ("Invite les organisations internationales et régionales à participer ;", "fr",
     "les organisations internationales et régionales"),
])
def test_coordinated_adjectives_are_one_addressee(text: str, language: str,
                                                  written: str) -> None:
    assert _parties(_read(text, language, GA)) == [(written, None)]


@pytest.mark.parametrize(("text", "language"), [
    ("Requests the relevant entities and agencies of the United Nations system to assist;",
     "en"),
    ("Solicita a las entidades y organizaciones pertinentes del sistema de las Naciones Unidas "
     "que ayuden;", "es"),
    ("Prie les fonds et programmes des Nations Unies de prêter leur concours ;", "fr"),
])
def test_the_united_nations_system_by_pattern(text: str, language: str) -> None:
    assert [a.iri for a in _read(text, language, GA).addressees] == ["organ/un-system"]


@pytest.mark.parametrize(("text", "language", "written"), [
    ("Decides that the Committee shall report to the Council;", "en", "the Committee"),
    ("Calls upon troop-contributing countries to take appropriate measures;", "en",
     "troop-contributing countries"),
    ("Decide prorrogar hasta el 1 de julio de 2025 el mandato del Grupo de Expertos;", "es",
     "Grupo de Expertos"),
])
def test_a_body_with_no_iri_convention_is_read_whole(text: str, language: str,
                                                     written: str) -> None:
    assert _parties(_read(text, language)) == [(written, None)]


def test_a_body_named_again_is_one_addressee() -> None:
    reading = _read("Pide una mayor cooperación entre los Estados y el Grupo de Expertos, y "
                    "solicita al Grupo que le presente un informe;", "es")
    assert _parties(reading) == [("los Estados", "organ/group-all-states"),
                                 ("el Grupo de Expertos", None)]


def test_the_agent_of_the_action_called_for_is_tasked() -> None:
    reading = _read("Demande l’arrêt immédiat des attaques menées par la Fédération de Russie "
                    "contre les infrastructures ;", "fr", GA)
    assert [a.iri for a in reading.addressees] == ["state/RUS"]


def test_a_decided_reporting_task_goes_to_who_presents_it() -> None:
    reading = _read("Decide que las exposiciones informativas que le presente la Presidencia "
                    "del Comité tendrán lugar anualmente;", "es")
    assert reading.creates_mandate
    assert _parties(reading) == [("la Presidencia del Comité", None)]
    assert reading.periodicity is not None and reading.periodicity.duration == "P1Y"
    assert [a.iri for a in reading.report_to] == [SC]


# --- report-to -------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "language", "iris"), [
    ("Authorizes the French forces to use all means, and requests France to ensure reporting "
     "to the Council on this mandate;", "en", [SC]),
    ("Prie le Secrétaire général de le tenir régulièrement informé de l’application ;", "fr",
     [SC]),
    ("Prie le Secrétaire général d’établir une feuille de route et de lui faire connaître "
     "ladite feuille de route ;", "fr", [SC]),
    ("Requests the Monitoring Team to provide the Committee established pursuant to "
     "resolutions 1267 (1999) and 1989 (2011) on a quarterly basis oral briefings;", "en",
     ["organ/un-sc-committee-1267"]),
    ("Urges prompt reporting by the Secretary-General to the Security Council and "
     "troop-contributing countries;", "en", [SC, None]),
    ("Requests the Secretary-General to transmit to the Disarmament Commission the report, and "
     "to render all assistance that the Commission may require;", "en", ["organ/un-undc"]),
])
def test_report_to(text: str, language: str, iris: list[str | None]) -> None:
    assert [a.iri for a in _read(text, language).report_to] == iris


def test_a_committee_nothing_names_is_an_unresolved_recipient() -> None:
    reading = _read("Exhorta a los Estados Miembros a que informen al Comité sobre las medidas;",
                    "es")
    assert [(a.text, a.iri) for a in reading.report_to] == [("al Comité", None)]


# --- deadlines -------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "language", "adopted", "value"), [
    ("Requests the Secretary-General to submit his next report by March 2014;", "en",
     date(2013, 6, 24), date(2014, 3, 31)),
    ("Solicita al Secretario General que preste apoyo al período de sesiones, en abril de 2023;",
     "es", date(2022, 12, 15), date(2023, 4, 30)),
    ("Prie le Secrétaire général de lui présenter un rapport au premier semestre de 2025 ;",
     "fr", date(2024, 6, 1), date(2025, 6, 30)),
    ("Prie le Secrétaire général de lui présenter un rapport, le prochain devant lui être "
     "présenté le 31 août au plus tard ;", "fr", date(2022, 3, 1), date(2022, 8, 31)),
    ("Prie le Secrétaire général de lui présenter, jusqu’au 1er juillet 2024, des rapports "
     "mensuels ;", "fr", date(2024, 1, 10), date(2024, 7, 1)),
])
def test_deadlines_to_the_month_or_without_a_year(text: str, language: str, adopted: date,
                                                  value: date) -> None:
    deadline = _read(text, language, adopted=adopted).deadline
    assert deadline is not None and deadline.kind == "date" and deadline.date == value


def test_a_date_before_the_adoption_is_no_deadline() -> None:
    reading = _read("Requests the Secretary-General to support the process started in "
                    "October 2003;", "en", adopted=date(2011, 6, 17))
    assert reading.deadline is None


def test_the_first_of_two_sessions_is_the_deadline() -> None:
    reading = _read("Invita a la Relatora Especial a que presente un informe a la Asamblea "
                    "General en sus períodos de sesiones septuagésimo sexto y septuagésimo "
                    "séptimo;", "es", GA)
    assert reading.deadline is not None and reading.deadline.session == 76


def test_a_date_wins_over_a_session() -> None:
    reading = _read("Requests the Secretary-General to report at its eightieth session, and to "
                    "submit an interim report by 15 May 2025;", "en", GA)
    assert reading.deadline is not None and reading.deadline.date == date(2025, 5, 15)


def test_the_date_of_an_event_is_no_deadline() -> None:
    reading = _read("Decide que las exposiciones informativas que le presente la Presidencia "
                    "del Comité coincidirán con la reunión, que se celebrará antes del 15 de "
                    "diciembre de 2024;", "es")
    assert reading.deadline is None


def test_who_presents_a_decided_briefing_is_its_addressee() -> None:
    reading = _read("Decides that future briefings from the Chair of the Committee to the "
                    "Security Council shall take place on an annual basis;", "en")
    assert _parties(reading) == [("the Chair of the Committee", None)]
    assert [a.iri for a in reading.report_to] == [SC]


@pytest.mark.parametrize(("text", "language"), [
    ("Authorises MONUSCO to monitor, report immediately to the Security Council and follow up "
     "on violations;", "en"),
    ("Demande au Mécanisme d’inclure dans les rapports qu’il lui présente des informations ;",
     "fr"),
])
def test_more_report_wording(text: str, language: str) -> None:
    assert [a.iri for a in _read(text, language).report_to] == [SC]


@pytest.mark.parametrize(("text", "language"), [
    ("Invites the multilateral development banks to continue to provide financing;", "en"),
    ("Appeals to Governments to contribute to the Fund;", "en"),
])
def test_agents_named_with_a_noun_of_action_are_addressees(text: str, language: str) -> None:
    assert _read(text, language, GA).addressees


@pytest.mark.parametrize(("text", "language"), [
    ("Demande aux Gouvernements soudanais et sud-soudanais de coopérer ;", "fr"),
    ("Urges the Sudanese and South Sudanese Governments to cooperate;", "en"),
    ("Insta a los Gobiernos sudanés y sursudanés a que cooperen;", "es"),
])
def test_two_governments_by_their_adjectives(text: str, language: str) -> None:
    assert sorted(a.iri or "" for a in _read(text, language).addressees) == ["state/SDN",
                                                                              "state/SSD"]


@pytest.mark.parametrize(("text", "language", "written"), [
    ("Invites international and regional organizations to support the process;", "en",
     "international and regional organizations"),
    ("Demande aux pays fournisseurs de contingents et de personnel de police de prendre des "
     "mesures ;", "fr", "aux pays fournisseurs de contingents et de personnel de police"),
])
def test_one_unresolved_addressee_however_coordinated(text: str, language: str,
                                                      written: str) -> None:
    assert _parties(_read(text, language)) == [(written, None)]


@pytest.mark.parametrize(("text", "language", "value"), [
    ("Requests the Secretary-General to complete the review by the end of 2025;", "en",
     date(2025, 12, 31)),
    ("Prie le Secrétaire général d’achever l’examen d’ici à la fin du mois de septembre 2025 ;",
     "fr", date(2025, 9, 30)),
    ("Solicita al Secretario General que concluya el examen antes de que finalice 2025;", "es",
     date(2025, 12, 31)),
])
def test_the_end_of_a_year_or_a_month_is_its_last_day(text: str, language: str,
                                                       value: date) -> None:
    deadline = _read(text, language, GA).deadline
    assert deadline is not None and deadline.date == value


def test_a_year_alone_is_no_deadline() -> None:
    assert _read("Requests the Secretary-General to convene a meeting in 2025;", "en",
                 GA).deadline is None


@pytest.mark.parametrize(("text", "language", "issuer", "iris"), [
    ("Requests the Secretary-General to include that information in all reports to the "
     "Security Council;", "en", SC, [SC]),
    ("Prie le Haut-Commissaire de faire figurer ces renseignements dans ses rapports au Conseil "
     "des droits de l’homme ;", "fr", GA, ["organ/un-hrc"]),
    ("Solicita al Secretario General que informe al respecto a la Asamblea General;", "es", GA,
     [GA]),
])
def test_the_recipient_of_the_reports_the_task_feeds(text: str, language: str, issuer: str,
                                                     iris: list[str]) -> None:
    assert [a.iri for a in _read(text, language, issuer).report_to] == iris


def test_a_name_holding_a_conjunction_does_not_split_the_conjunct() -> None:
    reading = _read("Exhorta a las Potencias administradoras de los Territorios que figuran en el "
                    "programa del Comité Especial encargado de Examinar la Situación con "
                    "respecto a la Aplicación de la Declaración sobre la Concesión de la "
                    "Independencia a los Países y Pueblos Coloniales a que cooperen;", "es", GA)
    assert len(reading.addressees) == 1 and reading.addressees[0].iri is None


def test_coordinated_adjectives_with_their_qualifier() -> None:
    reading = _read("Encourage les organismes régionaux et internationaux compétents à recenser "
                    "les bonnes pratiques ;", "fr", GA)
    assert _parties(reading) == [("les organismes régionaux et internationaux compétents", None)]


@pytest.mark.parametrize(("text", "language", "iris"), [
    ("Exige el cese inmediato de la violencia contra la población civil, el personal "
     "humanitario y las instalaciones;", "es", []),
    ("Demands the immediate withdrawal of all foreign forces, and calls upon all parties to "
     "cooperate;", "en", ["organ/group-parties"]),
    ("Charge le Comité, lorsqu’il ajoute un nom à la Liste relative aux sanctions contre "
     "l’EIIL (Daech) et Al-Qaida, d’afficher un exposé des motifs ;", "fr", [None]),
])
def test_things_asked_for_and_when_clauses_are_no_addressees(text: str, language: str,
                                                             iris: list[str | None]) -> None:
    assert [a.iri for a in _read(text, language).addressees] == iris


def test_lo_mantenga_al_corriente_is_the_issuer() -> None:
    reading = _read("Solicita al Secretario General que lo mantenga al corriente sobre la "
                    "situación;", "es")
    assert [a.iri for a in reading.report_to] == [SC]
