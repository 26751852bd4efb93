"""One call: `analyze_dynamics(conversations, messages, events, ...) -> DynamicsResult`.

JSON shape of `DynamicsResult.to_json()` (every score or label carries `evidence`: record ids):

{
  "version": "dynamics-1.0",
  "settings": {...every threshold used...},
  "people": [{"person", "name", "messages", "conversations": [ids], "directives_issued",
              "directives_obeyed", "leader_in": [ids], "admin_in": [ids], "max_influence",
              "centrality": {pagerank, hub, authority, betweenness, in_strength, out_strength}
                (case-wide graph), "roster": {person, rank, role, unit, union_rep} | null,
              "evidence"}],
  "leadership": [{"person", "name", "conversation_id", "messages", "conversations_started",
              "replies_drawn": {method: n}, "latency_others_to_them_s", "latency_them_to_others_s",
              "admin_actions", "is_admin", "directives_issued", "directives_obeyed",
              "compliance_rate", "centrality": {...}, "components": {name: 0..1}, "influence",
              "group_median_influence", "leader": bool, "label", "evidence"}],
  "edges": [{"conversation_id", "source", "target", "method" (reply|mention|addressed|
              turn_taking|quote|forward), "count", "weight", "confidence", "evidence"}]
              (the `json_max_edges` strongest; "edges_total" counts them all),
  "graph": {"case": {"nodes", "edges", "communities": [[persons]], "betweenness"},
            "conversations": {id: {...same...}}},
  "directives": [{"message_id", "conversation_id", "issuer", "kind" (order|prohibition|
              silence_order|instruction), "rules": [rule ids], "matched",
              "target": {"audiences", "persons", "addressees", "roles"}, "evidence"}],
  "compliance": [{"message_id", "conversation_id", "issuer", "kind", "outcome" (obeyed|
              contested|ignored), "acknowledgements": [ids], "repetitions": [ids],
              "pushback": [ids], "followers", "addressees": [figures], "evidence"}],
  "spokespeople": [{"person", "name", "conversation_id", "statements", "kinds": {kind: n},
              "spokesperson": bool, "evidence"}],
  "silence_orders": [{"message_id", "conversation_id", "issuer", "kind", "audiences", "named",
              "union_reps_named", "followed_by": [{"person", "messages_before",
              "messages_after", "rate_ratio", "conversation_before", "conversation_after",
              "conversation_rate_ratio", "silenced", "left", "removed", "days_before", "days_after",
              "evidence"}], "effect": [silenced|left|removed], "evidence"}],
  "parallel_command": [{"kind" (influence_exceeds_role|declared_chief_ignored),
              "conversation_id", "person", "name", "declared", "declared_level", ...,
              "evidence"}],
  "lifecycle": [{"conversation_id", "title", "created_by", "created_at", "first_activity",
              "last_activity", "members_ever", "members_max", "members_end", "joins",
              "departures", "removals", "joins_per_hour_peak", "joins_by_day": {date: n}, "bursts": [{"start", "end",
              "hours", "joins", "peak_per_hour", "baseline_per_hour", "evidence",
              "evidence_count"}], "subject_changes", "disappearing_on", "status" (active|
              inactive|dissolved|migrated), "dissolved_reasons", "replaced_by", "evidence"}],
  "crossgroup": {"overlaps": [{"a", "b", "shared", "jaccard", "overlap"}], "same_leaders_or_admins",
              "bridges": [{"person", "conversations", "betweenness"}], "replaced": [{"old",
              "new", "core_overlap", "shared_core", "gap_days", "evidence"}]}
}
Persons are person keys (from `person_of`); "name" is a display name seen in the chats.
"""

from __future__ import annotations

import gc
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..records import Conversation, Event, Message, Participant
from .compliance import Outcome, RateIndex, follow_directive
from .corpus import Corpus, phone_key
from .crossgroup import crossgroup
from .directives import Directive, Match, is_objection, read_directive
from .graph import GraphMetrics, analyse_graph, build_graph, graph_summary, write_gexf, write_graphml
from .identity import PersonOf
from .interactions import Interactions, addressee, build_interactions
from .leadership import conversation_leadership
from .lifecycle import conversation_lifecycle
from .parallel_command import parallel_command
from .roster import RosterRow, match_roster
from .scan import TextScan
from .settings import VERSION, DynamicsSettings
from .silence import is_silence_order, silence_order_report
from .spokespeople import find_statements, spokespeople

