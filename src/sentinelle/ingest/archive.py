"""Safe access to zip exports: no path traversal, no absolute paths, no zip bombs."""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from ..errors import InputError, UnsafeArchive

DEFAULT_MAX_UNCOMPRESSED = 2 << 30  # 2 GiB for all members together
MAX_RATIO = 200  # a text member compressing better than this is suspicious (bombs reach 1000+)
MAX_MEMBERS = 100_000


def _check_name(zip_path: Path, name: str) -> None:
    pure = PurePosixPath(name.replace("\\", "/"))
    if pure.is_absolute() or name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        raise UnsafeArchive(f"member {name!r} has an absolute path; refusing the archive", path=str(zip_path))
    if ".." in pure.parts:
        raise UnsafeArchive(
            f"member {name!r} escapes the archive (path traversal); refusing it", path=str(zip_path)
        )


def safe_members(zip_path: Path, max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED) -> list[zipfile.ZipInfo]:
    """The archive's file members, after checking every name and the declared sizes."""
    try:
        zf = zipfile.ZipFile(zip_path)
    except zipfile.BadZipFile as exc:
        raise InputError(f"not a valid zip archive ({exc})", path=str(zip_path)) from None
    with zf:
        infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise UnsafeArchive(f"{len(infos)} members; more than {MAX_MEMBERS} is refused", path=str(zip_path))
    total = 0
    members = []
    for info in infos:
        _check_name(zip_path, info.filename)
        if info.is_dir():
            continue
        total += info.file_size
        if total > max_uncompressed:
            raise UnsafeArchive(
                f"uncompressed size exceeds {max_uncompressed} bytes (zip bomb?); refusing it",
                path=str(zip_path),
            )
        if (
            info.compress_size
            and info.file_size / info.compress_size > MAX_RATIO
            and info.file_size > 10 << 20
        ):
            raise UnsafeArchive(
                f"member {info.filename!r} expands {info.file_size // info.compress_size}x (zip bomb?); refusing it",
                path=str(zip_path),
            )
        members.append(info)
    return members


def read_member(zip_path: Path, info: zipfile.ZipInfo, limit: int = DEFAULT_MAX_UNCOMPRESSED) -> bytes:
    """A member's bytes, reading no more than its declared size (the header may lie)."""
    with zipfile.ZipFile(zip_path) as zf, zf.open(info) as fh:
        data = fh.read(min(info.file_size, limit) + 1)
    if len(data) > min(info.file_size, limit):
        raise UnsafeArchive(
            f"member {info.filename!r} is larger than declared; refusing it", path=str(zip_path)
        )
    return data
