"""Facebook Messenger / Instagram JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from sentinelle.ingest import sniff
from sentinelle.ingest.messenger import fix_mojibake
from sentinelle.records import EventType, Flag


def of(records, kind):
    return [r for r in records if r.kind == kind]


def test_chat_analytics_messenger(fixtures_dir, parse):
    path = fixtures_dir / "chat-analytics" / "messenger" / "2A_7M.json"  # starts with a BOM
    assert sniff(path) == "messenger"
    records = parse(path)
    conv = records[0]
    assert (conv.platform, conv.title, conv.chat_type, conv.details["newest_first"]) == (
        "messenger",
        "Alice",
        "personal",
        True,
    )
    msgs = of(records, "message")
    assert [m.sender for m in msgs] == ["Alice", "Bob", "Bob", "Bob", "Alice", "Bob", "Bob"]
    assert msgs[0].time == datetime(2014, 11, 5, 0, 35, 32, 56000, tzinfo=UTC)
    assert not any(Flag.TIME_BACKWARDS in m.flags for m in msgs)  # newest-first is this format's order
    assert msgs[3].attachments == ("messages/inbox/alice_aaaaaaaaaa/files/blabla.docx",)
    assert Flag.STICKER in msgs[5].flags
    assert [p.display_name for p in of(records, "participant")] == ["Alice", "Bob"]


def test_chat_miner_instagram(fixtures_dir, parse):
    path = fixtures_dir / "chat-miner" / "instagram" / "test_export.json"
    records = parse(path)
    assert records[0].platform == "instagram"  # told by the path
    assert [(m.sender, m.text) for m in of(records, "message")] == [
        ("John Doe", "Hello Jane!"),
        ("Jane Doe", "Hello John!"),
    ]


# (as exported, fixed, why)
MOJIBAKE = [
    ("R\u00c3\u00a9union \u00c3\u00a0 9h", "Réunion à 9h", "UTF-8 bytes escaped as latin-1 characters"),
    ("Ã°Å¸â€˜Â", "Ã°Å¸â€˜Â", "not a valid byte sequence: left as is"),
    ("déjà correct", "déjà correct", "already correct text is not damaged"),
    ("plain ascii", "plain ascii", "ASCII untouched"),
]


@pytest.mark.parametrize(("raw", "fixed", "why"), MOJIBAKE)
def test_fix_mojibake(raw, fixed, why):
    assert fix_mojibake(raw) == fixed, why


def test_group_events_and_mojibake(tmp_path, parse):
    export = {
        "participants": [{"name": "Cdt Moreau"}, {"name": "Lucie Martin"}, {"name": "Karim B."}],
        "messages": [
            {
                "sender_name": "Karim B.",
                "timestamp_ms": 1709539500000,
                "content": "Karim B. left the group.",
                "type": "Unsubscribe",
                "users": [{"name": "Karim B."}],
            },
            {
                "sender_name": "Cdt Moreau",
                "timestamp_ms": 1709539400000,
                "content": "Cdt Moreau added Lucie Martin to the group.",
                "type": "Subscribe",
                "users": [{"name": "Lucie Martin"}],
            },
            {
                "sender_name": "Cdt Moreau",
                "timestamp_ms": 1709539300000,
                "content": "R\u00c3\u00a9union \u00c3\u00a0 9h",
                "reactions": [{"reaction": "\u00e2\u009d\u00a4", "actor": "Lucie Martin"}],
                "is_unsent": False,
            },
            {"sender_name": "Lucie Martin", "timestamp_ms": 1709539350000, "content": "ordre cassé"},
        ],
        "title": "Brigade Nord",
        "thread_path": "inbox/brigade_123",
    }
    path = tmp_path / "message_1.json"
    path.write_text(json.dumps(export, indent=2), encoding="utf-8")  # ASCII escapes, as Meta writes
    records = parse(path)
    left, added = of(records, "event")
    assert (left.type, left.targets) == (EventType.LEFT, ("Karim B.",))
    assert (added.type, added.actor, added.targets) == (EventType.ADDED, "Cdt Moreau", ("Lucie Martin",))
    msgs = of(records, "message")
    assert msgs[0].text == "Réunion à 9h" and msgs[0].details["mojibake_fixed"]
    assert msgs[0].details["reactions"] == [{"reaction": "❤", "actor": "Lucie Martin"}]
    assert msgs[1].flags == {Flag.TIME_BACKWARDS}  # newer than the one before in a newest-first file
    assert records[0].chat_type == "group"
