"""The options that several commands share, declared once: the same name has the same help
everywhere (tests/test_cli_options.py holds every command to it). What an option means for one
command in particular is said in that command's description, not in a variant of its help.

Each is a decorator (``@schema_option``) or, where commands differ in choices or defaults, a
function returning one (``@format_option("text", "json")``)."""

from __future__ import annotations

from collections.abc import Callable

import click

from ._common import merge_scratch_url

__all__ = [
    "alembic_option", "cache_options", "config_option", "consumer_gate_option", "database_url_option", "dialect_option", "dry_run_option", "fleet_option", "force_option", "format_option",
    "mariadb_version_option", "merge_scratch_url", "mysql_version_option", "old_scratch_url_option", "output_option", "pg_version_option", "phase_option", "render_options", "schema_option",
    "scratch_url_option", "since_option", "timing_options", "var_option", "watch_options",
]

Decorator = Callable[[Callable], Callable]

schema_option: Decorator = click.option(
    "--schema", "schema", metavar="FILE",
    help="Baseline schema the migrations start from (plain DDL, pg_dump --schema-only, or SQLAlchemy models as "
         "path/models.py:Base or package.module:Base) [config: schema].")
config_option: Decorator = click.option(
    "--config", "config_path", metavar="FILE", help="Config file [nearest pyproject.toml/expandcontract.toml].")
var_option: Decorator = click.option(
    "--var", "variables", multiple=True, metavar="NAME=VALUE", help="Fill {{ NAME }} / ${NAME} placeholders.")
dialect_option: Decorator = click.option(
    "--dialect", type=click.Choice(["postgres", "mysql", "sqlite"]), help="SQL dialect [postgres].")
pg_version_option: Decorator = click.option(
    "--pg-version", type=click.IntRange(9, 19), help="Target PostgreSQL major version [16].")
mysql_version_option: Decorator = click.option(
    "--mysql-version", metavar="X.Y", help="--dialect mysql: the target MySQL (8.0, 8.4) [8.0].")
mariadb_version_option: Decorator = click.option(
    "--mariadb-version", metavar="X.Y",
    help="--dialect mysql: the target MariaDB (10.6, 10.11, 11.4); either version flag implies --dialect mysql.")
since_option: Decorator = click.option(
    "--since", metavar="NAME",
    help="The last migration production has (file, folder or Alembic revision): it and the earlier ones make "
         "the baseline; only the ones after it are reported.")
output_option: Decorator = click.option(
    "--output", "-o", metavar="FILE", help="Write the report to FILE instead of stdout.")
dry_run_option: Decorator = click.option(
    "--dry-run", is_flag=True, help="Show what would be done (the SQL, the files); change nothing.")
force_option: Decorator = click.option(
    "--force", is_flag=True, help="Go on where the command would refuse to lose something (the description says what).")
alembic_option: Decorator = click.option(
    "--alembic", "alembic_ini", metavar="ALEMBIC_INI", type=click.Path(),
    help="Work on this Alembic project's revisions (the description says how).")

_DATABASE_URL_HELP = ("The database: postgresql://user:pass@host/db, or mysql://user:pass@host:3306/db (or mariadb://) "
                      "for MariaDB/MySQL where the command runs there (consumers: PostgreSQL only).")
_PHASES_HELP = ("expand (and unphased files) | migrate (expand + backfills) | contract (only after migrate "
                "finished) | all.")


def database_url_option(*, from_env: bool = True) -> Decorator:
    """``--database-url``, read from ``DATABASE_URL`` when not given unless ``from_env`` is off
    (``plan`` reads a database only when told to)."""
    if from_env:
        return click.option("--database-url", "database_url", metavar="URL", envvar="DATABASE_URL",
                            show_envvar=True, help=_DATABASE_URL_HELP)
    return click.option("--database-url", "database_url", metavar="URL", help=_DATABASE_URL_HELP)


def format_option(*choices: str) -> Decorator:
    """``--format``, the first choice the default."""
    return click.option("--format", "fmt", type=click.Choice(choices), default=choices[0], show_default=True,
                        help="Output format.")


def phase_option(targets: tuple[str, ...], **how) -> Decorator:
    """``--phase``: how far to go (``required=True`` or ``default="all"``)."""
    return click.option("--phase", "target", type=click.Choice(targets), help=_PHASES_HELP,
                        show_default="default" in how, **how)


