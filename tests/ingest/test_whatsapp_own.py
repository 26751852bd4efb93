"""Our own fictional exports (tests/data/whatsapp): every French system event, old and new
Android layouts, French iOS (CRLF, marks, author-prefixed system lines), en-US 12 h with U+202F,
German/Spanish/Italian layouts, ambiguous dates, names and subjects with ": "."""

from __future__ import annotations

import zipfile
from collections import Counter
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from whatsapp_helpers import check_ranges, read_all, summarize

from sentinelle.ingest.whatsapp import READER
from sentinelle.records import Event, Flag, Message, Participant

DATA = Path(__file__).resolve().parents[1] / "data" / "whatsapp"
FR = DATA / "Discussion WhatsApp avec Brigade Val-Fleuri.txt"


def events(records: list) -> list[Event]:
    return [r for r in records if isinstance(r, Event)]


def messages(records: list) -> list[Message]:
    return [r for r in records if isinstance(r, Message)]


@pytest.mark.parametrize("path", sorted(DATA.glob("*.txt")), ids=lambda p: p.name)
def test_own_fixture_ranges(path: Path) -> None:
    records = read_all(path)
    assert records[-1].issues == 0
    check_ranges(path, records)


def test_french_android_every_system_event() -> None:
    records = read_all(FR)
    got = summarize(records)
    assert (got["messages"], got["events"]) == (14, 28)
    assert dict(got["types"]) == {
        "encryption_notice": 1, "created": 1, "added": 3, "joined_by_link": 1, "subject_changed": 3,
        "icon_changed": 1, "icon_removed": 1, "description_changed": 1, "admin_granted": 1, "admin_revoked": 1,
        "settings_changed": 1, "disappearing_on": 1, "disappearing_changed": 1, "disappearing_off": 1,
        "security_code_changed": 1, "number_changed": 1, "call": 2, "removed": 3, "left": 3,
    }  # fmt: skip
    assert records[0].title == "Brigade Val-Fleuri"  # from the file name
    assert records[0].details["subject"] == "Brigade VF"  # as last set in the export
    assert records[0].chat_type == "group"
    ev = events(records)
    added = ev[3]
    assert added.actor == "Capitaine Morel"
    assert added.targets == ("Lt Duval", "+33 6 39 98 00 01", "Sarah B.")
    assert ev[2].targets == ("Vous",) and ev[2].actor == "Capitaine Morel"
    # a subject with ": " inside never invents an author
    subj = [e for e in ev if e.type == "subject_changed"]
    assert (
        subj[0].actor == "Capitaine Morel" and subj[0].details["new_title"] == "Brigade : planning de janvier"
    )
    assert subj[1].details == {
        "old_title": "Brigade : planning de janvier",
        "new_title": "Brigade Val-Fleuri",
    }
    assert subj[2].actor == "Vous" and subj[2].details["is_exporter"] is True
    assert records[-1].details["last_subject"] == "Brigade VF"
    left = [e for e in ev if e.type == "left"]
    assert [e.actor for e in left] == ["Sarah B.", "Vous", "Gardien Petit"]
    assert ev[-1].type == "removed" and ev[-1].targets == ("Sarah B.",) and ev[-1].actor is None
    calls = [e for e in ev if e.type == "call"]
    assert [c.actor for c in calls] == ["Lt Duval", "Gardien Petit"]
    assert next(e for e in ev if e.type == "security_code_changed").targets == ("Lt Duval",)
    assert next(e for e in ev if e.type == "joined_by_link").actor == "Brigadier Chen 🚓"


