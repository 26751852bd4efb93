"""Which records of two exports of one chat are the same message: pure code, no storage.

Two members' exports of a group (or one member's two exports over different periods, in
different languages or date layouts, with and without media) hold many of the same messages.
A record of one matches a record of the other when

- their times agree to the minute (one minute of slack: iOS rounds seconds differently from one
  export to the next), after one constant clock offset between the two exporting phones (a
  multiple of 15 minutes, found by vote; 0 when the exports agree),
- their senders are the same person *as the exports say it*: the same folded name, the same
  phone number or platform id, or the exporter's "You"/"Vous" mapped to the name the user gave
  with `--exporter` (two unmapped "You"s match only when the two exports show they are the same
  person). Two names the exports do not tie together never match; such look-alikes are reported
  as hints, never merged;
- their texts agree once normalised (invisible marks, spacing, case; a media placeholder, an
  attachment line and a media caption are all "a media"; a location is its link; an edited
  message without its "<edited>" tag; a deletion notice in any language), or, for events, their
  type, actor and targets (the wording is the locale's).

Repeated identical lines ("ok", three photos in a minute) are paired in order by sequence
alignment: anchors on keys unique to both sides (patience diff), then a longest common
subsequence between anchors. A second pass pairs, between anchors, a message deleted (or
edited) in one copy with the same sender's message of the same minute in the other: such
differences are evidence and are counted.

Whether two conversations are the same chat at all is decided on the period both cover: at
least two records and half of the busier side's records in that period must match; records of
two different chats (a message forwarded to two groups at the same minute) never get there.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson

from ..phones import phone_key
from ..records import Flag, clean_text
from .alignment import SLACK, align, interpolate, loose_pairs, merged_order
from .identity import EXPORTER_NAMES, fold_name

__all__ = ["SLACK", "UNMAPPED_YOU", "Item", "Overlap", "SenderKeys", "align", "compare", "interpolate", "item_of",
           "loose_pairs", "merged_order", "minute_of", "normalise_text", "offset_votes"]  # fmt: skip

OFFSET_STEP = 15  # minutes: time zones differ by whole quarters of an hour
MAX_OFFSET = 14 * 60
MIN_MATCHED = 2
MIN_SHARE = 0.5
UNMAPPED_YOU = "\x00you"  # the exporter's own "You" when the user did not say who that is

_MEDIA = frozenset({Flag.MEDIA_OMITTED, Flag.ATTACHMENT, Flag.STICKER})
_URL = re.compile(r"https?://\S+")
_EDIT_TAG = re.compile(r"\s*<[^<>\n]{1,80}>\s*$")
_VAGUE_EVENTS = frozenset({"unknown_system", "other"})


@dataclass(slots=True)
class Item:
    """One record as the matcher sees it."""

    id: str
    ord: float
    kind: str
    minute: int | None
    sender: str  # sender key (see `SenderKeys`)
    text: str  # text key
    name: str  # the sender as exported (for hints)
    file: str  # sha256 of the export that carries it
    native_id: str | None = None
    deleted: bool = False
    edited: bool = False
    raw: str = ""  # the text as exported (to tell copies that differ)
    key: int = 0

    def __post_init__(self) -> None:
        ident = ("nid", self.native_id) if self.native_id else ("text", self.text)
        self.key = hash((self.kind, self.sender, ident))


_MINUTES: dict[str, int | None] = {}


def minute_of(iso: str | None) -> int | None:
    """Minutes since the epoch of a stored time: UTC for an aware time, wall clock otherwise."""
    if not iso:
        return None
    if len(iso) == 19 and iso[13] == ":":  # naive "YYYY-MM-DDTHH:MM:SS": the minute is its first 16 characters
        head = iso[:16]
        got = _MINUTES.get(head, -1)
        if got == -1:
            got = _MINUTES[head] = _minute(head)
            if len(_MINUTES) > 200_000:
                _MINUTES.clear()
        return got
    return _minute(iso)


def _minute(iso: str) -> int | None:
    try:
        t = datetime.fromisoformat(iso)
    except ValueError:
        return None
    if t.tzinfo is not None:
        t = t.astimezone(UTC).replace(tzinfo=None)
    return int((t - datetime(1970, 1, 1)).total_seconds() // 60)


def normalise_text(text: str, flags: Iterable[str] = ()) -> str:
    """The part of a message's text that two exports of it share."""
    if not flags and text.isascii():
        return " ".join(text.lower().split())
    flags = set(flags)
    if Flag.DELETED in flags:
        return "<deleted>"
    if flags & _MEDIA:
        return "<media>"
    cleaned = clean_text(text)
    if Flag.LOCATION in flags:
        url = _URL.search(cleaned)
        return "<location>" + (url.group(0) if url else "")
    if Flag.EDITED in flags:
        cleaned = _EDIT_TAG.sub("", cleaned)
    return " ".join(unicodedata.normalize("NFC", cleaned).casefold().split())


