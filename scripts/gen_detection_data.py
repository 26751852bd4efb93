"""Generate the project's labelled chat-message set (templates + hand-written lines).

    python scripts/gen_detection_data.py      # writes src/sentinelle/detection/data/train/{train,val,test}.csv

Deterministic (seed 13). See src/sentinelle/detection/data/train/DATASHEET.md for the label rules.
The second test set (second_test.csv) is hand-written separately and is NOT produced here.
"""

from __future__ import annotations

import csv
import random
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/sentinelle/detection/data/train"
R = random.Random(13)
FIELDS = ["text", "lang", "hate", "sexual", "threat", "insult", "profanity", "target", "stance", "source"]

# (plural, singular, target) — French then English group names
G_FR = [
    ("noirs", "noir", "origin_black"), ("blacks", "black", "origin_black"), ("renois", "renoi", "origin_black"),
    ("africains", "africain", "origin_black"), ("arabes", "arabe", "origin_arab"), ("rebeus", "rebeu", "origin_arab"),
    ("maghrébins", "maghrébin", "origin_arab"), ("asiatiques", "asiatique", "origin_asian"),
    ("chinois", "chinois", "origin_asian"), ("roms", "rom", "origin_roma"), ("gitans", "gitan", "origin_roma"),
    ("manouches", "manouche", "origin_roma"), ("migrants", "migrant", "xenophobia"),
    ("immigrés", "immigré", "xenophobia"), ("étrangers", "étranger", "xenophobia"),
    ("clandestins", "clandestin", "xenophobia"), ("juifs", "juif", "religion_jewish"),
    ("feujs", "feuj", "religion_jewish"), ("musulmans", "musulman", "religion_muslim"),
    ("femmes", "femme", "women"), ("meufs", "meuf", "women"), ("gonzesses", "gonzesse", "women"),
    ("homos", "homo", "lgbt"), ("gays", "gay", "lgbt"), ("lesbiennes", "lesbienne", "lgbt"),
    ("trans", "trans", "lgbt"), ("handicapés", "handicapé", "disability"), ("autistes", "autiste", "disability"),
    ("trisomiques", "trisomique", "disability"),
]
G_EN = [
    ("black people", "origin_black"), ("blacks", "origin_black"), ("africans", "origin_black"),
    ("arabs", "origin_arab"), ("moroccans", "origin_arab"), ("asians", "origin_asian"), ("chinese people", "origin_asian"),
    ("gypsies", "origin_roma"), ("roma", "origin_roma"), ("immigrants", "xenophobia"), ("migrants", "xenophobia"),
    ("foreigners", "xenophobia"), ("refugees", "xenophobia"), ("jews", "religion_jewish"),
    ("muslims", "religion_muslim"), ("women", "women"), ("girls", "women"), ("gay people", "lgbt"),
    ("gays", "lgbt"), ("trans people", "lgbt"), ("lesbians", "lgbt"), ("disabled people", "disability"),
    ("autistic people", "disability"),
]
SLURS_FR = [("bougnoule", "origin_arab"), ("bicot", "origin_arab"), ("nègre", "origin_black"), ("bamboula", "origin_black"),
            ("youpin", "religion_jewish"), ("chinetoque", "origin_asian"), ("pédé", "lgbt"), ("tarlouze", "lgbt"),
            ("gouine", "lgbt"), ("tapette", "lgbt"), ("macaque", "origin_black"), ("négro", "origin_black"),
            ("crouille", "origin_arab"), ("romanos", "origin_roma"), ("travelo", "lgbt")]
SLURS_EN = [("nigger", "origin_black"), ("kike", "religion_jewish"), ("faggot", "lgbt"), ("chink", "origin_asian"),
            ("raghead", "origin_arab"), ("towelhead", "origin_arab"), ("spic", "xenophobia"), ("tranny", "lgbt"),
            ("dyke", "lgbt"), ("wetback", "xenophobia"), ("coon", "origin_black"), ("gook", "origin_asian")]
ANIMALS_FR = ["animaux", "singes", "rats", "cafards", "chiens", "porcs", "parasites", "sauvages", "vermines",
              "sous-hommes", "déchets", "microbes", "nuisibles", "bêtes"]
ANIMALS_EN = ["animals", "apes", "rats", "cockroaches", "dogs", "pigs", "parasites", "savages", "vermin",
              "subhuman", "trash", "scum", "a plague", "a disease"]
VILE_FR = ["voleurs", "violeurs", "terroristes", "délinquants", "inférieurs", "débiles", "feignants",
           "dégénérés", "malades", "menteurs", "profiteurs", "incapables", "arriérés", "assistés", "une plaie",
           "le problème de ce pays", "une sous-race", "tous pareils"]
VILE_EN = ["thieves", "rapists", "terrorists", "criminals", "inferior", "stupid", "lazy", "dirty", "degenerate",
           "disgusting", "worthless", "liars", "parasites", "dangerous", "a burden", "filthy", "evil"]
