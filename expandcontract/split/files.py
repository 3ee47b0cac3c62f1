"""Edge: writing a plan's files into a directory, all or nothing.

Every file is written to a temporary file beside its target and flushed to disk before any
of them is renamed into place, so an error (disk full, permissions) leaves no half-written
file; existing files are only replaced with ``force``.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ..core.errors import InputError

__all__ = ["write_files"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_files(directory: str | Path, files: Mapping[str, str], *, force: bool = False) -> list[Path]:
    """Write ``files`` (name -> text) into ``directory``; returns the paths written."""
    target = Path(directory)
    if target.exists() and not target.is_dir():
        raise InputError(str(target), "exists and is not a directory")
    existing = [str(target / name) for name in files if (target / name).exists()]
    if existing and not force:
        raise InputError(existing[0], f"already exists ({len(existing)} of the plan's files do): "
                                      "pass --force to replace them, or choose another --out")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(str(target), f"cannot create the directory: {exc.strerror}") from None
    mode = 0o666 & ~_umask()
    temporary: list[tuple[str, Path]] = []
    try:
        for name, text in files.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=target)
            temporary.append((tmp, target / name))
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, mode)
        for tmp, final in temporary:
            os.replace(tmp, final)
    except OSError as exc:
        for tmp, _ in temporary:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise InputError(str(target), f"cannot write the plan: {exc.strerror}") from None
    return [final for _, final in temporary]