class SenderKeys:
    """Sender keys of one side: a phone or platform id when the export gives one (a sender who is
    a number, a participant listed with their number), the exporter's name for its "You", else
    the folded display name."""

    def __init__(self, exporters: dict[str, str], phones: dict[str, str], platform_ids: bool,
                 you_is: str | None = None) -> None:  # fmt: skip
        self.exporters = {sha: fold_name(name) or name for sha, name in exporters.items() if name}
        self.phones = phones  # folded name -> E.164, from the participants the exports list
        self.platform_ids = platform_ids
        self.you_is = you_is  # what an unmapped "You" stands for on this side (UNMAPPED_YOU)
        self._seen: dict[tuple[str | None, str | None, str], str] = {}

    def __call__(self, name: str | None, sender_id: str | None, file: str) -> str:
        key = (name, sender_id, file)
        got = self._seen.get(key)
        if got is None:
            got = self._seen[key] = self._key(name, sender_id, file)
        return got

    def _key(self, name: str | None, sender_id: str | None, file: str) -> str:
        folded = fold_name(name)
        if folded in EXPORTER_NAMES:
            mapped = self.exporters.get(file)
            if mapped:
                return "name:" + mapped
            return self.you_is or UNMAPPED_YOU
        for candidate in (sender_id, name):
            if (pk := phone_key(candidate)) is not None:
                return "tel:" + pk
        if folded and folded in self.phones:
            return "tel:" + self.phones[folded]
        if sender_id and self.platform_ids:
            return "id:" + sender_id
        return "name:" + (folded or "")


def _json_list(text: str | None) -> list[str]:
    return orjson.loads(text) if text else []


def item_of(row: tuple[Any, ...], keys: SenderKeys) -> Item:
    """An Item from a stored row: (id, ord, kind, time, person, person_id, text, type, targets
    JSON, flags JSON, native_id, file_sha256)."""
    rid, ord_, kind, time, person, person_id, text, etype, targets, flags_json, native_id, file = row
    flags = _json_list(flags_json)
    sender = keys(person, person_id, file)
    if kind == "event":
        key = f"{etype}|{'|'.join(sorted(keys(t, None, file) for t in _json_list(targets)))}"
        if etype in _VAGUE_EVENTS:
            key += "|" + normalise_text(text or "")
    else:
        key = normalise_text(text or "", flags)
    return Item(
        id=rid, ord=ord_, kind=kind, minute=minute_of(time), sender=sender, text=key, name=person or "", file=file,
        native_id=native_id, deleted=Flag.DELETED in flags, edited=Flag.EDITED in flags, raw=text or "",
    )  # fmt: skip


# --- the clock offset between two exports --------------------------------------------------


def offset_votes(target: list[Item], source: list[Item]) -> Counter[int]:
    """Minutes to add to the source's times to read them on the target's clock, as voted by the
    records said once on each side (same sender and text): multiples of 15 minutes. Repeated
    lines ("ok") do not vote: they would outvote the rest."""
    once_t = Counter(t.key for t in target)
    once_s = Counter(s.key for s in source)
    at = {t.key: t.minute for t in target if once_t[t.key] == 1 and t.minute is not None}
    votes: Counter[int] = Counter()
    for s in source:
        m = at.get(s.key)
        if m is None or s.minute is None or once_s[s.key] != 1:
            continue
        d = m - s.minute
        r = OFFSET_STEP * round(d / OFFSET_STEP)
        if abs(r) <= MAX_OFFSET and abs(d - r) <= SLACK:
            votes[r] += 1
    return votes


