"""CSV exports (any producer) read through a column mapping; see `tabular`.

Rows may span lines (quoted newlines): each record's byte range covers its whole row.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..records import ParseIssue, Record, Summary
from .base import ReadOptions
from .common import FileInfo, counted, file_info
from .jsonstream import Span
from .tabular import GUESSES, RowReader, resolve_columns

DELIMITERS = ",;\t|"
_KNOWN = {name for names in GUESSES.values() for name in names}


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    """The delimiter is the one the header line uses most (message text is full of commas,
    which fools csv.Sniffer on French exports); quoting as Excel writes it."""
    header = sample.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=header.count)

    class Dialect(csv.excel):
        pass

    Dialect.delimiter = delimiter if header.count(delimiter) else ","
    return Dialect


class _Lines:
    """Feeds csv.reader line by line while remembering where each line starts (bytes, number)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.offsets: list[int] = []
        self.offset = 0
        self.number = 0
        self.eol = 0  # length of the last line's line break

    def __iter__(self) -> Iterator[str]:
        with open(self.path, "rb") as fh:
            for raw in fh:
                self.number += 1
                if self.number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                    self.offset = 3
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError:
                    raise InputError("not UTF-8; re-save the CSV as UTF-8", path=str(self.path),
                                     line=self.number) from None
                self.offsets.append(self.offset)
                self.offset += len(raw)
                self.eol = len(raw) - len(raw.rstrip(b"\r\n"))
                yield line


class CsvReader:
    name = "csv"

    def sniff(self, head: bytes, filename: str) -> float:
        try:
            first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8").strip()
        except UnicodeDecodeError:
            return 0.0
        if not first or first[0] in "{[":
            return 0.0
        delimiter = max(DELIMITERS, key=first.count)
        cells = {c.strip().strip('"').lower() for c in first.split(delimiter)}
        hits = len(cells & _KNOWN)
        score = 0.2 * min(hits, 3) + (0.3 if filename.lower().endswith((".csv", ".tsv")) else 0.0)
        return min(score, 0.9) if hits >= 2 or filename.lower().endswith((".csv", ".tsv")) else 0.0

    def read(self, path: Path, options: ReadOptions) -> Iterator[Record]:
        info = file_info(path)
        return counted(self._records(path, info, options), Summary(str(path), info.sha256, "csv", encoding="utf-8"))

    def _records(self, path: Path, info: FileInfo, options: ReadOptions) -> Iterator[Record]:
        with open(path, "rb") as fh:
            sample = fh.read(64 * 1024).decode("utf-8", "replace")
        lines = _Lines(path)
        reader = csv.reader(iter(lines), _dialect(sample))
        try:
            header = next(reader)
        except StopIteration:
            raise InputError("the file is empty", path=str(path)) from None
        rows = RowReader(info, "csv", options)
        rows.columns = resolve_columns(header, options.column_map, str(path))
        consumed = lines.number
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield ParseIssue(str(path), lines.number, f"malformed CSV ({exc})", None)
                consumed = lines.number
                continue
            first, last = consumed + 1, lines.number
            consumed = last
            start = lines.offsets[first - 1]
            end = lines.offset - lines.eol  # the row's final line break is not part of it
            span = Span(start, end, first, last)
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                yield ParseIssue(str(path), first, f"{len(cells)} cells where the header has {len(header)}", start)
                continue
            yield from rows.row(dict(zip(header, cells, strict=True)), span)


READER = CsvReader()
