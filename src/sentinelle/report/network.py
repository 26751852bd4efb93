"""The network picture from the stored dynamics result: nodes and weighted edges.

The dynamics step stores edges as dicts; the endpoint and weight field names are read from the
usual spellings so that the report does not break if the analysis renames one.
"""

from __future__ import annotations

from typing import Any

_SRC = ("source", "src", "from", "sender", "a", "u")
_DST = ("target", "dst", "to", "receiver", "b", "v")
_WEIGHT = ("count", "weight", "n", "messages", "interactions")
_ID = ("id", "person_id", "person", "name")
_LABEL = ("name", "display_name", "label", "person", "id")
_SIZE = ("messages", "activity", "count", "degree")


def _first(d: dict[str, Any], keys: tuple[str, ...], default: Any = None) -> Any:
    for k in keys:
        if d.get(k) not in (None, ""):
            return d[k]
    return default


def network(dynamics: dict[str, Any] | None, highlight: set[str] | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(nodes, edges), each sorted; edges between the same pair and kind are summed."""
    if not dynamics:
        return [], []
    weights: dict[tuple[str, str, str], float] = {}
    for edge in dynamics.get("edges") or []:
        if not isinstance(edge, dict):
            continue
        src, dst = _first(edge, _SRC), _first(edge, _DST)
        if src is None or dst is None:
            continue
        key = (str(src), str(dst), str(edge.get("method") or edge.get("kind") or edge.get("type") or ""))
        weights[key] = weights.get(key, 0.0) + float(_first(edge, _WEIGHT, 1) or 1)
    nodes: dict[str, dict[str, Any]] = {}
    for person in dynamics.get("people") or []:
        if isinstance(person, dict) and (pid := _first(person, _ID)) is not None:
            nodes[str(pid)] = {
                "id": str(pid),
                "label": str(_first(person, _LABEL, pid)),
                "size": float(_first(person, _SIZE, 1) or 1),
            }
    for src, dst, _ in weights:
        for pid in (src, dst):
            nodes.setdefault(pid, {"id": pid, "label": pid, "size": 1.0})
    for n in nodes.values():
        n["highlight"] = bool(highlight and (n["id"] in highlight or n["label"] in highlight))
    edges = [
        {"source": s, "source_name": nodes[s]["label"], "target": t, "target_name": nodes[t]["label"], "kind": k,
         "weight": round(w, 4)}
        for (s, t, k), w in sorted(weights.items())
    ]
    return sorted(nodes.values(), key=lambda n: n["id"]), edges
