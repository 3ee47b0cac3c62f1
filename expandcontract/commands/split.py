"""``expandcontract split``: turn one unsafe migration into expand/migrate/contract files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..api import load_baseline
from ..config import ConfigError
from ..findings import Severity
from ..lint import lint_migrations
from ..sources import InputError, read_text
from ..split import SplitInputError, plan_migration, render_files, split_migration
from ..split.files import write_files
from ._common import config_from


@click.command("split")
@click.argument("migration", type=click.Path())
@click.option("--schema", metavar="FILE", help="Baseline schema (plain DDL or pg_dump --schema-only) [config: schema].")
@click.option("--out", "out_dir", metavar="DIR", help="Write expand.sql, migrate.sql, contract.sql and PLAN.md here.")
@click.option("--dry-run", is_flag=True, help="Print the plan and the three scripts instead of writing them.")
@click.option("--force", is_flag=True, help="Replace the files if DIR already has them.")
@click.option("--pg-version", type=click.IntRange(9, 19), help="Target PostgreSQL major version [16].")
@click.option("--config", "config_path", metavar="FILE", help="Config file [nearest pyproject.toml/expandcontract.toml].")
def command(migration, schema, out_dir, dry_run, force, pg_version, config_path):
    """Split an unsafe migration into expand, migrate and contract phases.

    Renames, type changes, NOT NULL, foreign keys, CHECK and UNIQUE constraints and indexes
    become their safe multi-step forms (sync triggers, batched backfills, NOT VALID +
    VALIDATE, CONCURRENTLY); statements that are already safe are kept as written in their
    phase. PLAN.md says what the app must do between the phases. Exit 0: written (or printed
    with --dry-run); 1: some statement cannot be split safely, nothing written; 2: bad input.
    """
    if not out_dir and not dry_run:
        raise click.UsageError("give --out DIR (or --dry-run to print the plan)")
    config = config_from(config_path, migration, pg_version=pg_version)
    if config.dialect != "postgres":
        raise ConfigError(f"split writes PostgreSQL (PL/pgSQL triggers, CONCURRENTLY); dialect {config.dialect!r} "
                          "is not supported", path=config.source)
    schema_path = schema or (config.resolve(config.schema) if config.schema else None)
    if not schema_path:
        raise InputError(migration, "no baseline schema: give --schema FILE (the split needs column types, "
                                    "keys and constraints)")
    baseline = load_baseline(schema_path)
    text = read_text(Path(migration))
    try:
        plan = split_migration(text, read_text(Path(schema_path)), source=migration, pg_version=config.pg_version)
    except SplitInputError as exc:
        raise InputError(migration, str(exc), exc.line or None) from None

    if not plan.ok:
        for refusal in plan.refusals:
            click.echo(f"{migration}:{refusal.line}: cannot split safely: {refusal.reason}", err=True)
        click.echo(f"expandcontract: nothing written: {len(plan.refusals)} statement(s) cannot be split safely",
                   err=True)
        sys.exit(1)

    files = render_files(plan)
    directory = out_dir or "."
    linted = lint_migrations([plan_migration(files, Path(directory).name or "split", directory)],
                             config=config.with_overrides(runner="expandcontract"), baseline=baseline)
    errors = [f for f in linted.findings if f.severity is Severity.ERROR]
    if errors:
        for f in errors:
            click.echo(f"{f.file}:{f.line}: {f.code} {f.message}\n  help: {f.help}", err=True)
        click.echo(f"expandcontract: nothing written: lint finds {len(errors)} error(s) in the split plan. In a "
                   "statement kept as written, fix it in the migration; in one split generated, please report it",
                   err=True)
        sys.exit(1)

    if dry_run:
        for name, content in files.items():
            click.echo(f"==> {name} <==")
            click.echo(content)
        return
    written = write_files(out_dir, files, force=force)
    kept = sum(c.passthrough for c in plan.changes)
    click.echo(f"wrote {', '.join(str(p) for p in written)}")
    click.echo(f"{len(plan.changes)} change(s): {len(plan.changes) - kept} split into phases, {kept} kept as written. "
               f"Read {Path(out_dir) / 'PLAN.md'}, then: expandcontract apply {out_dir} --phase expand")
