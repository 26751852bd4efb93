"""Why a message was flagged, in the reader's language: the reason catalogue.

The detector stores each reason as `kind`, `category`, `detail`, `matched`, `score`, `ref`, with an
English `detail` (`fr.hate.send_back: xenophobia without a slur: …`, `framing: joke`, `head:hate`,
`transformer:threat (fine-tuned e5-small)`). Here every reason kind has its words in French and
English, and every rule and idiom of the detector's `rules.json` and every note of its
`lexicon.tsv` has its French text (the English one is the detector's own note, stored with the
reason); `tests/report/test_reasons.py` holds this catalogue to the detector's data. A rule this
catalogue does not know yet is shown by its id in a French report, never by its English note.
"""

from __future__ import annotations

import re
from typing import Any

KINDS: dict[str, dict[str, str]] = {
    "rule": {"fr": "règle", "en": "rule"},
    "lexicon": {"fr": "lexique", "en": "lexicon"},
    "idiom": {"fr": "expression figée", "en": "idiom"},
    "head": {"fr": "modèle (tête de classification)", "en": "model (classifier head)"},
    "model": {"fr": "modèle", "en": "model"},
    "context": {"fr": "contexte", "en": "context"},
    "stance": {"fr": "ton du message", "en": "framing"},
    "addressee": {"fr": "destinataire", "en": "addressee"},
    "lang": {"fr": "langue détectée", "en": "detected language"},
    "limit": {"fr": "message long", "en": "long message"},
    "pattern": {"fr": "motif", "en": "pattern"},
}

# the detector's framing cues (detection/data/stance.json) and the report's stance values
FRAMINGS: dict[str, dict[str, str]] = {
    "joke": {"fr": "plaisanterie", "en": "joke"},
    "question": {"fr": "question", "en": "question"},
    "reported": {"fr": "rapporte les propos d'autrui", "en": "reporting someone else's words"},
    "counter": {"fr": "contre-discours", "en": "counter-speech"},
    "negated": {"fr": "tournure négative", "en": "negated"},
    "endorse": {"fr": "approbation", "en": "endorsement"},
}

CONTEXT: dict[str, dict[str, str]] = {
    "short reply endorsing a flagged preceding message": {
        "fr": "courte réponse qui approuve un message signalé juste avant",
        "en": "short reply endorsing a flagged preceding message",
    },
    "emoji-only reply to a flagged preceding message (not flagged by itself)": {
        "fr": "réponse faite seulement d'émojis à un message signalé juste avant (pas signalée pour elle-même)",
        "en": "emoji-only reply to a flagged preceding message (not flagged by itself)",
    },
}

MODEL_WORDS = {"fr": "transformeur e5-small affiné", "en": "fine-tuned e5-small transformer"}
CHEAP_HEAD = {"fr": " (lecture rapide)", "en": " (quick pass)"}
LOWERS = {"fr": " (abaisse le score)", "en": " (lowers the score)"}
IN_TAG = {"fr": " (dans un mot-dièse ou un nom)", "en": " (inside a hashtag or name)"}
UNKNOWN_RULE = {"fr": "règle {id}", "en": "rule {id}"}
LIMIT = {
    "fr": "{windows} fenêtres, {scored} caractères lus sur {total} ; le texte entier est conservé et consultable",
    "en": "{windows} windows, {scored} of {total} characters scored; the whole text is stored and searchable",
}

LANGUAGES = {
    "fr": {"fr": "français", "en": "French"}, "en": {"fr": "anglais", "en": "English"},
    "es": {"fr": "espagnol", "en": "Spanish"}, "de": {"fr": "allemand", "en": "German"},
    "it": {"fr": "italien", "en": "Italian"}, "pt": {"fr": "portugais", "en": "Portuguese"},
    "nl": {"fr": "néerlandais", "en": "Dutch"}, "ar": {"fr": "arabe", "en": "Arabic"},
    "tr": {"fr": "turc", "en": "Turkish"}, "ro": {"fr": "roumain", "en": "Romanian"},
    "pl": {"fr": "polonais", "en": "Polish"}, "ru": {"fr": "russe", "en": "Russian"},
    "hu": {"fr": "hongrois", "en": "Hungarian"}, "la": {"fr": "latin", "en": "Latin"},
}

