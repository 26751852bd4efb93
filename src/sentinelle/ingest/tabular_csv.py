"""CSV exports (any producer) read through a column mapping; see `tabular`.

Rows may span lines (quoted newlines): each record's byte range covers its whole row.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..records import Flag, Message, ParseIssue, Record, Summary, replace
from .base import ReadOptions
from .common import FileInfo, counted, file_info
from .jsonstream import Span
from .tabular import GUESSES, RowReader, resolve_columns
from .textio import LEGACY, Encoding, detect, has_surrogate, replace_undecodable

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


# a message may be long (a pasted text, a fuzzed export): the csv module's 128 KiB field cap
# would turn it into an error
csv.field_size_limit(max(csv.field_size_limit(), 1 << 28))


def _raw_lines(fh: BinaryIO, cr_only: bool) -> Iterator[bytes]:
    """The file's lines with their line breaks: "\n" and "\r\n", or "\r" alone (old Mac
    Excel) when the file has no "\n" at all."""
    if not cr_only:
        yield from fh
        return
    carry = b""
    while chunk := fh.read(1 << 20):
        *parts, carry = (carry + chunk).split(b"\r")
        for part in parts:
            yield part + b"\r"
    if carry:
        yield carry


class _Lines:
    """Feeds csv.reader line by line while remembering where each line starts (bytes, number)
    and which lines held bytes invalid in the file's encoding (shown as U+FFFD)."""

    def __init__(self, path: Path, encoding: str, cr_only: bool) -> None:
        self.path = path
        self.codec = "utf-8" if encoding.startswith("utf-8") else encoding
        self.cr_only = cr_only
        self.offsets: list[int] = []
        self.offset = 0
        self.number = 0
        self.eol = 0  # length of the last line's line break
        self.damaged: set[int] = set()  # numbers of the lines with undecodable bytes (or NUL)

    def __iter__(self) -> Iterator[str]:
        with open(self.path, "rb") as fh:
            for raw in _raw_lines(fh, self.cr_only):
                self.number += 1
                if self.number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                    self.offset = 3
                line = raw.decode(self.codec, "surrogateescape")
                if has_surrogate(line):
                    self.damaged.add(self.number)
                    line = replace_undecodable(line)
                self.offsets.append(self.offset)
                self.offset += len(raw)
                self.eol = len(raw) - len(raw.rstrip(b"\r\n"))
                yield line


class CsvReader:
    name = "csv"

    def sniff(self, head: bytes, filename: str) -> float:
        line = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].split(b"\r", 1)[0]
        try:
            first = line.decode("utf-8").strip()
        except UnicodeDecodeError:
            first = line.decode("cp1252", "replace").strip()  # Excel's own; `read` detects it properly
        if not first or first[0] in "{[":
            return 0.0
        delimiter = max(DELIMITERS, key=first.count)
        cells = {c.strip().strip('"').lower() for c in first.split(delimiter)}
        hits = len(cells & _KNOWN)
        score = 0.2 * min(hits, 3) + (0.3 if filename.lower().endswith((".csv", ".tsv")) else 0.0)
        return min(score, 0.9) if hits >= 2 or filename.lower().endswith((".csv", ".tsv")) else 0.0

    def read(self, path: Path, options: ReadOptions) -> Iterator[Record]:
        info = file_info(path)
        with open(path, "rb") as fh:
            head = fh.read(64 * 1024)
        encoding = detect(head, str(path))
        summary = Summary(str(path), info.sha256, "csv", encoding=encoding.name,
                          details={"encoding_confidence": encoding.confidence})
        return counted(self._records(path, info, options, head, encoding), summary)

    def _records(self, path: Path, info: FileInfo, options: ReadOptions, head: bytes,
                 encoding: Encoding) -> Iterator[Record]:  # fmt: skip
        codec = "utf-8" if encoding.name.startswith("utf-8") else encoding.name
        if codec.startswith("utf-16"):
            raise InputError("UTF-16 CSV is not supported; re-save the CSV as UTF-8", path=str(path))
        sample = head.decode(codec, "replace")
        if encoding.name in LEGACY:
            yield ParseIssue(str(path), None, f"not UTF-8: decoded as {encoding.name} (guessed from its bytes, "
                             f"confidence {encoding.confidence:.2f}); check accented letters", None, False)
        cr_only = b"\r" in head and b"\n" not in head
        lines = _Lines(path, encoding.name, cr_only)
        reader = csv.reader(iter(lines), _dialect(sample.replace("\r", "\n") if cr_only else sample))
        try:
            header = next(reader)
        except StopIteration:
            raise InputError("the file is empty", path=str(path)) from None
        except csv.Error as exc:
            raise InputError(f"malformed CSV header line ({exc})", path=str(path), line=lines.number) from None
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
            if lines.damaged and any(n in lines.damaged for n in range(first, last + 1)):
                yield ParseIssue(str(path), first, "undecodable bytes (not valid in the file's encoding, or NUL) "
                                 "shown as U+FFFD; the row is kept and flagged 'undecodable'", start, False)
                for rec in rows.row(dict(zip(header, cells, strict=True)), span):
                    yield replace(rec, flags=rec.flags | {Flag.UNDECODABLE}) if isinstance(rec, Message) else rec
                continue
            yield from rows.row(dict(zip(header, cells, strict=True)), span)


READER = CsvReader()
