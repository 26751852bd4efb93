"""Telegram Desktop result.json: real fixtures and our own group / full-account exports."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from sentinelle.errors import InputError
from sentinelle.ingest import ReadOptions, read, sniff
from sentinelle.ingest.telegram import join_text
from sentinelle.records import EventType, Flag

DATA = Path(__file__).resolve().parents[1] / "data" / "telegram"
PARIS_WINTER = timezone(timedelta(hours=1))


def of(records, kind):
    return [r for r in records if r.kind == kind]


# (fixture, conversations, messages, events, authors, why)
REAL = [
    (
        "chat-analytics/telegram/DM_2A_7M.json",
        1,
        6,
        2,
        {"Alice", "Bob"},
        "personal chat: joined_telegram + phone_call service, entity-array text, photos not included",
    ),
    (
        "chat-miner/telegram/test_single_export.json",
        1,
        2,
        0,
        {"Author 1", "Author 2"},
        "minimal single chat without ids nor `date`, only date_unixtime",
    ),
    (
        "chat-miner/telegram/test_batch_export.json",
        1,
        2,
        0,
        {"Author 1", "Author 2"},
        "full-account layout (chats.list[]) that crashed chat-miner (#26)",
    ),
]


@pytest.mark.parametrize(("rel", "convs", "msgs", "events", "authors", "why"), REAL)
def test_real_fixtures(fixtures_dir, parse, rel, convs, msgs, events, authors, why):
    records = parse(fixtures_dir / rel)
    summary = records[-1]
    assert (summary.format, summary.conversations, summary.messages, summary.events, summary.issues) == (
        "telegram",
        convs,
        msgs,
        events,
        0,
    ), why
    assert {m.sender for m in of(records, "message")} == authors, why


def test_chat_analytics_details(fixtures_dir, parse):
    records = parse(fixtures_dir / "chat-analytics/telegram/DM_2A_7M.json")
    conv = records[0]
    assert (conv.title, conv.native_id, conv.chat_type) == ("Bob", "700000000", "personal")
    msgs = of(records, "message")
    assert msgs[0].text == "https://google.com 👀"  # link entity + plain string joined, no separator
    assert msgs[0].time == datetime(2019, 7, 12, 16, 55, 32) and msgs[0].time_raw == "2019-07-12T16:55:32"
    assert msgs[2].time == datetime(2022, 5, 9, 22, 23, 53, tzinfo=UTC)  # only date_unixtime: aware UTC
    assert msgs[4].flags == {Flag.ATTACHMENT, Flag.MEDIA_OMITTED}
    events = of(records, "event")
    assert [(e.type, e.details["action"], e.actor) for e in events] == [
        (EventType.OTHER, "joined_telegram", "Bob"),
        (EventType.CALL, "phone_call", "Alice"),
    ]
    assert events[1].details["duration_seconds"] == 56


def test_group_export(parse):
    records = parse(DATA / "groupe" / "result.json")
    conv = records[0]
    assert (conv.title, conv.chat_type, conv.native_id) == ("Brigade Nord (fictif)", "group", "1234567890")
    events = of(records, "event")
    got = [(e.type, e.actor, e.targets) for e in events]
    assert got == [
        (EventType.CREATED, "Cdt Moreau", ("Lucie Martin", "Karim B.")),
        (EventType.ADDED, "Cdt Moreau", ("Sophie L.",)),
        (EventType.PINNED, "Cdt Moreau", ()),
        (EventType.SUBJECT_CHANGED, "Cdt Moreau", ()),
        (EventType.ICON_CHANGED, "Cdt Moreau", ()),
        (EventType.REMOVED, "Cdt Moreau", ("Karim B.",)),  # removed by someone else: a kick
        (EventType.LEFT, "Sophie L.", ("Sophie L.",)),  # removed herself: she left
        (EventType.JOINED_BY_LINK, "Marc D.", ()),
        (EventType.DISAPPEARING_ON, "Cdt Moreau", ()),
        (EventType.DISAPPEARING_CHANGED, "Cdt Moreau", ()),
        (EventType.DISAPPEARING_OFF, "Cdt Moreau", ()),
        (EventType.MIGRATED, "Cdt Moreau", ()),
        (EventType.CALL, "Cdt Moreau", ()),
        (EventType.ICON_REMOVED, "Cdt Moreau", ()),
        (EventType.OTHER, "Cdt Moreau", ()),
        (EventType.JOINED, "Marc D.", ()),
    ]
    assert events[2].details["message_id"] == 3
    assert events[3].details["title"] == "Brigade Nord — équipe B"
    assert events[7].details["inviter"] == "Cdt Moreau"
    assert events[14].details == {"action": "topic_created", "title": "Plannings"}
    assert events[15].details["action"] == "join_group_by_request"
    msgs = {m.native_id: m for m in of(records, "message")}
    assert msgs["3"].text == "Réunion à 9h en salle B, @lucie_m tu confirmes ?"
    assert msgs["3"].mentions == ("@lucie_m",)
    assert msgs["4"].reply_to == "3"
    assert msgs["5"].flags == {Flag.EDITED} and msgs["5"].edited_time == datetime(2024, 3, 4, 8, 6)
    assert msgs["6"].forwarded_from == "Canal Syndicat (fictif)" and Flag.FORWARDED in msgs["6"].flags
    assert msgs["7"].attachments == ("photos/photo_1@04-03-2024_08-10-00.jpg",)
    assert {Flag.STICKER, Flag.MEDIA_OMITTED} <= msgs["8"].flags
    assert (
        Flag.POLL in msgs["9"].flags and msgs["9"].details["poll"]["question"] == "Pot de départ vendredi ?"
    )
    assert msgs["21"].mentions == ("Marc D.",) and msgs["21"].text == "Marc D. bienvenue !"
    assert msgs["24"].flags == {Flag.TIME_BACKWARDS}  # kept in file order, flagged
    people = {(p.display_name, p.platform_id) for p in of(records, "participant")}
    assert ("Marc D.", "user1005") in people and len(people) == 5


def test_tz_makes_unixtime_aware(parse):
    records = parse(DATA / "groupe" / "result.json", tz="Europe/Paris")
    first = of(records, "event")[0]
    assert first.time == datetime(2024, 3, 4, 8, 0, tzinfo=PARIS_WINTER) and first.time.tzinfo is not None
    assert first.time_raw == "2024-03-04T08:00:00"


def test_full_account_export(parse):
    records = parse(DATA / "compte" / "result.json")
    convs = of(records, "conversation")
    assert [(c.title, c.chat_type, c.details.get("left_chat", False)) for c in convs] == [
        ("Lucie Martin", "personal", False),
        ("Amicale (fictive)", "group", False),
        ("Ancien groupe", "group", True),
    ]
    assert len({c.id for c in convs}) == 3
    # each record belongs to the conversation announced just before it
    current = None
    for rec in records[:-1]:
        if rec.kind == "conversation":
            current = rec.id
        else:
            assert rec.conversation_id == current
    assert of(records, "event")[-1].type == EventType.LEFT
    assert records[-1].messages == 4 and records[-1].events == 2


# (text field, joined, why)
TEXTS = [
    ("plain", "plain", "a plain run is a string"),
    (
        [{"type": "bold", "text": "Link:"}, {"type": "link", "text": "https://telegram.org/"}],
        "Link:https://telegram.org/",
        "entities are joined without separators",
    ),
    (["a ", {"type": "code", "text": "b"}, " c"], "a b c", "strings and entities mixed"),
    (None, "", "a null text is empty, not 'None'"),
]


@pytest.mark.parametrize(("text", "joined", "why"), TEXTS)
def test_join_text(text, joined, why):
    assert join_text(text) == joined, why


def test_truncated_file_keeps_what_was_read(tmp_path):
    data = (DATA / "groupe" / "result.json").read_bytes()
    cut = tmp_path / "result.json"
    cut.write_bytes(data[: len(data) // 2])
    records = list(read(cut))
    summary = records[-1]
    issues = of(records, "issue")
    assert len(issues) == 1 and "truncated" in issues[0].cause and issues[0].line
    assert summary.messages + summary.events >= 8 and summary.issues == 1


def test_malformed_message_is_an_issue_and_reading_goes_on(tmp_path):
    path = tmp_path / "result.json"
    path.write_text(
        '{"name": "x", "type": "private_group", "id": 1, "messages": ['
        '{"id": 1, "type": "message", "date": "pas une date", "from": "A", "text": "un"},\n'
        "42,\n"
        '{"id": 3, "type": "message", "date": "2024-01-01T10:00:00", "from": "B", "text": "trois"}]}',
        encoding="utf-8",
    )
    records = list(read(path))
    assert [m.text for m in of(records, "message")] == ["un", "trois"]
    assert sorted({i.line for i in of(records, "issue")}) == [1, 2]
    assert any("without a time" in i.cause for i in of(records, "issue") if not i.skipped)  # issue #16
    assert of(records, "message")[0].time is None


# (content, error fragment, why)
BAD = [
    (b'{"about": "x", "list": []}', "not a Telegram export", "JSON without messages nor chats"),
    (b"\xff\xfe{\x00", "UTF-16", "UTF-16 JSON is refused with a clear cause"),
    (b'{"messages": [{"id": 1, "text": "caf\xe9"}]}', "not UTF-8", "latin-1 bytes in a JSON export"),
]


@pytest.mark.parametrize(("content", "fragment", "why"), BAD)
def test_bad_input_is_one_clear_error(tmp_path, content, fragment, why):
    path = tmp_path / "result.json"
    path.write_bytes(content)
    with pytest.raises(InputError, match=fragment):
        list(read(path, ReadOptions(format="telegram")))


def test_sniffed_from_content_not_name(tmp_path):
    path = tmp_path / "export.dat"
    path.write_bytes((DATA / "groupe" / "result.json").read_bytes())
    assert sniff(path) == "telegram"


def test_zipped_export_is_streamed_from_the_member(tmp_path, parse):
    import zipfile

    path = tmp_path / "Telegram Desktop.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(DATA / "groupe" / "result.json", "ChatExport_2024-03-04/result.json")
    assert sniff(path) == "telegram"
    records = parse(path)
    plain = list(read(DATA / "groupe" / "result.json"))
    assert [getattr(r, "id", None) for r in records[:-1]] == [getattr(r, "id", None) for r in plain[:-1]]
    msg = of(records, "message")[0]
    assert msg.source.member == "ChatExport_2024-03-04/result.json" and msg.source.container_sha256


def test_tz_applies_to_date_without_unixtime(fixtures_dir, parse):
    records = parse(fixtures_dir / "chat-analytics/telegram/DM_2A_7M.json", tz="Europe/Paris")
    first = of(records, "event")[0]  # 2019-07-05T16:55:32 has no date_unixtime
    assert first.time.isoformat() == "2019-07-05T16:55:32+02:00"
