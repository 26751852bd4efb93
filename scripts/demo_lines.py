"""Hand-written pools of ordinary French group-chat lines for the demo generator (all fictional).

Placeholders filled by make_demo.py: {name} a member's first name, {day} a weekday, {hour} a time,
{veh} a vehicle, {place} a generic place, {n} a small number, {date} a day of the month.
Nothing here is misconduct: the planted lines live in make_demo.py, next to their labels.
"""

from __future__ import annotations

DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
HOURS = ["5h45", "6h", "6h30", "7h", "12h", "13h", "13h30", "14h", "20h", "21h", "21h30", "22h"]
VEHICLES = ["la Mégane", "le Trafic", "la 5008", "le fourgon", "la banalisée", "la Scénic", "le Master",
            "la Clio", "la bleue", "la TV2"]
PLACES = ["la gare", "le centre commercial", "le parking du stade", "la place du marché", "le rond-point nord",
          "la zone industrielle", "le lycée", "la médiathèque", "la rue des Tilleuls", "le square",
          "la station-service", "l'avenue principale", "le pont", "la cité des Peupliers"]

# Topic -> (starters, replies). Starters open a thread; replies follow within minutes.
TOPICS: dict[str, tuple[list[str], list[str]]] = {
    "planning": (
        [
            "Qui peut me remplacer {day} matin ? J'ai un rdv chez le médecin",
            "quelqu'un échange son {day} contre mon {day} ?",
            "Je suis de nuit {day}, quelqu'un veut mon après-midi de {day} ?",
            "Rappel : relève à {hour} {day}, soyez à l'heure svp",
            "On est combien {day} ? Il me manque du monde sur le tableau",
            "Le planning de la semaine pro est affiché au poste",
            "Qui est d'astreinte ce week-end ?",
            "{name} tu bosses {day} ou t'es en repos ?",
            "je peux pas faire {day} soir, ma fille a son spectacle",
            "Il manque deux personnes pour le {date}, qui est dispo ?",
            "Changement de dernière minute : je passe en après-midi {day}",
            "Quelqu'un a vu le nouveau cycle ? On repasse en 4/2 ou pas ?",
            "On est encore en sous-effectif {day}, c'est la 3e fois ce mois",
            "qui prend la vacation de {hour} {day} ?",
            "J'ai posé mon RTT {day}, {name} tu me couvres pour la main courante ?",
            "Besoin d'un volontaire pour la garde statique {day}",
            "La permanence du {date} est toujours vide...",
            "jsuis dispo {day} si besoin",
            "Quelqu'un a une idée de quand tombent les heures sup ?",
            "Je récupère mes heures {day}, je serai pas joignable",
            "Planning semaine :\nLundi : {name} + {name}\nMardi : {name} + {name}\nMercredi : à compléter",
            "Dates à retenir :\n{date}/03/2025 formation tir\n{date}/04/2025 visite médicale\nMerci de noter",
        ],
        [
            "moi je peux", "Je prends", "ok pour moi", "dispo", "pas moi désolé je suis en repos",
            "je regarde et je te dis", "Je peux faire le matin mais pas l'aprem", "ça marche",
            "tu me revaudras ça 😄", "ah non moi je suis en congés", "je peux échanger si tu prends mon {day}",
            "vu", "j'ai déjà fait les deux derniers 😅", "c'est noté", "je demande à ma femme et je te dis",
            "Impossible pour moi, garde d'enfants", "je suis de nuit ce jour là", "Ok je te remplace",
            "On verra demain au poste", "faut voir avec le secrétariat", "c'est toujours les mêmes qui s'y collent",
            "je me mets dessus", "vas-y je prends le {day}", "ça dépend, tu finis à quelle heure ?",
            "Pas de souci", "jpeux pas dsl", "grave, moi aussi je suis cramé",
        ],
    ),
    "vehicules": (
        [
            "{veh} fait encore un bruit bizarre au freinage",
            "Qui a laissé {veh} sans essence ?? Elle est dans le rouge",
            "le gyrophare de {veh} marche plus",
            "{veh} part au garage {day}, on fait comment ?",
            "Quelqu'un a les clés de {veh} ? Elles sont pas au tableau",
            "Pneu crevé sur {veh} devant {place} 🙄",
            "On a récupéré {veh}, elle sent le tabac froid, merci à celui qui a fumé dedans",
            "La radio de {veh} grésille, j'ai fait un bon de réparation",
            "Il reste plus que {veh} de dispo cet aprem",
            "Le contrôle technique de {veh} est dépassé, attention",
            "Quelqu'un a rayé {veh} sur le parking ?",
            "carte essence introuvable, qui l'a gardée ?",
            "{veh} est de nouveau dispo, réparée",
            "on a plus de gilets dans {veh}",
            "Le siège conducteur de {veh} est cassé, mal au dos garanti",
        ],
        [
            "c'est pas moi", "Je l'ai signalé la semaine dernière", "elle a 300 000 km faut pas rêver",
            "les clés sont dans le tiroir du chef", "faut faire un bon", "classique",
            "on demande des véhicules neufs depuis 2 ans", "je l'ai ramenée hier soir", "mdr comme d'hab",
            "j'ai mis 20 litres hier", "moi je prends plus cette voiture", "faut appeler le garage",
            "J'ai vu, c'est réparé", "c'est Kevin je parie 😂", "vivement les nouvelles",
            "ah ouais elle freine mal", "ok je préviens l'atelier",
        ],
    ),
    "cafe": (
        [
            "Qui ramène les croissants demain ?",
            "La machine à café est encore en panne 😩",
            "j'ai ramené un gâteau, il est dans la salle de pause",
            "On commande des pizzas ce soir ?",
            "Kebab ou sushis ce midi ?",
            "c'est l'anniversaire de {name} {day}, on fait une cagnotte ?",
            "Il reste du café quelqu'un ?",
            "Le frigo de la salle de pause pue, qui a oublié son tupperware ??",
            "Pot de départ de {name} le {date}, venez nombreux",
            "Barbecue chez moi samedi pour ceux qui sont pas de service 🍖",
            "qqn a piqué mon yaourt",
            "On se fait un resto après la relève ?",
            "J'ai ramené des chouquettes 🥐",
            "Qui a fini le lait sans en racheter ?",
            "Galette des rois demain midi, c'est {name} qui paie 👑",
            "Commande pizzas :\n{name} 4 fromages\n{name} reine\n{name} calzone\nQui d'autre ?",
            "Pour la cagnotte de {name} :\nj'ai déjà 80€\nil manque ceux de l'après-midi",
        ],
        [
            "moi !", "chaud", "grave", "je ramène les boissons", "moi je prends une 4 fromages",
            "je passe mon tour, régime", "😋", "trop bien", "merci 🙏", "c'est pas moi je jure",
            "je participe", "je mets 10€", "on a dit sushis", "le kebab d'en face est fermé", "j'arrive",
            "y en a plus 😂", "tkt je m'en occupe", "merci {name} t'es au top", "top", "je viens avec ma femme",
            "c'était trop bon", "re-merci pour le gâteau", "mdr le frigo c'est un vrai labo",
        ],
    ),
    "foot": (
        [
            "Vous avez vu le match hier ?",
            "Quel but à la 89e !!! ⚽",
            "L'arbitre était vendu hier soir",
            "Five samedi ? Il nous manque deux joueurs",
            "Qui regarde le classico dimanche ?",
            "on se fait le match au bar après le service ?",
            "Mon fils a marqué son premier but ce matin 🥹",
            "Le tournoi inter-services c'est le {date}, on s'inscrit ?",
            "Équipe pour le five :\n{name}\n{name}\n{name}\n{name}\nil manque un gardien",
            "Paris va encore se faire sortir en Ligue des champions",
            "Le rugby samedi, qui est chaud ?",
            "on a perdu 5-2 au five, on était nuls",
            "Quelqu'un a des places pour le match du {date} ?",
        ],
        [
            "ouais incroyable", "l'arbitre était nul", "chaud pour le five", "moi je peux samedi",
            "je suis de service 😭", "allez l'OM", "on va gagner cette fois", "t'es pas objectif mdr",
            "bravo à lui !", "trop fort", "je ramène le ballon", "moi je joue gardien", "c'était un penalty",
            "je l'ai raté, je dormais", "inscrivez-moi", "ça va être dur", "paris c'est fini", "wesh calme toi 😂",
        ],
    ),
    "vacances": (
        [
            "Les demandes de congés d'été c'est avant le {date} !",
            "Je pars en Bretagne 2 semaines en juillet 🏖️",
            "Qui a eu ses congés validés ?",
            "Retour de vacances, j'ai rien suivi, quoi de neuf ?",
            "Plus que {n} jours avant les vacances",
            "Quelqu'un connaît un bon camping dans le sud ?",
            "ma demande de congés a encore été refusée...",
            "Le tableau des congés d'août est plein, il reste que la dernière semaine",
            "Congés validés :\n{name} du 7 au 21 juillet\n{name} août\nles autres attendez la réponse",
            "Je suis en congés à partir de {day}, bon courage les gars",
            "photos de la montagne pour vous faire rager 😎",
        ],
        [
            "profite bien", "veinard", "moi c'est pas avant septembre", "validé pour moi",
            "pas encore de réponse", "on se bat pour les mêmes semaines", "bonnes vacances !",
            "ramène nous des spécialités", "j'y étais l'an dernier c'est top", "jaloux 😂",
            "faut relancer le secrétariat", "moi j'ai eu que 10 jours", "trop beau",
        ],
    ),
    "procedures": (
        [
            "Quelqu'un sait comment on remplit le nouveau formulaire de PV ?",
            "Le logiciel de rédaction plante encore",
            "Rappel : les procédures du week-end doivent être bouclées avant lundi",
            "C'est quoi déjà le délai pour transmettre au parquet ?",
            "Il y a une note de service sur les gilets pare-balles, vous l'avez lue ?",
            "J'ai 3 plaintes en retard, je vais y passer la nuit",
            "Qui a le modèle de rapport pour les accidents matériels ?",
            "L'imprimante du 2e est en rade, imprimez en bas",
            "Nouvelle procédure pour les scellés à partir de {day}",
            "Quelqu'un peut relire mon PV avant que je l'envoie ?",
            "La main courante de cette nuit est incomplète, qui était de permanence ?",
            "Le serveur est tombé, rien ne s'enregistre",
            "Formation au nouveau logiciel le {date}, inscription obligatoire",
            "Qui a le code du photocopieur ?",
            "Pour ceux qui demandent, la procédure scellés :\n1) photo\n2) étiquette\n3) registre signé",
            "Liste des pièces à joindre :\n- PV d'audition\n- certificat médical\n- photos\nSinon le parquet renvoie",
            "J'ai retrouvé un dossier sans nom sur mon bureau, c'est à qui ?",
        ],
        [
            "aucune idée", "demande au secrétariat", "48h je crois", "c'est dans le classeur bleu",
            "je te l'envoie par mail", "pareil pour moi", "ça plante depuis ce matin", "relis la note",
            "je peux relire si tu veux", "c'est à moi merci !", "c'était moi désolé je complète",
            "le code c'est sur le post-it", "on va encore y passer des heures", "j'ai pas eu le mail",
            "faut redémarrer le poste", "ça marche enfin", "je m'en occupe demain",
        ],
    ),
    "terrain": (
        [
            "Accident devant {place}, on est sur place",
            "Embouteillage monstre vers {place}, évitez",
            "Retour au poste dans 10 min",
            "Rixe à {place}, situation calme maintenant",
            "On a un véhicule volé retrouvé vers {place}",
            "Qui peut passer prendre une plainte à {place} ?",
            "Alarme déclenchée à {place}, fausse alerte",
            "Fin d'intervention à {place}, RAS",
            "Contrôle routier {day} devant {place}, qui est dispo ?",
            "Personne âgée désorientée retrouvée près de {place}, on la ramène chez elle",
            "On renforce la patrouille vers {place} ce soir",
            "Chien perdu vers {place}, si vous le voyez il s'appelle Oscar 🐕",
            "Grosse journée, 6 interventions ce matin",
            "Manif prévue {day} vers {place}, on sera mobilisés",
            "Calme plat cette nuit, même pas un appel",
            "Bilan de la nuit :\n2 ivresses\n1 différend familial\n1 accident sans blessé",
            "Point circulation :\nbouchon vers {place}\nfeux en panne vers {place}",
        ],
        [
            "bien reçu, on arrive", "ok on évite", "besoin de renfort ?", "on est à 5 min", "bien joué",
            "RAS de notre côté", "on passe dans l'après-midi", "courage", "vous avez besoin de quelque chose ?",
            "ouf", "je préviens la relève", "merci pour l'info", "ils sont toujours là-bas ?",
            "c'est la 3e fois cette semaine", "on garde un oeil", "le chien est retrouvé 🙌",
        ],
    ),
    "blagues": (
        [
            "Elle est bonne celle-là 😂",
            "Qui a mis un post-it « ne pas toucher » sur la machine à café ? 😂",
            "j'ai rêvé que le chef nous offrait des heures sup payées, dur réveil",
            "Breaking news : {veh} a démarré du premier coup 😂",
            "On devrait faire un calendrier de la brigade comme les pompiers mdr",
            "le nouveau stagiaire a demandé où on range les sirènes 😂",
            "J'ai trouvé le secret : 4 cafés avant 7h",
            "Les 3 étapes d'une nuit de permanence :\n1. café\n2. café\n3. regretter le café 😂",
            "Qui a changé le fond d'écran du poste de garde ? 🤣",
            "Un pigeon est entré dans le hall, on est en sous-effectif même contre lui",
            "J'ai appelé {name} trois fois, il répond jamais, il est en mode avion depuis 2019",
            "Photo de {name} qui dort en pause, preuve à l'appui 😴",
            "Le chat du voisin du poste a encore dormi sur le capot 🐈",
        ],
        [
            "😂😂😂", "mdrrr", "ptdr", "je suis mort 🤣", "trop fort", "c'est pas faux", "véridique",
            "jpp", "lol", "😂", "🤣🤣", "je confirme", "t'es con mdr", "la honte", "c'est moi 🙋",
            "pas faux", "xD", "j'avoue", "arrête je pleure",
        ],
    ),
    "formation": (
        [
            "Séance de tir {day} à {hour}, n'oubliez pas vos munitions",
            "Qui a validé sa qualif tir ?",
            "Formation gestes et techniques d'intervention le {date}",
            "Recyclage secourisme obligatoire avant fin du mois",
            "Le stand de tir est fermé {day}, reporté",
            "Inscriptions pour le concours de brigadier ouvertes jusqu'au {date}",
            "Qui passe le permis poids lourd cette année ?",
            "La salle de sport du poste rouvre {day} 💪",
        ],
        [
            "validé ✅", "moi pas encore", "je suis inscrit", "encore ?", "ok noté", "on y va ensemble ?",
            "j'ai raté la dernière", "bonne chance", "faut réviser", "je m'inscris", "enfin !",
        ],
    ),
    "famille": (
        [
            "Ma fille a eu son bac blanc 🥳",
            "Nuit blanche, le petit a de la fièvre",
            "Je serai en retard demain, grève de la crèche",
            "On cherche une nounou vers chez moi si vous avez un plan",
            "Mon fils veut devenir policier, je fais quoi ? 😅",
            "Naissance de mon neveu cette nuit 👶",
            "Déménagement samedi, qui a des bras ? Bières offertes 🍺",
            "Mariage de ma soeur ce week-end, je suis injoignable",
            "ma femme me demande si quelqu'un a un plan pour un lave-linge pas cher",
        ],
        [
            "félicitations !", "bravo à elle", "courage", "je viens aider", "j'ai un numéro, je te l'envoie",
            "t'inquiète on gère", "prompt rétablissement au petit", "dis-lui de fuir 😂", "profite bien",
            "trop mignon", "je peux samedi matin", "félicitations à toute la famille",
        ],
    ),
    "meteo": (
        [
            "Il pleut des cordes, prenez les K-way",
            "Canicule annoncée, pensez à l'eau dans les véhicules",
            "Verglas ce matin, soyez prudents",
            "RER bloqué, je vais être en retard",
            "Grève des transports {day}, organisez-vous",
            "Neige sur l'autoroute, 1h de bouchons",
            "il fait 35 degrés dans le bureau, la clim est morte",
            "Accident sur le périph, je serai là dans 40 min",
            "Tempête annoncée cette nuit, attention aux arbres sur {place}",
            "Orage de grêle, rentrez les véhicules sous l'abri si possible",
            "Brouillard épais ce matin, on ne voit rien à 20 mètres",
            "Métro en panne, je finis à pied",
            "Le parking du poste est inondé, garez-vous derrière",
        ],
        [
            "merci", "pareil ici", "je viens en voiture alors", "on covoiture ?", "j'arrive à vélo",
            "l'enfer", "j'ai des bouteilles dans le coffre", "prudence", "encore ?!", "je te récupère à la gare",
        ],
    ),
}

