"""The planted story of the demo case (ALL FICTIONAL): people, system events and labelled scenes.

Each scene is (start "DD/MM/YYYY HH:MM", [(author, text, label, minutes after the previous line)]).
A label is None (plain context) or a dict with at least "label"; see ANSWERS.md for the vocabulary.
Authors may be None for a system event given as ("event", {...}) instead of text.
"""

from __future__ import annotations

GROUP = "Brigade Fictive 75"
GROUP_RENAMED = "BF75 : on lâche rien"
COLLECTIF = "Collectif Fictif"
ANDROID_EXPORTER = "Camille Dubois"
IOS_EXPORTER = "Aurélie Lambert"
PHONE_MEMBER = "+33 6 00 41 27 93"
# The iOS exporter has no contact card for the reservist: iOS shows his profile name as "~ Name".
IOS_DISPLAY = {PHONE_MEMBER: "~ Thierry"}

# name, grade, role, unit, union representative, activity weight, (first day, last day) of activity
PEOPLE = [
    ("Yannick Roux", "Gardien de la paix", "Équipier, administrateur du groupe", "Brigade Fictive 75", False, 9),
    ("Marc Lefort", "Brigadier-chef", "Chef de brigade", "Brigade Fictive 75", False, 3),
    ("Patrice Vidal", "Brigadier", "Chef de groupe", "Brigade Fictive 75", False, 7),
    ("Lucas Bernard", "Gardien de la paix stagiaire", "Équipier", "Brigade Fictive 75", False, 4),
    ("Olivier Tessier", "Gardien de la paix", "Équipier, délégué syndical", "Brigade Fictive 75", True, 4),
    ("Camille Dubois", "Gardienne de la paix", "Équipière", "Brigade Fictive 75", False, 6),
    ("Moussa Diallo", "Gardien de la paix", "Équipier", "Brigade Fictive 75", False, 5),
    ("Kevin Petit", "Gardien de la paix", "Équipier", "Brigade Fictive 75", False, 7),
    ("Damien Chevalier", "Brigadier", "Chef de patrouille", "Brigade Fictive 75", False, 6),
    ("Julien Morel", "Gardien de la paix", "Équipier", "Brigade Fictive 75", False, 6),
    ("Nicolas Garnier", "Gardien de la paix", "Équipier", "Brigade Fictive 75", False, 5),
    ("Sébastien Faure", "Gardien de la paix", "Équipier", "Brigade Fictive 75", False, 5),
    ("Laura Fontaine", "Policière adjointe", "Équipière", "Brigade Fictive 75", False, 4),
    ("Mehdi Benali", "Gardien de la paix", "Équipier (arrivé en février)", "Brigade Fictive 75", False, 4),
    ("Romain Girard", "Gardien de la paix", "Équipier (muté en mars)", "Brigade Fictive 75", False, 3),
    ("Alexandre Perrin", "Gardien de la paix", "Équipier (muté en février)", "Brigade Fictive 75", False, 2),
    ("Fabrice Noël", "Gardien de la paix", "Équipier", "Brigade Fictive 75", False, 3),
    (PHONE_MEMBER, "Réserviste", "Renfort ponctuel", "Brigade Fictive 75", False, 1),
    ("Aurélie Lambert", "Gardienne de la paix", "Équipière (arrivée en juin)", "Brigade Fictive 75", False, 4),
]

WOMEN = {"Camille Dubois", "Laura Fontaine", "Aurélie Lambert"}
# When each member may write ordinary messages (inclusive days, "DD/MM" or "DD/MM HH:MM"). Others: whole period.
ACTIVE = {
    "Mehdi Benali": ("03/02 09:20", "30/06"),
    "Alexandre Perrin": ("06/01", "16/02"),
    "Romain Girard": ("06/01", "14/03"),
    "Olivier Tessier": ("06/01", "13/04"),
    "Lucas Bernard": ("06/01", "09/06"),
    "Aurélie Lambert": ("01/06 09:10", "30/06"),
}
# From this day on nobody answers the target (exclusion after his complaint).
IGNORED_FROM = {"Lucas Bernard": "13/05 18:40"}
# Gap left by disappearing messages (messages sent while the timer was on have vanished).
DISAPPEARING_GAP = ("24/03/2025 10:20", "26/03/2025 18:05")


def ev(kind: str, **params: str) -> tuple[str, dict[str, str]]:
    return ("event", {"type": kind, **params})