__all__ = ["DynamicsResult", "analyze_dynamics", "find_directives"]


@dataclass
class DynamicsResult:
    data: dict[str, Any]
    interactions: Interactions = field(repr=False)
    case_graph: GraphMetrics = field(repr=False)
    names: dict[str, str] = field(default_factory=dict, repr=False)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage (not in the JSON)
    # CPU seconds per stage of this process, and "<stage>_workers" of the worker processes
    cpu_timings: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return self.data

    def people_df(self) -> pd.DataFrame:
        rows = []
        for r in self.data["leadership"]:
            flat = {k: v for k, v in r.items() if k not in ("centrality", "components", "replies_drawn", "evidence")}
            flat.update({f"c_{k}": v for k, v in r["components"].items()})
            flat.update(r["centrality"])
            flat["replies_drawn"] = sum(r["replies_drawn"].values())
            flat["evidence"] = ",".join(r["evidence"])
            rows.append(flat)
        return pd.DataFrame(rows)

    def edges_df(self) -> pd.DataFrame:
        return pd.DataFrame([e.to_dict() for e in self.interactions.edge_list()],
                            columns=["conversation_id", "source", "target", "method", "count", "weight",
                                     "confidence", "evidence"])

    def directives_df(self) -> pd.DataFrame:
        outcome = {c["message_id"]: c["outcome"] for c in self.data["compliance"]}
        rows = [
            {**{k: v for k, v in d.items() if k not in ("target", "evidence")},
             "rules": ",".join(d["rules"]), "audiences": ",".join(d["target"]["audiences"]),
             "addressees": ",".join(d["target"]["addressees"]), "outcome": outcome.get(d["message_id"])}
            for d in self.data["directives"]
        ]
        return pd.DataFrame(rows)

    def write_graphml(self, path: str | Path) -> None:
        write_graphml(self.case_graph, path, self.names)

    def write_gexf(self, path: str | Path) -> None:
        write_gexf(self.case_graph, path, self.names)


def find_directives(corpus: Corpus, found: dict[tuple[str, int], Match] | None = None) -> list[tuple[Directive, int]]:
    """Every directive of the case with its position in its conversation (in file order).
    `found`: (conversation id, position) -> Match when the texts were already scanned."""
    if found is None:
        found = {(cd.id, i): hit for cd in corpus.convs.values() for i, m in enumerate(cd.messages)
                 if (hit := read_directive(m.text)) is not None}
    order = {cid: k for k, cid in enumerate(corpus.convs)}
    out = []
    for cid, i in sorted(found, key=lambda key: (order[key[0]], key[1])):  # file order
        cd, hit = corpus.convs[cid], found[(cid, i)]
        m = cd.messages[i]
        persons = tuple(dict.fromkeys(p for p, _, _ in cd.aliases.find_in(hit.norm)))
        voc = addressee(cd, m.text)
        d = Directive(
            message_id=m.id, conversation_id=cd.id, issuer=cd.senders[i], kind=hit.kind,
            rules=hit.rules, matched=hit.matched, audiences=hit.audiences,
            persons=tuple(p for p in persons if p != cd.senders[i]),
            addressees=(voc,) if voc and voc != cd.senders[i] else (), roles=hit.roles, time=cd.times[i],
        )
        out.append((d, i))
    return out


