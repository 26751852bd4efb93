"""The demo report in Chromium as an investigator with ten minutes meets it: the findings to read
first on the first screen (the silence order against the union representative among them), the
evidence appendix folded, a followed link landing on its record below the sticky filter bar, an
accent- and case-insensitive search, a network drawing whose labels do not overlap, a printout of
at most 15 pages, and no English in the French report."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sentinelle.records import EventType
from sentinelle.report.html import write_report
from sentinelle.report.reasons import CONTEXT, KINDS
from sentinelle.store import Case

from .browser import chromium_page, printed_pages
from .conftest import STAMP

pytestmark = pytest.mark.browser

DETECTION_DATA = Path(__file__).resolve().parents[2] / "src" / "sentinelle" / "detection" / "data"


@pytest.fixture(scope="module")
def demo_html(demo_analyzed) -> Path:
    assert demo_analyzed["code"] == 0, demo_analyzed["output"]
    return demo_analyzed["out"] / "report.html"


def test_first_screen_leads_with_the_union_rep_silence_order(demo_html: Path) -> None:
    with chromium_page(demo_html) as (page, run):
        assert page.evaluate("document.querySelector('main > section').id") == "lead"
        top = page.evaluate("document.getElementById('lead').getBoundingClientRect().top")
        assert top < 900  # on the first screen, under the title and the contents
        items = page.eval_on_selector_all("#lead ol.lead > li", "els => els.map(e => e.innerText)")
        silence = [i for i in items if "Olivier Tessier" in i and "silence" in i]
        assert len(silence) == 1, items
        line = silence[0]
        # who, what, when, what followed, and the evidence in words
        for words in ("Yannick Roux a ordonné le silence à Olivier Tessier, délégué syndical, le 14/04/2025 19:05",
                      "Les délégués, vous vous taisez", "puis a quitté le groupe le 22/04/2025",
                      "Brigade Fictive 75 (2025-01-06), 14/04/2025 19:05, ligne 2301"):
            assert words in line, line
        # the escalating campaign, the undeclared leader beside the ignored chief, the worst messages
        assert any(i.startswith("HARCÈLEMENT") and "Lucas Bernard" in i and "en escalade" in i for i in items), items
        assert any("Yannick Roux" in i and "mène de fait" in i and "Marc Lefort" in i for i in items), items
        assert sum(1 for i in items if i.startswith("MESSAGE GRAVE")) == 3
        assert len(items) <= 12
        # the reference carries the record id and leads to it in the appendix
        link = page.locator("#lead li", has_text="Olivier Tessier").locator("a.ref", has_text="ligne 2301")
        rid = link.get_attribute("title")
        assert re.fullmatch(r"[0-9a-f]{16}:\d+", rid) and link.get_attribute("href") == f"#r-{rid}"
        link.click()
        page.wait_for_timeout(200)
        record = page.locator(f"[id='r-{rid}']")
        assert record.is_visible() and "Les délégués, vous vous taisez" in record.inner_text()
        assert run.console_errors == [] and run.page_errors == []


def test_evidence_appendix_is_folded_and_opens_on_a_link(demo_html: Path) -> None:
    with chromium_page(demo_html) as (page, _):
        assert page.evaluate("document.getElementById('evidence-all').open") is False
        records = page.evaluate("document.querySelectorAll('details.rec').length")
        assert records > 1000  # every cited record is there, folded
        assert page.evaluate("[...document.querySelectorAll('details.rec')].every(d => !d.open)")
        assert not page.locator("details.rec").first.is_visible()
        # the flags are folded too, one line each, and a link to one opens it below the filter bar
        assert page.evaluate("[...document.querySelectorAll('details.flag')].every(d => !d.open)")
        link = page.locator("#lead a.ref[href^='#m-']").first
        target = link.get_attribute("href")[1:]
        link.click()
        page.wait_for_timeout(300)
        flag = page.locator(f"[id='{target}']")
        assert flag.evaluate("d => d.open") and flag.is_visible()
        top = flag.evaluate("e => e.getBoundingClientRect().top")
        bar = page.evaluate("document.querySelector('.filters').getBoundingClientRect().bottom")
        assert top >= bar - 1, (top, bar)  # not hidden under the sticky filter bar
        # "expand all" opens everything (to print the whole report)
        page.click("#open-all")
        assert page.evaluate("[...document.querySelectorAll('details')].every(d => d.open)")


def test_demo_report_prints_on_at_most_15_pages(demo_html: Path) -> None:
    with chromium_page(demo_html) as (page, _):
        height = page.evaluate("document.documentElement.scrollHeight")
        pages = printed_pages(page)
    assert pages <= 15, pages  # 132 pages and 163,782 px before the first screen and the folding
    assert height < 20_000, height


def _visible_flags(page, query: str) -> list[str]:
    page.fill("#f-search", query)
    return page.eval_on_selector_all(".flag", "els => els.filter(e => !e.hidden).map(e => e.id)")


def test_search_ignores_accents_and_case(demo_html: Path) -> None:
    with chromium_page(demo_html) as (page, _):
        plain = _visible_flags(page, "bougnoule")
        assert plain and len(plain) < 144
        for query in ("Bougnoulé", "BOUGNOULÉ", "bôugnoulè"):
            assert _visible_flags(page, query) == plain, query
        # and the reverse: an unaccented query finds the accented text
        coffee = _visible_flags(page, "CAFE")
        assert coffee and all("café" in page.locator(f"[id='{i}'] .hit").text_content() for i in coffee)
        assert page.inner_text("#f-count") == str(len(coffee))


def test_network_labels_do_not_overlap_and_marks_are_drawn(demo_html: Path) -> None:
    with chromium_page(demo_html) as (page, _):
        boxes = page.evaluate("""[...document.querySelectorAll('svg.net text:not(.hover)')].map(t => {
            const b = t.getBBox(); return [t.textContent, b.x, b.y, b.x + b.width, b.y + b.height]; })""")
        circles = page.evaluate("""[...document.querySelectorAll('svg.net .node > circle[fill]')].map(c => {
            const x = +c.getAttribute('cx'), y = +c.getAttribute('cy'), r = +c.getAttribute('r');
            return [c.parentNode.querySelector('text').textContent, x - r, y - r, x + r, y + r]; })""")
        assert len(boxes) >= 15
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert not (a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]), (a, b)
            for c in circles:
                if c[0] != a[0]:
                    assert not (a[1] < c[3] and c[1] < a[3] and a[2] < c[4] and c[2] < a[4]), (a, c)
        rings = page.evaluate("""[...document.querySelectorAll('svg.net .node')].map(g =>
            [g.querySelector('text').textContent, [...g.querySelectorAll('circle[fill=none]')].map(c => c.getAttribute('stroke')),
             g.querySelector('circle[fill]:not([fill=none])').getAttribute('fill')])""")
        marks = {name: (strokes, fill) for name, strokes, fill in rings}
        assert "#2e8b57" in marks["Olivier Tessier"][0]  # union representative
        assert "#e67e22" in marks["Lucas Bernard"][0]  # target of the first harassment case
        assert marks["Yannick Roux"][1] == "#c0392b"  # influence above the declared role
        # "only links of at least N": all of them at 0, fewer and fewer up to the strongest
        total = page.evaluate("document.querySelectorAll('svg.net line').length")

        def shown(value: int) -> int:
            page.fill("#net-min", str(value))
            page.dispatch_event("#net-min", "input")
            return page.evaluate("[...document.querySelectorAll('svg.net line')].filter(l => l.style.display !== 'none').length")

        maximum = int(page.get_attribute("#net-min", "max"))
        assert shown(0) == total > shown(maximum // 2) > shown(maximum) <= 1
        assert page.inner_text("#net-shown") == str(shown(maximum))


def _english_phrases() -> list[str]:
    """What the detector writes in English (every rule, idiom and lexicon note), the English
    words of the reason catalogue, and the tags and phrases the issue found in the French report."""
    rules = json.loads((DETECTION_DATA / "rules.json").read_text(encoding="utf-8"))
    notes = {r["note"] for r in rules["rules"] + rules["idioms"]}
    for line in (DETECTION_DATA / "lexicon.tsv").read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if not line.startswith("#") and len(cells) > 5 and cells[5].strip():
            notes.add(cells[5].strip())
    notes |= {v["en"] for v in (*KINDS.values(), *CONTEXT.values()) if v["en"] != v["fr"]}
    notes |= {"framing:", "head:", "transformer:", "fine-tuned", "[added]", "[number_changed]", "[left]",
              "members against", "started by", "attacks on", "hostility increased", "removed from the group",
              "silence around them", "exclusion or intimidation", "after the report", "endorsement",
              "insufficient data", "To target", "From target", "lowers the score", "inside a hashtag",
              "answered back", "went silent", "laughed along", "days over", "at the target"}
    return sorted(notes)


def test_french_report_has_no_english(demo_analyzed, tmp_path: Path) -> None:
    """The French demo report, every folded part opened, read as rendered text: none of the
    detector's English phrases, no raw tag; the same report in English does have them."""
    assert demo_analyzed["code"] == 0, demo_analyzed["output"]
    phrases = _english_phrases()
    assert len(phrases) > 90
    with Case.open(demo_analyzed["out"] / "case") as case:
        write_report(case, tmp_path / "fr.html", generated_at=STAMP)
        write_report(case, tmp_path / "en.html", lang="en", generated_at=STAMP)
    texts = {}
    for lang in ("fr", "en"):
        with chromium_page(tmp_path / f"{lang}.html") as (page, _):
            page.click("#open-all")
            texts[lang] = page.inner_text("body")
    found = [p for p in phrases if re.search(r"(?<![\w-])" + re.escape(p) + r"(?![\w-])", texts["fr"], re.I)]
    assert found == [], found
    tags = "|".join(e.value for e in EventType)
    assert re.search(rf"\[(?:{tags})\]", texts["fr"]) is None  # no raw event tag such as [number_changed]
    for words in ("injure visant un groupe", "ton du message : plaisanterie", "langue détectée : français",
                  "courte réponse qui approuve un message signalé juste avant", "changement de numéro"):
        assert words in texts["fr"], words
    assert "framing: joke" in texts["en"] and "short reply endorsing a flagged preceding message" in texts["en"]
