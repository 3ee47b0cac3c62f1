"""``expandcontract trace``: run migrations on a scratch PostgreSQL and report what each
statement did (locks, rewrites, index builds, scans, duration) and where lint disagrees."""

from __future__ import annotations

import click

from ._common import config_from, parse_vars, write_output


@click.command("trace")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--schema", "schema", metavar="FILE", help="Baseline schema, applied first.")
@click.option("--since", metavar="NAME", help="Report only the migrations after NAME (all of them still run).")
@click.option("--database-url", "database_url", metavar="URL",
              help="A disposable database (named scratch_… or commented 'expandcontract: disposable') "
                   "instead of the embedded server.")
@click.option("--pg-version", type=click.IntRange(9, 19), help="PostgreSQL major version lint models [16].")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--var", "variables", multiple=True, metavar="NAME=VALUE", help="Fill {{ NAME }} / ${NAME} placeholders.")
@click.option("--config", "config_path", metavar="FILE", help="Config file [nearest pyproject.toml/expandcontract.toml].")
@click.option("--output", "-o", metavar="FILE", help="Write the report to FILE instead of stdout.")
def command(paths, schema, since, database_url, pg_version, fmt, variables, config_path, output):
    """Apply migrations on a scratch PostgreSQL, one transaction as lint models each, and report
    per statement the locks it took, rewrites, index builds, scans and duration, the hazards they
    make, and every disagreement with lint. Exit 0: lint and PostgreSQL agree; 1: they disagree
    (or a statement failed); 2: bad input, or a database that is not disposable."""
    from ..trace.api import trace_paths
    from ..trace.render import render_trace

    config = config_from(config_path, paths[0] if paths else None, pg_version=pg_version,
                         variables=parse_vars(variables))
    traced = trace_paths(paths, config=config, schema=schema, since=since, database_url=database_url)
    write_output(render_trace(traced.trace, traced.disagreements, fmt), output)
    failed = any(s.error for s in traced.trace.statements)
    raise SystemExit(1 if traced.disagreements or failed else 0)
