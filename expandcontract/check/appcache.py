"""Edge: app sources loaded once per run, and kept between runs by what they are made of.

Importing an app's SQLAlchemy models dominates ``check`` on a real app (seconds per version).
``load_app`` here loads each source once per process (the old and the new app often share
sources, and ``lint`` with ``old_app`` set loads it again), and, with a cache directory, keeps
the extracted queries and tables under a key made of everything they come from:

* a ``.sql`` file, a query log, a directory of ``.sql`` files: their path and text;
* ``models.py:Base`` or ``package.module:Base``: the text of every Python file of the project it
  is imported from (the directory on ``sys.path`` that holds it, virtualenvs and hidden folders
  left out), the Python and SQLAlchemy versions;
* ``git:REF:path:Base``: the commit REF names (a commit never changes) and the path;

plus the linter's version and code. A source whose key cannot be worked out (a module that is
not found without importing it, a project of more than ``MAX_FILES`` Python files) is loaded
every run, never served stale.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import pickle
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from ..appmodels import PYTHON_REF
from ..runcache import sweep_if_due, touch
from . import loaders
from .queries import AppQuery

__all__ = ["load_app", "source_key"]

MAX_FILES = 5_000
_SKIPPED_DIRS = {"__pycache__", "node_modules", "site-packages", "venv", "env", "build", "dist"}

# (source, key) -> queries: each source loaded once per process
_loaded: dict[tuple[str, str | None], list[AppQuery]] = {}


def load_app(sources: Sequence[str], cache_dir: str | Path | None = None) -> list[AppQuery]:
    """``loaders.load_app``, each source loaded once per process and, with ``cache_dir``, kept
    between runs by its key."""
    queries: list[AppQuery] = []
    for source in sources:
        key = source_key(source)
        memo = (source, key)
        if memo not in _loaded or key is None:
            _loaded[memo] = _load(source, key, cache_dir)
        queries.extend(_loaded[memo])
    return queries


def _load(source: str, key: str | None, cache_dir: str | Path | None) -> list[AppQuery]:
    path = _entry(cache_dir, key)
    if path is not None:
        with contextlib.suppress(Exception):  # missing, unreadable, another format: a miss
            with open(path, "rb") as file:
                kept: list[AppQuery] = pickle.load(file)
                touch(path, os.fstat(file.fileno()).st_mtime)
            return kept
    queries = loaders.load_app([source])
    if path is not None:
        from ..cache import _write_atomically

        with contextlib.suppress(Exception):
            _write_atomically(path, pickle.dumps(queries, protocol=pickle.HIGHEST_PROTOCOL))
            if cache_dir is not None:
                sweep_if_due(cache_dir)
    return queries


def _entry(cache_dir: str | Path | None, key: str | None) -> Path | None:
    if cache_dir is None or key is None:
        return None
    from ..cache import FORMAT

    return Path(cache_dir) / f"v{FORMAT}" / "apps" / key[:2] / key


def source_key(source: str) -> str | None:
    """What the queries of ``source`` are made of, hashed; None when that cannot be told."""
    from .._version import __version__
    from ..cache import _code_fingerprint, blake2b

    made_of = _made_of(source)
    if made_of is None:
        return None
    digest = blake2b(digest_size=20)
    for part in (__version__, _code_fingerprint().hex(), sys.version, source, *made_of):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def _made_of(source: str) -> list[str] | None:
    path = Path(source)
    if path.is_dir():
        return _texts(sorted(p for p in path.rglob("*.sql") if not _hidden(p, path)), path)
    if path.is_file():
        return _texts([path], path.parent)
    if source.startswith("git:"):
        return _git_commit(source)
    match = PYTHON_REF.match(source)
    if match is None:
        return None
    root = _project_root(match.group("target"))
    if root is None:
        return None
    files = [p for p in _python_files(root)]
    if len(files) > MAX_FILES:
        return None
    return [f"python:{sys.version}", f"sqlalchemy:{_version_of('sqlalchemy')}", str(root), *(_texts(files, root) or [])]


def _texts(files: Sequence[Path], root: Path) -> list[str] | None:
    parts = []
    for file in files:
        try:
            data = file.read_bytes()
        except OSError:
            return None
        parts.append(f"{file.relative_to(root) if file.is_relative_to(root) else file}:{len(data)}")
        parts.append(data.decode("utf-8", "surrogateescape"))
    return parts


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _project_root(target: str) -> Path | None:
    """The directory on ``sys.path`` that the models are imported from: above a file's package
    folders (those with ``__init__.py``), or where a top-level package is found (the working
    directory first, as the loader puts it)."""
    if target.endswith(".py"):
        folder = Path(target).resolve().parent
        while (folder / "__init__.py").is_file() and folder.parent != folder:
            folder = folder.parent
        return folder if folder.is_dir() else None
    top = target.split(".", 1)[0]
    cwd = Path.cwd()
    if (cwd / top).is_dir() or (cwd / f"{top}.py").is_file():
        return cwd
    try:
        spec = importlib.util.find_spec(top)  # a top-level name: nothing is imported
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin or spec.origin in ("built-in", "frozen"):
        return None
    origin = Path(spec.origin)
    return origin.parent.parent if origin.name == "__init__.py" else origin.parent


def _python_files(root: Path) -> list[Path]:
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS)
        found.extend(Path(folder, f) for f in sorted(files) if f.endswith(".py"))
        if len(found) > MAX_FILES:
            break
    return found


def _git_commit(source: str) -> list[str] | None:
    """``git:REF:path:attr``: the commit REF names now."""
    parts = source.split(":")
    if len(parts) < 3:
        return None
    try:
        done = subprocess.run(["git", "rev-parse", "--verify", f"{parts[1]}^{{commit}}"], capture_output=True,
                              text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    commit = done.stdout.strip()
    return [f"commit:{commit}"] if done.returncode == 0 and commit else None


def _version_of(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "none"
