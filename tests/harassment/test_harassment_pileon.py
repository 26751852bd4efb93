"""Pile-ons, roles and conversation-following targeting, on small hand-built chats."""

from __future__ import annotations

import json

import pytest
from harassment_story import Chat, abuse

from sentinelle.errors import UsageError
from sentinelle.harassment import Settings


def pileon_chat() -> tuple[Chat, dict[str, str]]:
    """One evening: Max starts on Léa, Zoé and Tom join, Inès laughs, Sam defends Léa and
    insults Max back, Paul calms everyone down, Léa leaves."""
    c = Chat()
    ids = {}
    c.say(0, "Paul", "qui a le cours d'histoire ?", minute=0)
    c.say(0, "Léa", "moi je peux l'envoyer", minute=1)
    ids["start"] = c.say(0, "Max", "Léa t'es vraiment une intello pathétique", abuse(), minute=2)
    c.say(0, "Inès", "mdr", minute=3)
    c.say(0, "Théo", "😂😂", minute=3)
    ids["floor"] = c.say(0, "Zoé", "t'es une bouffonne", abuse(), minute=4)  # after a laugh: at Léa, not Théo
    ids["tom"] = c.say(0, "Tom", "personne t'aime Léa", minute=5)
    ids["defence"] = c.say(0, "Sam", "laissez la tranquille elle vous a rien fait", minute=6)
    ids["counter"] = c.say(0, "Sam", "Max t'es vraiment un connard", abuse(), minute=7)
    ids["on_defender"] = c.say(0, "Max", "Sam ferme ta gueule toi", abuse(), minute=8)
    c.say(0, "Zoé", "Léa la bouffonne elle va pleurer", minute=9)
    c.say(0, "Paul", "calmez vous tous c'est pas le lieu", minute=10)
    c.say(0, "Tom", "casse toi la bouffonne", minute=11)
    ids["left"] = c.event(0, "left", actor="Léa", minute=12)
    return c, ids


def test_a_pile_on_in_one_evening_is_one_case_with_its_roles() -> None:
    c, ids = pileon_chat()
    res = c.run()
    assert [(k["shape"], k["target"]) for k in res.cases] == [("pileon", "lea")]
    case = res.cases[0]
    roles = case["roles"]
    assert roles["initiator"]["person"] == "max"
    assert [r["person"] for r in roles["joiners"]] == ["zoe", "tom"]
    assert [r["person"] for r in roles["defenders"]] == ["sam"]
    assert [r["person"] for r in roles["counter_attackers"]] == ["sam"]
    assert [r["person"] for r in roles["conciliators"]] == ["paul"]
    assert {r["person"] for r in roles["endorsers"]} == {"ines", "theo"}
    assert {a["person"] for a in case["aggressors"]} == {"max", "zoe", "tom"}  # never Sam
    pile = case["pileon"]
    assert pile["aggressors"] == 3 and pile["started_by"]["person"] == "max" and pile["first_message"] == ids["start"]
    assert pile["defenders_attacked"][0]["person"] == "sam" and pile["defenders_attacked"][0]["ids"] == [ids["on_defender"]]
    assert pile["counter_attacks"] == [{"id": ids["counter"], "sender": "sam", "at": "max", "kind": "counter-attack"}]
    assert pile["target_reaction"]["reaction"] == "left"
    assert case["summary"].startswith("3 members against Léa on 08/01 between 09:02 and 09:11") and "defended by Sam" in case["summary"]
    assert "started by Max" in case["summary"]
    kinds = {i["id"]: i["kind"] for i in case["timeline"]}
    assert kinds[ids["counter"]] == "counter_attack" and kinds[ids["defence"]] == "defence"
    assert kinds[ids["left"]] == "exit" and kinds[ids["on_defender"]] == "attack_on_defender"
    floor = next(i for i in case["timeline"] if i["id"] == ids["floor"])
    assert floor["targeting"]["person"] == "lea" and floor["targeting"]["method"] == "floor"
    assert "continues the attack" in floor["targeting"]["reason"]
    assert all("source" in i for i in case["timeline"])
    assert case["thresholds"]["shape"] == "pileon" and case["thresholds"]["met"]
    json.dumps(res.to_json())


def test_pile_on_thresholds_are_settings() -> None:
    c, _ = pileon_chat()
    assert c.run(settings={"pileon_min_aggressors": 4}).cases == []
    assert c.run(settings={"pileon_min_messages": 50}).cases == []
    assert len(c.run(settings={"pileon_max_hours": "0.5"}).cases) == 1  # 9 minutes
    assert c.run(settings={"pileon_max_hours": 0.1}).cases == []
    assert Settings.from_mapping({"laughed_at": "false"}).laughed_at is False
    with pytest.raises(UsageError):
        Settings.from_mapping({"laughed_at": "maybe"})


