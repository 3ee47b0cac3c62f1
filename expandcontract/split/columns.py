"""Recipes for column changes: rename, change type, add, SET NOT NULL, drop.

Each takes a ``Context`` and returns a ``Change``, or None when the statement is already safe
as written (it then passes through unchanged), or raises ``Refuse``.
"""

from __future__ import annotations

import re

import pgparse

from ..core.ops.columns import rebuilt_indexes
from ..core.ops.registry import extract_actions
from ..core.ops.tree import expression_volatility
from ..core.ops.typecompat import is_binary_coercible, is_narrowing
from ..core.record import replace
from ..core.schema import relation_key
from .constraints import concurrent_index, inline_constraint_blocks
from .context import Context, Refuse, backfill_sql, not_null_blocks, not_null_note
from .dependents import column_collation, column_dependents, index_statement
from .model import Backfill, Block, Change, Sql, alone, tx
from .source import column_def_parts, parse_cmd, same_tree, using_text
from .sqlbuild import alter, bare, in_schema_of, qi, type_sql
from .triggers import copy_trigger, drop_trigger, fill_trigger, sync_trigger

__all__ = ["add_column", "change_type", "drop_column", "rename_column", "set_not_null"]


def _default_text(default: str | None, where: str) -> str | None:
    """The baseline's default expression, if it is one we can write back verbatim."""
    if default is None:
        return None
    try:
        parsed = pgparse.parse(f"SELECT {default}")
        ok = len(parsed) == 1 and len(parsed[0]["stmt"]["SelectStmt"]["targetList"]) == 1
    except (pgparse.PGQueryError, KeyError):
        ok = False
    if not ok:
        raise Refuse(f"cannot carry over the default of {where} ({default!r}): set it yourself after the split")
    return default


def _family(type_name: str) -> str:
    """Types whose narrowing only cuts values short (length, precision)."""
    return "text" if type_name in ("text", "varchar", "char", "bpchar") else type_name


def _volatile(expression: str) -> bool:
    parsed = pgparse.parse(f"SELECT {expression}")
    return expression_volatility(parsed[0]["stmt"]["SelectStmt"]["targetList"][0]["ResTarget"]["val"]) == "volatile"


def rename_column(ctx: Context) -> Change | None:
    a = ctx.action
    if ctx.is_new(a.table):
        return None
    table = ctx.table()
    col = ctx.column(table)
    old, new, t = col.name, a.new_name or "", table.name
    if new in table.columns:
        raise Refuse(f"{t} already has a column {new}")
    ctx.refuse_special(table, col)
    ctx.refuse_if_used(table, old, "dropping the old column in contract")
    key = ctx.backfill_key(table)
    type_text = type_sql(col.type)
    if type_text is None:
        raise Refuse(f"cannot write the type of {t}.{old} ({col.type}) back as SQL")
    collation = column_collation(ctx.history, t, old)
    if collation:
        type_text += " COLLATE " + ".".join(qi(part) for part in collation)
    default = _default_text(col.default, f"{t}.{old}")
    if default is not None and _volatile(default):
        raise Refuse(f"the default of {t}.{old} ({default}) gives a new value on every call: the sync trigger "
                     "could not tell a column the app left out from one it wrote")
    trigger = ctx.names.fresh(f"{bare(t)}_sync_{new}")

    expand = [Sql(alter(t, f"ADD COLUMN IF NOT EXISTS {qi(new)} {type_text}"),
                  (f"the new name of {old}; NOT NULL follows in contract" if col.not_null
                   else f"the new name of {old}",))]
    if default is not None:
        expand.append(Sql(alter(t, f"ALTER COLUMN {qi(new)} SET DEFAULT {default}"),
                          ("for new rows only: existing rows are copied in migrate",)))
    elif col.not_null:
        expand.append(Sql(alter(t, f"ALTER COLUMN {qi(old)} DROP NOT NULL"),
                          (f"the new app never writes {old}: the trigger fills it in",)))
    expand.extend(sync_trigger(t, old, new, trigger, ctx.pg_version, default))
    backfill = backfill_sql(t, f"{qi(new)} = {qi(old)}", f"{qi(new)} IS DISTINCT FROM {qi(old)}", key,
                            f"copy {old} into {new} for the rows written before expand")
    contract = [*drop_trigger(t, trigger), Sql(alter(t, f"DROP COLUMN IF EXISTS {qi(old)}"))]
    return _copied_column(
        ctx, t, key, f"rename column {t}.{old} to {new}", expand, backfill, contract,
        not_null=(new, f"{t}.{new} takes over NOT NULL from {old}") if col.not_null else None,
        new_app=(f"reads and writes {t}.{new}, never {old} (until contract a trigger copies every write "
                 f"between the two columns, in both directions)"),
        retire_old_app=f"it still uses {t}.{old}, which contract.sql drops",
        copies=f"copies {old} into {new}",
    )


