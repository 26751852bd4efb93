"""The WhatsApp reader: Android and iOS `.txt` exports, and `.zip` exports holding one.

Two streaming passes over the text, never holding it whole:
1. header lines only: the layout(s) in use, every distinct date (for the date order), and the
   senders' names (to split names that contain `: `);
2. records: each header line opens a record, the lines after it (up to the next header of the
   file's layout) continue it. System lines are recognised by vocabulary before any split on
   `: `, both author-less (Android) and author-prefixed (iOS: the group name or the actor).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ...errors import InputError, UsageError
from ...records import (
    Conversation,
    Event,
    EventType,
    Flag,
    Message,
    ParseIssue,
    Participant,
    Record,
    Source,
    Summary,
)
from ..archive import read_member, safe_members
from ..base import ReadOptions, conversation_id, record_id, sha256_bytes, sha256_file
from ..textio import HEAD_BYTES, detect_encoding, iter_lines, open_text
from . import system
from .dates import ORDERS, DateEvidence, TimeBuilder, decide_order, is_ambiguous_date
from .headers import MARKS, Header, could_be_header, lex
from .names import NameTable, clean_sender, phone_of

PLATFORM = "whatsapp"
_TITLE = re.compile(
    r"^(?:WhatsApp Chat with |Discussion WhatsApp avec |WhatsApp Chat - |WhatsApp-Chat mit |"
    r"Chat de WhatsApp con |Chat WhatsApp con |Conversa do WhatsApp com |WhatsApp Chat met )(?P<t>.+?)"
    r"(?: \(\d+\))?$"
)
_CHAT_MEMBER = re.compile(r"(^|/)(_chat\.txt|WhatsApp Chat.*\.txt|Discussion WhatsApp.*\.txt)$", re.I)
_YOU_PREFIXES = ("You ", "You'", "Vous ")
def title_from_name(name: str) -> str | None:
    stem = Path(name).stem if name.lower().endswith((".txt", ".zip")) else name
    m = _TITLE.match(stem)
    return m.group("t").strip() if m else None


@dataclass
class _Pending:
    """The record being read: its header line and continuation lines."""

    header: Header
    line: int
    start: int
    end: int
    rest: str
    parts: list[str] = field(default_factory=list)  # continuation: eol, text, eol, text...
    last_line: int = 0
    eol: str = ""


@dataclass
class _Scan:
    layouts: Counter = field(default_factory=Counter)
    dates: DateEvidence = field(default_factory=DateEvidence)
    names: NameTable = field(default_factory=NameTable)
    lines: int = 0


class WhatsAppReader:
    name = PLATFORM

    # -- sniffing ---------------------------------------------------------------------------
    def sniff(self, head: bytes, filename: str) -> float:
        lower = filename.lower()
        if head.startswith(b"PK\x03\x04"):
            if b"_chat.txt" in head[:4096] or "whatsapp" in lower:
                return 0.9
            if re.search(rb"WhatsApp Chat[^\x00]*\.txt", head[:4096]):
                return 0.9
            return 0.0
        try:
            encoding = detect_encoding(head, filename)
        except InputError:
            return 0.0
        text = head.decode(encoding.replace("-sig", ""), errors="ignore").lstrip("\ufeff")
        lines = text.splitlines()[:50]
        hits = 0
        for line in lines:
            h = lex(line) if could_be_header(line) else None
            if h is not None:
                hits += 1
        if not lines or hits == 0:
            return 0.05 if "whatsapp" in lower else 0.0
        share = hits / len(lines)
        score = 0.6 + 0.35 * min(1.0, share * 1.5)
        if "whatsapp" in lower or lower.endswith("_chat.txt"):
            score = min(1.0, score + 0.05)
        return score

    # -- reading ----------------------------------------------------------------------------
    def read(self, path: Path, options: ReadOptions) -> Iterator[Record]:
        path = Path(path)
        if options.date_order and options.date_order not in ORDERS:
            raise UsageError(f"--date-order must be one of {', '.join(ORDERS)}, not {options.date_order!r}")
        tz = None
        if options.tz:
            try:
                tz = ZoneInfo(options.tz)
            except (ZoneInfoNotFoundError, ValueError):
                raise UsageError(f"unknown time zone {options.tz!r} (use an IANA name like Europe/Paris)") from None
        opener, sha, container_sha, member = self._open(path, options)
        yield from _Parse(path, opener, sha, container_sha, member, options, tz).run()

    def _open(
        self, path: Path, options: ReadOptions
    ) -> tuple[Callable[[], BinaryIO], str, str | None, str | None]:
        with open(path, "rb") as fh:
            head = fh.read(4)
        if head.startswith(b"PK\x03\x04") or zipfile.is_zipfile(path):
            members = safe_members(path, options.max_uncompressed)
            texts = [m for m in members if m.filename.lower().endswith(".txt")]
            chosen = [m for m in texts if _CHAT_MEMBER.search(m.filename)] or texts
            if not chosen:
                raise InputError("the zip holds no chat text (_chat.txt or WhatsApp Chat ….txt)", path=str(path))
            info = chosen[0]
            data = read_member(path, info, options.max_uncompressed)
            return (lambda: io.BytesIO(data)), sha256_bytes(data), sha256_file(path), info.filename
        return (lambda: open(path, "rb")), sha256_file(path), None, None


@dataclass
class _Counts:
    messages: int = 0
    events: int = 0
    issues: int = 0
    skipped: int = 0
    backwards: int = 0
    participants: int = 0


class _Parse:
    """One read of one export (both passes)."""

    def __init__(
        self,
        path: Path,
        opener: Callable[[], BinaryIO],
        sha: str,
        container_sha: str | None,
        member: str | None,
        options: ReadOptions,
        tz,
    ) -> None:
        self.path, self.opener, self.sha = path, opener, sha
        self.container_sha, self.member = container_sha, member
        self.options, self.tz = options, tz
        self.display = str(path) + (f"!{member}" if member else "")
        self.conv_id = conversation_id(sha)
        self.title = title_from_name(path.name)
        self.counts = _Counts()
        self.senders: set[str] = set()
        self.last_time: datetime | None = None
        self.last_subject: str | None = None

    # -- pass 1 ------------------------------------------------------------------------------
    def scan(self, encoding: str, skip: int) -> _Scan:
        scan = _Scan()
        dates, names, layouts = scan.dates, scan.names, scan.layouts
        with self.opener() as fh:
            fh.seek(skip)
            for text, _eol, _s, _e in iter_lines(fh, encoding, skip):
                scan.lines += 1
                if not text or not could_be_header(text):
                    continue
                h = lex(text)
                if h is None:
                    continue
                layouts[h.layout] += 1
                dates.add(h.d1, h.d2, h.d3)
                dates.headers += 1
                if h.pm is not None:
                    dates.twelve_hour += 1
                names.observe(text[h.end :])
        return scan

    # -- pass 2 ------------------------------------------------------------------------------
    def run(self) -> Iterator[Record]:
        with self.opener() as fh:
            encoding, skip = open_text(fh, self.display)
        scan = self.scan(encoding, skip)
        if not scan.layouts:
            raise InputError("no WhatsApp message header found (not a WhatsApp export?)", path=self.display)
        top = scan.layouts.most_common(1)[0][1]
        # A file normally has one layout; others count only if frequent (a header quoted inside
        # a message, in another layout, stays part of that message).
        self.layouts = {k for k, v in scan.layouts.items() if v == top or v >= max(3, top // 10)}
        decision = decide_order(scan.dates, self.options.date_order)
        self.decision = decision
        self.names = scan.names
        self.times = TimeBuilder(decision.order, self.tz)
        yield Conversation(
            id=self.conv_id,
            platform=PLATFORM,
            title=self.title,
            source_sha256=self.container_sha or self.sha,
            chat_type=None,
            tz=self.options.tz,
            date_order=decision.order,
            date_order_ambiguous=decision.ambiguous,
            details={"file": self.path.name, **({"member": self.member} if self.member else {})},
        )
        with self.opener() as fh:
            fh.seek(skip)
            yield from self._records(iter_lines(fh, encoding, skip))
        c = self.counts
        yield Summary(
            path=self.display,
            sha256=self.sha,
            format=PLATFORM,
            messages=c.messages,
            events=c.events,
            conversations=1,
            skipped_lines=c.skipped,
            issues=c.issues,
            date_order=decision.order,
            date_order_ambiguous=decision.ambiguous,
            encoding=encoding,
            details={
                "date_order_reason": decision.reason,
                "lines": scan.lines,
                "participants": c.participants,
                "time_backwards": c.backwards,
                "last_subject": self.last_subject,
                **({"container_sha256": self.container_sha, "member": self.member} if self.member else {}),
            },
        )

    def _records(self, lines) -> Iterator[Record]:
        layouts = self.layouts
        pending: _Pending | None = None
        lineno = 0
        orphan_start: int | None = None  # first line of a run of lines before any header
        orphan_count = 0
        for text, eol, start, end in lines:
            lineno += 1
            if text is None:
                if pending is not None:
                    yield from self._flush(pending)
                    pending = None
                yield self._issue(lineno, start, "undecodable bytes (not valid in the file's encoding); line skipped")
                self.counts.skipped += 1
                continue
            h = lex(text) if could_be_header(text) else None
            if h is not None and h.layout in layouts:
                if orphan_count:
                    yield self._issue(orphan_start, None, f"{orphan_count} line(s) before the first message header; skipped")
                    orphan_count = 0
                if pending is not None:
                    yield from self._flush(pending)
                pending = _Pending(h, lineno, start, end, text[h.end :], last_line=lineno, eol=eol)
            elif pending is not None:
                pending.parts.append(pending.eol)
                pending.parts.append(text)
                pending.end = end
                pending.last_line = lineno
                pending.eol = eol
            else:
                if not text.strip(" \t" + MARKS):
                    continue
                if orphan_count == 0:
                    orphan_start = lineno
                orphan_count += 1
                self.counts.skipped += 1
        if orphan_count:
            yield self._issue(orphan_start, None, f"{orphan_count} line(s) before the first message header; skipped")
        if pending is not None:
            yield from self._flush(pending)

    def _issue(self, line: int | None, byte_start: int | None, cause: str) -> ParseIssue:
        self.counts.issues += 1
        return ParseIssue(self.display, line, cause, byte_start)

    def _flush(self, p: _Pending) -> Iterator[Record]:
        h = p.header
        source = Source(
            self.sha, p.line, p.last_line, p.start, p.end, str(self.path), self.container_sha, self.member
        )
        flags: set[str] = set()
        day = self.times.day(h.d1, h.d2, h.d3)
        when = None
        if day is not None:
            hour = h.hour % 12 + (12 if h.pm else 0) if h.pm is not None else h.hour
            when = self.times.build(day, hour, h.minute, h.second)
        if when is None:
            yield self._issue(p.line, p.start, f"impossible date or time {h.raw!r} for date order {self.times.order}")
        elif self.last_time is not None and when < self.last_time:
            flags.add(Flag.TIME_BACKWARDS)
            self.counts.backwards += 1
        if when is not None:
            self.last_time = when
        if self.decision.ambiguous and is_ambiguous_date(h.d1, h.d2, self.times.order):
            flags.add(Flag.DATE_AMBIGUOUS)
        rest = p.rest if not p.parts else p.rest + "".join(p.parts)
        rid = record_id(self.sha, p.start)
        split = self.names.split(p.rest)
        if split is not None:
            raw_name, body_at = split
            suspicious = not self.names.known(raw_name) or '"' in raw_name or "“" in raw_name or "«" in raw_name
            if suspicious:
                event = system.classify(rest)
                if event is not None:
                    yield from self._event(rid, when, h, event, rest, source, flags, author=None)
                    return
            sender, non_contact = clean_sender(raw_name)
            body = rest[body_at:]
            event = self._author_system(sender, body)
            if event is not None:
                yield from self._event(rid, when, h, event, body, source, flags, author=sender)
                return
            yield from self._message(rid, when, h, sender, non_contact, body, source, flags)
            return
        event = system.classify(rest)
        if event is None:
            event = system.SystemEvent(EventType.UNKNOWN_SYSTEM.value, None, (), {})
        yield from self._event(rid, when, h, event, rest, source, flags, author=None)

    def _author_system(self, author: str, body: str) -> system.SystemEvent | None:
        """iOS (and some Android) system lines carry an author: the group name or the actor."""
        lead = body.lstrip(MARKS + " ")
        if lead[:4] in system.ACTORLESS_HEADS:
            event = system.classify(body, system.ACTORLESS)
            if event is not None:
                return event
        if not lead:
            return None
        if self.counts.messages + self.counts.events == 0 and body[0] in MARKS and "WhatsApp" in body:
            # The first line of an iOS export is the encryption notice, in the phone's language.
            return system.SystemEvent(EventType.ENCRYPTION_NOTICE.value, None, (), {"guessed": True})
        if (
            body[0] in MARKS
            or author == self.title
            or lead.startswith(_YOU_PREFIXES)
            or (lead.startswith(author) and lead[len(author) : len(author) + 1] == " ")
        ):
            event = system.classify(body)
            if event is not None and event.type != EventType.UNKNOWN_SYSTEM:
                return event
        return None

    def _participant(self, name: str, non_contact: bool) -> Iterator[Record]:
        if name in self.senders or len(self.senders) > 100_000 or name.casefold() in system.YOU_WORDS:
            return
        self.senders.add(name)
        self.counts.participants += 1
        details = {"non_contact": True} if non_contact else {}
        yield Participant(self.conv_id, name, phone=phone_of(name), details=details)

    def _message(self, rid, when, h, sender, non_contact, body, source, flags) -> Iterator[Record]:
        more, attachments = system.message_flags(body)
        if more:
            flags |= more
        yield from self._participant(sender, non_contact)
        self.counts.messages += 1
        yield Message(
            id=rid,
            conversation_id=self.conv_id,
            time=when,
            time_raw=h.raw,
            sender=sender,
            text=body,
            source=source,
            sender_id=phone_of(sender),
            flags=frozenset(flags),
            attachments=attachments,
            details={"non_contact": True} if non_contact else {},
        )

    def _event(self, rid, when, h, event, text, source, flags, author) -> Iterator[Record]:
        details = dict(event.details)
        actor = event.actor
        if author is not None:
            details["author"] = author
            if actor is None and event.type in (EventType.CALL, EventType.UNKNOWN_SYSTEM):
                actor = author
        if actor is not None:
            actor_name, non_contact = clean_sender(actor)
            if non_contact:
                details["non_contact"] = True
            actor = actor_name
            if actor in system.YOU_WORDS or actor.casefold() in system.YOU_WORDS:
                details["is_exporter"] = True
            yield from self._participant(actor, non_contact)
        if event.type == EventType.SUBJECT_CHANGED and "new_title" in details:
            self.last_subject = details["new_title"]
        elif event.type == EventType.CREATED and "title" in details:
            self.last_subject = details["title"]
        self.counts.events += 1
        yield Event(
            id=rid,
            conversation_id=self.conv_id,
            time=when,
            time_raw=h.raw,
            type=event.type,
            source=source,
            actor=actor,
            targets=event.targets,
            text=text,
            flags=frozenset(flags),
            details=details,
        )


READER = WhatsAppReader()

__all__ = ["READER", "WhatsAppReader", "title_from_name", "HEAD_BYTES"]
