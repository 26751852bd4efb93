"""The planted structures the analysis must recover (built as real records)."""

from __future__ import annotations

import random
from datetime import datetime

from dynamics.dyn_builders import Chat
from sentinelle.dynamics import RosterRow
from sentinelle.records import EventType

MEMBERS = ["Karim Benali", "Julie Martin", "Thomas Roux", "Sophie Lemaire", "Yann Le Gall", "Nadia Haddad",
           "Marc Petit", "Commandant Morel"]
ROSTER = [
    RosterRow("Commandant Morel", rank="Commandant", role="chef de service", unit="BAC 75N"),
    RosterRow("Karim Benali", rank="Gardien de la paix", unit="BAC 75N"),
    RosterRow("Julie Martin", rank="Gardien de la paix", unit="BAC 75N"),
    RosterRow("Thomas Roux", rank="Brigadier", unit="BAC 75N"),
    RosterRow("Sophie Lemaire", rank="Brigadier-chef", unit="BAC 75N", union_rep=True),
    RosterRow("Yann Le Gall", rank="Gardien de la paix", unit="BAC 75N"),
    RosterRow("Nadia Haddad", rank="Gardien de la paix", unit="BAC 75N"),
    RosterRow("Marc Petit", rank="Gardien de la paix", unit="BAC 75N"),
]


def brigade(seed: int = 1) -> Chat:
    """Karim (a constable) gives orders that are obeyed; the commandant's are ignored or refused;
    Karim orders the union rep Sophie to keep quiet: she stops writing and leaves."""
    rng = random.Random(seed)
    c = Chat("brigade", "BAC Nuit 75N", start=datetime(2026, 1, 5, 8, 0))
    c.event(EventType.CREATED, actor="Karim Benali")
    c.event(EventType.ADDED, actor="Karim Benali", targets=tuple(MEMBERS[1:]), after=30)
    others = [m for m in MEMBERS if m not in ("Karim Benali", "Commandant Morel")]
    # two weeks of ordinary talk, Sophie among the most active
    for day in range(14):
        c.chatter(others + ["Sophie Lemaire"] * 2, 12, rng)
        c.wait(20 * 3600)
        if day in (2, 5, 8, 11):
            c.say("Commandant Morel", rng.choice([
                "Merci de remplir vos comptes rendus avant vendredi.",
                "Vous devez passer au bureau signer les plannings.",
                "Il faut que tout le monde mette à jour son fichier.",
                "Rappel : vous devez rendre les rapports d'intervention.",
            ]))
            c.say(rng.choice(others), rng.choice(["n'importe quoi", "pas question", "on s'en fout"]), after=300)
            c.chatter(others, 3, rng)
        if day in (1, 3, 4, 6, 7, 9, 10, 12):
            c.say("Karim Benali", rng.choice([
                "Envoyez-moi vos photos de la soirée.",
                "Tout le monde doit être là à 20h, pas de retard.",
                "Ne parlez pas de l'intervention d'hier à qui que ce soit.",
                "Supprimez les vidéos de vos téléphones.",
                "Vous devez effacer la conversation de jeudi.",
            ]))
            for who in rng.sample(others, 3):
                c.say(who, rng.choice(["reçu", "bien reçu chef", "ok chef", "👍", "c'est noté", "à vos ordres"]), after=rng.uniform(20, 200))
            c.chatter(others, 3, rng)
    # the silence order to the union rep, then her silence and departure
    c.wait(3600)
    c.say("Karim Benali", "Les délégués, vous vous taisez. Rien ne sort du groupe, pas de syndicats ici.")
    c.say("Julie Martin", "reçu", after=60)
    c.say("Thomas Roux", "👍", after=60)
    for _day in range(6):
        c.chatter([o for o in others if o != "Sophie Lemaire"], 12, rng)
        c.wait(20 * 3600)
    c.event(EventType.LEFT, actor="Sophie Lemaire", targets=("Sophie Lemaire",))
    c.chatter([o for o in others if o != "Sophie Lemaire"], 20, rng)
    return c


