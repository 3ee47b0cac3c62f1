"""Is this path an Alembic project? Cheap checks only: no Alembic import, no module loading."""

from __future__ import annotations

import re
from pathlib import Path

from ..core.lazyre import LazyPattern
from ..runcache import note_folder, read_bytes

__all__ = ["is_alembic_path", "is_revision_file"]

# module-level ``revision = "…"`` and ``down_revision = …`` (with or without annotations)
_REVISION = LazyPattern(r"^revision\s*(?::[^=\n]*)?=\s*['\"]", re.M)
_DOWN_REVISION = LazyPattern(r"^down_revision\s*(?::[^=\n]*)?=", re.M)


def is_revision_file(path: Path) -> bool:
    """An Alembic revision module: a ``.py`` file assigning ``revision`` and ``down_revision``."""
    if path.suffix != ".py" or not path.is_file():
        return False
    try:
        text = read_bytes(path).decode("utf-8", errors="replace")  # (an input of the run: runcache)
        head = text.replace("\r\n", "\n").replace("\r", "\n")[:20000]  # (as read_text reads it)
    except OSError:
        return False
    return bool(_REVISION.search(head) and _DOWN_REVISION.search(head))


def _is_versions_dir(path: Path) -> bool:
    if not path.is_dir():
        return False
    note_folder(path)
    return any(is_revision_file(child) for child in path.iterdir())


def is_alembic_path(path: Path) -> bool:
    """``alembic.ini``, a script directory (``env.py``/``script.py.mako``/``versions/``) or a
    folder of revision files."""
    if path.is_file():
        return path.suffix.lower() == ".ini"
    if not path.is_dir():
        return False
    return (
        (path / "env.py").is_file()
        or (path / "script.py.mako").is_file()
        or _is_versions_dir(path / "versions")
        or _is_versions_dir(path)
    )
