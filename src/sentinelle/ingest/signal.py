"""signal-export (carderne/signal-export): `chat.md` in its two layouts, and `data.json`.

chat.md:  `[YYYY-MM-DD HH:MM:SS] Name: body` (current) or `[YYYY-MM-DD, HH:MM] Name: body` (old);
bodies span lines; a quoted message is inlined as a `> ` block, reactions as a last line
`(- Name: 👍, Other: ❤ -)`, attachments as markdown links `![name](./media/file)`.
data.json: one JSON object per line (date, sender, body, quote, reactions, attachments, deleted,
call, missed). Times are the exporter's local clock (naive unless --tz).

Message.text is the sender's own body; the inlined quote and the reaction line go to details.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..errors import InputError
from ..records import Conversation, Event, EventType, Flag, Message, ParseIssue, Record, Summary
from .base import ReadOptions, conversation_id
from .common import FileInfo, Participants, counted, file_info, from_iso, text_of, zone
from .jsonstream import Span
from .order import TimeOrder

# current layout: space and seconds; old layout: comma and no seconds (WhatsApp iOS has both)
HEADER = re.compile(r"\[(\d{4}-\d{2}-\d{2})( (?=\d\d:\d\d:\d\d\])|, (?=\d\d:\d\d\]))(\d{2}:\d{2}(?::\d{2})?)\] "
                    r"([^\n]*?): ?(.*)")
HEADER_B = re.compile(rb"^\[\d{4}-\d{2}-\d{2}( \d\d:\d\d:\d\d|, \d\d:\d\d)\] [^\n]*?:", re.M)
REACTIONS = re.compile(r"\(- (.*) -\)")
LINK = re.compile(r"!?\[([^\]\n]*)\]\(([^)\n]+)\)")
DELETED = "(This message was deleted)"


def split_body(body: str) -> tuple[str, str | None, list[dict[str, str]]]:
    """The sender's own text, the inlined quote, and the reactions of one md message."""
    lines = body.split("\n")
    reactions: list[dict[str, str]] = []
    if lines and (m := REACTIONS.fullmatch(lines[-1])):
        for part in m.group(1).split(", "):
            name, _, emoji = part.rpartition(": ")
            reactions.append({"name": name, "emoji": emoji})
        lines.pop()
    start = 0
    while start < len(lines) and lines[start] == "":
        start += 1
    quote = None
    end = start
    while end < len(lines) and lines[end].startswith(">"):
        end += 1
    if end > start:
        quote = "\n".join(line[2:] if line.startswith("> ") else line[1:] for line in lines[start:end])
        while end < len(lines) and lines[end] == "":
            end += 1
        start = end
    return "\n".join(lines[start:]).rstrip("\n"), quote, reactions


def _local(text: str, tz: ZoneInfo | None) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=tz) if tz and moment.tzinfo is None else moment


