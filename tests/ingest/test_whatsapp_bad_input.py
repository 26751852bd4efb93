"""Bad input: clear one-line errors, or ParseIssues with reading going on."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from whatsapp_helpers import check_ranges, read_all

from sentinelle.errors import InputError, SentinelleError, UnsafeArchive, UsageError
from sentinelle.ingest.textio import detect_encoding, iter_chunks
from sentinelle.records import Message, ParseIssue

CHAT = (
    "12/03/2024 10:00 - Jean: Bonjour\n12/03/2024 10:01 - Marie: Salut\nsuite\n13/03/2024 08:00 - Jean: Fin\n"
)


def write(tmp_path: Path, data: bytes, name: str = "chat.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="empty"):
        read_all(write(tmp_path, b""))
    with pytest.raises(InputError, match="empty"):
        read_all(write(tmp_path, b"\n\r\n  \n"))


def test_binary_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="binary"):
        read_all(write(tmp_path, bytes(range(256)) * 20))


def test_latin1_file_is_decoded_with_its_confidence(tmp_path: Path) -> None:
    data = ("12/03/2024 10:00 - Jérôme: Ça va très bien, à bientôt élève\n" * 20).encode("latin-1")
    path = write(tmp_path, data)
    records = read_all(path)
    msgs = [r for r in records if isinstance(r, Message)]
    assert len(msgs) == 20 and {m.sender for m in msgs} == {"Jérôme"}
    assert msgs[0].text == "Ça va très bien, à bientôt élève"
    summary = records[-1]
    assert summary.encoding == "cp1252" and 0.7 <= summary.details["encoding_confidence"] <= 1
    issue = next(r for r in records if isinstance(r, ParseIssue))
    assert "cp1252" in issue.cause and not issue.skipped
    for m in msgs:  # byte ranges are in the original bytes
        assert data[m.source.byte_start : m.source.byte_end].decode("cp1252").endswith(m.text)


def test_undecidable_encoding_is_refused_naming_the_file(tmp_path: Path) -> None:
    data = bytes(range(128, 256)) * 100
    with pytest.raises(InputError) as err:
        read_all(write(tmp_path, data))
    assert "chat.txt" in str(err.value) and "UTF-8" in str(err.value)


def test_not_whatsapp_text(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no WhatsApp message header"):
        read_all(write(tmp_path, b"just some notes\nnothing else\n"))


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_bom_and_utf16(tmp_path: Path, encoding: str) -> None:
    data = CHAT.replace("\n", "\r\n").encode(encoding)
    path = write(tmp_path, data)
    records = read_all(path)
    msgs = [r for r in records if isinstance(r, Message)]
    assert [m.text for m in msgs] == ["Bonjour", "Salut\r\nsuite", "Fin"]
    assert records[-1].encoding.replace("-sig", "") in ("utf-8", "utf-16-le", "utf-16-be")
    codec = {"utf-16": "utf-16-le", "utf-8-sig": "utf-8"}.get(encoding, encoding)
    for m in msgs:
        piece = data[m.source.byte_start : m.source.byte_end].decode(codec)
        assert piece.endswith(m.text) and piece.startswith(("12/", "13/"))


def test_text_before_first_header_and_bad_bytes(tmp_path: Path) -> None:
    data = (
        b"preamble line\n\n"
        + CHAT.encode()
        + b"13/03/2024 08:01 - Jean: bad \xff\xfe byte\n13/03/2024 08:02 - Marie: ok\n"
    )
    path = write(tmp_path, data)
    records = read_all(path)
    issues = [r for r in records if isinstance(r, ParseIssue)]
    assert [i.line for i in issues] == [1, 7]
    assert "before the first message header" in issues[0].cause and "undecodable" in issues[1].cause
    assert str(issues[0]).startswith(str(path) + ":1:")
    msgs = [r for r in records if isinstance(r, Message)]
    assert [m.text for m in msgs] == ["Bonjour", "Salut\nsuite", "Fin", "bad \ufffd\ufffd byte", "ok"]
    assert [bool(m.flags) for m in msgs] == [False, False, False, True, False]
    assert records[-1].skipped_lines == 1 and records[-1].issues == 2
    check_ranges(path, records)


def test_undecodable_continuation_keeps_the_message_head(tmp_path: Path) -> None:
    data = b"12/03/2024 10:00 - Jean: un\ndeux\ntrois \xff\nquatre\n12/03/2024 10:02 - Marie: ok\n"
    records = read_all(write(tmp_path, data))
    msgs = [r for r in records if isinstance(r, Message)]
    assert [m.text for m in msgs] == ["un\ndeux\ntrois \ufffd\nquatre", "ok"]
    issue = next(r for r in records if isinstance(r, ParseIssue))
    assert issue.line == 3 and "U+FFFD" in issue.cause and not issue.skipped


@pytest.mark.parametrize("size", [5, 16, 40, 1 << 20])
def test_undecodable_bytes_found_whatever_the_chunk_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    # the bad byte may sit in an earlier chunk than the end of its record
    from sentinelle.ingest import textio

    monkeypatch.setattr(textio, "CHUNK_BYTES", size)
    data = b"12/03/2024 10:00 - Jean: un\ndeux \xff\nquatre cinq six sept\n12/03/2024 10:02 - Marie: ok\n"
    path = write(tmp_path, data)
    records = read_all(path)
    assert [m.text for m in records if isinstance(m, Message)] == ["un\ndeux \ufffd\nquatre cinq six sept", "ok"]
    issue = next(r for r in records if isinstance(r, ParseIssue))
    assert issue.line == 2 and "U+FFFD" in issue.cause
    check_ranges(path, records)


def test_bad_options(tmp_path: Path) -> None:
    path = write(tmp_path, CHAT.encode())
    with pytest.raises(UsageError):
        read_all(path, date_order="dym")
    with pytest.raises(UsageError, match="time zone"):
        read_all(path, tz="Mars/Olympus")


def make_zip(tmp_path: Path, members: dict[str, bytes], name: str = "WhatsApp Chat - X.zip") -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for member, data in members.items():
            zf.writestr(member, data)
    return path


def test_zip_traversal_and_absolute(tmp_path: Path) -> None:
    with pytest.raises(UnsafeArchive, match="traversal"):
        read_all(make_zip(tmp_path, {"../_chat.txt": CHAT.encode()}))
    with pytest.raises(UnsafeArchive, match="absolute"):
        read_all(make_zip(tmp_path, {"/etc/_chat.txt": CHAT.encode()}, "b.zip"))


def test_zip_huge_declared_size(tmp_path: Path) -> None:
    path = make_zip(tmp_path, {"_chat.txt": CHAT.encode()})
    with pytest.raises(UnsafeArchive, match="exceeds"):
        read_all(path, max_uncompressed=10)
    bomb = make_zip(tmp_path, {"_chat.txt": b"0" * (30 << 20)}, "bomb.zip")
    with pytest.raises(UnsafeArchive, match="zip bomb"):
        read_all(bomb)


def test_zip_without_chat(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no chat"):
        read_all(make_zip(tmp_path, {"photo.jpg": b"\xff\xd8", "notes/readme.md": b"x"}))


def test_zip_picks_the_chat_member(tmp_path: Path) -> None:
    path = make_zip(tmp_path, {"notes.txt": b"not the chat", "_chat.txt": CHAT.encode(), "a.jpg": b"x"})
    records = read_all(path)
    assert records[-1].details["member"] == "_chat.txt" and records[-1].messages == 3
    check_ranges(path, records)


def test_damaged_zip(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_all(write(tmp_path, b"PK\x03\x04 not really a zip", "x.zip"))


def test_detect_encoding_messages() -> None:
    assert detect_encoding(b"\xef\xbb\xbfabc\n") == "utf-8-sig"
    assert detect_encoding("abc\n".encode("utf-16-le")) == "utf-16-le"
    assert detect_encoding("abc\n".encode("utf-16-be")) == "utf-16-be"
    assert detect_encoding("é\n".encode()) == "utf-8"
    with pytest.raises(SentinelleError):
        detect_encoding(b"\x00\x01\x02\x03" * 100)


def test_chunks_are_whole_lines_with_exact_offsets() -> None:
    data = ("é" * 7 + "\r\n" + "ab\n") * 50
    raw = data.encode()
    chunks = list(iter_chunks(io.BytesIO(raw), "utf-8", size=16))
    assert "".join(c.text for c in chunks) == data
    for c in chunks:
        assert raw[c.start : c.start + c.nbytes(c.text)].decode() == c.text
        assert c.text.endswith("\n")


def test_iter_lines_offsets() -> None:
    from sentinelle.ingest.textio import iter_lines

    raw = "a\r\nbé\n\nlast".encode()
    lines = list(iter_lines(io.BytesIO(raw), "utf-8"))
    assert [(line.text, line.eol) for line in lines] == [
        ("a", "\r\n"),
        ("bé", "\n"),
        ("", "\n"),
        ("last", ""),
    ]
    for line in lines:
        assert raw[line.start : line.end].decode() == line.text
    raw16 = "a\r\nbé\n".encode("utf-16-le")
    lines16 = list(iter_lines(io.BytesIO(raw16), "utf-16-le"))
    assert [raw16[x.start : x.end].decode("utf-16-le") for x in lines16] == ["a", "bé"]


def test_arabic_indic_digits_and_registry(tmp_path: Path) -> None:
    from sentinelle.ingest import registry
    from sentinelle.ingest.base import ReadOptions

    text = "[١٨/٣/٢٠٢٢، ٢:٥٦:٠٠ م] Elon: مرحبا\n[٢٧/٣/٢٠٢٢، ٩:٤١:٣٥ ص] Dmitry S: Hello\n"
    path = write(tmp_path, text.encode())
    records = list(registry.read(path, ReadOptions(format="whatsapp")))
    msgs = [r for r in records if isinstance(r, Message)]
    assert [(m.sender, m.time) for m in msgs] == [
        ("Elon", datetime(2022, 3, 18, 14, 56)),
        ("Dmitry S", datetime(2022, 3, 27, 9, 41, 35)),
    ]
    check_ranges(path, records)


def test_file_mixing_two_layouts(tmp_path: Path) -> None:
    """Two exports pasted together: both layouts are frequent, both are headers."""
    android = [f"1{i}/03/2024 10:0{i} - Jean: android {i}" for i in range(4)]
    ios = [f"[1{i}/03/2024 11:0{i}:00] Marie: ios {i}" for i in range(4)]
    path = write(tmp_path, ("\n".join(android + ios) + "\nsuite\n").encode())
    records = read_all(path)
    msgs = [r for r in records if isinstance(r, Message)]
    assert [m.sender for m in msgs] == ["Jean"] * 4 + ["Marie"] * 4
    assert msgs[-1].text == "ios 3\nsuite" and msgs[-1].time == datetime(2024, 3, 13, 11, 3)
    check_ranges(path, records)


def test_one_off_sender_quoting_a_system_phrase(tmp_path: Path) -> None:
    data = (
        "12/03/2024 10:00 - Jean: Bonjour\n12/03/2024 10:01 - Jean: Ça va\n"
        "13/03/2024 10:02 - Paul: Jean a ajouté Marie au planning\n"
        "13/03/2024 10:03 - Jean a ajouté Marie\n"
    )
    records = read_all(write(tmp_path, data.encode()))
    kinds = [
        (r.kind, getattr(r, "sender", None) or getattr(r, "actor", None))
        for r in records
        if r.kind in ("message", "event")
    ]
    assert kinds == [("message", "Jean"), ("message", "Jean"), ("message", "Paul"), ("event", "Jean")]
