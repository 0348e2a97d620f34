"""The resolution page: a resolution with provisions, asked for by a browser, reads as the
document it is — title, adoption, the vote with the States by name, the preamble and the
numbered operative paragraphs in the reader's language, mandates marked, sources linked — and
shows no IRI in its visible text.

The graph is built from the three language versions of S/RES/2722 (2024), the Security
Council's 2024 vote lines, the English version of A/RES/78/285 (tests/data/akn, Source: United
Nations) and, as a researcher's own
file, one hand-written mandate of its paragraph 10 (tests/data/pages), so that the marking of a
mandate is checked whatever the extraction finds.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
from flask.testing import FlaskClient

from graph.build import build
from tests.conftest import BASE

DATA = Path(__file__).parent / "data"
AKN = DATA / "akn"
SOURCES = [AKN / "S_RES_2722-2400437E.xml", AKN / "S_RES_2722-2400437F.xml",
           AKN / "S_RES_2722-2400437S.xml", AKN / "votes" / "sc-2024.json",
           AKN / "A_RES_78_285-2411033E.xml"]  # English only, with sub-paragraphs
MANDATE = DATA / "pages" / "s-res-2722-mandate.ttl"
PAGE = "/id/resolution/un-s-res-2722"
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("resolution-page")
    report = build(SOURCES, build_dir=target, base=BASE, add=[MANDATE], validate=False)
    assert report.ok, report.errors
    return target / "current"


@pytest.fixture(scope="module")
def reader(release: Path) -> Iterator[FlaskClient]:
    from server import close_app, create_app
    from server.settings import Settings

    made = create_app(Settings(store=f"oxigraph:{release / 'store'}"))
    yield made.test_client()
    close_app(made)


def page(client: FlaskClient, path: str = PAGE, **headers: str) -> str:
    response = client.get(path, headers={**BROWSER, **headers})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def visible(text: str) -> str:
    """What a reader sees: the body's text, scripts left out, spaces folded."""
    root = lxml.html.fromstring(text)
    for hidden in root.xpath("//script|//style|//head"):
        hidden.drop_tree()
    return " ".join(root.text_content().split())


def cast(tree: lxml.html.HtmlElement, key: str) -> tuple[str, list[str]]:
    """The count and the State names of one cast of the vote."""
    item = tree.xpath(f'//dd[@class="vote"]//li[@data-cast="{key}"]')
    assert item, f"no {key} line in the vote"
    count = item[0].xpath('.//span[@class="count"]')[0].text_content()
    states = [a.text_content() for a in item[0].xpath('.//span[@class="states"]/a')]
    return count, states


