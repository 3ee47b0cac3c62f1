"""``expandcontract plan``: the exact SQL of every step, without touching the database."""

from __future__ import annotations

import click

from ..runner import api
from ..runner.cli_options import settings_from, timing_options
from ..runner.errors import RunnerError
from ..runner.render import render_plan
from ..runner.run import TARGETS
from ._common import config_from, parse_vars


@click.command("plan")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--database-url", "database_url", metavar="URL",
              help="Show only steps still pending there (read through a read-only connection).")
@click.option("--phase", "target", type=click.Choice(TARGETS), default="all", show_default=True)
@timing_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--schema", metavar="FILE", help="Baseline schema, for lock classification and primary keys.")
@click.option("--var", "variables", multiple=True, metavar="NAME=VALUE", help="Fill {{ NAME }} placeholders.")
@click.option("--config", "config_path", metavar="FILE", help="Config file [nearest pyproject.toml/expandcontract.toml].")
def command(paths, database_url, target, lock_timeout,
            patient_lock_timeout, statement_timeout, retry_budget, batch_size, batch_target,
            batch_pause, fmt, schema, variables, config_path):
    """Show what `apply` would run: the exact SQL of each step, its transaction grouping, the
    lock it takes and the timeouts it runs with. Nothing is written."""
    settings = settings_from(lock_timeout, statement_timeout, retry_budget, batch_size, batch_target, batch_pause,
                             patient_lock_timeout)
    config = config_from(config_path, paths[0] if paths else None, variables=parse_vars(variables))
    try:
        records = api.plan(paths, target=target, url=database_url, config=config, schema=schema, settings=settings)
    except RunnerError as exc:
        api.print_error(str(exc))
        raise SystemExit(api.exit_code(exc)) from None
    click.echo(render_plan(records, fmt), nl=False)
