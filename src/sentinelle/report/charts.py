"""Charts as inline SVG, drawn by matplotlib (time series, bars); the network is drawn by `netdraw`.

Deterministic: a fixed `svg.hashsalt`, no date metadata, text kept as text (no font embedding),
so the same data always gives the same bytes.
"""

from __future__ import annotations

import io
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