def change_type(ctx: Context) -> Change | None:
    a = ctx.action
    if ctx.is_new(a.table):
        return None
    table = ctx.table()
    col = ctx.column(table)
    if a.type is None:
        return None
    if is_binary_coercible(col.type, a.type):
        # no row is rewritten, but the indexes that read the column in an expression or WHERE are
        # built again under the lock: drop them first and build them concurrently afterwards
        return _rebuilding_indexes(ctx, table, col) if ctx.classification.scans else None
    t, c = table.name, col.name
    if _family(col.type.name) == _family(a.type.name) and is_narrowing(col.type, a.type):
        raise Refuse(
            f"{t}.{c} narrows from {col.type} to {a.type}: existing values and the old app's writes may "
            f"not fit; add a CHECK constraint that enforces the new limit (NOT VALID, then VALIDATE) "
            "and clean the data first"
        )
    ctx.refuse_special(table, col)
    ctx.refuse_if_used(table, c, "swapping in the converted column in contract")
    cmd = parse_cmd(ctx.piece) if ctx.piece else None
    if cmd is None:
        raise Refuse("cannot isolate this ALTER COLUMN … TYPE in its statement: write it as its own statement")
    column_def = cmd.get("def", {}).get("ColumnDef", {})
    if column_def.get("collClause"):
        raise Refuse("a type change with COLLATE is not split: change the collation in its own migration")
    using = None
    if column_def.get("raw_default"):
        using = using_text(ctx.piece)
        if using is None:
            raise Refuse("cannot read the USING expression back exactly: simplify it or split by hand")
    key = ctx.backfill_key(table)
    new_type = type_sql(a.type)
    if new_type is None:
        raise Refuse(f"cannot write the type {a.type} back as SQL")
    default = _default_text(col.default, f"{t}.{c}")
    temp = ctx.names.fresh_column(frozenset(table.columns), f"{c}_new")
    trigger = ctx.names.fresh(f"{bare(t)}_sync_{temp}")
    if using is None:
        conversion, value = f"NEW.{qi(c)}", qi(c)
    else:
        conversion = f"(SELECT {using} FROM (SELECT NEW.*) AS {qi(bare(t))})"
        value = using
    # a row is done when the temp column holds a value, or the conversion gives none: the test
    # follows USING (COALESCE(c, 0) turns a NULL c into 0) and ends, as every row it updates leaves
    # it; the runner moves on by key range, not by rows changed
    converted = qi(c) if using is None else f"({using})"
    pending = f"{qi(temp)} IS NULL AND {converted} IS NOT NULL"

    expand = [Sql(alter(t, f"ADD COLUMN IF NOT EXISTS {qi(temp)} {new_type}"),
                  (f"{c} as {a.type}; it takes the name {c} in contract",)),
              *copy_trigger(t, c, temp, conversion, trigger, ctx.pg_version, every_write=using is not None)]
    backfill = backfill_sql(t, f"{qi(temp)} = {value}", pending, key,
                            f"convert {c} into {temp} for the rows written before expand")
    swap = [*drop_trigger(t, trigger),
            Sql(alter(t, f"DROP COLUMN IF EXISTS {qi(c)}"), (f"swap: {temp} replaces {c} in one transaction",)),
            Sql(alter(t, f"RENAME COLUMN {qi(temp)} TO {qi(c)}"))]
    if default is not None:
        swap.append(Sql(alter(t, f"ALTER COLUMN {qi(c)} SET DEFAULT {default}")))
    notes = []
    if using is not None:
        notes.append(f"until contract, {t}.{c} keeps its {col.type} values and {temp} holds them converted "
                     f"(USING {using}): the app sees converted values only from contract on")
    if {col.type.name, a.type.name} == {"timestamp", "timestamptz"} and using is None:
        notes.append(f"timestamp and timestamptz convert through the session's TimeZone: the apps' sessions (the "
                     f"trigger) and the runner's (the backfill) must use the same one, or {t}.{c} gets mixed values")
    if is_narrowing(col.type, a.type):
        notes.append(f"not every {col.type} converts to {a.type}: from expand on, a write of {t}.{c} "
                     "that does not convert fails (the trigger converts every write)")
    return _copied_column(
        ctx, t, key, f"change type of {t}.{c} from {col.type} to {a.type}", expand, backfill, swap,
        not_null=(c, f"{t}.{c} stays NOT NULL") if col.not_null else None,
        new_app=(f"keeps using {t}.{c}; values must still fit {col.type} until contract swaps in the "
                 f"{a.type} column"),
        retire_old_app=f"contract.sql swaps {t}.{c} for the converted {a.type} column",
        copies=f"converts {c} into {temp}", notes=notes,
    )


