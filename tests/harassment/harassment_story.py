"""A tiny builder of synthetic conversations with known stories (records, events, detections)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sentinelle.harassment import HarassmentResult, find_cases
from sentinelle.records import Conversation, Detection, Event, Message, Source

T0 = datetime(2024, 1, 8, 9, 0)  # a Monday


def abuse(category: str = "insult", severity: int = 2, stance: str | None = None, score: float = 0.9) -> Detection:
    cats = {c: 0.0 for c in ("hate", "sexual", "threat", "insult", "profanity")}
    cats[category] = score
    return Detection(categories=cats, flagged=stance not in ("reported", "counter"), severity=severity, stance=stance)


class Chat:
    def __init__(self, conv: str = "conv1") -> None:
        self.conv = conv
        self.messages: list[Message] = []
        self.events: list[Event] = []
        self.detections: dict[str, Detection] = {}
        self._offset = 0

    def _source(self, text: str) -> Source:
        start = self._offset
        self._offset += len(text.encode()) + 30
        n = len(self.messages) + len(self.events) + 1
        return Source("f" * 64, n, n, start, start + len(text.encode()) + 29, path="chat.txt")

    def say(self, day: float, sender: str, text: str, det: Detection | None = None, minute: float = 0,
            reply_to: str | None = None, mentions: tuple[str, ...] = ()) -> str:
        """A message `day` days (and `minute` minutes) after T0; returns its record id."""
        t = T0 + timedelta(days=day, minutes=minute)
        src = self._source(text)
        mid = f"{self.conv}:{src.byte_start}"
        native = f"n{len(self.messages)}"
        self.messages.append(Message(mid, self.conv, t, t.strftime("%d/%m/%Y %H:%M"), sender, text, src,
                                     native_id=native, reply_to=reply_to, mentions=mentions))
        if det is not None:
            self.detections[mid] = det
        return mid

    def native(self, mid: str) -> str:
        return next(m.native_id for m in self.messages if m.id == mid)  # type: ignore[return-value]

    def event(self, day: float, type_: str, actor: str | None = None, targets: tuple[str, ...] = (), minute: float = 0) -> str:
        t = T0 + timedelta(days=day, minutes=minute)
        text = f"{actor or ''} {type_} {' '.join(targets)}".strip()
        src = self._source(text)
        eid = f"{self.conv}:{src.byte_start}"
        self.events.append(Event(eid, self.conv, t, t.strftime("%d/%m/%Y %H:%M"), type_, src, actor=actor,
                                 targets=targets, text=text))
        return eid

    def chatter(self, day: float, people: list[str], minute: float = 600) -> None:
        """Neutral talk between members, answered by name (so that silence can be measured)."""
        for i, p in enumerate(people):
            other = people[(i + 1) % len(people)]
            self.say(day, p, f"{other.split()[0]}, le planning de demain est en ligne", minute=minute + 2 * i)

    def run(self, **kw) -> HarassmentResult:
        conv = Conversation(self.conv, "whatsapp", "Brigade", "f" * 64)
        return find_cases([conv], self.messages, self.events, self.detections, **kw)
