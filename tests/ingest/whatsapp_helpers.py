"""Helpers shared by the WhatsApp tests: read a file, re-read a record's source bytes."""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path

from sentinelle.ingest.base import ReadOptions
from sentinelle.ingest.textio import replace_undecodable
from sentinelle.ingest.whatsapp import READER
from sentinelle.records import Event, Flag, Message, Summary


def read_all(path: Path, **options) -> list:
    return list(READER.read(Path(path), ReadOptions(**options)))


def source_bytes(path: Path, records: list) -> bytes:
    """The bytes the records' ranges refer to (the chat member for a zip)."""
    summary = records[-1]
    member = summary.details.get("member")
    if member:
        with zipfile.ZipFile(path) as zf:
            return zf.read(member)
    return Path(path).read_bytes()


def check_ranges(path: Path, records: list) -> None:
    """Every message/event: its byte range decodes to its whole source lines, text inside."""
    data = source_bytes(path, records)
    for rec in records:
        if not isinstance(rec, Message | Event):
            continue
        src = rec.source
        piece = data[src.byte_start : src.byte_end]
        text = piece.decode("utf-8", "surrogateescape")
        if Flag.UNDECODABLE in rec.flags:  # its bad bytes are U+FFFD in the text
            text = replace_undecodable(text)
        else:
            piece.decode("utf-8")
        assert rec.text in text, (rec.id, rec.text, text)
        if isinstance(rec, Message):
            assert text.endswith(rec.text)
        assert piece.count(b"\n") == src.line_end - src.line_start
        assert (
            src.byte_start == 0
            or data[src.byte_start - 1 : src.byte_start] == b"\n"
            or (data[:3] == b"\xef\xbb\xbf" and src.byte_start == 3)
        )
        # the line numbers are those of the file
        assert data[: src.byte_start].count(b"\n") + 1 == src.line_start
        assert not text.endswith(("\n", "\r"))


def summarize(records: list) -> dict:
    summary = records[-1]
    assert isinstance(summary, Summary)
    return {
        "messages": summary.messages,
        "events": summary.events,
        "types": Counter(r.type for r in records if isinstance(r, Event)),
        "senders": Counter(r.sender for r in records if isinstance(r, Message)),
        "order": summary.date_order,
        "ambiguous": summary.date_order_ambiguous,
    }
