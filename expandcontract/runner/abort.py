"""``abort``: undo an expand that has not been contracted.

With a ``down.sql`` in the migration's directory, that script is the undo. Otherwise the expand
script's additive statements are reversed, last first: added columns, tables, indexes,
constraints, triggers, functions, views, sequences and types are dropped (``IF EXISTS``, so a
partly applied expand is undone too; indexes ``CONCURRENTLY``). Anything else (a changed default,
a type change, a rename) cannot be reversed from the script alone: the abort is refused and
asks for a ``down.sql``.

Before anything is dropped, every undo that would delete data is checked: an added column that
holds values (other than its default), a created table that holds rows. Any such data refuses
the abort unless ``force`` is given. The checks run just before the undo, not under its locks
(holding ACCESS EXCLUSIVE through a scan would block the app): abort once the new app is gone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..core.errors import InputError
from ..core.migration import Migration, Script, ScriptKind, analyse_script
from ..core.ops import Action
from ..core.schema import Schema
from ..core.sqltext import substitute_vars
from ..sources import read_text
from .build import build_plans
from .errors import Refused
from .events import Events
from .run import Runner, Work
from .state import StateStore
from .steps import MigrationPlan, PhasePlan

__all__ = ["AbortPlan", "DataCheck", "build_abort", "check_data", "execute_abort", "schema_before"]

DEFAULT_CONFIG = Config()

_IGNORED = {"set", "select", "analyze", "comment", "validate_constraint", "begin", "commit", "vacuum",
            "grant", "create_extension", "create_statistics", "rename_index", "set_statistics"}


@dataclass(frozen=True)
class DataCheck:
    """A query counting rows the undo would destroy (capped), and what they are."""

    description: str
    exists_sql: str  # true when the object is still there (a partly applied expand may lack it)
    count_sql: str
    blocking: bool = False  # True: --force cannot help (e.g. NULLs that forbid restoring NOT NULL)


@dataclass(frozen=True)
class AbortPlan:
    migration: str
    source: str  # "down.sql" path, or "automatic reverse of <expand path>"
    phase: PhasePlan  # the undo steps, run like any phase (recorded as phase 'abort')
    checks: tuple[DataCheck, ...]


def _ident(name: str) -> str:
    return ".".join('"' + part.replace('"', '""') + '"' for part in name.split("."))


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


LIMIT = 10_000


def _count(table: str, where: str | None = None) -> str:
    cond = f" WHERE {where}" if where else ""
    return f"SELECT count(*) FROM (SELECT 1 FROM {_ident(table)}{cond} LIMIT {LIMIT + 1}) AS rows_at_risk"


def _column_exists(table: str, column: str) -> str:
    return (f"SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass({_literal(_ident(table))}) "
            f"AND attname = {_literal(column)} AND attnum > 0 AND NOT attisdropped)")


def _table_exists(table: str) -> str:
    return f"SELECT to_regclass({_literal(_ident(table))}) IS NOT NULL"


def build_abort(migration: Migration, *, config: Config = DEFAULT_CONFIG, baseline: Schema | None = None) -> AbortPlan:
    down = Path(migration.path) / "down.sql"
    if Path(migration.path).is_dir() and down.is_file():
        script = Script(str(down), ScriptKind.UNPHASED, read_text(down))
        plan = build_plans([Migration(migration.name, migration.path, (script,))], config=config, baseline=baseline)[0]
        phase = plan.phases[0]
        return AbortPlan(migration.name, str(down), _as_abort(phase), ())
    expand = migration.script(ScriptKind.EXPAND) or migration.script(ScriptKind.UNPHASED)
    if expand is None:
        raise Refused(f"{migration.name} has no expand script: nothing to undo")
    text = substitute_vars(expand.text, config.variables) if config.variables else expand.text
    analysed = analyse_script(expand, baseline or Schema(), origin=migration.name, pg_version=config.pg_version,
                              dialect=config.dialect, text=text)
    if config.dialect == "mysql":
        return _mysql_abort(migration, expand, analysed, config, baseline)
    created_tables = {a.table for s in analysed.steps for a in s.actions if a.op == "create_table"}
    temporary = _dropped_by_contract(migration, analysed.schema_after, config)
    concurrent: list[str] = []
    transactional: list[str] = []
    checks: list[DataCheck] = []
    for step in reversed(analysed.steps):
        for action in reversed(step.actions):
            if action.op in _IGNORED:
                continue
            undo = _undo(action, created_tables, checks, step.schema_before, temporary)
            if undo is None:
                raise Refused(
                    f"cannot undo {expand.path}:{step.statement.line} automatically "
                    f"(`{' '.join(step.statement.text.split())[:80]}`: {action.op.replace('_', ' ')} has no safe "
                    f"reverse); write the undo in {Path(migration.path) / 'down.sql'}. Nothing was changed.")
            if undo:
                (concurrent if undo.startswith("DROP INDEX CONCURRENTLY") else transactional).append(undo)
    text = ";\n".join(concurrent + transactional) + (";\n" if concurrent or transactional else "")
    script = Script(f"{expand.path} (reversed)", ScriptKind.UNPHASED, text)
    plan = build_plans([Migration(migration.name, migration.path, (script,))], config=config, baseline=baseline)[0]
    return AbortPlan(migration.name, f"automatic reverse of {expand.path}", _as_abort(plan.phases[0]), tuple(checks))


def _mysql_abort(migration: Migration, expand: Script, analysed, config: Config, baseline: Schema | None) -> AbortPlan:
    from ..core.mysql.split import split_mysql
    from .mysql_abort import CannotUndo, dropped_by_contract, mysql_undo

    contract = migration.script(ScriptKind.CONTRACT)
    temporary = set()
    if contract is not None:
        text = substitute_vars(contract.text, config.variables) if config.variables else contract.text
        temporary = dropped_by_contract(text[c.start:c.end] for c in split_mysql(text))
    checks: list[DataCheck] = []
    server = config.mysql_server
    try:
        undo = mysql_undo(analysed, mariadb=server.engine == "mariadb", temporary=temporary,
                          check=lambda what, exists, count: checks.append(DataCheck(what, exists, count)))
    except CannotUndo as exc:
        raise Refused(
            f"cannot undo {expand.path}:{exc.line} automatically (`{' '.join(exc.text.split())[:80]}`: {exc.what} "
            f"has no safe reverse); write the undo in {Path(migration.path) / 'down.sql'}. Nothing was changed."
        ) from None
    text = "".join(f"{statement};\n" for statement in undo)
    script = Script(f"{expand.path} (reversed)", ScriptKind.UNPHASED, text)
    plan = build_plans([Migration(migration.name, migration.path, (script,))], config=config, baseline=baseline)[0]
    return AbortPlan(migration.name, f"automatic reverse of {expand.path}", _as_abort(plan.phases[0]), tuple(checks))


def _as_abort(phase: PhasePlan) -> PhasePlan:
    return PhasePlan(phase.migration, "abort", phase.path, phase.checksum, phase.steps)


def _dropped_by_contract(migration: Migration, schema: Schema, config: Config) -> set[tuple[str, str]]:
    """(op, name) of the functions and triggers the migration's own contract drops: objects it
    made for the transition only (``split``'s sync trigger and its function), so an abort may drop
    them even where expand wrote ``CREATE OR REPLACE``."""
    contract = migration.script(ScriptKind.CONTRACT)
    if contract is None:
        return set()
    text = substitute_vars(contract.text, config.variables) if config.variables else contract.text
    try:
        analysed = analyse_script(contract, schema, origin=migration.name, pg_version=config.pg_version,
                                  dialect=config.dialect, text=text)
    except Exception:  # an unreadable contract declares nothing
        return set()
    made = {"drop_function": "create_function", "drop_trigger": "create_trigger"}
    return {(made[a.op], a.object_name) for st in analysed.steps for a in st.actions
            if a.op in made and a.object_name}


def _undo(a: Action, created_tables: set, checks: list[DataCheck], schema: Schema,
          temporary: set[tuple[str, str]] = frozenset()) -> str | None:
    """The statement undoing ``a`` ('' when nothing is needed), or None when it cannot be undone."""
    if a.detail.get("replace"):
        # OR REPLACE: an earlier definition would be gone, dropping would not restore it; unless the
        # object is the migration's own (its contract drops it, or the function did not exist before)
        new_function = a.op == "create_function" and bool(schema.tables) and a.object_name not in schema.functions
        own = (a.op, a.object_name) in temporary or new_function or (
            a.op == "create_trigger" and ("create_function", a.detail.get("function")) in temporary)
        if a.op not in ("create_function", "create_trigger") or not own:
            return None
    if a.op == "add_column":
        if a.table in created_tables:
            return ""  # dropped with its table
        table = schema.table(a.table)
        if table is not None and table.column(a.column) is not None:
            return ""  # ADD COLUMN IF NOT EXISTS of a column that was there before: not ours to drop
        spec = a.column_spec
        where = f"{_ident(a.column)} IS NOT NULL"
        what = f"{a.table}.{a.column} holds values in"
        if spec is not None and spec.default is not None and spec.default_volatility in ("constant", "immutable") \
                and not spec.default.startswith("<"):
            where += f" AND {_ident(a.column)} IS DISTINCT FROM ({spec.default})"
            what = f"{a.table}.{a.column} holds values other than its default ({spec.default}) in"
        elif spec is not None and spec.default is not None:
            what = (f"{a.table}.{a.column} (its default is an expression evaluated per row, so values cannot be "
                    "told from written ones) holds values in")
        checks.append(DataCheck(f"{what} {{n}} rows (written by the new app or a backfill)",
                                _column_exists(a.table, a.column), _count(a.table, where)))
        return f"ALTER TABLE IF EXISTS {_ident(a.table)} DROP COLUMN IF EXISTS {_ident(a.column)}"
    if a.op in ("create_table", "create_table_as"):
        checks.append(DataCheck(f"table {a.table} holds {{n}} rows", _table_exists(a.table), _count(a.table)))
        return f"DROP TABLE IF EXISTS {_ident(a.table)}"
    if a.op == "create_index":
        if not a.object_name:
            return None
        schema_prefix = a.table.split(".", 1)[0] + "." if a.table and "." in a.table else ""
        return f"DROP INDEX CONCURRENTLY IF EXISTS {_ident(schema_prefix + a.object_name)}"
    if a.op == "add_constraint":
        if not a.object_name:
            return None
        return f"ALTER TABLE IF EXISTS {_ident(a.table)} DROP CONSTRAINT IF EXISTS {_ident(a.object_name)}"
    if a.op == "create_trigger" and a.object_name:
        return f"DROP TRIGGER IF EXISTS {_ident(a.object_name)} ON {_ident(a.table)}"
    if a.op == "drop_not_null":
        table = schema.table(a.table)
        column = table.column(a.column) if table else None
        if column is not None and not column.not_null:
            return ""  # it allowed NULLs before: nothing to restore
        checks.append(DataCheck(f"{a.table}.{a.column} is NULL in {{n}} rows, so NOT NULL cannot be restored",
                                _column_exists(a.table, a.column), _count(a.table, f"{_ident(a.column)} IS NULL"),
                                blocking=True))
        return f"ALTER TABLE {_ident(a.table)} ALTER COLUMN {_ident(a.column)} SET NOT NULL"
    drops = {"create_function": "FUNCTION", "create_view": "VIEW", "create_matview": "MATERIALIZED VIEW",
             "create_sequence": "SEQUENCE", "create_enum": "TYPE", "create_type": "TYPE", "create_domain": "DOMAIN",
             "create_schema": "SCHEMA"}
    if a.op in drops:
        name = a.object_name or a.table
        return f"DROP {drops[a.op]} IF EXISTS {_ident(name)}" if name else None
    return None


def schema_before(migrations: list[Migration], name: str, *, config: Config = DEFAULT_CONFIG,
                  baseline: Schema | None = None) -> tuple[Migration, Schema]:
    """The migration called ``name`` and the schema the migrations before it leave."""
    schema = baseline or Schema()
    for migration in migrations:
        if migration.name == name:
            return migration, schema
        for script in migration.scripts:
            text = substitute_vars(script.text, config.variables) if config.variables else script.text
            schema = analyse_script(script, schema, origin=migration.name, pg_version=config.pg_version,
                                    dialect=config.dialect, text=text).schema_after
    known = ", ".join(m.name for m in migrations) or "none"
    raise InputError(name, f"no such migration in the given paths (found: {known}); pass the migration's folder or "
                           "file, or its name and the migrations' paths")


def check_data(conn, plan: AbortPlan) -> list[tuple[DataCheck, int]]:
    """Every check that finds data at risk, with its (capped) row count."""
    found = []
    for check in plan.checks:
        if not conn.execute(check.exists_sql).fetchone()[0]:
            continue
        count = conn.execute(check.count_sql).fetchone()[0]
        if count:
            found.append((check, count))
    return found


def execute_abort(plan: AbortPlan, migration: Migration, state: StateStore, runner: Runner | None, events: Events, *,
                  force: bool = False, dry_run: bool = False) -> None:
    """Refuse what is unsafe, then run the undo steps and mark the migration aborted. ``dry_run``:
    the same checks (data at risk is reported, not refused), the undo SQL shown, nothing run."""
    row = state.migrations().get(plan.migration)
    phases = state.phases()
    if row is None or row["status"] == "aborted":
        raise Refused(f"{plan.migration} is not applied{' (already aborted)' if row else ''}: nothing to abort")
    if (plan.migration, "contract") in phases:
        raise Refused(f"{plan.migration}'s contract phase has started: abort only undoes an expand that has not been "
                      "contracted (what the contract removed cannot come back); write a new migration instead")
    at_risk = check_data(state.conn, plan)
    for check, count in at_risk:
        events.emit("data_at_risk", migration=plan.migration, message=check.description.format(n=_rows(count)),
                    rows=count, blocking=check.blocking)
    blocking = [c.description.format(n=_rows(n)) for c, n in at_risk if c.blocking]
    if dry_run:
        for step in plan.phase.steps:
            for statement in step.statements:
                events.emit("abort_step", migration=plan.migration, step=step.number, sql=statement.text,
                            dry_run=True)
        events.emit("abort_planned", migration=plan.migration, source=plan.source, steps=len(plan.phase.steps),
                    refused="; ".join(blocking) if blocking else
                    ("data would be lost: pass --force" if at_risk and not force else None))
        return
    if blocking:
        raise Refused(f"cannot abort {plan.migration}: {'; '.join(blocking)}. Nothing was changed.")
    if at_risk and not force:
        lost = "; ".join(c.description.format(n=_rows(n)) for c, n in at_risk)
        raise Refused(f"aborting {plan.migration} would delete data: {lost}. Nothing was changed; pass --force to "
                      "drop it anyway.")
    for step in plan.phase.steps:
        for statement in step.statements:
            events.emit("abort_step", migration=plan.migration, step=step.number, sql=statement.text)
    previous = phases.get((plan.migration, "abort"))
    done = frozenset(previous.done_steps) if previous and previous.checksum == plan.phase.checksum else frozenset()
    mplan = MigrationPlan(migration.name, migration.path, migration.phased, (plan.phase,))
    runner.run([Work(mplan, plan.phase, done, False)])
    state.mark_aborted(plan.migration)
    events.emit("aborted", migration=plan.migration, source=plan.source, steps=len(plan.phase.steps))


def _rows(count: int) -> str:
    return f"more than {LIMIT:,}" if count > LIMIT else f"{count:,}"
