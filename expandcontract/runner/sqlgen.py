"""The exact SQL each kind of step sends, shared by the real and the recording executor so that
``plan`` shows what ``apply`` does."""

from __future__ import annotations

import math
from collections.abc import Sequence

from .settings import RunSettings, format_duration
from .steps import BackfillStep, StandaloneStep, TransactionStep

__all__ = ["batch_sql", "mysql_timeouts_sql", "standalone_sql", "timeouts_sql", "transaction_sql"]


def timeouts_sql(lock_timeout: float, statement_timeout: float, *, local: bool) -> list[str]:
    scope = "SET LOCAL" if local else "SET"
    return [
        f"{scope} lock_timeout = '{format_duration(lock_timeout)}'",
        f"{scope} statement_timeout = '{format_duration(statement_timeout)}'",
    ]


def mysql_timeouts_sql(lock_timeout: float, statement_timeout: float, *, mariadb: bool = True) -> list[str]:
    """MySQL's lock timeouts, in whole seconds: ``lock_wait_timeout`` bounds a metadata-lock wait
    (DDL), ``innodb_lock_wait_timeout`` a row-lock wait (DML). MariaDB also bounds the statement
    (``max_statement_time``, 0: none); MySQL 8's ``max_execution_time`` bounds only SELECTs.

    >>> mysql_timeouts_sql(0.1, 0)
    ['SET SESSION lock_wait_timeout = 1', 'SET SESSION innodb_lock_wait_timeout = 1', 'SET SESSION max_statement_time = 0']
    """
    seconds = max(1, math.ceil(lock_timeout - 1e-9))
    out = [f"SET SESSION lock_wait_timeout = {seconds}", f"SET SESSION innodb_lock_wait_timeout = {seconds}"]
    if mariadb:
        out.append(f"SET SESSION max_statement_time = {statement_timeout:g}")
    return out


def transaction_sql(step: TransactionStep, settings: RunSettings, dialect: str = "postgres",
                    mariadb: bool = True) -> list[str]:
    """BEGIN, the step's timeouts, its statements (never the file's own BEGIN/COMMIT), COMMIT.
    The step's completion record is written just before COMMIT. On MySQL a DDL statement is a
    step of its own, sent after its timeouts with no BEGIN/COMMIT (it commits by itself)."""
    if dialect == "mysql":
        timeouts = mysql_timeouts_sql(settings.lock_timeout, settings.statement_timeout, mariadb=mariadb)
        if any(s.implicit_commit for s in step.statements):
            return [*timeouts, *(s.text for s in step.statements)]
        return ["BEGIN", *timeouts, *(s.text for s in step.statements), "COMMIT"]
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


def _quoted(key: str, dialect: str = "postgres") -> str:
    if dialect == "mysql":
        return "`" + key.replace("`", "``").replace("%", "%%") + "`"
    return '"' + key.replace('"', '""').replace("%", "%%") + '"'


def _row(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"({', '.join(items)})"


def key_text(key: str | Sequence[str], prefix: str = "", dialect: str = "postgres") -> str:
    """The SQL giving a key's value as text: the column as text, or a JSON array for a composite key
    (``encode_key`` / ``decode_key`` read both)."""
    cols = [prefix + _quoted(k, dialect) for k in _keys(key)]
    if dialect == "mysql":
        texts = [f"CAST({c} AS CHAR)" for c in cols]
        return texts[0] if len(texts) == 1 else f"JSON_ARRAY({', '.join(texts)})"
    return f"{cols[0]}::text" if len(cols) == 1 else f"json_build_array({', '.join(c + '::text' for c in cols)})::text"


def high_key_sql(table: str, key: str | Sequence[str], dialect: str = "postgres") -> str:
    """The largest key, by the key's own ordering (any btree type: uuid, text, composite; no max())."""
    cols = [_quoted(k, dialect) for k in _keys(key)]
    # an output column named like the key would make ORDER BY sort the text: alias it
    return (f"SELECT {key_text(key, dialect=dialect)} AS key_value FROM {table.replace('%', '%%')} "
            f"ORDER BY {', '.join(c + ' DESC' for c in cols)} LIMIT 1")


def range_sql(table: str, key: str | Sequence[str], *, lower: bool, dialect: str = "postgres") -> str:
    """The next batch's key range: its upper bound (the ``size``-th key after the last one, read off
    the key's index with OFFSET: no sort, nothing materialized) and how many keys it holds. When
    fewer than ``size`` keys are left up to the high-water mark (the last batch), the largest of
    them and their count. Bounds are ``%(last_0)s`` …, ``%(high_0)s`` … (one per key column, see
    ``key_params``). On MySQL (backticks; MariaDB 10.2+, MySQL 8): the largest of the next ``size``
    keys and their count, from a CTE."""
    keys = _keys(key)
    table = table.replace("%", "%%")  # psycopg placeholders
    cols = [_quoted(k, dialect) for k in keys]
    row = _row(cols)
    last = _row([f"%(last_{i})s" for i in range(len(keys))])
    high = _row([f"%(high_{i})s" for i in range(len(keys))])
    where = f"{row} > {last} AND {row} <= {high}" if lower else f"{row} <= {high}"
    ascending, descending = ", ".join(cols), ", ".join(c + " DESC" for c in cols)
    if dialect == "mysql":
        return (f"WITH batch AS (SELECT {ascending} FROM {table} WHERE {where} ORDER BY {ascending} LIMIT %(size)s) "
                f"SELECT (SELECT {key_text(key, dialect=dialect)} AS key_value FROM batch ORDER BY {descending} "
                "LIMIT 1), (SELECT count(*) FROM batch)")
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


def batch_sql(step: BackfillStep, key: str, settings: RunSettings, dialect: str = "postgres",
              mariadb: bool = True) -> list[str]:
    """One batch transaction, with symbolic bounds (the first batch has no lower bound)."""
    timeouts = (mysql_timeouts_sql(settings.lock_timeout, settings.batch_statement_timeout, mariadb=mariadb)
                if dialect == "mysql" else
                timeouts_sql(settings.lock_timeout, settings.batch_statement_timeout, local=True))
    return [
        "BEGIN",
        *timeouts,
        _symbolic(range_sql(step.table, key, lower=True, dialect=dialect)),
        step.template.describe(key),
        "COMMIT",
    ]


def _symbolic(query: str) -> str:
    for name, label in (("last", ":last_key"), ("high", ":high_water_mark")):
        query = query.replace(f"%({name}_0)s", label)
        for i in range(1, 32):
            query = query.replace(f"%({name}_{i})s", f"{label}_{i + 1}")
    return query.replace("%(size)s", ":batch_size").replace("%%", "%")
