"""Names (aliases) of organs, states and conventions, as the extraction recognisers need them.

The reference Turtle files are the single place where names live; this module reads them back
through a SPARQL query kept in ``aliases.rq`` (so that the same question can be asked of the
server's store) and offers the normalisation used to compare a name with document text.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import rdflib

from graph.queries import query_text

#: where ``aliases.rq`` lives: the query returning every label, alternative label and acronym
#: of the reference entities
ALIASES_DIR = Path(__file__).parent

KINDS = ("organ", "state", "convention")

# Characters that OCR, Word and PDF conversions use in place of an ASCII apostrophe.
_APOSTROPHES = str.maketrans(dict.fromkeys("\u2019\u2018\u02bc\u0060\u00b4\u2032", "'"))
# Ligatures that Unicode decomposition leaves intact ("mise en œuvre" / "mise en oeuvre").
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})
# Dashes that stand for a hyphen in compound names ("Trinité‑et‑Tobago").
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))


@dataclass(frozen=True, order=True)
class Alias:
    """One name by which an entity can be mentioned.

    ``lang`` is the language tag of the name (``None`` when untagged); ``is_acronym`` tells the
    recogniser to match the text case-sensitively and as a whole word, since acronyms such as
    "CIM" or "AG" are also ordinary letter sequences.
    """

    text: str
    lang: str | None
    iri: str
    kind: str
    is_acronym: bool


def normalize_alias(text: str) -> str:
    """Return the form of *text* under which names and mentions are compared.

    Case, accents, ligatures, apostrophe and dash variants and runs of white space differ between
    the corpus and the reference names (and within the corpus: "Belém Do Pará", "Etats-Unis",
    "Organisation international de migrations") without changing what is named.
    """
    text = text.translate(_APOSTROPHES).translate(_LIGATURES).translate(_DASHES)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.casefold().split())


def load_aliases(graph: rdflib.Graph | ox.Store) -> list[Alias]:
    """Return every alias of the organs, states and conventions in *graph*, sorted.

    *graph* is an rdflib graph or a pyoxigraph store (the build passes a store: the same query
    runs there in milliseconds rather than seconds). A name given both as a label and as an
    acronym is returned once, as an acronym, so that the stricter matching rule applies.
    """
    query = query_text("aliases", ALIASES_DIR)
    if isinstance(graph, ox.Store):
        rows = [
            (s["entity"].value, s["kind"].value, s["text"].value, s["text"].language,
             s["isAcronym"].value == "true")
            for s in graph.query(query, use_default_graph_as_union=True)  # type: ignore[union-attr]
            if isinstance(s["text"], ox.Literal)
        ]
    elif isinstance(graph, rdflib.Graph):
        rows = []
        for row in graph.query(query):
            entity, kind, text, is_acronym = row  # type: ignore[misc]
            if isinstance(text, rdflib.Literal) and isinstance(is_acronym, rdflib.Literal):
                rows.append((str(entity), str(kind), str(text), text.language,
                             bool(is_acronym.toPython())))
    else:
        raise TypeError(
            "load_aliases expects an rdflib.Graph or a pyoxigraph.Store, "
            f"got {type(graph).__name__}"
        )
    acronym_flags: dict[tuple[str, str | None, str, str], bool] = {}
    for entity, kind, text, lang, is_acronym in rows:
        key = (text, lang or None, entity, kind)
        acronym_flags[key] = acronym_flags.get(key, False) or is_acronym
    return sorted(
        Alias(text=text, lang=lang, iri=iri, kind=kind, is_acronym=flag)
        for (text, lang, iri, kind), flag in acronym_flags.items()
    )


def find_ambiguous(aliases: Iterable[Alias]) -> dict[str, set[str]]:
    """Return the normalised names that designate more than one entity, with those entities.

    Such names ("AG" for the OAS and the UN General Assembly, "Secrétaire général") cannot be
    resolved from the name alone; the recogniser must use the document's context.
    """
    targets: dict[str, set[str]] = defaultdict(set)
    for alias in aliases:
        targets[normalize_alias(alias.text)].add(alias.iri)
    return {name: iris for name, iris in sorted(targets.items()) if len(iris) > 1}
