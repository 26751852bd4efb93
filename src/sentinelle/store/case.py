"""The case: one directory holding the database and the originals. No SQL here.

Everything above the store reads and writes a case through this class only, in terms of the
canonical records of `sentinelle.records` and the small types of `store.models`.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import CaseError, UsageError
from ..hashing import sha256_file
from ..records import (
    Conversation,
    Detection,
    Event,
    Message,
    ParseIssue,
    Participant,
    Record,
    Source,
    Summary,
    to_dict,
)
from . import codec, custody, identity
from .backend import Backend
from .case_custody import CREATING, INCOMING, ORIGINALS, CustodyMixin
from .case_provenance import ProvenanceMixin
from .models import CaseMetadata, FileInfo, Person, PersonLink, ResultRow, RosterEntry, SearchHit
from .sqlite import READ_ONLY, SCHEMA_VERSION, SQLiteBackend

DB_NAME = "case.sqlite"
BATCH = 2000  # records per insert batch (and per progress tick)


class Case(ProvenanceMixin, CustodyMixin):
    """A case directory: `case.sqlite` + `originals/<sha256>` (read-only copies)."""

    def __init__(self, path: Path, backend: Backend) -> None:
        self.path = path
        self.backend = backend
        self._handles: dict[tuple[str, str], str] | None = None
        self._names: dict[tuple[str, str], str] | None = None

    # --- lifecycle -------------------------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, metadata: CaseMetadata | None = None) -> Case:
        """A new case. Its database is made complete under a temporary name, then linked into
        place: a kill leaves no half-made case, and of two processes creating one case at once,
        one makes it and the other is told it exists."""
        path = Path(path)
        if (path / DB_NAME).exists():
            raise CaseError("a case already exists here", path=str(path))
        if path.exists() and not path.is_dir():
            raise CaseError("exists and is not a directory", path=str(path))
        if path.is_dir() and any(not p.name.startswith(CREATING) for p in path.iterdir() if p.name != ORIGINALS):
            raise CaseError("the directory is not empty and holds no case; give a new or empty one", path=str(path))
        try:
            path.mkdir(parents=True, exist_ok=True)
            (path / ORIGINALS).mkdir(exist_ok=True)
            fd, name = tempfile.mkstemp(dir=path, prefix=CREATING, suffix=".sqlite")
            os.close(fd)
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(name, 0o666 & ~mask)  # as any file the user makes (mkstemp's is private)
        except OSError as exc:
            raise _write_error(exc, path) from None
        tmp = Path(name)
        try:
            backend = SQLiteBackend(tmp, create=True, wal=False)
            with backend.transaction():
                backend.set_meta("created_at", datetime.now(UTC).isoformat(timespec="seconds"))
                backend.set_meta("metadata", (metadata or CaseMetadata()).to_dict())
                backend.audit("create", {"metadata": (metadata or CaseMetadata()).to_dict()})
            backend.close()
            os.link(tmp, path / DB_NAME)  # fails if another process made the case meanwhile
        except FileExistsError:
            raise CaseError("a case already exists here", path=str(path)) from None
        except OSError as exc:
            raise _write_error(exc, path) from None
        finally:
            for leftover in (tmp, *(tmp.with_name(tmp.name + x) for x in ("-wal", "-shm", "-journal"))):
                leftover.unlink(missing_ok=True)
        return cls(path, SQLiteBackend(path / DB_NAME))

    @classmethod
    def open(cls, path: str | Path) -> Case:
        """An existing case; CaseError if missing, damaged or written by a newer sentinelle."""
        path = Path(path)
        if not path.is_dir():
            raise CaseError("no such case directory", path=str(path))
        return cls(path, SQLiteBackend(path / DB_NAME))

    @classmethod
    def open_or_create(cls, path: str | Path, metadata: CaseMetadata | None = None) -> Case:
        path = Path(path)
        if not (path / DB_NAME).exists():
            try:
                return cls.create(path, metadata)
            except CaseError:
                if not (path / DB_NAME).exists():
                    raise  # else: another process made it meanwhile: open it
        case = cls.open(path)
        if metadata is not None and metadata != CaseMetadata():
            case.set_metadata(metadata)
        return case

    @property
    def read_only(self) -> bool:
        """Whether the case can only be read (its disk or directory cannot be written)."""
        return bool(getattr(self.backend, "read_only", False))

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> Case:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- metadata, audit ---------------------------------------------------------------------------

    @property
    def metadata(self) -> CaseMetadata:
        return CaseMetadata.from_dict(self.backend.get_meta("metadata") or {})

    def set_metadata(self, metadata: CaseMetadata | None = None, **fields: Any) -> CaseMetadata:
        """Replace the metadata with `metadata`, or change only the given fields."""
        new = metadata if metadata is not None else replace(self.metadata, **fields)
        with self.backend.transaction():
            self.backend.set_meta("metadata", new.to_dict())
            self.backend.audit("set_metadata", new.to_dict())
        return new

    def audit_log(self) -> list[dict[str, Any]]:
        return self.backend.audit_log()

    # --- files and ingest ---------------------------------------------------------------------------

    def has_file(self, sha256: str) -> bool:
        return self.backend.has_file(sha256)

    def file(self, sha256: str) -> FileInfo | None:
        d = self.backend.file(sha256)
        return FileInfo(**d) if d else None

    def files(self) -> list[FileInfo]:
        return [FileInfo(**d) for d in self.backend.files()]

    def original_path(self, sha256: str) -> Path:
        return self.path / ORIGINALS / sha256

    def source_bytes(self, source: Source) -> bytes:
        """The exact bytes a record was read from (through its zip when it came from one)."""
        if source.container_sha256 and source.member:
            with zipfile.ZipFile(self.original_path(source.container_sha256)) as zf:
                data = zf.read(source.member)
        else:
            data = self.original_path(source.sha256).read_bytes()
        return data[source.byte_start : source.byte_end]

    def _copy_original(self, path: Path, sha256: str) -> bool:
        """Copy an export in by hash; True when this call put it there."""
        target = self.original_path(sha256)
        if target.exists():
            return False
        try:
            target.parent.mkdir(exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=INCOMING)
            os.close(fd)
        except OSError as exc:
            raise _write_error(exc, self.path) from None
        try:
            with open(path, "rb") as src, open(tmp, "wb") as dst:
                while chunk := src.read(1 << 20):
                    try:
                        dst.write(chunk)
                    except OSError as exc:
                        raise _write_error(exc, self.path) from None
                try:
                    dst.flush()
                    os.fsync(dst.fileno())
                except OSError as exc:
                    raise _write_error(exc, self.path) from None
            os.chmod(tmp, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
            os.replace(tmp, target)  # atomic: an interrupted copy never leaves a partial original
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return True

    def add_file(
        self,
        path: str | Path,
        records: Iterable[Record],
        *,
        format: str | None = None,
        options: dict[str, Any] | None = None,
        sha256: str | None = None,
        progress: Callable[[int], None] | None = None,
        merge: bool = True,
    ) -> FileInfo:
        """Store one export and its records in one transaction: all of it or nothing.

        The original is copied into the case by hash. A file already in the case adds nothing
        (its FileInfo is returned); records already present through another file (the same chat
        inside a zip and as a .txt) are counted as `duplicates` and not stored twice. A
        conversation that is another export of a chat the case holds (another member's, another
        period, another language) joins it: the records both hold are kept as copies of the
        first (`overlaps`), the others take their place in time (`merge=False`: never, for this
        file: the user says it is another chat).
        """
        path = Path(path)
        sha256 = sha256 or sha256_file(path)
        if (existing := self.file(sha256)) is not None:
            return existing
        copied = False
        try:
            with self.backend.transaction():
                if removed := self._clean_orphans():
                    self.backend.audit("clean", {"removed": removed, "why": "left by an interrupted ingest"})
                copied = self._copy_original(path, sha256)
                info = self._store_records(path, sha256, records, format, options, progress, merge)
        except BaseException:
            if copied and not self._committed(sha256):  # the file was not stored: neither is its original
                self.original_path(sha256).unlink(missing_ok=True)
            raise
        self._handles = self._names = None
        self.write_manifest()
        return info

    def _store_records(
        self,
        path: Path,
        sha256: str,
        records: Iterable[Record],
        format: str | None,
        options: dict[str, Any] | None,
        progress: Callable[[int], None] | None,
        merge_ok: bool = True,
    ) -> FileInfo:
        messages = events = inserted = yielded = 0
        conversations: set[str] = set()
        new_conversations: list[str] = []
        participants: list[dict[str, Any]] = []
        issues: list[dict[str, Any]] = []
        summary: Summary | None = None
        member: tuple[str, str] | None = None
        batch: list[tuple[Any, ...]] = []

        digest = custody.Digest()

        def flush() -> None:
            nonlocal inserted
            digest.tuples(batch)  # what the file gives, as it gives it (see `custody`)
            inserted += self.backend.insert_records(batch, sha256)
            batch.clear()
            if progress:
                progress(yielded)

        for rec in records:
            if isinstance(rec, Message | Event):
                if rec.conversation_id not in conversations:
                    if self._ensure_conversation(rec, sha256, format, conversations):
                        new_conversations.append(rec.conversation_id)
                if member is None and rec.source.member:
                    member = (rec.source.member, rec.source.sha256)
                batch.append(codec.record_row(rec))
                yielded += 1
                if isinstance(rec, Message):
                    messages += 1
                else:
                    events += 1
                if len(batch) >= BATCH:
                    flush()
            elif isinstance(rec, Conversation):
                if rec.id not in conversations:
                    conversations.add(rec.id)
                    if self.backend.insert_conversation(codec.conversation_to_dict(rec), sha256):
                        new_conversations.append(rec.id)
            elif isinstance(rec, Participant):
                participants.append(codec.participant_to_dict(rec))
            elif isinstance(rec, ParseIssue):
                issues.append(to_dict(rec))
            elif isinstance(rec, Summary):
                summary = rec
        flush()
        self.backend.insert_participants(participants, sha256)
        self.backend.insert_issues(issues, sha256)
        options = dict(options or {})
        if not merge_ok:
            options["no_merge"] = True
        near: list[dict[str, Any]] = []
        merges = self._merge(sha256, path.name, new_conversations, options, near) if merge_ok else []
        self.backend.index_file(sha256)
        info = FileInfo(
            sha256=sha256,
            name=path.name,
            size=path.stat().st_size,
            format=format or (summary.format if summary else "unknown"),
            ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
            messages=messages,
            events=events,
            conversations=len(conversations),
            participants=len(participants),
            issues=len(issues),
            skipped_lines=summary.skipped_lines if summary else 0,
            date_order=summary.date_order if summary else None,
            ambiguous=summary.date_order_ambiguous if summary else False,
            encoding=summary.encoding if summary else None,
            member=member[0] if member else None,
            member_sha256=member[1] if member else None,
            options=options,
            duplicates=yielded - inserted,
            overlaps=sum(m["matched"] for m in merges),
            merged_into=sorted({m["target"] for m in merges}),
            merges=[{k: m[k] for k in ("source", "target", "matched", "matched_messages", "added", "hints")}
                    for m in merges],  # fmt: skip
            alike=near,
            details={**(dict(summary.details) if summary else {}),
                     **self._digest(sha256, digest if inserted == yielded else None)},
        )
        self.backend.insert_file(info.to_dict())
        self.backend.audit("add_file", {"sha256": sha256, "name": path.name, "messages": messages,
                                        "events": events, "duplicates": info.duplicates,
                                        "overlaps": info.overlaps, "merged_into": info.merged_into})  # fmt: skip
        return info

    def _ensure_conversation(self, rec: Message | Event, sha256: str, fmt: str | None, seen: set[str]) -> bool:
        """A record of a conversation its reader never declared still gets one (never lost).
        True when this call added it."""
        seen.add(rec.conversation_id)
        if not self.backend.has_conversation(rec.conversation_id):
            conv = Conversation(rec.conversation_id, fmt or "unknown", None, rec.source.sha256)
            return self.backend.insert_conversation(codec.conversation_to_dict(conv), sha256)
        return False

    def issues(self, sha256: str | None = None) -> list[ParseIssue]:
        return [
            ParseIssue(path=r["path"], line=r["line"], cause=r["cause"], byte_start=r["byte_start"],
                       skipped=bool(r["skipped"]))  # fmt: skip
            for r in self.backend.issues(sha256)
        ]

    # --- reading records back ------------------------------------------------------------------------

    def conversations(self) -> list[Conversation]:
        return [codec.conversation_from_dict(d) for d in self.backend.conversations()]

    def participants(self, conversation_id: str | None = None) -> list[Participant]:
        return [codec.participant_from_dict(d) for d in self.backend.participants(conversation_id)]

    def messages(self, conversation_id: str | None = None) -> Iterator[Message]:
        """Messages in file order (files in the order they were ingested)."""
        for row in self.backend.records("message", conversation_id):
            yield codec.record_from_row(row)  # type: ignore[misc]

    def events(self, conversation_id: str | None = None) -> Iterator[Event]:
        for row in self.backend.records("event", conversation_id):
            yield codec.record_from_row(row)  # type: ignore[misc]

    def timeline(self, conversation_id: str | None = None) -> Iterator[Message | Event]:
        for row in self.backend.records(None, conversation_id):
            yield codec.record_from_row(row)

    def record(self, record_id: str) -> Message | Event | None:
        row = self.backend.record(record_id)
        return codec.record_from_row(row) if row else None

    def message(self, record_id: str) -> Message | None:
        rec = self.record(record_id)
        return rec if isinstance(rec, Message) else None

    def context(self, record_id: str, before: int = 3, after: int = 3) -> list[Message | Event]:
        """The record with its neighbours in the same conversation, in file order."""
        return [codec.record_from_row(r) for r in self.backend.context(record_id, before, after)]

    def count_messages(self, conversation_id: str | None = None) -> int:
        return self.backend.count("message", conversation_id)

    def count_events(self, conversation_id: str | None = None) -> int:
        return self.backend.count("event", conversation_id)

    def search(self, query: str, limit: int = 50, conversation_id: str | None = None) -> list[SearchHit]:
        """Full-text search over message texts, case- and accent-insensitive, best first.

        FTS5 syntax works (`"exact phrase"`, `a OR b`, `pref*`); anything that is not valid
        syntax is searched as plain words."""
        return [
            SearchHit(codec.record_from_row(row), snippet, rank)  # type: ignore[arg-type]
            for row, snippet, rank in self.backend.search(query, limit, conversation_id)
        ]

    # --- people -------------------------------------------------------------------------------------

    def relink_persons(self, min_confidence: float = 0.0) -> list[Person]:
        """Recompute who is who from every sighting, respecting the user's merges and splits."""
        table = identity.HandleTable()
        for conv, platform, name, pid, phone, n, seq in self.backend.sightings():
            table.see(conv, name, pid, phone, platform=platform, messages=n, seq=seq)
        handles = table.finish()
        identity.name_exporters(handles, self._exporters())
        persons, of, links = identity.link(handles, self.backend.identity_decisions(), min_confidence)
        names = {h.ref: sorted(h.names) for h in handles}
        self.backend.save_identity(
            {ref: (pid, names[ref]) for ref, pid in of.items()},
            [asdict(p) for p in persons],
            [asdict(lk) for lk in links],
        )
        self._handles = self._names = None
        return persons

    def _exporters(self) -> dict[str, str]:
        """conversation id -> the name the user gave for the person who made its export."""
        by_sha = {}
        for f in self.files():
            if f.options.get("exporter"):
                by_sha[f.member_sha256 or f.sha256] = by_sha[f.sha256] = f.options["exporter"]
        return {c.id: by_sha[c.source_sha256] for c in self.conversations() if c.source_sha256 in by_sha}

    def persons(self) -> list[Person]:
        return [
            Person(**{k: tuple(v) if isinstance(v, list) else v for k, v in d.items()})
            for d in self.backend.persons()
        ]

    def links(self) -> list[PersonLink]:
        return [
            PersonLink(d["person_id"], tuple(d["a"]), tuple(d["b"]), d["reason"], d["confidence"], d["detail"])  # type: ignore[arg-type]
            for d in self.backend.person_links()
        ]

    def _load_handles(self) -> None:
        self._handles, self._names = {}, {}
        for conv, key, pid, names in self.backend.handles():
            self._handles[(conv, key)] = pid
            for n in names:
                self._names.setdefault((conv, n), pid)

    def person_of(self, conversation_id: str, sender_name_or_id: str) -> str | None:
        """The person id of a sender (display name or platform id) in a conversation."""
        if self._handles is None:
            self._load_handles()
        assert self._handles is not None and self._names is not None
        key = (conversation_id, sender_name_or_id)
        return self._handles.get(key) or self._names.get(key)

    def resolve_person(self, ref: str) -> str:
        """A person id from an id or a name (UsageError when unknown or ambiguous)."""
        persons = self.persons()
        if any(p.id == ref for p in persons):
            return ref
        folded = identity.fold_name(ref)
        hits = [p for p in persons if any(identity.fold_name(n) == folded for n in (p.display_name, *p.names))]
        if len(hits) == 1:
            return hits[0].id
        if not hits:
            raise UsageError(f"no person {ref!r} in this case")
        raise UsageError(f"{ref!r} names several persons ({', '.join(p.id for p in hits)}); use an id")

    def merge_persons(self, a: str, b: str, reason: str = "") -> str:
        """Take a and b (ids or names) for the same person, now and on every re-link."""
        pa, pb = self.resolve_person(a), self.resolve_person(b)
        if pa == pb:
            return pa
        ha = [[c, k] for c, k, _, _ in self.backend.handles(pa)]
        hb = [[c, k] for c, k, _, _ in self.backend.handles(pb)]
        with self.backend.transaction():
            self.backend.add_identity_decision({"op": "merge", "a": ha, "b": hb, "reason": reason})
            self.backend.audit("merge_persons", {"a": pa, "b": pb, "reason": reason})
        self.relink_persons()
        return self.person_of(ha[0][0], ha[0][1]) or pa

    def split_person(
        self, person_id: str, names: Iterable[str], reason: str = "", conversation_id: str | None = None
    ) -> str:
        """Take the handles of a person called `names` (exact names or ids first, else folded
        names), in one conversation or all, apart into a new person. Returns its id."""
        pid = self.resolve_person(person_id)
        names = list(names)
        handles = [h for h in self.backend.handles(pid) if conversation_id in (None, h[0])]
        out: list[list[str]] = []
        for match in (lambda n: n, identity.fold_name):
            wanted = {match(n) for n in names}
            out = [[c, k] for c, k, _, hn in handles if match(k) in wanted or any(match(n) in wanted for n in hn)]
            if out:
                break
        rest = [[c, k] for c, k, _, _ in self.backend.handles(pid) if [c, k] not in out]
        if not out or not rest:
            raise UsageError("a split must leave names on both sides; see `sentinelle persons`")
        with self.backend.transaction():
            self.backend.add_identity_decision({"op": "split", "out": out, "rest": rest, "reason": reason})
            self.backend.audit("split_person", {"person": pid, "out": out, "reason": reason})
        self.relink_persons()
        return self.person_of(out[0][0], out[0][1]) or pid

    # --- results of analyses -----------------------------------------------------------------------

    def save_detections(self, detections: Iterable[Detection], model_version: str | None = None) -> int:
        """Store detections (each with its message_id); a re-scan with the same version replaces."""
        rows = []
        for d in detections:
            if not d.message_id:
                raise ValueError("a detection to store needs its message_id")
            version = model_version or d.model_version
            data = d.to_dict()
            data["model_version"] = version
            rows.append((d.message_id, version, d.flagged, d.severity, data))
        self.backend.save_detections(rows)
        return len(rows)

    def detections(self, model_version: str | None = None, flagged_only: bool = False,
                   notable_only: bool = False) -> Iterator[Detection]:
        """Detections of one model version (the latest saved when None), in message order.
        `notable_only`: the flagged ones and those read with a stance (reported, counter, joke,
        endorse...), the only ones the dynamics and harassment analyses act on."""
        version = model_version or self.backend.latest_model_version()
        if version is None:
            return
        for d in self.backend.detections(version, flagged_only, notable_only):
            yield codec.detection_from_dict(d)

    def count_detections(self, model_version: str | None = None) -> int:
        """How many messages one model version (the latest saved when None) scored."""
        version = model_version or self.backend.latest_model_version()
        return self.backend.count_detections(version) if version else 0

    def scan_items(self, conversation_id: str, model_version: str) -> Iterator[tuple[str, str, bool]]:
        """(message id, text, already scored by `model_version`) of one conversation, in file
        order, streamed (a scan of a million messages holds no set of their ids)."""
        return self.backend.scan_rows(conversation_id, model_version)

    def scanned_ids(self, model_version: str) -> set[str]:
        return self.backend.scanned_ids(model_version)

    def put_result(self, step: str, version: str, key: str, data: Any, settings: dict[str, Any] | None = None,
                   *, fingerprint: str | None = None, inputs: dict[str, Any] | None = None) -> ResultRow:
        """Store an analysis result (JSON-able), with the version and settings that produced it
        and, from the step contract, the fingerprint of the inputs it was computed from."""
        digest = hashlib.sha256(codec.dumps(data).encode()).hexdigest()
        self.backend.put_result(step, version, key, data, settings or {}, fingerprint, inputs, digest)
        return ResultRow(step, version, key, data, settings or {}, "", fingerprint, inputs, digest)

    def get_result(self, step: str, key: str) -> Any:
        """The data of the latest result of `step` under `key`, or None (fresh or not: see
        `result` and `stale_inputs`)."""
        rows = self.backend.results(step, key)
        return rows[0]["data"] if rows else None

    def result(self, step: str, key: str) -> ResultRow | None:
        """The latest stored result of `step` under `key`, with its fingerprint."""
        rows = self.backend.results(step, key)
        return _result_row(rows[0]) if rows else None

    def results(self, step: str) -> list[ResultRow]:
        return [_result_row(r) for r in self.backend.results(step)]

    def revisions(self) -> dict[str, int]:
        """How many times each input of the analyses changed: files, persons, roster, detections."""
        return self.backend.revisions()

    def stale_inputs(self, row: ResultRow) -> list[str]:
        """The inputs a stored result was computed from that have changed since (empty: fresh as
        far as the case can tell; the detector's version is checked by the pipeline)."""
        if row.inputs is None:
            return ["unknown inputs (stored before input tracking)"]
        current = self.revisions()
        changed = []
        for name, value in row.inputs.get("revisions", {}).items():
            if current.get(name, 0) != value:
                changed.append(name)
        for step, digest in row.inputs.get("upstream", {}).items():
            step_name, _, key = step.partition("/")
            up = self.result(step_name, key) if key else None
            if up is None or up.digest != digest or self.stale_inputs(up):
                changed.append(step_name)
        return changed

    def import_roster(self, rows: Iterable[RosterEntry]) -> None:
        """Replace the roster (the organisation's list of people, ranks, roles, union reps)."""
        rows = list(rows)
        self.backend.replace_roster((r.person, r.rank, r.role, r.unit, r.union_rep, r.details) for r in rows)

    def roster(self) -> list[RosterEntry]:
        return [RosterEntry(**r) for r in self.backend.roster()]

    # --- decisions and pseudonyms ----------------------------------------------------------------

    def append_decision(self, entry: dict[str, Any]) -> int:
        """Append to the review log (never updated nor deleted); returns its sequence number."""
        seq = self.backend.append_decision(entry)
        self.write_manifest()
        return seq

    def decisions(self) -> list[dict[str, Any]]:
        return self.backend.decisions()

    def pseudonyms(self) -> dict[str, str]:
        return self.backend.pseudonyms()

    def set_pseudonym(self, real: str, pseudo: str) -> None:
        self.backend.set_pseudonym(real, pseudo)

    # --- summary -------------------------------------------------------------------------------------

    def info(self) -> dict[str, Any]:
        first, last = self.backend.period()
        return {
            "path": str(self.path),
            "schema_version": SCHEMA_VERSION,
            "created_at": self.backend.get_meta("created_at"),
            "metadata": self.metadata.to_dict(),
            "files": [f.to_dict() for f in self.files()],
            "conversations": [
                {"id": c.id, "platform": c.platform, "title": c.title, "messages": self.count_messages(c.id),
                 "events": self.count_events(c.id), "date_order": c.date_order,
                 "date_order_ambiguous": c.date_order_ambiguous,
                 **({"sources": self.provenance(c.id), "merges": self.merges(c.id)} if self.merges(c.id) else {})}  # fmt: skip
                for c in self.conversations()
            ],
            "messages": self.count_messages(),
            "events": self.count_events(),
            "issues": len(self.backend.issues()),
            "persons": len(self.backend.persons()),
            "period": {"first": first, "last": last},
            "detections": self.backend.detection_versions(),  # {model_version: {scanned, flagged}}
            "results": self.backend.result_keys(),  # {step: [keys]}
            "revisions": self.revisions(),  # {input: changes}
            "decisions": len(self.backend.decisions()),
        }




def _write_error(exc: OSError, path: Path) -> CaseError:
    """One clear error (exit 4) for a case that cannot be written."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return CaseError(f"no space left for the case ({exc.strerror}): nothing of this change was stored; free some "
                         "space and run it again", path=str(path))  # fmt: skip
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return CaseError(READ_ONLY, path=str(path))
    return CaseError(f"cannot write into the case ({exc.strerror or exc})", path=str(path))


def _result_row(r: dict[str, Any]) -> ResultRow:
    return ResultRow(r["step"], r["version"], r["key"], r["data"], r["settings"], r["created_at"],
                     r.get("fingerprint"), r.get("inputs"), r.get("digest"))
