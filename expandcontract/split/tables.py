"""Recipes for tables: rename behind a compatibility view; drop in contract; detach a partition
concurrently."""

from __future__ import annotations

from .context import Context, Refuse
from .model import Change, Sql, alone, tx
from .sqlbuild import qi, qt, schema_of

__all__ = ["detach_partition", "drop_table", "rename_table"]


def rename_table(ctx: Context) -> Change | None:
    a = ctx.action
    if ctx.is_new(a.table):
        return None
    table = ctx.table()
    old = table.name
    new = (schema_of(old) + "." if schema_of(old) else "") + (a.new_name or "?")
    if ctx.schema.has_relation(new):
        raise Refuse(f"{new} already exists")
    if not table.columns:
        raise Refuse(f"the baseline schema lists no columns for {old}: cannot write its compatibility view")
    columns = ",\n       ".join(qi(c) for c in table.columns)
    view = Sql(f"CREATE VIEW {qt(old)} AS\nSELECT {columns}\nFROM {qt(new)}",
               (f"the old app keeps using {old}: a simple view, so its INSERT, UPDATE and DELETE "
                f"go through to {new}",))
    rename = Sql(ctx.own_text(), ("in the same transaction as the view: no moment without either name",))
    return Change(
        title=f"rename table {old} to {new}",
        line=ctx.line,
        expand=(tx(rename, view),),
        contract=(tx(Sql(f"DROP VIEW IF EXISTS {qt(old)}")),),
        new_app=(f"uses {new}, never {old}",),
        retire_old_app=(f"it uses {old}, a view that contract.sql drops",),
        notes=(
            f"privileges are not copied to the view {old}: if the app's role does not own it, "
            f"GRANT it what the table had (e.g. GRANT SELECT, INSERT, UPDATE, DELETE ON {qt(old)} TO app)",
            f"through the view, COPY … FROM, TRUNCATE and LOCK TABLE on {old} fail: the old app must not "
            "use them meanwhile",
        ),
    )


def drop_table(ctx: Context) -> Change | None:
    a = ctx.action
    if ctx.is_new(a.table):
        return None
    name = a.table or "?"
    text = ctx.own_text() if ctx.siblings == 1 else (
        f"DROP TABLE {'IF EXISTS ' if a.if_exists else ''}{qt(name)}{' CASCADE' if a.cascade else ''}")
    return Change(
        title=f"drop table {name}",
        line=ctx.line,
        contract=(tx(Sql(text)),),
        new_app=(f"no longer reads or writes {name}",),
        retire_old_app=(f"it still uses {name}, which contract.sql drops",),
    )


def detach_partition(ctx: Context) -> Change | None:
    """DETACH PARTITION … CONCURRENTLY (PostgreSQL 14+): only SHARE UPDATE EXCLUSIVE on the
    partitioned table, so its reads and writes go on; PostgreSQL refuses it when the table has a
    DEFAULT partition, and before 14 there is none: the statement is then kept as written."""
    a = ctx.action
    if a.concurrent or ctx.is_new(a.table) or not a.object_name or ctx.pg_version < 14:
        return None
    if ctx.schema.default_partition(a.table) is not None:
        return None  # CONCURRENTLY is refused: kept as written, its lock brief in a transaction of its own
    text = f"ALTER TABLE {qt(a.table or '?')} DETACH PARTITION {qt(a.object_name)} CONCURRENTLY"
    return Change(
        title=f"detach partition {a.object_name} from {a.table}",
        line=ctx.line,
        contract=(alone(text, "CONCURRENTLY: no lock that blocks reads or writes of the partitioned table; "
                              "runs outside a transaction"),),
        retire_old_app=(ctx.classification.breaks_old_app or f"rows of {a.object_name} disappear from {a.table}",),
    )