KILL_FR = ["tuer", "buter", "crever", "cramer", "égorger", "défoncer", "planter", "fumer", "tabasser",
           "flinguer", "saigner", "faire la peau", "casser la gueule", "fusiller"]
KILL_EN = ["kill", "murder", "shoot", "stab", "hang", "burn", "beat up", "strangle", "destroy", "hunt down"]
INSULT_FR = ["connard", "connasse", "salope", "enculé", "bâtard", "abruti", "imbécile", "crétin", "débile",
             "bouffon", "tocard", "ordure", "raclure", "enfoiré", "pétasse", "pouffiasse", "fils de pute",
             "sous-merde", "boloss", "cassos", "gros porc", "grosse vache", "sale con", "pauvre conne", "merdeux",
             "trou du cul", "gogol", "mongol", "attardé", "teubé"]
INSULT_EN = ["idiot", "moron", "asshole", "bitch", "cunt", "dickhead", "scumbag", "piece of shit", "loser",
             "bastard", "twat", "wanker", "prick", "retard", "dumbass", "jerk", "whore", "slut"]
NAMES = ["Karim", "Julie", "Sophie", "Mehdi", "Thomas", "Nadia", "Kevin", "Aïcha", "Lucas", "Fatou", "Marc",
         "Inès", "le bleu", "la stagiaire", "le nouveau", "Dupont", "Martin", "Moussa", "Claire", "Yann"]
NAMES_EN = ["Jake", "Emma", "Tom", "Sarah", "Mike", "Aisha", "Dave", "Kim", "the new guy", "Sam"]
BODY_FR = ["seins", "fesses", "cul", "nichons", "jambes"]
UNDER_FR = ["sous-vêtements", "culotte", "string", "soutif", "lingerie", "maillot", "petite tenue", "nuisette"]
PROF_FR = ["putain", "merde", "bordel", "fait chier", "ptn", "putain de merde", "oh merde", "bordel de merde"]
PROF_EN = ["fuck", "shit", "damn", "fucking hell", "holy shit", "crap", "wtf", "bloody hell"]

rows: list[dict] = []


def add(text: str, lang: str, cats: str = "", target: str = "", stance: str = "", source: str = "template") -> None:
    row = {"text": text, "lang": lang, "target": target, "stance": stance, "source": source}
    for c, k in (("hate", "H"), ("sexual", "S"), ("threat", "T"), ("insult", "I"), ("profanity", "P")):
        row[c] = int(k in cats)
    rows.append(row)


def pick(xs: list, k: int = 1) -> list:
    return R.sample(xs, min(k, len(xs)))


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5"}


def obfuscate(word: str) -> str:
    """One of the disguises chat users apply to a word."""
    w = strip_accents(word)
    k = R.randrange(6)
    if k == 0:
        return "".join(LEET.get(c, c) if R.random() < 0.5 else c for c in w)
    if k == 1:
        i = R.randrange(1, max(2, len(w) - 1))
        return w[:i] + "*" + w[i + 1:]
    if k == 2:
        i = R.randrange(len(w))
        return w[:i] + w[i] * R.randint(3, 6) + w[i + 1:]
    if k == 3:
        return " ".join(w)
    if k == 4:
        return w.upper()
    return w


def chat_noise(text: str, lang: str) -> str:
    """Casing, accents, punctuation and emoji as people type in group chats."""
    r = R.random()
    if r < 0.25:
        text = strip_accents(text)
    if R.random() < 0.3:
        text = text.lower()
    elif R.random() < 0.1:
        text = text.upper()
    elif R.random() < 0.4:
        text = text[:1].upper() + text[1:]
    end = R.random()
    if end < 0.15:
        text += " !!"
    elif end < 0.25:
        text += " " + R.choice(["😡", "🤬", "😤", "💯", "🙄", "😒"])
    elif end < 0.3:
        text += "..."
    return text


