"""DiscordChatExporter JSON: one channel per file, streamed message by message.

Times carry their offset (local unless the export used --utc): they are kept aware, converted
to --tz when given. The display name is the server nickname when the export has one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..errors import InputError, ParseError
from ..records import Conversation, Event, EventType, Flag, Message, ParseIssue, Record, Summary
from .base import ReadOptions, conversation_id
from .common import FileInfo, Participants, counted, file_info, from_iso, skipped_issue, text_of, zone
from .jsonstream import JsonCursor, Span
from .order import TimeOrder

MESSAGE_TYPES = {"Default", "Reply", "ChatInputCommand", "ContextMenuCommand"}
EVENT_TYPES = {
    "RecipientAdd": EventType.ADDED,
    "ChannelNameChange": EventType.SUBJECT_CHANGED,
    "ChannelIconChange": EventType.ICON_CHANGED,
    "ChannelPinnedMessage": EventType.PINNED,
    "GuildMemberJoin": EventType.JOINED,
    "Call": EventType.CALL,
}
_SNIFF = re.compile(rb'"(guild|channel|timestampEdited|isPinned|callEndedTimestamp|discriminator)"\s*:')


def _name(author: Any) -> tuple[str | None, str | None]:
    if not isinstance(author, dict):
        return None, None
    name = author.get("nickname") or author.get("name")
    uid = author.get("id")
    return (name if isinstance(name, str) else None), (str(uid) if uid is not None else None)


def _time(value: Any, tz: ZoneInfo | None) -> tuple[Any, str]:
    if not isinstance(value, str) or not value:
        return None, ""
    return from_iso(value, tz), value


class DiscordReader:
    name = "discord"

    def sniff(self, head: bytes, filename: str) -> float:
        if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] != b"{" or b'"messages"' not in head:
            return 0.0
        hits = len(set(_SNIFF.findall(head)))
        return min(0.95, 0.25 * hits)

    def read(self, path: Path, options: ReadOptions) -> Iterator[Record]:
        info = file_info(path)
        return counted(self._records(path, info, options), Summary(str(path), info.sha256, "discord", encoding="utf-8"))

    def _records(self, path: Path, info: FileInfo, options: ReadOptions) -> Iterator[Record]:
        tz = zone(options)
        emitted = False
        with open(path, "rb") as fh:
            cur = JsonCursor(fh, str(path))
            try:
                if cur.peek() != "{":
                    raise InputError("not a DiscordChatExporter export (expected a JSON object)", path=str(path))
                header: dict[str, Any] = {}
                for key in cur.object_keys():
                    if key == "messages" and cur.peek() == "[":
                        conv = self._conversation(info, header, options)
                        emitted = True
                        yield conv
                        yield from self._messages(cur, info, conv.id, tz)
                    elif key in ("guild", "channel", "exportedAt", "dateRange", "messageCount"):
                        header[key] = cur.value()[0]
                    else:
                        cur.skip()
                if not emitted:
                    raise InputError("no 'messages' list: not a DiscordChatExporter export", path=str(path))
            except ParseError as exc:
                if not emitted:
                    raise
                yield ParseIssue(str(path), exc.line, exc.cause, cur.byte_pos)

    def _conversation(self, info: FileInfo, header: dict[str, Any], options: ReadOptions) -> Conversation:
        channel = header.get("channel") if isinstance(header.get("channel"), dict) else {}
        guild = header.get("guild") if isinstance(header.get("guild"), dict) else {}
        kind = str(channel.get("type") or "")
        chat_type = "personal" if kind == "DirectTextChat" else "group" if kind else None
        details = {"guild": guild.get("name"), "channel_type": kind or None, "category": channel.get("category"),
                   "topic": channel.get("topic"), "exported_at": header.get("exportedAt")}
        native = str(channel["id"]) if channel.get("id") is not None else None
        return Conversation(conversation_id(info.sha256), "discord", text_of(channel.get("name")) or None,
                            info.sha256, native_id=native, chat_type=chat_type, tz=options.tz,
                            details={k: v for k, v in details.items() if v is not None})

    def _messages(self, cur: JsonCursor, info: FileInfo, cid: str, tz: ZoneInfo | None) -> Iterator[Record]:
        people = Participants(cid)
        order = TimeOrder()
        for obj, span, error in cur.array_values():
            if error is not None:
                yield skipped_issue(info.path, error, span)
                continue
            if not isinstance(obj, dict):
                yield ParseIssue(info.path, span.line_start, "a message is not a JSON object", span.byte_start)
                continue
            try:
                yield from self._one(obj, span, info, cid, tz, people, order)
            except (TypeError, ValueError, AttributeError) as exc:
                yield ParseIssue(info.path, span.line_start, f"unreadable message ({exc})", span.byte_start)

    def _one(self, obj: dict[str, Any], span: Span, info: FileInfo, cid: str, tz: ZoneInfo | None,
             people: Participants, order: TimeOrder) -> Iterator[Record]:
        sender, sender_id = _name(obj.get("author"))
        author = obj.get("author") if isinstance(obj.get("author"), dict) else {}
        yield from people.see(sender, sender_id, **({"is_bot": True} if author.get("isBot") else {}))
        time, raw = _time(obj.get("timestamp"), tz)
        flags = set(order.check(time))
        kind = str(obj.get("type") or "Default")
        native = str(obj["id"]) if obj.get("id") is not None else None
        mentioned = [_name(m) for m in obj.get("mentions") or [] if isinstance(m, dict)]
        reference = obj.get("reference") if isinstance(obj.get("reference"), dict) else {}
        ref_id = str(reference["messageId"]) if reference.get("messageId") is not None else None
        text = text_of(obj.get("content"))
        if kind not in EVENT_TYPES and kind not in ("RecipientRemove", "ThreadCreated"):
            attachments = tuple(
                text_of(a.get("fileName")) or text_of(a.get("url")) for a in obj.get("attachments") or []
                if isinstance(a, dict)
            )
            if attachments:
                flags.add(Flag.ATTACHMENT)
            if obj.get("stickers"):
                flags.add(Flag.STICKER)
            edited, _ = _time(obj.get("timestampEdited"), tz)
            if edited is not None:
                flags.add(Flag.EDITED)
            details: dict[str, Any] = {}
            if kind not in MESSAGE_TYPES:
                details["type"] = kind
            if obj.get("isPinned"):
                details["pinned"] = True
            if obj.get("reactions"):
                details["reactions"] = [
                    {"emoji": (r.get("emoji") or {}).get("name"), "count": r.get("count")}
                    for r in obj["reactions"] if isinstance(r, dict)
                ]
            if obj.get("embeds"):
                details["embeds"] = len(obj["embeds"])
            if isinstance(obj.get("forwardedMessage"), dict):
                flags.add(Flag.FORWARDED)
            yield Message(
                info.rid(span), cid, time, raw, sender, text, info.source(span), sender_id=sender_id,
                native_id=native, reply_to=ref_id, mentions=tuple(n for n, _ in mentioned if n),
                flags=frozenset(flags), attachments=attachments, edited_time=edited, details=details,
            )
            return
        targets = tuple(n for n, _ in mentioned if n)
        target_ids = tuple(i for _, i in mentioned if i)
        details = {"action": kind}
        if kind == "RecipientRemove":
            etype = EventType.LEFT if not target_ids or set(target_ids) <= {sender_id} else EventType.REMOVED
        elif kind == "ThreadCreated":
            etype = EventType.OTHER
        else:
            etype = EVENT_TYPES[kind]
        if kind == "ChannelPinnedMessage" and ref_id:
            details["message_id"] = ref_id
        if kind == "Call":
            ended, _ = _time(obj.get("callEndedTimestamp"), tz)
            if ended is not None:
                details["ended"] = ended.isoformat()
        yield Event(info.rid(span), cid, time, raw, etype, info.source(span), actor=sender, targets=targets,
                    text=text, actor_id=sender_id, target_ids=target_ids, native_id=native,
                    flags=frozenset(flags), details=details)


READER = DiscordReader()
