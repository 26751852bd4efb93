"""docs/steps.md's generated part (steps, settings, result schemas) is what the code says."""

from __future__ import annotations

import subprocess
import sys

from sharedpaths import ROOT


def test_step_docs_are_up_to_date() -> None:
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_step_docs.py"), "--check"], cwd=ROOT)
    assert run.returncode == 0, "docs/steps.md is out of date: run python scripts/gen_step_docs.py"
