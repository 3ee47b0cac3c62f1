"""The split itself: walk the migration statement by statement, replaying the schema, and give
every action to its recipe, or pass it through unchanged into the phase the classifier names,
or refuse it. Pure: text and schema in, a ``Plan`` out."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from ..core.migration import ScriptKind
from ..core.ops import Action, Classification, Lock, Phase
from ..core.ops.registry import classify, extract_actions
from ..core.parse import Statement, blank_psql_meta_commands, parse_sql
from ..core.schema import Schema, relation_key
from . import columns, constraints, tables
from .context import Context, Refuse
from .model import Block, Change, Plan, Refusal, Sql
from .source import alter_pieces
from .sqlbuild import Namer

__all__ = ["SplitInputError", "plan_split", "split_migration"]

Recipe = Callable[[Context], "Change | None"]

RECIPES: dict[str, Recipe] = {
    "rename_column": columns.rename_column,
    "alter_column_type": columns.change_type,
    "add_column": columns.add_column,
    "set_not_null": columns.set_not_null,
    "drop_column": columns.drop_column,
    "add_constraint": constraints.add_constraint,
    "create_index": constraints.create_index,
    "drop_index": constraints.drop_index,
    "rename_table": tables.rename_table,
    "drop_table": tables.drop_table,
    "detach_partition": tables.detach_partition,
}
# recipes that copy a column and drop the original: nothing else may touch it in the same split
_COPYING = frozenset({"rename_column", "alter_column_type"})
# statements whose effect the split cannot see
_OPAQUE = {
    "do_block": "a DO block can do anything and the split cannot see inside it: write its statements out",
    "call": "a procedure call can do anything and the split cannot see inside it: write its statements out",
    "lock_table": "LOCK TABLE belongs to the original transaction, and the split chooses transactions "
                  "itself: remove it",
    "rollback": "ROLLBACK in a migration cannot be split: remove it",
    "savepoint": "savepoints belong to the original transaction: remove them",
}
_DML = frozenset({"update", "insert", "delete", "merge", "copy"})
_PHASE_KIND = {Phase.EXPAND: ScriptKind.EXPAND, Phase.MIGRATE: ScriptKind.MIGRATE,
               Phase.CONTRACT: ScriptKind.CONTRACT}


_MARKER = re.compile(r"^[ \t]*--[ \t]*expandcontract:[ \t]*phase\b", re.M | re.I)


class SplitInputError(ValueError):
    """The migration cannot be read (syntax error, phase markers): line and message."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def split_migration(text: str, baseline_sql: str = "", *, source: str = "migration.sql",
                    fills: Mapping[str, str] | None = None,
                    pg_version: int = 16) -> Plan:
    """Split a migration's SQL against a baseline schema given as DDL.

    >>> plan = split_migration("ALTER TABLE t RENAME COLUMN a TO b",
    ...                        "CREATE TABLE t (id bigint PRIMARY KEY, a text NOT NULL)")
    >>> [c.title for c in plan.changes], plan.ok
    (['rename column t.a to b'], True)
    """
    marker = _MARKER.search(text)
    if marker:
        raise SplitInputError(text.count("\n", 0, marker.start()) + 1, "already split into phases (it has "
                              "-- expandcontract: phase markers): give split an unphased migration")
    statements = parse_sql(text)
    broken = next((s for s in statements if s.node is None), None)
    if broken is not None:
        raise SplitInputError(broken.error_line, f"cannot parse: {broken.error}")
    history = parse_sql(blank_psql_meta_commands(baseline_sql))  # as Schema.from_sql reads it
    return plan_split(statements, Schema.from_statements(history), history, source=source, pg_version=pg_version,
                      fills=fills)


