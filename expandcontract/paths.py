"""How paths are shown to people."""

from __future__ import annotations

from pathlib import Path

__all__ = ["display_path"]


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
