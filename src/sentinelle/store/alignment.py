"""Sequence alignment of two exports of one conversation, and where the records only one of them
holds go in the merged conversation. Pure code, on the `Item`s of `matching`.

Pairs are found first at the very same minute, then, between those, one minute apart (seconds
rounded across a minute): the same "ok" said at 10:00 and 10:01 pairs with its own minute's copy.
Within each pass: anchors on keys said once on each side (patience diff, the longest run of them
increasing on both sides), then the stretches between anchors recursively, a longest common
subsequence when small, in order greedily when large.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .matching import Item

SLACK = 1  # minutes
LCS_CELLS = 250_000  # above this, pairs in a gap are found greedily in order
GREEDY_WINDOW = 200


def _compatible(t: Item, s: Item, offset: int, slack: int = SLACK) -> bool:
    if t.key != s.key:
        return False
    if t.minute is None or s.minute is None:
        return t.minute is None and s.minute is None
    return abs(t.minute - s.minute - offset) <= slack


def _lis(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of pairs increasing in both coordinates (pairs sorted by the first)."""
    tails: list[int] = []  # second coordinate ending the best run of each length
    ends: list[int] = []  # index in pairs of that end
    back = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            ends.append(k)
        else:
            tails[pos], ends[pos] = j, k
        back[k] = ends[pos - 1] if pos else -1
    out = []
    k = ends[-1] if ends else -1
    while k >= 0:
        out.append(pairs[k])
        k = back[k]
    return out[::-1]


Span = tuple[int, int, int, int]  # target [a0, a1), source [b0, b1)


def _anchors(t: list[Item], s: list[Item], span: Span, off: int, slack: int) -> list[tuple[int, int]]:
    a0, a1, b0, b1 = span
    ct = Counter(x.key for x in t[a0:a1])
    cs = Counter(x.key for x in s[b0:b1])
    where = {s[j].key: j for j in range(b0, b1) if cs[s[j].key] == 1 and ct[s[j].key] == 1}
    pairs = []
    for i in range(a0, a1):
        j = where.get(t[i].key)
        if j is not None and _compatible(t[i], s[j], off, slack):
            pairs.append((i, j))
    return _lis(pairs)


def _lcs(t: list[Item], s: list[Item], span: Span, off: int, slack: int) -> list[tuple[int, int]]:
    a0, a1, b0, b1 = span
    n, m = a1 - a0, b1 - b0
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = table[i], table[i + 1]
        ti = t[a0 + i]
        for j in range(m - 1, -1, -1):
            if _compatible(ti, s[b0 + j], off, slack):
                row[j] = below[j + 1] + 1
            else:
                row[j] = max(below[j], row[j + 1])
    out, i, j = [], 0, 0
    while i < n and j < m:
        if _compatible(t[a0 + i], s[b0 + j], off, slack) and table[i][j] == table[i + 1][j + 1] + 1:
            out.append((a0 + i, b0 + j))
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return out


def _greedy(t: list[Item], s: list[Item], span: Span, off: int, slack: int) -> list[tuple[int, int]]:
    a0, a1, b0, b1 = span
    out, i = [], a0
    for j in range(b0, b1):
        for k in range(i, min(a1, i + GREEDY_WINDOW)):
            if _compatible(t[k], s[j], off, slack):
                out.append((k, j))
                i = k + 1
                break
    return out


def _align_spans(target: list[Item], source: list[Item], spans: list[Span], offset: int,
                 slack: int) -> list[tuple[int, int]]:  # fmt: skip
    pairs: list[tuple[int, int]] = []
    stack = list(spans)
    while stack:
        span = stack.pop()
        a0, a1, b0, b1 = span
        if a0 >= a1 or b0 >= b1:
            continue
        anchors = _anchors(target, source, span, offset, slack)
        if anchors:
            pairs.extend(anchors)
            pi, pj = a0 - 1, b0 - 1
            for i, j in anchors:
                stack.append((pi + 1, i, pj + 1, j))
                pi, pj = i, j
            stack.append((pi + 1, a1, pj + 1, b1))
        elif (a1 - a0) * (b1 - b0) <= LCS_CELLS:
            pairs.extend(_lcs(target, source, span, offset, slack))
        else:
            pairs.extend(_greedy(target, source, span, offset, slack))
    return pairs


