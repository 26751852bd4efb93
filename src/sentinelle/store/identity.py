"""Linking the same person across conversations: pure code, no storage.

A *handle* is how one person appears in one conversation: a platform id when the export gives
one, else a display name. Handles are linked into persons by evidence, strongest first: the same
platform id (0.99), the same phone number (0.95), the same folded name (0.6). Every link keeps
its reason. The user's merges and splits are constraints that every re-link respects: a merge
forces handles together, a split forbids them together, the later decision winning.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..phones import phone_key  # the one phone-number rule (E.164)
from ..records import clean_text
from ..textutil import fold
from .models import Person, PersonLink

PHONE_ID_PLATFORMS = {"whatsapp", "signal"}
CONFIDENCE = {"platform_id": 0.99, "phone": 0.95, "name": 0.6}
# How exports name the person who exported them ("Vous avez ajouté X", "You left"): each export's
# "Vous" is its own exporter, so these names never link people across conversations.
EXPORTER_NAMES = frozenset(
    "vous you du sie tu usted voce je jij u vy вы ты".split()
)
_BUCKET_ALL_PAIRS = 30  # above this, link each handle to the bucket's first (star, not n²)

HandleKey = tuple[str, str]  # (conversation_id, platform id or name)


@dataclass
class Handle:
    conversation_id: str
    key: str
    platform: str = ""
    names: Counter[str] = field(default_factory=Counter)
    platform_id: str | None = None
    phones: set[str] = field(default_factory=set)
    messages: int = 0
    first_seq: int = 1 << 62

    @property
    def ref(self) -> HandleKey:
        return (self.conversation_id, self.key)


def fold_name(name: str | None) -> str | None:
    """Case-, accent-, mark- and spacing-insensitive form of a display name."""
    if not name:
        return None
    return fold(clean_text(name).strip().lstrip("~")) or None


class HandleTable:
    """Collects sightings of people (senders, actors, targets, participants) into handles."""

    def __init__(self) -> None:
        self.handles: dict[HandleKey, Handle] = {}
        self._name_to_id: dict[tuple[str, str], str] = {}  # (conversation, name) -> platform id key
        self._exporter_keys: dict[tuple[str, str], str] = {}  # (conversation, folded "you") -> key

    def see(
        self,
        conversation_id: str,
        name: str | None,
        platform_id: str | None = None,
        phone: str | None = None,
        *,
        platform: str = "",
        messages: int = 0,
        seq: int = 1 << 62,
    ) -> None:
        if not name and not platform_id and not phone:
            return
        if platform_id:
            key = platform_id
            if name:
                self._name_to_id[(conversation_id, name)] = platform_id
        else:
            key = self._name_to_id.get((conversation_id, name or ""), name or phone or "")
            if name and fold_name(name) in EXPORTER_NAMES:
                # the exporter's "You"/"you"/"Vous" in one conversation: one handle whatever the case
                key = self._exporter_keys.setdefault((conversation_id, fold_name(name) or ""), key)
        h = self.handles.get((conversation_id, key))
        if h is None:
            h = self.handles[(conversation_id, key)] = Handle(conversation_id, key, platform)
        if name:
            h.names[name] += max(messages, 1)
        if platform_id:
            h.platform_id = platform_id
        # a platform id is a phone number only where the platform says so (not a Discord snowflake)
        for candidate in (phone, name, platform_id if platform in PHONE_ID_PLATFORMS else None):
            if (pk := phone_key(candidate)) is not None:
                h.phones.add(pk)
        h.messages += messages
        h.first_seq = min(h.first_seq, seq)

    def finish(self) -> list[Handle]:
        """Fold name-only handles into the id handle of the same name in the same conversation."""
        for (conv, key), h in list(self.handles.items()):
            target = self._name_to_id.get((conv, key))
            if h.platform_id is None and target and (conv, target) in self.handles and target != key:
                into = self.handles[(conv, target)]
                into.names.update(h.names)
                into.phones |= h.phones
                into.messages += h.messages
                into.first_seq = min(into.first_seq, h.first_seq)
                del self.handles[(conv, key)]
        return sorted(self.handles.values(), key=lambda h: (h.first_seq, h.conversation_id, h.key))


def name_exporters(handles: list[Handle], exporters: dict[str, str]) -> None:
    """Give each export's "Vous"/"You" handle the name of the person the user says made that
    export, so that it links to that person elsewhere (by name); the handle keeps its key."""
    for h in handles:
        name = exporters.get(h.conversation_id)
        if name and fold_name(h.key) in EXPORTER_NAMES:
            h.names[name] += 1


def candidate_links(handles: list[Handle]) -> list[tuple[HandleKey, HandleKey, str, str]]:
    """Every automatic link (a, b, reason, detail), strongest reason first."""
    buckets: dict[tuple[str, str], list[Handle]] = defaultdict(list)
    for h in handles:
        if h.platform_id:
            buckets[("platform_id", f"{h.platform}:{h.platform_id}")].append(h)
        for p in h.phones:
            buckets[("phone", p)].append(h)
        for n in {fold_name(n) for n in h.names}:
            if n and phone_key(n) is None and n not in EXPORTER_NAMES:
                buckets[("name", n)].append(h)
    out = []
    for reason in ("platform_id", "phone", "name"):
        for (r, value), members in buckets.items():
            if r != reason or len(members) < 2:
                continue
            pairs = (
                [(a, b) for i, a in enumerate(members) for b in members[i + 1 :]]
                if len(members) <= _BUCKET_ALL_PAIRS
                else [(members[0], b) for b in members[1:]]
            )
            for a, b in pairs:
                if a.conversation_id != b.conversation_id or reason != "name":
                    out.append((a.ref, b.ref, reason, value))
    return out


def constraints(decisions: Iterable[dict]) -> tuple[set[frozenset], set[frozenset]]:
    """Must-link and cannot-link pairs from the user's decisions, later ones winning."""
    must: set[frozenset] = set()
    cannot: set[frozenset] = set()
    for d in decisions:
        left = [tuple(x) for x in d.get("a", d.get("out", []))]
        right = [tuple(x) for x in d.get("b", d.get("rest", []))]
        for x in left:
            for y in right:
                pair = frozenset((x, y))
                if d["op"] == "merge":
                    must.add(pair)
                    cannot.discard(pair)
                else:
                    cannot.add(pair)
                    must.discard(pair)
    return must, cannot


