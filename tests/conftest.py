"""Shared test fixtures: the path to ../shared (real exports and datasets), tiny temp cases."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from sharedpaths import ARTIFACTS, DATASETS, FIXTURES, ROOT, SHARED, shared_file

# CI must be deterministic: property tests draw the same examples on every run (the example
# database is off too); run `pytest --hypothesis-profile=explore` to search with fresh seeds.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, deadline=None)
hypothesis_settings.register_profile("explore", deadline=None)
hypothesis_settings.load_profile("ci")


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