def align(target: list[Item], source: list[Item], offset: int) -> list[tuple[int, int]]:
    """Pairs (target index, source index) of the same record, increasing in both: first at the
    very same minute, then, between those, one minute apart (seconds rounded across a minute):
    the same "ok" said at 10:00 and 10:01 pairs with its own minute's copy."""
    exact = sorted(_align_spans(target, source, [(0, len(target), 0, len(source))], offset, 0))
    gaps = [(gi.start, gi.stop, gj.start, gj.stop) for gi, gj in _gaps(exact, len(target), len(source)) if gi and gj]
    return sorted(exact + _align_spans(target, source, gaps, offset, SLACK))


def _gaps(pairs: list[tuple[int, int]], n: int, m: int) -> Iterable[tuple[range, range]]:
    """The unpaired stretches of both sides between consecutive pairs."""
    pi, pj = -1, -1
    for i, j in [*pairs, (n, m)]:
        yield range(pi + 1, i), range(pj + 1, j)
        pi, pj = i, j


def loose_pairs(target: list[Item], source: list[Item], pairs: list[tuple[int, int]],
                offset: int) -> list[tuple[int, int, str]]:  # fmt: skip
    """Between anchors: a message deleted (or edited) in one copy and the same sender's message
    of the same minute in the other, paired in order; (i, j, "deleted" | "edited")."""
    out = []
    for gi, gj in _gaps(pairs, len(target), len(source)):
        if not gi or not gj:
            continue
        start = gi.start
        for j in gj:
            s = source[j]
            if s.kind != "message" or s.minute is None:
                continue
            for i in range(start, gi.stop):
                t = target[i]
                if (t.kind == "message" and t.sender == s.sender and t.minute is not None
                        and abs(t.minute - s.minute - offset) <= SLACK):  # fmt: skip
                    if t.deleted != s.deleted:
                        out.append((i, j, "deleted"))
                    elif t.edited or s.edited:
                        out.append((i, j, "edited"))
                    else:
                        continue
                    start = i + 1
                    break
    return out


def merged_order(target: list[Item], source: list[Item], pairs: Iterable[tuple[int, int]]) -> list[tuple[str, int]]:
    """The merged conversation as ("t", i) / ("s", j) for the source's unpaired records, in
    order: each unpaired stretch of the source goes between the target records that surround
    its pairs, by time among the target's own unpaired records (after them at the same minute)."""
    pairs = sorted(pairs)
    out: list[tuple[str, int]] = []
    for (gi, gj), nxt in zip(_gaps(pairs, len(target), len(source)), [*pairs, None], strict=True):
        ti, sj = list(gi), list(gj)
        a = b = 0
        while a < len(ti) or b < len(sj):
            if b >= len(sj) or (a < len(ti) and not _before(source[sj[b]], target[ti[a]])):
                out.append(("t", ti[a]))
                a += 1
            else:
                out.append(("s", sj[b]))
                b += 1
        if nxt is not None:
            out.append(("t", nxt[0]))
    return out


def _before(s: Item, t: Item) -> bool:
    """Whether a source record goes before a target record of the same unpaired stretch."""
    if s.minute is None or t.minute is None:
        return False
    return s.minute < t.minute


def interpolate(order: list[tuple[str, int]], target: list[Item],
                next_after: Callable[[float], float | None] | None = None) -> dict[int, float] | None:  # fmt: skip
    """Positions (`ord`) for the source records of a merged order, between their target
    neighbours; None when floating point runs out of room (the caller renumbers)."""
    out: dict[int, float] = {}
    k = 0
    while k < len(order):
        if order[k][0] == "t":
            k += 1
            continue
        run_start = k
        while k < len(order) and order[k][0] == "s":
            k += 1
        lo = target[order[run_start - 1][1]].ord if run_start else None
        hi = target[order[k][1]].ord if k < len(order) else None
        if lo is None and hi is None:
            lo, hi = 0.0, 1.0
        elif lo is None:
            lo = hi - 1.0  # type: ignore[operator]
        elif hi is None:
            following = next_after(lo) if next_after else None
            hi = following if following is not None else lo + 1.0
        n = k - run_start
        for step, (_, j) in enumerate(order[run_start:k], start=1):
            value = lo + (hi - lo) * step / (n + 1)  # type: ignore[operator]
            if not lo < value < hi:  # type: ignore[operator]
                return None
            out[j] = value
    return out
