"""What a schema state offers queries: relations with their columns, as resolution needs them.

``Relation`` values are cached per ``Table`` object (with its indexes) and per ``View`` value
across all states of one check. ``Schema.apply`` only replaces the tables a statement touches,
so a query whose relations are the very same objects in two states resolves the same way:
``Catalog.token`` is that identity, and the engine caches results under it.

A view's columns are fixed when it is created (PostgreSQL expands ``*`` then, and follows
renamed columns by number), so they are computed on the first state that has the view. Its
base relation and base columns are bound by identity too: a ``Binding`` per state carries
them through later renames (``follow``), so writes through a view still reach the renamed
table and columns.

The schema model knows no triggers or rules, so the ``INSTEAD OF`` triggers and ``DO INSTEAD``
rules that make a view writable are read from the statements (``redirect``): a write a trigger
or rule takes over is the trigger's business, not PostgreSQL's automatic view updating.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from sqlglot import exp

from ..core.ops import Action
from ..core.ops.tree import rel_name
from ..core.record import replace
from ..core.schema import Index, Schema, Table, View, relation_key

__all__ = ["Binding", "Catalog", "Redirects", "Relation", "RelationCache", "WriteTarget", "follow", "redirect"]

SYSTEM_SCHEMAS = ("pg_catalog", "information_schema")


@dataclass(frozen=True, eq=False)
class Relation:
    """A table, view or system relation. ``columns`` is ``None`` when unknown (system catalogs)."""

    name: str
    kind: str  # "table" | "view" | "system"
    columns: tuple[str, ...] | None
    required: frozenset[str] = frozenset()  # NOT NULL, no default/identity/generated
    generated: frozenset[str] = frozenset()
    unique_sets: tuple[frozenset[str], ...] = ()
    partial_unique_sets: tuple[frozenset[str], ...] = ()
    constraints: frozenset[str] = frozenset()  # names ON CONFLICT ON CONSTRAINT accepts
    # auto-updatable views: the relation writes go to, and what each view column is there
    base: str | None = None
    column_map: Mapping[str, str | None] = field(default_factory=dict)
    not_updatable: str | None = None  # why PostgreSQL refuses writes through this view
    unknown: str | None = None  # why its columns are not known: queries on it cannot be checked


@dataclass(frozen=True)
class WriteTarget:
    """A relation as an INSERT/UPDATE sees it, views resolved down to their base table."""

    relation: Relation
    columns: tuple[str, ...]
    writable: frozenset[str]  # columns that map to a base column
    required: frozenset[str]  # in the relation's own names
    unexposed: frozenset[str]  # required base columns the view does not expose
    generated: frozenset[str]
    unique_sets: tuple[frozenset[str], ...]
    partial_unique_sets: tuple[frozenset[str], ...]
    constraints: frozenset[str]
    base_name: str


SYSTEM = Relation("<system>", "system", None)

# what a view writes to: (base relation, {view column: base column | None}), in current names
Binding = tuple[str | None, Mapping[str, str | None]]


# view -> {"trigger t" / "rule r": the writes it takes over ("insert", "update", "delete")}
Redirects = dict[str, dict[str, frozenset[str]]]
_TRIGGER_INSTEAD = 64  # libpg_query's TRIGGER_TYPE_INSTEAD timing bit
_TRIGGER_EVENTS = ((4, "insert"), (8, "delete"), (16, "update"))
_RULE_EVENTS = {"CMD_INSERT": "insert", "CMD_UPDATE": "update", "CMD_DELETE": "delete"}


def redirect(redirects: Redirects, node) -> None:
    """Record what one statement (a libpg_query node) does to a view's INSTEAD OF triggers and
    DO INSTEAD rules: ``CREATE [OR REPLACE] TRIGGER … INSTEAD OF``, ``CREATE RULE … DO INSTEAD``,
    ``DROP TRIGGER``/``DROP RULE``.

    >>> from expandcontract.core.parse import parse_sql
    >>> found: Redirects = {}
    >>> for s in parse_sql("CREATE TRIGGER t INSTEAD OF INSERT OR UPDATE ON v FOR EACH ROW EXECUTE FUNCTION f();"
    ...                    "CREATE RULE r AS ON DELETE TO app.w DO INSTEAD NOTHING; DROP TRIGGER t ON v"):
    ...     redirect(found, s.node)
    >>> found
    {'v': {}, 'app.w': {'rule r': frozenset({'delete'})}}
    """
    if not isinstance(node, dict) or len(node) != 1:
        return
    (kind, body), = node.items()
    if kind == "CreateTrigStmt" and int(body.get("timing") or 0) & _TRIGGER_INSTEAD:
        events = int(body.get("events") or 0)
        ops = frozenset(op for bit, op in _TRIGGER_EVENTS if events & bit)
        view = relation_key(rel_name(body.get("relation")))
        redirects.setdefault(view, {})[f"trigger {body.get('trigname')}"] = ops
    elif kind == "RuleStmt" and body.get("instead") and body.get("event") in _RULE_EVENTS \
            and not body.get("whereClause"):  # only an unconditional DO INSTEAD rule stands in for the view
        view = relation_key(rel_name(body.get("relation")))
        redirects.setdefault(view, {})[f"rule {body.get('rulename')}"] = frozenset({_RULE_EVENTS[body["event"]]})
    elif kind == "DropStmt" and body.get("removeType") in ("OBJECT_TRIGGER", "OBJECT_RULE"):
        what = "trigger" if body["removeType"] == "OBJECT_TRIGGER" else "rule"
        for item in body.get("objects") or ():
            names = [n.get("String", {}).get("sval", "") for n in item.get("List", {}).get("items", ())]
            if len(names) >= 2:
                view = relation_key(".".join(names[:-1]))
                redirects.get(view, {}).pop(f"{what} {names[-1]}", None)


def follow(bindings: dict[str, Binding], action: Action, before: Schema) -> tuple[str, str] | None:
    """Carry view bindings (keyed by the view's current name) across one migration action, run
    on ``before``: PostgreSQL binds a view to its base relation and columns by identity, so
    renaming either (or moving it to another schema) leaves the view reading the same thing.
    Returns ``(old, new)`` when the action renames or moves a relation."""
    op = action.op
    if op in ("rename_table", "rename_view", "set_schema") and action.table:
        old = relation_key(action.table)
        if op == "set_schema":
            if not action.object_name:
                return None
            new = relation_key(f"{action.object_name}.{old.rsplit('.', 1)[-1]}")
        elif not action.new_name:
            return None
        elif op == "rename_table" and old in before.tables:  # the schema model's own keying
            new = relation_key((old.rsplit(".", 1)[0] + "." if "." in old else "") + action.new_name)
        else:
            new = relation_key(action.new_name)
        for view, (base, columns) in list(bindings.items()):
            if base == old:
                bindings[view] = (new, columns)
        if old in bindings:
            bindings[new] = bindings.pop(old)
        return old, new
    elif op in ("rename_column", "rename_view_column") and action.table and action.column and action.new_name:
        name, old, new = relation_key(action.table), action.column, action.new_name
        for view, (base, columns) in list(bindings.items()):
            if base == name:
                bindings[view] = (base, {k: (new if v == old else v) for k, v in columns.items()})
        if name in bindings and name not in before.tables:  # a view's own column
            base, columns = bindings[name]
            bindings[name] = (base, {(new if k == old else k): v for k, v in columns.items()})
    elif op == "drop_view":
        bindings.pop(relation_key(action.object_name or ""), None)
    elif op == "drop_table":
        bindings.pop(relation_key(action.table or ""), None)
    return None


class RelationCache:
    """Relations shared by every state of one check run."""

    def __init__(self, view_columns) -> None:
        # ``view_columns(view, catalog) -> (columns, base, column_map, not_updatable)``;
        # injected so this module does not depend on the resolver
        self._view_columns = view_columns
        self._tables: dict[tuple[int, tuple[int, ...]], tuple[Table, Relation]] = {}
        self._views: dict[View, Relation] = {}
        self._rebound: dict[tuple, Relation] = {}
        self._computing: set[str] = set()

    def table(self, table: Table, indexes: tuple[Index, ...]) -> Relation:
        key = (id(table), tuple(id(i) for i in indexes))
        hit = self._tables.get(key)
        if hit is not None and hit[0] is table:
            return hit[1]
        relation = _table_relation(table, indexes)
        # keep ``table`` alive with its relation so its id cannot be reused
        self._tables[key] = (table, relation)
        return relation

    def view(self, view: View, catalog: Catalog) -> Relation:
        hit = self._views.get(view)
        if hit is not None:
            return hit
        if view.name in self._computing:  # a cycle: give up on its columns, not on the check
            return Relation(view.name, "view", None, not_updatable="its definition refers to itself",
                            unknown=f"the columns of view {view.name} are not known: its definition refers to itself")
        self._computing.add(view.name)
        try:
            columns, base, column_map, reason = self._view_columns(view, catalog)
        finally:
            self._computing.discard(view.name)
        unknown = None if columns is not None else f"the columns of view {view.name} are not known: {reason}"
        relation = Relation(view.name, "view", columns, base=base,
                            column_map=MappingProxyType(dict(column_map)), not_updatable=reason, unknown=unknown)
        self._views[view] = relation
        return relation

    def renamed(self, view: View, new_name: str, catalog: Catalog) -> None:
        """``view`` is renamed to ``new_name``: the same relation under the new name (its query
        still names what it read at creation, which may have been renamed since)."""
        moved = replace(view, name=new_name)
        if moved not in self._views:
            self._views[moved] = replace(self.view(view, catalog), name=new_name)

    def rebound(self, relation: Relation, binding: Binding) -> Relation:
        """``relation`` (a view) writing to what ``binding`` says, one object per binding."""
        base, columns = binding
        if base == relation.base and dict(columns) == dict(relation.column_map):
            return relation
        key = (id(relation), base, tuple(sorted(columns.items(), key=lambda kv: kv[0])))
        hit = self._rebound.get(key)
        if hit is None:
            hit = self._rebound[key] = replace(relation, base=base, column_map=MappingProxyType(dict(columns)))
        return hit


def _table_relation(table: Table, indexes: tuple[Index, ...]) -> Relation:
    if not table.columns:  # CREATE TABLE … AS without a column list, LIKE: not replayed column by column
        return Relation(table.name, "table", None, unknown=f"the columns of {table.name} are not known (a table "
                        f"created by CREATE TABLE … AS or LIKE is not replayed column by column)")
    columns = tuple(table.columns)
    required = frozenset(c.name for c in table.columns.values() if c.not_null and not c.has_default)
    generated = frozenset(c.name for c in table.columns.values() if c.generated)
    uniques = [frozenset(c.columns) for c in table.constraints.values()
               if c.kind in ("unique", "primary_key") and c.columns]
    uniques += [frozenset(i.columns) for i in indexes if i.unique and not i.partial and i.columns]
    partial = tuple(frozenset(i.columns) for i in indexes if i.unique and i.partial and i.columns)
    names = frozenset(c.name for c in table.constraints.values()
                      if c.kind in ("unique", "primary_key", "exclusion"))
    return Relation(table.name, "table", columns, required, generated, tuple(uniques), partial, names)


class Catalog:
    """One schema state, as queries see it."""

    def __init__(self, schema: Schema, cache: RelationCache, bindings: Mapping[str, Binding] | None = None,
                 redirects: Mapping[str, frozenset[str]] | None = None) -> None:
        self.schema = schema
        self._cache = cache
        self._bindings = bindings or {}
        self._redirects = redirects or {}  # view -> the writes its INSTEAD OF triggers / rules take over
        self._indexes: dict[str, tuple[Index, ...]] | None = None
        self._relations: dict[str, Relation | None] = {}

    def get(self, name: str) -> Relation | None:
        """The relation a query names, ``None`` if this state has no such relation."""
        if name in self._relations:
            return self._relations[name]
        relation = self._lookup(name)
        self._relations[name] = relation
        return relation

    def _lookup(self, name: str) -> Relation | None:
        table = self.schema.tables.get(name)
        if table is not None:
            return self._cache.table(table, self._indexes_on(name))
        view = self.schema.views.get(name)
        if view is not None:
            relation = self._cache.view(view, self)
            binding = self._bindings.get(name)
            return relation if binding is None else self._cache.rebound(relation, binding)
        return SYSTEM if _is_system(name) else None

    def _indexes_on(self, name: str) -> tuple[Index, ...]:
        if self._indexes is None:
            grouped: dict[str, list[Index]] = {}
            for index in self.schema.indexes.values():
                grouped.setdefault(index.table, []).append(index)
            self._indexes = {k: tuple(v) for k, v in grouped.items()}
        return self._indexes.get(name, ())

    def token(self, names: tuple[str, ...]) -> tuple:
        """Identity of everything resolution reads for these relations (views: their bases too)."""
        parts: list = []
        for name in names:
            relation = self.get(name)
            parts.append(relation)
            seen = 0
            while relation is not None and seen < 8:
                if relation.kind == "view" and relation.name in self._redirects:
                    parts.append(self._redirects[relation.name])
                if not relation.base:
                    break
                relation = self.get(relation.base)
                parts.append(relation)
                seen += 1
        return tuple(parts)

    def write_target(self, relation: Relation, op: str = "insert") -> WriteTarget | str:
        """The base table behind ``relation``, or why PostgreSQL refuses to write to it. A view
        whose INSTEAD OF trigger or DO INSTEAD rule takes over ``op`` accepts any of its columns:
        what reaches a table is up to the trigger."""
        columns = relation.columns or ()
        if relation.kind == "system":
            return "it is a system catalog"
        taken = self._redirects.get(relation.name, frozenset())
        if relation.kind == "view" and (op in taken or (op == "merge" and taken)):
            return WriteTarget(relation, columns, frozenset(columns), frozenset(), frozenset(), frozenset(),
                               (), (), frozenset(), relation.name)
        if relation.kind == "table":
            return WriteTarget(relation, columns, frozenset(columns), relation.required, frozenset(),
                               relation.generated, relation.unique_sets, relation.partial_unique_sets,
                               relation.constraints, relation.name)
        if relation.not_updatable:
            return relation.not_updatable
        base = self.get(relation.base) if relation.base else None
        if base is None:
            return f"its base relation {relation.base} no longer exists"
        inner = self.write_target(base, op)
        if isinstance(inner, str):
            return f"its base relation {base.name} is not updatable: {inner}"
        to_base = {v: b for v, b in relation.column_map.items() if b is not None}
        from_base: dict[str, str] = {}
        for view_column, base_column in to_base.items():
            from_base.setdefault(base_column, view_column)

        def mapped(names: frozenset[str]) -> frozenset[str]:
            return frozenset(from_base[n] for n in names if n in from_base)

        def mapped_sets(sets: tuple[frozenset[str], ...]) -> tuple[frozenset[str], ...]:
            return tuple(frozenset(from_base[c] for c in s) for s in sets if all(c in from_base for c in s))

        writable = frozenset(v for v, b in to_base.items() if b in inner.writable)
        return WriteTarget(
            relation, columns, writable, mapped(inner.required),
            frozenset(n for n in inner.required if n not in from_base) | inner.unexposed,
            mapped(inner.generated), mapped_sets(inner.unique_sets), mapped_sets(inner.partial_unique_sets),
            inner.constraints, inner.base_name,
        )


def _is_system(name: str) -> bool:
    schema, _, bare = name.rpartition(".")
    return schema in SYSTEM_SCHEMAS or (not schema and bare.startswith("pg_"))


def table_alias_columns(node: exp.Expression) -> list[str]:
    alias = node.args.get("alias")
    return [c.name for c in alias.columns] if isinstance(alias, exp.TableAlias) else []
