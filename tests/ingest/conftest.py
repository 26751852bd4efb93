"""Checks every ingest test shares: byte-range round trip, record order, stable ids."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sentinelle.ingest import ReadOptions, read
from sentinelle.ingest.base import record_id, sha256_bytes
from sentinelle.ingest.messenger import fix_mojibake
from sentinelle.records import Event, Message, Record


def _strings(obj: Any) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for k, v in obj.items() if k != "type" for s in _strings(v)]  # entity types split runs
    if isinstance(obj, list):
        return [s for v in obj for s in _strings(v)]
    return []


def _file_bytes(path: Path, member: str | None) -> bytes:
    if member is None:
        return path.read_bytes()
    with zipfile.ZipFile(path) as zf:
        return zf.read(member)


def check_records(path: Path, records: list[Record]) -> None:
    """The contract every reader keeps, checked on every record of a real file:
    a conversation first and a summary last; re-reading each record's byte range gives back
    its source (the JSON object, the line, the row); the line range matches; ids are stable."""
    assert records[0].kind == "conversation", records[0]
    assert records[-1].kind == "summary" and all(r.kind != "summary" for r in records[:-1])
    ids = set()
    for rec in records:
        if not isinstance(rec, Message | Event):
            continue
        src = rec.source
        data = _file_bytes(path, src.member)
        assert sha256_bytes(data) == src.sha256
        chunk = data[src.byte_start : src.byte_end]
        text = chunk.decode("utf-8")
        assert chunk == chunk.strip(), f"range of {rec.id} has surrounding blanks: {chunk[:40]!r}"
        assert data[: src.byte_start].count(b"\n") + 1 == src.line_start, rec.id
        assert chunk.count(b"\n") == src.line_end - src.line_start, rec.id
        assert rec.id.startswith(record_id(src.sha256, src.byte_start)), rec.id
        assert rec.id not in ids
        ids.add(rec.id)
        if text.startswith("{"):
            obj = json.loads(text)
            assert isinstance(obj, dict)
            joined = "".join(_strings(obj))
            assert rec.text in joined or rec.text in fix_mojibake(joined), (rec.id, rec.text)
            if rec.native_id is not None:
                assert rec.native_id in {str(v) for v in obj.values()}, rec.id
        elif path.suffix in (".csv", ".tsv"):
            rows = [next(csv.reader(io.StringIO(text), delimiter=d)) for d in ",;\t|"]
            assert any(rec.text in cells for cells in rows), (rec.id, rec.text)
        else:
            assert rec.text in text, (rec.id, rec.text)
            if rec.time_raw:
                assert rec.time_raw in text


@pytest.fixture
def parse() -> Callable[..., list[Record]]:
    """Read a file through the public entry point and check the reader contract on it."""

    def run(path: Path, **options: Any) -> list[Record]:
        records = list(read(path, ReadOptions(**options)))
        check_records(path, records)
        return records

    return run
