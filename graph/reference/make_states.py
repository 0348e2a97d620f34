"""Generate ``graph/reference/states.ttl`` from ISO 3166-1 (pycountry) and curated membership lists.

Why generate instead of hand-editing: 195 states x 3 languages x several codes is too much to keep
right by hand, while pycountry already ships ISO 3166-1 codes and their French and Spanish names
(gettext catalogues of the iso-codes project). What pycountry does not know is membership, so the
UN and OAS member lists are kept here, with their sources, and the corpus spellings that ISO does
not give are added as curated aliases.

The output is committed; ``tests/test_reference.py`` regenerates it and compares byte for byte, so
the committed file cannot drift from this generator.

Regenerate with::

    python -m graph.reference.make_states            # writes graph/reference/states.ttl
    python -m graph.reference.make_states -o FILE    # writes elsewhere (used by the tests)
"""

from __future__ import annotations

import argparse
import gettext
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import pycountry
from rdflib import Literal

from graph.reference import REFERENCE_DIR

LANGUAGES = ("en", "es", "fr")

UN_MEMBERS_SOURCE = "https://www.un.org/en/about-us/member-states"
UN_OBSERVERS_SOURCE = "https://www.un.org/en/about-us/non-member-states"
OAS_MEMBERS_SOURCE = "https://www.oas.org/en/member_states/default.asp"
ISO_SOURCE = "https://www.iso.org/iso-3166-country-codes.html"

# The 193 Member States of the United Nations (source: UN_MEMBERS_SOURCE), as ISO 3166-1
# alpha-3 codes, in the order of their English short names.
UN_MEMBERS: tuple[str, ...] = (
    "AFG", "ALB", "DZA", "AND", "AGO", "ATG", "ARG", "ARM", "AUS", "AUT",
    "AZE", "BHS", "BHR", "BGD", "BRB", "BLR", "BEL", "BLZ", "BEN", "BTN",
    "BOL", "BIH", "BWA", "BRA", "BRN", "BGR", "BFA", "BDI", "CPV", "KHM",
    "CMR", "CAN", "CAF", "TCD", "CHL", "CHN", "COL", "COM", "COG", "CRI",
    "CIV", "HRV", "CUB", "CYP", "CZE", "PRK", "COD", "DNK", "DJI", "DMA",
    "DOM", "ECU", "EGY", "SLV", "GNQ", "ERI", "EST", "SWZ", "ETH", "FJI",
    "FIN", "FRA", "GAB", "GMB", "GEO", "DEU", "GHA", "GRC", "GRD", "GTM",
    "GIN", "GNB", "GUY", "HTI", "HND", "HUN", "ISL", "IND", "IDN", "IRN",
    "IRQ", "IRL", "ISR", "ITA", "JAM", "JPN", "JOR", "KAZ", "KEN", "KIR",
    "KWT", "KGZ", "LAO", "LVA", "LBN", "LSO", "LBR", "LBY", "LIE", "LTU",
    "LUX", "MDG", "MWI", "MYS", "MDV", "MLI", "MLT", "MHL", "MRT", "MUS",
    "MEX", "FSM", "MCO", "MNG", "MNE", "MAR", "MOZ", "MMR", "NAM", "NRU",
    "NPL", "NLD", "NZL", "NIC", "NER", "NGA", "MKD", "NOR", "OMN", "PAK",
    "PLW", "PAN", "PNG", "PRY", "PER", "PHL", "POL", "PRT", "QAT", "KOR",
    "MDA", "ROU", "RUS", "RWA", "KNA", "LCA", "VCT", "WSM", "SMR", "STP",
    "SAU", "SEN", "SRB", "SYC", "SLE", "SGP", "SVK", "SVN", "SLB", "SOM",
    "ZAF", "SSD", "ESP", "LKA", "SDN", "SUR", "SWE", "CHE", "SYR", "TJK",
    "THA", "TLS", "TGO", "TON", "TTO", "TUN", "TUR", "TKM", "TUV", "UGA",
    "UKR", "ARE", "GBR", "TZA", "USA", "URY", "UZB", "VUT", "VEN", "VNM",
    "YEM", "ZMB", "ZWE",
)  # fmt: skip

# The two non-member observer States of the UN General Assembly (source: UN_OBSERVERS_SOURCE).
# They are described as states so that mentions can be resolved, but are not members.
UN_OBSERVERS: tuple[str, ...] = ("PSE", "VAT")

# The 35 Member States of the OAS, i.e. the States that have ratified the OAS Charter
# (source: OAS_MEMBERS_SOURCE). This is membership as at the corpus dates (2007-2020):
# Nicaragua's denunciation of the Charter took effect on 2023-11-19, and Venezuela's 2017
# denunciation is contested (the Permanent Council kept a Venezuelan representative); both are
# kept here because the corpus treats them as members.
OAS_MEMBERS: tuple[str, ...] = (
    "ATG", "ARG", "BHS", "BRB", "BLZ", "BOL", "BRA", "CAN", "CHL", "COL",
    "CRI", "CUB", "DMA", "DOM", "ECU", "SLV", "GRD", "GTM", "GUY", "HTI",
    "HND", "JAM", "MEX", "NIC", "PAN", "PRY", "PER", "KNA", "LCA", "VCT",
    "SUR", "TTO", "USA", "URY", "VEN",
)  # fmt: skip

