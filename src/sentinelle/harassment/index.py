"""Per-conversation lookups built once, so that each case costs its own size, not the chat's."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from datetime import datetime, timedelta

from .targeting import Reading

HOSTILE = ("abuse", "degrading")


class ConvIndex:
    def __init__(self, readings: list[Reading]) -> None:
        self.readings = readings  # time order
        self.by_id = {r.message.id: r for r in readings}
        self.kind = {r.message.id: r.kind for r in readings}
        self.by_sender: dict[str, list[Reading]] = defaultdict(list)
        self.addressing: dict[str, list[Reading]] = defaultdict(list)  # person -> messages linked to them
        self.notable: list[Reading] = []  # acts mentioned, reported speech
        self.friendly_times: list[datetime] = []  # messages that are not hostile, with their senders
        self.friendly_senders: list[str] = []
        for r in readings:
            if r.sender:
                self.by_sender[r.sender].append(r)
            for person in r.targets:
                self.addressing[person].append(r)
            kind = self.kind[r.message.id]
            if r.acts or kind == "reported":
                self.notable.append(r)
            if r.time is not None and r.sender and kind not in HOSTILE:
                self.friendly_times.append(r.time)
                self.friendly_senders.append(r.sender)
        times = [r.time for r in readings if r.time is not None]
        self.end = max(times) if times else None

    def followed(self, r: Reading, window: timedelta) -> bool:
        """Someone else writes something not hostile within `window` after `r`."""
        assert r.time is not None
        i = bisect_right(self.friendly_times, r.time)
        while i < len(self.friendly_times) and self.friendly_times[i] <= r.time + window:
            if self.friendly_senders[i] != r.sender:
                return True
            i += 1
        return False
