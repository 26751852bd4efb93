"""Matrix: the spec's event examples, and our own room timeline in every container Matrix uses."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sentinelle.errors import InputError
from sentinelle.ingest import ReadOptions, read, sniff
from sentinelle.ingest.matrix import strip_reply_fallback
from sentinelle.records import EventType, Flag

DATA = Path(__file__).resolve().parents[1] / "data" / "matrix"
ELEMENT_JSON = DATA / "matrix - Brigade Nord (fictif) - Chat Export - 2026-11-25.json"
SPEC_TIME = datetime(2015, 5, 27, 14, 10, 24, 653000, tzinfo=UTC)


def of(records, kind):
    return [r for r in records if r.kind == kind]


def resolve(path: Path) -> dict:
    """Merge the "$ref"-erenced core event into an example, as the spec's own tooling does."""
    obj = json.loads(path.read_text(encoding="utf-8"))
    if "$ref" in obj:
        base = resolve(path.parent / obj.pop("$ref"))
        obj = {**base, **obj}
    return obj


# (example, record kind, type, expected details subset, why)
SPEC = [
    ("m.room.message$m.text.yaml", "message", None, {}, "a plain text message"),
    (
        "m.room.member.yaml",
        "event",
        EventType.JOINED,
        {"membership": "join", "reason": "Looking for support"},
        "a join with a display name",
    ),
    (
        "m.room.power_levels.yaml",
        "event",
        EventType.ROLE_CHANGED,
        {"users": {"@example:localhost": 100}},
        "power levels: the levels are kept",
    ),
    (
        "m.room.redaction.yaml",
        "event",
        EventType.MESSAGE_DELETED,
        {"redacts": "$fukweghifu23:localhost", "reason": "Spamming"},
        "a redaction names what it removed",
    ),
    (
        "m.reaction.yaml",
        "event",
        EventType.OTHER,
        {"action": "reaction", "key": "👍", "relates_to": "$some_event_id"},
        "reactions are kept as acts towards a message",
    ),
    ("m.room.create.yaml", "event", EventType.CREATED, {"room_version": "11"}, "room creation"),
    (
        "m.room.topic.yaml",
        "event",
        EventType.DESCRIPTION_CHANGED,
        {"topic": "An interesting room topic"},
        "topic change",
    ),
]


@pytest.mark.parametrize(("example", "kind", "etype", "details", "why"), SPEC)
def test_spec_examples(fixtures_dir, parse, tmp_path, example, kind, etype, details, why):
    event = resolve(fixtures_dir / "matrix-spec" / "examples" / example)
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event, ensure_ascii=False, indent=2), encoding="utf-8")
    assert sniff(path) == "matrix", why
    records = parse(path)
    first = [r for r in records if r.kind in ("message", "event")][0]
    assert first.kind == kind, why
    assert first.time == SPEC_TIME and first.native_id == "$143273582443PhrSn:example.org"
    if kind == "message":
        assert (first.text, first.sender_id) == ("This is an example text message", "@example:example.org")
    else:
        assert first.type == etype, why
        assert details.items() <= dict(first.details).items(), why
    assert records[0].native_id == "!jEsUZKDJdhlrceRyVU:example.org"


def test_spec_member_and_power_levels(fixtures_dir, parse, tmp_path):
    events = []
    for name in ("m.room.member.yaml", "m.room.power_levels.yaml"):
        events.append(resolve(fixtures_dir / "matrix-spec" / "examples" / name))
    path = tmp_path / "events.json"
    path.write_text(json.dumps(events, indent=1), encoding="utf-8")
    records = parse(path)
    joined, levels, granted = of(records, "event")
    assert (joined.actor, joined.actor_id, joined.targets) == (
        "Alice Margatroid",
        "@alice:example.org",
        ("Alice Margatroid",),
    )
    assert (granted.type, granted.target_ids, granted.details["role"]) == (
        EventType.ADMIN_GRANTED,
        ("@example:localhost",),
        "admin",
    )
    assert [(p.display_name, p.platform_id) for p in of(records, "participant")] == [
        ("Alice Margatroid", "@alice:example.org"),
        (None, "@example:example.org"),
    ]


