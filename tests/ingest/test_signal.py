"""signal-export: chat.md in both layouts and data.json."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from sentinelle.errors import InputError
from sentinelle.ingest import ReadOptions, read, sniff
from sentinelle.ingest.signal import split_body
from sentinelle.records import EventType, Flag

DATA = Path(__file__).resolve().parents[1] / "data" / "signal"


def of(records, kind):
    return [r for r in records if r.kind == kind]


def test_chat_miner_fixture(fixtures_dir, parse):
    path = fixtures_dir / "chat-miner" / "signal" / "test_export.txt"
    assert sniff(path) == "signal"
    msgs = of(parse(path), "message")
    assert [(m.time, m.sender, m.text) for m in msgs] == [
        (datetime(2019, 12, 24, 12, 23), "Jane Doe", "Hello John!"),
        (datetime(2020, 1, 17, 21, 49), "John Doe", "Hello\nJane!"),  # the line break is kept
    ]


def test_current_layout(parse):
    records = parse(DATA / "Brigade Nord" / "chat.md")
    assert records[0].title == "Brigade Nord"
    msgs = of(records, "message")
    assert [m.sender for m in msgs] == [
        "Cdt Moreau",
        "Lucie Martin",
        "Karim B.",
        "Me",
        "Cdt Moreau",
        "Lucie Martin",
    ]
    assert msgs[0].time == datetime(2024, 3, 4, 8, 1, 12) and msgs[0].time_raw == "2024-03-04 08:01:12"
    assert msgs[1].text == "Bien reçu.\nJe préviens l'équipe de nuit."
    assert msgs[1].details["reactions"] == [
        {"name": "Cdt Moreau", "emoji": "👍"},
        {"name": "Karim B.", "emoji": "👍"},
    ]
    assert msgs[2].text == "On peut décaler à 9h30 ?"
    assert msgs[2].details["quote"] == "Bonjour à tous, réunion à 9h en salle B."
    assert msgs[3].flags == {Flag.DELETED}
    assert msgs[4].attachments == ("./media/plan-secteur.jpg",) and Flag.ATTACHMENT in msgs[4].flags
    # a bracketed date inside a body is not a header; an earlier time is flagged, not re-sorted
    assert msgs[5].text.endswith("n'est pas un en-tête ici") and msgs[5].flags == {Flag.TIME_BACKWARDS}


def test_old_layout(parse):
    msgs = of(parse(DATA / "Ancien format" / "chat.md"), "message")
    assert [(m.time_raw, m.sender, m.text) for m in msgs] == [
        ("2019-05-29, 15:04", "Me", "Comment ça va ?"),
        ("2019-05-29, 15:05", "Sophie L.", "Très bien,\nmerci !"),
        ("2019-05-30, 09:12", "Me", "Parfait."),
    ]
    assert all(m.details["layout"] == "old" for m in msgs)


def test_data_json(parse):
    path = DATA / "Brigade Nord" / "data.json"
    assert sniff(path) == "signal"
    records = parse(path)
    msgs = of(records, "message")
    assert len(msgs) == 5
    assert msgs[2].details["quote"] == "Bonjour à tous, réunion à 9h en salle B."
    assert msgs[3].flags == {Flag.DELETED}
    assert msgs[4].attachments == ("plan-secteur.jpg",)
    call = of(records, "event")[0]
    assert (call.type, call.actor, call.details) == (EventType.CALL, "Karim B.", {"missed": True})
    issue = of(records, "issue")[0]
    assert issue.line == 7 and records[-1].skipped_lines == 1  # the broken last line, reading went on


def test_tz_is_attached(parse):
    msg = of(parse(DATA / "Ancien format" / "chat.md", tz="Europe/Paris"), "message")[0]
    assert msg.time.isoformat() == "2019-05-29T15:04:00+02:00"


# (body, text, quote, reactions, why)
BODIES = [
    ("simple", "simple", None, [], "no quote, no reaction"),
    ("\n\n> cité\n\nréponse", "réponse", "cité", [], "quote block before the body"),
    ("texte\n(- A: 👍 -)", "texte", None, [{"name": "A", "emoji": "👍"}], "reaction line"),
    ("> pas une citation seule", "", "pas une citation seule", [], "quote only"),
]


@pytest.mark.parametrize(("body", "text", "quote", "reactions", "why"), BODIES)
def test_split_body(body, text, quote, reactions, why):
    assert split_body(body) == (text, quote, reactions), why


def test_md_without_any_header_is_refused(tmp_path):
    path = tmp_path / "chat.md"
    path.write_text("juste du texte\n", encoding="utf-8")
    with pytest.raises(InputError, match="no signal-export message header"):
        list(read(path, ReadOptions(format="signal")))
