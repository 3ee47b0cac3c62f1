"""Recipes for constraints and indexes: foreign keys and CHECKs become ``NOT VALID`` +
``VALIDATE``; UNIQUE and PRIMARY KEY are built as a concurrent unique index first; indexes are
created and dropped ``CONCURRENTLY``."""

from __future__ import annotations

import re

import pgparse

from ..core.identifiers import bounded_identifier
from ..core.schema import relation_key
from .context import Context, Refuse, not_null_note
from .model import Block, Change, Sql, alone, tx
from .source import parse_cmd, strip_locations
from .sqlbuild import alter, bare, in_schema_of, qi, qt

__all__ = ["add_constraint", "concurrent_index", "create_index", "drop_index", "inline_constraint_blocks"]

_NAME_PREFIX = re.compile(r'CONSTRAINT\s+(?:"(?:[^"]|"")+"|[\w$\x80-\uffff]+)\s+', re.I)
# what a NOT VALID re-spelling may change in a constraint's parse tree
_VALIDITY_KEYS = ("conname", "skip_validation", "initially_valid", "location")
_SUFFIX = {"foreign_key": "fkey", "check": "check", "unique": "key", "primary_key": "pkey"}


def _normalised(con: dict, *, drop: tuple[str, ...] = ()) -> dict:
    return {k: v for k, v in strip_locations(con).items() if k not in _VALIDITY_KEYS + drop}


def _not_valid_pair(ctx: Context, table: str, name: str, body: str, original: dict, *,
                    inline_column: str | None = None) -> tuple[Block, Block]:
    """``ADD CONSTRAINT name body NOT VALID`` (checked against ``original``) and its VALIDATE."""
    clause = f"ADD CONSTRAINT {qi(name)} {body} NOT VALID"
    cmd = parse_cmd(clause)
    got = (cmd or {}).get("def", {}).get("Constraint")
    drop = ("fk_attrs",) if inline_column else ()
    if got is None or _normalised(got, drop=drop) != _normalised(original, drop=drop) or not got.get("skip_validation"):
        raise Refuse("cannot re-spell this constraint as NOT VALID exactly: split it by hand")
    kind = "foreign key" if original.get("contype") == "CONSTR_FOREIGN" else "CHECK constraint"
    clear = Sql(alter(table, f"DROP CONSTRAINT IF EXISTS {qi(name)}"),
                ("a leftover of an interrupted earlier run, if any",))
    add = Sql(alter(table, clause),
              (f"NOT VALID: the {kind} holds for new writes at once; existing rows are checked below",))
    validate = Sql(alter(table, f"VALIDATE CONSTRAINT {qi(name)}"),
                   ("checks existing rows under a SHARE UPDATE EXCLUSIVE lock: reads and writes go on",))
    return tx(clear, add), tx(validate)


def _constraint_name(ctx: Context, table: str, given: str | None, kind: str, columns: tuple[str, ...]) -> str:
    if given:
        what = {"foreign_key": "foreign key", "check": "CHECK constraint", "unique": "UNIQUE constraint",
                "primary_key": "primary key"}[kind]
        ctx.refuse_taken_name(given, table, relation=kind in ("unique", "primary_key"), what=what)
        ctx.names.claim(given)
        return given
    if kind == "primary_key":
        return ctx.names.fresh(f"{bare(table)}_pkey")
    return ctx.names.fresh("_".join((bare(table), *columns, _SUFFIX[kind])))


def _validate_notes(kind: str, table: str) -> tuple[str, ...]:
    what = "foreign key" if kind == "foreign_key" else "CHECK constraint"
    return (
        f"from expand on, every write to {table} that breaks the new {what} fails, "
        "the old app's included",
        f"VALIDATE fails if existing rows of {table} break the {what}: fix them before expand",
    )


