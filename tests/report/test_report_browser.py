"""The report in a real headless Chromium (Debian's, driven by playwright): renders with no
console error, makes no network request, runs no script from a message; screenshot kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from sentinelle.report import write_report

from .browser import open_in_chromium
from .conftest import STAMP

pytestmark = pytest.mark.browser


def test_report_renders_offline_without_errors(case, tmp_path: Path, artifacts_dir: Path) -> None:
    html = tmp_path / "report.html"
    write_report(case, html, generated_at=STAMP)
    run = open_in_chromium(html, artifacts_dir / "report-fr.png", search="bougnoule")
    assert run.console_errors == [] and run.page_errors == []
    assert run.requests == [html.resolve().as_uri()]  # the page itself, nothing else
    assert "PWNED" not in run.title  # no script or handler from a message ran
    assert "<script>document.title='PWNED'</script>" in run.text  # shown as text
    assert "<img src=x onerror=" in run.text
    assert run.visible_flags == 1  # the in-page search filters the flagged messages
    assert (artifacts_dir / "report-fr.png").stat().st_size > 10_000


def test_english_pseudonymised_report_renders(case, tmp_path: Path, artifacts_dir: Path) -> None:
    html = tmp_path / "report-en.html"
    write_report(case, html, lang="en", pseudonymise=True, generated_at=STAMP)
    run = open_in_chromium(html, artifacts_dir / "report-en-pseudo.png")
    assert run.console_errors == [] and run.page_errors == [] and len(run.requests) == 1
    assert "Flagged messages" in run.text and "Karim" not in run.text


def test_demo_report_renders(demo_analyzed, artifacts_dir: Path) -> None:
    """The README's first command's report, with real detections and analyses, in Chromium."""
    assert demo_analyzed["code"] == 0, demo_analyzed["output"]
    import json

    html = demo_analyzed["out"] / "report.html"
    flags = json.loads((demo_analyzed["out"] / "exports" / "data.json").read_text(encoding="utf-8"))["flags"]
    assert flags
    run = open_in_chromium(html, artifacts_dir / "report-demo.png", search=flags[0]["text"][:20], full_page=False)
    assert run.console_errors == [] and run.page_errors == []
    assert run.requests == [html.resolve().as_uri()]
    assert "Brigade Fictive 75" in run.text and run.visible_flags >= 1
