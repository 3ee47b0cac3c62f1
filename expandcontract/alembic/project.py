"""Opening an Alembic project from what the user points at: ``alembic.ini``, the script
directory, or a folder of revision files.

Relative paths in ``alembic.ini`` (``script_location``, ``version_locations``,
``prepend_sys_path``) are resolved as ``alembic`` resolves them: against the working directory,
``%(here)s`` expanded to the file's folder. A relative path that does not exist there is read
against the file's own folder instead, and ``prepend_sys_path`` entries are put first as
``alembic`` reads them, then as read against the file's folder (``expandcontract lint
path/to/alembic.ini`` from elsewhere: ``alembic`` is run from that folder in the usual layout). A package resource
(``script_location = myapp:migrations``) is imported with ``prepend_sys_path`` first, as
``alembic`` does, so the checkout wins over an installed copy of the app; when one is
shadowed, a note says which was used.
"""

from __future__ import annotations

import configparser
import contextlib
import sys
import traceback
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from alembic.config import Config as AlembicConfig
from alembic.script import Script as Revision
from alembic.script import ScriptDirectory
from alembic.util import CommandError, coerce_resource_to_filename

from ..core.errors import InputError
from ..paths import display_path, why_missing
from .detect import is_revision_file

__all__ = ["AlembicError", "AlembicProject", "open_project", "project_of_revision", "user_code_error"]


class AlembicError(InputError):
    """The Alembic project cannot be read: broken config, revision graph or revision module."""


@dataclass
class AlembicProject:
    config: AlembicConfig
    scripts: ScriptDirectory
    source: str  # what the user named, for messages
    sys_paths: tuple[str, ...]  # where the revisions import the app from
    notes: tuple[str, ...] = ()  # one line each, for stderr: which copy of the app was used

    @contextlib.contextmanager
    def importable(self) -> Iterator[None]:
        """Revisions import the app (``from myapp import models``): make that work, then undo."""
        saved = list(sys.path)
        sys.path[:0] = [p for p in self.sys_paths if p not in sys.path]
        try:
            yield
        finally:
            sys.path[:] = saved

    def holds(self, file: Path) -> bool:
        """``file`` is in one of the project's version locations."""
        locations = [Path(p).resolve() for p in self.scripts._version_locations]
        recursive = getattr(self.scripts, "recursive_version_locations", False)
        return any(file.parent == loc or (recursive and file.is_relative_to(loc)) for loc in locations)

    def revisions(self) -> list[Revision]:
        """Every revision, each after those it revises and depends on (``alembic upgrade heads``
        order)."""
        with warnings.catch_warnings(record=True) as warned:
            warnings.simplefilter("always")
            try:
                walked = list(self.scripts.walk_revisions("base", "heads"))
            except CommandError as exc:
                raise AlembicError(self.source, f"cannot read the revision graph: {_one_line(exc)}") from None
            except Exception as exc:
                missing = [str(w.message) for w in warned if "is not present" in str(w.message)]
                if missing:  # Alembic warns about a dangling down_revision, then fails on it
                    raise AlembicError(self.source, f"cannot read the revision graph: {missing[0]}") from None
                raise user_code_error(exc, self.scripts.dir, "cannot load the revision") from None
        walked.reverse()
        return walked


def open_project(path: Path) -> AlembicProject:
    if not path.exists():  # as lint says it of any path it cannot find
        raise AlembicError(str(path), why_missing(path))
    if path.is_file():
        return _from_ini(path)
    if (path / "env.py").is_file() or (path / "script.py.mako").is_file() or (path / "versions").is_dir():
        return _from_directory(path, version_locations=None)
    if any(is_revision_file(child) for child in path.iterdir()):
        return _from_directory(path.parent, version_locations=[str(path)])
    raise AlembicError(str(path), "not an Alembic project: no env.py, script.py.mako or revision files")


def project_of_revision(path: Path) -> AlembicProject:
    """The project a revision file belongs to: the nearest ``alembic.ini`` above it whose version
    locations hold it, else the nearest script directory (``env.py`` beside ``versions/``) that
    holds it, else its own folder read as a versions folder."""
    revision = path.resolve()
    for folder in revision.parents:
        ini = folder / "alembic.ini"
        if ini.is_file():
            try:
                project = _from_ini(ini)
            except AlembicError:
                continue  # not this one's project (or broken): the folder fallback still reads the revision
            if project.holds(revision):
                return project
        if (folder / "env.py").is_file() and revision.is_relative_to(folder / "versions"):
            return _from_directory(folder, version_locations=None)
    return _from_directory(revision.parent.parent, version_locations=[str(revision.parent)])


