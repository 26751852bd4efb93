"""How messages are linked to the person they aim at, and the pattern data."""

from __future__ import annotations

import pytest
from harassment_story import Chat, abuse

from sentinelle.errors import UsageError
from sentinelle.harassment import Settings
from sentinelle.harassment import patterns as P
from sentinelle.harassment.membership import Presence
from sentinelle.harassment.power import power, rank_level
from sentinelle.harassment.targeting import read_conversation
from sentinelle.textutil import fold


def readings(chat: Chat, settings: Settings | None = None):
    names: dict[str, set[str]] = {}
    for m in chat.messages:
        names.setdefault(fold(m.sender), set()).add(m.sender)
    rs = read_conversation(chat.conv, chat.messages, chat.detections, lambda c, n: fold(n), names, settings or Settings())
    return {r.message.id: r for r in rs}


@pytest.mark.parametrize(
    ("text", "method", "why"),
    [
        ("Karim Benali tu fais quoi", "name", "full name"),
        ("karim, ramène le café", "name", "first name, any case"),
        ("@karim t'es où", "mention", "@mention"),
        ("tu peux m'envoyer le PV ?", "turn", "second person right after Karim spoke"),
        ("t'inquiète je gère", "turn", "elided t' counts as second person"),
        ("alors Kaaariiim t'as fini ?", "name", "a drawn-out first name"),
        ("regardez la photo de Kaka", "name", "a doubled first syllable"),
    ],
)
def test_targets_by_method(text: str, method: str, why: str) -> None:
    c = Chat()
    c.say(0, "Karim Benali", "je suis au poste")
    mid = c.say(0, "Sophie", text, minute=2)
    r = readings(c)[mid]
    assert r.targets["karim benali"].method == method, why


def test_reply_links_to_the_replied_sender_and_names_the_record() -> None:
    c = Chat()
    first = c.say(0, "Karim", "je suis au poste")
    c.say(0, "Lea", "moi aussi", minute=1)
    mid = c.say(0, "Sophie", "ok", minute=3, reply_to=c.native(first))
    t = readings(c)[mid].targets["karim"]
    assert (t.method, t.ref, t.confidence) == ("reply", first, 0.95)


def test_second_person_too_late_or_own_turn_is_not_linked() -> None:
    c = Chat()
    c.say(0, "Karim", "je suis au poste")
    late = c.say(0, "Sophie", "tu peux venir ?", minute=45)
    assert readings(c)[late].targets == {}
    own = c.say(0, "Karim", "tu vois ?", minute=46)
    assert "karim" not in readings(c)[own].targets


def test_nickname_learned_from_turns_and_marked_mocking() -> None:
    c = Chat()
    ids = []
    for d in range(4):
        c.say(d, "Karim", "je reviens de patrouille")
        ids.append(c.say(d, "Marc", "eh le gros, t'as encore mangé ?", minute=1))
    later = c.say(9, "Marc", "quelqu'un a vu le gros aujourd'hui ?", minute=30)
    rs = readings(c)
    t = rs[later].targets["karim"]
    assert (t.method, t.matched) == ("nickname", "le gros")
    assert rs[later].nickname == "le gros" and rs[later].kind == "degrading"
    reason = next(x for x in rs[later].reasons() if x["kind"] == "nickname")
    assert reason["matched"] == "le gros" and c.messages[-1].text[slice(*reason["span"])] == "le gros"


def test_epithet_in_hostile_remarks_names_who_answers_in_the_first_person() -> None:
    # "la princesse" is never said to anyone's face: it is whoever answers it about themself
    c = Chat()
    c.say(0, "Chef", "bienvenue à Céline qui rejoint la brigade")
    c.say(0, "Céline", "merci à tous", minute=1)
    c.say(0, "Ronan", "bienvenue à la princesse, on va lui trouver un gilet rose", det=abuse(), minute=2)
    for d in range(1, 4):
        c.say(d, "Fabio", "la princesse a encore raté son créneau", det=abuse())
        c.say(d, "Manu", "mdr", minute=1)
        c.say(d, "Céline", "je vous lis, merci", minute=2)
    later = c.say(6, "Ronan", "la princesse est allée pleurer chez le chef", det=abuse())
    t = readings(c)[later].targets["celine"]
    assert (t.method, t.matched) == ("nickname", "la princesse")


def test_laughter_about_the_speaker_is_not_mockery_of_the_person_addressed() -> None:
    c = Chat()
    c.say(0, "Valérie", "conseil de classe jeudi")
    own = c.say(0, "Sébastien", "merci Valérie, j'ai mis les notes ce matin", minute=1)
    c.say(0, "Véro", "ohlala il a mis « septante » notes 😂", minute=2)
    c.say(0, "Olivier", "mdr", minute=3)
    c.say(0, "Agnès", "😂", minute=3)
    assert readings(c)[own].kind is None  # they laugh at Sébastien, not with him at Valérie


def test_friendly_nickname_is_a_link_but_not_degrading() -> None:
    c = Chat()
    for d in range(4):
        c.say(d, "Juliette", "je suis là")
        c.say(d, "Marc", "salut juju, ça va ?", minute=1)
    later = c.say(9, "Marc", "juju passe demain", minute=30)
    r = readings(c)[later]
    assert r.targets["juliette"].method == "nickname"
    assert r.kind is None


