"""The UN's vote files → votes, sponsors and subjects: what a user querying the graph sees.

The samples under tests/data/akn/votes are lines cut unchanged from the UN's data_extract files
(see the README there); a test that needs a name the UN never wrote edits a copy in memory.
"""

from __future__ import annotations

import tarfile
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import OWL, RDF

from graph.akn.json_lines import read_json_lines
from graph.akn.sponsors import load_sponsor_phrases, read_sponsor, read_sponsors
from graph.akn.state_names import load_state_names, read_names_file
from graph.akn.votes import (
    SPONSOR_LISTS,
    VOTE_LISTS,
    read_vote_file,
    resolution_path,
    unbis_concept_path,
)
from graph.config import ONTOLOGY_FILE, REFERENCE_DIR
from graph.namespaces import MG, PREFIXES

BASE = "https://w3id.org/mandate-graph/id/"
SAMPLES = Path(__file__).parent / "data" / "akn" / "votes"
SC_2024 = SAMPLES / "sc-2024.json"
RES_2722 = BASE + "resolution/un-s-res-2722"


def read(path: Path, text: str | None = None) -> tuple[ox.Store, list[str]]:
    """The statements of one sample (or of ``text`` under its name) in a store, and warnings."""
    found = read_vote_file(text if text is not None else path.read_text(encoding="utf-8"),
                           doc_stem=path.stem, base=BASE, file_name=path.name)
    store = ox.Store()
    store.extend(found.quads)
    return store, found.warnings


def objects(store: ox.Store, subject: str, local: str) -> set[str]:
    """The values of ``mg:local`` (or ``prefix:local``) on a subject, as plain strings."""
    iri = PREFIXES[local.split(":")[0]] + local.split(":")[1] if ":" in local else MG + local
    return {q.object.value for q in store.quads_for_pattern(
        ox.NamedNode(subject), ox.NamedNode(iri), None)}


def votes_by_cast(store: ox.Store, resolution: str) -> dict[str, set[str]]:
    """Alpha-3 codes (or names, for unknown voters) of the votes on a resolution, by cast."""
    cast: dict[str, set[str]] = {}
    for quad in store.quads_for_pattern(None, ox.NamedNode(MG + "voteOn"),
                                        ox.NamedNode(resolution)):
        vote = quad.subject.value
        voters = objects(store, vote, "voter") | objects(store, vote, "voterName")
        for position in objects(store, vote, "voteCast"):
            cast.setdefault(position.removeprefix(MG), set()).update(
                v.rsplit("/", 1)[-1] for v in voters)
    return cast


@pytest.fixture(scope="module")
def sc_2024() -> tuple[ox.Store, list[str]]:
    return read(SC_2024)


def test_a_security_council_vote_lists_each_state_with_its_vote(sc_2024) -> None:
    store, warnings = sc_2024
    cast = votes_by_cast(store, RES_2722)
    assert warnings == []
    assert len(cast["InFavour"]) == 11 and len(cast["Abstaining"]) == 4
    assert "Against" not in cast
    assert {"GBR", "KOR", "FRA", "USA"} <= cast["InFavour"]
    assert cast["Abstaining"] == {"DZA", "CHN", "MOZ", "RUS"}


def test_the_counts_and_the_adoption_are_on_the_resolution(sc_2024) -> None:
    store, _ = sc_2024
    assert objects(store, RES_2722, "votesInFavour") == {"11"}
    assert objects(store, RES_2722, "votesAgainst") == {"0"}
    assert objects(store, RES_2722, "votesAbstaining") == {"4"}
    assert objects(store, RES_2722, "adoptionType") == {"Adopted 11-0-4, 9527th meeting"}
    assert objects(store, RES_2722, "adoptedWithoutVote") == {"false"}
    assert objects(store, RES_2722, "adoptionMeeting") == {"9527th meeting"}
    assert objects(store, RES_2722, "meetingNumber") == {"9527"}
    assert objects(store, RES_2722, "adoptionDate") == {"2024-01-10"}
    assert objects(store, RES_2722, "symbol") == {"S/RES/2722 (2024)"}
    assert objects(store, RES_2722, "issuedBy") == {BASE + "organ/un-sc"}


def test_sponsors_draft_and_agenda_item(sc_2024) -> None:
    store, _ = sc_2024
    assert objects(store, RES_2722, "sponsoredBy") == {BASE + "state/JPN", BASE + "state/USA"}
    assert objects(store, RES_2722, "draftSymbol") == {"S/2024/37"}
    assert objects(store, RES_2722, "draftDocument") == {BASE + "document/un-s-2024-37"}
    assert objects(store, RES_2722, "agendaItem") == {"The situation in the Middle East"}


