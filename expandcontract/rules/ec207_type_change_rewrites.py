"""EC207 type-change-rewrites: ALTER COLUMN TYPE that is not binary-coercible rewrites the table
and all its indexes under ACCESS EXCLUSIVE (a change that rewrites no row still builds again the
indexes whose expression or WHERE reads the column, and, timestamp -> timestamptz in a UTC
session, those that hold it)."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from ..core.ops import Op
from ..core.ops.columns import rebuilt_indexes
from ..core.ops.typecompat import is_binary_coercible, timestamptz_needs_utc
from . import Hit, Rule, RuleContext
from ._shared.alembic import Raw, declare, op_call, table_args
from ._shared.locks import quote_ident, quote_qualified


class TypeChangeRewrites(Rule):
    code = "EC207"
    name = "type-change-rewrites"
    severity = Severity.ERROR
    family = "locks"
    ops = frozenset({Op.ALTER_COLUMN_TYPE})
    squawk = ("changing-column-type",)
    postgres_only = True

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        for action, cls in self.pairs(ctx):
            if not cls.holds_long or not ctx.table_existing(action.table):
                continue
            table, column = action.table, action.column
            old = ctx.schema.column(table, column)
            if not cls.rewrites:  # no row is rewritten, but indexes are built again
                relabelled = old is not None and not is_binary_coercible(old.type, action.type)
                indexes = ", ".join(rebuilt_indexes(ctx.schema, table, column, relabelled=relabelled))
                why = ("under TimeZone UTC rewrites no row, but builds its indexes again (another operator class, "
                       "or an expression or WHERE that reads it)" if relabelled else
                       "rewrites no row, but builds again the indexes whose expression or WHERE reads it, which "
                       "PostgreSQL cannot keep")
                yield Hit(
                    f"changing {table}.{column} from {old.type if old else 'its type'} to {action.type} {why} "
                    f"({indexes}) while holding an ACCESS EXCLUSIVE lock: all reads and writes of {table} wait "
                    f"until every row is read and indexed again",
                    f"drop those indexes first and build them again with CREATE INDEX CONCURRENTLY after the type "
                    f"change, or move to a new column (ALTER TABLE {quote_qualified(table)} ADD COLUMN "
                    f"{quote_ident(f'{column}_new')} {action.type}, a trigger, a batched backfill)",
                )
                continue
            zone = ""
            if old is not None and ctx.pg_version >= 12 and timestamptz_needs_utc(old.type, action.type):
                zone = (" (PostgreSQL skips this rewrite only when the session TimeZone is UTC: if your "
                        "migrations run with TimeZone = 'UTC', say so with timezone = \"UTC\" in the config, "
                        "or SET timezone = 'UTC' before it in the migration)")
            if old is not None:
                change = f"changing {table}.{column} from {old.type} to {action.type}"
            else:
                change = (f"changing {table}.{column} to {action.type} (its current type is unknown without a "
                          f"baseline schema, so the change is assumed not binary-coercible)")
            q_table, new_col = quote_qualified(table), quote_ident(f"{column}_new")
            yield Hit(
                f"{change} rewrites the whole table and rebuilds every index on it while holding an "
                f"ACCESS EXCLUSIVE lock: all reads and writes of {table} wait until the rewrite finishes{zone}",
                f"move to a new column instead: ALTER TABLE {q_table} ADD COLUMN {new_col} {action.type}; "
                f"a trigger that sets NEW.{new_col} := NEW.{quote_ident(column)} on INSERT and UPDATE; "
                f"backfill in batches in migrate.sql (UPDATE {q_table} SET {new_col} = {quote_ident(column)} "
                f"WHERE … a range of keys); switch the app to {new_col}, then drop {quote_ident(column)} in "
                f"contract.sql. Free changes need none of this: varchar(n) to varchar(m >= n) or text, "
                f"numeric(p,s) to numeric(q >= p,s)",
                _alembic_help(table, column, str(action.type)),
            )


def _alembic_help(table: str, column: str, new_type: str) -> str:
    bare, schema = table_args(table)
    new = f"{column}_new"
    t, o, n = quote_qualified(table), quote_ident(column), quote_ident(new)
    add = op_call("add_column", bare, Raw(f'sa.Column("{new}", ...)'), schema=schema)
    backfill = op_call("execute", f"UPDATE {t} SET {n} = {o} WHERE {n} IS NULL AND {o} IS NOT NULL")
    return (
        f"move to a new column instead, in revisions: {declare('expand')}: {add} (type {new_type}) plus a trigger, "
        f"created with op.execute, that sets NEW.{n} := NEW.{o} on INSERT and UPDATE; {declare('migrate')}: "
        f"`# expandcontract: backfill key=…` above {backfill}; switch the app to {new}, then in "
        f"{declare('contract')}: {op_call('drop_column', bare, column, schema=schema)}. Free changes need none of "
        f"this: varchar(n) to varchar(m >= n) or text, numeric(p,s) to numeric(q >= p,s)"
    )
