"""The document pages: a work plan, an action plan, a report, a convention and an OAS resolution
known by its cited paragraphs read as documents — what the document is, who issued it, its
dates, its provisions, axes and activities in order, the mandates they carry out, "source"
links into the document reader — with names, never IRIs, in the visible text.

On the session's build of the shipped corpus (tests/conftest.py).
"""

from __future__ import annotations

import re

import lxml.html
from flask.testing import FlaskClient

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
WORK_PLAN = "/id/source/csh-work-plan-2019-2020"
NAP = "/id/source/mali-nap-1325-2012-2014"
CONVENTION = "/id/convention/apmbc"
CARTAGENA = "/id/action-plan/apmbc-cartagena"
OAS_RESOLUTION = "/id/resolution/oas-ag-res-2945"
REPORT = "/id/source/oas-migration-report-2008"


def tree(client: FlaskClient, path: str, **headers: str) -> lxml.html.HtmlElement:
    response = client.get(path, headers={**BROWSER, **headers})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/html"
    return lxml.html.fromstring(response.get_data(as_text=True))


def visible(root: lxml.html.HtmlElement) -> str:
    for hidden in root.xpath("//script|//style|//head"):
        hidden.drop_tree()
    return " ".join(root.text_content().split())


def facts(root: lxml.html.HtmlElement) -> dict[str, str]:
    terms = root.xpath("//dl[@class='facts']/dt")
    return {" ".join(dt.text_content().split()): " ".join(dt.getnext().text_content().split())
            for dt in terms}


def test_a_work_plan_reads_as_its_calendar_of_activities(client: FlaskClient) -> None:
    root = tree(client, WORK_PLAN)
    assert root.xpath("string(//h1)").startswith("Work plan and calendar of activities 2019-2020")
    head = facts(root)
    assert head["Published by"] == "Committee on Hemispheric Security"
    assert head["Date"] == "7 November 2019"
    assert head["Period"] == "2019–2020"
    assert root.xpath("//a[@class='read']/@href") == ["/documents/csh-work-plan-2019-2020"]
    rows = root.xpath("//table[@class='items']/tbody/tr")
    assert len(rows) == 50  # a page of them: the plan has more than 50 activities
    pager = " ".join(root.xpath("//table[@class='items']/preceding-sibling::nav[1]")[0]
                     .text_content().split())
    assert re.match(r"1–50 of \d{3}", pager), pager
    # in calendar order, each with a "source" link to the passage it was read from
    starts = [row.xpath("string(td[2])").strip() for row in rows]
    assert starts[0].endswith("2019") and starts[-1].endswith("2020"), starts
    sources = root.xpath("//table[@class='items']//a[@class='source']/@href")
    assert sources and all(s.startswith("/documents/csh-work-plan-2019-2020?start=")
                           for s in sources)


def test_a_work_plan_activity_names_the_mandates_it_carries_out(client: FlaskClient) -> None:
    pages = [tree(client, f"{WORK_PLAN}?items_page={n}") for n in (1, 2, 3)]
    carried = [" ".join(cell.text_content().split()) for root in pages
               for cell in root.xpath("//table[@class='items']/tbody/tr/td[4]")]
    assert any("AG/RES. 2945, paragraph" in text for text in carried), carried[:5]


def test_an_action_plan_lists_its_axes_in_order_with_their_budgets(client: FlaskClient) -> None:
    root = tree(client, NAP, **{"Accept-Language": "fr"})
    assert root.xpath("string(//h2[@id='axes-title'])").startswith("Axes prioritaires")
    axes = root.xpath("//ol[@class='axes']/li")
    assert [li.get("value") for li in axes] == ["1", "2", "3", "4", "5"]
    assert axes[0].xpath("string(a)") == "Prévention des conflits et des violences basées sur le genre"
    assert "XOF" in axes[0].text_content()
    head = facts(root)
    assert head["Met en œuvre"] == "S/RES/1325"
    # the activities by axis: the axis column never goes down
    numbers = [int(n) for n in root.xpath("//table[@class='items']/tbody/tr/td[1]/text()")
               if n.strip()]
    assert numbers == sorted(numbers) and numbers[0] == 1


def test_a_convention_lists_the_action_plans_that_implement_it(client: FlaskClient) -> None:
    root = tree(client, CONVENTION)
    assert root.xpath("string(//h1)").startswith("Convention on the Prohibition of the Use")
    assert facts(root)["Adopted"] == "18 September 1997"
    implemented = root.xpath("//section[h2[@id='in-implemented_by']]//li/a/text()")
    assert "Cartagena Action Plan 2010-2014" in implemented


def test_an_action_plan_with_provisions_shows_them_in_order(client: FlaskClient) -> None:
    root = tree(client, CARTAGENA, **{"Accept-Language": "es"})
    numbers = root.xpath("//ol[contains(@class,'provisions')]/li/@data-number")
    assert numbers == ["24", "27", "28"]
    assert "Aplica" in facts(root)


def test_an_oas_resolution_known_by_its_cited_paragraphs(client: FlaskClient) -> None:
    root = tree(client, OAS_RESOLUTION)
    numbers = [int(n) for n in root.xpath("//ol[contains(@class,'operative')]/li/@data-number")]
    assert numbers == sorted(numbers) and len(numbers) > 50
    assert root.xpath("//p[contains(@class,'no-text')]")
    addressees = root.xpath("//aside[@class='mandate']//dd/a/text()")
    assert "Committee on Hemispheric Security" in addressees


def test_no_iri_in_the_visible_text_of_any_document_page(client: FlaskClient) -> None:
    for path in (WORK_PLAN, NAP, CONVENTION, CARTAGENA, OAS_RESOLUTION, REPORT):
        for lang in ("en", "fr", "es"):
            seen = visible(tree(client, f"{path}?lang={lang}"))
            assert "w3id.org" not in seen, (path, lang)
            assert "/id/" not in seen, (path, lang)


def test_the_data_view_stays_the_list_of_statements(client: FlaskClient) -> None:
    root = tree(client, f"{WORK_PLAN}?view=data")
    assert not root.xpath("//table[@class='items']")
    assert root.xpath("//*[contains(., 'Properties')]")