def inline_constraint_blocks(ctx: Context, table: str, column: str,
                             inline: list[tuple[dict, str]]) -> tuple[Block, ...]:
    """The constraints written on a new column (``REFERENCES``, ``CHECK``, ``UNIQUE``), added
    after it the safe way."""
    blocks: list[Block] = []
    for con, text in inline:
        kind = con.get("contype")
        body = _NAME_PREFIX.sub("", text, count=1)
        if kind in ("CONSTR_FOREIGN", "CONSTR_CHECK"):
            spec = "foreign_key" if kind == "CONSTR_FOREIGN" else "check"
            name = _constraint_name(ctx, table, con.get("conname"), spec, (column,))
            if kind == "CONSTR_FOREIGN":
                body = f"FOREIGN KEY ({qi(column)}) {body}"
            blocks.extend(_not_valid_pair(ctx, table, name, body, con,
                                          inline_column=column if kind == "CONSTR_FOREIGN" else None))
        elif kind == "CONSTR_UNIQUE":
            if body.strip().upper() != "UNIQUE":
                raise Refuse("a UNIQUE column constraint with options is not split: add it as a unique "
                             "index in its own statement")
            name = _constraint_name(ctx, table, con.get("conname"), "unique", (column,))
            blocks.extend(_unique_blocks(table, name, "UNIQUE", qi(column), ""))
    return tuple(blocks)


def _drop_leftover(table: str, name: str) -> Block:
    """A failed concurrent build leaves an INVALID index behind; a retry must not trip on it."""
    return alone(f"DROP INDEX CONCURRENTLY IF EXISTS {in_schema_of(table, name)}",
                 "the INVALID leftover of an interrupted build, if any")


def _unique_blocks(table: str, name: str, kind_sql: str, columns_sql: str, extra: str, *,
                   constraint: str | None = None) -> tuple[Block, ...]:
    constraint = constraint or name
    index = Sql(f"CREATE UNIQUE INDEX CONCURRENTLY {qi(name)}\n    ON {qt(table)} ({columns_sql}){extra}",
                ("builds without blocking writes; must run outside a transaction",), transactional=False)
    comments = ("the index is already built: only a catalog update under a brief lock",)
    if constraint != name:
        comments += (f"the index takes the constraint's name, {constraint}",)
    attach = Sql(alter(table, f"ADD CONSTRAINT {qi(constraint)} {kind_sql} USING INDEX {qi(name)}"), comments)
    return _drop_leftover(table, name), Block((index,)), tx(attach)


def add_constraint(ctx: Context) -> Change | None:
    a = ctx.action
    con = a.constraint
    if con is None or ctx.is_new(a.table):
        return None
    t = a.table or "?"
    raw = ((parse_cmd(ctx.piece) if ctx.piece else None) or {}).get("def", {}).get("Constraint")
    if con.kind in ("foreign_key", "check"):
        if con.not_valid:
            return None
        if raw is None:
            raise Refuse("cannot isolate this constraint in its statement: write it as its own statement")
        name = _constraint_name(ctx, t, con.name, con.kind, con.columns)
        body = _NAME_PREFIX.sub("", re.sub(r"^ADD\s+", "", ctx.piece, flags=re.I), count=1)
        add, validate = _not_valid_pair(ctx, t, name, body, raw)
        title = f"add {'foreign key' if con.kind == 'foreign_key' else 'CHECK constraint'} {name} on {t}"
        notes = _validate_notes(con.kind, t)
        fixed_at = ctx.data_changed_before(t, con.references)
        if fixed_at is None:
            return Change(title=title, line=ctx.line, expand=(add, validate), notes=notes)
        return Change(title=title, line=ctx.line, expand=(add,), contract=(validate,),
                      notes=(*notes, f"VALIDATE runs in contract, after the data change of line {fixed_at} "
                                     "has run in migrate.sql"))
    if con.kind in ("unique", "primary_key"):
        if con.using_index:
            return None
        return _unique_or_primary(ctx, t, con, raw)
    raise Refuse(f"an {con.kind} constraint scans {t} under an ACCESS EXCLUSIVE lock and has no NOT VALID "
                 "form: build it in a maintenance window")


