"""Cases: per target, the repeated abusive targeting, who did it, who saw it, who joined in.

A case needs REPEATED targeting (settings): at least `min_messages` abusive or degrading messages
aimed at the person (link confidence >= `min_confidence`), on at least `min_days` different days
spanning at least `min_span_hours`. Reported speech and counter-speech never count as aggression,
and a pair of people who trade degrading messages in kind (the answer rate at least
`reciprocity_ratio`) is set aside as mutual teasing or a quarrel, unless one of them holds
authority over the other.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from ..records import Event, EventType, Flag
from .episodes import Episode
from .escalation import escalation, weekly
from .index import ConvIndex
from .membership import Presence
from .power import power
from .retaliation import retaliation
from .settings import Settings
from .targeting import PersonOf, Reading, Target

Item = tuple[Reading, Target]


def _iso(t: datetime | None) -> str | None:
    return t.isoformat() if t is not None else None


def aggression_items(readings: Sequence[Reading], settings: Settings) -> dict[str, list[Item]]:
    """target -> [(reading, target link)] for abusive/degrading messages aimed at them."""
    out: dict[str, list[Item]] = defaultdict(list)
    for r in readings:
        if r.sender is None or r.kind not in ("abuse", "degrading"):
            continue
        for t in r.targets.values():
            if t.confidence >= settings.min_confidence and t.person != r.sender:
                out[t.person].append((r, t))
    return out


def mutual_pairs(items: Mapping[str, list[Item]], settings: Settings) -> dict[frozenset[str], dict[str, int]]:
    """Pairs who trade degrading messages in kind: {frozenset(a, b): {a: sent by a, b: sent by b}}."""
    n: Counter[tuple[str, str]] = Counter()
    for target, its in items.items():
        for r, _ in its:
            n[(r.sender, target)] += 1  # type: ignore[index]
    pairs = {}
    for (a, b), ab in n.items():
        ba = n.get((b, a), 0)
        if ba and min(ab, ba) >= settings.reciprocity_ratio * max(ab, ba):
            pairs[frozenset((a, b))] = {a: ab, b: ba}
    return pairs


def is_repeated(items: Sequence[Item], settings: Settings) -> bool:
    if len({r.message.id for r, _ in items}) < settings.min_messages:
        return False
    times = sorted(r.time for r, _ in items if r.time is not None)
    if len({t.date() for t in times}) < settings.min_days:
        return False
    return bool(times) and (times[-1] - times[0]) >= timedelta(hours=settings.min_span_hours)


def _item(r: Reading, kind: str, **extra: Any) -> dict[str, Any]:
    m = r.message
    d = {
        "id": m.id, "conversation_id": m.conversation_id, "time": _iso(m.time), "time_raw": m.time_raw,
        "sender": r.sender, "sender_name": m.sender, "text": m.text, "kind": kind,
        "source": m.source.to_dict(),
    }
    d.update(extra)
    return d


def build_case(
    target: str,
    items: list[Item],
    mutual: Mapping[frozenset[str], Mapping[str, int]],
    index: Mapping[str, ConvIndex],
    events: Mapping[str, list[Event]],
    presence: Mapping[str, Presence],
    names: Mapping[str, set[str]],
    person_of: PersonOf,
    authority: Mapping[str, Any] | None,
    settings: Settings,
) -> dict[str, Any]:
    items = sorted(items, key=lambda it: (it[0].time or datetime.min, it[0].order))
    convs = sorted({r.message.conversation_id for r, _ in items})
    aggressors = sorted({r.sender for r, _ in items})  # type: ignore[type-var]
    agg_set = set(aggressors)
    idx = [index[c] for c in convs]
    case_events = [e for c in convs for e in events.get(c, [])]
    timed = [r.time for r, _ in items if r.time is not None]
    start, last = (min(timed), max(timed)) if timed else (None, None)

    # bystanders: laughs / +1 / endorsements right after an aggression, by someone else
    by_ids: dict[str, dict[str, Any]] = {}
    item_ids = {r.message.id for r, _ in items}
    window = timedelta(minutes=settings.bystander_window_min)
    for r, _ in items:
        conv = index[r.message.conversation_id].readings
        for nxt in conv[r.order + 1 : r.order + 1 + settings.bystander_messages]:
            if r.time is None or nxt.time is None or nxt.time - r.time > window:
                break
            if nxt.sender in (None, target, r.sender) or nxt.message.id in item_ids or nxt.is_reported:
                continue
            endorse = nxt.detection is not None and nxt.detection.stance == "endorse"
            replies = nxt.message.reply_to is not None and nxt.message.reply_to == r.message.native_id
            if (nxt.bystander or endorse) and (nxt.kind is None or replies) and nxt.message.id not in by_ids:
                by_ids[nxt.message.id] = _item(
                    nxt, "bystander", ref=r.message.id,
                    reasons=[m.reason() for m in nxt.bystander]
                    + ([{"kind": "stance", "detail": "endorse", "source": "detection"}] if endorse else []),
                )
    by_counts = Counter(d["sender"] for d in by_ids.values())

    # a photo or media sent just before an aggression at the target is likely what it mocks:
    # shown as evidence (kind "photo"), never counted toward the thresholds
    photos: dict[str, dict[str, Any]] = {}
    for r, _ in items:
        conv = index[r.message.conversation_id].readings
        for prev in conv[max(0, r.order - 3) : r.order][::-1]:
            if r.time is None or prev.time is None or r.time - prev.time > window:
                break
            media = bool(prev.message.attachments) or bool({Flag.MEDIA_OMITTED, Flag.VIEW_ONCE, Flag.STICKER} & prev.message.flags)
            if media and prev.sender not in (None, target) and prev.message.id not in item_ids:
                photos.setdefault(prev.message.id, _item(
                    prev, "photo", ref=r.message.id,
                    note="media sent just before an aggression at the target; the media itself is not in the export text",
                ))

    # witnesses: members present at the time of each aggression
    seen: Counter[str] = Counter()
    since: dict[str, str] = {}
    for r, _ in items:
        if r.time is None:
            continue
        pres = presence[r.message.conversation_id]
        for p in pres.members_at(r.time):
            if p != target and p not in agg_set:
                seen[p] += 1
                since.setdefault(p, pres.first_record[p])

    # acts mentioned during the case, told by the target or aimed at them (an aggressor's act
    # aimed at someone else, or at no one identified, is no evidence of this case's escalation)
    acts = []
    if start is not None and last is not None:
        horizon = last + timedelta(days=settings.after_days)
        for r in (x for i in idx for x in i.notable):
            if not r.acts or r.time is None or not (start <= r.time <= horizon) or r.is_reported and r.sender != target:
                continue
            if r.sender == target or target in r.targets:
                for m in r.acts:
                    acts.append({"id": r.message.id, "time": _iso(r.time), "sender": r.sender, "text": r.message.text,
                                 "category": m.pattern.category, "severity": m.pattern.severity,
                                 "told_by_target": r.sender == target, "reason": m.reason()})
    acts.sort(key=lambda a: a["time"])

    speaking = retaliation(target, [r for r, _ in items], idx, case_events, person_of, agg_set, settings)
    t0 = None
    if speaking.get("first_complaint"):
        t0 = _find(idx, speaking["first_complaint"]).time

    timeline: list[dict[str, Any]] = []
    for r, t in items:
        timeline.append(_item(
            r, r.kind or "abuse", severity=r.severity, categories=r.categories, reasons=r.reasons(),
            targeting=t.to_dict(), after_complaint=bool(t0 and r.time and r.time > t0),
            acts=[a["category"] for a in acts if a["id"] == r.message.id],
            target_groups=list(r.detection.targets) if r.abusive and r.detection is not None else [],
        ))
    timeline += by_ids.values()
    timeline += photos.values()
    reported_ids = set()
    for r in sorted((x for i in idx for x in i.notable), key=lambda x: x.time or datetime.min):
        if r.kind == "reported" and (r.sender == target or target in r.targets):
            reported_ids.add(r.message.id)
            timeline.append(_item(r, "reported", reasons=r.reasons(),
                                  note="quoted or condemned: kept apart, not counted as aggression"))
    for c in speaking.get("complaints", []):
        if c["id"] not in reported_ids:
            r = _find(idx, c["id"])
            timeline.append(_item(r, "complaint", reasons=c["reasons"]))
    for e in speaking.get("removal", []) + speaking.get("departure", []):
        ev = next(x for x in case_events if x.id == e["id"])
        timeline.append({"id": ev.id, "conversation_id": ev.conversation_id, "time": _iso(ev.time), "time_raw": ev.time_raw,
                         "sender": e["actor"], "sender_name": ev.actor, "text": ev.text, "kind": "retaliation", "event": e["type"],
                         "source": ev.source.to_dict()})
    for a in acts:
        if a["id"] not in {x["id"] for x in timeline}:
            r = _find(idx, a["id"])
            timeline.append(_item(r, "act", reasons=[a["reason"]]))
    timeline.sort(key=lambda d: (d["time"] or "", d["id"]))

    agg_rows = []
    for a in aggressors:
        mine = [(r, t) for r, t in items if r.sender == a]
        cats: Counter[str] = Counter(c for r, _ in mine for c in r.categories)
        ts = [r.time for r, _ in mine if r.time is not None]
        agg_rows.append({
            "person": a, "names": sorted(names.get(a, ())), "messages": len(mine),
            "days": len({t.date() for t in ts}), "first": _iso(min(ts)) if ts else None, "last": _iso(max(ts)) if ts else None,
            "max_severity": max(r.severity for r, _ in mine), "categories": dict(cats),
            "joined_in_as_bystander": by_counts.get(a, 0),
            "authority": power(a, target, authority, settings),
            "ids": [r.message.id for r, _ in mine],
        })
    agg_rows.sort(key=lambda d: (-d["messages"], d["person"]))
    for i, row in enumerate(agg_rows):
        row["role"] = "main aggressor" if i == 0 else "aggressor"

    sev = [r.severity for r, _ in items]
    span_days = (last - start).total_seconds() / 86400 if start and last else 0.0
    weeks = max(span_days / 7, 1.0)
    wk = weekly([(r.time, r.severity, r.message.id) for r, _ in items if r.time is not None])
    esc = escalation([(r.time, r.severity, r.message.id) for r, _ in items if r.time is not None], acts, settings)
    powered = [row["person"] for row in agg_rows if row["authority"]["holds_authority"]]
    mobbers = [row for row in agg_rows if row["messages"] >= settings.min_messages]  # each one a campaign of their own
    set_aside = [
        {"person": other, "to_target": counts[other], "from_target": counts[target]}
        for pair, counts in mutual.items() if target in pair
        for other in pair - {target}
    ]
    return {
        "target": target,
        "target_names": sorted(names.get(target, ())),
        "conversations": convs,
        "mobbing": len(mobbers) >= 2,
        "aggressors": agg_rows,
        "bystanders": [{"person": p, "names": sorted(names.get(p, ())), "messages": n,
                        "ids": [d["id"] for d in by_ids.values() if d["sender"] == p]}
                       for p, n in by_counts.most_common()],
        "witnesses": [{"person": p, "names": sorted(names.get(p, ())), "present_for": n, "first_seen": since[p]}
                      for p, n in seen.most_common()],
        "mutual_set_aside": set_aside,
        "period": {"first": _iso(start), "last": _iso(last), "days": round(span_days, 1),
                   "active_days": len({t.date() for t in timed})},
        "messages": len(items),
        "frequency_per_week": round(len(items) / weeks, 2),
        "weekly": wk,
        "severity": {"max": max(sev), "mean": round(sum(sev) / len(sev), 2), "sum": sum(sev),
                     "by_category": dict(Counter(c for r, _ in items for c in r.categories))},
        "escalation": esc,
        "speaking_up": speaking,
        "power": {"any_authority": bool(powered), "aggressors_with_authority": powered},
        "reported_kept_apart": sorted(reported_ids),
        "timeline": timeline,
    }


def _find(idx: Sequence[ConvIndex], record_id: str) -> Reading:
    return next(i.by_id[record_id] for i in idx if record_id in i.by_id)


def rank_key(case: Mapping[str, Any]) -> tuple:
    """Ranked by severity (max, then total) and duration, then by name for a stable order."""
    return (-case["severity"]["max"], -case["severity"]["sum"], -case["period"]["days"], case["target"])


def _row(person: str | None, names: Mapping[str, set[str]], **extra: Any) -> dict[str, Any]:
    return {"person": person, "names": sorted(names.get(person or "", ())), **extra}


def _short(person: str | None, names: Mapping[str, set[str]]) -> str:
    shown = sorted(names.get(person or "", ())) or [person or "?"]
    return shown[0]


def _reaction(ep: Episode) -> dict[str, Any]:
    """What the target did: left / removed, went silent, answered back, objected, laughed along."""
    target = ep.target
    found: list[str] = []
    ids: list[str] = []
    for e in ep.exits:
        found.append("left" if e.type == EventType.LEFT else "removed")
        ids.append(e.id)
    answers = [lk for lk in ep.counters if lk.sender == target]
    if answers:
        found.append("answered back")
        ids += [lk.reading.message.id for lk in answers]
    if ep.objections:
        found.append("objected")
        ids += [r.message.id for r in ep.objections]
    own = [r for r in ep.sitting if r.sender == target and ep.start is not None and r.time is not None and r.time >= ep.start]
    if own and sum(1 for r in own if r.bystander) * 2 >= len(own) and not ep.objections:
        found.append("laughed along")
    last_own = max((r.order for r in own), default=-1)
    after = [lk for lk in ep.attacks if lk.reading.order > last_own]
    if not ep.exits and len(after) >= 3:
        found.append("went silent")  # attacks kept coming and the target wrote nothing more
    order = ("left", "removed", "went silent", "answered back", "objected", "laughed along")
    found = sorted(dict.fromkeys(found), key=order.index)
    return {"reaction": found[0] if found else "none", "all": found, "ids": list(dict.fromkeys(ids))}


def _timeline_extra(ep: Episode, index: Mapping[str, ConvIndex]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for lk in ep.counters:
        r = lk.reading
        out.append(_item(r, "answer_back" if lk.sender == ep.target else "counter_attack", severity=r.severity,
                         categories=r.categories, reasons=r.reasons(), targeting=lk.target.to_dict(),
                         note="the target answering back" if lk.sender == ep.target
                         else "a defender hitting back at an aggressor: not harassment of the aggressor"))
    for lk in ep.on_defenders:
        r = lk.reading
        out.append(_item(r, "attack_on_defender", severity=r.severity, categories=r.categories,
                         reasons=r.reasons(), targeting=lk.target.to_dict()))
    for r in ep.defences:
        out.append(_item(r, "defence", reasons=[m.reason() for m in r.defence + r.complaint]))
    for r in ep.conciliations:
        out.append(_item(r, "conciliation", reasons=[m.reason() for m in r.conciliation]))
    for r, attack in ep.endorsements:
        out.append(_item(r, "endorsement", ref=attack.message.id, reasons=[m.reason() for m in r.bystander]
                         + ([{"kind": "stance", "detail": "endorse", "source": "detection"}]
                            if r.detection is not None and r.detection.stance == "endorse" else [])))
    for e in ep.exits:
        out.append({"id": e.id, "conversation_id": e.conversation_id, "time": _iso(e.time), "time_raw": e.time_raw,
                    "sender": ep.target, "sender_name": e.actor, "text": e.text, "kind": "exit",
                    "event": "left" if e.type == EventType.LEFT else "removed", "source": e.source.to_dict()})
    return out


def add_shape(case: dict[str, Any], shape: str, episodes: Sequence[Episode], names: Mapping[str, set[str]],
              index: Mapping[str, ConvIndex], settings: Settings) -> dict[str, Any]:
    """Adds the case's shape, roles, thresholds, summary and (pile-on) episode figures."""
    target = case["target"]
    eps = sorted(episodes, key=lambda ep: ep.start or datetime.min)
    aggressors = [a["person"] for a in case["aggressors"]]
    first_attack = min((lk for ep in eps for lk in ep.attacks), key=lambda lk: (lk.reading.time or datetime.min, lk.reading.order),
                       default=None)
    initiator = first_attack.sender if first_attack is not None else (aggressors[0] if aggressors else None)
    first_ep = next((ep for ep in eps if first_attack is not None and first_attack in ep.attacks), None)
    if first_ep is not None and first_ep.roles.get("initiator"):
        initiator = first_ep.roles["initiator"]
    agg = set(aggressors)
    first_seen = {row["person"]: row["first"] or "" for row in case["aggressors"]}

    def union(key: str) -> list[str]:
        return sorted({p for ep in eps for p in ep.roles.get(key, ()) if p not in agg and p != target})

    defenders = union("defenders")
    endorsers = sorted(set(union("endorsers")) - set(defenders))
    conciliators = sorted(set(union("conciliators")) - set(defenders))
    bystanders = sorted(set(union("bystanders")) - set(defenders) - set(endorsers) - set(conciliators))
    case["shape"] = shape
    case["roles"] = {
        "target": _row(target, names),
        "initiator": _row(initiator, names) if initiator else None,
        "joiners": [_row(a, names) for a in sorted(aggressors, key=lambda a: first_seen.get(a, "")) if a != initiator],
        "defenders": [_row(p, names) for p in defenders],
        "counter_attackers": [_row(p, names) for p in sorted({lk.sender for ep in eps for lk in ep.counters if lk.sender != target})],
        "endorsers": [_row(p, names) for p in endorsers],
        "conciliators": [_row(p, names) for p in conciliators],
        "bystanders": [_row(p, names) for p in bystanders],
    }
    extra = [d for ep in eps for d in _timeline_extra(ep, index)]
    have = {(d["id"], d["kind"]) for d in case["timeline"]}
    case["timeline"] += [d for d in extra if (d["id"], d["kind"]) not in have]
    case["timeline"].sort(key=lambda d: (d["time"] or "", d["id"]))
    who = _short(target, names)
    if shape == "pileon":
        ep = eps[0]
        start, end = ep.start, ep.end
        assert start is not None and end is not None
        minutes = (end - start).total_seconds() / 60
        joined = []
        for a in dict.fromkeys(lk.sender for lk in ep.attacks):
            mine = [lk for lk in ep.attacks if lk.sender == a]
            t0 = mine[0].reading.time
            joined.append(_row(a, names, messages=len(mine), first=_iso(t0), first_id=mine[0].reading.message.id,
                               minutes_after_start=round((t0 - start).total_seconds() / 60, 1) if t0 else None))
        reaction = _reaction(ep)
        case["pileon"] = {
            "aggressors": len(joined), "messages": len(ep.attacks),
            "first": _iso(start), "last": _iso(end), "minutes": round(minutes, 1),
            "per_10_min": round(len(ep.attacks) / max(minutes / 10, 1.0), 2),
            "started_by": _row(initiator, names), "first_message": ep.attacks[0].reading.message.id,
            "joined": joined,
            "defended_by": [_row(p, names, messages=len([r for r in ep.defences if r.sender == p]))
                            for p in defenders],
            "defenders_attacked": [_row(p, names, messages=n, ids=[lk.reading.message.id for lk in ep.on_defenders if lk.person == p])
                                   for p, n in Counter(lk.person for lk in ep.on_defenders).most_common()],
            "counter_attacks": [{"id": lk.reading.message.id, "sender": lk.sender, "at": lk.person,
                                 "kind": "answer back" if lk.sender == target else "counter-attack"} for lk in ep.counters],
            "target_reaction": reaction,
        }
        day = start.strftime("%d/%m")
        text = (f"{len(joined)} members against {who} on {day} between {start:%H:%M} and {end:%H:%M}, "
                f"{len(ep.attacks)} messages, started by {_short(initiator, names)}")
        if defenders:
            text += ", defended by " + ", ".join(_short(p, names) for p in defenders)
        if reaction["reaction"] != "none":
            text += f"; the target {reaction['reaction']}"
        case["summary"] = text + "."
        case["thresholds"] = {
            "shape": "pileon",
            "rule": (f">= {settings.pileon_min_aggressors} members, >= {settings.pileon_min_messages} attacks at the target, "
                     f"within {settings.pileon_max_hours} h (one sitting: no gap over {settings.sitting_gap_min:g} min)"),
            "met": ep.why,
        }
    else:
        per = case["period"]
        text = (f"{len(aggressors)} member{'s' if len(aggressors) > 1 else ''} against {who} from {(per['first'] or '')[:10]} "
                f"to {(per['last'] or '')[:10]} ({per['active_days']} days), {case['messages']} messages")
        if initiator:
            text += f", started by {_short(initiator, names)}"
        if defenders:
            text += ", defended by " + ", ".join(_short(p, names) for p in defenders)
        case["summary"] = text + "."
        case["thresholds"] = {
            "shape": "campaign",
            "rule": (f">= {settings.min_messages} attacks at the target on >= {settings.min_days} days spanning "
                     f">= {settings.min_span_hours:g} h"),
            "met": [f"{case['messages']} attacks on {per['active_days']} days over {per['days']} days"],
        }
        case["episodes"] = [
            {"conversation_id": ep.conversation_id, "first": _iso(ep.start), "last": _iso(ep.end),
             "aggressors": ep.aggressors, "messages": len(ep.attacks), "verdict": ep.verdict}
            for ep in eps
        ]
    return case
