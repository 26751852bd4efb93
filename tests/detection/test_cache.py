"""The detector's text cache under eviction pressure (issue 16: a 1M-message scan died with a
KeyError when a text cached earlier in the batch was evicted before its answer was read)."""

from sentinelle.detection.api import Detector


def test_results_survive_evictions_within_one_batch() -> None:
    det = Detector(cache_size=2)
    texts = ["bonjour", "je vais te buter", "ok", "bonjour", "les clés sont où", "je vais te buter", "ok"]
    first = det.detect(texts[:2])
    # the batch holds two texts already cached and more fresh texts than the cache can keep
    dets = det.detect(texts, context=[[t] for t in ["salut", *texts[:-1]]])
    assert len(dets) == len(texts)
    assert [d.flagged for d in dets] == [d.flagged for d in Detector(cache_size=10_000).detect(texts)]
    assert dets[1].categories == first[1].categories and dets[1].flagged
    assert len(det.cache) <= 2


def test_same_scores_whatever_the_cache_size() -> None:
    texts = [f"message {i} du planning" for i in range(30)] + ["t'es qu'une merde"] * 3
    small, big = Detector(cache_size=1), Detector(cache_size=100_000)
    assert [d.categories for d in small.detect(texts)] == [d.categories for d in big.detect(texts)]


def test_long_message_scored_on_bounded_windows() -> None:
    import time

    det = Detector()
    filler = "les collègues sont sympas mais ce planning est nul "
    near = filler * 200 + "je vais te buter sale arabe " + filler * 10
    d = det.detect([near])[0]
    assert d.flagged and d.categories["threat"] >= 0.5
    span_reason = next(r for r in d.reasons if r.matched == "je vais te buter")
    assert near[span_reason.span[0]:span_reason.span[1]] == "je vais te buter"  # spans point into the whole text
    assert f"{len(near):,} of {len(near):,} characters scored" in d.reasons[-1].detail  # short enough: all of it
    huge = filler * 200_000  # 10 MB on one line
    t = time.process_time()
    d = det.detect([huge, "ok"])
    assert time.process_time() - t < 20 and not d[0].flagged and d[1].language is not None
    assert d[0].reasons[-1].kind == "limit" and "of 10,200,000 characters" in d[0].reasons[-1].detail
