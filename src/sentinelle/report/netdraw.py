"""The network drawing as plain inline SVG: a deterministic layout, labels placed so that none
overlaps another label or a node, marks for the people a reader looks for, edges the page can filter.

- Who: the marked people, then those with the strongest single tie (at most 40); a person whose
  strongest tie is under 5 % of the strongest of all (a passer-by of a 3,000-member group) is left
  out of the drawing, counted in the caption, and kept in the exports.
- Layout: igraph's Kamada-Kawai from its fixed circle start (no randomness), scaled to the box.
- Labels: each node (largest first) takes the first of 16 positions around it whose box touches
  no placed label and no node; a label that fits nowhere is not drawn, and shows on hover (every
  node also has a tooltip with its name, marks and messages).
- Marks: red fill for influence above the declared role, an orange ring for a harassment target,
  a green ring for a union representative, a dashed ring for a declared chief who is not followed.
- Edges: one line per pair (both directions summed), its weight in `data-w`; the page's "only
  edges ≥ N" control hides the lighter ones; the default N keeps the strongest `SHOWN` visible
  and is applied in the SVG itself, so that a printout or a page without script shows the same.
"""

from __future__ import annotations

import math
from html import escape
from typing import Any

W, H, MARGIN = 960, 660, 28
FONT = 11
CHAR = 0.6 * FONT  # DejaVu Sans's average advance, a safe upper bound for names
SHOWN = 40
FAINT = 0.05  # a person whose strongest tie is under 5 % of the strongest tie of all is left out
RED, BLUE, GREY = "#c0392b", "#3465a4", "#888888"
RING = {"target": "#e67e22", "union_rep": "#2e8b57", "chief": "#555555"}


def _pairs(edges: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, float]]:
    out: dict[tuple[str, str], dict[str, float]] = {}
    for e in edges:
        a, b = str(e["source"]), str(e["target"])
        if a == b:
            continue
        key = (a, b) if a < b else (b, a)
        row = out.setdefault(key, {"w": 0.0, "ab": 0.0, "ba": 0.0})
        row["w"] += float(e["weight"])
        row["ab" if (a, b) == key else "ba"] += float(e["weight"])
    return out


def _layout(n: int, links: list[tuple[int, int]]) -> list[tuple[float, float]]:
    """Kamada-Kawai from igraph's fixed start (a circle): the same graph, the same picture."""
    import igraph

    graph = igraph.Graph(n=n, edges=links)
    if n <= 8:
        coords = graph.layout_circle().coords
    else:
        coords = graph.layout_kamada_kawai(maxiter=50 * n).coords
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    sx = (W - 2 * MARGIN - 160) / ((x1 - x0) or 1)  # room for labels on the sides
    sy = (H - 2 * MARGIN - 30) / ((y1 - y0) or 1)
    return [(round(MARGIN + 80 + (x - x0) * sx, 1), round(MARGIN + 15 + (y - y0) * sy, 1)) for x, y in coords]


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(points: list[tuple[float, float]], radii: list[float], labels: list[str],
                 order: list[int]) -> list[tuple[float, float, str] | None]:
    """For each node: (x, y, text-anchor) of its label, or None when no position is free."""
    nodes = [(x - r - 5, y - r - 5, x + r + 5, y + r + 5) for (x, y), r in zip(points, radii, strict=True)]
    placed: list[tuple[float, float, float, float]] = []
    out: list[tuple[float, float, str] | None] = [None] * len(points)
    for i in order:
        (x, y), r, width = points[i], radii[i], CHAR * len(labels[i]) + 2
        found = None
        for gap in (3.0, 12.0):
            for k in (0, 4, 2, 6, 1, 7, 3, 5):  # right, left, below, above, then the diagonals
                angle = k * math.pi / 4
                dx, dy = math.cos(angle), math.sin(angle)
                ax, ay = x + dx * (r + gap), y + dy * (r + gap)
                if abs(dx) < 0.3:  # above or below: centred
                    box, anchor = (ax - width / 2, ay - FONT / 2 + dy * FONT / 2, ax + width / 2, ay + FONT / 2 + dy * FONT / 2), "middle"
                elif dx > 0:
                    box, anchor = (ax, ay - FONT / 2, ax + width, ay + FONT / 2), "start"
                else:
                    box, anchor = (ax - width, ay - FONT / 2, ax, ay + FONT / 2), "end"
                if box[0] < 0 or box[2] > W or box[1] < 0 or box[3] > H:
                    continue
                if any(_overlaps(box, p) for p in placed) or any(
                        _overlaps(box, nb) for j, nb in enumerate(nodes) if j != i):
                    continue
                found = (round(ax, 1), round((box[1] + box[3]) / 2 + FONT * 0.35, 1), anchor)
                placed.append(box)
                break
            if found:
                break
        out[i] = found
    return out


