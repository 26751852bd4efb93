"""Speaking up and what followed: hostility, exclusion, removal, silence, before vs after.

The first complaint is the target's first objection or report (data/complaint.json, or their own
reported/counter-speech) on or after the first abusive message aimed at them. "Before" runs from
the first abusive message to the complaint, "after" from the complaint to the end of the record
(the last message of the case's conversations). Rates are per week; a change of rate is tested
with an exact conditional test (binomial test of the after-count given the total, p = share of
time after); a change in the share of the target's messages that get answered within
`answer_window_min` is tested with Fisher's exact test.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from scipy import stats

from ..records import Event, EventType
from .index import HOSTILE, ConvIndex
from .settings import Settings
from .targeting import Reading, naive

EXIT_TYPES = {EventType.REMOVED: "removed", EventType.BANNED: "removed", EventType.LEFT: "left"}


def _weeks(a: datetime, b: datetime) -> float:
    return max((b - a).total_seconds() / (7 * 86400), 1 / 7)  # at least a day


def _rate_change(before: list[str], after: list[str], w_before: float, w_after: float, settings: Settings) -> dict[str, Any]:
    nb, na = len(before), len(after)
    out: dict[str, Any] = {
        "before": nb, "after": na,
        "per_week_before": round(nb / w_before, 2), "per_week_after": round(na / w_after, 2),
        "ids_before": before, "ids_after": after,
    }
    if nb + na == 0:
        out.update(p_value=None, change="none")
        return out
    share = w_after / (w_before + w_after)
    p = stats.binomtest(na, nb + na, share).pvalue
    change = "none"
    if p < settings.alpha:
        change = "increased" if na / w_after > nb / w_before else "decreased"
    out.update(test="exact binomial (conditional Poisson rates)", p_value=round(float(p), 4), change=change)
    return out


def retaliation(
    target: str,
    items: Sequence[Reading],
    index: Sequence[ConvIndex],
    events: Sequence[Event],
    person_of: Any,
    aggressors: set[str],
    settings: Settings,
) -> dict[str, Any]:
    """`items`: the case's aggression readings; `index`/`events`: the case's conversations."""
    timed = [r for r in items if r.time is not None]
    if not timed:
        return {"spoke_up": False, "complaints": []}
    start = min(r.time for r in timed)  # type: ignore[type-var]
    complaints = sorted(
        (r for i in index for r in i.by_sender.get(target, ())
         if r.time is not None and r.time >= start and (r.complaint or r.is_reported)),
        key=lambda r: r.time,  # type: ignore[arg-type,return-value]
    )
    out: dict[str, Any] = {
        "spoke_up": bool(complaints),
        "complaints": [
            {"id": r.message.id, "time": r.time.isoformat(), "text": r.message.text,  # type: ignore[union-attr]
             "reasons": [m.reason() for m in r.complaint + r.reported]}
            for r in complaints
        ],
    }
    if not complaints:
        return out
    out.update(_compare(complaints[0], target, timed, index, events, person_of, aggressors, complaints, start, settings))
    reports = [r for r in complaints if any(m.pattern.category == "report" for m in r.complaint)]
    strong = next((r for r in reports if r.time > complaints[0].time), None)  # type: ignore[operator]
    if strong is not None:
        # objecting in the chat and reporting to the hierarchy are two moments: both compared
        later = _compare(strong, target, timed, index, events, person_of, aggressors, complaints, start, settings)
        out["after_first_report"] = later
        out["findings"] = list(dict.fromkeys(out["findings"] + [f"{f} (after the report)" for f in later["findings"]]))
        out["retaliation"] = bool(out["findings"])
    return out


def _compare(
    first: Reading, target: str, timed: Sequence[Reading], index: Sequence[ConvIndex], events: Sequence[Event],
    person_of: Any, aggressors: set[str], complaints: Sequence[Reading], start: datetime, settings: Settings,
) -> dict[str, Any]:
    """Hostility, exclusion, removal and silence before vs after one act of speaking up."""
    t0 = first.time
    assert t0 is not None
    out: dict[str, Any] = {}
    end = max([i.end for i in index if i.end is not None] + [t0])
    w_before, w_after = _weeks(start, t0), _weeks(t0, end)
    out["first_complaint"] = first.message.id
    out["weeks_before"], out["weeks_after"] = round(w_before, 2), round(w_after, 2)

    def split(rs: Sequence[Reading]) -> tuple[list[str], list[str]]:
        b = [r.message.id for r in rs if r.time is not None and r.time < t0]
        a = [r.message.id for r in rs if r.time is not None and r.time > t0]
        return b, a

    out["hostility"] = _rate_change(*split(timed), w_before, w_after, settings)
    excl = [r for r in timed if any(m.pattern.category in ("exclusion", "snitch", "intimidation") for m in r.degrading)]
    out["exclusion"] = _rate_change(*split(excl), w_before, w_after, settings)
    exits = []
    for ev in events:
        ev_time = naive(ev.time)
        if ev_time is None or ev_time < t0 or ev.type not in EXIT_TYPES:
            continue
        who = [person_of(ev.conversation_id, n) for n in (ev.targets or ((ev.actor,) if ev.actor else ()))]
        if target in who:
            actor = person_of(ev.conversation_id, ev.actor) if ev.actor else None
            exits.append({
                "id": ev.id, "time": ev.time.isoformat(), "type": EXIT_TYPES[EventType(ev.type)],
                "actor": actor if EXIT_TYPES[EventType(ev.type)] == "removed" else None,
                "actor_is_aggressor": actor in aggressors if actor and ev.type != EventType.LEFT else False,
                "days_after_complaint": round((ev_time - t0).total_seconds() / 86400, 1),
                "text": ev.text,
            })
    out["removal"] = [e for e in exits if e["type"] == "removed"]
    out["departure"] = [e for e in exits if e["type"] == "left"]
    out["silence"] = _silence(target, index, t0, complaints, settings)
    findings = []
    if out["hostility"]["change"] == "increased":
        findings.append("hostility increased")
    if out["exclusion"]["after"] > out["exclusion"]["before"]:
        findings.append("exclusion or intimidation after speaking up")
    if out["removal"]:
        findings.append("removed from the group")
    if out["departure"]:
        findings.append("left the group")
    if out["silence"].get("change") == "decreased":
        findings.append("silence around them")
    out["findings"] = findings
    out["retaliation"] = bool(findings)
    return out


def _silence(target: str, index: Sequence[ConvIndex], t0: datetime, complaints: Sequence[Reading], settings: Settings) -> dict[str, Any]:
    """Silence around the target, before vs after speaking up, two ways:
    "addressed": another member addresses them (name, reply, turn...; not to abuse them) within
    `answer_window_min`; "followed": another member writes anything not hostile within
    `turn_window_min` (group chats often answer without naming). Each tested with Fisher's test."""
    skip = {r.message.id for r in complaints}
    own = [(i, r) for i in index for r in i.by_sender.get(target, ()) if r.time is not None and r.message.id not in skip]
    to_them = sorted(
        r.time for i in index for r in i.addressing.get(target, ())
        if r.time is not None and r.sender not in (None, target) and i.kind[r.message.id] not in HOSTILE
        and r.targets[target].confidence >= settings.min_confidence
    )
    out: dict[str, Any] = {}
    unanswered: list[str] = []
    answer = timedelta(minutes=settings.answer_window_min)
    turn = timedelta(minutes=settings.turn_window_min)
    for name in ("addressed", "followed"):
        counts = {"before": [0, 0], "after": [0, 0]}  # answered, unanswered
        for i, r in own:
            assert r.time is not None
            if name == "addressed":
                k = bisect_right(to_them, r.time)
                answered = k < len(to_them) and to_them[k] <= r.time + answer
            else:
                answered = i.followed(r, turn)
            side = "before" if r.time < t0 else "after"
            counts[side][0 if answered else 1] += 1
            if name == "followed" and side == "after" and not answered:
                unanswered.append(r.message.id)
        out[name] = _fisher(counts, settings)
    out["window_min"] = {"addressed": settings.answer_window_min, "followed": settings.turn_window_min}
    out["unanswered_after_ids"] = unanswered[:50]
    changes = {out["addressed"]["change"], out["followed"]["change"]}
    out["change"] = "decreased" if "decreased" in changes else ("increased" if "increased" in changes else "none")
    return out


def _fisher(counts: dict[str, list[int]], settings: Settings) -> dict[str, Any]:
    (ab, ub), (aa, ua) = counts["before"], counts["after"]
    out: dict[str, Any] = {"target_messages_before": ab + ub, "answered_before": ab,
                           "target_messages_after": aa + ua, "answered_after": aa}
    if ab + ub == 0 or aa + ua == 0:
        out.update(p_value=None, change="not measurable")
        return out
    p = stats.fisher_exact([[ab, ub], [aa, ua]]).pvalue
    rb, ra = ab / (ab + ub), aa / (aa + ua)
    change = "none"
    if p < settings.alpha:
        change = "decreased" if ra < rb else "increased"
    out.update(share_answered_before=round(rb, 2), share_answered_after=round(ra, 2),
               test="fisher exact", p_value=round(float(p), 4), change=change)
    return out
