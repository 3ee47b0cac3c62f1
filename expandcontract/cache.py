"""Edge: the lint result cache, like ruff's. A migration's findings depend on its own text, on
the schema every earlier migration leaves, on the configuration and on the code of the linter:
its key hashes all of them as a chain,

    key(0) = hash(format, version, code, configuration, baseline text)
    key(n) = hash(key(n-1), migration n: name, path, scripts and their text)

so a change to any earlier file, the baseline, a flag or the linter changes every later key: a
stale finding is never served. The cache also keeps the schema after the last migration of a
run, so a run that appends a migration replays only the new one.

Entries are packed per set of linted paths (one file read per run, not one per migration),
written to a temporary file and renamed into place: two runs at once each see a whole pack, the
last one to finish wins, and both are right because lookups are by key. An unreadable pack (an
older format, a crash while writing on a filesystem without atomic rename) is a miss.
"""

from __future__ import annotations

import contextlib
import copyreg
import os
import pickle
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, cast

from . import runcache
from ._version import __version__
from .result import LintResult, assemble

try:  # the module behind hashlib.blake2b, without loading OpenSSL (milliseconds at every start)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover
    from hashlib import blake2b

if TYPE_CHECKING:
    from .config import Config
    from .core.migration import Migration
    from .core.schema import Schema
    from .result import MigrationLint

__all__ = ["LintCache", "blake2b", "default_cache_dir"]

FORMAT = 1
_PACK_SUFFIX = ".pack"



