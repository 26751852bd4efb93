"""Verification of cases and bundles: a changed byte anywhere is caught, with a precise message."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

from report.conftest import BRIGADE, REAL_NAMES, REAL_PHONES, STAMP, run_cli
from sentinelle.evidence.bundle import make_bundle
from sentinelle.evidence.decisions import record_decision
from sentinelle.evidence.verify import verify_bundle, verify_case
from sentinelle.store import Case


def _flip_byte(path: Path, offset: int) -> None:
    os.chmod(path, 0o644)
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def test_changed_source_byte_names_the_file(case_dir: Path, capsys) -> None:
    with Case.open(case_dir) as case:
        assert verify_case(case).ok
        info = case.files()[0]
        original = Path(case.original_path(info.sha256))
    _flip_byte(original, 200)
    with Case.open(case_dir) as case:
        report = verify_case(case)
    assert len(report.problems) == 1
    assert report.problems[0].startswith(f"original file {BRIGADE.name}: content changed (recorded sha256 {info.sha256}")
    code, output = run_cli(capsys, "verify", case_dir)
    assert code == 5 and f"altered: original file {BRIGADE.name}" in output


def _bundle(case_dir: Path, out: Path, **kw) -> Path:
    with Case.open(case_dir) as case:
        record_decision(case, "case:k1", "confirm", reviewer="A. Martin", note="campagne établie")
        make_bundle(case, out, generated_at=STAMP, **kw)
    return out


def test_bundle_contents_and_verify(case_dir: Path, tmp_path: Path, capsys) -> None:
    out = _bundle(case_dir, tmp_path / "b.zip")
    with zipfile.ZipFile(out) as z:
        names = set(z.namelist())
        manifest = json.loads(z.read("manifest.json"))
    assert {"report.html", "decisions.jsonl", "manifest.json", "exports/flags.csv", "exports/data.json",
            "exports/network.gexf", "exports/people.csv", "exports/edges.csv", "exports/directives.csv"} <= names
    assert [n for n in names if n.startswith("originals/")] == [m["path"] for m in manifest["originals"]]
    assert manifest["decision_log"]["entries"] == 1 and manifest["case"]["legal_basis"] == "art. 40 CPP"
    assert any(v["step"] == "scan" and v["version"] == "test-model-1" for v in manifest["versions"])
    report = verify_bundle(out)
    assert report.ok, report.problems
    code, output = run_cli(capsys, "verify", out)
    assert code == 0 and ": OK" in output


def test_same_case_same_bundle_bytes(case_dir: Path, tmp_path: Path) -> None:
    a = _bundle(case_dir, tmp_path / "a.zip")
    with Case.open(case_dir) as case:
        make_bundle(case, tmp_path / "b.zip", generated_at=STAMP)
    assert a.read_bytes() == (tmp_path / "b.zip").read_bytes()


def test_flipped_byte_in_bundle_is_caught(case_dir: Path, tmp_path: Path) -> None:
    out = _bundle(case_dir, tmp_path / "b.zip")
    with zipfile.ZipFile(out) as z:
        info = z.getinfo("exports/flags.csv")
    _flip_byte(out, info.header_offset + 30 + len(info.filename) + 5)  # inside the member's data
    problems = verify_bundle(out).problems
    assert len(problems) == 1 and problems[0].startswith("exports/flags.csv:"), problems


def _rewrite(src: Path, dst: Path, member: str, change) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            zout.writestr(item, change(data) if item.filename == member else data)


def test_rewritten_member_and_log_are_named(case_dir: Path, tmp_path: Path) -> None:
    out = _bundle(case_dir, tmp_path / "b.zip")
    edited = tmp_path / "edited.zip"
    _rewrite(out, edited, "report.html", lambda d: d.replace(b"Karim", b"Kevin", 1))
    problems = verify_bundle(edited).problems
    assert len(problems) == 1 and problems[0].startswith("report.html: content changed (manifest sha256"), problems
    log = tmp_path / "log.zip"
    _rewrite(out, log, "decisions.jsonl", lambda d: d.replace("établie".encode(), b"douteuse"))
    problems = verify_bundle(log).problems
    assert any(p.startswith("decisions.jsonl: content changed") for p in problems)
    assert any(p.startswith("decision log entry 1 (case:k1): content altered") for p in problems)


def test_hashes_only_bundle_has_no_originals(case_dir: Path, tmp_path: Path) -> None:
    out = _bundle(case_dir, tmp_path / "h.zip", hashes_only=True)
    with zipfile.ZipFile(out) as z:
        assert not [n for n in z.namelist() if n.startswith("originals/")]
        manifest = json.loads(z.read("manifest.json"))
    assert manifest["originals"][0]["included"] is False and len(manifest["originals"][0]["sha256"]) == 64
    assert verify_bundle(out).ok


def test_pseudonymised_bundle_has_no_real_names(case_dir: Path, tmp_path: Path) -> None:
    with Case.open(case_dir) as case:
        record_decision(case, "case:k1", "confirm", reviewer="A. Martin", note="Marc Dubois vise Karim")
        make_bundle(case, tmp_path / "p.zip", pseudonymise=True, generated_at=STAMP)
        assert case.pseudonyms()  # the mapping stays in the case
    with zipfile.ZipFile(tmp_path / "p.zip") as z:
        assert not [n for n in z.namelist() if n.startswith("originals/")]
        for name in z.namelist():
            text = z.read(name).decode("utf-8-sig")
            for needle in (*REAL_NAMES, *REAL_PHONES):
                assert needle.lower() not in text.lower(), (name, needle)
    report = verify_bundle(tmp_path / "p.zip")
    assert report.ok, report.problems


def test_demo_bundle_names_each_original_by_its_own_hash(demo_analyzed, tmp_path: Path) -> None:
    with Case.open(demo_analyzed["out"] / "case") as case:
        files = {f.sha256: f for f in case.files()}
        make_bundle(case, tmp_path / "d.zip", generated_at=STAMP)
    with zipfile.ZipFile(tmp_path / "d.zip") as z:
        manifest = json.loads(z.read("manifest.json"))
        assert len(manifest["originals"]) == 3
        for entry in manifest["originals"]:
            info = files[entry["sha256"]]
            assert (entry["name"], entry["size"], entry["format"]) == (info.name, info.size, info.format)
            assert len(z.read(entry["path"])) == info.size
    assert verify_bundle(tmp_path / "d.zip").ok


def test_rezipped_bundle_still_verifies_and_sha256sum_checks_it(case_dir: Path, tmp_path: Path) -> None:
    """Issue 16, item 7: `unzip` then `zip -r` (directory entries, a leading folder) is no alteration;
    SHA256SUMS lets `sha256sum -c` check every file; a changed file is still caught."""
    import shutil
    import subprocess

    bundle = _bundle(case_dir, tmp_path / "b.zip")
    unpacked = tmp_path / "unpacked" / "bundle"
    unpacked.mkdir(parents=True)
    with zipfile.ZipFile(bundle) as z:
        z.extractall(unpacked)
    if shutil.which("sha256sum"):
        subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=unpacked, check=True)
    inside = tmp_path / "inside.zip"  # zipped from inside the folder, with directory entries
    outside = tmp_path / "outside.zip"  # zipped from outside: every path under "bundle/"
    for out, root, base in ((inside, unpacked, ""), (outside, unpacked.parent, "")):
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for p in sorted(root.rglob("*")):
                z.write(p, base + str(p.relative_to(root)) + ("/" if p.is_dir() else ""))
        assert {n for n in zipfile.ZipFile(out).namelist() if n.endswith("/")}, "directory entries written"
        rep = verify_bundle(out)
        assert rep.ok, rep.problems
    report = next(p for p in unpacked.rglob("*.html"))
    report.write_bytes(report.read_bytes().replace(b"</body>", b"<p>ajout</p></body>"))
    with zipfile.ZipFile(inside, "w") as z:
        for p in sorted(unpacked.rglob("*")):
            z.write(p, str(p.relative_to(unpacked)))
    rep = verify_bundle(inside)
    assert not rep.ok and any(report.name in p for p in rep.problems)