def _unique_or_primary(ctx: Context, t: str, con, raw: dict | None) -> Change:
    table = ctx.table(t)
    if table.partitioned:
        raise Refuse(f"{t} is partitioned: CREATE INDEX CONCURRENTLY does not work on it; build the index "
                     "on each partition concurrently, then attach them")
    if raw is None or not con.columns:
        raise Refuse("cannot isolate this constraint in its statement: write it as its own statement")
    unsupported = set(raw) - {"contype", "conname", "keys", "location", "including", "nulls_not_distinct"}
    if unsupported:
        raise Refuse(f"the constraint's options ({', '.join(sorted(unsupported))}) are not split: create the "
                     "unique index CONCURRENTLY by hand, then ADD CONSTRAINT … USING INDEX")
    replacing = ctx.dropped_keys.get(relation_key(t)) if con.kind == "primary_key" else None
    old_key = None
    if replacing is None:
        existing = next((c.name for c in table.constraints.values() if c.kind == "primary_key"), None)
        if con.kind == "primary_key" and existing is not None:
            raise Refuse(f"{t} already has the primary key {existing}: drop it first in this migration (the "
                         "split then swaps the new one in, in one transaction)")
        name = index_name = _constraint_name(ctx, t, con.name, con.kind, con.columns)
    else:
        line, old_key, alone = replacing
        referencing = sorted(f"{c.name} of {other.name}" for other in ctx.schema.tables.values()
                             for c in other.constraints.values()
                             if c.kind == "foreign_key" and relation_key(c.references) == relation_key(t))
        if referencing:
            raise Refuse(f"foreign key {', '.join(referencing)} references {t} and may depend on the index of "
                         f"{old_key}: its DROP would fail; drop and re-add the foreign keys in their own "
                         "migrations around this one")
        if not alone:
            raise Refuse(f"the old primary key {old_key} of {t} is dropped at line {line} in a statement that "
                         "makes other changes too: drop it in a statement of its own (or in this one), so the "
                         "new primary key takes its place in one transaction")
        name = _replacement_name(ctx, t, con.name, old_key)
        # the old key's index still has its name until the swap; ADD … USING INDEX renames the index
        index_name = name if name != old_key else ctx.names.fresh(f"{name}_new")
    columns_sql = ", ".join(qi(c) for c in con.columns)
    extra = ""
    if raw.get("including"):
        extra += " INCLUDE (" + ", ".join(qi(i["String"]["sval"]) for i in raw["including"]) + ")"
    if raw.get("nulls_not_distinct"):
        extra += " NULLS NOT DISTINCT"
    kind_sql = "PRIMARY KEY" if con.kind == "primary_key" else "UNIQUE"
    leftover, index, attach = _unique_blocks(t, index_name, kind_sql, columns_sql, extra, constraint=name)
    title = f"add {kind_sql} {name} on {t} ({', '.join(con.columns)})"
    notes = [f"the unique index build fails if {t} has duplicates in ({', '.join(con.columns)}): fix them "
             "and run expand.sql again (it drops the INVALID leftover first)"]
    nullable = [c for c in con.columns if table.column(c) is None or not table.column(c).not_null]
    fixed_at = ctx.data_changed_before(t)
    if old_key is not None:
        return _replace_primary_key(ctx, t, old_key, name, ", ".join(con.columns), notes, nullable, fixed_at,
                                    (leftover, index), attach.statements[0])
    if (con.kind == "unique" or not nullable) and fixed_at is not None:
        notes.append(f"the unique index is built in contract, after the data change of line {fixed_at} has run "
                     "in migrate.sql")
        return Change(title=title, line=ctx.line, contract=(leftover, index, attach), notes=tuple(notes))
    if con.kind == "unique" or not nullable:
        return Change(title=title, line=ctx.line, expand=(leftover, index, attach), notes=tuple(notes))
    # a primary key makes its columns NOT NULL: do that without a scan, once the old app is gone
    checks, validates, sets, drops = _not_null_steps(ctx, t, nullable)
    notes.append(not_null_note(ctx, t, ", ".join(nullable)))
    return Change(
        title=title,
        line=ctx.line,
        expand=(leftover, index) if fixed_at is None else (),
        contract=(*((leftover, index) if fixed_at is not None else ()), tx(*checks), *validates, tx(*sets, attach.statements[0], *drops)),
        new_app=(f"never writes NULL into {t}.{', '.join(nullable)}",),
        retire_old_app=(f"it may write NULL into {t}.{', '.join(nullable)}",),
        before_contract=(f"no row of {t} has NULL in {', '.join(nullable)}: fix them first, or VALIDATE fails",),
        notes=tuple(notes),
    )


