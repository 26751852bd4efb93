"""Flag records whose time goes backwards; they stay in file order."""

from __future__ import annotations

from datetime import datetime

from ..records import Flag


class TimeOrder:
    def __init__(self, descending: bool = False) -> None:
        self.last: datetime | None = None
        self.descending = descending  # some exports (Messenger) list the newest first

    def check(self, moment: datetime | None) -> frozenset[str]:
        """{TIME_BACKWARDS} when `moment` breaks the file's order, else nothing."""
        if moment is None:
            return frozenset()
        last, self.last = self.last, moment
        if last is None or (last.tzinfo is None) != (moment.tzinfo is None):
            return frozenset()
        backwards = moment > last if self.descending else moment < last
        return frozenset({Flag.TIME_BACKWARDS}) if backwards else frozenset()
