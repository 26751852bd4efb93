"""Telegram Desktop JSON (`result.json`): a single chat or a full-account export, streamed.

The file is walked with `JsonCursor`, so a 500 MB account export is never loaded whole and
every message keeps the exact byte range of its JSON object. Service messages become typed
events; `members` in service actions are display names, not ids (tdesktop writes them so).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

from ..errors import InputError, ParseError
from ..records import Conversation, Event, EventType, Flag, Message, ParseIssue, Record, Summary
from .base import ReadOptions, conversation_id
from .common import (
    FileInfo,
    Participants,
    counted,
    file_info,
    from_epoch,
    is_zip,
    open_zip_member,
    skipped_issue,
    text_of,
    zone,
)
from .jsonstream import JsonCursor, Span
from .order import TimeOrder

NOT_INCLUDED = "(File not included."
CHAT_TYPES = {
    "personal_chat": "personal",
    "bot_chat": "personal",
    "saved_messages": "personal",
    "private_group": "group",
    "private_supergroup": "group",
    "public_supergroup": "group",
    "private_channel": "channel",
    "public_channel": "channel",
}
ACTIONS = {
    "create_group": EventType.CREATED,
    "create_channel": EventType.CREATED,
    "invite_members": EventType.ADDED,
    "join_group_by_link": EventType.JOINED_BY_LINK,
    "join_group_by_request": EventType.JOINED,
    "pin_message": EventType.PINNED,
    "edit_group_title": EventType.SUBJECT_CHANGED,
    "edit_group_photo": EventType.ICON_CHANGED,
    "delete_group_photo": EventType.ICON_REMOVED,
    "migrate_to_supergroup": EventType.MIGRATED,
    "migrate_from_group": EventType.MIGRATED,
    "phone_call": EventType.CALL,
    "group_call": EventType.CALL,
    "invite_to_group_call": EventType.CALL,
    "group_call_scheduled": EventType.CALL,
}
_SNIFF_KEYS = re.compile(rb'"(from_id|date_unixtime|text_entities|actor_id|personal_information)"\s*:')
_SNIFF_TYPE = re.compile(rb'"type"\s*:\s*"(personal_chat|private_group|private_supergroup|public_supergroup|'
                         rb'private_channel|public_channel|bot_chat|saved_messages|service)"')


def join_text(text: Any) -> str:
    """Telegram text: a string, or an array of strings and {type, text} entities joined as is."""
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        return "".join(p if isinstance(p, str) else text_of(p.get("text")) if isinstance(p, dict) else "" for p in text)
    return ""


def _mentions(obj: dict[str, Any]) -> tuple[str, ...]:
    parts = obj.get("text_entities") or obj.get("text")
    if not isinstance(parts, list):
        return ()
    return tuple(
        p["text"] for p in parts
        if isinstance(p, dict) and p.get("type") in ("mention", "mention_name") and isinstance(p.get("text"), str)
    )


def _time(obj: dict[str, Any], tz: ZoneInfo | None) -> tuple[datetime | None, str]:
    """`date_unixtime` preferred: aware in the user's zone if --tz; else the naive local `date`."""
    date, unix = obj.get("date"), obj.get("date_unixtime")
    raw = date if isinstance(date, str) else str(unix) if unix is not None else ""
    if unix is not None and (tz is not None or not isinstance(date, str)):
        return from_epoch(int(unix), tz), raw
    if isinstance(date, str):  # the exporter's local clock: in the user's zone when given
        local = datetime.fromisoformat(date)
        return (local.replace(tzinfo=tz) if tz and local.tzinfo is None else local), raw
    return None, raw


def _edited(obj: dict[str, Any], tz: ZoneInfo | None) -> datetime | None:
    if "edited" not in obj and "edited_unixtime" not in obj:
        return None
    return _time({"date": obj.get("edited"), "date_unixtime": obj.get("edited_unixtime")}, tz)[0]


