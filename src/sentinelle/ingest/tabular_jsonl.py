"""JSON Lines exports (one JSON object per line) read through a column mapping; see `tabular`."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..records import Flag, Message, ParseIssue, Record, Summary, replace
from .base import ReadOptions
from .common import FileInfo, counted, file_info
from .jsonstream import Span
from .tabular import GUESSES, RowReader, extend_columns, resolve_columns
from .textio import replace_undecodable

_KNOWN = {name for names in GUESSES.values() for name in names}
_KEY = re.compile(rb'"([^"\\]{1,40})"\s*:')


def _loads(line: bytes) -> tuple[object, bool]:
    """(the JSON value of a line, whether it held undecodable bytes or NUL): bad bytes and raw
    control characters inside strings are read (as U+FFFD, and as they are), not refused."""
    try:
        text = line.decode("utf-8")
        damaged = "\x00" in text
    except UnicodeDecodeError:
        text, damaged = line.decode("utf-8", "surrogateescape"), True
    if damaged:
        text = replace_undecodable(text)
    return json.loads(text, strict=False), damaged


class JsonlReader:
    name = "jsonl"

    def sniff(self, head: bytes, filename: str) -> float:
        body = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        first, newline, _ = body.partition(b"\n")
        try:
            obj = _loads(first)[0]
        except (ValueError, RecursionError):
            obj = None
        if isinstance(obj, dict):
            keys = {k.strip().lower() for k in obj}
        elif not newline and len(first) >= 60_000 and first.startswith(b"{"):  # a line longer than the head
            keys = {k.decode("utf-8", "replace").strip().lower() for k in _KEY.findall(first[:4096])}
        else:
            return 0.0
        hits = len(keys & _KNOWN)
        return min(0.5, 0.15 * hits) + (0.1 if filename.lower().endswith((".jsonl", ".ndjson")) else 0.0) \
            if hits >= 2 else 0.0

    def read(self, path: Path, options: ReadOptions) -> Iterator[Record]:
        info = file_info(path)
        return counted(self._records(path, info, options), Summary(str(path), info.sha256, "jsonl", encoding="utf-8"))

    def _records(self, path: Path, info: FileInfo, options: ReadOptions) -> Iterator[Record]:
        rows = RowReader(info, "jsonl", options)
        offset = 0
        seen: set[str] = set()
        with open(path, "rb") as fh:
            for number, raw in enumerate(fh, 1):
                start = offset
                offset += len(raw)
                if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw, start = raw[3:], 3
                body = raw.rstrip(b"\r\n")
                if not body.strip():
                    continue
                span = Span(start, start + len(body), number, number)
                try:
                    obj, damaged = _loads(body)
                except (ValueError, RecursionError) as exc:
                    yield ParseIssue(str(path), number, f"not a JSON object ({exc})", start)
                    continue
                if damaged and isinstance(obj, dict):
                    yield ParseIssue(str(path), number, "undecodable bytes (not valid UTF-8, or NUL) shown as "
                                     "U+FFFD; the row is kept and flagged 'undecodable'", start, False)

                if not isinstance(obj, dict):
                    yield ParseIssue(str(path), number, "not a JSON object", start)
                    continue
                if not rows.columns:
                    rows.columns = resolve_columns(list(obj), options.column_map, str(path))
                elif not obj.keys() <= seen:
                    extend_columns(rows.columns, list(obj))
                seen.update(obj)
                if damaged:
                    for rec in rows.row(obj, span):
                        yield replace(rec, flags=rec.flags | {Flag.UNDECODABLE}) if isinstance(rec, Message) else rec
                    continue
                yield from rows.row(obj, span)
        if not rows.columns:
            raise InputError("no JSON object in this file", path=str(path))


READER = JsonlReader()
