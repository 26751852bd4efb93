"""Date order over the whole file, with evidence; then timestamps from header parts.

WhatsApp writes dates in the device's locale: d/m/y, m/d/y or y/m/d, with 2- or 4-digit years,
and on iOS sometimes in the Buddhist (`2565 BE`) or Japanese (`R4`) calendar. The order cannot be
read from one line: it is decided from every distinct date of the file (values above 12, which
order keeps the dates going forward, which component changes more often), and when nothing in
the file tells the orders apart the result says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

ORDERS = ("dmy", "mdy", "ymd")
_ERAS = {"R": 2018, "H": 1988, "S": 1925, "T": 1911}  # Reiwa, Heisei, Showa, Taisho


def year_value(text: str) -> int | None:
    """A year component as a Gregorian year; None if it cannot be a year."""
    if text.endswith(" BE"):
        return int(text[:-3]) - 543
    if text[0] in _ERAS:
        return _ERAS[text[0]] + int(text[1:])
    if len(text) == 4:
        return int(text)
    if len(text) <= 2:
        return 2000 + int(text)
    return None


def _small(text: str) -> int | None:
    """A day or month component (1-2 digits)."""
    if len(text) > 2 or not text.isdigit():
        return None
    return int(text)


def ymd(order: str, d1: str, d2: str, d3: str) -> tuple[int, int, int] | None:
    """(year, month, day) of the raw components under `order`, None if invalid."""
    if order == "dmy":
        day, month, year = _small(d1), _small(d2), year_value(d3)
    elif order == "mdy":
        month, day, year = _small(d1), _small(d2), year_value(d3)
    else:
        year, month, day = year_value(d1), _small(d2), _small(d3)
    if year is None or month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return year, month, day


@dataclass
class DateEvidence:
    """Collects the distinct consecutive dates of a file (first pass); memory grows with the
    number of date changes (days), not with the number of lines."""

    dates: list[tuple[str, str, str]] = field(default_factory=list)
    twelve_hour: int = 0
    headers: int = 0

    def add(self, d1: str, d2: str, d3: str) -> None:
        if not self.dates or self.dates[-1] != (d1, d2, d3):
            self.dates.append((d1, d2, d3))


@dataclass(frozen=True)
class OrderDecision:
    order: str
    ambiguous: bool
    reason: str


def decide_order(ev: DateEvidence, forced: str | None = None) -> OrderDecision:
    if forced:
        return OrderDecision(forced, False, "given by the user")
    if not ev.dates:
        return OrderDecision("dmy", True, "no dates")
    orders = ORDERS
    if all(len(d[0]) <= 2 for d in ev.dates):
        # A 2-digit first component is a year only in rare locales: consider y/m/d only when
        # neither d/m nor m/d can read the dates.
        orders = ("dmy", "mdy")
        if all(any(ymd(o, *d) is None for d in ev.dates) for o in orders):
            orders = ORDERS
    invalid = {o: sum(ymd(o, *d) is None for d in ev.dates) for o in orders}
    fewest = min(invalid.values())
    valid = [o for o in orders if invalid[o] == fewest]
    if len(valid) == 1:
        return OrderDecision(valid[0], False, "the other orders give impossible dates")
    # Several orders give valid dates: the right one keeps the dates going forward.
    backwards = {}
    for o in valid:
        seq = [ymd(o, *d) for d in ev.dates]
        seq = [s for s in seq if s is not None]
        backwards[o] = sum(1 for a, b in zip(seq, seq[1:], strict=False) if b < a)
    best = min(backwards.values())
    tied = [o for o in valid if backwards[o] == best]
    if len(tied) == 1:
        return OrderDecision(tied[0], False, "the only order in which dates go forward")
    # Still tied: the day changes more often than the month (weak evidence, so ambiguous).
    changes = [0, 0, 0]
    for a, b in zip(ev.dates, ev.dates[1:], strict=False):
        for i in range(3):
            changes[i] += a[i] != b[i]
    if "dmy" in tied and "mdy" in tied and changes[0] != changes[1]:
        pick = "dmy" if changes[0] > changes[1] else "mdy"
        return OrderDecision(pick, True, "guessed from which component changes more often")
    if "dmy" in tied and "mdy" in tied:
        pick = "mdy" if ev.twelve_hour > ev.headers // 2 else "dmy"
        return OrderDecision(pick, True, "nothing in the file tells day and month apart")
    return OrderDecision(tied[0], True, "nothing in the file tells the orders apart")


class TimeBuilder:
    """Datetimes from header parts, with the date of each distinct date string cached."""

    def __init__(self, order: str, tz: tzinfo | None = None) -> None:
        self.order = order
        self.tz = tz
        self.ambiguous = False  # set by the reader: flag dates that read differently swapped
        self._dates: dict[tuple[str, str, str], tuple[date | None, bool]] = {}

    def day(self, d1: str, d2: str, d3: str) -> tuple[date | None, bool]:
        """(the date, whether it is one of the ambiguous ones), cached per distinct date."""
        key = (d1, d2, d3)
        got = self._dates.get(key)
        if got is not None:
            return got
        parts = ymd(self.order, d1, d2, d3)
        value = None
        if parts is not None:
            try:
                value = date(*parts)
            except ValueError:
                value = None
        got = (value, self.ambiguous and is_ambiguous_date(d1, d2, self.order))
        if len(self._dates) > 100_000:
            self._dates.clear()
        self._dates[key] = got
        return got

    def build(self, day: date, hour: int, minute: int, second: int) -> datetime | None:
        if hour == 24:
            hour = 0
        try:
            return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=self.tz)
        except ValueError:
            return None


def is_ambiguous_date(d1: str, d2: str, order: str) -> bool:
    """True when this date reads differently with day and month swapped."""
    if order == "ymd":
        return False
    return d1 != d2 and len(d1) <= 2 and len(d2) <= 2 and int(d1) <= 12 and int(d2) <= 12
