"""The Python API for linting files: the edge between the filesystem and the pure linter.

Usage::

    from expandcontract.api import lint_paths
    result = lint_paths(["migrations/"], schema="schema.sql")
    for finding in result.findings:
        print(finding.file, finding.line, finding.code, finding.message)
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config
from .core.errors import ConfigError, InputError
from .core.record import replace
from .sources import applied_since, load_sources, read_text

if TYPE_CHECKING:
    from .cache import LintCache
    from .core.schema import Schema
    from .lint import LintResult

__all__ = ["baseline_from_text", "lint_paths", "load_baseline", "read_baseline", "replay_baseline"]


def load_baseline(path: str | None, *, dialect: str = "postgres") -> Schema | None:
    """Replay a baseline schema file (plain DDL or ``pg_dump --schema-only``)."""
    return replay_baseline(path, read_baseline(path, dialect), dialect=dialect)


def read_baseline(path: str | None, dialect: str = "postgres") -> str | None:
    """The baseline's DDL text: the file's, or the models' (``models.py:Base``) for ``dialect``."""
    if not path:
        return None
    file = Path(path)
    if not file.is_file():
        from .appmodels import is_models_ref, models_ddl

        if is_models_ref(path):  # the models' own DDL, as metadata.create_all writes it
            from .runcache import poison

            poison()  # (the run cache does not follow what importing the models reads)
            return models_ddl(path, dialect)
        raise InputError(path, "schema file not found")
    return read_text(file)


def replay_baseline(path: str | None, text: str | None, *, dialect: str = "postgres") -> Schema | None:
    """The schema the baseline text (read from ``path``) describes."""
    if path is None or text is None:
        return None
    from .core.parse import blank_psql_meta_commands, parse_sql
    from .core.schema import Schema

    statements = parse_sql(blank_psql_meta_commands(text), dialect=dialect)  # pg_dump writes \restrict lines
    broken = next((s for s in statements if s.node is None), None)
    if broken is not None:
        raise InputError(path, f"cannot parse the baseline schema: {broken.error}", broken.error_line)
    # the baseline is the whole database the migrations start from: what it lacks does not exist
    schema = replace(Schema.from_statements(statements), complete=True)
    if dialect == "mysql":  # the MySQL catalog (charsets, comments, positions) replayed alongside
        from .core.mysql.catalog import Catalog

        schema = replace(schema, mysql=Catalog.from_sql(text))
    return schema


def baseline_from_text(text: str, *, dialect: str = "postgres", path: str = "<schema>") -> Schema:
    """The schema a baseline script leaves (``path`` names it in errors)."""
    return replay_baseline(path, text, dialect=dialect)


def lint_paths(
    paths: Sequence[str | Path] = (),
    *,
    config: Config = Config(),
    schema: str | None = None,
    since: str | None = None,
    cache: LintCache | None = None,
) -> LintResult:
    """Lint migration files and directories (or ``config.paths`` when ``paths`` is empty).
    ``since`` names the last migration production already has: only those after it are reported
    (the earlier ones are replayed for the schema they leave). With a ``cache``, migrations
    linted before on the same schema and configuration are served from it (the result then
    holds the analysed scripts of the migrations linted now only)."""
    targets = list(paths) or [config.resolve(p) for p in config.paths]
    if not targets:
        raise ConfigError("no migration paths given (pass them, or set paths in [tool.expandcontract])")
    baseline_path = schema or (config.resolve(config.schema) if config.schema else None)
    baseline_text = read_baseline(baseline_path, config.dialect)
    # without a cache the baseline is replayed first (its errors come before the migrations');
    # with one, only when a migration is not in the cache
    replayed = replay_baseline(baseline_path, baseline_text, dialect=config.dialect) if cache is None else None
    # revisions rendered online run on the baseline, as in production
    sources = load_sources(targets, baseline=baseline_text)
    if baseline_path:  # the baseline may sit among the migrations; it is not one of them
        skip = Path(baseline_path).resolve()
        sources = [(m, shown) for m, shown in sources if Path(m.path).resolve() != skip]
    if since:
        applied, _ = applied_since([m for m, _ in sources], since, str(targets[0]))
        hidden = {m.path for m in applied}
        sources = [(m, shown and m.path not in hidden) for m, shown in sources]
    migrations = [m for m, _ in sources]

    def baseline() -> Schema | None:
        return replay_baseline(baseline_path, baseline_text, dialect=config.dialect)

    if cache is None:
        from .lint import lint_migrations

        result = lint_migrations(migrations, config=config, baseline=replayed)
    else:
        result = cache.lint(migrations, config=config, baseline_text=baseline_text, replay_baseline=baseline,
                            locator=[os.path.abspath(t) for t in targets])
    if all(shown for _, shown in sources):
        return result
    return only_reported(result, {s.path for m, shown in sources if shown for s in m.scripts})


def only_reported(result: LintResult, paths: set[str]) -> LintResult:
    """The result for the files in ``paths``: the other migrations were linted only to replay the
    schema they leave (the revisions before an Alembic revision file linted on its own)."""
    stats = {path: counts for path, counts in result.file_stats.items() if path in paths}
    return replace(
        result,
        findings=tuple(f for f in result.findings if f.file in paths),
        files=len(stats),
        statements=sum(s for s, _ in stats.values()),
        unparsed=sum(u for _, u in stats.values()),
        scripts=tuple((m, a) for m, a in result.scripts if a.script.path in paths),
        file_stats=stats,
    )
