"""The report and bundle commands as a user types them."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from .conftest import STAMP, run_cli


def test_report_command_variants(case_dir: Path, tmp_path: Path, capsys) -> None:
    code, output = run_cli(capsys, "review", case_dir, "--stored", "--decide", "case:k1", "confirm", "--reviewer", "A", "--note", "ok")
    assert code == 0, output
    code, output = run_cli(capsys, "report", case_dir, "--stored", "--out", tmp_path / "r.html", "--lang", "en", "--confirmed-only",
                           "--exports", tmp_path / "exp", "--generated-at", STAMP)
    assert code == 0 and "0 flags, 0 directives, 1 cases" in output, output
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Confirmed only&#34; version" in html and "case:k1" in html
    assert json.loads((tmp_path / "exp" / "data.json").read_text(encoding="utf-8"))["confirmed_only"] is True
    code, output = run_cli(capsys, "report", tmp_path / "missing", "--out", tmp_path / "x.html")
    assert code == 4 and "no such case" in output and "Traceback" not in output


def test_bundle_command(case_dir: Path, tmp_path: Path, capsys) -> None:
    code, output = run_cli(capsys, "bundle", case_dir, "--stored", "--out", tmp_path / "b.zip", "--hashes-only", "--generated-at", STAMP)
    assert code == 0 and "0 originals included, 1 by hash only" in output, output
    with zipfile.ZipFile(tmp_path / "b.zip") as z:
        assert json.loads(z.read("manifest.json"))["hashes_only"] is True
    code, output = run_cli(capsys, "verify", tmp_path / "b.zip")
    assert code == 0, output


def test_verify_refuses_what_is_not_a_bundle(tmp_path: Path, capsys) -> None:
    page = tmp_path / "report.html"
    page.write_text("<html></html>", encoding="utf-8")
    code, output = run_cli(capsys, "verify", page)
    assert code == 3 and "not an evidence bundle" in output and "Traceback" not in output