def test_a_heated_argument_between_two_sides_is_no_case() -> None:
    c = Chat()
    lines = [("Hugo", "Lucas t'es qu'un connard"), ("Lucas", "Hugo toi t'es un bouffon"),
             ("Emma", "Hugo t'es vraiment un abruti"), ("Louis", "Emma ferme ta gueule connasse"),
             ("Hugo", "Lucas t'es un gros nul"), ("Lucas", "Hugo va te faire foutre connard"),
             ("Louis", "Lucas t'es un abruti fini"), ("Emma", "Louis t'es qu'un débile")]
    for i, (who, text) in enumerate(lines):
        c.say(0, who, text, abuse(), minute=i)
    res = c.run()
    assert res.cases == [] and res.counts["episodes_set_aside"] >= 1


def test_friendly_teasing_where_the_target_laughs_along_is_no_case() -> None:
    c = Chat()
    lines = [("Bastien", "Quentin t'es un gros nul mdr", True), ("Quentin", "ptdr c'est vrai", False),
             ("Maxime", "Quentin le roi des nuls 😂", True), ("Quentin", "hahaha je sais", False),
             ("Bastien", "Quentin t'es vraiment un boulet 😂", True), ("Quentin", "mdrrr", False)]
    for i, (who, text, hostile) in enumerate(lines):
        c.say(0, who, text, abuse() if hostile else None, minute=i)
    assert c.run().cases == []


def test_many_against_one_who_only_laughs_along_is_a_pileon_not_teasing() -> None:
    # laughing along is how a target copes when five members pile on and nobody is answered back
    c = Chat()
    mocking = ["Bertrand t'es énorme 😂", "Bertrand le roi du buffet", "Bertrand en tutu sur la photo",
               "Bertrand il va craquer son maillot", "Bertrand t'es un gros lard mdr", "Bertrand le boulet 😂"]
    for i, text in enumerate(mocking):
        c.say(0, ["Xavier", "Thibault", "Tanguy", "Jo", "Marius", "Xavier"][i], text, abuse(), minute=2 * i)
        c.say(0, "Bertrand", "haha 😅", minute=2 * i + 1)
    res = c.run()
    assert [c_["target_names"] for c_ in res.cases] == [["Bertrand"]]
    assert res.cases[0]["shape"] == "pileon"


def test_a_defence_that_turns_rough_is_no_case() -> None:
    c = Chat()
    c.say(0, "Julie", "voilà mon dessin pour le concours", minute=0)
    c.say(0, "Anaïs", "mouais bof la perspective", minute=1)
    c.say(0, "Lou", "pourquoi tu dis ça à Julie ? laisse la tranquille", minute=2)
    c.say(0, "Eva", "Anaïs t'es qu'une sale pétasse jalouse", abuse(), minute=3)
    c.say(0, "Sacha", "Anaïs t'es vraiment une connasse", abuse(), minute=4)
    c.say(0, "Lou", "Anaïs ferme la pauvre conne", abuse(), minute=5)
    c.say(0, "Eva", "dégage Anaïs", abuse(), minute=6)
    res = c.run()
    assert res.cases == []


def test_a_defender_is_never_an_aggressor_of_the_person_they_defend() -> None:
    c, _ = pileon_chat()
    # the defender hits back many times: still counter-attacks, not a case against Max
    for k in range(6):
        c.say(0, "Sam", f"Max t'es qu'un connard {k}", abuse(), minute=13 + k)
    res = c.run()
    assert [k["target"] for k in res.cases] == ["lea"]
    assert "sam" not in {a["person"] for a in res.cases[0]["aggressors"]}


def test_targeting_diminutives_misspellings_quotes_and_reasons() -> None:
    c = Chat()
    c.say(0, "Nicolas", "j'ai trop hâte de la sortie au musée", minute=0)
    c.say(0, "Rayan", "moi aussi", minute=1)
    q = c.say(0, "Kevin", "« trop hâte de la sortie » ouin ouin", minute=2)
    d = c.say(0, "Dylan", "Nico t'es un bébé", minute=3)
    m = c.say(0, "Adam", "Rayane t'es une passoire", minute=4)
    m2 = c.say(0, "Théo", "franchement Ryan t'es nul", minute=5)
    res = c.run(settings={"pileon_min_messages": 2})
    links = {i["id"]: i["targeting"] for k in res.cases for i in k["timeline"] if i.get("targeting")}
    assert links[q]["person"] == "nicolas" and links[q]["method"] == "quote"
    assert links[d]["person"] == "nicolas" and links[d]["method"] == "name" and "diminutive" in links[d]["reason"]
    assert links[m]["person"] == links[m2]["person"] == "rayan" and "misspelling" in links[m2]["reason"]
    assert all(t.get("reason") for t in links.values())


def test_a_campaign_over_days_is_still_a_campaign() -> None:
    c = Chat()
    for day in (0, 2, 5):
        c.say(day, "Elsa", "quelqu'un a le cours de physique ?", minute=0)
        c.say(day, "Ethan", "Elsa la baleine", minute=0)
        c.say(day, "Lola", "Elsa t'es grosse fais un régime", minute=1)
        c.say(day, "Tim", "mdr", minute=2)
    res = c.run()
    assert [(k["shape"], k["target"]) for k in res.cases] == [("campaign", "elsa")]
    case = res.cases[0]
    assert case["thresholds"]["shape"] == "campaign" and len(case["episodes"]) == 3
    assert case["roles"]["initiator"]["person"] == "ethan" and [r["person"] for r in case["roles"]["endorsers"]] == ["tim"]
