"""``expandcontract lint``: phase, lock and hazards of every statement."""

from __future__ import annotations

import gc

import click

from ..api import lint_paths
from ..config import ConfigError
from ..reporters import FORMATS, render
from ._common import (
    config_from,
    parse_vars,
    rendering_from,
    severity_option,
    split_commas,
    use_color,
    write_output,
)
from ._options import (
    cache_options,
    config_option,
    dialect_option,
    format_option,
    mariadb_version_option,
    merge_scratch_url,
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
    for engine, version in (("mysql", mysql_version), ("mariadb", mariadb_version)):
        if version:
            from ..core.mysql.ddl import parse_server

            try:
                parse_server(engine, version)
            except ValueError as exc:
                raise ConfigError(f"--{engine}-version: {exc}") from None
    config = config_from(
        config_path,
        paths[0] if paths else None,
        dialect=dialect or ("mysql" if mysql_version or mariadb_version else None),
        pg_version=pg_version,
        mysql_version=mysql_version,
        mariadb_version=mariadb_version,
        select=split_commas(select),
        ignore=split_commas(ignore),
        variables=parse_vars(variables),
        assume_in_transaction=assume_in_transaction,
        runner=runner,
        fail_on=severity_option(fail_on),
    )
    if old_scratch_url and not trace:
        raise ConfigError("--database-url is for --trace: lint alone never connects to a database (a scratch "
                          "server for Alembic's online rendering is --scratch-url)")
    scratch_url = merge_scratch_url(scratch_url, old_scratch_url)
    cache = None
    if not (no_cache or trace or config.old_app):  # (the old app's check reads every analysed script)
        from ..cache import LintCache, default_cache_dir

        cache = LintCache(cache_dir or default_cache_dir())
    with rendering_from(render_mode, scratch_url, config.dialect):
        if trace:  # PostgreSQL's answer is never cached: the server is the point
            from ..trace.api import lint_with_trace

            result = lint_with_trace(paths, config=config, schema=schema, since=since, database_url=scratch_url)
        else:
            result = lint_paths(paths, config=config, schema=schema, since=since, cache=cache)
    if result.files == 0:  # a mistyped folder in a CI gate must not pass unnoticed
        where = ", ".join(paths) or ", ".join(config.paths)
        click.echo(f"expandcontract: warning: no .sql migrations found in {where}", err=True)
    if config.old_app:  # drops and renames become facts: checked against the old app's queries
        from ..cache import default_cache_dir
        from ..check.lint_hook import verify_lint_result

        app_cache = None if no_cache else str(cache_dir or default_cache_dir())
        with rendering_from(render_mode, scratch_url, config.dialect):
            result = verify_lint_result(result, config=config, schema=schema, cache_dir=app_cache)
    # The process ends after the report. The result holds hundreds of thousands of objects
    # (parse trees, schema states) that a full collection while rendering, and the one at
    # interpreter exit, would walk for nothing (a tenth of the run): out of the collector's sight
    # now. Reference counting still frees them; only cycles among them wait for the exit.
    gc.freeze()
    options = {"color": use_color() and not output} if fmt == "text" else {}
    if cache is None:
        text = render(result, fmt, **options)
    else:  # a warm run of an unchanged tree prints the report it printed last time
        text = cache.report(result, fmt, options, lambda: render(result, fmt, **options))
    code = result.exit_code(config.fail_on)
    if cache is not None and result.files:  # the next run with the same inputs prints it at once
        from ..runcache import finish

        finish(text, code)
    write_output(text, output)
    raise SystemExit(code)
