"""Who-talks-to-whom edges: each method, with its confidence and evidence."""

from __future__ import annotations

from datetime import datetime

from dynamics.dyn_builders import Chat, records
from sentinelle.dynamics import analyze_dynamics
from sentinelle.dynamics.corpus import Corpus
from sentinelle.dynamics.interactions import build_interactions
from sentinelle.dynamics.settings import DynamicsSettings


def _edges(*chats, aliases=None):
    convs, msgs, events = records(*chats)
    inter = build_interactions(Corpus(convs, msgs, events, aliases=aliases), DynamicsSettings())
    return {(e.source, e.target, e.method): e for e in inter.edge_list()}


def test_explicit_reply_links_win_over_turn_taking():
    c = Chat("tg", "Telegram group", platform="telegram")
    a = c.say("Alice", "Qui est de garde ?", native_id="1")
    c.say("Bob", "moi", native_id="2", reply_to="1", after=30)
    c.say("Carol", "Je confirme pour Alice", native_id="3", reply_to="1", after=7200)
    edges = _edges(c)
    assert edges[("bob", "alice", "reply")].evidence == [c.messages[1].id]
    assert edges[("carol", "alice", "reply")].weight == 1.0  # two hours later, still a reply
    assert ("bob", "alice", "turn_taking") not in edges
    assert a.id not in edges[("bob", "alice", "reply")].evidence


def test_whatsapp_addressing_by_first_name_and_nickname():
    c = Chat("wa", "WhatsApp group")
    c.say("Julie Martin", "salut")
    c.say("Karim Benali", "Julie, tu peux passer ?", after=3 * 3600)  # no turn-taking after 3 h
    c.say("Karim Benali", "le Kaiser, t'es où ?", after=3 * 3600)
    c.say("Thomas Roux", "bonjour", after=3 * 3600)
    c.say("Julie Martin", "Salut Thomas, bien dormi ?", after=3 * 3600)
    edges = _edges(c, aliases={"le kaiser": "thomas roux"})
    assert edges[("karim benali", "julie martin", "addressed")].count == 1
    assert edges[("julie martin", "thomas roux", "addressed")].count == 1
    assert edges[("karim benali", "thomas roux", "addressed")].count == 1
    assert not any(m == "turn_taking" for (_, _, m) in edges)


def test_ambiguous_first_names_are_not_guessed():
    c = Chat("wa2", "two Marcs")
    for who in ("Marc Petit", "Marc Durand", "Lina Blanc"):
        c.say(who, "bonjour", after=4 * 3600)
    c.say("Lina Blanc", "Marc, tu viens ?", after=4 * 3600)
    assert not any(m == "addressed" for (_, _, m) in _edges(c))


def test_turn_taking_within_window_with_lower_confidence():
    c = Chat("wa3", "turns")
    c.say("Alice", "quelqu'un a vu mes clés ?")
    c.say("Bob", "non", after=20)
    c.say("Carol", "non plus", after=10 * 60)  # outside the 5-minute window
    edges = _edges(c)
    e = edges[("bob", "alice", "turn_taking")]
    assert 0.3 < e.weight < DynamicsSettings().turn_max_confidence
    assert ("carol", "bob", "turn_taking") not in edges


def test_mentions_forwards_and_quotes_are_their_own_kinds():
    c = Chat("mx", "Matrix room", platform="matrix")
    c.say("Alice", "salut")
    c.say("Bob", "ping", mentions=("Alice",), after=4000)
    c.say("Carol", "@Bob regarde ça", after=4000)
    c.say("Dave", "info", forwarded_from="Alice", after=4000)
    c.say("Eve", "> <@Carol> @Bob regarde ça\n\nbien vu", after=4000)
    edges = _edges(c)
    assert ("bob", "alice", "mention") in edges
    assert ("carol", "bob", "mention") in edges
    assert ("dave", "alice", "forward") in edges
    assert ("eve", "carol", "quote") in edges


def test_edges_of_the_json_carry_method_confidence_and_evidence():
    c = Chat("wa4", "g", start=datetime(2026, 1, 1, 9))
    c.say("Alice", "hello")
    c.say("Bob", "Alice, hello", after=10)
    data = analyze_dynamics(*records(c)).to_json()
    (edge,) = [e for e in data["edges"] if e["method"] == "addressed"]
    assert edge == {"conversation_id": "wa4", "source": "bob", "target": "alice", "method": "addressed",
                    "count": 1, "weight": 0.7, "confidence": 0.7, "evidence": [c.messages[1].id]}