def friends(seed: int = 2) -> Chat:
    """Six friends chatting, with a few casual requests that anyone may make and anyone answers."""
    rng = random.Random(seed)
    people = ["Léa", "Hugo", "Chloé", "Maxime", "Inès", "Lucas"]
    c = Chat("friends", "Les potes", start=datetime(2026, 2, 1, 18, 0))
    c.event(EventType.CREATED, actor="Léa")
    c.event(EventType.ADDED, actor="Léa", targets=tuple(people[1:]))
    for _ in range(20):
        c.chatter(people, 15, rng)
        who = rng.choice(people)
        c.say(who, rng.choice(["Ramène des chips ce soir !", "Viens à la soirée samedi !", "Envoyez-moi les photos de la plage",
                               "Regardez cette vidéo", "Passe me voir demain !"]))
        c.say(rng.choice([p for p in people if p != who]), rng.choice(["ok", "ça marche", "haha non", "je verrai"]), after=120)
        c.wait(8 * 3600)
    return c


def burst(n: int = 3000) -> Chat:
    """A group growing by a few members a day for a month, then 3,000 joins in three hours."""
    c = Chat("burst", "Collectif Colère Policière", start=datetime(2026, 3, 1, 9, 0))
    c.event(EventType.CREATED, actor="Admin Zero")
    for day in range(30):
        for k in range(3):
            c.event(EventType.JOINED_BY_LINK, actor=f"early member {day}-{k}", after=4 * 3600)
        c.say(f"early member {day}-0", "salut à tous", after=600)
        c.wait(8 * 3600)
    per = 3 * 3600 / n
    for k in range(n):
        c.event(EventType.JOINED_BY_LINK, actor=f"newcomer {k}", after=per)
    c.say("Admin Zero", "Bienvenue à tous les nouveaux", after=60)
    for day in range(5):
        c.event(EventType.JOINED_BY_LINK, actor=f"late member {day}", after=6 * 3600)
        c.say(f"newcomer {day}", "bonjour", after=300)
    return c


def steady() -> Chat:
    """A big group that always grows fast: 50 joins a day, every day. No burst."""
    c = Chat("steady", "Grand groupe", start=datetime(2026, 3, 1, 9, 0))
    for day in range(60):
        for k in range(50):
            c.event(EventType.JOINED_BY_LINK, actor=f"m{day}-{k}", after=24 * 3600 / 50)
        c.say(f"m{day}-0", "hello", after=1)
    return c


CORE = ["Alice Dumas", "Bruno Faure", "Chantal Gay", "David Hoarau", "Emma Ibert", "Fabien Jolly"]


def replaced_pair() -> tuple[Chat, Chat]:
    """Group A is used for a month and emptied; group B, with a new name, takes its core over."""
    rng = random.Random(3)
    a = Chat("groupA", "Brigade Est", start=datetime(2026, 4, 1, 8, 0))
    a.event(EventType.CREATED, actor="Alice Dumas")
    a.event(EventType.ADDED, actor="Alice Dumas", targets=tuple(CORE[1:]) + ("Gérard Kahn",))
    for _ in range(30):
        a.chatter(CORE + ["Gérard Kahn"], 10, rng)
        a.wait(20 * 3600)
    a.say("Alice Dumas", "on bascule sur l'autre groupe")
    for p in CORE[1:] + ["Gérard Kahn"]:
        a.event(EventType.LEFT, actor=p, targets=(p,), after=120)
    b = Chat("groupB", "Les Anciens de l'Est", start=datetime(2026, 5, 2, 9, 0))
    b.event(EventType.CREATED, actor="Alice Dumas")
    b.event(EventType.ADDED, actor="Alice Dumas", targets=tuple(CORE[1:5]) + ("Hélène Lopez",))
    for _ in range(20):
        b.chatter(CORE[:5] + ["Hélène Lopez"], 10, rng)
        b.wait(20 * 3600)
    return a, b
