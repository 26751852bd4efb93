"""The demo chat carries the harassment story end to end (skipped until the demo files are merged)."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from sentinelle.pipeline.harassment import run_harassment
from sentinelle.pipeline.ingest import ingest_files
from sentinelle.store import Case

DEMO = resources.files("sentinelle.demo")
ANDROID = "Discussion WhatsApp avec Brigade Fictive 75.txt"


@pytest.fixture(scope="module")
def demo_case(tmp_path_factory: pytest.TempPathFactory):
    if not DEMO.joinpath(ANDROID).is_file() or not DEMO.joinpath("answers.json").is_file():
        pytest.skip("the demo chat (branch demo) is not in this tree")
    detection_api = pytest.importorskip("sentinelle.detection.api", reason="no detector in this tree")
    answers = json.loads(DEMO.joinpath("answers.json").read_text("utf-8"))
    root = tmp_path_factory.mktemp("demo")
    path = root / "android.txt"
    path.write_bytes(DEMO.joinpath(ANDROID).read_bytes())
    with Case.create(root / "case") as case:
        assert not ingest_files(case, [path]).failed
        msgs = list(case.messages())
        dets = detection_api.detect([m.text for m in msgs], context=[msgs[max(0, i - 3) : i] for i in range(len(msgs))],
                                    ids=[m.id for m in msgs])
        case.save_detections(dets, "demo")
        data = run_harassment(case)
        lines = {m.id: m.source.line_start for m in msgs} | {e.id: e.source.line_start for e in case.events()}
    return answers["harassment"], data, lines


def by_name(rows: list[dict]) -> dict[str, dict]:
    return {" / ".join(r["names"]): r for r in rows}


def test_demo_story_target_aggressor_nickname_and_bystanders(demo_case) -> None:
    truth, data, _ = demo_case
    cases = {" / ".join(c["target_names"]): c for c in data["cases"]}
    assert truth["target"] in cases
    c = cases[truth["target"]]
    assert c["rank"] == 1
    assert " / ".join(c["aggressors"][0]["names"]) == truth["main_aggressor"]
    nicknames = {i["targeting"].get("matched") for i in c["timeline"] if i.get("targeting", {}).get("method") == "nickname"}
    assert truth["nickname"].lower() in nicknames
    joined = set(by_name(c["aggressors"])) | set(by_name(c["bystanders"]))
    assert set(truth["joined_in"]) <= joined
    assert len(set(truth["bystanders_endorsing"]) & set(by_name(c["bystanders"]))) >= 3
    assert c["period"]["days"] > 120 and c["messages"] >= 20


def test_demo_story_acts_complaints_and_retaliation(demo_case) -> None:
    truth, data, lines = demo_case
    c = next(c for c in data["cases"] if truth["target"] in c["target_names"])
    act_lines = {lines[a["id"]] for a in c["escalation"]["acts"]}
    assert set(truth["words_to_acts_lines"]) <= act_lines
    sp = c["speaking_up"]
    complaint_lines = {lines[x["id"]] for x in sp["complaints"]}
    assert set(truth["objection_lines"]) | {truth["complaint_line"]} <= complaint_lines
    removal = [r for r in sp["removal"] if lines[r["id"]] == truth["removal_line"]]
    assert removal, sp["removal"]
    assert "silence around them (after the report)" in sp["findings"]
    exclusion_ids = sp["after_first_report"]["exclusion"]["ids_after"]
    assert truth["exclusion_order_line"] in {lines[i] for i in exclusion_ids}