class _Chat:
    """The state of one conversation while its messages stream by."""

    def __init__(self, info: FileInfo, cid: str, tz: ZoneInfo | None) -> None:
        self.info = info
        self.cid = cid
        self.tz = tz
        self.people = Participants(cid)
        self.order = TimeOrder()
        self.ttl: int | None = None

    def record(self, obj: Any, span: Span) -> Iterator[Record]:
        if not isinstance(obj, dict):
            yield ParseIssue(self.info.path, span.line_start, "a message is not a JSON object", span.byte_start)
            return
        try:
            time, raw = _time(obj, self.tz)
        except (ValueError, TypeError, OverflowError) as exc:
            yield ParseIssue(self.info.path, span.line_start, f"bad message date ({exc})", span.byte_start, False)
            time, raw = None, text_of(obj.get("date"))
        flags = self.order.check(time)
        native = str(obj["id"]) if "id" in obj else None
        kind = obj.get("type", "message")
        if kind == "service":
            yield from self._service(obj, span, time, raw, flags, native)
        elif kind == "message":
            yield from self._message(obj, span, time, raw, flags, native)
        else:
            yield Event(self.info.rid(span), self.cid, time, raw, EventType.OTHER, self.info.source(span),
                        text=join_text(obj.get("text")), native_id=native, flags=flags,
                        details={"action": str(kind)})

    def _message(self, obj: dict[str, Any], span: Span, time: datetime | None, raw: str,
                 flags: frozenset[str], native: str | None) -> Iterator[Record]:
        sender, sender_id = obj.get("from"), obj.get("from_id")
        sender = sender if isinstance(sender, str) else None
        sender_id = str(sender_id) if sender_id is not None else None
        yield from self.people.see(sender, sender_id)
        flags = set(flags)
        attachments: list[str] = []
        details: dict[str, Any] = {}
        for key in ("photo", "file"):
            if isinstance(obj.get(key), str):
                flags.add(Flag.ATTACHMENT)
                if obj[key].startswith(NOT_INCLUDED):
                    flags.add(Flag.MEDIA_OMITTED)
                else:
                    attachments.append(obj[key])
        media = obj.get("media_type")
        if media:
            details["media_type"] = media
            flags.add(Flag.STICKER if media == "sticker" else Flag.ATTACHMENT)
        if "poll" in obj:
            flags.add(Flag.POLL)
            details["poll"] = obj["poll"]
        if "location_information" in obj:
            flags.add(Flag.LOCATION)
            details["location"] = obj["location_information"]
        if "contact_information" in obj:
            flags.add(Flag.CONTACT)
            details["contact"] = obj["contact_information"]
        forwarded = obj.get("forwarded_from")
        if forwarded is not None:
            flags.add(Flag.FORWARDED)
        edited = _edited(obj, self.tz)
        if edited is not None or "edited" in obj:
            flags.add(Flag.EDITED)
        for key in ("author", "via_bot", "saved_from", "reply_to_peer_id", "sticker_emoji", "mime_type",
                    "duration_seconds"):
            if key in obj:
                details[key] = obj[key]
        reply = obj.get("reply_to_message_id")
        yield Message(
            self.info.rid(span), self.cid, time, raw, sender,
            join_text(obj["text"] if "text" in obj else obj.get("text_entities")), self.info.source(span),
            sender_id=sender_id, native_id=native, reply_to=str(reply) if reply is not None else None,
            mentions=_mentions(obj), flags=frozenset(flags), attachments=tuple(attachments),
            forwarded_from=str(forwarded) if forwarded is not None else None, edited_time=edited, details=details,
        )

    def _service(self, obj: dict[str, Any], span: Span, time: datetime | None, raw: str,
                 flags: frozenset[str], native: str | None) -> Iterator[Record]:
        actor, actor_id = obj.get("actor"), obj.get("actor_id")
        actor = actor if isinstance(actor, str) else None
        actor_id = str(actor_id) if actor_id is not None else None
        yield from self.people.see(actor, actor_id)
        action = str(obj.get("action", ""))
        members = obj.get("members")
        targets = tuple(str(m) for m in members if m is not None) if isinstance(members, list) else ()
        details: dict[str, Any] = {"action": action}
        for key in ("title", "inviter", "message_id", "duration_seconds", "discard_reason", "period", "photo",
                    "reason_domain", "reason_app_id", "emoticon"):
            if key in obj:
                details[key] = obj[key]
        etype = ACTIONS.get(action, EventType.OTHER)
        if action == "remove_members":
            etype = EventType.LEFT if targets and set(targets) <= {actor} else EventType.REMOVED
        elif action == "set_messages_ttl":
            period = obj.get("period", obj.get("period_seconds"))
            period = int(period) if isinstance(period, int | str) and str(period).isdigit() else None
            if not period:
                etype = EventType.DISAPPEARING_OFF
            else:
                etype = EventType.DISAPPEARING_CHANGED if self.ttl else EventType.DISAPPEARING_ON
            self.ttl = period
        if action == "join_group_by_request":
            details["by_request"] = True
        yield Event(
            self.info.rid(span), self.cid, time, raw, etype, self.info.source(span), actor=actor, targets=targets,
            text=join_text(obj.get("text")), actor_id=actor_id, native_id=native, flags=flags, details=details,
        )


