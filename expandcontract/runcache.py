"""Edge: the run cache. A ``lint`` run that printed a report keeps it, with every input it read:
the files (by content), the folders it walked (by listing), the configuration files it looked
for and did not find. The next run with the same arguments, in the same folder, with the same
code and terminal settings, checks those inputs and, when none changed, prints that report
again and exits with the same code, before the command line, the configuration, the parser or
the linter are imported (``__main__.main``).

An input is read again only when its stat (size, modification and change times, inode)
differs from the one taken before it was read, or was taken less than ``_RACY_NS`` after its
last modification (a write in the same clock tick would not change the stat): then its content
decides. A run that read something this module does not track (an Alembic project, application
models as the baseline) is not kept. Entries are written atomically, beside the result cache
(``cache.py``) and evicted with it.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import time
from collections.abc import Iterable
from typing import Any

try:  # the module behind hashlib.blake2b, without loading OpenSSL (milliseconds at every start)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover
    from hashlib import blake2b

from ._version import __version__

__all__ = [
    "code_fingerprint", "default_cache_dir", "finish", "note_absent", "note_folder", "note_read", "poison",
    "serve", "sweep", "sweep_if_due", "touch", "write_atomically",
]

FORMAT = 1
_RACY_NS = 3_000_000_000  # FAT keeps modification times to 2 s
# options with which a run is never served: no cache, a server's answer, output to a file, help
_NEVER = frozenset({"--no-cache", "--trace", "--database-url", "--output", "-o", "--help", "-h", "--scratch-url"})


def default_cache_dir() -> str:
    """``$XDG_CACHE_HOME/expandcontract`` when set, else the platform's user cache directory."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return os.path.join(xdg, "expandcontract")
    home = os.path.expanduser("~")
    if sys.platform == "darwin":
        return os.path.join(home, "Library", "Caches", "expandcontract")
    if os.name == "nt":
        local = os.environ.get("LOCALAPPDATA") or os.path.join(home, "AppData", "Local")
        return os.path.join(local, "expandcontract", "Cache")
    return os.path.join(home, ".cache", "expandcontract")


_fingerprint: bytes | None = None


def code_fingerprint() -> bytes:
    """Every file of the package (modules, compiled extensions, the rule docs shipped inside
    it) and of the source checkout's ``rules/`` docs, by name, size and modification time: an
    edited rule or rule doc (an editable install) must not be served what the code before the
    edit printed. The rule docs are the SARIF report's help text."""
    global _fingerprint
    if _fingerprint is None:
        package = os.path.dirname(os.path.abspath(__file__))
        found: list[tuple[str, int, int]] = []
        _stat_tree(package, "", found)
        if not os.path.isdir(os.path.join(package, "_rule_docs")):  # a source checkout: its rules/ folder
            _stat_tree(os.path.join(os.path.dirname(package), "rules"), "../rules/", found)
        found.sort()
        _fingerprint = blake2b(marshal.dumps(found), digest_size=16).digest()
    return _fingerprint


def _stat_tree(folder: str, prefix: str, found: list[tuple[str, int, int]]) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.is_dir():
            if entry.name != "__pycache__":
                _stat_tree(entry.path, f"{prefix}{entry.name}/", found)
        elif not entry.name.endswith((".pyc", ".pyo")):
            stat = entry.stat()
            found.append((prefix + entry.name, stat.st_size, stat.st_mtime_ns))


def write_atomically(path: str, data: bytes) -> bool:
    """``data`` in ``path``, whole or not at all: written beside it, then renamed over it. False
    when it could not be written (a read-only or full disk: the run is still right, only not kept)."""
    import tempfile  # (only a run that writes)

    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=".tmp-", dir=os.path.dirname(path))
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(data)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        return False
    return True


# -- eviction: the cache stays under a size, the least recently used entries go first -------

MAX_BYTES = 512 * 2**20  # EXPANDCONTRACT_CACHE_MAX_MB overrides it
MAX_AGE = 60 * 86400  # an entry unused this long goes whatever the size
_SWEEP_EVERY = 600  # seconds between two sweeps of one cache
_TOUCH_AFTER = 3600  # an entry read is marked used (its mtime) at most this often