# the notes of detection/data/lexicon.tsv (column 6)
LEXICON_NOTES: dict[str, str] = {
    "insult": "insulte",
    "slur": "injure visant un groupe",
    "profanity": "grossièreté",
    "sexual vocabulary": "vocabulaire sexuel",
    "sexual vocabulary (not 'chat')": "vocabulaire sexuel (pas « chat »)",
    "sexual vocabulary (context-dependent)": "vocabulaire sexuel (selon le contexte)",
    "sexist insult": "insulte sexiste",
    "sexual insult": "insulte à caractère sexuel",
    "ableist insult": "insulte validiste (handicap)",
    "ableist insult (verlan)": "insulte validiste (verlan)",
    "insult (verlan)": "insulte (verlan)",
    "slur (women + origin)": "injure visant les femmes et une origine",
    "slur (ratonnade)": "injure visant un groupe (ratonnade)",
    "slur (les yeux bridés is matched by rules)": "injure visant un groupe",
    "slur (ambiguous)": "injure visant un groupe (ambiguë)",
    "slur (also n3gr0)": "injure visant un groupe (aussi écrite n3gr0)",
    "slur (SMS)": "injure visant un groupe (écriture SMS)",
    "racist violence (ratonnade)": "violence raciste (ratonnade)",
    "racist animal slur when aimed at a woman": "injure raciste animalisante quand elle vise une femme",
    "racist animal slur when aimed at a person": "injure raciste animalisante quand elle vise une personne",
    "political slur": "injure politique",
    "anti-Roma trope": "cliché anti-Roms",
}

