"""Issue #16, parts 3 and 10 (readers): legacy encodings decoded or refused clearly, linear time
on runs of marks, CR-only CSV, lone surrogates in JSON, archives bounded by what they really
decompress."""

from __future__ import annotations

import json
import struct
import time
import zipfile
from pathlib import Path

import pytest

from sentinelle.errors import InputError, UnsafeArchive
from sentinelle.ingest import ReadOptions, read
from sentinelle.ingest.textio import detect
from sentinelle.records import Flag, Message, ParseIssue

MARKS = "\u200e" * (1 << 20 // 3 + 1)  # 1 MB of UTF-8


def _messages(path: Path, **options) -> list[Message]:
    return [r for r in read(path, ReadOptions(**options)) if isinstance(r, Message)]


@pytest.mark.parametrize(
    "name, text",
    [
        ("wa.txt", f"12/03/2024 10:00 - Jean: {MARKS}\n12/03/2024 10:01 - Marie: ok\n{MARKS}\n"),
        ("ios.txt", f"[12/03/2024 10:00:00] Jean: x\n{MARKS}[12/03/2024 10:00:01] Marie: y\n"),
        ("x.csv", f"time,sender,text\n2024-01-01 10:00,Jean,{MARKS}\n2024-01-01 10:01,Marie,ok\n"),
        ("x.jsonl", json.dumps({"time": "2024-01-01 10:00", "sender": "Jean", "text": "a"}) + "\n"
         + json.dumps({"time": "2024-01-01 10:01", "sender": "Marie", "text": MARKS}) + "\n"),
        ("result.json", json.dumps({"name": "G", "type": "private_group", "id": 1, "messages": [
            {"id": 1, "type": "message", "date": "2024-01-01T10:00:00", "from": "A", "from_id": "user1",
             "text": MARKS}]})),
    ],
)
def test_a_megabyte_of_marks_reads_in_linear_time(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    start = time.process_time()
    msgs = _messages(path)
    for fmt in ("whatsapp", "csv", "jsonl", "telegram", "signal", "discord", "matrix"):
        try:  # every reader forced on it: an error is fine, slowness or a traceback is not
            list(read(path, ReadOptions(format=fmt)))
        except InputError:
            pass
    assert time.process_time() - start < 8
    assert len(msgs) >= 1


def test_cr_only_csv(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    data = b"time,sender,text\r2024-01-01 10:00,Jean,bonjour\r2024-01-01 10:01,Marie,salut\r"
    path.write_bytes(data)
    msgs = _messages(path)
    assert [(m.sender, m.text) for m in msgs] == [("Jean", "bonjour"), ("Marie", "salut")]
    assert data[msgs[1].source.byte_start : msgs[1].source.byte_end] == b"2024-01-01 10:01,Marie,salut"
    assert msgs[1].source.line_start == 3


def test_excel_cp1252_csv(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    data = "time;sender;text\r\n2024-01-01 10:00;Jérôme;Ça va très bien à bientôt\r\n2024-01-01 10:01;Zoé;déjà vu, élève\r\n"
    path.write_bytes(data.encode("cp1252"))
    records = list(read(path))
    msgs = [r for r in records if isinstance(r, Message)]
    assert [m.text for m in msgs] == ["Ça va très bien à bientôt", "déjà vu, élève"]
    assert records[-1].encoding == "cp1252" and records[-1].details["encoding_confidence"] >= 0.7
    assert any(isinstance(r, ParseIssue) and "cp1252" in r.cause for r in records)


def test_lone_surrogate_in_json_is_replaced_and_flagged(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text('{"name":"G","type":"private_group","id":1,"messages":[{"id":1,"type":"message",'
                    '"date":"2024-01-01T10:00:00","from":"A\\ud83d","from_id":"user1","text":"x\\ud83d y"}]}')
    msgs = _messages(path)
    assert msgs[0].text == "x\ufffd y" and Flag.UNDECODABLE in msgs[0].flags
    jsonl = tmp_path / "x.jsonl"
    jsonl.write_text('{"time":"2024-01-01 10:00","sender":"A","text":"x\\udc00"}\n'
                     '{"time":"2024-01-01 10:01","sender":"B","text":"y"}\n')
    assert [m.text for m in _messages(jsonl)] == ["x\ufffd", "y"]


def _understated_bzip2(tmp_path: Path) -> Path:
    path = tmp_path / "WhatsApp Chat - X.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_BZIP2) as zf:
        zf.writestr("_chat.txt", b"\x00" * (8 << 20))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.infolist()[0]
    struct.pack_into("<I", data, info.header_offset + 22, 100)  # local header: 100 bytes
    struct.pack_into("<I", data, data.rfind(b"PK\x01\x02") + 24, 100)  # central directory too
    path.write_bytes(bytes(data))
    return path


def test_a_bzip2_member_that_understates_its_size_is_refused(tmp_path: Path) -> None:
    path = _understated_bzip2(tmp_path)
    assert path.stat().st_size < 4096
    with pytest.raises(UnsafeArchive, match="bzip2"):
        list(read(path))


def test_a_deflated_member_larger_than_declared_stops_at_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "WhatsApp Chat - X.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("_chat.txt", b"12/03/2024 10:00 - Jean: ok\n" * 100_000)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.infolist()[0]
    struct.pack_into("<I", data, info.header_offset + 22, 1000)
    struct.pack_into("<I", data, data.rfind(b"PK\x01\x02") + 24, 1000)
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match="larger than declared|CRC"):  # zipfile stops at the declared size
        list(read(path))


@pytest.mark.parametrize("zipped", [False, True])
def test_only_nul_bytes_is_said_so(tmp_path: Path, zipped: bool) -> None:
    nuls = b"\x00" * (10 << 20)
    path = tmp_path / ("WhatsApp Chat - X.zip" if zipped else "chat.txt")
    if zipped:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("_chat.txt", nuls)
    else:
        path.write_bytes(nuls)
    with pytest.raises(InputError, match="NUL") as err:
        list(read(path))
    assert "empty" not in str(err.value)


def test_detect_tells_damaged_utf8_from_an_8bit_file() -> None:
    utf8 = ("12/03/2024 10:00 - Jérôme: très bien\n" * 50).encode() + b"12/03/2024 10:00 - J: \xff\n"
    assert detect(utf8).name == "utf-8"
    latin = ("12/03/2024 10:00 - Jérôme: très bien, à bientôt\n" * 50).encode("latin-1")
    assert detect(latin).name == "cp1252"
    assert detect("12/03/2024 10:00 - Дмитрий: Привет, как дела\n".encode("cp1251") * 20).name == "cp1251"
