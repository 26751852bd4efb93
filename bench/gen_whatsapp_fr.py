"""A realistic large French WhatsApp group export (Android layout), fictional, for the scale benches.

    python bench/gen_whatsapp_fr.py OUT.txt [--messages 1000000] [--members 150] [--years 3] [--seed 7]

What makes it realistic (issue 15): most messages are short and repeated ("ok", "merci", emoji,
"<Médias omis>"); many lines are distinct (the project's ordinary French chat lines from
`data/corpus/`, each varied by a vocative, a time, a place or a second line, so that caching
cannot save them); a few per cent are misconduct (the corpus's labelled hate, sexual, threat and
insult lines), a share of them aimed at a few colleagues by the same small group over months
(a campaign for the harassment step) and followed by laughs; 50-300 members whose activity
follows a Zipf law, some saved as phone numbers; years of dates with a daily rhythm; multi-line
messages, deleted messages and system lines (joins, departures, subject changes).

Nothing random depends on the machine: a seed gives the same bytes everywhere.
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"

FIRST = ("Karim Julie Marc Inès Sarah Thomas Léa Nicolas Camille Yannick Sofiane Émilie Lucas Chloé Mehdi Manon "
         "Antoine Laura Hugo Amina Julien Pauline Romain Fatou Kevin Océane Maxime Clara Bilal Anaïs Quentin Élodie "
         "Mathieu Nadia Alexandre Sandrine Vincent Aïcha Guillaume Marine Paul Yasmine Olivier Lucie Samir Justine "
         "Cédric Mélanie Rachid Audrey").split()
LAST = ("Morel Duval Chen Koné Petit Roux Bernard Martin Lefèvre Garcia Benali Dubois Laurent Moreau Fontaine "
        "Girard Bonnet Mercier Diallo Lambert Faure Rousseau Blanc Guerin Muller Henry Nguyen Perrin Robin "
        "Masson Mathieu Traoré Colin Vidal Caron Picard Roger Gauthier Lemaire Renard").split()
RANKS = ("", "", "", "", "Capitaine ", "Lt ", "Brigadier ", "Adjudant ", "Major ", "Gardien ")
EMOJI_NAMES = (" 🚓", " 🌸", " ⚽", " 👮", " 🔥")

SHORT = ["ok", "Ok", "OK", "merci", "Merci", "merci !", "👍", "👍👍", "lol", "mdr", "MDR", "😂", "😂😂", "😂😂😂",
         "oui", "non", "Oui", "ça marche", "Ça marche", "bien reçu", "Bien reçu", "d'accord", "dac", "+1", "top",
         "j'arrive", "ok chef", "bonne soirée", "Bonne soirée à tous", "merci à tous", "go", "👌", "RAS", "bjr",
         "slt", "🙏", "yes", "np", "vu", "Vu", "ok merci", "super", "Super merci", "parfait", "Bonjour à tous",
         "bonjour", "Salut", "bonne nuit", "à demain", "A demain", "je regarde", "c'est noté", "C'est noté",
         "je m'en occupe", "ok pour moi", "pareil", "exactement", "grave", "trop bien", "bravo", "Bravo !",
         "👏", "❤️", "🤣", "😅", "💪", "Bon courage", "bon courage", "merci chef", "reçu", "qui est dispo ?",
         "quelqu'un ?", "?", "!!", "en route", "j'y suis", "5 min", "dispo", "pas dispo", "ok je vois",
         "ah ok", "ah bon ?", "sérieux ?", "tkt", "pas de souci", "Pas de souci", "avec plaisir", "bien vu"]
LAUGHS = ["mdr", "😂😂", "ptdr", "😂", "lol", "🤣🤣", "trop vrai", "+1", "grave"]
MEDIA = "<Médias omis>"
DELETED = "Ce message a été supprimé"
PLACES = ("au commissariat", "au garage", "salle 2", "au secteur nord", "à la relève", "au parking", "en bas",
          "à l'accueil", "au poste", "devant la mairie", "au rond-point", "à la cantine")
TAILS = ("stp", "svp", "merci", "😂", "👍", "🙏", "!", "?", "...", "lol", "mdr", "non ?", "je crois",
         "du coup", "en vrai", "franchement")
ORDINARY_KINDS = ("ordinary_chat", "everyday_chat", "shift_planning", "acknowledgement", "police_work",
                  "sms_register", "ordinary_logistics", "vehicle_keys_logistics", "short_replies", "colleague_talk",
                  "casual_police_chat", "police_ops", "typo_logistics", "noisy_logistics_2", "ordinary_life_noisy",
                  "homework", "party_plans", "sport_club")
MISCONDUCT = ("hate", "sexual", "threat", "insult")
SYSTEM = ["{a} a ajouté {b}", "{a} a retiré {b}", "{b} est parti", "{a} a modifié le sujet en « Brigade : planning »",
          "{a} a changé l'icône de ce groupe", "{b} a rejoint ce groupe grâce à son lien d'invitation"]


def corpus_lines() -> tuple[list[str], list[str]]:
    """(ordinary French lines, French misconduct lines) of the project's chat corpus."""
    ordinary: list[str] = []
    bad: list[str] = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            if not line.strip():
                continue
            rec = json.loads(line)
            text = " ".join(str(rec.get("text", "")).split())
            if not text or rec.get("lang", "fr") != "fr":
                continue
            if any(int(rec.get(c) or 0) == 1 for c in MISCONDUCT):
                bad.append(text)
            elif rec.get("kind") in ORDINARY_KINDS:
                ordinary.append(text)
    return sorted(set(ordinary)), sorted(set(bad))


