"""The detector's flags on the bundled demo against its planted ground truth (answers.json).

A report, never a tuning target: the demo was written by the project, so these figures only show
regressions. Usage: python bench/demo_eval.py [-v]   (ingests and scans the demo into a temp case)
"""

from __future__ import annotations

import collections
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sentinelle.demo import DEMO_DIR, demo_files  # noqa: E402
from sentinelle.ingest import ReadOptions  # noqa: E402
from sentinelle.pipeline import ingest_files, scan_case  # noqa: E402
from sentinelle.store import Case  # noqa: E402

ABUSE = ("hate", "sexual_harassment", "threat", "insult")


def main() -> None:
    items = [i for i in json.loads((DEMO_DIR / "answers.json").read_text())["items"] if i.get("text")]
    label: dict[str, str] = {}
    for item in items:
        label.setdefault(item["text"].strip(), item["label"])
    with tempfile.TemporaryDirectory() as tmp:
        case = Case.create(Path(tmp) / "case")
        ingest_files(case, demo_files(), ReadOptions())
        scan_case(case)
        texts = {m.id: m.text.strip() for m in case.messages()}
        flags: collections.Counter[str] = collections.Counter()
        benign, missed = [], []
        for d in case.detections():
            lab = label.get(texts[d.message_id])
            if d.flagged:
                flags[f"planted:{lab}" if lab else "unlabelled (benign)"] += 1
                if not lab:
                    benign.append(texts[d.message_id])
            elif lab in ABUSE:
                missed.append((lab, texts[d.message_id]))
        case.close()
    planted = sum(1 for lab in label.values() if lab in ABUSE)
    print(f"flagged {sum(flags.values())}: {dict(flags)}")
    print(f"planted hate/sexual/threat/insult lines: {planted}; missed {len(missed)}; benign flagged {len(benign)}")
    if "-v" in sys.argv:
        for text in benign:
            print("  benign flagged:", text[:90])
        for lab, text in missed:
            print("  missed", lab, text[:90])


if __name__ == "__main__":
    main()
