"""Issue #16, part 2: a "Name: text" line is a message from Name, whatever its file is called,
whatever marks or words its body starts with, whoever wrote a system-looking line before.
`unknown_system` only where no sender is present; an undecodable byte is replaced and flagged
on its message (its raw bytes stay in the source range); a NUL byte does not refuse the file."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from whatsapp_helpers import read_all

from sentinelle.records import Event, EventType, Flag, Message, ParseIssue
from sharedpaths import FIXTURES

ANDROID_DMITRY = FIXTURES / "whats_json" / "android" / "WhatsApp Chat with Dmitry S EN Android.txt"
IOS_FR = FIXTURES / "whats_json" / "ios" / "WhatsApp Chat - Elon Musk (FR).txt"
IOS_EN = FIXTURES / "whats_json" / "ios" / "WhatsApp Chat - Elon Musk (EN).txt"
DEFAULT_NAMES = [
    "WhatsApp Chat with Dmitry S.txt",
    "Discussion WhatsApp avec Dmitry S.txt",
    "WhatsApp Chat - Dmitry S.txt",
    "WhatsApp-Chat mit Dmitry S.txt",
]


def _senders(records: list) -> Counter:
    return Counter(r.sender for r in records if isinstance(r, Message))


def _unknown(records: list) -> list:
    return [r for r in records if isinstance(r, Event) and r.type == EventType.UNKNOWN_SYSTEM]


@pytest.mark.parametrize("name", DEFAULT_NAMES)
@pytest.mark.parametrize("fixture", [ANDROID_DMITRY, IOS_FR, IOS_EN], ids=lambda p: p.name)
def test_one_to_one_export_under_its_default_name_keeps_the_contact(tmp_path: Path, fixture: Path, name: str) -> None:
    if not fixture.exists():
        pytest.skip(f"{fixture} not available")
    original = read_all(fixture)
    renamed = tmp_path / name
    shutil.copyfile(fixture, renamed)
    records = read_all(renamed)
    assert _senders(records) == _senders(original)
    assert _senders(records)["Dmitry S"] > 5
    assert not _unknown(records)
    assert records[-1].messages == original[-1].messages


def _chat(tmp_path: Path, lines: list[str], name: str = "chat.txt", ios: bool = True) -> Path:
    path = tmp_path / name
    stamp = "[12/03/2024 10:{m:02d}:00] " if ios else "12/03/2024 10:{m:02d} - "
    path.write_text("".join(stamp.format(m=i) + line + "\n" for i, line in enumerate(lines)), encoding="utf-8")
    return path


def test_contact_named_like_the_file_writes_system_looking_lines_first(tmp_path: Path) -> None:
    """The iOS one-to-one layout: the contact "authors" the encryption notice, then writes."""
    lines = [
        "Dmitry S: \u200eMessages and calls are end-to-end encrypted. No one outside of this chat can read them.",
        "Dmitry S: \u200e\u200eYour security code with Dmitry S changed.",
        "Dmitry S: Hello",
        "Me: hi",
        "Dmitry S: \u200eimage omitted",
        "Dmitry S: \u200e\u200e<attached: 00000012-PHOTO-2024-03-12.jpg>",
        "Dmitry S: Zorglub frobnicate",
        "Dmitry S: \u200eQuelque chose d'inconnu",
    ]
    for ios in (True, False):
        records = read_all(_chat(tmp_path, lines, "WhatsApp Chat with Dmitry S.txt", ios=ios))
        msgs = [r for r in records if isinstance(r, Message)]
        assert [m.sender for m in msgs] == ["Dmitry S", "Me", "Dmitry S", "Dmitry S", "Dmitry S", "Dmitry S"]
        assert not _unknown(records)


def test_android_author_prefixed_lines_are_messages_unless_own_notices(tmp_path: Path) -> None:
    """Android writes system lines without an author, except notices about the author itself
    (a missed call): "Tom: \u200e… Jean a ajouté Marie" is Tom's message."""
    lines = ["Tom: bonjour", "Ana: salut", "Tom: \u200e\u200e\u200eJean a ajouté Marie", "Ana: \u200eik ben vertrokken",
             "Tom: Appel vocal manqué", "Ana: fin"]
    records = read_all(_chat(tmp_path, lines, ios=False))
    assert [m.sender for m in records if isinstance(m, Message)] == ["Tom", "Ana", "Tom", "Ana", "Ana"]
    assert [e.type for e in records if isinstance(e, Event)] == [EventType.CALL]


