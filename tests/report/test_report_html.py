"""The HTML report of a real (small) case: deterministic, self-contained, escaped, bilingual."""

from __future__ import annotations

import re
from pathlib import Path

from sentinelle.evidence.decisions import record_decision
from sentinelle.report import write_report
from sentinelle.report.context import build_context
from sentinelle.report.html import render_html
from sentinelle.store import Case, CaseMetadata

from .conftest import BRIGADE, STAMP


def test_same_case_gives_the_same_bytes(case, tmp_path: Path) -> None:
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    write_report(case, a, generated_at=STAMP)
    write_report(case, b, generated_at=STAMP)
    assert a.read_bytes() == b.read_bytes()
    assert STAMP in a.read_text(encoding="utf-8")


def test_source_date_epoch_fixes_the_timestamp(case, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    write_report(case, tmp_path / "r.html")
    assert "2023-11-14T22:13:20+00:00" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_report_is_self_contained(case) -> None:
    html = render_html(build_context(case, generated_at=STAMP))
    # nothing fetched: no external URL in src/href, no CSS import or url(), a CSP forbidding it anyway
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
    assert "@import" not in html
    assert not re.search(r"url\((?!#)", html)  # only in-page references (SVG clip paths)
    assert "default-src 'none'" in html
    assert html.count("<svg") >= 3  # activity, categories, network (inline, drawn by matplotlib)


def test_markup_in_messages_is_text(case) -> None:
    html = render_html(build_context(case, generated_at=STAMP))
    assert "<script>document.title" not in html
    assert "&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=" in html
    assert 'href="javascript:' not in html
    assert html.count("<script>") == 1  # the page's own filter script, allowed by its hash only


def test_sections_french_and_english(case) -> None:
    fr = render_html(build_context(case, generated_at=STAMP))
    en = render_html(build_context(case, lang="en", generated_at=STAMP))
    assert "Messages signalés" in fr and "Flagged messages" in en
    assert "Consignes et ordres de silence" in fr and "Directives and silence orders" in en
    for needle in ("Enquête administrative (test)", "art. 40 CPP", "Service RH", "2030-01-01", "test-model-1",
                   "test-dyn-1", "Karim Benali", BRIGADE.name):
        assert needle in fr
    ctx = build_context(case, generated_at=STAMP)
    sha = ctx.files[0]["sha256"]
    assert sha in fr and f"{ctx.flags[0]['source']['bytes'][0]}–{ctx.flags[0]['source']['bytes'][1]}" in fr


def test_review_status_and_confirmed_only(case) -> None:
    ctx = build_context(case, generated_at=STAMP)
    slur = next(f for f in ctx.flags if f["category"] == "hate")
    record_decision(case, slur["item_id"], "confirm", reviewer="Inspectrice A", note="injure raciale caractérisée")
    record_decision(case, ctx.flags[-1]["item_id"], "dismiss", reviewer="Inspectrice A", note="hors sujet")
    full = build_context(case, generated_at=STAMP)
    assert {f["review"]["status"] for f in full.flags} == {"confirm", "dismiss", "pending"}
    html = render_html(full)
    assert "injure raciale caractérisée" in html and "Inspectrice A" in html
    confirmed = build_context(case, confirmed_only=True, generated_at=STAMP)
    assert [f["item_id"] for f in confirmed.flags] == [slur["item_id"]]
    assert confirmed.directives == [] and confirmed.harassment == []
    assert "confirmés uniquement" in render_html(confirmed)
    # the review counts are the case's true state, not the filtered view's (issue 16, item 8)
    assert confirmed.review == full.review
    assert confirmed.review["confirm"] == 1 and confirmed.review["dismiss"] == 1
    assert confirmed.review["pending"] == len(full.flags) - 2 > 0


def test_missing_analyses_are_said_not_run(tmp_path: Path) -> None:
    with Case.create(tmp_path / "c", CaseMetadata(purpose="p")) as case:
        from sentinelle.pipeline.ingest import ingest_files

        ingest_files(case, [BRIGADE])
        ctx = build_context(case, generated_at=STAMP)
        assert ctx.steps == {"scan": False, "dynamics": False, "harassment": False}
        html = render_html(ctx)
        assert html.count("Analyse non effectuée") >= 5
        assert "13 messages écrits par 4 personnes" in html


def test_pseudonymised_report_has_no_real_names(case) -> None:
    from .conftest import REAL_NAMES, REAL_PHONES

    html = render_html(build_context(case, pseudonymise=True, generated_at=STAMP))
    text = html.replace(BRIGADE.name, "")
    for needle in (*REAL_NAMES, *REAL_PHONES):
        assert needle.lower() not in text.lower(), needle
    assert "Personne 0" in html
    # stable: the same person keeps the same pseudonym in a second report
    again = render_html(build_context(case, pseudonymise=True, generated_at=STAMP))
    assert again == html


def test_pseudonymised_file_names_and_source_paths(tmp_path: Path) -> None:
    import shutil

    from sentinelle.evidence.bundle import make_bundle
    from sentinelle.pipeline.ingest import ingest_files
    from sentinelle.report.exports import export_files

    named = tmp_path / "Discussion WhatsApp avec Karim Benali.txt"  # how a one-to-one export is named
    shutil.copy(BRIGADE, named)
    with Case.create(tmp_path / "c", CaseMetadata(pseudonymise=True)) as case:
        ingest_files(case, [named])
        mid = next(m.id for m in case.messages() if "bougnoule" in m.text)
        from sentinelle.records import Detection

        case.save_detections([Detection(categories={"hate": 0.9}, flagged=True, message_id=mid, model_version="t")])
        ctx = build_context(case, generated_at=STAMP)  # the case's metadata asks for pseudonyms
        assert ctx.pseudonymised
        make_bundle(case, tmp_path / "b.zip", generated_at=STAMP)
    outputs = [render_html(ctx), *(v.decode("utf-8-sig") for v in export_files(ctx).values())]
    import zipfile

    with zipfile.ZipFile(tmp_path / "b.zip") as z:
        outputs += [z.read(n).decode("utf-8-sig") for n in z.namelist()]
        assert not any(n.startswith("originals/") for n in z.namelist())
    for text in outputs:
        assert "Karim" not in text and "Benali" not in text