def test_sdgs_and_thesaurus_subjects_are_concepts(sc_2024) -> None:
    store, _ = sc_2024
    subjects = objects(store, RES_2722, "dcterms:subject")
    assert "http://metadata.un.org/sdg/14" in subjects
    assert BASE + "concept/unbis-maritime-security" in subjects
    assert objects(store, "http://metadata.un.org/sdg/14", "skos:prefLabel") == {
        "SDG 14", "ODD 14", "ODS 14"}
    assert objects(store, BASE + "concept/unbis-maritime-security", "skos:inScheme") == {
        "http://metadata.un.org/thesaurus"}
    assert objects(store, RES_2722, "subjectLabel") == {"Houthis"}


def test_every_statement_is_in_the_files_named_graph(sc_2024) -> None:
    store, _ = sc_2024
    graphs = {q.graph_name for q in store}
    assert graphs == {ox.NamedNode(BASE + "graph/source/sc-2024")}


def test_the_evidence_of_a_vote_quotes_the_name_in_the_file(sc_2024) -> None:
    store, _ = sc_2024
    text = SC_2024.read_text(encoding="utf-8")
    vote = ox.NamedNode(RES_2722 + "/vote/GBR")
    (evidence,) = [q.object for q in store.quads_for_pattern(
        vote, ox.NamedNode(MG + "hasEvidence"), None)]
    selectors = objects(store, evidence.value, "oa:hasSelector")
    position = next(s for s in selectors if s.endswith("#position"))
    quote = next(s for s in selectors if s.endswith("#quote"))
    start = int(next(iter(objects(store, position, "oa:start"))))
    end = int(next(iter(objects(store, position, "oa:end"))))
    assert text[start:end] == "UNITED KINGDOM"
    assert objects(store, quote, "oa:exact") == {"UNITED KINGDOM"}
    assert objects(store, evidence.value, "oa:hasSource") == {BASE + "source/sc-2024"}


def test_unanimous_adoption_without_names_gives_counts_but_no_votes(sc_2024) -> None:
    store, _ = sc_2024
    res = BASE + "resolution/un-s-res-2723"
    assert votes_by_cast(store, res) == {}
    assert objects(store, res, "votesInFavour") == {"15"}
    assert objects(store, res, "adoptedWithoutVote") == {"false"}


def test_the_later_layout_reads_the_same(sc_2024) -> None:
    store, _ = sc_2024
    res = BASE + "resolution/un-s-res-2732"
    assert len(votes_by_cast(store, res)["InFavour"]) == 15
    assert objects(store, res, "votesInFavour") == {"15"}  # written "015"
    assert objects(store, res, "adoptionDate") == {"2024-05-31"}  # "31\u00a0May\u00a02024"


def test_an_unknown_name_is_a_warning_and_the_vote_is_kept() -> None:
    line = SC_2024.read_text(encoding="utf-8").splitlines()[0]
    text = line.replace('"JAPAN", "MALTA"', '"FREEDONIA", "MALTA"')
    store, warnings = read(SC_2024, text + "\n")
    assert warnings == [
        "sc-2024.json: line 1: 'FREEDONIA' is not a State name known to ISO 3166 or the UN "
        "aliases; add it to graph/akn/un-state-names.tsv"
    ]
    vote = RES_2722 + "/vote/name-freedonia"
    assert objects(store, vote, "voterName") == {"FREEDONIA"}
    assert objects(store, vote, "voter") == set()
    assert objects(store, vote, "voteCast") == {MG + "InFavour"}
    assert len(votes_by_cast(store, RES_2722)["InFavour"]) == 11


def test_a_line_whose_symbol_cannot_be_read_is_a_warning_with_its_number() -> None:
    first = SC_2024.read_text(encoding="utf-8").splitlines()[0]
    broken = first.replace("S/RES/2722 (2024)", "S/RES/twenty")
    store, warnings = read(SC_2024, f"{first}\n{broken}\nnot json\n")
    assert warnings == [
        "sc-2024.json: line 2: cannot read the resolution symbol 'S/RES/twenty'; line skipped",
        "sc-2024.json: line 3: not JSON (Expecting value, column 1); line skipped",
    ]
    assert len(votes_by_cast(store, RES_2722)["InFavour"]) == 11


def test_without_a_vote_gives_the_flag_and_no_vote() -> None:
    store, warnings = read(SAMPLES / "ga-78.json")
    res = BASE + "resolution/un-a-res-78-1"
    assert warnings == []
    assert objects(store, res, "adoptedWithoutVote") == {"true"}
    assert votes_by_cast(store, res) == {}
    assert objects(store, res, "votesInFavour") == set()
    assert objects(store, res, "sponsoredBy") == set()
    assert objects(store, res, "sponsorNote") == {
        "SUBMITTED BY THE PRESIDENT OF THE GENERAL ASSEMBLY"}


