"""The hand-annotated mandate gold is well formed, and the mandate scorer scores what it should.

The gold checks guard the annotations against slips that reading cannot catch: an offset that
does not point at its quote, an act that is no code of the lexicon, an IRI outside the agreed
conventions, a paragraph in the wrong split. The scorer checks build readings from the gold
itself (a perfect reader) and from a perturbed copy, so they do not depend on the grammar.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pycountry
import pytest

from graph.config import REFERENCE_DIR
from graph.evaluate_akn import is_heldout
from graph.evaluate_mandates import (
    FIELDS,
    GOLD_DIR,
    evaluate_mandates,
    format_mandate_scores,
    load_gold,
    tuning_errors,
)
from graph.grammar import Addressee, Deadline, MandateReading, Periodicity

VERBS = Path(__file__).resolve().parent.parent / "graph" / "grammar" / "verbs.tsv"
GROUPS = {"member-states", "all-states", "states-parties", "parties", "international-community",
          "donors", "regional-organizations", "civil-society",
          "international-financial-institutions"}
ORGAN = re.compile(r"organ/(?:un-sc-(?:committee|panel)-\d+|un(?:-[a-z0-9]+)?|au|oas(?:-[a-z0-9-]+)?)$")
DURATION = re.compile(r"P(?:\d+[YMWD])+$")
MANDATE_ACTS = {"request", "decide_establish", "decide_extend", "authorize", "call_upon",
                "encourage", "urge", "invite", "demand", "decide", "endorse"}


def _operative_codes() -> set[str]:
    codes = set()
    for line in VERBS.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if not line.startswith("#") and len(cells) >= 4 and cells[1] == "operative":
            codes.add(cells[3].strip())
    return codes


def _reference_organs() -> set[str]:
    found = set()
    for ttl in REFERENCE_DIR.glob("*.ttl"):
        found.update(re.findall(r"^organ:([a-z0-9-]+) a ", ttl.read_text(encoding="utf-8"), re.M))
    return {f"organ/{name}" for name in found}


GOLD = load_gold(GOLD_DIR)


def _spans(record: dict[str, Any]) -> list[dict[str, Any]]:
    spans = [*record["addressees"], *record["report_to"]]
    spans += [item for item in (record["deadline"], record["periodicity"]) if item]
    return spans


def test_offsets_point_at_their_quotes() -> None:
    for record in GOLD:
        for span in _spans(record):
            assert record["text"][span["start"]:span["end"]] == span["quote"], record["id"]


def test_acts_are_operative_codes_of_the_lexicon() -> None:
    codes = _operative_codes()
    assert "request" in codes and "remain_seized" in codes
    for record in GOLD:
        assert record["act"] is None or record["act"] in codes, record["id"]


def test_iris_follow_the_conventions() -> None:
    reference = _reference_organs()
    assert "organ/un-sg" in reference
    states = {country.alpha_3 for country in pycountry.countries}
    for record in GOLD:
        for party in [*record["addressees"], *record["report_to"]]:
            iri = party["iri"]
            if iri is None:
                continue
            if iri.startswith("state/"):
                assert iri.removeprefix("state/") in states, (record["id"], iri)
            elif iri.startswith("organ/group-"):
                assert iri.removeprefix("organ/group-") in GROUPS, (record["id"], iri)
            else:
                assert iri in reference or ORGAN.match(iri), (record["id"], iri)


def test_fields_are_well_formed() -> None:
    ids = Counter(record["id"] for record in GOLD)
    assert max(ids.values()) == 1
    for record in GOLD:
        assert re.fullmatch(r"(en|fr|es)-(sc|ga)-\d{3}", record["id"])
        assert record["id"].startswith(f"{record['language']}-{record['organ'][9:]}-")
        if record["adopted"]:
            datetime.date.fromisoformat(record["adopted"])
        if not record["creates_mandate"]:
            assert not record["addressees"] and not record["report_to"], record["id"]
            assert record["deadline"] is None and record["periodicity"] is None, record["id"]
        else:
            assert record["act"] in MANDATE_ACTS, record["id"]
        deadline = record["deadline"]
        if deadline:
            kind = deadline["kind"]
            assert kind in {"date", "session", "duration"}
            assert [k for k in ("date", "session", "duration") if deadline[k] is not None] == [kind]
            if kind == "date":
                datetime.date.fromisoformat(deadline["date"])
            elif kind == "session":
                assert isinstance(deadline["session"], int) and deadline["session"] > 0
            else:
                assert DURATION.match(deadline["duration"])
        if record["periodicity"]:
            assert DURATION.match(record["periodicity"]["duration"])


def test_coverage_of_languages_organs_and_fields() -> None:
    assert len(GOLD) >= 150
    cells = Counter((record["language"], record["organ"]) for record in GOLD)
    for language in ("en", "fr", "es"):
        assert cells[(language, "organ/un-sc")] + cells[(language, "organ/un-ga")] >= 50
        assert cells[(language, "organ/un-sc")] >= 20 and cells[(language, "organ/un-ga")] >= 20
    assert sum(bool(r["deadline"]) for r in GOLD) >= 30
    assert sum(bool(r["periodicity"]) for r in GOLD) >= 30
    assert sum(bool(r["report_to"]) for r in GOLD) >= 40
    per_resolution = Counter(record["symbol"].split(" (")[0] for record in GOLD)
    assert max(per_resolution.values()) <= 3


def test_each_file_holds_its_split() -> None:
    heldout = load_gold(GOLD_DIR, "heldout")
    tuning = load_gold(GOLD_DIR, "tuning")
    assert heldout and tuning and len(heldout) + len(tuning) == len(GOLD)
    assert all(is_heldout(record["symbol"]) for record in heldout)
    assert not any(is_heldout(record["symbol"]) for record in tuning)
    with pytest.raises(ValueError, match="unknown split"):
        load_gold(GOLD_DIR, "test")


def _party(item: dict[str, Any]) -> Addressee:
    return Addressee(item["start"], item["end"], item["quote"], item["iri"])


def _reading(record: dict[str, Any]) -> MandateReading:
    """What a perfect grammar would read: the gold itself, in the API's dataclasses."""
    deadline = record["deadline"]
    periodicity = record["periodicity"]
    return MandateReading(
        act=record["act"], creates_mandate=record["creates_mandate"],
        addressees=tuple(_party(item) for item in record["addressees"]), action=None,
        deadline=Deadline(deadline["start"], deadline["end"], deadline["quote"], deadline["kind"],
                          datetime.date.fromisoformat(deadline["date"]) if deadline["date"]
                          else None, deadline["session"], deadline["duration"])
        if deadline else None,
        periodicity=Periodicity(periodicity["start"], periodicity["end"], periodicity["quote"],
                                periodicity["duration"]) if periodicity else None,
        report_to=tuple(_party(item) for item in record["report_to"]), unresolved=())


