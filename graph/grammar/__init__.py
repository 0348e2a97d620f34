"""The grammar of mandates: what an operative paragraph asks of whom, by when, how often.

One grammar for every source format (Akoma Ntoso, plain text of a PDF or web page) and for
English, French and Spanish: the verb lexicon (:mod:`graph.grammar.verbs`), dates
(:mod:`graph.grammar.dates`) and the reading of a paragraph (:mod:`graph.grammar.mandate`).
"""

from graph.grammar.mandate import (
    Addressee,
    Deadline,
    MandateReading,
    Periodicity,
    read_mandate,
)

__all__ = ["Addressee", "Deadline", "MandateReading", "Periodicity", "read_mandate"]