# every rule and idiom of detection/data/rules.json: id -> French text (English: the rule's note)
RULES: dict[str, str] = {
    "fr.threat.direct": "menace de tuer ou de frapper la personne à qui l'on parle, à la première personne",
    "fr.threat.direct2": "menace contre la personne à qui l'on parle",
    "fr.threat.third": "menace à la première personne contre un tiers",
    "fr.threat.whereyoulive": "menace voilée : « je sais où tu habites »",
    "fr.threat.regret": "menace voilée",
    "fr.threat.watch": "menace voilée",
    "fr.threat.die": "souhait de mort",
    "fr.threat.call_group": "appel à la violence contre un groupe",
    "fr.threat.call": "appel à la violence",
    "fr.threat.gas": "images de génocide ou d'exécution",
    "fr.threat.glorify": "apologie de la violence",
    "en.threat.direct": "menace à la première personne contre la personne à qui l'on parle",
    "en.threat.veiled": "menace voilée",
    "en.threat.intent": "intention déclarée de faire du mal",
    "en.threat.die": "souhait de mort",
    "en.threat.call_group": "appel à la violence contre un groupe",
    "en.threat.call": "appel à la violence",
    "en.threat.glorify": "apologie de la violence",
    "fr.hate.dehumanise": "comparaison déshumanisante visant un groupe",
    "fr.hate.vile": "groupe présenté comme criminel, inférieur ou méprisable",
    "fr.hate.sale": "« sale <groupe> » ou « <groupe> de merde »",
    "fr.hate.out": "exclusion d'un groupe",
    "fr.hate.control": "thèse complotiste ou d'invasion visant un groupe",
    "fr.hate.xeno": "rejet xénophobe",
    "fr.hate.hate": "haine déclarée envers un groupe",
    "fr.hate.women": "généralisation misogyne",
    "fr.hate.lgbt": "homophobie ou transphobie",
    "fr.hate.race_insult": "cliché anti-Noirs (singe, banane)",
    "fr.hate.asian": "cliché anti-Asiatiques",
    "fr.hate.jewish": "cliché antisémite",
    "fr.hate.muslim": "cliché anti-musulmans",
    "fr.hate.roma": "cliché anti-Roms",
    "fr.hate.disability": "généralisation validiste (handicap)",
    "en.hate.dehumanise": "comparaison déshumanisante visant un groupe",
    "en.hate.vile": "groupe présenté comme criminel, inférieur ou méprisable",
    "en.hate.hate": "haine déclarée envers un groupe, ou son exclusion",
    "en.hate.out": "exclusion d'un groupe",
    "en.hate.control": "thèse complotiste ou d'invasion",
    "en.hate.slur_ctx": "adjectif injurieux accolé à un groupe",
    "en.hate.women": "généralisation misogyne",
    "en.hate.lgbt": "homophobie ou transphobie",
    "en.hate.race_insult": "cliché anti-Noirs (singe)",
    "fr.sexual.photo": "demande d'images intimes",
    "fr.sexual.show": "exigence sexuelle adressée à une personne",
    "fr.sexual.want": "proposition sexuelle adressée à une personne",
    "fr.sexual.body": "remarque sexuelle visant une personne",
    "fr.sexual.office": "contrainte sexuelle ou chantage sexuel",
    "en.sexual.photo": "demande d'images intimes",
    "en.sexual.want": "proposition sexuelle adressée à une personne",
    "fr.insult.you": "insulte adressée à la personne à qui l'on parle",
    "fr.insult.sale": "insulte visant une personne",
    "fr.insult.disab": "handicap employé comme insulte",
    "fr.insult.shut": "propos dégradant envers la personne à qui l'on parle",
    "fr.insult.pig": "insulte animalisante visant une personne",
    "en.insult.you": "insulte adressée à la personne à qui l'on parle",
    "en.insult.deg": "propos dégradant envers la personne à qui l'on parle",
    "en.insult.retard": "insulte validiste",
    "en.profanity.fuck": "juron",
    "fr.hate.women_only_good": "misogynie : les femmes « bonnes seulement » pour des tâches domestiques ou de service",
    "fr.hate.women_place": "misogynie : un métier ou un lieu interdit aux femmes",
    "fr.hate.not_like_us": "altérisation xénophobe sans injure : « ces gens-là ne sont pas comme nous »",
    "fr.hate.send_back": "xénophobie sans injure : les renvoyer dans leur pays",
    "en.hate.not_like_us": "xénophobie sans injure",
    "fr.threat.conditional": "menace conditionnelle : « le prochain qui … je le … »",
    "en.threat.conditional": "menace conditionnelle",
    "fr.sexual.quid_pro_quo": "insinuation sexuelle : faveurs sexuelles pour obtenir quelque chose (congé, avancement)",
    "fr.sexual.virginity": "remarque sexuelle sur la virginité de quelqu'un",
    "fr.sexual.body_third": "remarque sexuelle sur le corps d'une personne",
    "fr.sexual.grope": "propos sur des attouchements (main aux fesses ou sur la poitrine)",
    "fr.sexual.small": "raillerie sexuelle sur le sexe de quelqu'un, ou sur le fait de l'observer aux douches",
    "fr.sexual.underwear": "personne imaginée ou désignée en sous-vêtements ; objets sexuels visant une personne",
    "fr.sexual.innuendo": "sous-entendu sexuel visant une personne",
    "fr.sexual.emoji_at": "émoji sexuel (pêche, aubergine, gouttes) dans un message visant une personne",
    "fr.threat.only_solution": "appel à la violence présentée comme la seule solution",
    "en.threat.only_solution": "appel à la violence présentée comme la seule solution",
    "en.threat.rape": "menace de viol ou d'égorgement",
    # idioms: set phrases that look violent or hateful and are not (they lower a score)
    "fr.idiom.temps": "expression : tuer le temps",
    "fr.idiom.thing": "verbe violent visant une chose (« je vais le tuer ce dossier »)",
    "fr.idiom.thing2": "une chose qui « tue »",
    "fr.idiom.mort_de": "expression : mort de rire, mort de faim",
    "fr.idiom.jeu": "jeux et sport",
    "fr.idiom.tuerie": "expression figée",
    "en.idiom.time": "expression : tuer le temps",
    "en.idiom.thing": "verbe violent visant une chose",
    "en.idiom.misc": "expression figée",
    "fr.idiom.couleur": "une couleur, pas des personnes",
    "fr.idiom.langue": "une langue, pas des personnes",
    "fr.idiom.pedale": "une pédale, pas une injure",
}

