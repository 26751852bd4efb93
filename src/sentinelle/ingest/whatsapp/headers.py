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
_M = f"[{MARKS}]*+"  # possessive: runs of marks never backtrack (linear on any line)
_SP = r"[ \u00a0\u202f]"  # space, NBSP, narrow NBSP

_PATTERN = rf"""
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
    """
HEADER = re.compile(_PATTERN, re.X)
# The same after a line break: finditer over "\n" + chunk finds every header line fast (a
# literal first character lets the regex engine skip ahead; "^" with re.M would not).
HEADER_N = re.compile(r"\n" + _PATTERN, re.X)
# Characters around a timestamp that are not part of it (marks, brackets, the " - " separator).
_AROUND = MARKS + "[] -\u2013\u00a0\u202f\n"

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
    return from_match(m)


def from_match(m: re.Match[str]) -> Header | None:
    """A Header from a HEADER/HEADER_M match (None if the time is impossible)."""
    (br, d1, sep, d2, d3, join, hh, mi, ss, ap, t_h, t_mi, t_s, t_d1, t_sep, t_d2, t_d3) = m.groups()
    if d1 is not None:
        join = join.strip(" \u00a0\u202f")
        time_first = False
    else:
        d1, d2, d3, sep, hh, mi, ss, join = t_d1, t_d2, t_d3, t_sep, t_h, t_mi, t_s, ","
        time_first = True
    hour, minute = int(hh), int(mi)
    if minute > 59 or hour > 24 or (ss is not None and int(ss) > 60):
        return None
    pm: bool | None = None
    if ap is not None:
        if hour > 12:
            return None
        pm = ap[0] in "pP" or ap in ("午後", "م")
    start = m.start()
    end = m.end()
    raw = m.string[start:end].strip(_AROUND)
    layout = (br is not None, sep, join, ss is not None, ap is not None, time_first)
    return Header(
        raw, d1, d2, d3, hour, minute, int(ss) if ss else 0, pm, layout, end - start, br is not None
    )


# -- first pass: every header of a chunk at C speed -----------------------------------------------
# The header, then the text before the first and second ": " of the line (candidate names).
# (run over "\n" + chunk; a name stops at the first ":"; name2 is the next part when a line has
# "A: B: " early, for names that contain ": "; possessive quantifiers: no useless backtracking)
PASS1 = re.compile(r"\n" + _PATTERN + r"(?P<name>[^:\n]{0,80}+)(?::\ (?P<name2>[^:\n]{1,40}+):\ )?", re.X)
_G = {name: i - 1 for name, i in PASS1.groupindex.items()}
ROW_LAYOUT = (_G["br"], _G["sep"], _G["join"], _G["S"], _G["ap"], _G["tH"], _G["tsep"], _G["tS"])
ROW_DATE = (_G["d1"], _G["d2"], _G["d3"], _G["td1"], _G["td2"], _G["td3"])
ROW_NAME, ROW_NAME2 = _G["name"], _G["name2"]


def layout_of_row(key: tuple[str, ...]) -> tuple:
    """The layout tuple (as in Header.layout) of a PASS1 row's layout columns."""
    br, sep, join, sec, ap, t_h, t_sep, t_sec = key
    if t_h:
        return (bool(br), t_sep, ",", bool(t_sec), False, True)
    return (bool(br), sep, join.strip(" \u00a0\u202f"), bool(sec), bool(ap), False)


# -- second pass: one anchored regex for the file's own layout ---------------------------------------


def layout_regex(
    layout: tuple, names: bool = False, plain: bool = False
) -> tuple[re.Pattern[str], dict[str, int]]:
    """A regex that matches only headers of `layout` (so that a header of another layout quoted
    inside a message stays in that message), and the index of each field in `m.groups()`.

    `plain`: the file puts no marks inside its headers and uses Gregorian years (2.5x faster)."""
    pattern, _, _ = _layout_pattern(layout, plain)
    if names:  # as in PASS1
        pattern += r"(?P<name>[^:\n]{0,80}+)(?::\ (?P<name2>[^:\n]{1,40}+):\ )?"
    regex = re.compile(pattern, re.X)
    return regex, {name: i - 1 for name, i in regex.groupindex.items()}


_NAMED = re.compile(r"\(\?P<\w+>")


class SplitRegex(NamedTuple):
    """The second pass's regexes for one layout.

    `regex.split("\n" + text)` gives [text before the first header, then per header: the
    header (its line break excluded), the two parts of its timestamp (the date and the time of
    day, in the order the layout writes them) and the text up to the next header's line
    break]; `date` and `clock` read the fields of those parts."""

    regex: re.Pattern[str]
    date_first: bool
    date: re.Pattern[str]
    clock: re.Pattern[str]


