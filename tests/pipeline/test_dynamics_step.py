"""The dynamics step end to end: a WhatsApp export (rendered from the planted brigade scenario)
read by the real reader into a real case, a roster CSV imported, the analysis stored; the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dynamics import scenarios
from sentinelle.cli import cli
from sentinelle.errors import InputError
from sentinelle.pipeline import import_roster_file, ingest_files, run_dynamics
from sentinelle.records import EventType
from sentinelle.store import Case

SYSTEM = {
    EventType.CREATED: "{a} a créé le groupe « BAC Nuit 75N »",
    EventType.ADDED: "{a} a ajouté {t}",
    EventType.LEFT: "{a} est parti",
}


def write_whatsapp(path: Path) -> Path:
    chat = scenarios.brigade()
    lines = []
    for rec in sorted(chat.messages + chat.events, key=lambda r: r.source.line_start):
        stamp = rec.time.strftime("%d/%m/%Y %H:%M")
        if rec.kind == "message":
            lines.append(f"{stamp} - {rec.sender}: {rec.text}")
        else:
            lines.append(f"{stamp} - " + SYSTEM[rec.type].format(a=rec.actor, t=", ".join(rec.targets)))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


ROSTER = """Nom;Grade;Fonction;Unité;Délégué syndical
Commandant Morel;Commandant;Chef de service;BAC 75N;non
Karim Benali;Gardien de la paix;;BAC 75N;non
Julie Martin;Gardien de la paix;;BAC 75N;non
Thomas Roux;Brigadier;;BAC 75N;non
Sophie Lemaire;Brigadier-chef;;BAC 75N;oui
"""


@pytest.fixture(scope="module")
def case_dir(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("dyn")
    export = write_whatsapp(tmp / "Discussion WhatsApp avec BAC Nuit 75N.txt")
    (tmp / "roster.csv").write_text(ROSTER, encoding="cp1252")  # a spreadsheet's legacy encoding
    with Case.create(tmp / "case") as case:
        report = ingest_files(case, [export])
        assert not report.failed and report.messages > 300
        entries = import_roster_file(case, tmp / "roster.csv")
        assert sum(e.union_rep for e in entries) == 1
    return tmp / "case"


def test_step_stores_result_with_store_person_ids(case_dir):
    with Case.open(case_dir) as case:
        result = run_dynamics(case)
        stored = case.get_result("dynamics", "case")
        ids = {p.id for p in case.persons()}
        by_name = {p.display_name: p.id for p in case.persons()}
    data = result.to_json()
    assert stored["version"] == data["version"] and len(stored["directives"]) == len(data["directives"])
    leaders = [r["person"] for r in data["leadership"] if r["leader"]]
    assert leaders == [by_name["Karim Benali"]] and set(leaders) <= ids
    kinds = {(x["kind"], x["name"]) for x in data["parallel_command"]}
    assert ("influence_exceeds_role", "Karim Benali") in kinds
    assert ("declared_chief_ignored", "Commandant Morel") in kinds
    (order,) = [s for s in data["silence_orders"] if by_name["Sophie Lemaire"] in s["union_reps_named"]]
    sophie = next(f for f in order["followed_by"] if f["person"] == by_name["Sophie Lemaire"])
    assert sophie["silenced"] and sophie["left"]


def test_cli_dynamics_table_json_and_exports(case_dir, tmp_path):
    runner = CliRunner()
    res = runner.invoke(cli, ["dynamics", str(case_dir), "-q", "--gexf", str(tmp_path / "g.gexf"),
                              "--graphml", str(tmp_path / "g.graphml")])
    assert res.exit_code == 0, res.output
    assert "Karim Benali" in res.output and "de_facto_leader" in res.output
    assert (tmp_path / "g.gexf").stat().st_size > 0 and (tmp_path / "g.graphml").stat().st_size > 0
    res = runner.invoke(cli, ["dynamics", str(case_dir), "-q", "--json"])
    assert res.exit_code == 0
    assert json.loads(res.output)["version"].startswith("dynamics-")


def test_cli_roster_import_and_bad_roster(case_dir, tmp_path):
    good = tmp_path / "r.csv"
    good.write_text("name,rank,union_rep\nKarim Benali,Gardien de la paix,no\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["roster", str(case_dir), str(good)])
    assert res.exit_code == 0 and "1 roster entries imported" in res.output
    bad = tmp_path / "bad.csv"
    bad.write_text("grade;unité\nmajor;BAC\n", encoding="utf-8")
    with Case.open(case_dir) as case, pytest.raises(InputError, match="bad.csv:1: no person column"):
        import_roster_file(case, bad)
