"""Check an ontology (and optionally data) for logical consistency with the HermiT reasoner.

SHACL tells us whether the data has the expected shape; only a DL reasoner tells us whether the
axioms contradict each other (a class that can have no member, an individual in two disjoint
classes). owlready2 bundles HermiT and runs it through Java.

owlready2 reads RDF/XML and N-Triples but not Turtle, so every input is first parsed with rdflib
and written as one N-Triples file in a temporary directory. Each call uses a fresh owlready2
World, so one check never sees the triples of another.

HermiT's command line says *that* an ontology is inconsistent, not *why* (owlready2's
explaining reasoner, Pellet, needs a newer Java than the one we target). So on inconsistency we
add a cheap diagnosis of the most common cause in this project: a resource that is, by its
asserted types and the domains and ranges of the properties it is used with, a member of two
disjoint classes.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import owlready2
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

OWL_NOTHING = str(OWL.Nothing)


class ReasoningError(Exception):
    """The reasoner could not give a verdict (unreadable input, no Java, Java failure)."""


@dataclass(frozen=True)
class ReasoningResult:
    """The verdict of one HermiT run.

    ``consistent`` is False when the axioms and facts contradict each other; ``unsatisfiable``
    lists classes that can have no member (each one is a modelling error even when the whole is
    consistent); ``message`` is a sentence for the user, with a diagnosis when one was found.
    """

    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)
    message: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when the input is consistent and every class can have members."""
        return self.consistent and not self.unsatisfiable


def check_consistency(
    ontology_paths: list[Path], data_paths: Iterable[Path] = ()
) -> ReasoningResult:
    """Run HermiT over the ontology files, plus optional data files, and report the verdict.

    Data files usually hold xsd:date values, a datatype outside the OWL 2 datatype map that HermiT
    would refuse; when data is given, HermiT is told to ignore such datatypes (SHACL checks the
    dates). The ontology alone is checked strictly, so that a range such as xsd:date in it is
    reported as the error it is.

    Raises ReasoningError when an input cannot be read or Java cannot be run.
    """
    data_paths = list(data_paths)
    if not ontology_paths:
        raise ReasoningError("no ontology file given")
    java = _java_executable()
    merged = _merge([*ontology_paths, *data_paths])
    with tempfile.TemporaryDirectory(prefix="mandate-graph-reason-") as tmp:
        ntriples = Path(tmp) / "input.nt"
        merged.serialize(destination=str(ntriples), format="nt", encoding="utf-8")
        result = _run_hermit(ntriples, java, ignore_unsupported_datatypes=bool(data_paths))
    if not result.consistent:
        diagnosis = explain_disjointness_clashes(merged)
        if diagnosis:
            lines = "\n".join(f"  - {line}" for line in diagnosis)
            message = f"{result.message}\nLikely cause:\n{lines}"
        else:
            message = (
                f"{result.message}\nNo member of two disjoint classes was found by the quick "
                "diagnosis; check the ontology alone, then add data files one at a time."
            )
        result = ReasoningResult(consistent=False, message=message, seconds=result.seconds)
    return result


def _java_executable() -> str:
    """Find Java on PATH, because owlready2 otherwise assumes a bare 'java' and fails obscurely."""
    java = shutil.which("java")
    if java is None:
        raise ReasoningError("Java was not found on PATH; the HermiT reasoner needs Java 8+.")
    return java


def _merge(paths: list[Path]) -> rdflib.Graph:
    """Parse every file into one rdflib graph, naming the file that fails to parse."""
    graph = rdflib.Graph()
    for path in paths:
        if not Path(path).is_file():
            raise ReasoningError(f"cannot read {path}: no such file")
        try:
            graph.parse(str(path), format=rdflib.util.guess_format(str(path)) or "turtle")
        except Exception as error:  # rdflib raises many unrelated exception types on bad syntax
            raise ReasoningError(f"cannot parse {path}: {error}") from error
    return graph


