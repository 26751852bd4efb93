"""Harassment cases against labelled group-chat episodes (one case per episode, as `sentinelle cases`).

    PYTHONPATH=src python bench/harassment_episodes.py [DIR] [-v] [--json]

DIR holds epNN.txt (WhatsApp Android French export) + epNN.json (labels: shape pileon|campaign|none,
target, initiator, aggressors, joiners, defenders, endorsers, conciliators, bystanders,
counter_attackers, target_reaction); default tests/data/episodes (the evaluation set, written
outside the harassment work and never used for tuning). The dev set written for tuning is
tests/harassment/data/dev_episodes.

Each episode is ingested into its own temporary case, scanned by the default detector
(`sentinelle scan`), and analysed by `list_cases` with the default settings (`sentinelle cases`).
Printed: the share of victim episodes whose target is the top case's target, the share of cases
aimed at a non-victim, cases on no-victim episodes, per-role precision/recall (the top case's
roles against the labels, micro-averaged over episodes), and defenders listed as aggressors of the
person they defend.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from sentinelle.textutil import fold  # noqa: E402

ROLES = ("aggressors", "defenders", "endorsers", "conciliators", "initiator")


def _names(v: Any) -> set[str]:
    if v is None or v == "":
        return set()
    return {fold(x) for x in ([v] if isinstance(v, str) else v)}


def analyse(txt: Path, detector: Any = None) -> dict[str, Any]:
    """The JSON result of `sentinelle cases` on one export, in a fresh temporary case."""
    from sentinelle.pipeline.harassment import list_cases
    from sentinelle.pipeline.ingest import ingest_files
    from sentinelle.pipeline.scan import scan_case
    from sentinelle.store import Case

    with tempfile.TemporaryDirectory() as tmp:
        with Case.create(Path(tmp) / "case") as case:
            report = ingest_files(case, [txt])
            if report.failed:
                raise RuntimeError(f"{txt}: ingest failed: {report.failed}")
            scan_case(case, detector=detector)
            return list_cases(case)


def case_roles(c: Mapping[str, Any]) -> dict[str, set[str]]:
    """The roles a case names, as folded display names."""
    roles = c.get("roles") or {}

    def names_of(rows: Iterable[Any]) -> set[str]:
        out = set()
        for r in rows or []:
            if isinstance(r, Mapping):
                out |= {fold(n) for n in (r.get("names") or [r.get("person", "")])[:1]}
            else:
                out.add(fold(str(r)))
        return out

    return {
        "target": {fold(n) for n in c.get("target_names", [])[:1]} or {fold(c["target"])},
        "aggressors": names_of(c.get("aggressors")),
        "defenders": names_of(roles.get("defenders")),
        "endorsers": names_of(roles.get("endorsers")),
        "conciliators": names_of(roles.get("conciliators")),
        "initiator": names_of([roles["initiator"]] if roles.get("initiator") else []),
    }


def measure(directory: Path, pattern: str = "*.json", detector: Any = None, verbose: bool = False) -> dict[str, Any]:
    labels = sorted(p for p in directory.glob(pattern) if p.with_suffix(".txt").exists())
    victim = found = cases_total = cases_wrong = none_eps = none_cases = defenders_as_agg = 0
    tp = dict.fromkeys(ROLES, 0)
    fp = dict.fromkeys(ROLES, 0)
    fn = dict.fromkeys(ROLES, 0)
    rows = []
    for lab_path in labels:
        lab = json.loads(lab_path.read_text("utf-8"))
        data = analyse(lab_path.with_suffix(".txt"), detector)
        cases = data["cases"]
        target = _names(lab.get("target"))
        has_victim = lab.get("shape") in ("pileon", "campaign") and bool(target)
        got = [case_roles(c) for c in cases]
        top = got[0] if got else None
        cases_total += len(cases)
        if has_victim:
            victim += 1
            hit = top is not None and bool(top["target"] & target)
            found += hit
            cases_wrong += sum(1 for g in got if not g["target"] & target)
        else:
            none_eps += 1
            none_cases += len(cases)
            cases_wrong += len(cases)
        # defenders never listed as aggressors of the person they defend (the labelled target)
        for g in got:
            if g["target"] & target:
                defenders_as_agg += len(g["aggressors"] & _names(lab.get("defenders")))
        # roles: the top case against the labels, on episodes with a victim (a missed target
        # counts every labelled role as missed; cases on no-victim episodes are counted above)
        predicted = top if (top is not None and top["target"] & target) else None
        for role in ROLES if has_victim else ():
            truth = _names(lab.get(role))
            pred = predicted[role] if predicted is not None else set()
            tp[role] += len(pred & truth)
            fp[role] += len(pred - truth)
            fn[role] += len(truth - pred)
        row = {"episode": lab_path.stem, "shape": lab.get("shape"), "target": lab.get("target"),
               "cases": [(c.get("shape"), c["target_names"][:1], [a["names"][:1] for a in c["aggressors"]]) for c in cases]}
        rows.append(row)
        if verbose:
            print(json.dumps(row, ensure_ascii=False))
            if predicted is not None:
                for role in ROLES:
                    truth = _names(lab.get(role))
                    if predicted[role] != truth:
                        print(f"   {role}: got {sorted(predicted[role])} want {sorted(truth)}")
    per_role = {}
    for role in ROLES:
        p = tp[role] / (tp[role] + fp[role]) if tp[role] + fp[role] else None
        r = tp[role] / (tp[role] + fn[role]) if tp[role] + fn[role] else None
        per_role[role] = {"precision": None if p is None else round(p, 3), "recall": None if r is None else round(r, 3),
                          "tp": tp[role], "fp": fp[role], "fn": fn[role]}
    return {
        "episodes": len(labels), "victim_episodes": victim, "no_victim_episodes": none_eps,
        "target_found": round(found / victim, 3) if victim else None, "targets_found": found,
        "cases": cases_total, "cases_aimed_at_non_victim": cases_wrong,
        "share_cases_non_victim": round(cases_wrong / cases_total, 3) if cases_total else 0.0,
        "cases_on_no_victim_episodes": none_cases,
        "defenders_listed_as_aggressors": defenders_as_agg,
        "roles": per_role, "rows": rows,
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("directory", nargs="?", default=str(ROOT / "tests" / "data" / "episodes"))
    ap.add_argument("--pattern", default="*.json")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    res = measure(Path(args.directory), args.pattern, verbose=args.verbose)
    if args.json:
        print(json.dumps({k: v for k, v in res.items() if k != "rows"}, indent=1))
        return
    print(f"{res['episodes']} episodes ({res['victim_episodes']} with a victim, {res['no_victim_episodes']} without)")
    print(f"target found (top case): {res['targets_found']}/{res['victim_episodes']} = {res['target_found']}")
    print(f"cases aimed at a non-victim: {res['cases_aimed_at_non_victim']}/{res['cases']} = {res['share_cases_non_victim']}")
    print(f"cases on no-victim episodes: {res['cases_on_no_victim_episodes']}")
    print(f"defenders listed as aggressors of the person they defend: {res['defenders_listed_as_aggressors']}")
    for role, d in res["roles"].items():
        print(f"  {role:13s} precision {d['precision']}  recall {d['recall']}  (tp {d['tp']}, fp {d['fp']}, fn {d['fn']})")


if __name__ == "__main__":
    main()
