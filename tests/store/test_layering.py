"""SQL stays in the store: nothing else in src/ imports sqlite3."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "sentinelle"


def sqlite_importers() -> list[str]:
    found = []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "sqlite3" or n.startswith("sqlite3.") for n in names):
                found.append(str(path.relative_to(SRC)))
    return found


def test_only_the_store_imports_sqlite3() -> None:
    found = sqlite_importers()
    assert "store/sqlite.py" in found  # the check sees real imports
    assert [p for p in found if not p.startswith("store/")] == []
