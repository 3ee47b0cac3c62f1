"""``expandcontract split``: turn an unsafe migration into an expand/migrate/contract plan.

Usage::

    from expandcontract.split import split_migration, render_files
    plan = split_migration("ALTER TABLE users RENAME COLUMN name TO full_name",
                           open("schema.sql").read())
    if plan.ok:
        files = render_files(plan)  # expand.sql, migrate.sql, contract.sql, PLAN.md
    else:
        for refusal in plan.refusals:
            print(refusal.line, refusal.reason)
"""

from __future__ import annotations

from .model import Backfill, Block, Change, Plan, Refusal, Sql
from .planner import SplitInputError, plan_split, split_migration
from .render import FILE_NAMES, plan_migration, render_files, render_plan_md, render_script

__all__ = [
    "FILE_NAMES",
    "Backfill",
    "Block",
    "Change",
    "Plan",
    "Refusal",
    "SplitInputError",
    "Sql",
    "plan_migration",
    "plan_split",
    "render_files",
    "render_plan_md",
    "render_script",
    "split_migration",
]
