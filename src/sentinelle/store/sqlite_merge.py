"""The SQL of merging overlapping exports of one chat (part of the SQLite backend).

A record that another export already holds is kept (its bytes are evidence) with `copy_of`
naming the record it repeats; every query of the case's records reads `copy_of IS NULL`. The
absorbed conversation keeps its row with `merged_into`; its own records move to the surviving
conversation at the positions (`ord`) the merge computed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from .codec import dumps, loads

_MATCH_COLUMNS = "r.id, r.ord, r.kind, r.time, r.person, r.person_id, r.text, r.type, r.targets, r.flags, " \
                 "r.native_id, s.file_sha256"  # fmt: skip


class MergeSQL:
    """Mixed into `SQLiteBackend` (which provides `conn`)."""

    conn: Any

    def conversation_spans(self) -> list[dict[str, Any]]:
        """Every conversation of the case with its first and last record time and its files."""
        out = []
        for r in self.conn.execute(
            "SELECT c.id, c.data, min(r.time), max(r.time), count(r.seq) FROM conversations c "
            "LEFT JOIN records r ON r.conversation_id = c.id AND r.copy_of IS NULL "
            "WHERE c.merged_into IS NULL GROUP BY c.id ORDER BY c.seq"
        ):
            out.append({"id": r[0], "data": loads(r[1]), "first": r[2], "last": r[3], "records": r[4],
                        "files": self.conversation_files(r[0])})  # fmt: skip
        return out

    def conversation_files(self, conversation_id: str) -> set[str]:
        return {
            r[0]
            for r in self.conn.execute(
                "SELECT DISTINCT s.file_sha256 FROM records r JOIN sources s ON s.id = r.source_id "
                "WHERE r.conversation_id=?",
                (conversation_id,),
            )
        }

    def match_rows(self, conversation_id: str) -> list[tuple[Any, ...]]:
        """The records of a conversation as the matcher reads them, in order: tuples of
        (id, ord, kind, time, person, person_id, text, type, targets JSON, flags JSON, native_id,
        file_sha256)."""
        cur = self.conn.cursor()
        cur.row_factory = None
        return cur.execute(
            f"SELECT {_MATCH_COLUMNS} FROM records r JOIN sources s ON s.id = r.source_id "
            "WHERE r.conversation_id=? AND r.copy_of IS NULL ORDER BY r.ord, r.seq",
            (conversation_id,),
        ).fetchall()

    def record_details(self, record_id: str) -> dict[str, Any]:
        row = self.conn.execute("SELECT details FROM records WHERE id=?", (record_id,)).fetchone()
        return (loads(row[0]) if row and row[0] else None) or {}

    def next_ord_after(self, value: float) -> float | None:
        row = self.conn.execute("SELECT min(ord) FROM records WHERE ord > ?", (value,)).fetchone()
        return row[0]

    def participant_rows(self, conversation_id: str) -> list[tuple[int, dict[str, Any]]]:
        return [(r[0], loads(r[1])) for r in self.conn.execute(
            "SELECT id, data FROM participants WHERE conversation_id=? ORDER BY id", (conversation_id,))]  # fmt: skip

    def apply_merge(
        self,
        source: str,
        target: str,
        copies: Iterable[tuple[str, str]],
        ords: dict[str, float],
        renamed: Iterable[tuple[str, str | None, list[str], dict[str, Any]]],
        participants: Iterable[tuple[int, dict[str, Any]]],
        summary: dict[str, Any],
        file_sha256: str | None,
        indexed: bool,
    ) -> None:
        """Make `source` a part of `target`: its records paired with one of the target become
        copies of it (out of the full-text index when `indexed`), the others move at `ords`;
        `renamed` (id, person, targets, details) are its records whose "You" was named."""
        c = self.conn
        copies = list(copies)
        if indexed:
            c.executemany(
                "INSERT INTO messages_fts (messages_fts, rowid, text) SELECT 'delete', seq, text FROM records "
                "WHERE id=? AND kind='message' AND copy_of IS NULL",
                ((copy_id,) for copy_id, _ in copies),
            )
            c.executemany("UPDATE records SET copy_of=? WHERE copy_of=?", [(b, a) for a, b in copies])
        c.executemany("UPDATE records SET copy_of=? WHERE id=?", [(b, a) for a, b in copies])
        c.executemany("UPDATE records SET ord=? WHERE id=?", ((v, k) for k, v in ords.items()))
        c.executemany(
            "UPDATE records SET person=?, targets=?, details=? WHERE id=?",
            ((person, dumps(targets) if targets else None, dumps(details), rid)
             for rid, person, targets, details in renamed),
        )  # fmt: skip
        c.execute("UPDATE records SET conversation_id=? WHERE conversation_id=?", (target, source))
        for pid, data in participants:
            c.execute("UPDATE participants SET conversation_id=?, data=? WHERE id=?",
                      (target, dumps({**data, "conversation_id": target}), pid))  # fmt: skip
        c.execute("UPDATE conversations SET merged_into=? WHERE merged_into=?", (target, source))
        c.execute("UPDATE conversations SET merged_into=? WHERE id=?", (target, source))
        c.execute(
            "INSERT INTO merges (at, source, target, file_sha256, data) VALUES (?, ?, ?, ?, ?)",
            (datetime.now(UTC).isoformat(timespec="seconds"), source, target, file_sha256, dumps(summary)),
        )
        c.execute("UPDATE merges SET target=? WHERE target=?", (target, source))

    def renumber(self, ids: list[str], start: float) -> None:
        """Give a conversation's records, in this order, the positions start, start + 1, ..."""
        self.conn.executemany("UPDATE records SET ord=? WHERE id=?", ((start + k, rid) for k, rid in enumerate(ids)))

    def merges(self, conversation_id: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT * FROM merges" + (" WHERE target=?" if conversation_id else "") + " ORDER BY seq"
        return [
            {"source": r["source"], "target": r["target"], "file_sha256": r["file_sha256"], "at": r["at"],
             **loads(r["data"])}  # fmt: skip
            for r in self.conn.execute(sql, (conversation_id,) if conversation_id else ())
        ]

    def merged_conversations(self) -> dict[str, str]:
        """conversation id -> the conversation it was merged into."""
        return {r[0]: r[1] for r in self.conn.execute(
            "SELECT id, merged_into FROM conversations WHERE merged_into IS NOT NULL")}  # fmt: skip

    def carriers(self, conversation_id: str, kind: str = "message") -> Iterable[tuple[str, str]]:
        """(record id it stands for, file) for every stored record of a conversation, copies included."""
        yield from self.conn.execute(
            "SELECT coalesce(r.copy_of, r.id), s.file_sha256 FROM records r JOIN sources s ON s.id = r.source_id "
            "WHERE r.conversation_id=? AND r.kind=?",
            (conversation_id, kind),
        )

    def copies(self, record_id: str) -> list[Any]:
        """The records other exports hold of this one (their own source, text and sender)."""
        return self.conn.execute("SELECT * FROM records_v WHERE copy_of=? ORDER BY seq", (record_id,)).fetchall()

    def files_with_bytes(self, src_sha256: str) -> list[tuple[str, str | None, str | None, str | None]]:
        """(file, container, member, path) of every file handed over that holds these exact bytes."""
        return [tuple(r) for r in self.conn.execute(
            "SELECT file_sha256, container_sha256, member, src_path FROM sources WHERE src_sha256=? ORDER BY id",
            (src_sha256,))]  # fmt: skip