class TelegramReader:
    name = "telegram"

    def sniff(self, head: bytes, filename: str) -> float:
        start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        if start != b"{":
            return 0.0
        hits = len(set(_SNIFF_KEYS.findall(head))) + (2 if _SNIFF_TYPE.search(head) else 0)
        if b'"messages"' not in head and b'"chats"' not in head:
            return 0.0
        if hits == 0 and b'"date"' in head and filename == "result.json":
            return 0.5
        return min(0.95, 0.3 * hits) if hits else 0.0

    def read(self, path: Path, options: ReadOptions) -> Iterator[Record]:
        if is_zip(path):  # a zipped export folder: result.json inside, streamed from the archive
            fh, info = open_zip_member(path, options, ("result.json",))
        else:
            fh, info = open(path, "rb"), file_info(path)
        summary = Summary(str(path), info.sha256, "telegram", encoding="utf-8")
        return counted(self._records(fh, path, info, options), summary)

    def _records(self, fh: IO[bytes], path: Path, info: FileInfo, options: ReadOptions) -> Iterator[Record]:
        tz = zone(options)
        emitted = False
        with fh:
            cur = JsonCursor(fh, str(path))
            try:
                if cur.peek() != "{":
                    raise InputError("not a Telegram export (expected a JSON object)", path=str(path))
                for record in self._walk(cur, info, tz, options):
                    emitted = True
                    yield record
            except ParseError as exc:
                if not emitted:
                    raise
                yield ParseIssue(str(path), exc.line, exc.cause, cur.byte_pos)

    def _walk(self, cur: JsonCursor, info: FileInfo, tz: ZoneInfo | None, options: ReadOptions) -> Iterator[Record]:
        header: dict[str, Any] = {}
        found = False
        for key in cur.object_keys():
            if key == "messages":
                found = True
                yield from self._messages(cur, info, tz, header, None, options)
            elif key in ("chats", "left_chats") and cur.peek() == "{":
                for sub in cur.object_keys():
                    if sub == "list" and cur.peek() == "[":
                        found = True
                        for index, _ in enumerate(cur.array_items()):
                            yield from self._chat(cur, info, tz, index, key == "left_chats", options)
                    else:
                        cur.skip()
            elif key in ("name", "type", "id") and cur.peek() not in "{[":
                header[key] = cur.value()[0]
            else:
                cur.skip()
        if not found:
            raise InputError("no 'messages' or 'chats' in this JSON: not a Telegram export", path=info.path)

    def _chat(self, cur: JsonCursor, info: FileInfo, tz: ZoneInfo | None, index: int, left: bool,
              options: ReadOptions) -> Iterator[Record]:
        if cur.peek() != "{":
            _, span = cur.value()
            yield ParseIssue(info.path, span.line_start, "a chat in the list is not a JSON object", span.byte_start)
            return
        header: dict[str, Any] = {"left": left, "index": index}
        done = False
        for key in cur.object_keys():
            if key == "messages" and not done:
                done = True
                yield from self._messages(cur, info, tz, header, index, options)
            elif key in ("name", "type", "id") and cur.peek() not in "{[":
                header[key] = cur.value()[0]
            else:
                cur.skip()
        if not done:
            yield self._conversation(info, header, index, options)

    def _conversation(self, info: FileInfo, header: dict[str, Any], index: int | None,
                      options: ReadOptions) -> Conversation:
        native = str(header["id"]) if header.get("id") is not None else None
        key = None if index is None else (native or f"#{index}")
        details = {"telegram_type": header.get("type")}
        if header.get("left"):
            details["left_chat"] = True
        return Conversation(
            conversation_id(info.sha256, key), "telegram", text_of(header.get("name")) or None, info.sha256,
            native_id=native, chat_type=CHAT_TYPES.get(str(header.get("type"))), tz=options.tz,
            details=details,
        )

    def _messages(self, cur: JsonCursor, info: FileInfo, tz: ZoneInfo | None, header: dict[str, Any],
                  index: int | None, options: ReadOptions) -> Iterator[Record]:
        conv = self._conversation(info, header, index, options)
        yield conv
        if cur.peek() != "[":
            _, span = cur.value()
            yield ParseIssue(info.path, span.line_start, "'messages' is not a list", span.byte_start)
            return
        chat = _Chat(info, conv.id, tz)
        for obj, span, error in cur.array_values():
            if error is not None:
                yield skipped_issue(info.path, error, span)
                continue
            try:
                yield from chat.record(obj, span)
            except (TypeError, ValueError, AttributeError, OverflowError) as exc:
                yield ParseIssue(info.path, span.line_start, f"unreadable message ({exc})", span.byte_start)


READER = TelegramReader()
