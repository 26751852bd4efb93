"""Roster parsing and matching; graph exports load back; fast folding equals textutil.fold."""

from __future__ import annotations

import igraph as ig
import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dynamics import scenarios
from dynamics.dyn_builders import records
from sentinelle.dynamics import analyze_dynamics, parse_roster
from sentinelle.dynamics.roster import RosterRow, declared_level
from sentinelle.errors import InputError
from sentinelle.records import clean_text
from sentinelle.textutil import fold, strip_accents


def test_french_roster_with_semicolons_and_loose_headers():
    text = "\ufeffNom;Grade;Fonction;Unité;Délégué syndical (oui/non)\n" \
           "Karim Benali;Gardien de la paix;;BAC 75N;non\n" \
           "Sophie Lemaire;Brigadier-chef;;BAC 75N;OUI\n" \
           "\n" \
           "+33 6 12 34 56 78;Commandant;Chef de service;BAC 75N;\n"
    rows = parse_roster(text, "roster.csv")
    assert rows == [
        RosterRow("Karim Benali", "Gardien de la paix", None, "BAC 75N", False),
        RosterRow("Sophie Lemaire", "Brigadier-chef", None, "BAC 75N", True),
        RosterRow("+33 6 12 34 56 78", "Commandant", "Chef de service", "BAC 75N", False),
    ]


def test_english_roster():
    rows = parse_roster("name,rank,role,unit,union_rep\nJo Smith,Sergeant,team leader,North,yes\n")
    assert rows == [RosterRow("Jo Smith", "Sergeant", "team leader", "North", True)]


@pytest.mark.parametrize(
    "text, line, cause",
    [
        ("grade;unité\nmajor;BAC\n", 1, "no person column"),
        ("nom;grade\nA;major;x;y\n", 2, "cells where the header has 2"),
        ("nom;grade\n;major\n", 2, "no person named"),
        ("", None, "empty roster"),
    ],
)
def test_bad_rosters_name_file_line_and_cause(text, line, cause):
    with pytest.raises(InputError) as err:
        parse_roster(text, "r.csv")
    assert err.value.line == line and cause in str(err.value) and "r.csv" in str(err.value)


def test_declared_levels_order_ranks_and_roles():
    lv = lambda rank, role=None: declared_level(RosterRow("x", rank, role))  # noqa: E731
    assert lv("Gardien de la paix") < lv("Brigadier") < lv("Brigadier-chef") < lv("Major") < lv("Commandant")
    assert lv("Commandant", "chef de service") > lv("Commandant")
    assert lv("inconnu") is None


def test_graph_exports_load_back(tmp_path):
    result = analyze_dynamics(*records(scenarios.brigade()), roster=scenarios.ROSTER)
    gml, gexf = tmp_path / "g.graphml", tmp_path / "g.gexf"
    result.write_graphml(gml)
    result.write_gexf(gexf)
    g = ig.Graph.Read_GraphML(str(gml))
    n = nx.read_gexf(gexf)
    assert g.vcount() == n.number_of_nodes() == result.case_graph.graph.vcount()
    assert g.ecount() == n.number_of_edges() > 10
    assert "Karim Benali" in set(g.vs["label"])
    karim = n.nodes["karim benali"]
    assert karim["label"] == "Karim Benali" and karim["pagerank"] > 0 and "community" in karim
    assert g.vs.find(name="karim benali")["pagerank"] == pytest.approx(karim["pagerank"])
    assert all(d["weight"] > 0 for _, _, d in n.edges(data=True))


def test_dataframes():
    result = analyze_dynamics(*records(scenarios.brigade()), roster=scenarios.ROSTER)
    people, edges, directives = result.people_df(), result.edges_df(), result.directives_df()
    assert {"person", "influence", "leader", "pagerank", "c_obeyed_share"} <= set(people.columns)
    assert set(edges["method"]) >= {"turn_taking", "addressed"} or set(edges["method"]) >= {"turn_taking"}
    assert (directives["outcome"] == "obeyed").sum() >= 6
    assert people.loc[people["leader"], "person"].tolist() == ["karim benali"]


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_fold_per_character_equals_fold_of_the_whole_string(text):
    """`fold` translates character by character (fast); it must equal the plain definition."""
    assert fold(text) == " ".join(strip_accents(clean_text(text)).casefold().split())


def test_roster_matches_by_name_first_name_alias_and_phone():
    from dynamics.dyn_builders import Chat
    from sentinelle.dynamics import RosterRow
    from sentinelle.dynamics.corpus import phone_key

    c = Chat("g", "g")
    c.say("+33 6 12 34 56 78", "salut")
    c.say("Karim Benali", "salut")
    roster = [RosterRow("06 12 34 56 78", rank="Major"), RosterRow("KARIM BENALI", rank="Gardien de la paix")]
    data = analyze_dynamics(*records(c), roster=roster).to_json()
    ranks = {p["person"]: (p["roster"] or {}).get("rank") for p in data["people"]}
    assert ranks == {fold("+33 6 12 34 56 78"): "Major", "karim benali": "Gardien de la paix"}
    assert phone_key("+33 6 12 34 56 78") == phone_key("06.12.34.56.78") and phone_key("Karim 2") is None