def _reader(perturb: bool) -> Any:
    by_text = {record["text"]: record for record in GOLD}

    def read(text: str, language: str, *, adopted: datetime.date | None = None,
             issuer: str | None = None) -> MandateReading:
        record = by_text[text]
        assert language == record["language"] and issuer == record["organ"]
        reading = _reading(record)
        if not perturb:
            return reading
        # a reader that misses every addressee without IRI, names the Secretariat for every
        # Secretary-General, shifts sessions by one and reads every act as "request"
        addressees = tuple(
            dataclasses.replace(a, iri="organ/un-secretariat") if a.iri == "organ/un-sg" else a
            for a in reading.addressees if a.iri)
        deadline = reading.deadline
        if deadline and deadline.kind == "session":
            deadline = dataclasses.replace(deadline, session=deadline.session + 1)
        return dataclasses.replace(reading, act="request", addressees=addressees,
                                   deadline=deadline)

    return read


def test_gold_as_prediction_scores_one() -> None:
    for split in ("tuning", "heldout", None):
        scores = evaluate_mandates(GOLD_DIR, split=split, read=_reader(perturb=False))
        assert [score.field for score in scores] == list(FIELDS)
        for score in scores:
            assert score.gold > 0, score.field
            assert score.precision == score.recall == score.f1 == 1.0, score.field


def test_a_perturbed_reading_scores_less() -> None:
    scores = {s.field: s for s in evaluate_mandates(GOLD_DIR, split=None, read=_reader(True))}
    assert scores["act"].f1 < 1.0
    assert scores["addressees"].recall < 1.0 and scores["addressees"].precision < 1.0
    assert scores["deadline"].f1 < 1.0
    assert scores["periodicity"].f1 == scores["report to"].f1 == 1.0
    assert scores["creates mandate"].f1 == 1.0


def test_an_unresolved_party_matches_by_overlapping_span(tmp_path: Path) -> None:
    record = next(r for r in GOLD if any(a["iri"] is None for a in r["addressees"]))
    gold = next(a for a in record["addressees"] if a["iri"] is None)
    (tmp_path / "tuning.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n",
                                           encoding="utf-8")

    def read(text: str, language: str, **_: Any) -> MandateReading:
        reading = _reading(record)
        others = tuple(a for a in reading.addressees if a.iri)
        inside = Addressee(gold["start"] + 1, gold["end"], gold["quote"][1:], None)
        elsewhere = Addressee(len(text) - 1, len(text), text[-1], None)
        return dataclasses.replace(reading, addressees=(*others, inside, elsewhere))

    scores = {s.field: s for s in evaluate_mandates(tmp_path, split="tuning", read=read)}
    addressees = scores["addressees"]
    assert addressees.matched == addressees.gold
    assert addressees.predicted == addressees.gold + 1


def test_the_table_has_both_splits() -> None:
    tuning = evaluate_mandates(GOLD_DIR, split="tuning", read=_reader(perturb=False))
    heldout = evaluate_mandates(GOLD_DIR, split="heldout", read=_reader(perturb=True))
    table = format_mandate_scores(tuning, heldout)
    lines = table.splitlines()
    assert "tuning" in lines[0] and "held-out" in lines[0]
    assert len(lines) == 2 + len(FIELDS)
    act = re.findall(r"\d\.\d{3}", next(line for line in lines if line.startswith("act ")))
    assert act[:3] == ["1.000"] * 3 and act[5] != "1.000"


def test_scores_by_language_add_up() -> None:
    total = evaluate_mandates(GOLD_DIR, split=None, read=_reader(perturb=True))
    parts = [evaluate_mandates(GOLD_DIR, split=None, read=_reader(perturb=True), language=lang)
             for lang in ("en", "fr", "es")]
    for index, score in enumerate(total):
        assert score.gold == sum(part[index].gold for part in parts) > 0
        assert score.matched == sum(part[index].matched for part in parts)


def test_errors_are_listed_for_the_tuning_split_only() -> None:
    assert tuning_errors(GOLD_DIR, read=_reader(perturb=False)) == []
    errors = tuning_errors(GOLD_DIR, read=_reader(perturb=True))
    tuning_ids = {record["id"] for record in load_gold(GOLD_DIR, "tuning")}
    assert errors and {line.split()[0] for line in errors} <= tuning_ids
    sg = next(line for line in errors if " addressees: " in line and "organ/un-sg" in line)
    assert "| read " in sg and "organ/un-secretariat" in sg.split("| read ")[1]
