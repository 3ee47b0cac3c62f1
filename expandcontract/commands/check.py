"""``expandcontract check``: do the old and the new app run on every schema state of a deploy?"""

from __future__ import annotations

import shutil

import click

from ..check import check_paths
from ..reporters import CHECK_FORMATS, render
from ._common import config_from, parse_vars, rendering_from, use_color, write_output
from ._options import (
    cache_options,
    config_option,
    dialect_option,
    format_option,
    output_option,
    pg_version_option,
    render_options,
    schema_option,
    since_option,
    var_option,
)


@click.command("check")
@click.argument("migrations", nargs=-1, type=click.Path(), metavar="MIGRATION...")
@schema_option
@since_option
@click.option("--schema-from-db", "schema_url", metavar="URL", help="Read the baseline from a live PostgreSQL instead.")
@click.option("--old-app", multiple=True, metavar="SOURCE", help="The running app's queries (repeatable).")
@click.option("--new-app", multiple=True, metavar="SOURCE", help="The app being deployed (repeatable).")
@format_option(*CHECK_FORMATS)
@click.option("--strict", is_flag=True, help="Also fail (exit 1) when a query cannot be analysed or a migration statement is not modelled.")
@dialect_option
@pg_version_option
@var_option
@config_option
@output_option
@render_options
@cache_options
def command(migrations, schema, since, schema_url, old_app, new_app, fmt, strict, dialect, pg_version, variables,
            config_path, output, render_mode, scratch_url, cache_dir, no_cache):
    """Prove that both apps resolve every query on every schema state of the deploy.

    MIGRATION is a phased migration directory (expand.sql / migrate.sql / contract.sql), a .sql
    file (with phase markers, or unphased), a directory of migrations applied in turn, or an
    Alembic project (alembic.ini, script directory, versions folder). Each
    transaction, as the runner executes it, leaves a state; the old app must run on every state
    until the end of migrate, the new app on every state from the end of expand.

    SOURCE is a .sql file or directory (placeholders $1, %s, %(name)s, :name and ? all work;
    `-- name: x` names a query), a pg_stat_statements export (.csv/.json with a query column),
    or SQLAlchemy models as path/to/models.py:Base or package.module:metadata. With --dialect mysql
    the migrations, the baseline (mysqldump --no-data) and the .sql sources are MySQL: backticks,
    names compared without case.

    The apps' loaded models are kept in the cache between runs (--cache-dir, --no-cache).

    Exit 0: both apps run on every state they must; 1: at least one breaks (or, with --strict,
    a query could not be analysed); 2: bad input.
    """
    config = config_from(
        config_path,
        migrations[0] if migrations else None,
        dialect=dialect,
        pg_version=pg_version,
        variables=parse_vars(variables),
    )
    if not no_cache:
        from ..cache import default_cache_dir

        cache_dir = cache_dir or default_cache_dir()
    with rendering_from(render_mode, scratch_url, config.dialect):
        result = check_paths(migrations, schema=schema, schema_url=schema_url, old_app=old_app, new_app=new_app,
                             config=config, since=since, cache_dir=None if no_cache else cache_dir)
    options = {}
    if fmt == "text":
        color = use_color() and not output
        options = {"color": color, "width": shutil.get_terminal_size((120, 24)).columns if color else 120}
    write_output(render(result, fmt, **options), output)
    raise SystemExit(result.exit_code(strict=strict))
