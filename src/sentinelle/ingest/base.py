"""What every reader shares: options, the reader contract, record ids and hashing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..hashing import HASH_CHUNK, sha256_bytes, sha256_file
from ..records import Record

__all__ = ["HASH_CHUNK", "ReadOptions", "Reader", "conversation_id", "record_id", "sha256_bytes", "sha256_file"]



@dataclass(frozen=True)
class ReadOptions:
    """What the user may force. Everything else is decided from the file's content."""

    format: str | None = None  # force a reader: whatsapp, telegram, matrix, discord, signal, csv, jsonl
    date_order: str | None = None  # dmy | mdy | ymd (WhatsApp); overrides the inference
    tz: str | None = None  # IANA zone of the exporter's clock, e.g. Europe/Paris
    column_map: dict[str, str] = field(default_factory=dict)  # CSV/JSONL: canonical field -> column
    max_uncompressed: int = 2 << 30  # zip bomb cap (bytes, all members together)
    exporter: str | None = None  # who made the export: its "Vous"/"You" (stored with the file, used to link people)
    extra: dict[str, Any] = field(default_factory=dict)


class Reader(Protocol):
    """A reader streams the records of one export: conversations first, then the messages,
    events and participants of each, issues where parts are unreadable, and one final Summary.
    It never loads a large file whole."""

    name: str

    def sniff(self, head: bytes, filename: str) -> float:
        """Confidence in [0, 1] that a file starting with `head` is this reader's format."""
        ...

    def read(self, path: Path, options: ReadOptions) -> Iterator[Record]: ...


def record_id(sha256: str, byte_start: int, suffix: str = "") -> str:
    """Stable id of a record: the same bytes of the same file always give the same id."""
    return f"{sha256[:16]}:{byte_start}{suffix}"


def conversation_id(sha256: str, native_id: str | None = None) -> str:
    return f"{sha256[:16]}" + (f"/{native_id}" if native_id else "")
