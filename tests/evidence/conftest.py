"""The same real case as the report tests (see tests/report/conftest.py)."""

from report.conftest import build_case, case, case_dir, demo_analyzed  # noqa: F401
