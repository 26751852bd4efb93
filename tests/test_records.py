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
