"""``expandcontract trace``: run migrations on a scratch PostgreSQL and report what each
statement did (locks, rewrites, index builds, scans, duration) and where lint disagrees."""

from __future__ import annotations

import click

from ._common import config_from, parse_vars, write_output
from ._options import (
    config_option,
    format_option,
    merge_scratch_url,
    old_scratch_url_option,
    output_option,
    pg_version_option,
    schema_option,
    scratch_url_option,
    since_option,
    var_option,
)


@click.command("trace")
@click.argument("paths", nargs=-1, type=click.Path())
@schema_option
@since_option
@scratch_url_option
@old_scratch_url_option
@pg_version_option
@format_option("text", "json")
@var_option
@config_option
@output_option
def command(paths, schema, since, scratch_url, old_scratch_url, pg_version, fmt, variables, config_path, output):
    """Apply migrations on a scratch PostgreSQL, one transaction as lint models each, and report
    per statement the locks it took, rewrites, index builds, scans and duration, the hazards they
    make, and every disagreement with lint. The baseline schema is applied first; every
    migration runs, and with --since only the ones after it are reported. The server is the
    embedded one, or with --scratch-url a disposable database (named scratch_… or commented
    'expandcontract: disposable'); --pg-version is the version lint models. Exit 0: lint and PostgreSQL agree; 1: they disagree
    (or a statement failed); 2: bad input, or a database that is not disposable."""
    from ..trace.api import trace_paths
    from ..trace.render import render_trace

    config = config_from(config_path, paths[0] if paths else None, pg_version=pg_version,
                         variables=parse_vars(variables))
    traced = trace_paths(paths, config=config, schema=schema, since=since,
                         database_url=merge_scratch_url(scratch_url, old_scratch_url))
    write_output(render_trace(traced.trace, traced.disagreements, fmt), output)
    failed = any(s.error for s in traced.trace.statements)
    raise SystemExit(1 if traced.disagreements or failed else 0)
