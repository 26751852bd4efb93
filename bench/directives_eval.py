"""The directive detector and the compliance reading on the labelled set tests/data/directives/.

Prints precision and recall per label (directive, silence_order), per language and per kind, and
the compliance accuracy (obeyed / contested / ignored) on the labelled threads. By default on the
HELD-OUT part (40 % of the lines by a hash of their text, see sentinelle.dynamics.evaluate), which
is not read while tuning; `--part tune` for the tuning part (with its errors, `-v`).

Usage: python bench/directives_eval.py [--part heldout|tune|all] [-v] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sentinelle.dynamics.evaluate import load_lines, load_threads, measure_lines, measure_threads  # noqa: E402

DATA = ROOT / "tests" / "data" / "directives"


def _fmt(v: object) -> str:
    return "  n/a" if v is None else f"{v:.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", choices=["heldout", "tune", "all"], default="heldout")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the lines and threads it got wrong")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    part = None if args.part == "all" else args.part
    lines = measure_lines(load_lines(DATA, part))
    threads = measure_threads(load_threads(DATA, part))
    if args.json:
        print(json.dumps({"lines": lines, "threads": threads}, ensure_ascii=False, indent=1))
        return
    print(f"part: {args.part} — {lines['n']} lines {lines['labels']}, {threads['n']} threads")
    print(f"{'scope':8} {'label':14} {'precision':>9} {'recall':>7} {'tp':>5} {'fp':>4} {'fn':>4}")
    for scope in ["all", *sorted(k for k in lines if k in ("fr", "en"))]:
        for label in ("directive", "silence_order"):
            m = lines[scope][label]
            print(f"{scope:8} {label:14} {_fmt(m['precision']):>9} {_fmt(m['recall']):>7} {m['tp']:5} {m['fp']:4} {m['fn']:4}")
    print("per kind (gold label/kind: lines, correctly told apart)")
    for kind, k in lines["kinds"].items():
        extra = f", {k['as_silence_order']} as silence orders" if "as_silence_order" in k else ""
        print(f"  {kind:40} {k['n']:4}  {k['share']:.3f}{extra}")
    print(f"compliance: accuracy {_fmt(threads['accuracy'])} on {threads['n']} threads "
          f"(directive detected in {threads['directive_detected']}); per outcome {threads['per_outcome']}")
    print(f"  confusion (gold -> read): {threads['confusion']}")
    if args.verbose:
        for e in lines["errors"]:
            print(f"  [{e['gold']} -> {e['pred']}] ({e['kind']}, {e['lang']}) {e['text']}")
        for e in threads["errors"]:
            print(f"  thread [{e['gold']} -> {e['got']}] detected={e['detected']} index={e['index']}")
            for t in e["thread"]:
                print(f"      {t}")


if __name__ == "__main__":
    main()
