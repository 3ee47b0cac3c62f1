"""``expandcontract lint``: phase, lock and hazards of every statement."""

from __future__ import annotations

import click

from ..reporters import FORMATS
from ._lint_run import run
from ._options import (
    cache_options,
    config_option,
    dialect_option,
    format_option,
    mariadb_version_option,
    mysql_version_option,
    old_scratch_url_option,
    output_option,
    pg_version_option,
    render_options,
    schema_option,
    since_option,
    var_option,
)


@click.command("lint")
@click.argument("paths", nargs=-1, type=click.Path())
@schema_option
@since_option
@dialect_option
@pg_version_option
@mysql_version_option
@mariadb_version_option
@format_option(*FORMATS)
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help="Lowest severity that fails [error].")
@click.option("--select", multiple=True, metavar="CODE", help="Only these rules (codes, prefixes, names; repeat or comma-separate).")
@click.option("--ignore", multiple=True, metavar="CODE", help="Skip these rules (codes, prefixes, names; repeat or comma-separate).")
@var_option
@click.option("--assume-in-transaction/--no-assume-in-transaction", default=None,
              help="Another tool wraps each file in a transaction (overrides the config file).")
@click.option("--runner", type=click.Choice(["expandcontract", "other"]),
              help="Who executes the migrations; our runner sets lock_timeout itself [other].")
@config_option
@output_option
@cache_options
@click.option("--trace", "trace", is_flag=True,
              help="Also run the migrations on a scratch PostgreSQL and report every statement where lint and "
                   "the server disagree on a lock hazard (EC004).")
@old_scratch_url_option
@render_options
def command(paths, schema, since, dialect, pg_version, mysql_version, mariadb_version, fmt, fail_on, select, ignore, variables,
            assume_in_transaction, runner, config_path, output, cache_dir, no_cache, trace, old_scratch_url,
            render_mode, scratch_url):
    """Lint migrations: every statement gets its phase, its lock and its hazards.

    PATHS are .sql files, phased migration directories (expand.sql / migrate.sql /
    contract.sql) or directories of migrations, linted in natural order. Exit 0: no finding at
    or above --fail-on; 1: findings; 2: bad input or configuration.

    Results are kept in the cache between runs: a migration whose text, and everything before
    it, is unchanged is not linted again (--cache-dir, --no-cache).

    --trace runs the migrations on the embedded PostgreSQL server, or with --scratch-url on a
    disposable database (named scratch_… or commented 'expandcontract: disposable'); the same
    --scratch-url is where Alembic revisions are rendered online.
    """
    run(paths, schema=schema, since=since, dialect=dialect, pg_version=pg_version, mysql_version=mysql_version,
        mariadb_version=mariadb_version, fmt=fmt, fail_on=fail_on, select=select, ignore=ignore,
        variables=variables, assume_in_transaction=assume_in_transaction, runner=runner, config_path=config_path,
        output=output, cache_dir=cache_dir, no_cache=no_cache, trace=trace, old_scratch_url=old_scratch_url,
        render_mode=render_mode, scratch_url=scratch_url)
