"""The report says things in words a reader understands, in the reader's language: reasons from a
catalogue that knows every rule of the detector in French, an escalation verdict that agrees with
the tests shown beside it, figures without 1e-6, evidence references by conversation, date and
line, a network drawing whose labels never overlap."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from sentinelle.report.cases import escalation_view
from sentinelle.report.format import figure
from sentinelle.report.i18n import translator
from sentinelle.report.netdraw import CHAR, FONT, network_svg, place_labels
from sentinelle.report.reasons import KINDS, LEXICON_NOTES, RULES, reason_view
from sentinelle.report.refs import Referencer, short_time

DETECTION_DATA = Path(__file__).resolve().parents[2] / "src" / "sentinelle" / "detection" / "data"
FR, EN = translator("fr"), translator("en")


def _text(fragment: str) -> str:
    fragment = re.sub(r"<svg.*?</svg>", " ", fragment, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", fragment)))


@pytest.fixture(scope="module")
def demo(demo_analyzed) -> dict:
    assert demo_analyzed["code"] == 0, demo_analyzed["output"]
    out = demo_analyzed["out"]
    return {"html": (out / "report.html").read_text(encoding="utf-8"),
            "data": json.loads((out / "exports" / "data.json").read_text(encoding="utf-8"))}


def test_reason_catalogue_knows_every_rule_and_lexicon_note_of_the_detector() -> None:
    rules = json.loads((DETECTION_DATA / "rules.json").read_text(encoding="utf-8"))
    missing = [r["id"] for r in rules["rules"] + rules["idioms"] if r["id"] not in RULES]
    assert missing == []
    notes = {line.split("\t")[5].strip() for line in (DETECTION_DATA / "lexicon.tsv").read_text(encoding="utf-8").splitlines()
             if not line.startswith("#") and len(line.split("\t")) > 5}
    assert sorted(notes - set(LEXICON_NOTES) - {""}) == []
    assert all(set(v) == {"fr", "en"} for v in KINDS.values())


def test_every_demo_reason_reads_in_french(demo) -> None:
    english = 0
    for flag in demo["data"]["flags"]:
        for r in flag["reasons"]:
            fr, en = reason_view(r, "fr", FR), reason_view(r, "en", EN)
            assert fr["label"] == KINDS[r["kind"]]["fr"] or fr["label"] == KINDS["idiom"]["fr"], r
            if r["kind"] in ("rule", "lexicon", "context", "stance", "head", "model"):
                assert fr["text"] and fr["text"] != r["detail"], (r, fr)
                assert fr["text"] != en["text"] or r["detail"] == "framing: question", (r, fr)
                english += 1
    assert english > 300
    # an unknown rule is named by its id in French, never by its English note
    unknown = {"kind": "rule", "category": "hate", "detail": "fr.hate.new_one: a brand new English note"}
    assert reason_view(unknown, "fr", FR)["text"] == "règle fr.hate.new_one"
    assert reason_view(unknown, "en", EN)["text"] == "a brand new English note"
    stance = reason_view({"kind": "stance", "detail": "framing: joke, question"}, "fr", FR)
    assert (stance["label"], stance["text"]) == ("ton du message", "plaisanterie, question")
    limit = reason_view({"kind": "limit", "detail": "long message: 3 windows, 1,200 of 5,000 characters scored; "
                                                    "the whole text is stored and searchable"}, "fr", FR)
    assert limit["text"].startswith("3 fenêtres, 1\u202f200 caractères lus sur 5\u202f000")


@pytest.mark.parametrize(("esc", "verdict"), [
    ({"escalating": True, "frequency": {"trend": "increasing", "p_value": 0.03}, "severity": {"trend": "none"}},
     "oui — fréquence en hausse"),
    ({"escalating": True, "acts": [{"id": "x"}], "words_to_acts": {"first_act": "x"}, "frequency": {"trend": "none"},
      "severity": {"trend": "none"}, "message_severity": {"trend": "none"}}, "oui — passage des paroles aux actes"),
    ({"escalating": False, "frequency": {"trend": "none"}, "severity": {"trend": "insufficient data"}}, "non"),
    ({"escalating": False, "frequency": {"trend": "increasing"}, "severity": {"trend": "decreasing"}},
     "non — tendances contraires"),
])
def test_escalation_verdict_agrees_with_its_tests(esc: dict, verdict: str) -> None:
    view = escalation_view(esc, FR, "fr")
    assert view["verdict"] == verdict
    assert all("aucune" not in x and "none" not in x for x in view["tests"])


def test_no_escalation_verdict_contradicts_its_tests_in_the_demo(demo) -> None:
    """'Escalade oui' is said with its reasons, and each reason that is a trend is a test shown as
    rising; 'non' is never said next to a rising test without saying that the trends disagree."""
    rows = [_text(m) for m in re.findall(r'<dd class="escalation">(.*?)</dd>', demo["html"], re.S)]
    assert len(rows) == len(demo["data"]["harassment"]) >= 2
    said = {"fréquence en hausse": "fréquence : en hausse", "gravité hebdomadaire en hausse": "gravité : en hausse",
            "gravité des messages en hausse": "gravité par message : en hausse"}
    yes = 0
    for row in rows:
        verdict, _, tests = row.partition("(tests de tendance")
        if verdict.startswith("oui"):
            yes += 1
            reasons = verdict.split("—", 1)[1]
            assert reasons.strip(), row
            for reason, test in said.items():
                assert (reason in reasons) == (test in tests), row
        else:
            assert verdict.startswith("non"), row
            assert "en hausse" not in tests or "tendances contraires" in verdict, row
        assert "aucune" not in row
    assert yes >= 1  # Lucas Bernard's campaign


def test_figures_in_words(demo) -> None:
    assert figure(1e-06, "fr", FR) == "négligeable" and figure(6.4e-05, "en", EN) == "negligible"
    assert figure(0.008901, "fr", FR) == "0,009" and figure(0.41, "en", EN) == "0.41" and figure(None, "fr", FR) == "—"
    body = _text(demo["html"][demo["html"].index("<main>"):])
    assert not re.search(r"\b0,0000\d", body)  # no 1e-6 betweenness, anywhere
    assert "négligeable" in body
    # the influence shown is that of one conversation, and the table says which
    people = demo["html"][demo["html"].index('<section id="people">'):]
    table = people[people.index('<table class="influence">'):people.index("</table>", people.index('<table class="influence">'))]
    first = _text(table.split("<tr>")[2]).strip()
    assert first.startswith("Yannick Roux") and "dans Brigade Fictive 75 (2025-01-06)" in first


def test_evidence_references_are_readable_with_the_id_behind(demo) -> None:
    directives = demo["html"][demo["html"].index('<section id="directives">'):]
    directives = directives[:directives.index("</section>")]
    link = re.search(r'<a class="ref" href="#r-([0-9a-f]{16}:\d+)" title="([^"]+)">([^<]+)</a>', directives)
    assert link and link.group(1) == link.group(2)
    assert re.fullmatch(r"Brigade Fictive 75 \(2025-0\d-0\d\), \d\d/\d\d/2025 \d\d:\d\d, ligne \d+", unescape(link.group(3)))
    assert "Brigade Fictive 75 (2025-01-06), 14/04/2025 19:05, ligne 2301" in _text(directives)
    assert f'id="r-{link.group(1)}"' in demo["html"]
    record = {"conversation_id": "c1", "time": "2025-06-05 18:25:00", "source": {"lines": [1234, 1234]}}
    ref = Referencer({"c1:9": record}, {"c1": "Brigade Fictive 75"}, "fr")
    assert ref("c1:9") == "Brigade Fictive 75, 05/06/2025 18:25, ligne 1234" and ref("nope") is None
    assert Referencer({"c1:9": {**record, "source": {"lines": [3, 5]}}}, {}, "en")("c1:9") == "c1, 2025-06-05 18:25, lines 3–5"
    assert short_time("2025-06-05T18:25:31+00:00", "fr") == "05/06/2025 18:25"


def test_labels_are_placed_without_overlap_or_left_out() -> None:
    # a crowded grid: every label either fits without touching another label or node, or is dropped
    points = [(100.0 + 40 * (i % 8), 100.0 + 22 * (i // 8)) for i in range(48)]
    labels = [f"Personne numéro {i}" for i in range(48)]
    spots = place_labels(points, [6.0] * 48, labels, list(range(48)))
    boxes = []
    for (x, y, anchor), text in ((s, lab) for s, lab in zip(spots, labels, strict=True) if s):
        width = CHAR * len(text)
        left = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
        boxes.append((left, y - FONT, left + width, y))
    assert 5 < len(boxes) < 48
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1), (a, b)


def test_network_drawing_is_deterministic_with_marks_and_a_default_filter() -> None:
    nodes = [{"id": f"p{i}", "label": f"P{i}", "size": 10.0 + i, "highlight": i == 0,
              "marks": {"union_rep"} if i == 1 else set()} for i in range(60)]
    edges = [{"source": f"p{i}", "target": f"p{(i * k + 3) % 60}", "weight": float(1 + (i + k) % 13), "kind": "reply"}
             for i in range(60) for k in (7, 11, 13)] + [{"source": "p0", "target": f"p{j}", "weight": 50.0, "kind": "reply"}
                                                          for j in range(1, 5)]
    words = {"messages": "messages", "leader": "L", "target": "T", "union_rep": "U", "chief": "C"}
    a, b = network_svg(nodes, edges, words), network_svg(nodes, edges, words)
    assert a == b and a["svg"].startswith('<svg class="net"')
    assert a["people"] <= 40 and 40 <= a["shown"] < a["edges"] and a["default"] > 0
    assert a["svg"].count('fill="#c0392b"') == 1 and 'stroke="#2e8b57"' in a["svg"]
    hidden = re.findall(r'data-w="([\d.]+)" style="display:none"', a["svg"])
    assert hidden and all(float(w) < a["default"] for w in hidden)


def test_pileon_and_sparse_case_sentences() -> None:
    from sentinelle.report.cases import case_sentence

    def person(p: object) -> str:
        return {"k": "Karim", "m": "Marc", "s": "Sophie"}.get(str(p), str(p))

    pileon = {"item_id": "case:k", "target": "k", "roles": {"target": {"person": "k", "names": ["Karim"]}},
              "aggressors": [{"person": "m"}, {"person": "s"}],
              "pileon": {"aggressors": 2, "messages": 5, "first": "2024-03-12T21:04:00", "last": "2024-03-12T21:41:00",
                         "started_by": {"person": "m", "names": ["Marc"]}, "first_message": "c:1"}}
    fr = case_sentence(pileon, FR, "fr", person)
    assert fr["text"] == ("Harcèlement en meute contre Karim le 12/03/2024 entre 21:04 et 21:41 : 5 messages de 2 membres "
                          "(Marc et Sophie), lancé par Marc.") and fr["refs"] == ["c:1"]
    assert case_sentence(pileon, EN, "en", person)["text"].startswith("Pile-on against Karim on 2024-03-12 between 21:04")
    sparse = case_sentence({"item_id": "case:x", "target": "x", "aggressors": ["m"]}, FR, "fr", person)
    assert sparse["text"] == "Campagne répétée contre x, de 1 membre (Marc), lancée par Marc."
