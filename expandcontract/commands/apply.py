"""``expandcontract apply``: run pending migration phases on PostgreSQL."""

from __future__ import annotations

import click

from ..runner import api
from ..runner.cli_options import database_option, settings_from, timing_options
from ..runner.db import database_url as resolve_url
from ..runner.errors import RunnerError
from ..runner.render import render_plan
from ..runner.run import TARGETS
from ._common import config_from, parse_vars


@click.command("apply")
@click.argument("paths", nargs=-1, type=click.Path())
@database_option()
@click.option("--phase", "target", type=click.Choice(TARGETS), required=True,
              help="expand (and unphased files) | migrate (expand + backfills) | contract (only after migrate "
                   "finished) | all.")
@click.option("--dry-run", is_flag=True, help="Print the exact SQL of each pending step; change nothing.")
@click.option("--verify-app", "verify_app", multiple=True, metavar="SOURCE",
              help="App source as in `check` (.sql file/dir, models.py:Base, git:REF:path:attr, query log); "
                   "its queries are PREPAREd (never run) before and after each phase.")
@click.option("--allow-unsafe", is_flag=True,
              help="Apply even when lint reports errors in the phases about to run (they are listed).")
@click.option("--accept-changed", is_flag=True,
              help="An applied phase's file was edited on purpose (a comment, formatting): record its new version "
                   "and go on, instead of refusing.")
@timing_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: one event per line.")
@click.option("--schema", metavar="FILE", help="Baseline schema, for lock classification.")
@click.option("--var", "variables", multiple=True, metavar="NAME=VALUE", help="Fill {{ NAME }} placeholders.")
@click.option("--config", "config_path", metavar="FILE", help="Config file [nearest pyproject.toml/expandcontract.toml].")
@click.option("--alembic", "alembic_ini", metavar="ALEMBIC_INI", type=click.Path(),
              help="Run an Alembic project's revisions (expand/contract branches) instead of PATHS, and keep "
                   "alembic_version in step.")
def command(paths, database_url, target, dry_run, verify_app, allow_unsafe, accept_changed, lock_timeout,
            patient_lock_timeout, statement_timeout, retry_budget,
            batch_size, batch_target, batch_pause, fmt, schema, variables, config_path, alembic_ini):
    """Apply pending migrations up to a phase, in order, resuming where a previous run stopped.

    The phases about to run are linted first: an error finding refuses the run before anything
    is done (--allow-unsafe overrides). Every step sets lock_timeout and statement_timeout,
    retries lock timeouts with backoff inside a budget, and records its completion; backfills
    run in key-range batches with a checkpoint per batch. Exit 0: done; 1: a step failed or was refused (the message says
    where things stand); 2: bad input or no database; 130: interrupted.
    """
    url = resolve_url(database_url)
    settings = settings_from(lock_timeout, statement_timeout, retry_budget, batch_size, batch_target, batch_pause,
                             patient_lock_timeout)
    if alembic_ini and paths:
        raise click.UsageError("--alembic takes the place of PATHS: pass one or the other")
    config = config_from(config_path, paths[0] if paths else alembic_ini, variables=parse_vars(variables))
    events = api.make_events(fmt, url)
    options = dict(url=url, target=target, config=config, schema=schema, settings=settings, events=events,
                   dry_run=dry_run, verify_app=verify_app, allow_unsafe=allow_unsafe)
    try:
        if alembic_ini:
            from ..alembic.apply import apply_alembic

            result = apply_alembic(alembic_ini, **options)
        else:
            result = api.apply(paths, accept_changed=accept_changed, **options)
    except RunnerError as exc:
        events.emit("run_failed", message=str(exc), error=type(exc).__name__)
        raise SystemExit(api.exit_code(exc)) from None
    finally:
        events.close()
    if dry_run:
        click.echo(render_plan(result.planned, fmt), nl=False)