# Short generic reactions used anywhere.
GENERIC_REPLIES = [
    "ok", "Ok", "d'accord", "dac", "👍", "👌", "oui", "ouais", "non", "bof", "ah bon ?", "sérieux ?",
    "merci", "merci !", "top", "parfait", "ça marche", "c'est noté", "vu", "ah", "haha", "😅", "🙏",
    "pas de souci", "je sais pas", "bonne question", "on verra", "grave", "tkt", "ok merci", "oui oui",
    "mdr", "bien vu", "exact", "carrément", "trop bien", "bon courage", "à demain", "bonne soirée",
    "bonne nuit les gars", "yes", "nickel", "👏", "ah ok", "je vois", "c'est clair", "ouf", "pas faux",
]

# Lines the declared chief posts (instructions and notices that the group mostly ignores).
CHIEF_LINES = [
    "Merci de remplir vos fiches d'activité avant vendredi.",
    "Rappel : les comptes rendus d'intervention doivent être saisis le jour même.",
    "Réunion de brigade {day} à {hour}, présence souhaitée.",
    "Je rappelle que le port de la tenue complète est obligatoire en patrouille.",
    "Merci de me transmettre vos demandes de congés par écrit.",
    "La note de service sur les heures supplémentaires est affichée, lisez-la svp.",
    "Pensez à vérifier les trousses de secours des véhicules.",
    "Point sur les objectifs du mois {day} en fin de vacation.",
    "Je vous rappelle que l'usage du téléphone personnel en intervention est proscrit.",
    "Bravo pour l'intervention d'hier, bon travail collectif.",
    "Merci de nettoyer les véhicules en fin de service.",
    "Quelqu'un peut me confirmer les effectifs de {day} ?",
    "J'attends toujours trois rapports de la semaine dernière.",
    "Les évaluations annuelles commencent le {date}, je vous convoquerai un par un.",
    "Merci de respecter les horaires de relève, je ne le répéterai pas.",
    "Ordre du jour de la réunion :\n- effectifs\n- véhicules\n- congés d'été\nMerci d'être présents.",
    "Rappel des priorités du mois :\n1) sécurisation des écoles\n2) contrôles routiers\n3) procédures en retard",
]