def plan_split(statements: Sequence[Statement], baseline: Schema, history: Sequence[Statement] = (), *,
               source: str = "migration.sql", pg_version: int = 16,
               fills: Mapping[str, str] | None = None) -> Plan:
    """``fills``: ``TABLE.COLUMN`` -> the SQL expression a NOT NULL column without a default is
    filled with (``--fill``), for the existing rows and the old app's writes."""
    fill_keys = {}
    for target, expression in (fills or {}).items():
        table, _, column = target.rpartition(".")
        fill_keys[(relation_key(table), column)] = expression
    name = "<split>"
    schema = baseline
    names = Namer(baseline)
    seen = list(history)
    changes: list[Change] = []
    refusals: list[Refusal] = []
    settings: list[Sql] = []
    dropped: list[str] = []
    owned_columns: dict[tuple[str, str], int] = {}
    owned_tables: dict[str, int] = {}
    touched: dict[tuple[str, str], int] = {}
    data_changes: dict[str, int] = {}
    # a dropped primary key a new one may replace: table -> (line, name, in a statement of its own, the
    # drop action); and the passthrough change of such a drop, which the replacing change takes over
    key_drops: dict[str, tuple[int, str, bool, Action]] = {}
    key_drop_changes: dict[str, Change] = {}

    for stmt in statements:
        actions = extract_actions(stmt)
        ops = {a.op for a in actions}
        if ops and ops <= {"begin", "commit"}:
            dropped.append(f"line {stmt.line}: {stmt.text.strip()} (the split chooses the transactions itself)")
            continue
        if ops == {"set"}:
            if any(a.detail.get("local") for a in actions):
                refusals.append(Refusal(stmt.line, stmt.text, "SET LOCAL lasts one transaction of the original "
                                        "migration, and the split chooses transactions itself: use SET"))
            else:
                settings.append(Sql(stmt.text.strip(), _comments(stmt)))
            continue
        split = alter_pieces(stmt) if stmt.kind == "AlterTableStmt" else None
        header, pieces = split if split else (None, None)
        outcomes: list[tuple[Action, Classification, Change | ScriptKind, Context]] = []
        absorbed = 0
        for index, action in enumerate(actions):
            cls = classify(action, schema, pg_version=pg_version)
            dropped_keys = {k: (line, key_name, alone or any(o[0] is drop for o in outcomes))
                            for k, (line, key_name, alone, drop) in key_drops.items()}
            ctx = Context(action, cls, stmt, pieces[index] if pieces else None, schema, name, pg_version,
                          names, tuple(seen), header, len(actions), dict(data_changes), baseline, dropped_keys,
                          fill_keys)
            try:
                _check_conflicts(action, owned_columns, owned_tables, touched, schema)
                recipe = RECIPES.get(action.op)
                change = recipe(ctx) if recipe else None
                outcome: Change | ScriptKind = change if change is not None else _passthrough(ctx)
                replaced = _replaced_key(action, change)
                if replaced in key_drops:
                    # the new primary key's change drops the old one itself, in the same transaction
                    drop = key_drops.pop(replaced)[3]
                    before = len(outcomes)
                    outcomes = [o for o in outcomes if o[0] is not drop]
                    absorbed += before - len(outcomes)
                    earlier = key_drop_changes.pop(replaced, None)
                    changes[:] = [c for c in changes if c is not earlier]
                if action.op == "drop_constraint" and action.table and not action.cascade:
                    found = schema.table(action.table)
                    old_con = found.constraints.get(action.object_name or "") if found else None
                    if old_con is not None and old_con.kind == "primary_key" and isinstance(outcome, ScriptKind):
                        key_drops[relation_key(action.table)] = (stmt.line, old_con.name, len(actions) == 1, action)
                outcomes.append((action, cls, outcome, ctx))
                if change is not None and action.op in _COPYING and change.backfills:
                    for key in _columns_of(action):
                        owned_columns[key] = stmt.line
                if change is not None and action.op == "rename_table" and action.table:
                    owned_tables[relation_key(action.table)] = stmt.line
            except Refuse as refusal:
                refusals.append(Refusal(stmt.line, stmt.text, str(refusal)))
            for key in _columns_of(action):
                touched.setdefault(key, stmt.line)
            if action.op in _DML and action.table and not ctx.is_new(action.table):
                data_changes.setdefault(relation_key(action.table), stmt.line)
            schema = schema.apply(action, origin=name, statement_text=stmt.text)
        seen.append(stmt)
        if len(outcomes) + absorbed == len(actions):
            try:
                assembled = _assemble(stmt, outcomes)
                changes.extend(assembled)
                for key, (_line, _name, alone, drop) in key_drops.items():
                    if alone and outcomes and outcomes[0][0] is drop and len(assembled) == 1:
                        key_drop_changes[key] = assembled[0]
            except Refuse as refusal:
                refusals.append(Refusal(stmt.line, stmt.text, str(refusal)))
    return Plan(source, tuple(changes), tuple(settings), tuple(refusals), tuple(dropped))


def _replaced_key(action: Action, change: Change | None) -> str | None:
    """The table whose dropped primary key ``change`` takes over (the recipe swaps it in itself)."""
    con = action.constraint
    if (change is None or action.op != "add_constraint" or con is None or con.kind != "primary_key"
            or con.using_index or not action.table):
        return None
    return relation_key(action.table)


def _columns_of(action: Action) -> set[tuple[str, str]]:
    if not action.table:
        return set()
    names = {action.column, action.column_spec.name if action.column_spec else None}
    if action.op == "rename_column":
        names.add(action.new_name)
    if action.constraint:
        names.update(action.constraint.columns)
    if action.op == "create_index":
        names.update(action.detail.get("columns", ()))
    names.update(action.detail.get("set_columns", ()) if action.op == "update" else ())
    names.update(action.detail.get("columns", ()) if action.op == "insert" else ())
    return {(relation_key(action.table), n) for n in names if n}