def test_members_listed_for_a_resolution_adopted_without_a_vote_cast_no_vote() -> None:
    store, warnings = read(SAMPLES / "sc-2018.json")
    res = BASE + "resolution/un-s-res-2403"
    assert warnings == []  # "CÔTE." and "D'IVOIRE" are one name split in two
    assert objects(store, res, "adoptedWithoutVote") == {"true"}
    assert votes_by_cast(store, res) == {}


def test_a_recorded_vote_of_the_general_assembly() -> None:
    store, warnings = read(SAMPLES / "ga-78.json")
    res = BASE + "resolution/un-a-res-78-13"
    cast = votes_by_cast(store, res)
    assert warnings == []
    assert objects(store, res, "votesInFavour") == {str(len(cast["InFavour"]))}
    assert objects(store, res, "votesAgainst") == {str(len(cast["Against"]))}
    assert objects(store, res, "votesAbstaining") == {str(len(cast["Abstaining"]))}
    assert {"TUR", "NLD", "IRN"} <= set().union(*cast.values())
    # a State sponsoring on behalf of a group is a sponsor; the entry is kept as a note
    assert objects(store, res, "sponsoredBy") == {BASE + "state/IDN"}
    (note,) = objects(store, res, "sponsorNote")
    assert note.startswith("INDONESIA (ON BEHALF OF THE STATES MEMBERS")
    assert objects(store, res, "agendaItemNumber") == {"91"}
    assert objects(store, res, "draftSymbol") == {"A/78/401, para. 7"}
    assert objects(store, res, "draftDocument") == {BASE + "document/un-a-78-401"}


def test_an_escaped_name_is_quoted_as_the_file_writes_it() -> None:
    path = SAMPLES / "ga-78.json"
    store, _ = read(path)
    text = path.read_text(encoding="utf-8")
    vote = ox.NamedNode(BASE + "resolution/un-a-res-78-13/vote/TUR")
    (evidence,) = [q.object for q in store.quads_for_pattern(
        vote, ox.NamedNode(MG + "hasEvidence"), None)]
    quote = next(s for s in objects(store, evidence.value, "oa:hasSelector")
                 if s.endswith("#quote"))
    (exact,) = objects(store, quote, "oa:exact")
    assert "\\u" in exact and exact in text


def test_a_lettered_resolution_and_its_states_listed_twice() -> None:
    store, warnings = read(SAMPLES / "ga-75.json")
    res = BASE + "resolution/un-a-res-75-290-a"
    cast = votes_by_cast(store, res)
    assert warnings == []
    assert objects(store, res, "symbol") == {"A/RES/75/290 A"}
    assert len(cast["InFavour"]) == 90 and len(cast["Abstaining"]) == 47
    assert objects(store, res, "votesInFavour") == {"90"}


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_every_name_of_the_samples_is_a_state_of_the_reference_data(path: Path) -> None:
    states = {str(s).rsplit("/", 1)[-1] for s in rdflib.Graph().parse(
        REFERENCE_DIR / "states.ttl", format="turtle", publicID=BASE).subjects(
            RDF.type, rdflib.URIRef(MG + "State"))}
    names, phrases = load_state_names(), load_sponsor_phrases()
    codes: list[str | None] = []
    for line in read_json_lines(path.read_text(encoding="utf-8")):
        for key in VOTE_LISTS:
            codes += names.resolve_all([n.value for n in line.value[key]])
        for key in SPONSOR_LISTS:
            for sponsor in read_sponsors([n.value for n in line.value[key]], names, phrases):
                assert sponsor.known
                codes += sponsor.states
    assert codes and None not in codes and set(codes) <= states  # type: ignore[operator]
    assert read(path)[1] == []


def test_the_ontology_declares_every_term_the_reader_writes() -> None:
    ontology = rdflib.Graph().parse(ONTOLOGY_FILE, format="turtle")
    declared = {str(s) for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty,
                                    OWL.AnnotationProperty, OWL.NamedIndividual)
                for s in ontology.subjects(RDF.type, kind)}
    used: set[str] = set()
    for path in SAMPLES.glob("*.json"):
        store, _ = read(path)
        for quad in store:
            for node in (quad.predicate, quad.object):
                if isinstance(node, ox.NamedNode) and node.value.startswith(MG):
                    used.add(node.value)
    assert used and used <= declared, sorted(used - declared)


