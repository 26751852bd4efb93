"""Generate ordinary group-chat talk (benign: every category 0) for the detector's training set.

The first generator (gen_detection_data.py) gives the heads few plain chat lines, so they learned
"short French message" ~ abuse. This one composes acknowledgements, logistics, food, sport,
work and police/admin talk, questions, harmless jokes and emoji from hand-written pools, with
chat noise (no accents, SMS spelling, emoji, repeated letters). Writes chat_train.csv and
chat_val.csv (85/15, seed 29); the hand-written benign_chat_test.csv is NOT made from these pools.

    python scripts/gen_benign_chat.py
"""

from __future__ import annotations

import random

from gen_detection_data import strip_accents, write_splits  # one writer for every training split

R = random.Random(29)

ACK_FR = ["ok", "okay", "oké", "dac", "d'acc", "d'accord", "ça marche", "ça roule", "reçu", "bien reçu", "entendu",
          "noté", "c'est noté", "pas de souci", "pas de soucis", "pas de pb", "ouais", "ouai", "oui", "ouep", "yes",
          "carrément", "grave", "vu", "bien vu", "top", "parfait", "nickel", "impec", "merci", "merci bcp",
          "merci à toi", "mrc", "thx", "de rien", "avec plaisir", "ça me va", "go", "je prends", "ça tombe bien",
          "validé", "on fait comme ça", "je m'en occupe", "je gère", "ça devrait le faire", "pareil",
          "moi aussi", "idem", "non", "nan", "pas moi", "jsp", "je sais pas", "aucune idée", "peut-être",
          "on verra", "bon", "ah bon ?", "ah ok", "ahh d'accord", "mdr", "ptdr", "lol", "haha", "hahaha", "xD",
          "bien joué", "bravo", "félicitations", "chapeau", "trop bien", "stylé", "ça roule ma poule",
          "je confirme", "confirmé", "présent", "là", "j'arrive", "j'y suis", "en route", "2 min", "5 min",
          "bonne nuit", "bonne soirée", "bonne journée", "bon courage", "bon appétit", "bon week-end", "à demain",
          "à plus", "a+", "à toute", "bisous", "salut", "slt", "coucou", "hello", "bonjour", "bonsoir",
          "bonjour à tous", "salut tout le monde", "yo", "wesh", "hey", "re", "ça va ?", "ça va et toi ?", "tranquille",
          "la forme ?", "ça fait plaisir", "tant mieux", "dommage", "zut", "oups", "mince", "ah oui quand même",
          "t'inquiète", "t'inkiet", "np", "vas-y", "allez", "c'est parti", "on y va", "let's go", "au top"]
ACK_EN = ["ok", "okay", "k", "sure", "sounds good", "got it", "noted", "cool", "nice", "great", "thanks", "thx",
          "ty", "cheers", "np", "no worries", "yep", "yeah", "yup", "nope", "maybe", "idk", "lol", "lmao", "haha",
          "on my way", "omw", "brb", "see you", "see ya", "good night", "morning", "hi all", "hey guys",
          "well done", "congrats", "same", "me too", "agreed", "fair enough", "good call", "will do", "done"]
EMOJI = ["👍", "👌", "🙏", "😂", "🤣", "😅", "😆", "😊", "😉", "😏", "😎", "😴", "😬", "🥲", "🙄", "🤔", "😮", "🔥",
         "💪", "✅", "👏", "🙌", "❤️", "😘", "🤝", "🍻", "🍕", "☕", "🚓", "🚨", "⚽", "🎉", "🥳", "😭", "🤷", "😁",
         "🫡", "👀", "🤞", "💯"]
MEDIA_FR = ["image absente", "<Médias omis>", "vidéo absente", "sticker omis", "GIF omis", "audio omis",
            "Ce message a été supprimé", "Vous avez supprimé ce message", "document omis", "<pièce jointe>"]