# Preferred names where the ISO short name is in the inverted "Name, Qualifier" catalogue form or
# differs from the name the UN uses (UN Terminology, https://unterm.un.org).
PREF_OVERRIDES: dict[str, dict[str, str]] = {
    "COD": {"en": "Democratic Republic of the Congo", "es": "República Democrática del Congo"},
    "COM": {"es": "Comoras"},
    "FSM": {"en": "Micronesia (Federated States of)", "fr": "Micronésie (États fédérés de)",
            "es": "Micronesia (Estados Federados de)"},
    "KOR": {"en": "Republic of Korea", "fr": "République de Corée", "es": "República de Corea"},
    "PRK": {"en": "Democratic People's Republic of Korea",
            "fr": "République populaire démocratique de Corée",
            "es": "República Popular Democrática de Corea"},
    "PSE": {"en": "State of Palestine", "fr": "État de Palestine", "es": "Estado de Palestina"},
    "RUS": {"fr": "Fédération de Russie"},
    "SLB": {"fr": "Îles Salomon"},
    "VAT": {"en": "Holy See", "fr": "Saint-Siège", "es": "Santa Sede"},
    "VEN": {"fr": "Venezuela"},
}

# Further aliases: common names that ISO does not list and the spellings the corpus uses
# (e.g. "Saint-Kitts-et-Nevis", "République bolivarienne du Venezuela" in the OAS reports).
EXTRA_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "BOL": {"fr": ("Bolivie",), "es": ("Bolivia",)},
    "CIV": {"en": ("Ivory Coast",)},
    "COD": {"fr": ("RDC",), "en": ("DR Congo", "DRC")},
    "CPV": {"en": ("Cape Verde",)},
    "CZE": {"en": ("Czech Republic",)},
    "GBR": {"en": ("UK", "Great Britain")},
    "KNA": {"en": ("St. Kitts and Nevis",), "fr": ("Saint-Kitts-et-Nevis",),
            "es": ("Saint Kitts y Nevis",)},
    "KOR": {"en": ("South Korea",), "fr": ("Corée du Sud",), "es": ("Corea del Sur",)},
    "LCA": {"en": ("St. Lucia",)},
    "MMR": {"en": ("Burma",)},
    "PRK": {"en": ("North Korea",), "fr": ("Corée du Nord",), "es": ("Corea del Norte",)},
    "RUS": {"en": ("Russia",), "fr": ("Russie",), "es": ("Rusia",)},
    "SWZ": {"en": ("Swaziland",)},
    "TLS": {"en": ("East Timor",)},
    "TUR": {"en": ("Turkey",)},
    "USA": {"en": ("USA",), "fr": ("Etats-Unis", "Etats-Unis d'Amérique"),
            "es": ("EE. UU.",)},
    "VCT": {"en": ("St. Vincent and the Grenadines",), "fr": ("Saint-Vincent-et-Grenadines",)},
    "VEN": {"fr": ("Vénézuela", "République bolivarienne du Venezuela"), "es": ("Venezuela",)},
}

HEADER = """\
# GENERATED FILE - do not edit by hand.
# Generated by graph/reference/make_states.py; regenerate with:
#     python -m graph.reference.make_states
# States: the 193 UN Member States and the 2 non-member observer States, identified by their
# ISO 3166-1 alpha-3 code. Codes and French/Spanish names: ISO 3166-1 via the pycountry package.
# UN membership: {un}
# OAS membership: {oas}
# License: CC-BY-4.0.

@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix mg: <https://w3id.org/mandate-graph/ontology#> .
@prefix organ: <organ/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix state: <state/> .
"""


def _translators() -> dict[str, gettext.NullTranslations]:
    """Load pycountry's ISO 3166-1 gettext catalogues; English is the untranslated source."""
    translators: dict[str, gettext.NullTranslations] = {"en": gettext.NullTranslations()}
    for lang in LANGUAGES:
        if lang != "en":
            translators[lang] = gettext.translation(
                "iso3166-1", pycountry.LOCALES_DIR, languages=[lang]
            )
    return translators


