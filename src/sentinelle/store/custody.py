"""What the case keeps outside its database so that changes to the database can be caught.

`manifest.json`, beside `case.sqlite`, holds the decision log's length and head hash and, for every
file, how many records it gave and a digest of them. It is rewritten (atomically) after each
ingest and each decision. A log truncated inside the database no longer reaches the head the
manifest names; a stored record edited no longer gives its file's digest. Someone who rewrites
the database *and* the manifest is caught only by a copy of the manifest kept elsewhere (`verify`
prints its head).

The digest covers what a record says as read from its file: not what merging overlapping
exports changes afterwards (the conversation it belongs to, its position, that it is a copy,
an absorbed "You" given its exporter's name: the name as exported is kept and hashed instead).
"""

from __future__ import annotations

import hashlib
import json
import operator
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import orjson

from .codec import RECORD_COLUMNS

MANIFEST = "manifest.json"
FORMAT = 1
# the columns of a record row its digest covers (all but conversation_id, ord, copy_of, seq)
DIGESTED = (
    "id", "kind", "time", "time_zone", "time_raw", "person", "person_id", "text", "type", "targets", "target_ids",
    "native_id", "reply_to", "mentions", "flags", "attachments", "forwarded_from", "edited_time", "edited_zone",
    "details", "src_sha256", "line_start", "line_end", "byte_start", "byte_end",
)  # fmt: skip


_DETAILS, _PERSON, _TARGETS = DIGESTED.index("details"), DIGESTED.index("person"), DIGESTED.index("targets")
_ROW = operator.itemgetter(*DIGESTED)  # from a stored row (by column name)
_TUPLE = operator.itemgetter(*(RECORD_COLUMNS.index(k) for k in DIGESTED))  # from codec.record_row


def as_read(row: Mapping[str, Any]) -> list[Any]:
    """A stored record as its file gave it (before a merge named its "You")."""
    return _restore(list(_ROW(row)))


def _restore(values: list[Any]) -> list[Any]:
    details = values[_DETAILS]
    if details and '"exported_as"' in details:
        data = orjson.loads(details)
        exported = data.pop("exported_as", None) or {}
        if "person" in exported:
            values[_PERSON] = exported["person"]
        if "targets" in exported:
            values[_TARGETS] = orjson.dumps(exported["targets"]).decode()
        values[_DETAILS] = orjson.dumps(data).decode() if data else None
    return values


class Digest:
    """The digest of a file's records, fed batch by batch as they are stored."""

    def __init__(self) -> None:
        self._h = hashlib.sha256()
        self.count = 0

    def rows(self, rows: Iterable[Mapping[str, Any]]) -> Digest:
        for row in rows:
            self._add(as_read(row))
        return self

    def tuples(self, rows: Iterable[tuple[Any, ...]]) -> Digest:
        """Rows in `codec.RECORD_COLUMNS` order, as the store inserts them."""
        for row in rows:
            self._add(_restore(list(_TUPLE(row))))
        return self

    def _add(self, values: list[Any]) -> None:
        self._h.update(orjson.dumps(values))
        self._h.update(b"\n")
        self.count += 1

    def hexdigest(self) -> str:
        return self._h.hexdigest()


def records_digest(rows: Iterable[Mapping[str, Any]]) -> tuple[int, str]:
    """(how many, sha256) of a file's stored records, in the order they were stored."""
    d = Digest().rows(rows)
    return d.count, d.hexdigest()


def write_manifest(case_dir: Path, data: dict[str, Any]) -> None:
    """Replace `manifest.json` atomically (an interrupted write leaves the previous one)."""
    body = json.dumps({"format": FORMAT, **data}, ensure_ascii=False, indent=2, sort_keys=True).encode()
    fd, tmp = tempfile.mkstemp(dir=case_dir, prefix=".manifest-")
    try:
        mask = os.umask(0)
        os.umask(mask)
        os.fchmod(fd, 0o666 & ~mask)  # as any file the user makes (mkstemp's is private)
        with os.fdopen(fd, "wb") as fh:
            fh.write(body)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, case_dir / MANIFEST)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_manifest(case_dir: Path) -> dict[str, Any] | None:
    """The manifest, None when there is none; ValueError when it is not valid JSON."""
    path = case_dir / MANIFEST
    if not path.exists():
        return None
    data = json.loads(path.read_bytes())
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    return data
