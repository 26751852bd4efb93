"""DiscordChatExporter JSON: the three chat-analytics exports and system message types."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sentinelle.ingest import read, sniff
from sentinelle.records import EventType, Flag


def of(records, kind):
    return [r for r in records if r.kind == kind]


# (fixture, messages, events, authors, title, chat type, why)
REAL = [
    (
        "DM_2A_2M.json",
        2,
        1,
        {"mlomb", "Someones nickname"},
        "Someones name",
        "personal",
        "DM: nickname preferred over name, a call",
    ),
    (
        "GC_3A_5M.json",
        3,
        3,
        {"theplant", "lombi", "mlomb"},
        "a group chat",
        "group",
        "group DM: name and icon changes, a reply reference, a call",
    ),
    (
        "SV_5A_5M.json",
        5,
        0,
        {"Deleted User", "mlomb"},
        "general-chiptune",
        "group",
        "guild channel: edited message, no nickname, attachments, stickers, reactions",
    ),
]


@pytest.mark.parametrize(("rel", "msgs", "events", "authors", "title", "chat_type", "why"), REAL)
def test_real_fixtures(fixtures_dir, parse, rel, msgs, events, authors, title, chat_type, why):
    path = fixtures_dir / "chat-analytics" / "discord" / rel
    assert sniff(path) == "discord"
    records = parse(path)
    summary = records[-1]
    assert (summary.messages, summary.events, summary.issues) == (msgs, events, 0), why
    assert {m.sender for m in of(records, "message")} == authors, why
    assert (records[0].title, records[0].chat_type) == (title, chat_type), why


def test_group_chat_details(fixtures_dir, parse):
    records = parse(fixtures_dir / "chat-analytics" / "discord" / "GC_3A_5M.json")
    events = of(records, "event")
    assert [(e.type, e.actor, e.actor_id) for e in events] == [
        (EventType.SUBJECT_CHANGED, "lombi", "222222222222222222"),
        (EventType.ICON_CHANGED, "lombi", "222222222222222222"),
        (EventType.CALL, "mlomb", "111111111111111111"),
    ]
    assert events[2].details["ended"] == "2023-03-03T16:40:59.313000+00:00"
    reply = of(records, "message")[2]
    assert reply.reply_to == "1064990824305274930" and reply.text == "woah nice :custom_emoji:"
    assert reply.time == datetime(2023, 1, 18, 20, 12, 12, 123000, tzinfo=UTC)
    assert reply.time_raw == "2023-01-18T20:12:12.123+00:00"


def test_guild_channel_details(fixtures_dir, parse):
    msgs = of(parse(fixtures_dir / "chat-analytics" / "discord" / "SV_5A_5M.json"), "message")
    assert msgs[0].flags == {Flag.EDITED}
    assert msgs[0].edited_time == datetime(2018, 5, 20, 16, 9, 56, 439000, tzinfo=UTC)
    assert msgs[0].native_id == msgs[1].native_id and msgs[0].id != msgs[1].id  # duplicated in the export
    assert msgs[3].attachments == ("unknown.png",) and msgs[3].flags == {Flag.ATTACHMENT, Flag.STICKER}
    assert msgs[4].details["reactions"] == [{"emoji": "paul", "count": 3}, {"emoji": "❤", "count": 2}]


def _message(n, kind, author, mentions=(), **extra):
    user = {
        "id": author[0],
        "name": author[1],
        "discriminator": "0000",
        "nickname": author[1],
        "isBot": False,
    }
    return {
        "id": str(n),
        "type": kind,
        "timestamp": f"2024-03-04T08:0{n}:00+01:00",
        "timestampEdited": None,
        "isPinned": False,
        "content": extra.pop("content", ""),
        "author": user,
        "attachments": [],
        "embeds": [],
        "reactions": [],
        "mentions": [{"id": m[0], "name": m[1], "nickname": m[1]} for m in mentions],
        **extra,
    }


MOREAU, LUCIE, KARIM = ("1", "Cdt Moreau"), ("2", "Lucie Martin"), ("3", "Karim B.")
# (message, event type, targets, why)
SYSTEM = [
    (_message(1, "RecipientAdd", MOREAU, [LUCIE]), EventType.ADDED, ("Lucie Martin",), "added by the actor"),
    (
        _message(2, "RecipientRemove", MOREAU, [KARIM]),
        EventType.REMOVED,
        ("Karim B.",),
        "removed by someone else",
    ),
    (_message(3, "RecipientRemove", LUCIE, [LUCIE]), EventType.LEFT, ("Lucie Martin",), "removed self: left"),
    (_message(4, "ChannelPinnedMessage", MOREAU, reference={"messageId": "9"}), EventType.PINNED, (), "pin"),
    (_message(5, "GuildMemberJoin", KARIM), EventType.JOINED, (), "joined the server"),
    (_message(6, "ThreadCreated", MOREAU, content="Planning"), EventType.OTHER, (), "thread creation"),
]


def test_system_types(tmp_path):
    path = tmp_path / "channel.json"
    export = {
        "guild": {"id": "0", "name": "Brigade"},
        "channel": {"id": "5", "type": "GuildTextChat", "name": "général"},
        "messages": [m for m, *_ in SYSTEM],
        "messageCount": len(SYSTEM),
    }
    path.write_text(json.dumps(export, ensure_ascii=False, indent=2), encoding="utf-8")
    events = of(list(read(path)), "event")
    for event, (_, etype, targets, why) in zip(events, SYSTEM, strict=True):
        assert (event.type, event.targets) == (etype, targets), why
    assert events[3].details["message_id"] == "9"
    assert events[0].time.isoformat() == "2024-03-04T08:01:00+01:00"  # offset kept


def test_nickname_falls_back_to_name(tmp_path):
    path = Path(tmp_path / "c.json")
    path.write_text(
        json.dumps(
            {
                "channel": {"name": "x"},
                "messages": [
                    {
                        "id": "1",
                        "type": "Default",
                        "timestamp": "2024-01-01T00:00:00+00:00",
                        "content": "salut",
                        "author": {"id": "7", "name": "plain_name", "nickname": None},
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    assert of(list(read(path)), "message")[0].sender == "plain_name"
