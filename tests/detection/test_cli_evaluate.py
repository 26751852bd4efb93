"""CLI shapes (check --json, evaluate) and evaluation on a small labelled file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sentinelle.cli import main
from sentinelle.detection.api import Detector
from sentinelle.detection.evaluate import evaluate, load_labelled
from sentinelle.errors import InputError
from sentinelle.records import CATEGORIES


def run(args: list[str], capsys: pytest.CaptureFixture[str], stdin: str | None = None,
        monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[int, str, str]:
    if stdin is not None and monkeypatch is not None:
        import io

        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    with pytest.raises(SystemExit) as exc:
        main(args)
    out = capsys.readouterr()
    return int(exc.value.code or 0), out.out, out.err


def test_check_json_one_object_per_line_in_order(capsys, monkeypatch) -> None:
    lines = ["je vais te buter", "", "putain j'ai raté mon train", "les migrants dehors"]
    code, out, _ = run(["check", "--json"], capsys, "\n".join(lines) + "\n", monkeypatch)
    assert code == 0
    objs = [json.loads(x) for x in out.splitlines()]
    assert len(objs) == len(lines)
    for o in objs:
        assert set(o["categories"]) == set(CATEGORIES)
        assert all(0.0 <= v <= 1.0 for v in o["categories"].values())
        assert isinstance(o["targets"], list) and isinstance(o["flagged"], bool) and isinstance(o["reasons"], list)
        assert {"severity", "stance", "language"} <= set(o)
    assert [o["flagged"] for o in objs] == [True, False, False, True]
    assert objs[3]["targets"] == ["xenophobia"]


def test_check_human_output_names_the_reason(capsys) -> None:
    code, out, _ = run(["check", "Sale n3gr0 !"], capsys)
    assert code == 0
    assert "FLAGGED" in out and "«n3gr0»" in out and "origin_black" in out


def test_evaluate_small_file(tmp_path: Path, capsys) -> None:
    path = tmp_path / "small.csv"
    path.write_text(
        "text,lang,hate,sexual,threat,insult,profanity,target,stance\n"
        "les arabes sont des rats,fr,1,0,0,0,0,origin_arab,\n"
        "je vais te buter,fr,0,0,1,0,0,,\n"
        "réunion à 10h,fr,0,0,0,0,0,,\n"
        "putain de train,fr,0,0,0,0,1,,\n"
        "bonne soirée,fr,0,0,0,0,0,,\n",
        encoding="utf-8",
    )
    code, out, _ = run(["evaluate", str(path), "--json"], capsys)
    assert code == 0
    rep = json.loads(out)
    assert rep["n"] == 5 and rep["benign"] == 3
    assert rep["categories"]["hate"]["recall"] == 1.0 and rep["categories"]["threat"]["recall"] == 1.0
    assert rep["false_flag_rate"] == 0.0
    assert rep["targets"]["origin_arab"]["target_recall"] == 1.0
    code, out, _ = run(["evaluate", str(path)], capsys)
    assert "macro-F1" in out and "false-flag rate" in out


def test_evaluate_counts_errors(detector: Detector) -> None:
    rows = [{"text": "bonjour", "hate": 1, "sexual": 0, "threat": 0, "insult": 0, "profanity": 0, "target": "", "stance": ""},
            {"text": "je vais te buter", "hate": 0, "sexual": 0, "threat": 0, "insult": 0, "profanity": 0, "target": "", "stance": ""}]
    rep = evaluate(rows, detector)
    assert rep["categories"]["hate"]["recall"] == 0.0
    assert rep["false_flag_rate"] == 1.0
    assert rep["confusion"]["hate"]["n"] == 1


def test_bad_labelled_file_is_a_one_line_error(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok", "hate": 0}\n{not json\n', encoding="utf-8")
    with pytest.raises(InputError, match="bad.jsonl:2"):
        load_labelled(bad)
    code, _, err = run(["evaluate", str(bad)], capsys)
    assert code == 3 and err.count("\n") == 1 and "bad.jsonl:2" in err


def test_model_is_shipped_and_loads_without_network() -> None:
    from sentinelle.detection.heads import load_heads

    heads = load_heads()
    assert heads is not None
    meta = heads.meta
    assert meta["version"] and len(meta["data_sha256"]) == 64 and "second_test" in meta["evaluation"]
    # no pickle anywhere in the artefact
    base = Path(__import__("sentinelle.detection", fromlist=["x"]).__file__).parent / "models"
    assert {p.suffix for p in base.iterdir() if p.is_file()} <= {".npz", ".json"}


def test_detects_with_the_network_cut(tmp_path: Path) -> None:
    """A fresh process where any socket connection fails still loads everything and scores."""
    import subprocess
    import sys

    code = (
        "import socket\n"
        "def boom(*a, **k): raise OSError('network used')\n"
        "socket.socket.connect = boom; socket.create_connection = boom\n"
        "import sentinelle\n"
        "d = sentinelle.detect(['je pense que la réunion de demain est reportée à jeudi', 'je vais te buter'])\n"
        "assert d[0].language == 'fr' and d[1].flagged and d[1].model_version.startswith('sentinelle-detect/'), d\n"
        "print('ok')\n"
    )
    src = Path(__file__).resolve().parents[2] / "src"
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert res.returncode == 0 and res.stdout.strip() == "ok", res.stderr[-2000:]
