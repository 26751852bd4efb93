"""The WhatsApp header lexer: one anchored regex for every date/time layout seen in exports.

A header is `[date time] ` (iOS) or `date time - ` (Android) at the very start of a line. The
regex captures the three date components raw: their order (d/m, m/d, y/m/d) is decided later,
over the whole file (`dates.py`). `\\d` deliberately matches any Unicode digit (Arabic-Indic).
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Bidi controls and BOMs that exports put around dates, names and bodies.
MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_M = f"[{MARKS}]*"
_SP = r"[ \u00a0\u202f]"  # space, NBSP, narrow NBSP

HEADER = re.compile(
    rf"""
    {_M}(?P<br>\[)?{_M}
    (?:
      (?P<d1>\d{{1,4}}){_M}(?P<sep>[./\-]){_SP}?{_M}
      (?P<d2>\d{{1,4}}){_M}(?P=sep){_SP}?{_M}
      (?P<d3>\d{{1,4}}(?:\ BE)?|[RHST]\d{{1,2}}){_M}\.?
      (?P<join>,{_SP}?|{_SP}?\u060c{_SP}?|{_SP}(?:à|klo|um|alle|a\ las|às)?{_SP}?)
      {_M}
      (?P<H>\d{{1,2}})[:.](?P<Mi>\d{{2}})(?:[:.](?P<S>\d{{2}}))?
      (?:{_SP}?(?P<ap>[aApP]\.?{_SP}?[mM]\.?|午前|午後|ص|م))?
    |
      # time first (Vietnamese iOS): [14:56:01, 3/18/22]
      (?P<tH>\d{{1,2}})[:.](?P<tMi>\d{{2}})(?:[:.](?P<tS>\d{{2}}))?,{_SP}?
      (?P<td1>\d{{1,4}})(?P<tsep>[./\-])(?P<td2>\d{{1,4}})(?P=tsep)(?P<td3>\d{{1,4}})
    )
    {_M}
    (?(br)\]{_SP}|{_SP}[-\u2013]{_SP})
    """,
    re.X,
)

# First characters a header line can start with (cheap pre-check before the regex).
_START_EXTRA = frozenset("[" + MARKS)


def could_be_header(line: str) -> bool:
    return bool(line) and (line[0].isdigit() or line[0] in _START_EXTRA)


class Header(NamedTuple):
    raw: str  # the timestamp text exactly as written (brackets and separators excluded)
    d1: str
    d2: str
    d3: str
    hour: int
    minute: int
    second: int
    pm: bool | None  # None: 24-hour clock
    layout: tuple  # what must be identical for two headers to belong to the same export
    end: int  # index in the line where the author/body part starts
    ios: bool


def lex(line: str) -> Header | None:
    """The header at the start of `line`, or None."""
    m = HEADER.match(line)
    if m is None:
        return None
    g = m.group
    if g("d1") is not None:
        d1, d2, d3 = g("d1"), g("d2"), g("d3")
        hour, minute, sec = int(g("H")), int(g("Mi")), g("S")
        sep, join = g("sep"), g("join").strip(" \u00a0\u202f")
        ap = g("ap")
        time_first = False
        raw_start, raw_end = m.start("d1"), m.end("ap") if ap else m.end("S") if sec else m.end("Mi")
    else:
        d1, d2, d3 = g("td1"), g("td2"), g("td3")
        hour, minute, sec = int(g("tH")), int(g("tMi")), g("tS")
        sep, join, ap = g("tsep"), ",", None
        time_first = True
        raw_start, raw_end = m.start("tH"), m.end("td3")
    if minute > 59 or hour > 24:
        return None
    pm: bool | None = None
    if ap:
        first = ap[0]
        pm = first in "pP" or ap in ("午後", "م")
        if hour > 12 or hour == 0 and ap is None:
            return None
    ios = g("br") is not None
    layout = (ios, sep, join, sec is not None, ap is not None, time_first)
    return Header(
        line[raw_start:raw_end], d1, d2, d3, hour, minute, int(sec) if sec else 0, pm, layout, m.end(), ios
    )


def hour24(hour: int, pm: bool | None) -> int:
    if pm is None:
        return 0 if hour == 24 else hour
    return hour % 12 + (12 if pm else 0)
