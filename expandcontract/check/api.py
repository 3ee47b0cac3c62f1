"""The Python API of ``check``: migrations and app sources in, a ``CheckResult`` out.

Usage::

    from expandcontract.check import check_paths
    result = check_paths(["migrations/0042_rename"], schema="schema.sql",
                         old_app=["app_old/queries"], new_app=["app_new/models.py:Base"])
    for failure in result.failures:
        print(failure.message, failure.help)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..alembic.detect import is_alembic_path
from ..alembic.rendering import starting_from
from ..api import read_baseline, replay_baseline
from ..config import Config
from ..core.errors import InputError
from ..core.migration import Migration
from ..core.parse import blank_psql_meta_commands, parse_sql
from ..core.schema import Schema
from ..sources import applied_since, load_migrations, read_text
from .catalog import Redirects, redirect
from .engine import check_timeline
from .queries import AppQuery
from .result import CheckResult
from .timeline import build_timeline

__all__ = ["baseline_redirects", "check_migrations", "check_paths", "load_apps", "resolve_source"]


def check_migrations(
    migrations: Sequence[Migration],
    *,
    baseline: Schema | None = None,
    old_app: Sequence[AppQuery] | None = None,
    new_app: Sequence[AppQuery] | None = None,
    config: Config | None = None,
    redirects: Redirects | None = None,
) -> CheckResult:
    """Pure: check already loaded queries against the states of already loaded migrations.
    An app left as ``None`` is not checked. ``redirects``: the baseline's INSTEAD OF triggers
    and DO INSTEAD rules on views (``baseline_redirects``), which make those views writable."""
    config = config or Config()
    timeline = build_timeline(migrations, baseline, pg_version=config.pg_version, dialect=config.dialect,
                              variables=config.variables)
    apps = {name: list(queries) for name, queries in (("old", old_app), ("new", new_app)) if queries is not None}
    return check_timeline(timeline, apps, redirects=redirects)


def baseline_redirects(path: str | Path | None) -> Redirects:
    """The INSTEAD OF triggers and DO INSTEAD rules a baseline schema file defines on views
    (the schema model does not keep triggers or rules)."""
    if not path or not Path(path).is_file():
        return {}
    text = read_text(Path(path))
    if "instead" not in text.lower():
        return {}
    found: Redirects = {}
    for statement in parse_sql(blank_psql_meta_commands(text)):
        redirect(found, statement.node)
    return found


def load_apps(old_app: Sequence[str] = (), new_app: Sequence[str] = (),
              cache_dir: str | Path | None = None) -> dict[str, list[AppQuery]]:
    """Load each app's sources, each source once (``appcache``: kept between runs in
    ``cache_dir`` when given); an app with no sources is left out."""
    from .appcache import load_app

    apps = {}
    for name, sources in (("old", old_app), ("new", new_app)):
        if sources:
            apps[name] = load_app([str(s) for s in sources], cache_dir)
    return apps


def check_paths(
    migrations: Sequence[str | Path] = (),
    *,
    schema: str | None = None,
    schema_url: str | None = None,
    old_app: Sequence[str] = (),
    new_app: Sequence[str] = (),
    config: Config | None = None,
    since: str | None = None,
    cache_dir: str | Path | None = None,
) -> CheckResult:
    """Check migration paths against a baseline (file, or ``schema_url`` of a live database) and
    app sources. Paths not given fall back to the config (``paths``, ``schema``, ``old_app``,
    ``new_app``), resolved against the config file's folder. ``since`` names the last migration
    production already has: it and those before it are replayed into the baseline, and the
    states start after it (an Alembic history that starts from an empty database)."""
    config = config or Config()
    if config.dialect not in ("postgres", "mysql"):
        raise InputError(config.source or ".", f"check resolves queries the way PostgreSQL does; dialect "
                                               f"{config.dialect!r} is not supported")
    targets = list(migrations) or [config.resolve(p) for p in config.paths]
    if not targets:
        raise InputError(".", "no migration given (pass it, or set paths in [tool.expandcontract])")
    old_app = list(old_app) or [resolve_source(config, s) for s in config.old_app]
    new_app = list(new_app) or [resolve_source(config, s) for s in config.new_app]
    if not old_app and not new_app:
        raise InputError(".", "no app to check: give --old-app and/or --new-app (or old_app/new_app in the config)")
    if schema and schema_url:
        raise InputError(schema, "give the baseline once: --schema or --schema-from-db, not both")
    baseline_path = baseline_text = None
    if schema_url:
        from .reflect import redirects_from_database, schema_from_database

        baseline = schema_from_database(schema_url)
        redirects = redirects_from_database(schema_url)
    else:
        baseline_path = schema or (config.resolve(config.schema) if config.schema else None)
        if not baseline_path and not all(is_alembic_path(Path(t)) for t in targets):
            raise InputError(".", "no baseline schema: give --schema FILE (plain DDL or pg_dump --schema-only) "
                                  "or --schema-from-db URL")
        # an Alembic history starts from an empty database unless a baseline says otherwise
        baseline_text = read_baseline(baseline_path, config.dialect)
        baseline = replay_baseline(baseline_path, baseline_text, dialect=config.dialect) if baseline_path else Schema()
        redirects = baseline_redirects(baseline_path)
    with starting_from(baseline_text):  # revisions rendered online run on the baseline, as in production
        loaded = load_migrations(targets)
    if baseline_path:  # the baseline may sit among the migrations; it is not one of them
        loaded = [m for m in loaded if Path(m.path).resolve() != Path(baseline_path).resolve()]
    if since:
        applied, loaded = applied_since(loaded, since, str(targets[0]))
        replayed = build_timeline(applied, baseline, pg_version=config.pg_version, dialect=config.dialect,
                                  variables=config.variables)
        baseline = replayed.states[-1].schema
        for state in replayed.states:  # triggers and rules the applied migrations created
            for step in state.steps:
                redirect(redirects, step.statement.node)
    if config.dialect == "mysql":  # the app cache keys PostgreSQL sources: MySQL apps are read each run
        from .loaders import load_app

        apps = {name: load_app([str(s) for s in sources], "mysql")
                for name, sources in (("old", old_app), ("new", new_app)) if sources}
    else:
        apps = load_apps(old_app, new_app, cache_dir)
    return check_migrations(loaded, baseline=baseline, old_app=apps.get("old"), new_app=apps.get("new"),
                            config=config, redirects=redirects)


def resolve_source(config: Config, source: str) -> str:
    """A config path is relative to the config file; ``package.module:attr`` is left alone."""
    if ".py:" in source:
        return config.resolve(source)
    resolved = config.resolve(source)
    return resolved if Path(resolved).exists() else source
