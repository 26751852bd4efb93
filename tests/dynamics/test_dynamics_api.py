"""The whole analysis: JSON shape, purity, parallel scan = sequential scan, spokespeople."""

from __future__ import annotations

import json
from dataclasses import replace

from dynamics import scenarios
from dynamics.dyn_builders import Chat, records
from sentinelle.dynamics import VERSION, DynamicsSettings, analyze_dynamics

KEYS = {"people", "edges", "directives", "compliance", "spokespeople", "silence_orders", "parallel_command",
        "lifecycle", "crossgroup", "settings", "version"}


def test_json_shape_and_round_trip():
    data = analyze_dynamics(*records(scenarios.brigade()), roster=scenarios.ROSTER).to_json()
    assert KEYS <= set(data)
    assert data["version"] == VERSION
    assert json.loads(json.dumps(data)) == data
    karim = next(p for p in data["people"] if p["person"] == "karim benali")
    assert karim["leader_in"] == ["brigade"] and karim["roster"]["rank"] == "Gardien de la paix"


def test_empty_input():
    data = analyze_dynamics([], [], []).to_json()
    assert data["people"] == [] and data["edges"] == [] and data["lifecycle"] == []


def test_same_output_twice_and_inputs_untouched():
    convs, msgs, events = records(scenarios.brigade())
    before = list(msgs)
    a = analyze_dynamics(convs, msgs, events, roster=scenarios.ROSTER).to_json()
    b = analyze_dynamics(convs, msgs, events, roster=scenarios.ROSTER).to_json()
    assert a == b and msgs == before


def test_parallel_scan_gives_the_sequential_result():
    convs, msgs, events = records(scenarios.brigade(), scenarios.friends())
    seq = analyze_dynamics(convs, msgs, events, settings=DynamicsSettings(workers=1)).to_json()
    par = analyze_dynamics(convs, msgs, events, settings=DynamicsSettings(workers=2, parallel_min_messages=1)).to_json()
    assert seq["directives"] == par["directives"] and seq["spokespeople"] == par["spokespeople"]
    # what followed each directive is read by the same processes, in chunks: same outcomes, same order
    assert seq["compliance"] == par["compliance"] and seq["silence_orders"] == par["silence_orders"]
    assert len(seq["compliance"]) > 2 and any(o["outcome"] == "obeyed" for o in par["compliance"])
    assert seq["silence_orders"]
    assert replace(DynamicsSettings(), workers=2).workers == 2


def test_spokesperson_speaks_for_the_group():
    c = Chat("wa", "g")
    c.say("Paul", "Au nom de tous les collègues, nous refusons ce planning.")
    c.say("Anne", "d'accord")
    c.say("Paul", "Je parle pour la brigade : nous voulons une réunion.")
    c.say("Paul", "J'ai transmis au commissaire notre position.")
    c.say("Anne", "Nous parlons de tout ça demain ?")
    data = analyze_dynamics(*records(c)).to_json()
    (paul,) = [s for s in data["spokespeople"] if s["spokesperson"]]
    assert paul["person"] == "paul" and paul["statements"] == 3
    assert paul["kinds"] == {"behalf": 1, "speak_for": 1, "relay": 1}
    assert len(paul["evidence"]) == 3


def test_leader_admin_actions_and_disappearing_messages():
    c = Chat("wa", "g")
    c.event("created", actor="Zoé")
    c.event("added", actor="Zoé", targets=("Ali", "Ben"))
    c.event("settings_changed", actor="Zoé", after=60)
    c.event("disappearing_on", actor="Zoé", after=60)
    c.say("Ali", "salut")
    data = analyze_dynamics(*records(c)).to_json()
    zoe = next(r for r in data["leadership"] if r["person"] == "zoe")
    assert zoe["admin_actions"] == 4 and zoe["is_admin"] and zoe["components"]["admin_share"] == 1.0
    (life,) = data["lifecycle"]
    assert life["created_by"] == "zoe" and len(life["disappearing_on"]) == 1 and life["members_end"] == 3