_LIMIT = re.compile(r"long message: (\d+) windows, ([\d,]+) of ([\d,]+) characters")


def _kind(kind: str, lang: str) -> str:
    return KINDS.get(kind, {}).get(lang) or kind


def _rule(detail: str, lang: str) -> tuple[str, str]:
    """`id: note[ (lowers the score)]` -> (kind word override or '', text in `lang`)."""
    rid, _, note = detail.partition(": ")
    lowers = note.endswith(LOWERS["en"])
    if lowers:
        note = note[: -len(LOWERS["en"])]
    if lang == "en":
        text = note or rid
    else:
        text = RULES.get(rid) or UNKNOWN_RULE[lang].format(id=rid)
    return ("idiom" if ".idiom." in rid else ""), text + (LOWERS[lang] if lowers else "")


def _lexicon(detail: str, lang: str) -> str:
    rid, _, note = detail.partition(": ")
    in_tag = note.endswith(IN_TAG["en"])
    if in_tag:
        note = note[: -len(IN_TAG["en"])]
    if lang == "en":
        text = note or rid
    else:
        text = LEXICON_NOTES.get(note) or UNKNOWN_RULE[lang].format(id=rid)
    return text + (IN_TAG[lang] if in_tag else "")


def _number(text: str, lang: str) -> str:
    n = int(text.replace(",", ""))
    return f"{n:,}".replace(",", "\u202f" if lang == "fr" else ",")


def reason_view(reason: dict[str, Any], lang: str, category: Any = None) -> dict[str, Any]:
    """A stored reason as the report shows it: `label` (the kind in words), `text` (what it says, in
    `lang`), and `matched`, `score`, `ref`, `category` as stored. `category(key)` names a category
    in `lang` (the report's translator)."""
    kind, detail = str(reason.get("kind") or ""), str(reason.get("detail") or "")
    cat = reason.get("category")
    cat_word = category(cat) if (category and cat) else (cat or "")
    label, text = _kind(kind, lang), detail
    if kind == "rule":
        override, text = _rule(detail, lang)
        if override:
            label = _kind(override, lang)
    elif kind == "idiom":
        text = _rule(detail, lang)[1]
    elif kind == "lexicon":
        text = _lexicon(detail, lang)
    elif kind in ("head", "model"):
        m = re.fullmatch(r"(cheap )?head:(\w+)", detail) or re.fullmatch(r"transformer:(\w+) \(fine-tuned e5-small\)", detail)
        if m and detail.startswith(("head", "cheap")):
            text = (category(m.group(2)) if category else m.group(2)) + (CHEAP_HEAD[lang] if m.group(1) else "")
        elif m:
            text = f"{MODEL_WORDS[lang]}, {category(m.group(1)) if category else m.group(1)}"
        else:  # another backend: its name
            text = f"{detail}, {cat_word}" if cat_word else detail
        cat_word = ""
    elif kind == "stance":
        cues = detail.removeprefix("framing: ").split(", ")
        text = ", ".join(FRAMINGS.get(c, {}).get(lang, c) for c in cues)
    elif kind == "context":
        text = CONTEXT.get(detail, {}).get(lang) or (detail if lang == "en" else _kind("context", lang))
    elif kind == "lang":
        text = LANGUAGES.get(detail, {}).get(lang, detail)
    elif kind == "limit":
        m = _LIMIT.match(detail)
        text = (LIMIT[lang].format(windows=m.group(1), scored=_number(m.group(2), lang), total=_number(m.group(3), lang))
                if m else detail)
    elif kind not in KINDS and lang != "en":
        text = detail if re.fullmatch(r"[\w.:*-]+", detail) else ""  # an id, never an English note
    return {"label": label, "text": text, "category": cat_word, "matched": reason.get("matched"),
            "score": reason.get("score"), "ref": reason.get("ref")}


def stance_word(stance: Any, lang: str) -> str:
    return FRAMINGS.get(str(stance), {}).get(lang, str(stance))
