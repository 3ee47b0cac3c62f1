"""EC504 mysql-modify-drops-attributes: MODIFY/CHANGE restates the whole column; whatever the new
definition leaves out (NOT NULL, DEFAULT, COMMENT, CHARACTER SET, ON UPDATE, AUTO_INCREMENT) is gone."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from ..core.record import replace
from . import Hit, Rule, RuleContext
from ._shared.mysql import alter_table_step, modified_columns


class MySQLModifyDropsAttributes(Rule):
    code = "EC504"
    name = "mysql-modify-drops-attributes"
    severity = Severity.ERROR
    family = "compatibility"
    mysql_only = True

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        step = alter_table_step(ctx)
        if step is None or step.table is None:
            return
        table = step.table
        for spec in modified_columns(step):
            old = table.column(spec.old_name or spec.column.name)
            new = spec.column
            if old is None:
                continue
            lost, kept = [], {}
            if old.not_null and new.not_null is None and not new.primary_key:
                lost.append("NOT NULL (the column now accepts NULL, and the old app's code may not expect it)")
                kept["not_null"] = True
            if old.default is not None and new.default is None and old.default.upper() != "NULL":
                lost.append(f"DEFAULT {old.default} (INSERTs that leave it out now get NULL or fail)")
                kept["default"] = old.default
            if old.comment is not None and new.comment is None:
                lost.append(f"COMMENT {old.comment}")
                kept["comment"] = old.comment
            if old.charset and new.charset is None and old.charset != (table.charset or old.charset) \
                    and new.type.name in ("char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set"):
                lost.append(f"CHARACTER SET {old.charset} (it falls back to the table's {table.charset}: a "
                            f"conversion of every value)")
                kept["charset"], kept["collation"] = old.charset, old.collation
            if old.on_update and new.on_update is None:
                lost.append(f"ON UPDATE {old.on_update}")
                kept["on_update"] = old.on_update
            if old.auto_increment and not new.auto_increment:
                lost.append("AUTO_INCREMENT (INSERTs without an id now fail or insert 0)")
                kept["auto_increment"] = True
            if not lost:
                continue
            keyword = "CHANGE" if spec.old_name else "MODIFY"
            fixed = replace(new, position=None, **kept)
            restated = (f"{spec.old_name} " if spec.old_name else "") + fixed.spelled()
            yield Hit(
                f"{keyword} restates the whole column {table.name}.{old.name}, and this definition leaves out "
                f"{'; '.join(lost)}: MySQL silently drops what is not restated",
                f"restate every attribute you keep: ALTER TABLE {step.statement.table} {keyword} {restated}"
                + (" (to change only the default, use ALTER COLUMN … SET DEFAULT, which is instant)"
                   if list(kept) == ["default"] else ""),
            )
