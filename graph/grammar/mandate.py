"""What an operative paragraph mandates: who must do what, by when, how often, for whom.

"Requests the Secretary-General to report to the Council every 120 days" reads as the act
``request``, the addressee organ/un-sg, the action "to report to the Council every 120 days",
the periodicity P120D and the report going to the issuing organ. The reading follows the few
constructions resolutions are written in (``mandate-phrases.tsv``):

- verb, addressees, task: "Requests X to ...", "Prie X de ...", "Solicita a X que ...";
- verb, "that", subject, task: "Demands that all parties ...", "Décide que le Comité ...";
  "decide" tasks only a subject followed by an obligation ("shall", a future tense);
- extension and establishment: "Decides to extend the mandate of UNMISS until ...", "Decides to
  establish a Committee ...": the body extended or established holds the mandate.

What the grammar does not understand it says, in ``unresolved``: "act" when the verb lexicon does
not know the opening, "addressee" when the paragraph tasks someone no name resolves. It never
guesses: an addressee that does not resolve keeps its text with no IRI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from graph.grammar.addressees import Addressee, read_addressees, read_between
from graph.grammar.deadlines import Deadline, find_deadline
from graph.grammar.names import fold_text, match_name
from graph.grammar.periodicity import Periodicity, find_periodicity
from graph.grammar.reporting import find_report_to
from graph.grammar.tables import alternation, patterns, regex
from graph.grammar.verbs import VerbMatch, load_phrases, read_verb

__all__ = ["Addressee", "Deadline", "MandateReading", "Periodicity", "read_mandate"]

TABLE = "mandate-phrases.tsv"
#: the acts that give someone a task whenever they have an addressee
MANDATE_ACTS = frozenset({"request", "decide_establish", "decide_extend", "authorize",
                          "call_upon", "encourage", "urge", "invite", "demand"})
#: acts that task the subject of a "that" clause without an obligation verb
_THAT_TASKS = frozenset({"request", "demand", "call_upon", "urge", "encourage", "invite",
                         "authorize"})
#: acts whose object may be an action with its agent ("Calls for the cessation of attacks by X")
_AGENT_ACTS = frozenset({"call_upon", "demand", "urge", "encourage"})
#: how far (characters) an obligation verb may stand after the start of a "that" subject
_SUBJECT_REACH = 160
#: how many words may stand between a "that" subject and its obligation verb ("the Panel
#: established pursuant to ... shall")
_MODAL_GAP = 3


@dataclass(frozen=True)
class MandateReading:
    """The reading of one operative paragraph (see the module docstring)."""

    act: str | None
    creates_mandate: bool
    addressees: tuple[Addressee, ...]
    action: tuple[int, int] | None
    deadline: Deadline | None
    periodicity: Periodicity | None
    report_to: tuple[Addressee, ...]
    unresolved: tuple[str, ...]


@dataclass(frozen=True)
class _Grammar:
    object: re.Pattern[str]
    after_verb: re.Pattern[str]
    that: re.Pattern[str]
    infinitive: re.Pattern[str]
    decide_to: re.Pattern[str]
    predicate: re.Pattern[str]
    modal: re.Pattern[str]
    mandate_of: re.Pattern[str]
    possessive: re.Pattern[str]
    establish: re.Pattern[str]
    clause_end: re.Pattern[str]
    #: another operative verb inside the paragraph ("..., and requests"), which ends a clause
    next_verb: re.Pattern[str]
    #: an operative verb that opens a conjunct of an addressee list ("X and calls upon Y to")
    verb_in_list: re.Pattern[str]
    #: who does the action a paragraph calls for ("the cessation of attacks by X")
    agent: re.Pattern[str]
    #: a "that" subject which is a report or briefing ("Decides that the future briefings")
    report_subject: re.Pattern[str]
    #: who presents such a report ("briefings from the Chair", "que le presente la Presidencia")
    presenter: re.Pattern[str]


def _finite_verbs(language: str) -> str:
    """The finite operative verbs of the lexicon as one lower-case alternation (the infinitives
    of OAS openings are left out: "de demander" is a task, not a new clause)."""
    phrases = [p for p, _ in load_phrases(language, "operative")
               if not p.startswith("to ") and not (language != "en"
                                                   and re.search(r"(?:er|ir|ar)$", p.split()[0]))]
    modifiers = [p for p, _ in load_phrases(language, "modifier")]
    verbs = "|".join(re.escape(p).replace(r"\ ", r"\s+")
                     for p in sorted(phrases, key=len, reverse=True))
    mods = "|".join(re.escape(m).replace(r"\ ", r"\s+")
                    for m in sorted(modifiers, key=len, reverse=True))
    return rf"(?:(?:{mods}),?\s+)*(?:{verbs})(?!\w)"


@cache
def _grammar(language: str) -> _Grammar:
    def one(role: str, word: bool = True) -> re.Pattern[str]:
        """The patterns of ``role``; ``word``: they start at a word boundary (their end is the
        pattern's own business: "to " is followed by the verb it opens)."""
        body = alternation(patterns(TABLE, language, role), word=False)
        return regex(rf"(?<!\w){body}" if word else body)

    verbs = _finite_verbs(language)
    conjunction = {"en": "and", "fr": "et", "es": "y"}[language]
    return _Grammar(
        object=one("object"),
        after_verb=regex(r"(?:[\s,]*" + alternation(patterns(TABLE, language, "after_verb"))
                         + r")+[\s,]*"),
        that=regex(r"\s*,?\s*" + alternation(
            patterns(TABLE, language, "that")) + r"\s*"),
        infinitive=one("infinitive"),
        decide_to=regex(r"\s*" + alternation(patterns(TABLE, language, "decide_to"), word=False)),
        modal=regex(alternation(patterns(TABLE, language, "modal"))),
        # case-sensitive: a predicate starts with a lower-case verb or adverb
        predicate=re.compile(r"(?<=\s)" + alternation(patterns(TABLE, language, "predicate"))),
        mandate_of=one("mandate_of"),
        possessive=regex(alternation(patterns(TABLE, language, "possessive"), word=False)),
        establish=regex(alternation(patterns(TABLE, language, "establish"), word=False)),
        clause_end=one("clause_end", word=False),
        next_verb=re.compile(rf"(?:[,;]\s*(?:{conjunction}\s+)?|\s+{conjunction}\s+){verbs}"),
        verb_in_list=re.compile(rf"(?:{conjunction}\s+)?{verbs}\s*"),
        agent=regex(alternation(patterns(TABLE, language, "agent")) + r"\s+"),
        report_subject=one("report_subject"),
        presenter=regex(alternation(patterns(TABLE, language, "agent")
                                    + patterns(TABLE, language, "presenter")) + r"\s+"),
    )


def _verb_at(text: str, language: str) -> tuple[VerbMatch, int, int] | None:
    """The operative verb that opens the paragraph, or one after an opening phrase ("In light
    of ..., encourages"), with its span in ``text``."""
    starts = [0] + [m.end() for m in re.finditer(r",\s+", text[:400])]
    for begin in starts:
        match = read_verb(text[begin:], language, "operative")
        if match is None:
            continue
        if begin and not text[begin].islower():
            continue
        return match, begin, begin + _original_length(text[begin:], match.length)
    return None


def _original_length(text: str, folded_length: int) -> int:
    """How many characters of ``text`` the first ``folded_length`` characters of its
    :func:`fold` stand for (fold trims and squeezes white space)."""
    stripped = len(text) - len(text.lstrip())
    count, position = 0, stripped
    while position < len(text) and count < folded_length:
        if text[position].isspace():
            while position < len(text) and text[position].isspace():
                position += 1
            count += 1
            continue
        position += 1
        count += 1
    return position


def _embedded_act(text: str, after: int, language: str, grammar: _Grammar) -> int | None:
    """Where the addressees of a verb embedded in "decides to <verb>" start, when that verb is
    one that creates a mandate (the infinitives of the lexicon: "to authorize", "autoriser")."""
    link = grammar.decide_to.match(text, after)
    position = link.end() if link else after
    match = read_verb(text[position:], language, "operative")
    if match is None or match.code not in MANDATE_ACTS - {"decide_extend", "decide_establish"}:
        return None
    return position + _original_length(text[position:], match.length)


def _clause_end(text: str, start: int, grammar: _Grammar, *, verbs: bool = True) -> int:
    """Where the clause that starts at ``start`` ends: at a semicolon or a full stop, and, when
    ``verbs``, at another operative verb ("..., and requests")."""
    found = [grammar.clause_end.search(text, start)]
    if verbs:
        found.append(grammar.next_verb.search(text, start))
    return min((m.start() for m in found if m), default=len(text))


def _subject(text: str, folded: str, start: int, end: int, language: str,
             issuer: str | None, grammar: _Grammar,
             context: str | None) -> tuple[list[Addressee], int | None]:
    """The subject of a "that" clause and where its obligation verb stands: None when there is
    none, or when it does not follow the subject closely (it then belongs to a relative clause:
    "Decides that UNSMIL be led by the Envoy, who will ...")."""
    limit = min(end, start + _SUBJECT_REACH)
    modal = grammar.modal.search(text, start, limit)
    predicate = grammar.predicate.search(text, start, limit)
    if (predicate is not None and predicate.start() > start
            and (modal is None or predicate.start() < modal.start())):
        # "Requests that the Secretary-General provide ...": a subjunctive, no modal; the
        # subject ends where its predicate starts (a modal further on is another clause's)
        found = read_addressees(text, start, predicate.start(), language, issuer, strict=True,
                                folded=folded, context=context)
        if found:
            return found, None
    found = read_addressees(text, start, modal.start() if modal else end, language, issuer,
                            strict=True, folded=folded, context=context)
    if modal is not None and not found:
        # an unresolved subject: its first conjunct only, as written up to the verb
        found = read_addressees(text, start, modal.start(), language, issuer, folded=folded,
                                context=context)[:1]
    if modal is None and not found:
        # "Demands that all armed groups cease ...": the subject, unresolved, ends where its
        # predicate starts
        predicate = grammar.predicate.search(text, start, min(end, start + _SUBJECT_REACH))
        if predicate is not None and predicate.start() > start:
            found = read_addressees(text, start, predicate.start(), language, issuer,
                                    folded=folded, context=context)[:1]
        return found, None
    if modal is None or not found:
        return found, None
    between = text[found[-1].end:modal.start()]
    if len(between.split()) > _MODAL_GAP or any(c in between for c in ",;("):
        return found, None
    return found, modal.start()


def _agentive(addressees: list[Addressee]) -> bool:
    """A subject that can hold a task: a resolved name, or a capitalised body ("the Panel")."""
    for addressee in addressees:
        if addressee.iri is not None:
            return True
        words = [w for w in addressee.text.split() if w.lower() not in ("the", "le", "la", "el",
                                                                        "les", "los", "las")]
        if words and words[0][:1].isupper() and "mandat" not in words[0].lower():
            return True
    return False


def _extended(text: str, folded: str, start: int, end: int, language: str,
              issuer: str | None, grammar: _Grammar, context: str | None) -> list[Addressee]:
    """The body whose mandate the paragraph extends: "the mandate of UNMISS", "UNMISS's
    mandate"."""
    for m in grammar.mandate_of.finditer(text, start, end):
        found = read_addressees(text, m.end(), end, language, issuer, strict=True,
                                folded=folded, context=context)
        if found:
            return found[:1]
    for position in range(start, end):
        if position and text[position - 1].isalnum():
            continue
        name = match_name(text, folded, position, language, issuer)
        if name is not None and grammar.possessive.match(text, name.end):
            return [Addressee(name.start, name.end, text[name.start:name.end], name.iri,
                              name.known)]
    return []


def _agent(text: str, folded: str, start: int, end: int, language: str, issuer: str | None,
           grammar: _Grammar, *, resolved: bool = True,
           pattern: re.Pattern[str] | None = None) -> list[Addressee]:
    """Who does the action a paragraph calls for, named after "by" ("the cessation of attacks
    carried out by the Russian Federation"): the first such name that resolves (or, unless
    ``resolved``, the first body however named: "la Presidencia del Comité"); ``pattern``: the
    words before the agent, if not the "agent" rows."""
    for m in (pattern or grammar.agent).finditer(text, start, end):
        found = read_addressees(text, m.end(), end, language, issuer, strict=True,
                                folded=folded)
        if found and (found[0].iri is not None or not resolved):
            return found[:1]
    return []


def _established(text: str, folded: str, start: int, end: int, language: str,
                 issuer: str | None, grammar: _Grammar) -> list[Addressee]:
    """The body a paragraph establishes, by its name or its acronym in brackets."""
    article = grammar.establish.match(text, start, end)
    position = article.end() if article else start
    name = match_name(text, folded, position, language, issuer)
    if name is not None:
        return [Addressee(position, name.end, text[position:name.end], name.iri, name.known)]
    for bracket in re.finditer(r"\(([^()]{2,20})\)", text[position:end]):
        inner = position + bracket.start(1)
        name = match_name(text, folded, inner, language, issuer)
        if name is not None and name.end == position + bracket.end(1):
            return [Addressee(position, name.end + 1, text[position:name.end + 1], name.iri,
                              name.known)]
    stop = re.search(r"[,;(:]|\s(?:to|with|for|which|that|de|pour|qui|que|para|con)\s",
                     text[position:end])
    written = text[position:position + (stop.start() if stop else min(120, end - position))]
    written = written.strip()
    return [Addressee(position, position + len(written), written, None)] if written else []


def read_mandate(text: str, language: str, *, adopted: date | None = None,
                 issuer: str | None = None, context: str | None = None) -> MandateReading:
    """The mandate one operative paragraph states (``text``: the paragraph's own text).

    ``language`` is "en", "fr" or "es"; ``adopted`` the adoption date (a deadline "within 90
    days" is then also a date); ``issuer`` the IRI path of the adopting organ ("organ/un-sc"),
    which "the Council", "le Conseil" and "report to it" name; ``context`` the resolution's
    text before the paragraph, from which "the Committee" or "the Mission" is resolved to the
    body named last (without it such a noun stays unresolved).
    """
    grammar = _grammar(language)
    verb = _verb_at(text, language)
    if verb is None:
        return MandateReading(None, False, (), None, None, None, (), ("act",))
    meaning, verb_start, after = verb
    act = meaning.code
    adverbs = grammar.after_verb.match(text, after)
    if adverbs is not None:
        after = adverbs.end()
    folded = fold_text(text)
    end = _clause_end(text, after, grammar)
    addressees: list[Addressee] = []
    action: tuple[int, int] | None = None
    creates = act in MANDATE_ACTS
    that = grammar.that.match(text, after)
    if act == "decide" and that is None:
        # "Decides to authorize X to ...", "Décide d'autoriser X à ...": the task is the
        # embedded verb's, read with its own construction
        embedded = _embedded_act(text, after, language, grammar)
        if embedded is not None:
            creates, after = True, embedded
    if act in ("decide_extend", "decide_establish"):
        if act == "decide_extend":
            addressees = _extended(text, folded, after, end, language, issuer, grammar, context)
        else:
            addressees = _established(text, folded, after, end, language, issuer, grammar)
        # the task is the extension itself: "to extend until ... the mandate of UNMISS"
        infinitive = grammar.infinitive.search(text, verb_start, after)
        action = (infinitive.start() if infinitive else after, end)
    elif that is not None and (act in _THAT_TASKS or act == "decide"):
        subject, modal = _subject(text, folded, that.end(), end, language, issuer, grammar,
                                  context)
        if act == "decide":
            creates = modal is not None and _agentive(subject)
            if modal is not None and not creates and grammar.report_subject.match(
                    text, that.end()):
                # "Decides that the future briefings to it by the Chair shall take place
                # annually": a reporting task, given to whoever the subject names as its agent
                creates = True
                subject = _agent(text, folded, that.end(), modal, language, issuer, grammar,
                                 resolved=False, pattern=grammar.presenter)
                modal = that.end()
        if creates:
            addressees = subject
            action = ((modal if modal is not None else (subject[-1].end if subject
                                                         else that.end())), end)
    elif creates:
        # the addressees may span a second verb ("Requests X and calls upon Y to ...")
        marker = grammar.object.search(text, after, _clause_end(text, after, grammar,
                                                                verbs=False))
        if marker is not None:
            addressees = read_addressees(text, after, marker.start(), language, issuer,
                                         skip=grammar.verb_in_list, folded=folded,
                                         context=context)
            action = (marker.start(), _clause_end(text, marker.end(), grammar))
        else:
            # "Requests the Secretary-General provide ...", the "that" left out: the
            # addressee ends where its predicate starts
            predicate = grammar.predicate.search(text, after, min(end, after + _SUBJECT_REACH))
            stop = predicate.start() if predicate is not None and predicate.start() > after else end
            addressees = read_addressees(text, after, stop, language, issuer, strict=True,
                                         folded=folded, context=context)[:1]
            action = (addressees[-1].end if addressees and stop < end else after, end)
    if creates and not addressees and act in _AGENT_ACTS and that is None:
        # "Encourages the exchange between A and B", "Calls for the cessation of attacks by X"
        addressees = (read_between(text, after, end, language, issuer, folded=folded)
                      or _agent(text, folded, after, end, language, issuer, grammar))
    if not creates:
        return MandateReading(act, False, (), None, None, None, (), ())
    assert action is not None
    start, stop = action
    while stop > start and text[stop - 1] in " ,;.:":
        stop -= 1
    while start < stop and text[start] in " ,":
        start += 1
    action = (start, stop) if stop > start else None
    span = action or (after, end)
    # the when, how often and to whom of the whole paragraph from its task on: a later verb's
    # report ("..., and requests France to ensure reporting to the Council") is the mandate's
    deadline = find_deadline(text, span[0], len(text), language, adopted=adopted,
                             extension=act == "decide_extend")
    periodicity = find_periodicity(text, span[0], len(text), language)
    report_to = find_report_to(text, span[0], len(text), language, issuer, context)
    unresolved = () if any(a.iri for a in addressees) else ("addressee",)
    return MandateReading(act, True, tuple(addressees), action, deadline, periodicity,
                          report_to, unresolved)