class SignalReader:
    name = "signal"

    def sniff(self, head: bytes, filename: str) -> float:
        text = head.lstrip(b"\xef\xbb\xbf")
        m = HEADER_B.match(text)
        if m:
            # the old layout (comma, no seconds) is never WhatsApp's (iOS always has seconds);
            # the current one is also Swedish WhatsApp iOS, so outside a .md it only leans
            return 0.9 if m.group(1).startswith(b",") or filename.endswith(".md") else 0.5
        if text[:1] == b"{":
            first = text.split(b"\n", 1)[0]
            try:
                obj = json.loads(first)
            except (ValueError, RecursionError):
                return 0.0
            if isinstance(obj, dict) and {"date", "sender", "body"} <= obj.keys():
                return 0.9 if {"quote", "reactions", "attachments"} & obj.keys() else 0.6
        return 0.0

    def read(self, path: Path, options: ReadOptions) -> Iterator[Record]:
        info = file_info(path)
        with open(path, "rb") as fh:
            head = fh.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
        records = self._jsonl(path, info, options) if head[:1] == b"{" else self._md(path, info, options)
        return counted(records, Summary(str(path), info.sha256, "signal", encoding="utf-8"))

    def _conversation(self, path: Path, info: FileInfo, options: ReadOptions) -> Conversation:
        # signal-export writes one folder per chat, named after it, holding chat.md and data.json
        title = path.parent.name or None if path.name in ("chat.md", "data.json") else None
        return Conversation(conversation_id(info.sha256), "signal", title, info.sha256, tz=options.tz,
                            details={"layout": "data.json" if path.suffix == ".json" else "markdown"})

    def _lines(self, path: Path) -> Iterator[tuple[int, int, str]]:
        """(line number, byte offset, decoded line with its end) of each line."""
        offset = 0
        with open(path, "rb") as fh:
            for number, raw in enumerate(fh, 1):
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError:
                    raise InputError("not UTF-8 (signal-export writes UTF-8)", path=str(path), line=number) from None
                if number == 1 and line.startswith("\ufeff"):
                    line = line[1:]
                    offset += 3
                    raw = raw[3:]
                yield number, offset, line
                offset += len(raw)

    def _md(self, path: Path, info: FileInfo, options: ReadOptions) -> Iterator[Record]:
        tz = zone(options)
        conv = self._conversation(path, info, options)
        yield conv
        people = Participants(conv.id)
        order = TimeOrder()
        current: list[Any] | None = None  # [first line, byte start, header match, lines, last content line/byte]
        found = False
        for number, offset, line in self._lines(path):
            body = line.rstrip("\r\n")
            m = HEADER.fullmatch(body)
            if m:
                found = True
                if current:
                    yield from self._emit_md(current, info, conv.id, tz, people, order)
                current = [number, offset, m, [m.group(5)], number, offset + len(body.encode("utf-8"))]
            elif current is not None:
                current[3].append(body)
                if body.strip():
                    current[4], current[5] = number, offset + len(body.encode("utf-8"))
            elif body.strip():
                yield ParseIssue(str(path), number, "text before the first message header", offset)
        if current:
            yield from self._emit_md(current, info, conv.id, tz, people, order)
        if not found:
            raise InputError("no signal-export message header ([YYYY-MM-DD HH:MM:SS] Name: ...)", path=str(path))

    def _emit_md(self, current: list[Any], info: FileInfo, cid: str, tz: ZoneInfo | None, people: Participants,
                 order: TimeOrder) -> Iterator[Record]:
        line_start, byte_start, m, lines, line_end, byte_end = current
        span = Span(byte_start, byte_end, line_start, line_end)
        date, sep, clock, sender, _ = m.groups()
        raw = f"{date}{sep}{clock}"
        try:
            time = _local(f"{date}T{clock}", tz)
        except ValueError as exc:
            yield ParseIssue(info.path, line_start, f"bad date {raw!r} ({exc})", byte_start, skipped=False)
            time = None
        text, quote, reactions = split_body("\n".join(lines))
        flags = set(order.check(time))
        details: dict[str, Any] = {"layout": "old" if sep == ", " else "current"}
        if quote is not None:
            details["quote"] = quote
        if reactions:
            details["reactions"] = reactions
        if text == DELETED:
            flags.add(Flag.DELETED)
        attachments = tuple(target for _, target in LINK.findall(text) if target.startswith(("./", "media/", "/")))
        if attachments:
            flags.add(Flag.ATTACHMENT)
        yield from people.see(sender)
        yield Message(info.rid(span), cid, time, raw, sender, text, info.source(span), flags=frozenset(flags),
                      attachments=attachments, details=details)

    def _jsonl(self, path: Path, info: FileInfo, options: ReadOptions) -> Iterator[Record]:
        tz = zone(options)
        conv = self._conversation(path, info, options)
        yield conv
        people = Participants(conv.id)
        order = TimeOrder()
        for number, offset, line in self._lines(path):
            if not line.strip():
                continue
            body = line.rstrip("\r\n")
            span = Span(offset, offset + len(body.encode("utf-8")), number, number)
            try:
                obj = json.loads(body)
                if not isinstance(obj, dict):
                    raise ValueError("not a JSON object")
                yield from self._one(obj, span, info, conv.id, tz, people, order)
            except (ValueError, TypeError, AttributeError, RecursionError) as exc:
                yield ParseIssue(str(path), number, f"unreadable line ({exc})", offset)

    def _one(self, obj: dict[str, Any], span: Span, info: FileInfo, cid: str, tz: ZoneInfo | None,
             people: Participants, order: TimeOrder) -> Iterator[Record]:
        raw = text_of(obj.get("date"))
        time = from_iso(raw, tz) if raw else None
        sender = text_of(obj.get("sender")) or None
        flags = set(order.check(time))
        yield from people.see(sender)
        if obj.get("call") or obj.get("missed"):
            yield Event(info.rid(span), cid, time, raw, EventType.CALL, info.source(span), actor=sender,
                        text=text_of(obj.get("body")), flags=frozenset(flags),
                        details={"missed": bool(obj.get("missed"))})
            return
        details: dict[str, Any] = {}
        if obj.get("quote"):
            details["quote"] = obj["quote"]
        if obj.get("reactions"):
            details["reactions"] = obj["reactions"]
        if obj.get("deleted"):
            flags.add(Flag.DELETED)
        if obj.get("sticker"):
            flags.add(Flag.STICKER)
        attachments = tuple(
            a if isinstance(a, str) else text_of(a.get("fileName") or a.get("name") or a.get("path"))
            for a in obj.get("attachments") or [] if isinstance(a, str | dict)
        )
        if attachments:
            flags.add(Flag.ATTACHMENT)
        yield Message(info.rid(span), cid, time, raw, sender, text_of(obj.get("body")), info.source(span),
                      flags=frozenset(flags), attachments=attachments, details=details)


READER = SignalReader()
