"""Persons named in French text: a name marked by a title or by the State its bearer represents.

:func:`graph.extract.officers.find_officers` needs the persons of a text before it can give them
posts, and a person is only taken for one when a title ("M.", "l'Ambassadeur", "le membre") or
a representation ("Représentant permanent du Pérou") marks the name, so that capitalised words
of ordinary prose are not read as names.  Names are matched on the text itself, not on its
folded twin, since capitals mark them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

Span = tuple[int, int, str]
"""Start, end and text of a phrase as written: a State, an organ."""

_UP = "A-ZÀ-ÖØ-Þ"

_LOW = "a-zß-öø-ÿ"

_NAME = (
    rf"[{_UP}][{_LOW}]+(?:-[{_UP}]?[{_LOW}]+)*"  # first word: José, Jean-Pierre
    rf"(?:[ ](?:(?:de|del|da|das|do|dos|van|von|di)[ ])?"  # particles: "de", "van"
    rf"(?:[{_UP}][{_LOW}]+(?:-[{_UP}]?[{_LOW}]+)*|[{_UP}]\.))*"  # more words or initials
)

_PERSON = re.compile(
    rf"""
    (?:(?P<hon>
        l['’][ ]?(?P<amb>Ambassadeur|Ambassadrice)         # l'Ambassadeur
      | (?P<exc>S\.[ ]?E\.|H\.[ ]?E\.|Son[ ]Excellence)    # diplomatic style
      | (?P<civ>MM\.|Mmes|Mme|Mlle|M\.|Dr\.?)              # civil titles
      | (?P<member>[Ll]e[ ]membre|[Ll]a[ ]membre|[Ll]e[ ]commissaire|[Ll]a[ ]commissaire)
    )[ ]+)?
    (?P<name>{_NAME})
    """,
    re.VERBOSE,
)

_REPRESENTATION = re.compile(
    rf"""
    [ ]*,[ ]*
    [Rr]eprésentante?s?                                     # Représentant(e)
    (?:[ ](?:permanente?|suppléante?|alterne|adjointe?|intérimaire|spéciale?))*
    (?:[ ]a\.[ ]?i\.)?                                      # a.i.
    [ ]+(?:du|de[ ]la|de[ ]l['’]|d['’]|des)[ ]*
    (?P<state>[{_UP}][^,;()\n\t]*?)                         # the state, as written
    (?=[ ]+(?:près|auprès|comme|et)(?![\w])|[,;()\n\t]|\.(?:[ ]|$)|$)
    """,
    re.VERBOSE,
)

_FROM_PLACE = re.compile(
    rf"""
    [ ]+(?:du|de[ ]la|de[ ]l['’]|d['’])[ ]*
    (?P<state>[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)*)       # "du Cambodge"
    (?=[ ]*[,;.)\n\t]|$)
    """,
    re.VERBOSE,
)
"""The country after a diplomat's name ("H.E. Prak Sokhonn du Cambodge")."""


@dataclass(frozen=True)
class PersonMention:
    """A marked name: its span, its title and what follows it."""

    start: int  # start of the title, or of the name
    name_start: int
    name_end: int
    end: int  # end of the representation phrase, or of the name
    name: str
    honorific: str | None
    titled: bool
    represents: Span | None


def find_persons(text: str) -> list[PersonMention]:
    """Names marked by a title or by a representation phrase, with their honorifics."""
    persons: list[PersonMention] = []
    position = 0
    while (match := _PERSON.search(text, position)) is not None:
        position = match.end()
        rep = _REPRESENTATION.match(text, match.end())
        if not match["hon"] and rep is None:
            position = match.start() + 1
            continue
        persons.append(_person(text, match, rep))
        position = persons[-1].end
    return _inherit_plural_titles(text, persons)


def _person(text: str, match: re.Match[str], rep: re.Match[str] | None) -> PersonMention:
    honorific = match["amb"] or match["exc"] or match["civ"]
    represents: Span | None = None
    end = match.end()
    if rep is not None:
        represents = (rep.start("state"), rep.end("state"), rep["state"])
        end = rep.end("state")
    elif match["amb"] or match["exc"]:
        place = _FROM_PLACE.match(text, match.end())
        if place is not None:
            represents = (place.start("state"), place.end("state"), place["state"])
            end = place.end("state")
    return PersonMention(
        start=match.start(),
        name_start=match.start("name"),
        name_end=match.end("name"),
        end=end,
        name=match["name"],
        honorific=honorific,
        titled=bool(match["hon"]),
        represents=represents,
    )


def _inherit_plural_titles(text: str, persons: list[PersonMention]) -> list[PersonMention]:
    """ "MM. Eloí Ritter, …, et Giovanni Snidle": the plural title covers the whole list."""
    out: list[PersonMention] = []
    for person in persons:
        previous = out[-1] if out else None
        if (
            previous is not None
            and person.honorific is None
            and previous.honorific in ("MM.", "Mmes")
            and re.fullmatch(r"[ ,]*(?:et)?[ ]*", text[previous.end : person.start])
        ):
            person = replace(person, honorific=previous.honorific)
        out.append(person)
    return out
