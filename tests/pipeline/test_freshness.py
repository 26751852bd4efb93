"""No stale result is ever shown: each change to a case invalidates exactly what depends on it,
and the user's path (`ingest` then `cases`, `report`, `review`) gives the right answer with no
extra command."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from steps_helpers import WordDetector, make_case, write_chat

from sentinelle.pipeline.ingest import ingest_files
from sentinelle.pipeline.steps import STEPS, Env, resolve
from sentinelle.records import Detection
from sentinelle.store import Case, RosterEntry

ALL = list(STEPS)


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fresh")
    case_dir = make_case(root)
    with Case.open(case_dir) as case:
        resolve(case, ALL, env=Env(WordDetector()))
    return case_dir


@pytest.fixture
def case(analysed: Path, tmp_path: Path):
    copy = tmp_path / "case"
    shutil.copytree(analysed, copy)
    with Case.open(copy) as c:
        yield c


def recomputed(case: Case, detector: WordDetector | None = None) -> set[str]:
    """Which steps a command needing every result recomputes now (and, once done, nothing)."""
    env = Env(detector or WordDetector())
    peek = resolve(case, ALL, env=env, compute=False)
    res = resolve(case, ALL, env=env)
    ran = {s for s, r in res.steps.items() if r.status == "computed"}
    assert {s for s, r in peek.steps.items() if r.status != "fresh"} == ran  # what --stored would mark
    assert all(r.status == "fresh" for r in resolve(case, ALL, env=env).steps.values())
    return ran


def test_nothing_changed_nothing_recomputed(case: Case) -> None:
    assert recomputed(case) == set()


def test_adding_a_file_invalidates_everything(case: Case, tmp_path: Path) -> None:
    more = write_chat(tmp_path / "more.txt", weeks=2, extra="Kevin: Lucas t'es nul")
    before = case.revisions()
    assert not ingest_files(case, [more]).failed
    assert case.revisions()["files"] == before["files"] + 1
    assert recomputed(case) == {"scan", "dynamics", "harassment"}


def test_the_same_file_again_changes_nothing(case: Case, tmp_path: Path) -> None:
    again = tmp_path / "again.txt"
    shutil.copy(case.original_path(case.files()[0].sha256), again)
    ingest_files(case, [again])
    assert recomputed(case) == set()


def test_merging_or_splitting_people_invalidates_the_analyses_of_people_not_the_scan(case: Case) -> None:
    case.merge_persons("Tom", "Alex", reason="same man, two phones")
    assert recomputed(case) == {"dynamics", "harassment"}
    merged = case.resolve_person("Tom")
    case.split_person(merged, ["Alex"], reason="not the same after all")
    assert recomputed(case) == {"dynamics", "harassment"}


def test_a_roster_invalidates_dynamics_and_harassment_once(case: Case) -> None:
    roster = [RosterEntry("Cdt Morel", rank="Commandant"), RosterEntry("Lucas", rank="Gardien de la paix")]
    case.import_roster(roster)
    assert recomputed(case) == {"dynamics", "harassment"}
    case.import_roster(roster)  # the same roster again: nothing changed
    assert recomputed(case) == set()


def test_new_detections_invalidate_dynamics_and_harassment(case: Case) -> None:
    # dynamics reads the detections' stance (counter-speech is never a silence order)
    m = next(m for m in case.messages() if "briefing" in m.text)
    case.save_detections([Detection({"insult": 0.9}, True, severity=2, message_id=m.id, model_version="words-1")])
    assert recomputed(case) == {"dynamics", "harassment"}


def test_a_new_model_rescans_and_invalidates_what_reads_detections(case: Case) -> None:
    assert recomputed(case, WordDetector("words-2")) == {"scan", "dynamics", "harassment"}
    assert recomputed(case, WordDetector("words-2")) == set()


def test_changed_settings_recompute_that_step_only(case: Case) -> None:
    env = Env(WordDetector())
    res = resolve(case, ["harassment"], env=env, settings={"harassment": {"min_messages": 4}})
    assert {s: r.status for s, r in res.steps.items()} == {"scan": "fresh", "dynamics": "fresh", "harassment": "computed"}


def test_a_stale_result_is_marked_wherever_it_is_shown(case: Case, tmp_path: Path) -> None:
    from sentinelle.report import build_context

    case.import_roster([RosterEntry("Cdt Morel", rank="Commandant")])
    ctx = build_context(case)
    assert set(ctx.stale) == {"dynamics", "harassment"} and "roster" in ctx.stale["dynamics"]
    res = resolve(case, ALL, env=Env(WordDetector()), compute=False)
    assert res.stale() == {"dynamics": "changed since: roster", "harassment": "changed since: roster, dynamics"}
    resolve(case, ALL, env=Env(WordDetector()))
    assert build_context(case).stale == {}


def test_ingest_then_cases_gives_the_case_with_no_other_command(tmp_path: Path, monkeypatch) -> None:
    """The new user's path through the CLI: the scan runs when `cases` needs it."""
    from click.testing import CliRunner

    import sentinelle.pipeline.steps as steps
    from sentinelle.cli import cli

    monkeypatch.setattr(steps.Env, "get_detector", lambda self: self.detector or WordDetector())
    chat = write_chat(tmp_path / "chat.txt")
    run = CliRunner().invoke
    assert run(cli, ["ingest", str(tmp_path / "CASE"), str(chat)]).exit_code == 0
    out = run(cli, ["cases", str(tmp_path / "CASE"), "--json"])
    assert out.exit_code == 0, out.output
    import json

    data = json.loads(out.output[out.output.index("{"):])
    assert [c["target_names"] for c in data["cases"]] == [["Lucas"]]
    # a file more: `cases` answers for it too, without `scan` first
    more = write_chat(tmp_path / "more.txt", weeks=4, extra="Kevin: Tom t'es qu'un boulet, ferme ta gueule")
    assert run(cli, ["ingest", str(tmp_path / "CASE"), str(more)]).exit_code == 0
    with Case.open(tmp_path / "CASE") as case:
        res = resolve(case, ALL, compute=False, env=Env(WordDetector()))
        assert set(res.stale()) == {"scan", "dynamics", "harassment"}
    out = run(cli, ["review", str(tmp_path / "CASE"), "--list"])
    assert out.exit_code == 0 and "case:" in out.output
    with Case.open(tmp_path / "CASE") as case:
        assert all(r.status == "fresh" for r in resolve(case, ALL, env=Env(WordDetector())).steps.values())
