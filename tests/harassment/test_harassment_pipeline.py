"""End to end: a WhatsApp export -> case store -> the real detector -> harassment cases -> CLI."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from sentinelle.cli import cli
from sentinelle.pipeline.harassment import list_cases, run_harassment
from sentinelle.pipeline.ingest import ingest_files
from sentinelle.pipeline.scan import scan_case
from sentinelle.store import Case, RosterEntry

detection_api = pytest.importorskip("sentinelle.detection.api", reason="the detection branch has no detector here")

START = datetime(2024, 1, 8, 9, 0)
MILD = ["Lucas t'es qu'un incapable", "Lucas ferme ta gueule connard"]
HARSH = ["Lucas t'es qu'une petite salope", "Lucas espèce de pédé", "Lucas suce moi dans mon bureau",
         "Lucas je vais te casser la gueule", "Lucas t'es un gros enculé"]
# (week, texts the boss sends that week): rarer and milder first, then more often and worse
CAMPAIGN = [(w, [MILD[w % 2]]) for w in (0, 2, 3, 5)] + [
    (w, [HARSH[(w + k) % 5] for k in range(n)]) for w, n in ((6, 2), (7, 2), (8, 3), (9, 3), (10, 4), (11, 4))
]


def write_export(path: Path) -> None:
    lines = [f"{START:%d/%m/%Y %H:%M} - Cdt Morel a créé le groupe \"Brigade\""]
    for who in ("Lucas", "Kevin", "Sarah", "Tom", "Alex"):
        lines.append(f"{START:%d/%m/%Y %H:%M} - Cdt Morel a ajouté {who}")

    def say(t: datetime, who: str, text: str) -> None:
        lines.append(f"{t:%d/%m/%Y %H:%M} - {who}: {text}")

    for week, texts in CAMPAIGN:
        for k, text in enumerate(texts):
            t = START + timedelta(weeks=week, days=k, hours=1)
            say(t, "Cdt Morel", text)
            say(t + timedelta(minutes=1), "Kevin", "mdr 😂")
        for k in range(3):  # friendly teasing returned in kind, every week
            t = START + timedelta(weeks=week, days=k, hours=5)
            say(t, "Tom", "Alex t'es nul au foot mdr")
            say(t + timedelta(minutes=1), "Alex", "Tom toi t'es qu'un boulet 😂")
    t = START + timedelta(weeks=11, days=5)
    say(t, "Lucas", "Cdt Morel m'a traité de pédé devant tout le monde, c'est inadmissible")
    say(t + timedelta(minutes=5), "Lucas", "Arrêtez, ce n'est pas drôle. Je vais en parler à la hiérarchie.")
    lines.append(f"{t + timedelta(days=2):%d/%m/%Y %H:%M} - Cdt Morel a retiré Lucas")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def case_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("harassment")
    write_export(root / "chat.txt")
    with Case.create(root / "case") as case:
        assert not ingest_files(case, [root / "chat.txt"]).failed
        # the real detector through the real scan: `list_cases` below finds these detections
        # fresh and recomputes the cases from them (a `detect` call of its own would batch the
        # texts otherwise, and the transformer's scores move slightly with the batch)
        scan_case(case, detector=detection_api.default_detector(), workers=1)
        case.import_roster([RosterEntry("Cdt Morel", rank="Commandant"), RosterEntry("Lucas", rank="Gardien de la paix")])
        run_harassment(case)
    return root / "case"


def test_story_comes_out_of_the_real_detector_and_the_store(case_dir: Path) -> None:
    with Case.open(case_dir) as case:
        data = case.get_result("harassment", "cases")
        assert data == list_cases(case)  # stored, and reused while the settings are the same
    assert [c["target_names"] for c in data["cases"]] == [["Lucas"]]  # teasing Tom/Alex: no case
    c = data["cases"][0]
    assert [a["names"] for a in c["aggressors"]] == [["Cdt Morel"]]
    assert c["aggressors"][0]["messages"] == sum(len(t) for _, t in CAMPAIGN)
    assert c["power"]["any_authority"] and c["aggressors"][0]["authority"]["kind"] == "declared"
    # more often, and so a heavier weekly total (per-message severity is the detector's to judge)
    assert c["escalation"]["frequency"]["trend"] == "increasing"
    assert c["escalation"]["severity"]["trend"] == "increasing" and c["escalation"]["escalating"]
    assert [b["person"] for b in c["bystanders"]] and len(c["bystanders"][0]["ids"]) == c["messages"]
    sp = c["speaking_up"]
    assert sp["spoke_up"] and "removed from the group" in sp["findings"]
    assert sp["removal"][0]["actor_is_aggressor"] is True
    assert len(c["reported_kept_apart"]) == 1  # Lucas quoting the slur while reporting it


def test_cli_lists_cases_and_prints_one_with_source_bytes(case_dir: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(cli, ["cases", str(case_dir), "-q"])
    assert out.exit_code == 0, out.output
    assert "Lucas" in out.output and "Tom" not in out.output
    out = runner.invoke(cli, ["case", str(case_dir), "Lucas", "--json", "-q"])
    assert out.exit_code == 0, out.output
    case = json.loads(out.output)
    first = case["timeline"][0]
    assert first["source_text"].endswith(first["text"])  # the exact bytes of the export line
    out = runner.invoke(cli, ["case", str(case_dir), "Lucas", "-q"])
    assert out.exit_code == 0 and "Escalation" in out.output and "removed" in out.output
    out = runner.invoke(cli, ["cases", str(case_dir), "--min-messages", "100", "--json", "-q"])
    assert json.loads(out.output)["cases"] == []
    out = runner.invoke(cli, ["cases", str(case_dir), "--set", "min_days=50", "--json", "-q"])
    assert json.loads(out.output)["settings"]["min_days"] == 50 and json.loads(out.output)["cases"] == []


def test_cli_errors_are_one_line(case_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sentinelle.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["case", str(case_dir), "Nobody Here", "-q"])
    err = capsys.readouterr().err.strip()
    assert exit_.value.code == 2 and err.count("\n") == 0 and "no harassment case for 'Nobody Here'" in err
    with pytest.raises(SystemExit) as exit_:
        main(["cases", str(case_dir), "--set", "min_dayz=3", "-q"])
    assert exit_.value.code == 2 and "unknown harassment setting(s): min_dayz" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["cases", str(tmp_path / "missing"), "-q"])
    assert exit_.value.code == 4 and "Traceback" not in capsys.readouterr().err


def test_authority_comes_from_the_roster_and_the_dynamics_result(case_dir: Path) -> None:
    from sentinelle.pipeline.harassment import authority_of

    with Case.open(case_dir) as case:
        morel = case.resolve_person("Cdt Morel")
        kevin = case.resolve_person("Kevin")
        lucas = case.resolve_person("Lucas")
        assert authority_of(case)["ranks"] == {morel: "Commandant", lucas: "Gardien de la paix"}
        case.put_result("dynamics", "test", "case", {"people": [
            {"person": kevin, "max_influence": 0.9, "leader_in": ["c"]},
            {"person": lucas, "max_influence": 0.1, "leader_in": []},
        ]}, {})
        auth = authority_of(case)
        assert auth["leaders"] == {kevin: 0.9, lucas: 0.1} and auth["leader_flags"] == [kevin]
        assert authority_of(case, from_dynamics=False) == {"ranks": {morel: "Commandant", lucas: "Gardien de la paix"}}
