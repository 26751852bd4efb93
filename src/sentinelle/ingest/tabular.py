"""Rows to records, shared by the CSV and JSON Lines readers.

A column mapping (`ReadOptions.column_map`: canonical field -> column) says which column holds
what; fields left out are guessed from common column names (English and French). A row that
cannot be read becomes a ParseIssue with its line number and reading goes on.
Times: ISO 8601, epoch seconds or milliseconds, or `ReadOptions.extra["time_format"]` (strptime).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from ..errors import InputError
from ..records import Conversation, Event, EventType, Message, ParseIssue, Record
from .base import ReadOptions, conversation_id
from .common import FileInfo, Participants, from_epoch, zone
from .jsonstream import Span
from .order import TimeOrder

FIELDS = ("time", "sender", "text", "sender_id", "reply_to", "id", "conversation", "event_type", "targets")
REQUIRED = ("time", "sender", "text")
GUESSES: dict[str, tuple[str, ...]] = {
    "time": ("time", "timestamp", "datetime", "date", "created_at", "sent_at", "date_time", "horodatage", "heure",
             "date_heure"),
    "sender": ("sender", "author", "from", "sender_name", "user", "username", "name", "auteur", "expediteur",
               "expéditeur", "emetteur", "émetteur", "nom"),
    "text": ("text", "message", "content", "body", "msg", "texte", "contenu", "corps"),
    "sender_id": ("sender_id", "author_id", "user_id", "from_id", "phone", "telephone", "téléphone"),
    "reply_to": ("reply_to", "in_reply_to", "reply_to_id", "reply_id", "parent_id", "reponse_a", "réponse_à"),
    "id": ("id", "message_id", "msg_id", "native_id", "uuid"),
    "conversation": ("conversation", "chat", "channel", "room", "group", "groupe", "conversation_id", "chat_name"),
    "event_type": ("event_type", "event", "evenement", "événement"),
    "targets": ("targets", "target", "cibles", "cible"),
}
EVENT_VALUES = {e.value for e in EventType}
NOT_EVENTS = {"", "message", "msg", "text"}


def resolve_columns(columns: list[str], column_map: Mapping[str, str], path: str) -> dict[str, str]:
    """Canonical field -> column name, from the user's mapping and the guesses."""
    unknown = set(column_map) - set(FIELDS)
    if unknown:
        raise InputError(f"unknown field(s) in the column mapping: {', '.join(sorted(unknown))}; "
                         f"known: {', '.join(FIELDS)}", path=path)
    resolved: dict[str, str] = {}
    for fld, col in column_map.items():
        if col not in columns:
            raise InputError(f"column {col!r} (mapped to {fld}) is not in the file; columns: {', '.join(columns)}",
                             path=path, line=1)
        resolved[fld] = col
    extend_columns(resolved, columns)
    missing = [f for f in REQUIRED if f not in resolved]
    if missing:
        raise InputError(
            f"no column for {', '.join(missing)}; columns: {', '.join(' '.join(c.split())[:60] for c in columns)[:400]} "
            "(map them with a column mapping, e.g. text=Message)", path=path, line=1)
    return resolved


def extend_columns(resolved: dict[str, str], columns: list[str]) -> None:
    """JSON Lines rows may bring keys the first row lacked: map the fields still unmapped."""
    present = {c.strip().lower(): c for c in columns}
    taken = set(resolved.values())
    for fld in FIELDS:
        if fld in resolved:
            continue
        for guess in GUESSES[fld]:
            col = present.get(guess)
            if col is not None and col not in taken:
                resolved[fld] = col
                taken.add(col)
                break


def parse_time(value: Any, fmt: str | None, tz: ZoneInfo | None) -> datetime:
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value
        return from_epoch(seconds, tz)  # an instant: aware, UTC unless --tz
    text = str(value).strip()
    if fmt:
        moment = datetime.strptime(text, fmt)
    elif text.replace(".", "", 1).isdigit():
        return parse_time(float(text), None, tz)
    else:
        moment = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=tz) if tz else moment
    return moment.astimezone(tz) if tz else moment


@dataclass
class RowReader:
    """Turns rows (dicts of column -> value) into records of one or more conversations."""

    info: FileInfo
    platform: str
    options: ReadOptions
    columns: dict[str, str] = field(default_factory=dict)
    convs: dict[str, Conversation] = field(default_factory=dict)
    people: dict[str, Participants] = field(default_factory=dict)
    orders: dict[str, TimeOrder] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.tz = zone(self.options)
        self.fmt = self.options.extra.get("time_format")

    def _get(self, row: Mapping[str, Any], fld: str) -> Any:
        col = self.columns.get(fld)
        return row.get(col) if col is not None else None

    def row(self, row: Mapping[str, Any], span: Span) -> Iterator[Record]:
        conv_key = self._get(row, "conversation")
        conv_key = str(conv_key) if conv_key not in (None, "") else ""
        if conv_key not in self.convs:
            conv = Conversation(conversation_id(self.info.sha256, conv_key or None), self.platform,
                                conv_key or None, self.info.sha256, tz=self.options.tz,
                                details={"columns": dict(self.columns)})
            self.convs[conv_key] = conv
            self.people[conv_key] = Participants(conv.id)
            self.orders[conv_key] = TimeOrder()
            yield conv
        cid = self.convs[conv_key].id
        raw_time = self._get(row, "time")
        if raw_time in (None, ""):
            yield ParseIssue(self.info.path, span.line_start, f"empty time in column {self.columns['time']!r}",
                             span.byte_start)
            return
        try:
            time = parse_time(raw_time, self.fmt, self.tz)
        except (ValueError, OverflowError, OSError) as exc:
            yield ParseIssue(self.info.path, span.line_start,
                             f"unreadable time {raw_time!r} in column {self.columns['time']!r} ({exc})",
                             span.byte_start)
            return
        sender = self._get(row, "sender")
        sender = str(sender) if sender not in (None, "") else None
        sender_id = self._get(row, "sender_id")
        sender_id = str(sender_id) if sender_id not in (None, "") else None
        yield from self.people[conv_key].see(sender, sender_id)
        text = self._get(row, "text")
        text = "" if text is None else str(text)
        native = self._get(row, "id")
        native = str(native) if native not in (None, "") else None
        flags = self.orders[conv_key].check(time)
        used = set(self.columns.values())
        extra = {k: v for k, v in row.items() if k not in used and v not in (None, "")}
        kind = str(self._get(row, "event_type") or "").strip()
        if kind.lower() not in NOT_EVENTS:
            targets = self._get(row, "targets")
            targets = tuple(t.strip() for t in str(targets).replace("|", ";").split(";") if t.strip()) \
                if targets else ()
            etype = kind.lower() if kind.lower() in EVENT_VALUES else EventType.OTHER
            details = dict(extra)
            if etype == EventType.OTHER:
                details["action"] = kind
            yield Event(self.info.rid(span), cid, time, str(raw_time), etype, self.info.source(span), actor=sender,
                        targets=targets, text=text, actor_id=sender_id, native_id=native, flags=flags,
                        details=details)
            return
        reply = self._get(row, "reply_to")
        yield Message(self.info.rid(span), cid, time, str(raw_time), sender, text, self.info.source(span),
                      sender_id=sender_id, native_id=native, reply_to=str(reply) if reply not in (None, "") else None,
                      flags=flags, details={"extra": extra} if extra else {})
