"""The bundled demo case: dynamics recovers what its ANSWERS.md plants (leader, ignored chief,
silence order to the union rep followed by his silence and departure, the 3,000-join burst and
the dissolution of the second group)."""

from __future__ import annotations

import pytest

from sentinelle.demo import DEMO_DIR, EXPORTERS, ROSTER
from sentinelle.ingest import ReadOptions
from sentinelle.pipeline import import_roster_file, ingest_files, run_dynamics
from sentinelle.store import Case

FILES = [DEMO_DIR / "Discussion WhatsApp avec Brigade Fictive 75.txt", DEMO_DIR / "Discussion WhatsApp avec Collectif Fictif.txt"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    if not all(f.exists() for f in [*FILES, ROSTER]):
        pytest.skip("demo files not in this checkout")
    path = tmp_path_factory.mktemp("demo") / "case"
    with Case.create(path) as case:
        for f in FILES:  # the demo's two Android exports were made by the same member (their "Vous")
            ingest_files(case, [f], ReadOptions(exporter=EXPORTERS[f.name]))
        import_roster_file(case, ROSTER)
        data = run_dynamics(case).to_json()
        titles = {c.id: c.title for c in case.conversations()}
    names = {p["person"]: p["name"] for p in data["people"]}
    return data, names, titles


def test_demo_parallel_command(demo):
    data, names, _ = demo
    leaders = {names[r["person"]] for r in data["leadership"] if r["leader"]}
    assert leaders == {"Yannick Roux"}
    found = {(x["kind"], x["name"]) for x in data["parallel_command"]}
    assert found == {("influence_exceeds_role", "Yannick Roux"), ("declared_chief_ignored", "Marc Lefort")}


def test_demo_silence_order_to_union_rep(demo):
    data, names, _ = demo
    hits = [s for s in data["silence_orders"] if "Olivier Tessier" in {names.get(p) for p in s["union_reps_named"]}]
    assert hits and all(names[s["issuer"]] == "Yannick Roux" for s in hits)
    effects = {e for s in hits for e in s["effect"]}
    assert {"silenced", "left"} <= effects


def test_demo_burst_and_dissolution(demo):
    data, _, titles = demo
    (life,) = [lc for lc in data["lifecycle"] if "Collectif" in (titles.get(lc["conversation_id"]) or "")]
    (burst,) = life["bursts"]
    assert burst["joins"] == 3000 and burst["hours"] <= 5
    assert life["status"] == "dissolved" and "mass_departure" in life["dissolved_reasons"]


def test_demo_groups_share_a_core_and_an_admin(demo):
    data, names, titles = demo
    (pair,) = data["crossgroup"]["overlaps"]
    assert pair["shared"] >= 8 and pair["overlap"] >= 0.3 and pair["jaccard"] < 0.1
    assert "Yannick Roux" in {m["name"] for m in data["crossgroup"]["same_leaders_or_admins"]}


def test_demo_objection_is_no_silence_order(demo):
    """Camille Dubois objecting to a sexist remark ("Arrête de dire que les femmes sont
    inférieures...") is counter-speech: no silence order, no directive, carries her name."""
    data, names, _ = demo
    assert not [s for s in data["silence_orders"] if names.get(s["issuer"]) == "Camille Dubois"]
    issuers = {names.get(d["issuer"]) for d in data["directives"] if d["kind"] in ("silence_order", "prohibition")}
    assert issuers == {"Yannick Roux"}