@pytest.mark.parametrize(("name", "code"), [
    ("UNITED KINGDOM", "GBR"),
    ("RUSSIAN FEDERATION", "RUS"),
    ("REPUBLIC OF KOREA", "KOR"),
    ("DEMOCRATIC PEOPLE’S REPUBLIC OF KOREA", "PRK"),
    ("BOLIVIA (PLURINATIONAL STATE OF)", "BOL"),
    ("TÜRKİYE", "TUR"),
    ("TURKEY", "TUR"),
    ("CÔTE D’IVOIRE", "CIV"),
    ("COTE D'IVOIRE", "CIV"),
    ("THE BAHAMAS", "BHS"),
    ("ANDORRA\u00a0", "AND"),
    ("STATE OF PALESTINE", "PSE"),
    ("UNITED REPUBLIC OF TANZANIA", "TZA"),
])
def test_un_spellings_resolve_to_their_state(name: str, code: str) -> None:
    assert load_state_names().resolve(name) == code


def test_a_territory_is_not_a_state() -> None:
    assert load_state_names().resolve("PUERTO RICO") is None


def test_two_fragments_of_one_list_make_one_state() -> None:
    names = load_state_names()
    assert names.resolve_all(["CÔTE.", "CHINA", "D'IVOIRE"]) == ["CIV", "CHN", "CIV"]
    assert names.resolve_all(["ISLANDS", "PERU"]) == [None, "PER"]


def test_a_names_file_line_with_a_code_outside_the_reference_states_is_refused(
    tmp_path: Path,
) -> None:
    wrong = tmp_path / "names.tsv"
    wrong.write_text("# comment\nPUERTO RICO\tPRI\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"names\.tsv: line 2: .*states\.ttl"):
        read_names_file(wrong)


@pytest.mark.parametrize(("entry", "states", "note"), [
    ("JAPAN", ("JPN",), False),
    ("ANTIGUA AND BARBUDA", ("ATG",), False),
    ("UNITED STATES AND VIET NAM", ("USA", "VNM"), False),
    ("CHILE,DOMINICAN REPUBLIC", ("CHL", "DOM"), False),
    ("CUBA, ON BEHALF OF THE STATES MEMBERS OF THE UNITED NATIONS THAT ARE MEMBERS OF THE "
     "MOVEMENT OF NON-ALIGNED COUNTRIES", ("CUB",), True),
    ("NIGERIA (ON BEHALF OF THE STATES MEMBERS OF THE UNITED NATIONS THAT ARE MEMBERS OF THE "
     "GROUP OF AFRICAN STATES) AND PORTUGAL", ("NGA", "PRT"), True),
    ("ROMANIA (IN ITS CAPACITY AS CHAIR OF THE COMMITTEE ON THE PEACEFUL USES OF OUTER SPACE)",
     ("ROU",), True),
    ("THE REPRESENTATIVE OF BRAZIL ON BEHALF OF THE BUREAU", (), True),
    ("SUBMITTED BY THE CHAIR OF THE COMMITTEE FOLLOWING INFORMAL CONSULTATIONS", (), True),
])
def test_sponsor_entries(entry: str, states: tuple[str, ...], note: bool) -> None:
    sponsor = read_sponsor(entry, load_state_names(), load_sponsor_phrases())
    assert (sponsor.states, sponsor.note, sponsor.known) == (states, note, True)


def test_an_unreadable_sponsor_is_unknown() -> None:
    sponsor = read_sponsor("THE OF KOREA", load_state_names(), load_sponsor_phrases())
    assert not sponsor.known and sponsor.note and sponsor.states == ()


@pytest.mark.parametrize(("symbol", "path"), [
    ("S/RES/2722 (2024)", "resolution/un-s-res-2722"),
    ("S/RES/2722(2024)", "resolution/un-s-res-2722"),
    ("A/RES/78/10", "resolution/un-a-res-78-10"),
    ("A/RES/75/290 A", "resolution/un-a-res-75-290-a"),
    ("A/RES/75/254 A-C", "resolution/un-a-res-75-254"),  # as the AKN reader names the file
])
def test_resolution_iris_come_from_the_symbol(symbol: str, path: str) -> None:
    assert resolution_path(symbol) == path


def test_a_thesaurus_concept_has_one_iri_for_the_json_label_and_the_akn_show_as() -> None:
    assert unbis_concept_path("MARITIME SECURITY") == unbis_concept_path("maritime_security")


def test_the_check_script_lists_the_names_that_do_not_resolve(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bench.check_state_names import main

    line = SC_2024.read_text(encoding="utf-8").splitlines()[0]
    member = tmp_path / "2024.json"
    member.write_text(line.replace('"JAPAN", "MALTA"', '"FREEDONIA", "MALTA"') + "\n",
                      encoding="utf-8")
    archive = tmp_path / "corpus.tar.xz"
    with tarfile.open(archive, "w:xz") as tar:
        tar.add(member, arcname="unxml-sc/data_extract/2024.json")
    assert main([str(archive)]) == 1
    out = capsys.readouterr().out
    assert "unxml-sc/data_extract/2024.json: line 1: MS_in_favour: 'FREEDONIA'" in out
    assert "1 vote files: 1 unknown names (1 distinct)" in out

