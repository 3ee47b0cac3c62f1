"""The exact SQL each kind of step sends, shared by the real and the recording executor so that
``plan`` shows what ``apply`` does."""

from __future__ import annotations

from collections.abc import Sequence

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


def _keys(key: str | Sequence[str]) -> tuple[str, ...]:
    return (key,) if isinstance(key, str) else tuple(key)


def _quoted(key: str) -> str:
    return '"' + key.replace('"', '""').replace("%", "%%") + '"'


def _row(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"({', '.join(items)})"


def key_text(key: str | Sequence[str], prefix: str = "") -> str:
    """The SQL giving a key's value as text: the column as text, or a JSON array for a composite key
    (``encode_key`` / ``decode_key`` read both)."""
    cols = [prefix + _quoted(k) for k in _keys(key)]
    return f"{cols[0]}::text" if len(cols) == 1 else f"json_build_array({', '.join(c + '::text' for c in cols)})::text"


def high_key_sql(table: str, key: str | Sequence[str]) -> str:
    """The largest key, by the key's own ordering (any btree type: uuid, text, composite; no max())."""
    cols = [_quoted(k) for k in _keys(key)]
    # an output column named like the key would make ORDER BY sort the text: alias it
    return (f"SELECT {key_text(key)} AS key_value FROM {table.replace('%', '%%')} "
            f"ORDER BY {', '.join(c + ' DESC' for c in cols)} LIMIT 1")


def range_sql(table: str, key: str | Sequence[str], *, lower: bool) -> str:
    """The next batch's key range: its upper bound (the ``size``-th key after the last one, read off
    the key's index with OFFSET: no sort, nothing materialized) and how many keys it holds. When
    fewer than ``size`` keys are left up to the high-water mark (the last batch), the largest of
    them and their count. Bounds are ``%(last_0)s`` …, ``%(high_0)s`` … (one per key column, see
    ``key_params``)."""
    keys = _keys(key)
    table = table.replace("%", "%%")  # psycopg placeholders
    cols = [_quoted(k) for k in keys]
    row = _row(cols)
    last = _row([f"%(last_{i})s" for i in range(len(keys))])
    high = _row([f"%(high_{i})s" for i in range(len(keys))])
    where = f"{row} > {last} AND {row} <= {high}" if lower else f"{row} <= {high}"
    ascending, descending = ", ".join(cols), ", ".join(c + " DESC" for c in cols)
    # an output column named like the key would make ORDER BY sort the text: aliased
    nth = (f"SELECT {key_text(key)} AS key_value FROM {table} WHERE {where} ORDER BY {ascending} "
           "OFFSET %(size)s - 1 LIMIT 1")
    largest = f"SELECT {key_text(key)} AS key_value FROM {table} WHERE {where} ORDER BY {descending} LIMIT 1"
    left = f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {where} LIMIT %(size)s) AS rest"
    return (f"SELECT coalesce(upper_key, ({largest})), "
            f"CASE WHEN upper_key IS NOT NULL THEN %(size)s ELSE ({left}) END "
            f"FROM (SELECT ({nth}) AS upper_key OFFSET 0) AS next_batch")  # OFFSET 0: read once, not per use


def key_params(name: str, values: Sequence[str] | None) -> dict[str, str | None]:
    return {f"{name}_{i}": v for i, v in enumerate(values or ())}


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
    for name, label in (("last", ":last_key"), ("high", ":high_water_mark")):
        query = query.replace(f"%({name}_0)s", label)
        for i in range(1, 32):
            query = query.replace(f"%({name}_{i})s", f"{label}_{i + 1}")
    return query.replace("%(size)s", ":batch_size").replace("%%", "%")
