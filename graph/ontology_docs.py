"""Render the ontology as one self-contained, readable HTML page.

The page is built from the Turtle file alone, with plain string building and html.escape: no
template engine, no network access (no fonts, scripts or stylesheets fetched), so it can be
generated offline and served as-is. It lists the ontology header, then each class and property
defined in the ontology's namespace with its labels (en, fr, es), definitions, super-terms,
domain, range and inverse.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import rdflib
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

LANGUAGES = ("en", "fr", "es")

SECTIONS = (
    ("classes", "Classes", OWL.Class),
    ("object-properties", "Object properties", OWL.ObjectProperty),
    ("data-properties", "Data properties", OWL.DatatypeProperty),
    ("annotation-properties", "Annotation properties", OWL.AnnotationProperty),
)

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #222; }
code { background: #f3f3f3; padding: 0 .2em; }
section.term { border-top: 1px solid #ddd; padding: .5rem 0; }
dl { display: grid; grid-template-columns: 10rem 1fr; gap: .2rem 1rem; }
dt { font-weight: bold; }
dd { margin: 0; }
"""


def render_ontology_html(ttl_path: Path) -> str:
    """Return the HTML documentation page of the ontology stored in ``ttl_path``."""
    graph = rdflib.Graph()
    graph.parse(str(ttl_path), format="turtle")
    ontology = next(graph.subjects(RDF.type, OWL.Ontology), None)
    namespace = _namespace(graph, ontology)
    title = _text(graph, ontology, DCTERMS.title, "en") or "Ontology"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{escape(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(title)}</h1>",
        _header(graph, ontology, namespace),
    ]
    sections = [
        (anchor, heading, _terms(graph, kind, namespace)) for anchor, heading, kind in SECTIONS
    ]
    parts.append("<nav><ul>")
    for anchor, heading, terms in sections:
        parts.append(f'<li><a href="#{anchor}">{escape(heading)}</a> ({len(terms)})</li>')
    parts.append("</ul></nav>")
    for anchor, heading, terms in sections:
        parts.append(f'<h2 id="{anchor}">{escape(heading)}</h2>')
        parts.extend(_term(graph, term, namespace) for term in terms)
    parts.extend(["</body>", "</html>", ""])
    return "\n".join(parts)


def _namespace(graph: rdflib.Graph, ontology: rdflib.term.Node | None) -> str:
    """The namespace whose terms are documented: the declared one, else the ontology IRI + '#'."""
    declared = next(
        graph.objects(ontology, rdflib.URIRef("http://purl.org/vocab/vann/preferredNamespaceUri")),
        None,
    ) if ontology is not None else None
    if declared is not None:
        return str(declared)
    return f"{ontology}#" if ontology is not None else ""


def _terms(graph: rdflib.Graph, kind: rdflib.URIRef, namespace: str) -> list[rdflib.URIRef]:
    """The terms of one kind defined in the namespace, sorted by local name for stable output."""
    return sorted(
        (
            term
            for term in set(graph.subjects(RDF.type, kind))
            if isinstance(term, rdflib.URIRef) and str(term).startswith(namespace)
        ),
        key=lambda term: str(term).lower(),
    )


def _text(
    graph: rdflib.Graph, subject: rdflib.term.Node | None, predicate: rdflib.URIRef, lang: str
) -> str:
    """The smallest literal of subject/predicate in the language, or '': stable output."""
    if subject is None:
        return ""
    values = sorted(
        str(value)
        for value in graph.objects(subject, predicate)
        if isinstance(value, rdflib.Literal) and (value.language or "") == lang
    )
    return values[0] if values else ""


def _header(graph: rdflib.Graph, ontology: rdflib.term.Node | None, namespace: str) -> str:
    """The ontology's metadata as a definition list."""
    if ontology is None:
        return "<p>No owl:Ontology is declared in this file.</p>"
    rows: list[tuple[str, str]] = [("IRI", _code(str(ontology)))]
    for label, predicate in (
        ("Version IRI", OWL.versionIRI),
        ("Version", OWL.versionInfo),
        ("License", DCTERMS.license),
        ("Creator", DCTERMS.creator),
    ):
        for value in sorted(graph.objects(ontology, predicate), key=str):
            rows.append((label, _value(value)))
    rows.append(("Namespace", _code(namespace)))
    for lang in LANGUAGES:
        description = _text(graph, ontology, DCTERMS.description, lang)
        if description:
            rows.append((f"Description ({lang})", escape(description)))
    return _definition_list(rows)


