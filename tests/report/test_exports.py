"""Plain exports: CSV safe against formula injection, JSON of everything, GEXF readable by networkx."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest

from sentinelle.report.context import build_context
from sentinelle.report.exports import export_files, safe_cell, write_exports

from .conftest import STAMP


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("=1+1", "'=1+1"), ("+33 6", "'+33 6"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
     ("\r=x", "'\r=x"), ("ok = fine", "ok = fine"), (3, 3), (-2.5, -2.5), (None, "")],
)
def test_safe_cell(cell, expected) -> None:
    assert safe_cell(cell) == expected


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_exports_of_a_real_case(case) -> None:
    files = export_files(build_context(case, generated_at=STAMP))
    flags = _rows(files["flags.csv"])
    assert len(flags) == 4
    formula = next(r for r in flags if "HYPERLINK" in r["text"])
    assert formula["text"].startswith("'=HYPERLINK")  # a spreadsheet shows it, never runs it
    for row in flags:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
        assert len(row["source_sha256"]) == 64 and "-" in row["bytes"]
    people = _rows(files["people.csv"])
    assert {"Marc Dubois", "Sophie Lefèvre", "Karim Benali"} <= {r["name"] for r in people}
    phone = next(r for r in people if "12 34" in r["name"])
    assert phone["name"].startswith("'+33")
    assert _rows(files["directives.csv"])[0]["item_id"].startswith("directive:")
    edges = _rows(files["edges.csv"])
    assert {(e["source_name"], e["target_name"]) for e in edges} == {("Sophie Lefèvre", "Marc Dubois"),
                                                                     ("Marc Dubois", "Karim Benali")}
    data = json.loads(files["data.json"])
    assert data["counts"]["flags"] == 4 and data["dynamics"]["silence_orders"] and data["harassment"][0]["target"]
    graph = nx.read_gexf(io.BytesIO(files["network.gexf"]))
    assert graph.number_of_nodes() == 3 and graph.number_of_edges() == 2
    assert export_files(build_context(case, generated_at=STAMP)) == files  # deterministic


def test_written_exports_are_the_bundled_bytes(case, tmp_path) -> None:
    """write_exports streams data.json to the file; a bundle takes the bytes: the same, and the
    same as the whole context copied with asdict and dumped at once (what it was before)."""
    ctx = build_context(case, generated_at=STAMP)
    files = export_files(ctx)
    written = {p.name: p.read_bytes() for p in write_exports(ctx, tmp_path / "exports")}
    assert written == files
    whole = json.dumps(ctx.to_dict(), ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    assert files["data.json"] == whole
