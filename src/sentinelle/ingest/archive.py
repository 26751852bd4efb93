"""Safe access to zip exports: no path traversal, no absolute paths, no zip bombs."""

from __future__ import annotations

import zipfile
import zlib
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


# Compressions whose reading is bounded by the bytes asked for (zipfile hands a bzip2 or LZMA
# member's whole decompressed block at once, whatever was asked: a 1.6 KB member can take GBs).
# Chat apps write stored or deflated members only.
BOUNDED_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflated"}
READ_CHUNK = 1 << 20


def check_method(zip_path: Path, info: zipfile.ZipInfo) -> None:
    """Refuse a member whose compression zipfile cannot decompress in bounded chunks."""
    if info.compress_type not in BOUNDED_METHODS:
        names = {zipfile.ZIP_BZIP2: "bzip2", zipfile.ZIP_LZMA: "LZMA"}
        method = names.get(info.compress_type, f"method {info.compress_type}")
        raise UnsafeArchive(
            f"member {info.filename!r} is compressed with {method}, which chat apps never write and "
            "which cannot be read in bounded steps; refusing it (re-zip it with deflate)",
            path=str(zip_path),
        )


def read_member(zip_path: Path, info: zipfile.ZipInfo, limit: int = DEFAULT_MAX_UNCOMPRESSED) -> bytes:
    """A member's bytes, decompressed in chunks and stopped as soon as they pass its declared
    size or `limit` (the header may lie)."""
    check_method(zip_path, info)
    cap = min(info.file_size, limit)
    parts: list[bytes] = []
    size = 0
    try:
        with zipfile.ZipFile(zip_path) as zf, zf.open(info) as fh:
            while chunk := fh.read(min(READ_CHUNK, cap + 1 - size)):
                size += len(chunk)
                parts.append(chunk)
                if size > cap:
                    break
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise InputError(f"member {info.filename!r} cannot be decompressed ({exc})", path=str(zip_path)) from None
    if size > cap:
        what = "larger than declared" if cap == info.file_size else f"larger than the {limit}-byte cap"
        raise UnsafeArchive(f"member {info.filename!r} is {what}; refusing it", path=str(zip_path))
    return b"".join(parts)