def _rebuilding_indexes(ctx: Context, table, col) -> Change:
    """A type change that rewrites no row but rebuilds indexes: in expand, each such index is
    dropped concurrently, the type changed (a catalog update now), and each index built again
    concurrently from its own ``CREATE INDEX``."""
    a = ctx.action
    t, c = table.name, col.name
    if table.partitioned:
        raise Refuse(f"{t} is partitioned: DROP and CREATE INDEX CONCURRENTLY do not work on it; change the type "
                     "in a new column, or rebuild the indexes of each partition by hand")
    wanted = set(rebuilt_indexes(ctx.schema, t, c, relabelled=False))
    indexes = [i for i in ctx.schema.indexes_on(t) if i.name in wanted]
    drops, builds, notes = [], [], []
    for index in indexes:
        name = bare(index.name)
        if name in table.constraints:
            raise Refuse(f"index {name} belongs to constraint {name} of {t}: change the type in a new column")
        stmt = index_statement(ctx.history, t, name)
        made = [x for x in extract_actions(stmt) if x.op == "create_index"] if stmt is not None else []
        if not made or (tuple(made[0].detail.get("columns", ())), tuple(made[0].detail.get("expression_columns", ())),
                         made[0].unique) != (index.columns, index.expression_columns, index.unique):
            raise Refuse(f"the CREATE INDEX of {name} is not in the baseline schema as it stands now (made without "
                         f"a name, or renamed since): drop {name} and build it again around the type change by hand")
        assert stmt is not None
        drops.append(alone(f"DROP INDEX CONCURRENTLY IF EXISTS {in_schema_of(t, name)}",
                           f"{name} reads {c} in an expression or WHERE: ALTER … TYPE would build it again "
                           f"under its ACCESS EXCLUSIVE lock; from here until it is built again below, "
                           f"queries that use it run without it"))
        builds.append(alone(concurrent_index(stmt.text),
                            f"{name} again, as it was defined; CONCURRENTLY: writes go on during the build"))
        if index.unique:
            notes.append(f"{name} is unique: between its drop and its rebuild nothing stops a duplicate; if one is "
                         f"written, the rebuild fails and leaves an INVALID {name}: remove the duplicates, DROP INDEX "
                         f"CONCURRENTLY it and run the build again")
    names = ", ".join(bare(i.name) for i in indexes)
    change = Sql(ctx.own_text(), (f"with {names} gone, a catalog update: no row is read or rewritten",))
    it, them = ("that index", "it") if len(indexes) == 1 else ("those indexes", "them")
    notes.insert(0, (
        f"between the drop of {names} and the end of {'its' if len(indexes) == 1 else 'their'} rebuild (both in "
        f"expand.sql), queries that rely on {it} run without {them}: they read more of {t} and may be much "
        f"slower, for as long as the builds take (each reads all of {t}). If that window is unacceptable, move "
        f"to a new column instead: ADD COLUMN {c}_new {a.type} with a trigger that copies every write, a batched "
        f"backfill, the indexes built on it, then swap it in (the way split changes a type that rewrites the "
        f"table)"))
    return Change(
        title=f"change type of {t}.{c} from {col.type} to {a.type}, rebuilding {names}",
        line=ctx.line,
        expand=(*drops, tx(change), *builds),
        notes=tuple(notes),
    )


