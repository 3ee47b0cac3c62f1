"""What ``expandcontract lint`` does once its command line is read, without click: the click
command (``commands/lint.py``) and the fast path for the common command lines (``_fast.py``)
both call :func:`run`."""

from __future__ import annotations

import gc
import sys

from ..api import lint_paths
from ..config import ConfigError
from ..reporters import render
from ._common import (
    config_from,
    merge_scratch_url,
    parse_vars,
    rendering_from,
    server_dialect,
    severity_option,
    split_commas,
    use_color,
    write_output,
)

__all__ = ["run"]


def run(paths: tuple[str, ...], *, schema: str | None = None, since: str | None = None, dialect: str | None = None,
        pg_version: int | None = None, mysql_version: str | None = None, mariadb_version: str | None = None,
        fmt: str = "text", fail_on: str | None = None, select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
        variables: tuple[str, ...] = (), assume_in_transaction: bool | None = None, runner: str | None = None,
        config_path: str | None = None, output: str | None = None, cache_dir: str | None = None,
        no_cache: bool = False, trace: bool = False, old_scratch_url: str | None = None,
        render_mode: str = "auto", scratch_url: str | None = None) -> None:
    """Lint ``paths`` and print the report; exits (SystemExit) with lint's exit code. The
    defaults are the command line's."""
    dialect = server_dialect(dialect, mysql_version, mariadb_version)
    config = config_from(
        config_path,
        paths[0] if paths else None,
        dialect=dialect,
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
        sys.stderr.write(f"expandcontract: warning: no .sql migrations found in {where}\n")
        sys.stderr.flush()
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
