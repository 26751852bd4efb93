"""What follows a directive: acknowledgements, push-back, nothing; a named person's silence."""

from __future__ import annotations

import random

from dynamics.dyn_builders import Chat, records
from sentinelle.dynamics import analyze_dynamics
from sentinelle.records import EventType


def _outcomes(chat):
    data = analyze_dynamics(*records(chat)).to_json()
    texts = {m.id: m.text for m in chat.messages}
    return {texts[c["message_id"]]: c for c in data["compliance"]}, data


def test_acknowledged_contested_and_ignored():
    c = Chat("g", "g")
    c.say("Chef", "Envoyez-moi vos rapports ce soir.")
    c.say("Ana", "bien reçu chef", after=30)
    c.say("Ben", "👍", after=30)
    c.say("Chef", "Vous devez venir samedi.", after=3600)
    c.say("Ana", "n'importe quoi", after=30)
    c.say("Ben", "pas question", after=30)
    c.say("Chef", "Merci de ranger le fourgon.", after=3600)
    c.say("Ana", "quelqu'un a vu le match ?", after=30)
    c.say("Ben", "oui c'était nul", after=30)
    out, _ = _outcomes(c)
    first = out["Envoyez-moi vos rapports ce soir."]
    assert first["outcome"] == "obeyed" and len(first["acknowledgements"]) == 2 and first["followers"] == ["ana", "ben"]
    assert out["Vous devez venir samedi."]["outcome"] == "contested"
    assert out["Merci de ranger le fourgon."]["outcome"] == "ignored"


def test_answers_belong_to_the_latest_directive_and_to_their_reply_target():
    c = Chat("tg", "tg", platform="telegram")
    c.say("Chef", "Rentrez au service.", native_id="1")
    c.say("Bob", "Ok, j'arrive dans 5 min", native_id="2", after=10)
    c.say("Zoé", "Allez voir le brigadier.", native_id="3", after=10)
    c.say("Ana", "reçu", native_id="4", reply_to="1", after=10)  # answers the chief, not Zoé
    c.say("Bob", "ok", native_id="5", reply_to="2", after=10)  # answers a message, not an order
    out, _ = _outcomes(c)
    assert out["Allez voir le brigadier."]["outcome"] == "ignored"
    assert out["Rentrez au service."]["outcome"] == "obeyed"


def test_named_person_goes_silent_against_the_conversation_base_rate():
    rng = random.Random(9)
    c = Chat("g", "g")
    people = ["Ana", "Ben", "Chloé", "Dan"]
    for _ in range(80):
        c.say(rng.choice(people), "bla bla", after=rng.uniform(600, 7200))
    c.say("Ben", "Dan, tais-toi maintenant.", after=600)
    for _ in range(80):
        c.say(rng.choice(people[:3]), "bla bla", after=rng.uniform(600, 7200))
    c.event(EventType.REMOVED, actor="Ben", targets=("Dan",), after=60)
    out, data = _outcomes(c)
    order = out["Dan, tais-toi maintenant."]
    (dan,) = order["addressees"]
    assert dan["person"] == "dan" and dan["messages_after"] == 0 and dan["messages_before"] >= 10
    assert dan["silenced"] and dan["removed"] and dan["conversation_rate_ratio"] > 0.5
    assert order["outcome"] == "obeyed"
    (s,) = data["silence_orders"]
    assert s["named"] == ["dan"] and s["effect"] == ["removed", "silenced"]


def test_a_person_who_keeps_writing_is_not_silenced():
    rng = random.Random(10)
    c = Chat("g", "g")
    people = ["Ana", "Ben", "Dan"]
    for _ in range(60):
        c.say(rng.choice(people), "bla", after=rng.uniform(600, 7200))
    c.say("Ben", "Dan, tais-toi.", after=600)
    for _ in range(60):
        c.say(rng.choice(people), "bla", after=rng.uniform(600, 7200))
    out, _ = _outcomes(c)
    (dan,) = out["Dan, tais-toi."]["addressees"]
    assert not dan["silenced"] and dan["messages_after"] > 5
