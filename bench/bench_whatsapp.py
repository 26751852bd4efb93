"""Benchmark: sentinelle's WhatsApp reader against whatstk 0.9.1 and chat-miner 0.6.0.

Generates a fictional 200,000-message French Android export (~17 MB: 6 % multi-line messages,
1 % system lines, emoji and phone-number names) into bench/out/, then runs each parser in its own
subprocess (so that peak memory, ru_maxrss, is its own) and prints one table with the ratios.
sentinelle is also run on a file twice as large to show that its memory does not grow.

    python bench/bench_whatsapp.py [--messages 200000] [--only sentinelle] [--repeat 3]

Figures are for the parse itself (imports excluded), in CPU seconds (robust to a busy machine)
and wall seconds; `sentinelle parse` is the CLI command (its JSON lines counted, not kept).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"

NAMES = [
    "Capitaine Morel",
    "Lt Duval",
    "Brigadier Chen 🚓",
    "+33 6 12 34 56 78",
    "~ Inès",
    "Sarah B.",
    "Adjudant Koné",
    "+33 7 98 76 54 32",
    "Léa 🌸",
    "Major Petit",
    "Gardien Roux",
    "Yannick",
]
WORDS = (
    "patrouille rapport demain matin équipe secteur réunion commissariat planning relève "
    "ok merci bien reçu vu on se voit à 14h le véhicule est au garage 👍 😂 🚨"
).split()
SYSTEM = [
    "{a} a ajouté {b}",
    "{a} a retiré {b}",
    "{a} est parti",
    "{a} a modifié le sujet en “Brigade : planning”",
    "{a} a changé l'icône de ce groupe",
    "{a} a rejoint ce groupe grâce à son lien d'invitation",
]


def generate(path: Path, messages: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    t = datetime(2023, 1, 2, 7, 0)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(
            f"{t:%d/%m/%Y %H:%M} - Les messages et les appels sont chiffrés de bout en bout. "
            "Aucun tiers, pas même WhatsApp, ne peut les lire ou les écouter. Appuyez pour en savoir plus.\n"
        )
        for _ in range(messages):
            t += timedelta(seconds=rng.randint(5, 240))
            head = f"{t:%d/%m/%Y %H:%M} - "
            r = rng.random()
            if r < 0.01:
                a, b = rng.sample(NAMES, 2)
                fh.write(head + rng.choice(SYSTEM).format(a=a.lstrip("~ "), b=b.lstrip("~ ")) + "\n")
                continue
            text = " ".join(rng.choices(WORDS, k=rng.randint(3, 14)))
            if r < 0.07:
                text += "\n" + " ".join(rng.choices(WORDS, k=rng.randint(2, 10)))
            elif r < 0.09:
                text = "<Médias omis>"
            fh.write(f"{head}{rng.choice(NAMES)}: {text}\n")


def _load(tool: str):
    """Import what `tool` needs (not timed) and return a function that parses a path and
    returns (records, extra figures)."""
    if tool.startswith("sentinelle") or tool == "floor":
        sys.path.insert(0, str(ROOT / "src"))
    if tool == "sentinelle":
        from sentinelle.ingest.base import ReadOptions
        from sentinelle.ingest.whatsapp import READER

        def run(path: str) -> tuple[int, dict]:
            summary = None
            for rec in READER.read(Path(path), ReadOptions()):
                summary = rec
            count = summary.messages + summary.events
            return count, {"messages": summary.messages, "events": summary.events}

        return run
    if tool == "sentinelle parse":
        # the CLI command, its JSON lines counted and dropped
        from sentinelle.cli import cli

        class Lines(io.RawIOBase):  # counts the JSON lines, keeps nothing
            n = 0

            def writable(self) -> bool:
                return True

            def write(self, b) -> int:  # noqa: ANN001
                self.n += bytes(b).count(b"\n")
                return len(b)

        def run(path: str) -> tuple[int, dict]:
            sink = Lines()
            saved, sys.stdout = sys.stdout, io.TextIOWrapper(io.BufferedWriter(sink))
            try:
                cli.main(["parse", path], standalone_mode=False)
            finally:
                sys.stdout.flush()
                sys.stdout = saved
            return sink.n, {}

        return run
    if tool == "floor":
        # What any Python reader pays at least: chunked decoding, the header regex, and one
        # Source + Message per record (no dates, names, flags or events).
        from sentinelle.ingest.textio import iter_chunks
        from sentinelle.ingest.whatsapp.headers import layout_regex
        from sentinelle.records import Message, Source

        regex, _ = layout_regex((False, "/", "", False, False, False), plain=True)

        def run(path: str) -> tuple[int, dict]:
            count = 0
            with open(path, "rb") as fh:
                for chunk in iter_chunks(fh, "utf-8"):
                    text = "\n" + chunk.text
                    prev = None
                    for m in regex.finditer(text):
                        s = m.start()
                        if prev is not None:
                            src = Source("x", 1, 1, prev, s, path)
                            Message("x", "c", None, "r", "s", text[prev:s], src)
                            count += 1
                        prev = s
            return count, {}

        return run
    if tool == "whatstk":
        from whatstk import df_from_whatsapp

        return lambda path: (len(df_from_whatsapp(path)), {})
    if tool == "chat-miner":
        import logging

        logging.disable(logging.WARNING)
        from chatminer.chatparsers import WhatsAppParser

        def run(path: str) -> tuple[int, dict]:
            parser = WhatsAppParser(path)
            parser.parse_file()
            return len(parser.parsed_messages.get_df()), {}

        return run
    raise SystemExit(f"unknown tool {tool}")


def run_one(tool: str, path: str) -> dict:
    """Runs in a child process: parse `path` with `tool`, return figures. The parse itself is
    timed apart from the imports (pandas for the other two), in CPU and wall seconds."""
    run = _load(tool)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    count, extra = run(path)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "tool": tool,
        "wall_s": wall,
        "cpu_s": cpu,
        # CPU seconds of the whole process (interpreter start and imports included)
        "process_cpu_s": usage.ru_utime + usage.ru_stime,
        "records": count,
        "peak_rss_mb": usage.ru_maxrss / 1024,
        **extra,
    }


def measure(tool: str, path: Path, repeat: int = 1) -> dict:
    """The best of `repeat` runs (by CPU time), each in a fresh process."""
    best = None
    for _ in range(repeat):
        proc = subprocess.run(
            [sys.executable, __file__, "--child", tool, str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            return {"tool": tool, "error": proc.stderr.strip().splitlines()[-1:]}
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        if best is None or result["cpu_s"] < best["cpu_s"]:
            best = result
    best["mb_s"] = path.stat().st_size / 1e6 / best["wall_s"]
    best["mb_s_cpu"] = path.stat().st_size / 1e6 / best["cpu_s"]
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=200_000)
    ap.add_argument("--only", action="append")
    ap.add_argument("--repeat", type=int, default=1, help="runs per tool; the best (least CPU) is kept")
    ap.add_argument("--child", nargs=2)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(run_one(*args.child)))
        return
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"Discussion WhatsApp avec Brigade {args.messages}.txt"
    big = OUT / f"Discussion WhatsApp avec Brigade {2 * args.messages}.txt"
    for p, n in ((path, args.messages), (big, 2 * args.messages)):
        if not p.exists():
            generate(p, n)
    size = path.stat().st_size / 1e6
    print(
        f"file: {path.name}  {size:.1f} MB  (2x file: {big.stat().st_size / 1e6:.1f} MB)  cpu: {os.cpu_count()}"
    )
    tools = args.only or ["sentinelle", "sentinelle parse", "whatstk", "chat-miner", "floor"]
    results = [measure(t, path, args.repeat) for t in tools]
    for tool in ("sentinelle", "sentinelle parse"):
        if tool in tools:
            r2 = measure(tool, big, args.repeat)
            r2["tool"] = f"{tool} (2x file)"
            results.append(r2)
    base = next((r for r in results if r["tool"] == "sentinelle" and "wall_s" in r), None)
    print(f"load average: {os.getloadavg()[0]:.1f} (wall times suffer on a busy machine; CPU times less)")
    print("parse only (imports excluded); 'proc cpu': the whole process, interpreter start included")
    print(
        f"{'parser':27} {'wall s':>7} {'MB/s':>6} {'cpu s':>7} {'MB/s cpu':>9} {'proc cpu':>8} {'records':>8}"
        f" {'peak MB':>8} {'sentinelle faster (wall/cpu)':>29}"
    )
    for r in results:
        if "error" in r:
            print(f"{r['tool']:27} error: {r['error']}")
            continue
        ratio = ""
        if base and not r["tool"].startswith(("sentinelle", "floor")):
            ratio = f"{r['wall_s'] / base['wall_s']:.1f}x / {r['cpu_s'] / base['cpu_s']:.1f}x"
        print(
            f"{r['tool']:27} {r['wall_s']:7.2f} {r['mb_s']:6.1f} {r['cpu_s']:7.2f} {r['mb_s_cpu']:9.1f}"
            f" {r['process_cpu_s']:8.2f} {r['records']:8d} {r['peak_rss_mb']:8.0f} {ratio:>29}"
        )
    print(json.dumps(results))


if __name__ == "__main__":
    main()