def _term(graph: rdflib.Graph, term: rdflib.URIRef, namespace: str) -> str:
    """One class or property: labels, definitions, and its place among the other terms."""
    local = str(term)[len(namespace):]
    english = _text(graph, term, RDFS.label, "en") or local
    rows: list[tuple[str, str]] = [("IRI", _code(str(term)))]
    for lang in LANGUAGES:
        label = _text(graph, term, RDFS.label, lang)
        if label:
            rows.append((f"Label ({lang})", escape(label)))
    for lang in LANGUAGES:
        definition = _text(graph, term, SKOS.definition, lang)
        if definition:
            rows.append((f"Definition ({lang})", escape(definition)))
    disjoint = set(graph.objects(term, OWL.disjointWith)) | set(
        graph.subjects(OWL.disjointWith, term)
    )
    if disjoint:
        rendered_disjoint = (_link(graph, other, namespace) for other in sorted(disjoint, key=str))
        rows.append(("Disjoint with", ", ".join(rendered_disjoint)))
    for label, predicate in (
        ("Sub-class of", RDFS.subClassOf),
        ("Sub-property of", RDFS.subPropertyOf),
        ("Inverse of", OWL.inverseOf),
        ("Domain", RDFS.domain),
        ("Range", RDFS.range),
    ):
        values = sorted(graph.objects(term, predicate), key=str)
        if values:
            rendered = (_class_expression(graph, value, namespace) for value in values)
            rows.append((label, ", ".join(rendered)))
    subclasses = sorted(graph.subjects(RDFS.subClassOf, term), key=str)
    if subclasses:
        rows.append(("Sub-classes", ", ".join(_link(graph, s, namespace) for s in subclasses)))
    for note in sorted(graph.objects(term, SKOS.scopeNote), key=str):
        rows.append(("Note", escape(str(note))))
    return (
        f'<section class="term" id="{escape(local, quote=True)}">'
        f"<h3>{escape(english)} <small><code>mg:{escape(local)}</code></small></h3>"
        f"{_definition_list(rows)}</section>"
    )


def _class_expression(graph: rdflib.Graph, node: rdflib.term.Node, namespace: str) -> str:
    """A named term as a link, or an owl:unionOf blank node as 'A or B'."""
    members = next(graph.objects(node, OWL.unionOf), None)
    if isinstance(node, rdflib.BNode) and members is not None:
        items = rdflib.collection.Collection(graph, members)
        return " or ".join(_link(graph, item, namespace) for item in items)
    return _link(graph, node, namespace)


def _link(graph: rdflib.Graph, node: rdflib.term.Node, namespace: str) -> str:
    """An internal anchor for terms of the namespace, the compact IRI in code otherwise."""
    text = str(node)
    if text.startswith(namespace):
        local = text[len(namespace):]
        return f'<a href="#{escape(local, quote=True)}"><code>mg:{escape(local)}</code></a>'
    try:
        return _code(graph.namespace_manager.curie(text, generate=False))
    except (ValueError, KeyError):  # no prefix is bound for this IRI: show it whole
        return _code(text)


def _value(node: rdflib.term.Node) -> str:
    """A header value: IRIs as links (they are public addresses), literals as text."""
    if isinstance(node, rdflib.URIRef):
        return f'<a href="{escape(str(node), quote=True)}">{escape(str(node))}</a>'
    return escape(str(node))


def _code(text: str) -> str:
    return f"<code>{escape(text)}</code>"


def _definition_list(rows: list[tuple[str, str]]) -> str:
    """Rows of (escaped name, already-escaped HTML value) as a <dl>."""
    items = "".join(f"<dt>{escape(name)}</dt><dd>{value}</dd>" for name, value in rows)
    return f"<dl>{items}</dl>"
