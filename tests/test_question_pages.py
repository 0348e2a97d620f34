"""Every question (named query) answers something with its default parameters, and a question
about a resolution accepts the symbol a researcher types, "S/RES/2722 (2024)" — on its page
(/queries/<name>, what a reader runs) as in JSON.

The build: the five corpus documents, S/RES/2722 (2024) in its three languages with the
Security Council's 2024 votes, the four resolutions renewing UNMISS's mandate (2021–2024) and
one of the UN's malformed files (so that the skipped-files question has its row) — the kinds of
document of the default build, small.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
from flask.testing import FlaskClient

from graph.build import text_sources
from graph.queries import load_queries
from tests.conftest import BASE

AKN = Path(__file__).parent / "data" / "akn"
SOURCES = [AKN / "S_RES_2722-2400437E.xml", AKN / "S_RES_2722-2400437F.xml",
           AKN / "S_RES_2722-2400437S.xml", AKN / "votes" / "sc-2024.json",
           AKN / "A_RES_77_104-2228250S.xml",
           # four renewals of UNMISS's mandate (2021–2024): mission histories, repeated requests
           *(p for p in sorted(AKN.glob("*.xml"))
             if any(n in p.name for n in ("2567", "2625", "2677", "2729")))]
QUERIES = load_queries()
RESOLUTION = "https://w3id.org/mandate-graph/ontology#Resolution"
BROWSER = {"Accept": "text/html"}
JSON = {"Accept": "application/sparql-results+json"}


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlaskClient]:
    from graph.build import build
    from server import close_app, create_app
    from server.settings import Settings

    target = tmp_path_factory.mktemp("questions")
    report = build([*text_sources(), *SOURCES], build_dir=target, base=BASE, validate=False)
    assert report.ok, report.errors
    made = create_app(Settings(store=f"oxigraph:{target / 'current' / 'store'}"))
    yield made.test_client()
    close_app(made)


def rows(client: FlaskClient, name: str, **params: str) -> int:
    response = client.get(f"/queries/{name}", query_string=params, headers=JSON)
    assert response.status_code == 200, (name, params, response.get_data(as_text=True))
    return len(response.get_json()["results"]["bindings"])


def page_rows(client: FlaskClient, name: str, **params: str) -> int:
    response = client.get(f"/queries/{name}", query_string=params, headers=BROWSER)
    assert response.status_code == 200, (name, params, response.get_data(as_text=True))
    root = lxml.html.fromstring(response.get_data(as_text=True))
    return len(root.xpath("//table[@class='results']/tbody/tr"))


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_question_answers_with_its_defaults(reader: FlaskClient, name: str) -> None:
    assert rows(reader, name) > 0, f"{name} answers nothing with its default parameters"
    assert page_rows(reader, name) > 0


RESOLUTION_PARAMS = sorted((q.name, p.name) for q in QUERIES.values() for p in q.params
                           if p.resource_class == RESOLUTION)


def test_some_questions_take_a_resolution() -> None:
    assert len(RESOLUTION_PARAMS) >= 3, RESOLUTION_PARAMS


@pytest.mark.parametrize(("name", "param"), RESOLUTION_PARAMS)
def test_a_resolution_is_given_by_its_symbol(reader: FlaskClient, name: str, param: str) -> None:
    typed = {param: "S/RES/2722 (2024)"}
    by_iri = {param: BASE + "resolution/un-s-res-2722"}
    assert rows(reader, name, **typed) == rows(reader, name, **by_iri) > 0
    assert page_rows(reader, name, **typed) > 0
