"""The mandate grammar on EN/FR/ES operative paragraphs: act, addressees, action, deadline,
periodicity, report-to, and what it marks as not understood."""

from datetime import date

import pytest

from graph.grammar import MandateReading, read_mandate

SC = "organ/un-sc"
GA = "organ/un-ga"
ADOPTED = date(2024, 1, 10)


def _read(text: str, language: str, issuer: str | None = SC) -> MandateReading:
    return read_mandate(text, language, adopted=ADOPTED, issuer=issuer)


def _iris(reading: MandateReading) -> list[str | None]:
    return [a.iri for a in reading.addressees]


def _action(text: str, reading: MandateReading) -> str:
    assert reading.action is not None
    return text[reading.action[0]:reading.action[1]]


# --- acts and addressees ---------------------------------------------------------------------


@pytest.mark.parametrize(("text", "language", "act", "iris"), [
    ("Requests the Secretary-General to submit a report on the implementation of this "
     "resolution;", "en", "request", ["organ/un-sg"]),
    ("Also requests the Secretary-General to continue to monitor the situation;", "en",
     "request", ["organ/un-sg"]),
    ("Calls upon all Member States to implement fully the measures;", "en", "call_upon",
     ["organ/group-member-states"]),
    ("Urges the Government of South Sudan to ensure accountability;", "en", "urge",
     ["state/SSD"]),
    ("Requests UNMISS to support the peace process;", "en", "request", ["organ/un-unmiss"]),
    ("Requests the Secretary-General and calls upon regional organizations to provide political "
     "support;", "en", "request", ["organ/un-sg", "organ/group-regional-organizations"]),
    ("Encourages Member States, donors and the international community to contribute to the "
     "Fund;", "en", "encourage", ["organ/group-member-states", "organ/group-donors",
                                  "organ/group-international-community"]),
    ("Prie le Secrétaire général de lui présenter un rapport ;", "fr", "request",
     ["organ/un-sg"]),
    ("Prie également le Secrétaire général de continuer à suivre la situation ;", "fr",
     "request", ["organ/un-sg"]),
    ("Exhorte les États Membres à coopérer pleinement avec le Comité ;", "fr", "urge",
     ["organ/group-member-states"]),
    ("Demande aux autorités maliennes de poursuivre leurs efforts ;", "fr", "call_upon",
     ["state/MLI"]),
    ("Solicita al Secretario General que presente un informe;", "es", "request",
     ["organ/un-sg"]),
    ("Insta a los Estados Miembros a que cooperen plenamente;", "es", "urge",
     ["organ/group-member-states"]),
    ("Exhorta también a todas las partes a que pongan fin a las hostilidades;", "es", "call_upon",
     ["organ/group-parties"]),
    # the "that" left out, or kept, before a subjunctive: the addressee ends at its verb
    ("Requests the Secretary-General provide written monthly reports to the Council;", "en",
     "request", ["organ/un-sg"]),
    ("Requests that the Secretary-General provide written monthly reports, through July 1, "
     "2024, on any attacks, which will be considered;", "en", "request", ["organ/un-sg"]),
])
def test_the_act_and_whom_it_tasks(text: str, language: str, act: str,
                                   iris: list[str]) -> None:
    reading = _read(text, language)
    assert reading.act == act
    assert reading.creates_mandate
    assert _iris(reading) == iris
    assert reading.unresolved == ()


@pytest.mark.parametrize(("text", "language", "iri"), [
    ("Requests the Committee established pursuant to resolution 2048 (2012) to report to the "
     "Council;", "en", "organ/un-sc-committee-2048"),
    ("Prie le Comité créé par la résolution 2048 (2012) de lui faire rapport ;", "fr",
     "organ/un-sc-committee-2048"),
    ("Solicita al Comité establecido en virtud de la resolución 2048 (2012) que le informe;",
     "es", "organ/un-sc-committee-2048"),
    ("Requests the Panel of Experts established pursuant to resolution 2206 (2015) to provide "
     "a final report;", "en", "organ/un-sc-panel-2206"),
])
def test_a_committee_or_panel_is_named_by_its_establishing_resolution(text: str, language: str,
                                                                      iri: str) -> None:
    reading = _read(text, language)
    assert _iris(reading) == [iri]
    assert reading.addressees[0].known is False  # the reference data does not describe it


