"""`Detector.analyse` + `Detector.assemble`: `detect` split in two, as a parallel scan uses it
(texts analysed in worker processes, detections assembled in the parent)."""

from __future__ import annotations

import pickle

from sentinelle.detection.api import LONG_TEXT, Detector

TEXTS = ["les arabes sont des rats", "lol trop vrai", "réunion à 14h salle 2", "je vais te buter Karim",
         "ok", "putain j'ai raté mon train", "ok"]
IDS = [f"m{i}" for i in range(len(TEXTS))]
CONTEXT = [[(IDS[j], TEXTS[j]) for j in range(max(0, i - 5), i)] for i in range(len(TEXTS))]


def refs() -> list[str]:
    return list(dict.fromkeys([*TEXTS, *(t for ctx in CONTEXT for _, t in ctx)]))


def test_assemble_gives_what_detect_gives() -> None:
    # rules and n-gram heads only: no encoder, so no batch effect on the floats to compare
    rules_only = Detector(heads=None, transformer=None)
    analyses = dict(zip(refs(), rules_only.analyse(refs()), strict=True))
    assembled = Detector(heads=None, transformer=None).assemble(TEXTS, CONTEXT, IDS, analyses)
    assert assembled == Detector(heads=None, transformer=None).detect(TEXTS, context=CONTEXT, ids=IDS)
    endorse = assembled[1]
    assert endorse.stance == "endorse" and [r.ref for r in endorse.reasons if r.kind == "context"] == ["m0"]


def test_analyse_depends_on_the_batch_alone(detector: Detector) -> None:
    first = detector.analyse(refs())
    detector.detect(["autre chose", "encore un texte", *TEXTS[:3]])  # fills the detector's caches
    again = detector.analyse(refs())
    assert [a.scores for a in again] == [a.scores for a in first]
    assert [a.norm for a in again] == [a.norm for a in first]
    assert all(t not in detector.cache or detector.cache[t] is not a for t, a in zip(refs(), again, strict=True))


def test_long_text_is_scored_on_windows_once(detector: Detector) -> None:
    filler = "les collègues sont sympas mais ce planning est nul "
    long = filler * (LONG_TEXT // len(filler) + 20) + "je vais te buter sale arabe"
    (a,) = detector.analyse([long])
    assert a.windowed is not None and a.windowed.flagged
    (d,) = detector.assemble([long], [[]], ["x"], {long: a})
    assert d.message_id == "x" and d.reasons[-1].kind == "limit"
    assert d.categories == detector.detect([long])[0].categories


def test_a_detector_travels_to_a_worker_without_its_caches(detector: Detector) -> None:
    detector.detect(TEXTS)
    copy = pickle.loads(pickle.dumps(detector))
    assert copy.version == detector.version and not copy.cache and not copy.detections
    assert copy.transformer is None or copy.transformer._session is None
    assert [d.flagged for d in copy.detect(TEXTS)] == [d.flagged for d in detector.detect(TEXTS)]
