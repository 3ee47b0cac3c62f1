"""Migrations -> step plans, with the transaction rule of ``expandcontract.core.migration``.

Each script is replayed on the schema the migrations before it leave (as lint does), so every
statement knows the lock it takes. Within a migrate script, each UPDATE outside an explicit
``BEGIN … COMMIT`` becomes a batched backfill and splits its transaction group around it.

On MySQL (``config.dialect == "mysql"``) every DDL statement commits on its own, whatever
transaction it is written in: it is a step by itself, recorded as soon as it has run, and the
statements between two DDL statements share a transaction.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..config import Config
from ..core.errors import InputError
from ..core.migration import (
    PHASE_ORDER,
    AnalysedScript,
    Migration,
    ScriptKind,
    TransactionGroup,
    analyse_script,
)
from ..core.migration import Step as AnalysedStep
from ..core.ops import Lock
from ..core.schema import Schema
from ..core.sqltext import substitute_vars
from .backfill_sql import RewriteError, backfill_directive, batch_template
from .steps import (
    BackfillStep,
    MigrationPlan,
    PhasePlan,
    Sql,
    StandaloneStep,
    Step,
    TransactionStep,
    checksum,
)

__all__ = ["PHASES", "build_plans", "phase_name"]

DEFAULT_CONFIG = Config()

PHASES = ("expand", "migrate", "contract")


def phase_name(kind: ScriptKind) -> str:
    """An unphased file runs in the expand step: the old app is still live."""
    return "expand" if kind is ScriptKind.UNPHASED else kind.value


def build_plans(
    migrations: Sequence[Migration], *, config: Config = DEFAULT_CONFIG, baseline: Schema | None = None
) -> list[MigrationPlan]:
    seen: dict[str, str] = {}
    schema = baseline or Schema()
    plans = []
    for migration in migrations:
        if migration.name in seen:
            raise InputError(migration.path, f"migration name {migration.name!r} is also used by {seen[migration.name]}")
        seen[migration.name] = migration.path
        phases = []
        scripts = sorted(migration.scripts, key=lambda s: PHASE_ORDER.index(s.kind) if s.kind in PHASE_ORDER else 0)
        for script in scripts:
            text = substitute_vars(script.text, config.variables) if config.variables else script.text
            analysed = analyse_script(script, schema, origin=migration.name, pg_version=config.pg_version,
                                      dialect=config.dialect, text=text,
                                      mysql_server=config.mysql_server if config.dialect == "mysql" else None)
            schema = analysed.schema_after
            phases.append(PhasePlan(migration.name, phase_name(script.kind), script.path, checksum(text),
                                    tuple(_steps(analysed, config.dialect))))
        plans.append(MigrationPlan(migration.name, migration.path, migration.phased, tuple(phases)))
    return plans


def _steps(analysed: AnalysedScript, dialect: str = "postgres") -> list[Step]:
    script = analysed.script
    for step in analysed.steps:
        if step.statement.node is None:
            raise InputError(script.path, f"cannot parse: {step.statement.error}", step.statement.error_line)
    out: list[Step] = []
    for group in analysed.groups:
        out.extend(_group_steps(group, script.kind, script.path, len(out), dialect))
    return out


def _group_steps(group: TransactionGroup, kind: ScriptKind, path: str, before: int,
                 dialect: str = "postgres") -> list[Step]:
    body = [s for s in group.steps if not s.is_transaction_control]
    # MySQL text read as PostgreSQL may become several statements (an ALTER TABLE … ADD INDEX is an
    # ALTER and a CREATE INDEX there): the server runs the source statement once, so it is one step
    starts: set[int] = set()
    body = [s for s in body if s.statement.start not in starts and not starts.add(s.statement.start)]
    if not body:
        return []
    if not group.transactional:
        (only,) = body
        return [_standalone(only, path, before + 1)]
    out: list[Step] = []
    pending: list[Sql] = []

    def flush() -> None:
        if pending:
            out.append(TransactionStep(before + len(out) + 1, tuple(pending), group.explicit))
            pending.clear()

    region: list[Sql] | None = None  # MySQL: from LOCK TABLES to UNLOCK TABLES, one step
    for step in body:
        mysql_kind = getattr(getattr(step.mysql, "statement", None), "kind", None)
        if mysql_kind == "lock_tables" and region is None:
            flush()
            region = []
        if region is not None:
            region.append(_sql(step))
            if mysql_kind == "unlock_tables":
                out.append(TransactionStep(before + len(out) + 1, tuple(region), group.explicit, locked=True))
                region = None
            continue
        backfill = None
        if kind is ScriptKind.MIGRATE and not group.explicit:
            backfill = _backfill(step, path, 0, dialect)
        if backfill is None:
            sql = _sql(step)
            if sql.implicit_commit:
                flush()
                out.append(TransactionStep(before + len(out) + 1, (sql,), group.explicit))
            else:
                pending.append(sql)
            continue
        flush()
        out.append(BackfillStep(before + len(out) + 1, backfill.statement, backfill.template, backfill.key,
                                backfill.static_key))
    if region is not None:
        raise InputError(path, "LOCK TABLES without UNLOCK TABLES after it in the same file: the runner records a "
                               "step only once the tables are unlocked", region[0].line)
    flush()
    return out


def _sql(step: AnalysedStep) -> Sql:
    tables: list[str] = []
    for action in step.actions:
        for name in (action.table, *action.tables):
            if name and name not in tables:
                tables.append(name)
    lock = max((c.lock for c in step.classifications), default=Lock.NONE)
    op = step.actions[0].op if step.actions else "other"
    mysql = getattr(step.mysql, "statement", None)
    if not tables and mysql is not None and mysql.table:  # CREATE TRIGGER … ON t: its metadata lock is t's
        tables.append(mysql.table)
    return Sql(step.statement.text, step.statement.line, op, lock, tuple(tables),
               bool(mysql is not None and mysql.is_ddl))


def _standalone(step: AnalysedStep, path: str, number: int) -> StandaloneStep:
    sql = _sql(step)
    action = step.actions[0] if step.actions else None
    index_name = index_schema = None
    if action is not None and action.op in ("create_index", "drop_index") and action.concurrent:
        if action.op == "create_index":
            if not action.object_name:
                raise InputError(path, "name this concurrent index (CREATE INDEX CONCURRENTLY name ON …): "
                                       "after a failed or interrupted build the runner must find it to "
                                       "drop the invalid leftover and rebuild it", step.statement.line)
            index_name = action.object_name
            index_schema = action.table.split(".", 1)[0] if action.table and "." in action.table else None
        else:
            name = action.object_name or ""
            index_schema, _, index_name = name.rpartition(".")
            index_schema = index_schema or None
    return StandaloneStep(number, sql, index_name, index_schema)


def _backfill(step: AnalysedStep, path: str, number: int, dialect: str = "postgres") -> BackfillStep | None:
    if not any(a.op == "update" for a in step.actions):
        return None
    try:
        directive = backfill_directive(step.statement.comments)
    except ValueError as exc:
        raise InputError(path, str(exc).split(": ", 1)[1], step.statement.line) from None
    if directive is not None and directive.off:
        return None
    try:
        template = batch_template(step.statement.text, "mysql" if dialect == "mysql" else "postgres")
    except RewriteError as exc:
        raise InputError(
            path,
            f"cannot run this UPDATE in key-range batches: {exc}; rewrite it as a plain UPDATE … WHERE, "
            "or put `-- expandcontract: backfill off` above it to run it as one transaction",
            step.statement.line,
        ) from None
    return BackfillStep(number, _sql(step), template, directive.key if directive else None,
                        _static_primary_key(step, template.table))


def _static_primary_key(step: AnalysedStep, table_name: str) -> str | None:
    table = step.schema_before.table(table_name.replace('"', ""))
    if table is None:
        return None
    keys = [c.columns for c in table.constraints.values() if c.kind == "primary_key"]
    return keys[0][0] if len(keys) == 1 and len(keys[0]) == 1 else None