def _copied_column(ctx: Context, t: str, key: str, title: str, expand: list[Sql], backfill: Sql,
                   contract: list[Sql], *, not_null: tuple[str, str] | None, new_app: str, retire_old_app: str,
                   copies: str, notes: list[str] | None = None) -> Change:
    """A column copied into another (a rename, a type change): a trigger copies every write from
    expand on, migrate backfills the rows written before, and contract lets the copy take over;
    ``not_null`` (the column, why), when the old one has it, is added back in contract."""
    blocks: tuple[Block, ...] = (tx(*contract),)
    before: list[str] = []
    if not_null is not None:
        column, why = not_null
        blocks += not_null_blocks(ctx, t, column, why=why)
        before.append(not_null_note(ctx, t, column))
    return Change(
        title=title,
        line=ctx.line,
        expand=(tx(*expand),),
        migrate=(Block((backfill,)),),
        contract=blocks,
        new_app=(new_app,),
        retire_old_app=(retire_old_app,),
        notes=(*before, *(notes or ())),
        backfills=(Backfill(t, key, copies),),
    )


_ADD_PREFIX = re.compile(r"ADD\s+(?:COLUMN\s+)?(?:IF\s+NOT\s+EXISTS\s+)?", re.I)


def add_column(ctx: Context) -> Change | None:
    a = ctx.action
    spec = a.column_spec
    if spec is None or ctx.is_new(a.table):
        return None
    t = a.table or "?"
    if spec.default is not None and spec.default.upper() == "NULL":
        spec = replace(spec, default=None, default_volatility=None)
    rewrite_default = spec.default is not None and (
        spec.default_volatility == "volatile" or ctx.pg_version < 11)
    to_split = [c for c in a.constraints if not (c.kind in ("foreign_key", "check") and c.not_valid)]
    if spec.identity:
        raise Refuse(f"adding identity column {t}.{spec.name} fills every row in a table rewrite under an "
                     "ACCESS EXCLUSIVE lock: add a nullable column with a sequence default, backfill, then "
                     "make it NOT NULL")
    if spec.generated:
        raise Refuse(f"a stored generated column {t}.{spec.name} is computed for every row in a rewrite "
                     "under an ACCESS EXCLUSIVE lock: add a plain column kept up to date by the app or "
                     "a trigger, and backfill it")
    if spec.primary_key or any(c.kind == "primary_key" for c in to_split):
        raise Refuse(f"a new primary key column {t}.{spec.name} needs a value in every row: add it "
                     "nullable, backfill, then add the primary key in its own migration")
    if spec.not_null and spec.default is None:
        fill = ctx.fills.get((relation_key(t), spec.name))
        if fill is None:
            raise Refuse(
                f"{t}.{spec.name} is NOT NULL without a default: existing rows have no value and the old "
                f"app's INSERTs do not supply one; give the value they get with --fill {t}.{spec.name}=SQL_EXPRESSION "
                f"(a constant, or an expression of the row's other columns), give it a DEFAULT (a constant is "
                f"instant from PostgreSQL 11), or add it nullable and set NOT NULL once the app fills it"
            )
        return _filled_column(ctx, spec, fill, to_split)
    if not rewrite_default and not to_split:
        return None
    table = ctx.table()
    parts = column_def_parts(ctx.piece) if ctx.piece else None
    if parts is None:
        raise Refuse("cannot separate this column's definition from its constraints: write them as "
                     "separate statements")
    bare_def, exprs, inline = parts
    kept = [text for con, text in inline if _kept(con, rewrite_default)]
    definition = _ADD_PREFIX.sub("ADD COLUMN IF NOT EXISTS ", bare_def, count=1)
    definition = " ".join([definition, *kept])
    _verify_column(definition, ctx.piece, {c.get("contype") for c, _ in inline if _kept(c, rewrite_default)})

    c = spec.name
    first = [Sql(alter(t, definition))]
    migrate: tuple[Block, ...] = ()
    contract: tuple[Block, ...] = ()
    backfills: tuple[Backfill, ...] = ()
    notes: list[str] = []
    if rewrite_default:
        default = exprs["default"]
        first[0] = Sql(first[0].text, ("nullable and without a default: no table rewrite",))
        first.append(Sql(alter(t, f"ALTER COLUMN {qi(c)} SET DEFAULT {default}"),
                         ("applies to new rows only; existing rows are backfilled in migrate",)))
        key = ctx.backfill_key(table)
        migrate = (Block((backfill_sql(t, f"{qi(c)} = {default}", f"{qi(c)} IS NULL", key,
                                       f"fill {c} for the rows that existed before expand"),)),)
        backfills = (Backfill(t, key, f"fills {c} with {default}"),)
        if spec.not_null:
            contract = not_null_blocks(ctx, t, c, why=f"{t}.{c} is NOT NULL")
            notes.append(not_null_note(ctx, t, c))
    expand = (tx(*first), *inline_constraint_blocks(ctx, t, c, inline))
    return Change(
        title=f"add column {t}.{c}",
        line=ctx.line,
        expand=expand,
        migrate=migrate,
        contract=contract,
        notes=tuple(notes),
        backfills=backfills,
    )


