"""Writes the DEV episodes (devNN.txt, WhatsApp Android French export + devNN.json labels).

Written by the harassment engineer to tune the method; the project's evaluation episodes
(tests/data/episodes/) are written by someone else and never used for tuning. Stories and names
are fictional. Run: python tests/harassment/data/dev_episodes/make_dev_episodes.py
Each message is 0-2 minutes after the previous one (fixed seed); "@@ +D HH:MM" jumps to day +D.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).parent
HEADER = ("Les messages et les appels sont chiffrés de bout en bout. Aucun tiers, pas même WhatsApp, "
          "ne peut les lire ou les écouter. Appuyez pour en savoir plus.")

EPISODES: list[tuple[str, str, str, dict, str]] = []


def episode(name: str, title: str, start: str, labels: dict, body: str) -> None:
    EPISODES.append((name, title, start, labels, body))


episode("dev01", "3eB les vrais", "12/03/2024 21:04", {
    "shape": "pileon", "target": "Chloé", "initiator": "Enzo", "aggressors": ["Enzo", "Kylian", "Jade"],
    "joiners": ["Kylian", "Jade"], "defenders": ["Sofia"], "endorsers": ["Lina"], "conciliators": ["Mathis"],
    "bystanders": ["Noah"], "counter_attackers": ["Sofia"], "target_reaction": "left",
}, """
Noah: quelqu'un a fait l'exo 4 de maths ?
Chloé: oui je peux t'envoyer une photo si tu veux
Noah: ah ouais merci t'es la meilleure
Enzo: mdr Chloé qui fait ses devoirs un mardi soir, quelle intello de merde
Kylian: ptdr elle a que ça à faire elle a pas d'amis
Lina: 😂😂😂
Jade: t'as vu sa photo de profil aussi, on dirait une girafe
Enzo: la girafe elle va pleurer
Kylian: mdrrr la girafe
Chloé: c'est quoi votre problème ?
Enzo: ton problème c'est ta tête 😂
Lina: ptdr
Jade: t'es vraiment moche meuf assume
Sofia: laissez la tranquille elle vous a rien fait
Enzo: toi on t'a pas sonnée
Sofia: Enzo t'es vraiment un gros lourd, arrête
Kylian: ohlala l'avocate est là
Jade: Sofia tu la défends parce que t'es aussi moche qu'elle
Lina: mdrr
Mathis: calmez vous tous c'est un groupe de classe là
Enzo: on rigole Mathis
Jade: la girafe elle sait même pas se coiffer
Kylian: elle pue la transpi en sport en plus
Lina: 😂😂
Chloé: arrêtez svp c'est pas drôle
Enzo: ouin ouin la girafe pleure
Kylian: personne t'aime Chloé accepte
Sofia: vous êtes horribles sérieux, c'est du harcèlement ce que vous faites
Jade: t'as qu'à quitter le groupe si t'es pas contente
Enzo: ouais dégage sale intello
Mathis: bon on se calme, ça va trop loin là
Kylian: casse toi la girafe
Noah: du coup quelqu'un a l'exo 5 ?
Jade: mdr Noah
!Chloé a quitté le groupe
Enzo: bon débarras
Kylian: enfin partie 😂
Lina: ptdrrr
Sofia: vous êtes vraiment des gros cons
Mathis: franchement c'était pas cool les gars
""")

episode("dev02", "U15 Foot Saint-Jo", "05/02/2024 19:30", {
    "shape": "pileon", "target": "Rayan", "initiator": "Théo", "aggressors": ["Théo", "Lucas", "Adam"],
    "joiners": ["Lucas", "Adam"], "defenders": ["Yanis"], "endorsers": ["Nathan"], "conciliators": [],
    "bystanders": ["Coach Ben"], "counter_attackers": ["Yanis", "Rayan"], "target_reaction": "silent",
}, """
Coach Ben: entraînement demain 18h, soyez à l'heure
Nathan: ok coach
Théo: on a perdu à cause de Rayane aujourd'hui, il a raté le penalty comme un nul
Lucas: grave il sert à rien ce mec
Nathan: 😂😂
Adam: Ryan t'es une passoire sérieux
Théo: t'as deux pieds gauches
Lucas: t'es le pire joueur de l'équipe
Rayan: toi t'as touché 3 ballons du match
Théo: ferme ta gueule Rayan t'es qu'un boulet
Adam: mdr il se défend le boulet
Nathan: ptdrrr
Yanis: lâchez-le il a fait un bon match à part le penalty
Lucas: Yanis toi tu le défends toujours
Yanis: et toi Lucas ferme ta gueule t'es qu'un bouffon
Théo: le boulet et son avocat 😂
Adam: Rayan va pleurer chez ta maman
Lucas: t'as rien à faire dans l'équipe
Théo: retourne en district le nul
Nathan: mdr
Yanis: Théo t'es vraiment un connard
Adam: il va encore rater samedi le boulet
Lucas: on devrait demander au coach de le virer
Théo: ouais qu'il dégage
Coach Ben: c'est quoi ces messages ? on en reparle demain
Adam: on rigolait coach
Nathan: 😬
Théo: le boulet s'est tu mdr
Lucas: il a honte
Adam: même pas capable de répondre
Yanis: laissez le tranquille sérieux
""")

episode("dev03", "Les copines 4eA", "08/01/2024 17:10", {
    "shape": "campaign", "target": "Manon", "initiator": "Inès", "aggressors": ["Inès", "Camille"],
    "joiners": ["Camille"], "defenders": ["Zoé"], "endorsers": ["Léna"], "conciliators": [],
    "bystanders": ["Alice"], "counter_attackers": [], "target_reaction": "objected",
}, """
Alice: qui vient au ciné samedi ?
Manon: moi !! je peux venir avec vous ?
Inès: ah non pas la sangsue
Camille: mdr la sangsue elle colle partout
Léna: 😂
Alice: ok on voit samedi
Inès: Manon t'as pas d'autres copines ? ah non c'est vrai personne veut de toi
Manon: pourquoi tu dis ça
Camille: parce que t'es relou
@@ +1 16:45
Manon: vous avez fait le dm d'anglais ?
Inès: la sangsue revient 🙄
Camille: personne ne lui répond hein
Léna: mdrr
Alice: moi je l'ai fait Manon je te l'envoie
Inès: t'es lourde Manon sérieux t'es vraiment pathétique
Manon: arrêtez c'est pas drôle
Camille: ouin ouin
@@ +3 20:15
Inès: vous avez vu les photos de Manon au cdi 😂 elle est grosse de ouf
Camille: la sangsue a encore grossi
Léna: ptdr
Zoé: arrêtez avec Manon franchement c'est méchant
Inès: Zoé on rigole
Camille: elle a qu'à pas être aussi grosse
Manon: j'en ai marre de vos messages, je vais en parler à la CPE
Inès: vas y cours voir la CPE la balance
Camille: la balance mdr
Alice: bon samedi 14h devant le ciné
Zoé: ok
""")

episode("dev04", "TS2 projet SVT", "20/11/2023 20:40", {
    "shape": "none", "target": None, "initiator": None, "aggressors": [], "joiners": [], "defenders": [],
    "endorsers": [], "conciliators": ["Clara"], "bystanders": [], "counter_attackers": [], "target_reaction": None,
}, """
Lucas: Hugo t'as toujours pas envoyé ta partie du diapo
Hugo: je l'envoie ce soir relax
Lucas: tu dis ça depuis une semaine t'es vraiment un glandeur
Hugo: et toi t'es un gros rageux, t'as fait quoi toi à part les titres
Emma: Lucas a raison Hugo t'as rien foutu
Louis: n'importe quoi Emma, toi t'as copié Wikipédia
Emma: ferme la Louis t'es aussi nul que lui
Louis: t'es qu'une pimbêche
Lucas: Hugo t'es un boulet, on va avoir 5 à cause de toi
Hugo: ta gueule Lucas t'es un connard de première
Lucas: c'est toi le connard
Louis: Lucas t'es trop con sérieux t'as rien compris au sujet
Emma: Louis t'es qu'un bouffon
Hugo: Emma tu me saoules t'es une mytho
Clara: stop calmez vous tous les deux, on a un oral jeudi
Lucas: non mais il abuse
Hugo: c'est toi qui abuses connard
Clara: on se calme, on fait un appel demain et on se répartit le reste
Emma: ok
Louis: ok mais qu'il arrête de nous insulter
Lucas: c'est vous qui avez commencé
Clara: bon ça suffit, demain 18h en appel
Hugo: ok
Lucas: ok
""")

episode("dev05", "Coloc rue Nationale", "03/10/2023 22:10", {
    "shape": "none", "target": None, "initiator": None, "aggressors": [], "joiners": [], "defenders": [],
    "endorsers": [], "conciliators": [], "bystanders": [], "counter_attackers": [], "target_reaction": None,
}, """
Maxime: qui a encore laissé la vaisselle 😤
Bastien: c'est Quentin évidemment
Quentin: mdr c'est pas moi pour une fois
Bastien: t'es un porc Quentin assume 😂
Quentin: ptdr dit celui qui laisse ses chaussettes dans le salon
Maxime: vous êtes deux gros dégueus mdr
Bastien: 😂😂
Quentin: t'es nul Bastien tu sais même pas faire cuire des pâtes
Bastien: mdrrr c'est vrai
Maxime: Quentin le roi des pâtes trop cuites 😂
Quentin: hahaha je suis un artiste incompris
Bastien: un artiste de la flemme ouais
Quentin: ptdr touché
Maxime: bon qui fait les courses demain
Quentin: moi je m'en occupe
Bastien: merci chef 👍
Maxime: t'es le meilleur Quentin même si t'es un gros flemmard 😂
Quentin: je sais je sais 😎
Bastien: mdr
""")

episode("dev06", "Arts plastiques 5eC", "14/05/2024 18:20", {
    "shape": "none", "target": None, "initiator": None, "aggressors": [], "joiners": [],
    "defenders": ["Lou", "Eva", "Sacha"], "endorsers": [], "conciliators": ["Mme Garnier"],
    "bystanders": ["Tom"], "counter_attackers": ["Lou", "Eva", "Sacha"], "target_reaction": None,
}, """
Julie: voilà mon dessin pour le concours 🎨 <Médias omis>
Tom: trop bien
Anaïs: mouais c'est un peu raté la perspective non
Lou: pourquoi tu dis ça à Julie ? laisse la tranquille elle s'est donnée à fond
Anaïs: je donne mon avis c'est tout
Eva: ton avis on s'en fout Anaïs, t'es juste jalouse
Sacha: Anaïs t'es vraiment une sale pétasse jalouse
Lou: ouais t'es pathétique Anaïs
Anaïs: wow ok c'était juste un avis
Eva: ferme la Anaïs t'es qu'une vipère
Sacha: une vipère jalouse mdr
Lou: dégage Anaïs
Anaïs: vous êtes malades
Mme Garnier: ce groupe sert aux informations du concours. Je vous demande de rester respectueux, tous.
Eva: pardon madame
Julie: merci les filles mais c'est bon hein
Tom: elle est cool ta perspective Julie
Julie: merci Tom 😊
""")

episode("dev07", "4eD officiel", "22/01/2024 20:00", {
    "shape": "pileon", "target": "Nicolas", "initiator": "Kevin", "aggressors": ["Kevin", "Dylan", "Sarah"],
    "joiners": ["Dylan", "Sarah"], "defenders": ["Amira", "Léo"], "endorsers": ["Mélissa"],
    "conciliators": ["Romane"], "bystanders": [], "counter_attackers": ["Léo"], "target_reaction": "objected",
}, """
Romane: n'oubliez pas la sortie au musée vendredi
Nicolas: j'ai trop hâte, je vais prendre plein de photos
Kevin: « j'ai trop hâte » 😂 t'es vraiment un bébé Nico
Dylan: le bébé à sa maman mdr
Mélissa: ptdrrr
Sarah: @Nicolas tu vas venir avec ton doudou ?
Kevin: il dort encore avec sa peluche c'est sûr
Mélissa: 😂😂😂
Nicolas: n'importe quoi
Dylan: Nico le bébé cadum
Amira: c'est quoi votre délire ? laissez Nicolas tranquille
Sarah: oh ça va Amira on rigole
Kevin: Amira la maman de Nico 😂
Léo: Kevin t'es vraiment un sale con
Dylan: laisse Kevin tranquille toi
Léo: Dylan toi aussi t'es un bouffon
Sarah: Léo tu fais le chevalier maintenant mdr
Mélissa: mdr
Dylan: Nico il a même pas de couilles il se fait défendre
Kevin: t'es qu'une victime Nico
Sarah: petite victime va
Nicolas: arrêtez c'est pas drôle du tout
Kevin: ouin ouin
Mélissa: 😂
Romane: stop tout le monde, on se calme, c'est pas le lieu
Amira: ils sont trop méchants avec lui
Dylan: personne t'a sonnée Amira
Sarah: le bébé va aller pleurer
Kevin: mdr le bébé
Romane: bon j'arrête de lire, bonne soirée
Léo: vous êtes lamentables
""")

episode("dev08", "Agence Nord - équipe", "09/04/2024 12:15", {
    "shape": "pileon", "target": "Baptiste Morin", "initiator": "Karine Leroy", "aggressors": ["Karine Leroy", "Stéphane", "Julien P"],
    "joiners": ["Stéphane", "Julien P"], "defenders": ["Nadia"], "endorsers": ["Fred"],
    "conciliators": [], "bystanders": ["Paul Henry"], "counter_attackers": [], "target_reaction": "silent",
}, """
Paul Henry: réunion client décalée à 15h
Karine Leroy: le stagiaire a encore cassé l'imprimante 🙄
Stéphane: mdr le stagiaire il touche à tout il sait rien faire
Fred: 😂
Julien P: il est vraiment nul ce stagiaire, on se demande qui l'a pris
Baptiste Morin: désolé je vais appeler le technicien
Karine Leroy: t'es vraiment un incapable Baptiste
Stéphane: un boulet ce mec
Fred: mdr
Julien P: il sert à rien à part faire le café et encore
Karine Leroy: même le café il le rate
Stéphane: il est bête comme ses pieds
Nadia: franchement arrêtez avec Baptiste, il est là depuis une semaine
Julien P: on plaisante Nadia
Karine Leroy: t'es toujours aussi lent Baptiste ou c'est juste aujourd'hui ?
Stéphane: le stagiaire le plus lent de l'histoire
Fred: 😂😂
Nadia: ça suffit, c'est pas correct
Julien P: on l'ignore de toute façon
Karine Leroy: personne ne lui parle et voilà
Paul Henry: le client a confirmé 15h
""")

episode("dev09", "Team 3eA", "04/03/2024 18:00", {
    "shape": "campaign", "target": "Elsa", "initiator": "Ethan", "aggressors": ["Ethan", "Lola"],
    "joiners": ["Lola"], "defenders": [], "endorsers": ["Tim"], "conciliators": [],
    "bystanders": ["Ambre"], "counter_attackers": [], "target_reaction": "silent",
}, """
Ambre: y a contrôle de physique jeudi ?
Elsa: oui chapitre 4
Ethan: merci la baleine
Lola: mdr la baleine 🐳
Tim: 😂
@@ +2 19:20
Ethan: Elsa t'as encore mangé tout le goûter de la cantine ?
Lola: elle est tellement grosse qu'elle passe pas la porte
Tim: ptdr
Elsa: laissez moi
@@ +6 17:40
Ambre: quelqu'un a les réponses du qcm
Ethan: demande à la baleine elle mange les livres
Lola: t'es grosse Elsa fais un régime
Tim: mdrr
@@ +9 20:05
Lola: la baleine était encore toute seule à la récré 😂
Ethan: normal personne ne veut d'elle
Ambre: bonne soirée
""")

episode("dev10", "Club théâtre", "17/06/2024 21:30", {
    "shape": "pileon", "target": "Margaux", "initiator": "Clémence", "aggressors": ["Clémence", "Océane", "Pauline"],
    "joiners": ["Océane", "Pauline"], "defenders": [], "endorsers": ["Justine"], "conciliators": ["Hugo D"],
    "bystanders": [], "counter_attackers": ["Margaux"], "target_reaction": "answered back",
}, """
Hugo D: bravo à tous pour la représentation ce soir 👏
Margaux: merci c'était trop bien !
Clémence: Margaux t'as oublié ton texte 3 fois, t'as tout gâché
Océane: grave elle a tout gâché cette idiote
Justine: mdr
Margaux: c'est faux j'ai oublié une réplique
Pauline: t'es nulle Margaux, t'aurais jamais dû avoir le rôle
Clémence: elle a eu le rôle parce qu'elle lèche les bottes du prof
Océane: la lèche-bottes 😂
Justine: 😂😂
Margaux: et toi Clémence t'es juste jalouse pauvre conne
Pauline: ohlala elle s'énerve la lèche-bottes
Clémence: t'es ridicule ma pauvre, tout le monde se fout de toi
Océane: personne ne l'aime dans la troupe de toute façon
Margaux: vous êtes des pestes
Pauline: t'es vraiment une idiote
Clémence: casse toi de la troupe
Justine: mdrr
Hugo D: on se calme, c'était une belle soirée
Océane: la lèche-bottes va encore pleurer
Margaux: allez vous faire foutre
""")


def write() -> None:
    rng = random.Random(17)
    for name, title, start, labels, body in EPISODES:
        t = datetime.strptime(start, "%d/%m/%Y %H:%M")
        day0 = t.replace(hour=0, minute=0)
        lines = [f"{t:%d/%m/%Y %H:%M} - {HEADER}"]
        senders: list[str] = []
        for raw in body.strip().splitlines():
            if raw.startswith("@@"):
                _, days, hm = raw.split()
                h, m = hm.split(":")
                t = day0 + timedelta(days=int(days), hours=int(h), minutes=int(m))
                continue
            t += timedelta(minutes=rng.choice((0, 1, 1, 1, 2)))
            if raw.startswith("!"):
                lines.append(f"{t:%d/%m/%Y %H:%M} - {raw[1:]}")
                continue
            sender, text = raw.split(": ", 1)
            senders.append(sender)
            lines.append(f"{t:%d/%m/%Y %H:%M} - {sender}: {text}")
        (HERE / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        people = sorted(set(senders))
        for role, v in labels.items():
            for p in [v] if isinstance(v, str) else (v or []):
                if role not in ("target_reaction", "shape"):
                    assert p in people, (name, role, p)
        (HERE / f"{name}.json").write_text(
            json.dumps({"title": title, **labels}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write()
