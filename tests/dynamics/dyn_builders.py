"""Synthetic conversations built as real records (no mocks): a chat you write line by line."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sentinelle.records import Conversation, Event, Message, Source


class Chat:
    """Append messages and events in time order; `records()` gives what a reader would yield."""

    def __init__(self, cid: str, title: str, start: datetime = datetime(2026, 1, 5, 8, 0), platform: str = "whatsapp"):
        self.conversation = Conversation(id=cid, platform=platform, title=title, source_sha256=cid * 4, chat_type="group")
        self.now = start
        self.messages: list[Message] = []
        self.events: list[Event] = []
        self._n = 0

    def _src(self) -> Source:
        self._n += 1
        return Source(sha256=self.conversation.source_sha256, line_start=self._n, line_end=self._n,
                      byte_start=self._n * 100, byte_end=self._n * 100 + 99)

    def wait(self, seconds: float) -> Chat:
        self.now += timedelta(seconds=seconds)
        return self

    def say(self, sender: str, text: str, after: float = 60, **kw) -> Message:
        self.now += timedelta(seconds=after)
        src = self._src()
        m = Message(id=f"{self.conversation.id}:{src.byte_start}", conversation_id=self.conversation.id,
                    time=self.now, time_raw=self.now.isoformat(), sender=sender, text=text, source=src, **kw)
        self.messages.append(m)
        return m

    def event(self, type: str, actor: str | None = None, targets: tuple[str, ...] = (), after: float = 0, **details) -> Event:
        self.now += timedelta(seconds=after)
        src = self._src()
        e = Event(id=f"{self.conversation.id}:{src.byte_start}", conversation_id=self.conversation.id, time=self.now,
                  time_raw=self.now.isoformat(), type=type, source=src, actor=actor, targets=targets,
                  details=details)
        self.events.append(e)
        return e

    def chatter(self, people: list[str], n: int, rng: random.Random, gap: tuple[float, float] = (30, 900)) -> None:
        """Friendly small talk: statements and questions, never orders."""
        lines = ["ça va ?", "bonne journée", "lol", "je suis au bureau", "il fait beau aujourd'hui",
                 "vous avez vu le match hier ?", "pas mal", "je rentre tard ce soir", "on verra",
                 "merci pour hier", "c'était sympa", "haha", "quelqu'un a des nouvelles de Paul ?",
                 "je crois que oui", "j'ai fini ma journée", "bon courage à tous", "trop drôle"]
        for _ in range(n):
            self.say(rng.choice(people), rng.choice(lines), after=rng.uniform(*gap))


def records(*chats: Chat) -> tuple[list[Conversation], list[Message], list[Event]]:
    return ([c.conversation for c in chats], [m for c in chats for m in c.messages], [e for c in chats for e in c.events])
