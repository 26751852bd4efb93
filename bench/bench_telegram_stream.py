"""Streaming Telegram reader: throughput and memory on a large generated full-account export.

    python bench/bench_telegram_stream.py [--mb 200] [--compare]

Writes bench/out/result.json (fictional French group chats, ~--mb MB, tdesktop's 1-space
indentation, entity arrays, service actions), then reads it in a child process through
`sentinelle.ingest.read` and reports MB/s, records/s, and the child's resident memory sampled
along the way (it should stay flat: the file is never loaded whole).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
NAMES = ["Cdt Moreau", "Lucie Martin", "Karim B.", "Sophie L.", "Marc D.", "Inès R.", "Paul V.", "Nadia K."]
WORDS = ("réunion planning patrouille secteur rapport collègues demain matin soir équipe brigade relève "
         "commissariat procédure véhicule dossier permanence syndicat astreinte 👍 🚓 ok merci").split()


def _message(rng: random.Random, n: int, t: int) -> dict:
    who = rng.randrange(len(NAMES))
    base = {"id": n, "type": "message", "date": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)),
            "date_unixtime": str(t), "from": NAMES[who], "from_id": f"user{1000 + who}"}
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 25)))
    roll = rng.random()
    if roll < 0.02:
        return {"id": n, "type": "service", "date": base["date"], "date_unixtime": str(t),
                "actor": NAMES[who], "actor_id": base["from_id"], "action": "invite_members",
                "members": [rng.choice(NAMES)], "text": "", "text_entities": []}
    if roll < 0.25:
        text = [{"type": "bold", "text": words[:10]}, words[10:], {"type": "mention", "text": "@lucie_m"}]
        entities = [text[0], {"type": "plain", "text": text[1]}, text[2]]
    else:
        text, entities = words, [{"type": "plain", "text": words}]
    if roll > 0.9:
        base["reply_to_message_id"] = max(1, n - rng.randint(1, 50))
    return {**base, "text": text, "text_entities": entities}


def generate(path: Path, megabytes: int) -> None:
    rng = random.Random(7)
    target = megabytes << 20
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('{\n "about": "Here is the data you requested.",\n "personal_information": {"user_id": 1000},\n')
        fh.write(' "chats": {\n  "about": "fictional benchmark data",\n  "list": [\n')
        chat = 0
        while fh.tell() < target:
            chat += 1
            head = {"name": f"Groupe fictif {chat}", "type": "private_supergroup", "id": 5000 + chat}
            fh.write(("" if chat == 1 else ",\n") + json.dumps(head, ensure_ascii=False)[:-1] + ',\n "messages": [\n')
            t = 1_700_000_000
            for n in range(1, 50_001):
                t += rng.randint(5, 600)
                fh.write(("" if n == 1 else ",\n") + json.dumps(_message(rng, n, t), ensure_ascii=False, indent=1))
                if n % 1000 == 0 and fh.tell() >= target:
                    break
            fh.write("\n ]}")
        fh.write("\n  ]\n }\n}\n")


def parse(path: Path) -> None:
    """Child process: read every record, sampling resident memory."""
    sys.path.insert(0, str(ROOT / "src"))
    from sentinelle.ingest import ReadOptions, read

    def rss_mb() -> float:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    size = path.stat().st_size
    samples = [round(rss_mb(), 1)]
    start = time.perf_counter()
    count = 0
    for record in read(path, ReadOptions(format="telegram")):  # noqa: B007 (the last one is the summary)
        count += 1
        if count % 200_000 == 0:
            samples.append(round(rss_mb(), 1))
    elapsed = time.perf_counter() - start
    samples.append(round(rss_mb(), 1))
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"file_mb": round(size / 2**20, 1), "records": count, "seconds": round(elapsed, 2),
                      "mb_per_s": round(size / 2**20 / elapsed, 1), "records_per_s": round(count / elapsed),
                      "peak_rss_mb": round(peak, 1), "rss_samples_mb": samples,
                      "summary": {k: getattr(record, k) for k in ("messages", "events", "conversations", "issues")}}))


def ijson_baseline(path: Path) -> None:
    """Child process: ijson's C backend over the same messages (structure only, no offsets)."""
    import resource

    import ijson

    start = time.perf_counter()
    count = 0
    with open(path, "rb") as fh:
        for _ in ijson.items(fh, "chats.list.item.messages.item"):
            count += 1
    elapsed = time.perf_counter() - start
    size = path.stat().st_size / 2**20
    print(json.dumps({"ijson_backend": ijson.backend, "messages": count, "seconds": round(elapsed, 2),
                      "mb_per_s": round(size / elapsed, 1),
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=int, default=200)
    ap.add_argument("--compare", action="store_true", help="also time ijson (no offsets) on the same file")
    ap.add_argument("--parse", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--ijson", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.parse:
        parse(args.parse)
        return
    if args.ijson:
        ijson_baseline(args.ijson)
        return
    path = OUT / "result.json"
    if not path.exists() or abs(path.stat().st_size - (args.mb << 20)) > (8 << 20):
        t0 = time.perf_counter()
        generate(path, args.mb)
        print(f"generated {path} ({path.stat().st_size / 2**20:.0f} MB) in {time.perf_counter() - t0:.0f} s")
    result = subprocess.run([sys.executable, __file__, "--parse", str(path)], capture_output=True, text=True,
                            check=True)
    print("sentinelle", result.stdout.strip())
    if args.compare:
        result = subprocess.run([sys.executable, __file__, "--ijson", str(path)], capture_output=True, text=True,
                                check=True)
        print("ijson     ", result.stdout.strip())


if __name__ == "__main__":
    main()