def test_a_committee_the_reference_data_describes_is_known() -> None:
    reading = _read("Requests the Counter-Terrorism Committee to continue its work;", "en")
    assert _iris(reading) == ["organ/un-sc-committee-1373"]
    assert reading.addressees[0].known is True


def test_the_issuer_decides_what_a_bare_name_means() -> None:
    text = "To instruct the General Secretariat to support the Member States;"
    assert _iris(_read(text, "en", "organ/oas-ga")) == ["organ/oas-gs"]
    assert _read("Requests the Secretariat to assist;", "en", GA).addressees[0].iri == \
        "organ/un-secretariat"


def test_a_body_the_task_is_done_with_is_not_an_addressee() -> None:
    text = ("Requests the Secretary-General, in consultation with the Government of Haiti, "
            "to submit a written report;")
    assert _iris(_read(text, "en")) == ["organ/un-sg"]


def test_a_name_inside_a_longer_name_is_not_the_addressee() -> None:
    reading = _read("Requests the Secretary-General's Special Envoy to brief the Council;", "en")
    assert _iris(reading) == [None]
    assert reading.addressees[0].text == "the Secretary-General's Special Envoy"
    assert reading.unresolved == ("addressee",)


# --- "that" clauses, extensions, establishments ------------------------------------------------


def test_demands_that_tasks_the_subject() -> None:
    reading = _read("Demands that all parties cease hostilities immediately;", "en")
    assert (reading.act, _iris(reading)) == ("demand", ["organ/group-parties"])


@pytest.mark.parametrize(("text", "language", "iris"), [
    ("Decides that all States shall continue to take the measures;", "en",
     ["organ/group-all-states"]),
    ("Décide que tous les États devront continuer d'appliquer les mesures ;", "fr",
     ["organ/group-all-states"]),
    ("Decide que todos los Estados deberán seguir aplicando las medidas;", "es",
     ["organ/group-all-states"]),
])
def test_decide_tasks_a_subject_under_an_obligation(text: str, language: str,
                                                    iris: list[str]) -> None:
    reading = _read(text, language)
    assert reading.act == "decide" and reading.creates_mandate
    assert _iris(reading) == iris


def test_decide_without_an_obligation_creates_no_mandate() -> None:
    for text in ("Decides that the mandate of MONUSCO shall include the following tasks:",
                 "Decides that measures shall be taken to that end;",
                 "Decides to remain actively seized of the matter."):
        assert not _read(text, "en").creates_mandate


@pytest.mark.parametrize(("text", "language", "iri", "end"), [
    ("Decides to extend until 30 April 2025 the mandate of UNMISS;", "en", "organ/un-unmiss",
     date(2025, 4, 30)),
    ("Décide de proroger jusqu'au 30 avril 2025 le mandat de la MINUSS ;", "fr",
     "organ/un-unmiss", date(2025, 4, 30)),
    ("Decide prorrogar hasta el 30 de abril de 2025 el mandato de la UNMISS;", "es",
     "organ/un-unmiss", date(2025, 4, 30)),
])
def test_an_extension_tasks_the_extended_body_until_its_end_date(text: str, language: str,
                                                                 iri: str, end: date) -> None:
    reading = _read(text, language)
    assert reading.act == "decide_extend"
    assert _iris(reading) == [iri]
    assert _action(text, reading).split()[0] in ("to", "de", "prorrogar")  # the extension
    assert reading.deadline is not None
    assert (reading.deadline.kind, reading.deadline.date) == ("date", end)


# --- deadlines, periodicity, report-to --------------------------------------------------------