def _not_null_steps(ctx: Context, t: str, nullable: list[str]) -> tuple[list[Sql], list[Block], list[Sql], list[Sql]]:
    """NOT VALID checks, their VALIDATEs, the SET NOT NULLs they let skip the scan, the check drops."""
    checks, validates, sets, drops = [], [], [], []
    for column in nullable:
        check = ctx.names.fresh(f"{bare(t)}_{column}_not_null_check")
        checks.append(Sql(alter(t, f"DROP CONSTRAINT IF EXISTS {qi(check)}")))
        checks.append(Sql(alter(t, f"ADD CONSTRAINT {qi(check)} CHECK ({qi(column)} IS NOT NULL) NOT VALID")))
        validates.append(tx(Sql(alter(t, f"VALIDATE CONSTRAINT {qi(check)}"))))
        sets.append(Sql(alter(t, f"ALTER COLUMN {qi(column)} SET NOT NULL")))
        drops.append(Sql(alter(t, f"DROP CONSTRAINT IF EXISTS {qi(check)}")))
    if nullable and ctx.pg_version < 12:
        raise Refuse(f"a primary key on nullable columns of {t} needs SET NOT NULL, which scans the table "
                     "under an ACCESS EXCLUSIVE lock before PostgreSQL 12")
    return checks, validates, sets, drops


def _replacement_name(ctx: Context, t: str, given: str | None, old: str) -> str:
    """The new primary key's name: as given, else the conventional ``<table>_pkey``, which the
    old key frees in the swap's transaction when it has that name."""
    if given:
        ctx.refuse_taken_name(given, t, relation=True, what="primary key", allowed=bare(old))
        ctx.names.claim(given)
        return bare(given)
    if bare(old) == bounded_identifier(f"{bare(t)}_pkey"):
        return bare(old)
    return ctx.names.fresh(f"{bare(t)}_pkey")


def _replace_primary_key(ctx: Context, t: str, old: str, name: str, columns: str, notes: list[str],
                         nullable: list[str], fixed_at: int | None, build: tuple[Block, Block],
                         attach: Sql) -> Change:
    """Drop the old primary key and attach the new one in one transaction, in contract: the
    unique index is built concurrently first, NOT NULL is established before the swap, and the
    table has a primary key at every moment."""
    checks, validates, sets, drops = _not_null_steps(ctx, t, nullable)
    drop_old = Sql(alter(t, f"DROP CONSTRAINT {qi(old)}"),
                   (f"swap: the new primary key replaces {old} in this one transaction",))
    contract = (*(build if fixed_at is not None else ()),
                *((tx(*checks), *validates) if nullable else ()),
                tx(*sets, drop_old, attach, *drops))
    if nullable:
        notes.append(not_null_note(ctx, t, ", ".join(nullable)))
    if fixed_at is not None:
        notes.append(f"the unique index is built in contract, after the data change of line {fixed_at} has run "
                     "in migrate.sql")
    return Change(
        title=f"replace primary key {old} of {t} with {name} ({columns})",
        line=ctx.line,
        expand=build if fixed_at is None else (),
        contract=contract,
        new_app=(*((f"never writes NULL into {t}.{', '.join(nullable)}",) if nullable else ()),
                 f"does not rely on the old primary key {old} of {t} (ON CONFLICT on its columns)"),
        retire_old_app=(f"it may rely on the old primary key {old} of {t}, which contract.sql replaces",
                        *((f"it may write NULL into {t}.{', '.join(nullable)}",) if nullable else ())),
        before_contract=((f"no row of {t} has NULL in {', '.join(nullable)}: fix them first, or VALIDATE fails",)
                         if nullable else ()),
        notes=tuple(notes),
    )


_CREATE_INDEX = re.compile(r"CREATE\s+(?:UNIQUE\s+)?INDEX\s+", re.I)
_IF_NOT_EXISTS = re.compile(r"IF\s+NOT\s+EXISTS\s+", re.I)


