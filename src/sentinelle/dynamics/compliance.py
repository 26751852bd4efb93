"""What follows a directive: acknowledgements ("reçu", "ok chef", "ok, j'arrive", 👍), repetition of the order
by others, push-back, and the silence or departure of the people it named, measured against the
conversation's own base rate over the same windows.

Outcome of a directive: obeyed (acknowledged, repeated, or its addressees went silent or left,
and more of that than push-back), contested (push-back dominates), ignored (nothing of the kind).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..records import EventType
from ..textutil import fold
from . import lexicon as lx
from .corpus import ConvData, seconds
from .directives import Directive
from .settings import DynamicsSettings

_TOKENS = re.compile(r"[a-z]{3,}")


@dataclass
class Outcome:
    directive: Directive
    acks: list[str] = field(default_factory=list)
    repeats: list[str] = field(default_factory=list)
    pushback: list[str] = field(default_factory=list)
    followers: set[str] = field(default_factory=set)  # people who acknowledged or repeated
    addressees: list[dict[str, Any]] = field(default_factory=list)  # silence/departure figures

    strong_acks: int = 0
    ack_people: set[str] = field(default_factory=set)

    @property
    def acknowledged(self) -> bool:
        """One subordinate's "reçu"/"à vos ordres", or plain "ok"/👍 from two different people."""
        return self.strong_acks > 0 or len(self.ack_people) >= 2

    @property
    def outcome(self) -> str:
        positive = (len(self.acks) if self.acknowledged else 0) + len(self.repeats)
        positive += sum(1 for a in self.addressees if a["silenced"] or a["left"] or a["removed"])
        if len(self.pushback) > positive:
            return "contested"
        return "obeyed" if positive else "ignored"

    def to_dict(self) -> dict[str, Any]:
        ev = [self.directive.message_id, *self.acks, *self.repeats, *self.pushback]
        for a in self.addressees:
            ev += a["evidence"]
        return {
            "message_id": self.directive.message_id,
            "conversation_id": self.directive.conversation_id,
            "issuer": self.directive.issuer,
            "kind": self.directive.kind,
            "outcome": self.outcome,
            "acknowledgements": self.acks,
            "strong_acknowledgements": self.strong_acks,
            "repetitions": self.repeats,
            "pushback": self.pushback,
            "followers": sorted(self.followers),
            "addressees": self.addressees,
            "evidence": list(dict.fromkeys(ev)),
        }


class RateIndex:
    """Sorted message times per person (and for the whole conversation), built on demand."""

    def __init__(self, cd: ConvData, person_of: Callable[[str, str], str]) -> None:
        self.cd = cd
        self.person_of = person_of
        self._all: list[float] | None = None
        self._by: dict[str, list[float]] | None = None

    def all(self) -> list[float]:
        if self._all is None:
            self._all = sorted(self.cd.times)
        return self._all

    def of(self, person: str) -> list[float]:
        if self._by is None:
            by: dict[str, list[float]] = {}
            for p, t in zip(self.cd.senders, self.cd.times, strict=True):
                by.setdefault(p, []).append(t)
            for v in by.values():
                v.sort()
            self._by = by
        return self._by.get(person, [])

    @staticmethod
    def count(times: list[float], lo: float, hi: float) -> int:
        return bisect_right(times, hi) - bisect_left(times, lo)