def network_svg(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], words: dict[str, str],
                max_nodes: int = 40, max_edges: int = 160) -> dict[str, Any] | None:
    """{"svg", "max", "default", "shown", "edges"} or None when there is nothing to draw. Nodes:
    {id, label, size, highlight, marks: set of 'target' | 'union_rep' | 'chief'}; `words`: the
    tooltip's words (`messages`, and each mark's)."""
    pairs = _pairs(edges)
    if not nodes or not pairs:
        return None
    tie: dict[str, float] = {}
    for (a, b), row in pairs.items():
        tie[a] = max(tie.get(a, 0.0), row["w"])
        tie[b] = max(tie.get(b, 0.0), row["w"])
    # the marked people, then those with the strongest single tie, and the strongest ties among
    # them (a member of a 3,000-member group with many faint ties would only crowd the picture)
    marked = {n["id"] for n in nodes if n.get("marks") or n.get("highlight")}
    floor = max(tie.values()) * FAINT
    chosen = sorted((n for n in tie if n in marked or tie[n] >= floor), key=lambda n: (n not in marked, -tie[n], n))[:max_nodes]
    inside = set(chosen)
    strongest = sorted(((k, row) for k, row in pairs.items() if k[0] in inside and k[1] in inside),
                       key=lambda kv: (-kv[1]["w"], kv[0]))[:max_edges]
    by_id = {n["id"]: n for n in nodes}
    shown = [by_id.get(n, {"id": n, "label": n, "size": 1.0}) for n in sorted(chosen)]
    index = {n["id"]: i for i, n in enumerate(shown)}
    kept = [(index[a], index[b], row) for (a, b), row in strongest if a in index and b in index]
    if not kept:
        return None
    points = _layout(len(shown), [(a, b) for a, b, _ in kept])
    biggest = max(float(n.get("size") or 1) for n in shown) or 1.0
    radii = [round(4 + 12 * math.sqrt(float(n.get("size") or 1) / biggest), 1) for n in shown]
    order = sorted(range(len(shown)), key=lambda i: (not (shown[i].get("marks") or shown[i].get("highlight")), -radii[i], shown[i]["id"]))
    labels = place_labels(points, radii, [str(n["label"]) for n in shown], order)
    weights = sorted((row["w"] for _, _, row in kept), reverse=True)
    top = weights[0]
    default = math.floor(weights[min(SHOWN, len(weights)) - 1]) if len(weights) > SHOWN else 0
    out = [f'<svg class="net" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" role="img" '
           f'width="100%" data-default="{default}">']
    out.append('<g class="edges">')
    for a, b, row in sorted(kept, key=lambda k: (k[2]["w"], k[0], k[1])):  # heavy ones drawn last, on top
        (x1, y1), (x2, y2) = points[a], points[b]
        width = round(0.6 + 4.4 * row["w"] / top, 2)
        hidden = ' style="display:none"' if row["w"] < default else ""
        tip = (f"{shown[a]['label']} → {shown[b]['label']} : {row['ab']:.1f} ; "
               f"{shown[b]['label']} → {shown[a]['label']} : {row['ba']:.1f}")
        out.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{GREY}" stroke-opacity="0.55" '
                   f'stroke-width="{width}" data-w="{row["w"]:.2f}"{hidden}><title>{escape(tip)}</title></line>')
    out.append("</g><g class=\"nodes\">")
    for i, n in enumerate(shown):
        (x, y), r, marks = points[i], radii[i], n.get("marks") or set()
        fill = RED if n.get("highlight") else BLUE
        tip = ", ".join([str(n["label"]), f"{words['messages']} {int(float(n.get('size') or 0))}",
                         *(words[m] for m in ("leader", "target", "union_rep", "chief")
                           if m in marks or (m == "leader" and n.get("highlight")))])
        out.append(f'<g class="node" data-id="{escape(str(n["id"]))}"><title>{escape(tip)}</title>')
        for k, m in enumerate(m for m in ("target", "union_rep", "chief") if m in marks):
            dash = ' stroke-dasharray="4 3"' if m == "chief" else ""
            out.append(f'<circle cx="{x}" cy="{y}" r="{r + 3 + 4 * k}" fill="none" stroke="{RING[m]}" stroke-width="3"{dash}/>')
        out.append(f'<circle cx="{x}" cy="{y}" r="{r}" fill="{fill}" fill-opacity="0.9" stroke="#fff" stroke-width="1"/>')
        spot = labels[i]
        if spot is not None:
            lx, ly, anchor = spot
            weight = ' font-weight="bold"' if marks or n.get("highlight") else ""
            out.append(f'<text x="{lx}" y="{ly}" text-anchor="{anchor}" font-size="{FONT}"{weight}>{escape(str(n["label"]))}</text>')
        else:
            out.append(f'<text class="hover" x="{x}" y="{round(y - r - 4, 1)}" text-anchor="middle" font-size="{FONT}">'
                       f'{escape(str(n["label"]))}</text>')
        out.append("</g>")
    out.append("</g></svg>")
    return {"svg": "".join(out), "max": math.ceil(top), "default": default, "edges": len(kept),
            "people": len(shown), "left_out": len(tie) - len(shown),
            "shown": sum(1 for _, _, row in kept if row["w"] >= default), "unlabelled": labels.count(None)}