def create_index(ctx: Context) -> Change | None:
    a = ctx.action
    if a.concurrent or ctx.is_new(a.table):
        return None
    t = a.table or "?"
    table = ctx.schema.table(t)
    if (table is not None and table.partitioned) or a.detail.get("only"):
        raise Refuse(f"{t} is partitioned: CREATE INDEX CONCURRENTLY does not work on it; build the index "
                     "on each partition concurrently, then CREATE INDEX ON ONLY the parent and ATTACH them")
    text = ctx.statement.text.strip()
    m = _CREATE_INDEX.match(text)
    if m is None:
        raise Refuse("cannot add CONCURRENTLY to this CREATE INDEX: write it with CONCURRENTLY yourself")
    rest = text[m.end():]
    name = a.object_name
    if name is None:
        columns = [c if c != "<expression>" else "expr" for c in a.detail.get("columns", ())]
        name = ctx.names.fresh("_".join((bare(t), *columns, "idx")))
        rest = f"{qi(name)} {rest}"
    else:
        if not _IF_NOT_EXISTS.match(rest):
            ctx.refuse_taken_name(name, t, relation=True, what="index")
        ctx.names.claim(name)
    new_text = f"{text[:m.end()]}CONCURRENTLY {rest}"
    _verify_index(text, new_text)
    blocks: tuple[Block, ...] = () if _IF_NOT_EXISTS.match(rest) else (_drop_leftover(t, name),)
    statement = alone(new_text, "CONCURRENTLY: writes go on during the build; runs outside a transaction")
    fixed_at = ctx.data_changed_before(t) if a.unique else None
    note = (f"if the build of {name} fails it leaves an INVALID index that every write still maintains: "
            "the phase drops such a leftover before building")
    if _IF_NOT_EXISTS.match(rest):
        note = (f"CREATE INDEX … IF NOT EXISTS is kept as written: if a build of {name} fails, the INVALID "
                "leftover is skipped on a retry; the expandcontract runner drops and rebuilds it, by hand "
                "DROP INDEX CONCURRENTLY it first")
    if fixed_at is not None:
        return Change(title=f"create index {name} on {t}", line=ctx.line, contract=(*blocks, statement),
                      notes=(note, f"the unique index is built in contract, after the data change of line "
                                   f"{fixed_at} has run in migrate.sql"))
    return Change(title=f"create index {name} on {t}", line=ctx.line, expand=(*blocks, statement), notes=(note,))


def concurrent_index(text: str) -> str:
    """A ``CREATE INDEX`` statement's text built ``CONCURRENTLY``, the same index otherwise."""
    text = text.strip().rstrip(";").rstrip()
    m = _CREATE_INDEX.match(text)
    if m is None:
        raise Refuse(f"cannot add CONCURRENTLY to {text!r}: build that index again by hand")
    if re.match(r"CONCURRENTLY\b", text[m.end():], re.I):
        return text
    new_text = f"{text[:m.end()]}CONCURRENTLY {text[m.end():]}"
    _verify_index(text, new_text)
    return new_text


def _verify_index(original: str, rewritten: str) -> None:
    def tree(sql: str) -> dict | None:
        try:
            parsed = pgparse.parse(sql)
        except pgparse.PGQueryError:
            return None
        node = parsed[0]["stmt"].get("IndexStmt") if len(parsed) == 1 else None
        return {k: v for k, v in strip_locations(node).items() if k not in ("concurrent", "idxname")} if node else None

    before, after = tree(original), tree(rewritten)
    if before is None or before != after:
        raise Refuse("cannot add CONCURRENTLY to this CREATE INDEX exactly: write it with CONCURRENTLY yourself")


def drop_index(ctx: Context) -> Change | None:
    a = ctx.action
    if a.concurrent:
        return None
    index = ctx.schema.index(a.object_name)
    if index is not None and ctx.is_new(index.table):
        return None
    if a.cascade:
        raise Refuse("DROP INDEX CONCURRENTLY cannot CASCADE: drop the objects that depend on the index first")
    name = a.object_name or "?"
    owner = ctx.schema.table(index.table) if index else None
    if owner is not None and bare(name) in owner.constraints:
        raise Refuse(f"index {name} belongs to constraint {bare(name)} of {owner.name}: drop the constraint")
    text = f"DROP INDEX CONCURRENTLY IF EXISTS {qt(name)}"
    return Change(
        title=f"drop index {name}",
        line=ctx.line,
        contract=(alone(text, "CONCURRENTLY: no lock that blocks reads or writes; runs outside a transaction"),),
        new_app=(f"does not rely on index {name} (queries that used it get slower)",),
    )