THINGS = ["les clés", "le badge", "le chargeur", "la radio", "le PV", "le dossier", "les papiers", "le carnet",
          "la carte grise", "les gilets", "les casques", "les menottes", "la lampe", "le bip", "le planning",
          "les relevés", "la tablette", "le portable de service", "le double des clés", "les bons de commande",
          "le café", "les croissants", "le gâteau", "les pizzas", "ma veste", "mon sac", "les formulaires"]
PLACES = ["sur le bureau", "dans la voiture", "dans le casier", "à l'accueil", "au vestiaire",
          "dans la boîte à gants", "sur la table", "au secrétariat", "dans la salle de pause", "au garage",
          "chez le chef", "dans le coffre", "au poste", "à la cafet", "dans l'armoire", "en bas", "au 2e étage"]
WHO = ["le chef", "la cheffe", "le capitaine", "le lieutenant", "le brigadier", "l'adjudant", "le commandant",
       "la commissaire", "le major", "la DRH", "le secrétariat", "le collègue de nuit", "l'équipe de jour",
       "la patrouille", "le proc", "le juge", "l'avocat", "le greffe", "la mairie", "le syndicat", "Karim", "Julie",
       "Sophie", "Mehdi", "Thomas", "Nadia", "Kevin", "Aïcha", "Lucas", "Fatou", "Marc", "Léa", "Yannick", "Laura",
       "Patrice", "Sandrine", "Hugo", "Inès", "Jérôme", "Camille", "Bruno", "Élodie", "Rachid", "Manon", "Damien"]
WHEN = ["demain", "ce soir", "cet aprèm", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        "à 6h", "à 7h30", "à 8h", "à 14h", "à 22h", "dans 10 min", "la semaine pro", "après la relève", "à midi",
        "ce week-end", "dem", "tout à l'heure", "le 20", "le 3", "fin du mois"]
POLICE = ["la garde à vue", "l'interpellation", "la perquise", "la perquisition", "le contrôle routier",
          "la plainte", "l'audition", "le PV d'audition", "la main courante", "le déferrement", "le tribunal",
          "l'audience", "la comparution immédiate", "le rapport", "la réquisition", "le suspect", "le témoin",
          "la victime", "le mis en cause", "la procédure", "le parquet", "les scellés", "la fouille",
          "le dépôt de plainte", "la BAC", "la patrouille", "l'intervention", "l'appel au 17", "le signalement",
          "la relève", "la permanence", "l'astreinte", "la vacation", "les heures sup", "la formation tir",
          "le stand de tir", "l'exercice", "la réunion de service", "le briefing", "le compte rendu"]
FOOD = ["kebab", "pizza", "sushis", "burger", "tacos", "sandwich", "salade", "couscous", "raclette", "crêpes",
        "croissants", "pains au chocolat", "chouquettes", "café", "bières", "apéro", "barbecue", "resto",
        "chinois", "italien", "indien", "grec", "boulangerie", "cantine", "McDo", "poulet braisé"]
SPORT = ["le match", "le foot", "le PSG", "l'OM", "le rugby", "la course", "la salle", "le footing", "le padel",
         "le tennis", "la muscu", "le vélo", "la piscine", "le tournoi", "la finale", "le derby", "la ligue 1"]

