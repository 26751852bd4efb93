"""Entry point: `find_cases(...) -> HarassmentResult`, and the JSON shape of its result.

    result = find_cases(conversations, messages, events, detections,
                        person_of=None, authority=None, settings=None)
    result.cases          # list of case dicts, ranked (see below)
    result.to_json()      # {"version", "settings", "cases": [...], "counts": {...}}

Inputs: records from `sentinelle.records`; `detections` maps a message id to the detector's
`Detection`; `person_of(conversation_id, name) -> person key` (default: the folded name);
`authority` = {"ranks": {person: level or rank name}, "leaders": {person: influence 0..1},
"leader_flags": [persons the dynamics analysis calls leaders]} (all optional);
`settings` = a `Settings` or a dict of its fields (thresholds, see settings.py).

JSON shape of one case (times ISO 8601, ids are record ids):
    {
      "rank": 1,                                   # 1 = most severe, then longest
      "shape": "campaign" | "pileon", "summary": "3 members against L. on 12/03 between 21:04 and 21:41, ...",
      "thresholds": {"shape", "rule", "met": [figures]},
      "roles": {"target", "initiator": {"person", "names"}, "joiners" | "defenders" | "counter_attackers" |
                "endorsers" | "conciliators" | "bystanders": [{"person", "names"}]},
      "pileon": {"aggressors", "messages", "first", "last", "minutes", "per_10_min", "started_by",
                 "first_message", "joined": [{"person", "names", "messages", "first", "first_id",
                 "minutes_after_start"}], "defended_by", "defenders_attacked", "counter_attacks":
                 [{"id", "sender", "at", "kind"}], "target_reaction": {"reaction", "all", "ids"}},  # pile-ons
      "episodes": [{"conversation_id", "first", "last", "aggressors", "messages", "verdict"}],  # campaigns
      "target": "karim", "target_names": ["Karim"], "conversations": ["<conv id>"],
      "mobbing": false,                            # >= 2 aggressors with >= min_messages each
      "aggressors": [{"person", "names", "role": "main aggressor"|"aggressor", "messages", "days",
                      "first", "last", "max_severity", "categories": {cat: n},
                      "joined_in_as_bystander": n,
                      "authority": {"holds_authority", "kind": "declared"|"de_facto"|null,
                                    "aggressor_rank", "target_rank", "aggressor_level", "target_level",
                                    "aggressor_influence", "target_influence"},
                      "ids": [...]}],
      "bystanders": [{"person", "names", "messages", "ids"}],   # laughed / +1 right after an aggression
      "witnesses": [{"person", "names", "present_for": n, "first_seen": id}],  # members present at
                                                   # the time (join/add/leave/remove events + activity)
      "mutual_set_aside": [{"person", "to_target", "from_target"}],  # teasing returned in kind
      "period": {"first", "last", "days", "active_days"},
      "messages": n, "frequency_per_week": x,
      "weekly": [{"week": "2024-W03", "start": "2024-01-15", "count", "severity", "ids"}],
      "severity": {"max": 0-3, "mean", "sum", "by_category": {cat: n}},
      "escalation": {"weeks", "escalating": bool,
                     "frequency" | "severity" | "message_severity":
                         {"test", "n", "tau", "p_value", "slope", "trend": increasing|decreasing|none|flat|insufficient data, "unit"},
                     "mean_severity_first_half", "mean_severity_second_half",
                     "acts": [{"id", "time", "sender", "text", "category", "severity", "told_by_target", "reason"}],
                     "words_to_acts": {"first_words", "first_act", "days_from_first_words"}},   # when acts
      "speaking_up": {"spoke_up": bool, "complaints": [{"id", "time", "text", "reasons"}],
                      "first_complaint", "weeks_before", "weeks_after",
                      "hostility" | "exclusion": {"before", "after", "per_week_before", "per_week_after",
                                                  "ids_before", "ids_after", "test", "p_value",
                                                  "change": increased|decreased|none},
                      "removal" | "departure": [{"id", "time", "type", "actor", "actor_is_aggressor",
                                                 "days_after_complaint", "text"}],
                      "silence": {"addressed" | "followed": {"target_messages_before", "answered_before",
                                      "target_messages_after", "answered_after", "share_answered_before",
                                      "share_answered_after", "test", "p_value", "change"},
                                  "window_min", "change", "unanswered_after_ids"},
                      "findings": ["hostility increased", "removed from the group", ...],
                      "after_first_report": {the same figures from the first report to the hierarchy /
                                             a complaint, when it comes after a first objection},
                      "retaliation": bool},
      "power": {"any_authority": bool, "aggressors_with_authority": [...]},
      "reported_kept_apart": [ids],                # quotes / counter-speech, never aggression
      "timeline": [{"id", "conversation_id", "time", "time_raw", "sender", "sender_name", "text",
                    "kind": abuse|degrading|bystander|complaint|retaliation|reported|act|photo|endorsement|
                            defence|counter_attack|answer_back|attack_on_defender|conciliation|exit,
                    "source": {sha256, line_start, line_end, byte_start, byte_end, path, ...},
                    "severity", "categories", "reasons": [{kind, detail, span, matched, note, ...}],
                    "targeting": {"person", "method", "confidence", "ref", "matched", "reason"},
                    "after_complaint": bool, "acts": [act categories mentioned in it],
                    "target_groups": [groups the detector saw targeted: women, origin_arab...],
                    "ref": id (bystander: the message joined in on; photo: the aggression it preceded),
                    "event": removed|left (retaliation)}]
    }
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..records import Conversation, Detection, Event, Message
from ..textutil import fold
from .cases import add_shape, build_case, is_repeated, mutual_pairs, rank_key
from .episodes import ATTACK, Episode, find_episodes
from .index import ConvIndex
from .membership import Presence
from .power import power
from .settings import Settings
from .targeting import PersonOf, Reading, read_conversation

VERSION = "harassment-0.3"

__all__ = ["VERSION", "HarassmentResult", "find_cases", "default_person_of"]


def default_person_of(conversation_id: str, name: str) -> str:
    return _fold_name(name)


@lru_cache(maxsize=100_000)
def _fold_name(name: str) -> str:
    return fold(name)


@dataclass(slots=True)
class HarassmentResult:
    cases: list[dict[str, Any]]
    settings: Settings
    counts: dict[str, int] = field(default_factory=dict)
    version: str = VERSION

    def case(self, person: str) -> dict[str, Any] | None:
        """The case whose target is `person` (person key or one of their names, folded)."""
        key = fold(person)
        for c in self.cases:
            if c["target"] == person or c["target"] == key or key in {fold(n) for n in c["target_names"]}:
                return c
        return None

    def to_json(self) -> dict[str, Any]:
        return {"version": self.version, "settings": self.settings.to_dict(), "counts": self.counts, "cases": self.cases}


def find_cases(
    conversations: Iterable[Conversation],
    messages: Iterable[Message],
    events: Iterable[Event],
    detections: Mapping[str, Detection],
    person_of: PersonOf | None = None,
    authority: Mapping[str, Any] | None = None,
    settings: Settings | Mapping[str, Any] | None = None,
) -> HarassmentResult:
    """Reconstruct harassment cases (see the module docstring for the result's shape)."""
    cfg = Settings.from_mapping(settings)
    who = person_of or default_person_of
    by_conv: dict[str, list[Message]] = defaultdict(list)
    ev_conv: dict[str, list[Event]] = defaultdict(list)
    for c in conversations:
        by_conv.setdefault(c.id, [])
    for m in messages:
        by_conv[m.conversation_id].append(m)
    for e in events:
        ev_conv[e.conversation_id].append(e)
    for cid in ev_conv:
        by_conv.setdefault(cid, [])

    names: dict[str, set[str]] = defaultdict(set)
    readings: dict[str, list[Reading]] = {}
    presence: dict[str, Presence] = {}
    for cid, msgs in by_conv.items():
        conv_names: dict[str, set[str]] = defaultdict(set)
        for m in msgs:
            if m.sender:
                conv_names[who(cid, m.sender)].add(m.sender)
        for e in ev_conv.get(cid, []):
            for n in (e.actor, *e.targets):
                if n:
                    conv_names[who(cid, n)].add(n)
        for p, ns in conv_names.items():
            names[p] |= ns
        readings[cid] = read_conversation(cid, msgs, detections, who, conv_names, cfg, ev_conv.get(cid, ()))
        presence[cid] = Presence.build(cid, msgs, ev_conv.get(cid, []), who)

    # episodes per sitting: every hostile link labelled attack / answer / counter; the links of
    # quarrels and teasing never count as attacks
    episodes: dict[str, list[Episode]] = defaultdict(list)  # target -> episodes
    items: dict[str, list] = defaultdict(list)
    hostile = 0
    for cid, rs in readings.items():
        eps, links = find_episodes(cid, rs, ev_conv.get(cid, ()), who, cfg)
        hostile += len(links)
        for ep in eps:
            if ep.verdict in ("mutual", "teasing") and any(
                power(a, ep.target, authority, cfg)["holds_authority"] for a in ep.aggressors
            ):  # a superior's "teasing" answered back by a subordinate is not play between equals
                ep.why.append(f"not {ep.verdict}: an aggressor holds authority over the target")
                ep.verdict = "pileon" if len(ep.aggressors) >= cfg.pileon_min_aggressors else "below"
        excluded = {id(lk) for ep in eps if ep.verdict in ("mutual", "teasing") for lk in ep.attacks + ep.on_defenders}
        for ep in eps:
            episodes[ep.target].append(ep)
        for lk in links:
            if lk.label == ATTACK and id(lk) not in excluded:
                items[lk.person].append((lk.reading, lk.target))
    mutual = {
        pair: counts for pair, counts in mutual_pairs(items, cfg).items()
        # a superior's "teasing" answered back by a subordinate is not play between equals
        if not any(power(a, b, authority, cfg)["holds_authority"] for a in pair for b in pair if a != b)
    }
    index = {cid: ConvIndex(rs) for cid, rs in readings.items()}
    cases = []
    for target, its in items.items():
        kept = [(r, t) for r, t in its if frozenset((r.sender, target)) not in mutual]
        mine = [ep for ep in episodes.get(target, []) if ep.verdict not in ("mutual", "teasing")]
        if is_repeated(kept, cfg):
            case = build_case(target, kept, mutual, index, ev_conv, presence, names, who, authority, cfg)
            cases.append(add_shape(case, "campaign", mine, names, index, cfg))
            continue
        for ep in mine:
            if ep.verdict == "pileon":
                ep_items = [(lk.reading, lk.target) for lk in ep.attacks]
                case = build_case(target, ep_items, {}, index, ev_conv, presence, names, who, authority, cfg)
                cases.append(add_shape(case, "pileon", [ep], names, index, cfg))
    cases.sort(key=rank_key)
    for i, c in enumerate(cases, 1):
        c["rank"] = i
    counts = {
        "conversations": len(by_conv),
        "messages": sum(len(v) for v in by_conv.values()),
        "aggression_messages": len({r.message.id for its in items.values() for r, _ in its}),
        "hostile_links": hostile,
        "episodes": sum(len(v) for v in episodes.values()),
        "episodes_set_aside": sum(1 for v in episodes.values() for ep in v if ep.verdict in ("mutual", "teasing")),
        "pileons": sum(1 for c in cases if c["shape"] == "pileon"),
        "campaigns": sum(1 for c in cases if c["shape"] == "campaign"),
        "targets_considered": len(items),
        "mutual_pairs_set_aside": len(mutual),
        "cases": len(cases),
    }
    return HarassmentResult(cases=[{"rank": c.pop("rank"), **c} for c in cases], settings=cfg, counts=counts)
