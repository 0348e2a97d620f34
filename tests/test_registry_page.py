"""The mandate registry (/mandates, its CSV and JSON) and the reports due (/reports-due, its
iCalendar feed) as a reader uses them, on a build of four UN resolutions renewing UNMISS's
mandate (2021–2024) and S/RES/2722 (2024) in English, French and Spanish (tests/data/akn,
Source: United Nations).

What the pages should list is asked of the same app's SPARQL endpoint, so each test compares
the page with the graph rather than with numbers written here.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest

from tests.conftest import BASE
from tests.icalendar import unfolded
from tests.test_named_queries import UNMISS_FILES

AKN = Path(__file__).resolve().parent / "data" / "akn"
S_RES_2722 = [AKN / "S_RES_2722-2400437E.xml", AKN / "S_RES_2722-2400437F.xml",
              AKN / "S_RES_2722-2400437S.xml"]
MG = "https://w3id.org/mandate-graph/ontology#"
UNMISS = BASE + "organ/un-unmiss"
SG = BASE + "organ/un-sg"
#: the rows of the registry's table
ROWS = '//table[@class="mandates"]/tbody/tr'


@pytest.fixture(scope="module")
def client(tmp_path_factory):  # type: ignore[no-untyped-def]
    from graph.build import build
    from server import close_app, create_app
    from server.settings import Settings

    target = tmp_path_factory.mktemp("registry")
    report = build([*UNMISS_FILES, *S_RES_2722], build_dir=target, base=BASE, validate=False)
    assert report.ok, report.errors
    made = create_app(Settings(store=f"oxigraph:{target / 'current' / 'store'}"))
    yield made.test_client()
    close_app(made)


def sparql(client, query: str) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    answer = client.get("/sparql", query_string={"query": query},
                        headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return [{k: v["value"] for k, v in row.items()}
            for row in answer.get_json()["results"]["bindings"]]


def mandates_in_graph(client, pattern: str = "") -> set[str]:  # type: ignore[no-untyped-def]
    rows = sparql(client, f"SELECT DISTINCT ?m WHERE {{ ?m a mg:Mandate . {pattern} }}")
    return {r["m"] for r in rows}


def page(client, path: str = "/mandates", **args: str):  # type: ignore[no-untyped-def]
    response = client.get(path, query_string=args)
    assert response.status_code == 200, response.get_data(as_text=True)
    return lxml.html.fromstring(response.get_data(as_text=True))


def listed(tree) -> list[str]:  # type: ignore[no-untyped-def]
    """The mandates a registry page lists, in its order."""
    return [tr.get("data-mandate") for tr in tree.xpath(ROWS)]


def every_page(client, **args: str) -> list[str]:  # type: ignore[no-untyped-def]
    found: list[str] = []
    for number in range(1, 100):
        rows = listed(page(client, **args, page=str(number)))
        if not rows or (found and rows[0] in found):
            break
        found += rows
    return found


def counts(tree) -> str:  # type: ignore[no-untyped-def]
    return tree.xpath('//*[contains(@class, "pager")]//*[@class="count"]')[0].text_content()


def column(tree, index: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [tr.xpath("./td")[index].text_content().strip()
            for tr in tree.xpath(ROWS)]


# -- the registry ---------------------------------------------------------------------------------


def test_every_mandate_is_listed_once_50_a_page_with_its_counts(client) -> None:  # type: ignore[no-untyped-def]
    everything = mandates_in_graph(client)
    first = page(client)
    assert counts(first) == f"1–50 of {len(everything)}"
    assert len(listed(first)) == 50
    second = page(client, page="2")
    assert counts(second) == f"51–{len(everything)} of {len(everything)}"
    assert not set(listed(first)) & set(listed(second))
    assert set(every_page(client)) == everything


def test_the_body_filter_takes_an_iri_an_acronym_or_a_name(client) -> None:  # type: ignore[no-untyped-def]
    given = mandates_in_graph(client, f"?m mg:assignedTo <{UNMISS}>")
    assert given
    for value in (UNMISS, "UNMISS", "United Nations Mission in South Sudan"):
        tree = page(client, body=value)
        assert set(listed(tree)) == given, value
        assert all("Mission in South Sudan" in text for text in column(tree, 1))
    chosen = page(client, body="UNMISS").xpath('//select[@name="body"]/option[@selected]')
    assert [o.get("value") for o in chosen] == [UNMISS]


def test_organ_act_status_and_year_filters_keep_what_they_name(client) -> None:  # type: ignore[no-untyped-def]
    of_2022 = mandates_in_graph(client, "?m mg:establishedBy/mg:provisionOf/mg:adoptionDate ?d "
                                "FILTER(YEAR(?d) = 2022)")
    assert set(every_page(client, year="2022")) == of_2022 and of_2022
    requests = mandates_in_graph(client, "?m mg:act mg:act-request")
    assert set(every_page(client, act="request")) == requests
    assert set(every_page(client, act=MG + "act-request")) == requests
    renewed = mandates_in_graph(client, "?later mg:renews ?m")
    tree = page(client, status="renewed")
    assert set(listed(tree)) == renewed and renewed
    assert {td.get("data-status") for td in tree.xpath('//td[@class="status"]')} == {"renewed"}
    council = mandates_in_graph(client, f"?m mg:establishedBy/mg:provisionOf/mg:issuedBy <{BASE}organ/un-sc>")
    assert set(every_page(client, organ="UNSC")) == council
    both = page(client, body="UNMISS", year="2024")
    assert set(listed(both)) == given_in(client, UNMISS, 2024)


def given_in(client, body: str, year: int) -> set[str]:  # type: ignore[no-untyped-def]
    return mandates_in_graph(client, f"?m mg:assignedTo <{body}> ; mg:establishedBy/"
                             f"mg:provisionOf/mg:adoptionDate ?d FILTER(YEAR(?d) = {year})")


def test_words_of_the_task_search_every_language_and_the_text_is_the_readers(client) -> None:  # type: ignore[no-untyped-def]
    paragraph_10 = BASE + "resolution/un-s-res-2722/paragraph/10/mandate"
    french = page(client, q="rapports écrits mensuels", lang="fr")
    assert listed(french) == [paragraph_10]
    cell = french.xpath(ROWS + "/td[@lang]")[0]
    assert cell.get("lang") == "fr" and "houthistes" in cell.text_content()
    spanish = page(client, q="INFORMES escritos", lang="es")
    assert listed(spanish) == [paragraph_10]
    assert spanish.xpath(ROWS + "/td[@lang]")[0].get("lang") == "es"
    assert listed(page(client, q="zzzqqq")) == []


def test_sorting_by_a_column_and_its_reverse(client) -> None:  # type: ignore[no-untyped-def]
    rows = sparql(client, "SELECT ?m ?d WHERE { ?m mg:establishedBy/mg:provisionOf/mg:adoptionDate ?d }")
    adopted = {r["m"]: r["d"] for r in rows}
    newest = [adopted[m] for m in every_page(client)]
    assert newest == sorted(newest, reverse=True)
    oldest = [adopted[m] for m in every_page(client, sort="date")]
    assert oldest == sorted(oldest)
    ends = sparql(client, "SELECT ?m (COALESCE(?e, ?d) AS ?x) WHERE { ?m a mg:Mandate "
                  "OPTIONAL { ?m mg:mandateEnd ?e } OPTIONAL { ?m mg:deadline ?d } }")
    due = {r["m"]: r.get("x", "") for r in ends}
    by_end = [due[m] for m in every_page(client, sort="ends")]
    dated = [d for d in by_end if d]
    assert dated == sorted(dated) and by_end[: len(dated)] == dated  # undated last
    header = page(client, sort="ends").xpath("//th[@aria-sort]/a")[0]
    assert header.get("data-sort") == "ends" and "sort=-ends" in header.get("href")


def test_the_pager_keeps_the_filters_and_the_order(client) -> None:  # type: ignore[no-untyped-def]
    tree = page(client, organ="UNSC", sort="symbol")
    assert counts(tree).startswith("1–")
    links = [a.get("href") for a in tree.xpath('//*[contains(@class, "pager")]//a[@rel="next"]')]
    assert links, "more than one page of the Council's mandates"
    kept = parse_qs(urlsplit(links[0]).query)
    assert kept["organ"] == [BASE + "organ/un-sc"] and kept["sort"] == ["symbol"]
    assert kept["page"] == ["2"]


def test_csv_and_json_give_exactly_the_rows_the_filters_select(client) -> None:  # type: ignore[no-untyped-def]
    args = {"body": "UNMISS", "sort": "ends"}
    shown = page(client, **args)
    json_rows = client.get("/mandates.json", query_string=args).get_json()["rows"]
    text = client.get("/mandates.csv", query_string=args).get_data(as_text=True)
    csv_rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["mandate"] for r in json_rows] == listed(shown)
    assert [r["mandate"] for r in csv_rows] == listed(shown)
    assert [r["status"] for r in csv_rows] == [
        td.get("data-status") for td in shown.xpath('//td[@class="status"]')]
    assert all(r["bodies"] == UNMISS for r in csv_rows)
    # unfiltered, the exports give every page's rows, in the pages' order
    everything = client.get("/mandates.json").get_json()
    assert [r["mandate"] for r in everything["rows"]] == every_page(client)
    assert everything["total"] == len(mandates_in_graph(client))
    links = {a.text_content(): a.get("href") for a in shown.xpath('//*[@class="exports"]//a')}
    for export in ("CSV", "JSON"):
        kept = parse_qs(urlsplit(links[export]).query)
        assert kept == {"body": [UNMISS], "sort": ["ends"]}, export


def test_each_row_links_to_its_paragraph_in_every_language_and_to_its_evidence(client) -> None:  # type: ignore[no-untyped-def]
    tree = page(client, q="rapports écrits mensuels", lang="fr")
    row = tree.xpath(ROWS)[0]
    provision = row.xpath('.//a[@class="provision"]')[0].get("href")
    assert provision == "/id/resolution/un-s-res-2722/paragraph/10"
    paragraph = client.get(provision).get_data(as_text=True)
    assert "houthistes" in paragraph and "huzíes" in paragraph and "Houthi" in paragraph
    evidence = row.xpath('.//a[@class="evidence"]')[0].get("href")
    assert evidence.startswith("/documents/s-res-2722-2400437f?start=")
    quoted = lxml.html.fromstring(client.get(evidence).get_data(as_text=True))
    assert "rapports écrits mensuels" in " ".join(m.text_content() for m in quoted.xpath("//mark"))


def test_bad_filters_are_clear_400s(client) -> None:  # type: ignore[no-untyped-def]
    for args, words in (({"year": "20x4"}, "four digits"), ({"status": "dormant"}, "active"),
                        ({"sort": "colour"}, "sort by one of"), ({"act": "sing"}, "acts:"),
                        ({"body": "UNMISSS"}, "UNMISS")):
        for path in ("/mandates", "/mandates.csv"):
            response = client.get(path, query_string=args)
            assert response.status_code == 400, (path, args)
            assert words in response.get_data(as_text=True), (path, args)


def test_the_registry_speaks_the_readers_language(client) -> None:  # type: ignore[no-untyped-def]
    french = client.get("/mandates", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert '<html lang="fr">' in french and "Créé par" in french and "sur" in french
    assert "Secrétaire général de l&#39;Organisation des Nations Unies" in french
    assert 'href="/mandates"' in french  # the site's menu links the registry


# -- the reports due ------------------------------------------------------------------------------


def reports_in_graph(client, body: str = "") -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    rows = sparql(client, "SELECT ?m ?d WHERE { ?m mg:assignedTo ?b ; mg:reportTo ?to ; "
                  "mg:deadline ?d " + (f"FILTER(?b = <{body}>)" if body else "") + " }")
    return {(r["m"].rsplit("/mandate", 1)[0], r["d"]) for r in rows}


def due_rows(tree) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    found = set()
    for tr in tree.xpath('//table[@class="reports-due"]/tbody/tr'):
        cell = tr.xpath("./td[@data-date]")
        link = tr.xpath('.//a[@class="paragraph"]')
        if cell and link:
            found.add((BASE + link[0].get("href")[len("/id/"):], cell[0].get("data-date")))
    return found


def test_reports_due_list_the_body_asked_the_body_told_and_the_date(client) -> None:  # type: ignore[no-untyped-def]
    tree = page(client, "/reports-due", body="UN Secretary-General")
    expected = reports_in_graph(client, SG)
    assert expected and due_rows(tree) == expected
    dates = [td.get("data-date") for td in tree.xpath("//td[@data-date]")]
    assert dates == sorted(dates)
    text = tree.text_content()
    assert "Secretary-General of the United Nations" in text and "Security Council" in text
    assert "90 days" in text  # the periodicity, in words


def test_reports_due_in_a_period(client) -> None:  # type: ignore[no-untyped-def]
    within = {(p, d) for p, d in reports_in_graph(client) if "2022-01-01" <= d <= "2023-12-31"}
    tree = page(client, "/reports-due", **{"from": "2022-01-01", "to": "2023-12-31"})
    assert within and due_rows(tree) == within
    assert client.get("/reports-due", query_string={"from": "01/02/2022"}).status_code == 400
    response = client.get("/reports-due", query_string={"from": "2024-01-01", "to": "2023-01-01"})
    assert response.status_code == 400 and "after" in response.get_data(as_text=True)


def events(text: str) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    stack: list[str] = []
    for line in unfolded(text):
        name, _, value = line.partition(":")
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                current = {}
        elif name == "END":
            assert stack.pop() == value
            if value == "VEVENT" and current is not None:
                found.append(current)
                current = None
        elif current is not None:
            current[name.split(";")[0]] = value
    assert stack == []
    return found


def test_the_calendar_of_a_body_parses_and_has_its_due_dates(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/reports-due.ics", query_string={"body": SG})
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    text = response.get_data(as_text=True)
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    found = events(text)
    expected = reports_in_graph(client, SG)
    assert sorted(e["DTSTART"] for e in found) == sorted(
        d.replace("-", "") for _p, d in expected)
    assert len({e["UID"] for e in found}) == len(found)
    assert all(e["URL"].endswith(tuple(p[len(BASE):] for p, _d in expected)) for e in found)
    assert all(re.fullmatch(r"\d{8}", e["DTEND"]) for e in found)
    page_link = page(client, "/reports-due", body=SG).xpath('//a[@class="calendar"]')[0].get("href")
    assert page_link == "/reports-due.ics?body=" + SG.replace(":", "%3A").replace("/", "%2F")