# --- is it the same chat? ------------------------------------------------------------------


@dataclass
class Overlap:
    """What aligning a source conversation on a target one found."""

    offset: int
    pairs: list[tuple[int, int]]  # strict matches
    loose: list[tuple[int, int, str]]  # deleted or edited in one copy
    window: tuple[int, int] | None  # minutes both cover (target clock)
    in_window: tuple[int, int]  # records of (target, source) in that window
    hints: dict[str, list] = field(default_factory=dict)

    @property
    def matched(self) -> int:
        return len(self.pairs)

    def same_chat(self) -> bool:
        busier = max(self.in_window)
        return self.matched >= MIN_MATCHED and self.matched >= MIN_SHARE * busier


def _window(target: list[Item], source: list[Item], offset: int) -> tuple[tuple[int, int] | None, tuple[int, int]]:
    tm = [x.minute for x in target if x.minute is not None]
    sm = [x.minute + offset for x in source if x.minute is not None]
    if not tm or not sm:
        return None, (0, 0)
    lo, hi = max(min(tm), min(sm)), min(max(tm), max(sm))
    if lo > hi + SLACK:
        return None, (0, 0)
    return (lo, hi), (sum(lo <= m <= hi for m in tm), sum(lo <= m <= hi for m in sm))


def compare(target: list[Item], source: list[Item]) -> Overlap:
    """Align a source conversation on a target one, under the clock offset most records said
    once on each side vote for (no offset without votes; a tie goes to the offset under which
    more records pair, then to the smaller offset)."""
    votes = offset_votes(target, source)
    most = max(votes.values(), default=0)
    candidates = sorted((r for r, v in votes.items() if v == most), key=abs) or [0]
    best: tuple[int, list[tuple[int, int]]] | None = None
    for offset in candidates:
        if _window(target, source, offset)[0] is None:
            continue
        pairs = align(target, source, offset)
        if best is None or len(pairs) > len(best[1]):
            best = (offset, pairs)
    if best is None:
        return Overlap(candidates[0], [], [], None, (0, 0))
    offset, pairs = best
    window, counts = _window(target, source, offset)
    assert window is not None
    loose = loose_pairs(target, source, pairs, offset)
    overlap = Overlap(offset, pairs, loose, window, counts)
    overlap.hints = _hints(target, source, overlap)
    return overlap


def _hints(target: list[Item], source: list[Item], ov: Overlap) -> dict[str, list]:
    """Records left apart that look alike: the same text at the same minute under two names
    (the exports do not say they are one person), or the same sender and text at another time
    (a date order or clock read differently)."""
    paired_t = {i for i, _ in ov.pairs} | {i for i, _, _ in ov.loose}
    paired_s = {j for _, j in ov.pairs} | {j for _, j, _ in ov.loose}
    by_text: dict[str, list[Item]] = defaultdict(list)
    for i, t in enumerate(target):
        if i not in paired_t and t.kind == "message" and len(t.text) >= 4 and not t.text.startswith("<"):
            by_text[t.text].append(t)
    names: Counter[tuple[str, str]] = Counter()
    times = 0
    for j, s in enumerate(source):
        if j in paired_s or s.kind != "message" or s.minute is None:
            continue
        for t in by_text.get(s.text, ()):
            if t.minute is None:
                continue
            same_time = abs(t.minute - s.minute - ov.offset) <= SLACK
            if same_time and t.sender != s.sender:
                names[(s.name, t.name)] += 1
                break
            if not same_time and t.sender == s.sender:
                times += 1
                break
    return {
        "names": [[a, b, n] for (a, b), n in names.most_common(10)],
        "other_time": [times] if times else [],
    }