@pytest.mark.parametrize(
    ("file", "text", "expected"),
    [
        ("degrading", "Personne ne l'invite jamais", "fr.exclusion.invite"),
        ("degrading", "faites comme s'il n'existait pas", "fr.exclusion.ignorer"),
        ("degrading", "retourne dans ton bled", "fr.origin.bled"),
        ("degrading", "t’es vraiment qu’un BOULET", "fr.mockery.nul"),
        ("degrading", "nobody invites her anyway", "en.exclusion.ignore"),
        ("degrading", "Ah la balance, vas-y cours voir maman", "fr.retaliation.balance"),
        ("degrading", "Tu vas le regretter", "fr.intimidation.regretter"),
        ("degrading", "Lucas t'es puceau ou quoi", "fr.sex.puceau"),
        ("defence", "c'est quoi ces messages ? c'est limite là", "fr.defence.limite"),
        ("defence", "Karim bosse comme tout le monde", "fr.defence.merite"),
        ("defence", "il vous a demandé d'arrêter", "fr.defence.merite"),
        ("complaint", "Ce n'est pas drôle", "fr.objection.pas_drole"),
        ("complaint", "je vais en parler à la hiérarchie", "fr.report.hierarchie"),
        ("complaint", "J'ai porté plainte hier", "fr.report.plainte"),
        ("complaint", "I'll report this", "en.report.report"),
        ("acts", "ils ont affiché sa photo dans le couloir", "fr.act.affiche"),
        ("acts", "on l'a touché à la sortie", "fr.act.touche"),
        ("acts", "sa voiture rayée sur le parking", "fr.act.degats"),
        ("bystander", "mdrrr 😂", "fr.laugh.mdr"),
        ("bystander", "+1 trop vrai", "any.approve.plus1"),
        ("reported", "il m'a traitée de salope", "fr.reported.traite"),
        ("reported", "Marc a traité Karim de bougnoule hier", "fr.reported.traite"),
    ],
)
def test_pattern_data(file: str, text: str, expected: str) -> None:
    hits = {m.pattern.id: m for m in P.search_all(text, P.load(file))}
    assert expected in hits
    m = hits[expected]
    assert text[m.span[0] : m.span[1]] == m.matched  # the span points at the original characters


@pytest.mark.parametrize(
    "text",
    ["je parle aux syndicats demain", "le gros dossier est sur le bureau", "on invite tout le monde vendredi",
     "arrête-toi au feu rouge", "l'affiche du concert est belle", "monte sur la balance", "la balance commerciale",
     "c'est grave vrai ce que tu dis", "il a balancé le ballon", "retourne au bureau stp", "everyone invites her"],
)
def test_benign_messages_match_no_degrading_pattern(text: str) -> None:
    assert P.search_all(text, P.load("degrading")) == []


def test_every_pattern_has_a_note_and_unique_id() -> None:
    for name in ("degrading", "bystander", "reported", "complaint", "acts"):
        pats = P.load(name)
        assert pats and all(p.note for p in pats)
        assert len({p.id for p in pats}) == len(pats)


def test_presence_from_events_and_activity() -> None:
    c = Chat()
    c.say(0, "Old", "déjà là")
    c.event(1, "added", actor="Old", targets=("New",))
    c.event(5, "left", targets=("Old",))
    p = Presence.build(c.conv, c.messages, c.events, lambda cid, n: fold(n))
    t = c.messages[0].time
    from datetime import timedelta

    assert p.member_at("old", t) and not p.member_at("new", t)
    assert p.member_at("new", t + timedelta(days=2)) and not p.member_at("old", t + timedelta(days=6))


def test_rank_levels_and_power() -> None:
    assert rank_level("Brigadier-Chef") == 5 and rank_level("capitaine de police") == 8
    assert rank_level("Cdt. Martin") == 9 and rank_level("Capitaine, chef de service") == 11
    assert rank_level("brigadier-chef") == rank_level("Brigadier-chef, ") == 5  # "chef" inside the rank is no role
    assert rank_level(3) == 3 and rank_level("inconnu") is None
    s = Settings()
    assert power("a", "b", {"ranks": {"a": "Commandant", "b": "gardien"}}, s)["kind"] == "declared"
    assert power("a", "b", {"ranks": {"a": "gardien", "b": "Commandant"}}, s)["holds_authority"] is False
    assert power("a", "b", {"leaders": {"a": 0.8, "b": 0.1}}, s)["kind"] == "de_facto"
    assert power("a", "b", {"leaders": {"a": 0.2}}, s)["holds_authority"] is False


def test_settings_reject_unknown_and_bad_values() -> None:
    with pytest.raises(UsageError, match="unknown harassment setting"):
        Settings.from_mapping({"min_mesages": 3})
    with pytest.raises(UsageError, match="min_days"):
        Settings.from_mapping({"min_days": "two"})
    assert Settings.from_mapping({"min_days": "3"}).min_days == 3


@pytest.mark.parametrize(
    ("text", "complaint"),
    [("Arrêtez !", True), ("arrête de m'appeler comme ça", True), ("je me suis arrêté à la boulangerie", False),
     ("on va s'arrêter là pour aujourd'hui", False), ("ok. Stop, ça suffit", True)],
)
def test_complaint_objection_needs_an_imperative(text: str, complaint: bool) -> None:
    assert bool(P.search_all(text, P.load("complaint"))) is complaint


def test_de_facto_authority_needs_the_dynamics_leader_flag_when_given() -> None:
    s = Settings()
    assert power("a", "b", {"leaders": {"a": 0.8, "b": 0.1}, "leader_flags": ["a"]}, s)["kind"] == "de_facto"
    assert power("a", "b", {"leaders": {"a": 0.8, "b": 0.1}, "leader_flags": []}, s)["holds_authority"] is False
