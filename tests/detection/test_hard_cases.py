"""The hard cases users complain about (issue 3), French and English, table-driven.

Each row: text, categories that must be flagged (set; empty = not flagged), and optionally a
target that must be named and a stance that must be recorded.
"""

from __future__ import annotations

import pytest

from sentinelle.detection.api import MISCONDUCT, Detector


def REGRESSED_2_0(why: str) -> pytest.MarkDecorator:
    """Cases model 2.0 gets wrong that 1.1 got right (its gains on real data are in the datasheet):
    strict, so the day a model fixes one the suite says so and the mark goes."""
    return pytest.mark.xfail(reason=f"model 2.0 regression: {why}", strict=True)


CASES = [
    # slurs, obfuscation, emoji, hashtags
    ("Sale n3gr0 !", {"hate"}, "origin_black", None),
    ("b*ugnoule", {"hate"}, "origin_arab", None),
    ("s a l e   n o i r", {"hate"}, "origin_black", None),
    pytest.param(*("#MortAuxJuifs", {"hate", "threat"}, "religion_jewish", None), marks=REGRESSED_2_0("threat flagged, hate at 0.32")),
    ("#stopbougnoules", {"hate"}, "origin_arab", None),
    pytest.param(*("un collègue intègre et réglo", set(), None, None), marks=REGRESSED_2_0("insult 0.58 from the heads")),
    ("🐒🍌", {"hate"}, "origin_black", None),
    ("connnnard", {"insult"}, None, None),
    ("fdp", {"insult"}, None, None),
    ("espèce de gogol", {"insult"}, "disability", None),
    # constructions
    ("les arabes sont des rats", {"hate"}, "origin_arab", None),
    ("les migrants dehors", {"hate"}, "xenophobia", None),
    ("les juifs contrôlent tout", {"hate"}, "religion_jewish", None),
    ("les femmes sont juste bonnes à faire le ménage", {"hate"}, "women", None),
    ("l'homosexualité c'est une maladie", {"hate"}, "lgbt", None),
    ("je vais te buter", {"threat"}, None, None),
    ("il faut les cramer", {"threat"}, None, None),
    ("je sais où tu habites", {"threat"}, None, None),
    ("envoie-moi une photo de toi en sous-vêtements", {"sexual"}, None, None),
    ("t'es qu'une grosse merde", {"insult"}, None, None),
    # English
    ("kill all the jews", {"hate", "threat"}, "religion_jewish", None),
    ("muslims are vermin", {"hate"}, "religion_muslim", None),
    ("I know where you live", {"threat"}, None, None),
    ("send me nudes", {"sexual"}, None, None),
    ("you're a pathetic loser", {"insult"}, None, None),
    # neutral mentions and idioms: not hate, not threats
    pytest.param(*("les collègues noirs de la brigade", set(), None, None), marks=REGRESSED_2_0("hate 0.73 from the heads")),
    pytest.param(*("les Arabes ont inventé l'algèbre", set(), None, None), marks=REGRESSED_2_0("hate 0.66 from the heads")),
    ("j'ai croisé un chat noir", set(), None, None),
    ("tuer le temps", set(), None, None),
    ("je vais le tuer ce dossier", set(), None, None),
    ("mon fils est autiste", set(), None, None),
    ("Arabs invented algebra", set(), None, None),
    ("I'm going to kill this report", set(), None, None),
    # framing: reported / counter / negated are not endorsement; jokes and questions still flag
    ("il m'a traité de sale noir, c'est inadmissible", set(), None, "reported"),
    ("arrête de dire que les femmes sont inférieures", set(), None, "counter"),
    ("je ne pense pas que les Arabes soient des voleurs", set(), None, "negated"),
    ("stop saying women are inferior", set(), None, "counter"),
    ("les noirs sont des singes mdr je rigole", {"hate"}, "origin_black", "joke"),
    ("pourquoi les arabes sont tous des voleurs ?", {"hate"}, "origin_arab", "question"),
    # short and mixed
    ("ok", set(), None, None),
    ("😂😂", set(), None, None),
    ("+1", set(), None, None),
    ("wesh t'es a fucking idiot", {"insult"}, None, None),
]


@pytest.mark.parametrize(("text", "cats", "target", "stance"), CASES,
                         ids=[(c.values if hasattr(c, "values") else c)[0][:40] for c in CASES])
def test_hard_case(detector: Detector, text: str, cats: set[str], target: str | None, stance: str | None) -> None:
    d = detector.detect([text])[0]
    flagged = {c for c in MISCONDUCT if d.categories[c] >= detector.threshold(c)}
    assert cats <= flagged, (flagged, d.categories)
    if not cats:
        assert not d.flagged, (d.categories, [r.detail for r in d.reasons])
    if target:
        assert target in d.targets
    if stance:
        assert d.stance == stance


@pytest.mark.parametrize("text", ["putain, j'ai raté mon train", "merde, encore en retard", "fuck, I missed the bus",
                                  "bordel de merde", "ptn le café est froid"])
def test_profanity_alone_never_flags(detector: Detector, text: str) -> None:
    d = detector.detect([text])[0]
    assert d.categories["profanity"] >= detector.threshold("profanity")
    assert not d.flagged
    assert all(d.categories[c] < detector.threshold(c) for c in MISCONDUCT)


def test_reported_speech_keeps_the_quote_as_reason(detector: Detector) -> None:
    text = "il m'a traité de sale noir, c'est inadmissible"
    d = detector.detect([text])[0]
    spans = [r for r in d.reasons if r.kind == "rule" and r.category == "hate"]
    assert spans and text[spans[0].span[0]:spans[0].span[1]] == "sale noir"
    assert d.stance == "reported" and not d.flagged


