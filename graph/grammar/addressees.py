"""The list of addressees of an operative paragraph: "the Secretary-General, Member States and
the Government of South Sudan", each resolved to an IRI path or kept with its text.

A list is read conjunct by conjunct between the separators of ``addressee-phrases.tsv``
("and", "as well as", ","): at each, the longest name of :mod:`graph.grammar.names`, with or
without its determiner ("the", "all relevant", "aux", "a los"). What follows a name up to the next
separator must qualify it ("Member States concerned", "all parties to the conflict"), not extend
it into another noun ("the Secretary-General's Special Envoy"), else the conjunct is not that
name. A conjunct that opens with a modifier ("in consultation with ...") ends the list, so the
bodies a task is done *with* are not read as the bodies it is given to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from graph.grammar.anaphora import common_body, resolve_anaphor
from graph.grammar.names import NameMatch, demonym_state, fold_text, match_name
from graph.grammar.tables import alternation, patterns, regex

__all__ = ["Addressee", "read_addressees", "read_between"]

TABLE = "addressee-phrases.tsv"
#: how many of its first words may hold the noun that makes a conjunct a thing ("full compliance")
_THING_WORDS = 3
_LOWER = re.compile(r",?\s*[a-zàâçéèêëîïôûùüÿœáíóúñ]")
_BRACKET_OR_END = re.compile(r"\s*(?:\([^)]{1,40}\)|[;:.](?:\s|$)|$)")
_BAD_TAIL = re.compile(r"\s*(?:['’]s\b|of\s+[A-Z]|de\s+(?:la\s+|l['’]|los\s+|las\s+)?[A-Z])")


@dataclass(frozen=True)
class Addressee:
    """Whom a paragraph tasks, as written (``text`` at ``start:end`` of the paragraph) and as
    resolved: ``iri`` the IRI path relative to the data base, None when not resolved; ``known``
    false when the IRI is derived ("the Committee established pursuant to resolution N") and the
    reference data does not describe it."""

    start: int
    end: int
    text: str
    iri: str | None
    known: bool = True


@dataclass(frozen=True)
class _Grammar:
    determiner: re.Pattern[str]
    separator: re.Pattern[str]
    modifier: re.Pattern[str]
    qualifier: re.Pattern[str]
    not_qualifier: re.Pattern[str]
    thing: re.Pattern[str]
    preposition: re.Pattern[str]
    example: re.Pattern[str]
    between: re.Pattern[str]
    subset: re.Pattern[str]
    adjective: re.Pattern[str]
    agent_noun: re.Pattern[str]
    of: re.Pattern[str]


#: the groups a named subset is not ("the Member States of the African Union")
_DIVISIBLE = frozenset({"organ/group-member-states", "organ/group-all-states"})
_CONTINUES = {"en": r",?\s*(?:and|as well as)\s+", "fr": r",?\s*(?:et|ainsi que)\s+",
              "es": r",?\s*(?:y|e|así como)\s+"}


@cache
def _grammar(language: str) -> _Grammar:
    return _Grammar(
        # a determiner may end in an apostrophe glued to the name ("l'Office")
        regex(r"(?<!\w)" + alternation(patterns(TABLE, language, "determiner"), word=False)
              + r"(?:(?<=['’])|(?!\w))\s*"),
        # "troop- and police-contributing countries" is one addressee, not two
        regex(r"(?<!-)\s*" + alternation(patterns(TABLE, language, "separator"), word=False)
              + r"(?!\w)\s*"),
        regex(alternation(patterns(TABLE, language, "modifier"))),
        re.compile(r",?\s*" + alternation(patterns(TABLE, language, "qualifier"), word=False)),
        re.compile(r",?\s*" + alternation(patterns(TABLE, language, "not_qualifier"),
                                          word=False)),
        re.compile(alternation(patterns(TABLE, language, "thing"), word=False)),
        regex(alternation(patterns(TABLE, language, "preposition")) + r"\s+"),
        regex(alternation(patterns(TABLE, language, "example")) + r"\s*"),
        regex(alternation(patterns(TABLE, language, "between")) + r"\s+"),
        re.compile(r",?\s*" + alternation(patterns(TABLE, language, "subset"), word=False)),
        regex(alternation(patterns(TABLE, language, "adjective")) + r"\Z"),
        re.compile(alternation(patterns(TABLE, language, "agent_noun"))),
        re.compile(r"\s(?:of|de|del|des|du|d['’])(?:\s|(?<=['’]))"),
    )


def _names_at(text: str, folded: str, pos: int, end: int, language: str,
              issuer: str | None, context: str | None) -> list[NameMatch]:
    """The names that may open the conjunct at ``pos``: at ``pos`` itself and after each of
    its determiners ("all States" and "States Members of the United Nations" in "all States
    Members of the United Nations"), longest first; failing all, when the resolution's earlier
    text is given, the body a common noun refers back to ("the Committee")."""
    grammar = _grammar(language)
    found = []
    probe = pos
    while True:
        name = match_name(text, folded, probe, language, issuer)
        if name is not None and name.end <= end:
            found.append(name)
        determiner = grammar.determiner.match(text, probe, end)
        if determiner is None or determiner.end() == probe:
            break
        probe = determiner.end()
    if not found:
        preposition = grammar.preposition.match(text, pos, end)
        start = preposition.end() if preposition else pos
        name = resolve_anaphor(text, start, language, issuer, context or "")
        if name is not None and name.end <= end:
            found.append(name)
        else:
            # a body with no IRI ("the Committee" nothing names before, "troop-contributing
            # countries"): its span, unresolved
            probe = start
            while (body_end := common_body(text, probe, language)) is None:
                determiner = grammar.determiner.match(text, probe, end)
                if determiner is None or determiner.end() == probe:
                    break
                probe = determiner.end()  # "aux pays fournisseurs de contingents"
            if body_end is not None and body_end <= end:
                found.append(NameMatch(start, body_end, None, False))
    return sorted(found, key=lambda n: -n.end)


def _tail_qualifies(tail: str, grammar: _Grammar, strict: bool) -> bool:
    """What follows a name in its conjunct qualifies it ("concerned", "(UNMISS)", "to the
    conflict") rather than making it part of a longer noun ("'s Special Envoy", "of Experts",
    "peacekeeping operations"). In a ``strict`` reading the name is a subject or a recipient,
    followed by its verb or the rest of the clause ("all parties cease ..."): any lower-case
    word may follow it."""
    if _BAD_TAIL.match(tail):
        return False
    if _BRACKET_OR_END.match(tail):
        return True
    if grammar.not_qualifier.match(tail):
        return False
    return bool(_LOWER.match(tail) if strict else grammar.qualifier.match(tail))


def _is_thing(written: str, language: str) -> bool:
    """An unresolved conjunct whose first words hold a noun of action or of means ("full
    compliance by ...", "the convening of", "measures") names what is asked for, not whom:
    "Calls for measures to ...", "Encourages the convening of ...". A bare plural of agents
    ("designating States", "troop- and police-contributing countries") is not one."""
    grammar = _grammar(language)
    determiner = grammar.determiner.match(written)
    rest = written[determiner.end():] if determiner else written
    if not rest[:1].islower():
        return False
    starts = [0] + [m.end() for m in re.finditer(r"\s+", rest)][:_THING_WORDS - 1]
    if not any(grammar.thing.match(rest, start) for start in starts):
        return False
    # "the multilateral development banks": agents, whatever noun of action stands before
    of = grammar.of.search(rest)
    return not grammar.agent_noun.search(rest[:of.start() if of else len(rest)])


def read_addressees(text: str, start: int, end: int, language: str, issuer: str | None = None,
                    *, strict: bool = False, skip: re.Pattern[str] | None = None,
                    folded: str | None = None, context: str | None = None) -> list[Addressee]:
    """The addressees listed in ``text[start:end]``, in order.

    ``strict``: keep only names (resolved, or bodies with no IRI whose span is known: "the
    Committee") and stop at the first conjunct that is none (a subject whose end is not known:
    "Demands that all parties cease ..."). ``skip``: a verb
    phrase that may open a conjunct ("... and calls upon"), passed over. ``context``: the
    resolution's text before the paragraph, for the bodies a common noun refers back to (None:
    no such reading).
    """
    grammar = _grammar(language)
    folded = folded if folded is not None else fold_text(text)
    found: list[Addressee] = []
    pos = start
    while pos < end:
        while pos < end and text[pos] in " ,\n\t":
            pos += 1
        if skip is not None and (verb := skip.match(text, pos, end)):
            pos = verb.end()
            continue
        if pos >= end:
            break
        if not strict and grammar.example.match(text, pos, end):
            # examples of the addressee before ("in particular those of the region"): passed
            # over up to the next comma, and the list goes on only if a conjunction follows
            comma = text.find(",", pos, end)
            going_on = re.compile(_CONTINUES[language]).match(text, comma) if comma >= 0 else None
            if going_on is None:
                break
            pos = going_on.end()
            continue
        name, separator = None, None
        for candidate in _names_at(text, folded, pos, end, language, issuer, context):
            separator = grammar.separator.search(text, candidate.end, end)
            conjunct_end = separator.start() if separator else end
            if _tail_qualifies(text[candidate.end:conjunct_end], grammar, strict):
                name = candidate
                break
        if name is None:
            separator = grammar.separator.search(text, pos, end)
            if separator is not None and not strict:
                separator = _past_names(text, folded, pos, separator, end, language, issuer,
                                        grammar)
        conjunct_end = separator.start() if separator else end
        preposition = grammar.preposition.match(text, pos, end)
        written_start = preposition.end() if preposition else pos
        if name is not None and name.iri in _DIVISIBLE and grammar.subset.match(
                text, name.end, conjunct_end):
            # a named subset of the group ("los Estados Miembros de la región de Asia Central")
            written = text[written_start:conjunct_end].rstrip(" ,")
            found.append(Addressee(written_start, written_start + len(written), written, None))
        elif name is not None:
            begin = min(written_start, name.start)
            found.append(Addressee(begin, name.end, text[begin:name.end], name.iri, name.known))
            if strict and not _BRACKET_OR_END.match(text[name.end:conjunct_end]):
                break  # the name's verb or complement follows: the list has ended
        elif strict or grammar.modifier.match(text, pos, end):
            break
        else:
            between = grammar.between.search(text, pos, conjunct_end)
            if between is not None:
                # "the exchange of information between UNMISS and the Panel": its parties
                pos = between.end()
                continue
            written = text[written_start:conjunct_end].strip(" ,")
            if written and not _is_thing(written, language):
                found.append(Addressee(written_start, written_start + len(written), written,
                                       None, True))
            elif written and not text[start:written_start].strip(" ,\n\t"):
                # "Demands the cessation of ..., the ...": things asked for, not whom, up to
                # the next verb's object ("..., and calls upon all parties to ...")
                verb = skip.search(text, conjunct_end, end) if skip is not None else None
                if verb is None:
                    break
                pos = verb.start()
                continue
        if separator is None:
            break
        pos = separator.end()
    return _once(_states_of_adjectives(_merge_adjectives(text, found, grammar), language,
                                       grammar), grammar)


def _states_of_adjectives(found: list[Addressee], language: str,
                          grammar: _Grammar) -> list[Addressee]:
    """An adjective of a State alone beside a State's Government names the other State: "les
    Gouvernements soudanais et sud-soudanais", "the Sudanese and South Sudanese Governments"."""
    resolved = list(found)
    for index, addressee in enumerate(found):
        beside = found[index - 1:index] + found[index + 1:index + 2]
        if addressee.iri is not None or not any((b.iri or "").startswith("state/")
                                                for b in beside):
            continue
        written = addressee.text
        if (determiner := grammar.determiner.match(written)) is not None:
            written = written[determiner.end():]
        state = demonym_state(written, language)
        if state is not None:
            resolved[index] = Addressee(addressee.start, addressee.end, addressee.text, state)
    return resolved


def _once(found: list[Addressee], grammar: _Grammar) -> list[Addressee]:
    """The addressees without a body named again by a shorter noun ("el Grupo de Expertos ...
    y solicita al Grupo"): one body, one addressee."""
    def head(addressee: Addressee) -> str:
        written = addressee.text
        while (determiner := grammar.determiner.match(written)) and determiner.end():
            written = written[determiner.end():]
        return fold_text(written)

    kept: list[Addressee] = []
    for addressee in found:
        if addressee.iri is None and any(head(k).startswith(head(addressee)) for k in kept
                                         if k.iri is None and head(addressee)):
            continue
        kept.append(addressee)
    return kept


def read_between(text: str, start: int, end: int, language: str, issuer: str | None = None,
                 *, folded: str | None = None) -> list[Addressee]:
    """The parties of an exchange that opens ``text[start:end]`` ("the exchange of information
    between UNMISS and the Panel"): the names after its "between", or none when the object
    names no such exchange or none of its parties resolves."""
    grammar = _grammar(language)
    separator = grammar.separator.search(text, start, end)
    between = grammar.between.search(text, start, separator.start() if separator else end)
    if between is None or not _is_thing(text[start:between.start()].strip(), language):
        return []
    found = read_addressees(text, between.end(), end, language, issuer, folded=folded)
    # "collaboration between the entities" names no one: parties, one of them resolved
    return found if any(a.iri for a in found) else []


def _past_names(text: str, folded: str, pos: int, separator: re.Match[str], end: int,
                language: str, issuer: str | None, grammar: _Grammar) -> re.Match[str] | None:
    """The separator that ends an unresolved conjunct, past any name inside it that holds a
    separator of its own ("the Territories on the agenda of the Special Committee on ...
    Countries and Peoples")."""
    if not text[separator.end():separator.end() + 1].isupper():
        return separator  # a name goes on with a capital ("Countries and Peoples")
    for word in re.finditer(r"(?<!\w)[A-ZÀ-Ý]", text[pos:separator.start()]):
        name = match_name(text, folded, pos + word.start(), language, issuer)
        if name is not None and name.end > separator.start():
            return grammar.separator.search(text, name.end, end)
    return separator


def _merge_adjectives(text: str, found: list[Addressee], grammar: _Grammar) -> list[Addressee]:
    """A conjunct that is an adjective alone belongs to the unresolved noun beside it:
    "international and regional organizations", "organizaciones internacionales y regionales"
    are one addressee."""
    merged: list[Addressee] = []
    index = 0
    while index < len(found):
        current = found[index]
        alone = current.iri is None and grammar.adjective.match(current.text)
        if alone and merged and merged[-1].iri is None and not grammar.adjective.match(
                merged[-1].text):
            previous = merged.pop()
            current = Addressee(previous.start, current.end,
                                text[previous.start:current.end], None)
        elif alone and index + 1 < len(found) and (
                found[index + 1].iri or "organ/group-").startswith("organ/group-"):
            # "international and regional organizations": one addressee, no group of either
            following = found[index + 1]
            current = Addressee(current.start, following.end,
                                text[current.start:following.end], None)
            index += 1
        merged.append(current)
        index += 1
    return merged
