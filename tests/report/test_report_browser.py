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
