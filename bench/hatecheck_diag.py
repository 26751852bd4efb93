"""HateCheck (English functional tests) as a DIAGNOSTIC: accuracy by functionality.

    PYTHONPATH=src python bench/hatecheck_diag.py [--shared ../shared] [--json]

Never used for training. A case counts as predicted 'hateful' when hate or threat is flagged
(abuse at an individual is `insult` in sentinelle, which HateCheck calls non-hateful too).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sentinelle.detection.evaluate import evaluate_hatecheck  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    rep = evaluate_hatecheck(args.shared / "datasets" / "hatecheck_en" / "test_suite_cases.csv")
    if args.json:
        print(json.dumps({"overall": rep["accuracy"], "functionalities": rep["functionalities"]}, indent=1))
        return
    for f, acc in rep["functionalities"].items():
        print(f"{f:<22} {acc:6.1%}  (n={rep['cases'][f]})")
    print(f"{'overall':<22} {rep['accuracy']:6.1%}  (n={rep['n']}) · model {rep['model_version']}")


if __name__ == "__main__":
    main()
