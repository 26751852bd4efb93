"""The fine-tuned multilingual transformer (multilingual-e5-small, top layers + a five-logit head,
see `finetune.py`) at run time: onnxruntime + tokenizers only, never torch.

    clf = E5Classifier()                 # the model shipped in detection/models/e5/ (loaded lazily)
    probs = clf.predict(["..."])         # [n, 5] float32, sigmoid of the logits, columns clf.labels
    clf.predict_dicts(["..."])           # [{category: probability}]

One InferenceSession (2 intra-op threads) is kept and reused; texts are tokenised in batches sorted
by length, so short chat messages are not padded to the longest text of the call.
"""

from __future__ import annotations

import json
import threading
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError


def default_dir() -> Path:
    return Path(str(resources.files("sentinelle.detection").joinpath("models", "e5")))


def shipped() -> E5Classifier | None:
    """The model in detection/models/e5/, or None when that directory is not complete."""
    d = default_dir()
    if all((d / f).is_file() for f in ("config.json", "model.onnx", "tokenizer.json")):
        return E5Classifier(d)
    return None


class E5Classifier:
    def __init__(self, path: str | Path | None = None, threads: int = 2, batch_size: int = 64) -> None:
        self.path = Path(path) if path is not None else default_dir()
        self.threads = threads
        self.batch_size = batch_size
        cfg_file = self.path / "config.json"
        try:
            self.config: dict[str, Any] = json.loads(cfg_file.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ModelError(f"cannot read the transformer's config ({exc})", path=str(cfg_file)) from exc
        self.labels: list[str] = list(self.config["labels"])
        self.prefix: str = self.config.get("prefix", "")
        self.max_length = int(self.config.get("max_length", 64))
        self.pad_id = int(self.config.get("pad_id", 1))
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        """Sent to a worker process without its session (reopened there on first use)."""
        state = dict(self.__dict__)
        state.update(_session=None, _tokenizer=None, _lock=None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    @property
    def version(self) -> str:
        """The trained model's own version (its config), which a stored detection records."""
        cfg = self.config
        data = cfg.get("data_sha256") or (cfg.get("training") or {}).get("data_sha256", "")
        return str(cfg.get("version") or str(data)[:12] or "0")

    def available(self) -> bool:
        return (self.path / "model.onnx").is_file() and (self.path / "tokenizer.json").is_file()

    def _load(self) -> None:
        with self._lock:
            if self._session is not None:
                return
            try:
                import onnxruntime as ort
                from tokenizers import Tokenizer
            except ImportError as exc:  # pragma: no cover - both are main dependencies
                raise ModelError("the transformer needs onnxruntime and tokenizers") from exc
            if not self.available():
                raise ModelError("the transformer model is missing (model.onnx + tokenizer.json)", path=str(self.path))
            tok = Tokenizer.from_file(str(self.path / "tokenizer.json"))
            tok.no_padding()
            tok.enable_truncation(self.max_length)
            opts = ort.SessionOptions()
            opts.intra_op_num_threads = self.threads
            opts.inter_op_num_threads = 1
            self._session = ort.InferenceSession(str(self.path / "model.onnx"), opts,
                                                 providers=["CPUExecutionProvider"])
            self._tokenizer = tok

    def logits(self, texts: list[str]) -> np.ndarray:
        """[n, len(labels)] raw logits, in the order of `texts`."""
        out = np.zeros((len(texts), len(self.labels)), np.float32)
        if not texts:
            return out
        self._load()
        encs = self._tokenizer.encode_batch([self.prefix + t for t in texts])
        ids = [e.ids for e in encs]
        order = np.argsort([len(x) for x in ids], kind="stable")
        for i in range(0, len(order), self.batch_size):
            part = order[i:i + self.batch_size]
            L = max(len(ids[j]) for j in part)
            x = np.full((len(part), L), self.pad_id, np.int64)
            m = np.zeros((len(part), L), np.int64)
            for r, j in enumerate(part):
                x[r, :len(ids[j])] = ids[j]
                m[r, :len(ids[j])] = 1
            out[part] = self._session.run(None, {"input_ids": x, "attention_mask": m})[0]
        return out

    def predict(self, texts: list[str]) -> np.ndarray:
        """[n, len(labels)] per-category probabilities (sigmoid of the logits)."""
        z = self.logits(texts).astype(np.float64)
        return (1.0 / (1.0 + np.exp(-z))).astype(np.float32)

    def predict_dicts(self, texts: list[str]) -> list[dict[str, float]]:
        return [dict(zip(self.labels, map(float, row), strict=True)) for row in self.predict(texts)]
