"""The n-gram features computed without scikit-learn equal HashingVectorizer's (the heads were
trained on those): same columns, same values, on chat text with accents, emoji and odd spacing."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import HashingVectorizer

from sentinelle.detection import heads as H

REF = HashingVectorizer(analyzer="char_wb", ngram_range=H.NGRAMS, n_features=H.N_HASH, alternate_sign=False, norm="l2")
TEXTS = ["", " ", "a", "ok", "je vais te buter", "Les  Arabes\tdehors !!", "t'es qu'une m€rde 😡😡",
         "ÉCOLE   élève\n\nsuite", "x" * 300, "jvais t niquer ta race fdp", "🍑", "a b c d"]


def _same(texts: list[str]) -> None:
    ours = H.hash_features(texts).to_csr()
    ref = REF.transform(texts)
    assert ours.shape == ref.shape
    assert np.allclose(ours.toarray(), ref.toarray(), atol=1e-6)


def test_equal_to_scikit_learn_on_chat_text() -> None:
    _same(TEXTS)


@settings(max_examples=200)
@given(st.lists(st.text(min_size=0, max_size=40), min_size=1, max_size=5))
def test_equal_to_scikit_learn_on_any_text(texts: list[str]) -> None:
    _same(texts)


def test_logits_same_from_sparse_and_from_pairs() -> None:
    w = np.random.default_rng(0).standard_normal((5, H.N_HASH)).astype(np.float32)
    hashed = H.hash_features(TEXTS)
    assert np.allclose(hashed.dot(w), np.asarray(hashed.to_csr() @ w.T), atol=1e-4)