@pytest.mark.parametrize(("text", "language", "kind", "value"), [
    ("Requests the Secretary-General to report by 15 June 2025;", "en", "date",
     date(2025, 6, 15)),
    ("Requests the Secretary-General to submit a report no later than 31 December 2025;", "en",
     "date", date(2025, 12, 31)),
    ("Prie le Secrétaire général de lui présenter d'ici au 15 juin 2025 un rapport ;", "fr",
     "date", date(2025, 6, 15)),
    ("Solicita al Secretario General que presente a más tardar el 15 de junio de 2025 un "
     "informe;", "es", "date", date(2025, 6, 15)),
    ("Requests the Secretary-General to submit to the General Assembly at its eightieth session "
     "a report;", "en", "session", 80),
    ("Prie le Secrétaire général de lui présenter à sa quatre-vingtième session un rapport ;",
     "fr", "session", 80),
    ("Solicita al Secretario General que le presente en su octogésimo período de sesiones un "
     "informe;", "es", "session", 80),
    ("Requests the Secretary-General to report within 90 days;", "en", "duration", "P90D"),
    ("Requests the Secretary-General to submit a report no later than 30 days after the adoption "
     "of this resolution;", "en", "duration", "P30D"),
    ("Prie le Secrétaire général de lui faire rapport dans un délai de 90 jours ;", "fr",
     "duration", "P90D"),
    ("Solicita al Secretario General que le informe en un plazo de 90 días;", "es", "duration",
     "P90D"),
])
def test_deadlines(text: str, language: str, kind: str, value: object) -> None:
    deadline = _read(text, language).deadline
    assert deadline is not None and deadline.kind == kind
    got = {"date": deadline.date, "session": deadline.session,
           "duration": deadline.duration}[kind]
    assert got == value


def test_a_duration_is_also_a_date_when_the_adoption_date_is_known() -> None:
    deadline = _read("Requests the Secretary-General to report within 90 days;", "en").deadline
    assert deadline is not None and deadline.date == date(2024, 4, 9)
    unknown = read_mandate("Requests the Secretary-General to report within 90 days;", "en")
    assert unknown.deadline is not None and unknown.deadline.date is None


@pytest.mark.parametrize(("text", "language", "duration"), [
    ("Requests the Secretary-General to report to the Council every 120 days;", "en", "P120D"),
    ("Requests the Secretary-General to brief the Council every six months;", "en", "P6M"),
    ("Requests the Secretary-General to report annually;", "en", "P1Y"),
    ("Prie le Secrétaire général de lui faire rapport tous les quatre mois ;", "fr", "P4M"),
    ("Prie le Secrétaire général de lui présenter chaque année un rapport ;", "fr", "P1Y"),
    ("Solicita al Secretario General que le informe anualmente;", "es", "P1Y"),
    ("Solicita al Secretario General que le informe cada seis meses;", "es", "P6M"),
    ("Solicita al Secretario General que le informe semestralmente;", "es", "P6M"),
    ("Prie le Secrétaire général de lui présenter des rapports écrits mensuels ;", "fr", "P1M"),
    ("Solicita al Secretario General que le presente todos los meses informes;", "es", "P1M"),
    ("Requests the Secretary-General provide written monthly reports to the Council;", "en",
     "P1M"),
])
def test_periodicity(text: str, language: str, duration: str) -> None:
    periodicity = _read(text, language).periodicity
    assert periodicity is not None and periodicity.duration == duration


def test_a_regular_basis_is_no_period() -> None:
    text = "Requests the Secretary-General to report on a regular basis;"
    assert _read(text, "en").periodicity is None


@pytest.mark.parametrize(("text", "language", "iris"), [
    ("Requests the Secretary-General to report to the Council on progress;", "en", [SC]),
    ("Requests the Secretary-General to submit to the General Assembly at its eightieth session "
     "a report;", "en", [GA]),
    ("Requests the Panel of Experts established pursuant to resolution 2206 (2015) to report to "
     "it;", "en", [SC]),
    ("Prie le Secrétaire général de lui faire rapport ;", "fr", [SC]),
    ("Prie le Secrétaire général de faire rapport au Conseil ;", "fr", [SC]),
    ("Solicita al Secretario General que le informe;", "es", [SC]),
    ("Solicita al Secretario General que informe al Consejo;", "es", [SC]),
    ("Solicita al Secretario General que lo siga informando cada 60 días;", "es", [SC]),
])
def test_report_to(text: str, language: str, iris: list[str]) -> None:
    assert [a.iri for a in _read(text, language).report_to] == iris