def gen_fr() -> None:
    for pl, sg, t in G_FR:
        for _ in range(2):
            add(chat_noise(R.choice([f"j'adore les {pl} de mon équipe", f"les {pl} sont les bienvenus ici", f"fier des {pl} du service",
                                     f"les {pl} méritent le respect comme tout le monde", f"j'ai plein d'amis {pl}",
                                     f"les {pl} sont des collègues comme les autres", f"soutien total aux {pl} agressés"]), "fr"), "fr", "", "", "neutral")
            text = R.choice([f"les {pl} ne méritent aucun respect", f"les {pl} n'ont aucune valeur", f"jamais je respecterai un {sg}",
                             f"ce pays irait mieux sans les {pl}", f"les {pl} faut qu'ils restent à leur place",
                             f"j'en ai marre des {pl} partout", f"les {pl} sont trop cons pour voter", f"je laisserai jamais un {sg} approcher mes gosses"])
            add(chat_noise(typo(text) if R.random() < 0.3 else text, "fr"), "fr", "H", t)
    for _ in range(6):
        for pl, sg, t in G_FR:
            a, v = R.choice(ANIMALS_FR), R.choice(VILE_FR)
            k = R.choice(KILL_FR)
            tpl_h = [
                f"les {pl} sont des {a}", f"les {pl} c'est tous des {a}", f"tous les {pl} sont des {v}",
                f"les {pl} dehors", f"dehors les {pl}", f"les {pl} contrôlent tout", f"je supporte pas les {pl}",
                f"les {pl} ça pue", f"les {pl} devraient rentrer chez eux", f"ces {pl} de merde",
                f"sale {sg}", f"les {pl} n'ont rien à faire dans la police", f"vivement qu'on se débarrasse des {pl}",
                f"les {pl} c'est la plaie de ce pays", f"j'embaucherai jamais de {pl}", f"pas de {pl} dans mon équipe",
                f"les {pl} sont tous pareils, des {a}", f"franchement les {pl} c'est une race à part, des {a}",
                f"encore un {sg}, ils sont tous {v}", f"on est envahis par les {pl}", f"les {pl} nous pourrissent la vie",
                f"un {sg} reste un {sg}, jamais fiable", f"les {pl} faut les renvoyer chez eux",
                f"moi les {pl} je peux pas les voir", f"les {pl} ça devrait pas avoir le droit de voter",
                f"ils ont recruté encore un {sg}, la brigade devient une poubelle",
            ]
            text = R.choice(tpl_h)
            cats = "HP" if "merde" in text else "H"
            add(chat_noise(text, "fr"), "fr", cats, t)
            tpl_t = [f"il faut les {k} tous ces {pl}", f"faut {k} les {pl}", f"les {pl} méritent de crever",
                     f"mort aux {pl}", f"on devrait {k} tous les {pl}", f"un bon {sg} est un {sg} mort",
                     f"les {pl} au four", f"si je croise un {sg} ce soir je le {k.split()[0]}"]
            add(chat_noise(R.choice(tpl_t), "fr"), "fr", "HT", t)
            # hard negatives: neutral mentions of the same groups
            tpl_n = [
                f"les collègues {pl} de la brigade ont fait du bon boulot", f"réunion avec l'association des {pl} demain",
                f"il y a de plus en plus de {pl} dans la police, tant mieux", f"un {sg} a été agressé hier soir, on a ouvert une enquête",
                f"le commissariat organise une formation sur les discriminations envers les {pl}",
                f"les {pl} sont souvent victimes de contrôles abusifs", f"mon voisin est {sg}, super gars",
                f"la plainte concerne des propos visant les {pl}", f"on a reçu une victime {sg} ce matin",
                f"les {pl} du quartier ont organisé une fête", f"rapport sur l'accueil des {pl} à rendre lundi",
            ]
            add(chat_noise(R.choice(tpl_n), "fr"), "fr", "", "", "neutral")
            # stance: reported / counter / negated (not endorsement) and joke / question (still flagged)
            add(R.choice([f"il m'a traité de sale {sg}, c'est inadmissible", f"un usager a crié « sale {sg} » au collègue, j'ai fait un rapport",
                          f"le suspect a dit que les {pl} étaient des {a}, PV rédigé", f"elle s'est fait traiter de {sg} de merde, elle va porter plainte",
                          f"ils ont tagué « mort aux {pl} » sur le mur du poste, il faut signaler"]), "fr", "", t, "reported")
            add(R.choice([f"arrête de dire que les {pl} sont des {v}", f"on ne peut pas dire que les {pl} sont des {a}, c'est raciste",
                          f"il faut arrêter de répéter que les {pl} sont {v}", f"dire que les {pl} sont des {a} c'est inacceptable"]), "fr", "", t, "counter")
            add(R.choice([f"je ne pense pas que les {pl} soient des {v}", f"non, les {pl} ne sont pas des {v}",
                          f"c'est faux, les {pl} ne sont pas plus {v} que les autres"]), "fr", "", t, "negated")
            add(R.choice([f"les {pl} sont des {a} mdr je rigole", f"blague du jour : les {pl} c'est des {a} 😂",
                          f"c'est pour rire hein mais les {pl} sont vraiment des {a}"]), "fr", "H", t, "joke")
            add(R.choice([f"pourquoi les {pl} sont tous des {v} ?", f"les {pl} sont-ils tous des {a} ?"]), "fr", "H", t, "question")
    for s, t in SLURS_FR:
        for _ in range(4):
            w = obfuscate(s) if R.random() < 0.6 else s
            n = R.choice(NAMES)
            add(chat_noise(R.choice([f"sale {w}", f"{n} c'est un {w}", f"encore ce {w} de {n}", f"t'es qu'un {w}",
                                     f"dégage {w}", f"{w}", f"les {w}s dehors", f"on a un {w} dans l'équipe maintenant",
                                     f"#stop{strip_accents(s)}s", f"regarde moi ce {w}"]), "fr"), "fr", "H", t)
    for _ in range(350):
        k, n = R.choice(KILL_FR), R.choice(NAMES)
        text = R.choice([f"je vais te {k}", f"je vais te {k} {n}", f"jvais te {k}", f"je sais où tu habites {n}",
                         "fais gaffe à toi ce soir", "t'es un homme mort", "on va te retrouver", "je vais venir chez toi",
                         f"je vais lui {k} à {n}", "tu vas le regretter", f"la prochaine fois je te {k.split()[0]}",
                         "on sait où vont tes enfants", "t'inquiète on va s'occuper de ton cas", f"{n} tu vas crever",
                         "une balle dans la tête et basta", f"je vais {k} {n} à la sortie", "va crever", "suicide-toi",
                         f"je te jure que je vais te {k}", f"si tu parles je te {k.split()[0]}", "tes jours sont comptés",
                         f"il faut le {k} ce mec", "je connais ton adresse, fais attention", "on va te faire la peau"])
        add(chat_noise(text, "fr"), "fr", "T")
    for _ in range(350):
        n, b, u = R.choice(NAMES), R.choice(BODY_FR), R.choice(UNDER_FR)
        text = R.choice([f"envoie-moi une photo de toi en {u}", f"t'as de beaux {b} {n}", "tu portes quoi sous ta jupe ?",
                         "viens dans mon bureau et ferme la porte 😏", f"je veux te baiser {n}", f"t'es bonne {n}",
                         f"montre-moi tes {b}", "avec un cul pareil t'auras ta promotion", f"{n} elle doit bien sucer",
                         "envoie des nudes", f"{n} tu m'excites avec ta tenue", "je veux te prendre sur le bureau",
                         f"t'as un beau cul {n}", "passe chez moi ce soir, je te ferai ta promo", "elle est bonne la nouvelle, je la prendrais bien",
                         "suce-moi", "une petite photo coquine ce soir ?", f"{n} je pense à tes {b} toute la journée",
                         f"fais voir ta {u}", "tu serais mieux à genoux sous mon bureau"])
        add(chat_noise(text, "fr"), "fr", "S", "women")
    for _ in range(250):
        n = R.choice(NAMES)
        text = R.choice([f"j'ai rêvé de toi cette nuit {n}, t'étais nue", "tu dois être bonne au lit", "ça te dirait un plan cul ?",
                         f"je mate ton décolleté depuis ce matin {n}", "quel décolleté aujourd'hui 😏", "t'es chaude ce soir ?",
                         "viens t'asseoir sur mes genoux", f"{n} tu serais mieux sans ton pantalon", "je te ferais grimper aux rideaux",
                         f"on se fait un câlin dans la réserve {n} ? 😏", "t'as pas froid avec ce petit haut ? on voit tout",
                         f"{n} si tu passes la nuit avec moi je te signe ta mutation", "envoie une photo de tes pieds et plus si affinités",
                         "tu me fais de l'effet en uniforme", f"je t'imagine toute nue {n}", "tu suces ?", "montre un peu plus ce soir",
                         f"{n} t'as un cul d'enfer", "ton string dépasse, j'adore", "je te ferais bien ta fête sur le bureau du chef"])
        add(chat_noise(text, "fr"), "fr", "S", "women")
    for _ in range(120):
        n = R.choice(NAMES_EN)
        text = R.choice([f"I dreamt of you naked {n}", "bet you're great in bed", "wanna hook up after shift?",
                         "can't stop staring at your cleavage", "come sit on my knee sweetheart", "that skirt is begging to come off",
                         f"{n} spend the night with me and the transfer is yours", "you'd look better with nothing on",
                         "I keep picturing you in the shower", "send a little something tonight 😏"])
        add(chat_noise(text, "en"), "en", "S", "women")
    for _ in range(250):
        n = R.choice(NAMES)
        text = R.choice(["tu verras pas la fin de la semaine", "je vais te faire regretter d'être né", "on va te pourrir la vie, tu vas morfler",
                         "t'auras un accident un de ces jours", "ta voiture pourrait bien brûler cette nuit", f"on connaît ta femme {n}",
                         "fais attention en rentrant ce soir", "un jour tu vas te faire ramasser à la petite cuillère",
                         f"{n} je t'attends sur le parking", "la prochaine fois que tu ouvres ta bouche je te l'éclate",
                         "je te casse les deux jambes si tu recommences", "tu vas finir à l'hôpital", f"{n} je vais te refaire le portrait",
                         "on va te retrouver dans un fossé", "compte pas rentrer entier ce soir", "je vais cramer ta baraque"])
        add(chat_noise(text, "fr"), "fr", "T")
    for _ in range(120):
        n = R.choice(NAMES_EN)
        text = R.choice(["you won't make it home tonight", "accidents happen, remember that", "I'll make your life hell",
                         "your car might catch fire one night", f"we know your wife {n}", "be careful walking home",
                         "next time you open your mouth I'll shut it for good", "I'm waiting for you in the car park",
                         "you'll end up in hospital", "I'll burn your house down"])
        add(chat_noise(text, "en"), "en", "T")
    for _ in range(120):
        text = R.choice(["regardez ce porno 😂", "il regarde des films pornos au boulot", "bite", "il a montré sa bite",
                         "elle a posté une vidéo de cul", "la levrette c'est la meilleure position", "partouze ce soir ?",
                         "on a trouvé des photos de cul dans son casier", "il se branle dans les toilettes"])
        add(chat_noise(text, "fr"), "fr", "S")
    for _ in range(600):
        w, n = R.choice(INSULT_FR), R.choice(NAMES)
        w2 = obfuscate(w) if R.random() < 0.25 and " " not in w else w
        text = R.choice([f"t'es qu'un {w2}", f"{n} est un {w2}", f"ferme ta gueule {n}", f"espèce de {w2}", f"{w2}",
                         "t'es vraiment nul", "personne ne t'aime", "tu sers à rien", "va te faire foutre",
                         "fdp", "ntm", f"{n} le {w2}", f"quel {w2} ce {n}", f"tg {w2}", f"t'es une merde {n}",
                         f"{n} t'es grave {w2}", f"ta mère la {w2}", f"tu me dégoûtes {w2}", "casse-toi pauvre con",
                         f"t'es trop moche {n}", f"{n} est une incapable, une honte pour le service", f"bande de {w2}s",
                         f"{n} t'es autiste ou quoi", "t'es con ou tu le fais exprès ?", f"{n} ce gros {w2}"])
        cats = "I" + ("P" if any(x in text for x in ("merde", "foutre", "gueule")) else "")
        target = "disability" if any(x in text for x in ("gogol", "mongol", "attardé", "autiste")) else ""
        if w in ("salope", "pétasse", "pouffiasse", "connasse", "grosse vache") and w2 in text:
            target = "women"
        add(chat_noise(text, "fr"), "fr", cats, target)
    for _ in range(350):
        p = R.choice(PROF_FR)
        text = R.choice([f"{p}, j'ai raté mon train", f"{p} encore en retard", f"{p} c'est quoi ce planning",
                         "fait chier cette pluie", f"{p} de réunion", f"{p} j'ai oublié mon badge", f"{p} le café est froid",
                         f"{p}, la voiture de service est encore en panne", "quel temps de merde", f"{p} !",
                         f"{p} je suis crevé", "ce logiciel c'est de la merde", f"{p} il est déjà 18h",
                         "bordel qui a pris mon chargeur", f"{p} on a gagné le match !!", "putain de bouchons",
                         "j'en ai rien à foutre du match", "ce dossier me fait chier", f"{p} encore une panne réseau"])
        add(chat_noise(text, "fr"), "fr", "P")
    benign = [
        "rdv à 8h au poste", "qui prend la patrouille de nuit ?", "ok", "merci", "bien reçu", "je suis en route",
        "j'arrive dans 10 min", "quelqu'un a les clés de la voiture 3 ?", "bonne soirée à tous", "bon courage pour demain",
        "le chef veut le rapport pour midi", "on mange où ce midi ?", "dispo pour échanger samedi ?", "ça marche",
        "je vais le tuer ce dossier", "tuer le temps en attendant la relève", "ce match m'a tué", "j'ai acheté un chat noir",
        "le noir te va bien", "café noir sans sucre", "tableau noir de la salle de réunion", "les Arabes ont inventé l'algèbre",
        "les collègues noirs de la brigade", "la mosquée du quartier organise une collecte", "le ramadan commence demain",
        "mon fils est autiste, il a fait de gros progrès", "les femmes de l'équipe ont gagné le tournoi",
        "journée de la femme, on offre des fleurs ?", "visite au mémorial de la Shoah avec les stagiaires",
        "le racisme est un délit, rappel de la formation", "les migrants secourus en mer ont été pris en charge",
        "le défilé des fiertés passe rue de Rivoli, prévoir des effectifs", "la communauté juive fête Hanoukka",
        "on a fini, je rentre", "vous avez vu le match hier ?", "joyeux anniversaire Julie !!", "🎂🎉", "👍", "😂😂",
        "mdr", "lol", "+1", "oui", "non", "peut-être", "grave", "trop bien", "je te tue au ping-pong demain",
        "on va les écraser au foot ce week-end", "il a tué le game avec son discours", "ce film était à mourir de rire",
        "je meurs de faim", "tu me tues avec tes blagues", "la bombe de peinture est dans le coffre",
        "exercice de tir demain 9h", "le suspect était armé d'un couteau", "on a saisi deux armes à feu",
        "la victime a été frappée à la tête", "l'agresseur a été placé en garde à vue", "c'est la merde au standard ? non tout va bien",
        "t'es con parfois mdr", "arrête tes bêtises", "le chef est grave relou aujourd'hui", "j'ai la flemme",
        "wesh bien ou quoi", "tkt je gère", "jsp trop", "chuis en retard", "slt ça va ?", "bjr", "stp envoie le planning",
        "il fait noir à 17h maintenant", "marché noir démantelé", "humour noir ce film", "le gitan de Django Reinhardt, quel musicien",
        "ma collègue est trans et elle est top", "mon frère est gay et il se marie en juin", "les handicapés ont droit à une place réservée",
        "la stagiaire est très compétente", "bien joué Karim", "Nadia a géré l'intervention", "merci Fatou pour le café",
        "qui a pris le dernier chargeur ?", "faut qu'on parle du planning", "je déteste les lundis", "je hais la pluie",
        "les rats ont envahi la cave du commissariat", "il faut dératiser les sous-sols", "les chiens de la brigade cynophile sont arrivés",
        "un singe s'est échappé du zoo, appel reçu", "banane et café pour le petit déj", "🐒 trop mignon ce bébé singe au zoo",
        "il faut buter la mauvaise herbe du jardin mdr", "on va cramer le barbecue", "je vais me faire défoncer aux impôts",
        "ce jeu est une tuerie", "la tuerie de 2015, hommage ce matin", "minute de silence pour les victimes",
        "les propos racistes seront sanctionnés", "porter plainte en ligne c'est possible maintenant",
        "la baisse des effectifs c'est un scandale", "on est sous l'eau", "je suis mort de fatigue", "RAS", "RAS cette nuit",
        "fin de service", "prise de poste à 6h", "je te passe le relais", "envoie-moi une photo du PV", "envoie-moi la photo du constat",
        "montre-moi tes notes de la réunion", "t'as de beaux restes en stock pour le repas ?", "t'es bonne en maths toi non ?",
        "elle est bonne cette idée", "bonne journée", "bonne nuit", "bonne chance pour l'exam", "la nouvelle est très sympa",
        "il faut le finir ce rapport", "faut les appeler demain", "t'as vu le match hier ?", "t'as les clés du fourgon ?",
        "t'as fini ton rapport ?", "t'as pensé au pot de départ ?", "t'es bon en cuisine toi", "elle est bonne cette pizza",
        "elle est bonne ta sauce", "je crève de faim", "je crève de froid dehors", "t'as une belle voiture", "t'as un beau bureau",
        "faut les relancer demain", "on devrait les prévenir", "t'as vu la nouvelle recrue ? elle a l'air compétente",
        "il faut les classer ces vieux dossiers", "on va les battre au foot", "je vais te battre aux cartes",
        "t'es trop fort", "t'es un génie", "t'es bonne en cuisine toi", "elle est bonne en maths la petite de Marc",
        "t'es forte en anglais ?", "t'es bonne au tir", "elle est très bonne en procédure", "t'es bonne pour la garde ce week-end", "t'es le meilleur", "t'es en retard", "t'es où ?", "t'es dispo ?", "il faut les prévenir", "on devrait les inviter", "je vais la voir demain",
    ]
    for b in benign:
        for _ in range(3):
            add(chat_noise(b, "fr"), "fr")
    # colours and languages (not people), violent verbs aimed at things (idioms)
    objets = ["la voiture", "le chat", "le pantalon", "la veste", "le sac", "le tableau", "l'écran", "le fourgon", "la moto",
              "le blouson", "le stylo", "la robe", "le chien", "le casque", "les chaussures"]
    for _ in range(60):
        o = R.choice(objets)
        text = R.choice([f"{o} noir{'e' if o.startswith('la') else ''} est à qui ?", f"j'ai acheté {o} noir", f"{o} noir c'est plus classe",
                         f"on a retrouvé {o} noir{'e' if o.startswith('la') else ''} du suspect", "il parle arabe couramment",
                         "cours de chinois ce soir", "qui peut traduire de l'arabe ?", "je le veux en noir", "photo en noir et blanc"])
        add(chat_noise(text, "fr"), "fr")
    things = ["dossier", "rapport", "planning", "exam", "match", "projet", "PV", "questionnaire", "tableau Excel", "logiciel"]
    for _ in range(60):
        t = R.choice(things)
        text = R.choice([f"je vais le tuer ce {t}", f"ce {t} m'a tué", f"je vais le défoncer ce {t}", f"on va l'exploser ce {t}",
                         f"je vais l'achever ce {t} ce soir", f"ce {t} va me tuer", "je suis mort de fatigue", "mort de rire",
                         f"I'm going to kill this {t}", f"this {t} is killing me", f"we'll crush this {t}"])
        add(chat_noise(text, "fr"), "en" if text.startswith(("I'm", "this", "we'll")) else "fr")
    for w in ["😂😂", "😂😂😂", "mdr 😂", "🤣🤣", "ptdr 😂😂", "haha", "hahaha 😂", "lol 😂", "😂 trop drôle", "😅", "😭😂",
              "mdrrr", "xD", "😂 la tête du chef", "🤣 incroyable", "jpp 😂", "😂😂 mais non", "excellent 😂"]:
        add(w, "fr")
    animals = ["les rats", "les chiens", "les cafards", "les singes", "les porcs", "les pigeons", "les moustiques"]
    for _ in range(40):
        an = R.choice(animals)
        add(chat_noise(R.choice([f"{an} du sous-sol ont encore mangé les câbles", f"{an} ont envahi le parking",
                                 f"il faut appeler le dératiseur pour {an}", f"reportage sur {an} au zoo ce soir",
                                 f"{an} de la ferme se sont échappés", f"attention {an} sont agressifs dans le parc"]), "fr"), "fr")
    # endorsements and one-word replies without context are benign on their own
    for w in ["trop vrai", "grave", "exactement", "+1", "lol", "mdr", "ptdr", "😂", "🙄", "ouais", "c'est clair", "bien dit"]:
        add(w, "fr")


