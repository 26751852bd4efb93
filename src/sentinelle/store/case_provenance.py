"""The part of `Case` about conversations made of several exports: the merges, and where each
record's bytes are (see `merge`, `matching`). No SQL."""

from __future__ import annotations

from typing import Any

from ..records import Event, Message, Source
from ..records import replace as msgspec_replace
from . import codec, merge


class ProvenanceMixin:
    """Mixed into `Case` (which provides `backend`, `files`, `record`)."""

    backend: Any
    files: Any
    record: Any

    def merges(self, conversation_id: str | None = None) -> list[dict[str, Any]]:
        """What each merge of an export into a conversation found: source, target, matched,
        added, deleted or edited in one copy, clock offset, look-alikes left apart (hints)."""
        return self.backend.merges(conversation_id)

    def conversation_of(self, conversation_id: str) -> str:
        """The conversation a (possibly merged) conversation id now belongs to."""
        merged = self.backend.merged_conversations()
        return merged.get(conversation_id, conversation_id)

    def copies(self, record_id: str) -> list[Message | Event]:
        """The copies other exports hold of a record (each with its own source and text)."""
        return [codec.record_from_row(r) for r in self.backend.copies(record_id)]

    def sources_of(self, record_id: str) -> list[Source]:
        """Every place a record's bytes are: its own source, the same bytes in every other file
        handed over (a .txt and the zip around it), and each copy another export holds."""
        rec = self.record(record_id)
        if rec is None:
            return []
        out: list[Source] = []
        for r in [rec, *self.copies(record_id)]:
            src = r.source
            for _, container, member, path in self.backend.files_with_bytes(src.sha256):
                s = msgspec_replace(src, container_sha256=container, member=member, path=path or src.path)
                if s not in out:
                    out.append(s)
            if src not in out:
                out.append(src)
        return out

    def provenance(self, conversation_id: str) -> list[dict[str, Any]]:
        """Per file of a conversation: how many of its messages that file carries, how many only
        it carries, and how many it shares with another export."""
        by_record: dict[str, set[str]] = {}
        for rid, file in self.backend.carriers(conversation_id):
            by_record.setdefault(rid, set()).add(file)
        names = {f.sha256: f.name for f in self.files()}
        out: dict[str, dict[str, Any]] = {}
        for files in by_record.values():
            for f in files:
                row = out.setdefault(f, {"sha256": f, "name": names.get(f, f[:12]), "messages": 0, "only_here": 0,
                                         "shared": 0})  # fmt: skip
                row["messages"] += 1
                row["only_here" if len(files) == 1 else "shared"] += 1
        return sorted(out.values(), key=lambda r: -r["messages"])

    def _merge(self, sha256: str, name: str, new: list[str], options: dict[str, Any],
               near: list[dict[str, Any]]) -> list[dict[str, Any]]:
        files = self.files()
        exporters = {f.sha256: f.options.get("exporter") for f in files if f.options.get("exporter")}
        if options.get("exporter"):
            exporters[sha256] = options["exporter"]
        names = {f.sha256: f.name for f in files} | {sha256: name}
        separate = {f.sha256 for f in files if f.options.get("no_merge")}
        return merge.merge_new(self.backend, new, sha256, exporters=exporters, names=names, separate=separate,
                               near=near)