def test_an_establishment_tasks_the_body_it_creates() -> None:
    text = ("Decides to establish a United Nations Integrated Transition Assistance Mission in "
            "Sudan (UNITAMS);")
    reading = _read(text, "en")
    assert (reading.act, _iris(reading)) == ("decide_establish", ["organ/un-unitams"])
    assert _action(text, reading).startswith("to establish")


def test_the_action_is_the_span_of_the_task() -> None:
    text = ("Requests the Secretary-General to submit a report on the implementation of this "
            "resolution; and decides to remain seized of the matter.")
    assert _action(text, _read(text, "en")) == ("to submit a report on the implementation of "
                                                "this resolution")


# --- what creates no mandate, and what is not understood ---------------------------------------


@pytest.mark.parametrize(("text", "language", "act"), [
    ("Condemns in the strongest terms all attacks against peacekeepers;", "en", "condemn"),
    ("Welcomes the report of the Secretary-General;", "en", "welcome"),
    ("Reaffirms its strong commitment to the sovereignty of Mali;", "en", "reaffirm"),
    ("Decides to remain seized of the matter.", "en", "remain_seized"),
    ("Condamne fermement toutes les attaques ;", "fr", "condemn"),
    ("Acoge con beneplácito el informe del Secretario General;", "es", "welcome"),
])
def test_acts_that_create_no_mandate(text: str, language: str, act: str) -> None:
    reading = _read(text, language)
    assert reading.act == act
    assert not reading.creates_mandate
    assert reading.addressees == () and reading.unresolved == ()


def test_an_unknown_opening_is_marked_and_not_guessed() -> None:
    reading = _read("Frobnicates the Secretary-General to report;", "en")
    assert reading.act is None and not reading.creates_mandate
    assert reading.unresolved == ("act",)


@pytest.mark.parametrize(("text", "language", "written"), [
    ("Requests the administering Power to cooperate;", "en", "the administering Power"),
    ("Invite la Puissance administrante à coopérer ;", "fr", "la Puissance administrante"),
    ("Insta a los agentes no estatales a que cooperen;", "es", "los agentes no estatales"),
])
def test_an_unknown_addressee_keeps_its_text_without_an_iri(text: str, language: str,
                                                            written: str) -> None:
    reading = _read(text, language)
    assert reading.creates_mandate
    assert [(a.text, a.iri) for a in reading.addressees] == [(written, None)]
    assert reading.unresolved == ("addressee",)


@pytest.mark.parametrize(("text", "language"), [
    ("Encourages continued close collaboration between the entities;", "en"),
    ("Encourages the convening of an informal dialogue every two months;", "en"),
    ("Calls for measures to enhance operational health support;", "en"),
    ("Demande que des mesures efficaces soient prises ;", "fr"),
    ("Pide que se adopten medidas de rendición de cuentas;", "es"),
])
def test_a_task_with_no_one_named_is_unresolved(text: str, language: str) -> None:
    reading = _read(text, language)
    assert reading.creates_mandate and reading.addressees == ()
    assert reading.unresolved == ("addressee",)


def test_a_preposition_is_not_part_of_the_addressee_as_written() -> None:
    reading = _read("Insta a los Estados Miembros a que cooperen;", "es")
    assert [a.text for a in reading.addressees] == ["los Estados Miembros"]


def test_an_obligation_in_a_relative_clause_does_not_task_the_subject() -> None:
    text = ("Decides that the Mission be led by a Special Representative, who shall exercise "
            "overall authority;")
    assert not _read(text, "en").creates_mandate


