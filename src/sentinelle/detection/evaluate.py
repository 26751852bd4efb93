"""Evaluate the detector on a labelled CSV/JSONL file (text, hate, sexual, threat, insult,
profanity as 0/1; optional lang, target, stance, context): per-category precision/recall/F1,
macro-F1, per-target recall, confusion between categories, false-flag rate on benign messages.

A functional suite (a directory of `<functionality>.jsonl` files, or rows with a `functionality`
field) is also scored case by case: accuracy per functionality and per target group.
HateCheck (English) is read as a diagnostic with its own convention (`evaluate_hatecheck`)."""

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
    ctx = rec.get("context")
    if isinstance(ctx, str) and ctx.strip().startswith("["):
        try:
            ctx = json.loads(ctx)
        except json.JSONDecodeError as exc:
            raise InputError("context is not a JSON list", path=str(path), line=line) from exc
    if ctx:
        out["context"] = [str(c) for c in ctx] if isinstance(ctx, list) else [str(ctx)]
    if rec.get("functionality"):
        out["functionality"] = str(rec["functionality"])
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


def _gold_any(r: dict[str, Any]) -> bool | None:
    """Is the row misconduct at all? None when its source does not say."""
    if any(r[c] == 1 for c in MISCONDUCT) or r.get("any_misconduct") == 1:
        return True
    if all(r[c] == 0 for c in MISCONDUCT) or r.get("any_misconduct") == 0:
        return False
    return None


def evaluate(rows: list[dict[str, Any]], detector: Detector | None = None, dets: list[Any] | None = None) -> dict[str, Any]:
    """`dets`: the detections of `rows` when the caller already has them."""
    det = detector or default_detector()
    dets = _detect_rows(rows, det) if dets is None else dets
    counts = {c: Counter() for c in CATEGORIES}
    confusion: dict[str, Counter] = {c: Counter() for c in CATEGORIES}
    by_target: dict[str, Counter] = defaultdict(Counter)
    benign = benign_flagged = 0
    anyc: Counter = Counter()
    for r, d in zip(rows, dets, strict=True):
        pred = {c: d.categories[c] >= det.threshold(c) for c in CATEGORIES}
        for c in CATEGORIES:
            if r[c] < 0:
                continue  # unknown in this source (public sets label only some categories)
            y = bool(r[c])
            counts[c]["tp" if y and pred[c] else "fp" if pred[c] else "fn" if y else "tn"] += 1
            if y:  # which categories fire on messages of true category c
                for c2 in CATEGORIES:
                    confusion[c][c2] += int(pred[c2])
                confusion[c]["_n"] += 1
        gold_any = _gold_any(r)
        if gold_any is not None:
            anyc["tp" if gold_any and d.flagged else "fp" if d.flagged else "fn" if gold_any else "tn"] += 1
        if gold_any is False:
            benign += 1
            benign_flagged += int(d.flagged)
        for t in (filter(None, str(r["target"]).split("|")) if gold_any else ()):
            by_target[t]["n"] += 1
            by_target[t]["flagged"] += int(d.flagged)
            by_target[t]["target_named"] += int(t in d.targets)
    per_cat = {c: _prf(counts[c]["tp"], counts[c]["fp"], counts[c]["fn"]) for c in CATEGORIES}
    known = [c for c in MISCONDUCT if per_cat[c]["support"]]
    macro = sum(per_cat[c]["f1"] for c in known) / len(known) if known else 0.0
    return {
        "n": len(rows),
        "model_version": det.version,
        "categories": per_cat,
        "macro_f1": round(macro, 4),  # over the misconduct categories with positives (profanity apart)
        "any_misconduct": _prf(anyc["tp"], anyc["fp"], anyc["fn"]),
        "benign": benign,
        "false_flag_rate": round(benign_flagged / benign, 4) if benign else None,
        "targets": {t: {"n": v["n"], "flag_recall": round(v["flagged"] / v["n"], 4),
                        "target_recall": round(v["target_named"] / v["n"], 4)} for t, v in sorted(by_target.items())},
        "confusion": {c: {c2: confusion[c][c2] for c2 in CATEGORIES} | {"n": confusion[c]["_n"]} for c in CATEGORIES},
    }


def _detect_rows(rows: list[dict[str, Any]], det: Detector) -> list[Any]:
    ctx = [[_context_text(c) for c in r.get("context", [])] for r in rows]
    return det.detect([r["text"] for r in rows], context=ctx if any(ctx) else None)


def _context_text(item: str) -> str:
    # "Name: text" as written in the suite; the detector reads the text
    name, sep, text = item.partition(": ")
    return text if sep and len(name) <= 40 else item


