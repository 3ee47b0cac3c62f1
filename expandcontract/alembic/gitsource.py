"""SQLAlchemy models as they were at a git revision: ``git:REF:path/models.py:Base``.

A CI job compares the base branch's models (the app that is live while a migration runs) with
the working tree's (the app being deployed). The package holding the models file is extracted at
REF with ``git archive`` into a temporary folder and imported there, in isolation: modules of the
same name already imported from the working tree are set aside and put back afterwards, so the
two versions never mix.

``ATTR`` (after the last ``:``) names a ``MetaData``, or anything with a ``.metadata`` (a
declarative ``Base``, a ``registry``, Flask-SQLAlchemy's ``db``); without it the module's
``metadata`` / ``Base`` is used.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import re
import subprocess
import sys
import tarfile
import tempfile
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import sqlalchemy as sa

from ..core.errors import InputError

__all__ = [
    "GitModels",
    "GitSourceError",
    "GitSpec",
    "extracted_models",
    "is_git_spec",
    "load_metadata_from_git",
    "load_models_from_git",
    "parse_git_spec",
]

PREFIX = "git:"
_ATTR = re.compile(r"[A-Za-z_][\w.]*\Z")


class GitSourceError(InputError):
    """The models cannot be loaded from git: unknown revision, missing file, failing import."""

    def __init__(self, spec: str, message: str) -> None:
        super().__init__(spec, message)


@dataclass(frozen=True)
class GitSpec:
    ref: str
    path: str  # as written: relative to the folder the spec is read from
    attr: str | None


def is_git_spec(spec: str) -> bool:
    return spec.startswith(PREFIX)


def parse_git_spec(spec: str) -> GitSpec:
    """``git:REF:path/models.py:Base`` (``:Base`` optional; refs never hold ``:``).

    >>> parse_git_spec("git:origin/main:app/models.py:Base")
    GitSpec(ref='origin/main', path='app/models.py', attr='Base')
    >>> parse_git_spec("git:HEAD~1:models.py")
    GitSpec(ref='HEAD~1', path='models.py', attr=None)
    """
    if not is_git_spec(spec):
        raise GitSourceError(spec, "not a git source: write git:REF:path/models.py:Base")
    ref, _, rest = spec[len(PREFIX):].partition(":")
    path, attr = rest, None
    head, _, tail = rest.rpartition(":")
    if head and _ATTR.match(tail):
        path, attr = head, tail
    if not ref or not path:
        raise GitSourceError(spec, "write git:REF:path/models.py:Base (REF a branch, tag or commit)")
    if not path.endswith(".py"):
        raise GitSourceError(spec, f"{path} is not a Python file: name the module that defines the models")
    return GitSpec(ref, path, attr)


@dataclass(frozen=True)
class GitModels:
    """Models loaded from git: the object the spec names, its MetaData, and the file's text at REF
    (the file itself is gone once loaded: use ``text`` for line numbers)."""

    ref: str
    commit: str
    path: str  # the models file, relative to the repository root
    text: str
    target: object  # what ATTR names: a MetaData, a declarative Base, a registry …
    metadata: sa.MetaData


def load_metadata_from_git(spec: str, repo_dir: str | Path = ".") -> sa.MetaData:
    """The ``MetaData`` of the models ``spec`` names, as they were at its git revision.

    ``repo_dir`` is the folder the spec's path is relative to (inside the repository).
    """
    return load_models_from_git(spec, repo_dir).metadata


def load_models_from_git(spec: str, repo_dir: str | Path = ".") -> GitModels:
    with extracted_models(spec, repo_dir) as tree:
        folder = Path(tree.folder)
        text = (folder / tree.path).read_text(encoding="utf-8", errors="replace")
        with _isolated_import(Path(tree.root)) as import_module:
            try:
                loaded = import_module(tree.module)
            except Exception as exc:
                raise GitSourceError(spec, _import_failure(exc, folder, tree.ref)) from None
            target, metadata = _metadata_of(loaded, tree.attr, spec)
    return GitModels(tree.ref, tree.commit, tree.path, text, target, metadata)


@dataclass(frozen=True)
class ExtractedModels:
    """A models file's package as it was at REF, extracted into ``root`` (a temporary folder)."""

    ref: str
    commit: str  # the full commit REF names
    folder: str  # the temporary folder the repository's files were extracted into
    path: str  # the models file, relative to the repository root
    root: str  # put this first on sys.path
    module: str  # and import this
    attr: str | None
    prefix: str = "."  # where root is in the repository

    def relative(self, file: str) -> str:
        """A file of the extracted tree as a repository path."""
        try:
            rel = Path(file).resolve().relative_to(Path(self.root).resolve()).as_posix()
        except ValueError:
            return self.path
        return rel if self.prefix in ("", ".") else f"{self.prefix}/{rel}"


