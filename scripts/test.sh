#!/usr/bin/env bash
# The one test command (README, .ci/run): installs what the tests need, then lint, layers, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q --disable-pip-version-check -e ".[test]"
bash scripts/install-system-deps.sh
ruff check src tests bench scripts
lint-imports --no-cache
python3 -m pytest -q -p no:cacheprovider "$@"
