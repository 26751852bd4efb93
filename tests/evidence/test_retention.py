"""Purge honours the retention date, says what it deleted and leaves a receipt."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from report.conftest import BRIGADE, build_case, run_cli
from sentinelle.errors import CaseError, UsageError
from sentinelle.evidence.retention import purge_case


def test_refuses_before_the_retention_date(tmp_path: Path, capsys) -> None:
    build_case(tmp_path / "c", retention_until=date(2030, 1, 1)).close()
    with pytest.raises(CaseError, match="retention runs until 2030-01-01"):
        purge_case(tmp_path / "c", today=date(2029, 12, 31))
    code, output = run_cli(capsys, "purge", tmp_path / "c")
    assert code == 4 and "refusing to purge" in output
    assert (tmp_path / "c" / "case.sqlite").exists()


def test_refuses_without_a_retention_date(tmp_path: Path) -> None:
    build_case(tmp_path / "c", retention_until=None).close()
    with pytest.raises(CaseError, match="no retention date"):
        purge_case(tmp_path / "c")


def test_purges_after_the_date_and_says_what(tmp_path: Path, capsys) -> None:
    build_case(tmp_path / "c", retention_until=date(2020, 1, 1)).close()
    code, output = run_cli(capsys, "purge", tmp_path / "c")
    assert code == 0, output
    assert f"deleted original {BRIGADE.name} sha256" in output and "retention until 2020-01-01" in output
    assert not (tmp_path / "c").exists()
    receipt = json.loads((tmp_path / "c.purged.json").read_text(encoding="utf-8"))
    assert receipt["files"][0]["name"] == BRIGADE.name and receipt["deleted_paths"] >= 2
    assert receipt["metadata"]["legal_basis"] == "art. 40 CPP"


def test_force_needs_a_reason(tmp_path: Path) -> None:
    build_case(tmp_path / "c").close()
    with pytest.raises(UsageError):
        purge_case(tmp_path / "c", force=True)
    report = purge_case(tmp_path / "c", force=True, reason="demande d'effacement RGPD art. 17")
    assert report.forced and not (tmp_path / "c").exists()
