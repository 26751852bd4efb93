"""`sentinelle analyze`: from export files (or the demo) to a case, a report and exports."""

from __future__ import annotations

from pathlib import Path

from sentinelle.store import Case

from .conftest import BRIGADE, run_cli


def test_analyze_files_with_custody_metadata(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    code, output = run_cli(capsys, "analyze", BRIGADE, "--out", out, "--purpose", "Enquête IGPN (test)",
                           "--legal-basis", "art. 40 CPP", "--handed-over-by", "Me Durand", "--obtained-how", "clé USB",
                           "--obtained-when", "2024-04-01", "--retention-until", "2031-12-31",
                           "--generated-at", "2024-05-01T00:00:00+00:00", "-q")
    assert code == 0, output
    html = (out / "report.html").read_text(encoding="utf-8")
    for needle in ("Enquête IGPN (test)", "Me Durand", "clé USB", "2031-12-31", "13 messages écrits par 4 personnes", BRIGADE.name):
        assert needle in html
    assert sorted(p.name for p in (out / "exports").iterdir()) == [
        "data.json", "directives.csv", "edges.csv", "flags.csv", "network.gexf", "people.csv"]
    with Case.open(out / "case") as case:
        assert case.metadata.retention_until.isoformat() == "2031-12-31" and case.count_messages() == 13
    # a second run on the same output reuses the case (the file is not ingested twice)
    code, output = run_cli(capsys, "analyze", BRIGADE, "--out", out, "-q", "--generated-at", "2024-05-01T00:00:00+00:00")
    assert code == 0 and (out / "report.html").read_text(encoding="utf-8") == html


def test_analyze_an_existing_case(case_dir: Path, tmp_path: Path, capsys) -> None:
    code, output = run_cli(capsys, "analyze", "--case", case_dir, "--out", tmp_path / "o", "--lang", "en", "-q")
    assert code == 0, output
    assert "Flagged messages" in (tmp_path / "o" / "report.html").read_text(encoding="utf-8")


def test_analyze_demo_end_to_end(demo_analyzed) -> None:
    # the README's first command, as a user runs it (a fresh process: imports and model load
    # included); its time is measured by bench/analyze_demo.py, not asserted here (CI machines vary)
    assert demo_analyzed["code"] == 0, demo_analyzed["output"]
    out = demo_analyzed["out"]
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "Brigade Fictive 75" in html and "Yannick Roux" in html
    with Case.open(out / "case") as case:
        assert len(case.files()) == 3 and any(r.union_rep for r in case.roster())
        assert any(True for _ in case.detections(flagged_only=True))  # detection ran in the pipeline
        assert case.get_result("harassment", "cases") is not None


def test_nothing_to_analyse_is_a_usage_error(tmp_path: Path, capsys) -> None:
    code, output = run_cli(capsys, "analyze", "--out", tmp_path / "x")
    assert code == 2 and "nothing to analyse" in output


def test_analyze_pseudonymised_case(tmp_path: Path, capsys) -> None:
    code, output = run_cli(capsys, "analyze", BRIGADE, "--out", tmp_path / "o", "--pseudonymise", "-q")
    assert code == 0, output
    texts = [(tmp_path / "o" / "report.html").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8-sig") for p in (tmp_path / "o" / "exports").iterdir()]
    for text in texts:
        for needle in ("Karim", "Benali", "Dubois", "Lefèvre", "12 34 56 78"):
            assert needle not in text
    with Case.open(tmp_path / "o" / "case") as case:
        assert case.metadata.pseudonymise and len(case.pseudonyms()) == 4


def test_demo_report_is_reproducible(demo_analyzed) -> None:
    """With real detections, dynamics (network drawing included) and harassment results."""
    from sentinelle.report.context import build_context
    from sentinelle.report.html import render_html

    with Case.open(demo_analyzed["out"] / "case") as case:
        first = render_html(build_context(case, generated_at="2025-01-01T00:00:00+00:00"))
        second = render_html(build_context(case, generated_at="2025-01-01T00:00:00+00:00"))
    assert first == second
    assert first.count("<svg") >= 4  # activity, categories, targets, network


def test_mixed_formats_with_zoned_and_local_times(tmp_path: Path, capsys) -> None:
    """Discord and Telegram times carry a zone, WhatsApp's do not: one report over all of them."""
    from sharedpaths import shared_file

    files = [shared_file("fixtures", "chat-analytics", *p) for p in
             (("discord", "GC_3A_5M.json"), ("telegram", "DM_2A_7M.json"), ("whatsapp", "4A_11M.zip"))]
    code, output = run_cli(capsys, "analyze", *files, "--out", tmp_path / "o", "-q")
    assert code == 0, output
    with Case.open(tmp_path / "o" / "case") as case:
        assert {c.platform for c in case.conversations()} == {"discord", "telegram", "whatsapp"}
    assert "GC_3A_5M.json" in (tmp_path / "o" / "report.html").read_text(encoding="utf-8")


def test_unreadable_file_is_named_and_the_rest_analysed(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": "world"}', encoding="utf-8")
    code, output = run_cli(capsys, "analyze", BRIGADE, bad, "--out", tmp_path / "o", "-q")
    assert code == 3 and "not read: " in output and "notes.json" in output and "Traceback" not in output
    assert "13 messages" in (tmp_path / "o" / "report.html").read_text(encoding="utf-8")
