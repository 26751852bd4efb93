"""The training corpus and the evaluation sets stay apart, and each has what it promises."""

import json
from collections import Counter
from pathlib import Path

from sentinelle.detection.evaluate import load_suite
from sentinelle.detection.sources import TARGETS, corpus_rows, key_of, split_of

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "data" / "corpus"
SUITE = ROOT / "tests" / "data" / "functional_fr"


def test_corpus_is_large_valid_and_bilingual() -> None:
    rows = corpus_rows(CORPUS)
    assert len(rows) >= 20_000
    langs = Counter(r["lang"] for r in rows)
    assert langs["fr"] > 0.8 * len(rows) and langs["en"] > 1000
    for r in rows:
        assert all(r[c] in (0, 1) for c in ("hate", "sexual", "threat", "insult", "profanity"))
        assert all(t in TARGETS for t in filter(None, r["target"].split("|"))), r
    benign = sum(not any(r[c] for c in ("hate", "sexual", "threat", "insult")) for r in rows)
    assert 0.4 < benign / len(rows) < 0.7  # as many hard negatives as misconduct, roughly


def test_functional_suite_has_80_cases_per_functionality_and_every_group() -> None:
    rows = load_suite(SUITE)
    per = Counter(r["functionality"] for r in rows)
    assert len(per) >= 33 and min(per.values()) >= 80, per
    groups = Counter(t for r in rows if r["functionality"].startswith("derog_") for t in r["target"].split("|") if t)
    assert set(groups) == set(TARGETS) and min(groups.values()) >= 8 * 5
    for r in rows:  # the name says whether the case is misconduct
        misconduct = any(r[c] == 1 for c in ("hate", "sexual", "threat", "insult"))
        assert misconduct == r["functionality"].endswith("_h"), r


def test_suite_never_in_training_data() -> None:
    train_keys = {key_of(r["text"]) for r in corpus_rows(CORPUS)}
    suite_keys = {key_of(json.loads(line)["text"]) for f in SUITE.glob("*.jsonl") for line in f.open(encoding="utf-8")}
    overlap = {k for k in suite_keys & train_keys if len(k.split()) >= 3}
    assert len(overlap) <= 0.01 * len(suite_keys), sorted(overlap)[:10]


def test_split_is_stable_and_shared_by_near_copies() -> None:
    assert split_of("Les Arabes dehors !!") == split_of("les arabes DEHORS")
    assert split_of("je vais te buter") == split_of("je vais te buter")
    words = ["".join(chr(97 + int(d)) for d in str(i)) for i in range(2000)]  # digits are not part of the key
    counts = Counter(split_of(f"message {w} du planning") for w in words)
    assert 0.15 < counts["test"] / 2000 < 0.25 and 0.06 < counts["val"] / 2000 < 0.14