def load_suite(path: str | Path) -> list[dict[str, Any]]:
    """A functional suite: a directory of <functionality>.jsonl files, or one labelled file."""
    path = Path(path)
    if not path.is_dir():
        return load_labelled(path)
    rows: list[dict[str, Any]] = []
    for f in sorted(path.glob("*.jsonl")):
        for r in load_labelled(f):
            r.setdefault("functionality", f.stem)
            rows.append(r)
    if not rows:
        raise InputError("no <functionality>.jsonl files", path=str(path))
    return rows


def case_correct(row: dict[str, Any], flagged: set[str]) -> bool:
    """A misconduct case is right when one of its categories is flagged and hate is not claimed
    where the case has none (abuse of a person or of a non-protected group is `insult`); a
    benign case is right when nothing is flagged."""
    gold = {c for c in MISCONDUCT if row[c]}
    if not gold:
        return not flagged
    return bool(gold & flagged) and ("hate" in gold or "hate" not in flagged)


def evaluate_suite(rows: list[dict[str, Any]], detector: Detector | None = None) -> dict[str, Any]:
    """Accuracy per functionality and per target group, plus the usual per-category figures."""
    det = detector or default_detector()
    dets = _detect_rows(rows, det)
    by_f: dict[str, Counter] = defaultdict(Counter)
    by_t: dict[str, Counter] = defaultdict(Counter)
    failures: dict[str, list[str]] = defaultdict(list)
    for r, d in zip(rows, dets, strict=True):
        flagged = {c for c in MISCONDUCT if d.categories[c] >= det.threshold(c)}
        ok = case_correct(r, flagged)
        f = r.get("functionality") or "?"
        by_f[f]["n"] += 1
        by_f[f]["ok"] += ok
        if not ok and len(failures[f]) < 5:
            failures[f].append(r["text"])
        for t in filter(None, str(r["target"]).split("|")):
            by_t[t]["n"] += 1
            by_t[t]["ok"] += ok
    base = evaluate(rows, det, dets)
    acc = {f: round(v["ok"] / v["n"], 4) for f, v in sorted(by_f.items())}
    return {
        "n": len(rows),
        "model_version": det.version,
        "accuracy": round(sum(v["ok"] for v in by_f.values()) / len(rows), 4),
        "functionalities": {f: {"n": by_f[f]["n"], "accuracy": a} for f, a in acc.items()},
        "min_functionality": min(acc.values()) if acc else None,
        "targets": {t: {"n": v["n"], "accuracy": round(v["ok"] / v["n"], 4)} for t, v in sorted(by_t.items())},
        "failures": dict(failures),
        "macro_f1": base["macro_f1"],
        "categories": base["categories"],
        "false_flag_rate": base["false_flag_rate"],
        "report": base,  # the per-category report of the same detections
    }


def format_suite(rep: dict[str, Any]) -> str:
    lines = [f"{rep['n']} cases · model {rep['model_version']} · accuracy {rep['accuracy']:.3f} · "
             f"macro-F1 {rep['macro_f1']:.3f}", "", f"{'functionality':<28} {'n':>5} {'accuracy':>9}"]
    for f, v in rep["functionalities"].items():
        lines.append(f"{f:<28} {v['n']:>5} {v['accuracy']:>9.3f}")
    lines += ["", f"{'target':<28} {'n':>5} {'accuracy':>9}"]
    for t, v in rep["targets"].items():
        lines.append(f"{t:<28} {v['n']:>5} {v['accuracy']:>9.3f}")
    return "\n".join(lines)


def evaluate_hatecheck(path: str | Path, detector: Detector | None = None) -> dict[str, Any]:
    """English HateCheck (diagnostic, never trained on). Its convention: a case is 'hateful' when it
    attacks a protected group, so a prediction counts as hateful when hate or threat is flagged
    (abuse of an individual is `insult` here and non-hateful there)."""
    det = detector or default_detector()
    with Path(path).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    dets = det.detect([r["test_case"].strip() for r in rows])
    by: dict[str, Counter] = defaultdict(Counter)
    for r, d in zip(rows, dets, strict=True):
        pred = any(d.categories[c] >= det.threshold(c) for c in ("hate", "threat"))
        ok = pred == (r["label_gold"] == "hateful")
        by[r["functionality"]]["n"] += 1
        by[r["functionality"]]["ok"] += ok
    total = sum(v["ok"] for v in by.values()) / max(1, sum(v["n"] for v in by.values()))
    return {"accuracy": round(total, 4), "n": len(rows), "model_version": det.version,
            "functionalities": {f: round(v["ok"] / v["n"], 4) for f, v in sorted(by.items())},
            "cases": {f: v["n"] for f, v in sorted(by.items())}}


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
