"""Throughput of find_cases on a synthetic group: N messages among M members, a few campaigns.

    PYTHONPATH=src python bench/harassment_bench.py [N] [M]
"""

from __future__ import annotations

import random
import resource
import sys
import time
from datetime import datetime, timedelta

from sentinelle.harassment import find_cases
from sentinelle.records import Conversation, Detection, Message, Source

BENIGN = ["ok", "reçu", "👍", "qui est de permanence demain ?", "je suis en route", "mdr", "bien vu",
          "{n} tu peux regarder le dossier ?", "merci {n}", "on mange où ?", "le planning est en ligne"]
HOSTILE = ["{n} t'es qu'un boulet", "personne ne l'invite", "{n} retourne dans ton bled", "{n} ferme-la connard"]


def main(n: int = 100_000, members: int = 300) -> None:
    rng = random.Random(1)
    people = [f"Agent{i} Nom{i}" for i in range(members)]
    t = datetime(2024, 1, 1, 8)
    msgs, dets = [], {}
    for i in range(n):
        t += timedelta(seconds=rng.randint(5, 400))
        sender = rng.choice(people)
        target = rng.choice(people).split()[0]
        hostile = rng.random() < 0.01
        text = (rng.choice(HOSTILE) if hostile else rng.choice(BENIGN)).format(n=target)
        mid = f"c:{i}"
        msgs.append(Message(mid, "c", t, "", sender, text, Source("0" * 64, i + 1, i + 1, i * 50, i * 50 + 49)))
        if hostile and "connard" in text:
            dets[mid] = Detection({"insult": 0.9}, True, severity=2)
    start = time.perf_counter()
    res = find_cases([Conversation("c", "whatsapp", "g", "0" * 64)], msgs, [], dets)
    dt = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{n} messages, {members} members: {dt:.1f} s ({n / dt:,.0f} msg/s), {len(res.cases)} cases, max RSS {rss:.0f} MiB")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