def _read_only(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(mapping)


# schema values hold read-only mappings; the pickle keeps them read-only
copyreg.pickle(MappingProxyType, lambda proxy: (_read_only, (dict(proxy),)))


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/expandcontract`` when set, else the platform's user cache directory."""
    return Path(runcache.default_cache_dir())


def _code_fingerprint() -> bytes:
    return runcache.code_fingerprint()


def _migration_bytes(migration: Migration) -> bytes:
    parts = [migration.name, migration.path, *migration.aliases]
    for script in migration.scripts:
        source_map = sorted(script.source_map.items()) if script.source_map else None
        parts += [script.path, str(script.kind), str(script.first_line), repr(source_map), script.text]
    return "\0".join(f"{len(p)}:{p}" for p in parts).encode("utf-8", "surrogatepass")


class LintCache:
    """Findings per migration and the schema a run leaves, under ``root``."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root) / f"v{FORMAT}"
        self._chain: str | None = None

    def lint(
        self,
        migrations: Sequence[Migration],
        *,
        config: Config,
        baseline_text: str | None,
        replay_baseline: Callable[[], Schema | None],
        locator: Sequence[str],
    ) -> LintResult:
        """``lint_migrations`` with every migration found in the cache served from it; the rest
        linted on the schema the cached ones leave (replayed from the baseline only when that
        schema is not kept)."""
        def replay() -> Schema:
            from .lint import lint_each

            schema = replay_baseline() or _empty()
            for part in lint_each(migrations, config=config, baseline=schema):
                schema = part.schema_after or schema
            return schema

        base = blake2b(digest_size=20)
        for part in (f"v{FORMAT}", __version__, sys.version, _code_fingerprint().hex(), repr(config),
                     "" if baseline_text is None else "baseline:" + baseline_text):
            base.update(part.encode("utf-8", "surrogatepass") + b"\0")
        keys = []
        chain = base.digest()
        for migration in migrations:
            chain = blake2b(chain + _migration_bytes(migration), digest_size=20).digest()
            keys.append(chain.hex())
        self._chain = chain.hex()  # what the result is made of, for ``report``
        pack_path = self._pack_path(base.hexdigest(), locator)
        pack = self._read(pack_path)
        records: dict[str, MigrationLint] = pack.get("records", {})
        schemas: dict[str, bytes] = pack.get("schemas", {})
        hits = 0
        while hits < len(keys) and keys[hits] in records:
            hits += 1
        if keys and hits == len(keys) and keys[-1] in schemas:  # every migration served from the cache
            result = assemble(migrations, [records[k] for k in keys], cast("Schema", None))
            # the schema is unpickled (or replayed) when read
            return _Served(result.findings, result.files, result.statements, result.unparsed,
                           cast("Schema", (schemas[keys[-1]], replay)), result.scripts, result.file_stats)
        # lint from the last cached migration whose schema is kept, else from the baseline
        start = hits if hits and keys[hits - 1] in schemas else 0
        schema = self._schema(schemas[keys[start - 1]]) if start else None
        if schema is None:
            start, schema = 0, replay_baseline() or _empty()
        from .lint import lint_each  # (a run served whole from the cache does not load the linter)

        parts = [records[k] for k in keys[:start]]
        parts += lint_each(migrations[start:], config=config, baseline=schema)
        end = parts[-1].schema_after if parts else schema
        assert end is not None  # (linted now: only cached parts have none)
        self._write(pack_path, keys, parts, end)
        return assemble(migrations, parts, end)

    def report(self, result: LintResult, fmt: str, options: Mapping[str, Any], render: Callable[[], str]) -> str:
        """``render()``, the report of ``result`` in ``fmt``, kept by what it is made of: the
        findings and counts, the format and its options, the code (SARIF lists every rule).
        ``result`` is this cache's last ``lint`` (or the part of it for some of its files): its
        findings are those of the hash chain for those files, not pickled again to be hashed."""
        findings: Any = result.findings if self._chain is None else (self._chain, sorted(result.file_stats))
        made_of = (FORMAT, __version__, _code_fingerprint(), fmt, sorted(options.items()), findings,
                   result.summary())
        key = blake2b(pickle.dumps(made_of, protocol=pickle.HIGHEST_PROTOCOL), digest_size=20).hexdigest()
        path = self.root / "reports" / key[:2] / key
        try:
            with open(path, "rb") as file:
                text = file.read().decode("utf-8")
                runcache.touch(path, os.fstat(file.fileno()).st_mtime)
            return text
        except (OSError, UnicodeDecodeError):
            pass
        text = render()
        with contextlib.suppress(UnicodeEncodeError):  # (a lone surrogate: not kept, still printed)
            _write_atomically(path, text.encode("utf-8"))
        return text

    # -- storage ------------------------------------------------------------------------------

    def _pack_path(self, base: str, locator: Sequence[str]) -> Path:
        where = blake2b("\0".join([base, os.getcwd(), *locator]).encode("utf-8", "surrogatepass"),
                                digest_size=16).hexdigest()
        return self.root / where[:2] / (where + _PACK_SUFFIX)

    @staticmethod
    def _read(path: Path) -> dict[str, Any]:
        try:
            with open(path, "rb") as file:
                pack = pickle.load(file)
                runcache.touch(path, os.fstat(file.fileno()).st_mtime)
        except Exception:  # missing, unreadable, another format or version: a miss, never an error
            return {}
        return pack if isinstance(pack, dict) and pack.get("format") == FORMAT else {}

    @staticmethod
    def _schema(data: bytes | None) -> Schema | None:
        if data is None:
            return None
        try:
            schema: Schema = pickle.loads(data)
        except Exception:
            return None
        return schema

    def _write(self, path: Path, keys: Sequence[str], parts: Sequence[MigrationLint], schema: Schema | None) -> None:
        try:
            pack = {"format": FORMAT, "records": {k: _lean(p) for k, p in zip(keys, parts, strict=True)},
                    "schemas": {keys[-1]: pickle.dumps(schema, protocol=pickle.HIGHEST_PROTOCOL)} if keys else {}}
        except Exception:  # a value that cannot be kept (a bug): the run is still right, only not cached
            return
        _write_atomically(path, pickle.dumps(pack, protocol=pickle.HIGHEST_PROTOCOL))
        runcache.sweep_if_due(self.root.parent)  # (the least recently used entries go past a size)


def _write_atomically(path: Path, data: bytes) -> None:
    """``data`` in ``path``, whole or not at all: written beside it, then renamed over it."""
    runcache.write_atomically(str(path), data)


class _Served(LintResult):
    """A result served whole from the cache: its schema is unpickled when first read. The
    command line never reads it, and the schema model is the largest import a warm run would
    otherwise pay for."""

    @property
    def schema(self) -> Schema:
        value = self.__dict__["_schema"]
        if isinstance(value, tuple):  # (pickled, replay)
            try:
                value = pickle.loads(value[0])
            except Exception:  # unreadable: the same schema, replayed
                value = value[1]()
            self.__dict__["_schema"] = value
        schema: Schema = value
        return schema

    @schema.setter
    def schema(self, value: Schema | tuple[bytes, Callable[[], Schema]]) -> None:  # (set by __init__)
        self.__dict__["_schema"] = value


def _lean(part: MigrationLint) -> MigrationLint:
    """What the cache keeps of a migration: its findings and counts, not its text, parse trees
    or schema."""
    from .core.record import replace

    return replace(part, migration=None, scripts=(), schema_after=None)


def _empty() -> Schema:
    from .core.schema import Schema

    return Schema()
