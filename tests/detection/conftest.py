"""One detector for the whole session: the model loads once."""

from __future__ import annotations

import pytest

from sentinelle.detection.api import Detector


@pytest.fixture(scope="session")
def detector() -> Detector:
    return Detector()
