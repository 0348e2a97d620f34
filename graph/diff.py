"""What changed between two releases: statements, resources by class, links, SHACL results.

The comparison is a set difference of the lines of the two ``graph.nq`` files: both are sorted
canonical N-Quads (blank nodes are skolem IRIs), so the same statement is the same line and the
diff of the corpus takes a fraction of a second, with no store opened. Only the added and
removed lines are parsed, to summarise them.

The summary works on triples (a statement that moved from one document's graph to another's is
not a change of the graph's meaning); the quad counts say how many lines changed. SHACL results
are compared from each release's ``validation.json``, written by the build.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.namespaces import DCTERMS, MG, PREFIXES, RDF_TYPE, curie
from graph.release import VALIDATION_FILE

#: statements that are the evidence machinery, not relations between the things described
NOT_LINKS = {
    RDF_TYPE,
    MG + "hasEvidence", MG + "supports", MG + "assertedProperty", MG + "assertedValue",
    DCTERMS + "source",
}
NOT_LINK_NAMESPACES = (
    PREFIXES["rdf"], PREFIXES["rdfs"], PREFIXES["owl"], PREFIXES["oa"], PREFIXES["prov"],
)
MANDATE = MG + "Mandate"


@dataclass
class Diff:
    """The changes from ``old`` to ``new``."""

    old: str
    new: str
    quads_added: int = 0
    quads_removed: int = 0
    triples_added: int = 0
    triples_removed: int = 0
    #: class IRI → [resources typed with it in the added triples, … in the removed]
    classes: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)
    #: property IRI → (statements added, statements removed)
    properties: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: link property IRI → ([(subject, object) added], [(subject, object) removed])
    links: dict[str, tuple[list[tuple[str, str]], list[tuple[str, str]]]] = field(
        default_factory=dict
    )
    #: SHACL results that appeared / went away; None when a release has no validation.json
    shacl_appeared: list[dict[str, str]] | None = None
    shacl_gone: list[dict[str, str]] | None = None

    @property
    def mandates_added(self) -> list[str]:
        return self.classes.get(MANDATE, ([], []))[0]

    @property
    def mandates_removed(self) -> list[str]:
        return self.classes.get(MANDATE, ([], []))[1]

    def to_json(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "quads": {"added": self.quads_added, "removed": self.quads_removed},
            "triples": {"added": self.triples_added, "removed": self.triples_removed},
            "mandates": {"added": self.mandates_added, "removed": self.mandates_removed},
            "classes": {
                cls: {"added": added, "removed": removed}
                for cls, (added, removed) in sorted(self.classes.items())
            },
            "properties": {
                p: {"added": a, "removed": r} for p, (a, r) in sorted(self.properties.items())
            },
            "links": {
                p: {
                    "added": [{"subject": s, "object": o} for s, o in added],
                    "removed": [{"subject": s, "object": o} for s, o in removed],
                }
                for p, (added, removed) in sorted(self.links.items())
            },
            "shacl": None
            if self.shacl_appeared is None
            else {"appeared": self.shacl_appeared, "gone": self.shacl_gone},
        }


def diff_releases(old_dir: Path, new_dir: Path) -> Diff:
    """Compare two release directories (each with its graph.nq)."""
    old_lines = _lines(old_dir / "graph.nq")
    new_lines = _lines(new_dir / "graph.nq")
    added_quads = new_lines - old_lines
    removed_quads = old_lines - new_lines
    result = Diff(old=old_dir.name, new=new_dir.name,
                  quads_added=len(added_quads), quads_removed=len(removed_quads))
    # Triples: a changed line may only have moved between graphs; parse only what changed.
    added = _triples(added_quads)
    removed = _triples(removed_quads)
    if added or removed:
        old_triples = _triples(old_lines) if added else set()
        new_triples = _triples(new_lines) if removed else set()
        added -= old_triples
        removed -= new_triples
    result.triples_added, result.triples_removed = len(added), len(removed)
    _summarise(result, added, removed)
    result.shacl_appeared, result.shacl_gone = _shacl(old_dir, new_dir)
    return result


def _lines(path: Path) -> set[bytes]:
    return {line for line in path.read_bytes().splitlines() if line.strip()}


def _triples(lines: set[bytes]) -> set[ox.Triple]:
    if not lines:
        return set()
    data = b"\n".join(lines) + b"\n"
    return {q.triple for q in ox.parse(data, format=ox.RdfFormat.N_QUADS)}


def _summarise(result: Diff, added: set[ox.Triple], removed: set[ox.Triple]) -> None:
    properties: dict[str, list[int]] = {}
    classes: dict[str, tuple[list[str], list[str]]] = {}
    links: dict[str, tuple[list[tuple[str, str]], list[tuple[str, str]]]] = {}
    for side, triples in ((0, added), (1, removed)):
        counts = Counter(t.predicate.value for t in triples)
        for prop, n in counts.items():
            properties.setdefault(prop, [0, 0])[side] += n
        for t in triples:
            subject = _text(t.subject)
            if t.predicate.value == RDF_TYPE and isinstance(t.object, ox.NamedNode):
                classes.setdefault(t.object.value, ([], []))[side].append(subject)
            elif _is_link(t):
                links.setdefault(t.predicate.value, ([], []))[side].append(
                    (subject, _text(t.object))
                )
    result.properties = {p: (a, r) for p, (a, r) in properties.items()}
    result.classes = {c: (sorted(a), sorted(r)) for c, (a, r) in classes.items()}
    result.links = {p: (sorted(a), sorted(r)) for p, (a, r) in links.items()}


def _is_link(triple: ox.Triple) -> bool:
    """A relation between two described things (mg:addresses, mg:assignedTo, org:…)."""
    prop = triple.predicate.value
    return (
        isinstance(triple.object, ox.NamedNode)
        and prop not in NOT_LINKS
        and not prop.startswith(NOT_LINK_NAMESPACES)
    )


def _text(term: object) -> str:
    return term.value if isinstance(term, ox.NamedNode) else str(term)


def _shacl(old_dir: Path, new_dir: Path) -> tuple[list[dict[str, str]] | None, ...]:
    old, new = _results(old_dir), _results(new_dir)
    if old is None or new is None:
        return None, None
    appeared = [json.loads(k) for k in sorted(new.keys() - old.keys())]
    gone = [json.loads(k) for k in sorted(old.keys() - new.keys())]
    return appeared, gone


def _results(release_dir: Path) -> dict[str, None] | None:
    path = release_dir / VALIDATION_FILE
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return {json.dumps(r, sort_keys=True): None for r in data.get("results", [])}


def format_text(diff: Diff, *, limit: int = 50) -> str:
    """A report a person reads: counts first, then the new and removed mandates and links."""
    out = [
        f"diff {diff.old} → {diff.new}",
        f"triples: +{diff.triples_added} −{diff.triples_removed} "
        f"(N-Quads lines: +{diff.quads_added} −{diff.quads_removed})",
        "",
        "resources by class (added / removed):",
    ]
    for cls, (added, removed) in sorted(diff.classes.items(), key=lambda kv: curie(kv[0])):
        out.append(f"  {curie(cls):40} +{len(added):<6} −{len(removed)}")
    out += ["", "statements by property (added / removed):"]
    for prop, (a, r) in sorted(diff.properties.items(), key=lambda kv: curie(kv[0])):
        out.append(f"  {curie(prop):40} +{a:<6} −{r}")
    mandates: list[tuple[str, list[str]]] = [
        ("mandates added", diff.mandates_added), ("mandates removed", diff.mandates_removed)
    ]
    for label, items in mandates:
        if items:
            out += ["", f"{label} ({len(items)}):"]
            out += [f"  {iri}" for iri in items[:limit]]
            if len(items) > limit:
                out.append(f"  … and {len(items) - limit} more (--format json lists all)")
    for prop, (plus, minus) in sorted(diff.links.items(), key=lambda kv: curie(kv[0])):
        for sign, pairs in (("+", plus), ("−", minus)):
            if not pairs:
                continue
            out += ["", f"{sign} {curie(prop)} ({len(pairs)}):"]
            out += [f"  {s} → {o}" for s, o in pairs[:limit]]
            if len(pairs) > limit:
                out.append(f"  … and {len(pairs) - limit} more")
    out.append("")
    if diff.shacl_appeared is None:
        out.append("SHACL results: not compared (a release has no validation results)")
    else:
        out.append(
            f"SHACL results: {len(diff.shacl_appeared)} appeared, "
            f"{len(diff.shacl_gone or [])} went away"
        )
        changed: list[tuple[str, list[dict[str, str]]]] = [
            ("+", diff.shacl_appeared), ("−", diff.shacl_gone or [])
        ]
        for sign, results in changed:
            for res in results[:limit]:
                out.append(f"  {sign} {res['severity']:9} {curie(res['shape'])} on {res['focus']}")
    return "\n".join(out) + "\n"
