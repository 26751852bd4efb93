"""The long fuzz campaign: the mutations of tests/ingest/test_fuzz_exports.py for as long as
asked, on the real exports of ../shared/fixtures (never copied) and the project's own test
exports. Prints the inputs tried, the crashes (tracebacks), the lost or re-attributed messages
(body mutations) and the unclear refusals (structural mutations), with the first examples.

    python bench/fuzz_readers.py [--seconds 300] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests"), str(ROOT / "tests" / "ingest")]

import fuzz_exports as fx  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    body, structural = fx.Tally(), fx.Tally()
    paths = [p for p in fx.corpus() if fx.baseline(p) is not None]
    all_paths = fx.structural_corpus()
    print(f"corpus: {len(paths)} exports for body mutations, {len(all_paths)} for structural ones")
    start = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        while time.monotonic() - start < args.seconds:
            path = rng.choice(paths)
            base = fx.baseline(path)
            data, kinds = fx.mutate_bodies(path, base, rng, rng.choice([1, 2, 3, 5]))
            mutated = Path(tmp) / path.name
            mutated.write_bytes(data)
            fx.check_body_mutation(path, mutated, base, kinds, body)
            path = rng.choice(all_paths)
            data, kind = fx.mutate_structure(path.read_bytes(), rng)
            mutated = Path(tmp) / ("s-" + path.name)
            mutated.write_bytes(data)
            fx.check_structural(path, mutated, kind, structural)
    elapsed = time.monotonic() - start
    print(f"{elapsed:.0f} s, seed {args.seed}")
    print(f"body mutations: {body.tried} inputs, {len(body.crashes)} crashes, "
          f"{len(body.lost)} with lost or re-attributed messages")
    print(f"structural mutations: {structural.tried} inputs, {len(structural.crashes)} crashes, "
          f"{structural.refused} refused with a clear error, {len(structural.unclear)} unclear errors")
    for label, items in (("crash", body.crashes + structural.crashes), ("lost", body.lost),
                         ("unclear", structural.unclear)):
        for item in items[:10]:
            print(f"  {label}: {item}")
    sys.exit(0 if body.ok() and structural.ok() else 1)


if __name__ == "__main__":
    main()
