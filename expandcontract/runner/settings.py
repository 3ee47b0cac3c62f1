"""How the runner behaves: timeouts, retry budget, batch sizing. Plain values, no I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.errors import ConfigError
from ..core.ops import Lock

__all__ = ["RunSettings", "format_duration", "parse_duration", "settings_from"]

_UNITS = {"ms": 0.001, "s": 1.0, "sec": 1.0, "min": 60.0, "m": 60.0, "h": 3600.0}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|min|m|h)?\s*$", re.I)


def parse_duration(text: str | float | int, *, option: str = "duration") -> float:
    """Seconds from ``"2s"``, ``"500ms"``, ``"1.5min"`` or a bare number of seconds.

    >>> parse_duration("2s"), parse_duration("500ms"), parse_duration("1min"), parse_duration(0)
    (2.0, 0.5, 60.0, 0.0)
    >>> parse_duration("soon", option="--lock-timeout")
    Traceback (most recent call last):
    ...
    expandcontract.core.errors.ConfigError: --lock-timeout: 'soon' is not a duration (write 2s, 500ms, 1min)
    """
    if isinstance(text, (int, float)):
        return float(text)
    m = _DURATION.match(text)
    if not m:
        raise ConfigError(f"{option}: {text!r} is not a duration (write 2s, 500ms, 1min)")
    return float(m.group(1)) * _UNITS[(m.group(2) or "s").lower()]


def format_duration(seconds: float) -> str:
    """PostgreSQL setting text: ``'2s'`` -> ``'2000ms'``; 0 means no limit.

    >>> format_duration(2), format_duration(0.25), format_duration(0)
    ('2000ms', '250ms', '0')
    """
    return "0" if seconds <= 0 else f"{round(seconds * 1000)}ms"


# a waiting request for these queues no query of the app behind it: SHARE UPDATE EXCLUSIVE (CONCURRENTLY,
# VALIDATE) conflicts only with schema changes and VACUUM, and plain reads take nothing the app waits for
PATIENT_LOCKS = frozenset({Lock.NONE, Lock.ACCESS_SHARE, Lock.ROW_SHARE, Lock.SHARE_UPDATE_EXCLUSIVE})


@dataclass(frozen=True)
class RunSettings:
    # a step whose lock queues the app's queries waits at most this long, per attempt: while it waits, the
    # app's queries on that table wait behind it, so this is what each retry costs them. 100 ms kept the
    # zero-downtime benchmark's longest workload wait at 99.5 ms while a report forced 4 attempts (2 s: 1,009 ms)
    lock_timeout: float = 0.1
    # a step whose wait queues nobody (CONCURRENTLY's waits for old snapshots, SHARE UPDATE EXCLUSIVE):
    # giving up throws the build away, and waiting costs the app nothing
    patient_lock_timeout: float = 600.0
    statement_timeout: float = 0.0  # 0: none (CREATE INDEX CONCURRENTLY on a big table takes hours)
    retry_budget: float = 60.0  # total time spent retrying one step after lock timeouts
    backoff_base: float = 0.25
    backoff_cap: float = 8.0
    batch_size: int = 1000  # first backfill batch; then adapted to batch_target
    batch_target: float = 0.2  # seconds one backfill batch should take (its row locks last that long)
    batch_min: int = 10
    batch_max: int = 50_000
    batch_pause: float = 0.0  # sleep between batches, to leave room for replication and vacuum

    def lock_timeout_for(self, lock: Lock) -> float:
        """The lock_timeout of a step taking ``lock`` (its strongest).

        >>> s = RunSettings(lock_timeout=0.1, patient_lock_timeout=60)
        >>> s.lock_timeout_for(Lock.ACCESS_EXCLUSIVE), s.lock_timeout_for(Lock.SHARE_UPDATE_EXCLUSIVE)
        (0.1, 60)
        """
        return self.patient_lock_timeout if lock in PATIENT_LOCKS else self.lock_timeout

    @property
    def batch_statement_timeout(self) -> float:
        """A batch that runs far past its target is cancelled and retried smaller."""
        limit = max(20 * self.batch_target, 10.0)
        return min(limit, self.statement_timeout) if self.statement_timeout > 0 else limit

    def describe(self) -> dict[str, str | int | float]:
        return {
            "lock_timeout": format_duration(self.lock_timeout),
            "patient_lock_timeout": format_duration(self.patient_lock_timeout),
            "statement_timeout": format_duration(self.statement_timeout),
            "retry_budget_seconds": self.retry_budget,
            "batch_target_seconds": self.batch_target,
            "batch_statement_timeout": format_duration(self.batch_statement_timeout),
        }


DEFAULT_SETTINGS = RunSettings()


def settings_from(lock_timeout: str, statement_timeout: str, retry_budget: str, batch_size: int, batch_target: str,
                  batch_pause: str, patient_lock_timeout: str = "10min") -> RunSettings:
    """The settings from the timing options as typed (``"2s"``, ``"200ms"``), checked."""
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
