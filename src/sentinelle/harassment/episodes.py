"""Episodes: who attacks, who defends, who answers back, in one sitting of a conversation.

A sitting is a run of messages with no gap longer than `sitting_gap_min`. Its hostile links
(abusive or degrading messages aimed at a person, see targeting.py) are read in time order and
each is labelled:
  attack   the first hostility between them, or joining an attack;
  answer   the person attacked hits back at the one who attacked them;
  counter  a defender hits back at someone who attacked (or was called out for attacking) the
           person they defend: a counter-attack, never harassment of the aggressor.
Defending = a defence message (data/defence.json, or an objection by someone else than the
person attacked) about the person under attack, or hitting back at their aggressor without ever
attacking them. Defending an aggressor against a defender is no defence: it joins the attack.

Per sitting the person attacked by the most members is the episode's target; everyone else gets
a role from the messages and the flow of replies: initiator (first attack), joiners (later
attackers), defenders (with their counter-attacks), endorsers (laughs / "+1" / endorsements right
after an attack, by members who did not attack), conciliators (calming everyone down without
taking a side), bystanders (spoke, no role). Attacks on the target's defenders belong to the same
episode. An episode is then:
  pileon   >= `pileon_min_aggressors` members with >= `pileon_min_messages` attacks at the target
           within `pileon_max_hours`;
  mutual   the target hits back themself, their side hits back at least `reciprocity_ratio` as
           often as it is attacked, and is not mostly defending (defence/objection messages <
           `defending_share` of its hits);
  teasing  the target laughs along (>= `teasing_laugh_share` of their messages), never objects,
           is not alone against three or more who are never answered back, nobody calls for calm,
           and nobody defends them;
  below    under the pile-on thresholds (it may still count toward a campaign).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from ..records import Event, EventType
from .settings import Settings
from .targeting import Reading, Target, naive

ATTACK, ANSWER, COUNTER = "attack", "answer", "counter"


@dataclass(slots=True)
class Link:
    reading: Reading
    target: Target
    label: str  # attack | answer | counter

    @property
    def sender(self) -> str:
        return self.reading.sender  # type: ignore[return-value]

    @property
    def person(self) -> str:
        return self.target.person


@dataclass(slots=True)
class Episode:
    conversation_id: str
    target: str
    attacks: list[Link]  # attacks at the target
    on_defenders: list[Link] = field(default_factory=list)  # attacks at the target's defenders
    counters: list[Link] = field(default_factory=list)  # the target's side hitting back at aggressors
    defences: list[Reading] = field(default_factory=list)
    conciliations: list[Reading] = field(default_factory=list)
    endorsements: list[tuple[Reading, Reading]] = field(default_factory=list)  # (laugh, attack it follows)
    objections: list[Reading] = field(default_factory=list)  # the target's
    exits: list[Event] = field(default_factory=list)  # the target left or was removed
    roles: dict[str, Any] = field(default_factory=dict)
    verdict: str = "below"
    why: list[str] = field(default_factory=list)
    sitting: list[Reading] = field(default_factory=list)

    @property
    def aggressors(self) -> list[str]:
        return list(dict.fromkeys(link.sender for link in self.attacks))

    @property
    def start(self) -> datetime | None:
        ts = [link.reading.time for link in self.attacks if link.reading.time is not None]
        return min(ts) if ts else None

    @property
    def end(self) -> datetime | None:
        ts = [link.reading.time for link in self.attacks if link.reading.time is not None]
        return max(ts) if ts else None


def sittings(readings: Sequence[Reading], settings: Settings) -> list[list[Reading]]:
    gap = timedelta(minutes=settings.sitting_gap_min)
    out: list[list[Reading]] = []
    last: datetime | None = None
    for r in readings:
        if r.time is None:
            continue
        if not out or last is None or r.time - last > gap:
            out.append([])
        out[-1].append(r)
        last = r.time
    return out


def _objects(r: Reading) -> bool:
    return bool(r.defence) or any(m.pattern.category == "objection" for m in r.complaint)


def label_links(sitting: Sequence[Reading], settings: Settings) -> tuple[list[Link], dict[str, set[str]], dict[str, list[Reading]]]:
    """Every hostile link of the sitting, labelled attack / answer / counter, in time order; and
    who defended whom ({defender: {defended}}) with their defence messages."""
    attackers_of: dict[str, set[str]] = defaultdict(set)  # q -> who attacked q
    accused: dict[str, set[str]] = defaultdict(set)  # p -> people p attacked or was called out for
    defended: dict[str, set[str]] = defaultdict(set)
    defence_msgs: dict[str, list[Reading]] = defaultdict(list)
    links: list[Link] = []
    recent: list[Link] = []  # recent attacks, to know whom a defence is about
    window = timedelta(minutes=settings.context_window_min)

    def is_aggressor(p: str) -> bool:
        return any(p in a for a in attackers_of.values())

    for idx, r in enumerate(sitting):
        s = r.sender
        if s is None or r.time is None:
            continue
        recent = [lk for lk in recent if lk.reading.time and lk.reading.time >= r.time - window]
        if _objects(r) and not r.conciliation:
            named = [t.person for t in r.targets.values() if t.person != s and t.method in ("name", "mention", "nickname", "quote")]
            q = next((p for p in named if attackers_of.get(p)), None)
            if q is None:
                under = [lk for lk in reversed(recent) if lk.label == ATTACK and lk.person != s]
                q = under[0].person if under else (named[0] if named else None)
            if q is not None and q != s and not is_aggressor(q) and s not in attackers_of.get(q, ()):
                defended[s].add(q)
                defence_msgs[s].append(r)
                against = {lk.sender for lk in recent if lk.label == ATTACK and lk.person == q} - {s}
                if not against:
                    others = [t.person for t in r.targets.values() if t.person not in (s, q)]
                    if others:
                        against = {others[0]}
                    else:  # the last other speaker is whom the defence answers
                        prev = next((x.sender for x in reversed(sitting[:idx]) if x.sender not in (None, s, q)), None)
                        against = {prev} if prev else set()
                for a in against:
                    accused[a].add(q)
        if not r.hostile:
            continue
        for t in r.targets.values():
            p = t.person
            if t.confidence < settings.min_confidence or p == s:
                continue
            if _objects(r) and p in defended.get(s, ()):
                continue  # a defence naming the person it defends is no attack on them, however rough
            if attackers_of.get(s) and s not in defended.get(p, ()) and not accused.get(s):
                label = ANSWER  # someone under attack hitting back (at an attacker or their side)
            elif accused.get(p) and not (accused[p] & {q for q, att in attackers_of.items() if s in att}):
                # p attacked (or was called out for attacking) someone s never attacked
                if s in accused[p] and not defended.get(s):
                    label = ANSWER
                else:
                    label = COUNTER
                    defended[s] |= accused[p] - {s}
            else:
                label = ATTACK
                attackers_of[p].add(s)
                accused[s].add(p)
            link = Link(r, t, label)
            links.append(link)
            recent.append(link)
    return links, defended, defence_msgs


def find_episodes(conversation_id: str, readings: Sequence[Reading], events: Sequence[Event], person_of: Any,
                  settings: Settings) -> tuple[list[Episode], list[Link]]:
    """The episodes of a conversation (every attacked target of every sitting, with its verdict)
    and all its labelled links."""
    episodes: list[Episode] = []
    all_links: list[Link] = []
    exits = sorted((e for e in events if e.time is not None and e.type in (EventType.LEFT, EventType.REMOVED, EventType.BANNED)),
                   key=lambda e: naive(e.time))  # type: ignore[arg-type,return-value]
    for sitting in sittings(readings, settings):
        links, defended, defence_msgs = label_links(sitting, settings)
        all_links += links
        times = [r.time for r in sitting]
        pos = {r.message.id: i for i, r in enumerate(sitting)}
        attacks = [lk for lk in links if lk.label == ATTACK]
        used: set[int] = set()
        while True:
            by_target: dict[str, list[Link]] = defaultdict(list)
            for i, lk in enumerate(attacks):
                if i not in used:
                    by_target[lk.person].append(lk)
            if not by_target:
                break
            target, its = max(by_target.items(), key=lambda kv: (len({lk.sender for lk in kv[1]}), len(kv[1]),
                                                                 -kv[1][0].reading.order))
            ep = _episode(conversation_id, target, its, links, defended, defence_msgs, sitting, times, pos, exits,
                          person_of, settings)
            episodes.append(ep)
            ids = {id(lk) for lk in ep.attacks + ep.on_defenders}
            used |= {i for i, lk in enumerate(attacks) if id(lk) in ids}
    return episodes, all_links


def _episode(cid: str, target: str, attacks: list[Link], links: list[Link], defended: dict[str, set[str]],
             defence_msgs: dict[str, list[Reading]], whole: list[Reading], times: list[Any], pos: dict[str, int],
             exits: list[Event], person_of: Any, settings: Settings) -> Episode:
    aggressors = set(lk.sender for lk in attacks)
    defenders = {d for d, qs in defended.items() if target in qs and d not in aggressors and d != target}
    counters = [lk for lk in links if lk.label in (ANSWER, COUNTER) and lk.person in aggressors
                and (lk.sender == target or lk.sender in defenders or lk.sender not in aggressors)]
    hitters = {lk.sender for lk in counters if lk.sender != target and lk.sender not in aggressors}
    # the part of the sitting the episode covers: from just before its first attack to a while
    # after its last one (a long sitting is not scanned once per target)
    first = attacks[0].reading
    end = attacks[-1].reading.time
    assert end is not None
    horizon = end + timedelta(minutes=settings.context_window_min)
    lo = max(0, pos[first.message.id] - 3)
    hi = bisect_right(times, horizon, lo=lo)
    sitting = whole[lo:hi]
    calm = Counter(r.sender for r in sitting if r.conciliation)
    # calming everyone down more often than siding with the target (and never hitting back): a conciliator
    defenders = {d for d in defenders if d in hitters or len(defence_msgs.get(d, ())) > calm.get(d, 0)} | hitters
    on_defenders = [lk for lk in links if lk.label == ATTACK and lk.person in defenders and lk.sender in aggressors]
    ep = Episode(cid, target, attacks, on_defenders=on_defenders, counters=counters, sitting=sitting)
    ep.defences = sorted({r.message.id: r for d in defenders for r in defence_msgs.get(d, ())}.values(), key=lambda r: r.order)
    start = first.time
    initiator = first.sender
    # who started it: a message at the target by one of its aggressors just before the first
    # attack the patterns or the detector caught ("t'as tout gâché" before "cette idiote")
    i0 = sitting.index(first)
    for prev in sitting[max(0, i0 - 3) : i0]:
        if (prev.sender in aggressors and prev.time is not None and start is not None
                and start - prev.time <= timedelta(minutes=settings.turn_window_min)
                and any(t.person == target and t.confidence >= settings.min_confidence for t in prev.targets.values())):
            initiator = prev.sender
            break
    assert start is not None and end is not None
    ep.objections = [r for r in sitting if r.sender == target and r.time is not None and r.time >= start
                     and (r.complaint or r.defence or r.is_reported)]
    # endorsements: a laugh, "+1" or endorsement right after an attack on the target
    window = timedelta(minutes=settings.bystander_window_min)
    pos = {r.message.id: i for i, r in enumerate(sitting)}  # within the episode's part
    seen: set[str] = set()
    for lk in attacks:
        i = pos[lk.reading.message.id]
        for nxt in sitting[i + 1 : i + 1 + settings.bystander_messages]:
            if nxt.time is None or lk.reading.time is None or nxt.time - lk.reading.time > window:
                break
            if nxt.sender in (None, target, lk.sender) or nxt.sender in defenders or nxt.message.id in seen:
                continue
            endorse = nxt.detection is not None and nxt.detection.stance == "endorse"
            if (nxt.bystander or endorse) and not nxt.hostile and not nxt.defence:
                ep.endorsements.append((nxt, lk.reading))
                seen.add(nxt.message.id)
    conc = [r for r in sitting if r.conciliation and r.sender not in aggressors and r.sender != target
            and r.time is not None and r.time >= start]
    ep.conciliations = conc
    for e in exits:
        t = naive(e.time)
        who = [person_of(e.conversation_id, n) for n in (e.targets or ((e.actor,) if e.actor else ()))]
        if t is not None and start <= t <= horizon and target in who:
            ep.exits.append(e)

    # roles
    endorsers = Counter(r.sender for r, _ in ep.endorsements if r.sender not in aggressors)
    conciliators = Counter(r.sender for r in conc if r.sender not in defenders)
    spoke = {r.sender for r in sitting if r.sender and r.time is not None and start <= r.time <= horizon}
    named = aggressors | defenders | set(endorsers) | set(conciliators) | {target}
    ep.roles = {
        "target": target,
        "initiator": initiator,
        "joiners": [a for a in dict.fromkeys(lk.sender for lk in attacks) if a != initiator],
        "defenders": sorted(defenders),
        "counter_attackers": sorted({lk.sender for lk in counters if lk.sender != target}),
        "endorsers": sorted(endorsers),
        "conciliators": sorted(conciliators),
        "bystanders": sorted(p for p in spoke - named if p is not None),
    }
    ep.verdict, ep.why = _verdict(ep, aggressors, defenders, settings)
    return ep


def _verdict(ep: Episode, aggressors: set[str], defenders: set[str], settings: Settings) -> tuple[str, list[str]]:
    side = defenders | {ep.target}
    hits_in = len(ep.attacks) + len(ep.on_defenders)
    hits_out = len(ep.counters)
    # messages the target's side spent defending or objecting
    defending = len({r.message.id for r in ep.defences} | {r.message.id for r in ep.objections})
    target_msgs = [r for r in ep.sitting if r.sender == ep.target and ep.start is not None and r.time is not None
                   and r.time >= ep.start]
    laughs = sum(1 for r in target_msgs if r.bystander or (r.detection is not None and r.detection.stance == "joke"))
    why: list[str] = []
    own = sum(1 for lk in ep.counters if lk.sender == ep.target)
    if own and hits_out >= settings.reciprocity_ratio * hits_in and defending < settings.defending_share * hits_out:
        why.append(f"the target's side ({len(side)}) hit back {hits_out} times for {hits_in} attacks "
                   f"(>= {settings.reciprocity_ratio}) and was not mostly defending ({defending} defence or objection messages)")
        return "mutual", why
    # many against one who never hits back, or someone asking them all to stop: laughing along is
    # then how a target copes, not play between equals
    one_sided = len(aggressors) >= 3 and not own
    calmed = bool(ep.conciliations) and hits_in >= settings.pileon_min_messages
    if (target_msgs and laughs >= settings.teasing_laugh_share * len(target_msgs) and not ep.objections
            and not defenders and not one_sided and not calmed):
        why.append(f"the target laughed along in {laughs} of {len(target_msgs)} messages, never objected, nobody defended them")
        return "teasing", why
    if target_msgs and laughs >= settings.teasing_laugh_share * len(target_msgs) and (one_sided or calmed):
        why.append(f"not teasing though the target laughed along ({laughs} of {len(target_msgs)} messages): "
                   + (f"{len(aggressors)} members against one who never hit back" if one_sided
                      else "someone asked them to stop"))
    n_agg, n_msg = len(aggressors), len(ep.attacks)
    span = (ep.end - ep.start).total_seconds() / 3600 if ep.start and ep.end else 0.0
    met = (n_agg >= settings.pileon_min_aggressors and n_msg >= settings.pileon_min_messages
           and span <= settings.pileon_max_hours)
    why.append(f"{n_agg} aggressors (pile-on needs >= {settings.pileon_min_aggressors}), {n_msg} attacks at the target "
               f"(>= {settings.pileon_min_messages}) within {span:.1f} h (<= {settings.pileon_max_hours} h)")
    return ("pileon" if met else "below"), why
