"""The WhatsApp reader: Android and iOS `.txt` exports, and `.zip` exports holding one.

Two streaming passes over the file, never holding it whole:
1. header lines only: the layout(s) in use, every distinct date (for the date order), and the
   senders' names (to split names that contain `: `) — on the raw bytes of a UTF-8 file;
2. records: each header line opens a record, the lines after it (up to the next header of the
   file's layout) continue it. System lines are recognised by vocabulary before any split on
   `: `, both author-less (Android) and author-prefixed (iOS: the group name or the actor).
   A file of one layout is split on its headers and its plain messages are built inline; the
   rest goes through `_Parse._record` (the same records either way: tested on every export).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import compress, groupby, islice
from operator import itemgetter
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
from ..textio import (
    HEAD_BYTES,
    LEGACY,
    Chunk,
    bom_length,
    codec_of,
    detect,
    detect_encoding,
    encoded_length,
    has_surrogate,
    iter_byte_chunks,
    iter_chunks,
    replace_undecodable,
)
from . import system
from .dates import ORDERS, DateEvidence, TimeBuilder, decide_order
from .headers import (
    HEADER_N,
    MARKS,
    PASS1,
    ROW_DATE,
    ROW_LAYOUT,
    ROW_NAME,
    ROW_NAME2,
    Header,
    could_be_header,
    from_match,
    layout_of_row,
    layout_regex,
    lex,
    names_of,
    pass1_regex,
    split_regex,
)
from .names import NameTable, clean_sender, phone_of

PLATFORM = "whatsapp"
_AROUND = MARKS + "[] -\u2013\u00a0\u202f\n"
_NO_FLAGS: frozenset[str] = frozenset()
_BACKWARDS = frozenset({Flag.TIME_BACKWARDS})
_AMBIGUOUS = frozenset({Flag.DATE_AMBIGUOUS})
_UNDECODABLE = frozenset({Flag.UNDECODABLE})
_MARK_SET = frozenset(MARKS)
_TWO_MARKS = ("\u200e\u200e", "\u200f\u200f")
_DAMAGE = re.compile("[\ufffd\r\x00]|[\u200e\u200f]{3}|[^\n]{200}")  # never in a real name
# WhatsApp's notices after two marks end with a second sentence after a mark ("… changed.
# \u200eTap to learn more."): a sentence end, a mark, a word
_NOTICE_TAIL = re.compile(r"[.!?\u3002\u0964\u06d4]\s*[\u200e\u200f]\w")
_GROUP_EVENTS = frozenset(
    EventType(t)
    for t in (
        "created",
        "added",
        "removed",
        "subject_changed",
        "icon_changed",
        "description_changed",
        "settings_changed",
    )
)
_TITLE = re.compile(
    r"^(?:WhatsApp Chat with |Discussion WhatsApp avec |WhatsApp Chat - |WhatsApp-Chat mit |"
    r"Chat de WhatsApp con |Chat WhatsApp con |Conversa do WhatsApp com |WhatsApp Chat met |WhatsApp-chat met )(?P<t>.+?)"
    r"(?: \(\d+\))?$"
)
_CHAT_MEMBER = re.compile(r"(^|/)(_chat\.txt|WhatsApp Chat.*\.txt|Discussion WhatsApp.*\.txt)$", re.I)
_YOU_PREFIXES = ("You ", "You'", "Vous ")
_YOU_HEADS = frozenset(p[:4] for p in _YOU_PREFIXES)  # the same, as first 4 characters


_SUBJECT_HINTS = (
    "créé le groupe",
    "sujet",
    "created group",
    "subject",
    "group name",
    "Gruppe",
    "Betreff",
    "Gruppennamen",
    "grupo",
    "asunto",
    "gruppo",
    "oggetto",
    "assunto",
    "groep",
    "onderwerp",
)


_SUBJECT_HINT = re.compile("|".join(map(re.escape, _SUBJECT_HINTS)))


def _subject_in(text: str) -> str | None:
    """The last group subject set or created in `text` (the first chunk of the file)."""
    subject = None
    done = -1  # the end of the last line read (a line with two hints is read once)
    for hint in _SUBJECT_HINT.finditer(text):
        if hint.start() < done:
            continue
        begin = text.rfind("\n", 0, hint.start()) + 1
        done = text.find("\n", hint.end())
        if done < 0:
            done = len(text)
        line = text[begin:done].rstrip("\r")
        h = lex(line)
        if h is None:
            continue
        rest = line[h.end :]
        for candidate in (rest, rest.partition(": ")[2]):
            event = system.classify(candidate)
            if event is not None and event.type in (EventType.CREATED, EventType.SUBJECT_CHANGED):
                subject = event.details.get("title") or event.details.get("new_title") or subject
                break
    return subject


def title_from_name(name: str) -> str | None:
    stem = Path(name).stem if name.lower().endswith((".txt", ".zip")) else name
    m = _TITLE.match(stem)
    return m.group("t").strip() if m else None


@dataclass
class _Scan:
    layouts: Counter = field(default_factory=Counter)
    dates: DateEvidence = field(default_factory=DateEvidence)
    names: NameTable = field(default_factory=NameTable)
    lines: int = 0
    layout_rows: int = 0  # headers counted by the file's one layout regex (after the first chunk)
    subject: str | None = None  # the group's subject as last set in the first chunk


class WhatsAppReader:
    name = PLATFORM

    # -- sniffing ---------------------------------------------------------------------------
    def sniff(self, head: bytes, filename: str) -> float:
        lower = filename.lower()
        if head.startswith(b"PK\x03\x04"):
            if b"_chat.txt" in head[:4096] or "whatsapp" in lower:
                return 0.9
            if re.search(rb"(WhatsApp Chat|Discussion WhatsApp)[^\x00]*\.txt", head[:4096]):
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
                raise UsageError(
                    f"unknown time zone {options.tz!r} (use an IANA name like Europe/Paris)"
                ) from None
        opener, sha, container_sha, member = self._open(path, options)
        # the records' generator itself (not wrapped: one generator less for every record);
        # so bad options and unreadable files raise here, at the call
        return _Parse(path, opener, sha, container_sha, member, options, tz).run()

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
                raise InputError(
                    "the zip holds no chat text (_chat.txt or WhatsApp Chat ….txt)", path=str(path)
                )
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

    inline = True  # build plain messages inline (False: every record through `_record`)
    binary_pass = True  # first pass on the raw bytes of UTF-8 files (False: on decoded text)

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
        self._path_str = str(path)
        # Authors seen writing a system line about someone else (iOS: the group itself, e.g.
        # "Brigade: Major Petit vous a ajouté·e"): their lines are read with every vocabulary.
        # Never a reason to take a "Name: text" line for a system line by itself.
        self.system_authors: set[str] = set()
        # Names that may be the group itself (the file's title when the first pass sees it write
        # no plain line, the group's subject), until they write a plain message: only their
        # mark-led lines of unknown wording (not media) become `unknown_system` events. The
        # title of a one-to-one export is the contact's name: the contact writes plain lines.
        self.group_names: set[str] = set()
        self._title_plain = 0  # lines "Title: text" whose text starts with no mark (first pass)
        self.plain = False  # the headers carry no marks inside (learnt in the first pass)
        self._ios_lines = True  # the file has bracketed (iOS) headers: set by run()
        # The system vocabularies in use: every language until the file's first typed event
        # tells its language, then that one plus English (see _learn).
        self.lex: system.Lexicon = system.ALL
        self.heads = self.lex.heads  # read on every message: one attribute, not two
        self._inline_heads = self.heads | _YOU_HEADS  # the same and "You"/"Vous" (inline path)
        self._rid_prefix = record_id(sha, 0).rsplit(":", 1)[0]
        self._senders_seen: dict[str, tuple[str, bool, str | None, bool, bool]] = {}
        # raw names whose plain messages the inline path builds: (sender, phone, non_contact)
        self._ready: dict[str, tuple[str, str | None, bool]] = {}
        self._stamps: dict[str, tuple[datetime | None, str, bool]] = {}  # per header text
        # the inline path's caches: possible and unambiguous dates, possible times of day
        self._fast_dates: dict[str, datetime] = {}
        self._fast_clocks: dict[str, timedelta] = {}
        self._days: dict[str, tuple[datetime | None, bool]] = {}  # per date text
        self._clocks: dict[str, timedelta | None] = {}  # per time-of-day text

    # -- pass 1 ------------------------------------------------------------------------------
    def scan(self, encoding: str, skip: int) -> _Scan:
        """First pass: header lines only, matched chunk by chunk and tallied at C speed.

        The layouts are learnt from the first chunk with the general lexer; when it shows a
        single layout, the rest is scanned with that layout's own (faster) regex, on the raw
        bytes when the file is UTF-8 with ASCII digits (no decoding at all)."""
        scan = _Scan()
        raw_layouts: Counter = Counter()
        first_text = ""
        regex = date_regex = None
        binary = False
        last = b""
        # the title's plain lines: " Title: " not followed by a mark (after the header)
        title_s = f" {self.title}: " if self.title else None
        title_b = title_s.encode("utf-8") if title_s else None
        with self.opener() as fh:
            fh.seek(skip)
            if encoding.startswith("utf-8"):
                chunks = ((data, None) for data, _ in iter_byte_chunks(fh, skip))
            else:
                chunks = ((None, chunk.text) for chunk in iter_chunks(fh, encoding, skip))
            for i, (data, text) in enumerate(chunks):
                if title_b is not None:
                    self._count_title(data if data is not None else text, title_b if data is not None else title_s)
                if binary:
                    scan.lines += data.count(b"\n")
                    last = data
                    self._tally_layout(scan, regex.findall(b"\n" + data), date_regex)
                    continue
                if text is None:
                    text = data.decode("utf-8", "surrogateescape")
                scan.lines += text.count("\n")
                last = text
                if i == 0:
                    first_text = "\n" + text
                    rows = PASS1.findall(first_text)
                    self._tally_general(scan, rows, raw_layouts)
                    seen = {layout_of_row(key) for key in raw_layouts}
                    if len(seen) != 1:
                        continue  # several layouts (or none yet): the general lexer goes on
                    layout = next(iter(seen))
                    plain, _ = layout_regex(layout, plain=True)
                    self.plain = len(plain.findall(first_text)) == len(rows)
                    if data is not None and self.binary_pass:
                        # a bytes regex when it finds the same headers (ASCII digits: a bytes
                        # regex knows no others), ASCII spaces first (faster)
                        for ascii_spaces in (True, False):
                            regex, date_regex = pass1_regex(layout, self.plain, True, ascii_spaces)
                            binary = len(regex.findall(b"\n" + data)) == len(rows)
                            if binary:
                                break
                    if not binary:
                        regex, date_regex = pass1_regex(layout, plain=self.plain)
                elif regex is None:
                    self._tally_general(scan, PASS1.findall("\n" + text), raw_layouts)
                else:
                    self._tally_layout(scan, regex.findall("\n" + text), date_regex)
        scan.names.first.pop("", None)
        scan.subject = _subject_in(first_text)
        for key, count in raw_layouts.items():
            scan.layouts[layout_of_row(key)] += count
        if regex is not None:  # the single layout's count so far was kept apart (by row keys)
            scan.layouts[layout] += scan.layout_rows
        dates = scan.dates
        for layout_key, count in scan.layouts.items():
            dates.headers += count
            if layout_key[4]:
                dates.twelve_hour += count
        if last and last[-1:] not in ("\n", b"\n"):
            scan.lines += 1
        return scan

    def _count_title(self, buf: str | bytes, key: str | bytes) -> None:
        """Count the lines where the file's title writes a text that starts with no mark (a
        group never does: its lines are system notices after a mark)."""
        total = buf.count(key)
        if total:
            marks = ("\u200e", "\u200f") if isinstance(key, str) else (b"\xe2\x80\x8e", b"\xe2\x80\x8f")
            self._title_plain += total - sum(buf.count(key + m) for m in marks)

    @staticmethod
    def _tally_general(scan: _Scan, rows: list[tuple[str, ...]], raw_layouts: Counter) -> None:
        """Rows of the general lexer (PASS1): layouts, dates and candidate names."""
        if not rows:
            return
        dates, names = scan.dates, scan.names
        raw_layouts.update(map(itemgetter(*ROW_LAYOUT), rows))
        for key, _ in groupby(map(itemgetter(*ROW_DATE), rows)):
            if key[0]:
                dates.add(key[0], key[1], key[2])
            else:
                dates.add(key[3], key[4], key[5])
        first = list(map(itemgetter(ROW_NAME), rows))
        names.first.update(first)
        second = list(map(itemgetter(ROW_NAME2), rows))
        if any(second):
            names.longer.update(f"{a}: {b}" for a, b in compress(zip(first, second, strict=True), second))
        names.prune()  # memory stays bounded whatever the file size

    @staticmethod
    def _tally_layout(
        scan: _Scan, rows: list[tuple[str, str]] | list[tuple[bytes, bytes]], date_regex: re.Pattern[str]
    ) -> None:
        """(date, names) rows of the file's one layout (pass1_regex), text or bytes: only
        distinct dates and names are decoded (and bytes names cut as the text regex cuts them)."""
        if not rows:
            return
        binary = isinstance(rows[0][0], bytes)
        scan.layout_rows += len(rows)
        dates, names = scan.dates, scan.names
        for key, _ in groupby(map(itemgetter(0), rows)):
            d = date_regex.match(key.decode("utf-8", "surrogateescape") if binary else key)
            dates.add(d["d1"], d["d2"], d["d3"])
        # names: "A" (the text before the first ": ") or "A: B" (before the second)
        for raw, count in Counter(map(itemgetter(1), rows)).items():
            key = names_of(raw.decode("utf-8", "surrogateescape")) if binary else raw
            a, colon, _ = key.partition(": ")
            names.first[a] += count
            if colon:
                names.longer[key] += count
        names.prune()  # memory stays bounded whatever the file size

    # -- pass 2 ------------------------------------------------------------------------------
    def run(self) -> Iterator[Record]:
        with self.opener() as fh:
            head = fh.read(HEAD_BYTES)
        detected = detect(head, self.display)
        encoding, skip = detected.name, bom_length(detected.name, head)
        self.encoding = encoding
        scan = self.scan(encoding, skip)
        if not scan.layouts:
            raise InputError("no WhatsApp message header found (not a WhatsApp export?)", path=self.display)
        top = scan.layouts.most_common(1)[0][1]
        # A file normally has one layout; others count only if frequent (a header quoted inside
        # a message, in another layout, stays part of that message).
        self.layouts = {k for k, v in scan.layouts.items() if v == top or v >= max(3, top // 10)}
        self._ios_lines = any(layout[0] for layout in self.layouts)  # bracketed: author-prefixed system lines
        decision = decide_order(scan.dates, self.options.date_order)
        self.decision = decision
        if self.title and not self._title_plain:
            self.group_names.add(self.title)
        if scan.subject:
            self.group_names.add(scan.subject)
        self.system_authors |= self.group_names
        self.names = scan.names
        self._longer = bool(scan.names.longer)  # some names may contain ": "
        self._colon_names = scan.names.extendable()  # those that do, as far as the file tells
        self.times = TimeBuilder(decision.order, self.tz)
        self.times.ambiguous = decision.ambiguous
        details = {"file": self.path.name, **({"member": self.member} if self.member else {})}
        if scan.subject:
            details["subject"] = scan.subject
        yield Conversation(
            id=self.conv_id,
            platform=PLATFORM,
            title=self.title or scan.subject,
            source_sha256=self.container_sha or self.sha,
            # a subject or more than two regular senders: a group (a one-to-one chat has neither)
            chat_type="group" if scan.subject or sum(v >= 2 for v in scan.names.first.values()) > 2 else None,
            tz=self.options.tz,
            date_order=decision.order,
            date_order_ambiguous=decision.ambiguous,
            details=details,
        )
        if encoding in LEGACY:
            yield self._issue(
                None,
                None,
                f"not UTF-8: decoded as {encoding} (guessed from its bytes, confidence "
                f"{detected.confidence:.2f}); check accented letters",
                skipped=False,
            )
        with self.opener() as fh:
            fh.seek(skip)
            yield from self._records(iter_chunks(fh, encoding, skip))
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
                "encoding_confidence": detected.confidence,
                "lines": scan.lines,
                "participants": c.participants,
                "time_backwards": c.backwards,
                "last_subject": self.last_subject,
                **({"container_sha256": self.container_sha, "member": self.member} if self.member else {}),
            },
        )

    def _records(self, chunks: Iterator[Chunk]) -> Iterator[Record]:
        """Second pass. Records are handed out as soon as built (a consumer that keeps few of
        them keeps the working set in cache)."""
        self._codec = codec_of(self.encoding)[0]
        if len(self.layouts) == 1:
            return self._split_records(chunks)
        return self._match_records(chunks)

    def _nbytes(self, piece: str) -> int:
        """Byte length of a piece of the file's text."""
        return encoded_length(piece, self._codec)

    def _split_records(self, chunks: Iterator[Chunk]) -> Iterator[Record]:
        """A file of one layout: each chunk is split on that layout's headers at C speed; a
        plain message (a known sender, a cached date and time going forward, nothing that
        could make it a system line or flag it) is built inline, anything else goes through
        `_record` (the inline path is `_record`'s common case, made cheap; a test checks that
        both give the same records on every fixture)."""
        sr = self._split = split_regex(next(iter(self.layouts)), plain=self.plain)
        split = sr.regex.split
        slow, nbytes = self._through_record, self._nbytes
        # what the inline path reads, as locals
        fast_ok = self.inline and self._codec == "utf-8" and not self.times.ambiguous
        dates, clocks = self._fast_dates, self._fast_clocks
        get1, get2 = (dates.get, clocks.get) if sr.date_first else (clocks.get, dates.get)
        first_seen = self._fast_when
        ready_get = self._ready.get
        counts = self.counts
        messages = 0  # inline messages not yet added to counts.messages
        placeholders, message_flags = system.PLACEHOLDERS, system.message_flags
        sha, path, csha, member = self.sha, self._path_str, self.container_sha, self.member
        prefix, conv = self._rid_prefix + ":", self.conv_id
        heads = self._inline_heads
        last = self.last_time
        # the last record of the chunk before (it may go on in this chunk):
        # [header, part 1, part 2, text pieces after the header, line, byte, damaged]
        pending: list | None = None
        line, byte = 1, -1
        for chunk in chunks:
            text = chunk.text
            if byte < 0:
                byte = chunk.start
            parts = split("\n" + text)
            n = len(parts)
            lead = parts[0]  # "\n" + the text before the chunk's first header ("" if none)
            if pending is not None:
                pending[6] = pending[6] or chunk.damaged
                if n == 1:  # no header in this chunk: the record goes on
                    pending[3].append(text)
                    continue
                head, p1, p2, pieces, p_line, p_start, p_damaged = pending
                pending = None
                if lead:
                    pieces.append(lead[1:] + "\n")
                after = "".join(pieces)
                self.last_time, counts.messages, messages = last, counts.messages + messages, 0
                size = yield from slow(head, None, p1, p2, after, p_line, p_start, p_damaged)
                last, heads = self.last_time, self._inline_heads
                byte, line = p_start + size, p_line + after.count("\n")
            elif lead:  # text before the file's first header
                orphan = lead[1:] + "\n" if n > 1 else text
                yield from self._orphans(orphan, line, byte)
                byte += nbytes(orphan)
                line += orphan.count("\n")
            if n == 1:
                continue
            inline = fast_ok and not chunk.damaged
            ascii_ = chunk.ascii
            damaged = chunk.damaged
            it = islice(parts, 1, n - 4)  # every record of the chunk but its last
            for head, p1, p2, rest in zip(it, it, it, it, strict=True):
                if inline:
                    # the text without a final "\r" (CRLF files); other trailing blanks: _record
                    if not rest[-1:].isspace():
                        content, cut = rest, 0
                    elif rest[-1] == "\r" and not rest[-2:-1].isspace():
                        content, cut = rest[:-1], 1
                    else:
                        content = ""  # (no ": " in it: _record)
                    try:
                        when = get1(p1) + get2(p2)
                    except TypeError:  # first seen (or impossible, or ambiguous)
                        when = first_seen(p1, p2)
                    i = content.find(": ")
                    if (
                        when is not None
                        and i > 0
                        and (last is None or when >= last)
                        # a sender the inline path may take (see _record)
                        and (got := ready_get(content[:i])) is not None
                    ):
                        sender, phone, non_contact = got
                        body = content[i + 2 :]
                        if not (
                            body[:1] in _MARK_SET
                            or body[:4] in heads  # the system lines' first words, "You", "Vous"
                            or body.startswith(sender)
                        ):
                            last = when
                            nl = content.count("\n")
                            if ascii_:
                                hb, rb = len(head), len(rest)
                            else:
                                hb = len(head) if head.isascii() else len(head.encode())
                                rb = len(rest) if rest.isascii() else len(rest.encode())
                            flags, attachments = _NO_FLAGS, ()
                            if (
                                nl
                                or body in placeholders
                                or body[-1:] in ">)"
                                or ":" in body
                                or "\u200e" in body
                            ):
                                more, attachments = message_flags(body)
                                if more:
                                    flags = frozenset(more)
                            messages += 1
                            yield Message(
                                f"{prefix}{byte}",
                                conv,
                                last,
                                head.strip(_AROUND),
                                sender,
                                body,
                                Source(sha, line, line + nl, byte, byte + hb + rb - cut, path, csha, member),
                                phone,  # sender_id: the phone number a name is
                                None,
                                None,
                                (),
                                flags,
                                attachments,
                                None,
                                None,
                                {"non_contact": True} if non_contact else {},
                            )
                            byte += hb + rb + 1
                            line += nl + 1
                            continue
                after = rest + "\n"
                self.last_time, counts.messages, messages = last, counts.messages + messages, 0
                size = yield from slow(head, None, p1, p2, after, line, byte, damaged)
                last, heads = self.last_time, self._inline_heads
                byte, line = byte + size, line + after.count("\n")
            head, p1, p2, rest = parts[n - 4 :]
            pending = [head, p1, p2, [rest], line, byte, chunk.damaged]
        self.last_time, counts.messages = last, counts.messages + messages
        if pending is not None:
            head, p1, p2, pieces, p_line, p_start, p_damaged = pending
            yield from slow(head, None, p1, p2, "".join(pieces), p_line, p_start, p_damaged)

    def _through_record(
        self,
        head: str,
        header: Header | None,
        part1: str | None,
        part2: str | None,
        after: str,
        line: int,
        start: int,
        damaged: bool,
    ) -> Generator[Record, None, int]:
        """The records of one header and the text `after` it (its line break(s) included), built
        by `_record` and handed out in order; returns their byte size."""
        out: list[Record] = []
        size = self._nbytes(head) + self._nbytes(after)
        rec = self._record(head, header, part1, part2, head + after, line, start, size, damaged, out)
        yield from out
        if rec is not None:
            yield rec
        return size

    def _match_records(self, chunks: Iterator[Chunk]) -> Iterator[Record]:
        """A file mixing layouts: every header is lexed, and one of a layout that is not the
        file's stays part of the message it sits in."""
        layouts = self.layouts
        slow, nbytes = self._through_record, self._nbytes
        # The record being read: its header match and lexed header, line, byte offset; and
        # for one that spans chunks, its text so far.
        p_m: re.Match[str] | None = None
        p_h = p_line = p_start = None
        pieces: list[str] = []
        p_damaged = False
        line = 1  # line number where the pending record (or the unread text) starts
        byte = -1  # byte offset of the same
        for chunk in chunks:
            text = chunk.text
            damaged = chunk.damaged
            pos = 0
            if byte < 0:
                byte = chunk.start
            # Matches start at the line break before a header: in "\n" + text, m.start() is the
            # header's index in `text`.
            for m in HEADER_N.finditer("\n" + text):
                h = from_match(m)
                if h is None or h.layout not in layouts:
                    continue  # a date-like line of another layout: part of the message
                s = m.start()
                pieces.append(text[pos:s])
                raw = "".join(pieces)
                pieces = []
                if p_m is not None:
                    head = p_m.group()[1:]
                    after = raw[len(head) :]
                    size = yield from slow(head, p_h, None, None, after, p_line, p_start, damaged or p_damaged)
                    p_damaged = False
                else:
                    size = nbytes(raw)
                    if raw:
                        yield from self._orphans(raw, line, byte)
                byte += size
                line += raw.count("\n")
                p_m, p_h, p_line, p_start = m, h, line, byte
                pos = s
            rest = text[pos:]
            if p_m is not None:  # goes on in the next chunk (or ends the file)
                pieces.append(rest)
                p_damaged = p_damaged or damaged
            elif rest:
                yield from self._orphans(rest, line, byte)
                byte += nbytes(rest)
                line += rest.count("\n")
        if p_m is not None:
            head = p_m.group()[1:]
            yield from slow(head, p_h, None, None, "".join(pieces)[len(head) :], p_line, p_start, p_damaged)

    def _stamp(self, header: Header) -> tuple[datetime | None, str, bool]:
        """(time, raw timestamp, date ambiguous) of a lexed header."""
        h = header
        day, amb = self.times.day(h.d1, h.d2, h.d3)
        hour, minute, sec, pm = h.hour, h.minute, h.second, h.pm
        if pm is not None:
            if hour > 12:
                return None, h.raw, amb
            hour = hour % 12 + (12 if pm else 0)
        if day is None or minute > 59 or hour > 23 or sec > 59:
            # 24:00 and leap seconds are rare enough to take the slow, careful path
            if day is None or minute > 59 or hour > 24 or sec > 60:
                return None, h.raw, amb
            return self.times.build(day, hour % 24, minute, min(sec, 59)), h.raw, amb
        return datetime(day.year, day.month, day.day, hour, minute, sec, 0, self.tz), h.raw, amb

    def _day(self, text: str) -> tuple[datetime | None, bool]:
        """(midnight of a header's date, or None if impossible; date ambiguous), cached (also
        for the inline path when the date is possible and unambiguous)."""
        d = self._split.date.match(text)
        day, amb = self.times.day(d["d1"], d["d2"], d["d3"])
        got = (None if day is None else datetime(day.year, day.month, day.day, tzinfo=self.tz), amb)
        if len(self._days) > 100_000:
            self._days.clear()
            self._fast_dates.clear()
        self._days[text] = got
        if got[0] is not None and not amb:
            self._fast_dates[text] = got[0]
        return got

    def _fast_when(self, part1: str, part2: str) -> datetime | None:
        """The inline path's time of a header whose parts are not both cached yet: None if
        impossible or ambiguous (then `_record` says why)."""
        date, clock = (part1, part2) if self._split.date_first else (part2, part1)
        day, time_of_day = self._fast_day(date), self._fast_clock(clock)
        return None if day is None or time_of_day is None else day + time_of_day

    def _fast_day(self, text: str) -> datetime | None:
        """The inline path's midnight of a date text: None if impossible or ambiguous."""
        if text not in self._days:
            self._day(text)
        return self._fast_dates.get(text)

    def _fast_clock(self, text: str) -> timedelta | None:
        if text not in self._clocks:
            self._clock(text)
        return self._fast_clocks.get(text)

    def _clock(self, text: str) -> timedelta | None:
        """The time of day of a header as a timedelta (None if impossible), cached."""
        c = self._split.clock.match(text).groupdict()
        hour, minute = int(c["H"]), int(c["Mi"])
        sec = int(c["S"]) if c.get("S") else 0
        got = None
        ap = c.get("ap")
        if ap:
            pm = ap[0] in "pP" or ap in ("午後", "م")
            hour = -1 if hour > 12 else hour % 12 + (12 if pm else 0)
        # 24:00 is midnight of the same day, a leap second the second before (as TimeBuilder)
        if 0 <= hour <= 24 and minute <= 59 and sec <= 60:
            got = timedelta(hours=hour % 24, minutes=minute, seconds=min(sec, 59))
        if len(self._clocks) > 100_000:
            self._clocks.clear()
            self._fast_clocks.clear()
        self._clocks[text] = got
        if got is not None:
            self._fast_clocks[text] = got
        return got

    def _orphans(self, seg: str, line: int, byte: int) -> Iterator[Record]:
        """Text before the first header: reported once, counted line by line."""
        lines = seg.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        real = [i for i, t in enumerate(lines) if t.strip(" \t\r" + MARKS)]
        if real:
            self.counts.skipped += len(real)
            yield self._issue(
                line + real[0], byte, f"{len(real)} line(s) before the first message header; skipped"
            )

    def _issue(self, line: int | None, byte_start: int | None, cause: str, skipped: bool = True) -> ParseIssue:
        self.counts.issues += 1
        return ParseIssue(self.display, line, cause, byte_start, skipped)

    def _record(
        self,
        head: str,
        header: Header | None,
        part1: str | None,
        part2: str | None,
        raw: str,
        line: int,
        start: int,
        size: int,
        damaged: bool,
        out: list[Record],
    ) -> Message | None:
        """The records of one header's raw text (header, continuation lines, line break) of
        `size` bytes at byte `start`, line `line`: the message, returned (the common case, the
        cheapest to hand out), after those appended to `out` (issues, participants, events).

        `head` is the header's text; `header` the lexed header (files mixing layouts), else
        `part1` and `part2` are the split's date and time-of-day texts."""
        # The record's content: without its final line break and trailing blank lines.
        content = raw.rstrip("\r\n")
        if content[-1:].isspace():
            while True:
                k = content.rfind("\n")
                if k < 0 or content[k + 1 :].strip():
                    break
                content = content[:k].rstrip("\r")
        line_end = line + content.count("\n")
        end = start + size - self._nbytes(raw[len(content) :])
        undecodable = damaged and has_surrogate(content)
        if undecodable:  # shown as U+FFFD, flagged; the raw bytes stay in the source range
            content = self._undecodable(line, start, content, out)
        rest = content[len(head) :]
        source = Source(self.sha, line, line_end, start, end, self._path_str, self.container_sha, self.member)
        if header is None:  # the file's one layout: the day and the time of day, each cached
            date_text, clock_text = (part1, part2) if self._split.date_first else (part2, part1)
            day = self._days.get(date_text) or self._day(date_text)
            clock = self._clocks[clock_text] if clock_text in self._clocks else self._clock(clock_text)
            base, ambiguous = day
            when = None if base is None or clock is None else base + clock
            raw_time = head.strip(_AROUND)
        else:
            stamp = self._stamps.get(head)
            if stamp is None:
                stamp = self._stamp(header)
                if len(self._stamps) > 10_000:
                    self._stamps.clear()
                self._stamps[head] = stamp
            when, raw_time, ambiguous = stamp
        flags = _NO_FLAGS
        last = self.last_time
        if when is not None and last is not None and when >= last:
            self.last_time = when
        elif when is None:
            out.append(
                self._issue(
                    line, start, f"impossible date or time {raw_time!r} for date order {self.times.order}"
                )
            )
        else:
            if last is not None and when < last:
                flags = _BACKWARDS
                self.counts.backwards += 1
            self.last_time = when
        if ambiguous:
            flags = flags | _AMBIGUOUS
        if undecodable:
            flags = flags | _UNDECODABLE
        rid = f"{self._rid_prefix}:{start}"
        # "Name: body" (the common case inline; names with ": " inside go through the table)
        i = rest.find(": ")
        if i > 0 and not self._longer:
            raw_name, body_at = rest[:i], i + 2
        else:
            split = self.names.split(rest)
            if split is None:
                event = self._classify(rest, widen=True) or system.SystemEvent(
                    EventType.UNKNOWN_SYSTEM.value, None, (), {}
                )
                self._event(rid, when, raw_time, event, rest, source, set(flags), None, out)
                return None
            raw_name, body_at = split
        sender, non_contact, phone, suspicious, plain = self._senders_seen.get(raw_name) or self._sender(raw_name)
        if (
            suspicious
            and 0 < (k := rest.find(":")) < body_at - 2
            and rest[k + 1 : k + 2] != " "
            and self.names.known(rest[:k])
        ):
            # "John Doe:.body: more" from the known "John Doe" (a body glued to the colon)
            raw_name, body_at = rest[:k], k + 1
            sender, non_contact, phone, suspicious, plain = self._sender(raw_name)
        body = rest[body_at:]
        if (
            suspicious
            or body[:1] in _MARK_SET
            or sender in self.system_authors
            or body[:4] in self.heads
            or body.startswith(_YOU_PREFIXES)
            or body.startswith(sender)
        ) and self._system_line(
            rid, when, raw_time, rest, raw_name, sender, body, suspicious, source, flags, out
        ):
            return None
        if self.group_names and sender in self.group_names and body[:1] not in _MARK_SET:
            self.group_names.discard(sender)  # a plain message: a person, not the group
        attachments: tuple[str, ...] = ()
        if (
            body in system.PLACEHOLDERS
            or body[-1:] in ">)"
            or "\n" in body
            or ":" in body
            or "\u200e" in body
            or body[:1] in _MARK_SET
        ):
            more, attachments = system.message_flags(body)
            if more:
                flags = flags | more
        if sender not in self.senders:
            self._participant(sender, non_contact, out)
        if plain and sender in self.senders and sender not in self.system_authors and len(self._ready) < 100_000:
            self._ready[raw_name] = (sender, phone, non_contact)
        self.counts.messages += 1
        # every field positionally, in records.Message's order: the call costs half as much
        return Message(
            rid,
            self.conv_id,
            when,
            raw_time,
            sender,
            body,
            source,
            phone,  # sender_id
            None,  # native_id
            None,  # reply_to
            (),  # mentions
            flags,
            attachments,
            None,  # forwarded_from
            None,  # edited_time
            {"non_contact": True} if non_contact else {},  # details
        )

    def _undecodable(self, line: int, start: int, content: str, out: list[Record]) -> str:
        """A record with bytes invalid in the encoding (or NUL): reported once (not skipped),
        its text with U+FFFD in their place (one character each: offsets in the text hold)."""
        bad = next(i for i, t in enumerate(content.split("\n")) if has_surrogate(t))
        out.append(
            self._issue(
                line + bad,
                start,
                "undecodable bytes (not valid in the file's encoding, or NUL) shown as U+FFFD; "
                "the message is kept and flagged 'undecodable'",
                skipped=False,
            )
        )
        return replace_undecodable(content)

    def _sender(self, raw_name: str) -> tuple[str, bool, str | None, bool, bool]:
        """(display name, non_contact, phone, suspicious, plain) of a raw name, cached; plain:
        neither suspicious nor a name that may go on with ": " (the inline path takes it)."""
        got = self._senders_seen.get(raw_name)
        if got is None:
            name, non_contact = clean_sender(raw_name)
            suspicious = (
                not self.names.known(raw_name)
                or any(q in raw_name for q in '"“«')
                or (" " in raw_name and any(k in raw_name for k in system.ACTOR_KEYWORDS))
            )
            plain = not suspicious and raw_name not in self._colon_names
            got = (name, non_contact, phone_of(name), suspicious, plain)
            if len(self._senders_seen) < 100_000:
                self._senders_seen[raw_name] = got
        return got

    def _system_line(
        self, rid, when, raw_time, rest, raw_name, sender, body, suspicious, source, flags, out: list[Record]
    ) -> bool:
        """A "Name: body" line that is a system line after all (iOS author-prefixed lines, or a
        one-off "sender" that is an actor); True when an event was emitted. Android writes its
        system lines without an author but for notices of its own ("Lt Duval: Appel vocal manqué"):
        there a known sender's line is a message unless it is a notice without another actor."""
        ios = self._ios_lines
        if body[:1] in _MARK_SET or sender in self.system_authors:
            # iOS system lines: "Group: \u200eJean a ajouté Marie" (the author is the group)
            event = self._author_system(sender, body)
            if event is not None and (ios or self._own_notice(event, sender)):
                self._event(rid, when, raw_time, event, body, source, set(flags), sender, out)
                return True
            suspicious = False
        if suspicious:
            event = self._classify(rest, widen=True)
            # "Paul: Jean a ajouté Marie au planning" from a one-off sender stays a message: a
            # system line's actor never spans the "Name: " split.
            if event is not None and not (event.actor or "").startswith(raw_name + ":"):
                self._event(rid, when, raw_time, event, rest, source, set(flags), None, out)
                return True
        if (
            body[:4] in self.heads
            or body.startswith(_YOU_PREFIXES)
            or (body.startswith(sender) and body[len(sender) : len(sender) + 1] == " ")
        ):
            event = self._author_system(sender, body)
            if event is not None and (ios or self._own_notice(event, sender)):
                self._event(rid, when, raw_time, event, body, source, set(flags), sender, out)
                return True
        return False

    @staticmethod
    def _own_notice(event: system.SystemEvent, author: str) -> bool:
        """An author-prefixed Android line is a notice (a missed call, "you are now admin", the
        encryption notice) only when it names no other actor: "Tom: \u200e… ik ben vertrokken"
        is Tom's message, not someone called "\u200e… ik" leaving."""
        return event.actor is None or clean_sender(event.actor)[0] == author

    def _author_system(self, author: str, body: str) -> system.SystemEvent | None:
        """iOS (and some Android) system lines carry an author: the group name or the actor.
        A body with damaged text in its actor or targets (U+FFFD, a lone CR, NUL) stays a
        message: "Вы удалили данн\ufffdое сообщение" is a damaged deleted-message placeholder,
        not "you removed" someone (a run of marks or a 200-character name neither)."""
        event = self._author_system_event(author, body)
        if event is not None and _DAMAGE.search(" ".join((event.actor or "", *event.targets))):
            return None
        return event

    def _author_system_event(self, author: str, body: str) -> system.SystemEvent | None:
        if not body:
            return None
        if body[0] not in _MARK_SET:
            # Plain body: only a few shapes can be a system line (cheap checks first).
            if body[:4] in self.heads:
                event = self._classify(body, actorless=True)
                if event is not None:
                    return event
            if not (
                body.startswith(_YOU_PREFIXES)
                or (body.startswith(author) and body[len(author) : len(author) + 1] == " ")
            ):
                return None
            event = self._classify(body)
            return event if event is not None and event.type != EventType.UNKNOWN_SYSTEM else None
        lead = body.lstrip(MARKS + " ")
        if not lead:
            return None
        if lead[:4] in self.heads:
            event = self._classify(body, actorless=True)
            if event is not None:
                return event
        if self.counts.messages + self.counts.events == 0 and "WhatsApp" in body:
            # The first line of an iOS export is the encryption notice, in the phone's language.
            return system.SystemEvent(EventType.ENCRYPTION_NOTICE.value, None, (), {"guessed": True})
        # iOS writes system notices (security code...) after two direction marks, in any
        # language: read with every vocabulary; a body of unknown wording stays a message.
        event = self._classify(body, widen=author in self.system_authors or body[:2] in _TWO_MARKS)
        if event is not None and system.message_flags(body)[0]:
            return None  # an attachment, a location, a media placeholder: a message whatever it holds
        if event is None and (
            (author in self.group_names and not system.message_flags(body)[0])
            or (body[:2] in _TWO_MARKS and _NOTICE_TAIL.search(body, 2) is not None)
        ):
            # The group itself "wrote" it, or WhatsApp's own notice shape (two marks, a sentence,
            # then a mark and "Tap to learn more"): a system line whose wording is not known yet.
            return system.SystemEvent(EventType.UNKNOWN_SYSTEM.value, None, (), {})
        return event

    def _classify(self, text: str, actorless: bool = False, widen: bool = False) -> system.SystemEvent | None:
        """The event `text` states, read with the file's vocabularies. `widen`: the line is (or
        very likely is) a system line, so before giving up every language is tried (a file whose
        first event was in another language, or that mixes languages, still gets its events)."""
        lex = self.lex
        event = system.classify(text, lex.actorless if actorless else lex.rules)
        if event is None and widen and lex is not system.ALL:
            event = system.classify(text, system.ALL.rules)
        if event is not None and (lex is system.ALL or event.lang not in lex.langs):
            self._learn(event.lang)
        return event

    def _learn(self, lang: str) -> None:
        """Narrow (first event) or widen the vocabularies in use to the file's language."""
        if self.lex is system.ALL:
            langs = system.BASE_LANGS | {lang}
        else:
            langs = self.lex.langs | {lang}
        self.lex = system.lexicon(frozenset(langs))
        self.heads = self.lex.heads
        self._inline_heads = self.heads | _YOU_HEADS

    def _participant(self, name: str, non_contact: bool, out: list[Record]) -> None:
        if name in self.senders or len(self.senders) > 100_000 or name.casefold() in system.YOU_WORDS:
            return
        self.senders.add(name)
        self.counts.participants += 1
        details = {"non_contact": True} if non_contact else {}
        out.append(Participant(self.conv_id, name, phone=phone_of(name), details=details))

    def _event(self, rid, when, raw_time, event, text, source, flags, author, out: list[Record]) -> None:
        details = dict(event.details)
        actor = event.actor
        if author is not None:
            details["author"] = author
            if event.actor and event.actor != author and event.type in _GROUP_EVENTS:
                self.system_authors.add(author)
                self._ready.clear()  # the group's name may be among them: checked again
            if (
                actor is None
                and author not in self.system_authors
                and event.type
                in (
                    EventType.CALL,
                    EventType.UNKNOWN_SYSTEM,
                )
            ):
                actor = author
        if actor is not None:
            actor_name, non_contact = clean_sender(actor)
            if non_contact:
                details["non_contact"] = True
            actor = actor_name
            if actor in system.YOU_WORDS or actor.casefold() in system.YOU_WORDS:
                details["is_exporter"] = True
            self._participant(actor, non_contact, out)
        if event.type == EventType.SUBJECT_CHANGED and "new_title" in details:
            self.last_subject = details["new_title"]
        elif event.type == EventType.CREATED and "title" in details:
            self.last_subject = details["title"]
        self.counts.events += 1
        out.append(
            Event(
                id=rid,
                conversation_id=self.conv_id,
                time=when,
                time_raw=raw_time,
                type=event.type,
                source=source,
                actor=actor,
                targets=tuple(clean_sender(t)[0] for t in event.targets),
                text=text,
                flags=frozenset(flags),
                details=details,
            )
        )


READER = WhatsAppReader()

__all__ = ["READER", "WhatsAppReader", "title_from_name", "HEAD_BYTES"]
