"""Benchmark: ingest throughput into a case and full-text search latency.

Generates a fictional French Android WhatsApp export (default 200,000 messages, ~17 MB) into
bench/out/, then, each in its own subprocess (own peak memory):
  read   the reader alone (records counted, nothing stored): the floor for ingest;
  ingest `pipeline.ingest_files` into a fresh case (SQLite, FTS5 index, identity linking);
and finally search latency (median/p95 over repeated queries) on the resulting case.

    python bench/bench_ingest.py [--messages 200000]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_whatsapp import generate  # noqa: E402  (one generator for every WhatsApp benchmark)

QUERIES = ["equipe", "releve", "réunion", "vehicule garage", "patrouille OR relève", '"bien reçu"', "commiss*", "introuvable"]


def child(step: str, path: Path, case_dir: Path) -> dict:
    from sentinelle.ingest import ReadOptions, read
    from sentinelle.pipeline import ingest_files
    from sentinelle.store import Case

    start = time.perf_counter()
    if step == "read":
        n = sum(1 for _ in read(path, ReadOptions(tz="Europe/Paris")))
        out: dict = {"records": n}
    else:
        with Case.create(case_dir) as case:
            report = ingest_files(case, [path], ReadOptions(tz="Europe/Paris"))
            out = {"messages": report.messages, "events": report.events, "persons": report.persons}
    out["wall_s"] = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    out["cpu_s"] = usage.ru_utime + usage.ru_stime  # less sensitive than wall time to a shared machine
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def measure(step: str, path: Path, case_dir: Path) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", step, str(path), str(case_dir)],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return json.loads(proc.stdout.strip().splitlines()[-1])


def search_latency(case_dir: Path, repeat: int = 20) -> dict[str, dict]:
    from sentinelle.store import Case

    figures = {}
    with Case.open(case_dir) as case:
        for q in QUERIES:
            times, hits = [], 0
            for _ in range(repeat):
                t0 = time.perf_counter()
                hits = len(case.search(q, limit=50))
                times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            figures[q] = {"hits": hits, "median_ms": statistics.median(times), "p95_ms": times[int(0.95 * len(times)) - 1]}
    return figures


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=200_000)
    ap.add_argument("--child", nargs=3)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]), Path(args.child[2]))))
        return
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"Discussion WhatsApp avec Brigade ingest {args.messages}.txt"
    if not path.exists():
        generate(path, args.messages)
    case_dir = OUT / "bench-case"
    shutil.rmtree(case_dir, ignore_errors=True)
    mb = path.stat().st_size / 1e6
    read = measure("read", path, case_dir)
    ingest = measure("ingest", path, case_dir)
    db_mb = (case_dir / "case.sqlite").stat().st_size / 1e6
    print(f"file {path.name}: {mb:.1f} MB, {args.messages} lines generated")
    print(f"read only : {read['wall_s']:6.2f} s  {mb / read['wall_s']:6.1f} MB/s  {read['records'] / read['wall_s']:9.0f} records/s  "
          f"(cpu {read['cpu_s']:.2f} s: {mb / read['cpu_s']:.1f} MB/cpu-s)  peak {read['peak_rss_mb']:.0f} MB")  # fmt: skip
    n = ingest["messages"] + ingest["events"]
    print(f"ingest    : {ingest['wall_s']:6.2f} s  {mb / ingest['wall_s']:6.1f} MB/s  {ingest['messages'] / ingest['wall_s']:9.0f} messages/s "
          f"({n} records, {ingest['persons']} persons)  (cpu {ingest['cpu_s']:.2f} s: "
          f"{ingest['messages'] / ingest['cpu_s']:.0f} messages/cpu-s, {mb / ingest['cpu_s']:.1f} MB/cpu-s)  peak {ingest['peak_rss_mb']:.0f} MB  case.sqlite {db_mb:.0f} MB")  # fmt: skip
    for q, f in search_latency(case_dir).items():
        print(f"search {q!r:24} {f['hits']:3d} hits  median {f['median_ms']:7.2f} ms  p95 {f['p95_ms']:7.2f} ms")


if __name__ == "__main__":
    main()
