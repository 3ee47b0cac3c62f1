"""The compatibility rules (EC301-EC311) for ``--dialect mysql``: the same hazards judged on the
MySQL catalog (so BLOB -> MEDIUMBLOB is a widening and MODIFY restates a column), with MySQL's
error messages and MySQL fixes.

``mysql_variant(rule)`` returns the rule with the same code, name and severity (suppressions,
--select and the docs stay the same) and a MySQL ``check``; the linter uses it when the dialect
is mysql.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ...core.mysql.catalog import MySQLTable
from ...core.mysql.model import AlterSpec, ColumnDef, quote
from ...core.mysql.steps import MySQLStep, is_widening
from .. import Hit, Rule, RuleContext, loaded
from .compat import when

__all__ = ["mysql_variant"]

Check = Callable[[RuleContext, MySQLStep], Iterator[Hit]]


def _existing(ctx: RuleContext, step: MySQLStep) -> bool:
    table = step.table
    return table is None or table.origin != ctx.migration.name


def _alters(ctx: RuleContext, ops: tuple[str, ...]) -> Iterator[tuple[MySQLStep, AlterSpec]]:
    step = ctx.mysql
    if step is None or not ctx.old_app_live or step.statement.kind != "alter_table" or not _existing(ctx, step):
        return
    for spec in step.statement.specs:
        if spec.op in ops:
            yield step, spec


def _modified(ctx: RuleContext) -> Iterator[tuple[MySQLStep, MySQLTable | None, ColumnDef | None, ColumnDef]]:
    """(step, table, the column before, its new definition) for every MODIFY/CHANGE of the statement."""
    for step, spec in _alters(ctx, ("modify_column",)):
        if spec.column is not None:
            table = step.table
            yield step, table, table.column(spec.old_name or spec.column.name) if table else None, spec.column


def _drop_column(ctx: RuleContext) -> Iterator[Hit]:
    for step, spec in _alters(ctx, ("drop_column",)):
        table, column = step.statement.table, spec.name
        yield Hit(
            f"the old app still selects and inserts {table}.{column}: its queries fail with ERROR 1054 "
            f"(Unknown column '{column}' in 'field list') from the moment this runs, and rolling back the deploy "
            f"cannot bring the values back ({when(ctx.kind)})",
            f"stop using the column in the app first, deploy, then drop it in contract.sql: ALTER TABLE {table} "
            f"DROP COLUMN {quote(column or '')} (instant on MySQL 8.0.29+ and MariaDB 10.4+)",
        )


def _existing_tables(ctx: RuleContext, kind: str) -> Iterator[str]:
    """The tables a DROP TABLE or TRUNCATE (``kind``) names that existed before this migration."""
    step = ctx.mysql
    if step is None or not ctx.old_app_live or step.statement.kind != kind:
        return
    for name in step.statement.tables:
        table = step.catalog_before.table(name)
        if table is None or table.origin != ctx.migration.name:
            yield name


def _drop_table(ctx: RuleContext) -> Iterator[Hit]:
    for name in _existing_tables(ctx, "drop_table"):
        yield Hit(
            f"the old app still reads and writes {name}: its queries fail with ERROR 1146 (Table '…{name}' "
            f"doesn't exist), and the rows are gone for good ({when(ctx.kind)})",
            f"stop using the table in the app first, deploy, then drop it in contract.sql: DROP TABLE {name}",
        )


def _rename_column(ctx: RuleContext) -> Iterator[Hit]:
    for step, spec in _alters(ctx, ("rename_column", "modify_column")):
        if not spec.old_name or spec.old_name.lower() == (spec.name or "").lower():
            continue
        table, old, new = step.statement.table, spec.old_name, spec.name
        known = step.table.column(old) if step.table else None
        definition = str(spec.column.type) if spec.column else (str(known.type) if known else "<type>")
        yield Hit(
            f"the old app still selects and writes {table}.{old}: once it is renamed to {new}, those queries fail "
            f"with ERROR 1054 (Unknown column '{old}' in 'field list') ({when(ctx.kind)})",
            f"rename in three phases: expand.sql ALTER TABLE {table} ADD COLUMN {quote(new or '')} {definition} "
            f"plus triggers that copy it on every write (CREATE TRIGGER {table}_{new}_ins BEFORE INSERT ON {table} "
            f"FOR EACH ROW SET NEW.{quote(new or '')} = NEW.{quote(old)}, and the same BEFORE UPDATE); migrate.sql "
            f"UPDATE {table} SET {quote(new or '')} = {quote(old)} WHERE id BETWEEN … (batched by key range); "
            f"contract.sql, once the app uses only {new}: DROP the triggers, ALTER TABLE {table} DROP COLUMN "
            f"{quote(old)}",
        )


def _rename_table(ctx: RuleContext) -> Iterator[Hit]:
    step = ctx.mysql
    if step is None or not ctx.old_app_live:
        return
    stmt = step.statement
    pairs = list(stmt.renames) if stmt.kind == "rename_table" else [
        (stmt.table, s.value) for s in stmt.specs if s.op == "rename_table"] if stmt.kind == "alter_table" else []
    for old, new in pairs:
        table = step.catalog_before.table(old)
        if table is not None and table.origin == ctx.migration.name:
            continue
        yield Hit(
            f"the old app still reads and writes {old}: once it is renamed to {new}, its queries fail with "
            f"ERROR 1146 (Table '…{old}' doesn't exist) ({when(ctx.kind)})",
            f"rename and leave a view under the old name in the same migration (a single-table view is "
            f"updatable in MySQL): RENAME TABLE {old} TO {new}; CREATE VIEW {old} AS SELECT * FROM {new}; drop the "
            f"view in contract.sql once the app uses only {new}",
        )


def _add_not_null(ctx: RuleContext) -> Iterator[Hit]:
    for step, spec in _alters(ctx, ("add_column",)):
        column = spec.column
        if column is None or not column.not_null or column.default is not None or column.auto_increment \
                or column.generated:
            continue
        table = step.statement.table
        yield Hit(
            f"{table}.{column.name} is NOT NULL without a default: existing rows get the type's implicit default "
            f"(0, '' or a zero date), and the old app's INSERTs, which never supply {column.name}, fail in strict "
            f"mode with ERROR 1364 (Field '{column.name}' doesn't have a default value) ({when(ctx.kind)})",
            f"give it a default in expand.sql (instant): ALTER TABLE {table} ADD COLUMN "
            f"{column.spelled()} DEFAULT <value>; or add it NULL, backfill it in migrate.sql and make it "
            f"NOT NULL in contract.sql",
        )


def _drop_default(ctx: RuleContext) -> Iterator[Hit]:
    for step, spec in _alters(ctx, ("drop_default", "modify_column")):
        table = step.table
        old = table.column(spec.old_name or spec.name) if table else None
        if spec.op == "modify_column" and (spec.column is None or spec.column.default is not None):
            continue
        if old is None or old.default is None or old.default.upper() == "NULL" or not old.not_null:
            continue
        if spec.op == "modify_column" and spec.column.not_null is not True:
            continue  # MODIFY without NOT NULL: EC504 and EC307 say it
        yield Hit(
            f"{step.statement.table}.{old.name} loses its default while the old app inserts rows without it: those "
            f"INSERTs fail with ERROR 1364 (Field '{old.name}' doesn't have a default value) ({when(ctx.kind)})",
            f"drop the default in contract.sql, once only the new app (which supplies {old.name}) runs: "
            f"ALTER TABLE {step.statement.table} ALTER COLUMN {quote(old.name)} DROP DEFAULT",
        )


def _drop_not_null(ctx: RuleContext) -> Iterator[Hit]:
    for step, _table, old, new in _modified(ctx):
        if old is None or not old.not_null or new.not_null is not False or new.primary_key:
            continue  # (leaving NOT NULL out is EC504: silently dropped)
        yield Hit(
            f"{step.statement.table}.{old.name} becomes nullable while the old app still reads it: once the new app "
            f"writes NULL there, the old app reads a NULL it assumes cannot exist ({when(ctx.kind)})",
            f"if the new app will store NULL there, make it nullable in contract.sql, once the old app is gone, "
            f"restating the rest of the column: ALTER TABLE {step.statement.table} MODIFY "
            f"{ColumnDef(old.name, new.type, False, new.default, new.comment, new.charset).spelled()}",
        )


def _narrowing(ctx: RuleContext) -> Iterator[Hit]:
    for step, table, old, new in _modified(ctx):
        if old is None or is_widening(old, new, table):
            continue
        error = ("ERROR 1406 (Data too long for column '{c}' at row 1)"
                 if new.type.name in ("char", "varchar", "tinytext", "text", "binary", "varbinary", "tinyblob", "blob")
                 else "ERROR 1264 (Out of range value for column '{c}' at row 1)"
                 if new.type.name in ("tinyint", "smallint", "mediumint", "int", "bigint", "decimal")
                 else "ERROR 1265 (Data truncated for column '{c}' at row 1)").format(c=old.name)
        yield Hit(
            f"{step.statement.table}.{old.name} changes from {old.type} to {new.type}, which does not hold every "
            f"value of {old.type}: the old app's writes that do not fit fail in strict mode with {error}; the ALTER "
            f"itself fails on the first row that does not fit ({when(ctx.kind)})",
            f"change the type in contract.sql, once only the new app (which writes values that fit {new.type}) runs "
            f"and every row fits (check with SELECT … WHERE the value does not fit): ALTER TABLE "
            f"{step.statement.table} MODIFY {new.spelled()}",
        )


def _set_not_null(ctx: RuleContext) -> Iterator[Hit]:
    for step, _table, old, new in _modified(ctx):
        if old is None or old.not_null or not new.not_null:
            continue
        yield Hit(
            f"{step.statement.table}.{old.name} becomes NOT NULL while the old app may still write NULL there: the "
            f"ALTER fails with ERROR 1138 (Invalid use of NULL value) if a row holds NULL, and afterwards the old "
            f"app's writes of NULL fail with ERROR 1048 (Column '{old.name}' cannot be null) ({when(ctx.kind)})",
            f"backfill in migrate.sql (UPDATE {step.statement.table} SET {quote(old.name)} = <value> WHERE "
            f"{quote(old.name)} IS NULL, batched), then in contract.sql: ALTER TABLE {step.statement.table} MODIFY "
            f"{new.spelled()}",
        )


def _truncate(ctx: RuleContext) -> Iterator[Hit]:
    for name in _existing_tables(ctx, "truncate"):
        yield Hit(
            f"TRUNCATE TABLE {name} drops and recreates the table: every row is gone at once, it cannot be rolled "
            f"back (an implicit commit), and it waits for an exclusive metadata lock on {name} ({when(ctx.kind)})",
            f"delete in batches in migrate.sql if rows must go while the app runs: DELETE FROM {name} WHERE … "
            f"LIMIT 10000, repeated until no row is left",
        )


def _nothing(ctx: RuleContext) -> Iterator[Hit]:
    return iter(())


_CHECKS: dict[str, Callable[[RuleContext], Iterator[Hit]]] = {
    "EC301": _drop_column, "EC302": _drop_table, "EC303": _rename_column, "EC304": _rename_table,
    "EC305": _add_not_null, "EC306": _drop_default, "EC307": _drop_not_null, "EC308": _narrowing,
    "EC309": _truncate, "EC310": _set_not_null,
    "EC311": _nothing,  # MySQL views do not stop a column change or a rename (they break at query time)
}


def mysql_variant(rule: Rule) -> Rule | None:
    """The rule with a MySQL check, for the compatibility rules; None for the others."""
    check = _CHECKS.get(rule.code)
    if check is None:
        return None
    rule = loaded(rule)  # a deferred rule: its class
    variant = type(f"MySQL{type(rule).__name__}", (type(rule),), {
        "ops": None, "check": lambda self, ctx: _run(check, ctx),
        "__module__": __name__,
    })
    return variant()


def _run(check: Callable[[RuleContext], Iterator[Hit]], ctx: RuleContext) -> Iterable[Hit]:
    return list(check(ctx))