EMOJI = ["😂", "🤣", "😅", "👍", "🙏", "😎", "😩", "🙄", "💪", "🔥", "😴", "🥲", "👌", "😬", "🚓", "☕", "⚽"]

# Substitutions towards SMS spelling (applied now and then, deterministically).
SMS = [
    ("je suis", "jsuis"), ("Je suis", "Jsuis"), ("t'inquiète", "tkt"), ("d'accord", "dac"),
    ("beaucoup", "bcp"), ("aujourd'hui", "auj"), ("rendez-vous", "rdv"), ("s'il te plaît", "stp"),
    ("pourquoi", "pk"), ("quelqu'un", "qqn"), ("Quelqu'un", "Qqn"), ("c'est", "c"), ("je sais pas", "jsp"),
    ("vraiment", "vrmt"), ("demain", "dem"), ("ce soir", "ce soir"), ("toujours", "tjrs"), ("peut-être", "ptet"),
    ("qu'est-ce que", "keske"), ("quoi", "koi"), ("je peux", "jpeux"), ("tout le monde", "tlm"),
]

# Lines that only fit some months (words -> months).
SEASONAL = [
    (("Verglas", "Neige", "galette", "Galette"), (1, 2)),
    (("Canicule", "35 degrés", "grêle", "Bretagne", "camping", "montagne"), (5, 6)),
    (("bac blanc",), (1, 2, 3, 4)),
]

