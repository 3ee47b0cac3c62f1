"""``expandcontract apply``: run pending migration phases on PostgreSQL or MariaDB/MySQL."""

from __future__ import annotations

import click

from ..check.consumers import RESOLVER
from ..runner import api
from ..runner.db import database_url as resolve_url
from ..runner.errors import RunnerError
from ..runner.render import render_plan
from ..runner.run import TARGETS
from ..runner.settings import settings_from
from ..runner.urls import is_mysql_url
from ..runner.verify import AppQuery
from ..runner.watch import watch_from
from ._common import config_from, parse_vars
from ._options import (
    alembic_option,
    config_option,
    consumer_gate_option,
    database_url_option,
    dry_run_option,
    fleet_option,
    format_option,
    phase_option,
    schema_option,
    timing_options,
    var_option,
    watch_options,
)


@click.command("apply")
@click.argument("paths", nargs=-1, type=click.Path())
@database_url_option()
@phase_option(TARGETS, required=True)
@dry_run_option
@click.option("--verify-app", "verify_app", multiple=True, metavar="SOURCE",
              help="App source as in `check` (.sql file/dir, models.py:Base, git:REF:path:attr, query log); "
                   "its queries are PREPAREd (never run) before and after each phase.")
@click.option("--allow-unsafe", is_flag=True,
              help="Apply even when lint reports errors in the phases about to run (they are listed).")
@click.option("--accept-changed", is_flag=True,
              help="An applied phase's file was edited on purpose (a comment, formatting): record its new version "
                   "and go on, instead of refusing.")
@fleet_option
@consumer_gate_option
@timing_options
@watch_options
@format_option("text", "json")
@schema_option
@var_option
@config_option
@alembic_option
def command(paths, database_url, target, dry_run, verify_app, allow_unsafe, accept_changed, lock_timeout,
            patient_lock_timeout, statement_timeout, retry_budget,
            batch_size, batch_target, batch_pause, fmt, schema, variables, config_path, alembic_ini, **production):
    """Apply pending migrations up to a phase, in order, resuming where a previous run stopped.

    The phases about to run are linted first: an error finding refuses the run before anything
    is done (--allow-unsafe overrides). Every step sets lock_timeout and statement_timeout,
    retries lock timeouts with backoff inside a budget, and records its completion; backfills
    run in key-range batches with a checkpoint per batch. Exit 0: done; 1: a step failed or was refused (the message says
    where things stand); 2: bad input or no database; 130: interrupted.

    --alembic ALEMBIC_INI runs that project's revisions (its expand and contract branches) instead
    of PATHS, and keeps alembic_version in step. --dry-run prints the exact SQL of each pending
    step; --format json prints one event per line.

    --fleet FLEET_TOML runs on every database of the fleet, stage by stage, the first stage as
    canary (a canary whose --verify-app check fails after the phase is aborted there). The
    consumer gate (pg_stat_statements) runs before every contract; --require-consumer-gate
    refuses to go on when it is off. The watch options slow the run down or stop it on replica
    lag, sessions queued behind the runner, and a rising rollback rate.
    """
    settings = settings_from(lock_timeout, statement_timeout, retry_budget, batch_size, batch_target, batch_pause,
                             patient_lock_timeout)
    watch = watch_from(production["max_replica_lag"], production["max_lock_queue"], production["queue_wait"],
                       production["max_rollback_increase"])
    if alembic_ini and paths:
        raise click.UsageError("--alembic takes the place of PATHS: pass one or the other")
    config = config_from(config_path, paths[0] if paths else alembic_ini, variables=parse_vars(variables))
    # the consumer gate resolves queries with check's resolution (the runner does not import check)
    gate = dict(consumer_resolver=RESOLVER, require_consumer_gate=production["require_consumer_gate"], watch=watch)
    if production["fleet_path"]:
        from ._fleet import apply_on_fleet

        if alembic_ini or dry_run:
            raise click.UsageError("--fleet runs PATHS for real: no --alembic, no --dry-run")
        apply_on_fleet(paths, production["fleet_path"], fmt, target=target, config=config, schema=schema,
                       settings=settings, app_queries=_app_queries(verify_app), allow_unsafe=allow_unsafe,
                       accept_changed=accept_changed, **gate)
        return
    url = resolve_url(database_url)
    events = api.make_events(fmt, url)
    queries = _app_queries(verify_app, "mysql" if is_mysql_url(url) else "postgres")
    options = dict(url=url, target=target, config=config, schema=schema, settings=settings, events=events,
                   dry_run=dry_run, app_queries=queries, allow_unsafe=allow_unsafe, **gate)
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


def _app_queries(sources: tuple[str, ...], dialect: str = "postgres") -> list[AppQuery]:
    """--verify-app: the app's queries, read as `check` reads them (in MySQL for a MySQL URL)."""
    if not sources:
        return []
    from ..check.loaders import preparable_queries

    return [AppQuery(text, source, line) for text, source, line in preparable_queries(sources, dialect)]
