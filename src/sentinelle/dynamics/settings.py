"""Every threshold the dynamics analysis uses, in one place, stored with its results.

Thresholds that decide a label ("leader", "burst", "silenced") are RELATIVE to the group
(ratios to its median, its baseline, its base rate) plus a small absolute floor, so that a flat
friendly group never gets a leader invented for it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

VERSION = "dynamics-1.1"


@dataclass(frozen=True)
class DynamicsSettings:
    # text scan on several processes (forked) for cases of at least this many messages
    workers: int = 2
    parallel_min_messages: int = 50_000
    # interactions
    turn_window_s: float = 300.0  # an answer within 5 min of someone's message is turn-taking
    turn_max_confidence: float = 0.6  # turn-taking is a guess: never as sure as a reply link
    max_evidence: int = 5  # evidence ids kept per edge (the count is always exact)
    json_max_edges: int = 50_000  # strongest edges kept in the JSON (exports keep all)
    # sessions: a message after this much silence "starts a conversation"
    session_gap_s: float = 6 * 3600.0
    # graph
    betweenness_exact_max_edges: int = 20_000  # above: estimated from sampled sources (Brandes)
    betweenness_sample_sources: int = 200
    # compliance: what follows a directive
    compliance_window_s: float = 24 * 3600.0
    compliance_window_messages: int = 40
    ack_window_s: float = 2 * 3600.0  # an acknowledgement comes soon after the order ...
    ack_max_gap_messages: int = 10  # ... with few messages in between
    silence_window_s: float = 14 * 24 * 3600.0  # before/after window for message rates
    silenced_rate_ratio: float = 0.2  # named person's rate after/before below this ...
    silenced_min_before: int = 2  # ... having written at least this much before
    # leadership: a leader must stand out in ITS group (ratios) and pass absolute floors
    leader_min_obeyed: int = 3
    leader_min_obeyed_share: float = 0.4  # of the group's obeyed directives ...
    leader_obeyed_margin: float = 2.5  # ... or this many times the next person's obeyed directives
    leader_score_ratio: float = 2.0  # influence score / group median score
    weights: dict[str, float] = field(
        default_factory=lambda: {
            "obeyed_share": 3.0,
            "pagerank_ratio": 1.0,
            "replies_drawn_ratio": 1.0,
            "admin_share": 1.0,
            "latency_asymmetry": 0.5,
        }
    )
    # spokespeople
    spokesperson_min_statements: int = 2
    # lifecycle
    burst_min_joins: int = 100  # absolute floor for a join burst ...
    burst_baseline_factor: float = 10.0  # ... and this many times the group's usual hourly joins
    dissolved_departure_share: float = 0.5  # share of members who left in the final stretch
    inactive_after_s: float = 30 * 24 * 3600.0  # silent this long before the case ends
    # cross-group
    replaced_min_core_overlap: float = 0.5  # overlap coefficient of the two cores
    replaced_max_gap_s: float = 14 * 24 * 3600.0
    core_min_messages: int = 3
    overlap_min_jaccard: float = 0.1  # pairs reported: Jaccard ...
    overlap_min_coefficient: float = 0.3  # ... or shared / smaller group (with >= 3 shared)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
