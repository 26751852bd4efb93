"""Group lifecycle per conversation: creation, growth (joins per hour) with bursts, removals,
departures, subject changes, last activity, disappearing messages, dissolution.

A burst is a run of hours whose joins are >= `burst_baseline_factor` x the conversation's usual
hourly joins (the median over its whole life, zeros included, at least 1) and that totals
>= `burst_min_joins`: robust to the conversation's own baseline, so a big group that always grows
fast is not "bursting". Dissolved: most members left in the last stretch, everyone left, or no
activity for `inactive_after_s` before the case ends (reasons listed; silence alone only makes
a conversation "inactive": an export may simply stop there).
"""

from __future__ import annotations

import statistics
from collections import Counter
from typing import Any

from ..records import EventType
from .corpus import ConvData, Corpus, seconds
from .settings import DynamicsSettings

JOINS = frozenset({EventType.ADDED, EventType.JOINED, EventType.JOINED_BY_LINK})
OUTS = frozenset({EventType.LEFT, EventType.REMOVED, EventType.BANNED})


def _iso(t: float | None) -> str | None:
    if t is None:
        return None
    from datetime import datetime, timedelta

    return (datetime(1970, 1, 1) + timedelta(seconds=t)).isoformat(timespec="seconds")


def _bursts(join_times: list[tuple[float, str]], settings: DynamicsSettings, span: tuple[float, float]) -> list[dict[str, Any]]:
    if not join_times:
        return []
    hours = Counter(int(t // 3600) for t, _ in join_times)
    first_h, last_h = int(span[0] // 3600), int(span[1] // 3600)
    n_hours = max(1, last_h - first_h + 1)
    counts = [hours.get(h, 0) for h in range(first_h, last_h + 1)] if n_hours <= 200_000 else list(hours.values())
    baseline = max(1.0, float(statistics.median(counts)))
    threshold = settings.burst_baseline_factor * baseline
    hot = sorted(h for h, c in hours.items() if c >= threshold)
    runs: list[list[int]] = []
    for h in hot:
        if runs and h - runs[-1][-1] <= 1:
            runs[-1].append(h)
        else:
            runs.append([h])
    out = []
    for run in runs:
        total = sum(hours[h] for h in run)
        if total < settings.burst_min_joins:
            continue
        ids = [eid for t, eid in join_times if run[0] <= t // 3600 <= run[-1]]
        out.append(
            {
                "start": _iso(run[0] * 3600.0),
                "end": _iso((run[-1] + 1) * 3600.0),
                "hours": len(run),
                "joins": total,
                "peak_per_hour": max(hours[h] for h in run),
                "baseline_per_hour": baseline,
                "evidence": list(dict.fromkeys(ids))[:10],
                "evidence_count": len(set(ids)),
            }
        )
    return out


def conversation_lifecycle(cd: ConvData, corpus: Corpus, case_end: float | None, settings: DynamicsSettings) -> dict[str, Any]:
    cid = cd.id
    created_by = created_at = None
    created_ev: list[str] = []
    joins: list[tuple[float, str]] = []
    members: set[str] = set()
    ever: set[str] = set()
    max_members = 0
    outs: list[tuple[float, str, str, str]] = []  # time, kind, person, event id
    subjects, disappearing = [], []
    times = [t for e in cd.events if (t := seconds(e.time)) is not None]
    first = min([*times, *cd.times[:1]], default=None)
    last = max([*times, *(cd.times[-1:] or [])], default=None)
    last_activity = max(cd.times) if cd.times else last
    for e in cd.events:
        t = seconds(e.time)
        if e.type == EventType.CREATED:
            created_by = corpus.person(cid, e.actor) if e.actor else None
            created_at, created_ev = _iso(t), [e.id]
            if created_by:
                members.add(created_by)
                ever.add(created_by)
        elif e.type in JOINS:
            who = e.targets or ((e.actor,) if e.actor else ())
            for name in who or ("?",):
                if t is not None:
                    joins.append((t, e.id))
                p = corpus.person(cid, name)
                members.add(p)
                ever.add(p)
        elif e.type in OUTS:
            who = e.targets or ((e.actor,) if e.actor else ())
            for name in who:
                p = corpus.person(cid, name)
                members.discard(p)
                outs.append((t or 0.0, e.type, p, e.id))
        elif e.type == EventType.SUBJECT_CHANGED:
            subjects.append({"time": e.time_raw, "actor": corpus.person(cid, e.actor) if e.actor else None,
                             "title": e.details.get("title") or e.text, "evidence": [e.id]})
        elif e.type in (EventType.DISAPPEARING_ON, EventType.DISAPPEARING_CHANGED):
            disappearing.append({"time": e.time_raw, "actor": corpus.person(cid, e.actor) if e.actor else None,
                                 "evidence": [e.id]})
        max_members = max(max_members, len(members))
    writers = set(cd.senders)
    if not ever:  # no membership events: members are who wrote
        members, ever = set(writers), set(writers)
        max_members = len(members)
    else:
        members |= {p for p in writers if p not in {o[2] for o in outs}}
        max_members = max(max_members, len(members))
    reasons: list[str] = []
    evidence: list[str] = []
    if first is not None and last is not None and outs:
        stretch = max(7 * 86400.0, 0.1 * (last - first))
        final = [o for o in outs if o[0] >= last - stretch]
        if max_members and len(final) >= settings.dissolved_departure_share * max_members and len(final) >= 2:
            reasons.append("mass_departure")
            evidence += [o[3] for o in final[:10]]
    if ever and len(members) <= 1 and outs:
        reasons.append("everyone_left")
        evidence += [o[3] for o in outs[-5:]]
    if case_end is not None and last_activity is not None and case_end - last_activity >= settings.inactive_after_s:
        reasons.append("no_activity")
        if cd.messages:
            evidence.append(cd.messages[-1].id)
    bursts = _bursts(joins, settings, (first or 0.0, last or 0.0))
    kinds = Counter(o[1] for o in outs)
    return {
        "conversation_id": cid,
        "title": cd.conversation.title,
        "platform": cd.conversation.platform,
        "created_by": created_by,
        "created_at": created_at or _iso(first),
        "first_activity": _iso(first),
        "last_activity": _iso(last_activity),
        "messages": len(cd.messages),
        "members_ever": len(ever),
        "members_max": max_members,
        "members_end": len(members),
        "joins": len(joins),
        "departures": kinds.get(EventType.LEFT, 0),
        "removals": kinds.get(EventType.REMOVED, 0) + kinds.get(EventType.BANNED, 0),
        "joins_per_hour_peak": max(Counter(int(t // 3600) for t, _ in joins).values(), default=0),
        "joins_by_day": {(_iso(d * 86400.0) or "")[:10]: n for d, n in sorted(Counter(int(t // 86400) for t, _ in joins).items())},
        "bursts": bursts,
        "subject_changes": subjects,
        "disappearing_on": disappearing,
        # silence alone may just be where the export stops: "inactive", not "dissolved"
        "status": "dissolved" if {"mass_departure", "everyone_left"} & set(reasons) else ("inactive" if reasons else "active"),
        "dissolved_reasons": reasons,
        "replaced_by": None,
        "evidence": list(dict.fromkeys([*created_ev, *evidence, *(b["evidence"][0] for b in bursts)])),
    }
