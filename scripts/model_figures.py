"""The shipped model's held-out figures (detection/models/heads.json) as Markdown tables.

    python scripts/model_figures.py [MODEL_DIR]     # what the datasheet and the issue notes quote
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MIS = ("hate", "sexual", "threat", "insult")


def main() -> None:
    d = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "src" / "sentinelle" / "detection" / "models"
    meta = json.loads((d / "heads.json").read_text())
    ev = meta["evaluation"]
    print(f"model {meta['version']}+{meta['data_sha256'][:8]} · thresholds "
          + ", ".join(f"{c} {v}" for c, v in meta["fusion"]["thresholds"].items()) + "\n")
    print("| held-out set | n | macro-F1 | any misconduct P / R / F1 | false flags | " + " | ".join(f"{c} P / R" for c in MIS) + " |")
    print("|---" * (5 + len(MIS)) + "|")
    for name, v in ev.items():
        if name in ("functional_fr", "hatecheck_en"):
            continue
        a = v.get("any_misconduct") or {}
        cats = " | ".join(f"{v['categories'][c]['precision']:.2f} / {v['categories'][c]['recall']:.2f}"
                          if v["categories"][c]["support"] else "–" for c in MIS)
        ff = f"{v['false_flag_rate']:.1%}" if v.get("false_flag_rate") is not None else "–"
        print(f"| {name} | {v.get('n', '')} | {v['macro_f1']:.3f} | {a.get('precision', 0):.2f} / {a.get('recall', 0):.2f} / "
              f"{a.get('f1', 0):.3f} | {ff} | {cats} |")
    fs = ev.get("functional_fr")
    if fs:
        print(f"\nFrench functional suite: {fs['n']} cases, accuracy {fs['accuracy']:.3f}, macro-F1 {fs['macro_f1']:.3f}, "
              f"false flags on its benign cases {fs['false_flag_rate']:.1%}\n")
        print("| functionality | n | accuracy |\n|---|---|---|")
        for f, x in fs["functionalities"].items():
            print(f"| {f} | {x['n']} | {x['accuracy']:.3f} |")
        print("\n| target group | n | accuracy |\n|---|---|---|")
        for t, x in fs["targets"].items():
            print(f"| {t} | {x['n']} | {x['accuracy']:.3f} |")
    hc = ev.get("hatecheck_en")
    if hc:
        print(f"\nEnglish HateCheck (diagnostic, never trained on): accuracy {hc['accuracy']:.3f} on {hc['n']} cases")


if __name__ == "__main__":
    main()
