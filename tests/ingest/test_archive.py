"""Zip exports: path traversal, absolute paths and zip bombs are refused with a clear error."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from sentinelle.errors import InputError, UnsafeArchive
from sentinelle.ingest.archive import read_member, safe_members


def make_zip(path: Path, members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_normal_archive_lists_files(tmp_path: Path) -> None:
    z = make_zip(
        tmp_path / "ok.zip", {"_chat.txt": b"[01/02/2024 10:00:00] A: hi\n", "media/0001.jpg": b"\xff\xd8"}
    )
    names = [i.filename for i in safe_members(z)]
    assert names == ["_chat.txt", "media/0001.jpg"]
    assert read_member(z, safe_members(z)[0]).startswith(b"[01/02/2024")


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("../evil.txt", "path traversal"),
        ("a/../../evil.txt", "path traversal"),
        ("/etc/passwd", "absolute path"),
        ("C:/x.txt", "absolute path"),
    ],
)
def test_unsafe_names_refused(tmp_path: Path, name: str, why: str) -> None:
    z = make_zip(tmp_path / "bad.zip", {name: b"x"})
    with pytest.raises(UnsafeArchive) as err:
        safe_members(z)
    assert str(z) in str(err.value)
    assert ("traversal" in str(err.value)) == (why == "path traversal")


def test_zip_bomb_refused(tmp_path: Path) -> None:
    z = make_zip(tmp_path / "bomb.zip", {"_chat.txt": b"\0" * (30 << 20)})
    with pytest.raises(UnsafeArchive, match="zip bomb"):
        safe_members(z)
    with pytest.raises(UnsafeArchive, match="exceeds"):
        safe_members(
            make_zip(tmp_path / "big.zip", {"a.txt": b"a" * 5000}, zipfile.ZIP_STORED), max_uncompressed=4000
        )


def test_not_a_zip(tmp_path: Path) -> None:
    bad = tmp_path / "x.zip"
    bad.write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(InputError, match="not a valid zip"):
        safe_members(bad)
