"""The words of provision references, per language, and the patterns built from them.

``provision_words.toml`` lists, for French, English and Spanish, the keywords of references to
numbered provisions ("paragraphe", "operative paragraphs", "párrafos"), the words of their lists
and ranges, and the words that join a reference to its instrument.  The languages are merged:
a document is read with the words of all of them, so an English work plan that quotes a French
title still reads.  Every pattern runs on folded text (:func:`graph.normalize.fold`).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

WORDS_FILE = Path(__file__).with_name("provision_words.toml")
with WORDS_FILE.open("rb") as _handle:
    LEXICON: dict[str, dict[str, list[str]]] = tomllib.load(_handle)

KINDS = {"paragraph": "paragraphs", "article": "articles", "action": "actions"}
"""Each kind of provision and the lexicon key of its plural keywords."""


def words(key: str) -> list[str]:
    """The entries of ``key`` in every language, without repeats, longest first."""
    found = {word for language in LEXICON.values() for word in language.get(key, [])}
    return sorted(found, key=lambda word: (-len(word), word))


def alternation(entries: list[str]) -> str:
    """A regex alternation of folded entries, longest first; a space matches any spaces."""
    ordered = sorted(set(entries), key=lambda word: (-len(word), word))
    return "|".join(
        r"[ ]+".join(re.escape(part).replace("'", "['’]") for part in w.split(" "))
        for w in ordered
    )


def _ends_in_word(entry: str) -> bool:
    return entry[-1].isalnum()


def phrase(key: str) -> str:
    """An alternation of ``key``'s entries; one that ends in a letter must end a word."""
    bounded = [w for w in words(key) if _ends_in_word(w)]
    loose = [w for w in words(key) if not _ends_in_word(w)]
    parts = []
    if bounded:
        parts.append(f"(?:{alternation(bounded)})(?![a-z0-9])")
    if loose:
        parts.append(f"(?:{alternation(loose)})")
    return "(?:" + "|".join(parts) + ")"


KIND_OF: dict[str, str] = {}
"""Folded keyword (its spaces made single) → kind of provision."""
PLURAL: set[str] = set()
"""Keywords after which a list may follow; a singular keyword governs one number only."""
for _kind, _plural_key in KINDS.items():
    for _word in words(_kind):
        KIND_OF[_word] = _kind
    for _word in words(_plural_key):
        KIND_OF[_word] = _kind
        PLURAL.add(_word)


def keyword_of(matched: str) -> str:
    """The lexicon entry a keyword match stands for ("operative  paragraph" → one space)."""
    return re.sub(r"[ ]+", " ", matched)


KEYWORD = re.compile(
    rf"(?<![\w§])(?P<kw>{phrase('paragraphs')}|{phrase('paragraph')}|{phrase('articles')}"
    rf"|{phrase('article')}|{phrase('actions')}|{phrase('action')})[ ]*"
)

NUMBER_SIGN = rf"n[ ]?[°º][ ]?|(?:{alternation(words('number_signs'))})[ ]?(?=\d)|no[ ](?=\d)"

RANGE_DASH = re.compile(
    rf"[ ]*(?:[-\u2010-\u2015\u2212]|(?:{alternation(words('range_words'))})(?=[ ]))[ ]*"
)

LIST_SEPARATOR = re.compile(
    rf"""
    [ ]*(?:,[ ]*(?:(?:{alternation(words('list_words'))})(?=[ ]))?
          |(?:{alternation(words('list_words'))})(?=[ ]))[ ]*
    (?=(?:{NUMBER_SIGN})?[\divxlc])       # and another number follows
    """,
    re.VERBOSE,
)

_LINKS = alternation(words("links"))
INSTRUMENT_LINK = re.compile(
    rf"[ ]*(?:(?:{_LINKS})(?<=')|(?:{_LINKS})(?=[ ]))?[ ]*"
    rf"(?:(?:{alternation(words('parts'))})[ ]+(?:(?:{_LINKS})(?<=')|(?:{_LINKS})[ ]+)[ ]*)?"
)
"""What may stand between a reference and its instrument's symbol ("du dispositif de la")."""

INSTRUMENT_NOUN = re.compile(rf"(?:{alternation(words('instrument_nouns'))})[ ]+")

SAME_RESOLUTION = re.compile(rf"[ ]*(?:{alternation(words('same_resolution'))})(?![a-z])")

_NAMED = alternation(words("named_links"))
NAMED_LINK = rf"(?i:(?:{_NAMED})(?<=['’])|(?:{_NAMED})(?=[ ]))"
"""Before a named instrument ("de la", "de l'", "of the"); the name follows."""

PLAN_LINKS = (
    rf"(?:(?:{alternation([w for w in words('plan_links') if not w.endswith(chr(39))])})[ ]"
    rf"|(?:{alternation([w for w in words('plan_links') if w.endswith(chr(39))])}))"
)
"""The lowercase words that link the capitalised words of a plan's name ("de", "d'")."""

ASSIGNMENT = re.compile(rf"(?<![a-z]){phrase('assignment')}")
"""Words after which a sentence names the organ a provision is entrusted to."""

ANAPHORA = re.compile(rf"[ ]*(?:{alternation(words('anaphora'))})(?![a-z])")
"""The opening of a sentence that goes on about the provision cited just before."""

ANAPHOR = re.compile(rf"(?<![a-z])(?:{alternation(words('anaphora_anywhere'))})(?![a-z])")
"""Words that name the provision just cited, wherever they stand in a sentence."""

DUTY = re.compile(rf"(?<![a-z]){phrase('duty')}")
"""What follows the organ that must carry out a provision ("… (MoGCSP) shall …")."""

TABLE_PARAGRAPH = re.compile(rf"(?:{alternation(words('table_paragraph'))})[ ]*:?$")
TABLE_RESPONSIBLE = re.compile(rf"(?:{alternation(words('table_responsible'))})(?![a-z])")
