"""Shared test fixtures: the path to ../shared (real exports and datasets), tiny temp cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from sharedpaths import ARTIFACTS, DATASETS, FIXTURES, ROOT, SHARED, shared_file

__all__ = ["ARTIFACTS", "DATASETS", "FIXTURES", "ROOT", "SHARED", "shared_file"]


@pytest.fixture
def fixtures_dir() -> Path:
    if not FIXTURES.exists():
        pytest.skip("../shared/fixtures not available")
    return FIXTURES


@pytest.fixture
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