def members(rng: random.Random, n: int) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < n:
        r = rng.random()
        if r < 0.08:
            name = f"+33 {rng.choice('67')} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
        else:
            name = rng.choice(RANKS) + rng.choice(FIRST) + (" " + rng.choice(LAST) if rng.random() < 0.7 else "")
            if rng.random() < 0.05:
                name += rng.choice(EMOJI_NAMES)
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


def _first(name: str) -> str:
    """How colleagues call someone: the first name (a number saved without a name: nothing to call)."""
    words = [w for w in name.split() if w[0].isupper() and w not in {r.strip() for r in RANKS}]
    return words[0] if words else "Eh"


def vary(rng: random.Random, line: str, people: list[str], ordinary: list[str]) -> str:
    """A distinct variant of an ordinary line: what one colleague would actually type."""
    r = rng.random()
    if r < 0.25:
        return f"{_first(rng.choice(people))}, {line[0].lower()}{line[1:]}"
    if r < 0.45:
        return f"{line} {rng.choice(TAILS)}"
    if r < 0.6:
        return f"{line} {rng.choice(PLACES)} à {rng.randint(6, 22)}h{rng.choice(('', '15', '30', '45'))}"
    if r < 0.8:
        return f"{line} {rng.choice(ordinary)}"
    return line


def generate(path: Path, messages: int, n_members: int = 150, years: float = 3.0, seed: int = 7) -> dict[str, int]:
    """Write the export; returns what was written (messages, system lines, misconduct, distinct)."""
    rng = random.Random(seed)
    ordinary, bad = corpus_lines()
    people = members(rng, n_members)
    weights = [1.0 / (k + 1) ** 0.9 for k in range(len(people))]
    targets = rng.sample(people[5:40], 3)  # colleagues a small group goes after
    aggressors = rng.sample([p for p in people[:30] if p not in targets], 4)
    start = datetime(2021, 1, 4, 7, 0)
    span = years * 365 * 86400
    mean_gap = span / max(messages, 1)
    t = start
    counts = {"messages": 0, "system": 0, "misconduct": 0, "campaign": 0}
    texts: set[int] = set()
    pending_laughs = 0
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"{t:%d/%m/%Y %H:%M} - Les messages et les appels sont chiffrés de bout en bout. Aucun tiers, "
                 "pas même WhatsApp, ne peut les lire ou les écouter. Appuyez pour en savoir plus.\n")
        written = 0
        while written < messages:
            t += timedelta(seconds=rng.expovariate(1.0 / mean_gap))
            if t.hour < 6:  # nights are quiet: most of the night's messages wait for the morning
                t = t.replace(hour=6 + rng.randint(0, 2), minute=rng.randint(0, 59))
            head = f"{t:%d/%m/%Y %H:%M} - "
            r = rng.random()
            if r < 0.008:
                a, b = rng.sample(people, 2)
                fh.write(head + rng.choice(SYSTEM).format(a=a, b=b) + "\n")
                counts["system"] += 1
                continue
            sender = rng.choices(people, weights)[0]
            if pending_laughs and rng.random() < 0.6:
                text = rng.choice(LAUGHS)
                pending_laughs -= 1
            elif r < 0.40:
                text = rng.choice(SHORT)
            elif r < 0.44:
                text = MEDIA
            elif r < 0.45:
                text = DELETED
            elif r < 0.55:
                text = rng.choice(ordinary)  # ordinary line, as is (repeats across the years)
            elif r < 0.975:
                text = vary(rng, rng.choice(ordinary), people, ordinary)
                if rng.random() < 0.05:
                    text += "\n" + rng.choice(ordinary)
            else:
                text = rng.choice(bad)
                counts["misconduct"] += 1
                if rng.random() < 0.3:  # the campaign: the same few, at the same colleagues
                    sender = rng.choice(aggressors)
                    text = f"{_first(rng.choice(targets))}, {text[0].lower()}{text[1:]}"
                    counts["campaign"] += 1
                    pending_laughs = rng.randint(0, 3)
            texts.add(hash(text))
            fh.write(f"{head}{sender}: {text}\n")
            written += 1
    counts["messages"] = written
    counts["distinct"] = len(texts)
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--messages", type=int, default=1_000_000)
    ap.add_argument("--members", type=int, default=150)
    ap.add_argument("--years", type=float, default=3.0)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if not 50 <= args.members <= 300:
        raise SystemExit("--members: between 50 and 300")
    counts = generate(args.out, args.messages, args.members, args.years, args.seed)
    print(f"{args.out}: {args.out.stat().st_size / 1e6:.1f} MB, {counts}")


if __name__ == "__main__":
    main()
