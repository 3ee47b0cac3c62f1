"""``expandcontract consumers``: who still uses what each pending contract removes."""

from __future__ import annotations

import json

import click

from ..check.consumers import RESOLVER
from ..runner import api
from ..runner.consumers import render_report
from ..runner.db import database_url as resolve_url
from ..runner.errors import RunnerError
from ._common import config_from, parse_vars
from ._options import (
    config_option,
    consumer_gate_option,
    database_url_option,
    format_option,
    schema_option,
    var_option,
)


@click.command("consumers")
@click.argument("paths", nargs=-1, type=click.Path())
@database_url_option()
@click.option("--mark", is_flag=True, help="Restart the window now (run it once the new app is out): calls "
                                            "before this moment no longer count.")
@consumer_gate_option
@format_option("text", "json")
@schema_option
@var_option
@config_option
def command(paths, database_url, mark, require_consumer_gate, fmt, schema, variables, config_path):
    """For every migration whose contract has not run: the statements called since its expand
    (pg_stat_statements) and the live sessions (pg_stat_activity) that would break after its
    contract, with calls, role, database and what they reference. Exit 0: none; 1: some would
    break (or, with --require-consumer-gate, the gate is off); 2: bad input."""
    url = resolve_url(database_url)
    config = config_from(config_path, paths[0] if paths else None, variables=parse_vars(variables))
    try:
        reports = api.consumers(paths, url=url, resolver=RESOLVER, config=config, schema=schema, mark=mark)
    except RunnerError as exc:
        api.print_error(str(exc))
        raise SystemExit(1) from None
    if fmt == "json":
        click.echo(json.dumps({"version": 1, "migrations": [r.to_dict() for r in reports]}, default=str))
    elif mark:
        for r in reports:
            click.echo(f"{r.migration}: consumer window restarted now" if r.enabled else
                       f"{r.migration}: consumer gate off because {r.reason}")
    else:
        for r in reports:
            click.echo(render_report(r), nl=False)
        if not reports:
            click.echo("no migration waits for its contract")
    off = any(not r.enabled for r in reports)
    raise SystemExit(1 if any(r.refuses for r in reports) or (off and require_consumer_gate) else 0)