# Extra lines per topic (appended to TOPICS below) so that long lines rarely repeat.
MORE: dict[str, tuple[list[str], list[str]]] = {
    "planning": (
        [
            "Je peux pas venir {day}, ma voiture est au garage. Quelqu'un me récupère ?",
            "{name} t'as vu que t'es noté deux fois {day} ?",
            "Petit changement : {name} et moi on inverse {day} et {day}",
            "Qui veut faire la fête de la musique ? Il faut 4 volontaires",
            "Pour le {date}, on sera que trois en patrouille, je préviens",
            "Ça vous dérange si je pars 30 min plus tôt {day} ? rdv chez le dentiste",
            "Le tableau de service a été modifié, vérifiez vos créneaux",
            "Quelqu'un peut faire ma relève de {hour} ? Je vous revaudrai ça",
            "On fait comment pour la nuit du {date} ? Personne n'est inscrit",
            "Je suis malade, arrêt jusqu'à {day}. Désolé les gars",
            "Qui est en formation {day} ? Il faut le savoir pour le tableau",
            "je suis en récup {day} et {day}, joignable en cas d'urgence seulement",
            "Week-end prolongé du {date} : qui est de permanence ?",
        ],
        [
            "je te récupère vers 6h", "je l'ai vu, je corrige", "ok pour l'inversion", "moi je veux bien la faire",
            "Repose-toi bien", "soigne-toi", "bon rétablissement", "pas de souci pour moi", "c'est bon je m'inscris",
            "je regarde mon agenda", "j'ai déjà donné l'an dernier", "ok je note", "je peux faire la première moitié",
            "on se débrouillera", "faut prévenir le chef de poste", "c'est noté sur le tableau",
        ],
    ),
    "vehicules": (
        [
            "Quelqu'un a laissé un sandwich dans la boîte à gants de {veh} 🤢",
            "{veh} a un voyant moteur allumé, je la laisse au parking",
            "Les essuie-glaces de {veh} sont morts, on voit rien sous la pluie",
            "Le GPS de {veh} nous a envoyés dans un champ 😂",
            "J'ai fait le plein de {veh}, ticket dans le classeur",
            "La portière arrière de {veh} ne s'ouvre plus de l'intérieur, attention avec les interpellés",
            "Nouvelle voiture livrée {day} ! Enfin",
        ],
        [
            "merci pour le plein", "je préviens l'atelier", "encore ?", "faut la déclarer hors service",
            "depuis le temps qu'on le dit", "j'ai vu le voyant aussi", "on l'a essayée, elle est top",
            "elle a une odeur de neuf 😍", "la mienne aussi elle fait ça",
        ],
    ),
    "cafe": (
        [
            "Qui veut un café ? Je descends",
            "Le boulanger d'en face fait des éclairs de fou, je ramène ?",
            "On se fait un petit-déj collectif {day} matin ?",
            "Le distributeur a avalé ma pièce, encore",
            "{name} t'as oublié ta gamelle au micro-ondes",
            "Raclette chez {name} samedi, c'est confirmé ?",
            "Quelqu'un a un tire-bouchon pour le pot de {day} ?",
        ],
        [
            "un noir sans sucre stp", "moi un allongé", "ramène-en 6", "je descends avec toi", "j'apporte le fromage",
            "confirmé", "c'est bon je l'ai récupérée", "j'ai perdu 2€ aussi", "chaud pour le petit-déj",
        ],
    ),
    "terrain": (
        [
            "Vol à l'étalage au centre commercial, auteur interpellé",
            "Véhicule en stationnement gênant devant {place}, enlèvement demandé",
            "Appel pour tapage vers {place}, on y va",
            "Intervention terminée à {place}, tout le monde rentre",
            "Besoin d'un équipage vers {place} pour une sécurisation",
            "Deux scooters en rodéo vers {place}, on ne prend pas en chasse, consigne",
            "Fuite de gaz signalée vers {place}, pompiers sur place, on fait le périmètre",
            "Accident à {place}, un blessé léger, constat en cours",
        ],
        [
            "bien joué les gars", "on arrive en renfort", "on s'en occupe", "prenez soin de vous", "ok on reste dispo",
            "périmètre en place", "ça roule", "dites si vous avez besoin", "RAS ici", "on libère la radio",
        ],
    ),
    "blagues": (
        [
            "Mon fils m'a demandé si on avait des pistolets à eau au commissariat 😂",
            "Quelqu'un a mis la musique de Starsky et Hutch dans la voiture ce matin 😂",
            "Le nouveau logiciel a planté 4 fois, il bat son record",
            "J'ai salué le mannequin de la vitrine en patrouille, dites rien",
            "{name} a essayé de démarrer {veh} avec les clés de chez lui 😂",
            "Record battu : 14 cafés dans la nuit",
        ],
        [
            "mdrrr j'étais là", "la honte 😂", "t'es pas bien toi", "😂😂 j'y crois pas", "ça m'étonne pas de lui",
            "je raconte à tout le monde", "photo ou ça s'est pas passé",
        ],
    ),
    "famille": (
        [
            "Ma fille fait sa rentrée en CP {day}, je suis plus stressé qu'elle",
            "Le chien a mangé ma chaussure de service 🙄",
            "Anniversaire de mon fils samedi, 10 gamins à la maison, priez pour moi",
            "Quelqu'un connaît un bon pédiatre dans le coin ?",
        ],
        ["courage 😂", "bonne chance", "je t'envoie le numéro du mien", "ça grandit vite", "ramène-nous du gâteau"],
    ),
}
for _topic, (_starters, _replies) in MORE.items():
    TOPICS[_topic][0].extend(_starters)
    TOPICS[_topic][1].extend(_replies)

