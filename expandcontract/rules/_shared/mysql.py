"""Helpers shared by the MySQL rules (EC5xx)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import RuleContext

if TYPE_CHECKING:  # (the MySQL model imports sqlglot: only for --dialect mysql)
    from ...core.mysql.steps import MySQLStep


def alter_table_step(ctx: RuleContext) -> MySQLStep | None:
    """The statement's MySQL step when it is an ALTER TABLE (CREATE / DROP INDEX are too, to the
    server), else None: what the rules on online DDL look at."""
    step = ctx.mysql
    if step is None or step.statement.kind != "alter_table":
        return None
    return step


def modified_columns(step: MySQLStep):
    """The MODIFY / CHANGE clauses of an ALTER TABLE that restate a column."""
    return [spec for spec in step.statement.specs if spec.column is not None and spec.op == "modify_column"]


def existing_table(ctx: RuleContext, step: MySQLStep) -> bool:
    """The statement's table exists in production (assumed populated): created by the baseline or an
    earlier migration, or never seen created at all (the safe assumption for locks)."""
    table = step.table
    return table is None or table.origin != ctx.migration.name


def steps(ctx: RuleContext):
    """(position, MySQLStep) for every statement of the script that has one."""
    return [(p, s.mysql) for p, s in enumerate(ctx.index.steps) if s.mysql is not None]
