"""The report's message catalogue: every visible string, in French (default) and English."""

from __future__ import annotations

LANGS = ("fr", "en")

CATALOGUE: dict[str, dict[str, str]] = {
    "title": {"fr": "Rapport d'analyse sentinelle", "en": "sentinelle analysis report"},
    "generated": {"fr": "Produit le", "en": "Generated on"},
    "tool": {"fr": "Outil", "en": "Tool"},
    "disclaimer": {
        "fr": "sentinelle signale, les personnes décident : chaque signalement est une piste à vérifier, jamais un verdict.",
        "en": "sentinelle flags, people decide: every flag is a lead to check, never a verdict.",
    },
    "pseudonymised": {
        "fr": "Rapport pseudonymisé : noms et numéros remplacés par des pseudonymes stables (la table de correspondance reste dans le dossier).",
        "en": "Pseudonymised report: names and numbers replaced by stable pseudonyms (the mapping stays in the case).",
    },
    "confirmed_only": {
        "fr": "Version « confirmés uniquement » : seuls les éléments confirmés par un relecteur sont présentés.",
        "en": "\"Confirmed only\" version: only items confirmed by a reviewer are shown.",
    },
    "toc": {"fr": "Sommaire", "en": "Contents"},
    "s_summary": {"fr": "Synthèse", "en": "Summary"},
    "s_analysed": {"fr": "Ce qui a été analysé", "en": "What was analysed"},
    "s_activity": {"fr": "Activité et signalements dans le temps", "en": "Activity and flags over time"},
    "s_categories": {"fr": "Signalements par catégorie et par groupe visé", "en": "Flags by category and target group"},
    "s_people": {"fr": "Les personnes", "en": "The people"},
    "s_network": {"fr": "Le réseau des échanges", "en": "The network of exchanges"},
    "s_directives": {"fr": "Consignes et ordres de silence", "en": "Directives and silence orders"},
    "s_parallel": {"fr": "Commandement parallèle", "en": "Parallel command"},
    "s_lifecycle": {"fr": "Vie des groupes", "en": "Group lifecycle"},
    "s_harassment": {"fr": "Situations de harcèlement", "en": "Harassment cases"},
    "s_flags": {"fr": "Messages signalés", "en": "Flagged messages"},
    "s_evidence": {"fr": "Pièces citées", "en": "Cited records"},
    "not_run": {
        "fr": "Analyse non effectuée pour ce dossier ({step}) : cette section est vide faute de résultats, pas faute de faits.",
        "en": "Analysis not run for this case ({step}): this section is empty for lack of results, not for lack of facts.",
    },
    "none_found": {"fr": "Rien de trouvé.", "en": "Nothing found."},
    "sum_scope": {
        "fr": "{messages} messages et {events} événements de {people} personnes dans {conversations} conversation(s), du {first} au {last}.",
        "en": "{messages} messages and {events} events from {people} people in {conversations} conversation(s), from {first} to {last}.",
    },
    "sum_flags": {
        "fr": "{flags} message(s) signalé(s) : {cats}.",
        "en": "{flags} flagged message(s): {cats}.",
    },
    "sum_review": {
        "fr": "Relecture : {confirmed} confirmé(s), {dismissed} écarté(s), {pending} en attente.",
        "en": "Review: {confirmed} confirmed, {dismissed} dismissed, {pending} pending.",
    },
    "sum_top_senders": {"fr": "Auteurs les plus signalés : {names}.", "en": "Most flagged senders: {names}."},
    "sum_directives": {
        "fr": "{directives} consigne(s) relevée(s), dont {silence} ordre(s) de silence.",
        "en": "{directives} directive(s) found, of which {silence} silence order(s).",
    },
    "sum_parallel": {
        "fr": "{n} personne(s) dont l'influence de fait dépasse le rôle déclaré : {names}.",
        "en": "{n} person(s) whose de facto influence exceeds their declared role: {names}.",
    },
    "sum_cases": {
        "fr": "{n} situation(s) de harcèlement reconstituée(s) ; visé(e)s : {names}.",
        "en": "{n} harassment case(s) reconstructed; targets: {names}.",
    },
    "case_meta": {"fr": "Dossier", "en": "Case"},
    "purpose": {"fr": "Objet", "en": "Purpose"},
    "legal_basis": {"fr": "Base légale", "en": "Legal basis"},
    "handed_over_by": {"fr": "Remis par", "en": "Handed over by"},
    "obtained_how": {"fr": "Mode d'obtention", "en": "How obtained"},
    "obtained_when": {"fr": "Date d'obtention", "en": "When obtained"},
    "retention_until": {"fr": "Conservation jusqu'au", "en": "Retained until"},
    "files": {"fr": "Fichiers", "en": "Files"},
    "file": {"fr": "Fichier", "en": "File"},
    "format": {"fr": "Format", "en": "Format"},
    "size": {"fr": "Taille (octets)", "en": "Size (bytes)"},
    "ingested_at": {"fr": "Versé le", "en": "Ingested at"},
    "messages": {"fr": "Messages", "en": "Messages"},
    "events": {"fr": "Événements", "en": "Events"},
    "conversations": {"fr": "Conversations", "en": "Conversations"},
    "conversation": {"fr": "Conversation", "en": "Conversation"},
    "platform": {"fr": "Plateforme", "en": "Platform"},
    "period": {"fr": "Période", "en": "Period"},
    "first": {"fr": "Premier", "en": "First"},
    "last": {"fr": "Dernier", "en": "Last"},
    "versions": {"fr": "Versions des outils et modèles", "en": "Tool and model versions"},
    "settings": {"fr": "Réglages", "en": "Settings"},
    "step": {"fr": "Étape", "en": "Step"},
    "version": {"fr": "Version", "en": "Version"},
    "person": {"fr": "Personne", "en": "Person"},
    "flags": {"fr": "Signalements", "en": "Flags"},
    "role": {"fr": "Rôle déclaré", "en": "Declared role"},
    "category": {"fr": "Catégorie", "en": "Category"},
    "target": {"fr": "Groupe visé", "en": "Target group"},
    "count": {"fr": "Nombre", "en": "Count"},
    "chart_activity": {"fr": "Messages et signalements par {bucket}", "en": "Messages and flags per {bucket}"},
    "bucket_day": {"fr": "jour", "en": "day"},
    "bucket_month": {"fr": "mois", "en": "month"},
    "network_caption": {
        "fr": "Qui s'adresse à qui (épaisseur : nombre d'échanges ; taille : activité).",
        "en": "Who addresses whom (width: number of exchanges; size: activity).",
    },
    "evidence": {"fr": "Preuves", "en": "Evidence"},
    "silent_members": {"fr": "{n} autre(s) membre(s) n'ont écrit aucun message.", "en": "{n} other member(s) wrote no message."},
    "leadership": {"fr": "Influence et centralité (analyse des dynamiques)", "en": "Influence and centrality (dynamics analysis)"},
    "de_facto_leaders": {"fr": "Meneurs de fait, par conversation", "en": "De facto leaders, per conversation"},
    "spokespeople": {"fr": "Porte-parole autoproclamés", "en": "Self-appointed spokespeople"},
    "status": {"fr": "Relecture", "en": "Review"},
    "st_confirm": {"fr": "confirmé", "en": "confirmed"},
    "st_dismiss": {"fr": "écarté", "en": "dismissed"},
    "st_skip": {"fr": "reporté", "en": "skipped"},
    "st_pending": {"fr": "à relire", "en": "to review"},
    "by": {"fr": "par", "en": "by"},
    "search": {"fr": "Rechercher dans les messages signalés…", "en": "Search the flagged messages…"},
    "all_categories": {"fr": "Toutes catégories", "en": "All categories"},
    "all_statuses": {"fr": "Tous statuts", "en": "All statuses"},
    "shown": {"fr": "affichés", "en": "shown"},
    "reasons": {"fr": "Raisons", "en": "Reasons"},
    "context": {"fr": "Contexte", "en": "Context"},
    "source": {"fr": "Source", "en": "Source"},
    "lines": {"fr": "lignes", "en": "lines"},
    "bytes": {"fr": "octets", "en": "bytes"},
    "severity": {"fr": "Gravité", "en": "Severity"},
    "stance": {"fr": "Posture", "en": "Stance"},
    "score": {"fr": "Score", "en": "Score"},
    "timeline": {"fr": "Chronologie", "en": "Timeline"},
    "aggressors": {"fr": "Auteurs", "en": "Aggressors"},
    "details": {"fr": "Détails", "en": "Details"},
    "item": {"fr": "Élément", "en": "Item"},
    "hate": {"fr": "haine", "en": "hate"},
    "sexual": {"fr": "sexuel", "en": "sexual"},
    "threat": {"fr": "menace", "en": "threat"},
    "insult": {"fr": "insulte", "en": "insult"},
    "profanity": {"fr": "grossièreté", "en": "profanity"},
    "unknown": {"fr": "inconnu", "en": "unknown"},
    "step_scan": {"fr": "détection", "en": "detection"},
    "step_dynamics": {"fr": "dynamiques de groupe", "en": "group dynamics"},
    "step_harassment": {"fr": "harcèlement", "en": "harassment"},
}


def translator(lang: str):
    """`t(key, **fields)`: the string in `lang`, with fields filled in; the key itself if unknown."""
    if lang not in LANGS:
        lang = "fr"

    def t(key: str, **fields: object) -> str:
        entry = CATALOGUE.get(key)
        text = entry.get(lang, entry["fr"]) if entry else key
        return text.format(**fields) if fields else text

    return t
