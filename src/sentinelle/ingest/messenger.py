"""Facebook Messenger and Instagram JSON (`message_1.json`): participants, then messages,
newest first. Meta writes UTF-8 text as one \\u00XX escape per byte ("mojibake"); the fix
(latin-1 bytes read back as UTF-8) goes into Message.text, the original stays in the bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..errors import InputError, ParseError
from ..records import Conversation, Event, EventType, Flag, Message, ParseIssue, Record, Summary
from .base import ReadOptions, conversation_id
from .common import FileInfo, Participants, counted, file_info, from_epoch, skipped_issue, text_of, zone
from .jsonstream import JsonCursor, Span
from .order import TimeOrder

MEDIA_KEYS = ("photos", "videos", "audio_files", "files", "gifs")


def fix_mojibake(text: str) -> str:
    """UTF-8 bytes that were escaped one per character, read back as UTF-8; else unchanged."""
    if text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def _fixed(value: Any) -> str | None:
    return fix_mojibake(value) if isinstance(value, str) else None


class MessengerReader:
    name = "messenger"

    def sniff(self, head: bytes, filename: str) -> float:
        if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] != b"{":
            return 0.0
        if b'"sender_name"' in head and b'"timestamp_ms"' in head:
            return 0.9
        if b'"participants"' in head and b'"messages"' in head and b'"thread_path"' in head:
            return 0.6
        return 0.0

    def read(self, path: Path, options: ReadOptions) -> Iterator[Record]:
        info = file_info(path)
        return counted(self._records(path, info, options), Summary(str(path), info.sha256, "messenger", encoding="utf-8"))

    def _header(self, path: Path) -> dict[str, Any]:
        """First pass: title, participants and the order of the timestamps (messages skipped)."""
        header: dict[str, Any] = {}
        with open(path, "rb") as fh:
            cur = JsonCursor(fh, str(path))
            if cur.peek() != "{":
                raise InputError("not a Messenger/Instagram export (expected a JSON object)", path=str(path))
            try:
                for key in cur.object_keys():
                    if key == "messages" and cur.peek() == "[":
                        header["messages"] = True
                        stamps = []
                        for _ in cur.array_items():
                            obj, _span = cur.value()
                            if isinstance(obj, dict) and isinstance(obj.get("timestamp_ms"), int | float):
                                stamps.append(obj["timestamp_ms"])
                                if len(stamps) > 2:
                                    stamps[1:] = stamps[-1:]
                        header["descending"] = len(stamps) >= 2 and stamps[0] > stamps[-1]
                    elif key in ("participants", "title", "thread_path", "thread_type", "is_still_participant"):
                        header[key] = cur.value()[0]
                    else:
                        cur.skip()
            except ParseError:
                pass  # the second pass reports it where it happens
        if "messages" not in header:
            raise InputError("no 'messages' list: not a Messenger/Instagram export", path=str(path))
        return header

    def _records(self, path: Path, info: FileInfo, options: ReadOptions) -> Iterator[Record]:
        tz = zone(options)
        header = self._header(path)
        platform = "instagram" if "instagram" in str(path).lower() else "messenger"
        names = [_fixed(p.get("name")) for p in header.get("participants") or [] if isinstance(p, dict)]
        conv = Conversation(conversation_id(info.sha256), platform, _fixed(header.get("title")), info.sha256,
                            native_id=text_of(header.get("thread_path")) or None,
                            chat_type="group" if len(names) > 2 else "personal" if names else None, tz=options.tz,
                            details={"newest_first": bool(header.get("descending")),
                                     "thread_type": header.get("thread_type")})
        yield conv
        people = Participants(conv.id)
        for name in names:
            yield from people.see(name)
        order = TimeOrder(descending=bool(header.get("descending")))
        with open(path, "rb") as fh:
            cur = JsonCursor(fh, str(path))
            try:
                for key in cur.object_keys():
                    if key != "messages":
                        cur.skip()
                        continue
                    for obj, span, error in cur.array_values():
                        if error is not None:
                            yield skipped_issue(str(path), error, span)
                            continue
                        try:
                            yield from self._one(obj, span, info, conv.id, tz, people, order)
                        except (TypeError, ValueError, AttributeError, OverflowError) as exc:
                            yield ParseIssue(str(path), span.line_start, f"unreadable message ({exc})",
                                             span.byte_start)
            except ParseError as exc:
                yield ParseIssue(str(path), exc.line, exc.cause, cur.byte_pos)

    def _one(self, obj: Any, span: Span, info: FileInfo, cid: str, tz: ZoneInfo | None, people: Participants,
             order: TimeOrder) -> Iterator[Record]:
        if not isinstance(obj, dict):
            raise TypeError("a message is not a JSON object")
        ms = obj.get("timestamp_ms")
        time = from_epoch(ms / 1000, tz) if isinstance(ms, int | float) and not isinstance(ms, bool) else None
        raw = str(ms) if ms is not None else ""
        sender = _fixed(obj.get("sender_name"))
        yield from people.see(sender)
        flags = set(order.check(time))
        content = obj.get("content")
        text = _fixed(content) or ""
        details: dict[str, Any] = {}
        if isinstance(content, str) and text != content:
            details["mojibake_fixed"] = True
        kind = text_of(obj.get("type"))
        users = [_fixed(u.get("name")) for u in obj.get("users") or [] if isinstance(u, dict)]
        if kind in ("Subscribe", "Unsubscribe"):
            etype = EventType.ADDED if kind == "Subscribe" else (
                EventType.LEFT if not users or users == [sender] else EventType.REMOVED)
            yield Event(info.rid(span), cid, time, raw, etype, info.source(span), actor=sender,
                        targets=tuple(u for u in users if u), text=text, flags=frozenset(flags),
                        details={"action": kind})
            return
        if kind == "Call" or "call_duration" in obj:
            yield Event(info.rid(span), cid, time, raw, EventType.CALL, info.source(span), actor=sender, text=text,
                        flags=frozenset(flags), details={"duration_seconds": obj.get("call_duration"),
                                                         "missed": obj.get("missed")})
            return
        attachments = tuple(
            text_of(item.get("uri")) for key in MEDIA_KEYS for item in obj.get(key) or [] if isinstance(item, dict)
        )
        if attachments:
            flags.add(Flag.ATTACHMENT)
        if isinstance(obj.get("sticker"), dict):
            flags.add(Flag.STICKER)
            attachments += (text_of(obj["sticker"].get("uri")),)
        if obj.get("is_unsent"):
            flags.add(Flag.DELETED)
        if isinstance(obj.get("share"), dict):
            details["share"] = {k: _fixed(v) or v for k, v in obj["share"].items()}
        if obj.get("reactions"):
            details["reactions"] = [
                {"reaction": _fixed(r.get("reaction")), "actor": _fixed(r.get("actor"))}
                for r in obj["reactions"] if isinstance(r, dict)
            ]
        if kind and kind != "Generic":
            details["type"] = kind
        yield Message(info.rid(span), cid, time, raw, sender, text, info.source(span), flags=frozenset(flags),
                      attachments=attachments, details=details)


READER = MessengerReader()