def touch(path: str | os.PathLike[str], mtime: float) -> None:
    """Mark an entry that was just read (modified at ``mtime``) as used: the sweep evicts by
    modification time. At most once an hour per entry, so a warm run writes next to nothing."""
    if time.time() - mtime > _TOUCH_AFTER:
        with contextlib.suppress(OSError):  # (a read-only cache is still read)
            os.utime(path)


def sweep_if_due(root: str | os.PathLike[str]) -> None:
    """``sweep`` the cache under ``root`` when the last sweep is ``_SWEEP_EVERY`` seconds old
    (called after a run wrote to it)."""
    stamp = os.path.join(root, "swept")
    with contextlib.suppress(OSError):
        if time.time() - os.stat(stamp).st_mtime < _SWEEP_EVERY:
            return
    if write_atomically(stamp, b""):  # (first: another run starting now does not sweep as well)
        limit = os.environ.get("EXPANDCONTRACT_CACHE_MAX_MB")
        try:
            max_bytes = int(float(limit) * 2**20) if limit else MAX_BYTES
        except ValueError:
            max_bytes = MAX_BYTES
        sweep(root, max_bytes=max_bytes)


def sweep(root: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES, max_age: float = MAX_AGE) -> int:
    """Delete the entries unused for ``max_age`` seconds, then the least recently used until the
    cache holds at most 80 % of ``max_bytes`` when it held more; the bytes deleted. Safe while
    other runs use the cache: every entry is written whole and renamed into place, a run that
    finds one gone misses, and a file being written (``.tmp-``) is left alone for an hour."""
    now = time.time()
    entries: list[tuple[float, int, str]] = []
    stale: list[tuple[int, str]] = []
    folders = [os.fspath(root)]
    while folders:
        try:
            with os.scandir(folders.pop()) as found:
                for entry in found:
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            folders.append(entry.path)
                            continue
                        stat = entry.stat(follow_symlinks=False)
                    except OSError:
                        continue
                    if entry.name == "swept":
                        continue
                    if entry.name.startswith(".tmp-"):
                        if now - stat.st_mtime > 3600:  # (left by a run that was killed)
                            stale.append((stat.st_size, entry.path))
                    elif now - stat.st_mtime > max_age:
                        stale.append((stat.st_size, entry.path))
                    else:
                        entries.append((stat.st_mtime, stat.st_size, entry.path))
        except OSError:
            continue
    total = sum(size for _, size, _ in entries)
    if total > max_bytes:
        entries.sort()
        for _, size, path in entries:
            stale.append((size, path))
            total -= size
            if total <= max_bytes * 0.8:
                break
    deleted = 0
    for size, path in stale:
        with contextlib.suppress(OSError):  # (gone already: another run swept it)
            os.unlink(path)
            deleted += size
    return deleted


# -- serving ------------------------------------------------------------------------------------


