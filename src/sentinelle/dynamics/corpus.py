"""The analysis input made ready once: records grouped by conversation, senders resolved to
persons, times as seconds, alias indexes for addressing. Every module reads this, none rebuilds it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ..phones import phone_key  # the one phone-number rule (E.164)
from ..records import Conversation, Event, Message, Participant
from .identity import AliasIndex, PersonOf, default_person_of

_EPOCH = datetime(1970, 1, 1)


def seconds(t: datetime | None) -> float | None:
    """Seconds since 1970 of a naive local time (aware times are taken in UTC)."""
    if t is None:
        return None
    if t.tzinfo is not None:
        t = t.astimezone(UTC).replace(tzinfo=None)
    return (t - _EPOCH).total_seconds()


@dataclass
class ConvData:
    conversation: Conversation
    messages: list[Message] = field(default_factory=list)  # file order
    senders: list[str] = field(default_factory=list)  # person key of each message
    times: list[float] = field(default_factory=list)  # seconds; a missing time repeats the last one
    events: list[Event] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # person -> a display name seen
    aliases: AliasIndex = field(default_factory=AliasIndex)
    members: set[str] = field(default_factory=set)  # wrote, acted, or was acted upon

    @property
    def id(self) -> str:
        return self.conversation.id


class Corpus:
    """Conversations, messages and events of a case, resolved to persons."""

    def __init__(
        self,
        conversations: Iterable[Conversation],
        messages: Iterable[Message],
        events: Iterable[Event],
        *,
        person_of: PersonOf | None = None,
        participants: Iterable[Participant] = (),
        aliases: Mapping[str, str] | None = None,
    ) -> None:
        self._person_of = person_of or default_person_of
        self._cache: dict[tuple[str, str], str] = {}
        self.memo: dict[str, Any] = {}  # indexes built on demand by the analyses (rate indexes)
        self.convs: dict[str, ConvData] = {c.id: ConvData(c) for c in conversations}
        self.phones: dict[str, str] = {}  # phone key -> person
        for m in messages:
            cd = self._conv(m.conversation_id)
            who = m.sender or m.sender_id or "?"
            p = self.person(cd.id, who)
            cd.messages.append(m)
            cd.senders.append(p)
            t = seconds(m.time)
            cd.times.append(t if t is not None else (cd.times[-1] if cd.times else 0.0))
            if p not in cd.names and m.sender:
                cd.names[p] = m.sender
                for ph in (m.sender_id, m.sender):
                    if (k := phone_key(ph)) is not None:
                        self.phones.setdefault(k, p)
        for e in events:
            cd = self._conv(e.conversation_id)
            cd.events.append(e)
            for name in (e.actor, *e.targets):
                if name:
                    p = self.person(cd.id, name)
                    cd.names.setdefault(p, name)
        for part in participants:
            if part.conversation_id in self.convs and part.display_name:
                p = self.person(part.conversation_id, part.display_name)
                self.convs[part.conversation_id].names.setdefault(p, part.display_name)
                if (k := phone_key(part.phone)) is not None:
                    self.phones.setdefault(k, p)
        for cd in self.convs.values():
            cd.members = set(cd.names) | set(cd.senders)
            for p, name in cd.names.items():
                cd.aliases.add_name(name, p)
            for alias, p in (aliases or {}).items():
                if p in cd.members:
                    cd.aliases.add(alias, p, strong=True)
        self.names: dict[str, str] = {}
        for cd in self.convs.values():
            for p, name in cd.names.items():
                self.names.setdefault(p, name)

    def _conv(self, conversation_id: str) -> ConvData:
        cd = self.convs.get(conversation_id)
        if cd is None:  # a record whose conversation was not given: analyse it anyway
            cd = self.convs[conversation_id] = ConvData(
                Conversation(id=conversation_id, platform="unknown", title=None, source_sha256="")
            )
        return cd

    def person(self, conversation_id: str, name: str) -> str:
        key = (conversation_id, name)
        p = self._cache.get(key)
        if p is None:
            p = self._cache[key] = self._person_of(conversation_id, name) or default_person_of(conversation_id, name)
        return p

    def display(self, person: str) -> str:
        return self.names.get(person, person)

    def case_end(self) -> float | None:
        ends = [cd.times[-1] for cd in self.convs.values() if cd.times]
        ends += [t for cd in self.convs.values() for e in cd.events[-1:] if (t := seconds(e.time))]
        return max(ends) if ends else None


def members_over_events(cd: ConvData, person: PersonOf) -> dict[str, list[Event]]:
    """Events grouped by the person acted upon (targets) or acting when there are none."""
    by: dict[str, list[Event]] = defaultdict(list)
    for e in cd.events:
        for name in e.targets or ((e.actor,) if e.actor else ()):
            by[person(cd.id, name)].append(e)
    return by
