"""The evidence bundle: one zip a court or a board can check without sentinelle's help.

Contents: `report.html`, `exports/*` (JSON, CSV, GEXF), `decisions.jsonl` (the hash-chained
review log), `originals/<sha256>-<name>` (the exports as handed over; omitted with `hashes_only`)
and `manifest.json` (SHA-256 and size of every other member, tool and model versions, case
metadata, the decision log's head). Members carry a fixed timestamp so that the zip's bytes depend
only on its content.

With `pseudonymise`, the originals are never included (they hold the real names), file names are
pseudonymised, and any decision-log field that held a name is replaced and listed in the entry's
`redacted` field: the chain's links still verify, that entry's own hash no longer can.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..report.context import build_context
from ..report.exports import export_files
from ..report.html import render_html, resolve_generated_at
from .decisions import to_jsonl
from .pseudonym import Pseudonymiser
from .verify import DECISION_LOG, MANIFEST, SHA256SUMS

FORMAT = "sentinelle-bundle/1"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass
class BundleResult:
    path: Path
    members: int
    originals_included: int
    originals_hashed_only: int
    size: int


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _safe_name(name: str) -> str:
    return re.sub(r"[^\w.\-]+", "_", Path(name).name)[:80] or "file"


def _redact_log(entries: list[dict[str, Any]], pseudo: Pseudonymiser) -> list[dict[str, Any]]:
    out = []
    for entry in entries:
        entry = dict(entry)
        changed = []
        for key in ("note", "reviewer"):
            value = entry.get(key)
            if isinstance(value, str):
                new = pseudo.text(value) if key == "note" else (pseudo.name(value) or value)
                if new != value:
                    entry[key] = new
                    changed.append(key)
        if changed:
            entry["redacted"] = changed
        out.append(entry)
    return out


def make_bundle(
    case: Any,
    out: Path,
    *,
    hashes_only: bool = False,
    pseudonymise: bool | None = None,
    lang: str = "fr",
    generated_at: str | None = None,
    stale: dict[str, str] | None = None,
) -> BundleResult:
    out = Path(out)
    stamp = resolve_generated_at(generated_at)
    ctx = build_context(case, lang=lang, pseudonymise=pseudonymise, generated_at=stamp, stale=stale)
    pseudonymise = ctx.pseudonymised
    members: dict[str, bytes] = {"report.html": render_html(ctx).encode("utf-8")}
    for name, data in export_files(ctx).items():
        members[f"exports/{name}"] = data
    entries = case.decisions()
    if pseudonymise:
        entries = _redact_log(entries, Pseudonymiser.for_case(case))
    members[DECISION_LOG] = to_jsonl(entries)

    listed: list[dict[str, Any]] = []
    originals: list[dict[str, Any]] = []
    include = not (hashes_only or pseudonymise)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w") as archive:
        for name in sorted(members):
            data = members[name]
            archive.writestr(_info(name), data)
            listed.append({"path": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)})
        seen: set[str] = set()
        shown_by_sha = {f["sha256"]: f for f in ctx.files}  # pseudonymised names when asked
        for info in case.files():
            sha = info.sha256
            shown = shown_by_sha.get(sha, {"name": info.name, "format": info.format})
            path = Path(case.original_path(sha))
            if not path.exists() and getattr(info, "container_sha256", None):
                sha = info.container_sha256
                path = Path(case.original_path(sha))
            if sha in seen:
                continue
            seen.add(sha)
            entry = {"sha256": sha, "name": shown.get("name"), "size": path.stat().st_size if path.exists() else None,
                     "format": shown.get("format"), "included": False}
            if include and path.exists():
                member = f"originals/{sha}-{_safe_name(str(shown.get('name') or 'file'))}"
                digest = hashlib.sha256()
                with open(path, "rb") as src, archive.open(_info(member), "w") as dst:
                    while chunk := src.read(1 << 20):
                        digest.update(chunk)
                        dst.write(chunk)
                listed.append({"path": member, "sha256": digest.hexdigest(), "size": entry["size"]})
                entry.update(included=True, path=member)
            originals.append(entry)
        manifest = {
            "format": FORMAT,
            "tool": ctx.tool,
            "generated_at": stamp,
            "case": ctx.case,
            "versions": ctx.versions,
            "counts": ctx.counts,
            "pseudonymised": pseudonymise,
            "hashes_only": not include,
            "originals": sorted(originals, key=lambda o: o["sha256"]),
            "decision_log": {"entries": len(entries), "head_sha256": entries[-1]["sha256"] if entries else None},
            "files": sorted(listed, key=lambda f: f["path"]),
        }
        manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
        archive.writestr(_info(MANIFEST), manifest_bytes)
        # `unzip bundle.zip && sha256sum -c SHA256SUMS` checks every file with no sentinelle at hand
        sums = [(f["sha256"], f["path"]) for f in manifest["files"]] + [(hashlib.sha256(manifest_bytes).hexdigest(), MANIFEST)]
        archive.writestr(_info(SHA256SUMS), "".join(f"{h}  {p}\n" for h, p in sorted(sums, key=lambda x: x[1])))
    return BundleResult(
        path=out,
        members=len(listed) + 2,
        originals_included=sum(o["included"] for o in originals),
        originals_hashed_only=sum(not o["included"] for o in originals),
        size=out.stat().st_size,
    )
