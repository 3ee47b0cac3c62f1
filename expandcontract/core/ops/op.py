"""Every operation the model knows (``Op``) and the values that describe one (``Action``).

An operation is extracted from the parse tree, replayed into the schema model and classified
by the functions its family module (``columns``, ``constraints``, ``tables``, ``storage``,
``indexes``, ``views``, ``types_sequences``, ``other``, ``data``) declares side by side;
``registry`` joins them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from ..record import field, record

if TYPE_CHECKING:  # (type checkers see the enum Op behaves as)
    from enum import Enum as LightStrEnum
else:
    from ..lightenum import LightStrEnum

__all__ = ["Action", "ColumnSpec", "ConstraintSpec", "Op", "TypeRef", "unchanged"]

_S = TypeVar("_S")  # (the schema model: the core.model module imports this one)


class Op(str, LightStrEnum):
    """An operation. A ``str``: ``Op.DROP_COLUMN == "drop_column"``, and it prints as its value.

    A ``LightStrEnum``: built in one pass (a ``str`` ``Enum`` of this size costs milliseconds at
    every start), it behaves as that ``Enum`` does (tests/test_op_enum.py)."""

    # columns
    ADD_COLUMN = "add_column"
    DROP_COLUMN = "drop_column"
    RENAME_COLUMN = "rename_column"
    ALTER_COLUMN_TYPE = "alter_column_type"
    SET_NOT_NULL = "set_not_null"
    DROP_NOT_NULL = "drop_not_null"
    SET_DEFAULT = "set_default"
    DROP_DEFAULT = "drop_default"
    ADD_IDENTITY = "add_identity"
    DROP_IDENTITY = "drop_identity"
    DROP_EXPRESSION = "drop_expression"
    SET_STATISTICS = "set_statistics"
    SET_STORAGE = "set_storage"
    RENAME_ATTRIBUTE = "rename_attribute"
    # constraints
    ADD_CONSTRAINT = "add_constraint"
    VALIDATE_CONSTRAINT = "validate_constraint"
    DROP_CONSTRAINT = "drop_constraint"
    RENAME_CONSTRAINT = "rename_constraint"
    # tables
    CREATE_TABLE = "create_table"
    CREATE_TABLE_AS = "create_table_as"
    DROP_TABLE = "drop_table"
    RENAME_TABLE = "rename_table"
    SET_SCHEMA = "set_schema"
    TRUNCATE = "truncate"
    ATTACH_PARTITION = "attach_partition"
    DETACH_PARTITION = "detach_partition"
    DETACH_PARTITION_FINALIZE = "detach_partition_finalize"
    SET_LOGGED = "set_logged"
    SET_UNLOGGED = "set_unlogged"
    SET_TABLESPACE = "set_tablespace"
    SET_ACCESS_METHOD = "set_access_method"
    SET_OPTIONS = "set_options"
    REPLICA_IDENTITY = "replica_identity"
    ROW_SECURITY = "row_security"
    ADD_INHERIT = "add_inherit"
    DROP_INHERIT = "drop_inherit"
    CHANGE_OWNER = "change_owner"
    OTHER_ALTER = "other_alter"
    LOCK_TABLE = "lock_table"
    CLUSTER = "cluster"
    VACUUM = "vacuum"
    VACUUM_FULL = "vacuum_full"
    ANALYZE = "analyze"
    # indexes
    CREATE_INDEX = "create_index"
    DROP_INDEX = "drop_index"
    RENAME_INDEX = "rename_index"
    REINDEX = "reindex"
    CLUSTER_ON = "cluster_on"
    # views
    CREATE_VIEW = "create_view"
    CREATE_MATVIEW = "create_matview"
    DROP_VIEW = "drop_view"
    RENAME_VIEW = "rename_view"
    RENAME_VIEW_COLUMN = "rename_view_column"
    REFRESH_MATVIEW = "refresh_matview"
    # types and sequences
    CREATE_ENUM = "create_enum"
    ADD_ENUM_VALUE = "add_enum_value"
    RENAME_ENUM_VALUE = "rename_enum_value"
    CREATE_TYPE = "create_type"
    CREATE_DOMAIN = "create_domain"
    ALTER_DOMAIN = "alter_domain"
    DROP_TYPE = "drop_type"
    RENAME_TYPE = "rename_type"
    CREATE_SEQUENCE = "create_sequence"
    ALTER_SEQUENCE = "alter_sequence"
    DROP_SEQUENCE = "drop_sequence"
    RENAME_SEQUENCE = "rename_sequence"
    # other: functions, triggers, schemas, privileges, data, sessions, transactions
    CREATE_FUNCTION = "create_function"
    DROP_FUNCTION = "drop_function"
    RENAME_FUNCTION = "rename_function"
    CREATE_TRIGGER = "create_trigger"
    DROP_TRIGGER = "drop_trigger"
    RENAME_TRIGGER = "rename_trigger"
    ENABLE_TRIGGER = "enable_trigger"
    DISABLE_TRIGGER = "disable_trigger"
    CREATE_SCHEMA = "create_schema"
    DROP_SCHEMA = "drop_schema"
    RENAME_SCHEMA = "rename_schema"
    CREATE_EXTENSION = "create_extension"
    DROP_EXTENSION = "drop_extension"
    CREATE_POLICY = "create_policy"
    CREATE_ROLE = "create_role"
    CREATE_RULE = "create_rule"
    CREATE_STATISTICS = "create_statistics"
    COMMENT = "comment"
    GRANT = "grant"
    DROP_OTHER = "drop_other"
    RENAME_OTHER = "rename_other"
    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"
    MERGE = "merge"
    COPY = "copy"
    COPY_OUT = "copy_out"
    SELECT = "select"
    SET = "set"
    BEGIN = "begin"
    COMMIT = "commit"
    ROLLBACK = "rollback"
    SAVEPOINT = "savepoint"
    TRANSACTION = "transaction"
    DO_BLOCK = "do_block"
    CALL = "call"
    EXPLAIN = "explain"
    OTHER = "other"  # a statement type the model does not know (``detail["kind"]`` names it)

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return self.value.__format__(spec)

    def __repr__(self) -> str:
        return repr(self.value)


@record(frozen=True)
class TypeRef:
    """A column type: canonical name, its modifiers (``varchar(20)`` -> ``(20,)``), array-ness.

    ``mods`` is ``None`` when no modifier was written (``varchar`` without a length).
    """

    name: str
    mods: tuple[int, ...] | None = None
    array: bool = False
    schema: str | None = None

    def __str__(self) -> str:
        text = self.name
        if self.mods is not None:
            text += "(" + ", ".join(map(str, self.mods)) + ")"
        return text + ("[]" if self.array else "")


@record(frozen=True)
class ColumnSpec:
    """A column as a statement defines it (CREATE TABLE, ADD COLUMN)."""

    name: str
    type: TypeRef
    not_null: bool = False
    primary_key: bool = False
    unique: bool = False
    default: str | None = None  # source text of the default expression
    default_volatility: str | None = None  # "constant" | "stable" | "volatile" | None
    identity: bool = False
    generated: bool = False  # GENERATED ALWAYS AS (...) STORED
    references: str | None = None  # referenced table of an inline FK
    check: bool = False  # an inline CHECK constraint


@record(frozen=True)
class ConstraintSpec:
    """A constraint as a statement defines it (inline, or ADD CONSTRAINT)."""

    kind: str  # "check" | "foreign_key" | "unique" | "primary_key" | "exclusion" | "not_null"
    name: str | None = None
    columns: tuple[str, ...] = ()
    not_valid: bool = False
    using_index: str | None = None
    references: str | None = None  # the referenced table of a foreign key
    not_null_column: str | None = None  # set when the CHECK is exactly ``col IS NOT NULL``
    expression: str | None = None


@record(frozen=True)
class Action:
    """One schema or data change.

    ``op`` names it (``Op.ADD_COLUMN``, ``Op.DROP_TABLE``, ``Op.UPDATE`` …); the other fields are
    filled where they apply. ``table`` is ``schema.name`` or a bare name.
    """

    op: Op
    table: str | None = None
    column: str | None = None
    new_name: str | None = None
    object_name: str | None = None  # index, constraint, view, type, function … name
    column_spec: ColumnSpec | None = None
    columns: tuple[ColumnSpec, ...] = ()
    constraint: ConstraintSpec | None = None
    constraints: tuple[ConstraintSpec, ...] = ()
    type: TypeRef | None = None
    using: str | None = None
    concurrent: bool = False
    unique: bool = False
    if_exists: bool = False
    if_not_exists: bool = False
    cascade: bool = False
    has_where: bool = False
    tables: tuple[str, ...] = ()  # every relation touched, for multi-table statements
    detail: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


def unchanged(schema: _S, action: Action, origin: str, statement_text: str) -> _S:
    """The replay of an operation that changes nothing the schema model holds."""
    return schema
