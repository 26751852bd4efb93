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

import numpy as np
import pandas as pd

from ..textutil import fold
from .corpus import ConvData, Corpus
from .settings import DynamicsSettings

CONFIDENCE = {"reply": 1.0, "mention": 0.9, "quote": 0.85, "forward": 0.9, "addressed": 0.7}
_AT = re.compile(r"@([\w.+-]+(?:\s[A-Z][\w-]+)?)")
_QUOTE = re.compile(r"^>\s*<?@?([^>:\n]+)>?")
_LEAD_PUNCT = re.compile(r"^[\W_]+")
GREETINGS = frozenset(
    "salut bonjour bonsoir coucou cc slt hey hi hello yo merci thanks thx ok okay oui non bravo cher chere "
    "dear allo bienvenue welcome".split()
)


@dataclass(slots=True)  # hundreds of thousands in a big case: no per-object dict
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
    # median answer latency (seconds, >= 5 answers): how fast others answer p / p answers others
    median_to: dict[str, float] = field(default_factory=dict)
    median_by: dict[str, float] = field(default_factory=dict)
    # answer samples as (responder code, answered code, seconds) chunks, reduced by finish()
    _codes: dict[str, int] = field(default_factory=dict)
    _lat: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = field(default_factory=list)
    _one: tuple[array, array, array] = field(default_factory=lambda: (array("q"), array("q"), array("d")))

    def code(self, person: str) -> int:
        c = self._codes.get(person)
        if c is None:
            c = self._codes[person] = len(self._codes)
        return c

    def add_latency(self, responder: str, answered: str, seconds: float) -> None:
        r, a, s = self._one
        r.append(self.code(responder))
        a.append(self.code(answered))
        s.append(seconds)

    def finish(self, min_samples: int = 5) -> None:
        r, a, s = self._one
        chunks = [*self._lat, (np.frombuffer(r, dtype=np.int64), np.frombuffer(a, dtype=np.int64), np.frombuffer(s))]
        resp = np.concatenate([c[0] for c in chunks])
        ans = np.concatenate([c[1] for c in chunks])
        sec = np.concatenate([c[2] for c in chunks])
        names = list(self._codes)
        for codes, out in ((ans, self.median_to), (resp, self.median_by)):
            if not len(codes):
                continue
            frame = pd.DataFrame({"p": codes, "s": sec}).groupby("p")["s"].agg(["median", "size"])
            frame = frame[frame["size"] >= min_samples]
            out.update({names[int(i)]: float(v) for i, v in frame["median"].items()})
        self._lat.clear()

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
    head = text[:40]
    if head and not head[0].isalnum():  # what _LEAD_PUNCT removes ([\W_]: not alphanumeric)
        head = _LEAD_PUNCT.sub("", head)
    first = head.split(None, 2)
    gate = cd.aliases.first_words
    skip = 0
    word = fold(first[0]).rstrip(",:;!.?") if first else ""
    if len(first) > 1 and word in GREETINGS:  # "Salut Marc", "Hey Ash"
        skip, first = 1, first[1:]
        word = fold(first[0]).rstrip(",:;!.?")
    if first and word not in gate:
        first = None
    if not first:
        if len(text) < 400 and "," in text[-40:]:
            tail = fold(text[-40:]).rsplit(",", 1)[-1].strip(" !.?")
            if tail and (p := cd.aliases.get(tail)):
                return p
        return None
    words = _LEAD_PUNCT.sub("", fold(text[:60])).split()[skip:]
    for n in range(min(cd.aliases.max_words, len(words)), 0, -1):
        cand = " ".join(words[:n]).rstrip(",:;!.?")
        if cand and (p := cd.aliases.get(cand)):
            return p
    if len(text) < 400 and "," in text:
        tail = fold(text[-40:]).rsplit(",", 1)[-1].strip(" !.?")
        if tail and (p := cd.aliases.get(tail)):
            return p
    return None