def test_french_android_message_flags_and_names() -> None:
    records = read_all(FR)
    msgs = messages(records)
    flags = {m.text: m.flags for m in msgs}
    assert flags["Ce message a été supprimé"] == {Flag.DELETED}
    assert flags["Ce message a été supprimé par un ou une admin."] == {Flag.DELETED, Flag.DELETED_BY_ADMIN}
    assert flags["<Médias omis>"] == {Flag.MEDIA_OMITTED}
    assert flags["Rendez-vous à 14h <Ce message a été modifié>"] == {Flag.EDITED}
    assert flags["null"] == {Flag.VIEW_ONCE}
    assert flags["localisation : https://maps.google.com/?q=48.85,2.35"] == {Flag.LOCATION}
    photo = next(m for m in msgs if m.attachments)
    assert photo.attachments == ("IMG-20240102-WA0001.jpg",)
    assert photo.text == "IMG-20240102-WA0001.jpg (fichier joint)\nPhoto du véhicule"
    ines = next(m for m in msgs if m.sender == "Inès")
    assert ines.details["non_contact"] is True
    phone = next(p for p in records if isinstance(p, Participant) and p.phone)
    assert phone.phone == "+33 6 39 98 00 01"
    assert next(m for m in msgs if m.sender == "+33 6 39 98 00 01").sender_id == "+33 6 39 98 00 01"
    # "Cdt: Roux" is a name with ": " (every line starting "Cdt: " goes on with "Roux: ")
    roux = [m for m in msgs if m.sender == "Cdt: Roux"]
    assert [m.text for m in roux][1:] == ["Des questions ?", "Non ? Parfait."]
    # lines inside a message that start with a date (or a header of another layout) stay inside
    assert roux[0].text == (
        "Je transmets le compte rendu :\n13/01/2024 réunion annulée\n"
        "[13/01/2024 10:00:00] Bob: ceci est une citation d'un autre export\nfin du compte rendu"
    )
    assert (roux[0].source.line_start, roux[0].source.line_end) == (35, 38)
    assert next(m for m in msgs if m.text == "Merci mon capitaine : bien reçu").sender == "Lt Duval"