TPL_FR = [
    "{thing} sont {place}", "{thing} est {place}", "j'ai laissé {thing} {place}", "qqn a vu {thing} ?",
    "quelqu'un sait où est {thing} ?", "{who} veut {thing} {when}", "{who} arrive {when}", "{who} est en retard",
    "{who} a appelé", "{who} demande qui est dispo {when}", "réunion {when} avec {who}", "{who} est en congé {when}",
    "{police} {when}, qui est dispo ?", "{police} est reportée", "{police} c'est {when}", "qui s'occupe de {police} ?",
    "je m'occupe de {police}", "fini {police}, je rentre", "{police} a duré 3h", "on a {police} {when}",
    "{who} a validé {police}", "rappel : {police} {when}", "{police} annulée",
    "on mange {food} {when} ?", "{food} ce midi ?", "qui est chaud pour {food} ?", "{food} ou {food2} ?",
    "j'ai ramené {food}", "qui ramène {food} {when} ?", "{food} c'était trop bon",
    "vous regardez {sport} {when} ?", "{sport} {when}, qui vient ?",
    "t'as vu {sport} hier ?", "quel match hier", "on a gagné !", "on a perdu encore", "{sport} c'était nul",
    "qui prend la voiture {when} ?",
    "je prends la voiture {when}", "la voiture est au garage", "faut faire le plein", "faut remplir le formulaire", "faut signer {thing}", "faut rendre {thing} {when}", "il faut passer voir {who}",
    "ils sont partis ?", "ils arrivent {when}",
    "les gars vous êtes où ?", "les gars on se capte {when}", "les collègues de nuit sont là ?",
    "c'est toujours moi qui range", "c'est toujours la même histoire",
    "je suis de repos {when}", "je suis de nuit {when}", "je finis {when}", "je commence {when}", "je pose un RTT {when}",
    "échange de service {when} possible ?", "qui peut me remplacer {when} ?", "je vous mets le planning",
    "le planning est dispo", "le planning a changé", "check vos mails", "j'ai envoyé le mail", "vu le mail de {who} ?",
    "tu peux m'envoyer {thing} ?", "tu m'envoies la photo du PV ?", "photo du constat envoyée", "j'ai mis {thing} {place}",
    "on se retrouve {place} {when}", "rdv au parking {when}", "rdv {place} {when}", "il pleut des cordes",
    "il fait trop chaud", "bouchons sur le périph", "je suis coincé dans les bouchons", "train annulé, j'arrive en retard",
    "mon fils est malade, je serai en retard", "bon anniversaire {who} !", "joyeux anniv {who} 🎉", "bienvenue {who} !",
    "bon retour {who}", "bonne retraite {who}", "félicitations pour le bébé {who}", "pot de départ {when}",
    "qui vient au pot {when} ?", "on cotise pour le cadeau de {who} ?", "je mets 10 balles pour le cadeau",
    "t'es où ?", "tu fais quoi {when} ?", "tu rentres {when} ?", "t'as fini ?", "t'as mangé ?", "t'es dispo ?",
    "tu viens {when} ?", "on fait comment ?", "c'est qui qui ferme ?", "qui a les clés du local ?",
    "le chef a dit ok", "le chef veut nous voir {when}", "le chef est de bonne humeur", "{who} a dit que c'était bon",
    "j'ai oublié mon badge", "j'ai plus de batterie", "j'ai perdu mes clés mdr", "mon café est froid",
    "la machine à café est en panne", "l'imprimante marche pas", "le wifi rame", "le logiciel a planté",
    "encore une panne de LRPPN", "le serveur est down", "je retente plus tard", "je te rappelle", "appelle-moi",
    "je vous tiens au courant", "je vous dis ça {when}", "je vous redis", "c'est réglé", "affaire classée",
    "RAS cette nuit", "nuit calme", "grosse journée", "journée de fou", "on est sous l'eau", "trop de boulot",
    "vivement les vacances", "plus que 2 jours", "j'en peux plus de ce dossier", "ce dossier va me tuer mdr",
    "je suis mort de fatigue", "je suis crevé", "on est morts", "mort de rire", "j'ai failli tomber de ma chaise",
    "t'as vu la tête du chef ce matin 😂", "il nous a encore fait le coup du discours", "toujours en retard celui-là 😂",
    "qui a piqué mon stylo ?", "qui a fini le café ?", "on commande {food} ?",
]
TPL_EN = [
    "meeting at {t}?", "who's free {d}?", "running late", "stuck in traffic", "be there in 5", "where are you guys?",
    "lunch {d}?", "anyone up for {f}?", "keys are on the desk", "who has the car keys?", "did you see the game?",
    "great match last night", "happy birthday {n}!", "welcome {n}!", "thanks for covering my shift",
    "can someone swap shifts {d}?", "shift starts at {t}", "the printer is broken again", "coffee machine is dead",
    "check your emails", "report is done", "court hearing {d}", "see you at court", "the suspect was released",
    "witness statement is in the file", "briefing at {t}", "I'll call you back", "send me the file pls",
    "whose turn is it?", "same old story", "they left already", "we need more coffee", "good job today team",
]

