"""The ingest commands: the `parse` JSON-lines contract, ingest/search/info/persons, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sentinelle.cli import cli, main
from sentinelle.store import Case

ROOT = Path(__file__).resolve().parents[2]

FR_EXPORT = (
    "12/03/2024 09:00 - Chef Dupont a créé le groupe « Brigade Nord »\n"
    "12/03/2024 09:01 - Chef Dupont: Bonjour à tous les collègues\n"
    "12/03/2024 09:02 - Élodie Martin: Réunion à 10h ?\n"
    "suite du message sur une autre ligne\n"
    "13/03/2024 18:30 - Chef Dupont a ajouté Karim\n"
    "25/03/2024 18:31 - Karim: Merci pour l'ajout, l'équipe !\n"
)


@pytest.fixture
def fr_export(tmp_path: Path) -> Path:
    path = tmp_path / "Discussion WhatsApp avec Brigade Nord.txt"
    path.write_text(FR_EXPORT, encoding="utf-8")
    return path


def run_main(argv: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


def parse_lines(path: Path, *args: str) -> list[dict]:
    result = CliRunner().invoke(cli, ["parse", str(path), *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_parse_writes_the_json_lines_contract_on_a_real_export(fixtures_dir: Path) -> None:
    path = fixtures_dir / "chat-analytics" / "whatsapp" / "4A_11M.txt"
    lines = parse_lines(path)
    data = path.read_bytes()
    kinds = [line["kind"] for line in lines]
    assert kinds[-1] == "summary" and kinds.count("summary") == 1
    summary = lines[-1]
    messages = [x for x in lines if x["kind"] == "message"]
    events = [x for x in lines if x["kind"] == "event"]
    assert (summary["messages"], summary["events"]) == (len(messages), len(events)) == (11, 3)
    assert summary["date_order"] == "dmy" and summary["date_order_ambiguous"] is True
    for rec in messages + events:
        src = rec["source"]
        assert set(src) >= {"sha256", "line_start", "line_end", "byte_start", "byte_end"}
        assert rec["text"] in data[src["byte_start"] : src["byte_end"]].decode()
        assert rec["time"].startswith("2020-") and isinstance(rec["flags"], list)
    assert all("sender" in m for m in messages) and all("actor" in e and "event" in e for e in events)
    assert {e["event"] for e in events} >= {"created", "encryption_notice"}


def test_parse_prints_the_same_bytes_every_run_kind_first(fixtures_dir: Path) -> None:
    """Flags are sets and Python salts string hashes per process: the JSON lines must not
    depend on it (two runs with different hash seeds print the same bytes)."""
    path = fixtures_dir / "chat-analytics" / "whatsapp" / "4A_11M.txt"
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONHASHSEED": seed}
        cmd = [sys.executable, "-m", "sentinelle", "parse", str(path)]
        outputs.append(subprocess.run(cmd, env=env, capture_output=True, check=True).stdout)
    assert outputs[0] == outputs[1]
    lines = [json.loads(line) for line in outputs[0].splitlines()]
    assert all(next(iter(line)) == "kind" for line in lines)
    both = next(x for x in lines if len(x.get("flags", [])) == 2)
    assert both["flags"] == ["date_ambiguous", "time_backwards"] and both["conversation"] == lines[0]["id"]
    event = next(x for x in lines if x["kind"] == "event")
    assert event["event"] == "encryption_notice" and "type" not in event and "conversation_id" not in event
    assert "member" not in event["source"] and "container_sha256" not in event["source"]


def test_parse_names_the_zip_member(fixtures_dir: Path) -> None:
    lines = parse_lines(fixtures_dir / "chat-analytics" / "whatsapp" / "4A_11M.zip")
    msg = next(x for x in lines if x["kind"] == "message")
    assert msg["source"]["member"] == "_chat.txt" and len(msg["source"]["container_sha256"]) == 64


def test_parse_options_reach_the_reader(fr_export: Path) -> None:
    lines = parse_lines(fr_export, "--tz", "Europe/Paris", "--date-order", "mdy")
    assert lines[-1]["date_order"] == "mdy"
    default = parse_lines(fr_export, "--tz", "Europe/Paris")
    first = next(x for x in default if x["kind"] == "message")
    assert first["time"] == "2024-03-12T09:01:00+01:00" and first["sender"] == "Chef Dupont"
    assert default[-1]["date_order"] == "dmy" and default[-1]["date_order_ambiguous"] is False


def test_ingest_search_info_persons(tmp_path: Path, fr_export: Path) -> None:
    runner = CliRunner()
    case = tmp_path / "case"
    result = runner.invoke(cli, ["ingest", str(case), str(fr_export), "--tz", "Europe/Paris", "-q",
                                 "--purpose", "enquête", "--legal-basis", "art. 6 RGPD", "--retention-until", "2030-01-31"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "3 messages, 2 events, 0 issues" in result.output
    again = runner.invoke(cli, ["ingest", str(case), str(fr_export), "--json"])
    assert json.loads(again.stdout)["files"][0]["status"] == "duplicate"
    assert "already in the case, skipped (duplicate)" in runner.invoke(cli, ["ingest", str(case), str(fr_export)]).output
    hits = runner.invoke(cli, ["search", str(case), "collegues", "--json"])
    hit = json.loads(hits.stdout)
    assert hit["snippet"] == "Bonjour à tous les [collègues]" and hit["sender"] == "Chef Dupont"
    assert "Karim: Merci pour l'ajout, [l'équipe] !" in runner.invoke(cli, ["search", str(case), "l'EQUIPE"]).output
    info = json.loads(runner.invoke(cli, ["info", str(case), "--json"]).stdout)
    assert (info["messages"], info["events"], len(info["files"])) == (3, 2, 1)
    assert info["metadata"]["purpose"] == "enquête" and info["metadata"]["retention_until"] == "2030-01-31"
    text = runner.invoke(cli, ["info", str(case)]).output
    assert "3 messages, 2 events" in text and "legal_basis: art. 6 RGPD" in text
    people_json = json.loads(runner.invoke(cli, ["persons", str(case), "--json"]).stdout)
    assert {p["display_name"] for p in people_json["persons"]} == {"Chef Dupont", "Élodie Martin", "Karim"}
    people = runner.invoke(cli, ["persons", str(case)]).output
    assert "Chef Dupont" in people and "Karim" in people
    merged = runner.invoke(cli, ["persons", str(case), "--merge", "Karim", "Élodie Martin", "--reason", "test"])
    assert merged.exit_code == 0 and "manual (1.00): " in merged.output
    split = runner.invoke(cli, ["persons", str(case), "--split", "Karim", "Karim"])
    assert split.exit_code == 0 and "manual" not in split.output
    with Case.open(case) as c:
        conv = c.conversations()[0].id
        assert c.person_of(conv, "Karim") != c.person_of(conv, "Élodie Martin")


def test_bad_input_gives_one_line_errors_and_exit_codes(tmp_path: Path, fr_export: Path, capsys) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = run_main(["parse", str(tmp_path / "absent.txt")], capsys)
    assert code == 3 and err.strip() == f"sentinelle: error: {tmp_path / 'absent.txt'}: no such file"
    code, _, err = run_main(["parse", str(empty)], capsys)
    assert code == 3 and "empty" in err and len(err.strip().splitlines()) == 1
    code, _, err = run_main(["parse", str(fr_export), "--tz", "Mars/Olympus"], capsys)
    assert code == 2 and "unknown time zone" in err and "Traceback" not in err
    code, _, err = run_main(["info", str(tmp_path / "nocase")], capsys)
    assert code == 4 and "no such case directory" in err
    # one bad file among good ones: the good one is stored, the bad one named, exit 3
    case = tmp_path / "case"
    code, out, err = run_main(["ingest", str(case), str(empty), str(fr_export), "-q"], capsys)
    assert code == 3 and f"FAILED {empty}: the file is empty" in out and "3 messages" in out
    assert "1 of 2 files could not be ingested" in err and "Traceback" not in err + out
    with Case.open(case) as c:
        assert c.count_messages() == 3


def test_real_subprocess_run(tmp_path: Path, fr_export: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    case = tmp_path / "case"

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "sentinelle", *args], capture_output=True, text=True,
                              env=env, timeout=120)  # fmt: skip

    ingest = run("ingest", str(case), str(fr_export))
    assert ingest.returncode == 0, ingest.stderr
    search = run("search", str(case), "reunion")
    assert search.returncode == 0 and "Élodie Martin: [Réunion] à 10h ?" in search.stdout
    missing = run("search", str(tmp_path / "nope"), "x")
    assert missing.returncode == 4 and missing.stderr.count("\n") == 1 and "Traceback" not in missing.stderr


def test_case_init_records_metadata_once(tmp_path: Path, capsys) -> None:
    case = tmp_path / "case"
    code, out, _ = run_main(["case-init", str(case), "--purpose", "enquête IGPN", "--handed-over-by", "Me X",
                             "--obtained-when", "2024-05-02", "--pseudonymise"], capsys)  # fmt: skip
    assert code == 0 and "created case" in out
    with Case.open(case) as c:
        md = c.metadata
    assert (md.purpose, md.handed_over_by, md.obtained_when, md.pseudonymise) == ("enquête IGPN", "Me X", "2024-05-02", True)
    code, _, err = run_main(["case-init", str(case)], capsys)
    assert code == 4 and "already exists" in err
    old = tmp_path / "old"
    run_main(["case-init", str(old), "--retention-until", "2001-01-01"], capsys)
    code, out, err = run_main(["info", str(old)], capsys)
    assert code == 0 and "retention date of this case (2001-01-01) has passed" in err


def test_reading_commands_do_not_load_the_analyses(fr_export: Path) -> None:
    """`parse`, `--help` and the like start in a fraction of a second: the analyses' heavy
    libraries (igraph, pandas, matplotlib, the detector) load only for the commands that use them."""
    code = (
        "import sys\n"
        "from sentinelle.cli import main\n"
        "try:\n"
        f"    main(['parse', {str(fr_export)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = sorted(m for m in ('igraph', 'pandas', 'matplotlib', 'sklearn', 'onnxruntime') if m in sys.modules)\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert '"kind":"summary"' in done.stdout
    assert "HEAVY []" in done.stderr


def test_ingest_merges_another_export_of_a_chat_and_says_so(tmp_path: Path, fixtures_dir: Path, capsys) -> None:
    ios = fixtures_dir / "whats_json" / "ios"
    en, fr = ios / "WhatsApp Chat - Elon Musk (EN).txt", ios / "WhatsApp Chat - Elon Musk (FR).txt"
    case = tmp_path / "case"
    code, out, _ = run_main(["ingest", str(case), str(en), "-q"], capsys)
    assert code == 0
    code, out, _ = run_main(["ingest", str(case), str(fr), "-q"], capsys)
    assert code == 0 and "another export of conversation" in out and "25 records already there" in out
    code, out, _ = run_main(["info", str(case)], capsys)
    assert code == 0 and "22 messages, 3 events" in out
    assert "from WhatsApp Chat - Elon Musk (FR).txt" in out and "22 messages, 0 only there, 22 also in another export" in out
    apart = tmp_path / "apart"
    run_main(["ingest", str(apart), str(en), "-q"], capsys)
    code, out, _ = run_main(["ingest", str(apart), str(fr), "--no-merge", "-q"], capsys)
    assert code == 0 and "another export" not in out
    with Case.open(apart) as c:
        assert len(c.conversations()) == 2 and c.count_messages() == 44
