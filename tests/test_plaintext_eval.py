"""The plain-text evaluation: renderings of AKN files read back and scored against the markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.evaluate_akn import FieldScore
from graph.plaintext.evaluate import FIELDS, run_text_eval, score_file, verbs_agree
from graph.plaintext.render import render_akn

AKN = Path(__file__).parent / "data" / "akn"
PLAIN = Path(__file__).parent / "data" / "plaintext"
TUNING = [AKN / "S_RES_2722-2400437E.xml", AKN / "S_RES_2722-2400437F.xml",
          AKN / "S_RES_2722-2400437S.xml", AKN / "A_RES_78_285-2411033E.xml",
          PLAIN / "A_RES_78_285-2411033F.xml"]


def test_verbs_agree_as_far_as_the_shorter_goes() -> None:
    assert verbs_agree("Requests the Secretary-General", "Requests")
    assert verbs_agree("Decides", "Decides to remain actively seized")
    assert verbs_agree("Further condemns,", "Further condemns")
    assert not verbs_agree("Requests", "Request")
    assert not verbs_agree("Condemns", "")


def test_the_table_has_a_row_per_field_and_a_table_per_language() -> None:
    table = run_text_eval(TUNING, base="https://example.org/", split="tuning")
    assert "plain text, en" in table and "plain text, fr" in table and "plain text, es" in table
    assert "held out" not in table
    rows = {line.split("  ")[0]: line.split() for line in table.splitlines()}
    assert set(rows) >= {"resolutions read", "symbols", "adoption dates", "paragraph numbers",
                         "operative verbs", "citations"}
    assert run_text_eval(TUNING, base="https://example.org/", split="held-out").startswith(
        "no AKN resolution")
    with pytest.raises(ValueError):
        run_text_eval(TUNING, base="https://example.org/", split="everything")


def test_a_file_the_reader_misses_counts_against_it() -> None:
    from graph.evaluate_akn import read_markup
    from graph.sources import read_source

    gold = read_markup(read_source(AKN / "S_RES_2722-2400437E.xml"))
    assert gold is not None
    names = FIELDS
    good = {n: FieldScore(n) for n in names}
    score_file(gold, render_akn((AKN / "S_RES_2722-2400437E.xml").read_text(encoding="utf-8"),
                                file_name="S_RES_2722-2400437E.xml"), good)
    assert good["paragraph numbers"].recall == 1.0 and good["adoption dates"].f1 == 1.0
    assert good["operative verbs"].recall == 1.0
    missed = {n: FieldScore(n) for n in names}
    score_file(gold, "not a resolution\n", missed)
    assert missed["resolutions read"].recall == 0.0
    assert missed["paragraph numbers"].gold == good["paragraph numbers"].gold
    assert missed["paragraph numbers"].matched == 0