@pytest.mark.parametrize("marks", ["\u200e\u200e", "\u200f\u200f", "\u200e\u200f", "\u200e\u200e\u200e"])
def test_a_body_starting_with_two_marks_stays_a_message(tmp_path: Path, marks: str) -> None:
    lines = [
        "Alice: bonjour",
        "Bob: salut",
        f"Alice: {marks}<attached: 00000036-PHOTO-2024-03-15.jpg>",
        f"Bob: {marks}une phrase ordinaire",
        "Alice: fin",
        "Bob: fin",
    ]
    for ios in (True, False):
        records = read_all(_chat(tmp_path, lines, ios=ios))
        assert [m.sender for m in records if isinstance(m, Message)] == ["Alice", "Bob"] * 3
        assert not _unknown(records)


def test_one_system_looking_body_does_not_make_a_system_author(tmp_path: Path) -> None:
    lines = [
        "Alice: bonjour",
        "Bob: salut",
        "Alice: \u200eYou removed Carol",
        "Alice: ok then",
        "Alice: \u200eimage omitted",
        "Alice: Jean a ajouté Marie au planning",
        "Alice: \u200eune remarque",
        "Bob: fin",
    ]
    records = read_all(_chat(tmp_path, lines))
    msgs = [r for r in records if isinstance(r, Message)]
    assert [m.text.lstrip("\u200e") for m in msgs if m.sender == "Alice"][-4:] == [
        "ok then",
        "image omitted",
        "Jean a ajouté Marie au planning",
        "une remarque",
    ]
    assert not _unknown(records)


def test_group_events_authored_by_the_group_stay_events(tmp_path: Path) -> None:
    lines = [
        "Brigade Nord: \u200eMajor Petit a créé le groupe “Brigade Nord”",
        "Brigade Nord: \u200eMajor Petit a ajouté Josephine",
        "Major Petit: Bonjour",
        "Josephine: Bonjour",
        "Brigade Nord: \u200eJosephine est partie",
    ]
    records = read_all(_chat(tmp_path, lines, "WhatsApp Chat - Brigade Nord.txt"))
    assert [r.type for r in records if isinstance(r, Event)] == [
        EventType.CREATED,
        EventType.ADDED,
        EventType.LEFT,
    ]
    assert _senders(records) == Counter({"Major Petit": 1, "Josephine": 1})


def test_an_undecodable_byte_is_replaced_and_flagged(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    data = (
        "12/03/2024 10:00 - Jean: Bonjour à tous\n".encode()
        + b"12/03/2024 10:01 - Marie: bad \xff byte\nsuite \xfe\n"
        + "12/03/2024 10:02 - Jean: Fin é\n".encode()
    )
    path.write_bytes(data)
    records = read_all(path)
    msgs = [r for r in records if isinstance(r, Message)]
    assert [m.sender for m in msgs] == ["Jean", "Marie", "Jean"]
    bad = msgs[1]
    assert bad.text == "bad \ufffd byte\nsuite \ufffd"
    assert Flag.UNDECODABLE in bad.flags and Flag.UNDECODABLE not in msgs[0].flags
    assert data[bad.source.byte_start : bad.source.byte_end] == b"12/03/2024 10:01 - Marie: bad \xff byte\nsuite \xfe"
    assert (bad.source.line_start, bad.source.line_end) == (2, 3)
    assert records[-1].skipped_lines == 0
    issues = [r for r in records if isinstance(r, ParseIssue)]
    assert len(issues) == 1 and not issues[0].skipped and issues[0].line == 2


def test_a_nul_byte_does_not_refuse_the_file(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_bytes(
        b"12/03/2024 10:00 - Jean: Bonjour\n12/03/2024 10:01 - Marie: a\x00b\n12/03/2024 10:02 - Jean: Fin\n"
    )
    records = read_all(path)
    msgs = [r for r in records if isinstance(r, Message)]
    assert [m.sender for m in msgs] == ["Jean", "Marie", "Jean"]
    assert "\x00" not in msgs[1].text
