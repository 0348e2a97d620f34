"""Mandates a made-up work plan or plan note states, tied to their resolution and organ."""

from __future__ import annotations

from pathlib import Path

from graph.extract import _gazetteer
from graph.extract.document import DocumentContext, extract_document
from graph.sources import SourceDocument
from tests.conftest import BASE

MG = "https://w3id.org/mandate-graph/ontology#"


def assignments(text: str, stem: str = "note") -> set[tuple[str, str]]:
    """(mandate, organ) pairs read from ``text``, as IRI paths."""
    doc = SourceDocument(Path(f"{stem}.txt"), stem, text, "0" * 64)
    facts = extract_document(doc, DocumentContext(), _gazetteer(BASE), BASE)
    return {
        (q.subject.value[len(BASE) :], q.object.value[len(BASE) :])
        for q in facts.quads()
        if q.predicate.value == MG + "assignedTo"
    }


def test_the_body_of_the_sentence_under_a_paragraph_is_its_assignee():
    text = (
        "Note on the National Action Plan of the Government of Ghana on resolution 1325 (2000) "
        "of the Security Council.\n\n"
        "Paragraph 1 of resolution 1325 (2000) urges Member States to ensure increased "
        "representation of women. Under this paragraph, the Ministry of Gender, Children and "
        "Social Protection (MoGCSP) shall lead the review of appointments.\n\n"
        "Paragraph 8 of the resolution calls on all actors to adopt a gender perspective. "
        "The plan recalls it. Under this paragraph, the Ghana Police Service (GPS) will train "
        "its officers, with the support of the MoGCSP.\n"
    )
    assert assignments(text) == {
        ("resolution/un-s-res-1325/paragraph/1/mandate", "organ/gha-mogcsp"),
        ("resolution/un-s-res-1325/paragraph/8/mandate", "organ/gha-gps"),
    }


def test_a_sentence_that_cites_another_paragraph_ends_the_reach_of_the_anaphora():
    text = (
        "Government of Ghana. Paragraph 1 of resolution 1325 (2000) of the Security Council "
        "urges States. Paragraph 2 of the resolution encourages the Secretary-General. "
        "Under this paragraph, the Ministry of Defence (MoD) shall report.\n"
    )
    assert assignments(text) == {
        ("resolution/un-s-res-1325/paragraph/2/mandate", "organ/gha-mod"),
    }


def test_the_organ_after_the_reference_and_before_the_duty_word_is_the_assignee():
    text = (
        "Government of Ghana. Resolution 1325 (2000) of the Security Council is followed. "
        "Under paragraph 4 of the resolution, the Ministry of Defence (MoD) shall report.\n"
    )
    assert assignments(text) == {
        ("resolution/un-s-res-1325/paragraph/4/mandate", "organ/gha-mod"),
    }


def test_titles_read_from_an_english_document_are_tagged_english():
    from graph.extract.fact_writer import document_language

    assert document_language("The work plan of the Committee and its calendar") == "en"
    assert document_language("Le plan de travail de la Commission et son calendrier") == "fr"
    assert document_language("El plan de trabajo del Consejo y los Estados") == "es"


def test_the_addressee_of_the_verb_after_the_reference_is_the_assignee():
    text = (
        "Note on the plan. Resolution 1325 (2000) of the Security Council is followed. "
        "Paragraph 3 of the resolution urges the Secretary-General to appoint more women.\n"
    )
    assert assignments(text) == {
        ("resolution/un-s-res-1325/paragraph/3/mandate", "organ/un-sg"),
    }


def test_a_next_sentence_whose_subject_is_a_body_with_a_duty_assigns_it():
    text = (
        "Government of Ghana. Paragraph 1 of resolution 1325 (2000) of the Security Council "
        "is the basis of the plan. The Ministry of the Interior (MINT) is responsible for its "
        "implementation.\n"
    )
    assert ("resolution/un-s-res-1325/paragraph/1/mandate", "organ/gha-mint") in assignments(text)


def test_a_state_that_the_anaphoric_sentence_names_is_the_assignee_when_no_organ_is():
    text = (
        "Note. Paragraph 1 of resolution 1325 (2000) of the Security Council urges States. "
        "Under this paragraph, Ghana shall raise the share of women among its officers.\n"
    )
    assert ("resolution/un-s-res-1325/paragraph/1/mandate", "state/GHA") in assignments(text)
