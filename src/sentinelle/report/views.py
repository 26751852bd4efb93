"""The report's tables and marks, computed from the context: who to list, in which order, capped;
which conversation a person's influence belongs to; who is marked in the network drawing."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .context import ReportContext

PEOPLE_SHOWN = 30  # rows of the people table; the rest in one line (all of them in people.csv)
INFLUENCE_SHOWN = 20
EDGES_SHOWN = 25


def people_view(ctx: ReportContext, limit: int = PEOPLE_SHOWN) -> dict[str, Any]:
    """The people who wrote or were flagged, most flagged then most active first, capped; those
    with a single message and no flag (the passers-by of a large group) go to the summary line."""
    rows = [p for p in ctx.people if p["messages"] or p["flags"]]
    rows.sort(key=lambda p: (-p["flags"], -p["messages"], str(p["name"]), p["id"]))
    shown = [p for p in rows if p["flags"] or p["messages"] > 1][:limit]
    rest = [p for p in rows if p not in shown]
    return {"rows": shown, "rest": len(rest), "rest_max": max((p["messages"] for p in rest), default=0),
            "rest_flags": sum(p["flags"] for p in rest),
            "silent": sum(1 for p in ctx.people if not p["messages"] and not p["flags"])}


def influence_view(dynamics: dict[str, Any] | None, limit: int = INFLUENCE_SHOWN) -> dict[str, Any]:
    """Per person: messages, directives, influence and the conversation it was measured in (the
    person's highest over their conversations, with its ratio to that group's median), centrality,
    declared role; by influence, capped."""
    best: dict[str, dict[str, Any]] = {}
    for row in (dynamics or {}).get("leadership") or []:
        if not isinstance(row, dict) or not isinstance(row.get("influence"), int | float):
            continue
        pid = str(row.get("person"))
        if pid not in best or row["influence"] > best[pid]["influence"]:
            best[pid] = row
    rows = []
    for p in (dynamics or {}).get("people") or []:
        if not isinstance(p, dict) or not p.get("messages"):
            continue
        cent = p.get("centrality") if isinstance(p.get("centrality"), dict) else {}
        top = best.get(str(p.get("person")), {})
        influence = top.get("influence", p.get("max_influence", p.get("influence")))
        med = top.get("group_median_influence")
        rows.append({
            "person": str(p.get("person") or p.get("id") or ""),
            "name": p.get("name") or p.get("person") or p.get("id"),
            "messages": p.get("messages"),
            "issued": p.get("directives_issued"), "obeyed": p.get("directives_obeyed"),
            "influence": influence if isinstance(influence, int | float) else None,
            "ratio": influence / med if isinstance(influence, int | float) and isinstance(med, int | float) and med > 0 else None,
            "conversation": top.get("conversation_id"),
            "pagerank": cent.get("pagerank", p.get("pagerank")), "hub": cent.get("hub"),
            "betweenness": cent.get("betweenness"),
            "role": p.get("roster") if isinstance(p.get("roster"), dict) else None,
        })
    rows.sort(key=lambda r: (-(r["influence"] or 0), -(r["messages"] or 0), str(r["name"])))
    rest = rows[limit:]
    return {"rows": rows[:limit], "rest": len(rest), "rest_max": max((r["influence"] or 0 for r in rest), default=0)}


def conversation_labels(conversations: list[dict[str, Any]]) -> dict[str, str]:
    """Conversation id -> its title; two conversations of the same title are told apart by
    their first day (an export and its later re-export are often named alike)."""
    seen = Counter(cv["title"] for cv in conversations)
    return {cv["id"]: (f"{cv['title']} ({(cv.get('first') or '')[:10] or cv['id']})" if seen[cv["title"]] > 1 else cv["title"])
            for cv in conversations}


def network_marks(ctx: ReportContext, cases: list[dict[str, Any]]) -> tuple[set[str], dict[str, set[str]]]:
    """(leaders drawn in red: influence above the declared role; person -> marks): 'target' for
    the targets of the given harassment cases (those of the first screen), 'union_rep' from the
    roster, 'chief' for a declared chief the group does not follow."""
    parallel = [p for p in (ctx.dynamics or {}).get("parallel_command") or [] if isinstance(p, dict)]
    leaders = {str(p.get("person")) for p in parallel if p.get("person")
               and p.get("kind", "influence_exceeds_role") == "influence_exceeds_role"}
    marks: dict[str, set[str]] = {}
    for c in cases:
        marks.setdefault(str(c.get("target")), set()).add("target")
    for p in ctx.people:
        if isinstance(p.get("role"), dict) and p["role"].get("union_rep"):
            marks.setdefault(str(p["id"]), set()).add("union_rep")
    for p in parallel:
        if p.get("kind") == "declared_chief_ignored" and p.get("person"):
            marks.setdefault(str(p["person"]), set()).add("chief")
    return leaders, marks
