"""What was guessed or damaged when the files were read reaches the report's "What was analysed"
and its summary, `analyze` and `info`, each with what to do about it (item 5 of issue 16): an
ambiguous day/month order, a legacy encoding, bytes replaced, lines skipped, times backwards."""

from __future__ import annotations

import re
from pathlib import Path

from sentinelle.pipeline import ingest_files
from sentinelle.report.context import build_context
from sentinelle.report.html import render_html
from sentinelle.store import Case

from .conftest import run_cli

STAMP = "2025-01-01T00:00:00+00:00"
# days and months all <= 12: the order cannot be told; a byte that is not UTF-8; a line before the
# first header; a message dated before the one above it
DAMAGED = (b"notes de l'enqueteur\n"
           b"01/02/2024 09:00 - Chef Dupont: Bonjour \xff tous\n"
           b"02/02/2024 09:01 - Elodie Martin: Salut\n"
           b"03/02/2024 09:02 - Karim: ok\n"
           b"02/02/2024 09:03 - Karim: oups\n")  # fmt: skip
LATIN = "01/02/2024 09:00 - Chef Dupont: Café crème à la maison, déjà prêt\n02/02/2024 09:01 - Élodie: Très bien, ça marche\n"


def plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#39;", "'").split())


def files(tmp_path: Path) -> tuple[Path, Path]:
    damaged, latin = tmp_path / "damaged.txt", tmp_path / "latin.txt"
    damaged.write_bytes(DAMAGED)
    latin.write_bytes(LATIN.encode("cp1252"))
    return damaged, latin


def test_the_report_says_what_to_check_about_each_file(tmp_path: Path) -> None:
    damaged, latin = files(tmp_path)
    with Case.create(tmp_path / "case") as case:
        assert not ingest_files(case, [damaged, latin]).failed
        en = plain(render_html(build_context(case, generated_at=STAMP, lang="en")))
        fr = plain(render_html(build_context(case, generated_at=STAMP, lang="fr")))
    section = en[en.index("How the files were read: what to check"):en.index("Conversations")]
    assert "damaged.txt" in section and "latin.txt" in section
    assert "Date order guessed: read as day/month" in section and "--date-order mdy" in section
    assert "2 message(s) have a date that reads differently" in section  # 01/02 and 02/02, not 03/02
    assert "1 message(s) hold bytes that could not be decoded" in section
    assert "1 line(s) not read as messages" in section and "line 1: 1 line(s) before the first message header" in section
    assert "1 message(s) dated before the message preceding them" in section
    assert "Not UTF-8: decoded as cp1252" in section and "Check accented letters" in section
    assert "warning(s) about records kept" not in section  # the encoding and the bad byte are said once
    assert "point(s) to check about how the files were read" in en[: en.index("How the files were read")]
    assert "Ordre des dates deviné : lu jour/mois" in fr and "point(s) à vérifier sur la lecture" in fr


def test_a_clean_file_has_nothing_to_check(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("13/02/2024 09:00 - Chef Dupont: Bonjour\n14/02/2024 09:01 - Karim: Salut\n", encoding="utf-8")
    with Case.create(tmp_path / "case") as case:
        ingest_files(case, [clean])
        en = plain(render_html(build_context(case, generated_at=STAMP, lang="en")))
    assert "Nothing to report: every file was read" in en and "point(s) to check" not in en


def test_analyze_and_info_say_it_too(tmp_path: Path, capsys) -> None:
    damaged, latin = files(tmp_path)
    code, output = run_cli(capsys, "analyze", damaged, latin, "--out", tmp_path / "out", "-q")
    assert code == 0, output
    checks = [line for line in output.splitlines() if line.startswith("sentinelle: check: ")]
    assert any("damaged.txt: Date order guessed" in line for line in checks)
    assert any("latin.txt: Not UTF-8: decoded as cp1252" in line for line in checks)
    code, output = run_cli(capsys, "info", tmp_path / "out" / "case")
    assert code == 0 and "check: damaged.txt: 1 message(s) hold bytes that could not be decoded" in output