def test_french_android_times_and_timezone() -> None:
    records = read_all(FR)
    first = events(records)[0]
    assert first.time == datetime(2024, 1, 2, 8, 0) and first.time_raw == "02/01/2024 08:00"
    assert records[-1].date_order == "dmy" and not records[-1].date_order_ambiguous  # 13/01, 14/01
    aware = read_all(FR, tz="Europe/Paris")
    assert events(aware)[0].time == datetime(2024, 1, 2, 8, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert aware[0].tz == "Europe/Paris"


def test_old_french_layout_with_a() -> None:
    records = read_all(DATA / "Discussion WhatsApp avec Ancien format.txt")
    ev = events(records)
    assert [e.type for e in ev] == ["added", "added", "left"]
    assert ev[0].targets == ("Vous",) and ev[0].time == datetime(2019, 3, 24, 20, 19)
    assert messages(records)[1].text == "Bonjour\nsur deux lignes"


def test_french_ios_zip_with_media(tmp_path: Path) -> None:
    chat = (DATA / "_chat.txt").read_bytes()
    path = tmp_path / "WhatsApp Chat - Brigade Nord.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("00000036-PHOTO-2024-03-15-10-04-00.jpg", b"\xff\xd8\xff fictional jpeg")
        zf.writestr("_chat.txt", chat)
    records = read_all(path)
    check_ranges(path, records)
    got = summarize(records)
    assert (got["messages"], got["events"]) == (6, 8)
    assert dict(got["types"]) == {
        "encryption_notice": 1, "created": 1, "added": 2, "subject_changed": 1, "left": 1,
        "admin_granted": 1, "security_code_changed": 1,
    }  # fmt: skip
    assert dict(got["senders"]) == {"Major Petit": 4, "Josephine": 2}
    assert records[0].title == "Brigade Nord"
    plain = read_all(DATA / "_chat.txt")  # no title in the file name: the subject gives it
    assert plain[0].title == "Brigade Nord : équipe B"
    ev = events(records)
    assert ev[0].details["author"] == "Brigade Nord"  # the group as author: an event, not a message
    assert ev[3].targets == ("Josephine",)
    assert ev[4].details["new_title"] == "Brigade Nord : équipe B"
    multi = next(m for m in messages(records) if m.text.startswith("Ligne un"))
    assert multi.text == "Ligne un\r\nligne deux\r\n\r\nligne quatre après une ligne vide"
    assert multi.time == datetime(2024, 3, 15, 10, 5)
    src = multi.source
    assert (src.member, src.line_start, src.line_end) == ("_chat.txt", 9, 12)


def test_en_us_twelve_hour_with_narrow_nbsp() -> None:
    records = read_all(DATA / "WhatsApp Chat with Patrol Team.txt")
    assert records[-1].date_order == "mdy" and not records[-1].date_order_ambiguous
    ev = events(records)
    assert ev[0].actor == "You" and ev[0].details["is_exporter"] and ev[0].details["title"] == "Patrol Team"
    assert ev[-2].details == {"old_title": "Patrol Team", "new_title": "Patrol: Night"}
    msgs = messages(records)
    assert msgs[0].sender == "Officer Grey" and msgs[0].text == "Hi all: ready?"
    assert msgs[2].time == datetime(2024, 1, 30, 0, 0) and Flag.TIME_BACKWARDS in msgs[2].flags
    assert ev[-1].time == datetime(2024, 2, 14, 7, 0)
    assert msgs[0].time_raw == "1/29/24, 12:26\u202fPM" and msgs[0].time == datetime(2024, 1, 29, 12, 26)


@pytest.mark.parametrize(
    ("name", "n_messages", "types", "first_time"),
    [
        (
            "WhatsApp-Chat mit Streife.txt",
            2,
            {"encryption_notice": 1, "added": 1, "left": 1},
            datetime(2024, 1, 29, 12, 24),
        ),
        ("Chat de WhatsApp con Patrulla.txt", 3, {"created": 1}, datetime(2017, 6, 20, 20, 28)),
        (
            "WhatsApp Chat - Pattuglia.txt",
            3,
            {"encryption_notice": 1, "added": 1},
            datetime(2024, 1, 29, 12, 24, 3),
        ),
    ],
)
def test_other_locales_parse_without_fake_authors(name, n_messages, types, first_time) -> None:
    records = read_all(DATA / name)
    got = summarize(records)
    assert got["messages"] == n_messages and dict(got["types"]) == types
    assert next(r for r in records if isinstance(r, Message | Event)).time == first_time
    senders = set(got["senders"])
    assert not any(
        " " in s and s.split()[0] in ("Du", "Michelle", "Dave", "Mallory") for s in senders - {"Dave"}
    )


def test_spanish_midnight_and_nbsp_am_pm() -> None:
    records = read_all(DATA / "Chat de WhatsApp con Patrulla.txt")
    msgs = messages(records)
    assert msgs[-1].time == datetime(2017, 6, 21, 0, 5)
    assert msgs[0].time == datetime(2017, 6, 20, 20, 29)


def test_ambiguous_dates_are_reported_and_overridable() -> None:
    path = DATA / "Discussion WhatsApp avec Ambigu.txt"
    records = read_all(path)
    assert records[0].date_order_ambiguous and records[-1].date_order_ambiguous
    assert all(Flag.DATE_AMBIGUOUS in m.flags for m in messages(records))
    forced = read_all(path, date_order="mdy")
    assert not forced[-1].date_order_ambiguous and forced[-1].date_order == "mdy"
    assert messages(forced)[2].time == datetime(2024, 3, 4, 11, 0)
    assert messages(records)[2].time == datetime(2024, 4, 3, 11, 0)


def test_sniff_is_content_based() -> None:
    head = FR.read_bytes()[:4096]
    assert READER.sniff(head, "export.txt") > 0.8
    assert READER.sniff(b'{"messages": []}', "result.json") == 0.0
    assert READER.sniff(b"hello\nworld\n", "notes.txt") == 0.0
    ios = (DATA / "_chat.txt").read_bytes()
    assert READER.sniff(ios, "_chat.txt") > 0.8


def test_participants_once_each() -> None:
    records = read_all(FR)
    names = Counter(p.display_name for p in records if isinstance(p, Participant))
    assert max(names.values()) == 1
    assert "Vous" not in names


@pytest.mark.parametrize("size", [7, 64, 300])
def test_tiny_chunks_give_the_same_records(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    """Records that span chunk boundaries keep their exact text and byte ranges."""
    from sentinelle.ingest import textio

    expected = [(r.kind, getattr(r, "text", None), getattr(r, "source", None)) for r in read_all(FR)]
    monkeypatch.setattr(textio, "CHUNK_BYTES", size)
    records = read_all(FR)
    assert [(r.kind, getattr(r, "text", None), getattr(r, "source", None)) for r in records] == expected
    check_ranges(FR, records)
    ios = read_all(DATA / "_chat.txt")
    check_ranges(DATA / "_chat.txt", ios)
