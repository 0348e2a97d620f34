"""Entity pages: every IRI of the graph dereferences at /id/<path>, as a page for a reader
(label in their language, types, properties, incoming links, evidence with quotes that open
the document at the quoted span) and as RDF for a linked-data client."""

from __future__ import annotations

import html
import re
import warnings
from pathlib import Path

import pytest
import rdflib
import rdflib.compare
from flask.testing import FlaskClient

from tests.conftest import BASE, ORGAN_CSH

RESOLUTION = BASE + "resolution/oas-ag-res-2945"
QUOTE = "AG/RES. 2945 (XLIX-O/19)"
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
RDF_FORMATS = {
    "text/turtle": ("ttl", "turtle"),
    "application/ld+json": ("jsonld", "json-ld"),
    "application/n-triples": ("nt", "nt"),
}


def parse(body: bytes, rdflib_format: str) -> rdflib.Graph:
    """The body read by rdflib; its JSON-LD reader warns that it uses a deprecated class."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return rdflib.Graph().parse(data=body, format=rdflib_format)


def page(client: FlaskClient, path: str, **headers: str) -> str:
    response = client.get(path, headers={**BROWSER, **headers})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def test_resolution_page_lists_its_provisions(client: FlaskClient) -> None:
    # its statements: the data view (a browser gets the resolution page, test_document_pages.py)
    text = page(client, "/id/resolution/oas-ag-res-2945?view=data")

    assert "<h1>AG/RES. 2945</h1>" in text  # the label; the written symbol is mg:symbol
    assert "AG/RES. 2945 (XLIX-O/19)" in text
    assert 'href="/ontology#Resolution"' in text  # its type, by the class label
    assert 'href="/id/resolution/oas-ag-res-2945/paragraph/52"' in text
    assert "AG/RES. 2945, paragraph 52" in text
    assert 'href="/id/organ/oas-ga"' in text  # issued by, linked and labelled
    assert "General Assembly of the OAS" in text


def test_evidence_quote_opens_the_document_at_the_quoted_span(
    client: FlaskClient, build_dir: Path
) -> None:
    text = page(client, "/id/resolution/oas-ag-res-2945?view=data")
    links = re.findall(
        r'<a class="quote" href="(/documents/csh-work-plan-2019-2020\?start=(\d+)&amp;end=(\d+)'
        r'#span)">([^<]*)</a>',
        text,
    )
    assert links, "no evidence quote links to the CSH work plan"
    source = (build_dir / "current" / "sources" / "csh-work-plan-2019-2020.txt").read_bytes()
    document = source.decode("utf-8")
    for _href, start, end, quote in links:
        assert html.unescape(quote) == QUOTE
        assert document[int(start):int(end)] == QUOTE
    # explicit/inferred, basis and recogniser are shown with the quote
    assert "symbol-series" in text and "symbols" in text and "inferred" in text

    href = html.unescape(links[0][0]).split("#")[0]
    view = page(client, href)
    assert f'<mark id="span" tabindex="-1">{html.escape(QUOTE)}</mark>' in view


def test_french_label_with_accept_language(client: FlaskClient) -> None:
    french = page(client, "/id/organ/oas-csh", **{"Accept-Language": "fr-CA,fr;q=0.9,en;q=0.5"})
    assert '<h1 lang="fr">Commission sur la sécurité continentale</h1>' in french
    english = page(client, "/id/organ/oas-csh", **{"Accept-Language": "en"})
    assert '<h1 lang="en">Committee on Hemispheric Security</h1>' in english
    spanish = page(client, "/id/organ/oas-csh", **{"Accept-Language": "es"})
    assert '<h1 lang="es">Comisión de Seguridad Hemisférica</h1>' in spanish
    fallback = page(client, "/id/organ/oas-csh", **{"Accept-Language": "de"})
    assert '<h1 lang="en">Committee on Hemispheric Security</h1>' in fallback


def test_incoming_links_counted_with_a_page_for_the_rest(client: FlaskClient) -> None:
    text = page(client, "/id/resolution/oas-ag-res-2945?view=data")
    sparql = client.get("/sparql", query_string={"query": (
        f"SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ ?p mg:provisionOf <{RESOLUTION}> }}")},
        headers={"Accept": "application/sparql-results+json"})
    total = int(sparql.get_json()["results"]["bindings"][0]["n"]["value"])
    assert total > 10
    assert re.search(rf"provision of</a>.*?\({total}\)", text, re.DOTALL)

    more = re.search(r'href="(/id/resolution/oas-ag-res-2945\?incoming=[^"]*provisionOf)"', text)
    assert more, "no link to all the provisionOf links"
    listing = page(client, html.unescape(more.group(1)))
    assert f"1–{min(total, 50)} of {total}" in listing  # 50 a page, as every list
    assert listing.count('href="/id/resolution/oas-ag-res-2945/paragraph/') == min(total, 50)


@pytest.mark.parametrize("mimetype", list(RDF_FORMATS))
def test_rdf_by_accept_and_by_extension(client: FlaskClient, mimetype: str) -> None:
    extension, rdflib_format = RDF_FORMATS[mimetype]
    by_accept = client.get("/id/organ/oas-csh", headers={"Accept": mimetype})
    by_extension = client.get(f"/id/organ/oas-csh.{extension}")
    graphs = []
    for response in (by_accept, by_extension):
        assert response.status_code == 200 and response.mimetype == mimetype
        graphs.append(parse(response.data, rdflib_format))
    assert rdflib.compare.isomorphic(graphs[0], graphs[1])

    csh = rdflib.URIRef(ORGAN_CSH)
    label = rdflib.Literal("Commission sur la sécurité continentale", lang="fr")
    assert (csh, rdflib.RDFS.label, label) in graphs[0]
    parent = rdflib.URIRef(BASE + "organ/oas-pc")
    assert (csh, rdflib.URIRef("http://www.w3.org/ns/org#subOrganizationOf"), parent) in graphs[0]
    # labels of the linked entities come along, so a client can show them
    assert any(graphs[0].objects(parent, rdflib.RDFS.label))
    # outgoing statements only: nothing whose subject is another thing but labels
    others = {p for s, p, _o in graphs[0] if s != csh}
    assert others <= {rdflib.RDFS.label, rdflib.SKOS.prefLabel}


def test_rdf_formats_agree(client: FlaskClient) -> None:
    graphs = []
    for mimetype, (extension, rdflib_format) in RDF_FORMATS.items():
        response = client.get(f"/id/resolution/oas-ag-res-2945.{extension}")
        assert response.mimetype == mimetype
        graphs.append(parse(response.data, rdflib_format))
    assert len(graphs[0]) > 50
    assert all(rdflib.compare.isomorphic(graphs[0], g) for g in graphs[1:])


@pytest.mark.parametrize("path", [
    "/id/resolution/oas-ag-res-0",
    "/id/organ/no-such-organ.ttl",
    "/id/../../etc/passwd",
    "/id/organ/%2e%2e/%2e%2e/pyproject.toml",
    "/id/organ/oas-csh%3E%20%3Chttp://x",
    "/id/organ/oas csh",
    "/id/organ//oas-csh",
    "/id/%3Cscript%3E",
])
def test_unknown_or_odd_iris_are_404(client: FlaskClient, path: str) -> None:
    response = client.get(path, headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.get_json()["status"] == 404

    for_browser = client.get(path, headers=BROWSER)
    assert for_browser.status_code == 404 and for_browser.mimetype == "text/html"
    assert "<script>" not in for_browser.get_data(as_text=True)


def test_unacceptable_type_is_406(client: FlaskClient) -> None:
    response = client.get("/id/organ/oas-csh", headers={"Accept": "image/png"})
    assert response.status_code == 406 and response.get_json()["status"] == 406


@pytest.mark.parametrize("name", ["entity-outgoing", "entity-incoming-counts", "entity-known",
                                  "entity-evidence", "entity-describe"])
def test_values_block_answers_as_substitution(store_descriptor: str, name: str) -> None:
    """An HTTP store gets the entity as a VALUES block: same answer as a bound IRI."""
    import pyoxigraph as ox

    from graph.namespaces import PREFIXES
    from server.backends import query_text, with_values

    store = ox.Store.read_only(store_descriptor.removeprefix("oxigraph:"))
    term = ox.NamedNode(RESOLUTION)
    sparql = query_text(name)
    bound = store.query(sparql, prefixes=PREFIXES, substitutions={ox.Variable("entity"): term})
    joined = store.query(with_values(sparql, (("entity", term),)), prefixes=PREFIXES)
    if isinstance(bound, ox.QueryBoolean):
        assert bool(bound) is bool(joined) is True
    elif isinstance(bound, ox.QueryTriples):
        triples = set(bound)
        assert triples == set(joined) and len(triples) > 50  # type: ignore[arg-type]
    else:
        rows = {tuple(str(s[v]) for v in bound.variables) for s in bound}
        others = {tuple(str(s[v]) for v in joined.variables) for s in joined}  # type: ignore[union-attr]
        assert rows == others and rows
