"""Click options shared by apply, plan, status and abort."""

from __future__ import annotations

import click

from .settings import RunSettings, parse_duration

__all__ = ["database_option", "settings_from", "timing_options"]


def database_option():
    return click.option("--database-url", "database_url", metavar="URL", envvar="DATABASE_URL",
                        show_envvar=True, help="PostgreSQL URL (postgresql://user:pass@host/db); also DATABASE_URL.")


def timing_options(f):
    options = [
        click.option("--lock-timeout", default="2s", show_default=True,
                     help="Longest wait per attempt for a lock that queues the app's queries behind it (ACCESS "
                          "EXCLUSIVE, SHARE …): while the runner waits, they wait."),
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


def settings_from(lock_timeout: str, statement_timeout: str, retry_budget: str, batch_size: int, batch_target: str,
                  batch_pause: str, patient_lock_timeout: str = "10min") -> RunSettings:
    from ..core.errors import ConfigError

    if parse_duration(lock_timeout, option="--lock-timeout") <= 0:
        raise ConfigError("--lock-timeout must be more than 0: the runner never waits for a lock without limit")
    if parse_duration(patient_lock_timeout, option="--patient-lock-timeout") <= 0:
        raise ConfigError("--patient-lock-timeout must be more than 0: the runner never waits for a lock without limit")
    if parse_duration(batch_target, option="--batch-target") <= 0:
        raise ConfigError("--batch-target must be more than 0")
    return RunSettings(
        lock_timeout=parse_duration(lock_timeout, option="--lock-timeout"),
        patient_lock_timeout=parse_duration(patient_lock_timeout, option="--patient-lock-timeout"),
        statement_timeout=parse_duration(statement_timeout, option="--statement-timeout"),
        retry_budget=parse_duration(retry_budget, option="--retry-budget"),
        batch_size=batch_size,
        batch_target=parse_duration(batch_target, option="--batch-target"),
        batch_pause=parse_duration(batch_pause, option="--batch-pause"),
    )