def test_spans_point_into_the_text() -> None:
    text = "Exhorta al Gobierno de Sudán del Sur a que presente un informe al Consejo;"
    reading = _read(text, "es")
    for addressee in (*reading.addressees, *reading.report_to):
        assert text[addressee.start:addressee.end] == addressee.text
    assert _iris(reading) == ["state/SSD"]


# --- OAS resolutions: infinitive openings, the OAS organs ----------------------------------------

OAS_GA = "organ/oas-ga"


@pytest.mark.parametrize(("text", "language", "iris", "report_to"), [
    ("To instruct the General Secretariat to support the member states and to report to the "
     "Permanent Council;", "en", ["organ/oas-gs"], ["organ/oas-pc"]),
    ("To request the Inter-American Commission of Women (CIM) to present a report on the "
     "implementation of this resolution to the General Assembly at its fifty-fourth regular "
     "session.", "en", ["organ/oas-cim"], ["organ/oas-ga"]),
    ("Encomendar a la Secretaría General que apoye a los Estados Miembros y que informe al "
     "Consejo Permanente.", "es", ["organ/oas-gs"], ["organ/oas-pc"]),
    ("Charger le Secrétariat général d'appuyer les États membres et de faire rapport au Conseil "
     "permanent.", "fr", ["organ/oas-gs"], ["organ/oas-pc"]),
])
def test_oas_operative_paragraphs(text: str, language: str, iris: list[str],
                                  report_to: list[str]) -> None:
    reading = _read(text, language, OAS_GA)
    assert reading.act == "request"
    assert _iris(reading) == iris
    assert [a.iri for a in reading.report_to] == report_to


def test_a_session_of_the_general_assembly_is_a_deadline() -> None:
    text = ("To request the Permanent Council to report to the General Assembly before the "
            "fifty-third regular session of the General Assembly.")
    deadline = _read(text, "en", OAS_GA).deadline
    assert deadline is not None and (deadline.kind, deadline.session) == ("session", 53)


def test_the_present_resolution_is_not_a_recipient() -> None:
    text = "Solicitar al Consejo Permanente que dé seguimiento a la presente resolución."
    assert _read(text, "es", OAS_GA).report_to == ()


# --- bodies named before: "the Committee", "la Misión" -------------------------------------------

CONTEXT_EN = ("Recalling the Committee established pursuant to resolution 751 (1992) (the "
              "Committee) and the mandate of UNMISS,")


@pytest.mark.parametrize(("text", "language", "context", "iri"), [
    ("Directs the Committee to follow up on the above decision;", "en", CONTEXT_EN,
     "organ/un-sc-committee-751"),
    ("Requests the Mission to support the Government;", "en", CONTEXT_EN, "organ/un-unmiss"),
    ("Prie le Comité de lui faire rapport ;", "fr",
     "Rappelant le Comité créé par la résolution 2127 (2013),", "organ/un-sc-committee-2127"),
    ("Solicita al Comité que le informe;", "es",
     "Recordando el Comité establecido en virtud de la resolución 2127 (2013),",
     "organ/un-sc-committee-2127"),
    ("Solicita a la Misión que apoye al Gobierno;", "es", "Recordando el mandato de la UNMISS,",
     "organ/un-unmiss"),
])
def test_a_common_noun_refers_to_the_body_named_before(text: str, language: str, context: str,
                                                       iri: str) -> None:
    reading = read_mandate(text, language, issuer=SC, context=context)
    assert _iris(reading) == [iri]


def test_without_the_earlier_text_a_common_noun_stays_unresolved() -> None:
    reading = _read("Directs the Committee to follow up on the above decision;", "en")
    assert _iris(reading) == [None] and reading.unresolved == ("addressee",)
    other = read_mandate("Directs the Committee to follow up;", "en", issuer=SC,
                         context="Recalling the mandate of UNMISS,")
    assert _iris(other) == [None]  # no committee was named: nothing to refer back to


