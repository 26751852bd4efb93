"""Charts as inline SVG, drawn by matplotlib (time series, bars) and igraph (network layout).

Deterministic: a fixed `svg.hashsalt`, no date metadata, text kept as text (no font embedding),
and a seeded layout, so the same data always gives the same bytes.
"""

from __future__ import annotations

import io
import random
import re
from collections.abc import Sequence
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

_RC = {
    "svg.hashsalt": "sentinelle",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
BLUE, RED, GREY = "#3465a4", "#c0392b", "#888888"


def _svg(fig: Any) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    plt.close(fig)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]  # drop the XML declaration and doctype: the SVG goes inline
    return re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)


def activity_chart(rows: Sequence[dict[str, Any]], labels: dict[str, str]) -> str | None:
    """Messages per period (bars) and flags per period (line, right axis)."""
    if not rows:
        return None
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(9, 3))
        x = list(range(len(rows)))
        ax.bar(x, [r["messages"] for r in rows], color=BLUE, alpha=0.6, label=labels["messages"])
        ax.set_ylabel(labels["messages"])
        ax2 = ax.twinx()
        ax2.plot(x, [r["flags"] for r in rows], color=RED, marker="o", markersize=3, label=labels["flags"])
        ax2.set_ylabel(labels["flags"], color=RED)
        ax2.set_ylim(bottom=0)
        step = max(1, len(rows) // 12)
        ax.set_xticks(x[::step], [r["period"] for r in rows][::step], rotation=30, ha="right")
        ax.set_title(labels["title"])
        return _svg(fig)


def bar_chart(counts: dict[str, int], title: str, color: str = RED) -> str | None:
    if not counts:
        return None
    items = list(counts.items())[:15]
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(6, 0.35 * len(items) + 0.8))
        ax.barh([k for k, _ in items][::-1], [v for _, v in items][::-1], color=color)
        ax.set_title(title)
        ax.xaxis.get_major_locator().set_params(integer=True)
        return _svg(fig)


def network_chart(
    nodes: list[dict[str, Any]], edges: list[dict[str, Any]], max_nodes: int = 40, max_edges: int = 160
) -> str | None:
    """Nodes {id, label, size}, edges {source, target, weight}: an igraph layout drawn with matplotlib."""
    import igraph

    if not nodes or not edges:
        return None
    # the people who exchange most (weighted degree), and the strongest ties among them
    pair: dict[tuple[str, str], float] = {}
    for e in edges:
        if e["source"] != e["target"]:
            key = (e["source"], e["target"])
            pair[key] = pair.get(key, 0.0) + float(e["weight"])
    strength: dict[str, float] = {}
    for (a, b), w in pair.items():
        strength[a] = strength.get(a, 0.0) + w
        strength[b] = strength.get(b, 0.0) + w
    strongest = sorted(pair.items(), key=lambda kv: (-kv[1], kv[0]))[:max_edges]
    ends = {n for (a, b), _ in strongest for n in (a, b)}
    chosen = sorted(ends, key=lambda n: (-strength[n], n))[:max_nodes]
    by_id = {n["id"]: n for n in nodes}
    nodes = [by_id.get(n, {"id": n, "label": n, "size": 1.0}) for n in sorted(chosen)]
    index = {n["id"]: i for i, n in enumerate(nodes)}
    kept = [{"source": a, "target": b, "weight": w} for (a, b), w in strongest if a in index and b in index]
    if not kept:
        return None
    graph = igraph.Graph(n=len(nodes), edges=[(index[e["source"]], index[e["target"]]) for e in kept])
    random.seed(7)
    igraph.set_random_number_generator(random)
    if len(nodes) <= 8:  # a few people: a circle reads better than a force layout's line
        layout = graph.layout_circle()
    else:  # deterministic (starts from a circle), spreads a dense core better than force layouts
        layout = graph.layout_kamada_kawai(maxiter=50 * len(nodes))
    coords = [(round(x, 6), round(y, 6)) for x, y in layout.coords]
    top = max(float(e["weight"]) for e in kept)
    biggest = max(n["size"] for n in nodes) or 1
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(8, 6))
        ax.set_aspect("equal", adjustable="datalim")
        for e in kept:
            (x1, y1), (x2, y2) = coords[index[e["source"]]], coords[index[e["target"]]]
            ax.annotate(
                "",
                xy=(x2, y2),
                xytext=(x1, y1),
                arrowprops={"arrowstyle": "-|>", "color": GREY, "lw": 0.5 + 3 * float(e["weight"]) / top,
                            "alpha": 0.6, "shrinkA": 6, "shrinkB": 6},
            )
        ax.scatter(
            [c[0] for c in coords],
            [c[1] for c in coords],
            s=[60 + 500 * n["size"] / biggest for n in nodes],
            c=[RED if n.get("highlight") else BLUE for n in nodes],
            zorder=3,
        )
        for (x, y), n in zip(coords, nodes, strict=True):
            ax.text(x, y, f" {n['label']}", fontsize=8, zorder=4, va="center")
        ax.set_axis_off()
        return _svg(fig)
