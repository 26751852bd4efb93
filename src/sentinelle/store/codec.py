"""Records to plain rows (str/int/None, JSON text) and back, exactly.

Shared by every backend and by `sentinelle parse`'s JSON lines, so that what is stored and what
is printed say the same thing. Times keep their zone: an aware time is written with its offset,
and with its IANA name when it has one, so it comes back as the same wall time in the same zone.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from sys import intern
from typing import Any
from zoneinfo import ZoneInfo

import msgspec
import orjson

from ..records import (
    Conversation,
    Detection,
    Event,
    Message,
    Participant,
    Reason,
    Record,
    Source,
    field_names,
)

RECORD_COLUMNS = (
    "id", "kind", "conversation_id", "time", "time_zone", "time_raw", "person", "person_id", "text",
    "type", "targets", "target_ids", "native_id", "reply_to", "mentions", "flags", "attachments",
    "forwarded_from", "edited_time", "edited_zone", "details",
    "src_sha256", "line_start", "line_end", "byte_start", "byte_end", "src_path", "container_sha256", "member",
)  # fmt: skip


def dumps(value: Any) -> str:
    return orjson.dumps(value, default=_default).decode()


def _default(value: Any) -> Any:
    if isinstance(value, frozenset | set | tuple):
        return sorted(value) if isinstance(value, frozenset | set) else list(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"not JSON-able: {type(value).__name__}")


def loads(text: str | bytes | None) -> Any:
    return None if text is None else orjson.loads(text)


def _seq(values: Any) -> str | None:
    return orjson.dumps(list(values)).decode() if values else None


def _set(values: frozenset[str]) -> str | None:
    return orjson.dumps(sorted(values)).decode() if values else None


def _map(values: Any) -> str | None:
    return dumps(dict(values)) if values else None


def time_to_text(t: datetime | None) -> tuple[str | None, str | None]:
    if t is None:
        return None, None
    return t.isoformat(), getattr(t.tzinfo, "key", None)


@lru_cache(maxsize=64)
def _zone(key: str) -> ZoneInfo:
    return ZoneInfo(key)


def time_from_text(iso: str | None, zone: str | None) -> datetime | None:
    if iso is None:
        return None
    t = datetime.fromisoformat(iso)
    if not zone:
        return t
    # the same wall time in the same zone (even inside a DST gap); the offset tells the fold
    local = t.replace(tzinfo=_zone(zone))
    return local if local.utcoffset() == t.utcoffset() else local.replace(fold=1)


def record_row(rec: Message | Event) -> tuple[Any, ...]:
    """A message or event as a tuple in RECORD_COLUMNS order."""
    s = rec.source
    time, zone = time_to_text(rec.time)
    if isinstance(rec, Message):
        edited, edited_zone = time_to_text(rec.edited_time)
        return (
            rec.id, "message", rec.conversation_id, time, zone, rec.time_raw, rec.sender, rec.sender_id,
            rec.text, None, None, None, rec.native_id, rec.reply_to, _seq(rec.mentions), _set(rec.flags),
            _seq(rec.attachments), rec.forwarded_from, edited, edited_zone, _map(rec.details),
            s.sha256, s.line_start, s.line_end, s.byte_start, s.byte_end, s.path, s.container_sha256, s.member,
        )  # fmt: skip
    return (
        rec.id, "event", rec.conversation_id, time, zone, rec.time_raw, rec.actor, rec.actor_id,
        rec.text, rec.type, _seq(rec.targets), _seq(rec.target_ids), rec.native_id, None, None,
        _set(rec.flags), None, None, None, None, _map(rec.details),
        s.sha256, s.line_start, s.line_end, s.byte_start, s.byte_end, s.path, s.container_sha256, s.member,
    )  # fmt: skip


def _tuple(text: str | None) -> tuple[str, ...]:
    return tuple(orjson.loads(text)) if text else ()


def _shared(value: str | None) -> str | None:
    """One string object for a value that repeats on every row (a file's hash, a conversation,
    a sender): a million records read back hold each once, not a million copies."""
    return None if value is None else intern(value)


def record_from_row(row: Any) -> Message | Event:
    """Back from a row (a mapping with RECORD_COLUMNS keys)."""
    source = Source(
        sha256=_shared(row["src_sha256"]), line_start=row["line_start"], line_end=row["line_end"],
        byte_start=row["byte_start"], byte_end=row["byte_end"], path=_shared(row["src_path"]) or "",
        container_sha256=_shared(row["container_sha256"]), member=_shared(row["member"]),
    )  # fmt: skip
    flags = frozenset(orjson.loads(row["flags"])) if row["flags"] else frozenset()
    details = orjson.loads(row["details"]) if row["details"] else {}
    time = time_from_text(row["time"], row["time_zone"])
    if row["kind"] == "message":
        return Message(
            id=row["id"], conversation_id=_shared(row["conversation_id"]), time=time, time_raw=row["time_raw"],
            sender=_shared(row["person"]), text=row["text"], source=source, sender_id=_shared(row["person_id"]),
            native_id=row["native_id"], reply_to=row["reply_to"], mentions=_tuple(row["mentions"]),
            flags=flags, attachments=_tuple(row["attachments"]), forwarded_from=row["forwarded_from"],
            edited_time=time_from_text(row["edited_time"], row["edited_zone"]), details=details,
        )  # fmt: skip
    return Event(
        id=row["id"], conversation_id=_shared(row["conversation_id"]), time=time, time_raw=row["time_raw"],
        type=row["type"], source=source, actor=_shared(row["person"]), targets=_tuple(row["targets"]),
        text=row["text"], actor_id=row["person_id"], target_ids=_tuple(row["target_ids"]),
        native_id=row["native_id"], flags=flags, details=details,
    )  # fmt: skip


def conversation_to_dict(c: Conversation) -> dict[str, Any]:
    return {
        "id": c.id, "platform": c.platform, "title": c.title, "source_sha256": c.source_sha256,
        "native_id": c.native_id, "chat_type": c.chat_type, "tz": c.tz, "date_order": c.date_order,
        "date_order_ambiguous": c.date_order_ambiguous, "details": dict(c.details),
    }  # fmt: skip


def conversation_from_dict(d: dict[str, Any]) -> Conversation:
    d = {k: v for k, v in d.items() if k in field_names(Conversation)}
    d["date_order_ambiguous"] = bool(d.get("date_order_ambiguous"))
    d["details"] = d.get("details") or {}
    return Conversation(**d)


def participant_to_dict(p: Participant) -> dict[str, Any]:
    return {
        "conversation_id": p.conversation_id, "display_name": p.display_name,
        "platform_id": p.platform_id, "phone": p.phone, "details": dict(p.details),
    }  # fmt: skip


def participant_from_dict(d: dict[str, Any]) -> Participant:
    d = {k: v for k, v in d.items() if k in field_names(Participant)}
    d["details"] = d.get("details") or {}
    return Participant(**d)


def detection_from_dict(d: dict[str, Any]) -> Detection:
    reasons = tuple(
        # Reason.to_dict drops None fields (a stance or language reason has no category)
        Reason(**{"category": None, **r, "span": tuple(r["span"]) if r.get("span") is not None else None})
        for r in d.get("reasons", ())
    )
    return Detection(
        categories=d.get("categories", {}), flagged=bool(d.get("flagged")), targets=tuple(d.get("targets", ())),
        severity=int(d.get("severity", 0)), stance=d.get("stance"), language=d.get("language"),
        reasons=reasons, message_id=d.get("message_id"), model_version=d.get("model_version", ""),
    )  # fmt: skip


def source_json(s: Source) -> dict[str, Any]:
    """Source.to_dict() spelt out (the store writes one per record)."""
    d = {"sha256": s.sha256, "line_start": s.line_start, "line_end": s.line_end,
         "byte_start": s.byte_start, "byte_end": s.byte_end, "path": s.path}  # fmt: skip
    if s.container_sha256 is not None:
        d["container_sha256"] = s.container_sha256
    if s.member is not None:
        d["member"] = s.member
    return d


# The JSON form of records: their msgspec encoding (field names as records.py declares them),
# sets and dict keys sorted so that the same export always prints the same bytes; values JSON
# does not know (a path in details...) as text.
_JSON = msgspec.json.Encoder(enc_hook=str, order="deterministic")


def records_to_json_lines(records: list[Record]) -> bytes:
    """JSON lines of records, as `sentinelle parse` prints them (the CLI contract): times in
    ISO 8601 (a zero UTC offset as "Z"), a Source without its empty fields."""
    return _JSON.encode_lines(records)


def record_to_json(rec: Record) -> dict[str, Any]:
    """One record's JSON form as a dict (what `records_to_json_lines` writes)."""
    if not isinstance(rec, msgspec.Struct):
        raise TypeError(f"not a record: {type(rec).__name__}")
    return msgspec.json.decode(_JSON.encode(rec))
