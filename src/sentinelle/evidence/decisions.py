"""Review decisions: an append-only log where each entry carries the SHA-256 of the one before.

An entry is a flat JSON object. Its `sha256` is the hash of its canonical JSON (sorted keys, no
spaces, UTF-8) without the `sha256` field itself; `prev_sha256` is the previous entry's `sha256`
(64 zeros for the first). Changing, removing or reordering any entry breaks the chain at that
entry, which `chain_problems` names. Entries are never updated or deleted: a later decision on the
same item supersedes an earlier one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from ..errors import UsageError

DECISIONS = ("confirm", "dismiss", "skip")
ITEM_KINDS = ("flag", "directive", "case")
GENESIS = "0" * 64


def canonical_json(data: Any) -> str:
    """The one serialisation that hashes are computed on."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(entry: dict[str, Any]) -> str:
    body = {k: v for k, v in entry.items() if k != "sha256"}
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


def item_kind(item_id: str) -> str:
    """Item ids are `flag:<message id>`, `directive:<id>` or `case:<id>`."""
    kind = item_id.split(":", 1)[0]
    if kind not in ITEM_KINDS or ":" not in item_id:
        raise UsageError(f"unknown item id {item_id!r}: expected flag:ID, directive:ID or case:ID")
    return kind


def append_entry(case: Any, fields: dict[str, Any]) -> dict[str, Any]:
    """Chain `fields` onto the case's log and store it. Returns the stored entry."""
    entries = case.decisions()
    entry = dict(fields)
    entry["seq"] = len(entries) + 1
    entry["prev_sha256"] = entries[-1]["sha256"] if entries else GENESIS
    entry["sha256"] = entry_hash(entry)
    case.append_decision(entry)
    return entry


def record_decision(
    case: Any,
    item_id: str,
    decision: str,
    *,
    reviewer: str,
    note: str = "",
    now: datetime | None = None,
) -> dict[str, Any]:
    """Append one reviewer's decision on a flag, directive or harassment case."""
    if decision not in DECISIONS:
        raise UsageError(f"decision must be one of {', '.join(DECISIONS)}, not {decision!r}")
    if not reviewer.strip():
        raise UsageError("a decision needs the reviewer's name (--reviewer)")
    when = (now or datetime.now(UTC)).replace(microsecond=0).isoformat()
    return append_entry(
        case,
        {
            "action": "decision",
            "item_id": item_id,
            "item_kind": item_kind(item_id),
            "decision": decision,
            "note": note,
            "reviewer": reviewer.strip(),
            "time": when,
        },
    )


def latest_decisions(entries: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """item id -> the last decision on it ("skip" does not override a confirm or dismiss)."""
    latest: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if entry.get("action", "decision") != "decision":
            continue
        if entry["decision"] == "skip" and entry["item_id"] in latest:
            continue
        latest[entry["item_id"]] = entry
    return latest


def chain_problems(entries: list[dict[str, Any]], *, allow_redacted: bool = False) -> list[str]:
    """Every break in the chain, each naming the entry (1-based position) and what is wrong.

    `allow_redacted`: a pseudonymised bundle's copy, where entries listing `redacted` fields
    can only have their links checked, not their own content."""
    problems: list[str] = []
    prev = GENESIS
    for position, entry in enumerate(entries, start=1):
        label = f"decision log entry {position}"
        if entry.get("item_id"):
            label += f" ({entry['item_id']})"
        recorded = entry.get("sha256")
        computed = entry_hash(entry)
        if allow_redacted and entry.get("redacted"):  # pseudonymised copy in a bundle: only the links can be checked
            computed = recorded if isinstance(recorded, str) else computed
        if recorded != computed:
            problems.append(
                f"{label}: content altered (recorded sha256 {str(recorded)[:12]}…, recomputed {computed[:12]}…)"
            )
        if entry.get("prev_sha256") != prev:
            problems.append(f"{label}: chain broken (an entry before it was removed, inserted or altered)")
        if entry.get("seq") != position:
            problems.append(f"{label}: sequence number {entry.get('seq')} where {position} was expected")
        prev = recorded if isinstance(recorded, str) else computed
    return problems


def read_jsonl(data: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]


def to_jsonl(entries: Iterable[dict[str, Any]]) -> bytes:
    return "".join(canonical_json(e) + "\n" for e in entries).encode("utf-8")
