"""The generic step check, run over every registered step (spaCy's declared requires/assigns with
scikit-learn's check_estimator in mind): empty input, same output twice and across hash seeds,
inputs not mutated, settings round-trip, version present, result decodes into its type, and
every declared input in the fingerprint."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest
from steps_helpers import WordDetector, make_case

from sentinelle.contract import digest, settings_digest, settings_from_mapping
from sentinelle.errors import UsageError
from sentinelle.pipeline.steps import (
    CASE_INPUTS,
    MODEL,
    STEPS,
    Env,
    fingerprint_of,
    inputs_of,
    resolve,
    step_settings,
)
from sentinelle.store import Case

ALL = list(STEPS)
SRC = Path(__file__).resolve().parents[2] / "src"


def _state(case: Case) -> str:
    """Everything a step reads and must leave as it was."""
    return digest({
        "records": [r.id + r.text for r in case.timeline()],
        "persons": [dataclasses.asdict(p) for p in case.persons()],
        "roster": [dataclasses.asdict(r) for r in case.roster()],
        "revisions": {k: v for k, v in case.revisions().items() if k != "detections"},
    })


@pytest.fixture(scope="module")
def case_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_case(tmp_path_factory.mktemp("contract"))


def test_the_registry_is_in_dependency_order_and_declares_known_inputs() -> None:
    seen: list[str] = []
    for name, step in STEPS.items():
        assert step.name == name
        for req in step.requires:
            assert req in CASE_INPUTS or req == MODEL or req in seen, (name, req)
        seen.append(name)


@pytest.mark.parametrize("name", ALL)
def test_version_present_and_settings_round_trip(name: str) -> None:
    step = STEPS[name]
    assert isinstance(step.version(), str) and step.version()
    default = step_settings(step)
    assert dataclasses.is_dataclass(default)
    for f in dataclasses.fields(default)[:1]:  # frozen
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(default, f.name, getattr(default, f.name))
    as_dict = dataclasses.asdict(default)
    assert step_settings(step, as_dict) == default
    assert step_settings(step, json.loads(json.dumps(as_dict))) == default
    assert settings_digest(step_settings(step, as_dict)) == settings_digest(default)
    with pytest.raises(UsageError, match="unknown"):
        step_settings(step, {"no_such_setting": 1})
    for f in dataclasses.fields(default):  # each setting changes the digest
        value = getattr(default, f.name)
        if isinstance(value, bool):
            changed = not value
        elif isinstance(value, int | float):
            changed = value + 1
        elif isinstance(value, dict):
            changed = {**value, "x": 1.0}
        else:
            continue
        other = settings_from_mapping(type(default), {f.name: changed})
        assert settings_digest(other) != settings_digest(default), f.name


@pytest.mark.parametrize("name", ALL)
def test_empty_case_gives_an_empty_result_of_its_type(tmp_path: Path, name: str) -> None:
    with Case.create(tmp_path / "empty") as case:
        res = resolve(case, [name], env=Env(WordDetector()))
        got = res.steps[name]
        assert got.status == "computed", got.reason
        msgspec.convert(got.data, STEPS[name].Result)


def test_each_step_runs_once_then_is_reused_and_leaves_its_inputs_alone(case_dir: Path) -> None:
    with Case.open(case_dir) as case:
        before = _state(case)
        first = resolve(case, ALL, env=Env(WordDetector()))
        assert {s: r.status for s, r in first.steps.items()} == dict.fromkeys(ALL, "computed")
        assert _state(case) == before
        again = resolve(case, ALL, env=Env(WordDetector()))
        assert {s: r.status for s, r in again.steps.items()} == dict.fromkeys(ALL, "fresh")
        for name in ALL:
            row = case.result(name, STEPS[name].key)
            assert row is not None and row.fingerprint and row.digest
            msgspec.convert(row.data, STEPS[name].Result)  # decodes into its type
            assert case.stale_inputs(row) == []
        forced = resolve(case, ALL, env=Env(WordDetector()), refresh=ALL)
        for name in ALL:  # computed again from the same inputs: the same result, byte for byte
            assert forced.steps[name].row.digest == first.steps[name].row.digest, name


_SEED_SCRIPT = """
import json, sys
sys.path.insert(0, sys.argv[2])
from steps_helpers import WordDetector
from sentinelle.pipeline.steps import STEPS, Env, resolve
from sentinelle.store import Case
with Case.open(sys.argv[1]) as case:
    res = resolve(case, list(STEPS), env=Env(WordDetector()), refresh=list(STEPS))
    print(json.dumps({s: r.row.digest for s, r in res.steps.items()}))
"""


def test_same_output_across_hash_seeds(case_dir: Path) -> None:
    digests = []
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
        out = subprocess.run([sys.executable, "-c", _SEED_SCRIPT, str(case_dir), str(Path(__file__).parent)],
                             env=env, capture_output=True, text=True, check=True)
        digests.append(json.loads(out.stdout.strip().splitlines()[-1]))
    assert digests[0] == digests[1]


@pytest.mark.parametrize("name", ALL)
def test_changing_any_declared_input_changes_the_fingerprint(case_dir: Path, name: str) -> None:
    step = STEPS[name]
    with Case.open(case_dir) as case:
        env = Env(WordDetector())
        upstream = {s: case.result(s, STEPS[s].key) for s in STEPS}
        inputs = inputs_of(case, step, env, upstream, step_settings(step))
        base = fingerprint_of(step, inputs)
        for req in step.requires:
            changed = json.loads(json.dumps(inputs))
            if req in CASE_INPUTS:
                changed["revisions"][CASE_INPUTS[req]] += 1
            elif req == MODEL:
                changed[MODEL] += "-retrained"
            else:
                changed["upstream"][f"{req}/{STEPS[req].key}"] = "0" * 64
            assert fingerprint_of(step, changed) != base, req
        assert fingerprint_of(step, {**inputs, "settings": "other"}) != base
        declared = set(inputs["revisions"]) | set(inputs["upstream"]) | ({MODEL} & set(inputs))
        assert declared, "a step that reads nothing from the case"
