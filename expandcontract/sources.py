"""Edge: reading migrations from files and directories into ``Migration`` values.

* a directory holding ``expand.sql``/``migrate.sql``/``contract.sql`` is one phased migration;
* a ``.sql`` file with ``-- expandcontract: phase`` markers is one phased migration;
* any other ``.sql`` file is one unphased migration;
* any other directory is walked in migration order (natural sort of names);
* ``alembic.ini``, an Alembic script directory or versions folder: one migration per revision,
  from the SQL Alembic's offline mode writes (``expandcontract.alembic``);
* an Alembic revision file: that revision, after the revisions deployed before it (replayed, not
  reported: ``load_sources``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from .alembic.detect import is_alembic_path, is_revision_file
from .core.errors import InputError
from .core.migration import MarkerError, Migration, Script, ScriptKind, split_phase_markers, split_since
from .paths import why_missing
from .runcache import note_folder, poison, read_bytes

__all__ = ["applied_since", "load_migrations", "load_sources", "natural_key", "read_text"]

_T = TypeVar("_T")
_ENCLOSING: Any = object()  # (no baseline given: Alembic revisions render with the options around the call)

PHASE_FILES = {"expand.sql": ScriptKind.EXPAND, "migrate.sql": ScriptKind.MIGRATE,
               "contract.sql": ScriptKind.CONTRACT}


def natural_key(name: str) -> list:
    """Sort ``2_x`` before ``10_x``.

    >>> sorted(["10_b.sql", "2_a.sql", "V1__init.sql"], key=natural_key)
    ['2_a.sql', '10_b.sql', 'V1__init.sql']
    """
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", name)]


def read_text(path: Path) -> str:
    try:
        data = read_bytes(path)
    except FileNotFoundError:
        raise InputError(str(path), "no such file or directory") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(str(path), f"not UTF-8 text (byte {exc.start})", line) from None


def applied_since(migrations: list[Migration], since: str, where: str) -> tuple[list[Migration], list[Migration]]:
    """``split_since`` for a command: a name that is not there is bad input (``--since``)."""
    try:
        return split_since(migrations, since)
    except KeyError as exc:
        raise InputError(where, f"--since: {exc.args[0]}") from None


def load_migrations(paths: Iterable[str | Path]) -> list[Migration]:
    """Every migration the paths name, in order. An Alembic revision file on its own is refused:
    what runs or is checked is the project (lint alone takes one, through ``load_sources``)."""
    paths = list(paths)
    for raw in paths:
        if Path(raw).is_file() and is_revision_file(Path(raw)):
            raise InputError(str(raw), "an Alembic revision on its own: give the project instead (alembic.ini or "
                                       "its versions directory; apply takes --alembic alembic.ini)")
    return [migration for migration, _ in load_sources(paths)]


def load_sources(paths: Iterable[str | Path], *, baseline: str | None = _ENCLOSING) -> list[tuple[Migration, bool]]:
    """Every migration the paths name, in order, each flagged True if it is to be reported.

    An Alembic revision file given on its own brings the revisions deployed before it along,
    flagged False: linting it replays them first (``alembic.revision_history``). ``baseline`` is
    the DDL an online rendering of Alembic revisions starts from (``alembic.rendering
    .starting_from``), set around their loading only: plain SQL files need no rendering."""
    found: list[tuple[Migration, bool]] = []
    revisions: list[Path] = []
    at = 0  # the history goes where the first revision file was named
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(str(path), why_missing(path))
        if path.is_file() and is_revision_file(path):
            at = at if revisions else len(found)
            revisions.append(path)
            continue
        found.extend((m, True) for m in _load(path, set(), baseline))
    if revisions:
        from .alembic.offline import revision_history

        poison()  # (the run cache does not follow what Alembic reads)

        found[at:at] = _rendered(baseline, lambda: revision_history(revisions))
    return found


def _rendered(baseline: str | None, load: Callable[[], _T]) -> _T:
    """``load()`` of Alembic revisions, rendered from ``baseline`` when one is given."""
    if baseline is _ENCLOSING:
        return load()
    from .alembic.rendering import starting_from

    with starting_from(baseline):
        return load()


def _load(path: Path, seen: set[str], baseline: str | None) -> list[Migration]:
    note_folder(path)  # (a folder: its listing is an input of the run)
    if is_alembic_path(path):  # alembic.ini, a script directory, a versions folder
        from .alembic import alembic_migrations

        poison()  # (the run cache does not follow what Alembic reads)

        return _rendered(baseline, lambda: alembic_migrations(path))
    if path.is_file():
        return [_file_migration(path)]
    if _is_phased_dir(path):
        return [_dir_migration(path)]
    real = os.path.realpath(path)
    if real in seen:  # a symlink back to a folder being walked: each folder once
        return []
    seen.add(real)
    found = []
    try:
        children = sorted(path.iterdir(), key=lambda p: natural_key(p.name))
    except OSError as exc:
        raise InputError(str(path), f"cannot list: {exc.strerror}") from None
    for child in children:
        if child.name.startswith("."):
            continue
        if child.is_dir():
            found.extend(_load(child, seen, baseline))
        elif child.suffix.lower() == ".sql" and child.name.lower() != "down.sql":
            found.append(_file_migration(child))
    return found


def _is_phased_dir(path: Path) -> bool:
    return any((path / name).is_file() for name in PHASE_FILES)


def _dir_migration(path: Path) -> Migration:
    scripts = tuple(
        Script(str(path / name), kind, read_text(path / name))
        for name, kind in PHASE_FILES.items()
        if (path / name).is_file()
    )
    return Migration(name=path.name, path=str(path), scripts=scripts)


def _file_migration(path: Path) -> Migration:
    if path.suffix.lower() == ".py":  # not SQL: reading it as SQL would be one EC001 at line 1
        raise InputError(str(path), "a Python file that is not an Alembic revision (no module-level revision and "
                                    "down_revision): point lint at .sql files, alembic.ini, or the versions directory")
    text = read_text(path)
    try:
        scripts = split_phase_markers(str(path), text)
    except MarkerError as exc:
        raise InputError(str(path), str(exc), exc.line) from None
    return Migration(name=path.stem, path=str(path), scripts=scripts)