def _kept(con: dict, rewrite_default: bool) -> bool:
    kind = con.get("contype")
    if kind in ("CONSTR_NULL", "CONSTR_ATTR_DEFERRABLE", "CONSTR_ATTR_NOT_DEFERRABLE"):
        return True
    return kind in ("CONSTR_DEFAULT", "CONSTR_NOTNULL") and not rewrite_default


def _verify_column(definition: str, original_piece: str | None, kept_kinds: set) -> None:
    """The re-assembled ``ADD COLUMN`` must be the original minus the constraints moved out."""
    new = parse_cmd(definition)
    old = parse_cmd(original_piece or "")
    if new is None or old is None:
        raise Refuse("cannot re-assemble the column definition: write its constraints as separate statements")
    old_def = dict(old["def"]["ColumnDef"])
    old_def["constraints"] = [c for c in old_def.get("constraints", [])
                              if c["Constraint"].get("contype") in kept_kinds]
    if not old_def["constraints"]:
        del old_def["constraints"]
    if not same_tree(new["def"]["ColumnDef"], old_def):
        raise Refuse("cannot re-assemble the column definition: write its constraints as separate statements")


def set_not_null(ctx: Context) -> Change | None:
    a = ctx.action
    if ctx.is_new(a.table):
        return None
    table = ctx.table()
    col = ctx.column(table)
    if col.not_null or not ctx.classification.scans:
        return None  # nothing to scan: already NOT NULL, or a validated CHECK stands in
    t, c = table.name, col.name
    return Change(
        title=f"set NOT NULL on {t}.{c}",
        line=ctx.line,
        contract=not_null_blocks(ctx, t, c, why=f"{t}.{c} becomes NOT NULL"),
        new_app=(f"never writes NULL into {t}.{c}",),
        retire_old_app=(f"it may write NULL into {t}.{c}",),
        before_contract=(f"no row of {t} has {c} IS NULL any more (SELECT count(*) FROM {t} WHERE {c} IS NULL): "
                         "fix them first, or VALIDATE fails",),
        notes=(not_null_note(ctx, t, c),),
    )


