"""Officers of a body: who chairs it, who are its vice-chairs, rapporteurs and secretaries.

Documents name officers in a few recurring French constructions, which this module reads:

* election sentences, post before the person: "a élu Président de la Commission … (CSH)
  l'Ambassadeur José Manuel Boza Orozco, Représentant permanent du Pérou près l'OEA";
* election sentences, posts after the persons, possibly distributed with "respectivement":
  "a élu l'Ambassadeur Léon Charles, …, comme premier vice-président et MM. Eloí Ritter, …, et
  Giovanni Snidle, …, comme deuxième et troisième vice-présidents respectivement";
* apposition: "le Secrétaire exécutif de la CIDH, M. Santiago A. Canton", "M. X, Président
  de …";
* a post held: "le membre Freddy Gutiérrez a exercé ses fonctions de rapporteur";
* a post handed on: "la CIDH a désigné le membre Florentín Meléndez à cette fonction" (the post
  of the officer named just before);
* later mentions of a known officer by title and name or surname ("le membre Gutiérrez").

A person is only taken for one when a title ("M.", "l'Ambassadeur", "le membre") or a
representation ("Représentant permanent du Pérou") marks the name, so that capitalised words of
ordinary prose are not read as names.  Post words are matched on :func:`graph.normalize.fold`
of the text (same length); names are matched on the text itself, since capitals mark them.

Persons are found by :mod:`graph.extract.person_mentions`; the post words are in
``officer_posts.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from graph.extract.dates import find_dates
from graph.extract.person_mentions import (
    PersonMention,
    Span,
    find_persons,
)
from graph.normalize import fold

__all__ = ["Officer", "find_officers"]

POSTS_FILE = Path(__file__).with_name("officer_posts.toml")

with POSTS_FILE.open("rb") as _handle:
    _POST_WORDS: dict[str, Any] = tomllib.load(_handle)


# Posts (matched on folded text: lower case, no accents, same length).
_ORDINAL = r"(?:premiere?|1ere?|1re|deuxieme|seconde?|2e|troisieme|3e|quatrieme|4e)"

_HEAD = r"""
    (?:vice-presidente?|vice[ ]presidente?|co-presidente?|copresidente?|presidente?
      |rapporteu(?:r|se|re)|secretaire[ ]executi(?:f|ve)|secretaire[ ]generale?[ ]adjointe?
      |secretaire[ ]generale?|secretaire|directeur[ ]executif|directrice[ ]executive
      |directeur|directrice|conseiller[ ]principal|conseillere[ ]principale
      |conseiller|conseillere|coordonnat(?:eur|rice))
