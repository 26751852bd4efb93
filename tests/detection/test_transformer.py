"""The fine-tuned transformer shipped in detection/models/e5: onnxruntime + tokenizers, no torch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from sentinelle.detection.transformer import E5Classifier, default_dir
from sentinelle.errors import ModelError
from sentinelle.records import CATEGORIES

SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture(scope="module")
def clf() -> E5Classifier:
    return E5Classifier()


def test_shipped_directory_is_complete_and_small() -> None:
    d = default_dir()
    for name in ("model.onnx", "tokenizer.json", "config.json"):
        assert (d / name).is_file(), name
    assert sum(f.stat().st_size for f in d.iterdir()) <= 40 * 1024 * 1024
    cfg = json.loads((d / "config.json").read_text(encoding="utf-8"))
    assert cfg["labels"] == list(CATEGORIES)
    assert cfg["training"]["layers_trained"] >= 1 and cfg["training"]["data_sha256"]


def test_loads_lazily_and_scores_a_batch(clf: E5Classifier) -> None:
    fresh = E5Classifier()
    assert fresh._session is None  # nothing loaded before the first call
    probs = clf.predict(["bonjour à tous", "Je vais te tuer", "ok"])
    assert probs.shape == (3, len(CATEGORIES)) and probs.dtype == np.float32
    assert ((probs >= 0) & (probs <= 1)).all()
    assert clf.predict([]).shape == (0, len(CATEGORIES))
    d = clf.predict_dicts(["salut"])[0]
    assert set(d) == set(CATEGORIES)


def test_deterministic_and_order_independent(clf: E5Classifier) -> None:
    texts = ["On se voit demain ?", "Espèce de sale con", "Le livreur passe à 10h.",
             "Je sais où tu habites, fais gaffe à toi", "merci"] * 3
    a, b = clf.predict(texts), clf.predict(texts)
    np.testing.assert_array_equal(a, b)
    rev = clf.predict(texts[::-1])[::-1]
    # int8 activations are quantised per batch: another batch composition moves scores a little
    assert np.abs(rev - a).max() < 0.05


def test_long_text_is_truncated_not_rejected(clf: E5Classifier) -> None:
    probs = clf.predict(["bla " * 5000])
    assert probs.shape == (1, len(CATEGORIES))


def test_missing_model_is_a_model_error(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text(json.dumps({"labels": list(CATEGORIES)}), encoding="utf-8")
    with pytest.raises(ModelError):
        E5Classifier(tmp_path).predict(["x"])
    with pytest.raises(ModelError):
        E5Classifier(tmp_path / "nowhere")


def test_scoring_never_imports_torch() -> None:
    code = ("import sys; from sentinelle.detection.transformer import E5Classifier; "
            "p = E5Classifier().predict(['Je vais te retrouver']); "
            "print(p.shape, 'torch' in sys.modules, 'transformers' in sys.modules)")
    env = dict(os.environ, PYTHONPATH=str(SRC))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, check=True)
    assert out.stdout.strip() == "(1, 5) False False"


def _col(c: str) -> int:
    return CATEGORIES.index(c)


def test_obvious_french_cases(clf: E5Classifier) -> None:
    banal = ["On se retrouve à 14h devant la salle B pour la réunion.",
             "Le livreur passe demain matin, quelqu'un peut réceptionner le colis ?",
             "Merci pour le compte rendu, je le relis ce soir."]
    threat = ["Je vais te tuer, je sais où tu habites.", "Si tu parles je te crève, compris ?"]
    insult = ["T'es vraiment qu'un gros connard.", "Ferme ta gueule espèce d'abruti."]
    p_banal = clf.predict(banal)
    p_threat = clf.predict(threat)
    p_insult = clf.predict(insult)
    mis = [_col(c) for c in ("hate", "sexual", "threat", "insult")]
    assert p_threat[:, _col("threat")].min() > p_banal[:, _col("threat")].max()
    assert p_insult[:, _col("insult")].min() > p_banal[:, _col("insult")].max()
    assert p_banal[:, mis].max() < 0.5  # ordinary logistics is not flagged
    assert p_threat[:, mis].max(axis=1).min() >= 0.5
