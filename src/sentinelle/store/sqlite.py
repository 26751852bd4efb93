"""The embedded backend: one SQLite file per case (WAL, foreign keys, FTS5). The only SQL.

Migrations are named and idempotent (CREATE ... IF NOT EXISTS), recorded in `migrations`, and
re-run safely on every open; a case written by a newer sentinelle is refused, never altered.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import urllib.parse
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from operator import itemgetter
from pathlib import Path
from typing import Any

from ..errors import CaseError
from .codec import RECORD_COLUMNS, dumps, loads
from .sqlite_merge import MergeSQL

SCHEMA_VERSION = 2  # 2: overlapping exports merged (records.ord, records.copy_of, merges)
FTS_TOKENIZER = "unicode61 remove_diacritics 2"  # case- and accent-insensitive: collegues = collègues

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_core",
        f"""
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS files (
            sha256 TEXT PRIMARY KEY, name TEXT NOT NULL, size INTEGER NOT NULL, format TEXT NOT NULL,
            ingested_at TEXT NOT NULL, info TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS conversations (
            id TEXT PRIMARY KEY, seq INTEGER NOT NULL, platform TEXT,
            file_sha256 TEXT NOT NULL REFERENCES files(sha256) DEFERRABLE INITIALLY DEFERRED,
            data TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS participants (
            id INTEGER PRIMARY KEY, conversation_id TEXT NOT NULL,
            file_sha256 TEXT NOT NULL REFERENCES files(sha256) DEFERRABLE INITIALLY DEFERRED,
            data TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS sources (
            id INTEGER PRIMARY KEY,
            file_sha256 TEXT NOT NULL REFERENCES files(sha256) DEFERRABLE INITIALLY DEFERRED,
            src_sha256 TEXT NOT NULL, src_path TEXT, container_sha256 TEXT, member TEXT,
            UNIQUE (file_sha256, src_sha256, src_path, container_sha256, member));
        CREATE TABLE IF NOT EXISTS records (
            seq INTEGER PRIMARY KEY, source_id INTEGER NOT NULL REFERENCES sources(id),
            id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, conversation_id TEXT NOT NULL,
            time TEXT, time_zone TEXT, time_raw TEXT, person TEXT, person_id TEXT, text TEXT NOT NULL,
            type TEXT, targets TEXT, target_ids TEXT, native_id TEXT, reply_to TEXT, mentions TEXT,
            flags TEXT, attachments TEXT, forwarded_from TEXT, edited_time TEXT, edited_zone TEXT,
            details TEXT, line_start INTEGER, line_end INTEGER, byte_start INTEGER, byte_end INTEGER);
        CREATE INDEX IF NOT EXISTS records_conversation ON records(conversation_id, seq);
        CREATE INDEX IF NOT EXISTS records_source ON records(source_id);
        CREATE INDEX IF NOT EXISTS records_kind ON records(kind, seq);
        CREATE VIEW IF NOT EXISTS records_v AS SELECT r.*, s.file_sha256, s.src_sha256, s.src_path,
            s.container_sha256, s.member FROM records r JOIN sources s ON s.id = r.source_id;
        CREATE VIRTUAL TABLE IF NOT EXISTS messages_fts USING fts5(
            text, content='records', content_rowid='seq', tokenize='{FTS_TOKENIZER}');
        CREATE TABLE IF NOT EXISTS issues (
            id INTEGER PRIMARY KEY,
            file_sha256 TEXT NOT NULL REFERENCES files(sha256) DEFERRABLE INITIALLY DEFERRED,
            path TEXT, line INTEGER, cause TEXT NOT NULL, byte_start INTEGER, skipped INTEGER);
        CREATE TABLE IF NOT EXISTS audit (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, action TEXT NOT NULL,
            details TEXT);
        """,
    ),
    (
        "0002_people",
        """
        CREATE TABLE IF NOT EXISTS handles (conversation_id TEXT NOT NULL, key TEXT NOT NULL,
            person_id TEXT NOT NULL, names TEXT NOT NULL, PRIMARY KEY (conversation_id, key));
        CREATE INDEX IF NOT EXISTS handles_person ON handles(person_id);
        CREATE TABLE IF NOT EXISTS persons (id TEXT PRIMARY KEY, data TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS person_links (id INTEGER PRIMARY KEY, data TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS identity_decisions (seq INTEGER PRIMARY KEY, at TEXT NOT NULL,
            data TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS roster (id INTEGER PRIMARY KEY, person TEXT NOT NULL, rank TEXT,
            role TEXT, unit TEXT, union_rep INTEGER NOT NULL DEFAULT 0, details TEXT);
        CREATE TABLE IF NOT EXISTS pseudonyms (real TEXT PRIMARY KEY, pseudo TEXT NOT NULL UNIQUE);
        """,
    ),
    (
        "0003_results",
        """
        CREATE TABLE IF NOT EXISTS detections (message_id TEXT NOT NULL, model_version TEXT NOT NULL,
            flagged INTEGER NOT NULL, severity INTEGER NOT NULL, data TEXT NOT NULL,
            PRIMARY KEY (message_id, model_version));
        CREATE INDEX IF NOT EXISTS detections_version ON detections(model_version, flagged);
        CREATE TABLE IF NOT EXISTS results (id INTEGER PRIMARY KEY, step TEXT NOT NULL, version TEXT NOT NULL,
            key TEXT NOT NULL, data TEXT NOT NULL, settings TEXT NOT NULL, created_at TEXT NOT NULL,
            UNIQUE (step, key, version));
        CREATE TABLE IF NOT EXISTS decisions (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL,
            entry TEXT NOT NULL);
        CREATE TRIGGER IF NOT EXISTS decisions_no_update BEFORE UPDATE ON decisions
            BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS decisions_no_delete BEFORE DELETE ON decisions
            BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
        """,
    ),
    (
        # what a result was computed from: the case's revisions of its inputs, bumped in the same
        # transaction as each change, and each stored result's fingerprint of them
        "0004_inputs",
        """
        CREATE TABLE IF NOT EXISTS revisions (name TEXT PRIMARY KEY, value INTEGER NOT NULL, digest TEXT);
        ALTER TABLE results ADD COLUMN fingerprint TEXT;
        ALTER TABLE results ADD COLUMN inputs TEXT;
        ALTER TABLE results ADD COLUMN digest TEXT;
        """,
    ),
    (
        # overlapping exports of one chat are one conversation: a record another export already
        # holds stays stored (its source is evidence) as a copy of the first one; `ord` orders a
        # conversation whose records came from several files (= seq for a file's own records)
        "0005_merge",
        """
        ALTER TABLE records ADD COLUMN ord REAL;
        ALTER TABLE records ADD COLUMN copy_of TEXT;
        ALTER TABLE conversations ADD COLUMN merged_into TEXT;
        UPDATE records SET ord = seq WHERE ord IS NULL;
        CREATE INDEX IF NOT EXISTS records_conversation_ord ON records(conversation_id, ord);
        CREATE INDEX IF NOT EXISTS records_kind_ord ON records(kind, ord);
        CREATE INDEX IF NOT EXISTS records_ord ON records(ord);
        CREATE INDEX IF NOT EXISTS records_copy_of ON records(copy_of) WHERE copy_of IS NOT NULL;
        DROP INDEX IF EXISTS records_conversation;
        DROP INDEX IF EXISTS records_kind;
        CREATE TABLE IF NOT EXISTS merges (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, source TEXT NOT NULL,
            target TEXT NOT NULL, file_sha256 TEXT, data TEXT NOT NULL);
        """,
    ),
]

# the per-file source columns (hash, name, zip) live once in `sources`, not on every record
_SOURCE_COLUMNS = ("src_sha256", "src_path", "container_sha256", "member")
_SOURCE_AT = [RECORD_COLUMNS.index(c) for c in _SOURCE_COLUMNS]
_RECORD_AT = [i for i, c in enumerate(RECORD_COLUMNS) if c not in _SOURCE_COLUMNS]
# one C call per row instead of a Python loop over the columns
_SOURCE_VALUES = itemgetter(*_SOURCE_AT)
_RECORD_VALUES = itemgetter(*_RECORD_AT)
_INSERT_RECORD = (
    f"INSERT OR IGNORE INTO records (seq, ord, source_id, {', '.join(RECORD_COLUMNS[i] for i in _RECORD_AT)}) "
    f"VALUES (?, ?, ?, {', '.join('?' * len(_RECORD_AT))})"
)
CANONICAL = "copy_of IS NULL"  # a record, not another export's copy of one


READ_ONLY = "the case is read-only (its disk or directory cannot be written): it can be read (info, search, " \
            "verify, report) but not changed"


def _kind(exc: BaseException) -> str:
    """What a SQLite error means for the case: full | read-only | io | busy | damaged | other."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return "full"
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")) or "readonly" in text or "read-only" in text:
        return "read-only"
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        return "io"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return "busy"
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text:
        return "damaged"
    return "other"


def case_error(exc: BaseException, path: Path) -> CaseError:
    """One clear error (exit 4) for a SQLite error while changing a case; the change is rolled back."""
    kind = _kind(exc)
    where = str(path)
    if kind == "full":
        return CaseError(f"no space left for the case ({exc}): nothing of this change was stored; free some space "
                         "and run it again", path=where)  # fmt: skip
    if kind == "read-only":
        return CaseError(READ_ONLY, path=where)
    if kind == "io":
        return CaseError(f"the disk failed while the case was written ({exc}): nothing of this change was stored",
                         path=where)  # fmt: skip
    if kind == "busy":
        return CaseError(f"the case is busy: {exc} (another sentinelle is writing to it?)", path=where)
    if kind == "damaged":
        return CaseError(f"the case database is damaged ({exc})", path=where)
    return CaseError(f"the case database refused the change ({exc}): nothing of it was stored", path=where)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _digest(value: Any) -> str:
    return hashlib.sha256(dumps(value).encode()).hexdigest()


def _fts_quote(query: str) -> str:
    """Plain words as FTS5 phrases: for queries that are not valid FTS5 syntax (l'équipe, a-b)."""
    return " ".join('"' + tok.replace('"', '""') + '"' for tok in query.split())


class SQLiteBackend(MergeSQL):
    """Storage of one case in `case.sqlite`. Writes go through `transaction()`."""

    busy_timeout = 30.0  # seconds a writer waits for another one (one writer per case)

    def __init__(self, db_path: Path, *, create: bool = False, wal: bool = True) -> None:
        self.path = db_path
        if not create and not db_path.is_file():
            raise CaseError("not a sentinelle case (no case.sqlite)", path=str(db_path.parent))
        self._depth = 0
        self._sources: dict[tuple, int] = {}
        # a case on a read-only disk, or in a directory the user may not write: read, never written
        self.read_only = not create and not (os.access(db_path.parent, os.W_OK) and os.access(db_path, os.W_OK))
        try:
            if self.read_only:
                self.conn = self._read_only_connection(db_path)
            else:
                self.conn = sqlite3.connect(db_path, isolation_level=None, timeout=self.busy_timeout)
                # WAL for a case in use; a case being made keeps its pages in its one file (a WAL
                # checkpoint that fails at close, on a full disk, would not say so)
                self.conn.execute("PRAGMA journal_mode=" + ("WAL" if wal else "DELETE"))
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self._migrate(create)
        except CaseError:
            raise
        except sqlite3.DatabaseError as exc:
            if _kind(exc) in ("full", "read-only", "io"):
                raise case_error(exc, db_path) from None
            raise CaseError(f"the case database is damaged or not SQLite ({exc})", path=str(db_path)) from None

    # --- lifecycle -----------------------------------------------------------------------------

    @staticmethod
    def _read_only_connection(db_path: Path) -> sqlite3.Connection:
        """A case that cannot be written: as an unchanging file (no lock, no shared memory to
        create), unless committed changes still wait in its WAL, which only a plain read-only
        connection applies (and which needs the WAL's shared-memory file)."""
        base = "file:" + urllib.parse.quote(str(db_path.resolve())) + "?mode=ro"
        wal = db_path.with_name(db_path.name + "-wal")
        if not (wal.exists() and wal.stat().st_size > 0):
            return sqlite3.connect(base + "&immutable=1", uri=True, isolation_level=None)
        conn = sqlite3.connect(base, uri=True, isolation_level=None)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError:
            conn.close()
            raise CaseError("the case is read-only and some of its changes are still in case.sqlite-wal, which "
                            "cannot be read here: copy the case to a disk you can write to", path=str(db_path)) from None
        return conn

    def _migrate(self, create: bool) -> None:
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not create and "meta" not in tables:
            raise CaseError("not a sentinelle case (no metadata table)", path=str(self.path))
        version = 0
        if "meta" in tables:
            row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            version = int(row[0]) if row else 0
            if version > SCHEMA_VERSION:
                raise CaseError(
                    f"the case was written by a newer sentinelle (schema {version} > {SCHEMA_VERSION}); upgrade",
                    path=str(self.path),
                )
        if "migrations" in tables:
            done = {r[0] for r in self.conn.execute("SELECT name FROM migrations")}
            if all(name in done for name, _ in MIGRATIONS) and version == SCHEMA_VERSION:
                return  # nothing to write: a reader never waits for a writer
        if self.read_only:
            raise CaseError(f"the case is read-only and was written by an older sentinelle (schema {version}): "
                            "copy it to a disk you can write to, where it will be upgraded", path=str(self.path))
        with self.transaction():
            self.conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
            done = {r[0] for r in self.conn.execute("SELECT name FROM migrations")}
            for name, sql in MIGRATIONS:
                if name in done:
                    continue
                for statement in _split_sql(sql):
                    try:
                        self.conn.execute(statement)
                    except sqlite3.OperationalError as exc:  # ADD COLUMN is not IF NOT EXISTS
                        if not (statement.upper().startswith("ALTER TABLE") and "duplicate column" in str(exc)):
                            raise
                self.conn.execute("INSERT INTO migrations VALUES (?, ?)", (name, now()))
            self.conn.execute(
                "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                (str(SCHEMA_VERSION),),
            )

    def close(self) -> None:
        self.conn.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing; nested calls join the outer transaction."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        if self.read_only:
            raise CaseError(READ_ONLY, path=str(self.path.parent))
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:  # another writer kept the case past the timeout
            if _kind(exc) != "busy":
                raise case_error(exc, self.path) from None
            raise CaseError(f"the case is busy: {exc} (another sentinelle is writing to it?)", path=str(self.path)) from None
        self._depth = 1
        try:
            yield
        except BaseException as exc:
            self._depth = 0
            self._sources.clear()  # ids handed out inside the transaction are gone
            self._rollback()
            if isinstance(exc, sqlite3.DatabaseError):  # a full disk, a disk gone read-only: one clear error
                raise case_error(exc, self.path) from None
            raise
        self._depth = 0
        try:
            self.conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            self._sources.clear()
            self._rollback()
            raise case_error(exc, self.path) from None

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.DatabaseError:
                pass  # SQLite rolled back already (a full disk can end the transaction itself)

    # --- meta and audit ------------------------------------------------------------------------

    def get_meta(self, key: str) -> Any:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return loads(row[0]) if row else None

    def set_meta(self, key: str, value: Any) -> None:
        self.conn.execute(
            "INSERT INTO meta VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value", (key, dumps(value))
        )

    def audit(self, action: str, details: dict[str, Any]) -> None:
        self.conn.execute("INSERT INTO audit (at, action, details) VALUES (?, ?, ?)", (now(), action, dumps(details)))

    def audit_log(self) -> list[dict[str, Any]]:
        return [
            {"seq": r["seq"], "at": r["at"], "action": r["action"], "details": loads(r["details"])}
            for r in self.conn.execute("SELECT * FROM audit ORDER BY seq")
        ]

    # --- files and records ---------------------------------------------------------------------

    def has_file(self, sha256: str) -> bool:
        return self.conn.execute("SELECT 1 FROM files WHERE sha256=?", (sha256,)).fetchone() is not None

    def insert_file(self, info: dict[str, Any]) -> None:
        self.bump_revision("files")  # the records changed: in the file's own transaction
        self.conn.execute(
            "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?)",
            (info["sha256"], info["name"], info["size"], info["format"], info["ingested_at"], dumps(info)),
        )

    def files(self) -> list[dict[str, Any]]:
        return [loads(r[0]) for r in self.conn.execute("SELECT info FROM files ORDER BY ingested_at, rowid")]

    def file(self, sha256: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT info FROM files WHERE sha256=?", (sha256,)).fetchone()
        return loads(row[0]) if row else None

    def has_conversation(self, conversation_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM conversations WHERE id=?", (conversation_id,)).fetchone() is not None

    def insert_conversation(self, data: dict[str, Any], file_sha256: str) -> bool:
        seq = self.conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM conversations").fetchone()[0]
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO conversations (id, seq, platform, file_sha256, data) VALUES (?, ?, ?, ?, ?)",
            (data["id"], seq, data.get("platform"), file_sha256, dumps(data)),
        )
        return cur.rowcount > 0

    def insert_participants(self, rows: Iterable[dict[str, Any]], file_sha256: str) -> None:
        self.conn.executemany(
            "INSERT INTO participants (conversation_id, file_sha256, data) VALUES (?, ?, ?)",
            ((r["conversation_id"], file_sha256, dumps(r)) for r in rows),
        )

    def insert_records(self, rows: Iterable[tuple[Any, ...]], file_sha256: str) -> int:
        """Insert record rows (codec.RECORD_COLUMNS order); ids already present are skipped.
        Returns how many were new."""
        source_id, values = self._source_id, _RECORD_VALUES
        base = self.conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM records").fetchone()[0]
        prepared = [(base + k, base + k, source_id(file_sha256, row), *values(row)) for k, row in enumerate(rows)]
        before = self.conn.total_changes  # after the sources rows: count records only
        self.conn.executemany(_INSERT_RECORD, prepared)
        return self.conn.total_changes - before

    def _source_id(self, file_sha256: str, row: tuple[Any, ...]) -> int:
        key = (file_sha256, *_SOURCE_VALUES(row))
        sid = self._sources.get(key)
        if sid is None:
            self.conn.execute(
                "INSERT OR IGNORE INTO sources (file_sha256, src_sha256, src_path, container_sha256, member) "
                "VALUES (?, ?, ?, ?, ?)",
                key,
            )
            sid = self.conn.execute(
                "SELECT id FROM sources WHERE file_sha256=? AND src_sha256=? AND src_path IS ? "
                "AND container_sha256 IS ? AND member IS ?",
                key,
            ).fetchone()[0]
            self._sources[key] = sid
        return sid

    def file_rows(self, file_sha256: str) -> Iterator[sqlite3.Row]:
        """Every record a file gave (copies included), in the order they were stored."""
        yield from self.conn.execute("SELECT * FROM records_v WHERE file_sha256=? ORDER BY seq", (file_sha256,))

    def file_shas(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT sha256 FROM files")}

    def index_file(self, file_sha256: str) -> None:
        """Full-text index the messages a file brought in (one statement, after its records)."""
        self.conn.execute(
            "INSERT INTO messages_fts (rowid, text) SELECT seq, text FROM records WHERE kind='message' "
            f"AND {CANONICAL} AND source_id IN (SELECT id FROM sources WHERE file_sha256=?)",
            (file_sha256,),
        )

    def insert_issues(self, rows: Iterable[dict[str, Any]], file_sha256: str) -> None:
        self.conn.executemany(
            "INSERT INTO issues (file_sha256, path, line, cause, byte_start, skipped) VALUES (?, ?, ?, ?, ?, ?)",
            ((file_sha256, r["path"], r["line"], r["cause"], r["byte_start"], int(r["skipped"])) for r in rows),
        )

    def flag_counts(self, file_sha256: str, flags: Iterable[str]) -> dict[str, int]:
        """How many records read from a file (copies included) carry each flag."""
        flags = list(flags)
        sums = ", ".join("coalesce(sum(instr(r.flags, ?) > 0), 0)" for _ in flags)
        row = self.conn.execute(
            f"SELECT {sums} FROM records r JOIN sources s ON s.id = r.source_id "
            "WHERE s.file_sha256=? AND r.flags IS NOT NULL",
            (*(f'"{f}"' for f in flags), file_sha256),
        ).fetchone()
        return dict(zip(flags, (int(v) for v in row), strict=True))

    def issue_digest(self, file_sha256: str, examples: int,
                     covered: tuple[str, ...] = ()) -> tuple[dict[str, Any], dict[str, Any]]:  # fmt: skip
        """({total, first: [issue...]} for the skipped issues, the same for the kept ones, but
        those whose cause starts with one of `covered`)."""
        out = []
        for skipped in (1, 0):
            where = "file_sha256=? AND skipped=?" + " AND substr(cause, 1, ?) != ?" * len(covered)
            args: list[Any] = [file_sha256, skipped]
            for prefix in covered:
                args += [len(prefix), prefix]
            total = self.conn.execute(f"SELECT count(*) FROM issues WHERE {where}", args).fetchone()[0]
            first = [dict(r) for r in self.conn.execute(
                f"SELECT path, line, cause, byte_start FROM issues WHERE {where} ORDER BY id LIMIT ?",
                (*args, examples))]  # fmt: skip
            out.append({"total": total, "first": first})
        return out[0], out[1]

    def issues(self, file_sha256: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT * FROM issues" + (" WHERE file_sha256=?" if file_sha256 else "") + " ORDER BY id"
        return [dict(r) for r in self.conn.execute(sql, (file_sha256,) if file_sha256 else ())]

    def conversations(self) -> list[dict[str, Any]]:
        """The conversations of the case (not those merged into another)."""
        sql = "SELECT data FROM conversations WHERE merged_into IS NULL ORDER BY seq"
        return [loads(r[0]) for r in self.conn.execute(sql)]

    def participants(self, conversation_id: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT data FROM participants" + (" WHERE conversation_id=?" if conversation_id else "")
        return [loads(r[0]) for r in self.conn.execute(sql + " ORDER BY id", (conversation_id,) if conversation_id else ())]

    def records(self, kind: str | None = None, conversation_id: str | None = None) -> Iterator[sqlite3.Row]:
        where, args = [CANONICAL], []
        if kind:
            where.append("kind=?")
            args.append(kind)
        if conversation_id:
            where.append("conversation_id=?")
            args.append(conversation_id)
        sql = "SELECT * FROM records_v WHERE " + " AND ".join(where) + " ORDER BY ord, seq"
        yield from self.conn.execute(sql, args)

    def record(self, record_id: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM records_v WHERE id=?", (record_id,)).fetchone()

    def context(self, record_id: str, before: int, after: int) -> list[sqlite3.Row]:
        row = self.record(record_id)
        if row is None:
            return []
        prev = self.conn.execute(
            f"SELECT * FROM records_v WHERE conversation_id=? AND {CANONICAL} AND (ord<? OR (ord=? AND seq<?)) "
            "ORDER BY ord DESC, seq DESC LIMIT ?",
            (row["conversation_id"], row["ord"], row["ord"], row["seq"], before),
        ).fetchall()
        nxt = self.conn.execute(
            f"SELECT * FROM records_v WHERE conversation_id=? AND {CANONICAL} AND (ord>? OR (ord=? AND seq>?)) "
            "ORDER BY ord, seq LIMIT ?",
            (row["conversation_id"], row["ord"], row["ord"], row["seq"], after),
        ).fetchall()
        return [*reversed(prev), row, *nxt]

    def count(self, kind: str, conversation_id: str | None = None) -> int:
        if conversation_id:
            sql = f"SELECT count(*) FROM records WHERE kind=? AND conversation_id=? AND {CANONICAL}"
            args: tuple[str, ...] = (kind, conversation_id)
        else:
            sql, args = f"SELECT count(*) FROM records WHERE kind=? AND {CANONICAL}", (kind,)
        return self.conn.execute(sql, args).fetchone()[0]

    def period(self) -> tuple[str | None, str | None]:
        row = self.conn.execute(f"SELECT min(time), max(time) FROM records WHERE time IS NOT NULL AND {CANONICAL}").fetchone()
        return row[0], row[1]

    def search(
        self, query: str, limit: int, conversation_id: str | None = None
    ) -> list[tuple[sqlite3.Row, str, float]]:
        sql = (
            "SELECT r.*, snippet(messages_fts, 0, '[', ']', '…', 16) AS snip, bm25(messages_fts) AS score "
            "FROM messages_fts JOIN records_v r ON r.seq = messages_fts.rowid WHERE messages_fts MATCH ? "
            "AND r.copy_of IS NULL"
            + (" AND r.conversation_id=?" if conversation_id else "")
            + " ORDER BY score LIMIT ?"
        )

        def run(q: str) -> list[sqlite3.Row]:
            args = (q, conversation_id, limit) if conversation_id else (q, limit)
            return self.conn.execute(sql, args).fetchall()

        if not query.strip():
            return []
        if not any(c.isalnum() for c in query):  # emoji and symbols are not FTS tokens: scan for them
            return self._substring_search(query.strip(), limit, conversation_id)
        try:
            rows = run(query)
        except sqlite3.OperationalError:  # not FTS5 syntax: search the words as phrases
            rows = run(_fts_quote(query))
        return [(r, r["snip"], r["score"]) for r in rows]

    def _substring_search(
        self, needle: str, limit: int, conversation_id: str | None
    ) -> list[tuple[sqlite3.Row, str, float]]:
        sql = f"SELECT * FROM records_v WHERE kind='message' AND {CANONICAL} AND instr(text, ?) > 0" + (
            " AND conversation_id=?" if conversation_id else ""
        ) + " ORDER BY ord, seq LIMIT ?"  # fmt: skip
        args = (needle, conversation_id, limit) if conversation_id else (needle, limit)
        out = []
        for r in self.conn.execute(sql, args):
            text, at = r["text"], r["text"].find(needle)
            start, end = max(0, at - 40), min(len(text), at + len(needle) + 40)
            snippet = (
                ("…" if start else "") + text[start:at] + "[" + needle + "]"
                + text[at + len(needle) : end] + ("…" if end < len(text) else "")
            )  # fmt: skip
            out.append((r, snippet, 0.0))
        return out

    # --- people ----------------------------------------------------------------------------------

    def sightings(self) -> Iterator[tuple[str, str, str | None, str | None, str | None, int, int]]:
        """(conversation_id, platform, name, platform_id, phone, messages, first seq) for every
        sender, actor, target and participant."""
        platforms = {r[0]: r[1] or "" for r in self.conn.execute("SELECT id, platform FROM conversations")}
        for r in self.conn.execute(
            "SELECT conversation_id, person, person_id, count(*), min(seq) FROM records "
            f"WHERE kind='message' AND {CANONICAL} GROUP BY conversation_id, person, person_id"
        ):
            yield r[0], platforms.get(r[0], ""), r[1], r[2], None, r[3], r[4]
        for p in self.participants():
            conv = p["conversation_id"]
            yield conv, platforms.get(conv, ""), p.get("display_name"), p.get("platform_id"), p.get("phone"), 0, 1 << 62
        for r in self.conn.execute(
            f"SELECT conversation_id, person, person_id, targets, target_ids, seq FROM records WHERE kind='event' AND {CANONICAL}"
        ):
            conv, plat = r[0], platforms.get(r[0], "")
            yield conv, plat, r[1], r[2], None, 0, r[5]
            names, ids = loads(r[3]) or [], loads(r[4]) or []
            for i, name in enumerate(names):
                yield conv, plat, name, ids[i] if i < len(ids) else None, None, 0, r[5]

    def save_identity(
        self, handles: dict[tuple[str, str], tuple[str, list[str]]], persons: list[dict], links: list[dict]
    ) -> None:
        with self.transaction():
            self.bump_revision("persons", _digest([sorted(handles.items()), persons, links]))
            self.conn.execute("DELETE FROM handles")
            self.conn.execute("DELETE FROM persons")
            self.conn.execute("DELETE FROM person_links")
            self.conn.executemany(
                "INSERT INTO handles VALUES (?, ?, ?, ?)",
                ((conv, key, pid, dumps(names)) for (conv, key), (pid, names) in handles.items()),
            )
            self.conn.executemany("INSERT INTO persons VALUES (?, ?)", ((p["id"], dumps(p)) for p in persons))
            self.conn.executemany("INSERT INTO person_links (data) VALUES (?)", ((dumps(lk),) for lk in links))

    def persons(self) -> list[dict[str, Any]]:
        return [loads(r[0]) for r in self.conn.execute("SELECT data FROM persons ORDER BY rowid")]

    def person_links(self) -> list[dict[str, Any]]:
        return [loads(r[0]) for r in self.conn.execute("SELECT data FROM person_links ORDER BY id")]

    def handles(self, person_id: str | None = None) -> list[tuple[str, str, str, list[str]]]:
        sql = "SELECT * FROM handles" + (" WHERE person_id=?" if person_id else "")
        return [
            (r["conversation_id"], r["key"], r["person_id"], loads(r["names"]))
            for r in self.conn.execute(sql, (person_id,) if person_id else ())
        ]

    def add_identity_decision(self, decision: dict[str, Any]) -> None:
        self.conn.execute("INSERT INTO identity_decisions (at, data) VALUES (?, ?)", (now(), dumps(decision)))

    def identity_decisions(self) -> list[dict[str, Any]]:
        return [loads(r[0]) for r in self.conn.execute("SELECT data FROM identity_decisions ORDER BY seq")]

    # --- results of analyses ---------------------------------------------------------------------

    def save_detections(self, rows: Iterable[tuple[str, str, bool, int, dict[str, Any]]]) -> None:
        with self.transaction():
            self.bump_revision("detections")
            self.conn.executemany(
                "INSERT OR REPLACE INTO detections VALUES (?, ?, ?, ?, ?)",
                ((mid, ver, int(flag), sev, dumps(data)) for mid, ver, flag, sev, data in rows),
            )

    def detection_rows(self) -> Iterator[tuple[str, str, Any]]:
        for r in self.conn.execute("SELECT message_id, model_version, data FROM detections ORDER BY rowid"):
            try:
                data = loads(r[2])
            except ValueError:
                data = r[2]  # not JSON any more: `verify` says so
            yield r[0], r[1], data

    def latest_model_version(self) -> str | None:
        row = self.conn.execute("SELECT model_version FROM detections ORDER BY rowid DESC LIMIT 1").fetchone()
        return row[0] if row else None

    def detections(self, model_version: str, flagged_only: bool, notable_only: bool = False) -> Iterator[dict[str, Any]]:
        where = " AND d.flagged=1" if flagged_only else ""
        if notable_only and not flagged_only:  # flagged, or read with a stance (the JSON's "stance")
            where = " AND (d.flagged=1 OR json_extract(d.data, '$.stance') IS NOT NULL)"
        sql = (
            "SELECT d.data FROM detections d LEFT JOIN records r ON r.id = d.message_id "
            "WHERE d.model_version=? AND r.copy_of IS NULL" + where + " ORDER BY r.ord, r.seq, d.message_id"
        )
        for r in self.conn.execute(sql, (model_version,)):
            yield loads(r[0])

    def count_detections(self, model_version: str) -> int:
        return self.conn.execute(
            "SELECT count(*) FROM detections d LEFT JOIN records r ON r.id = d.message_id "
            "WHERE d.model_version=? AND r.copy_of IS NULL", (model_version,)).fetchone()[0]

    def scan_rows(self, conversation_id: str, model_version: str) -> Iterator[tuple[str, str, bool]]:
        """(id, text, already scored by `model_version`) of a conversation's messages in file order,
        streamed: what a scan reads, without a set of every scored id in memory."""
        sql = (
            "SELECT r.id, r.text, d.message_id IS NOT NULL FROM records r LEFT JOIN detections d "
            "ON d.message_id = r.id AND d.model_version = ? "
            "WHERE r.kind = 'message' AND r.conversation_id = ? AND r.copy_of IS NULL ORDER BY r.ord, r.seq"
        )
        for r in self.conn.execute(sql, (model_version, conversation_id)):
            yield r[0], r[1], bool(r[2])

    def detection_versions(self) -> dict[str, dict[str, int]]:
        return {
            r[0]: {"scanned": r[1], "flagged": r[2]}
            for r in self.conn.execute(
                "SELECT d.model_version, count(*), sum(d.flagged) FROM detections d LEFT JOIN records r "
                "ON r.id = d.message_id WHERE r.copy_of IS NULL GROUP BY d.model_version ORDER BY min(d.rowid)"
            )
        }

    def result_keys(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for step, key in self.conn.execute("SELECT DISTINCT step, key FROM results ORDER BY step, key"):
            out.setdefault(step, []).append(key)
        return out

    def scanned_ids(self, model_version: str) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT message_id FROM detections WHERE model_version=?", (model_version,))}

    def put_result(self, step: str, version: str, key: str, data: Any, settings: dict[str, Any],
                   fingerprint: str | None = None, inputs: dict[str, Any] | None = None,
                   digest: str | None = None) -> None:
        with self.transaction():
            self._put_result(step, version, key, data, settings, fingerprint, inputs, digest)

    def _put_result(self, step: str, version: str, key: str, data: Any, settings: dict[str, Any],
                    fingerprint: str | None, inputs: dict[str, Any] | None, digest: str | None) -> None:
        self.conn.execute(
            "INSERT INTO results (step, version, key, data, settings, created_at, fingerprint, inputs, digest) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(step, key, version) DO UPDATE SET data=excluded.data, settings=excluded.settings, "
            "created_at=excluded.created_at, fingerprint=excluded.fingerprint, inputs=excluded.inputs, "
            "digest=excluded.digest",
            (step, version, key, dumps(data), dumps(settings), now(), fingerprint,
             None if inputs is None else dumps(inputs), digest),
        )

    def revisions(self) -> dict[str, int]:
        return {r[0]: r[1] for r in self.conn.execute("SELECT name, value FROM revisions ORDER BY name")}

    def bump_revision(self, name: str, digest: str | None = None) -> int:
        """Count one change of an input of the analyses (call inside the change's transaction).
        With a digest of the new content, an unchanged content is not a change."""
        row = self.conn.execute("SELECT value, digest FROM revisions WHERE name=?", (name,)).fetchone()
        if row is not None and digest is not None and row[1] == digest:
            return int(row[0])
        value = (row[0] if row else 0) + 1
        self.conn.execute(
            "INSERT INTO revisions VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET value=excluded.value, "
            "digest=excluded.digest",
            (name, value, digest),
        )
        return value

    def results(self, step: str, key: str | None = None) -> list[dict[str, Any]]:
        """The latest row of each key of a step (the most recently written version)."""
        sql = (
            "SELECT * FROM results r WHERE step=?" + (" AND key=?" if key is not None else "")
            + " AND id = (SELECT id FROM results r2 WHERE r2.step=r.step AND r2.key=r.key "
            "ORDER BY created_at DESC, id DESC LIMIT 1) ORDER BY key"
        )  # fmt: skip
        args = (step, key) if key is not None else (step,)
        return [
            {**dict(r), "data": loads(r["data"]), "settings": loads(r["settings"]), "inputs": loads(r["inputs"])}
            for r in self.conn.execute(sql, args)
        ]

    def replace_roster(self, rows: Iterable[tuple[str, str | None, str | None, str | None, bool, dict]]) -> None:
        rows = [(p, rk, ro, u, int(ur), dumps(d or {})) for p, rk, ro, u, ur, d in rows]
        with self.transaction():
            self.bump_revision("roster", _digest(rows))
            self.conn.execute("DELETE FROM roster")
            self.conn.executemany(
                "INSERT INTO roster (person, rank, role, unit, union_rep, details) VALUES (?, ?, ?, ?, ?, ?)", rows
            )

    def roster(self) -> list[dict[str, Any]]:
        return [
            {**dict(r), "union_rep": bool(r["union_rep"]), "details": loads(r["details"]) or {}}
            for r in self.conn.execute("SELECT person, rank, role, unit, union_rep, details FROM roster ORDER BY id")
        ]

    def append_decision(self, entry: dict[str, Any]) -> int:
        with self.transaction():
            cur = self.conn.execute("INSERT INTO decisions (at, entry) VALUES (?, ?)", (now(), dumps(entry)))
        return int(cur.lastrowid or 0)

    def decisions(self) -> list[dict[str, Any]]:
        return [loads(r[0]) for r in self.conn.execute("SELECT entry FROM decisions ORDER BY seq")]

    def pseudonyms(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.conn.execute("SELECT real, pseudo FROM pseudonyms ORDER BY real")}

    def set_pseudonym(self, real: str, pseudo: str) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO pseudonyms VALUES (?, ?) ON CONFLICT(real) DO UPDATE SET pseudo=excluded.pseudo", (real, pseudo)
            )


def _split_sql(script: str) -> list[str]:
    """Statements of a migration (triggers contain ';' inside BEGIN ... END)."""
    out, buf = [], ""
    for part in script.split(";"):
        buf += part + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n;"):
                out.append(buf.strip())
            buf = ""
    return out
