"""The release diff page (``/diff``) by names: what changed, in words a reader knows.

Why its own module: :mod:`graph.diff` gives the changes as IRIs (classes, properties, the
resources added or removed, the links, the SHACL results' shapes and focus nodes). The page
shows each by its label in the reader's language — looked up in the served release in one
query (``graph/node-labels.rq`` for the IRIs the page shows), a class or property by its
ontology label, a removed thing the served release no longer labels by a name derived from
its IRI (:func:`server.pages.derived_name`) — and keeps the IRI only behind the link. Long
lists page, 50 a page, each with its own page parameter.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from graph.diff import Diff
from server.pages import Shown, href, label_index, local_words, select_for, show
from server.paging import page_of


@dataclass(frozen=True)
class LinkChange:
    """One link added (+) or removed (−): subject, property, object, by name."""

    sign: str
    subject: Shown
    property: Shown
    object: Shown


def _terms(iris: Iterable[str]) -> list[ox.NamedNode]:
    found = []
    for iri in dict.fromkeys(iris):
        try:
            found.append(ox.NamedNode(iri))
        except ValueError:
            continue
    return found


def diff_view(changes: Diff, lang: str, base: str) -> dict[str, object]:
    """Everything the diff page shows, by name, as plain values for the template."""
    added, removed = changes.mandates_added, changes.mandates_removed
    added_paging, added_shown = page_of(added, lang=lang, parameter="added_page")
    removed_paging, removed_shown = page_of(removed, lang=lang, parameter="removed_page")
    pairs = [(sign, prop, s, o) for prop, (plus, minus) in sorted(changes.links.items())
             for sign, items in (("+", plus), ("−", minus)) for s, o in items]
    links_paging, links_shown = page_of(pairs, lang=lang, parameter="links_page")
    shacl = [("+", r) for r in changes.shacl_appeared or []] + \
        [("−", r) for r in changes.shacl_gone or []]
    shacl_paging, shacl_shown = page_of(shacl, lang=lang, parameter="shacl_page")
    wanted = [*added_shown, *removed_shown, *(x for _, _, s, o in links_shown for x in (s, o)),
              *(r.get("focus", "") for _, r in shacl_shown)]
    rows, _cut = select_for("graph/node-labels", "node", _terms(wanted))
    labels = label_index(rows, "node", "label")

    def name(iri: str) -> Shown:
        try:
            term = ox.NamedNode(iri)
        except ValueError:
            return Shown(iri)
        return show(term, lang=lang, base=base, labels=labels)

    def vocabulary(iri: str) -> Shown:
        shown = name(iri)
        return Shown(shown.text, href(iri, base), iri=iri) if shown.href else shown

    return {
        "classes": sorted(((vocabulary(c), len(pair[0]), len(pair[1]))
                           for c, pair in changes.classes.items()),
                          key=lambda row: row[0].text.casefold()),
        "properties": sorted(((vocabulary(p), pair[0], pair[1])
                              for p, pair in changes.properties.items()),
                             key=lambda row: row[0].text.casefold()),
        "mandates": [("mandates_added", [name(i) for i in added_shown], added_paging),
                     ("mandates_removed", [name(i) for i in removed_shown], removed_paging)],
        "link_changes": [LinkChange(sign, name(s), vocabulary(p), name(o))
                         for sign, p, s, o in links_shown],
        "links_paging": links_paging,
        "shacl": [(sign, r.get("severity", ""), local_words(r.get("shape", "")),
                   name(r.get("focus", ""))) for sign, r in shacl_shown],
        "shacl_paging": shacl_paging,
    }