@pytest.mark.parametrize(("text", "matched"), [
    ("Wesh t'es qu'un c0nnnard toi", "c0nnnard"),
    ("regarde ce b*ugnoule", "b*ugnoule"),
    ("#DehorsLesBougnoules", "Bougnoules"),
    ("@lesnegresdehors", "negres"),
    ("lol s a l e  n o i r", "s a l e  n o i r"),
])
def test_reason_spans_point_at_original_text(detector: Detector, text: str, matched: str) -> None:
    d = detector.detect([text])[0]
    got = [text[r.span[0]:r.span[1]] for r in d.reasons if r.span]
    assert matched in got
    for r in d.reasons:
        if r.span:
            assert r.matched == text[r.span[0]:r.span[1]]


def test_context_endorsement_links_the_message(detector: Detector) -> None:
    ctx = [("m1", "bonjour à tous"), ("m2", "les arabes sont des rats")]
    for reply in ("lol trop vrai", "+1", "🐒", "so true"):
        d = detector.detect([reply], context=[ctx])[0]
        assert d.flagged, reply
        assert d.stance == "endorse" and d.severity == 1  # agreeing ranks below the remark itself
        ctx_reasons = [r for r in d.reasons if r.kind == "context"]
        assert ctx_reasons and ctx_reasons[0].ref == "m2"
        assert "origin_arab" in d.targets


@pytest.mark.parametrize("reply", ["pas faux", "t'as tout dit", "j'approuve", "grave d'accord", "mdr tellement",
                                   "enfin qqn qui le dit", "je suis partant", "ptdr c'est ça", "ouais 100%"])
def test_agreement_in_many_words_is_endorsement(detector: Detector, reply: str) -> None:
    ctx = [("m1", "bonjour à tous"), ("m2", "les arabes sont des rats")]
    d = detector.detect([reply], context=[ctx])[0]
    assert d.flagged and d.stance == "endorse", reply


@pytest.mark.parametrize("reply", ["non mais ça va pas ?", "arrête c'est pas drôle", "mais non", "ah", "d'accord avec Julie"])
def test_objection_or_filler_after_hate_is_not_endorsement(detector: Detector, reply: str) -> None:
    ctx = [("m1", "bonjour à tous"), ("m2", "les arabes sont des rats")]
    d = detector.detect([reply], context=[ctx])[0]
    assert d.stance != "endorse", reply


@pytest.mark.parametrize("text", ["mortauxarabes", "lesnoirsdehors", "Les africainssontdessinges", "salebougnoule va"])
def test_glued_words_are_read(detector: Detector, text: str) -> None:
    d = detector.detect([text])[0]
    assert d.flagged and "hate" in {r.category for r in d.reasons if r.category}, text


def test_laughing_emoji_alone_is_endorsement_but_never_flagged(detector: Detector) -> None:
    ctx = [("m1", "bonjour à tous"), ("m2", "les arabes sont des rats")]
    for reply in ("😂😂", "🤣", "👍"):
        d = detector.detect([reply], context=[ctx])[0]
        assert not d.flagged and d.severity == 0 and d.stance == "endorse", reply
        assert [r.ref for r in d.reasons if r.kind == "context"] == ["m2"]


def test_threats_rank_above_insults(detector: Detector) -> None:
    insult, threat = detector.detect(["t'es vraiment un con", "je vais te buter"])
    assert insult.flagged and threat.flagged and insult.severity < threat.severity


def test_short_reply_to_benign_message_is_benign(detector: Detector) -> None:
    d = detector.detect(["+1"], context=[[("m1", "réunion à 10h demain")]])[0]
    assert not d.flagged and d.stance is None


def test_reply_to_reported_speech_is_not_endorsement(detector: Detector) -> None:
    d = detector.detect(["+1"], context=[[("m1", "il m'a traité de sale noir, c'est inadmissible")]])[0]
    assert not d.flagged


def test_language_of_short_messages_falls_back_to_context(detector: Detector) -> None:
    long_fr = detector.detect(["je pense qu'on devrait changer le planning de la semaine prochaine"])[0]
    assert long_fr.language == "fr"
    en = detector.detect(["I think we should move the meeting to Thursday afternoon"])[0]
    assert en.language == "en"
    d = detector.detect(["ok"], context=[["on se retrouve au poste demain matin pour le briefing"]])[0]
    assert d.language == "fr"


def test_detect_is_deterministic_and_keeps_order(detector: Detector) -> None:
    texts = ["les migrants dehors", "ok", "je vais te buter", "ok"]
    a = Detector().detect(texts, ids=["a", "b", "c", "d"])
    b = Detector().detect(texts, ids=["a", "b", "c", "d"])
    assert [x.to_dict() for x in a] == [x.to_dict() for x in b]
    c = detector.detect(texts, ids=["a", "b", "c", "d"])  # other batches before: same verdicts
    assert [x.flagged for x in c] == [x.flagged for x in a]
    for x, y in zip(a, c, strict=True):
        assert all(abs(x.categories[k] - y.categories[k]) < 0.01 for k in x.categories)
    assert [x.message_id for x in a] == ["a", "b", "c", "d"]
    assert a[1].categories == a[3].categories and a[1].flagged == a[3].flagged


def test_public_api() -> None:
    import sentinelle

    res = sentinelle.detect("je vais te buter")
    assert len(res) == 1 and res[0].flagged and res[0].model_version