def build_interactions(corpus: Corpus, settings: DynamicsSettings) -> Interactions:
    out = Interactions()
    add = _Adder(out, settings.max_evidence)
    for cd in corpus.convs.values():
        cid = cd.id
        native: dict[str, int] = {}
        msgs, senders, times = cd.messages, cd.senders, cd.times
        linked_mask = bytearray(len(msgs))
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
                    q = cd.aliases.get(fold(name).lstrip("@")) or corpus.person(cid, name)
                    add(cid, p, q, "mention", CONFIDENCE["mention"], mid, t)
            elif "@" in text:
                for name in _AT.findall(text):
                    q = cd.aliases.get(fold(name)) or cd.aliases.get(fold(name.split()[0]))
                    if q:
                        add(cid, p, q, "mention", CONFIDENCE["mention"], mid, t)
            if m.forwarded_from:
                add(cid, p, corpus.person(cid, m.forwarded_from), "forward", CONFIDENCE["forward"], mid, t)
            if text.startswith(">") and (qm := _QUOTE.match(text)):
                q = cd.aliases.get(fold(qm.group(1)))
                if q:
                    add(cid, p, q, "quote", CONFIDENCE["quote"], mid, t)
            if not linked and text:
                q = addressee(cd, text)
                if q and q != p:
                    add(cid, p, q, "addressed", CONFIDENCE["addressed"], mid, t)
                    linked = True
            if linked:
                linked_mask[i] = 1
        _turn_taking(out, add, cd, np.frombuffer(bytes(linked_mask), dtype=np.uint8).astype(bool), settings)
    out.finish()
    return out



def _turn_taking(out: Interactions, add: _Adder, cd: ConvData, linked: np.ndarray, settings: DynamicsSettings) -> None:
    """An unlinked message within the window after another person's: vectorised (1M rows/s)."""
    n = len(cd.messages)
    if n < 2:
        return
    window, tmc = settings.turn_window_s, settings.turn_max_confidence
    codes = np.fromiter((out.code(p) for p in cd.senders), dtype=np.int64, count=n)
    times = np.asarray(cd.times, dtype=np.float64)
    gap = np.diff(times)
    mask = (~linked[1:]) & (codes[1:] != codes[:-1]) & (gap >= 0.0) & (gap <= window)
    idx = np.nonzero(mask)[0] + 1
    if not len(idx):
        return
    src, dst, g = codes[idx], codes[idx - 1], gap[idx - 1]
    out._lat.append((src, dst, g))
    conf = tmc * (1.0 - 0.5 * g / window)
    key = src * (len(out._codes) + 1) + dst
    order = np.argsort(key, kind="stable")
    skey = key[order]
    starts = np.flatnonzero(np.r_[True, skey[1:] != skey[:-1]])
    ends = np.r_[starts[1:], len(skey)]
    weights = np.add.reduceat(conf[order], starts)
    names = list(out._codes)
    msgs, times = cd.messages, cd.times
    k = add.max_ev
    cid = cd.id
    pos = idx[order].tolist()  # message positions grouped by (source, target), in file order within
    heads = order[starts]
    pairs = zip(src[heads].tolist(), dst[heads].tolist(), strict=True)
    edges = out.edges
    for s, e, w, (sa, sb) in zip(starts.tolist(), ends.tolist(), weights.tolist(), pairs, strict=True):
        a, b = names[sa], names[sb]
        key = (cid, a, b, "turn_taking")
        edge = edges.get(key)
        if edge is None:  # the usual case: one group per pair and conversation
            edges[key] = Edge(cid, a, b, "turn_taking", e - s, w, times[pos[s]], times[pos[e - 1]],
                              [msgs[j].id for j in pos[s : s + k]])
            continue
        edge.count += e - s
        edge.weight += w
        edge.last = times[pos[e - 1]]
        room = k - len(edge.evidence)
        if room > 0:
            edge.evidence.extend([msgs[j].id for j in pos[s : s + room]])