@pytest.mark.parametrize(("text", "language", "iris"), [
    ("Decides to authorize Member States acting nationally to take all necessary measures;",
     "en", ["organ/group-member-states"]),
    ("Décide d'autoriser la MINUSCA à utiliser tous les moyens nécessaires ;", "fr",
     ["organ/un-minusca"]),
    ("Decide autorizar a la UNMISS a que utilice todos los medios necesarios;", "es",
     ["organ/un-unmiss"]),
])
def test_decide_with_an_embedded_tasking_verb(text: str, language: str, iris: list[str]) -> None:
    reading = _read(text, language)
    assert reading.act == "decide" and reading.creates_mandate
    assert _iris(reading) == iris


@pytest.mark.parametrize(("text", "language", "written"), [
    ("Requests troop- and police-contributing countries to implement the policy;", "en",
     "troop- and police-contributing countries"),
    ("Encourages designating States to inform the Monitoring Team;", "en", "designating States"),
    ("Exige du régime syrien qu'il coopère pleinement ;", "fr", "du régime syrien"),
])
def test_a_bare_plural_of_agents_is_an_unresolved_addressee(text: str, language: str,
                                                            written: str) -> None:
    reading = _read(text, language)
    assert [(a.text, a.iri) for a in reading.addressees] == [(written, None)]


def test_exige_de_tasks_the_parties() -> None:
    reading = _read("Exige de toutes les parties qu'elles mettent un terme aux combats ;", "fr")
    assert _iris(reading) == ["organ/group-parties"]


def test_an_extension_of_the_current_mandate() -> None:
    reading = _read("Decide prorrogar el mandato actual de la FPNUL hasta el 31 de agosto de "
                    "2024;", "es")
    assert _iris(reading) == ["organ/un-unifil"]


@pytest.mark.parametrize(("text", "language", "written"), [
    ("Demands that all armed groups cease immediately all forms of violence;", "en",
     "all armed groups"),
    ("Exige que toutes les milices armées cessent immédiatement ;", "fr",
     "toutes les milices armées"),
    ("Exige que todos los grupos armados pongan fin a la violencia;", "es",
     "todos los grupos armados"),
])
def test_an_unresolved_that_subject_ends_where_its_predicate_starts(text: str, language: str,
                                                                    written: str) -> None:
    reading = _read(text, language)
    assert [(a.text, a.iri) for a in reading.addressees] == [(written, None)]
    assert reading.unresolved == ("addressee",)


def test_the_high_commissioner_refers_to_the_office_named_before() -> None:
    context = "Recalling the work of the Office of the United Nations High Commissioner for Refugees,"
    reading = read_mandate("Calls upon the Office of the High Commissioner to continue its work;",
                           "en", issuer=GA, context=context)
    assert _iris(reading) == ["organ/un-unhcr"]


def test_adverbs_of_manner_end_a_list_of_addressees() -> None:
    reading = _read("Calls upon Member States, individually and collectively, to act;", "en")
    assert [(a.text, a.iri) for a in reading.addressees] == [
        ("Member States", "organ/group-member-states")]


def test_the_special_committee_on_decolonization() -> None:
    name = ("the Special Committee on the Situation with regard to the Implementation of the "
            "Declaration on the Granting of Independence to Colonial Countries and Peoples")
    reading = _read(f"Requests {name} to continue to examine the question;", "en", GA)
    assert _iris(reading) == ["organ/un-c24"]
    later = read_mandate("Requests the Special Committee to report to it;", "en", issuer=GA,
                         context=f"Having examined the report of {name},")
    assert _iris(later) == ["organ/un-c24"]


@pytest.mark.parametrize(("text", "language"), [
    ("Urges the Governments of Sudan and South Sudan to cooperate;", "en"),
    ("Exhorte les Gouvernements du Soudan et du Soudan du Sud à coopérer ;", "fr"),
    ("Insta a los Gobiernos del Sudán y de Sudán del Sur a que cooperen;", "es"),
])
def test_the_governments_of_two_states(text: str, language: str) -> None:
    assert _iris(_read(text, language)) == ["state/SDN", "state/SSD"]
