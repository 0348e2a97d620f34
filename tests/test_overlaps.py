"""Requests that repeat an earlier one (graph/registry/overlaps.py): which pairs are found,
in which direction, how many per mandate, and the statements made of them."""

from __future__ import annotations

import pyoxigraph as ox

from graph.namespaces import MG
from graph.registry.overlaps import Candidate, find_overlaps, overlap_quads

BASE = "https://example.org/id/"
SG, SC = BASE + "organ/un-sg", BASE + "organ/un-sc"


def _mandate(n: int, text: str, *, date: str, addressee: str = SG, res: str | None = None
             ) -> Candidate:
    return Candidate(f"{BASE}m{n}", addressee, res or f"{BASE}r{n}", date, text)


REPORT = "to report to the Council every 90 days on the implementation of this resolution"
REPORT_AGAIN = ("to report to the Council every 90 days on the implementation of the present "
                "resolution")
OTHER = "to deploy a strategic communications capacity in support of the electoral process"


def test_a_request_repeated_in_a_later_resolution_is_paired_later_to_earlier() -> None:
    (pair,) = find_overlaps([
        _mandate(1, REPORT, date="2023-03-15"),
        _mandate(2, REPORT_AGAIN, date="2024-04-29"),
        _mandate(3, OTHER, date="2024-05-01"),
    ])
    assert (pair.later, pair.earlier, pair.addressees) == (BASE + "m2", BASE + "m1", (SG,))
    assert 0.7 <= pair.similarity < 1.0


def test_tasks_given_to_different_bodies_or_in_one_resolution_are_not_paired() -> None:
    assert find_overlaps([
        _mandate(1, REPORT, date="2023-03-15", addressee=SG),
        _mandate(2, REPORT, date="2024-04-29", addressee=SC),
    ]) == []
    assert find_overlaps([
        _mandate(1, REPORT, date="2024-04-29", res="r"),
        _mandate(2, REPORT, date="2024-04-29", res="r"),
    ]) == []


def test_a_formula_repeated_everywhere_links_each_mandate_to_its_closest_earlier_three() -> None:
    many = [_mandate(n, REPORT, date=f"20{10 + n}-01-01") for n in range(10)]
    pairs = find_overlaps(many)
    later = {}
    for p in pairs:
        later.setdefault(p.later, []).append(p.earlier)
    assert len(later[BASE + "m9"]) == 3 and len(later[BASE + "m1"]) == 1
    assert BASE + "m0" not in later
    assert all(p.similarity == 1.0 for p in pairs)


def test_two_shared_bodies_make_one_pair_naming_both() -> None:
    (pair,) = find_overlaps([
        _mandate(1, REPORT, date="2023-03-15", addressee=SG),
        _mandate(1, REPORT, date="2023-03-15", addressee=SC),
        _mandate(2, REPORT_AGAIN, date="2024-04-29", addressee=SG),
        _mandate(2, REPORT_AGAIN, date="2024-04-29", addressee=SC),
    ])
    assert pair.addressees == (SC, SG)


def test_below_the_least_similarity_nothing_is_stated() -> None:
    pairs = find_overlaps([_mandate(1, REPORT, date="2023-03-15"),
                           _mandate(2, OTHER, date="2024-04-29")])
    assert pairs == []


def test_statements_of_a_pair() -> None:
    base = BASE
    (pair,) = find_overlaps([_mandate(1, REPORT, date="2023-03-15"),
                             _mandate(2, REPORT_AGAIN, date="2024-04-29")])
    graph = ox.NamedNode(base + "graph/corpus-index")
    quads = overlap_quads([pair], graph, base)
    store = ox.Store()
    store.extend(quads)
    (row,) = store.query(
        f"SELECT ?o ?s WHERE {{ GRAPH ?g {{ ?o a <{MG}MandateOverlap> ; <{MG}similarity> ?s ; "
        f"<{MG}laterMandate> <{BASE}m2> ; <{MG}earlierMandate> <{BASE}m1> ; "
        f"<{MG}sharedAddressee> <{SG}> }} }}")
    assert row["o"].value.startswith(base + "overlap/")
    assert row["s"].datatype.value.endswith("#decimal")
    assert row["s"].value == f"{pair.similarity:.3f}"
    assert overlap_quads([pair], graph, base) == quads  # a rebuild names the pair alike
