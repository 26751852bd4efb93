"""Plain exports beside the report: JSON of everything, CSV tables, the network as GEXF.

CSV cells that a spreadsheet would run as a formula (starting with = + - @ TAB or CR) are
prefixed with an apostrophe, so an export opened in Excel or LibreOffice computes nothing.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from pathlib import Path
from typing import Any

import networkx as nx

from .context import ReportContext
from .network import network

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A CSV cell that no spreadsheet will evaluate."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    elif isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv(header: list[str], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")  # BOM: spreadsheets then read UTF-8 correctly


def flags_csv(ctx: ReportContext) -> bytes:
    header = ["item_id", "message_id", "conversation_id", "time", "sender", "category", "severity", "stance",
              "targets", "scores", "text", "reasons", "review", "reviewer", "note", "source_sha256", "lines", "bytes"]
    rows = []
    for f in ctx.flags:
        rows.append([
            f["item_id"], f["id"], f["conversation_id"], f["time"], f["sender"], f["category"], f["severity"],
            f["stance"], f["targets"], f["categories"], f["text"],
            [f"{r['kind']}:{r.get('detail', '')}" + (f" «{r['matched']}»" if r.get("matched") else "") for r in f["reasons"]],
            f["review"]["status"], f["review"].get("reviewer"), f["review"].get("note"),
            f["source"]["sha256"], "-".join(map(str, f["source"]["lines"])), "-".join(map(str, f["source"]["bytes"])),
        ])
    return _csv(header, rows)


def people_csv(ctx: ReportContext) -> bytes:
    header = ["id", "name", "names", "messages", "flags", "first", "last", "conversations", "role"]
    return _csv(header, [[p.get(k) for k in header] for p in ctx.people])


def edges_csv(ctx: ReportContext) -> bytes:
    _, edges = network(ctx.dynamics)
    header = ["source", "source_name", "target", "target_name", "kind", "weight"]
    return _csv(header, [[e[k] for k in header] for e in edges])


def directives_csv(ctx: ReportContext) -> bytes:
    keys: list[str] = []
    for d in ctx.directives:
        keys += [k for k in d if k not in keys and k not in ("item_id", "review")]
    header = ["item_id", *keys, "review", "reviewer", "note"]
    rows = [[d["item_id"], *[d.get(k) for k in keys], d["review"]["status"], d["review"].get("reviewer"),
             d["review"].get("note")] for d in ctx.directives]
    return _csv(header, rows)


def network_gexf(ctx: ReportContext) -> bytes:
    nodes, edges = network(ctx.dynamics)
    graph = nx.MultiDiGraph()
    for n in nodes:
        graph.add_node(n["id"], label=n["label"], size=n["size"])
    for e in edges:
        graph.add_edge(e["source"], e["target"], kind=e["kind"], weight=e["weight"])
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer)
    # networkx stamps today's date: pin it to the report's own timestamp for reproducible bytes
    day = (ctx.generated_at or "")[:10]
    return re.sub(rb'lastmodifieddate="[^"]*"', f'lastmodifieddate="{day}"'.encode(), buffer.getvalue())


def _fields(ctx: ReportContext) -> dict[str, Any]:
    """The context's fields as they are (`asdict` would copy every flag and case first)."""
    return {f.name: getattr(ctx, f.name) for f in dataclasses.fields(ctx)}


def _nested(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    raise TypeError(f"not JSON-able: {type(value).__name__}")


_JSON = {"ensure_ascii": False, "indent": 2, "sort_keys": True, "default": _nested}


def data_json(ctx: ReportContext) -> bytes:
    return json.dumps(_fields(ctx), **_JSON).encode("utf-8")


EXPORTS = {
    "data.json": data_json,
    "flags.csv": flags_csv,
    "people.csv": people_csv,
    "edges.csv": edges_csv,
    "directives.csv": directives_csv,
    "network.gexf": network_gexf,
}


def export_files(ctx: ReportContext) -> dict[str, bytes]:
    """file name -> bytes of every plain export."""
    return {name: make(ctx) for name, make in EXPORTS.items()}


def write_exports(ctx: ReportContext, out_dir: Path) -> list[Path]:
    """Every export written to `out_dir`, one at a time (data.json streamed: never the whole
    text in memory, which for a million-message case is hundreds of MB)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in EXPORTS.items():
        path = out_dir / name
        if make is data_json:
            with open(path, "w", encoding="utf-8", newline="") as fh:
                json.dump(_fields(ctx), fh, **_JSON)
        else:
            path.write_bytes(make(ctx))
        written.append(path)
    return written
