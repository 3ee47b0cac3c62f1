"""``expandcontract split``: turn one unsafe migration into expand/migrate/contract files, or Alembic
revisions."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import NoReturn

import click

from ..api import load_baseline
from ..core.errors import ConfigError, InputError
from ..core.findings import Severity
from ..core.schema import Schema
from ..lint import lint_migrations
from ..sources import read_text
from ..split import SplitInputError, plan_migration, render_files, split_migration
from ..split.files import write_files
from ..split.revisions import (
    MAX_PREFIX,
    Placement,
    plan_file_name,
    render_revisions,
    revision_ids,
    revision_prefix,
)
from ._common import config_from, server_dialect
from ._options import (
    alembic_option,
    config_option,
    dialect_option,
    dry_run_option,
    force_option,
    format_option,
    mariadb_version_option,
    mysql_version_option,
    pg_version_option,
    schema_option,
)


@click.command("split")
@click.argument("migration", type=click.Path())
@schema_option
@click.option("--out", "out_dir", metavar="DIR",
              help="Write the plan here: expand.sql, migrate.sql, contract.sql and PLAN.md; with --format alembic, "
                   "the revisions and PREFIX_PLAN.md [alembic: the --alembic project's versions directory].")
@format_option("sql", "alembic")
@click.option("--down-revision", metavar="REV",
              help="alembic: the revision the first one revises [the --alembic project's head; else none].")
@alembic_option
@click.option("--rev-id", "rev_prefix", metavar="PREFIX",
              help=f"alembic: revision ids are PREFIX_expand, PREFIX_migrate, PREFIX_contract (letters, digits, _; "
                   f"at most {MAX_PREFIX} characters) [from MIGRATION's file name].")
@dry_run_option
@force_option
@dialect_option
@pg_version_option
@mysql_version_option
@mariadb_version_option
@click.option("--database", metavar="NAME",
              help="--dialect mysql: the database the gh-ost and pt-online-schema-change commands of PLAN.md name.")
@config_option
@click.option("--fill", "fills", multiple=True, metavar="TABLE.COLUMN=SQL_EXPRESSION",
              help="The value of a NOT NULL column added without a default, for the existing rows (backfill) and the "
                   "old app's writes (a trigger until contract); an expression may use the row's other columns.")
def command(migration, schema, out_dir, fmt, down_revision, alembic_ini, rev_prefix, dry_run, force, dialect,
            pg_version, mysql_version, mariadb_version, database, config_path, fills):
    """Split an unsafe migration into expand, migrate and contract phases.

    Renames, type changes, NOT NULL, foreign keys, CHECK and UNIQUE constraints and indexes
    become their safe multi-step forms (sync triggers, batched backfills, NOT VALID +
    VALIDATE, CONCURRENTLY); statements that are already safe are kept as written in their
    phase. PLAN.md says what the app must do between the phases. --format sql (the default)
    writes one script per phase; --force replaces the files DIR already has.

    With --format alembic the phases are Alembic revisions, one per phase that has something to
    run, chained by down_revision, each declaring phase = "expand"|"migrate"|"contract":
    statements in op.execute(),
    CONCURRENTLY in autocommit_block(), backfills marked for the runner's batches, and a
    downgrade() that undoes expand (contract cannot be undone). Run them with `expandcontract apply
    --alembic alembic.ini --phase expand` (then migrate, then contract) or `alembic upgrade`.
    --alembic ALEMBIC_INI names the project the revisions join: its head (or its expand and
    contract branch heads) and its versions directory.

    With --dialect mysql (or --mysql-version / --mariadb-version) the scripts are MySQL: a rename
    or a type change the server would copy becomes a column kept in sync by BEFORE INSERT/UPDATE
    triggers and a stored procedure that backfills by primary-key range; NOT NULL becomes a
    backfill and a MODIFY restating the whole column; a change only a copy of the table can make
    becomes a PLAN.md step with the gh-ost and pt-online-schema-change commands.

    The output is linted before anything is written; --dry-run prints the plan and the scripts
    (or revisions) instead. Exit 0: written (or printed with --dry-run); 1: some statement cannot be split safely, nothing written; 2: bad input.
    """
    if fmt == "sql" and (down_revision or alembic_ini or rev_prefix):
        raise click.UsageError("--down-revision, --alembic and --rev-id go with --format alembic")
    if not out_dir and not dry_run and not (fmt == "alembic" and alembic_ini):
        raise click.UsageError("give --out DIR (or --dry-run to print the plan)")
    if rev_prefix is not None and not re.fullmatch(rf"\w{{1,{MAX_PREFIX}}}", rev_prefix, re.ASCII):
        raise click.BadParameter(f"use letters, digits and _, at most {MAX_PREFIX} characters (revision ids "
                                 "are PREFIX_contract, and alembic_version holds 32)", param_hint="--rev-id")
    dialect = server_dialect(dialect, mysql_version, mariadb_version)
    config = config_from(config_path, migration, pg_version=pg_version,
                         dialect=dialect,
                         mysql_version=mysql_version, mariadb_version=mariadb_version)
    mysql = config.dialect == "mysql"
    if config.dialect not in ("postgres", "mysql"):
        raise ConfigError(f"split writes PostgreSQL or MySQL; dialect {config.dialect!r} is not supported",
                          path=config.source)
    if mysql and fmt == "alembic":
        raise click.UsageError("--dialect mysql writes --format sql (expand.sql, migrate.sql, contract.sql)")
    if database and not mysql:
        raise click.UsageError("--database goes with --dialect mysql")
    schema_path = schema or (config.resolve(config.schema) if config.schema else None)
    if not schema_path:
        raise InputError(migration, "no baseline schema: give --schema FILE (the split needs column types, "
                                    "keys and constraints)")
    baseline = load_baseline(schema_path, dialect=config.dialect)
    text = read_text(Path(migration))
    try:
        if mysql:
            from ..split.mysql import split_mysql_migration

            plan = split_mysql_migration(text, read_text(Path(schema_path)), source=migration,
                                         server=config.mysql_server, fills=_fills(fills), database=database)
        else:
            plan = split_migration(text, read_text(Path(schema_path)), source=migration,
                                   pg_version=config.pg_version, fills=_fills(fills))
    except SplitInputError as exc:
        raise InputError(migration, str(exc), exc.line or None) from None

    if not plan.ok:
        for refusal in plan.refusals:
            click.echo(f"{migration}:{refusal.line}: cannot split safely: {refusal.reason}", err=True)
        _nothing_written(f"{len(plan.refusals)} statement(s) cannot be split safely")

    lint_config = config.with_overrides(runner="expandcontract")
    if fmt == "alembic":
        files, out_dir, next_step = _alembic_files(plan, migration, baseline, lint_config, out_dir, down_revision,
                                                   alembic_ini, rev_prefix, force)
    else:
        if mysql:
            from ..split.mysql import render_mysql_files

            files = render_mysql_files(plan)
        else:
            files = render_files(plan)
        directory = out_dir or "."
        linted = lint_migrations([plan_migration(files, Path(directory).name or "split", directory)],
                                 config=lint_config, baseline=baseline)
        _refuse_on_errors(linted.findings)
        # on MySQL the runner's lint gate judges each ALTER against the columns it changes: it
        # needs the baseline this split read (without it every MODIFY looks like a type change)
        run = (f"expandcontract apply {out_dir} --schema {schema_path} --phase expand" if mysql
               else f"expandcontract apply {out_dir} --phase expand")
        next_step = f"Read {Path(out_dir or '.') / 'PLAN.md'}, then: {run}"

    if dry_run:
        for name, content in files.items():
            click.echo(f"==> {name} <==")
            click.echo(content)
        return
    written = write_files(out_dir, files, force=force)
    kept = sum(c.passthrough for c in plan.changes)
    click.echo(f"wrote {', '.join(str(p) for p in written)}")
    click.echo(f"{len(plan.changes)} change(s): {len(plan.changes) - kept} split into phases, {kept} kept as written. "
               f"{next_step}")


def _nothing_written(why: str) -> NoReturn:
    click.echo(f"expandcontract: nothing written: {why}", err=True)
    sys.exit(1)


def _refuse_on_errors(findings) -> None:
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors:
        for f in errors:
            click.echo(f"{f.file}:{f.line}: {f.code} {f.message}\n  help: {f.help}", err=True)
        _nothing_written(f"lint finds {len(errors)} error(s) in the split plan. In a statement kept as written, "
                         "fix it in the migration; in one split generated, please report it")


def _alembic_files(plan, migration, baseline, lint_config, out_dir, down_revision, alembic_ini, rev_prefix,
                   force) -> tuple[dict[str, str], str, str]:
    """The revisions and their plan, placed in the project and linted; the directory they go
    to; what to do next."""
    from ..split.alembic_target import find_target, lint_revisions
    from ..split.pycode import UnwritableSql

    prefix = rev_prefix or revision_prefix(migration)
    ids = revision_ids(plan, prefix)
    placement = Placement(down_revision)
    if alembic_ini:
        target = find_target(alembic_ini, down_revision, set(ids.values()))
        placement = target.placement
        out_dir = out_dir or str(target.versions)
        for rev in ids.values():
            path = (Path(out_dir) / f"{rev}.py").resolve()
            if rev in target.existing and target.existing[rev] != path:
                raise InputError(str(target.existing[rev]), f"already has revision id {rev}: choose another "
                                                            "prefix with --rev-id")
    ini = alembic_ini or "alembic.ini"
    try:
        files = render_revisions(plan, prefix, placement, baseline or Schema(), ini=ini)
        # linted as a chain from the base: the project's own revisions are not part of the check
        standalone = render_revisions(plan, prefix, Placement(), baseline or Schema(), ini=ini)
    except UnwritableSql as exc:
        _nothing_written(f"{exc}: use --format sql")
    _refuse_on_errors(lint_revisions(standalone, lint_config, baseline, out_dir or "."))
    plan_name = Path(out_dir or ".") / plan_file_name(prefix)
    if not ids:
        return files, out_dir, f"Read {plan_name}: no phase has anything to run."
    first = next(iter(ids.values()))
    run = (f"expandcontract apply --alembic {alembic_ini} --phase expand" if alembic_ini
           else f"alembic upgrade {first} (or expandcontract apply --alembic alembic.ini --phase expand)")
    return files, out_dir, f"Read {plan_name}, then: {run}"


def _fills(values: tuple[str, ...]) -> dict[str, str]:
    """``--fill runs.state='pending'`` -> {"runs.state": "'pending'"}."""
    out = {}
    for value in values:
        target, sep, expression = value.partition("=")
        if not sep or "." not in target.strip() or not expression.strip():
            raise click.BadParameter(f"{value!r}: write TABLE.COLUMN=SQL_EXPRESSION, e.g. runs.state='pending'",
                                     param_hint="--fill")
        out[target.strip()] = expression.strip()
    return out
