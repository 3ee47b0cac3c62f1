"""What each action does to a running system: its phase, its lock, whether it rewrites or scans.

Version-aware (``pg_version``): a constant default is free from PostgreSQL 11, ``SET NOT NULL``
can use a validated ``CHECK (col IS NOT NULL)`` from 12, ``DETACH … CONCURRENTLY`` exists from 14.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, IntEnum

from .actions import Action, TypeRef
from .schema import Schema

__all__ = ["NON_TRANSACTIONAL_OPS", "Classification", "Lock", "Phase", "classify", "is_binary_coercible"]


class Phase(str, Enum):
    EXPAND = "expand"
    MIGRATE = "migrate"
    CONTRACT = "contract"
    NONE = "none"  # session settings, transaction control: belongs anywhere

    def __str__(self) -> str:
        return self.value


class Lock(IntEnum):
    """PostgreSQL table lock modes, weakest first."""

    NONE = 0
    ACCESS_SHARE = 1
    ROW_SHARE = 2
    ROW_EXCLUSIVE = 3
    SHARE_UPDATE_EXCLUSIVE = 4
    SHARE = 5
    SHARE_ROW_EXCLUSIVE = 6
    EXCLUSIVE = 7
    ACCESS_EXCLUSIVE = 8

    @property
    def label(self) -> str:
        return self.name.replace("_", " ")

    @property
    def blocks(self) -> str:
        """Who waits while this lock is held, in plain words."""
        if self >= Lock.ACCESS_EXCLUSIVE:
            return "all reads and writes"
        if self >= Lock.SHARE:
            return "all writes (INSERT, UPDATE, DELETE)"
        if self >= Lock.SHARE_UPDATE_EXCLUSIVE:
            return "other schema changes and VACUUM, not reads or writes"
        return "nothing the application does"


@dataclass(frozen=True)
class Classification:
    phase: Phase
    lock: Lock = Lock.NONE
    rewrites: bool = False  # the whole table is rewritten under the lock
    scans: bool = False  # the whole table is read under the lock
    transactional: bool = True  # can run inside a transaction block
    breaks_old_app: str | None = None  # why the previous app version stops working
    table: str | None = None

    @property
    def holds_long(self) -> bool:
        return self.rewrites or self.scans


# binary-coercible widenings: no rewrite, no index rebuild
_TEXTLIKE = {"text", "varchar"}


def is_binary_coercible(old: TypeRef | None, new: TypeRef | None) -> bool:
    """True when ``ALTER COLUMN … TYPE new`` from ``old`` needs no rewrite.

    >>> is_binary_coercible(TypeRef("varchar", (20,)), TypeRef("varchar", (50,)))
    True
    >>> is_binary_coercible(TypeRef("varchar", (50,)), TypeRef("varchar", (20,)))
    False
    >>> is_binary_coercible(TypeRef("integer"), TypeRef("bigint"))
    False
    >>> is_binary_coercible(TypeRef("numeric", (10, 2)), TypeRef("numeric", (12, 2)))
    True

    text -> unconstrained varchar is a relabel too (checked on PostgreSQL: same relfilenode):

    >>> is_binary_coercible(TypeRef("text"), TypeRef("varchar"))
    True
    >>> is_binary_coercible(TypeRef("text"), TypeRef("varchar", (100,)))
    False
    """
    if old is None or new is None or old.array != new.array:
        return False
    if old.name == new.name and old.mods == new.mods:
        return True
    if old.name in _TEXTLIKE and new.name == "text":
        return True
    if old.name == "text" and new.name == "varchar":
        return new.mods is None
    if old.name == "varchar" and new.name == "varchar":
        return new.mods is None or (old.mods is not None and new.mods[0] >= old.mods[0])
    if old.name == "char" and new.name in ("text", "varchar") and new.mods is None:
        return False  # bpchar -> text strips padding: a rewrite
    if old.name == "numeric" and new.name == "numeric":
        if new.mods is None:
            return True
        if old.mods is None:
            return False
        old_scale = old.mods[1] if len(old.mods) > 1 else 0
        new_scale = new.mods[1] if len(new.mods) > 1 else 0
        return new_scale == old_scale and new.mods[0] >= old.mods[0]
    if old.name in ("timestamp", "timestamptz", "time", "timetz", "interval") and old.name == new.name:
        return new.mods is None or (old.mods is not None and new.mods[0] >= old.mods[0])
    if {old.name, new.name} == {"cidr", "inet"}:
        return old.name == "cidr"
    if old.name == "bit" and new.name == "varbit":
        return True
    if old.name == "varbit" and new.name == "varbit":
        return new.mods is None or (old.mods is not None and new.mods[0] >= old.mods[0])
    return False


def _is_null(default: str) -> bool:
    """``DEFAULT NULL`` (or ``NULL::type``) stores nothing."""
    return default.split("::", 1)[0].strip().upper() == "NULL"


_INTEGER_DIGITS = {"smallint": 5, "integer": 10, "bigint": 19}  # decimal digits of their maximum


def _numeric_digits(mods: tuple[int, ...]) -> tuple[int, int]:
    """``(digits before the point, digits after)`` of ``numeric(p, s)``."""
    scale = mods[1] if len(mods) > 1 else 0
    return mods[0] - scale, scale


def is_narrowing(old: TypeRef | None, new: TypeRef | None) -> bool:
    """True when some value the old type holds no longer fits (the old app's writes can fail).

    >>> is_narrowing(TypeRef("varchar", (50,)), TypeRef("varchar", (20,)))
    True
    >>> is_narrowing(TypeRef("integer"), TypeRef("bigint"))
    False

    ``numeric(p, s)`` holds ``p - s`` digits before the point: more scale can mean fewer of them.

    >>> is_narrowing(TypeRef("numeric", (10, 2)), TypeRef("numeric", (10, 4)))
    True
    >>> is_narrowing(TypeRef("numeric", (10, 2)), TypeRef("numeric", (12, 4)))
    False
    >>> is_narrowing(TypeRef("integer"), TypeRef("numeric", (5, 0))), is_narrowing(TypeRef("integer"), TypeRef("numeric"))
    (True, False)
    """
    if old is None or new is None or is_binary_coercible(old, new):
        return False
    if new.name == "numeric" and new.mods and not old.array:
        new_int, new_scale = _numeric_digits(new.mods)
        if old.name in _INTEGER_DIGITS:
            return new_int < _INTEGER_DIGITS[old.name]
        if old.name == "numeric":
            if not old.mods:
                return True
            old_int, old_scale = _numeric_digits(old.mods)
            return new_int < old_int or new_scale < old_scale
    widen = {
        ("smallint", "integer"), ("smallint", "bigint"), ("integer", "bigint"),
        ("real", "double precision"), ("smallint", "numeric"), ("integer", "numeric"),
        ("bigint", "numeric"), ("timestamp", "timestamptz"), ("json", "jsonb"),
        ("char", "text"), ("char", "varchar"), ("varchar", "text"),
        ("integer", "text"), ("bigint", "text"), ("uuid", "text"),
    }
    if (old.name, new.name) in widen and not (new.mods and new.name != "numeric"):
        return False
    if old.name == new.name and old.mods and new.mods:
        return new.mods[0] < old.mods[0]
    if old.name == new.name and new.mods and not old.mods:
        return True
    return True


_REINDEX_MANY = ("REINDEX_OBJECT_SCHEMA", "REINDEX_OBJECT_DATABASE", "REINDEX_OBJECT_SYSTEM")


# the ops that, with the options below, PostgreSQL refuses inside a transaction block
NON_TRANSACTIONAL_OPS = frozenset(
    {"create_index", "drop_index", "reindex", "detach_partition", "vacuum", "vacuum_full", "add_enum_value"}
)


# PostgreSQL statements that cannot run inside a transaction block
def _non_transactional(a: Action, pg_version: int) -> bool:
    if a.op not in NON_TRANSACTIONAL_OPS:
        return False
    if a.op in ("create_index", "drop_index", "reindex") and a.concurrent:
        return True
    if a.op == "reindex" and a.detail.get("kind") in _REINDEX_MANY:
        return True  # REINDEX SCHEMA/DATABASE/SYSTEM commit per table
    if a.op == "detach_partition" and a.concurrent:
        return True
    if a.op in ("vacuum", "vacuum_full"):
        return True
    return a.op == "add_enum_value" and pg_version < 12


def classify(action: Action, schema: Schema, *, pg_version: int = 16) -> Classification:
    """Phase, lock and cost of one action against the schema it runs on.

    >>> from expandcontract.core.parse import parse_sql
    >>> from expandcontract.core.actions import extract_actions
    >>> s = Schema.from_sql("CREATE TABLE t (id int, a text)")
    >>> def c(sql):
    ...     k = classify(extract_actions(parse_sql(sql)[0])[0], s)
    ...     return k.phase.value, k.lock.label, k.rewrites, k.scans
    >>> c("ALTER TABLE t ADD b int DEFAULT 0")
    ('expand', 'ACCESS EXCLUSIVE', False, False)
    >>> c("ALTER TABLE t ALTER a SET NOT NULL")
    ('contract', 'ACCESS EXCLUSIVE', False, True)
    >>> c("CREATE INDEX CONCURRENTLY i ON t (a)")
    ('expand', 'SHARE UPDATE EXCLUSIVE', False, True)

    ``DEFAULT NULL`` is no default: no rewrite even before 11; LOCK TABLE takes the mode it names:

    >>> k = classify(extract_actions(parse_sql("ALTER TABLE t ADD b int DEFAULT NULL")[0])[0], s, pg_version=10)
    >>> k.rewrites
    False
    >>> c("LOCK TABLE t IN SHARE MODE")
    ('none', 'SHARE', False, False)
    >>> classify(extract_actions(parse_sql("REINDEX SCHEMA app")[0])[0], s).transactional
    False

    ``NOT NULL DEFAULT NULL`` fills nothing: the old app's INSERTs still fail.

    >>> c("ALTER TABLE t ADD b int NOT NULL DEFAULT NULL")[0]
    'contract'

    Moving a table to another schema renames it for every query that names it:

    >>> classify(extract_actions(parse_sql("ALTER TABLE t SET SCHEMA archive")[0])[0], s).breaks_old_app
    'the old app still uses t, which moves to archive.t'
    """
    op = action.op
    table = schema.table(action.table)
    column = table.column(action.column) if table else None
    tx = not _non_transactional(action, pg_version)

    def result(phase: Phase, lock: Lock = Lock.NONE, *, rewrites=False, scans=False, breaks=None):
        return Classification(phase, lock, rewrites, scans, tx, breaks, action.table)

    AE = Lock.ACCESS_EXCLUSIVE
    if op in ("create_table", "create_table_as", "create_matview"):
        refs = action.tables
        return result(Phase.EXPAND, Lock.SHARE_ROW_EXCLUSIVE if refs else Lock.NONE)
    if op == "add_column":
        spec = action.column_spec
        rewrites = bool(
            spec
            and (
                spec.generated
                or spec.identity
                or spec.default_volatility == "volatile"
                or (spec.default is not None and not _is_null(spec.default) and pg_version < 11)
            )
        )
        breaks = None
        no_default = spec is not None and (spec.default is None or _is_null(spec.default))
        if spec and spec.not_null and no_default and not (spec.identity or spec.generated):
            breaks = f"the old app's INSERTs into {action.table} do not supply {spec.name}, which is NOT NULL"
        return result(Phase.CONTRACT if breaks else Phase.EXPAND, AE, rewrites=rewrites, breaks=breaks)
    if op == "drop_column":
        return result(Phase.CONTRACT, AE, breaks=f"the old app still reads and writes {action.table}.{action.column}")
    if op == "rename_column":
        return result(
            Phase.CONTRACT, AE,
            breaks=f"the old app still uses {action.table}.{action.column}, which becomes {action.new_name}",
        )
    if op in ("rename_table", "rename_view"):
        return result(Phase.CONTRACT, AE, breaks=f"the old app still uses {action.table}, which becomes {action.new_name}")
    if op in ("drop_table", "drop_view"):
        return result(Phase.CONTRACT, AE, breaks=f"the old app still uses {action.object_name}")
    if op == "truncate":
        return result(Phase.CONTRACT, AE, breaks=f"every row of {action.table} is deleted under the old app")
    if op == "alter_column_type":
        old_type = column.type if column else None
        coercible = is_binary_coercible(old_type, action.type)
        breaks = None
        if old_type is not None and is_narrowing(old_type, action.type):
            breaks = f"{action.table}.{action.column} narrows from {old_type} to {action.type}: old writes can fail"
        phase = Phase.CONTRACT if breaks else Phase.EXPAND
        return result(phase, AE, rewrites=not coercible, breaks=breaks)
    if op == "set_not_null":
        has_check = pg_version >= 12 and any(
            c.kind == "check" and c.validated and c.not_null_column == action.column
            for c in schema.constraints_on(action.table).values())
        already = bool(column and column.not_null)
        breaks = None
        if not already and not (column and column.has_default):
            breaks = f"the old app may write NULL into {action.table}.{action.column}"
        return result(Phase.CONTRACT, AE, scans=not (has_check or already), breaks=breaks)
    if op == "drop_not_null":
        return result(Phase.EXPAND, AE)
    if op == "set_default":
        # only future INSERTs see the default; existing rows are not touched
        return result(Phase.EXPAND, AE)
    if op == "drop_default":
        breaks = None
        if column is not None and column.not_null and column.default is not None:
            breaks = f"the old app's INSERTs that leave out {action.table}.{action.column} (NOT NULL) fail"
        return result(Phase.CONTRACT if breaks else Phase.EXPAND, AE, breaks=breaks)
    if op == "add_constraint":
        con = action.constraint
        kind = con.kind if con else "check"
        if kind == "foreign_key":
            return result(Phase.EXPAND, Lock.SHARE_ROW_EXCLUSIVE, scans=not con.not_valid)
        if kind in ("unique", "primary_key"):
            if con.using_index:
                return result(Phase.EXPAND, AE)
            return result(Phase.EXPAND, AE, scans=True)
        if kind == "exclusion":
            return result(Phase.EXPAND, AE, scans=True)
        return result(Phase.EXPAND, AE, scans=not (con and con.not_valid))
    if op == "validate_constraint":
        return result(Phase.EXPAND, Lock.SHARE_UPDATE_EXCLUSIVE, scans=True)
    if op == "drop_constraint":
        return result(Phase.CONTRACT, AE)
    if op == "create_index":
        lock = Lock.SHARE_UPDATE_EXCLUSIVE if action.concurrent else Lock.SHARE
        return result(Phase.EXPAND, lock, scans=True)
    if op == "drop_index":
        return result(Phase.CONTRACT, Lock.SHARE_UPDATE_EXCLUSIVE if action.concurrent else AE)
    if op == "rename_index":
        return result(Phase.EXPAND, Lock.SHARE_UPDATE_EXCLUSIVE if pg_version >= 12 else AE)
    if op == "rename_constraint":
        return result(Phase.EXPAND, AE)
    if op in ("update", "delete", "insert", "merge", "copy"):
        return result(Phase.MIGRATE, Lock.ROW_EXCLUSIVE)
    if op in ("reindex",):
        return result(Phase.NONE, Lock.SHARE_UPDATE_EXCLUSIVE if action.concurrent else Lock.SHARE, scans=True)
    if op in ("cluster", "vacuum_full"):
        return result(Phase.NONE, AE, rewrites=True)
    if op == "vacuum":
        return result(Phase.NONE, Lock.SHARE_UPDATE_EXCLUSIVE, scans=True)
    if op == "analyze":
        return result(Phase.NONE, Lock.SHARE_UPDATE_EXCLUSIVE)
    if op == "refresh_matview":
        return result(Phase.MIGRATE, Lock.EXCLUSIVE if action.concurrent else AE, scans=True)
    if op == "detach_partition":
        return result(
            Phase.CONTRACT,
            Lock.SHARE_UPDATE_EXCLUSIVE if action.concurrent else AE,
            breaks=f"rows of {action.object_name} disappear from {action.table} for the old app",
        )
    if op == "attach_partition":
        return result(Phase.EXPAND, Lock.SHARE_UPDATE_EXCLUSIVE if pg_version >= 12 else AE, scans=True)
    if op in ("set_logged", "set_unlogged", "set_tablespace", "set_access_method"):
        return result(Phase.NONE, AE, rewrites=True)
    if op in ("create_view", "create_function", "create_trigger", "create_enum", "create_sequence",
              "create_schema", "create_extension", "create_domain", "create_type", "create_policy",
              "create_statistics", "comment", "grant", "add_enum_value", "create_role", "create_rule"):
        lock = Lock.SHARE_ROW_EXCLUSIVE if op == "create_trigger" else Lock.NONE
        if op == "create_view" and action.detail.get("replace"):
            lock = AE
        return result(Phase.EXPAND, lock)
    if op in ("drop_sequence", "drop_type", "drop_schema", "drop_function", "drop_trigger",
              "drop_extension", "drop_other"):
        return result(Phase.CONTRACT, AE if op == "drop_trigger" else Lock.NONE,
                      breaks=f"the old app may still use {action.object_name}")
    if op in ("rename_type", "rename_schema", "rename_function", "rename_enum_value", "rename_sequence",
              "rename_view_column", "rename_attribute", "rename_other"):
        return result(Phase.CONTRACT, AE,
                      breaks=f"the old app may still use {action.object_name or action.column} by its old name")
    if op in ("enable_trigger", "disable_trigger"):
        return result(Phase.NONE, Lock.SHARE_ROW_EXCLUSIVE)
    if op == "set_schema" and action.table:
        moved = f"{action.object_name}.{action.table.rsplit('.', 1)[-1]}"
        return result(Phase.CONTRACT, AE, breaks=f"the old app still uses {action.table}, which moves to {moved}")
    if op in ("set_statistics", "set_options", "set_storage", "replica_identity", "change_owner",
              "row_security", "cluster_on", "alter_sequence", "add_identity", "drop_identity",
              "drop_expression", "add_inherit", "drop_inherit", "other_alter", "alter_domain", "set_schema"):
        lock = AE if action.table else Lock.NONE
        if op == "set_statistics":
            lock = Lock.SHARE_UPDATE_EXCLUSIVE
        if op == "add_identity" and column is not None and not column.not_null:
            return result(Phase.EXPAND, AE, scans=True)
        return result(Phase.EXPAND, lock)
    if op == "lock_table":
        return result(Phase.NONE, Lock(action.detail.get("mode") or AE))
    return result(Phase.NONE)
