"""Throughput of the abuse detector and of `scan` on a realistic chat mix, cost of each layer, memory.

    PYTHONPATH=src python bench/bench_scan.py [--messages 20000] [--no-store] [--distinct N]

The mix: mostly short benign messages with many repeats ("ok", "merci", emoji), longer benign
lines, some profanity, a few abusive lines, and a share of unique texts. Context = the 5
preceding messages, as `scan` gives. Timings are wall-clock on this machine (say which).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import resource
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sentinelle.detection import heads as H  # noqa: E402
from sentinelle.detection.api import Detector  # noqa: E402
from sentinelle.detection.language import own_language  # noqa: E402
from sentinelle.detection.normalize import normalize  # noqa: E402
from sentinelle.detection.rules import ruleset  # noqa: E402

SHORT = ["ok", "merci", "👍", "lol", "mdr", "oui", "non", "ça marche", "bien reçu", "d'accord", "😂😂", "+1", "top",
         "j'arrive", "ok chef", "bonne soirée", "merci à tous", "go", "👌", "RAS", "bjr", "slt", "🙏", "yes", "np"]
LONG = ["qui prend la patrouille de nuit demain ?", "le rapport est sur le serveur, dossier interventions",
        "je serai en retard de 10 minutes, bouchons sur le périph", "réunion déplacée à 14h salle 2",
        "quelqu'un a vu les clés du véhicule 4 ?", "n'oubliez pas de badger en sortant", "on mange où ce midi ?",
        "le planning de la semaine prochaine est affiché", "bravo pour l'intervention d'hier soir",
        "can someone cover my shift on friday?", "the briefing is moved to 9am"]
PROF = ["putain j'ai raté mon train", "merde, encore une panne", "bordel qui a pris mon chargeur", "fuck this traffic"]
ABUSE = ["les arabes sont des rats", "je vais te buter", "sale n3gr0", "envoie-moi une photo de toi en sous-vêtements",
         "t'es qu'une grosse merde", "les femmes c'est juste bonnes à la cuisine", "lol trop vrai"]


def make_mix(n: int, seed: int = 7) -> list[str]:
    r = random.Random(seed)
    out = []
    for i in range(n):
        x = r.random()
        if x < 0.55:
            out.append(r.choice(SHORT))
        elif x < 0.80:
            out.append(r.choice(LONG))
        elif x < 0.85:
            out.append(r.choice(PROF))
        elif x < 0.88:
            out.append(r.choice(ABUSE))
        else:  # unique texts: what caching cannot save
            out.append(f"{r.choice(LONG)} (réf. {i}, {r.choice(['Karim', 'Julie', 'Marc', 'Inès'])})")
    return out


def make_distinct(n: int, seed: int = 11) -> list[str]:
    """A stream where every message is distinct (real chats repeat little): lines of the
    project's chat corpus (data/corpus), 95 % benign and 5 % misconduct, none repeated."""
    from sentinelle.detection.sources import corpus_rows

    rows = corpus_rows(Path(__file__).resolve().parents[1] / "data" / "corpus")
    mis = ("hate", "sexual", "threat", "insult")
    bad = [r["text"] for r in rows if any(r[c] == 1 for c in mis)]
    good = [r["text"] for r in rows if not any(r[c] == 1 for c in mis)]
    r = random.Random(seed)
    r.shuffle(bad)
    r.shuffle(good)
    k = min(n // 20, len(bad))
    out = good[: n - k] + bad[:k]
    r.shuffle(out)
    return out


def layer_costs(texts: list[str]) -> dict[str, float]:
    """Microseconds per DISTINCT text for each layer (measured apart)."""
    distinct = list(dict.fromkeys(texts))
    rs = ruleset()
    cost = {}
    t = time.perf_counter()
    norms = [normalize(x) for x in distinct]
    cost["normalise"] = time.perf_counter() - t
    t = time.perf_counter()
    for n in norms:
        rs.match(n)
    cost["rules+lexicon"] = time.perf_counter() - t
    t = time.perf_counter()
    for n in norms:
        rs.framing(n), rs.idioms(n), rs.is_endorsement(n)
    cost["framing+idioms"] = time.perf_counter() - t
    t = time.perf_counter()
    for x in distinct:
        own_language(x)
    cost["language"] = time.perf_counter() - t
    t = time.perf_counter()
    H.hash_features([n.text for n in norms])
    cost["char n-grams"] = time.perf_counter() - t
    t = time.perf_counter()
    H.embed([n.text for n in norms])
    cost["encoder (all distinct)"] = time.perf_counter() - t
    c = time.process_time()
    H.embed([n.text for n in norms])
    cost["encoder CPU (all threads)"] = time.process_time() - c
    return {k: round(v / len(distinct) * 1e6, 1) for k, v in cost.items()} | {"distinct": len(distinct)}


def bench_detect(texts: list[str], use_gate: bool, batch: int = 2000) -> tuple[float, float, Detector]:
    det = Detector(use_gate=use_gate)
    det.detect(["warm up"])  # model load is not part of the throughput
    H.embed(["warm up"])
    det.cache.clear()
    det.stats = dict.fromkeys(det.stats, 0)
    t, c = time.perf_counter(), time.process_time()
    for i in range(0, len(texts), batch):
        chunk = texts[i:i + batch]
        ctx = [texts[max(0, i + k - 5):i + k] for k in range(len(chunk))]
        det.detect(chunk, context=ctx)
    return time.perf_counter() - t, time.process_time() - c, det


def bench_store(texts: list[str]) -> tuple[float, float]:
    from sentinelle.pipeline.scan import scan_case
    from sentinelle.records import Conversation, Message, Source, Summary
    from sentinelle.store import Case, CaseMetadata

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "chat.txt"
        lines = [f"01/02/2024 09:{i % 60:02d} - P{i % 7}: {x}\n" for i, x in enumerate(texts)]
        data = "".join(lines).encode()
        path.write_bytes(data)
        sha = hashlib.sha256(data).hexdigest()
        recs: list = [Conversation(sha[:16], "whatsapp", "bench", sha)]
        off = 0
        t0 = datetime(2024, 2, 1, 9)
        for i, (x, line) in enumerate(zip(texts, lines, strict=True)):
            raw = line.encode()
            recs.append(Message(f"{sha[:16]}:{off}", sha[:16], t0 + timedelta(seconds=i), line[:16], f"P{i % 7}", x,
                                Source(sha, i + 1, i + 1, off, off + len(raw), path="chat.txt")))
            off += len(raw)
        recs.append(Summary("chat.txt", sha, "whatsapp", messages=len(texts), conversations=1))
        with Case.create(Path(tmp) / "case", CaseMetadata(purpose="bench")) as case:
            case.add_file(path, recs, format="whatsapp", options={})
            det = Detector()
            det.detect(["warm up"])
            H.embed(["warm up"])
            t, c = time.perf_counter(), time.process_time()
            scan_case(case, detector=det)
            return time.perf_counter() - t, time.process_time() - c


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=20000)
    ap.add_argument("--no-store", action="store_true")
    ap.add_argument("--distinct", type=int, default=0, help="also a stream of N distinct corpus lines")
    args = ap.parse_args()
    texts = make_mix(args.messages)
    print(f"mix: {len(texts)} messages, {len(set(texts))} distinct")
    bench_detect(make_mix(3000, seed=99), True)  # warm every lazy path (tokenizer, langid, regex caches)
    # wall time depends on what else runs on the machine; CPU seconds (all threads) do much less
    for gate in (True, False):
        secs, cpu, det = bench_detect(texts, gate)
        print(f"detect (gate {'on' if gate else 'off'}): {len(texts) / secs:,.0f} msg/s wall "
              f"({secs:.2f} s wall, {cpu:.2f} s CPU = {len(texts) / cpu:,.0f} msg per CPU-second; "
              f"encoder ran on {det.stats['encoded']} texts, skipped {det.stats['gated']})")
    if args.distinct:
        stream = make_distinct(args.distinct)
        secs, cpu, det = bench_detect(stream, True)
        print(f"distinct stream ({len(stream)} messages, {len(set(stream))} distinct): {len(stream) / secs:,.0f} msg/s wall "
              f"({secs:.2f} s wall, {cpu:.2f} s CPU = {len(stream) / cpu:,.0f} msg per CPU-second; encoder on "
              f"{det.stats['encoded']}, transformer on {det.stats.get('transformer', 0)}, skipped {det.stats['gated']})")
    if not args.no_store:
        secs, cpu = bench_store(texts)
        print(f"scan_case into a sqlite case: {len(texts) / secs:,.0f} msg/s wall "
              f"({secs:.2f} s wall, {cpu:.2f} s CPU = {len(texts) / cpu:,.0f} msg per CPU-second)")
    print("cost per distinct text (µs):", layer_costs(texts))
    print(f"peak memory (RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
