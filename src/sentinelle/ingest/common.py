"""Helpers the structured-format readers share: sources, times, participants, summaries."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import InputError, ParseError, UnsafeArchive, UsageError
from ..records import ParseIssue, Participant, Record, Source, Summary
from .archive import check_method, safe_members
from .base import HASH_CHUNK, ReadOptions, record_id, sha256_file
from .jsonstream import Span


def zone(options: ReadOptions) -> ZoneInfo | None:
    if not options.tz:
        return None
    try:
        return ZoneInfo(options.tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(f"unknown time zone {options.tz!r} (use an IANA name such as Europe/Paris)") from None


def from_epoch(seconds: float, tz: ZoneInfo | None) -> datetime:
    """An instant as an aware datetime, in the user's zone if given, else UTC."""
    moment = datetime.fromtimestamp(seconds, UTC)
    return moment.astimezone(tz) if tz else moment


def from_iso(text: str, tz: ZoneInfo | None) -> datetime:
    """ISO 8601 text; with an offset it is converted to the user's zone if given."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    if moment.tzinfo is not None and tz is not None:
        return moment.astimezone(tz)
    if moment.tzinfo is None and tz is not None:
        return moment.replace(tzinfo=tz)
    return moment


@dataclass
class FileInfo:
    """The file being read: its display path, hash, and the zip it came from if any."""

    path: str
    sha256: str
    container_sha256: str | None = None
    member: str | None = None

    def source(self, span: Span) -> Source:
        return Source(
            self.sha256,
            span.line_start,
            span.line_end,
            span.byte_start,
            span.byte_end,
            path=self.path,
            container_sha256=self.container_sha256,
            member=self.member,
        )

    def rid(self, span: Span, suffix: str = "") -> str:
        return record_id(self.sha256, span.byte_start, suffix)


def file_info(path: Path) -> FileInfo:
    return FileInfo(str(path), sha256_file(path))


def open_zip_member(path: Path, options: ReadOptions, names: tuple[str, ...]) -> tuple[IO[bytes], FileInfo]:
    """The first safe member whose base name is in `names`, streamed (never loaded whole).

    The member is hashed in a first pass (its records' sources name the member's own bytes),
    counting what it really expands to, since a zip header may lie about sizes.
    """
    for info in safe_members(path, options.max_uncompressed):
        if info.filename.rsplit("/", 1)[-1] not in names:
            continue
        check_method(path, info)
        digest = hashlib.sha256()
        size = 0
        limit = min(info.file_size, options.max_uncompressed)
        with zipfile.ZipFile(path) as zf, zf.open(info) as fh:
            while chunk := fh.read(HASH_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise UnsafeArchive(f"member {info.filename!r} is larger than declared; refusing it",
                                        path=str(path))
                digest.update(chunk)
        zf = zipfile.ZipFile(path)
        stream = zf.open(info)
        stream._owner = zf  # type: ignore[attr-defined]  # keep the archive open as long as the stream
        return stream, FileInfo(str(path), digest.hexdigest(), container_sha256=sha256_file(path),
                                member=info.filename)
    raise InputError(f"the archive holds no {' or '.join(names)}", path=str(path))


def is_zip(path: Path) -> bool:
    return zipfile.is_zipfile(path)


@dataclass
class Participants:
    """Emits a Participant the first time a (platform id, display name) pair is seen."""

    conversation_id: str
    seen: set[tuple[str | None, str | None]] = field(default_factory=set)

    def see(self, name: str | None, platform_id: str | None = None, **details: Any) -> Iterator[Participant]:
        if name is None and platform_id is None:
            return
        key = (platform_id, name)
        if key in self.seen:
            return
        self.seen.add(key)
        yield Participant(self.conversation_id, name, platform_id=platform_id, details=details)


def summarize(summary: Summary, record: Record) -> None:
    kind = record.kind
    if kind == "message":
        summary.messages += 1
    elif kind == "event":
        summary.events += 1
    elif kind == "conversation":
        summary.conversations += 1
    elif kind == "issue":
        summary.issues += 1
        if getattr(record, "skipped", True):
            summary.skipped_lines += 1


def counted(records: Iterator[Record], summary: Summary) -> Iterator[Record]:
    """Pass records through, counting them, then yield the summary last."""
    for record in records:
        summarize(summary, record)
        yield record
    yield summary


def skipped_issue(path: str, error: ParseError, span: Span) -> ParseIssue:
    """A malformed element of an array, skipped; reading went on at the next one."""
    return ParseIssue(path, error.line, f"{error.cause}; element skipped, reading goes on at line {span.line_end}",
                      span.byte_start)


def text_of(value: Any) -> str:
    """A string field that an export may leave null or give a wrong type."""
    return value if isinstance(value, str) else ""
