"""The canonical records every reader produces and every analysis consumes.

Layer 0, no I/O. A record always carries the `Source` it was read from, so that anything said
about it later can be traced back to the exact bytes of a file.

The records read from exports (Source, Conversation, Participant, Message, Event, ParseIssue,
Summary) are msgspec Structs: readers build millions of them and a Struct is built about 8x
faster than a slotted dataclass; they are frozen (Summary excepted), equal by value, hashable
and copied with changes by `replace`. Their msgspec JSON encoding is the JSON-lines contract of
`sentinelle parse` ("kind" first, "conversation" and "event" for conversation_id and type).
Analysis results (Reason, Detection) are dataclasses.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar, TypeVar

import msgspec

# Invisible marks that exports sprinkle around names and bodies (bidi controls, BOM, ZW chars).
_INVISIBLE = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\ufeff\u200b\u200c\u200d\u2066\u2067\u2068\u2069"),
    None,
)


def clean_text(text: str) -> str:
    """Derived text: invisible bidi/BOM marks removed, NBSP-like spaces made plain.

    Never stored in place of the original; always a separate field.
    """
    return text.translate(_INVISIBLE).replace("\u00a0", " ").replace("\u202f", " ")


class Flag(StrEnum):
    """Facts about one message, read from the export."""

    DELETED = "deleted"  # "Ce message a été supprimé" / redacted
    DELETED_BY_ADMIN = "deleted_by_admin"
    EDITED = "edited"
    MEDIA_OMITTED = "media_omitted"
    ATTACHMENT = "attachment"
    VIEW_ONCE = "view_once"
    LOCATION = "location"
    FORWARDED = "forwarded"
    STICKER = "sticker"
    POLL = "poll"
    CONTACT = "contact"
    TIME_BACKWARDS = "time_backwards"  # earlier than the record before it, kept in file order
    DATE_AMBIGUOUS = "date_ambiguous"
    UNDECODABLE = "undecodable"  # bytes not valid in the file's encoding (or NUL): shown as U+FFFD, kept in the source range


class EventType(StrEnum):
    """Typed system events. Never messages, never dropped."""

    CREATED = "created"
    SUBJECT_CHANGED = "subject_changed"
    DESCRIPTION_CHANGED = "description_changed"
    ICON_CHANGED = "icon_changed"
    ICON_REMOVED = "icon_removed"
    ADDED = "added"  # actor added targets
    REMOVED = "removed"  # actor removed targets (a kick)
    LEFT = "left"
    JOINED = "joined"  # joined with no further detail (Matrix join, Discord member join)
    JOINED_BY_LINK = "joined_by_link"
    INVITED = "invited"
    BANNED = "banned"
    UNBANNED = "unbanned"
    ADMIN_GRANTED = "admin_granted"
    ADMIN_REVOKED = "admin_revoked"
    ROLE_CHANGED = "role_changed"  # power levels etc.; details carry the levels
    SETTINGS_CHANGED = "settings_changed"
    DISAPPEARING_ON = "disappearing_on"
    DISAPPEARING_OFF = "disappearing_off"
    DISAPPEARING_CHANGED = "disappearing_changed"
    SECURITY_CODE_CHANGED = "security_code_changed"
    NUMBER_CHANGED = "number_changed"
    ENCRYPTION_NOTICE = "encryption_notice"
    CALL = "call"
    PINNED = "pinned"
    MESSAGE_DELETED = "message_deleted"  # a deletion act (Matrix redaction): actor, details["redacts"]
    MIGRATED = "migrated"
    NAME_CHANGED = "name_changed"  # a participant's display name changed
    UNKNOWN_SYSTEM = "unknown_system"  # a system line whose vocabulary is not known (yet)
    OTHER = "other"  # a known platform action with no type of its own; details["action"]


class Source(msgspec.Struct, frozen=True, gc=False, omit_defaults=True):
    """Where a record came from: re-reading bytes[byte_start:byte_end] of the file whose
    SHA-256 is `sha256` gives back the record's source exactly.

    For a member of a zip, `sha256` and the ranges are those of the member's own bytes and
    `container_sha256`/`member` name the zip and the member.
    """

    sha256: str
    line_start: int  # 1-based, inclusive
    line_end: int  # 1-based, inclusive
    byte_start: int  # 0-based offset, inclusive
    byte_end: int  # exclusive
    path: str = ""  # the file name as handed over (display only)
    container_sha256: str | None = None
    member: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k in self.__struct_fields__ if (v := getattr(self, k)) is not None}


class Conversation(msgspec.Struct, frozen=True, tag_field="kind", tag="conversation"):
    kind: ClassVar[str] = "conversation"  # the record's type, first in its JSON form
    id: str  # stable: derived from the source file's hash (+ the chat's native id in multi-chat exports)
    platform: str  # whatsapp | telegram | matrix | discord | signal | csv | jsonl
    title: str | None
    source_sha256: str
    native_id: str | None = None
    chat_type: str | None = None  # group | personal | channel ... when the export says
    tz: str | None = None  # IANA name given by the user, if any
    date_order: str | None = None  # dmy | mdy | ymd (WhatsApp)
    date_order_ambiguous: bool = False
    details: Mapping[str, Any] = msgspec.field(default_factory=dict)


class Participant(msgspec.Struct, frozen=True, tag_field="kind", tag="participant"):
    """What an export says about a person, when it says more than a display name."""

    kind: ClassVar[str] = "participant"  # the record's type, first in its JSON form
    conversation_id: str
    display_name: str | None
    platform_id: str | None = None  # Telegram user123, Matrix @a:b, Discord snowflake
    phone: str | None = None
    details: Mapping[str, Any] = msgspec.field(default_factory=dict)


class Message(msgspec.Struct, frozen=True, tag_field="kind", tag="message"):
    kind: ClassVar[str] = "message"  # the record's type, first in its JSON form
    id: str  # stable record id, unique in a case: "<sha256[:16]>:<byte_start>"
    conversation_id: str = msgspec.field(name="conversation")  # (names: in the JSON form)
    time: datetime | None  # naive local time unless the format or --tz gives the zone
    time_raw: str  # the timestamp exactly as written in the export
    sender: str | None  # display name as exported (may be a phone number)
    text: str  # the original text, byte for byte (decoded); never normalised
    source: Source
    sender_id: str | None = None  # platform id or phone number when known
    native_id: str | None = None  # the platform's own message id
    reply_to: str | None = None  # native id of the message replied to
    mentions: tuple[str, ...] = ()
    flags: frozenset[str] = frozenset()
    attachments: tuple[str, ...] = ()
    forwarded_from: str | None = None
    edited_time: datetime | None = None
    details: Mapping[str, Any] = msgspec.field(default_factory=dict)

    @property
    def text_clean(self) -> str:
        return clean_text(self.text)


class Event(msgspec.Struct, frozen=True, tag_field="kind", tag="event"):
    kind: ClassVar[str] = "event"  # the record's type, first in its JSON form
    id: str
    conversation_id: str = msgspec.field(name="conversation")
    time: datetime | None
    time_raw: str
    type: str = msgspec.field(name="event")  # an EventType value
    source: Source
    actor: str | None = None  # display name of who did it, None if the export does not say
    targets: tuple[str, ...] = ()  # display names acted upon
    text: str = ""  # the original system line body, byte for byte (decoded)
    actor_id: str | None = None
    target_ids: tuple[str, ...] = ()
    native_id: str | None = None
    flags: frozenset[str] = frozenset()
    details: Mapping[str, Any] = msgspec.field(default_factory=dict)  # e.g. {"title": "..."}


class ParseIssue(msgspec.Struct, frozen=True, tag_field="kind", tag="issue"):
    """A line or object that could not be read: reported, counted, and reading goes on."""

    kind: ClassVar[str] = "issue"  # the record's type, first in its JSON form
    path: str
    line: int | None
    cause: str
    byte_start: int | None = None
    skipped: bool = True

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.cause}"


class Summary(msgspec.Struct, tag_field="kind", tag="summary"):
    """Last record of every read: counts and the decisions the reader made."""

    kind: ClassVar[str] = "summary"  # the record's type, first in its JSON form
    path: str
    sha256: str
    format: str
    messages: int = 0
    events: int = 0
    conversations: int = 0
    skipped_lines: int = 0
    issues: int = 0
    date_order: str | None = None
    date_order_ambiguous: bool = False
    encoding: str | None = None
    details: dict[str, Any] = msgspec.field(default_factory=dict)


Record = Conversation | Participant | Message | Event | ParseIssue | Summary
R = TypeVar("R")


def replace(record: R, **changes: Any) -> R:
    """A copy of a record (or an analysis result, a dataclass) with some fields changed; the
    original is never altered."""
    if isinstance(record, msgspec.Struct):
        return msgspec.structs.replace(record, **changes)
    return dataclasses.replace(record, **changes)


def field_names(record: msgspec.Struct | type[msgspec.Struct]) -> tuple[str, ...]:
    """A record's (or record type's) fields, in order."""
    return record.__struct_fields__


def to_dict(record: msgspec.Struct) -> dict[str, Any]:
    """A record's fields as a dict (nested records stay records)."""
    return {name: getattr(record, name) for name in record.__struct_fields__}


