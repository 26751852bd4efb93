"""The demo case read by the project's WhatsApp reader: every line typed, the counts that
answers.json states, the planted lines where the ground truth says they are.
Skipped (visibly) on a branch that does not have the reader yet."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from sentinelle.demo import ANDROID_EXPORT, ANSWERS, COLLECTIF_EXPORT, IOS_EXPORT
from sentinelle.records import Event, Message, Summary

pytest.importorskip("sentinelle.ingest.whatsapp.reader", reason="the WhatsApp reader is not on this branch yet")

from sentinelle.ingest.base import ReadOptions  # noqa: E402
from sentinelle.ingest.registry import read  # noqa: E402

FILES = {"android": ANDROID_EXPORT, "ios": IOS_EXPORT, "collectif": COLLECTIF_EXPORT}


@pytest.fixture(scope="module")
def answers() -> dict:
    return json.loads(ANSWERS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def parsed() -> dict[str, list]:
    return {k: list(read(Path(p), ReadOptions(format="whatsapp"))) for k, p in FILES.items()}


@pytest.mark.parametrize("key", list(FILES))
def test_demo_parses_with_the_stated_counts(key: str, parsed: dict, answers: dict) -> None:
    want = answers["expected_parse"][key]
    recs = parsed[key]
    messages = [r for r in recs if isinstance(r, Message)]
    events = [r for r in recs if isinstance(r, Event)]
    summary = next(r for r in recs if isinstance(r, Summary))
    assert summary.issues == 0 and summary.skipped_lines == 0
    assert summary.date_order == "dmy" and not summary.date_order_ambiguous
    assert not [e.text for e in events if e.type in ("unknown_system", "other")]
    assert len(messages) == want["messages"]
    assert len({m.sender for m in messages}) == want["senders"]
    assert dict(Counter(e.type for e in events)) == want["events"]
    flags = Counter(f for m in messages for f in m.flags)
    assert {k: flags.get(k, 0) for k in want["flags"]} == want["flags"]
    assert messages[0].time is not None and events[0].time is not None


def test_planted_lines_come_out_as_stated(parsed: dict, answers: dict) -> None:
    by_line = {k: {r.source.line_start: r for r in recs if isinstance(r, Message | Event)}
               for k, recs in parsed.items()}
    for item in answers["items"]:
        rec = by_line[item["file"]][item["line"]]
        if item["author"] is None:
            assert isinstance(rec, Event), item
        else:
            assert isinstance(rec, Message) and rec.sender == item["author"], item
            if not item["deleted"]:
                assert rec.text.split("\n")[0] == item["text"]
        if "ios_line" in item and item["author"] and not item["deleted"]:
            twin = by_line["ios"][item["ios_line"]]
            assert twin.sender == item["author"] and twin.text == rec.text
    ios_senders = {r.sender for r in parsed["ios"] if isinstance(r, Message)}
    for number, alias in answers["ios_display_names"].items():  # "~ Name" is read as the name, non-contact
        assert alias.removeprefix("~ ") in ios_senders and number not in ios_senders


def test_system_events_carry_actor_and_targets(parsed: dict) -> None:
    events = [r for r in parsed["android"] if isinstance(r, Event)]
    multi = next(e for e in events if e.type == "added" and "Julien Morel" in e.text)
    assert multi.actor == "Yannick Roux"
    assert set(multi.targets) == {"Julien Morel", "Nicolas Garnier", "Sébastien Faure"}
    removal = [e for e in events if e.type == "removed" and e.targets == ("Lucas Bernard",)]
    assert len(removal) == 1 and removal[0].actor == "Yannick Roux"
    ios_removal = [r for r in parsed["ios"] if isinstance(r, Event) and r.type == "removed"]
    assert [(e.actor, e.targets) for e in ios_removal] == [("Yannick Roux", ("Lucas Bernard",))]
    subject = [e for e in events if e.type == "subject_changed"]
    assert any("BF75 : on lâche rien" in e.text for e in subject)
