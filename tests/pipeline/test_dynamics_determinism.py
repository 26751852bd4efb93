"""The same case gives the same dynamics figures in every process: igraph's random draws (HITS,
Leiden) are seeded and no order depends on Python's per-process hash seed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sentinelle.demo import ANDROID_EXPORT, COLLECTIF_EXPORT
from sentinelle.pipeline import ingest_files
from sentinelle.store import Case

SRC = Path(__file__).resolve().parents[2] / "src"
SCRIPT = (
    "import json, sys\n"
    "from sentinelle.store import Case\n"
    "from sentinelle.dynamics import analyze_dynamics\n"
    "case = Case.open(sys.argv[1])\n"
    "result = analyze_dynamics(case.conversations(), list(case.messages()), list(case.events()), case.person_of)\n"
    "print(json.dumps(result.to_json(), sort_keys=True, default=str))\n"
)


def test_dynamics_same_in_every_process(tmp_path: Path) -> None:
    with Case.create(tmp_path / "case") as case:
        ingest_files(case, [ANDROID_EXPORT, COLLECTIF_EXPORT])
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(SRC)}
        run = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "case")], capture_output=True,
                             text=True, env=env, timeout=300, check=True)  # fmt: skip
        outputs.append(json.loads(run.stdout))
    a, b = outputs
    assert a["people"] and a["edges"]
    for key in a:
        if key != "cpu_timings":
            assert a[key] == b[key], key
