"""Matrix events: a JSON array, JSON Lines, a `/messages` response, a single event, and
Element's "Export chat" JSON (alone or zipped with its media as `export.json`).

Events stream one by one with their byte ranges. State is tracked as it goes (display names,
memberships, power levels) so that a membership change can be typed (kick = leave by someone
else, unban = ban then leave) even when the event lacks `prev_content`.

Reactions (`m.reaction`) become `other` events with details {"action": "reaction", "key",
"relates_to"}: a reaction is an act by a person towards a message, worth keeping for dynamics.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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

STREAM_KEYS = ("messages", "chunk", "state", "events")
HEADER_KEYS = ("room_name", "room_creator", "topic", "export_date", "exported_by")
ATTACHMENT_TYPES = {"m.image", "m.file", "m.video", "m.audio"}
SETTINGS_TYPES = {"m.room.join_rules", "m.room.history_visibility", "m.room.guest_access", "m.room.server_acl",
                  "m.room.canonical_alias"}
ADMIN, MODERATOR = 100, 50
_MX_REPLY = re.compile(r"<mx-reply>.*?</mx-reply>", re.S)
_SNIFF = re.compile(rb'"(origin_server_ts|event_id|room_id|exported_by|room_creator|state_key)"\s*:')
_SNIFF_TYPE = re.compile(rb'"type"\s*:\s*"m\.(room\.|reaction|sticker|call\.)')


def strip_reply_fallback(body: str) -> tuple[str, str]:
    """Split a reply's body into the sender's own text and the quoted fallback ('> ' lines)."""
    lines = body.split("\n")
    n = 0
    while n < len(lines) and lines[n].startswith(">"):
        n += 1
    if n == 0:
        return body, ""
    quote = "\n".join(lines[:n])
    rest = lines[n + 1 :] if n < len(lines) and lines[n] == "" else lines[n:]
    return "\n".join(rest), quote


def role(level: int) -> str:
    return "admin" if level >= ADMIN else "moderator" if level >= MODERATOR else "member"


def _rank(level: int) -> int:
    return 2 if level >= ADMIN else 1 if level >= MODERATOR else 0


def _level(value: Any, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


class _Room:
    """State of the stream: conversations by room, names, memberships, power levels."""

    def __init__(self, info: FileInfo, tz: ZoneInfo | None, options: ReadOptions) -> None:
        self.info = info
        self.tz = tz
        self.options = options
        self.header: dict[str, Any] = {}
        self.convs: dict[str | None, Conversation] = {}
        self.people: dict[str, Participants] = {}
        self.names: dict[str, str] = {}
        self.membership: dict[str, str] = {}
        self.levels: dict[str, dict[str, Any]] = {}
        self.order = TimeOrder()

    def name(self, mxid: str | None) -> str | None:
        return self.names.get(mxid, mxid) if mxid else None

    def conversation(self, room_id: str | None) -> Iterator[Record]:
        # an Element export is one room: events lacking room_id, or naming it, all belong to it
        single_room = "exported_by" in self.header or "room_name" in self.header
        if room_id in self.convs or (self.convs and (room_id is None or single_room)):
            return
        title = text_of(self.header.get("room_name")) or None
        details = {k: self.header[k] for k in HEADER_KEYS if k in self.header}
        conv = Conversation(conversation_id(self.info.sha256, room_id), "matrix", title, self.info.sha256,
                            native_id=room_id, chat_type="group", tz=self.options.tz, details=details)
        self.convs[room_id] = conv
        self.people[conv.id] = Participants(conv.id)
        yield conv

    def event(self, ev: Any, span: Span) -> Iterator[Record]:
        if not isinstance(ev, dict):
            yield ParseIssue(self.info.path, span.line_start, "an event is not a JSON object", span.byte_start)
            return
        room_id = ev.get("room_id") if isinstance(ev.get("room_id"), str) else None
        yield from self.conversation(room_id)
        conv = self.convs.get(room_id) or next(iter(self.convs.values()))
        sender = ev.get("sender") if isinstance(ev.get("sender"), str) else None
        etype = text_of(ev.get("type"))
        content = _dict(ev.get("content"))
        if etype != "m.room.member" and sender:
            yield from self.people[conv.id].see(self.names.get(sender), sender)
        ts = ev.get("origin_server_ts")
        time = from_epoch(ts / 1000, self.tz) if isinstance(ts, int | float) and not isinstance(ts, bool) else None
        base = {"cid": conv.id, "time": time, "raw": str(ts) if ts is not None else "", "span": span,
                "sender": sender, "native": ev.get("event_id") if isinstance(ev.get("event_id"), str) else None,
                "flags": self.order.check(time)}
        unsigned = _dict(ev.get("unsigned"))
        if etype in ("m.room.message", "m.sticker", "m.room.encrypted"):
            yield self._message(ev, etype, content, unsigned, base)
        elif etype == "m.room.member":
            yield from self._member(ev, content, unsigned, base, conv.id)
        elif etype == "m.room.power_levels":
            yield from self._power(ev, content, unsigned, base, room_id)
        else:
            yield self._state(ev, etype, content, base)

    def _event(self, base: dict[str, Any], etype: str, suffix: str = "", **kw: Any) -> Event:
        span = base["span"]
        return Event(self.info.rid(span, suffix), base["cid"], base["time"], base["raw"], etype,
                     self.info.source(span), actor=self.name(base["sender"]), actor_id=base["sender"],
                     native_id=base["native"], flags=base["flags"], **kw)

    def _message(self, ev: dict[str, Any], etype: str, content: dict[str, Any], unsigned: dict[str, Any],
                 base: dict[str, Any]) -> Message:
        flags = set(base["flags"])
        details: dict[str, Any] = {}
        relates = _dict(content.get("m.relates_to"))
        rel_type = relates.get("rel_type")
        msgtype = text_of(content.get("msgtype"))
        text = text_of(content.get("body"))
        reply_to = None
        edited = None
        if etype == "m.room.encrypted":
            details["encrypted"] = True
        if "redacted_because" in unsigned:
            flags.add(Flag.DELETED)
            details["redacted_by"] = _dict(unsigned["redacted_because"]).get("sender")
        if rel_type == "m.replace":
            new = _dict(content.get("m.new_content"))
            flags.add(Flag.EDITED)
            details["replaces"] = relates.get("event_id")
            details["fallback_body"] = text
            text = text_of(new.get("body")) if new else text
            msgtype = text_of(new.get("msgtype")) or msgtype
            edited = base["time"]
        else:
            in_reply = _dict(relates.get("m.in_reply_to")).get("event_id")
            if rel_type == "m.thread":
                details["thread_root"] = relates.get("event_id")
            if isinstance(in_reply, str) and not relates.get("is_falling_back"):
                reply_to = in_reply
                text, quote = strip_reply_fallback(text)
                if quote:
                    details["reply_fallback"] = quote
                formatted = content.get("formatted_body")
                if isinstance(formatted, str) and "<mx-reply>" in formatted:
                    details["formatted_body"] = _MX_REPLY.sub("", formatted)
        attachments: tuple[str, ...] = ()
        if msgtype in ATTACHMENT_TYPES:
            flags.add(Flag.ATTACHMENT)
            attachments = (text_of(content.get("filename")) or text or text_of(content.get("url")),)
        elif msgtype == "m.location":
            flags.add(Flag.LOCATION)
        if etype == "m.sticker":
            flags.add(Flag.STICKER)
        if msgtype and msgtype != "m.text":
            details["msgtype"] = msgtype
        mentions = _dict(content.get("m.mentions")).get("user_ids")
        span = base["span"]
        return Message(
            self.info.rid(span), base["cid"], base["time"], base["raw"], self.name(base["sender"]), text,
            self.info.source(span), sender_id=base["sender"], native_id=base["native"], reply_to=reply_to,
            mentions=tuple(m for m in mentions if isinstance(m, str)) if isinstance(mentions, list) else (),
            flags=frozenset(flags), attachments=attachments, edited_time=edited, details=details,
        )

    def _member(self, ev: dict[str, Any], content: dict[str, Any], unsigned: dict[str, Any],
                base: dict[str, Any], cid: str) -> Iterator[Record]:
        target = ev.get("state_key") if isinstance(ev.get("state_key"), str) else None
        prev_content = _dict(unsigned.get("prev_content") or ev.get("prev_content"))
        new = text_of(content.get("membership"))
        prev = text_of(prev_content.get("membership")) or self.membership.get(target or "", "")
        old_name = self.names.get(target or "")
        display = content.get("displayname") if isinstance(content.get("displayname"), str) else None
        if target and new in ("join", "invite") and display:
            self.names[target] = display
        if target:
            self.membership[target] = new
            yield from self.people[cid].see(display or self.names.get(target), target)
        if base["sender"] and base["sender"] != target:
            yield from self.people[cid].see(self.names.get(base["sender"]), base["sender"])
        details: dict[str, Any] = {"membership": new, "previous_membership": prev or None}
        if "reason" in content:
            details["reason"] = content["reason"]
        self_act = base["sender"] == target
        if new == "join" and prev == "join":
            old = text_of(prev_content.get("displayname")) or old_name
            if display != old:
                etype, details["previous_name"], details["name"] = EventType.NAME_CHANGED, old, display
            else:
                etype, details["action"] = EventType.OTHER, "profile_changed"
        elif new == "join":
            etype = EventType.JOINED
        elif new == "leave":
            if prev == "ban" and not self_act:
                etype = EventType.UNBANNED
            elif self_act:
                etype = EventType.LEFT
                if prev == "invite":
                    details["action"] = "invite_rejected"
            else:
                etype = EventType.REMOVED
                if prev == "invite":
                    details["action"] = "invite_revoked"
        elif new == "ban":
            etype = EventType.BANNED
        elif new == "invite":
            etype = EventType.INVITED
        else:
            etype, details["action"] = EventType.OTHER, new or "m.room.member"
        targets = (display or self.name(target),) if target else ()
        if etype == EventType.NAME_CHANGED:
            targets = (display,) if display else ()
        yield self._event(base, etype, targets=tuple(t for t in targets if t), target_ids=(target,) if target else (),
                          details=details)

    def _power(self, ev: dict[str, Any], content: dict[str, Any], unsigned: dict[str, Any],
               base: dict[str, Any], room_id: str | None) -> Iterator[Record]:
        prev = _dict(unsigned.get("prev_content") or ev.get("prev_content")) or self.levels.get(room_id or "")
        self.levels[room_id or ""] = content
        users = {u: _level(v) for u, v in _dict(content.get("users")).items()}
        default = _level(content.get("users_default"))
        prev_users = {u: _level(v) for u, v in _dict((prev or {}).get("users")).items()}
        prev_default = _level((prev or {}).get("users_default"))
        details = {k: v for k, v in content.items()}
        if prev:
            details["previous_users"] = prev_users
        yield self._event(base, EventType.ROLE_CHANGED, details=details)
        for n, user in enumerate(sorted(set(users) | set(prev_users)), 1):
            old, now = prev_users.get(user, prev_default), users.get(user, default)
            if _rank(now) == _rank(old):
                continue
            etype = EventType.ADMIN_GRANTED if _rank(now) > _rank(old) else EventType.ADMIN_REVOKED
            yield self._event(base, etype, f"#{n}", targets=(self.name(user) or user,), target_ids=(user,),
                              details={"role": role(now), "previous_role": role(old), "level": now,
                                       "previous_level": old})

    def _state(self, ev: dict[str, Any], etype: str, content: dict[str, Any], base: dict[str, Any]) -> Event:
        if etype == "m.room.redaction":
            redacts = content.get("redacts") or ev.get("redacts")
            details = {"redacts": redacts}
            if "reason" in content:
                details["reason"] = content["reason"]
            return self._event(base, EventType.MESSAGE_DELETED, details=details)
        if etype == "m.reaction":
            relates = _dict(content.get("m.relates_to"))
            return self._event(base, EventType.OTHER, text=text_of(relates.get("key")),
                               details={"action": "reaction", "key": relates.get("key"),
                                        "relates_to": relates.get("event_id")})
        if etype == "m.room.create":
            return self._event(base, EventType.CREATED, details={k: v for k, v in content.items()})
        if etype == "m.room.name":
            name = text_of(content.get("name"))
            return self._event(base, EventType.SUBJECT_CHANGED, text=name, details={"title": name})
        if etype == "m.room.topic":
            topic = text_of(content.get("topic"))
            return self._event(base, EventType.DESCRIPTION_CHANGED, text=topic, details={"topic": topic})
        if etype == "m.room.avatar":
            url = content.get("url")
            return self._event(base, EventType.ICON_CHANGED if url else EventType.ICON_REMOVED,
                               details={"url": url} if url else {})
        if etype == "m.room.encryption":
            return self._event(base, EventType.ENCRYPTION_NOTICE, details=dict(content))
        if etype in SETTINGS_TYPES:
            return self._event(base, EventType.SETTINGS_CHANGED, details={"setting": etype, **content})
        if etype == "m.room.pinned_events":
            return self._event(base, EventType.PINNED, details={"pinned": content.get("pinned")})
        if etype.startswith("m.call."):
            return self._event(base, EventType.CALL, details={"action": etype})
        return self._event(base, EventType.OTHER, details={"action": etype or "unknown"})


class MatrixReader:
    name = "matrix"

    def sniff(self, head: bytes, filename: str) -> float:
        start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        if start not in (b"{", b"["):
            return 0.0
        hits = len(set(_SNIFF.findall(head))) + (2 if _SNIFF_TYPE.search(head) else 0)
        if b'"exported_by"' in head and b'"room_name"' in head:
            return 0.95
        return min(0.9, 0.25 * hits)

    def read(self, path: Path, options: ReadOptions) -> Iterator[Record]:
        if is_zip(path):
            fh, info = open_zip_member(path, options, ("export.json",))
        else:
            fh, info = open(path, "rb"), file_info(path)
        return counted(self._records(fh, info, options), Summary(str(path), info.sha256, "matrix", encoding="utf-8"))

    def _records(self, fh: IO[bytes], info: FileInfo, options: ReadOptions) -> Iterator[Record]:
        room = _Room(info, zone(options), options)
        emitted = False
        with fh:
            cur = JsonCursor(fh, info.path)
            try:
                for record in self._walk(cur, room):
                    emitted = True
                    yield record
                if not emitted:
                    raise InputError("no Matrix events in this JSON", path=info.path)
            except ParseError as exc:
                if not emitted:
                    raise
                yield ParseIssue(info.path, exc.line, exc.cause, cur.byte_pos)

    def _events(self, cur: JsonCursor, room: _Room) -> Iterator[Record]:
        for obj, span, error in cur.array_values():
            if error is not None:
                yield skipped_issue(room.info.path, error, span)
                continue
            yield from self._safe(room, obj, span)

    def _safe(self, room: _Room, obj: Any, span: Span) -> Iterator[Record]:
        try:
            yield from room.event(obj, span)
        except (TypeError, ValueError, AttributeError, OverflowError) as exc:
            yield ParseIssue(room.info.path, span.line_start, f"unreadable event ({exc})", span.byte_start)

    def _walk(self, cur: JsonCursor, room: _Room) -> Iterator[Record]:
        first = cur.peek()
        if first == "[":
            yield from self._events(cur, room)
        elif first == "{":
            start_byte, start_line = cur.byte_pos, cur.line
            streamed = False
            single: dict[str, Any] = {}
            for key in cur.object_keys():
                if key in STREAM_KEYS and cur.peek() == "[":
                    streamed = True
                    yield from self._events(cur, room)
                else:
                    single[key] = cur.value()[0]
                    if key in HEADER_KEYS:
                        room.header[key] = single[key]
            if streamed and not room.convs:  # an export with no events is still a conversation
                yield from room.conversation(None)
            if not streamed:
                if "type" not in single or not ("content" in single or "event_id" in single):
                    raise InputError("a JSON object that is not a Matrix event nor an export", path=room.info.path)
                span = Span(start_byte, cur.byte_pos, start_line, cur.line)
                yield from self._safe(room, single, span)
                while not cur.at_end():  # JSON Lines: more events follow
                    obj, span = cur.value()
                    yield from self._safe(room, obj, span)
        else:
            raise InputError("not a Matrix export (expected JSON)", path=room.info.path)


READER = MatrixReader()
