"""Evaluate the detector on a labelled CSV/JSONL file (text, hate, sexual, threat, insult,
profanity as 0/1; optional lang, target, stance): per-category precision/recall/F1, macro-F1,
per-target recall, confusion between categories, false-flag rate on benign messages."""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..records import CATEGORIES
from .api import MISCONDUCT, Detector, default_detector


def load_labelled(path: str | Path) -> list[dict[str, Any]]:
    path = Path(path)
    if not path.exists():
        raise InputError("no such file", path=str(path))
    rows: list[dict[str, Any]] = []
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
                for i, line in enumerate(fh, 1):
                    if line.strip():
                        try:
                            rows.append(_row(json.loads(line), path, i))
                        except json.JSONDecodeError as exc:
                            raise InputError(f"invalid JSON ({exc.msg})", path=str(path), line=i) from exc
            else:
                for i, rec in enumerate(csv.DictReader(fh), 2):
                    rows.append(_row(rec, path, i))
    except UnicodeDecodeError as exc:
        raise InputError("not UTF-8 text", path=str(path)) from exc
    if not rows:
        raise InputError("no labelled rows", path=str(path))
    return rows


def _row(rec: Any, path: Path, line: int) -> dict[str, Any]:
    if not isinstance(rec, dict) or "text" not in rec:
        raise InputError("row has no 'text' field", path=str(path), line=line)
    out: dict[str, Any] = {"text": str(rec["text"]), "lang": rec.get("lang") or None,
                           "target": rec.get("target") or "", "stance": rec.get("stance") or ""}
    for c in CATEGORIES:
        v = rec.get(c, 0)
        try:
            out[c] = int(float(v or 0))
        except (TypeError, ValueError) as exc:
            raise InputError(f"label {c}={v!r} is not 0/1", path=str(path), line=line) from exc
    return out


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": tp + fn}


def evaluate(rows: list[dict[str, Any]], detector: Detector | None = None) -> dict[str, Any]:
    det = detector or default_detector()
    dets = det.detect([r["text"] for r in rows])
    counts = {c: Counter() for c in CATEGORIES}
    confusion: dict[str, Counter] = {c: Counter() for c in CATEGORIES}
    by_target: dict[str, Counter] = defaultdict(Counter)
    benign = benign_flagged = 0
    for r, d in zip(rows, dets, strict=True):
        pred = {c: d.categories[c] >= det.threshold(c) for c in CATEGORIES}
        for c in CATEGORIES:
            y = bool(r[c])
            counts[c]["tp" if y and pred[c] else "fp" if pred[c] else "fn" if y else "tn"] += 1
            if y:  # which categories fire on messages of true category c
                for c2 in CATEGORIES:
                    confusion[c][c2] += int(pred[c2])
                confusion[c]["_n"] += 1
        if not any(r[c] for c in MISCONDUCT):
            benign += 1
            benign_flagged += int(d.flagged)
        for t in (filter(None, str(r["target"]).split("|")) if any(r[c] for c in MISCONDUCT) else ()):
            by_target[t]["n"] += 1
            by_target[t]["flagged"] += int(d.flagged)
            by_target[t]["target_named"] += int(t in d.targets)
    per_cat = {c: _prf(counts[c]["tp"], counts[c]["fp"], counts[c]["fn"]) for c in CATEGORIES}
    macro = sum(per_cat[c]["f1"] for c in MISCONDUCT) / len(MISCONDUCT)
    return {
        "n": len(rows),
        "model_version": det.version,
        "categories": per_cat,
        "macro_f1": round(macro, 4),  # over the misconduct categories (profanity reported apart)
        "benign": benign,
        "false_flag_rate": round(benign_flagged / benign, 4) if benign else None,
        "targets": {t: {"n": v["n"], "flag_recall": round(v["flagged"] / v["n"], 4),
                        "target_recall": round(v["target_named"] / v["n"], 4)} for t, v in sorted(by_target.items())},
        "confusion": {c: {c2: confusion[c][c2] for c2 in CATEGORIES} | {"n": confusion[c]["_n"]} for c in CATEGORIES},
    }


def evaluate_file(path: str | Path, detector: Detector | None = None) -> dict[str, Any]:
    return evaluate(load_labelled(path), detector)


def format_report(rep: dict[str, Any]) -> str:
    lines = [f"{rep['n']} messages · model {rep['model_version']}", "",
             f"{'category':<10} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}"]
    for c, v in rep["categories"].items():
        lines.append(f"{c:<10} {v['precision']:>6.3f} {v['recall']:>6.3f} {v['f1']:>6.3f} {v['support']:>8}")
    lines.append(f"macro-F1 (hate, sexual, threat, insult): {rep['macro_f1']:.3f}")
    if rep["false_flag_rate"] is not None:
        lines.append(f"false-flag rate on benign: {rep['false_flag_rate']:.2%} of {rep['benign']}")
    if rep["targets"]:
        lines += ["", f"{'target':<16} {'n':>5} {'flagged':>8} {'named':>8}"]
        for t, v in rep["targets"].items():
            lines.append(f"{t:<16} {v['n']:>5} {v['flag_recall']:>8.3f} {v['target_recall']:>8.3f}")
    lines += ["", "confusion (rows: true category, columns: predicted; counts)",
              "           " + " ".join(f"{c[:7]:>8}" for c in CATEGORIES) + "        n"]
    for c, row in rep["confusion"].items():
        lines.append(f"{c:<10} " + " ".join(f"{row[c2]:>8}" for c2 in CATEGORIES) + f" {row['n']:>8}")
    return "\n".join(lines)
