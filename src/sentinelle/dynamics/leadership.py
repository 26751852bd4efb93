"""Leadership and influence per person per conversation, with every component shown.

Components (each in [0, 1], relative to the group):
  obeyed_share         this person's obeyed directives / all obeyed directives of the group
  pagerank_ratio       PageRank x active members, capped at 5, / 5 (1/5 = an average member)
  replies_drawn_ratio  answers drawn per message / the group's median, capped at 5, / 5
  admin_share          this person's admin actions / the group's admin actions
  latency_asymmetry    how much faster others answer them than they answer others
score = sum(weight x component) (weights in settings). A person is labelled de-facto leader
only when they stand out in THEIR group: obeyed directives >= leader_min_obeyed, and either a
share of the group's obeyed directives >= leader_min_obeyed_share or >= leader_obeyed_margin x
the next person's, and a score >= leader_score_ratio x the group's median score. A flat friendly
group therefore gets no leader.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from typing import Any

from ..records import EventType
from .compliance import Outcome
from .corpus import ConvData, Corpus
from .graph import GraphMetrics
from .interactions import Edge, Interactions
from .settings import DynamicsSettings

ADMIN_ACTIONS = frozenset(
    {
        EventType.CREATED, EventType.ADDED, EventType.REMOVED, EventType.BANNED, EventType.UNBANNED,
        EventType.ADMIN_GRANTED, EventType.ADMIN_REVOKED, EventType.ROLE_CHANGED,
        EventType.SETTINGS_CHANGED, EventType.SUBJECT_CHANGED, EventType.DESCRIPTION_CHANGED,
        EventType.ICON_CHANGED, EventType.DISAPPEARING_ON, EventType.DISAPPEARING_OFF,
        EventType.DISAPPEARING_CHANGED, EventType.PINNED,
    }
)


def _median(values: Any) -> float | None:
    return float(statistics.median(values)) if len(values) else None


def conversation_leadership(
    cd: ConvData,
    corpus: Corpus,
    inter: Interactions,
    gm: GraphMetrics,
    outcomes: list[Outcome],
    settings: DynamicsSettings,
    edges: list[Edge] | None = None,
) -> list[dict[str, Any]]:
    """Rows for every member of one conversation; `edges`: this conversation's edges."""
    cid = cd.id
    msgs = Counter(cd.senders)
    started: Counter[str] = Counter()
    first_ids: dict[str, list[str]] = defaultdict(list)
    sample: dict[str, list[str]] = defaultdict(list)
    prev = None
    for i, t in enumerate(cd.times):
        ids = sample[cd.senders[i]]
        if len(ids) < 3:
            ids.append(cd.messages[i].id)
        if prev is None or t - prev >= settings.session_gap_s:
            p = cd.senders[i]
            started[p] += 1
            if len(first_ids[p]) < 5:
                first_ids[p].append(cd.messages[i].id)
        prev = t
    drawn: dict[str, Counter[str]] = defaultdict(Counter)
    conv_edges = edges if edges is not None else [e for e in inter.edges.values() if e.conversation_id == cid]
    for e in conv_edges:
        drawn[e.target][e.method] += e.count
    admin: Counter[str] = Counter()
    admin_ids: dict[str, list[str]] = defaultdict(list)
    admins: set[str] = set()
    for e in cd.events:
        if e.type in ADMIN_ACTIONS and e.actor:
            p = corpus.person(cid, e.actor)
            admin[p] += 1
            if len(admin_ids[p]) < 10:
                admin_ids[p].append(e.id)
            if e.type in (EventType.CREATED, EventType.ADDED, EventType.REMOVED, EventType.ADMIN_GRANTED):
                admins.add(p)
        if e.type == EventType.ADMIN_GRANTED:
            admins.update(corpus.person(cid, n) for n in e.targets)
    issued: Counter[str] = Counter()
    obeyed: Counter[str] = Counter()
    obeyed_ids: dict[str, list[str]] = defaultdict(list)
    for o in outcomes:
        issued[o.directive.issuer] += 1
        if o.outcome == "obeyed":
            obeyed[o.directive.issuer] += 1
            if len(obeyed_ids[o.directive.issuer]) < 10:
                obeyed_ids[o.directive.issuer].extend([o.directive.message_id, *o.acks[:2]])
    people = sorted(cd.members | set(admin), key=lambda p: (-msgs[p], p))
    active = [p for p in people if msgs[p]] or people
    n_active = max(1, len(active))
    total_obeyed = sum(obeyed.values())
    total_admin = sum(admin.values())
    per_msg = {p: sum(drawn[p].values()) / msgs[p] for p in active if msgs[p]}
    med_drawn = _median([v for v in per_msg.values()]) or 0.0
    rows = []
    for p in people:
        g = gm.of(p)
        med_to = inter.median_to.get(p)
        med_by = inter.median_by.get(p)
        asym = 0.0
        if med_to is not None and med_by is not None and med_to + med_by > 0:
            asym = max(0.0, (med_by - med_to) / (med_by + med_to))
        comp = {
            "obeyed_share": obeyed[p] / total_obeyed if total_obeyed else 0.0,
            "pagerank_ratio": min(g.get("pagerank", 0.0) * n_active, 5.0) / 5.0,
            "replies_drawn_ratio": (min(per_msg.get(p, 0.0) / med_drawn, 5.0) / 5.0) if med_drawn else 0.0,
            "admin_share": admin[p] / total_admin if total_admin else 0.0,
            "latency_asymmetry": asym,
        }
        score = sum(settings.weights.get(k, 0.0) * v for k, v in comp.items())
        rows.append(
            {
                "person": p,
                "name": corpus.display(p),
                "conversation_id": cid,
                "messages": msgs[p],
                "conversations_started": started[p],
                "replies_drawn": dict(drawn[p]),
                "latency_others_to_them_s": med_to,
                "latency_them_to_others_s": med_by,
                "admin_actions": admin[p],
                "is_admin": p in admins,
                "directives_issued": issued[p],
                "directives_obeyed": obeyed[p],
                "compliance_rate": round(obeyed[p] / issued[p], 3) if issued[p] else None,
                "centrality": g,
                "components": {k: round(v, 4) for k, v in comp.items()},
                "influence": round(score, 4),
                "evidence": list(dict.fromkeys([*obeyed_ids[p], *admin_ids[p], *first_ids[p][:2], *sample[p]])),
            }
        )
    med_score = _median([r["influence"] for r in rows if r["messages"]]) or 0.0
    top = obeyed.most_common(2)  # the best of the others is the first, or the second for the first
    for r in rows:
        # obeyed well above everyone else: a share of all obeyed orders, or a margin over the next
        others = next((n for q, n in top if q != r["person"]), 0)
        stands_out = (
            r["components"]["obeyed_share"] >= settings.leader_min_obeyed_share
            or r["directives_obeyed"] >= settings.leader_obeyed_margin * max(others, 1)
        )
        r["group_median_influence"] = round(med_score, 4)
        r["obeyed_next_best"] = others
        r["leader"] = bool(
            r["directives_obeyed"] >= settings.leader_min_obeyed
            and stands_out
            and r["influence"] >= settings.leader_score_ratio * med_score
            and r["influence"] > 0
        )
        r["label"] = "de_facto_leader" if r["leader"] else ("admin" if r["is_admin"] else None)
    return rows
