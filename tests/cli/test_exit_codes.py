"""Issue #16, part 11: every command follows the README's exit-code table for the same mistake,
with one error line on stderr that names the file (never a usage block, never a traceback).

0 ok · 1 error · 2 usage · 3 unreadable input · 4 case problem · 5 integrity · 6 model · 130."""

from __future__ import annotations

from pathlib import Path

import pytest

from sentinelle.cli import main
from sentinelle.store import Case

# every command that takes a case, with the arguments it needs after it
CASE_COMMANDS = [
    ["search", "{case}", "q"],
    ["info", "{case}"],
    ["persons", "{case}"],
    ["scan", "{case}"],
    ["cases", "{case}"],
    ["case", "{case}", "X"],
    ["report", "{case}", "--out", "{tmp}/r.html"],
    ["review", "{case}", "--list"],
    ["verify", "{case}"],
    ["bundle", "{case}", "--out", "{tmp}/b.zip"],
    ["purge", "{case}"],
    ["reidentify", "{case}", "Personne 01", "--reviewer", "a", "--reason", "b"],
    ["roster", "{case}", "{roster}"],
    ["dynamics", "{case}"],
    ["analyze", "--case", "{case}", "--out", "{tmp}/out"],
]
# every command that reads an input file
FILE_COMMANDS = [
    ["parse", "{file}"],
    ["ingest", "{tmp}/newcase", "{file}"],
    ["analyze", "{file}", "--out", "{tmp}/out"],
    ["roster", "{good_case}", "{file}"],
    ["evaluate", "{file}"],
]


def run(argv: list[str], capsys) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    _, err = capsys.readouterr()
    return exit_info.value.code, err


def one_error_line(err: str, path: Path) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("sentinelle: error:")]
    assert len(errors) == 1, err
    assert str(path) in errors[0], err
    assert "Traceback" not in err and "Usage:" not in err, err


@pytest.fixture
def paths(tmp_path: Path) -> dict[str, Path]:
    good = tmp_path / "good_case"
    Case.create(good).close()
    roster = tmp_path / "roster.csv"
    roster.write_text("person,rank\nJean,chef\n", encoding="utf-8")
    unreadable = tmp_path / "bad.txt"
    unreadable.write_bytes(b"garbage \x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e\x0f\x10\x11\x12" * 20)
    not_a_case = tmp_path / "not_a_case"
    not_a_case.mkdir()
    (not_a_case / "case.sqlite").write_bytes(b"this is not a database" * 100)
    return {"tmp": tmp_path, "good_case": good, "roster": roster, "unreadable": unreadable,
            "missing": tmp_path / "missing.txt", "no_case": tmp_path / "no_case", "not_a_case": not_a_case}


def _argv(template: list[str], **values: Path) -> list[str]:
    return [part.format(**{k: str(v) for k, v in values.items()}) for part in template]


@pytest.mark.parametrize("template", CASE_COMMANDS, ids=lambda t: t[0] + ("-case" if "--case" in t else ""))
@pytest.mark.parametrize("mistake", ["no_case", "not_a_case"])
def test_a_missing_or_damaged_case_is_4(paths, capsys, template: list[str], mistake: str) -> None:
    case = paths[mistake]
    code, err = run(_argv(template, case=case, tmp=paths["tmp"], roster=paths["roster"]), capsys)
    assert code == 4, err
    one_error_line(err, case)


@pytest.mark.parametrize("template", FILE_COMMANDS, ids=lambda t: t[0])
@pytest.mark.parametrize("mistake", ["missing", "unreadable"])
def test_a_missing_or_unreadable_input_is_3(paths, capsys, template: list[str], mistake: str) -> None:
    path = paths[mistake]
    code, err = run(_argv(template, file=path, tmp=paths["tmp"], good_case=paths["good_case"]), capsys)
    assert code == 3, err
    one_error_line(err, path)
    # nothing left behind: no empty case, no empty report
    assert not (paths["tmp"] / "newcase").exists()
    assert not (paths["tmp"] / "out" / "case").exists()
    assert not (paths["tmp"] / "out" / "report.html").exists()


def test_a_missing_bundle_is_3(paths, capsys) -> None:
    bundle = paths["tmp"] / "bundle.zip"
    code, err = run(["verify", str(bundle)], capsys)
    assert code == 3
    one_error_line(err, bundle)


def test_ingest_of_one_bad_file_among_good_ones_keeps_the_good(paths, capsys, tmp_path: Path) -> None:
    good = tmp_path / "chat.txt"
    good.write_text("12/03/2024 10:00 - Jean: bonjour\n12/03/2024 10:01 - Marie: salut\n", encoding="utf-8")
    code, err = run(["ingest", str(tmp_path / "c"), str(good), str(paths["missing"])], capsys)
    assert code == 3
    one_error_line(err, paths["missing"])
    with Case.open(tmp_path / "c") as case:
        assert case.count_messages() == 2
