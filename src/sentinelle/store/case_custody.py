"""The part of `Case` that keeps it whole and checkable: originals and temporary files left by a
killed ingest, the records digests and `manifest.json` (see `custody`), what `verify` and the
report read about how each file was read. No SQL."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import CaseError
from ..version import __version__
from . import custody

ORIGINALS = "originals"
CREATING = ".creating-"  # a case database being made, renamed into place once complete
INCOMING = ".incoming-"  # an original being copied in, renamed into place once complete


class CustodyMixin:
    """Mixed into `Case` (which provides `backend`, `path`, `files`, `read_only`)."""

    backend: Any
    path: Path
    files: Any
    read_only: bool

    def _clean_orphans(self) -> list[str]:
        """Originals no stored file names (an ingest killed after copying its file in) and
        unfinished copies or case databases. Called under the write lock, where nothing else
        can be half-way."""
        known = self.backend.file_shas()
        removed = []
        for p in [*(self.path / ORIGINALS).iterdir(), *self.path.glob(CREATING + "*")]:
            orphan = p.name.startswith((INCOMING, CREATING)) or (len(p.name) == 64 and p.name not in known)
            if orphan and p.is_file():
                p.unlink(missing_ok=True)
                removed.append(p.name)
        return removed

    def _committed(self, sha256: str) -> bool:
        """Whether a file is stored (after an interruption: if in doubt, yes; an original left
        behind is cleaned by the next ingest, a removed one would be lost)."""
        try:
            return self.backend.has_file(sha256)
        except Exception:
            return True

    def records_digest(self, sha256: str) -> tuple[int, str]:
        """(count, sha256) of the records a file gave, as read (`verify` recomputes it)."""
        return custody.records_digest(self.backend.file_rows(sha256))

    def file_records(self, sha256: str) -> Iterator[tuple[str, list[Any]]]:
        """(record id, its fields as read from the file: `custody.DIGESTED`) for every record a
        file gave, copies included, in the order they were stored."""
        for row in self.backend.file_rows(sha256):
            yield row["id"], custody.as_read(row)

    def record_as_read(self, record_id: str) -> list[Any] | None:
        row = self.backend.record(record_id)
        return custody.as_read(row) if row else None

    def detection_rows(self) -> Iterator[tuple[str, str, Any]]:
        """(message id, model version, stored data) of every stored detection, copies' included."""
        yield from self.backend.detection_rows()

    def _digest(self, sha256: str, streamed: custody.Digest | None) -> dict[str, Any]:
        """The count and digest of the records a file gave, as read (see `custody`): computed
        while they were stored, or from the database when some were already there."""
        n, digest = (streamed.count, streamed.hexdigest()) if streamed else self.records_digest(sha256)
        return {"records": n, "records_sha256": digest, "sentinelle_version": __version__}

    def reading(self, sha256: str, examples: int = 3, covered: Iterable[str] = ()) -> dict[str, Any]:
        """What to check about how a file was read: its records flagged `undecodable`,
        `date_ambiguous` or `time_backwards`, and its issues (lines skipped; warnings about records
        kept, but those whose cause starts with one of `covered`), counted, with the first few."""
        flags = self.backend.flag_counts(sha256, ("undecodable", "date_ambiguous", "time_backwards"))
        skipped, kept = self.backend.issue_digest(sha256, examples, tuple(covered))
        return {"flags": flags, "skipped": skipped, "kept": kept}

    def manifest(self) -> dict[str, Any] | None:
        """`manifest.json` (None when the case has none; ValueError when it is not JSON)."""
        return custody.read_manifest(self.path)

    def manifest_expected(self) -> bool:
        """Whether the case wrote a manifest (one missing now was removed)."""
        return bool(self.backend.get_meta("manifest"))

    def write_manifest(self) -> None:
        """Record the decision log's head and every file's records digest outside the database.
        Best effort after a committed change: a manifest left behind by a crash is older, which
        `verify` accepts (it names an earlier head of the same log)."""
        if self.read_only:
            return
        entries = self.backend.decisions()
        data = {
            "decision_log": {"entries": len(entries), "head_sha256": entries[-1].get("sha256") if entries else None},
            "files": {f.sha256: {"name": f.name, "records": f.details.get("records"),
                                 "records_sha256": f.details.get("records_sha256")} for f in self.files()},  # fmt: skip
        }
        try:
            if not self.manifest_expected():
                with self.backend.transaction():
                    self.backend.set_meta("manifest", True)
            custody.write_manifest(self.path, data)
        except (OSError, CaseError):
            pass  # a full disk: the previous manifest stays, and says less