SMS = [("je sais pas", "jsp"), ("quelqu'un", "qqn"), ("c'est", "c"), ("toujours", "tjrs"), ("demain", "dem"),
       ("beaucoup", "bcp"), ("pourquoi", "pk"), ("aujourd'hui", "ajd"), ("rendez-vous", "rdv"), ("tout", "tt"),
       ("je suis", "chui"), ("vous", "vs"), ("avec", "avc"), ("pas", "pa"), ("quoi", "koi")]



def noise(text: str) -> str:
    if R.random() < 0.25:
        text = strip_accents(text)
    if R.random() < 0.3:
        for a, b in SMS:
            if a in text and R.random() < 0.6:
                text = text.replace(a, b)
    if R.random() < 0.12 and len(text) > 2:
        i = R.randrange(len(text))
        if text[i].isalpha():
            text = text[:i] + text[i] * R.randint(2, 5) + text[i + 1:]
    r = R.random()
    if r < 0.2:
        text = text[:1].upper() + text[1:]
    elif r < 0.23:
        text = text.upper()
    if R.random() < 0.3:
        text += " " + " ".join(R.choice(EMOJI) for _ in range(R.randint(1, 3)))
    elif R.random() < 0.1:
        text += R.choice([" !", " !!", "?", "...", " ?!"])
    return text


def fill(t: str) -> str:
    food = R.sample(FOOD, 2)
    return t.format(thing=R.choice(THINGS), place=R.choice(PLACES), who=R.choice(WHO), when=R.choice(WHEN),
                    police=R.choice(POLICE), food=food[0], food2=food[1], sport=R.choice(SPORT))


def main() -> None:
    out: list[tuple[str, str]] = []
    for a in ACK_FR:
        out += [("fr", a)] + [("fr", noise(a)) for _ in range(3)]
    for a in ACK_EN:
        out += [("en", a), ("en", noise(a))]
    for _ in range(300):
        out.append(("", " ".join(R.choice(EMOJI) for _ in range(R.randint(1, 4)))))
    for m in MEDIA_FR:
        out.append(("fr", m))
    for _ in range(2600):
        out.append(("fr", noise(fill(R.choice(TPL_FR)))))
    for _ in range(500):
        t = R.choice(TPL_EN).format(t=R.choice(["8", "9am", "14h", "noon", "6pm"]), d=R.choice(["tomorrow", "tonight", "monday", "friday"]),
                                    f=R.choice(["pizza", "sushi", "a kebab", "burgers", "drinks"]), n=R.choice(["Tom", "Emma", "Sam", "Aisha"]))
        out.append(("en", noise(t)))
    for _ in range(300):  # two acks or ack + question, as people chain them
        out.append(("fr", noise(f"{R.choice(ACK_FR)} {R.choice(ACK_FR)}")))
    seen: set[str] = set()
    rows = []
    for lang, text in out:
        key = text.strip().lower()
        if not key or key in seen:
            continue
        seen.add(key)
        row = {"text": text, "lang": lang or "fr", "target": "", "stance": "", "source": "benign_chat"}
        row.update({c: 0 for c in ("hate", "sexual", "threat", "insult", "profanity")})
        rows.append(row)
    R.shuffle(rows)
    cut = int(len(rows) * 0.85)
    write_splits({"chat_train": rows[:cut], "chat_val": rows[cut:]})


if __name__ == "__main__":
    main()