def test_room_timeline(parse):
    records = parse(DATA / "room_timeline.json")
    events = of(records, "event")
    got = [(e.type, e.actor, e.targets) for e in events]
    assert got == [
        (EventType.CREATED, "@chef:exemple.fr", ()),
        (EventType.JOINED, "Cdt Moreau", ("Cdt Moreau",)),
        (EventType.ROLE_CHANGED, "Cdt Moreau", ()),
        (EventType.ADMIN_GRANTED, "Cdt Moreau", ("Cdt Moreau",)),
        (EventType.SUBJECT_CHANGED, "Cdt Moreau", ()),
        (EventType.DESCRIPTION_CHANGED, "Cdt Moreau", ()),
        (EventType.INVITED, "Cdt Moreau", ("Lucie Martin",)),
        (EventType.JOINED, "Lucie Martin", ("Lucie Martin",)),
        (EventType.JOINED, "Karim B.", ("Karim B.",)),
        (EventType.OTHER, "Karim B.", ()),  # reaction
        (EventType.MESSAGE_DELETED, "Cdt Moreau", ()),
        (EventType.ROLE_CHANGED, "Cdt Moreau", ()),
        (EventType.ADMIN_GRANTED, "Cdt Moreau", ("Lucie Martin",)),  # 0 -> 50: moderator
        (EventType.REMOVED, "Cdt Moreau", ("Karim B.",)),  # leave set by someone else: a kick
        (EventType.BANNED, "Cdt Moreau", ("Karim B.",)),
        (EventType.UNBANNED, "Cdt Moreau", ("Karim B.",)),
        (EventType.NAME_CHANGED, "Lucie M.", ("Lucie M.",)),
        (EventType.ROLE_CHANGED, "Cdt Moreau", ()),
        (EventType.ADMIN_REVOKED, "Cdt Moreau", ("Lucie M.",)),  # no prev_content: the stream's last levels
        (EventType.LEFT, "Lucie M.", ("Lucie M.",)),
        (EventType.ICON_CHANGED, "Cdt Moreau", ()),
    ]
    assert events[12].details["role"] == "moderator" and events[12].details["previous_role"] == "member"
    assert events[10].details == {"redacts": "$ev13:exemple.fr", "reason": "Hors sujet"}
    assert events[13].details["reason"] == "Comportement"
    assert events[16].details["previous_name"] == "Lucie Martin"
    msgs = {m.native_id: m for m in of(records, "message")}
    reply = msgs["$ev11:exemple.fr"]
    assert reply.text == "Je serai là." and reply.reply_to == "$ev09:exemple.fr"
    assert reply.details["reply_fallback"] == "> <@chef:exemple.fr> Réunion demain à 8h."
    assert reply.details["formatted_body"] == "Je serai là."
    edit = msgs["$ev12:exemple.fr"]
    assert edit.text == "Je serai là à 8h." and edit.flags == {Flag.EDITED}
    assert edit.details["replaces"] == "$ev11:exemple.fr" and edit.edited_time == edit.time
    assert msgs["$ev13:exemple.fr"].flags == {Flag.DELETED} and msgs["$ev13:exemple.fr"].text == ""
    assert msgs["$ev16:exemple.fr"].attachments == ("plan-secteur.jpg",)
    thread = msgs["$ev17:exemple.fr"]
    assert (
        thread.details["thread_root"] == "$ev16:exemple.fr" and thread.reply_to is None
    )  # thread fallback only
    assert msgs["$ev09:exemple.fr"].time == datetime(2023, 11, 14, 22, 22, 20, tzinfo=UTC)


# (file, conversations, messages, events, title, why)
CONTAINERS = [
    ("room_timeline.json", 1, 6, 21, None, "a JSON array of raw events"),
    ("room_timeline.jsonl", 1, 3, 10, None, "JSON Lines of raw events"),
    ("messages_response.json", 1, 3, 1, None, "a /messages response {chunk: [...]}"),
    (ELEMENT_JSON.name, 1, 6, 10, "Brigade Nord (fictif)", "Element's Export chat JSON"),
    ("element_export.zip", 1, 6, 10, "Brigade Nord (fictif)", "Element's export zipped with its media"),
]


@pytest.mark.parametrize(("name", "convs", "msgs", "events", "title", "why"), CONTAINERS)
def test_containers(parse, name, convs, msgs, events, title, why):
    records = parse(DATA / name)
    summary = records[-1]
    assert (summary.format, summary.conversations, summary.messages, summary.events, summary.issues) == (
        "matrix",
        convs,
        msgs,
        events,
        0,
    ), why
    assert records[0].title == title and records[0].native_id == "!brigade:exemple.fr"


def test_element_zip_sources_point_into_the_member(parse):
    records = parse(DATA / "element_export.zip")
    msg = of(records, "message")[0]
    assert msg.source.member.endswith("/export.json") and msg.source.container_sha256
    assert records[0].details["exported_by"] == "Lucie Martin"


def test_tz_converts_utc(parse):
    records = parse(DATA / "messages_response.json", tz="Europe/Paris")
    assert of(records, "message")[0].time.isoformat() == "2023-11-14T23:22:20+01:00"


# (body, own text, quote, why)
FALLBACKS = [
    ("> <@a:x> hello\n\nreply", "reply", "> <@a:x> hello", "spec fallback"),
    (
        "> <@a:x> line 1\n> line 2\n\nreply\nmore",
        "reply\nmore",
        "> <@a:x> line 1\n> line 2",
        "multi-line quote",
    ),
    ("no quote here", "no quote here", "", "a reply whose client sent no fallback"),
    ("> <@a:x> quote only", "", "> <@a:x> quote only", "nothing after the quote"),
]


@pytest.mark.parametrize(("body", "own", "quote", "why"), FALLBACKS)
def test_strip_reply_fallback(body, own, quote, why):
    assert strip_reply_fallback(body) == (own, quote), why


def test_non_matrix_json_object_is_refused(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"hello": "world"}', encoding="utf-8")
    with pytest.raises(InputError, match="not a Matrix event"):
        list(read(path, ReadOptions(format="matrix")))


def test_truncated_array_keeps_events_before(tmp_path):
    data = (DATA / "room_timeline.json").read_bytes()
    path = tmp_path / "cut.json"
    path.write_bytes(data[: int(len(data) * 0.6)])
    records = list(read(path))
    assert records[-1].issues == 1 and of(records, "issue")[0].line > 1
    assert 10 <= records[-1].messages + records[-1].events < 27


def test_events_of_several_rooms_make_several_conversations(tmp_path, parse):
    lines = [
        {
            "type": "m.room.message",
            "room_id": f"!{room}:x",
            "sender": "@a:x",
            "event_id": f"${n}",
            "origin_server_ts": 1700000000000 + n,
            "content": {"msgtype": "m.text", "body": f"msg {n}"},
        }
        for n, room in enumerate(["un", "deux", "un"])
    ]
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    records = parse(path)
    convs = of(records, "conversation")
    assert [c.native_id for c in convs] == ["!un:x", "!deux:x"]
    assert [m.conversation_id for m in of(records, "message")] == [convs[0].id, convs[1].id, convs[0].id]
