"""Harassment cases: who is targeted, by whom, for how long, and what happened when they spoke up.

Pure analysis (layer 1): records + detections + plain data in, results out. See `api` for the
entry point and the JSON shape of the result.
"""

from __future__ import annotations

from .api import VERSION, HarassmentResult, find_cases
from .settings import Settings

__all__ = ["VERSION", "HarassmentResult", "Settings", "find_cases"]