def split_regex(layout: tuple, plain: bool = False) -> SplitRegex:
    pattern, date, clock = _layout_pattern(layout, plain)
    bare = re.sub(r"\(\?P<(?!date>|clock>)\w+>", "(?:", pattern)
    bare = bare.replace("(?P<date>", "(").replace("(?P<clock>", "(")
    assert bare.startswith(r"\n")
    regex = re.compile(r"\n(" + bare[2:] + ")", re.X)
    return SplitRegex(regex, not layout[5], re.compile(date, re.X), re.compile(clock, re.X))


def pass1_regex(
    layout: tuple, plain: bool = False, binary: bool = False, ascii_spaces: bool = False
) -> tuple[re.Pattern, re.Pattern[str]]:
    """First pass for a file of one layout: a regex with two groups only, (date, names), where
    names is the text before the first `: ` or `A: B` before the second (as PASS1's name and
    name2; fewer, longer groups make findall about twice as fast); and a regex that splits a
    date text into d1, d2, d3.

    `binary`: the regex reads UTF-8 bytes (no decoding; ASCII digits only). Its names part is
    capped in bytes (4 per character) instead of characters: `names_of` cuts it back.
    `ascii_spaces`: (binary) the headers' spaces and dash are ASCII (20 % faster)."""
    pattern, date_in_pattern, _ = _layout_pattern(layout, plain, binary, ascii_spaces)
    date = _layout_pattern(layout, plain)[1]  # read on the decoded date text
    bare = _NAMED.sub("(?:", pattern)
    bare_date = _NAMED.sub("(?:", date_in_pattern)
    i = bare.index(bare_date)
    bare = bare[:i] + "(" + bare_date + ")" + bare[i + len(bare_date) :]
    if binary:
        bare += r"([^:\n]{0,320}+(?::\ [^:\n]{1,160}+(?=:\ ))?)"
        return re.compile(bare.encode("utf-8"), re.X), re.compile(date, re.X)
    bare += r"([^:\n]{0,80}+(?::\ [^:\n]{1,40}+(?=:\ ))?)"
    return re.compile(bare, re.X), re.compile(date, re.X)


def names_of(key: str) -> str:
    """A binary first pass's names text cut as the text regex cuts it (80 + 40 characters)."""
    first, colon, second = key.partition(": ")
    if len(first) > 80:
        return first[:80]
    if colon and len(second) > 40:
        return first
    return key


# The same classes for a bytes regex, as UTF-8 byte sequences (a bytes regex cannot hold
# non-ASCII characters in a class): MARKS, then space/NBSP/narrow NBSP, then "-" or "–".
_M_ALT = r"(?:\xe2(?:\x80[\x8e\x8f\xaa-\xae]|\x81[\xa6-\xa9])|\xef\xbb\xbf)*+"
_SP_ALT = r"(?:\ |\xc2\xa0|\xe2\x80\xaf)"
_DASH_ALT = r"(?:-|\xe2\x80\x93)"
_AP_ALT = r"(?:[aApP]\.?{sp}?[mM]\.?|午前|午後|ص|م)"


def _layout_pattern(
    layout: tuple, plain: bool, binary: bool = False, ascii_spaces: bool = False
) -> tuple[str, str, str]:
    """(the header pattern of `layout`, its date part, its time-of-day part). The pattern's
    groups `date` and `clock` hold the whole date and time of day (the second pass caches on
    them). `binary`: written to be encoded to UTF-8 and matched against bytes."""
    ios, sep, join, secs, ampm, time_first = layout
    s = re.escape(sep)
    marks = _M_ALT if binary else _M
    sp = r"\ " if ascii_spaces else _SP_ALT if binary else _SP
    _m = "" if plain else marks
    d3 = r"\d{1,4}" if plain else r"\d{1,4}(?:\ BE)?|[RHST]\d{1,2}"
    date = (
        rf"(?P<d1>\d{{1,4}}){_m}{s}{sp}?{_m}(?P<d2>\d{{1,4}}){_m}{s}{sp}?{_m}"
        rf"(?P<d3>{d3}){_m}\.?"
    )
    clock = r"(?P<H>\d{1,2})[:.](?P<Mi>\d{2})" + (r"[:.](?P<S>\d{2})" if secs else "")
    if ampm:
        ap = _AP_ALT.format(sp=sp) if binary else rf"(?:[aApP]\.?{_SP}?[mM]\.?|午前|午後|ص|م)"
        clock += rf"{sp}?(?P<ap>{ap})"
    if time_first:
        body = f"(?P<clock>{clock})" + rf",{sp}?" + f"(?P<date>{date})"
    else:
        glue = rf"{sp}?{re.escape(join)}{sp}?" if join else sp
        body = f"(?P<date>{date})" + glue + _m + f"(?P<clock>{clock})"
    dash = "-" if ascii_spaces else _DASH_ALT if binary else r"[-\u2013]"
    close = rf"\]{sp}" if ios else rf"{sp}{dash}{sp}"
    # marks before the line (iOS media/system lines) are always allowed
    return r"\n" + marks + (r"\[" if ios else "") + _m + body + _m + close, date, clock