# Replies that answer one opening line precisely (used first, before the topic's looser replies).
PAIRS: dict[str, list[str]] = {
    "Qui ramène les croissants demain ?": ["moi je ramène", "c'est ton tour je crois 😏", "je prends des pains au choc"],
    "La machine à café est encore en panne 😩": ["noooon", "je descends au distributeur", "j'ai appelé le technicien",
                                                "la journée va être longue"],
    "On commande des pizzas ce soir ?": ["chaud", "une reine pour moi", "je passe, je suis au régime",
                                         "on commande à quelle heure ?"],
    "Kebab ou sushis ce midi ?": ["kebab", "sushis !", "les deux 😂", "kebab, les sushis c'est trop cher"],
    "Il reste du café quelqu'un ?": ["plus une goutte", "j'en refais", "y en a dans mon bureau"],
    "Vous avez vu le match hier ?": ["ouais quel match", "j'étais de nuit 😭", "j'ai vu que la 2e mi-temps"],
    "Five samedi ? Il nous manque deux joueurs": ["je viens", "je ramène mon beau-frère", "samedi je peux pas"],
    "Qui regarde le classico dimanche ?": ["moi chez moi", "on se le fait au bar ?", "je suis de service 😤"],
    "Quelqu'un a les clés de {veh} ? Elles sont pas au tableau": ["je les ai, je les ramène",
                                                                   "regarde dans le tiroir du chef de poste",
                                                                   "c'est moi désolé, dans mon casier"],
    "{veh} fait encore un bruit bizarre au freinage": ["je l'ai signalé hier", "faut faire un bon de réparation",
                                                       "on la laisse au garage alors"],
    "Pneu crevé sur {veh} devant {place} 🙄": ["vous avez la roue de secours ?", "on vient vous chercher ?",
                                              "ça arrive qu'à vous 😂"],
    "RER bloqué, je vais être en retard": ["ok je préviens", "pareil, je suis dans le même", "tkt on commence sans toi"],
    "Grève des transports {day}, organisez-vous": ["je viens en voiture", "covoiturage depuis la gare quelqu'un ?",
                                                   "encore ?!"],
    "Il pleut des cordes, prenez les K-way": ["trop tard je suis trempé", "merci", "dans le coffre de la Clio"],
    "Accident devant {place}, on est sur place": ["besoin de renfort ?", "on arrive", "des blessés ?"],
    "Retour au poste dans 10 min": ["ok", "ramenez des cafés", "👍"],
    "Qui peut passer prendre une plainte à {place} ?": ["on y va", "on est à côté, on prend", "après notre pause"],
    "Fin d'intervention à {place}, RAS": ["👍", "bien joué", "ok merci"],
    "Chien perdu vers {place}, si vous le voyez il s'appelle Oscar 🐕": ["on ouvre l'oeil", "le chien est retrouvé 🙌",
                                                                        "trop mignon sur la photo"],
    "Qui est d'astreinte ce week-end ?": ["moi", "c'est {name} je crois", "regarde le tableau"],
    "Le planning de la semaine pro est affiché au poste": ["merci", "encore des nuits pour moi 😩", "vu"],
    "Qui a validé sa qualif tir ?": ["moi ✅", "pas encore", "je la passe le mois prochain"],
    "Séance de tir {day} à {hour}, n'oubliez pas vos munitions": ["noté", "je serai là", "je peux pas, je suis de nuit"],
    "Ma fille a eu son bac blanc 🥳": ["bravo à elle !", "félicitations", "elle tient de sa mère 😂"],
    "Nuit blanche, le petit a de la fièvre": ["courage", "prompt rétablissement", "repose-toi si tu peux"],
    "Déménagement samedi, qui a des bras ? Bières offertes 🍺": ["je viens le matin", "j'ai un utilitaire",
                                                               "les bières d'abord 😂"],
    "Quelqu'un sait comment on remplit le nouveau formulaire de PV ?": ["demande au secrétariat", "je te montre demain",
                                                                       "y a un tuto sur l'intranet"],
    "Le logiciel de rédaction plante encore": ["pareil ici", "redémarre le poste", "depuis ce matin"],
    "C'est quoi déjà le délai pour transmettre au parquet ?": ["ça dépend de la procédure", "regarde la note",
                                                              "demande au chef de poste"],
    "Quelqu'un peut relire mon PV avant que je l'envoie ?": ["envoie", "je regarde dans 10 min", "je te relis"],
    "Canicule annoncée, pensez à l'eau dans les véhicules": ["j'ai mis un pack dans la Clio", "merci",
                                                           "et la clim elle marche ?"],
    "Le parking du poste est inondé, garez-vous derrière": ["merci pour l'info", "ma voiture est déjà dans l'eau 😭",
                                                           "ok"],
    "Plus que {n} jours avant les vacances": ["tu nous nargues là", "veinard", "moi c'est pas avant septembre"],
    "Je suis malade, arrêt jusqu'à {day}. Désolé les gars": ["soigne-toi", "bon rétablissement", "repose-toi"],
}

# Lines that only fit some hours (words -> allowed hours).
TIMED = [
    (("bonne nuit",), range(21, 24)),
    (("bonne soirée", "bonne soiree"), range(17, 24)),
    (("à demain",), range(15, 24)),
    (("bonjour à tous", "salut", "hello"), range(6, 12)),
]

# Agreement for women authors of ordinary lines.
FEMININE = [("ma femme", "mon mari"), ("je suis inscrit", "je suis inscrite"), ("désolé", "désolée"),
            ("cramé", "cramée"), ("jaloux", "jalouse"), ("stressé", "stressée"), ("trempé", "trempée"),
            ("Content de", "Contente de"), ("je suis mort", "je suis morte")]