def typo(text: str) -> str:
    """Drop or swap one letter of one word (spelling variants)."""
    words = text.split()
    idx = [i for i, w in enumerate(words) if len(w) > 4]
    if not idx:
        return text
    i = R.choice(idx)
    w = words[i]
    k = R.randrange(1, len(w) - 1)
    words[i] = w[:k] + w[k + 1:] if R.random() < 0.5 else w[:k] + w[k + 1] + w[k] + w[k + 2:]
    return " ".join(words)


def gen_en() -> None:
    for g, t in G_EN:
        for _ in range(3):
            add(chat_noise(R.choice([f"I love {g}", f"{g} are wonderful people", f"{g} deserve respect",
                                     f"{g} are welcome here", f"so proud of the {g} in our team", f"{g} are just like everyone else",
                                     f"I have many {g} friends", f"{g} are great colleagues", f"we stand with {g}",
                                     f"{g} make this city better", f"nothing wrong with being one of the {g}",
                                     f"these {g} make me so proud", f"those {g} make me happy", f"{g} are amazing",
                                     f"I admire {g}", f"I respect {g} a lot"]), "en"), "en", "", "", "neutral")
            text = R.choice([f"{g} don't deserve respect", f"{g} are not worth anything", f"I will never respect {g}",
                             f"{g} have no value to society", f"{g} aren't real people", f"{g} should stay out of public life",
                             f"{g} can't be trusted with anything", f"I'd never let {g} near my kids", f"{g} are ruining everything",
                             f"this country would be better without {g}", f"{g} need to know their place",
                             f"{g} who speak up should be silenced", f"{g} like you are a disgrace",
                             f"I'm sick of {g} everywhere", f"{g} are too dumb to vote"])
            add(chat_noise(typo(text) if R.random() < 0.3 else text, "en"), "en", "H", t)
            text = R.choice([f"I'm going to hurt the next one of those {g} I see", f"I will make sure {g} suffer",
                             f"we'll make {g} pay, one by one", f"if a group of {g} comes near me I'll stab them",
                             f"the {g} at the station are getting a beating tonight"])
            add(chat_noise(text, "en"), "en", "HT", t)
    for _ in range(5):
        for g, t in G_EN:
            a, v, k = R.choice(ANIMALS_EN), R.choice(VILE_EN), R.choice(KILL_EN)
            text = R.choice([f"{g} are {a}", f"all {g} are {v}", f"{g} are nothing but {a}", f"I hate {g}",
                             f"{g} should go back where they came from", f"{g} control everything", f"no {g} allowed here",
                             f"send {g} back", f"I can't stand {g}", f"{g} are a plague on this country",
                             f"{g} make me sick", f"never hire {g}", f"{g} are so {v} it's unreal", f"typical {g}, always {v}",
                             f"filthy {g}", f"{g} don't belong in the force"])
            add(chat_noise(text, "en"), "en", "H", t)
            add(chat_noise(R.choice([f"we should {k} all {g}", f"death to {g}", f"{g} should be exterminated",
                                     f"kill all {g}", f"{g} deserve to die", f"someone should {k} those {g}"]), "en"), "en", "HT", t)
            add(chat_noise(R.choice([f"{g} in our team did a great job", f"meeting with {g} community leaders tomorrow",
                                     f"{g} are often victims of discrimination", f"training on hate crimes against {g}",
                                     f"my neighbour's friends are {g}, lovely people", f"we need more {g} in the force"]), "en"), "en", "", "", "neutral")
            add(R.choice([f"he called me a dirty {g[:-1] if g.endswith('s') else g}, I reported it",
                          f"a guy shouted that {g} are {a}, totally unacceptable"]), "en", "", t, "reported")
            add(R.choice([f"stop saying {g} are {v}", f"it's not ok to say {g} are {a}", f"saying {g} are {v} is racist"]), "en", "", t, "counter")
            add(R.choice([f"I don't think {g} are {v}", f"no, {g} are not {a}"]), "en", "", t, "negated")
            add(R.choice([f"{g} are {a} lol just kidding", f"joke of the day: {g} are {a} 😂"]), "en", "H", t, "joke")
            add(f"why are {g} so {v}?", "en", "H", t, "question")
    for s, t in SLURS_EN:
        for _ in range(4):
            w = obfuscate(s) if R.random() < 0.5 else s
            add(chat_noise(R.choice([f"shut up {w}", f"{w}", f"look at that {w}", f"dirty {w}", f"you're a {w}",
                                     f"{R.choice(NAMES_EN)} is a {w}", f"get out of here {w}"]), "en"), "en", "H", t)
    for _ in range(200):
        k, n = R.choice(KILL_EN), R.choice(NAMES_EN)
        add(chat_noise(R.choice([f"I'm going to {k} you", f"I will {k} you {n}", "I know where you live",
                                 "watch your back", "you're dead", f"I'll {k} you tonight", "your days are numbered",
                                 "you'll regret this", "go kill yourself", f"{n} is going to get hurt, trust me",
                                 "I'm coming for you", "a bullet in your head", f"gonna {k} you after shift"]), "en"), "en", "T")
    for _ in range(200):
        n = R.choice(NAMES_EN)
        add(chat_noise(R.choice(["send me a pic of you in your underwear", "send nudes", f"nice tits {n}",
                                 "what are you wearing right now?", f"I want to fuck you {n}", "show me your boobs",
                                 "sit on my lap and we'll talk about your promotion", "you make me so horny",
                                 f"{n} has a great ass", "suck my dick", "come to my office and lock the door 😏"]), "en"), "en", "S", "women")
    for _ in range(300):
        w, n = R.choice(INSULT_EN), R.choice(NAMES_EN)
        text = R.choice([f"you're such a {w}", f"{n} is a {w}", f"shut up {w}", f"{w}", "fuck you", "fuck off",
                         "nobody likes you", "you're useless", f"you stupid {w}", f"go to hell {n}",
                         "you're a waste of space", f"what a {w}", f"{n} you absolute {w}"])
        cats = "I" + ("P" if "fuck" in text else "")
        add(chat_noise(text, "en"), "en", cats, "disability" if w == "retard" else "")
    for _ in range(200):
        p = R.choice(PROF_EN)
        add(chat_noise(R.choice([f"{p}, I missed my train", f"{p} the coffee machine is broken again", f"{p}!",
                                 f"{p} I'm late", "this weather is shit", f"{p} we won!!", "what the fuck is this schedule",
                                 "holy shit that was close", f"{p} forgot my badge"]), "en"), "en", "P")
    benign = ["on my way", "see you at 8", "thanks", "ok", "who's on night shift?", "great job today",
              "I'm going to kill this report", "killing time before the briefing", "that joke killed me", "black coffee please",
              "I love my black cat", "Arabs invented algebra", "our Black colleagues organised the event",
              "happy birthday Sarah!!", "lol", "+1", "so true", "nice", "👍", "😂", "we'll destroy them at football",
              "the suspect had a knife", "victim was hit in the head", "I hate Mondays", "I'm dying of hunger",
              "my brother is gay and getting married", "my colleague is trans and she's great", "send me the photo of the report",
              "show me your notes", "the new girl is really nice", "she's good at maths", "rats in the basement again",
              "the monkey escaped from the zoo", "banana for breakfast", "shoot me an email", "let's hang out later",
              "we need to beat their score", "I could murder a pizza", "see you later", "I'll kill this workout",
              "you killed it today", "I'm going to crush this exam", "you're a star", "you're the best", "where are you?", "this game is sick", "bloody good job mate"]
    for b in benign:
        for _ in range(3):
            add(chat_noise(b, "en"), "en")
    for _ in range(60):
        g = R.choice(G_EN)[0]
        add(chat_noise(R.choice([f"{g} made huge contributions to science", f"a history of {g} in Europe, great documentary",
                                 f"{g} celebrated the festival downtown", f"our unit recruited several {g} this year",
                                 f"statistics on hate crimes against {g} were published", f"{g} are overrepresented among victims",
                                 f"the museum has an exhibit about {g}", f"{g} have lived here for centuries"]), "en"), "en", "", "", "neutral")