Y, M, P, L, OL = "Yannick Roux", "Marc Lefort", "Patrice Vidal", "Lucas Bernard", "Olivier Tessier"
C, MO, K, D, J = "Camille Dubois", "Moussa Diallo", "Kevin Petit", "Damien Chevalier", "Julien Morel"
N, S, LA, ME, R = "Nicolas Garnier", "Sébastien Faure", "Laura Fontaine", "Mehdi Benali", "Romain Girard"
A, F, AU = "Alexandre Perrin", "Fabrice Noël", "Aurélie Lambert"


def lab(label: str, **kw: str) -> dict[str, str]:
    return {"label": label, **kw}


def hate(target: str, **kw: str) -> dict[str, str]:
    return {"label": "hate", "target": target, **kw}


def endorse(**kw: str) -> dict[str, str]:
    return {"label": "endorsement", **kw}


HAR = {"case": "harassment_lucas"}

SCENES: list[tuple[str, list[tuple]]] = [
    # ---- group life: creation and membership ------------------------------------------------
    ("06/01/2025 07:58", [
        (None, ev("encryption_notice"), None, 0),
        (None, ev("created", actor=Y, subject=GROUP), None, 0),
        (None, ev("added", actor=Y, target=C), None, 1),
        (None, ev("added", actor=Y, target=M), None, 0),
        (None, ev("added", actor=Y, target=P), None, 0),
        (None, ev("added", actor=Y, target=f"{J}, {N} et {S}"), None, 0),
        (None, ev("added", actor=Y, target=L), None, 1),
        (None, ev("added", actor=Y, target=OL), None, 0),
        (None, ev("added", actor=Y, target=MO), None, 0),
        (None, ev("added", actor=Y, target=K), None, 0),
        (None, ev("added", actor=Y, target=D), None, 0),
        (None, ev("added", actor=Y, target=LA), None, 1),
        (None, ev("added", actor=Y, target=R), None, 0),
        (None, ev("added", actor=Y, target=A), None, 0),
        (None, ev("added", actor=Y, target=F), None, 0),
        (None, ev("added", actor=Y, target=PHONE_MEMBER), None, 0),
        (None, ev("icon_changed", actor=Y), None, 1),
        (None, ev("description_changed", actor=Y), None, 1),
        (Y, "Bienvenue sur le groupe de la brigade 👮\nGroupe FICTIF de démonstration : personnes, lieux et faits "
            "inventés.\nOn s'en sert pour le planning, les infos et le reste.", None, 1),
        (M, "Merci Yannick. Je rappelle que les consignes officielles passent par la voie hiérarchique.", None, 4),
        (K, "👍", None, 1),
        (P, "Enfin un groupe pour la brigade !", None, 1),
    ]),
    ("03/02/2025 09:12", [
        (None, ev("joined_by_link", actor=ME), None, 0),
        (ME, "Bonjour à tous, Mehdi, j'arrive de la brigade de nuit. Content de vous rejoindre", None, 2),
        (S, "bienvenue Mehdi !", None, 1),
        (MO, "Bienvenue frérot 🤝", None, 1),
    ]),
    ("10/02/2025 18:40", [
        (Y, "Camille je te mets admin pour gérer le planning des week-ends", None, 0),
        (None, ev("admin_granted", actor=Y, target=C), None, 0),
        (C, "Merci, je m'en occupe", None, 2),
    ]),
    ("17/02/2025 08:05", [
        (Y, "Alexandre est muté à compter d'aujourd'hui, je le retire du groupe. Bonne route à lui", None, 0),
        (None, ev("removed", actor=Y, target=A), None, 1),
    ]),
    ("22/02/2025 10:02", [
        (C, "Ce message a été supprimé", None, 0),
        (C, "Pardon, mauvais groupe 🙈", None, 1),
    ]),
    ("03/03/2025 12:31", [(None, ev("number_changed", actor=F), None, 0)]),
    ("04/03/2025 07:02", [(None, ev("security_code_changed", actor=F), None, 0)]),
    ("10/03/2025 21:14", [
        (None, ev("subject_changed", actor=Y, old=GROUP, new=GROUP_RENAMED), None, 0),
        (K, "😂 on lâche rien", None, 2),
    ]),
    ("14/03/2025 17:20", [
        (R, "Dernier jour pour moi, je pars à Lyon demain. Merci pour tout la brigade, vous allez me manquer",
         None, 0),
        (S, "Bonne route Romain !", None, 2),
        (C, "Bonne continuation 🙏", None, 1),
    ]),
    ("15/03/2025 09:03", [(None, ev("left", actor=R), None, 0)]),
    ("07/03/2025 18:00", [
        (M, "Dates à retenir :\n14/03/2025 formation tir\n02/04/2025 visite médicale\nMerci de noter.",
         lab("ignored_directive"), 0),
    ]),
    ("24/03/2025 10:15", [
        (Y, "J'active les messages éphémères quelques jours, vous comprenez pourquoi", None, 0),
        (None, ev("disappearing_on", actor=Y), None, 1),
    ]),
    ("25/03/2025 07:30", [(None, ev("disappearing_changed", actor=Y), None, 0)]),
    ("26/03/2025 18:10", [
        (None, ev("disappearing_off", actor=Y), None, 0),
        (Y, "C'est bon on repasse en normal", None, 1),
    ]),
    ("28/04/2025 08:30", [(None, ev("subject_changed_to", actor=Y, new=GROUP), None, 0)]),
    ("05/05/2025 19:02", [(None, ev("icon_removed", actor=Y), None, 0)]),
    ("06/05/2025 07:45", [(None, ev("icon_changed", actor=Y), None, 0)]),
    ("01/06/2025 09:00", [
        (None, ev("added", actor=Y, target=AU), None, 0),
        (Y, "Bienvenue Aurélie, nouvelle dans la brigade", None, 1),
        (AU, "Bonjour à tous ! Ravie d'être là", None, 2),
        (S, "bienvenue 👋", None, 1),
    ]),

    # ---- undeclared leader: directives obeyed; declared chief ignored ----------------------
    ("13/01/2025 19:30", [
        (Y, "Demain 6h tout le monde au parking, gilets et casquettes. Pas de retard.", lab("directive"), 0),
        (K, "reçu", lab("compliance"), 1),
        (D, "ok chef", lab("compliance"), 0),
        (J, "👍", lab("compliance"), 1),
        (N, "bien reçu", lab("compliance"), 2),
    ]),
    ("16/01/2025 10:05", [
        (M, "Réunion de brigade jeudi à 14h, présence obligatoire. Merci de confirmer.",
         lab("ignored_directive"), 0),
    ]),
    ("21/01/2025 20:10", [
        (Y, "Ce soir on tourne à trois équipages vers la gare. Patrice tu prends la Mégane, Kevin avec lui.",
         lab("directive"), 0),
        (P, "reçu 👍", lab("compliance"), 1),
        (K, "ok chef", lab("compliance"), 1),
    ]),
    ("29/01/2025 11:40", [
        (M, "Merci de me rendre vos fiches d'activité de janvier avant vendredi.", lab("ignored_directive"), 0),
    ]),
    ("04/02/2025 18:00", [
        (Y, "Vous m'envoyez vos dispos pour samedi avant 20h.", lab("directive"), 0),
        (J, "envoyé", lab("compliance"), 3),
        (D, "c fait chef", lab("compliance"), 5),
        (S, "👍", lab("compliance"), 2),
        (N, "envoyé aussi", lab("compliance"), 4),
    ]),
    ("12/02/2025 14:20", [
        (M, "Pour la réunion de demain, merci de me confirmer votre présence.", lab("ignored_directive"), 0),
        (Y, "Pas besoin d'y aller, je vous ferai le point moi-même.", lab("directive"), 9),
        (K, "reçu", lab("compliance"), 1),
        (P, "👍", lab("compliance"), 1),
        (D, "parfait", lab("compliance"), 2),
    ]),
    ("26/02/2025 09:10", [
        (Y, "À partir de maintenant c'est moi qui valide les échanges de vacation, pas la peine de passer "
            "par Marc.", lab("directive"), 0),
        (P, "ok", lab("compliance"), 1),
        (K, "reçu 👍", lab("compliance"), 1),
        (J, "ça marche chef", lab("compliance"), 3),
    ]),
    ("06/03/2025 16:45", [
        (M, "Je rappelle que les échanges de vacation doivent être validés par moi. Merci de respecter la "
            "procédure.", lab("ignored_directive"), 0),
    ]),
    ("12/03/2025 07:15", [
        (Y, "Personne ne parle de l'affaire d'hier en dehors de la brigade. Compris ?", lab("directive"), 0),
        (K, "compris", lab("compliance"), 1),
        (D, "ok chef", lab("compliance"), 1),
        (N, "👍", lab("compliance"), 2),
        (J, "reçu", lab("compliance"), 2),
    ]),
    ("28/03/2025 18:30", [
        (Y, "Au nom de tous les collègues de la brigade, je dis à la direction qu'on ne se laissera pas faire "
            "sur les effectifs. Je parle pour tout le monde ici, je porterai le message lundi.",
         lab("speak_for_group"), 0),
        (P, "👍", lab("compliance"), 1),
        (K, "t'as raison", None, 1),
    ]),
    ("02/04/2025 13:00", [
        (M, "Les évaluations annuelles commencent lundi, je vous convoquerai un par un.",
         lab("ignored_directive"), 0),
    ]),
    ("08/04/2025 21:05", [
        (Y, "Demain contrôle routier devant le rond-point nord, tenue complète, 7h pétantes.", lab("directive"), 0),
        (P, "reçu", lab("compliance"), 1),
        (D, "👍", lab("compliance"), 1),
        (MO, "ok", lab("compliance"), 4),
        (J, "ok chef", lab("compliance"), 2),
    ]),
    ("07/05/2025 12:10", [
        (Y, "Les gars, on ne signe pas la pétition de la direction. Consigne.", lab("directive"), 0),
        (K, "ok chef", lab("compliance"), 1),
        (P, "reçu", lab("compliance"), 1),
        (S, "👍", lab("compliance"), 3),
    ]),
    ("21/05/2025 10:00", [
        (M, "Merci de remplir le questionnaire sur les risques psychosociaux avant la fin du mois.",
         lab("ignored_directive"), 0),
    ]),
    ("23/06/2025 19:20", [
        (Y, "Samedi on fait la sécurisation du marché, je veux tout le monde à 6h30.", lab("directive"), 0),
        (K, "reçu", lab("compliance"), 1),
        (AU, "ok 👍", lab("compliance"), 2),
        (D, "à vos ordres", lab("compliance"), 1),
    ]),

    # ---- silence order aimed at the union representative ----------------------------------
    ("14/04/2025 19:02", [
        (OL, "Bonsoir à tous. Suite aux heures sup non payées de mars, je vais faire remonter le problème au "
            "syndicat. Si vous avez des éléments, envoyez-les moi en privé.", lab("union_rep_speaks"), 0),
        (Y, "Les délégués, vous vous taisez. Rien ne sort du groupe, pas de syndicats ici.",
         lab("silence_order", named=OL), 3),
        (K, "reçu", lab("compliance"), 1),
        (D, "👍", lab("compliance"), 0),
        (P, "ok chef", lab("compliance"), 1),
        (Y, "Olivier tu supprimes ton message et tu ne contactes personne.", lab("directive", named=OL), 2),
        (J, "reçu 👍", lab("compliance"), 1),
        (OL, "Ce message a été supprimé", lab("silenced_last_message", named=OL), 4),
    ]),
    ("14/04/2025 21:00", [
        (None, ev("settings_admins_only", actor=Y), lab("silence_settings"), 0),
    ]),
    ("16/04/2025 08:00", [
        (None, ev("settings_all", actor=Y), None, 0),
    ]),
    ("22/04/2025 23:41", [
        (None, ev("left", actor=OL), lab("silenced_left", named=OL), 0),
    ]),

    # ---- hate speech, endorsements and hard negatives --------------------------------------
    ("15/01/2025 06:52", [
        (N, "Putain j'ai encore raté le RER, j'arrive dans 20 min", lab("profanity"), 0),
        (Y, "ok", None, 1),
    ]),
    ("20/01/2025 22:15", [
        (K, "Encore un contrôle à la cité, que des bougnoules comme d'hab", hate("anti_arab"), 0),
        (J, "mdr trop vrai", endorse(), 1),
        (N, "😂", endorse(), 0),
    ]),
    ("28/01/2025 14:40", [
        (D, "Les roms de la station-service ont encore tout pillé, cette vermine faudrait tous les renvoyer",
         hate("anti_roma"), 0),
        (J, "+1", endorse(), 1),
    ]),
    ("03/02/2025 16:20", [
        (S, "Les collègues noirs de la brigade d'à côté organisent le tournoi de foot, on s'inscrit ?",
         lab("neutral"), 0),
        (MO, "Grave, je m'inscris", None, 2),
        (ME, "moi aussi", None, 1),
    ]),
    ("06/02/2025 13:05", [
        (P, "Blague du jour : Marc compte ses tickets resto comme un vrai youpin 😂", hate("antisemitic",
                                                                                           framing="joke"), 0),
        (K, "😂😂", endorse(), 1),
        (D, "ptdr", endorse(), 1),
    ]),
    ("14/02/2025 23:30", [
        (D, "encore un n3gr0 qui conduisait sans permis, ils savent faire que ça", hate("anti_black",
                                                                                       obfuscated="yes"), 0),
        (K, "trop vrai", endorse(), 2),
    ]),
    ("20/02/2025 12:45", [
        (K, "Les femmes dans la police c'est bon pour l'accueil et le café, pas pour le terrain",
         hate("misogyny"), 0),
        (J, "+1 😂", endorse(), 1),
        (C, "Arrête de dire que les femmes sont inférieures, t'es sérieux là ?", lab("counter"), 1),
        (LA, "Merci Camille.", None, 2),
    ]),
    ("25/02/2025 19:10", [
        (ME, "Ma fille a appris que les Arabes ont inventé l'algèbre, elle est trop fière 😄", lab("neutral"), 0),
        (S, "elle a raison !", None, 3),
    ]),
    ("03/03/2025 15:35", [
        (D, "Les b*ugnoules du marché ont encore foutu le bordel, qu'ils rentrent chez eux",
         hate("anti_arab", obfuscated="yes"), 0),
        (K, "mdr", endorse(), 1),
        (ME, "Tu parles de qui là exactement ? Je suis au marché tous les dimanches avec ma famille. Ça suffit "
             "ce genre de propos.", lab("counter"), 2),
    ]),
    ("11/03/2025 08:20", [
        (MO, "Je suis de retour de congés les gars, j'ai ramené du thé pour la salle de pause", None, 0),
        (D, "🐒🐒🐒", hate("anti_black", aimed_at=MO, form="emoji"), 1),
        (K, "😂😂", endorse(), 0),
        (MO, "C'est quoi ce singe Damien ? Tu m'expliques ?", lab("objection", by=MO), 2),
        (D, "Détends toi c'est de l'humour 🍌", hate("anti_black", aimed_at=MO, form="emoji",
                                                    framing="joke"), 1),
    ]),
    ("18/03/2025 07:40", [
        (J, "Y a un chat noir qui dort sur le capot de la Clio depuis ce matin 🐈‍⬛", lab("neutral"), 0),
        (LA, "trop mignon", None, 2),
    ]),
    ("27/03/2025 09:15", [
        (MO, "Hier en interpellation le gars m'a traité de sale noir, c'est inadmissible. J'ai ajouté "
             "l'outrage en procédure.", lab("reported"), 0),
        (C, "Courage Moussa, c'est inacceptable", lab("support"), 2),
        (ME, "Soutien frère, t'as bien fait", lab("support"), 1),
    ]),
    ("02/04/2025 10:20", [
        (P, "Laura avec sa jupe elle va faire baisser la délinquance... ou monter autre chose 😏",
         lab("sexual_harassment", target=LA), 0),
        (K, "😂😂", endorse(), 1),
        (LA, "Très drôle. On peut parler boulot ?", lab("objection", by=LA), 3),
    ]),
    ("04/04/2025 17:50", [
        (N, "Je vais le tuer ce dossier, 40 pages de PV", lab("neutral"), 0),
        (S, "courage mdr", None, 2),
    ]),
    ("09/04/2025 22:30", [
        (K, "Les romanos du terrain vague, des voleurs de naissance, c génétique", hate("anti_roma"), 0),
        (D, "+1", endorse(), 1),
    ]),
    ("18/04/2025 11:05", [
        (D, "Le nouveau commissaire c'est encore un feuj, ils sont partout ceux-là", hate("antisemitic"), 0),
        (K, "trop vrai", endorse(), 1),
        (ME, "Arrête avec tes remarques sur les juifs Damien, c'est du racisme pur et simple", lab("counter"), 2),
    ]),
    ("23/04/2025 15:10", [
        (LA, "On tue le temps comme on peut en garde statique", lab("neutral"), 0),
        (S, "pareil 😴", None, 4),
    ]),
    ("02/05/2025 20:30", [
        (C, "Je ne pense pas que les Roms soient des voleurs, on a tous des préjugés là-dessus", lab("counter"), 0),
    ]),
    ("06/05/2025 13:45", [
        (K, "Blague : pourquoi les noirs courent vite ? parce qu'ils ont l'habitude de fuir la police 😂 "
            "c'est pour rire hein", hate("anti_black", framing="joke"), 0),
        (J, "😂😂 ptdr", endorse(), 1),
        (N, "😂", endorse(), 1),
    ]),
    ("20/05/2025 21:40", [
        (D, "Les meufs flics c'est des s4lopes qui couchent pour monter en grade", hate("misogyny",
                                                                                       obfuscated="yes"), 0),
        (K, "mdr", endorse(), 1),
    ]),
    ("27/05/2025 08:10", [
        (MO, "Formation sur les discriminations le 12 juin, c'est obligatoire pour toute la brigade",
         lab("neutral"), 0),
        (C, "noté", None, 3),
    ]),
    ("05/06/2025 18:25", [
        (P, "Ces ratons on devrait les renvoyer au bled par charter", hate("anti_arab"), 0),
        (K, "+1", endorse(), 1),
        (AU, "Pardon ? Je suis nouvelle mais ce genre de propos c'est non.", lab("counter"), 3),
    ]),
    ("30/01/2025 21:05", [
        (K, "#StopAuxBougnoules 😂 encore 3 heures pour un refus d'obtempérer", hate("anti_arab", obfuscated="hashtag"),
         0),
        (D, "+1000", endorse(), 1),
    ]),
    ("15/02/2025 19:40", [
        (D, "ces n é g r e s du quartier nord, tous des dealers", hate("anti_black", obfuscated="spaced"), 0),
        (J, "grave", endorse(), 1),
    ]),
    ("24/02/2025 22:20", [
        (D, "lol these gypsies are all thieves, send them back", hate("anti_roma", language="en"), 0),
        (K, "true 😂", endorse(), 1),
    ]),
    ("12/03/2025 17:30", [
        (P, "une femme chef de patrouille ? lol elle va pleurer au 1er refus d'obtempérer, retourne a la cuisine",
         hate("misogyny"), 0),
        (K, "mdr", endorse(), 1),
        (M, "Je ne tolérerai aucun propos sexiste ou raciste sur ce groupe.", lab("counter"), 20),
    ]),
    ("17/04/2025 08:05", [
        (LA, "Un passant m'a dit « retourne à la cuisine » pendant le contrôle, j'ai rédigé le PV pour outrage",
         lab("reported"), 0),
        (C, "Bien fait", None, 2),
    ]),
    ("25/04/2025 11:20", [
        (S, "Le guichet est noir de monde ce matin, venez aider", lab("neutral"), 0),
        (MO, "j'arrive", None, 1),
    ]),
    ("09/05/2025 09:35", [
        (K, "les youpinsssss ont encore eu leur promotion, comme par hasard",
         hate("antisemitic", obfuscated="repeated"), 0),
        (D, "😂 trop vrai", endorse(), 1),
    ]),
    ("15/05/2025 22:50", [
        (P, "Nicolas t'es vraiment un gros con, t'as encore oublié la radio", lab("insult", target=N), 0),
        (N, "désolé chef", None, 2),
    ]),
    ("31/05/2025 02:15", [
        (D, "Le prochain qui me crache dessus en garde à vue je le défonce, je vous jure", lab("threat"), 0),
        (N, "calme toi", None, 3),
    ]),
    ("12/06/2025 07:55", [
        (S, "Merde, j'ai oublié mon badge, quelqu'un peut m'ouvrir ?", lab("profanity"), 0),
        (N, "j'arrive", None, 1),
    ]),
    ("18/06/2025 16:30", [
        (D, "Le macaque qu'on a interpellé ce matin, retour dans la jungle 🐒", hate("anti_black"), 0),
        (K, "😂", endorse(), 1),
        (P, "mdrrr", endorse(), 1),
    ]),

    # ---- harassment of Lucas by his superior: escalating, words then acts, objection, retaliation --
    ("09/01/2025 13:10", [
        (P, "Bambi il a encore oublié son calepin 😂", lab("mockery", target=L, **HAR, severity="1"), 0),
        (L, "haha très drôle", None, 2),
    ]),
    ("27/01/2025 19:45", [
        (P, "Lucas t'as demandé à ta maman pour sortir ce soir ? 😂", lab("mockery", target=L, **HAR,
                                                                           severity="1"), 0),
        (K, "😂", endorse(**HAR), 1),
    ]),
    ("07/02/2025 08:30", [
        (P, "Bambi tu mets du gel ou c'est naturel ces cheveux de minet ?", lab("mockery", target=L, **HAR,
                                                                                 severity="1"), 0),
        (L, "c'est naturel chef", None, 3),
    ]),
    ("18/02/2025 12:15", [
        (P, "Notre Bambi a rougi quand la stagiaire lui a dit bonjour mdr", lab("mockery", target=L, **HAR,
                                                                                 severity="1"), 0),
        (D, "mdrrr", endorse(**HAR), 1),
    ]),
    ("26/02/2025 21:50", [
        (P, "Bambi il sait même pas ce que c'est une femme, faudra qu'on lui montre 😂",
         lab("sexual_harassment", target=L, **HAR, severity="2"), 0),
        (K, "😂😂😂", endorse(**HAR), 1),
    ]),
    ("05/03/2025 14:00", [
        (P, "Lucas t'es puceau ou tu fais semblant ?", lab("sexual_harassment", target=L, **HAR, severity="2"), 0),
        (L, "bon ça va...", None, 4),
    ]),
    ("13/03/2025 09:30", [
        (P, "Bambi il a des fesses de nageuse, faites gaffe dans le vestiaire 🍑",
         lab("sexual_harassment", target=L, **HAR, severity="2"), 0),
        (J, "😂", endorse(**HAR), 1),
        (D, "mdr Bambi 🦌", lab("mockery", target=L, **HAR, severity="1"), 1),
    ]),
    ("19/03/2025 18:05", [
        (P, "Lucas viens t'asseoir sur mes genoux pour le briefing", lab("sexual_harassment", target=L, **HAR,
                                                                          severity="2"), 0),
        (K, "😂😂", endorse(**HAR), 1),
    ]),
    ("21/03/2025 07:20", [
        (P, "Alors Bambi, toujours pas de copine ? On va finir par croire que t'aimes les hommes 😂",
         lab("sexual_harassment", target=L, **HAR, severity="2"), 0),
        (L, "c'est lourd là", lab("objection_mild", by=L), 5),
    ]),
    ("31/03/2025 12:40", [
        (P, "Bambi on t'a vu dans les douches, y a pas grand-chose à voir 🤏😂",
         lab("sexual_harassment", target=L, **HAR, severity="3"), 0),
        (K, "😂😂😂", endorse(**HAR), 1),
        (D, "🤏😂", endorse(**HAR), 1),
    ]),
    ("03/04/2025 22:10", [
        (P, "Ce soir c'est Bambi qui fait la danse sur la table, en string", lab("sexual_harassment", target=L,
                                                                              **HAR, severity="3"), 0),
        (N, "mdr", endorse(**HAR), 2),
    ]),
    ("07/04/2025 13:35", [
        (P, "Faut que Bambi se fasse dépuceler avant la fin du stage, on cotise ?",
         lab("sexual_harassment", target=L, **HAR, severity="3"), 0),
        (K, "je mets 5€ 😂", endorse(**HAR), 1),
        (D, "moi 10", endorse(**HAR), 1),
    ]),
    ("11/04/2025 19:20", [
        (P, "Lucas tu suces pour avoir tes congés ou quoi ?", lab("sexual_harassment", target=L, **HAR,
                                                                   severity="4"), 0),
        (J, "😂", endorse(**HAR), 1),
    ]),
    ("16/04/2025 09:10", [
        (P, "Bambi la petite salope de la brigade 😂", lab("sexual_harassment", target=L, **HAR, severity="4"), 0),
        (K, "😂😂", endorse(**HAR), 0),
    ]),
    ("19/04/2025 14:25", [
        (K, "Bambi t'as mis ta petite culotte rose aujourd'hui ?", lab("sexual_harassment", target=L, **HAR,
                                                                       severity="3"), 0),
        (P, "😂😂 il adore ça", lab("sexual_harassment", target=L, **HAR, severity="3"), 1),
    ]),
    ("24/04/2025 20:05", [
        (P, "Lucas ce soir tu dors au poste, on a besoin d'une poupée gonflable 😂",
         lab("sexual_harassment", target=L, **HAR, severity="4"), 0),
        (D, "mdrrrr", endorse(**HAR), 1),
    ]),
    ("29/04/2025 08:00", [
        (P, "Bambi à quatre pattes pour ramasser les PV, on connaît tes talents 😏",
         lab("sexual_harassment", target=L, **HAR, severity="4"), 0),
        (K, "😂", endorse(**HAR), 1),
        (L, "Pourquoi vous faites ça ?", None, 6),
    ]),
    ("02/05/2025 10:30", [
        (P, "Vous avez vu l'affiche de Bambi dans le couloir ? 😂😂 je l'ai imprimée en A3",
         lab("words_to_acts", target=L, **HAR, severity="4"), 0),
        (K, "la tête de cerf 😂😂😂", endorse(**HAR), 1),
        (D, "chef-d'oeuvre", endorse(**HAR), 1),
    ]),
    ("05/05/2025 16:15", [
        (P, "J'en ai collé une autre devant les vestiaires, Bambi en tutu photoshopé 🩰",
         lab("words_to_acts", target=L, **HAR, severity="4"), 0),
        (J, "😂😂", endorse(**HAR), 1),
        (N, "+1 pour l'affiche", endorse(**HAR), 2),
    ]),
    ("08/05/2025 07:50", [
        (P, "Demain je lui mets la main aux fesses à l'appel, vous allez voir sa tête",
         lab("sexual_harassment", target=L, **HAR, severity="5", kind="threat_of_touching"), 0),
        (K, "filme 😂", endorse(**HAR), 1),
    ]),
    ("10/05/2025 12:05", [
        (P, "Bambi la princesse du commissariat, on lui offre une robe pour son anniversaire ?",
         lab("mockery", target=L, **HAR, severity="3"), 0),
        (D, "😂", endorse(**HAR), 1),
    ]),
    ("12/05/2025 08:40", [
        (P, "Bambi t'as aimé la main aux fesses ce matin ? 😂", lab("sexual_harassment", target=L, **HAR,
                                                                     severity="5", kind="act_mentioned"), 0),
        (K, "😂😂", endorse(**HAR), 1),
        (L, "Arrêtez, ce n'est pas drôle. Ça dure depuis janvier et ça va trop loin.",
         lab("objection", by=L, **HAR), 3),
    ]),
    ("13/05/2025 18:20", [
        (L, "Les affiches dans le couloir c'est trop. Si ça continue je vais en parler à la hiérarchie.",
         lab("objection", by=L, **HAR), 0),
        (P, "Ah la balance 😂 vas-y cours voir maman", lab("retaliation", target=L, **HAR, severity="4"), 2),
        (D, "Une balance dans la brigade, on aura tout vu", lab("retaliation", target=L, **HAR, severity="3"), 1),
        (Y, "Faites comme s'il n'existait pas. Plus personne ne lui répond.",
         lab("exclusion", target=L, **HAR, directive="yes"), 4),
        (K, "reçu", lab("compliance"), 1),
        (P, "ok chef", lab("compliance"), 1),
        (C, "Lucas je suis de ton côté, ce qui se passe n'est pas normal.", lab("support", **HAR), 6),
    ]),
    ("14/05/2025 09:00", [
        (P, "Lucas t'as intérêt à retirer ce que t'as dit si tu veux finir ton stage",
         lab("retaliation", target=L, **HAR, severity="4"), 0),
    ]),
    ("16/05/2025 17:30", [
        (None, ev("admin_revoked", actor=Y, target=C), lab("retaliation_on_supporter", target=C, **HAR), 0),
    ]),
    ("19/05/2025 07:10", [
        (L, "Quelqu'un peut me dire l'heure de la relève demain ?", lab("ignored_target", **HAR), 0),
    ]),
    ("22/05/2025 13:25", [
        (P, "Personne ne l'invite au pot vendredi, hein", lab("exclusion", target=L, **HAR), 0),
        (K, "évidemment", lab("compliance"), 1),
    ]),
    ("26/05/2025 20:00", [
        (L, "Bonsoir, je suis de service ce soir, qui est avec moi ?", lab("ignored_target", **HAR), 0),
    ]),
    ("29/05/2025 11:45", [
        (P, "Le stagiaire balance, on le met au placard jusqu'à la fin du stage 😂",
         lab("retaliation", target=L, **HAR, severity="3"), 0),
        (D, "😂", endorse(**HAR), 1),
    ]),
    ("03/06/2025 08:15", [
        (L, "Est-ce que quelqu'un a les clés de la Clio ?", lab("ignored_target", **HAR), 0),
    ]),
    ("06/06/2025 14:10", [
        (L, "J'ai fait un signalement auprès de la hiérarchie.", lab("complaint", by=L, **HAR), 0),
        (P, "Tu vas le regretter Bambi", lab("retaliation", target=L, **HAR, severity="5", kind="threat"), 3),
    ]),
    ("10/06/2025 22:40", [(None, ev("settings_admins_only", actor=Y), None, 0)]),
    ("11/06/2025 07:30", [(None, ev("settings_all", actor=Y), None, 0)]),
    ("16/06/2025 09:05", [(None, ev("description_changed", actor=Y), None, 0)]),
    ("10/06/2025 22:47", [
        (None, ev("removed", actor=Y, target=L), lab("removal", target=L, **HAR), 0),
        (P, "Bon débarras 😂", lab("retaliation", target=L, **HAR, severity="3"), 1),
        (K, "+1", endorse(**HAR), 1),
    ]),
]

# ---- the second group: formed in hours, a call to action and a silence order, then dissolved ----
COLLECTIF_CORE = [P, K, D, J, N, S]