def state_names(alpha3: str) -> dict[str, tuple[str, list[str]]]:
    """Return ``{lang: (preferred name, sorted alternative names)}`` for one state.

    The preferred name is the curated override, else the ISO common name, else the ISO short
    name; every other ISO form (short, official, common) and the curated extras become aliases,
    because documents use all of them.
    """
    country = pycountry.countries.get(alpha_3=alpha3)
    if country is None:
        raise KeyError(f"unknown ISO 3166-1 alpha-3 code: {alpha3}")
    translators = _translators()
    english_forms = [
        form
        for form in (
            getattr(country, "common_name", None),
            country.name,
            getattr(country, "official_name", None),
        )
        if form
    ]
    result: dict[str, tuple[str, list[str]]] = {}
    for lang in LANGUAGES:
        forms = [translators[lang].gettext(form) for form in english_forms]
        preferred = PREF_OVERRIDES.get(alpha3, {}).get(lang, forms[0])
        aliases = set(forms) | set(EXTRA_ALIASES.get(alpha3, {}).get(lang, ()))
        aliases.discard(preferred)
        result[lang] = (preferred, sorted(aliases))
    return result


def _literals(values: Iterable[tuple[str, str]]) -> str:
    """Render ``(text, lang)`` pairs as a comma-separated list of Turtle language literals."""
    return " , ".join(Literal(text, lang=lang).n3() for text, lang in values)


def render_state(alpha3: str) -> str:
    """Render the Turtle block describing one state."""
    country = pycountry.countries.get(alpha_3=alpha3)
    if country is None:
        raise KeyError(f"unknown ISO 3166-1 alpha-3 code: {alpha3}")
    names = state_names(alpha3)
    preferred = [(names[lang][0], lang) for lang in LANGUAGES]
    alternatives = [(text, lang) for lang in LANGUAGES for text in names[lang][1]]

    lines = [f"state:{alpha3} a mg:State ;"]
    lines.append(f"    rdfs:label {_literals(preferred)} ;")
    lines.append(f"    skos:prefLabel {_literals(preferred)} ;")
    if alternatives:
        lines.append(f"    skos:altLabel {_literals(alternatives)} ;")
    lines.append(f'    mg:isoAlpha2 "{country.alpha_2}" ;')
    lines.append(f'    mg:isoAlpha3 "{country.alpha_3}" ;')
    lines.append(f'    mg:isoNumeric "{country.numeric}" ;')
    sources = [ISO_SOURCE]
    memberships = []
    if alpha3 in UN_MEMBERS:
        memberships.append("organ:un")
        sources.append(UN_MEMBERS_SOURCE)
    else:
        lines.append('    rdfs:comment "Non-member observer State of the United Nations."@en ;')
        sources.append(UN_OBSERVERS_SOURCE)
    if alpha3 in OAS_MEMBERS:
        memberships.append("organ:oas")
        sources.append(OAS_MEMBERS_SOURCE)
    if memberships:
        lines.append(f"    mg:memberOf {' , '.join(memberships)} ;")
    lines.append(f"    dcterms:source {' , '.join(Literal(s).n3() for s in sources)} .")
    return "\n".join(lines) + "\n"


def render_states() -> str:
    """Render the whole states.ttl text, states sorted by alpha-3 code for stable diffs."""
    _check_lists()
    header = HEADER.format(un=UN_MEMBERS_SOURCE, oas=OAS_MEMBERS_SOURCE)
    blocks = [render_state(code) for code in sorted(set(UN_MEMBERS) | set(UN_OBSERVERS))]
    return header + "\n" + "\n".join(blocks)


def _check_lists() -> None:
    """Fail loudly if an edit broke the curated lists, rather than generate a wrong file."""
    if len(UN_MEMBERS) != 193 or len(set(UN_MEMBERS)) != 193:
        raise ValueError(f"UN_MEMBERS must list 193 distinct codes, has {len(set(UN_MEMBERS))}")
    if len(OAS_MEMBERS) != 35 or len(set(OAS_MEMBERS)) != 35:
        raise ValueError(f"OAS_MEMBERS must list 35 distinct codes, has {len(set(OAS_MEMBERS))}")
    if not set(OAS_MEMBERS) <= set(UN_MEMBERS):
        raise ValueError("every OAS member is also a UN member")
    if set(UN_OBSERVERS) & set(UN_MEMBERS):
        raise ValueError("an observer state cannot also be a member")
    codes = (*UN_MEMBERS, *UN_OBSERVERS)
    unknown = [code for code in codes if pycountry.countries.get(alpha_3=code) is None]
    if unknown:
        raise ValueError(f"codes unknown to ISO 3166-1: {', '.join(unknown)}")


def main(argv: Sequence[str] | None = None) -> int:
    """Write states.ttl (or the file given with ``-o``); return a process exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m graph.reference.make_states",
        description="Generate the reference Turtle file of states from ISO 3166-1 (pycountry).",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=REFERENCE_DIR / "states.ttl",
        help="where to write the Turtle (default: graph/reference/states.ttl)",
    )
    args = parser.parse_args(argv)
    try:
        text = render_states()
        args.output.write_text(text, encoding="utf-8", newline="\n")
    except (OSError, ValueError, KeyError) as error:
        print(f"make_states: error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