def timing_options(f: Callable) -> Callable:
    """The runner's timeouts, retry budget and batch sizing (``runner.settings.settings_from``
    turns them into ``RunSettings``)."""
    options = [
        click.option("--lock-timeout", default="100ms", show_default=True,
                     help="Longest wait per attempt for a lock that queues the app's queries behind it (ACCESS "
                          "EXCLUSIVE, SHARE …): while the runner waits, they wait, so each retry costs them up to "
                          "this. Longer: fewer attempts when the table's transactions are long."),
        click.option("--patient-lock-timeout", default="10min", show_default=True,
                     help="Longest wait per attempt of a step whose wait queues no app query: CONCURRENTLY's "
                          "waits for old snapshots, SHARE UPDATE EXCLUSIVE (VALIDATE). Giving up early would "
                          "throw a concurrent build away."),
        click.option("--statement-timeout", default="0", show_default=True,
                     help="Longest run of one statement; 0: none (concurrent index builds can take hours)."),
        click.option("--retry-budget", default="60s", show_default=True,
                     help="Total time one step keeps retrying after lock timeouts before failing."),
        click.option("--batch-size", type=click.IntRange(1), default=1000, show_default=True,
                     help="Rows in the first backfill batch; later batches adapt to --batch-target."),
        click.option("--batch-target", default="200ms", show_default=True,
                     help="How long one backfill batch (and its row locks) should last."),
        click.option("--batch-pause", default="0", show_default=True,
                     help="Pause between backfill batches (room for replicas and vacuum)."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


# production (runner/consumers.py, fleet.py, watch.py)
fleet_option: Decorator = click.option(
    "--fleet", "fleet_path", metavar="FLEET_TOML", type=click.Path(),
    help="Every database of a fleet (fleet.toml: stages, the first one the canary; URLs or the environment "
         "variables holding them), in place of --database-url.")
consumer_gate_option: Decorator = click.option(
    "--require-consumer-gate", is_flag=True,
    help="Without pg_stat_statements the consumer gate is off: make that an error instead of a warning.")


def watch_options(f: Callable) -> Callable:
    """What the runner watches while it works (``runner.watch.watch_from`` turns them into
    ``WatchSettings``)."""
    options = [
        click.option("--max-replica-lag", default="10s", show_default=True,
                     help="Steps and backfill batches wait while a streaming replica needs longer than this to "
                          "replay what the primary wrote (pg_stat_replication); 0: do not watch."),
        click.option("--max-lock-queue", type=click.IntRange(0), default=3, show_default=True,
                     help="This many sessions waiting behind the runner's session for --queue-wait get its "
                          "statement cancelled and retried after a backoff; 0: do not watch."),
        click.option("--queue-wait", default="1s", show_default=True,
                     help="How long a session may wait behind the runner before it counts in --max-lock-queue."),
        click.option("--max-rollback-increase", type=click.FloatRange(0, 1), default=0.05, show_default=True,
                     help="Stop when the share of rolled-back transactions (pg_stat_database) rises this much above "
                          "the database's usual share, or on a deadlock; 0: do not watch."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def cache_options(command: Callable) -> Callable:
    """``--cache-dir`` and ``--no-cache``: what a run keeps for the next (the description says what)."""
    command = click.option("--no-cache", is_flag=True,
                           help="Do all the work again: neither read nor write the cache.")(command)
    return click.option("--cache-dir", metavar="DIR",
                        help="Where to keep what the next run can reuse [the user cache directory].")(command)


_SCRATCH_URL_HELP = (
    "A PostgreSQL for the work that really runs SQL [the embedded server of expandcontract[scratch]]: online "
    "rendering of Alembic revisions makes its scratch database on this URL's server; --trace runs the migrations "
    "on it, which must then be a database marked disposable (named scratch_… or commented "
    "'expandcontract: disposable').")

scratch_url_option: Decorator = click.option("--scratch-url", "scratch_url", metavar="URL", help=_SCRATCH_URL_HELP)


def old_scratch_url_option(command: Callable) -> Callable:
    """``--database-url``, hidden: what lint --trace and trace called the scratch database before
    it was one option with ``--scratch-url`` (documented, so it still works). The command merges
    it with :func:`merge_scratch_url`."""
    return click.option("--database-url", "old_scratch_url", metavar="URL", hidden=True,
                        help="The old spelling of --scratch-url.")(command)


def render_options(command: Callable) -> Callable:
    """``--render`` and ``--scratch-url``: how Alembic revisions become SQL."""
    command = scratch_url_option(command)
    return click.option(
        "--render", "render_mode", type=click.Choice(["auto", "offline", "online"]), default="auto", show_default=True,
        help="Alembic revisions: offline (alembic upgrade --sql), online (run on a scratch database, every "
             "statement captured), or auto: offline until a revision cannot be, then online.",
    )(command)
