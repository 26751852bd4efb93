"""Across conversations: membership overlap (Jaccard), the same admins or leaders in several
groups, people bridging groups, and groups that replaced one another (a later group whose core
members largely are the earlier one's, starting about when the earlier one ended)."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from typing import Any

from .corpus import ConvData, Corpus
from .graph import GraphMetrics
from .settings import DynamicsSettings


def _core(cd: ConvData, min_messages: int) -> set[str]:
    counts = Counter(cd.senders)
    core = {p for p, n in counts.items() if n >= min_messages}
    return core or set(counts)


def crossgroup(
    corpus: Corpus,
    lifecycle: dict[str, dict[str, Any]],
    leadership_rows: list[dict[str, Any]],
    case_graph: GraphMetrics,
    settings: DynamicsSettings,
) -> dict[str, Any]:
    convs = [cd for cd in corpus.convs.values() if cd.members]
    members = {cd.id: cd.members for cd in convs}
    in_convs: dict[str, list[str]] = defaultdict(list)
    for cid, ms in members.items():
        for p in ms:
            in_convs[p].append(cid)
    shared: Counter[tuple[str, str]] = Counter()
    for cids in in_convs.values():
        if 1 < len(cids) <= 200:
            for a, b in combinations(sorted(cids), 2):
                shared[(a, b)] += 1
    overlaps = []
    for (a, b), n in shared.items():
        jac = n / len(members[a] | members[b])
        # overlap coefficient: a small group inside a big one (a core moving to a 3,000-member group)
        coef = n / min(len(members[a]), len(members[b]))
        if jac >= settings.overlap_min_jaccard or (coef >= settings.overlap_min_coefficient and n >= 3):
            overlaps.append({"a": a, "b": b, "shared": n, "jaccard": round(jac, 3), "overlap": round(coef, 3)})
    overlaps.sort(key=lambda o: (-o["jaccard"], -o["overlap"], str(o.get("a")), str(o.get("b"))))
    # same admins / leaders in several groups
    roles: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in leadership_rows:
        if r["leader"]:
            roles[r["person"]]["leader"].append(r["conversation_id"])
        if r["is_admin"]:
            roles[r["person"]]["admin"].append(r["conversation_id"])
    evidence_of: dict[str, list[str]] = defaultdict(list)
    for r in leadership_rows:
        if r["person"] in roles:
            evidence_of[r["person"]] += r["evidence"][:3]
    multi = [
        {"person": p, "name": corpus.display(p), **{k: v for k, v in rs.items()},
         "evidence": evidence_of[p]}
        for p, rs in roles.items()
        if len({c for v in rs.values() for c in v}) > 1
    ]
    bridges = []
    for p, cids in in_convs.items():
        if len(cids) > 1:
            btw = case_graph.of(p).get("betweenness", 0.0)
            bridges.append({"person": p, "name": corpus.display(p), "conversations": sorted(cids), "betweenness": btw})
    bridges.sort(key=lambda b: (-b["betweenness"], -len(b["conversations"]), str(b["name"]), b["person"]))
    # replacements: B's core largely A's, B starting around A's end
    replaced = []
    cores = {cd.id: _core(cd, settings.core_min_messages) for cd in convs}
    spans = {cd.id: (min(cd.times), max(cd.times)) for cd in convs if cd.times}
    for (a, b), _n in shared.items():
        for old, new in ((a, b), (b, a)):
            if old not in spans or new not in spans:
                continue
            (o_first, o_last), (n_first, _n_last) = spans[old], spans[new]
            if not (o_first < n_first and n_first >= o_last - 2 * 86400 and n_first - o_last <= settings.replaced_max_gap_s):
                continue
            co, cn = cores[old], cores[new]
            inter = len(co & cn)
            coef = inter / min(len(co), len(cn)) if co and cn else 0.0
            if coef < settings.replaced_min_core_overlap or inter < 2:
                continue
            cdo, cdn = corpus.convs[old], corpus.convs[new]
            replaced.append(
                {
                    "old": old, "new": new,
                    "old_title": cdo.conversation.title, "new_title": cdn.conversation.title,
                    "core_overlap": round(coef, 3), "shared_core": sorted(co & cn),
                    "gap_days": round((n_first - o_last) / 86400, 2),
                    "evidence": [cdo.messages[-1].id, cdn.messages[0].id],
                }
            )
            lc = lifecycle.get(old)
            if lc is not None:
                lc["replaced_by"] = new
                lc["status"] = "migrated"
    return {"overlaps": overlaps[:500], "same_leaders_or_admins": multi, "bridges": bridges[:50], "replaced": replaced}