def operative(tree: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    return tree.xpath('//ol[contains(@class, "operative")]/li')


def mandate_box(paragraph: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The mark of the hand-written mandate (the extraction may mark one of its own too)."""
    boxes = [box for box in paragraph.xpath('.//aside[@class="mandate"]')
             if any("mandate-page-test" in link for link in box.xpath(".//a/@href"))]
    assert len(boxes) == 1, "the paragraph does not show its mandate"
    return boxes[0]


def test_the_head_gives_title_symbol_organ_adoption_and_vote(reader: FlaskClient) -> None:
    text = page(reader)
    tree = lxml.html.fromstring(text)
    seen = visible(text)
    assert tree.xpath("//h1")[0].text_content().startswith("Security Council resolution 2722")
    assert "S/RES/2722 (2024)" in seen
    assert "United Nations Security Council" in seen
    assert "10 January 2024" in seen  # the date in words, not 2024-01-10
    assert "9527th meeting" in seen and "The situation in the Middle East" in seen
    in_favour, states = cast(tree, "in_favour")
    assert in_favour == "11" and len(states) == 11
    assert {"France", "Japan", "United States", "Republic of Korea"} <= set(states)
    abstaining, abstainers = cast(tree, "abstaining")
    assert abstaining == "4"
    assert sorted(abstainers) == ["Algeria", "China", "Mozambique", "Russian Federation"]
    assert cast(tree, "against")[0] == "0"
    sponsors = visible(lxml.html.tostring(tree.xpath('//dl[@class="facts"]')[0]).decode())
    assert "Sponsors" in sponsors and "Japan" in sponsors
    subjects = {a.text_content(): a.get("href")
                for a in tree.xpath('//details[@class="subjects"]//li/a')}
    assert "Maritime security" in subjects and "Freedom of navigation" in subjects
    # a subject lists the resolutions on it
    on_subject = page(reader, html.unescape(subjects["Maritime security"]))
    assert 'href="/id/resolution/un-s-res-2722"' in on_subject


def test_eleven_operative_paragraphs_in_order_with_their_full_text(reader: FlaskClient) -> None:
    tree = lxml.html.fromstring(page(reader))
    paragraphs = operative(tree)
    assert [p.get("data-number") for p in paragraphs] == [str(n) for n in range(1, 12)]
    second = paragraphs[1].xpath('.//span[@class="text"]')[0]
    assert second.text_content().startswith("Demands that the Houthis immediately cease")
    assert second.get("lang") == "en"
    assert len(tree.xpath('//ol[contains(@class, "preamble")]/li')) == 8
    # the last paragraph's full text, not a quote of it
    assert paragraphs[-1].xpath('.//span[@class="text"]')[0].text_content() == (
        "Decides to remain actively seized of this matter.")


def test_french_by_accept_language_and_spanish_by_the_switch(reader: FlaskClient) -> None:
    french = lxml.html.fromstring(page(reader, **{"Accept-Language": "fr-CH, fr;q=0.9, en;q=0.5"}))
    text = operative(french)[1].xpath('.//span[@class="text"]')[0]
    assert text.text_content().startswith("Exige que les houthistes")
    assert text.get("lang") == "fr"
    seen = visible(lxml.html.tostring(french).decode())
    assert "10 janvier 2024" in seen and "Pour" in seen and "Abstentions" in seen
    assert "Fédération de Russie" in seen and "Dispositif" in seen
    spanish = lxml.html.fromstring(page(reader, PAGE + "?lang=es"))
    assert operative(spanish)[1].xpath('.//span[@class="text"]')[0].text_content().startswith(
        "Exige que los huzíes")
    assert "10 de enero de 2024" in spanish.text_content()
    switch = french.xpath('//nav[@class="language-switch"]//a/@href')
    assert "?lang=en" in switch and "?lang=es" in switch


def test_a_paragraph_that_creates_a_mandate_is_marked(reader: FlaskClient) -> None:
    tree = lxml.html.fromstring(page(reader))
    tenth = operative(tree)[9]
    assert "creates-mandate" in tenth.get("class")
    box = mandate_box(tenth)
    facts = dict(zip([dt.text_content() for dt in box.xpath(".//dt")],
                     [dd.text_content() for dd in box.xpath(".//dd")], strict=True))
    assert facts["Act"] == "requests"
    assert facts["Addressee"].startswith("Secretary-General")
    assert facts["Deadline"] == "1 July 2024"
    assert facts["Periodicity"] == "1 month"
    assert facts["Report to"] == "United Nations Security Council"
    links = box.xpath(".//dd/a/@href")
    assert "/id/organ/un-sg" in links and "/id/organ/un-sc" in links
    french = lxml.html.fromstring(page(reader, PAGE + "?lang=fr"))
    box = mandate_box(operative(french)[9])
    assert "de présenter des rapports écrits mensuels" in box.text_content()
    assert "1 juillet 2024" in box.text_content()
    assert sum(bool(p.xpath('.//aside[@class="mandate"]')) for p in operative(tree)) >= 1


def test_sources_open_the_document_reader_at_the_quoted_text(
    reader: FlaskClient, release: Path
) -> None:
    tree = lxml.html.fromstring(page(reader))
    link = operative(tree)[1].xpath('.//a[@class="source"]/@href')[0]
    found = re.fullmatch(r"/documents/([a-z0-9-]+)\?start=(\d+)&end=(\d+)#span", link)
    assert found, link
    stem, start, end = found.group(1), int(found.group(2)), int(found.group(3))
    source = (release / "sources" / f"{stem}.txt").read_bytes().decode("utf-8")
    assert "that the Houthis immediately cease" in source[start:end]  # the XML, as kept
    view = reader.get(link.split("#")[0], headers=BROWSER).get_data(as_text=True)
    assert '<mark id="span"' in view
    cited = operative(tree)[4].xpath('.//p[contains(@class, "cites")]//a')
    assert [(a.text_content(), a.get("href")) for a in cited] == [
        ("S/RES/2216 (2015)", "/id/resolution/un-s-res-2216")]


def test_no_iri_in_the_visible_text(reader: FlaskClient) -> None:
    for lang in ("en", "fr", "es"):
        text = page(reader, PAGE + f"?lang={lang}")
        seen = visible(text)
        assert "w3id.org" not in seen, lang
        assert "un-s-res-2722" not in seen and "organ/" not in seen, lang
        # the IRI is one click away, behind the copy control and the RDF links
        assert f'readonly value="{BASE}resolution/un-s-res-2722"' in text
        assert html.escape(PAGE) + ".ttl" in text


def test_the_data_view_and_the_rdf_stay(reader: FlaskClient) -> None:
    data = page(reader, PAGE + "?view=data")
    assert "Properties" in data and "Linked from" in data
    turtle = reader.get(PAGE, headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200 and turtle.mimetype == "text/turtle"


def test_the_index_lists_it_and_filters(reader: FlaskClient) -> None:
    listed = page(reader, "/resolutions")
    assert 'href="/id/resolution/un-s-res-2722"' in listed
    assert "10 January 2024" in visible(listed)
    assert "un-s-res-2216" not in listed  # only cited: not described by the graph
    by_year = page(reader, "/resolutions?year=2023")
    assert "un-s-res-2722" not in by_year and "No resolution matches" in by_year
    by_organ = page(reader, f"/resolutions?organ={BASE}organ/un-sc&lang=fr")
    assert 'href="/id/resolution/un-s-res-2722"' in by_organ and "10 janvier 2024" in by_organ
    assert reader.get("/resolutions?year=twenty", headers=BROWSER).status_code == 400


def test_the_graph_details_panel_names_things_in_the_reader_language(
    reader: FlaskClient,
) -> None:
    node = reader.get("/api/graph/node", query_string={"iri": PAGE + "/paragraph/10"},
                      headers={"Accept-Language": "fr"})
    assert node.status_code == 200, node.get_data(as_text=True)
    data = node.get_json()
    assert data["node"]["name"] == "S/RES/2722 (2024), paragraph 10"  # not "10"
    out = {e["propertyLabel"]: e["name"] for e in data["out"]}
    assert out["établit"].startswith("S/RES/2722 (2024), paragraph 10, mandate")
    sources = {e["sourceLabel"] for e in data["evidence"]}
    assert sources and all(s.startswith("Security Council resolution 2722") for s in sources)
    assert all("/" not in e["propertyLabel"] for e in data["evidence"] + data["out"])


def test_a_text_in_one_language_only_is_shown_in_it_with_sub_paragraphs_nested(
    reader: FlaskClient,
) -> None:
    tree = lxml.html.fromstring(page(reader, "/id/resolution/un-a-res-78-285",
                                     **{"Accept-Language": "fr"}))
    first = operative(tree)[0]
    text = first.xpath('./div/span[@class="text"]')[0]
    assert text.get("lang") == "en" and text.text_content().startswith("Decides")
    assert first.xpath('./div/span[contains(@class, "other-language")]')[0].text_content() == (
        "(anglais)")
    nested = first.xpath('./ol[@class="subprovisions"]/li')
    assert [li.get("data-number") for li in nested] == ["1 (a)", "1 (b)", "1 (c)"]
    assert "Adoptée le" in tree.text_content()
