"""One chat written out as several members' WhatsApp exports (Android French, iOS English), the
way the phones do: each export sees the chat from its exporter's side ("Vous"/"You" for their
own system lines), over its own period, in its own locale, date layout and clock."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

LRM = "\u200e"


@dataclass(frozen=True)
class Line:
    time: datetime
    sender: str
    text: str = ""
    kind: str = "msg"  # msg | media | added (sender added `text`) | deleted_later (deleted after export `deleted_after`)
    deleted_after: datetime | None = None  # exports made after this show the deletion notice


def script(seed: int = 7, steps: int = 160) -> list[Line]:
    """A group chat: ordinary messages, repeated identical lines in one minute, media, an addition,
    a message deleted on day 2, all in time order."""
    rng = random.Random(seed)
    people = ["Yannick Roux", "Camille Dubois", "Aurélie Lambert", "Marc Lefort", "Kevin Petit"]
    words = "rdv demain réunion ok planning garde patrouille café voiture rapport chef équipe nuit".split()
    out: list[Line] = [Line(datetime(2025, 3, 11, 8, 0), "Yannick Roux", "Aurélie Lambert", "added")]
    t = datetime(2025, 3, 11, 8, 5)  # the 11th to the 14th: day and month cannot be confused
    for _ in range(steps):
        t += timedelta(minutes=rng.choice([1, 2, 5, 17, 40, 90]))
        who = rng.choice(people)
        roll = rng.random()
        if roll < 0.08:
            out += [Line(t, who, "ok")] * 3  # the same line three times in one minute
        elif roll < 0.15:
            out += [Line(t, who, kind="media")] * 2
        else:
            out.append(Line(t, who, " ".join(rng.sample(words, 4)) + f" {rng.randint(1, 99)}"))
    mid = out[len(out) // 2]
    out[len(out) // 2] = Line(mid.time, mid.sender, "message regretté " + mid.text, "deleted_later",
                              deleted_after=mid.time + timedelta(hours=1))  # fmt: skip
    return out


def visible(lines: list[Line], start: datetime, end: datetime) -> list[Line]:
    return [x for x in lines if start <= x.time < end]


def android_fr(lines: list[Line], exporter: str, exported_at: datetime) -> str:
    """Android, French: 'dd/mm/yyyy HH:MM - Name: text', own messages under the own name."""
    out = []
    for x in lines:
        stamp = f"{x.time:%d/%m/%Y %H:%M}"
        if x.kind == "added":
            target = "vous" if x.text == exporter else x.text
            actor = "Vous avez" if x.sender == exporter else f"{x.sender} a"
            out.append(f"{stamp} - {x.sender} vous a ajouté" if target == "vous" else f"{stamp} - {actor} ajouté {target}")
        elif x.kind == "media":
            out.append(f"{stamp} - {x.sender}: <Médias omis>")
        elif x.kind == "deleted_later" and x.deleted_after and exported_at > x.deleted_after:
            out.append(f"{stamp} - {x.sender}: Ce message a été supprimé")
        else:
            out.append(f"{stamp} - {x.sender}: {x.text}")
    return "\n".join(out) + "\n"


def ios_en(lines: list[Line], exporter: str, exported_at: datetime, group: str, shift: int = 0,
           seconds: int = 0) -> str:  # fmt: skip
    """iOS, English: '[m/d/yy, HH:MM:SS] Name: text', system lines under the group's name; its
    phone `shift` minutes ahead, seconds as the phone kept them."""
    out = []
    rng = random.Random(seconds)
    for x in lines:
        t = x.time + timedelta(minutes=shift, seconds=rng.randint(0, 59) if seconds else 0)
        stamp = f"[{t.month}/{t.day}/{t:%y}, {t:%H:%M:%S}]"
        if x.kind == "added":
            target = "you" if x.text == exporter else x.text
            actor = "You" if x.sender == exporter else x.sender
            out.append(f"{LRM}{stamp} {group}: {LRM}{actor} added {target}")
        elif x.kind == "media":
            out.append(f"{LRM}{stamp} {x.sender}: {LRM}image omitted")
        elif x.kind == "deleted_later" and x.deleted_after and exported_at > x.deleted_after:
            notice = "You deleted this message." if x.sender == exporter else "This message was deleted."
            out.append(f"{LRM}{stamp} {x.sender}: {LRM}{notice}")
        else:
            out.append(f"{stamp} {x.sender}: {x.text}")
    return "\n".join(out) + "\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
