"""Plain data the case store hands out besides the canonical records."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from ..records import Message


@dataclass(frozen=True, slots=True)
class CaseMetadata:
    """Why and how a case exists: the facts a court or a DPO will ask for first."""

    purpose: str | None = None
    legal_basis: str | None = None
    handed_over_by: str | None = None
    obtained_how: str | None = None
    obtained_when: str | None = None  # free text or ISO date, as the user gave it
    retention_until: date | None = None
    pseudonymise: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["retention_until"] = self.retention_until.isoformat() if self.retention_until else None
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CaseMetadata:
        d = dict(d)
        if d.get("retention_until"):
            d["retention_until"] = date.fromisoformat(d["retention_until"])
        known = {f for f in cls.__dataclass_fields__}
        extra = {k: v for k, v in d.items() if k not in known}
        d = {k: v for k, v in d.items() if k in known}
        d["extra"] = {**d.get("extra", {}), **extra}
        return cls(**d)


@dataclass(frozen=True, slots=True)
class FileInfo:
    """One export file as handed over. `sha256` is the hash of that file (a zip for zipped
    exports: then `member`/`member_sha256` name the chat inside it)."""

    sha256: str
    name: str
    size: int
    format: str
    ingested_at: str
    messages: int = 0
    events: int = 0
    conversations: int = 0
    participants: int = 0
    issues: int = 0
    skipped_lines: int = 0
    date_order: str | None = None
    ambiguous: bool = False
    encoding: str | None = None
    member: str | None = None
    member_sha256: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    duplicates: int = 0  # records already in the case from another file (same chat bytes)
    overlaps: int = 0  # records another export of the same chat already holds (kept as copies)
    merged_into: list[str] = field(default_factory=list)  # the conversations it joined
    merges: list[dict[str, Any]] = field(default_factory=list)  # per joined conversation: matched, added, hints
    alike: list[dict[str, Any]] = field(default_factory=list)  # conversations partly alike, kept apart
    details: dict[str, Any] = field(default_factory=dict)  # the reader's decisions (Summary.details): why this
    # date order, the encoding's confidence, records earlier than the one before...

    @property
    def container_sha256(self) -> str | None:
        return self.sha256 if self.member else None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class SearchHit:
    message: Message
    snippet: str  # matched terms between [ and ]
    rank: float  # bm25: lower is better


@dataclass(frozen=True, slots=True)
class Person:
    """The same human across conversations, as linked automatically and by the user."""

    id: str
    display_name: str
    names: tuple[str, ...]
    phones: tuple[str, ...] = ()
    platform_ids: tuple[str, ...] = ()
    conversations: tuple[str, ...] = ()
    messages: int = 0


@dataclass(frozen=True, slots=True)
class PersonLink:
    """Why two handles (a name or id in one conversation) are taken for the same person."""

    person_id: str
    a: tuple[str, str]  # (conversation_id, name or id)
    b: tuple[str, str]
    reason: str  # phone | platform_id | name | manual
    confidence: float
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ResultRow:
    step: str
    version: str
    key: str
    data: Any
    settings: dict[str, Any]
    created_at: str
    fingerprint: str | None = None  # of everything it was computed from (None: stored before 0.2)
    inputs: dict[str, Any] | None = None  # the parts of that fingerprint: revisions, upstream digests
    digest: str | None = None  # sha256 of the data (what a downstream step's fingerprint reads)


@dataclass(frozen=True, slots=True)
class RosterEntry:
    """One person of the unit as the organisation knows them (given by the user)."""

    person: str  # name as in the chats, or phone
    rank: str | None = None
    role: str | None = None
    unit: str | None = None
    union_rep: bool = False
    details: dict[str, Any] = field(default_factory=dict)
