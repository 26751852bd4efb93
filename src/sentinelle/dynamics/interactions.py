"""Who talks to whom: one edge per (conversation, from, to, method), with its evidence.

Methods, most to least certain:
  reply        the export links the message to the one it answers (Telegram, Matrix, Discord)
  mention      an @mention (the export's own list, or "@name" in the text)
  quote        a quoted message ("> <@who> ..." in Matrix fallbacks)
  forward      a forwarded message: the sender relays its author
  addressed    the message starts (or ends) with a participant's name: "Marc, tu ..." (WhatsApp)
  turn_taking  an answer within `turn_window_s` after someone else's message, with no other link
Each edge keeps its count, summed confidence (its weight), first/last times, and the first
`max_evidence` record ids.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field
from typing import Any

from .corpus import ConvData, Corpus
from .lexicon import quick_fold
from .settings import DynamicsSettings

CONFIDENCE = {"reply": 1.0, "mention": 0.9, "quote": 0.85, "forward": 0.9, "addressed": 0.7}
_AT = re.compile(r"@([\w.+-]+(?:\s[A-Z][\w-]+)?)")
_QUOTE = re.compile(r"^>\s*<?@?([^>:\n]+)>?")
_LEAD_PUNCT = re.compile(r"^[\W_]+")


@dataclass
class Edge:
    conversation_id: str
    source: str
    target: str
    method: str
    count: int = 0
    weight: float = 0.0
    first: float | None = None
    last: float | None = None
    evidence: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "conversation_id": self.conversation_id,
            "source": self.source,
            "target": self.target,
            "method": self.method,
            "count": self.count,
            "weight": round(self.weight, 4),
            "confidence": round(self.weight / self.count, 3) if self.count else 0.0,
            "evidence": self.evidence,
        }


@dataclass
class Interactions:
    edges: dict[tuple[str, str, str, str], Edge] = field(default_factory=dict)
    # latency samples (seconds) of answers: how fast others answer p, how fast p answers others
    latency_to: dict[str, array] = field(default_factory=dict)
    latency_by: dict[str, array] = field(default_factory=dict)

    def add_latency(self, responder: str, answered: str, seconds: float) -> None:
        self.latency_to.setdefault(answered, array("d")).append(seconds)
        self.latency_by.setdefault(responder, array("d")).append(seconds)

    def edge_list(self) -> list[Edge]:
        return list(self.edges.values())


class _Adder:
    def __init__(self, out: Interactions, max_evidence: int) -> None:
        self.out, self.max_ev = out, max_evidence

    def __call__(self, cid: str, src: str, dst: str, method: str, conf: float, mid: str, t: float) -> None:
        if src == dst:
            return
        key = (cid, src, dst, method)
        e = self.out.edges.get(key)
        if e is None:
            e = self.out.edges[key] = Edge(cid, src, dst, method, first=t)
        e.count += 1
        e.weight += conf
        e.last = t
        if len(e.evidence) < self.max_ev:
            e.evidence.append(mid)


def addressee(cd: ConvData, text: str) -> str | None:
    """The participant named in vocative position: "Marc, ..." / "@Marc ..." / "..., Marc !"."""
    first = _LEAD_PUNCT.sub("", text[:30]).split(None, 1)
    gate = cd.aliases.first_words
    if first and quick_fold(first[0]).rstrip(",:;!.?") not in gate:
        first = None
    if not first:
        if len(text) < 400 and "," in text[-40:]:
            tail = quick_fold(text[-40:]).rsplit(",", 1)[-1].strip(" !.?")
            if tail and (p := cd.aliases.get(tail)):
                return p
        return None
    words = _LEAD_PUNCT.sub("", quick_fold(text[:60])).split()
    for n in range(min(cd.aliases.max_words, len(words)), 0, -1):
        cand = " ".join(words[:n]).rstrip(",:;!.?")
        if cand and (p := cd.aliases.get(cand)):
            return p
    if len(text) < 400 and "," in text:
        tail = quick_fold(text[-40:]).rsplit(",", 1)[-1].strip(" !.?")
        if tail and (p := cd.aliases.get(tail)):
            return p
    return None


def build_interactions(corpus: Corpus, settings: DynamicsSettings) -> Interactions:
    out = Interactions()
    add = _Adder(out, settings.max_evidence)
    window = settings.turn_window_s
    for cd in corpus.convs.values():
        cid = cd.id
        native: dict[str, int] = {}
        prev_p: str | None = None
        prev_t = 0.0
        msgs, senders, times = cd.messages, cd.senders, cd.times
        for i, m in enumerate(msgs):
            p, t, mid = senders[i], times[i], m.id
            if m.native_id:
                native[m.native_id] = i
            linked = False
            if m.reply_to is not None and (j := native.get(m.reply_to)) is not None:
                q = senders[j]
                add(cid, p, q, "reply", 1.0, mid, t)
                if q != p:
                    out.add_latency(p, q, max(0.0, t - times[j]))
                linked = True
            text = m.text
            if m.mentions:
                for name in m.mentions:
                    q = cd.aliases.get(quick_fold(name).lstrip("@")) or corpus.person(cid, name)
                    add(cid, p, q, "mention", CONFIDENCE["mention"], mid, t)
            elif "@" in text:
                for name in _AT.findall(text):
                    q = cd.aliases.get(quick_fold(name)) or cd.aliases.get(quick_fold(name.split()[0]))
                    if q:
                        add(cid, p, q, "mention", CONFIDENCE["mention"], mid, t)
            if m.forwarded_from:
                add(cid, p, corpus.person(cid, m.forwarded_from), "forward", CONFIDENCE["forward"], mid, t)
            if text.startswith(">") and (qm := _QUOTE.match(text)):
                q = cd.aliases.get(quick_fold(qm.group(1)))
                if q:
                    add(cid, p, q, "quote", CONFIDENCE["quote"], mid, t)
            if not linked and text:
                q = addressee(cd, text)
                if q and q != p:
                    add(cid, p, q, "addressed", CONFIDENCE["addressed"], mid, t)
                    linked = True
            if not linked and prev_p is not None and prev_p != p:
                gap = t - prev_t
                if 0.0 <= gap <= window:
                    conf = settings.turn_max_confidence * (1.0 - 0.5 * gap / window)
                    add(cid, p, prev_p, "turn_taking", conf, mid, t)
                    out.add_latency(p, prev_p, gap)
            prev_p, prev_t = p, t
    return out