"""

_POST = re.compile(
    rf"""
    (?<![\w-])
    (?P<ords>{_ORDINAL}(?:[ ]*(?:,|et)[ ]*{_ORDINAL})*[ ]+)?   # "deuxième et troisième"
    (?P<head>{_HEAD})
    s?(?:[ ]speciale?s?)?                                      # plural, "spécial"
    (?![\w])
    """,
    re.VERBOSE,
)

_HEAD_POSTS: tuple[tuple[str, str], ...] = tuple(
    (prefix, post) for prefix, post in _POST_WORDS["head_posts"]
)
"""Post of a folded head word, by prefix, most specific first."""

_ORDINAL_POSTS: dict[str, str] = dict(_POST_WORDS["ordinal_posts"])
"""The rank of a post by the first character of its ordinal."""

_ELECTION = re.compile(
    r"(?<![\w])(?:elue?s?|designee?s?|nommee?s?|reelue?s?)(?![\w])",
)

_COMME = re.compile(r"(?<![\w])(?:comme|en[ ]tant[ ]que|au[ ]poste[ ]de)[ ]+")

_RESPECTIVELY = re.compile(r"(?<![\w])respectivement(?![\w])")

_HELD = re.compile(
    r"""
    [ ]*(?:
        a[ ]+exerce[ ]*(?:ses|les)[ ]+fonctions          # "a exercé ses fonctions de"
      | en[ ]+(?:sa[ ]+)?qualite                         # "en (sa) qualité de"
      | (?:a[ ]+ete|est|fut)[ ]+(?:elue?|nommee?|designee?|reelue?)(?:[ ]+(?:comme|au[ ]poste))?
    )[ ]+(?:de[ ]+|d')?(?:la[ ]+|le[ ]+)?
    """,
    re.VERBOSE,
)

_SAME_POST = re.compile(
    r"""[ ]*(?:a|pour)[ ]+(?:cette|ces|la[ ]meme|les[ ]memes)[ ]+fonctions?|[ ]*a[ ]+ce[ ]+poste""",
    re.VERBOSE,
)

_GAP = re.compile(
    r"""
    [ ]*(?:(?P<link>de[ ]la|de[ ]l'|du|des|d'|de|pour|sur)[ ]*(?P<organ>[^,;:.\n\t]{1,120}?))?
    [ ]*,?[ ]*$
    """,
    re.VERBOSE,
)
"""What may stand between a post and its person: the post's complement, then a comma."""

_SUBJECT = re.compile(
    r"""
    (?:^|[,;:][ ]*|[ ])(?:le|la|l')[ ]*(?P<subject>[^,;:.\n\t]{2,80}?)
    [ ]+(?:a|ont)[ ]+(?:elu|designe|nomme|reelu)(?![\w])
    """,
    re.VERBOSE,
)

_ANAPHORA_WINDOW = 1500
"""How far back "à cette fonction" looks for the post it refers to."""

_GAP_MAX = 200
"""A post more than this far before a name does not govern it."""

_SENTENCE_END = re.compile(r"[.!?;](?=[ \t]+[A-ZÀ-Þ«\"(]|[ \t]*\n|[ \t]*$)|\n")

_ABBREVIATION = re.compile(r"(?:(?<![\w])(?:[A-ZÀ-Þ]|MM|Mmes?|Mlle|Dr|St|i|art|No|n°|p))$")
"""Words whose dot does not end a sentence: initials, titles, "a.i."."""


@dataclass(frozen=True)
class Officer:
    """One person named as an officer of a body, with the evidence of each part.

    ``start``/``end`` is the person's name.  ``represents`` is the state they represent as
    written ("Pérou"), ``organ_text`` the body they serve when the sentence names it, and
    ``elected_on`` the span of the date of an election sentence; the caller maps texts to IRIs.
    """

    start: int
    end: int
    name: str
    post: str
    honorific: str | None = None
    represents: Span | None = None
    organ_text: Span | None = None
    elected_on: tuple[int, int] | None = None


def find_officers(text: str) -> list[Officer]:
    """Every officer named in ``text`` (clean text), in reading order, one per mention."""
    folded = fold(text)
    persons = find_persons(text)
    officers: list[Officer] = []
    for sentence_start, sentence_end in _sentences(text, persons):
        members = [p for p in persons if sentence_start <= p.start < sentence_end]
        officers += _sentence_officers(text, folded, sentence_start, sentence_end, members)
    officers = _with_anaphora(text, folded, persons, officers)
    officers += _coreferences(persons, officers)
    return sorted(officers, key=lambda o: o.start)


def _sentences(text: str, persons: list[PersonMention]) -> list[tuple[int, int]]:
    """Sentence spans; a dot inside a person mention ("a.i.", "A.") never ends one."""
    inside = [(p.start, p.end) for p in persons]
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        cut = match.start()
        if match.group() == "." and (
            _ABBREVIATION.search(text, max(0, cut - 6), cut) or any(a <= cut < b for a, b in inside)
        ):
            continue
        bounds.append((start, cut + 1))
        start = cut + 1
    bounds.append((start, len(text)))
    return [(a, b) for a, b in bounds if b > a]


def _sentence_officers(
    text: str, folded: str, start: int, end: int, members: list[PersonMention]
) -> list[Officer]:
    """Officers of one sentence: posts before, after, or distributed over the persons."""
    if not members:
        return []
    election = _ELECTION.search(folded, start, end) is not None
    date = _election_date(text, start, end) if election else None
    subject = _subject(text, folded, start, end) if election else None
    found: dict[int, Officer] = {}
    for index, person in enumerate(members):
        lower = members[index - 1].end if index else start
        officer = _post_before(text, folded, lower, person) or _post_after(text, folded, person)
        if officer is not None:
            found[person.name_start] = officer
    for person, post in _distributed(folded, end, members):
        found.setdefault(person.name_start, _officer(person, post, subject))
    return [replace(o, elected_on=date) for o in found.values()]


def _officer(person: PersonMention, post: str, organ: Span | None) -> Officer:
    return Officer(
        start=person.name_start,
        end=person.name_end,
        name=person.name,
        post=post,
        honorific=person.honorific,
        represents=person.represents,
        organ_text=organ,
    )


def _post_before(text: str, folded: str, lower: int, person: PersonMention) -> Officer | None:
    """Post first: "Président de la Commission … l'Ambassadeur X", "le Secrétaire …, M. X"."""
    window_start = max(lower, person.start - _GAP_MAX)
    posts = list(_POST.finditer(folded, window_start, person.start))
    if not posts:
        return None
    post = posts[-1]
    gap = _without_parentheses(folded[post.end() : person.start])
    found = _GAP.fullmatch(gap)
    heads = _post_names(post)
    if found is None or len(heads) != 1:
        return None
    organ = None
    if found["link"] in _ORGAN_LINKS:
        offset = post.end()
        organ_end = _with_acronym(text, offset + found.end("organ"), person.start)
        organ = _organ_span(text, offset + found.start("organ"), organ_end)
    return _officer(person, heads[0], organ)


_ORGAN_LINKS = frozenset({"de la", "de l'", "du", "des", "d'", "de"})


def _post_after(text: str, folded: str, person: PersonMention) -> Officer | None:
    """ "M. X, Président de …", "X a exercé ses fonctions de rapporteur"."""
    tail = re.compile(r"[ ]*,[ ]*(?:(?:le|la|l')[ ]*)?").match(folded, person.end)
    held = _HELD.match(folded, person.end)
    for lead in (held, tail):
        if lead is None:
            continue
        post = _POST.match(folded, lead.end())
        if post is not None and len(_post_names(post)) == 1:
            organ = _complement(text, folded, post.end()) if lead is tail else None
            return _officer(person, _post_names(post)[0], organ)
    return None


def _complement(text: str, folded: str, position: int) -> Span | None:
    """The body after a post ("Président de la Commission X"), unless it is another post."""
    link = re.compile(r"[ ]+(?:de[ ]la|de[ ]l'|du|des|d')[ ]*").match(folded, position)
    if link is None or _POST.match(folded, link.end()):
        return None
    stop = re.compile(r"[,;.\n\t]").search(folded, link.end())
    end = stop.start() if stop else len(folded)
    return _organ_span(text, link.end(), end)


def _distributed(
    folded: str, end: int, members: list[PersonMention]
) -> list[tuple[PersonMention, str]]:
    """ "X, comme premier vice-président et Y et Z comme deuxième et troisième …"."""
    pairs: list[tuple[PersonMention, str]] = []
    group: list[PersonMention] = []
    remaining = list(members)
    position = members[0].start
    while (comme := _COMME.search(folded, position, end)) is not None:
        while remaining and remaining[0].start < comme.start():
            group.append(remaining.pop(0))
        post = _POST.match(folded, comme.end())
        position = comme.end()
        if post is None or not group:
            continue
        names = _post_names(post)
        if len(names) == len(group):
            pairs += list(zip(group, names, strict=True))
        elif len(names) == 1:
            pairs += [(person, names[0]) for person in group]
        group = []
        position = post.end()
    return pairs


def _post_names(post: re.Match[str]) -> list[str]:
    """The posts a post phrase names: one per ordinal ("deuxième et troisième …")."""
    head = post["head"].replace(" ", "-") if post["head"].startswith("vice ") else post["head"]
    base = next(name for prefix, name in _HEAD_POSTS if head.startswith(prefix))
    if not post["ords"]:
        return [base]
    ordinals = re.findall(_ORDINAL, post["ords"])
    return [f"{_ORDINAL_POSTS[o[0]]}-{base}" for o in ordinals]


def _with_acronym(text: str, end: int, limit: int) -> int:
    """Extend a body's name over the parenthesis that follows it: "… continentale (CSH)"."""
    found = re.compile(r"[ ]*\([^()]{1,80}\)").match(text, end, limit)
    return found.end() if found else end


def _without_parentheses(gap: str) -> str:
    """The gap with parenthesised asides blanked, so their commas do not end the complement."""
    return re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), gap)


