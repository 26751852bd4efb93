"""Paths every test may import (`from sharedpaths import FIXTURES`): a module with a unique name,
because several `conftest.py` files exist and `from sharedpaths import` would pick an arbitrary one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SENTINELLE_SHARED", ROOT.parent / "shared"))
FIXTURES = SHARED / "fixtures"
DATASETS = SHARED / "datasets"
ARTIFACTS = ROOT / "test-artifacts"


def shared_file(*parts: str) -> Path:
    """A file of ../shared; the test is skipped (not silently passed) when shared/ is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path
