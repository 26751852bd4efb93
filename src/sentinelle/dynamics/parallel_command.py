"""The parallel-command view: de-facto influence against declared rank.

Per conversation with roster people in it:
  influence_exceeds_role  a de-facto leader (see leadership) whose declared level is below the
                          highest declared level present, or who is not on the roster at all
  declared_chief_ignored  the highest declared level present, who issued directives that were
                          mostly not obeyed, or whose influence is below a lower-ranked leader's
Each entry lists the messages that show it (obeyed directives and acknowledgements, or the
chief's directives and the push-back they met).
"""

from __future__ import annotations

from typing import Any

from .compliance import Outcome
from .roster import RosterRow, declared_level


def parallel_command(
    leadership_rows: list[dict[str, Any]],
    outcomes: list[Outcome],
    roster: dict[str, RosterRow],
) -> list[dict[str, Any]]:
    if not roster:
        return []
    found: list[dict[str, Any]] = []
    outcomes_of: dict[str, list[Outcome]] = {}
    for o in outcomes:
        outcomes_of.setdefault(o.directive.conversation_id, []).append(o)
    by_conv: dict[str, list[dict[str, Any]]] = {}
    for r in leadership_rows:
        by_conv.setdefault(r["conversation_id"], []).append(r)
    for cid, rows in by_conv.items():
        levels = {r["person"]: declared_level(roster[r["person"]]) for r in rows if r["person"] in roster}
        known = {p: lv for p, lv in levels.items() if lv is not None}
        if not known:
            continue
        top = max(known.values())
        chiefs = [p for p, lv in known.items() if lv == top]
        leaders = [r for r in rows if r["leader"]]
        conv_outcomes = outcomes_of.get(cid, [])
        for r in leaders:
            lv = known.get(r["person"])
            if lv is not None and lv >= top:
                continue
            ev = []
            for o in conv_outcomes:
                if o.directive.issuer == r["person"] and o.outcome == "obeyed":
                    ev += [o.directive.message_id, *o.acks[:3], *o.repeats[:2]]
            row = roster.get(r["person"])
            found.append(
                {
                    "kind": "influence_exceeds_role",
                    "conversation_id": cid,
                    "person": r["person"],
                    "name": r["name"],
                    "declared": row.to_dict() if row else None,
                    "declared_level": lv,
                    "highest_declared_level": top,
                    "influence": r["influence"],
                    "group_median_influence": r["group_median_influence"],
                    "directives_obeyed": r["directives_obeyed"],
                    "components": r["components"],
                    "evidence": list(dict.fromkeys(ev))[:30] or r["evidence"],
                }
            )
        leader_score = max((r["influence"] for r in leaders if r["person"] not in chiefs), default=None)
        for r in rows:
            if r["person"] not in chiefs:
                continue
            mine = [o for o in conv_outcomes if o.directive.issuer == r["person"]]
            not_obeyed = [o for o in mine if o.outcome != "obeyed"]
            ignored = len(mine) >= 2 and len(not_obeyed) / len(mine) >= 0.6
            outranked = leader_score is not None and r["influence"] < leader_score
            if not (ignored or outranked):
                continue
            ev = []
            for o in not_obeyed:
                ev += [o.directive.message_id, *o.pushback[:3]]
            found.append(
                {
                    "kind": "declared_chief_ignored",
                    "conversation_id": cid,
                    "person": r["person"],
                    "name": r["name"],
                    "declared": roster[r["person"]].to_dict(),
                    "declared_level": top,
                    "directives_issued": len(mine),
                    "directives_not_obeyed": len(not_obeyed),
                    # "ignored" = no visible acknowledgement in the chat (people may comply offline)
                    "directives_contested": sum(o.outcome == "contested" for o in mine),
                    "directives_unacknowledged": sum(o.outcome == "ignored" for o in mine),
                    "influence": r["influence"],
                    "outranked_by_leader_influence": leader_score,
                    "reasons": [k for k, v in (("directives_not_obeyed", ignored), ("less_influence_than_leader", outranked)) if v],
                    "evidence": list(dict.fromkeys(ev))[:30] or r["evidence"],
                }
            )
    return found
