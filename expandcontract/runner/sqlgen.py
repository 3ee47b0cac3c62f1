"""The exact SQL each kind of step sends, shared by the real and the recording executor so that
``plan`` shows what ``apply`` does."""

from __future__ import annotations

from .settings import RunSettings, format_duration
from .steps import BackfillStep, StandaloneStep, TransactionStep

__all__ = ["batch_sql", "standalone_sql", "timeouts_sql", "transaction_sql"]


def timeouts_sql(lock_timeout: float, statement_timeout: float, *, local: bool) -> list[str]:
    scope = "SET LOCAL" if local else "SET"
    return [
        f"{scope} lock_timeout = '{format_duration(lock_timeout)}'",
        f"{scope} statement_timeout = '{format_duration(statement_timeout)}'",
    ]


def transaction_sql(step: TransactionStep, settings: RunSettings) -> list[str]:
    """BEGIN, the step's timeouts, its statements (never the file's own BEGIN/COMMIT), COMMIT.
    The step's completion record is written just before COMMIT."""
    return [
        "BEGIN",
        *timeouts_sql(settings.lock_timeout_for(step.lock), settings.statement_timeout, local=True),
        *(s.text for s in step.statements),
        "COMMIT",
    ]


def standalone_sql(step: StandaloneStep, settings: RunSettings) -> list[str]:
    return [*timeouts_sql(settings.lock_timeout_for(step.lock), settings.statement_timeout, local=False),
            step.statement.text]


def range_sql(table: str, key: str, *, lower: bool) -> str:
    """The next batch's key range: the largest of the next ``n`` keys up to the high-water mark."""
    table = table.replace("%", "%%")  # psycopg placeholders
    column = '"' + key.replace('"', '""').replace("%", "%%") + '"'
    bound = f"{column} > %(last)s AND " if lower else ""
    return (f"SELECT max(k)::text, count(*) FROM (SELECT {column} AS k FROM {table} "
            f"WHERE {bound}{column} <= %(high)s ORDER BY {column} LIMIT %(size)s) AS batch")


def batch_sql(step: BackfillStep, key: str, settings: RunSettings) -> list[str]:
    """One batch transaction, with symbolic bounds (the first batch has no lower bound)."""
    return [
        "BEGIN",
        *timeouts_sql(settings.lock_timeout, settings.batch_statement_timeout, local=True),
        _symbolic(range_sql(step.table, key, lower=True)),
        step.template.describe(key),
        "COMMIT",
    ]


def _symbolic(query: str) -> str:
    for name, label in (("last", ":last_key"), ("high", ":high_water_mark"), ("size", ":batch_size")):
        query = query.replace(f"%({name})s", label)
    return query.replace("%%", "%")
