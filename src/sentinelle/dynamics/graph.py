"""Interaction graphs with python-igraph (C core: millions of edges), and their export.

Nodes are persons; an edge aggregates every method between two persons (weight = summed
confidence). Centralities: in/out degree (weighted), PageRank, HITS hubs and authorities,
betweenness (exact below `betweenness_exact_max_edges`, with a path-length cutoff above: stated
in the results), communities (Leiden on modularity, undirected).
"""

from __future__ import annotations

import contextlib
import random
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import igraph as ig

from .interactions import Edge
from .settings import DynamicsSettings


@dataclass
class GraphMetrics:
    nodes: list[str]
    graph: ig.Graph
    metrics: dict[str, dict[str, float]]  # person -> metric -> value
    communities: list[list[str]]
    betweenness_method: str

    def of(self, person: str) -> dict[str, float]:
        return self.metrics.get(person, {})


def build_graph(edges: Iterable[Edge], nodes: Iterable[str] = ()) -> ig.Graph:
    """A directed weighted graph: one edge per (source, target), methods summed."""
    acc: dict[tuple[str, str], list[Any]] = {}  # (source, target) -> [weight, count, methods]
    for e in edges:
        k = (e.source, e.target)
        a = acc.get(k)
        if a is None:
            acc[k] = [e.weight, e.count, {e.method}]
        else:
            a[0] += e.weight
            a[1] += e.count
            a[2].add(e.method)
    # sorted, not in set order (which changes with each process's hash seed): same graph, same ids
    names = sorted({*nodes, *(s for s, _ in acc), *(t for _, t in acc)})
    index = {n: i for i, n in enumerate(names)}
    g = ig.Graph(n=len(names), edges=[(index[s], index[t]) for s, t in acc], directed=True)
    g.vs["name"] = names
    g.es["weight"] = [a[0] for a in acc.values()]
    g.es["count"] = [a[1] for a in acc.values()]
    g.es["methods"] = [",".join(sorted(a[2])) if len(a[2]) > 1 else next(iter(a[2])) for a in acc.values()]
    return g


@contextlib.contextmanager
def _seeded_igraph(seed: int = 0) -> Iterator[None]:
    """HITS (ARPACK's start vector) and Leiden draw from igraph's RNG: seed it so that the same
    case gives the same figures in every run, then give igraph back the global generator."""
    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


def analyse_graph(g: ig.Graph, settings: DynamicsSettings) -> GraphMetrics:
    with _seeded_igraph():
        return _analyse_graph(g, settings)


def _analyse_graph(g: ig.Graph, settings: DynamicsSettings) -> GraphMetrics:
    names: list[str] = g.vs["name"] if g.vcount() else []
    if g.vcount() == 0:
        return GraphMetrics([], g, {}, [], "none")
    w = g.es["weight"] if g.ecount() else None
    pr = g.pagerank(weights=w, directed=True)
    if g.ecount():
        with warnings.catch_warnings():  # "many zero scores": expected for people nobody answers
            warnings.simplefilter("ignore", RuntimeWarning)
            hubs = g.hub_score(weights=w)
            auth = g.authority_score(weights=w)
    else:
        hubs = auth = [0.0] * g.vcount()
    n = g.vcount()
    k = settings.betweenness_sample_sources
    if g.ecount() <= settings.betweenness_exact_max_edges or n <= k:
        btw, method = g.betweenness(directed=False), "exact"
    else:  # Brandes' estimate: shortest paths from k sampled sources, scaled by n / k
        sources = sorted(random.Random(0).sample(range(n), k))
        btw = [b * n / k for b in g.betweenness(directed=False, sources=sources)]
        method = f"sampled_sources={k}"
    norm = (n - 1) * (n - 2) / 2 or 1.0
    indeg = g.strength(mode="in", weights=w) if w else [0.0] * n
    outdeg = g.strength(mode="out", weights=w) if w else [0.0] * n
    communities: list[list[str]] = []
    if g.ecount():
        u = g.as_undirected(mode="collapse", combine_edges={"weight": "sum"})
        part = u.community_leiden(objective_function="modularity", weights="weight", n_iterations=2)
        communities = [[names[i] for i in c] for c in part if len(c) > 1]
        communities.sort(key=len, reverse=True)
    metrics = {
        names[i]: {
            "in_strength": round(indeg[i], 4),
            "out_strength": round(outdeg[i], 4),
            "pagerank": round(pr[i], 6),
            "hub": round(hubs[i], 6),
            "authority": round(auth[i], 6),
            "betweenness": round(btw[i] / norm, 6),
        }
        for i in range(n)
    }
    return GraphMetrics(names, g, metrics, communities, method)


def _node_attributes(gm: GraphMetrics, labels: dict[str, str] | None) -> dict[str, dict[str, object]]:
    community = {p: i for i, members in enumerate(gm.communities) for p in members}
    return {
        n: {"label": (labels or {}).get(n, n), "community": community.get(n, -1),
            **{k: float(v) for k, v in gm.of(n).items()}}
        for n in gm.graph.vs["name"]
    }


def write_graphml(gm: GraphMetrics, path: str | Path, labels: dict[str, str] | None = None) -> None:
    h = gm.graph.copy()
    attrs = _node_attributes(gm, labels)
    if h.vcount():
        for key in next(iter(attrs.values())):
            h.vs[key] = [attrs[n][key] for n in h.vs["name"]]
    h.write_graphml(str(path))


def write_gexf(gm: GraphMetrics, path: str | Path, labels: dict[str, str] | None = None) -> None:
    """GEXF for Gephi (networkx's writer; used for export only, never for analysis)."""
    import networkx as nx

    g = gm.graph
    attrs = _node_attributes(gm, labels)
    nxg = nx.DiGraph()
    for v in g.vs:
        nxg.add_node(v["name"], **attrs[v["name"]])
    for e in g.es:
        nxg.add_edge(
            g.vs[e.source]["name"], g.vs[e.target]["name"],
            weight=float(e["weight"]), count=int(e["count"]), methods=e["methods"],
        )
    nx.write_gexf(nxg, str(path))


def graph_summary(gm: GraphMetrics) -> dict[str, Any]:
    return {
        "nodes": gm.graph.vcount(),
        "edges": gm.graph.ecount(),
        "communities": gm.communities,
        "betweenness": gm.betweenness_method,
    }
