"""JSON Lines exports (one JSON object per line) read through a column mapping; see `tabular`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..records import ParseIssue, Record, Summary
from .base import ReadOptions
from .common import FileInfo, counted, file_info
from .jsonstream import Span
from .tabular import GUESSES, RowReader, extend_columns, resolve_columns

_KNOWN = {name for names in GUESSES.values() for name in names}


class JsonlReader:
    name = "jsonl"

    def sniff(self, head: bytes, filename: str) -> float:
        first = head.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0]
        try:
            obj = json.loads(first)
        except (ValueError, RecursionError):
            return 0.0
        if not isinstance(obj, dict):
            return 0.0
        hits = len({k.strip().lower() for k in obj} & _KNOWN)
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
                    obj = json.loads(body)
                except (ValueError, RecursionError) as exc:
                    yield ParseIssue(str(path), number, f"not a JSON object ({exc})", start)
                    continue
                if not isinstance(obj, dict):
                    yield ParseIssue(str(path), number, "not a JSON object", start)
                    continue
                if not rows.columns:
                    rows.columns = resolve_columns(list(obj), options.column_map, str(path))
                elif not obj.keys() <= seen:
                    extend_columns(rows.columns, list(obj))
                seen.update(obj)
                yield from rows.row(obj, span)
        if not rows.columns:
            raise InputError("no JSON object in this file", path=str(path))


READER = JsonlReader()
