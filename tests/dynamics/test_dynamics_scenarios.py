"""The analysis recovers planted structures, and invents nothing in a flat friendly group."""

from __future__ import annotations

import pytest

from dynamics import scenarios
from dynamics.dyn_builders import records
from sentinelle.dynamics import analyze_dynamics
from sentinelle.textutil import fold


@pytest.fixture(scope="module")
def brigade_result():
    return analyze_dynamics(*records(scenarios.brigade()), roster=scenarios.ROSTER).to_json()


def _rows(data, conv, person):
    return [r for r in data["leadership"] if r["conversation_id"] == conv and r["person"] == fold(person)]


def test_planted_informal_leader_is_found_with_evidence(brigade_result):
    leaders = [r["person"] for r in brigade_result["leadership"] if r["leader"]]
    assert leaders == [fold("Karim Benali")]
    karim = _rows(brigade_result, "brigade", "Karim Benali")[0]
    assert karim["directives_obeyed"] >= 6
    assert karim["components"]["obeyed_share"] >= 0.8
    assert karim["evidence"] and all(e.startswith("brigade:") for e in karim["evidence"])


def test_declared_chief_is_ignored_and_constable_exceeds_role(brigade_result):
    pc = {(x["kind"], x["person"]) for x in brigade_result["parallel_command"]}
    assert ("influence_exceeds_role", fold("Karim Benali")) in pc
    assert ("declared_chief_ignored", fold("Commandant Morel")) in pc
    chief = next(x for x in brigade_result["parallel_command"] if x["kind"] == "declared_chief_ignored")
    assert chief["directives_issued"] == 4 and chief["directives_not_obeyed"] >= 3
    assert chief["evidence"]


def test_silence_order_to_union_rep_then_departure(brigade_result):
    orders = [s for s in brigade_result["silence_orders"] if fold("Sophie Lemaire") in s["union_reps_named"]]
    assert len(orders) == 1
    sophie = next(f for f in orders[0]["followed_by"] if f["person"] == fold("Sophie Lemaire"))
    assert sophie["messages_before"] >= 10 and sophie["messages_after"] == 0
    assert sophie["silenced"] and sophie["left"]
    assert orders[0]["issuer"] == fold("Karim Benali")
    assert set(orders[0]["effect"]) == {"silenced", "left"}
    assert len(orders[0]["evidence"]) >= 2  # the order and the departure event


@pytest.mark.parametrize("seed", [2, 5, 11, 23])
def test_flat_friendly_group_has_no_leader(seed):
    data = analyze_dynamics(*records(scenarios.friends(seed))).to_json()
    assert data["directives"], "the casual requests are seen as directives..."
    assert not [r for r in data["leadership"] if r["leader"]], "...but nobody stands out as a leader"
    assert data["parallel_command"] == []


def test_join_burst_detected_against_baseline_and_not_in_steady_growth():
    data = analyze_dynamics(*records(scenarios.burst(), scenarios.steady())).to_json()
    life = {lc["conversation_id"]: lc for lc in data["lifecycle"]}
    (b,) = life["burst"]["bursts"]
    assert 2900 <= b["joins"] <= 3000 and b["hours"] <= 4
    assert b["evidence"] and b["evidence_count"] == b["joins"]
    assert life["steady"]["bursts"] == []
    assert max(life["burst"]["joins_by_day"].values()) >= 2900 and sum(life["steady"]["joins_by_day"].values()) == 3000
    assert life["burst"]["created_by"] == fold("Admin Zero")


def test_group_replaced_by_another_with_the_same_core():
    a, b = scenarios.replaced_pair()
    data = analyze_dynamics(*records(a, b)).to_json()
    (rep,) = data["crossgroup"]["replaced"]
    assert (rep["old"], rep["new"]) == ("groupA", "groupB")
    assert rep["core_overlap"] >= 0.8
    life = {lc["conversation_id"]: lc for lc in data["lifecycle"]}
    assert life["groupA"]["status"] == "migrated" and life["groupA"]["replaced_by"] == "groupB"
    assert "mass_departure" in life["groupA"]["dissolved_reasons"]
    assert any(o["a"] == "groupA" and o["b"] == "groupB" and o["jaccard"] >= 0.5 for o in data["crossgroup"]["overlaps"])
    multi = {m["person"] for m in data["crossgroup"]["same_leaders_or_admins"]}
    assert fold("Alice Dumas") in multi


def test_every_score_and_label_has_evidence(brigade_result):
    ids = {m.id for m in scenarios.brigade().messages} | {e.id for e in scenarios.brigade().events}
    for key in ("directives", "compliance", "silence_orders", "parallel_command", "edges"):
        for item in brigade_result[key]:
            assert item["evidence"], (key, item)
            assert set(item["evidence"]) <= ids, key
    for r in brigade_result["leadership"]:
        if r["messages"]:
            assert r["evidence"], r["person"]


def test_a_chatterbox_is_not_a_leader():
    """Someone who writes half the messages, and is answered, but gives no obeyed orders."""
    import random

    from dynamics.dyn_builders import Chat

    rng = random.Random(4)
    c = Chat("chatty", "Apéro")
    people = ["Anna", "Bruno", "Carla", "Dimitri"]
    for _ in range(200):
        c.chatter(["Anna"] * 4 + people, 1, rng)
    data = analyze_dynamics(*records(c)).to_json()
    anna = next(r for r in data["leadership"] if r["person"] == "anna")
    assert anna["messages"] > 100 and not anna["leader"]
    assert not [r for r in data["leadership"] if r["leader"]]
