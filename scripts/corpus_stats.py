"""Counts of the project's chat corpus per batch (data/corpus/*.jsonl), as a Markdown table.

    python scripts/corpus_stats.py          # the table in data/corpus/README.md
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sentinelle.detection.sources import corpus_rows  # noqa: E402

CATS = ("hate", "sexual", "threat", "insult", "profanity")


def main() -> None:
    corpus = ROOT / "data" / "corpus"
    raw = Counter(p.stem.split("_")[0] for p in corpus.glob("*.jsonl") for line in p.open() if line.strip())
    rows = corpus_rows(corpus)
    by: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        b = r["kind"].split(":")[0]
        by[b]["kept"] += 1
        by[b][r["lang"]] += 1
        by[b][r["split"]] += 1
        for c in CATS:
            by[b][c] += r[c] == 1
        by[b]["benign"] += all(r[c] == 0 for c in CATS[:4])
    cols = ["written", "kept", "fr", "en", *CATS, "benign", "train", "val", "test"]
    print("| batch | " + " | ".join(cols) + " |")
    print("|---" * (len(cols) + 1) + "|")
    total = Counter()
    for b in sorted(by):
        v = by[b] | Counter(written=raw[b])
        total += v
        print(f"| {b} | " + " | ".join(f"{v[c]:,}" for c in cols) + " |")
    print("| **all** | " + " | ".join(f"**{total[c]:,}**" for c in cols) + " |")
    targets = Counter(t for r in rows if r["hate"] == 1 for t in r["target"].split("|") if t)
    print("\nhate=1 by target: " + ", ".join(f"{t} {n:,}" for t, n in targets.most_common()))
    print(json.dumps({"rows": len(rows)}))


if __name__ == "__main__":
    main()
