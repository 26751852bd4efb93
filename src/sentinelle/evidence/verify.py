"""Verification of a case or of an evidence bundle: says exactly what was altered.

A case: every original file is re-hashed against the SHA-256 recorded at ingest; the stored
records against the digest recorded at ingest and against their file read again; detections
against the records they quote; the decision log's chain is recomputed and its head compared with
the one `manifest.json` keeps outside the database (see `verify_records`). A bundle: every member is re-hashed against the manifest, included
originals against their own names, and the decision log's chain against the head in the manifest.
"""

from __future__ import annotations

import json
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..hashing import sha256_bytes, sha256_file
from .decisions import chain_problems, read_jsonl
from .verify_records import check_detections, check_manifest, check_records

MANIFEST = "manifest.json"
SHA256SUMS = "SHA256SUMS"  # the same hashes for `sha256sum -c`
DECISION_LOG = "decisions.jsonl"


@dataclass
class VerifyReport:
    target: str
    checked: list[str] = field(default_factory=list)  # what was verified and held
    problems: list[str] = field(default_factory=list)  # each names what was altered
    notes: list[str] = field(default_factory=list)  # worth knowing, not an alteration

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        head = f"{self.target}: {'OK' if self.ok else 'ALTERED'} ({len(self.checked)} checks passed, {len(self.problems)} problems)"
        return [head] + [f"  altered: {p}" for p in self.problems] + [f"  note: {n}" for n in self.notes]


def _file_fields(info: Any) -> dict[str, Any]:
    return {k: getattr(info, k, None) for k in ("sha256", "name", "container_sha256", "member")}


def verify_case(case: Any) -> VerifyReport:
    report = VerifyReport(target=str(getattr(case, "path", "case")))
    seen: set[str] = set()
    hashed: set[str] = set()  # files whose original hashes right: their records can be re-read
    for info in case.files():
        f = _file_fields(info)
        sha, name = f["sha256"], f["name"] or f["sha256"]
        path = Path(case.original_path(sha))
        expected = sha
        if not path.exists() and f["container_sha256"]:
            # a member of a zip: the zip itself is what the case keeps
            path, expected = Path(case.original_path(f["container_sha256"])), f["container_sha256"]
        if expected in seen:
            continue
        seen.add(expected)
        if not path.exists():
            report.problems.append(f"original file {name} (sha256 {expected[:12]}…) is missing from the case")
            continue
        actual = sha256_file(path)
        if actual != expected:
            report.problems.append(
                f"original file {name}: content changed (recorded sha256 {expected}, now {actual}) at {path}"
            )
        else:
            report.checked.append(f"original {name} sha256 {expected[:12]}…")
            hashed.add(sha)
    if hasattr(case, "records_digest"):
        check_records(case, report, hashed)
        check_detections(case, report)
    try:
        entries = case.decisions()
    except ValueError as exc:  # an entry edited into invalid JSON
        report.problems.append(f"decision log: an entry is no longer valid JSON ({exc})")
        return report
    malformed = [i for i, e in enumerate(entries, start=1) if not isinstance(e, dict)]
    if malformed:
        report.problems.append(f"decision log: entry {malformed[0]} is not a JSON object")
        return report
    problems = chain_problems(entries)
    report.problems.extend(problems)
    if not problems:
        report.checked.append(f"decision log: {len(entries)} entries, chain intact")
    if hasattr(case, "manifest"):
        check_manifest(case, report, entries)
    return report


def _sums_problems(sums: bytes, listed: dict[str, Any], manifest: bytes) -> list[str]:
    """SHA256SUMS must give every file the manifest's hash (and the manifest its own)."""
    want = {path: entry["sha256"] for path, entry in listed.items()} | {MANIFEST: sha256_bytes(manifest)}
    got: dict[str, str] = {}
    for line in sums.decode("utf-8", "replace").splitlines():
        digest, _, path = line.partition("  ")
        if path:
            got[path] = digest
    return [f"{SHA256SUMS}: {p} differs from the manifest" for p in sorted(set(want) | set(got)) if want.get(p) != got.get(p)]


def verify_bundle(path: Path) -> VerifyReport:
    report = VerifyReport(target=str(path))
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        report.problems.append(f"{path}: not a readable zip ({exc})")
        return report
    with archive:
        # a bundle unzipped and zipped again (`zip -r`) gains directory entries and, zipped from
        # outside its folder, a leading folder: neither changes a byte of evidence
        all_names = [n for n in archive.namelist() if not (n.endswith("/") and archive.getinfo(n).file_size == 0)]
        prefix = ""
        if MANIFEST not in all_names:
            tops = {n.split("/", 1)[0] + "/" for n in all_names}
            if len(tops) == 1 and (top := tops.pop()) + MANIFEST in all_names:
                prefix = top
        names = {n[len(prefix):] for n in all_names if n.startswith(prefix)}
        names |= {n for n in all_names if not n.startswith(prefix)}  # anything outside the folder is extra
        real = {n[len(prefix):]: n for n in all_names if n.startswith(prefix)}

        def read(member: str) -> bytes:
            return archive.read(real.get(member, member))

        try:
            manifest = json.loads(read(MANIFEST))
        except KeyError:
            report.problems.append(f"{MANIFEST} is missing")
            return report
        except (zipfile.BadZipFile, ValueError, zlib.error, EOFError) as exc:
            report.problems.append(f"{MANIFEST}: unreadable or altered ({exc})")
            return report
        listed = {entry["path"]: entry for entry in manifest.get("files", [])}
        for member, entry in sorted(listed.items()):
            if member not in names:
                report.problems.append(f"{member}: listed in the manifest but missing from the bundle")
                continue
            try:
                data = read(member)
            except (zipfile.BadZipFile, OSError, zlib.error, EOFError) as exc:  # zip CRC catches a flipped byte first
                report.problems.append(f"{member}: bytes altered inside the zip ({exc})")
                continue
            actual = sha256_bytes(data)
            if actual != entry["sha256"]:
                report.problems.append(
                    f"{member}: content changed (manifest sha256 {entry['sha256']}, now {actual})"
                )
            else:
                report.checked.append(f"{member} sha256 {actual[:12]}…")
            if member.startswith("originals/"):
                claimed = member.split("/", 1)[1].split("-", 1)[0]
                if actual != claimed:
                    report.problems.append(f"{member}: does not hash to the sha256 in its name ({claimed})")
        if SHA256SUMS in names:
            report.problems.extend(_sums_problems(read(SHA256SUMS), listed, read(MANIFEST)))
        for extra in sorted(names - listed.keys() - {MANIFEST, SHA256SUMS}):
            report.problems.append(f"{extra}: in the bundle but not in the manifest (added afterwards)")
        if DECISION_LOG in names and DECISION_LOG in listed:
            try:
                entries = read_jsonl(read(DECISION_LOG))
            except (zipfile.BadZipFile, ValueError, zlib.error, EOFError):
                entries = None
            if entries is not None:
                report.problems.extend(chain_problems(entries, allow_redacted=bool(manifest.get("pseudonymised"))))
                log = manifest.get("decision_log", {})
                head = entries[-1]["sha256"] if entries else None
                if log and (log.get("entries") != len(entries) or log.get("head_sha256") != head):
                    report.problems.append(
                        f"{DECISION_LOG}: {len(entries)} entries ending {str(head)[:12]}…, manifest says "
                        f"{log.get('entries')} ending {str(log.get('head_sha256'))[:12]}… (entries removed or added)"
                    )
    return report
