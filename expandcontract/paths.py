"""How paths are shown to people."""

from __future__ import annotations

import errno
import os
from pathlib import Path

__all__ = ["display_path", "why_missing"]


def display_path(path: str | Path) -> str:
    """The path as the user would type it: relative to the working directory when inside it.

    >>> display_path(Path.cwd() / "migrations" / "0001.sql") == str(Path("migrations") / "0001.sql")
    True
    >>> display_path("/elsewhere/x.sql")
    '/elsewhere/x.sql'
    """
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def why_missing(path: Path) -> str:
    """Why a path that should be there cannot be read: a loop, no permission, or not there."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link loop"
        if exc.errno not in (errno.ENOENT, None):
            return f"cannot read: {exc.strerror}"
    return "no such file or directory"
