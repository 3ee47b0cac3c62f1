"""``split --dialect mysql``: the expand/migrate/contract recipes in MySQL and MariaDB syntax.

A change the old app cannot survive, or one that blocks writes on the target server (the
versioned online-DDL table, ``core.mysql.ddl``), becomes its multi-step form:

* **rename a column**: expand adds the new column beside the old one (``ALGORITHM=INSTANT``),
  with a ``BEFORE INSERT`` and a ``BEFORE UPDATE`` trigger that copy each app's writes to the
  other column, and a stored procedure that backfills by primary-key range, one committed batch
  at a time; migrate ``CALL``\\ s it; contract restates the column (``NOT NULL``, ``DEFAULT``,
  ``COMMENT`` from the schema), then drops the triggers and the old column under ``LOCK TABLES``
  so no write slips between the two.
* **change a column's type** (where the server copies the table): the same with a column of the
  new type that follows the old one; contract swaps them (``DROP COLUMN``, ``RENAME COLUMN`` in one
  ``ALTER``).
* **make a column NOT NULL**: expand fills the old app's ``NULL`` writes (triggers) and the
  default; migrate backfills the ``NULL`` rows; contract runs ``MODIFY … NOT NULL`` restating the
  whole column, which MySQL would otherwise reset.
* an operation the server can only run by copying the table while writes wait (``CONVERT TO
  CHARACTER SET``, a foreign key with ``foreign_key_checks`` on, dropping the primary key, …):
  a PLAN.md step with the gh-ost and pt-online-schema-change commands.

Statements that are already safe are kept as written in the phase they belong to. Triggers are
a single ``SET`` statement (no ``BEGIN … END``), so the files need no ``DELIMITER`` but for the
backfill procedure, which the ``mysql`` client and ``core.mysql.split`` both read.

Pure: text in, a ``Plan`` or files out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..core.identifiers import bounded_identifier
from ..core.migration import PHASE_ORDER, ScriptKind
from ..core.mysql.advice import osc_runs
from ..core.mysql.catalog import BASELINE, Catalog, MySQLTable
from ..core.mysql.ddl import Op, Server, cost
from ..core.mysql.model import ColumnDef, MySQLStatement, quote
from ..core.mysql.parse import parse_mysql_statement
from ..core.mysql.split import skip_comments, split_mysql
from ..core.mysql.steps import analyse
from ..core.record import replace
from .context import Refuse
from .model import Backfill, Block, Change, Plan, Refusal, Sql
from .planner import SplitInputError
from .render import render_plan_md, script_head

__all__ = ["BATCH_ROWS", "render_mysql_files", "render_mysql_script", "split_mysql_migration"]

BATCH_ROWS = 1000  # rows per backfill batch (one committed UPDATE each)
_ORIGIN = "<split>"
_PREFIXABLE = frozenset({"char", "varchar", "binary", "varbinary", "tinytext", "text", "mediumtext", "longtext",
                         "tinyblob", "blob", "mediumblob", "longblob"})
_TYPE_OPS = frozenset({Op.CHANGE_TYPE, Op.INT_WIDEN, Op.BLOB_WIDEN, Op.VARCHAR_EXTEND, Op.VARCHAR_EXTEND_PAST_255,
                       Op.VARCHAR_EXTEND_SHORT_PAST_255,
                       Op.ENUM_APPEND})
_NOT_NULL_OPS = frozenset({Op.MAKE_NOT_NULL, Op.MAKE_TIMESTAMP_NOT_NULL})
_EXPAND_SPECS = frozenset({"add_column", "add_index", "add_primary_key", "add_foreign_key", "add_check", "set_default",
                           "modify_column", "rename_index", "convert_charset", "table_charset", "engine", "force",
                           "auto_increment", "row_format", "table_comment", "index_visibility", "order_by",
                           "partition"})
_CONTRACT_SPECS = frozenset({"drop_column", "drop_index", "drop_foreign_key", "drop_check", "drop_primary_key",
                             "drop_default"})
_KIND_PHASE = {"create_table": ScriptKind.EXPAND, "create_view": ScriptKind.EXPAND, "create_other": ScriptKind.EXPAND,
               "drop_table": ScriptKind.CONTRACT, "drop_view": ScriptKind.CONTRACT, "truncate": ScriptKind.CONTRACT,
               "dml": ScriptKind.MIGRATE}
_REFUSED_KINDS = {
    "rename_table": "RENAME TABLE breaks the old app, which still uses the old name: create the new table beside "
                    "the old one and move the data instead, or rename it in a release of its own",
    "program": "the split cannot see what a stored program or trigger does: run it by hand, in the phase it "
               "belongs to",
    "rollback": "ROLLBACK in a migration cannot be split: remove it",
    "lock_tables": "LOCK TABLES belongs to the original script, and the split chooses its own statements: remove it",
    "unlock_tables": "UNLOCK TABLES belongs to the original script: remove it",
    "other": "the split does not know what this statement does: run it by hand, in the phase it belongs to",
}


def split_mysql_migration(text: str, baseline_sql: str = "", *, source: str = "migration.sql",
                          server: Server | None = None, fills: Mapping[str, str] | None = None,
                          database: str | None = None) -> Plan:
    """Split a MySQL migration against a baseline schema (``mysqldump --no-data`` output or DDL).

    ``server``: the target (MySQL 8.0 by default); ``fills``: ``TABLE.COLUMN`` -> the SQL value
    for the rows a NOT NULL change finds NULL (``--fill``); ``database``: named in the
    online-schema-change commands.

    >>> plan = split_mysql_migration("ALTER TABLE t RENAME COLUMN a TO b",
    ...                              "CREATE TABLE t (id INT NOT NULL PRIMARY KEY, a TEXT)")
    >>> [c.title for c in plan.changes], plan.ok
    (['rename column t.a to b'], True)
    """
    server = server or Server("mysql", (8, 0))
    planner = _Planner(Catalog.from_sql(baseline_sql), server, source, dict(fills or {}), database)
    for chunk in split_mysql(text):
        piece = text[chunk.start:chunk.end]
        start = skip_comments(piece, 0)
        body = piece[start:].strip()
        if not body:
            continue
        line = text.count("\n", 0, chunk.start + start) + 1
        comments = tuple(_comment(c) for c in piece[:start].splitlines() if c.strip())
        planner.statement(body, line, comments)
    return Plan(source, tuple(planner.changes), tuple(planner.settings), tuple(planner.refusals),
                tuple(planner.dropped))


def _comment(line: str) -> str:
    line = line.strip()
    for prefix in ("--", "#"):
        if line.startswith(prefix):
            return line[len(prefix):].strip()
    return line.strip("/* ")


class _Planner:
    def __init__(self, catalog: Catalog, server: Server, source: str, fills: dict[str, str],
                 database: str | None) -> None:
        self.catalog = catalog
        self.server = server
        self.source = source
        self.fills = {k.lower(): v for k, v in fills.items()}
        self.database = database
        self.foreign_key_checks = True
        self.changes: list[Change] = []
        self.settings: list[Sql] = []
        self.refusals: list[Refusal] = []
        self.dropped: list[str] = []
        self.copied: dict[tuple[str, str], int] = {}  # columns a recipe copies -> its line
        self.taken: set[str] = set()  # names the plan creates (triggers, procedures)

    def statement(self, text: str, line: int, comments: tuple[str, ...]) -> None:
        stmt = parse_mysql_statement(text)
        if stmt.kind == "error":
            raise SplitInputError(line, f"cannot parse: {stmt.error}")
        if stmt.kind in ("begin", "commit"):
            self.dropped.append(f"line {line}: {' '.join(text.split())} (MySQL commits every DDL statement by "
                                "itself; the split chooses the statements)")
            return
        if stmt.kind in ("set", "use"):
            for name, value in stmt.variables:
                if name == "foreign_key_checks":
                    self.foreign_key_checks = value.strip().upper() not in ("0", "OFF", "FALSE")
            self.settings.append(Sql(text, comments))
            return
        try:
            self._check_copied(stmt, line)
            change = self._change(stmt, text, line, comments)
        except Refuse as refusal:
            self.refusals.append(Refusal(line, text, str(refusal)))
            change = None
        if change is not None:
            self.changes.append(change)
        self.catalog = self.catalog.apply(stmt, origin=_ORIGIN)

    def _check_copied(self, stmt: MySQLStatement, line: int) -> None:
        if not stmt.table:
            return
        table = _key(stmt.table)
        names = {s.name for s in stmt.specs} | {s.old_name for s in stmt.specs} | {
            s.column.name for s in stmt.specs if s.column}
        for name in sorted(n.lower() for n in names if n):
            if (table, name) in self.copied:
                raise Refuse(f"{stmt.table}.{name} is already being copied by the change at line "
                             f"{self.copied[(table, name)]}: make this change in a later migration")
        if stmt.kind in ("drop_table", "truncate") and any(t == table for t, _ in self.copied):
            raise Refuse(f"{stmt.table} is being copied by an earlier change: make this change in a later migration")

    def _change(self, stmt: MySQLStatement, text: str, line: int, comments: tuple[str, ...]) -> Change | None:
        if stmt.kind in _REFUSED_KINDS:
            raise Refuse(_REFUSED_KINDS[stmt.kind])
        if stmt.kind == "select":
            raise Refuse("a SELECT changes nothing: remove it")
        if stmt.kind != "alter_table":
            return _kept(text, line, comments, _KIND_PHASE.get(stmt.kind, ScriptKind.EXPAND))
        table = self.catalog.table(stmt.table)
        if table is not None and table.origin != BASELINE:
            # created earlier in this migration: no app uses it yet, so any change to it runs in
            # expand, right after its CREATE TABLE
            return _kept(text, line, comments, ScriptKind.EXPAND)
        existing = table is None or table.origin == BASELINE
        step = analyse(stmt, self.catalog, self.server, foreign_key_checks=self.foreign_key_checks)
        if existing and len(stmt.specs) == 1:
            recipe = self._recipe(stmt, table, step, line)
            if recipe is not None:
                return recipe
        blocking = step.cost is not None and step.cost.blocks_writes
        if existing and blocking:
            return self._online_schema_change(stmt, step, line)
        phases = {ScriptKind.EXPAND if s.op in _EXPAND_SPECS else ScriptKind.CONTRACT if s.op in _CONTRACT_SPECS
                  else None for s in stmt.specs}
        if existing:
            self._refuse_breaking(stmt, table, step)
        if None in phases:
            raise Refuse("the split does not know what this ALTER TABLE does: run it by hand, in the phase it "
                         "belongs to")
        if len(phases) > 1:
            raise Refuse("this ALTER TABLE both adds (expand) and removes (contract): write one statement per phase")
        return _kept(text, line, comments, phases.pop() if phases else ScriptKind.EXPAND)

    def _refuse_breaking(self, stmt: MySQLStatement, table: MySQLTable | None, step) -> None:
        """Changes that are quick but break the old app, and are not one of the recipes."""
        ops = {u.op for u in step.uses}
        for spec in stmt.specs:
            column = spec.column
            if spec.op == "add_column" and column and column.not_null and column.default is None and not (
                    column.auto_increment or column.generated):
                raise Refuse(f"the old app's INSERTs leave {column.name} out and fail (ERROR 1364 Field "
                             f"'{column.name}' doesn't have a default value): add it with a DEFAULT, or NULL")
            if spec.op in ("rename_column", "modify_column") and spec.old_name and (
                    spec.old_name.lower() != (spec.name or "").lower()):
                raise Refuse("renaming a column breaks the old app: rename it in an ALTER TABLE of its own, which "
                             "the split turns into a copy kept in sync by triggers")
        if ops & _NOT_NULL_OPS:
            raise Refuse("NOT NULL breaks the old app's writes of NULL: make the column NOT NULL in an ALTER TABLE "
                         "of its own, which the split turns into a backfill and a NOT NULL in contract")

    # -- recipes -----------------------------------------------------------------------------

    def _recipe(self, stmt: MySQLStatement, table: MySQLTable | None, step, line: int) -> Change | None:
        spec = stmt.specs[0]
        if spec.op == "rename_column":
            old = self._column(table, stmt.table, spec.old_name)
            return self._rename(stmt.table or "", table, old, replace(old, name=spec.name or ""), line)
        if spec.op != "modify_column" or spec.column is None:
            return None
        new = replace(spec.column, position=None)
        old = self._column(table, stmt.table, spec.old_name or new.name)
        ops = {u.op for u in step.uses}
        if spec.old_name and spec.old_name.lower() != new.name.lower():
            if ops & _TYPE_OPS or ops & _NOT_NULL_OPS:
                raise Refuse("a column that is renamed must keep its type and nullability: rename it in one "
                             "migration, change it in the next")
            return self._rename(stmt.table or "", table, old, new, line)
        blocking = step.cost is not None and step.cost.blocks_writes
        if ops & _TYPE_OPS and blocking:
            if ops & _NOT_NULL_OPS:
                raise Refuse("change the type in one migration and make the column NOT NULL in the next: a copy "
                             "that is NOT NULL cannot be added before it is filled")
            return self._change_type(stmt.table or "", table, old, new, line, step)
        if ops & _NOT_NULL_OPS and not ops & _TYPE_OPS:
            return self._not_null(stmt.table or "", table, old, new, line, step)
        return None

    def _column(self, table: MySQLTable | None, name: str | None, column: str | None) -> ColumnDef:
        found = table.column(column) if table else None
        if found is None:
            raise Refuse(f"the baseline schema does not have {name}.{column}: give --schema (mysqldump --no-data "
                         "output), the split needs the column's whole definition")
        if found.generated or found.auto_increment:
            raise Refuse(f"{name}.{column} is {'generated' if found.generated else 'AUTO_INCREMENT'}: the split "
                         "cannot copy it; run this change with an online schema change tool")
        return found

    def _key(self, table_name: str, table: MySQLTable | None, column: str) -> tuple[ColumnDef, ...]:
        """The primary key's columns, which the backfill pages through in order (a composite key
        as a tuple)."""
        primary = table.primary if table else ()
        if not primary:
            raise Refuse(f"{table_name} has no primary key: the backfill pages through the table by its primary "
                         "key, and the online schema change tools need one too. Add a primary key first (in a "
                         "migration of its own), then make this change")
        if column.lower() in (p.lower() for p in primary):
            raise Refuse(f"{table_name}.{column} is {'the' if len(primary) == 1 else 'in the'} primary key: the "
                         "split cannot copy it")
        keys = []
        for name in primary:
            key = table.column(name) if table else None
            if key is None:
                raise Refuse(f"{table_name}'s primary key {name} is not one of its columns in the schema")
            keys.append(key)
        return tuple(keys)

    def _fresh(self, base: str) -> str:
        name, n = bounded_identifier(base), 1
        while name.lower() in self.taken:
            n += 1
            name = bounded_identifier(f"{base}{n}")
        self.taken.add(name.lower())
        return name

    def _fresh_column(self, table: MySQLTable | None, base: str) -> str:
        name, n = bounded_identifier(base), 1
        while (table and table.column(name)) or name.lower() in self.taken:
            n += 1
            name = bounded_identifier(f"{base}{n}")
        self.taken.add(name.lower())
        return name

    def _add_column(self, table: str, column: ColumnDef, after: str) -> Sql:
        algorithm = cost(Op.ADD_COLUMN_FIRST, self.server).algorithm
        clause = "ALGORITHM=INSTANT" if algorithm == "INSTANT" else f"ALGORITHM={algorithm}, LOCK=NONE"
        return Sql(f"ALTER TABLE {quote(table)} ADD COLUMN {column.spelled()} AFTER {quote(after)}, {clause}")

    def _restate(self, table: str, column: ColumnDef, why: str) -> Sql:
        """``MODIFY`` with the whole definition: MySQL resets whatever it leaves out. NOT NULL with a
        non-constant default (``CURRENT_TIMESTAMP``) cannot be made in place (MariaDB: ERROR 1846
        "cannot convert NULL to non-constant DEFAULT"), so the split refuses it."""
        default = (column.default or "").strip()
        constant = not default or default[0] in "'\"-+.0123456789" or default.upper() in ("NULL", "TRUE", "FALSE")
        if column.not_null and not constant:
            raise Refuse(f"{column.name} would be made NOT NULL with the non-constant DEFAULT {column.default}, "
                         "which the server does only by copying the table: run this change with an online schema "
                         "change tool")
        return Sql(f"ALTER TABLE {quote(table)} MODIFY {column.spelled()}, ALGORITHM=INPLACE, LOCK=NONE", (why,))

    def _swap(self, table: str, triggers: tuple[str, ...], alter: str, why: str,
              keys: tuple[tuple[str, str], ...] = ()) -> tuple[Sql, ...]:
        """Drop the triggers and change the columns with writes held back for that instant. ``keys``:
        (old index, its copy on the new column): the old one goes, the copy takes its name. A
        column in an index is not dropped instantly (the index goes with it): then INPLACE."""
        drops = "".join(f"DROP INDEX {quote(old)}, " for old, _ in keys)
        renames = "".join(f", RENAME INDEX {quote(new)} TO {quote(old)}" for old, new in keys)
        algorithm = "ALGORITHM=INPLACE, LOCK=NONE" if keys else "ALGORITHM=INSTANT"
        return (
            Sql(f"LOCK TABLES {quote(table)} WRITE", (why,)),
            *(Sql(f"DROP TRIGGER IF EXISTS {quote(t)}") for t in triggers),
            Sql(f"ALTER TABLE {quote(table)} {drops}{alter}{renames}, {algorithm}"),
            Sql("UNLOCK TABLES"),
        )

    def _copy_keys(self, table_name: str, table: MySQLTable | None, old: str, new: str,
                   new_type: ColumnDef) -> tuple[list[Sql], tuple[tuple[str, str], ...]]:
        """The indexes ``old`` is part of, built again on ``new`` (expand), and (old name, copy's name)."""
        statements, pairs = [], []
        for key in (table.keys_on(old) if table else ()):
            what = key.name or ", ".join(key.columns)
            if key.op == "add_foreign_key":
                raise Refuse(f"{table_name}.{old} is in the foreign key {what}, which the copy cannot take over: "
                             "run this change with an online schema change tool (pt-online-schema-change)")
            if key.index_kind in ("fulltext", "spatial"):
                raise Refuse(f"{table_name}.{old} is in the {key.index_kind.upper()} index {what}, which cannot be "
                             "built without blocking writes: run this change with an online schema change tool")
            parts = []
            for part in key.columns:
                base, prefix = part.split("(", 1)[0].strip(), part[len(part.split("(", 1)[0].strip()):]
                if base.lower() == old.lower():
                    if prefix and new_type.type.name not in _PREFIXABLE:
                        raise Refuse(f"the index {what} takes a prefix of {old}, which {new_type.type} does not "
                                     "have: drop the index first, in its own migration")
                    base = new
                parts.append(quote(base) + prefix)
            name = key.name or key.columns[0].split("(", 1)[0].strip()  # MySQL names an unnamed index so
            copy = self._fresh(f"{name}_{new}" if new.lower() not in name.lower() else f"{name}_copy")
            unique = "UNIQUE " if key.index_kind in ("unique", "primary") else ""
            statements.append(Sql(f"ALTER TABLE {quote(table_name)} ADD {unique}INDEX {quote(copy)} "
                                  f"({', '.join(parts)}), ALGORITHM=INPLACE, LOCK=NONE",
                                  (f"the index {name} on {old}, built on {new} too; contract gives it {name}'s name",)))
            pairs.append((name, copy))
        return statements, tuple(pairs)

    def _rename(self, table_name: str, table: MySQLTable | None, old: ColumnDef, final: ColumnDef,
                line: int) -> Change:
        t, o, n = table_name, old.name, final.name
        key = self._key(t, table, o)
        if table and table.column(n):
            raise Refuse(f"{t} already has a column {n}")
        bare = _bare(t)
        # the copy takes no default: NULL is how the triggers tell a row the new app did not write
        copy = replace(final, not_null=False, default=None, on_update=None, primary_key=False, unique=False,
                       position=None)
        insert, update = self._fresh(f"{bare}_{n}_sync_ins"), self._fresh(f"{bare}_{n}_sync_upd")
        procedure = self._fresh(f"{bare}_{n}_backfill")
        qt, qo, qn = quote(t), quote(o), quote(n)
        index_copies, keys = self._copy_keys(t, table, o, n, final)
        expand = [
            self._add_column(t, copy, o),
            *index_copies,
            Sql(f"CREATE TRIGGER {quote(insert)} BEFORE INSERT ON {qt} FOR EACH ROW\n"
                f"    SET NEW.{qo} = COALESCE(NEW.{qn}, NEW.{qo}), NEW.{qn} = NEW.{qo}",
                (f"an INSERT of either app fills the column it left out: the old app writes {o}, the new app {n}",)),
            Sql(f"CREATE TRIGGER {quote(update)} BEFORE UPDATE ON {qt} FOR EACH ROW\n"
                f"    SET NEW.{qn} = IF(NEW.{qo} <=> OLD.{qo}, NEW.{qn}, NEW.{qo}),\n"
                f"        NEW.{qo} = IF(NEW.{qn} <=> OLD.{qn}, NEW.{qo}, NEW.{qn})",
                ("an UPDATE copies the column that changed to the other one",)),
            _backfill_procedure(procedure, t, key, f"{qn} = {qo}", f"NOT ({qn} <=> {qo})"),
        ]
        contract = []
        if final.not_null or final.default is not None or final.on_update:
            contract.append(self._restate(t, final, f"{n} gets the rest of {o}'s definition (MODIFY restates the "
                                                    "whole column)"))
        contract += [*self._swap(t, (insert, update), f"DROP COLUMN {qo}",
                                 "writes wait while the triggers and the old column go, so none is lost between them",
                                 keys),
                     Sql(f"DROP PROCEDURE IF EXISTS {quote(procedure)}")]
        self.copied[(_key(t), o.lower())] = line
        self.copied[(_key(t), n.lower())] = line
        return Change(
            title=f"rename column {t}.{o} to {n}", line=line,
            expand=tuple(Block((s,)) for s in expand),
            migrate=(Block((_call(procedure),)),),
            contract=tuple(Block((s,)) for s in contract),
            new_app=(f"reads and writes {t}.{n} instead of {o} (the triggers copy each app's writes to the other "
                     "column)",),
            retire_old_app=(f"contract drops {t}.{o}, which the old app reads and writes",),
            before_contract=(f"migrate.sql has run to the end; `SELECT COUNT(*) FROM {qt} WHERE NOT ({qn} <=> {qo})` "
                             "returns 0",),
            notes=_notes(self.server),
            backfills=(Backfill(t, _names(key), f"copies {o} into {n}"),),
        )

    def _change_type(self, table_name: str, table: MySQLTable | None, old: ColumnDef, new: ColumnDef, line: int,
                     step) -> Change:
        from ..core.mysql.steps import is_widening

        t, o = table_name, old.name
        key = self._key(t, table, o)
        if new.auto_increment or new.generated or new.primary_key:
            raise Refuse(f"the new definition of {t}.{o} is {'AUTO_INCREMENT' if new.auto_increment else 'generated'}"
                         " or a key: run this change with an online schema change tool")
        if new.comment is None and old.comment is not None:
            new = replace(new, comment=old.comment)  # MODIFY would drop it; the split keeps it
        bare = _bare(t)
        temp = self._fresh_column(table, f"{o}_new")
        copy = replace(new, name=temp, not_null=False, position=None, primary_key=False, unique=False)
        insert, update = self._fresh(f"{bare}_{o}_copy_ins"), self._fresh(f"{bare}_{o}_copy_upd")
        procedure = self._fresh(f"{bare}_{o}_backfill")
        qt, qo, qtemp = quote(t), quote(o), quote(temp)
        index_copies, keys = self._copy_keys(t, table, o, temp, new)
        expand = [
            self._add_column(t, copy, o),
            *index_copies,
            Sql(f"CREATE TRIGGER {quote(insert)} BEFORE INSERT ON {qt} FOR EACH ROW SET NEW.{qtemp} = NEW.{qo}",
                (f"both apps write {o}; {temp}, of the new type, follows it on every write",)),
            Sql(f"CREATE TRIGGER {quote(update)} BEFORE UPDATE ON {qt} FOR EACH ROW SET NEW.{qtemp} = NEW.{qo}"),
            _backfill_procedure(procedure, t, key, f"{qtemp} = {qo}", None),
        ]
        contract = []
        if new.not_null:
            contract.append(self._restate(t, replace(new, name=temp), f"{temp} gets the rest of the new definition"))
        contract += [*self._swap(t, (insert, update), f"DROP COLUMN {qo}, RENAME COLUMN {qtemp} TO {qo}",
                                 f"writes wait while the triggers go and {temp} takes {o}'s place, so none is lost",
                                 keys),
                     Sql(f"DROP PROCEDURE IF EXISTS {quote(procedure)}")]
        notes = list(_notes(self.server))
        notes.append(f"{t}.{o}: `{step.cost}` on {self.server} for the MODIFY as written; the copy column is added "
                     "instantly, and the rows are copied in batches instead")
        if not is_widening(old, new, table):
            notes.append(f"{old.type} -> {new.type} may not hold every value: from expand on, a write of a value the "
                         f"new type cannot hold fails (strict mode), as the backfill does; check the data first")
        self.copied[(_key(t), o.lower())] = line
        return Change(
            title=f"change type of {t}.{o} to {new.type}", line=line,
            expand=tuple(Block((s,)) for s in expand),
            migrate=(Block((_call(procedure),)),),
            contract=tuple(Block((s,)) for s in contract),
            new_app=(f"works with {t}.{o} as {new.type} (it still holds {old.type} until contract)",),
            before_contract=(f"migrate.sql has run to the end; `SELECT COUNT(*) FROM {qt} WHERE NOT ({qtemp} <=> "
                             f"{qo})` returns 0",),
            notes=tuple(notes),
            backfills=(Backfill(t, _names(key), f"copies {o} into {temp} as {new.type}"),),
        )

    def _not_null(self, table_name: str, table: MySQLTable | None, old: ColumnDef, new: ColumnDef, line: int,
                  step) -> Change:
        t, o = table_name, old.name
        key = self._key(t, table, o)
        fill = self.fills.get(f"{_bare(t)}.{o}".lower()) or self.fills.get(f"{t}.{o}".lower()) or new.default
        if fill is None:
            raise Refuse(f"the rows where {o} is NULL need a value: give the column a DEFAULT in the statement, or "
                         f"--fill {t}.{o}=EXPRESSION")
        # MODIFY restates the whole column: what the statement leaves out is kept from the schema
        final = replace(old, not_null=True, default=new.default if new.default is not None else old.default,
                        comment=new.comment if new.comment is not None else old.comment,
                        charset=new.charset or old.charset, collation=new.collation or old.collation,
                        on_update=new.on_update or old.on_update, position=None)
        bare = _bare(t)
        insert, update = self._fresh(f"{bare}_{o}_fill_ins"), self._fresh(f"{bare}_{o}_fill_upd")
        procedure = self._fresh(f"{bare}_{o}_backfill")
        qt, qo = quote(t), quote(o)
        on_row = _on_new_row(fill)
        expand = []
        if new.default is not None and new.default != old.default:
            expand.append(Sql(f"ALTER TABLE {qt} ALTER COLUMN {qo} SET DEFAULT {new.default}, ALGORITHM=INSTANT"))
        expand += [
            Sql(f"CREATE TRIGGER {quote(insert)} BEFORE INSERT ON {qt} FOR EACH ROW\n"
                f"    SET NEW.{qo} = COALESCE(NEW.{qo}, {on_row})",
                (f"the old app's writes of NULL get {fill}",)),
            Sql(f"CREATE TRIGGER {quote(update)} BEFORE UPDATE ON {qt} FOR EACH ROW\n"
                f"    SET NEW.{qo} = COALESCE(NEW.{qo}, {on_row})"),
            _backfill_procedure(procedure, t, key, f"{qo} = {fill}", f"{qo} IS NULL"),
        ]
        contract = [
            self._restate(t, final, "MODIFY restates the whole column: its type, DEFAULT, COMMENT and CHARACTER SET "
                                    "are kept from the schema"),
            Sql(f"DROP TRIGGER IF EXISTS {quote(insert)}"),
            Sql(f"DROP TRIGGER IF EXISTS {quote(update)}"),
            Sql(f"DROP PROCEDURE IF EXISTS {quote(procedure)}"),
        ]
        self.copied[(_key(t), o.lower())] = line
        return Change(
            title=f"set NOT NULL on {t}.{o}", line=line,
            expand=tuple(Block((s,)) for s in expand),
            migrate=(Block((_call(procedure),)),),
            contract=tuple(Block((s,)) for s in contract),
            new_app=(f"never writes NULL to {t}.{o}",),
            retire_old_app=(f"the old app may write NULL to {t}.{o}, which fails once it is NOT NULL",),
            before_contract=(f"migrate.sql has run to the end; `SELECT COUNT(*) FROM {qt} WHERE {qo} IS NULL` "
                             "returns 0",),
            notes=(*_notes(self.server), f"{t}.{o}: MODIFY … NOT NULL rebuilds the table in place "
                                         f"({cost(Op.MAKE_NOT_NULL, self.server)}) and needs strict SQL mode"),
            backfills=(Backfill(t, _names(key), f"sets {o} = {fill} where it is NULL"),),
        )

    def _online_schema_change(self, stmt: MySQLStatement, step, line: int) -> Change:
        blocking = sorted({str(u.op) for u in step.uses if u.cost.blocks_writes})
        runs = osc_runs(stmt, self.database)
        by_hand = []
        for tool, dry_run, execute in runs:
            by_hand += [(f"{tool}, dry run{' (without --execute it only checks)' if tool == 'gh-ost' else ''}",
                         dry_run), (f"{tool}, for real", execute)]
        notes = [f"line {line}: {', '.join(blocking)} is `{step.cost}` on {self.server}: the server copies "
                 "the table while every write waits, so the split leaves it to an online schema change tool"]
        if len(runs) == 1:
            notes.append("gh-ost does not support foreign keys; pt-online-schema-change names the new table's "
                         "foreign keys with a leading underscore")
        if not self.database and not (stmt.table and "." in stmt.table):
            notes.append("replace <database> in the commands with the database name (or give --database)")
        return Change(title=_summary(stmt.text), line=line, by_hand=tuple(by_hand), notes=tuple(notes))


def _names(keys: tuple[ColumnDef, ...]) -> str:
    return ", ".join(k.name for k in keys)


def _declared(key: ColumnDef) -> str:
    kind = str(key.type)
    if key.charset or key.collation:
        kind += (f" CHARACTER SET {key.charset}" if key.charset else "") + (
            f" COLLATE {key.collation}" if key.collation else "")
    return kind


def _beyond(columns: list[str], values: list[str], op: str, last: str) -> str:
    """``columns`` after (``op`` ``>``) or up to (``<``) ``values`` in key order, the last column
    compared with ``last``: ``a > x OR (a = x AND b > y)``, led by ``a >= x`` for the index range.

    >>> _beyond(["a", "b"], ["x", "y"], ">", ">")
    'a >= x AND (a > x OR (a = x AND b > y))'
    """
    inner = f"{columns[-1]} {last} {values[-1]}"
    for c, v in zip(reversed(columns[:-1]), reversed(values[:-1]), strict=True):
        inner = f"{c} {op} {v} OR ({c} = {v} AND {inner})"
    return f"{columns[0]} {op}= {values[0]} AND ({inner})"


def _backfill_procedure(name: str, table: str, keys: tuple[ColumnDef, ...], assignment: str,
                        condition: str | None) -> Sql:
    """A procedure that runs ``UPDATE table SET assignment`` in batches of ``BATCH_ROWS`` rows by
    primary-key range, committing each: row locks are held for one batch, not the whole table. A
    composite key is paged through as a tuple (keyset pagination: each batch starts after the
    last key of the one before)."""
    comment = (f"the backfill: batches of {BATCH_ROWS} rows of {table} by {_names(keys)}, each committed "
               "(migrate.sql CALLs it)",)
    if len(keys) > 1:
        return Sql(_composite_procedure(name, table, keys, assignment, condition), comment,
                   backfill_key=_names(keys))
    (key,) = keys
    qt, k = quote(table), quote(key.name)
    kind = _declared(key)
    where = f" AND {condition}" if condition else ""
    text = (
        f"CREATE PROCEDURE {quote(name)}()\n"
        "BEGIN\n"
        f"    DECLARE lower_key {kind};\n"
        f"    DECLARE upper_key {kind};\n"
        "    DECLARE CONTINUE HANDLER FOR NOT FOUND SET upper_key = NULL;\n"
        f"    SELECT MIN({k}) INTO lower_key FROM {qt};\n"
        "    WHILE lower_key IS NOT NULL DO\n"
        "        SET upper_key = NULL;\n"
        f"        SELECT {k} INTO upper_key FROM {qt} WHERE {k} >= lower_key ORDER BY {k} LIMIT 1 OFFSET {BATCH_ROWS};\n"
        "        IF upper_key IS NULL THEN\n"
        f"            UPDATE {qt} SET {assignment} WHERE {k} >= lower_key{where};\n"
        "        ELSE\n"
        f"            UPDATE {qt} SET {assignment} WHERE {k} >= lower_key AND {k} < upper_key{where};\n"
        "        END IF;\n"
        "        COMMIT;\n"
        "        SET lower_key = upper_key;\n"
        "    END WHILE;\n"
        "END"
    )
    return Sql(text, comment, backfill_key=key.name)


def _composite_procedure(name: str, table: str, keys: tuple[ColumnDef, ...], assignment: str,
                         condition: str | None) -> str:
    qt = quote(table)
    columns = [quote(k.name) for k in keys]
    lower = [f"ec_lower_{i}" for i in range(1, len(keys) + 1)]
    upper = [f"ec_upper_{i}" for i in range(1, len(keys) + 1)]
    order = ", ".join(columns)
    where = f" AND {condition}" if condition else ""
    after = _beyond(columns, lower, ">", ">")
    up_to = _beyond(columns, upper, "<", "<=")
    lines = [f"CREATE PROCEDURE {quote(name)}()", "BEGIN"]
    lines += [f"    DECLARE {v} {_declared(k)};" for v, k in zip(lower, keys, strict=True)]
    lines += [f"    DECLARE {v} {_declared(k)};" for v, k in zip(upper, keys, strict=True)]
    lines += [
        "    DECLARE ec_started BOOLEAN DEFAULT FALSE;",
        "    DECLARE ec_more BOOLEAN;",
        "    DECLARE CONTINUE HANDLER FOR NOT FOUND SET ec_more = FALSE;",
        "    batches: LOOP",
        "        SET ec_more = TRUE;",
        "        IF ec_started THEN",
        f"            SELECT {order} INTO {', '.join(upper)} FROM {qt} WHERE {after}",
        f"                ORDER BY {order} LIMIT 1 OFFSET {BATCH_ROWS - 1};",
        "        ELSE",
        f"            SELECT {order} INTO {', '.join(upper)} FROM {qt} ORDER BY {order} LIMIT 1 OFFSET {BATCH_ROWS - 1};",
        "        END IF;",
        "        IF NOT ec_more THEN",
        "            IF ec_started THEN",
        f"                UPDATE {qt} SET {assignment} WHERE {after}{where};",
        "            ELSE",
        f"                UPDATE {qt} SET {assignment}{' WHERE ' + condition if condition else ''};",
        "            END IF;",
        "            COMMIT;",
        "            LEAVE batches;",
        "        END IF;",
        "        IF ec_started THEN",
        f"            UPDATE {qt} SET {assignment} WHERE {after} AND {up_to}{where};",
        "        ELSE",
        f"            UPDATE {qt} SET {assignment} WHERE {up_to}{where};",
        "        END IF;",
        "        COMMIT;",
        f"        SET {', '.join(f'{lo} = {up}' for lo, up in zip(lower, upper, strict=True))}, ec_started = TRUE;",
        "    END LOOP;",
        "END",
    ]
    return "\n".join(lines)


def _call(procedure: str) -> Sql:
    return Sql(f"CALL {quote(procedure)}()", ("the backfill, in committed batches by primary key",))


def _on_new_row(expression: str) -> str:
    """``expression`` evaluated on the row being written: its column names become ``NEW.column``.

    >>> _on_new_row("CONCAT(first, ' ', last)"), _on_new_row("'pending'")
    ("CONCAT(NEW.first, ' ', NEW.last)", "'pending'")
    """
    import sqlglot
    from sqlglot import exp
    from sqlglot.errors import SqlglotError

    try:
        tree = sqlglot.parse_one(expression, read="mysql")
    except SqlglotError as exc:
        raise Refuse(f"cannot read the fill value {expression!r}: {str(exc).splitlines()[0]}") from None
    if not any(isinstance(node, exp.Column) for node in tree.walk()):
        return expression
    for column in list(tree.find_all(exp.Column)):
        column.replace(exp.column(column.name, table="NEW"))
    return tree.sql("mysql")


def _notes(server: Server) -> tuple[str, ...]:
    return (f"written for {server}: every DDL statement commits on its own, so if one fails, fix the cause and run "
            "the file again from that statement",
            "creating triggers needs the TRIGGER privilege (and, with binary logging on, SUPER or "
            "log_bin_trust_function_creators=1)")


def _kept(text: str, line: int, comments: tuple[str, ...], kind: ScriptKind) -> Change:
    block = (Block((Sql(text, comments),)),)
    return Change(title=_summary(text), line=line,
                  expand=block if kind is ScriptKind.EXPAND else (),
                  migrate=block if kind is ScriptKind.MIGRATE else (),
                  contract=block if kind is ScriptKind.CONTRACT else (),
                  retire_old_app=(f"line {line} removes something the old app may use",)
                  if kind is ScriptKind.CONTRACT else (),
                  passthrough=True)


def _summary(text: str) -> str:
    first = " ".join(text.split())
    return first if len(first) <= 72 else first[:69] + "..."


def _key(name: str | None) -> str:
    return (name or "").rsplit(".", 1)[-1].lower()


def _bare(name: str) -> str:
    return name.rsplit(".", 1)[-1]


# -- rendering --------------------------------------------------------------------------------

_WHEN = {
    ScriptKind.EXPAND: "Runs while the old app serves traffic, before the new app is deployed.",
    ScriptKind.MIGRATE: "Runs after the new app is deployed; both apps serve traffic.",
    ScriptKind.CONTRACT: "Runs once every instance of the old app is stopped; only the new app serves traffic.",
}
_LOCK_WAIT = "SET SESSION lock_wait_timeout = 5"
_DELIMITER = "//"


def _statement(sql: Sql) -> list[str]:
    lines = [f"-- {c}" for c in sql.comments]
    text = sql.text.rstrip().rstrip(";")
    if ";" in text:  # a stored program's body: the mysql client needs another delimiter
        return [*lines, f"DELIMITER {_DELIMITER}", text + _DELIMITER, "DELIMITER ;"]
    return [*lines, text + ";"]


def render_mysql_script(plan: Plan, kind: ScriptKind) -> str:
    """One phase as a script for the ``mysql``/``mariadb`` client: the migration's SET statements
    and a ``lock_wait_timeout`` first, then each change's statements."""
    numbered = [(i, c) for i, c in enumerate(plan.changes, 1) if c.blocks(kind)]
    lines = script_head(plan, kind, "expandcontract split --dialect mysql", _WHEN[kind])
    if not numbered:
        return "\n".join([*lines, "-- nothing to run in this phase", ""])
    settings = list(plan.settings)
    if not any(re.search(r"\block_wait_timeout\b", s.text, re.I) for s in settings):
        settings.insert(0, Sql(_LOCK_WAIT, ("a statement waiting for a table's metadata lock gives up after 5 "
                                            "seconds instead of queueing every query behind it: run it again",)))
    for setting in settings:
        lines += [*_statement(setting), ""]
    for number, change in numbered:
        lines.append(f"-- {number}. {change.title} (line {change.line})")
        for block in change.blocks(kind):
            for sql in block.statements:
                lines += _statement(sql)
            lines.append("")
    return "\n".join(lines)


def render_mysql_files(plan: Plan) -> dict[str, str]:
    """expand.sql, migrate.sql, contract.sql and PLAN.md, for the ``mysql`` client."""
    files = {f"{kind.value}.sql": render_mysql_script(plan, kind) for kind in PHASE_ORDER}
    intro = ["Apply each phase with `expandcontract apply DIR --schema SCHEMA --phase expand` (then migrate, then "
             "contract; a mysql:// or mariadb:// --database-url, SCHEMA the baseline this split read): it records "
             "each statement as it commits, resumes where a failed run stopped, and `abort` undoes expand. Or run "
             "each file with the mysql (or mariadb) client, e.g. `mysql DATABASE < expand.sql`. MySQL commits every "
             "DDL statement on its own: there is no transaction around a file."]
    files["PLAN.md"] = render_plan_md(plan, intro=intro,
                                      batched_by="the stored procedure expand.sql creates (migrate.sql CALLs it)")
    return files
