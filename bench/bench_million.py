"""Benchmark: `analyze` end to end on one large French WhatsApp export, with 1 and with 2 workers.

    PYTHONPATH=src python bench/bench_million.py [--messages 1000000] [--workers 1,2] [--members 150]

The export is generated once into bench/out/ (`gen_whatsapp_fr.py`: mostly short repeated
messages, many distinct lines, ~2.5 % misconduct, 150 members, 3 years). Each worker count runs
`sentinelle.pipeline.analyze` (ingest, scan, dynamics, harassment, report and exports) on a fresh
case, in its own process, so that its memory is its own. Printed side by side: wall seconds per
step, messages per second (the scan's and end to end), distinct texts analysed and what reached
the encoder and the transformer, the peak RSS of the process running the pipeline and the peak
of its whole process tree (workers included: sampled every 0.2 s from /proc), and the ratio of
the 1-worker time to each. Ends with one JSON line of every figure.

Wall times depend on what else runs on the machine: say which machine, and how loaded it was
(the load average is printed before and after).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
STEPS = ("ingest", "scan", "dynamics", "harassment", "report")


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (Linux /proc)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except (OSError, ValueError):
            continue  # the process ended meanwhile
    return total


class PeakSampler(threading.Thread):
    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.2):
            self.peak = max(self.peak, tree_rss(os.getpid()))


def child(workers: int, export: Path, out: Path) -> dict:
    """One end-to-end run (in its own process); returns its figures."""
    sys.path.insert(0, str(ROOT / "src"))
    from sentinelle.pipeline import analyze as A
    from sentinelle.pipeline import scan as S

    reports: list = []
    real_scan = S.scan_case

    def scan_case(*args, **kwargs):  # noqa: ANN002, ANN003 - the same call, its report kept
        rep = real_scan(*args, **kwargs)
        reports.append(rep)
        return rep

    S.scan_case = scan_case
    sampler = PeakSampler()
    sampler.start()
    start = time.perf_counter()
    result = A.analyze([export], out, A.AnalyzeOptions(workers=workers))
    total = time.perf_counter() - start
    sampler.stop.set()
    sampler.join()
    rep = reports[-1] if reports else None
    usage = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "workers": workers,
        "steps": {s: round(result.timings.get(s, 0.0), 1) for s in STEPS},
        "resolve_other": round(result.timings.get("resolve", 0.0), 1),
        "total_s": round(total, 1),
        "messages": rep.messages if rep else None,
        "scan": rep.to_dict() if rep else None,
        "peak_rss_mb": round(usage.ru_maxrss / 1024),
        "peak_worker_rss_mb": round(kids.ru_maxrss / 1024),
        "peak_tree_rss_mb": round(sampler.peak / 1e6),
        "cpu_s": round(usage.ru_utime + usage.ru_stime + kids.ru_utime + kids.ru_stime, 1),
        "not_run": result.not_run,
        "counts": result.counts,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", type=int, default=1_000_000)
    ap.add_argument("--members", type=int, default=150)
    ap.add_argument("--workers", default="1,2", help="worker counts to compare, e.g. 1,2")
    ap.add_argument("--child", nargs=3, metavar=("WORKERS", "EXPORT", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(int(args.child[0]), Path(args.child[1]), Path(args.child[2]))))
        return
    sys.path.insert(0, str(ROOT / "bench"))
    from gen_whatsapp_fr import generate

    OUT.mkdir(parents=True, exist_ok=True)
    export = OUT / f"Discussion WhatsApp avec Brigade {args.messages}x{args.members}.txt"
    if not export.exists():
        print("generating", export.name, generate(export, args.messages, args.members), flush=True)
    print(f"export: {export.name}, {export.stat().st_size / 1e6:.1f} MB; cores: {os.cpu_count()}; "
          f"load average before: {os.getloadavg()[0]:.1f}", flush=True)
    runs = []
    for w in (int(x) for x in args.workers.split(",")):
        out = OUT / f"million-{args.messages}-w{w}"
        shutil.rmtree(out, ignore_errors=True)
        proc = subprocess.run([sys.executable, __file__, "--child", str(w), str(export), str(out)],
                              capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            print(f"workers={w}: failed\n{proc.stderr[-3000:]}")
            continue
        run = json.loads(proc.stdout.strip().splitlines()[-1])
        runs.append(run)
        print(f"workers={w}: {run['total_s']} s end to end, peak {run['peak_tree_rss_mb']} MB (tree)", flush=True)
        shutil.rmtree(out, ignore_errors=True)
    if not runs:
        return
    base = runs[0]
    n = base["messages"] or args.messages
    print(f"\n{n:,} messages; load average after: {os.getloadavg()[0]:.1f}")
    print(f"{'':24}" + "".join(f"{'workers=' + str(r['workers']):>16}" for r in runs))
    for s in STEPS:
        print(f"{s + ' (s)':24}" + "".join(f"{r['steps'][s]:16.1f}" for r in runs))
    rows = [
        ("end to end (s)", lambda r: f"{r['total_s']:.1f}"),
        ("ratio to first", lambda r: f"{base['total_s'] / r['total_s']:.2f}x"),
        ("scan ratio to first", lambda r: f"{base['steps']['scan'] / max(r['steps']['scan'], 1e-9):.2f}x"),
        ("scan msg/s", lambda r: f"{n / max(r['steps']['scan'], 1e-9):,.0f}"),
        ("scan distinct/s", lambda r: f"{r['scan']['analysed'] / max(r['steps']['scan'], 1e-9):,.0f}"),
        ("end to end msg/s", lambda r: f"{n / r['total_s']:,.0f}"),
        ("texts analysed", lambda r: f"{r['scan']['analysed']:,}"),
        ("  through encoder", lambda r: f"{r['scan']['encoded']:,}"),
        ("  through transformer", lambda r: f"{r['scan']['transformer']:,}"),
        ("peak RSS pipeline (MB)", lambda r: str(r["peak_rss_mb"])),
        ("peak RSS a worker (MB)", lambda r: str(r["peak_worker_rss_mb"])),
        ("peak RSS tree (MB)", lambda r: str(r["peak_tree_rss_mb"])),
        ("CPU s (all processes)", lambda r: f"{r['cpu_s']:.0f}"),
    ]
    for label, fmt in rows:
        print(f"{label:24}" + "".join(f"{fmt(r):>16}" for r in runs))
    print(json.dumps(runs))


if __name__ == "__main__":
    main()
