"""HateCheck (English functional tests) as a DIAGNOSTIC: accuracy by functionality.

    PYTHONPATH=src python bench/hatecheck_diag.py [--shared ../shared] [--json]

Never used for training. A case counts as predicted 'hateful' when hate or threat is flagged
(abuse at an individual is `insult` in sentinelle, which HateCheck calls non-hateful too).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sentinelle.detection.api import Detector  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    path = args.shared / "datasets" / "hatecheck_en" / "test_suite_cases.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    det = Detector()
    dets = det.detect([r["test_case"].strip() for r in rows])
    by = defaultdict(lambda: [0, 0])
    total = [0, 0]
    for r, d in zip(rows, dets, strict=True):
        pred = any(d.categories[c] >= det.threshold(c) for c in ("hate", "threat"))
        ok = pred == (r["label_gold"] == "hateful")
        by[r["functionality"]][0] += ok
        by[r["functionality"]][1] += 1
        total[0] += ok
        total[1] += 1
    res = {f: round(a / n, 3) for f, (a, n) in sorted(by.items())}
    if args.json:
        print(json.dumps({"overall": round(total[0] / total[1], 3), "functionalities": res}, indent=1))
        return
    for f, acc in res.items():
        print(f"{f:<22} {acc:6.1%}  (n={by[f][1]})")
    print(f"{'overall':<22} {total[0] / total[1]:6.1%}  (n={total[1]}) · model {det.version}")


if __name__ == "__main__":
    main()
