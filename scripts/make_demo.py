"""Generate the bundled demo case of sentinelle (ALL CONTENT IS FICTIONAL).

Writes into src/sentinelle/demo/ (or --out DIR):
  - "Discussion WhatsApp avec Brigade Fictive 75.txt": French Android export (Jan-Jun 2025);
  - "WhatsApp Chat - Brigade Fictive 75.zip": French iOS export of the last month (_chat.txt + a photo);
  - "Discussion WhatsApp avec Collectif Fictif.txt": a group formed by ~3,000 joins in hours, then dissolved;
  - roster.csv, answers.json and ANSWERS.md (the planted ground truth).

Deterministic (fixed seed, fixed zip timestamps, standard library only): running it twice gives the same bytes.
Usage: python scripts/make_demo.py [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import struct
import sys
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import demo_lines as T  # noqa: E402
import demo_story as S  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "src" / "sentinelle" / "demo"
ANDROID_NAME = f"Discussion WhatsApp avec {S.GROUP}.txt"
IOS_NAME = f"WhatsApp Chat - {S.GROUP}.zip"
COLLECTIF_NAME = f"Discussion WhatsApp avec {S.COLLECTIF}.txt"
SEED = 20250106
START = datetime(2025, 1, 6)
END = datetime(2025, 6, 30, 23, 0)
IOS_FROM = datetime(2025, 6, 1, 9, 0)  # the iOS exporter was added then
LRM = "\u200e"
E2E_ANDROID = ("Les messages et les appels sont chiffrés de bout en bout. Aucun tiers, pas même WhatsApp, ne peut "
               "les lire ou les écouter. Appuyez pour en savoir plus.")
E2E_IOS = ("Les messages et les appels sont chiffrés de bout en bout. Aucun tiers, pas même WhatsApp, ne peut les "
           "lire ou les écouter.")
MEDIA_IOS = {"image": "image absente", "video": "vidéo absente", "audio": "audio omis", "sticker": "sticker omis",
             "gif": "GIF retiré", "document": "document manquant"}


@dataclass
class Rec:
    """One line-group of the chat: a message (author set) or a system event (author None)."""

    t: datetime
    seq: int
    author: str | None
    text: str = ""
    event: dict[str, str] | None = None
    media: str | None = None  # kind of omitted media
    special: str | None = None  # deleted | edited | location | attachment | call
    label: dict[str, str] | None = None
    scene: bool = False
    lines: dict[str, int] = field(default_factory=dict)  # file key -> 1-based header line
    ref: Rec | None = None  # for an endorsement or a compliance: the line it approves or obeys


def dt(s: str) -> datetime:
    return datetime.strptime(s, "%d/%m/%Y %H:%M")


def day(s: str) -> datetime:
    """ "DD/MM" or "DD/MM HH:MM" of 2025."""
    d, _, hm = s.partition(" ")
    return datetime.strptime(f"{d}/2025 {hm or '00:00'}", "%d/%m/%Y %H:%M")


# ---------------------------------------------------------------- system event wordings (table 2.3)


def _who(name: str, exporter: str, you: str, other: str) -> str:
    return you if name == exporter else other.format(name)


def android_event(e: dict[str, str], exporter: str) -> str:
    k, a = e["type"], e.get("actor", "")
    tgt = e.get("target", "")
    if k == "encryption_notice":
        return E2E_ANDROID
    if k == "created":
        return f'{a} a créé le groupe "{e["subject"]}"'
    if k == "added":
        if tgt == exporter:
            return f"{a} vous a ajouté"
        return f"Vous avez ajouté {tgt}" if a == exporter else f"{a} a ajouté {tgt}"
    if k == "removed":
        return f"{a} vous a retiré" if tgt == exporter else f"{a} a retiré {tgt}"
    if k == "left":
        return "Vous êtes parti" if a == exporter else f"{a} est parti"
    if k == "joined_by_link":
        return f"{a} a rejoint ce groupe grâce à son lien d'invitation"
    if k == "subject_changed":
        return f"{a} a modifié le sujet “{e['old']}” en “{e['new']}”"
    if k == "subject_changed_to":
        return f"{a} a modifié le sujet en “{e['new']}”"
    if k == "icon_changed":
        return f"{a} a changé l'icône de ce groupe"
    if k == "icon_removed":
        return f"{a} a supprimé l'icône de ce groupe"
    if k == "description_changed":
        return f"{a} a changé la description du groupe"
    if k == "admin_granted":  # Android shows only the exporter's own promotion
        return "Vous êtes maintenant un administrateur"
    if k == "admin_revoked":  # no Android wording known: the iOS one (table 2.3)
        return "Vous n'êtes plus admin"
    if k == "settings_admins_only":
        return (f"{a} a modifié les réglages de ce groupe de façon à autoriser uniquement les admins à envoyer "
                "des messages dans ce groupe")
    if k == "settings_all":
        return (f"{a} a modifié les réglages de ce groupe de façon à autoriser tous les participants à envoyer "
                "des messages dans ce groupe")
    if k == "disappearing_on":
        return (f"{a} a activé les messages éphémères. Tous les nouveaux messages disparaîtront de cette "
                f"discussion {e.get('days', '7')} jours après avoir été envoyés.")
    if k == "disappearing_off":
        return f"{a} a désactivé les messages éphémères."
    if k == "disappearing_changed":
        return f"{a} a mis à jour le délai avant disparition."
    if k == "security_code_changed":
        return f"Le code de sécurité de {a} a changé. Appuyez pour plus d'informations."
    if k == "number_changed":
        return f"{a} a changé de numéro de téléphone."
    raise ValueError(k)


def ios_event(e: dict[str, str], exporter: str) -> str | None:
    """iOS wording, or None where iOS shows nothing to this exporter."""
    k, a = e["type"], e.get("actor", "")
    tgt = e.get("target", "")
    if k == "encryption_notice":
        return E2E_IOS
    if k == "created":
        return f"{a} a créé le groupe “{e['subject']}”"
    if k == "added":
        return f"{a} vous a ajouté·e" if tgt == exporter else f"{a} a ajouté {tgt}"
    if k == "removed":
        return f"{a} vous a retiré·e" if tgt == exporter else f"{a} a retiré {tgt}"
    if k == "left":
        return f"{a} est parti·e"
    if k == "subject_changed_to":
        return f"{a} a remplacé le sujet par \"{e['new']}\"."
    if k in ("admin_granted", "admin_revoked"):
        return None
    if k == "security_code_changed":
        return f"Votre code de sécurité avec {a} a changé. Appuyez pour en savoir plus."
    return android_event(e, exporter)


# ---------------------------------------------------------------- ordinary chat (background)


def in_season(text: str, month: int) -> bool:
    """Keep winter, summer and January lines in their months."""
    for words, months in T.SEASONAL:
        if any(w in text for w in words):
            return month in months
    return True


def in_time(text: str, hour: int) -> bool:
    """Keep "bonne nuit" at night and "bonjour" in the morning."""
    low = text.lower()
    for words, hours in T.TIMED:
        if any(w in low for w in words):
            return hour in hours
    return True


class Chatter:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.weights = {p[0]: p[5] for p in S.PEOPLE}
        self.first = {p[0]: p[0].split()[0] for p in S.PEOPLE if not p[0].startswith("+")}
        self.used: dict[str, int] = {}

    def pick(self, pool: list[str], rare: float = 2.0) -> str:
        """A line from pool, lines already used being less likely (so long lines rarely repeat)."""
        weights = [1.0 / (1 + self.used.get(x, 0)) ** rare for x in pool]
        line = self.rng.choices(pool, weights=weights)[0]
        self.used[line] = self.used.get(line, 0) + 1
        return line

    def present(self, when: datetime) -> list[str]:
        out = []
        for name in self.weights:
            lo, hi = S.ACTIVE.get(name, ("06/01", "30/06"))
            if day(lo) <= when < day(hi).replace(hour=0, minute=0) + timedelta(days=1):
                out.append(name)
        return out

    def fill(self, text: str, author: str, members: list[str], t: datetime) -> str:
        r = self.rng
        others = [self.first[m] for m in members if m != author and m in self.first
                  and not (m in S.IGNORED_FROM and t >= day(S.IGNORED_FROM[m]))]
        r.shuffle(others)  # distinct names within one message
        while "{" in text:
            text = (text.replace("{name}", others.pop() if others else "toi", 1)
                    .replace("{day}", r.choice(T.DAYS), 1)
                    .replace("{hour}", r.choice(T.HOURS), 1).replace("{veh}", r.choice(T.VEHICLES), 1)
                    .replace("{place}", r.choice(T.PLACES), 1).replace("{n}", str(r.randint(3, 40)), 1)
                    .replace("{date}", f"{r.randint(2, 28):02d}", 1))
        for a, b in ((" de le ", " du "), (" à le ", " au "), (" de l'", " de l'")):
            text = text.replace(a, b)
        return text

    def mutate(self, text: str) -> str:
        r = self.rng
        if r.random() < 0.18:
            for a, b in T.SMS:
                text = text.replace(a, b)
        if r.random() < 0.12 and text[:1].isupper():
            text = text[0].lower() + text[1:]
        if r.random() < 0.10:
            text = text.translate(str.maketrans("éèêàç", "eeeac"))
        if r.random() < 0.06:
            words = text.split(" ")
            i = r.randrange(len(words))
            w = words[i]
            if len(w) > 4 and w.isalpha():
                j = r.randrange(1, len(w) - 2)
                words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
                text = " ".join(words)
        if r.random() < 0.05 and text[-1:].isalpha():
            text += text[-1] * r.randint(2, 4)
        if r.random() < 0.12:
            text += " " + r.choice(T.EMOJI) * r.choice([1, 1, 2, 3])
        return text

    def threads(self, d: datetime) -> list[Rec]:
        r = self.rng
        out: list[Rec] = []
        weekend = d.weekday() >= 5
        for _ in range(r.randint(2, 4) if weekend else r.randint(4, 7)):
            hour = r.choices(range(6, 24), weights=[3, 5, 4, 3, 2, 3, 5, 4, 3, 2, 3, 4, 4, 3, 3, 3, 2, 1])[0]
            t = d + timedelta(hours=hour, minutes=r.randrange(60))
            members = self.present(t)
            starter = r.choices(members, weights=[self.weights[m] for m in members])[0]
            ignored = starter in S.IGNORED_FROM and t >= day(S.IGNORED_FROM[starter])
            if starter == S.M and r.random() < 0.5:
                out.append(Rec(t, 0, starter, self.fill(self.pick(T.CHIEF_LINES), starter, members, t)))
                if r.random() < 0.3:  # the declared chief gets at most a shrug
                    who = r.choice([m for m in members if m != starter])
                    out.append(Rec(t + timedelta(minutes=r.randint(5, 90)), 0, who, r.choice(["vu", "ok", "👍"])))
                continue
            topic = r.choices(list(T.TOPICS), weights=[len(v[0]) for v in T.TOPICS.values()])[0]
            starters, replies = T.TOPICS[topic]
            opening = self.pick(starters)
            while not in_season(opening, t.month):
                opening = self.pick(starters)
            out.append(self.message(t, starter, opening, members, topic))
            if ignored:
                continue
            answers = r.sample(T.PAIRS.get(opening, []), min(2, len(T.PAIRS.get(opening, []))))
            for _ in range(r.choice([1, 2, 2, 3, 3, 4, 5, 6, 8])):
                t += timedelta(minutes=r.choice([0, 1, 1, 2, 3, 5, 8, 15]))
                pool = [m for m in members if m not in S.IGNORED_FROM or t < day(S.IGNORED_FROM[m])]
                who = r.choices(pool, weights=[self.weights[m] for m in pool])[0]
                if who == out[-1].author:  # nobody answers himself at once
                    continue
                if answers and r.random() < 0.8:
                    text = answers.pop(r.randrange(len(answers)))
                else:
                    text = self.pick(replies, 1.0) if r.random() < 0.7 else self.pick(T.GENERIC_REPLIES, 0.5)
                if not in_time(text, t.hour):
                    text = r.choice(["ok", "👍", "vu", "ah", "d'accord"])
                out.append(self.message(t, who, text, members, topic))
        return out

    def message(self, t: datetime, who: str, template: str, members: list[str], topic: str) -> Rec:
        r = self.rng
        x = r.random()
        if x < 0.045:
            kind = r.choices(["image", "video", "audio", "sticker", "gif", "document"], [8, 2, 3, 3, 1, 1])[0]
            return Rec(t, 0, who, media=kind)
        if x < 0.055:
            return Rec(t, 0, who, special="deleted")
        if topic == "terrain" and x < 0.08:
            lat, lon = 48.80 + r.random() / 10, 2.25 + r.random() / 5
            return Rec(t, 0, who, f"https://maps.google.com/?q={lat:.6f},{lon:.6f}", special="location")
        text = self.fill(template, who, members, t)
        if who in S.WOMEN:
            for a, b in T.FEMININE:
                text = text.replace(a, b)
        if "\n" not in text:
            text = self.mutate(text)
        if x > 0.98 and t < IOS_FROM and len(text) > 15:  # iOS has no known edit marker: no edits in the shared month
            return Rec(t, 0, who, text, special="edited")
        return Rec(t, 0, who, text)


# ---------------------------------------------------------------- assembling the brigade chat


ABUSE = {"hate", "sexual_harassment", "mockery", "words_to_acts", "retaliation"}
ORDERS = {"directive", "silence_order", "exclusion", "speak_for_group"}


def link(rec: Rec, last: dict[str, Rec]) -> None:
    """Point endorsements and compliances at the abusive line or the order just before them."""
    label = (rec.label or {}).get("label")
    if label == "endorsement":
        rec.ref = last.get("abuse")
    elif label == "compliance":
        rec.ref = last.get("order")
    elif label in ABUSE:
        last["abuse"] = rec
    if label in ORDERS:
        last["order"] = rec


def scene_records() -> tuple[list[Rec], list[tuple[datetime, datetime]]]:
    recs, windows = [], []
    for start, lines in S.SCENES:
        t = dt(start)
        first = t
        last: dict[str, Rec] = {}
        for author, payload, label, gap in lines:
            t += timedelta(minutes=gap)
            if author is None:
                recs.append(Rec(t, 0, None, event=payload[1], label=label, scene=True))
            elif payload == "Ce message a été supprimé":
                recs.append(Rec(t, 0, author, special="deleted", label=label, scene=True))
            else:
                recs.append(Rec(t, 0, author, payload, label=label, scene=True))
            link(recs[-1], last)
        # an ignored line is followed by silence, so that turn-taking does not make up an answer
        quiet = 45 if (recs[-1].label or {}).get("label") in ("ignored_directive", "ignored_target") else 6
        windows.append((first - timedelta(minutes=2), t + timedelta(minutes=quiet)))
    return recs, windows


def brigade(rng: random.Random) -> list[Rec]:
    recs, windows = scene_records()
    chatter = Chatter(rng)
    gap_lo, gap_hi = (dt(x) for x in S.DISAPPEARING_GAP)
    d = START
    bg: list[Rec] = []
    while d <= END:
        bg.extend(chatter.threads(d))
        d += timedelta(days=1)
    # nobody answers an excluded member: no ordinary message right after one of theirs
    for name, since in S.IGNORED_FROM.items():
        for rec in [*recs, *bg]:
            if rec.author == name and rec.t >= day(since):
                windows.append((rec.t, rec.t + timedelta(minutes=20)))
    windows.sort()
    for rec in bg:
        if rec.t < dt("06/01/2025 08:20") or rec.t > END or gap_lo <= rec.t <= gap_hi:
            continue
        if any(lo <= rec.t <= hi for lo, hi in windows) and rec.author not in S.IGNORED_FROM:
            continue
        recs.append(rec)
    for i, rec in enumerate(recs):
        rec.seq = i  # scenes first, so a scene line keeps its place within its minute
    recs.sort(key=lambda r: (r.t, r.seq))
    # the iOS exporter's one photo that travels in the zip, and one missed call (iOS only)
    photos = [r for r in recs if r.t >= IOS_FROM and r.media == "image"]
    photos[len(photos) // 2].special = "attachment"
    return recs


def android_body(rec: Rec, exporter: str) -> str:
    if rec.author is None:
        return android_event(rec.event or {}, exporter)
    if rec.media:
        return "<Médias omis>"
    if rec.special == "deleted":
        return "Vous avez supprimé ce message" if rec.author == exporter else "Ce message a été supprimé"
    if rec.special == "location":
        return f"localisation : {rec.text}"
    if rec.special == "edited":
        return f"{rec.text} <Ce message a été modifié>"
    return rec.text


def write_android(recs: list[Rec], exporter: str, key: str) -> str:
    out: list[str] = []
    for rec in recs:
        if rec.special == "call":
            continue
        stamp = rec.t.strftime("%d/%m/%Y %H:%M")
        body = android_body(rec, exporter)
        rec.lines[key] = len(out) + 1
        head = f"{stamp} - {body}" if rec.author is None else f"{stamp} - {rec.author}: {body}"
        out.extend(head.split("\n"))
    return "\n".join(out) + "\n"


def ios_seconds(recs: list[Rec], rng: random.Random) -> dict[int, int]:
    """Seconds for each record (by id), increasing within a minute."""
    by_minute: dict[datetime, list[Rec]] = {}
    for rec in recs:
        by_minute.setdefault(rec.t, []).append(rec)
    secs = {}
    for group in by_minute.values():
        for rec, s in zip(group, sorted(rng.sample(range(60), len(group))), strict=True):
            secs[id(rec)] = s
    return secs


def attachment_name(rec: Rec, stamp: str) -> str:
    return f"00000036-PHOTO-{rec.t.strftime('%Y-%m-%d-%H-%M')}-{stamp[-3:-1]}.jpg"


def ios_message(rec: Rec, stamp: str, who: str) -> str:
    """One iOS message line; media, deletions, locations and calls carry U+200E marks."""
    if rec.special == "attachment":
        body = f"<pièce jointe : {attachment_name(rec, stamp)}>"
    elif rec.media:
        body = MEDIA_IOS[rec.media]
    elif rec.special == "deleted":
        body = "Vous avez supprimé ce message." if rec.author == S.IOS_EXPORTER else "Ce message a été supprimé."
    elif rec.special == "location":
        body = f"Localisation: {rec.text}"
    elif rec.special == "call":
        body = "Appel vocal manqué"
    else:
        return f"{stamp} {who}: {rec.text}"
    return f"{LRM}{stamp} {who}: {LRM}{body}"


def write_ios(recs: list[Rec], rng: random.Random) -> tuple[str, str, list[Rec]]:
    """The iOS _chat.txt (CRLF) from the iOS exporter's arrival, and the attached photo's name."""
    part = [r for r in recs if r.t >= IOS_FROM]
    first = part[0].t
    e2e = Rec(first, -1, None, event={"type": "encryption_notice"})
    call = Rec(datetime(2025, 6, 20, 21, 34), -1, S.Y, special="call")
    part = sorted([e2e, call, *part], key=lambda r: (r.t, r.seq))
    secs = ios_seconds(part, rng)
    out: list[str] = []
    photo_name = ""
    for rec in part:
        stamp = f"[{rec.t.strftime('%d/%m/%Y %H:%M')}:{secs[id(rec)]:02d}]"
        if rec.author is None:
            body = ios_event(rec.event or {}, S.IOS_EXPORTER)
            if body is None:
                continue
            line = f"{LRM}{stamp} {S.GROUP}: {LRM}{body}"
        else:
            line = ios_message(rec, stamp, S.IOS_DISPLAY.get(rec.author, rec.author))
            if rec.special == "attachment":
                photo_name = attachment_name(rec, stamp)
        rec.lines["ios"] = len(out) + 1
        out.extend(line.split("\n"))
    return "\r\n".join(out) + "\r\n", photo_name, part


# ---------------------------------------------------------------- the second group (burst, dissolution)


def collectif(rng: random.Random) -> tuple[list[Rec], dict]:
    Y = S.Y
    recs: list[Rec] = []

    def add(t: datetime, author: str | None, text: str = "", event: dict | None = None,
            label: dict | None = None) -> Rec:
        rec = Rec(t, len(recs), author, text, event=event, label=label, scene=label is not None)
        recs.append(rec)
        return rec

    t0 = dt("24/05/2025 05:40")
    add(t0, None, event={"type": "encryption_notice"})
    add(t0, None, event={"type": "created", "actor": Y, "subject": S.COLLECTIF})
    add(t0 + timedelta(minutes=1), None, event={"type": "added", "actor": Y, "target": S.ANDROID_EXPORTER})
    for name in S.COLLECTIF_CORE:
        add(t0 + timedelta(minutes=1), None, event={"type": "added", "actor": Y, "target": name})
    add(t0 + timedelta(minutes=2), None, event={"type": "description_changed", "actor": Y})
    add(t0 + timedelta(minutes=2), None, event={"type": "icon_changed", "actor": Y})
    add(t0 + timedelta(minutes=4), Y, "Groupe FICTIF de démonstration.\nLien d'invitation à faire tourner aux "
        "collègues de confiance uniquement.")
    add(t0 + timedelta(minutes=5), S.P, "reçu, je fais tourner")
    add(t0 + timedelta(minutes=10), None, event={"type": "settings_admins_only", "actor": Y})
    # ~3,000 joins by link between 06:00 and 10:30, peaking around 07:30
    numbers = [f"+33 6 00 {n // 10000:02d} {n // 100 % 100:02d} {n % 100:02d}"
               for n in rng.sample(range(100000, 1000000), 3000)]
    numbers = [n for n in numbers if n != S.PHONE_MEMBER]
    join_start = dt("24/05/2025 06:00")
    offsets = sorted(min(269, max(0, int(rng.triangular(0, 270, 80)))) for _ in numbers)
    joins = []
    for num, off in zip(numbers, offsets, strict=True):
        joins.append(add(join_start + timedelta(minutes=off), None,
                         event={"type": "joined_by_link", "actor": num}))
    call = add(dt("24/05/2025 07:30"), Y, "Au nom de tous les collègues, nous appelons à un rassemblement "
               "silencieux mardi 6h devant la direction départementale. Tenue civile, pas de banderole.",
               label={"label": "speak_for_group", "also": "call_to_action"})
    silence = add(dt("24/05/2025 08:15"), Y, "Consigne : silence total. Rien ne sort de ce groupe, pas un mot aux "
                  "journalistes ni aux syndicats. Ceux qui parlent seront retirés.",
                  label={"label": "silence_order", "named": "syndicats, journalistes"})
    add(dt("24/05/2025 10:45"), None, event={"type": "settings_all", "actor": Y})
    acks = ["reçu", "👍", "présent mardi", "ok chef", "reçu 👍", "on sera là", "bien reçu", "👍👍", "compris",
            "j'y serai", "reçu chef", "ok"]
    t = dt("24/05/2025 10:46")
    for who in [S.P, S.K, *rng.sample(numbers, 24), S.D, S.J]:
        t += timedelta(minutes=rng.choice([0, 0, 1, 1, 2]))
        add(t, who, rng.choice(acks), label={"label": "compliance"})
    add(dt("25/05/2025 08:00"), None, event={"type": "disappearing_on", "actor": Y, "days": "7"})
    add(dt("25/05/2025 08:02"), None, event={"type": "disappearing_changed", "actor": Y})
    # dissolution: mass departures on 27-28 May, then the admin removes the rest and leaves
    leavers = rng.sample(numbers, 2600)
    gone = set(leavers)
    stay = [n for n in numbers if n not in gone]
    t = dt("27/05/2025 18:00")
    offs = sorted(rng.randrange(0, 26 * 60) for _ in leavers)
    departures = [add(t + timedelta(minutes=o), None, event={"type": "left", "actor": n})
                  for n, o in zip(leavers, offs, strict=True)]
    t = dt("28/05/2025 20:05")
    for i, n in enumerate(stay):
        add(t + timedelta(minutes=i // 60), None, event={"type": "removed", "actor": Y, "target": n})
    t = dt("28/05/2025 22:00")
    for i, name in enumerate(S.COLLECTIF_CORE):
        add(t + timedelta(minutes=i), None, event={"type": "removed", "actor": Y, "target": name})
    last = add(dt("28/05/2025 22:10"), None, event={"type": "removed", "actor": Y, "target": S.ANDROID_EXPORTER})
    recs.sort(key=lambda r: (r.t, r.seq))
    facts = {"joins": joins, "departures": departures, "removed": len(stay) + len(S.COLLECTIF_CORE) + 1,
             "call": call, "silence": silence, "last": last}
    return recs, facts


# ---------------------------------------------------------------- a tiny valid JPEG (8x8 grey), by hand


def tiny_jpeg() -> bytes:
    def seg(marker: int, payload: bytes) -> bytes:
        return struct.pack(">HH", marker, len(payload) + 2) + payload

    dqt = seg(0xFFDB, b"\x00" + b"\x01" * 64)
    sof = seg(0xFFC0, b"\x08\x00\x08\x00\x08\x01\x01\x11\x00")
    one_code = b"\x01" + b"\x00" * 15 + b"\x00"  # one code of length 1 for symbol 0
    dht = seg(0xFFC4, b"\x00" + one_code + b"\x10" + one_code)
    sos = seg(0xFFDA, b"\x01\x01\x00\x00\x3f\x00")
    return b"\xff\xd8" + dqt + sof + dht + sos + b"\x3f" + b"\xff\xd9"  # DC diff 0, EOB: a flat grey block


def write_zip(chat: str, photo_name: str, photo: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in (("_chat.txt", chat.encode("utf-8")), (photo_name, photo)):
            info = zipfile.ZipInfo(name, date_time=(2025, 6, 30, 23, 5, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, data, compresslevel=9)
    return buf.getvalue()


# ---------------------------------------------------------------- ground truth


def entry(rec: Rec, file_key: str) -> dict:
    body = rec.text if rec.author else ""
    return {"file": file_key, "line": rec.lines[file_key], "time": rec.t.strftime("%d/%m/%Y %H:%M"),
            "author": rec.author, "text": body.split("\n")[0] if body else None,
            "event": (rec.event or {}).get("type"), "deleted": rec.special == "deleted",
            **(rec.label or {}), **({"refers_to_line": rec.ref.lines[file_key]} if rec.ref else {})}


CANONICAL = {"settings_admins_only": "settings_changed", "settings_all": "settings_changed",
             "subject_changed_to": "subject_changed"}


def expected_parse(recs: list[Rec], key: str) -> dict:
    """What a correct reader must find in one file: messages, typed events and message flags."""
    shown = [r for r in recs if key in r.lines]
    events: dict[str, int] = {}
    flags: dict[str, int] = {}

    def bump(d: dict[str, int], k: str) -> None:
        d[k] = d.get(k, 0) + 1

    for r in shown:
        if r.author is None:
            bump(events, CANONICAL.get(r.event["type"], r.event["type"]))
        elif r.special == "call":
            bump(events, "call")
        elif r.special == "attachment" and key == "ios":
            bump(flags, "attachment")
        elif r.media:
            bump(flags, "media_omitted")
        elif r.special:
            bump(flags, r.special)
    messages = [r for r in shown if r.author and r.special != "call"]
    return {"messages": len(messages), "senders": len({r.author for r in messages}),
            "events": dict(sorted(events.items())), "flags": dict(sorted(flags.items())),
            "first": shown[0].t.strftime("%d/%m/%Y %H:%M"), "last": shown[-1].t.strftime("%d/%m/%Y %H:%M")}


def answers(recs: list[Rec], ios: list[Rec], coll: list[Rec], facts: dict, photo_name: str) -> dict:
    labelled = [r for r in recs if r.label]
    items = []
    for r in labelled:
        e = entry(r, "android")
        if "ios" in r.lines:
            e["ios_line"] = r.lines["ios"]
        items.append(e)
    items += [entry(r, "collectif") for r in coll if r.label and r.label["label"] != "compliance"]

    def first(label: str, **kw: str) -> dict:
        return next(i for i in items if i["label"] == label and all(i.get(k) == v for k, v in kw.items()))

    har = [i for i in items if i.get("case") == "harassment_lucas"]
    abuse = [i for i in har if i["label"] in ("mockery", "sexual_harassment", "words_to_acts", "retaliation")]
    per_month: dict[str, int] = {}
    for i in abuse:
        m = i["time"][3:10]
        per_month[m] = per_month.get(m, 0) + 1
    authors = [r.author for r in recs if r.author]
    counts = {a: authors.count(a) for a in sorted(set(authors))}
    ev_counts: dict[str, int] = {}
    for r in recs:
        if r.author is None:
            ev_counts[r.event["type"]] = ev_counts.get(r.event["type"], 0) + 1
    joins = facts["joins"]
    hours: dict[str, int] = {}
    for j in joins:
        h = j.t.strftime("%d/%m/%Y %Hh")
        hours[h] = hours.get(h, 0) + 1
    return {
        "notice": "ALL CONTENT IS FICTIONAL: invented people, unit, places and events, written to test sentinelle.",
        "files": {"android": ANDROID_NAME, "ios": f"{IOS_NAME}!_chat.txt", "collectif": COLLECTIF_NAME,
                  "ios_media": photo_name},
        "counts": {"android_messages": len(authors), "android_events": ev_counts,
                   "android_messages_per_author": counts,
                   "media_omitted": sum(1 for r in recs if r.media),
                   "deleted": sum(1 for r in recs if r.special == "deleted"),
                   "edited": sum(1 for r in recs if r.special == "edited"),
                   "locations": sum(1 for r in recs if r.special == "location")},
        "expected_parse": {"android": expected_parse(recs, "android"), "ios": expected_parse(ios, "ios"),
                           "collectif": expected_parse(coll, "collectif")},
        "ios_display_names": S.IOS_DISPLAY,
        "people": [p[0] for p in S.PEOPLE],
        "phone_pattern": r"\+33 6 00 \d\d \d\d \d\d",
        "label_counts": dict(sorted(Counter(f"{i['file']}:{i['label']}" for i in items).items())),
        "android_exporter": S.ANDROID_EXPORTER, "ios_exporter": S.IOS_EXPORTER,
        "leadership": {"undeclared_leader": S.Y, "declared_chief": S.M,
                       "directives_of_leader": sum(1 for i in items if i["label"] == "directive"
                                                   and i["author"] == S.Y and i["file"] == "android"),
                       "ignored_directives_of_chief": sum(1 for i in items if i["label"] == "ignored_directive"),
                       "group_admin": S.Y, "speaks_for_group": S.Y},
        "silence_order": {"line": first("silence_order", file="android")["line"], "issuer": S.Y, "named": S.OL,
                          "named_role": "union representative (délégué syndical)",
                          "named_last_message_line": first("silenced_last_message")["line"],
                          "named_left_line": first("silenced_left")["line"],
                          "settings_admins_only_line": first("silence_settings")["line"]},
        "harassment": {"target": S.L, "target_grade": "Gardien de la paix stagiaire", "main_aggressor": S.P,
                       "aggressor_grade": "Brigadier (his superior)", "nickname": "Bambi",
                       "joined_in": [S.K, S.D], "bystanders_endorsing": sorted({i["author"] for i in har
                                                                                 if i["label"] == "endorsement"}),
                       "abusive_messages_per_month": per_month,
                       "words_to_acts_lines": [i["line"] for i in har if i["label"] == "words_to_acts"],
                       "objection_lines": [i["line"] for i in har if i["label"] == "objection"],
                       "complaint_line": first("complaint")["line"],
                       "exclusion_order_line": first("exclusion", author=S.Y)["line"],
                       "removal_line": first("removal")["line"], "removed_by": S.Y,
                       "supporter": S.C, "supporter_admin_revoked_line": first("retaliation_on_supporter")["line"]},
        "burst": {"file": COLLECTIF_NAME, "group": S.COLLECTIF, "created_by": S.Y, "joins_by_link": len(joins),
                  "first_join": joins[0].t.strftime("%d/%m/%Y %H:%M"),
                  "last_join": joins[-1].t.strftime("%d/%m/%Y %H:%M"), "joins_per_hour": hours,
                  "departures": len(facts["departures"]), "removed_at_end": facts["removed"],
                  "core_shared_with_brigade": [S.Y, *S.COLLECTIF_CORE, S.ANDROID_EXPORTER],
                  "call_to_action_line": facts["call"].lines["collectif"],
                  "silence_order_line": facts["silence"].lines["collectif"],
                  "dissolved": True, "last_line": facts["last"].lines["collectif"]},
        "labels": {
            "hate": "hateful message; target = anti_black | anti_arab | anti_roma | antisemitic | misogyny",
            "sexual_harassment": "sexual remark aimed at a person (target)", "mockery": "degrading, no slur",
            "words_to_acts": "acts mentioned (posters)", "retaliation": "hostility after the target spoke up",
            "exclusion": "ostracism", "endorsement": "bystander approval of the line(s) just before",
            "reported": "HARD NEGATIVE: reported speech", "counter": "HARD NEGATIVE: counter-speech",
            "neutral": "HARD NEGATIVE: neutral mention", "profanity": "HARD NEGATIVE: profanity alone",
            "directive": "order by the undeclared leader", "compliance": "acknowledgement of an order",
            "ignored_directive": "instruction of the declared chief that nobody acknowledges",
            "silence_order": "order to stay silent aimed at the union representative",
            "speak_for_group": "speaks in the name of all", "insult": "insult aimed at a person",
            "threat": "threat of violence", "support": "support for a target (not abuse)",
            "objection": "the target objects", "objection_mild": "the target protests mildly",
            "complaint": "the target reports to the hierarchy", "ignored_target": "the excluded target gets no answer",
            "removal": "the target is removed from the group", "union_rep_speaks": "the union representative speaks",
            "silenced_last_message": "the named person's last message (deleted)",
            "silenced_left": "the named person leaves", "silence_settings": "only admins may write, after the order",
            "retaliation_on_supporter": "the target's supporter loses admin rights"},
        "items": items,
    }


def answers_md(a: dict) -> str:
    h, so, b, ld = a["harassment"], a["silence_order"], a["burst"], a["leadership"]
    rows = [f"| {i['file']} | {i['line']} | {i['time']} | {i['author'] or '(system)'} | {i['label']} | "
            f"{i.get('target', i.get('named', ''))} | {(i['text'] or i['event'] or '').replace('|', '/')[:70]} |"
            for i in a["items"]]
    return "\n".join([
        "# Demo case: the planted ground truth",
        "",
        "**ALL CONTENT IS FICTIONAL.** The unit, people, places, phone numbers (+33 6 00 … range) and events are",
        "invented to exercise sentinelle. Offensive lines are planted on purpose, to be found.",
        "Regenerate with `python scripts/make_demo.py` (byte-identical); `answers.json` holds the same facts.",
        "",
        "## Files",
        f"- `{ANDROID_NAME}`: Android, French, {a['counts']['android_messages']} messages, exported by "
        f"{a['android_exporter']} (the \"Vous\" of system lines).",
        f"- `{IOS_NAME}`: iOS `_chat.txt` from 01/06/2025 (exported by {a['ios_exporter']}) + `{a['files']['ios_media']}`.",
        f"- `{COLLECTIF_NAME}`: a second group; `roster.csv`: declared grades and roles.",
        "",
        "## Parallel command",
        f"- Undeclared leader: **{ld['undeclared_leader']}** (gardien de la paix, group creator and admin): "
        f"{ld['directives_of_leader']} directives, each acknowledged (\"reçu\", \"ok chef\", 👍).",
        f"- Declared chief: **{ld['declared_chief']}** (brigadier-chef): {ld['ignored_directives_of_chief']} "
        "instructions nobody acknowledges; the leader tells the group to bypass him.",
        f"- Speaks for the group: {ld['speaks_for_group']} (\"Au nom de tous les collègues…\").",
        f"- Silence order (line {so['line']}): \"Les délégués, vous vous taisez. Rien ne sort du groupe, pas de "
        f"syndicats ici.\" aimed at **{so['named']}** ({so['named_role']}); his message is then deleted "
        f"(line {so['named_last_message_line']}), settings go admin-only (line {so['settings_admins_only_line']}), "
        f"he never writes again and leaves (line {so['named_left_line']}).",
        "",
        "## Harassment case",
        f"- Target **{h['target']}** ({h['target_grade']}), nickname \"{h['nickname']}\"; main aggressor "
        f"**{h['main_aggressor']}** ({h['aggressor_grade']}); joined in: {', '.join(h['joined_in'])}; "
        f"endorsing bystanders: {', '.join(h['bystanders_endorsing'])}.",
        f"- Abusive messages per month (escalation): {h['abusive_messages_per_month']}; severity 1→5.",
        f"- Words to acts (posters in the corridor, touching): lines {h['words_to_acts_lines']}.",
        f"- Objections: lines {h['objection_lines']}; complaint to the hierarchy: line {h['complaint_line']}.",
        f"- Retaliation: \"la balance\", exclusion order by {S.Y} (line {h['exclusion_order_line']}), his messages "
        f"go unanswered, supporter {h['supporter']} loses admin (line {h['supporter_admin_revoked_line']}), removed "
        f"by {h['removed_by']} (line {h['removal_line']}).",
        "",
        "## Group lifecycle (burst)",
        f"- `{b['file']}`: created by {b['created_by']}; {b['joins_by_link']} joins by invite link between "
        f"{b['first_join']} and {b['last_join']}; core shared with the brigade: {', '.join(b['core_shared_with_brigade'])}.",
        f"- Call to collective action \"au nom de tous\" (line {b['call_to_action_line']}), silence order "
        f"(line {b['silence_order_line']}); then {b['departures']} departures and {b['removed_at_end']} removals: "
        f"dissolved (last line {b['last_line']}).",
        "",
        "## Labelled lines per file and label",
        "",
        ", ".join(f"{k} {v}" for k, v in a["label_counts"].items()),
        "",
        "## Every labelled line (hard negatives are labels reported, counter, neutral, profanity)",
        "",
        "| file | line | time | author | label | target | text |",
        "|---|---|---|---|---|---|---|",
        *rows,
        "",
    ])


def roster_csv() -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["name", "grade", "role", "unit", "union_representative"])
    for name, grade, role, unit, union, _ in S.PEOPLE:
        w.writerow([name, grade, role, unit, "oui" if union else "non"])
    return buf.getvalue()


def generate(out: Path) -> None:
    rng = random.Random(SEED)
    recs = brigade(rng)
    android = write_android(recs, S.ANDROID_EXPORTER, "android")
    ios_chat, photo_name, ios_recs = write_ios(recs, rng)
    coll, facts = collectif(rng)
    coll_txt = write_android(coll, S.ANDROID_EXPORTER, "collectif")
    out.mkdir(parents=True, exist_ok=True)
    (out / ANDROID_NAME).write_bytes(android.encode("utf-8"))
    (out / IOS_NAME).write_bytes(write_zip(ios_chat, photo_name, tiny_jpeg()))
    (out / COLLECTIF_NAME).write_bytes(coll_txt.encode("utf-8"))
    (out / "roster.csv").write_bytes(roster_csv().encode("utf-8"))
    a = answers(recs, ios_recs, coll, facts, photo_name)
    (out / "answers.json").write_bytes((json.dumps(a, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    (out / "ANSWERS.md").write_bytes(answers_md(a).encode("utf-8"))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory (default: the package)")
    generate(ap.parse_args(argv).out)


if __name__ == "__main__":
    main()