def _run_key(argv: list[str]) -> tuple[str, str] | None:
    """(cache root, key) of a ``lint`` run that may be served, else None."""
    if not argv or argv[0] != "lint":
        return None
    root = None
    args = iter(argv[1:])
    for arg in args:
        if arg == "--":
            break
        name = arg.split("=", 1)[0]
        if name in _NEVER:
            return None
        if name == "--cache-dir":
            root = arg[len("--cache-dir="):] if "=" in arg else next(args, None)
            if not root:
                return None
    root = os.path.abspath(root or default_cache_dir())
    try:
        terminal = os.isatty(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # (a replaced stdout: not a terminal)
        terminal = False
    made_of = (FORMAT, __version__, sys.version, sys.executable, code_fingerprint(), tuple(argv), os.getcwd(),
               terminal, "NO_COLOR" in os.environ, getattr(sys.stdout, "encoding", None),
               os.environ.get("PYTHONPATH"))
    return root, blake2b(marshal.dumps(made_of), digest_size=20).hexdigest()


def _entry_path(root: str, key: str) -> str:
    return os.path.join(root, f"v{FORMAT}", "runs", key[:2], key)


def serve(argv: list[str]) -> None:
    """Print the report a run with these arguments printed before and exit with its code, if
    none of its inputs changed; else start recording this run's inputs (``finish`` keeps them)."""
    global _recorder
    found = _run_key(argv)
    if found is None:
        return
    root, key = found
    path = _entry_path(root, key)
    try:
        with open(path, "rb") as file:
            data = file.read()
            mtime = os.fstat(file.fileno()).st_mtime
        entry = marshal.loads(data)
    except Exception:  # none yet, or unreadable: a miss
        entry = None
    if isinstance(entry, tuple) and len(entry) == 6 and entry[0] == FORMAT and _unchanged(*entry[1:4]):
        text, code = entry[4], entry[5]
        touch(path, mtime)
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:  # `expandcontract lint | head`: the reader left, nothing to say
            sys.stderr.close()
            sys.exit(1)
        sys.exit(code)
    _recorder = _Recorder(root, key)


def _unchanged(files: Any, folders: Any, absent: Any) -> bool:
    try:
        for name in absent:
            if os.path.isfile(name):
                return False
        for name, digest in folders:
            if _listing(name) != digest:
                return False
        for name, size, mtime, ctime, inode, racy, digest in files:
            stat = os.stat(name)
            if (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino) == (size, mtime, ctime, inode) \
                    and not racy:
                continue
            if stat.st_size != size:
                return False
            with open(name, "rb") as file:
                if blake2b(file.read(), digest_size=20).digest() != digest:
                    return False
    except (OSError, ValueError, TypeError):
        return False
    return True


def _listing(folder: str) -> bytes:
    """What walking ``folder`` can see of it: its names, and which are folders."""
    with os.scandir(folder) as entries:
        names = sorted((entry.name, entry.is_dir()) for entry in entries)
    return blake2b(marshal.dumps(names), digest_size=20).digest()


# -- recording ----------------------------------------------------------------------------------


class _Recorder:
    def __init__(self, root: str, key: str) -> None:
        self.root = root
        self.key = key
        self.files: dict[str, tuple[int, int, int, int, bool, bytes]] = {}
        self.folders: dict[str, bytes] = {}
        self.absent: set[str] = set()
        self.poisoned = False


_recorder: _Recorder | None = None


def note_read(path: str | os.PathLike[str], data: bytes, stat: os.stat_result) -> None:
    """``data`` was read from ``path``, whose stat was ``stat`` before it was read."""
    if _recorder is not None:
        racy = time.time_ns() - stat.st_mtime_ns < _RACY_NS
        _recorder.files[os.fspath(path)] = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, racy,
                                            blake2b(data, digest_size=20).digest())


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The content of ``path``, noted as an input of this run."""
    with open(path, "rb") as file:
        if _recorder is None:
            return file.read()
        stat = os.fstat(file.fileno())
        data = file.read()
    note_read(path, data, stat)
    return data


def note_folder(path: str | os.PathLike[str]) -> None:
    """``path`` is about to be listed or looked into (call it before: a change after the note
    and before the listing then only makes the next run a miss)."""
    if _recorder is not None:
        name = os.fspath(path)
        if name not in _recorder.folders:
            try:
                _recorder.folders[name] = _listing(name)
            except (NotADirectoryError, FileNotFoundError):  # a file, or nothing (then an error follows)
                pass
            except OSError:
                _recorder.poisoned = True


def note_absent(paths: Iterable[str | os.PathLike[str]]) -> None:
    """These paths were looked for and are not files."""
    if _recorder is not None:
        _recorder.absent.update(os.fspath(p) for p in paths)


def poison() -> None:
    """This run read an input the run cache does not track: it is not kept."""
    if _recorder is not None:
        _recorder.poisoned = True


def finish(text: str, code: int) -> None:
    """Keep the report ``text`` and exit ``code`` of this run for the next one with the same
    arguments (only when ``serve`` started recording it and nothing untracked was read)."""
    global _recorder
    recorder, _recorder = _recorder, None
    if recorder is None or recorder.poisoned:
        return
    files = tuple((name, *stat) for name, stat in sorted(recorder.files.items()))
    entry = (FORMAT, files, tuple(sorted(recorder.folders.items())), tuple(sorted(recorder.absent)), text, code)
    try:
        data = marshal.dumps(entry)
    except ValueError:  # (cannot happen with these types; never an error for the run)
        return
    if write_atomically(_entry_path(recorder.root, recorder.key), data):
        sweep_if_due(recorder.root)