def _check_conflicts(action: Action, owned_columns: dict, owned_tables: dict, touched: dict,
                     schema: Schema) -> None:
    mine = _columns_of(action)
    for key in sorted(mine):
        # an index on the new column is built after expand.sql added it (CONCURRENTLY); it reads
        # nothing the copy moves
        if key in owned_columns and action.op != "create_index":
            raise Refuse(f"{key[0]}.{key[1]} is already being copied by the change at line {owned_columns[key]}: "
                         "make this change in a later migration")
    for name in (action.table, *action.tables):
        if name and relation_key(name) in owned_tables:
            raise Refuse(f"{name} is renamed at line {owned_tables[relation_key(name)]} and becomes a compatibility "
                         "view: make this change in a later migration")
    if action.op == "rename_table" and action.table:
        earlier = sorted(line for (table, _), line in touched.items() if table == relation_key(action.table))
        if earlier:
            raise Refuse(f"{action.table} is also changed at line {earlier[0]}, and its compatibility view must "
                         "show the columns the old app knows: rename the table in its own migration")
    if action.op in _COPYING:
        for key in sorted(mine):
            table = schema.table(key[0])
            if key in touched and table is not None and key[1] in table.columns:
                raise Refuse(f"{key[0]}.{key[1]} is also changed at line {touched[key]}: a column that is "
                             "copied into a new one must change alone; split this into two migrations")


def _passthrough(ctx: Context) -> ScriptKind:
    """The phase for a statement that is already safe as written, or a refusal."""
    a, cls = ctx.action, ctx.classification
    if a.op in _OPAQUE:
        raise Refuse(_OPAQUE[a.op])
    if a.op in ("other", "other_alter", "rename_other", "drop_other"):
        raise Refuse("the split does not know what this statement does: run it by hand, in the phase it belongs to")
    if ctx.is_new(a.table):
        return ScriptKind.MIGRATE if cls.phase is Phase.MIGRATE else ScriptKind.EXPAND
    if a.op == "refresh_matview" and a.concurrent:
        return ScriptKind.MIGRATE  # its EXCLUSIVE lock still lets the apps read the view
    if cls.rewrites:
        raise Refuse(f"it rewrites {a.table or 'the table'} under {cls.lock.label} lock, blocking "
                     f"{cls.lock.blocks} for the whole rewrite, and has no safe split")
    if cls.scans and cls.lock >= Lock.SHARE:
        raise Refuse(f"it scans {a.table or 'the table'} under {cls.lock.label} lock, blocking "
                     f"{cls.lock.blocks} for the whole scan, and has no safe split")
    if cls.phase is Phase.CONTRACT and (a.op.startswith("rename_") or a.op == "set_schema"):
        raise Refuse(f"a rename breaks the old app if it runs before contract and the new app if it runs in "
                     f"contract: {cls.breaks_old_app}; create the new object beside the old one instead")
    if cls.phase is Phase.NONE:
        return ScriptKind.MIGRATE if a.op in ("vacuum", "analyze") else ScriptKind.EXPAND
    if a.op == "validate_constraint" and ctx.data_changed_before(a.table):
        return ScriptKind.CONTRACT  # it checks rows an earlier statement fixes in migrate
    return _PHASE_KIND[cls.phase]


def _comments(stmt: Statement) -> tuple[str, ...]:
    return tuple(text for _, text in stmt.comments)


def _summary(text: str) -> str:
    first = " ".join(text.split())
    return first if len(first) <= 72 else first[:69] + "..."


def _assemble(stmt: Statement, outcomes: list) -> list[Change]:
    """One change per recipe; already-safe actions keep their statement, whole when it can be."""
    kinds = {o for _, _, o, _ in outcomes if isinstance(o, ScriptKind)}
    if len(kinds) == 1 and all(isinstance(o, ScriptKind) for _, _, o, _ in outcomes):
        (kind,) = kinds
        transactional = all(c.transactional for _, c, _, _ in outcomes)
        sql = Sql(stmt.text.strip(), _comments(stmt), transactional=transactional)
        return [_kept(stmt.line, kind, sql, [c for _, c, _, _ in outcomes])]
    changes = []
    for _action, cls, outcome, ctx in outcomes:
        if isinstance(outcome, Change):
            changes.append(outcome)
        else:
            sql = Sql(ctx.own_text(), (), transactional=cls.transactional)
            changes.append(_kept(stmt.line, outcome, sql, [cls]))
    return changes


def _kept(line: int, kind: ScriptKind, sql: Sql, classes: list[Classification]) -> Change:
    block = (Block((sql,)),)
    retire = tuple(c.breaks_old_app for c in classes if c.breaks_old_app and kind is ScriptKind.CONTRACT)
    return Change(
        title=_summary(sql.text),
        line=line,
        expand=block if kind is ScriptKind.EXPAND else (),
        migrate=block if kind is ScriptKind.MIGRATE else (),
        contract=block if kind is ScriptKind.CONTRACT else (),
        retire_old_app=retire,
        passthrough=True,
    )