# --- analysis results shared between layers -------------------------------------------------

CATEGORIES = ("hate", "sexual", "threat", "insult", "profanity")


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a score is what it is: a person must be able to check it in seconds."""

    kind: str  # rule | lexicon | head | context | model | lang | stance
    category: str | None  # one of CATEGORIES, or None
    detail: str  # rule id / lexicon entry / head name / explanation
    span: tuple[int, int] | None = None  # character span in the ORIGINAL text
    matched: str | None = None  # the original characters of the span
    score: float | None = None
    ref: str | None = None  # another record's id (context message), if any

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        if d["span"] is not None:
            d["span"] = list(d["span"])
        return {k: v for k, v in d.items() if v is not None}


@dataclass(frozen=True, slots=True)
class Detection:
    """The detector's reading of one message. A lead for a reviewer, never a verdict."""

    categories: Mapping[str, float]  # calibrated score in [0, 1] for each of CATEGORIES
    flagged: bool  # misconduct categories (not profanity alone) above their thresholds
    targets: tuple[str, ...] = ()  # target groups named: origin_black, religion_jewish, women ...
    severity: int = 0  # 0 none, 1 low, 2 medium, 3 high
    stance: str | None = None  # None | reported | counter | joke | question | negated | endorse
    language: str | None = None
    reasons: tuple[Reason, ...] = ()
    message_id: str | None = None
    model_version: str = ""

    @property
    def top_category(self) -> str | None:
        cats = {k: v for k, v in self.categories.items() if k != "profanity"}
        return max(cats, key=cats.__getitem__) if cats else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "message_id": self.message_id,
            "categories": dict(self.categories),
            "flagged": self.flagged,
            "targets": list(self.targets),
            "severity": self.severity,
            "stance": self.stance,
            "language": self.language,
            "reasons": [r.to_dict() for r in self.reasons],
            "model_version": self.model_version,
        }