def silence_figures(
    idx: RateIndex, person: str, t: float, settings: DynamicsSettings, message_id: str
) -> dict[str, Any]:
    """Messages of `person` in the window before and after `t`, against the conversation's."""
    w = settings.silence_window_s
    all_times = idx.all()
    # windows clipped to the conversation's observed span: rates, not raw counts
    lo = max(t - w, all_times[0]) if all_times else t - w
    hi = min(t + w, all_times[-1]) if all_times else t + w
    span_before, span_after = max(t - lo, 3600.0), max(hi - t, 3600.0)
    mine = idx.of(person)
    before = idx.count(mine, lo, t - 1e-6)
    after = idx.count(mine, t + 1e-6, hi)
    conv_before = idx.count(all_times, lo, t - 1e-6)
    conv_after = idx.count(all_times, t + 1e-6, hi)
    ratio = (after / span_after) / (before / span_before) if before else None
    conv_ratio = (conv_after / span_after) / (conv_before / span_before) if conv_before else None
    # silenced: they wrote before, they (nearly) stopped, while the conversation did not
    silenced = (
        before >= settings.silenced_min_before
        and ratio is not None
        and ratio <= settings.silenced_rate_ratio
        and (conv_ratio is None or conv_ratio > 2 * settings.silenced_rate_ratio)
    )
    left = removed = None
    ev: list[str] = []
    for e in idx.cd.events:
        et = seconds(e.time)
        if et is None or et < t or et > t + w:
            continue
        names = e.targets or ((e.actor,) if e.actor else ())
        if person not in {idx.person_of(idx.cd.id, n) for n in names}:
            continue
        if e.type == EventType.LEFT and left is None:
            left = e.id
            ev.append(e.id)
        elif e.type in (EventType.REMOVED, EventType.BANNED) and removed is None:
            removed = e.id
            ev.append(e.id)
    return {
        "person": person,
        "messages_before": before,
        "messages_after": after,
        "rate_ratio": round(ratio, 3) if ratio is not None else None,
        "conversation_before": conv_before,
        "conversation_after": conv_after,
        "conversation_rate_ratio": round(conv_ratio, 3) if conv_ratio is not None else None,
        "silenced": silenced,
        "left": left is not None,
        "removed": removed is not None,
        "days_before": round(span_before / 86400, 2),
        "days_after": round(span_after / 86400, 2),
        "evidence": [message_id, *ev],
    }


def follow_directive(
    d: Directive,
    position: int,
    cd: ConvData,
    idx: RateIndex,
    addressees: list[str],
    settings: DynamicsSettings,
    next_directive: int | None = None,
) -> Outcome:
    """Responses are read up to the next directive of the conversation (an answer belongs to the
    latest order) and within the time and message windows of the settings."""
    out = Outcome(d)
    own = cd.messages[position].native_id
    t0 = d.time or 0.0
    words = set(_TOKENS.findall(lx.normalise(fold(cd.messages[position].text))))
    end = min(len(cd.messages), position + 1 + settings.compliance_window_messages)
    for j in range(position + 1, end):
        if cd.times[j] - t0 > settings.compliance_window_s:
            break
        m = cd.messages[j]
        if next_directive is not None and j >= next_directive and (own is None or m.reply_to != own):
            continue  # after the next order, only explicit replies to this one still count
        p = cd.senders[j]
        if p == d.issuer:
            continue
        if m.reply_to is not None and m.reply_to != own:
            continue  # an explicit answer to something else
        raw = m.text
        if len(raw) <= 80:
            norm = lx.normalise(fold(raw)).strip()
            done = not lx.PUSHBACK.search(norm) and lx.ACK_DONE.search(norm) is not None
            if lx.ACK.search(norm) or lx.ACK_LEAD.search(norm) or done:
                if j - position > settings.ack_max_gap_messages or cd.times[j] - t0 > settings.ack_window_s:
                    continue  # a late "ok" answers something else
                out.acks.append(m.id)
                out.ack_people.add(p)
                out.strong_acks += bool(done or lx.ACK_STRONG.search(norm))
                out.followers.add(p)
                continue
        else:
            norm = fold(raw)
        if lx.PUSHBACK.search(norm):
            out.pushback.append(m.id)
        elif len(words) >= 3:
            other = set(_TOKENS.findall(norm))
            if len(words & other) / len(words) >= 0.6:
                out.repeats.append(m.id)
                out.followers.add(p)
    for person in addressees:
        if person != d.issuer:
            out.addressees.append(silence_figures(idx, person, t0, settings, d.message_id))
    return out
