"""A seeded dependency fixture around one mission, for the dependency view at scale.

The shipped corpus has no root with more than about 400 nodes in its view, but a researcher who
opens a mission the Security Council has renewed for a decade (UNMISS, 2011–2024) or the first
resolution of such a chain asks the view for 2,000 nodes. This module writes that shape, as a
build would state it: a chain of renewal resolutions (each recalls every earlier one and
reaffirms the one before), each with its operative paragraphs, the mandate each establishes
(most assigned to the mission, some to the Secretary-General or the Council), the activities
that carry the mission's mandates out (``mg:addresses``, ``mg:responsible``) and one reporting
obligation per resolution, with the ontology and the real reference data beside it (the mission
is the reference UNMISS, so its names are the real ones). The resolutions are not real ones:
their numbers start at 5001, above any the Council has adopted.

Why a generator and not the synthetic corpus of :mod:`graph.synthetic`: that one reproduces the
fan-outs of the text corpus, where no root reaches 2,000 nodes below several hundred thousand
quads; this one reaches a chosen view size in a few thousand statements, in under a second, so
a browser test and ``bench/graph_view.py`` can afford a fresh store for each size.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from graph.config import DEFAULT_BASE, graph_iri
from graph.namespaces import DCTERMS, MG, RDF_TYPE, RDFS, SCHEMA
from graph.store import OxigraphStore
from graph.synthetic import iri, lit, load_reference

RDFS_LABEL = RDFS + "label"
DCT_TITLE = DCTERMS + "title"
#: the first resolution number: above any the Security Council has adopted
FIRST_NUMBER = 5001
FIRST_YEAR = 2011
RESOLUTIONS_PER_YEAR = 3
#: operative paragraphs of a renewal resolution (a range drawn from, as UNMISS's run 20–40)
PARAGRAPHS = (18, 32)
#: share of the paragraphs whose mandate goes to the mission (the rest: the SG, the Council)
MISSION_SHARE = 0.8
#: share of the mission's mandates carried out by an activity the graph knows
ACTIVITY_SHARE = 0.5
TASKS = (
    "protection of civilians", "monitoring and investigating human rights",
    "creating the conditions for the delivery of humanitarian assistance",
    "supporting the implementation of the peace agreement", "patrols in Jonglei",
    "support to the electoral process", "early warning of violence", "ceasefire monitoring",
)


@dataclass(frozen=True)
class Fixture:
    """What :func:`write_store` made: the roots a view can start from and the view sizes."""

    store: Path
    mission: str  #: the mission's IRI (root of the largest view)
    first_resolution: str  #: the oldest resolution of the chain (every later one cites it)
    resolutions: int
    mission_view: int  #: nodes of the mission's view at the default depth, counted as made


def _quads(base: str, nodes: int, seed: int) -> tuple[list[str], str, str, int, int]:
    """N-Quads lines of the chain, grown resolution by resolution until the mission's view
    holds at least ``nodes`` nodes; with the mission, the first resolution and the counts."""
    rng = random.Random(seed)  # noqa: S311 - a fixture, not a secret
    graph = iri(graph_iri(base, "source/synthetic-mission"))
    mission = f"{base}organ/un-unmiss"
    others = (f"{base}organ/un-sg", f"{base}organ/un-sc")
    lines: list[str] = []

    def add(s: str, p: str, o: str) -> None:
        lines.append(f"{s} {p} {o} {graph} .\n")

    resolutions: list[str] = []
    view = 1  # the mission itself
    while view < nodes:
        index = len(resolutions)
        number, year = FIRST_NUMBER + index, FIRST_YEAR + index // RESOLUTIONS_PER_YEAR
        symbol = f"S/RES/{number} ({year})"
        res = f"{base}resolution/un-s-res-{number}"
        month = 1 + 4 * (index % RESOLUTIONS_PER_YEAR)
        add(iri(res), iri(RDF_TYPE), iri(MG + "Resolution"))
        add(iri(res), iri(MG + "symbol"), lit(symbol))
        add(iri(res), iri(MG + "adoptionDate"), lit(f"{year}-{month:02d}-15", "date"))
        add(iri(res), iri(DCT_TITLE),
            lit(f"Resolution {number} ({year}) on the mandate of UNMISS", lang="en"))
        add(iri(res), iri(MG + "issuedBy"), iri(others[1]))
        for earlier in resolutions:
            add(iri(res), iri(MG + "recalls"), iri(earlier))
        if resolutions:
            add(iri(res), iri(MG + "reaffirms"), iri(resolutions[-1]))
        obligation = f"{base}obligation/un-s-res-{number}-report"
        add(iri(obligation), iri(RDF_TYPE), iri(MG + "ReportingObligation"))
        add(iri(obligation), iri(RDFS_LABEL), lit(f"Report requested by {symbol}", lang="en"))
        add(iri(obligation), iri(MG + "obligationSource"), iri(res))
        add(iri(obligation), iri(MG + "dueFor"), iri(others[1]))
        resolutions.append(res)
        view += 1
        for n in range(1, rng.randint(*PARAGRAPHS) + 1):
            provision, mandate = f"{res}/paragraph/{n}", f"{res}/paragraph/{n}/mandate"
            add(iri(provision), iri(RDF_TYPE), iri(MG + "Provision"))
            add(iri(provision), iri(RDFS_LABEL), lit(f"{symbol}, paragraph {n}", lang="en"))
            add(iri(res), iri(MG + "hasProvision"), iri(provision))
            add(iri(mandate), iri(RDF_TYPE), iri(MG + "Mandate"))
            add(iri(mandate), iri(RDFS_LABEL),
                lit(f"Mandate of {symbol}, paragraph {n}", lang="en"))
            add(iri(provision), iri(MG + "establishes"), iri(mandate))
            if rng.random() >= MISSION_SHARE:
                add(iri(mandate), iri(MG + "assignedTo"), iri(rng.choice(others)))
                continue
            add(iri(mandate), iri(MG + "assignedTo"), iri(mission))
            view += 2
            if rng.random() < ACTIVITY_SHARE:
                activity = f"{base}activity/unmiss-{number}-{n}"
                add(iri(activity), iri(RDF_TYPE), iri(MG + "Activity"))
                add(iri(activity), iri(DCT_TITLE),
                    lit(f"UNMISS {rng.choice(TASKS)}, {year}", lang="en"))
                add(iri(activity), iri(SCHEMA + "startDate"),
                    lit(f"{year}-{month:02d}-{rng.randint(16, 28)}", "date"))
                add(iri(activity), iri(MG + "addresses"), iri(mandate))
                add(iri(activity), iri(MG + "responsible"), iri(mission))
                view += 1
    return lines, mission, resolutions[0], len(resolutions), view


def write_store(
    path: Path, nodes: int = 2_000, *, seed: int = 0, base: str = DEFAULT_BASE
) -> Fixture:
    """A store at ``path`` (a new folder) holding the ontology, the reference data and a
    mission chain whose view, rooted at the mission, has at least ``nodes`` nodes."""
    if nodes < 2:
        raise ValueError(f"a view of {nodes} nodes has nothing to draw: ask for at least 2")
    lines, mission, first, count, view = _quads(base, nodes, seed)
    reference = load_reference(base)
    store = OxigraphStore(path)
    store.load_dataset("".join((*reference.static_lines, *lines)).encode("utf-8"))
    store.raw.flush()
    return Fixture(store=path, mission=mission, first_resolution=first, resolutions=count,
                   mission_view=view)