def person_id(handle: Handle) -> str:
    return "p-" + hashlib.sha1(f"{handle.conversation_id}\x1f{handle.key}".encode()).hexdigest()[:8]


def link(
    handles: list[Handle], decisions: Iterable[dict] = (), min_confidence: float = 0.0
) -> tuple[list[Person], dict[HandleKey, str], list[PersonLink]]:
    """Group handles into persons. Returns the persons, each handle's person id, and the links."""
    by_ref = {h.ref: h for h in handles}
    parent = {ref: ref for ref in by_ref}
    members = {ref: {ref} for ref in by_ref}
    must, cannot = constraints(decisions)
    forbidden: dict[HandleKey, set[HandleKey]] = defaultdict(set)
    for pair in cannot:
        x, y = tuple(pair)
        forbidden[x].add(y)
        forbidden[y].add(x)

    def find(x: HandleKey) -> HandleKey:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: HandleKey, y: HandleKey) -> bool:
        rx, ry = find(x), find(y)
        if rx == ry:
            return False
        if any(forbidden[m] & members[ry] for m in members[rx]):
            return False  # the user split these apart
        if len(members[rx]) < len(members[ry]):
            rx, ry = ry, rx
        parent[ry] = rx
        members[rx] |= members.pop(ry)
        return True

    applied: list[tuple[HandleKey, HandleKey, str, float, str]] = []
    for pair in sorted(must, key=sorted):
        x, y = sorted(pair)
        if x in by_ref and y in by_ref and union(x, y):
            applied.append((x, y, "manual", 1.0, "merged by the user"))
    for a, b, reason, detail in candidate_links(handles):
        conf = CONFIDENCE[reason]
        if conf >= min_confidence and union(a, b):
            applied.append((a, b, reason, conf, detail))

    groups: dict[HandleKey, list[Handle]] = defaultdict(list)
    for h in handles:
        groups[find(h.ref)].append(h)
    persons, of = [], {}
    for group in groups.values():
        group.sort(key=lambda h: (h.first_seq, h.conversation_id, h.key))
        pid = person_id(group[0])
        names: Counter[str] = Counter()
        for h in group:
            names.update(h.names)
            of[h.ref] = pid
        display = names.most_common(1)[0][0] if names else group[0].key
        persons.append(
            Person(
                id=pid,
                display_name=display,
                names=tuple(sorted(names)),
                phones=tuple(sorted({p for h in group for p in h.phones})),
                platform_ids=tuple(sorted({h.platform_id for h in group if h.platform_id})),
                conversations=tuple(sorted({h.conversation_id for h in group})),
                messages=sum(h.messages for h in group),
            )
        )
    links = [PersonLink(of[a], a, b, reason, conf, detail) for a, b, reason, conf, detail in applied]
    persons.sort(key=lambda p: (-p.messages, p.display_name))
    return persons, of, links
