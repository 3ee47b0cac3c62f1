"""EC215 add-column-inline-constraint: ADD COLUMN … UNIQUE / PRIMARY KEY / REFERENCES / CHECK on
an existing table builds an index or validates every row inside the ADD COLUMN's ACCESS EXCLUSIVE
lock. Add the bare column, then the constraint the non-blocking way."""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..core.findings import Severity
from ..core.ops import Action, ConstraintSpec, Op
from . import Hit, Rule, RuleContext
from ._shared.alembic import AUTOCOMMIT, Raw, op_call, table_args
from ._shared.locks import constraint_name, quote_ident, quote_qualified


def _hit(action: Action, con: ConstraintSpec) -> Hit:
    table, column = action.table or "?", action.column or "?"
    q_table, q_col = quote_qualified(table), quote_ident(column)
    plain = f"ALTER TABLE {q_table} ADD COLUMN {q_col} {action.column_spec.type}"
    if action.column_spec.default is not None:
        plain += f" DEFAULT {action.column_spec.default}"
    bare_table, schema = table_args(table)
    default = action.column_spec.default
    column_arg = Raw(f"sa.Column({json.dumps(column)}, ..."
                     + (f", server_default=sa.text({json.dumps(default)})" if default is not None else "") + ")")
    add = op_call("add_column", bare_table, column_arg, schema=schema)
    if con.kind in ("unique", "primary_key"):
        kind = "PRIMARY KEY" if con.kind == "primary_key" else "UNIQUE"
        raw_name = con.name or constraint_name(table, "pkey" if kind == "PRIMARY KEY" else f"{column}_key")
        name = quote_ident(raw_name)
        index = op_call("create_index", raw_name, bare_table, [column], schema=schema, unique=True,
                        postgresql_concurrently=True)
        attach = op_call("execute", f"ALTER TABLE {q_table} ADD CONSTRAINT {name} {kind} USING INDEX {name}")
        return Hit(
            f"ADD COLUMN {column} … {kind} builds a unique index over every row of {table} while holding the "
            f"ACCESS EXCLUSIVE lock of ADD COLUMN: all reads and writes of {table} wait for the whole build",
            f"add the column bare, build the index concurrently, then attach it (instant): {plain}; "
            f"CREATE UNIQUE INDEX CONCURRENTLY {name} ON {q_table} ({q_col}); ALTER TABLE {q_table} "
            f"ADD CONSTRAINT {name} {kind} USING INDEX {name}",
            f"add the column bare, build the index concurrently outside the revision's transaction, then attach "
            f"it (instant): {add}; {AUTOCOMMIT} {index}; then {attach}",
        )
    if con.kind == "foreign_key":
        ref = con.references or "the referenced table"
        raw_name = con.name or constraint_name(table, column, "fkey")
        name = quote_ident(raw_name)
        referent, referent_schema = table_args(con.references)
        fkey = op_call("create_foreign_key", raw_name, bare_table, referent, [column], ["…"], source_schema=schema,
                       referent_schema=referent_schema, postgresql_not_valid=True)
        validate = op_call("execute", f"ALTER TABLE {q_table} VALIDATE CONSTRAINT {name}")
        return Hit(
            f"ADD COLUMN {column} … REFERENCES {ref} checks every row of {table} against {ref} while holding "
            f"ACCESS EXCLUSIVE on {table} and SHARE ROW EXCLUSIVE on {ref}: all reads and writes of {table} "
            f"and all writes to {ref} wait for the full scan",
            f"add the column bare, then the foreign key NOT VALID, and validate it in a later transaction "
            f"(SHARE UPDATE EXCLUSIVE: reads and writes go on): {plain}; ALTER TABLE {q_table} ADD "
            f"CONSTRAINT {name} FOREIGN KEY ({q_col}) REFERENCES {quote_qualified(ref)} NOT VALID; then, "
            f"after COMMIT: ALTER TABLE {q_table} VALIDATE CONSTRAINT {name}",
            f"add the column bare, then the foreign key NOT VALID, and validate it after a commit (SHARE UPDATE "
            f"EXCLUSIVE: reads and writes go on): {add}; {fkey}; then, in the next revision or right after it: "
            f"{AUTOCOMMIT} {validate}",
        )
    raw_name = con.name or constraint_name(table, column, "check")
    name = quote_ident(raw_name)
    check = op_call("create_check_constraint", raw_name, bare_table, con.expression or "…", schema=schema,
                    postgresql_not_valid=True)
    validate = op_call("execute", f"ALTER TABLE {q_table} VALIDATE CONSTRAINT {name}")
    return Hit(
        f"ADD COLUMN {column} … CHECK checks every row of {table} while holding the ACCESS EXCLUSIVE lock of "
        f"ADD COLUMN: all reads and writes of {table} wait for the full scan",
        f"add the column bare, then the check NOT VALID, and validate it in a later transaction: {plain}; "
        f"ALTER TABLE {q_table} ADD CONSTRAINT {name} CHECK ({con.expression or '…'}) NOT VALID; then, after COMMIT: "
        f"ALTER TABLE {q_table} VALIDATE CONSTRAINT {name}",
        f"add the column bare, then the check NOT VALID, and validate it after a commit: {add}; {check}; then, "
        f"in the next revision or right after it: {AUTOCOMMIT} {validate}",
    )


class AddColumnInlineConstraint(Rule):
    code = "EC215"
    name = "add-column-inline-constraint"
    severity = Severity.ERROR
    family = "locks"
    ops = frozenset({Op.ADD_COLUMN})
    postgres_only = True

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        for action, _ in self.pairs(ctx):
            if action.column_spec is None or not ctx.table_existing(action.table):
                continue
            for con in action.constraints:
                if con.kind in ("unique", "primary_key", "foreign_key", "check"):
                    yield _hit(action, con)