def analyze_dynamics(
    conversations: Iterable[Conversation],
    messages: Iterable[Message],
    events: Iterable[Event],
    person_of: PersonOf | None = None,
    roster: Iterable[RosterRow] | None = None,
    settings: DynamicsSettings | None = None,
    *,
    participants: Iterable[Participant] = (),
    aliases: Mapping[str, str] | None = None,
    stances: Mapping[str, str] | None = None,
) -> DynamicsResult:
    """The whole group-dynamics analysis of a case. Pure: records in, JSON-able results out.

    `aliases` maps nicknames the case knows to person keys; `roster` rows are matched to persons
    through `person_of` (names or phones as written in the chats). `stances` maps message ids to
    what a message classifier read in them, when the caller has it: "counter" (objecting to what
    was said), "reported" (quoting someone), "flagged" (misconduct): an objection is never taken
    for a directive, nor a "stop it" answering a flagged message.
    """
    settings = settings or DynamicsSettings()
    with _collector_paused():
        clock = _Clock()
        corpus = Corpus(conversations, messages, events, person_of=person_of, participants=participants,
                        aliases=aliases)
        clock("corpus")
        scan = TextScan(corpus, settings.workers, settings.parallel_min_messages)
        try:
            return _analyze(corpus, scan, clock, roster, settings, stances or {})
        finally:
            scan.close()  # ends the worker processes, whatever happened


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The analysis builds millions of long-lived objects and next to no reference cycles: the
    cyclic collector's full passes over them cost a quarter of the main process's CPU on the 1M
    bench (5 of 20 s) and, in the forked workers, copy shared pages they only read. Paused for
    the call (forked workers inherit that), restored after; cycles left meanwhile are collected
    at the next pass."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _analyze(corpus: Corpus, scan: TextScan, clock: _Clock, roster: Iterable[RosterRow] | None,
             settings: DynamicsSettings, stances: Mapping[str, str]) -> DynamicsResult:
    inter = build_interactions(corpus, settings)
    clock("interactions")
    edges = inter.edge_list()
    by_conv: dict[str, list] = defaultdict(list)
    for e in edges:
        by_conv[e.conversation_id].append(e)
    conv_graphs = {
        cid: analyse_graph(build_graph(by_conv.get(cid, []), sorted(cd.members)), settings)
        for cid, cd in corpus.convs.items()
    }
    if len(conv_graphs) == 1:  # one conversation: the case graph is its graph
        case_graph = next(iter(conv_graphs.values()))
    else:
        case_graph = analyse_graph(build_graph(edges, sorted(corpus.names)), settings)

    def persons_of_name(name: str) -> set[str]:
        found = set()
        if (k := phone_key(name)) is not None and k in corpus.phones:
            found.add(corpus.phones[k])
        for cd in corpus.convs.values():
            p = corpus.person(cd.id, name)
            if p in cd.members:
                found.add(p)
            elif (q := cd.aliases.get(p)) is not None:
                found.add(q)
        return found

    clock("graphs")
    roster_map = match_roster(roster or (), persons_of_name)
    union_reps = {p for p, r in roster_map.items() if r.union_rep}

    found, found_statements = scan.result()
    clock("text_scan_wait")
    directives = [(d, pos) for d, pos in find_directives(corpus, found)
                  if not is_objection(d, pos, corpus.convs[d.conversation_id], stances)]
    clock("directives")
    items = []
    for k, (d, pos) in enumerate(directives):
        cd = corpus.convs[d.conversation_id]
        nxt = directives[k + 1] if k + 1 < len(directives) else None
        next_pos = nxt[1] if nxt is not None and nxt[0].conversation_id == d.conversation_id else None
        named = list(d.addressees)
        if "union_rep" in d.roles:
            named += [p for p in sorted(union_reps) if p in cd.members and p not in named]
        items.append((d, pos, named, next_pos))
    # the scan's processes share the chunks: several per process, at most 500 directives each
    size = min(500, max(1, -(-len(items) // (8 * max(1, settings.workers)))))
    chunks = [(items[s : s + size], union_reps, settings) for s in range(0, len(items), size)]
    followed = [r for part in scan.map_chunks(_follow_chunk, chunks, "compliance") for r in part]
    scan.close()
    outcomes: list[Outcome] = [o for o, _ in followed]
    silence_reports = [r for _, r in followed if r is not None]
    clock("compliance")
    outcomes_by_conv: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        outcomes_by_conv[o.directive.conversation_id].append(o)

    leadership = []
    for cid, cd in corpus.convs.items():
        leadership += conversation_leadership(
            cd, corpus, inter, conv_graphs[cid], outcomes_by_conv[cid], settings, by_conv.get(cid, [])
        )
    case_end = corpus.case_end()
    lifecycle = {cid: conversation_lifecycle(cd, corpus, case_end, settings) for cid, cd in corpus.convs.items()}
    cross = crossgroup(corpus, lifecycle, leadership, case_graph, settings)
    clock("leadership_lifecycle_crossgroup")
    statements = find_statements(corpus, found_statements)
    clock("spokespeople")

    people = _people(corpus, leadership, case_graph, roster_map)
    data = {
        "version": VERSION,
        "settings": settings.to_dict(),
        "people": people,
        "leadership": leadership,
        "edges": [e.to_dict() for e in _strongest(edges, settings.json_max_edges)],
        "edges_total": len(edges),
        "graph": {"case": graph_summary(case_graph),
                  "conversations": {cid: graph_summary(g) for cid, g in conv_graphs.items()}},
        "directives": [d.to_dict() for d, _ in directives],
        "compliance": [o.to_dict() for o in outcomes],
        "spokespeople": spokespeople(statements, corpus, settings),
        "silence_orders": silence_reports,
        "parallel_command": parallel_command(leadership, outcomes, roster_map),
        "lifecycle": list(lifecycle.values()),
        "crossgroup": cross,
    }
    clock("results")
    clock.cpu.update({f"{job}_workers": cpu for job, cpu in scan.worker_cpu.items()})
    return DynamicsResult(data, inter, case_graph, dict(corpus.names), clock.stages, clock.cpu)


def _follow_chunk(corpus: Corpus, chunk: tuple[list[Any], set[str], DynamicsSettings]) -> list[tuple[Outcome, Any]]:
    """What followed each directive of a chunk, and the silence-order report where it is one."""
    items, union_reps, settings = chunk
    indexes: dict[str, RateIndex] = corpus.memo.setdefault("rate_index", {})
    out = []
    for d, pos, named, next_pos in items:
        cd = corpus.convs[d.conversation_id]
        idx = indexes.get(cd.id) or indexes.setdefault(cd.id, RateIndex(cd, corpus.person))
        report = silence_order_report(d, cd, idx, union_reps, settings) if is_silence_order(d) else None
        out.append((follow_directive(d, pos, cd, idx, named, settings, next_pos), report))
    return out


def _strongest(edges: list[Any], limit: int) -> list[Any]:
    """All edges, or the `limit` strongest (by weight) in their original order: the JSON stays
    readable for a 1M-message case; `edges_df()` and the graph exports keep every edge."""
    if len(edges) <= limit:
        return edges
    weight = np.fromiter((e.weight for e in edges), dtype=np.float64, count=len(edges))
    keep = np.zeros(len(edges), dtype=bool)
    keep[np.argsort(-weight, kind="stable")[:limit]] = True  # stable: ties kept in their order
    return [e for e, k in zip(edges, keep.tolist(), strict=True) if k]


class _Clock:
    def __init__(self) -> None:
        self.stages: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self._t = time.perf_counter()
        self._c = time.process_time()

    def __call__(self, stage: str) -> None:
        now, cpu = time.perf_counter(), time.process_time()
        self.stages[stage] = round(now - self._t, 3)
        self.cpu[stage] = round(cpu - self._c, 3)
        self._t, self._c = now, cpu


def _people(corpus: Corpus, leadership: list[dict[str, Any]], case_graph: GraphMetrics,
            roster_map: dict[str, RosterRow]) -> list[dict[str, Any]]:
    agg: dict[str, dict[str, Any]] = {}
    for r in leadership:
        a = agg.setdefault(r["person"], {
            "person": r["person"], "name": r["name"], "messages": 0, "conversations": [],
            "directives_issued": 0, "directives_obeyed": 0, "leader_in": [], "admin_in": [],
            "max_influence": 0.0, "evidence": [],
        })
        a["messages"] += r["messages"]
        a["conversations"].append(r["conversation_id"])
        a["directives_issued"] += r["directives_issued"]
        a["directives_obeyed"] += r["directives_obeyed"]
        if r["leader"]:
            a["leader_in"].append(r["conversation_id"])
        if r["is_admin"]:
            a["admin_in"].append(r["conversation_id"])
        a["max_influence"] = max(a["max_influence"], r["influence"])
        if len(a["evidence"]) < 20:
            a["evidence"] += r["evidence"][: 20 - len(a["evidence"])]
    for p, a in agg.items():
        a["centrality"] = case_graph.of(p)
        row = roster_map.get(p)
        a["roster"] = row.to_dict() if row else None
    return sorted(agg.values(), key=lambda a: (-a["max_influence"], -a["messages"], str(a.get("name")), str(a.get("person"))))