def _organ_span(text: str, start: int, end: int) -> Span | None:
    """The trimmed span of a body's name, as written."""
    while start < end and text[start] in " ,":
        start += 1
    while end > start and text[end - 1] in " ,":
        end -= 1
    return (start, end, text[start:end]) if end > start else None


def _subject(text: str, folded: str, start: int, end: int) -> Span | None:
    """The body that elects ("la Commission a élu …"): the organ of posts named without one."""
    found = _SUBJECT.search(folded, start, end)
    if found is None:
        return None
    return _organ_span(text, found.start("subject"), found.end("subject"))


def _election_date(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The first date given to the day in an election sentence."""
    for mention in find_dates(text[start:end]):
        if mention.precision == "day":
            return (start + mention.start, start + mention.end)
    return None


def _with_anaphora(
    text: str, folded: str, persons: list[PersonMention], officers: list[Officer]
) -> list[Officer]:
    """ "a désigné le membre X à cette fonction": the post of the officer named just before."""
    taken = {o.start for o in officers}
    added = list(officers)
    for person in persons:
        if person.name_start in taken or _SAME_POST.match(folded, person.end) is None:
            continue
        earlier = [o for o in added if person.start - _ANAPHORA_WINDOW <= o.end <= person.start]
        if not earlier:
            continue
        antecedent = max(earlier, key=lambda o: o.end)
        organ = _subject_before(text, folded, person)
        added.append(replace(_officer(person, antecedent.post, organ), elected_on=None))
    return added


def _subject_before(text: str, folded: str, person: PersonMention) -> Span | None:
    """The body that designates the person, named in the clause just before them."""
    line_start = folded.rfind("\n", 0, person.start) + 1
    subjects = list(_SUBJECT.finditer(folded, line_start, person.start))
    if not subjects:
        return None
    return _organ_span(text, subjects[-1].start("subject"), subjects[-1].end("subject"))


def _coreferences(persons: list[PersonMention], officers: list[Officer]) -> list[Officer]:
    """Later titled mentions of a known officer, by full name or surname, keep their post."""
    taken = {o.start for o in officers}
    known = sorted(officers, key=lambda o: o.start)
    extra: list[Officer] = []
    for person in persons:
        if person.name_start in taken or not person.titled:
            continue
        antecedent = _antecedent(person, known)
        if antecedent is not None:
            extra.append(
                replace(
                    antecedent,
                    start=person.name_start,
                    end=person.name_end,
                    name=person.name,
                    honorific=person.honorific or antecedent.honorific,
                    elected_on=None,
                )
            )
    return extra


def _antecedent(person: PersonMention, known: list[Officer]) -> Officer | None:
    """The last officer before ``person`` with the same name, or whose surname it is."""
    match = None
    for officer in known:
        if officer.start >= person.start:
            break
        surname = officer.name.split()[-1]
        if person.name in (officer.name, surname):
            match = officer
    return match