def _from_ini(path: Path) -> AlembicProject:
    config = AlembicConfig(str(path))
    base = path.resolve().parent
    try:
        if not config.file_config.has_section(config.config_ini_section):
            raise AlembicError(str(path), f"no [{config.config_ini_section}] section: not an alembic.ini")
        location = config.get_main_option("script_location")
        sys_paths = config.get_prepend_sys_paths_list() or []
        versions = config.get_version_locations_list() or []
        recursive = config.get_alembic_boolean_option("recursive_version_locations")
        sourceless = config.get_alembic_boolean_option("sourceless")
    except (configparser.Error, CommandError, ValueError) as exc:
        raise AlembicError(str(path), f"cannot read: {_one_line(exc)}") from None
    if not location:
        raise AlembicError(str(path), "no script_location in [alembic]")
    # as alembic: against the working directory; then against the file's folder, so that linting
    # path/to/alembic.ini from elsewhere still imports the app
    prepend = tuple(dict.fromkeys(str(p) for value in sys_paths
                                  for p in ((Path.cwd() / value).resolve(), (base / value).resolve())))
    notes: tuple[str, ...] = ()
    try:
        if _is_package_resource(location):
            saved = list(sys.path)
            sys.path[:0] = [p for p in prepend if p not in sys.path]
            try:
                directory = str(coerce_resource_to_filename(location))
            finally:
                sys.path[:] = saved
            notes = _shadowed(path, location, prepend)
        else:
            directory = str(_against(base, location))
        scripts = ScriptDirectory(
            directory,
            version_locations=[str(_against(base, v)) for v in versions] or None,
            recursive_version_locations=recursive,
            sourceless=sourceless,
        )
    except (CommandError, ImportError) as exc:
        raise AlembicError(str(path), f"script_location {location}: {_one_line(exc)}") from None
    config.set_main_option("script_location", directory.replace("%", "%%"))
    return AlembicProject(config, scripts, str(path), prepend, notes)


def _from_directory(directory: Path, version_locations: list[str] | None) -> AlembicProject:
    config = AlembicConfig()
    config.set_main_option("script_location", str(directory).replace("%", "%%"))
    try:
        scripts = ScriptDirectory(str(directory), version_locations=version_locations)
    except CommandError as exc:
        raise AlembicError(str(directory), _one_line(exc)) from None
    # the usual layout: the app's package sits next to the script directory
    return AlembicProject(config, scripts, str(directory), (str(directory.resolve().parent),))


def _against(base: Path, value: str) -> Path:
    """A path of alembic.ini as ``alembic`` reads it (the working directory), else against the
    file's folder."""
    path = Path(value)
    if path.is_absolute():
        return path
    here = (Path.cwd() / path).resolve()
    return here if here.exists() else (base / path).resolve()


def _shadowed(ini: Path, location: str, prepend: tuple[str, ...]) -> tuple[str, ...]:
    """A note when the package of ``script_location`` came from ``prepend_sys_path`` (the
    checkout) while another copy is installed."""
    import importlib.machinery
    import os

    top = location.split(":")[0].split(".")[0]
    module = sys.modules.get(top)
    here = getattr(module, "__file__", None)
    if not here:
        return ()
    others = [p for p in sys.path if p and os.path.realpath(p) not in {os.path.realpath(q) for q in prepend}]
    spec = importlib.machinery.PathFinder.find_spec(top, others)
    if spec is None or not spec.origin or os.path.realpath(spec.origin) == os.path.realpath(here):
        return ()
    return (f"{ini}: script_location {location}: imported {top} from {display_path(os.path.dirname(here))} "
            f"(prepend_sys_path, the checkout), not the installed {display_path(os.path.dirname(spec.origin))}",)


def _is_package_resource(location: str) -> bool:
    """``myapp:migrations`` names a folder inside an importable package."""
    return ":" in location and not Path(location).is_absolute() and location[1:3] != ":\\"


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def user_code_error(exc: BaseException, under: str, what: str) -> AlembicError:
    """An exception raised by a revision module, as one line naming the revision file and line."""
    root = str(Path(under).resolve())
    if isinstance(exc, SyntaxError) and exc.filename:
        return AlembicError(exc.filename, f"{what}: {exc.msg}", exc.lineno)
    place = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if str(Path(frame.filename).resolve()).startswith(root):
            place = frame
    message = f"{what}: {type(exc).__name__}: {_one_line(exc)}"
    if place is None:
        return AlembicError(under, message)
    return AlembicError(place.filename, message, place.lineno)
