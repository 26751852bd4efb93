"""Time `analyze` on the bundled demo chat, step by step (the README's first command).

    PYTHONPATH=src python bench/analyze_demo.py [OUT_DIR]

Prints the seconds of each step (ingest, scan, dynamics, harassment, report) and the total,
then the report's size. A fresh output directory is used so that nothing is resumed.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from sentinelle.pipeline.analyze import AnalyzeOptions, analyze


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="sentinelle-demo-"))
    start = time.perf_counter()
    result = analyze([], out, AnalyzeOptions(demo=True))
    total = time.perf_counter() - start
    for step, seconds in result.timings.items():
        print(f"{step:12} {seconds:6.2f} s")
    for step, why in result.not_run.items():
        print(f"{step:12}   not run: {why}")
    print(f"{'total':12} {total:6.2f} s (in-process; add ~1 s of interpreter start for the CLI)")
    print(f"report       {result.report.stat().st_size / 1e6:.2f} MB, counts {result.counts}")


if __name__ == "__main__":
    main()
