"""Who was a member of a conversation at a given time: from join/leave/add/remove events and activity.

A person whose first trace is a message (or a departure) is taken as a member from the start; one
whose first trace is a join or an add is not a member before it. Posting makes one a member.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from ..records import Event, EventType, Message
from .targeting import PersonOf, naive

ENTER = {EventType.ADDED, EventType.JOINED, EventType.JOINED_BY_LINK, EventType.UNBANNED, EventType.CREATED}
EXIT = {EventType.LEFT, EventType.REMOVED, EventType.BANNED}


class Presence:
    def __init__(self) -> None:
        self._times: dict[str, list[datetime]] = {}
        self._states: dict[str, list[bool]] = {}
        self._initial: dict[str, bool] = {}
        self.first_record: dict[str, str] = {}  # the record that first shows the person in the group

    @classmethod
    def build(cls, conversation_id: str, messages: Iterable[Message], events: Iterable[Event], person_of: PersonOf) -> Presence:
        marks: dict[str, list[tuple[datetime, int, bool]]] = defaultdict(list)  # (time, order, member after)
        first_kind: dict[str, tuple[datetime, int, str, str]] = {}
        order = 0

        def note(person: str, time: datetime | None, member: bool, kind: str, rid: str) -> None:
            nonlocal order
            order += 1
            time = naive(time)
            if time is None:
                return
            marks[person].append((time, order, member))
            if person not in first_kind or (time, order) < first_kind[person][:2]:
                first_kind[person] = (time, order, kind, rid)

        for ev in events:
            who: list[str] = []
            if ev.type == EventType.CREATED and ev.actor:
                who = [ev.actor]
            elif ev.type in ENTER or ev.type in EXIT:
                who = list(ev.targets) or ([ev.actor] if ev.actor else [])
            if ev.type in (EventType.ADDED, EventType.REMOVED, EventType.BANNED) and ev.actor:
                note(person_of(conversation_id, ev.actor), ev.time, True, "message", ev.id)  # the actor is there
            for name in who:
                note(person_of(conversation_id, name), ev.time, ev.type in ENTER, "enter" if ev.type in ENTER else "exit", ev.id)
        for m in messages:
            if m.sender:
                note(person_of(conversation_id, m.sender), m.time, True, "message", m.id)
        p = cls()
        for person, rows in marks.items():
            rows.sort()
            p._times[person] = [t for t, _, _ in rows]
            p._states[person] = [s for _, _, s in rows]
            p._initial[person] = first_kind[person][2] != "enter"
            p.first_record[person] = first_kind[person][3]
        return p

    @property
    def people(self) -> list[str]:
        return list(self._times)

    def member_at(self, person: str, time: datetime) -> bool:
        time = naive(time)  # type: ignore[assignment]
        times = self._times.get(person)
        if times is None:
            return False
        i = bisect_right(times, time)
        return self._initial[person] if i == 0 else self._states[person][i - 1]

    def members_at(self, time: datetime) -> list[str]:
        return [p for p in self._times if self.member_at(p, time)]
