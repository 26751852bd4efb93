"""Benchmark: full group dynamics on a synthetic 3,500-member group with 1,000,000 messages.

    PYTHONPATH=src python bench/bench_dynamics.py [--messages 1000000] [--members 3500]

Prints the wall time of each stage, the CPU seconds of each stage (this process, and the forked
worker's share of the text scan and of the compliance reading as "<stage>_workers": on a shared
machine CPU says what the work costs), and the peak memory (RSS high-water mark of this process,
which includes building the synthetic records). Target: analysis under 60 s on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import time
from datetime import datetime, timedelta

from sentinelle.dynamics import analyze_dynamics
from sentinelle.records import Conversation, Event, EventType, Message, Source

FIRST = ["Karim", "Julie", "Thomas", "Sophie", "Yann", "Nadia", "Marc", "Léa", "Hugo", "Chloé", "Inès", "Lucas",
         "Emma", "Paul", "Sarah", "Nicolas", "Camille", "Antoine", "Manon", "Pierre"]
LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
        "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier"]
SHORT = ["ok", "reçu", "👍", "d'accord", "haha", "lol", "merci", "bien reçu", "c'est noté", "top"]
DIRECTIVES = [
    "Envoyez-moi vos photos de la soirée", "Ne parlez pas aux syndicats", "Tout le monde doit être là à 20h",
    "Merci de remplir vos comptes rendus", "Interdiction de parler à la presse", "rien ne sort du groupe",
]
STATEMENTS = [
    "je suis en route", "bonne journée à tous", "vous avez vu les infos ?", "c'est n'importe quoi cette réforme",
    "on se retrouve où ?", "merci pour l'info", "je rentre tard ce soir", "quelqu'un a le planning ?",
    "le fourgon est encore en panne", "la réunion est à 14h", "bravo à l'équipe pour hier soir",
    "il faut que je passe au bureau", "tu devrais venir ce soir ?", "je parle aux syndicats demain",
    "Au nom de tous les collègues, merci", "j'ai transmis au commissaire notre position",
]
WORDS = ("alors voilà le la les un une des pour avec sans chez nous vous ils elles demain hier soir matin "
         "service équipe collègue véhicule secteur patrouille intervention rapport planning réunion café "
         "commissariat brigade syndicat délégué chef gars problème histoire vraiment encore toujours jamais "
         "très trop bien mal déjà après avant pendant quand comment pourquoi parce que mais donc puis").split()


def _text(rng: random.Random) -> str:
    """Mostly unique texts, as in real chats (no cache can make the benchmark easy)."""
    r = rng.random()
    if r < 0.12:
        return rng.choice(SHORT)
    if r < 0.14:
        return f"{rng.choice(DIRECTIVES)} {rng.choice(WORDS)} {rng.randint(1, 99)}"
    head = rng.choice(STATEMENTS) if r < 0.4 else ""
    return (head + " " + " ".join(rng.choices(WORDS, k=rng.randint(3, 15)))).strip()


def build(n_messages: int, n_members: int, seed: int = 7):
    rng = random.Random(seed)
    names = [f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}" for i in range(n_members)]
    conv = Conversation(id="bench", platform="whatsapp", title="Collectif national", source_sha256="b" * 64)
    src = Source(sha256="b" * 64, line_start=1, line_end=1, byte_start=0, byte_end=1)
    t0 = datetime(2026, 1, 1, 8, 0)
    events = [Event(id="bench:e0", conversation_id="bench", time=t0, time_raw="", type=EventType.CREATED, source=src,
                    actor=names[0])]
    for i, name in enumerate(names[1:], 1):  # most join in a 3-hour burst on day 2
        t = t0 + timedelta(days=1, seconds=i * 3) if i > 200 else t0 + timedelta(hours=i)
        events.append(Event(id=f"bench:e{i}", conversation_id="bench", time=t, time_raw="",
                            type=EventType.JOINED_BY_LINK, source=src, actor=name))
    # Zipf-like activity: a few people write most messages
    weights = [1.0 / (k + 1) ** 0.9 for k in range(n_members)]
    senders = rng.choices(names, weights=weights, k=n_messages)
    first_names = [n.split()[0] for n in names[:50]]
    texts = [_text(rng) for _ in range(n_messages)]
    for k in range(0, n_messages, 37):  # some addressed messages
        texts[k] = f"{rng.choice(first_names)}, {texts[k]}"
    msgs = []
    t = t0 + timedelta(days=1, hours=4)
    step = timedelta(seconds=5)
    for i in range(n_messages):
        t += step
        msgs.append(Message(id=f"bench:{i}", conversation_id="bench", time=t, time_raw="", sender=senders[i],
                            text=texts[i], source=src))
    return [conv], msgs, events


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=1_000_000)
    ap.add_argument("--members", type=int, default=3500)
    ap.add_argument("--json", action="store_true", help="also time to_json() + json.dumps")
    args = ap.parse_args()
    t = time.perf_counter()
    convs, msgs, events = build(args.messages, args.members)
    built = time.perf_counter() - t
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t = time.perf_counter()
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    result = analyze_dynamics(convs, msgs, events)
    analysed = time.perf_counter() - t
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    data = result.to_json()
    out = {
        "messages": len(msgs), "members": args.members, "cores_visible": os.cpu_count(),
        "build_s": round(built, 1), "analyze_s": round(analysed, 1),
        # on a shared machine wall time depends on the neighbours: CPU seconds say what the work costs;
        # on 2 free cores the wall time is about max(main, worker) CPU
        "analyze_cpu_main_s": round(cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime, 1),
        "analyze_cpu_worker_s": round(kids.ru_utime + kids.ru_stime, 1),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "rss_after_build_mib": round(rss_before),
        "peak_rss_worker_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
        "load_avg_1m": round(os.getloadavg()[0], 1),
        "stages_s": result.timings,
        # CPU per stage: this process, and "<stage>_workers" for the forked worker processes
        "stages_cpu_s": result.cpu_timings,
        "edges": len(data["edges"]), "directives": len(data["directives"]),
        "bursts": [b["joins"] for lc in data["lifecycle"] for b in lc["bursts"]],
        "leaders": [r["person"] for r in data["leadership"] if r["leader"]],
        "betweenness": data["graph"]["case"]["betweenness"],
    }
    if args.json:
        t = time.perf_counter()
        size = len(json.dumps(data))
        out["json_s"] = round(time.perf_counter() - t, 1)
        out["json_mib"] = round(size / 2**20, 1)
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