def gen_mixed() -> None:
    for _ in range(120):
        n = R.choice(NAMES)
        text, cats = R.choice([(f"wesh {n} t'es a fucking idiot", "IP"), ("this guy est un vrai connard", "I"),
                               ("les blacks are animals", "H"), (f"{n} send me des nudes", "S"),
                               ("I'm gonna te défoncer", "T"), ("putain this meeting is so long", "P"),
                               ("go back to ton pays", "H"), ("bro ce match était insane", ""), ("meeting à 10h ok ?", ""),
                               ("fuck ce planning", "P"), ("on se fait un brief asap", "")])
        target = {"les blacks are animals": "origin_black", "go back to ton pays": "xenophobia"}.get(text, "")
        if "nudes" in text:
            target = "women"
        add(chat_noise(text, "fr"), "fr", cats, target)


def main() -> None:
    gen_fr()
    gen_en()
    gen_mixed()
    seen: set[str] = set()
    uniq = []
    for r in rows:
        key = r["text"].strip().lower()
        if key in seen:
            continue
        seen.add(key)
        uniq.append(r)
    R.shuffle(uniq)
    n = len(uniq)
    splits = {"train": uniq[: int(n * 0.7)], "val": uniq[int(n * 0.7): int(n * 0.85)], "test": uniq[int(n * 0.85):]}
    write_splits(splits)


def write_splits(splits: dict[str, list[dict]]) -> None:
    """One labelled CSV per split in the detector's training data folder."""
    OUT.mkdir(parents=True, exist_ok=True)
    for name, part in splits.items():
        with (OUT / f"{name}.csv").open("w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=FIELDS)
            w.writeheader()
            w.writerows(part)
        print(name, len(part))


if __name__ == "__main__":
    main()
