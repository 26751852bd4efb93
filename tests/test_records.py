from sentinelle.records import Detection, Reason, clean_text
from sentinelle.textutil import fold


def test_clean_text_removes_invisible_marks_only() -> None:
    raw = "\u200e\u202a+33 6 12 34 56 78\u202c a\u00a0b 10:00\u202fPM\ufeff"
    assert clean_text(raw) == "+33 6 12 34 56 78 a b 10:00 PM"


def test_fold_is_accent_and_case_insensitive() -> None:
    assert fold("  Les  Collègues\u200e ") == "les collegues"


def test_detection_to_dict_and_top_category() -> None:
    d = Detection(
        categories={"hate": 0.9, "sexual": 0.1, "threat": 0.2, "insult": 0.5, "profanity": 0.95},
        flagged=True,
        reasons=(Reason(kind="lexicon", category="hate", detail="fr:slur", span=(4, 9), matched="xxxxx"),),
    )
    assert d.top_category == "hate"
    assert d.to_dict()["reasons"][0]["span"] == [4, 9]


def test_records_stay_frozen_equal_hashable_and_replaceable() -> None:
    import copy
    import pickle

    import pytest

    from sentinelle.records import Event, Message, ParseIssue, Source, Summary, replace, to_dict

    src = Source("a" * 64, 1, 2, 0, 10, "chat.txt")
    assert src == Source("a" * 64, 1, 2, 0, 10, path="chat.txt", container_sha256=None)
    assert hash(src) == hash(Source("a" * 64, 1, 2, 0, 10, "chat.txt"))
    assert src.member is None and src.to_dict()["byte_end"] == 10
    with pytest.raises(AttributeError):
        src.line_start = 3  # type: ignore[misc]
    m1 = Message("x:0", "c", None, "t", "A", "hi", src)
    m2 = Message("x:0", "c", None, "t", "A", "hi", src)
    assert m1.details == {} and m1.details is not m2.details  # a fresh dict each time
    assert m1.flags == frozenset() and m1.kind == "message"
    m3 = replace(m1, text="ho", details={"k": 1})
    assert (m3.text, m3.details, m3.source, m1.text) == ("ho", {"k": 1}, src, "hi")
    assert to_dict(m1)["source"].path == "chat.txt" and list(to_dict(m1))[:3] == ["id", "conversation_id", "time"]
    with pytest.raises(AttributeError):
        m1.text = "changed"  # type: ignore[misc]
    assert m1 != Event("x:0", "c", None, "t", "hi", src)  # equal only within one record type
    # records travel to worker processes and are copied: both give equal records back
    assert pickle.loads(pickle.dumps(m3)) == m3 and copy.copy(m3) == m3 and copy.deepcopy(src) == src
    summary = Summary("f", "a" * 64, "whatsapp")
    summary.messages = 3  # the summary is filled in as a read goes
    assert summary.messages == 3 and summary.details == {}
    assert ParseIssue("f", 3, "bad") == ParseIssue(path="f", line=3, cause="bad", byte_start=None)
    with pytest.raises(TypeError):
        Message("x", "c")  # type: ignore[call-arg]
