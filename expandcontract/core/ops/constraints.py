"""Table constraints: ``ADD|VALIDATE|DROP|RENAME CONSTRAINT``.

For each operation: its extractor, its replay into the schema model and its classification,
side by side. ``constraint_entry`` is how every family stores a constraint spec.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Constraint, SchemaModel, Table, bare, relation_key
from ..parse import Statement
from ..record import replace
from .effect import Classification, Facts, Lock, Phase
from .op import Action, ConstraintSpec, Op
from .tree import AlterCmd, constraint_spec

AE = Lock.ACCESS_EXCLUSIVE

# -- extraction ------------------------------------------------------------------------------


def _add_constraint(stmt: Statement, at: AlterCmd) -> Action:
    con = constraint_spec(stmt, at.definition.get("Constraint", {}))
    return Action(op=Op.ADD_CONSTRAINT, object_name=con.name, constraint=con,
                  tables=(con.references,) if con.references else (), **at.common())


def _drop_constraint(stmt: Statement, at: AlterCmd) -> Action:
    return Action(op=Op.DROP_CONSTRAINT, column=None, object_name=at.name,
                  cascade=at.cmd.get("behavior") == "DROP_CASCADE", table=at.table,
                  if_exists=bool(at.cmd.get("missing_ok")), detail={"objtype": at.objtype})


def _validate_constraint(stmt: Statement, at: AlterCmd) -> Action:
    return Action(op=Op.VALIDATE_CONSTRAINT, object_name=at.name, **at.common())


ALTER_TABLE = {
    "AT_AddConstraint": _add_constraint,
    "AT_AddIndexConstraint": _add_constraint,
    "AT_DropConstraint": _drop_constraint,
    "AT_ValidateConstraint": _validate_constraint,
}
RENAMES = {"OBJECT_TABCONSTRAINT": Op.RENAME_CONSTRAINT}

# -- replay ----------------------------------------------------------------------------------


def constraint_entry(table: str, spec: ConstraintSpec) -> dict[str, Constraint]:
    """The constraint as the model stores it, under its name (PostgreSQL's default if unnamed)."""
    if spec.kind == "not_null":
        return {}
    name = spec.name or _default_constraint_name(table, spec)
    return {
        name: Constraint(
            name=name,
            kind=spec.kind,
            columns=spec.columns,
            validated=not spec.not_valid,
            references=spec.references,
            not_null_column=spec.not_null_column,
        )
    }


def _default_constraint_name(table: str, spec: ConstraintSpec) -> str:
    """PostgreSQL's own naming: ``t_pkey``, ``t_a_key``, ``t_a_fkey``, ``t_a_check``."""
    suffix = {"primary_key": "pkey", "unique": "key", "foreign_key": "fkey", "check": "check",
              "exclusion": "excl"}.get(spec.kind, spec.kind)
    if spec.kind == "primary_key":
        return f"{bare(table)}_pkey"
    cols = "_".join(spec.columns) if spec.columns else ""
    return "_".join(p for p in (bare(table), cols, suffix) if p)


def _replay_add_constraint(s: SchemaModel, a: Action, origin: str, _text: str) -> SchemaModel:
    spec = a.constraint
    if spec is None:
        return s

    def change(t: Table) -> Table:
        cons = dict(t.constraints)
        cons.update(constraint_entry(t.name, spec))
        t = t.with_constraints(cons)
        if spec.kind == "primary_key":
            cols = dict(t.columns)
            index = s.index(spec.using_index)
            for name in spec.columns or (index.columns if index else ()):
                if name in cols:
                    cols[name] = replace(cols[name], not_null=True)
            t = t.with_columns(cols)
        return t

    if s.table(a.table) is None and s.view(a.table) is None and a.table:
        return s.with_loose(a.table, lambda cons: {**cons, **constraint_entry(a.table, spec)})
    result = s.changing_table(a.table, change)
    if spec.using_index and spec.using_index in result.indexes:
        # the index now belongs to the constraint; its columns are the constraint's
        index = result.indexes[spec.using_index]
        table = result.table(a.table)
        if table is not None:
            entry = constraint_entry(table.name, replace(spec, columns=index.columns))
            cons = dict(table.constraints)
            cons.update(entry)
            result = result.with_table(table.with_constraints(cons))
    return result


def _replay_validate_constraint(s: SchemaModel, a: Action, origin: str, _text: str) -> SchemaModel:
    def validate(cons: dict[str, Constraint]) -> dict[str, Constraint]:
        con = cons.get(a.object_name or "")
        return {**cons, con.name: replace(con, validated=True)} if con is not None else cons

    if s.table(a.table) is None:
        return s.with_loose(a.table, validate) if relation_key(a.table) in s.loose_constraints else s
    return s.changing_table(a.table, lambda t: t.with_constraints(validate(dict(t.constraints))))


def _replay_drop_constraint(s: SchemaModel, a: Action, origin: str, _text: str) -> SchemaModel:
    def change(t: Table) -> Table:
        return t.with_constraints({k: v for k, v in t.constraints.items() if k != a.object_name})

    if s.table(a.table) is None and relation_key(a.table) in s.loose_constraints:
        return s.with_loose(a.table, lambda cons: {k: v for k, v in cons.items() if k != a.object_name})

    return s.changing_table(a.table, change).without_index(a.object_name or "")


def _replay_rename_constraint(s: SchemaModel, a: Action, origin: str, _text: str) -> SchemaModel:
    def change(t: Table) -> Table:
        con = t.constraints.get(a.object_name or "")
        if con is None or not a.new_name:
            return t
        cons = {k: v for k, v in t.constraints.items() if k != con.name}
        cons[a.new_name] = replace(con, name=a.new_name)
        return t.with_constraints(cons)

    return s.changing_table(a.table, change)


REPLAY = {
    Op.ADD_CONSTRAINT: _replay_add_constraint,
    Op.VALIDATE_CONSTRAINT: _replay_validate_constraint,
    Op.DROP_CONSTRAINT: _replay_drop_constraint,
    Op.RENAME_CONSTRAINT: _replay_rename_constraint,
}

# -- classification --------------------------------------------------------------------------


def _classify_add_constraint(a: Action, f: Facts) -> Classification:
    con = a.constraint
    kind = con.kind if con else "check"
    if kind == "foreign_key":
        return f.result(Phase.EXPAND, Lock.SHARE_ROW_EXCLUSIVE, scans=not con.not_valid)
    if kind in ("unique", "primary_key"):
        if con.using_index:
            return f.result(Phase.EXPAND, AE)
        return f.result(Phase.EXPAND, AE, scans=True)
    if kind == "exclusion":
        return f.result(Phase.EXPAND, AE, scans=True)
    return f.result(Phase.EXPAND, AE, scans=not (con and con.not_valid))


def _classify_validate_constraint(a: Action, f: Facts) -> Classification:
    return f.result(Phase.EXPAND, Lock.SHARE_UPDATE_EXCLUSIVE, scans=True)


def _classify_drop_constraint(a: Action, f: Facts) -> Classification:
    dropped = f.schema.constraints_on(a.table).get(a.object_name or "")
    others = referenced_locks(a.table, (dropped,) if dropped else ())
    if dropped is not None and dropped.kind in ("primary_key", "unique") and a.cascade:
        others += referencing_locks(f.schema, a.table)
    return f.result(Phase.CONTRACT, AE, other_locks=others)


def referencing_locks(schema: SchemaModel, table: str | None) -> tuple[tuple[str, Lock, str], ...]:
    """The locks ``… CASCADE`` takes when it drops the foreign keys that reference ``table`` (with
    the table, or with the key they rely on): ACCESS EXCLUSIVE on each table holding one (PostgreSQL
    18 takes it on every such table, whichever key of ``table`` a foreign key references).

    >>> from expandcontract.core.schema import Schema
    >>> s = Schema.from_sql("CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (p_id int REFERENCES p);"
    ...                     "CREATE TABLE d (id int)")
    >>> [(t, lock.label, why) for t, lock, why in referencing_locks(s, "public.p")]
    [('c', 'ACCESS EXCLUSIVE', 'its foreign key c_p_id_fkey, dropped by CASCADE')]
    """
    key = relation_key(table)
    found: dict[str, tuple[str, Lock, str]] = {}
    for other in schema.tables.values():
        name = relation_key(other.name)
        for constraint in other.constraints.values():
            if name != key and constraint.kind == "foreign_key" and relation_key(constraint.references) == key:
                found.setdefault(name, (name, AE, f"its foreign key {constraint.name}, dropped by CASCADE"))
    return tuple(found.values())


def referenced_locks(table: str | None, dropped: Iterable[Constraint]) -> tuple[tuple[str, Lock, str], ...]:
    """The locks dropping the constraints ``dropped`` of ``table`` takes on other tables: a foreign
    key's triggers on the table it references go with it, under ACCESS EXCLUSIVE there (PostgreSQL
    18 takes it whether the key is dropped by name, with its column or with its table).

    >>> from expandcontract.core.model import Constraint
    >>> fk = Constraint("c_p_fk", "foreign_key", ("p_id",), references="public.p")
    >>> [(t, lock.label) for t, lock, _ in referenced_locks("c", [fk, Constraint("c_pkey", "primary_key")])]
    [('p', 'ACCESS EXCLUSIVE')]
    >>> referenced_locks("p", [Constraint("p_up_fk", "foreign_key", ("up",), references="p")])  # itself
    ()
    """
    found: dict[str, tuple[str, Lock, str]] = {}
    for constraint in dropped:
        ref = relation_key(constraint.references) if constraint.kind == "foreign_key" else ""
        if ref and ref != relation_key(table):
            found.setdefault(ref, (ref, AE, f"the table its foreign key {constraint.name} references"))
    return tuple(found.values())


def _classify_rename_constraint(a: Action, f: Facts) -> Classification:
    return f.result(Phase.EXPAND, AE)


CLASSIFY = {
    Op.ADD_CONSTRAINT: _classify_add_constraint,
    Op.VALIDATE_CONSTRAINT: _classify_validate_constraint,
    Op.DROP_CONSTRAINT: _classify_drop_constraint,
    Op.RENAME_CONSTRAINT: _classify_rename_constraint,
}