def drop_column(ctx: Context) -> Change | None:
    a = ctx.action
    if ctx.is_new(a.table):
        return None
    t, c = a.table or "?", a.column or "?"
    table = ctx.schema.table(t)
    col = table.column(c) if table else None
    views = [d for d in column_dependents(ctx.history, t, c)
             if d.startswith("view ") and ctx.schema.view(d.removeprefix("view "))]
    if views and not a.cascade:
        raise Refuse(f"{t}.{c} is used by {', '.join(views)}: DROP COLUMN would fail in contract; drop or "
                     "redefine the view first")
    expand: tuple[Block, ...] = ()
    if col is not None and col.not_null and not col.has_default:
        expand = (tx(Sql(alter(t, f"ALTER COLUMN {qi(c)} DROP NOT NULL"),
                         (f"the new app no longer writes {c}: its INSERTs must not fail on NOT NULL",))),)
    return Change(
        title=f"drop column {t}.{c}",
        line=ctx.line,
        expand=expand,
        contract=(tx(Sql(ctx.own_text())),),
        new_app=(f"no longer reads or writes {t}.{c}",),
        retire_old_app=(f"it still uses {t}.{c}, which contract.sql drops",),
    )


def _filled_column(ctx: Context, spec, fill: str, to_split) -> Change:
    """A NOT NULL column without a default, with the value the user gave (``--fill``): added
    nullable in expand with a trigger that fills it for rows written without it (the old app's
    INSERTs), backfilled in migrate, NOT NULL through a validated CHECK and the trigger dropped
    in contract."""
    t, c = ctx.action.table or "?", spec.name
    table = ctx.table()
    parts = column_def_parts(ctx.piece) if ctx.piece else None
    if parts is None:
        raise Refuse("cannot separate this column's definition from its constraints: write them as "
                     "separate statements")
    bare_def, _exprs, inline = parts
    definition = _ADD_PREFIX.sub("ADD COLUMN IF NOT EXISTS ", bare_def, count=1)
    # NOT NULL waits for contract; the other inline constraints are split as usual
    nullable = [(con, text) for con, text in inline if _kept(con, False) and con.get("contype") != "CONSTR_NOTNULL"]
    definition = " ".join([definition, *(text for _, text in nullable)])
    _verify_column(definition, ctx.piece, {con.get("contype") for con, _ in nullable})
    name = ctx.names.fresh(f"{bare(t)}_fill_{c}")
    function, trigger = fill_trigger(t, c, fill, name, ctx.pg_version)
    key = ctx.backfill_key(table)
    expand = (tx(Sql(alter(t, definition), ("nullable until contract: the rows already there get their value in "
                                            "migrate",)), function, trigger),
              *inline_constraint_blocks(ctx, t, c, inline))
    migrate = (Block((backfill_sql(t, f"{qi(c)} = {fill}", f"{qi(c)} IS NULL", key,
                                   f"fill {c} for the rows that existed before expand"),)),)
    contract = (*not_null_blocks(ctx, t, c, why=f"{t}.{c} is NOT NULL"), tx(*drop_trigger(t, name)))
    return Change(
        title=f"add column {t}.{c}",
        line=ctx.line,
        expand=expand,
        migrate=migrate,
        contract=contract,
        notes=(not_null_note(ctx, t, c),
               f"until contract, a row written without {c} (the old app's INSERTs) gets {fill} from a trigger"),
        backfills=(Backfill(t, key, f"fills {c} with {fill}"),),
    )