@contextlib.contextmanager
def extracted_models(spec: str, repo_dir: str | Path = ".") -> Iterator[ExtractedModels]:
    """The package of ``git:REF:path/models.py:Base`` extracted at REF, for a subprocess to import."""
    parsed = parse_git_spec(spec)
    git = _Git(Path(repo_dir), spec)
    root = git.toplevel()
    commit = git.commit(parsed.ref)
    file = PurePosixPath((Path(repo_dir).resolve() / parsed.path).resolve().relative_to(root).as_posix())
    if not git.exists(commit, file):
        raise GitSourceError(spec, f"{file} does not exist at {parsed.ref} ({commit[:12]})")
    package_root = file.parent
    while package_root != PurePosixPath(".") and git.exists(commit, package_root / "__init__.py"):
        package_root = package_root.parent
    module = ".".join((*file.relative_to(package_root).parent.parts, file.stem))
    top = module.split(".")[0]
    extract = package_root / top if top != file.stem else package_root
    with tempfile.TemporaryDirectory(prefix="ec-git-") as folder:
        git.extract(commit, extract, only_python=extract == package_root, into=Path(folder))
        yield ExtractedModels(parsed.ref, commit, folder, file.as_posix(), str(Path(folder) / package_root), module,
                              parsed.attr, package_root.as_posix())


def _metadata_of(module, attr: str | None, spec: str) -> tuple[object, sa.MetaData]:
    names = [attr] if attr else ["metadata", "Base", "db"]
    for name in names:
        value = module
        try:
            for part in name.split("."):
                value = getattr(value, part)
        except AttributeError:
            continue
        if isinstance(value, sa.MetaData):
            return value, value
        if isinstance(getattr(value, "metadata", None), sa.MetaData):
            return value, value.metadata
        if attr:
            raise GitSourceError(spec, f"{attr} is neither a MetaData nor has a .metadata (a declarative Base)")
    if attr:
        raise GitSourceError(spec, f"the module has no {attr}")
    raise GitSourceError(spec, "the module has no metadata, Base or db: name it, e.g. git:REF:app/models.py:Base")


def _import_failure(exc: BaseException, folder: Path, ref: str) -> str:
    """The failing import as a place in the old file: ``app/models.py:12 at REF: …``."""
    place = ""
    for frame in traceback.extract_tb(exc.__traceback__):
        with contextlib.suppress(ValueError):
            place = f"{Path(frame.filename).resolve().relative_to(folder.resolve()).as_posix()}:{frame.lineno} "
    if isinstance(exc, SyntaxError) and exc.filename:
        with contextlib.suppress(ValueError):
            place = f"{Path(exc.filename).resolve().relative_to(folder.resolve()).as_posix()}:{exc.lineno} "
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"importing the models at {ref} failed: {place}{type(exc).__name__}: {message}".replace(" :", ":")


@contextlib.contextmanager
def _isolated_import(folder: Path) -> Iterator:
    """Import from ``folder`` first. Modules of the same names imported from elsewhere (the working
    tree) are set aside meanwhile and put back afterwards; what was imported from ``folder`` is
    forgotten."""
    tops = {p.stem for p in folder.glob("*.py")} | {p.name for p in folder.iterdir() if (p / "__init__.py").is_file()}

    def ours(name: str) -> bool:
        return name.split(".")[0] in tops

    saved_path = list(sys.path)
    aside = {name: sys.modules.pop(name) for name in list(sys.modules) if ours(name)}
    sys.path.insert(0, str(folder))
    importlib.invalidate_caches()
    try:
        yield importlib.import_module
    finally:
        sys.path[:] = saved_path
        for name in [n for n in sys.modules if ours(n)]:
            del sys.modules[name]
        sys.modules.update(aside)
        importlib.invalidate_caches()


class _Git:
    def __init__(self, directory: Path, spec: str) -> None:
        self.directory, self.spec = directory, spec

    def run(self, *args: str, binary: bool = False):
        try:
            done = subprocess.run(["git", "-C", str(self.directory), *args], capture_output=True, check=False,
                                  text=not binary, timeout=120)
        except FileNotFoundError:
            raise GitSourceError(self.spec, "git is not installed (needed for git: model sources)") from None
        except subprocess.TimeoutExpired:
            raise GitSourceError(self.spec, f"git {args[0]} did not finish in 120 s") from None
        return done

    def toplevel(self) -> Path:
        """The repository root; later commands run there (pathspecs are relative to it)."""
        done = self.run("rev-parse", "--show-toplevel")
        if done.returncode:
            raise GitSourceError(self.spec, f"{self.directory} is not inside a git repository")
        self.directory = Path(done.stdout.strip()).resolve()
        return self.directory

    def commit(self, ref: str) -> str:
        done = self.run("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
        if done.returncode:
            raise GitSourceError(self.spec, f"unknown git revision {ref!r} (fetch it first in CI: "
                                 f"git fetch origin {ref.removeprefix('origin/')})")
        return done.stdout.strip()

    def exists(self, commit: str, path: PurePosixPath) -> bool:
        return self.run("cat-file", "-e", f"{commit}:{path.as_posix()}").returncode == 0

    def extract(self, commit: str, path: PurePosixPath, *, only_python: bool, into: Path) -> None:
        """Files under ``path`` at ``commit``; only the ``.py`` files right in it for a folder that
        is not a package (it may be the repository root)."""
        where = "" if path == PurePosixPath(".") else f"{path.as_posix()}/"
        pathspec = f":(glob){where}*.py" if only_python else (where or ".")
        done = self.run("archive", "--format=tar", commit, "--", pathspec, binary=True)
        if done.returncode:
            error = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise GitSourceError(self.spec, f"git archive failed: {error[0] if error else done.returncode}")
        with tarfile.open(fileobj=io.BytesIO(done.stdout)) as archive:
            try:
                archive.extractall(into, filter="data")
            except TypeError:  # Python without extraction filters; git archive output is trusted
                archive.extractall(into)