def _run_hermit(
    ntriples: Path, java: str, *, ignore_unsupported_datatypes: bool
) -> ReasoningResult:
    """Load the N-Triples file into a fresh World and ask HermiT to classify it."""
    owlready2.JAVA_EXE = java
    world = owlready2.World()
    started = time.monotonic()
    # owlready2 prints progress to stderr and stdout; keep it unless something fails.
    chatter = io.StringIO()
    try:
        with contextlib.redirect_stderr(chatter), contextlib.redirect_stdout(chatter):
            world.get_ontology(ntriples.as_uri()).load()
            owlready2.sync_reasoner_hermit(
                world, debug=0, ignore_unsupported_datatypes=ignore_unsupported_datatypes
            )
        unsatisfiable = sorted(
            str(cls.iri) for cls in world.inconsistent_classes() if cls.iri != OWL_NOTHING
        )
    except owlready2.OwlReadyInconsistentOntologyError as error:
        detail = str(error).strip()
        message = "HermiT: inconsistent (no model satisfies all axioms and facts)."
        if detail:
            message += f" {detail}"
        return ReasoningResult(
            consistent=False, message=message, seconds=time.monotonic() - started
        )
    except owlready2.OwlReadyJavaError as error:
        raise ReasoningError(f"HermiT failed: {error}\n{chatter.getvalue()}".strip()) from error
    finally:
        world.close()
    seconds = time.monotonic() - started
    if unsatisfiable:
        message = f"HermiT: {len(unsatisfiable)} unsatisfiable class(es): " + ", ".join(
            unsatisfiable
        )
    else:
        message = "HermiT: consistent, every class is satisfiable."
    return ReasoningResult(
        consistent=True, unsatisfiable=unsatisfiable, message=message, seconds=seconds
    )


def explain_disjointness_clashes(graph: rdflib.Graph) -> list[str]:
    """List resources that belong to two classes declared disjoint, with why each type holds.

    Types come from rdf:type and from the rdfs:domain / rdfs:range of the (super-)properties a
    resource is used with, closed under rdfs:subClassOf: the RDFS part of what HermiT derives,
    which is enough to explain the usual mistakes (a thing typed twice, a property used on the
    wrong kind of thing). Returns one sentence per clash, sorted; empty when none is found.
    """
    reasons: dict[rdflib.term.Node, dict[rdflib.term.Node, str]] = {}

    def add(resource: rdflib.term.Node, cls: rdflib.term.Node, why: str) -> None:
        if isinstance(resource, rdflib.URIRef) and isinstance(cls, rdflib.URIRef):
            reasons.setdefault(resource, {}).setdefault(cls, why)

    for resource, cls in graph.subject_objects(RDF.type):
        if not str(cls).startswith(str(OWL)):
            add(resource, cls, "asserted")
    for prop in set(graph.predicates()):
        supers = set(graph.transitive_objects(prop, RDFS.subPropertyOf))
        domains = {d for p in supers for d in graph.objects(p, RDFS.domain)}
        ranges = {r for p in supers for r in graph.objects(p, RDFS.range)}
        if not domains and not ranges:
            continue
        for subject, value in graph.subject_objects(prop):
            for cls in domains:
                add(subject, cls, f"domain of <{prop}>")
            for cls in ranges:
                add(value, cls, f"range of <{prop}>")

    clashes: set[str] = set()
    for resource, direct in reasons.items():
        types: dict[rdflib.term.Node, str] = {}
        for cls, why in direct.items():
            for ancestor in graph.transitive_objects(cls, RDFS.subClassOf):
                if ancestor is None:
                    continue
                types.setdefault(ancestor, why if ancestor == cls else f"{why}, via <{cls}>")
        for cls, why in types.items():
            for other in graph.objects(cls, OWL.disjointWith):
                if other in types:
                    first, second = sorted([(str(cls), why), (str(other), types[other])])
                    clashes.add(
                        f"<{resource}> is a <{first[0]}> ({first[1]}) and a <{second[0]}> "
                        f"({second[1]}), which are disjoint"
                    )
    return sorted(clashes)
