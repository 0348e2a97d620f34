"""Every HTML page follows the reader's language: its fixed words come from the catalogue
(server/ui-strings.toml) in English, French or Spanish by Accept-Language or ?lang=, and
<html lang> says which. The catalogue has every word in the three languages, and every word a
template or a script asks for.

On the session's build of the shipped corpus (tests/conftest.py).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import lxml.html
import pytest
from flask.testing import FlaskClient

SERVER = Path(__file__).resolve().parents[1] / "server"
CATALOGUE = tomllib.loads((SERVER / "ui-strings.toml").read_text(encoding="utf-8"))
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
PAGES = [
    "/",
    "/resolutions",
    "/mandates",
    "/reports-due",
    "/id/organ/oas-csh",
    "/id/organ/oas-csh?incoming=https://w3id.org/mandate-graph/ontology%23assignedTo",
    "/id/source/csh-work-plan-2019-2020",
    "/id/source/mali-nap-1325-2012-2014",
    "/id/convention/apmbc",
    "/id/resolution/oas-ag-res-2945",
    "/id/resolution/oas-ag-res-2945?view=data",
    "/documents/csh-work-plan-2019-2020",
    "/coverage",
    "/timeline",
    "/graph",
    "/graph?root=/id/resolution/oas-ag-res-2945",
    "/queries",
    "/queries/mandates-per-organ",
    "/query",
    "/id/nothing/here",
]


def test_every_word_is_in_the_three_languages() -> None:
    english = set(CATALOGUE["en"])
    for lang in ("fr", "es"):
        assert set(CATALOGUE[lang]) == english, (lang, english ^ set(CATALOGUE[lang]))
        for key, text in CATALOGUE[lang].items():  # the same placeholders
            assert set(re.findall(r"\{(\w+)\}", text)) == set(
                re.findall(r"\{(\w+)\}", CATALOGUE["en"][key])), (lang, key)


def test_every_word_a_template_or_a_script_asks_for_is_in_the_catalogue() -> None:
    asked = set()
    for template in (SERVER / "templates").rglob("*.html"):
        asked |= set(re.findall(r"""\bt\(\s*["']([a-z_]+)["'](?!\s*~)""", template.read_text("utf-8")))
    for script in (SERVER / "static" / "js").glob("*.js"):
        # a key built from a kind ("kind_" + kind) is checked by the kinds test below
        asked |= set(re.findall(r"""word\(\s*["']([a-z_]+)["'](?!\s*\+)""", script.read_text("utf-8")))
    assert asked and not asked - set(CATALOGUE["en"]), sorted(asked - set(CATALOGUE["en"]))


def test_every_kind_of_node_has_its_name() -> None:
    from graph.dependencies import KINDS

    assert not {f"kind_{kind}" for kind in KINDS} - set(CATALOGUE["en"])


def english_only_words() -> list[str]:
    """The English phrases of the catalogue that no other language writes the same way: two
    words or more, so that a single word of the data ("Resolution" in an English label the
    graph has no French for) is not taken for one of the page's."""
    return sorted({text for key, text in CATALOGUE["en"].items()
                   if "{" not in text and " " in text.strip()
                   and text not in (CATALOGUE["fr"][key], CATALOGUE["es"][key])})


@pytest.mark.parametrize("lang", ["fr", "es"])
@pytest.mark.parametrize("path", PAGES)
def test_a_page_in_french_or_spanish_has_no_english_words(
    client: FlaskClient, path: str, lang: str
) -> None:
    response = client.get(path, headers={**BROWSER, "Accept-Language": lang})
    assert response.mimetype == "text/html"
    root = lxml.html.fromstring(response.get_data(as_text=True))
    assert root.get("lang") == lang
    for hidden in root.xpath("//script|//style|//*[@lang and @lang != $lang]", lang=lang):
        hidden.drop_tree()  # the graph's own texts in another language are data, not words
    text = " ".join(root.text_content().split())
    assert CATALOGUE[lang]["timeline"] in text  # the menu
    found = [word for word in english_only_words()
             if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)]
    assert not found, found


def test_the_switch_wins_over_accept_language(client: FlaskClient) -> None:
    response = client.get("/coverage?lang=es", headers={**BROWSER, "Accept-Language": "fr"})
    root = lxml.html.fromstring(response.get_data(as_text=True))
    assert root.get("lang") == "es" and root.xpath("string(//h1)") == CATALOGUE["es"]["coverage_title"]
