"""sqlglot's MySQL tree -> the values of ``core.mysql.model``: ALTER TABLE clauses, column
definitions and types, CREATE TABLE, SET. Pure: trees in, values out."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from sqlglot import exp

from ..record import replace
from .model import AlterSpec, ColumnDef, MySQLStatement, TypeSpec
from .split import split_top

__all__ = ["alter_option", "alter_spec", "create_table", "set_items", "table_name"]


def table_name(table: exp.Expression | None) -> str:
    if not isinstance(table, exp.Table):
        return table.sql("mysql") if table is not None else ""
    return ".".join(p.name for p in table.parts)


def alter_spec(action: exp.Expression) -> list[AlterSpec]:
    if isinstance(action, exp.ColumnDef):
        column = _column(action)
        return [AlterSpec("add_column", column=column, name=column.name,
                          if_exists=bool(action.args.get("exists")))]
    name = type(action).__name__
    if name == "ModifyColumn":
        column = _column(action.this)
        source = action.args.get("rename_from")
        old = source.name if source is not None else None
        return [AlterSpec("modify_column", column=column, name=column.name, old_name=old)]
    if isinstance(action, exp.RenameColumn):
        return [AlterSpec("rename_column", name=action.args["to"].name, old_name=action.this.name)]
    if isinstance(action, exp.AlterColumn):
        column = action.this.name
        if action.args.get("drop"):
            return [AlterSpec("drop_default", name=column)]
        if action.args.get("default") is not None:
            return [AlterSpec("set_default", name=column, value=action.args["default"].sql("mysql"))]
        if action.args.get("visible") is not None:
            return [AlterSpec("other", name=column)]
        return [AlterSpec("other", name=column)]
    if isinstance(action, exp.Drop):
        kind = (action.args.get("kind") or "").upper()
        target = action.this if action.this is not None else (action.args.get("tables") or [None])[0]
        target_name = target.name if target is not None else None
        exists = bool(action.args.get("exists"))
        if kind == "COLUMN" or kind == "":
            return [AlterSpec("drop_column", name=target_name, if_exists=exists)]
        if kind in ("INDEX", "KEY"):
            return [AlterSpec("drop_index", name=target_name, if_exists=exists)]
        if kind == "FOREIGN KEY":
            return [AlterSpec("drop_foreign_key", name=target_name, if_exists=exists)]
        if kind in ("CHECK", "CONSTRAINT"):
            return [AlterSpec("drop_check", name=target_name, if_exists=exists)]
        if kind == "PRIMARY KEY":
            return [AlterSpec("drop_primary_key")]
        return [AlterSpec("other", name=target_name)]
    if type(action).__name__ == "DropPrimaryKey":
        return [AlterSpec("drop_primary_key")]
    if isinstance(action, exp.AddConstraint):
        return [_constraint(e) for e in action.expressions]
    if isinstance(action, exp.RenameIndex) if hasattr(exp, "RenameIndex") else type(action).__name__ == "RenameIndex":
        return [AlterSpec("rename_index", name=action.args["to"].name, old_name=action.this.name)]
    if isinstance(action, exp.AlterRename):
        return [AlterSpec("rename_table", value=table_name(action.this))]
    if type(action).__name__ == "AlterIndex":
        return [AlterSpec("index_visibility", name=action.this.name)]
    if type(action).__name__ == "ForceProperty":
        return [AlterSpec("force")]
    return [AlterSpec("other", value=action.sql("mysql"))]


def alter_option(option: exp.Expression) -> list[AlterSpec]:
    if isinstance(option, exp.EngineProperty):
        return [AlterSpec("engine", value=option.this.name)]
    if isinstance(option, exp.AutoIncrementProperty):
        return [AlterSpec("auto_increment", value=option.this.name)]
    if isinstance(option, exp.CharacterSetProperty):
        return [AlterSpec("table_charset", value=option.this.name.lower())]
    if isinstance(option, exp.CollateProperty):
        return [AlterSpec("table_charset", value=None)]
    if isinstance(option, exp.RowFormatProperty):
        return [AlterSpec("row_format", value=option.this.name)]
    if isinstance(option, exp.SchemaCommentProperty):
        return [AlterSpec("table_comment", value=option.this.sql("mysql"))]
    if isinstance(option, exp.Order):
        return [AlterSpec("order_by")]
    if isinstance(option, (exp.AlgorithmProperty, exp.LockProperty)):
        return []
    return [AlterSpec("other", value=option.sql("mysql"))]


def _constraint(element: exp.Expression) -> AlterSpec:
    name = None
    if isinstance(element, exp.Constraint):
        name = element.this.name if element.this is not None else None
        inner = element.expressions[0] if element.expressions else None
        if inner is None:
            return AlterSpec("other", name=name)
        spec = _constraint(inner)
        return replace(spec, name=spec.name or name)
    if isinstance(element, exp.ForeignKey):
        reference = element.args.get("reference")
        target = reference.this if reference is not None else None
        table = target.this if isinstance(target, exp.Schema) else target
        return AlterSpec("add_foreign_key", columns=tuple(e.name for e in element.expressions),
                         references=table_name(table) if table is not None else None)
    if isinstance(element, exp.PrimaryKey):
        return AlterSpec("add_primary_key", index_kind="primary", columns=tuple(_key_part(e) for e in element.expressions))
    if isinstance(element, exp.IndexColumnConstraint):
        kind = (element.args.get("kind") or "index").lower()
        return AlterSpec("add_index", name=element.this.name if element.this else None, index_kind=kind,
                         columns=tuple(_key_part(e) for e in element.expressions))
    if isinstance(element, exp.UniqueColumnConstraint):
        target = element.this
        columns = tuple(_key_part(e) for e in target.expressions) if isinstance(target, exp.Schema) else ()
        index_name = target.this.name if isinstance(target, exp.Schema) and target.this is not None else None
        if index_name is None and target is not None and not isinstance(target, exp.Schema):
            index_name = target.name
        return AlterSpec("add_index", name=index_name, index_kind="unique", columns=columns)
    if isinstance(element, exp.CheckColumnConstraint) or type(element).__name__ == "CheckColumnConstraint":
        return AlterSpec("add_check")
    return AlterSpec("other", value=element.sql("mysql"))


def _key_part(e: exp.Expression) -> str:
    if isinstance(e, exp.Ordered):
        e = e.this
    if type(e).__name__ == "ColumnPrefix":
        return f"{e.this.name}({e.expression.sql('mysql')})"
    if isinstance(e, (exp.Column, exp.Identifier)):
        return e.name
    return e.sql("mysql")


def _type(kind: exp.DataType | None) -> TypeSpec:
    if kind is None:
        return TypeSpec("unknown")
    spelled = kind.sql("mysql")
    m = re.match(r"\s*([A-Za-z ]+?)\s*(?:\((.*)\))?\s*(UNSIGNED)?\s*(ZEROFILL)?\s*$", spelled, re.S)
    if not m:
        return TypeSpec(spelled.lower())
    name = m.group(1).strip().lower()
    unsigned = bool(m.group(3)) or name.endswith(" unsigned")
    name = name.removesuffix(" unsigned")
    if kind.this == exp.DataType.Type.TIMESTAMPTZ:
        name = "timestamp"
    params = tuple(p.strip() for p in split_top(m.group(2))) if m.group(2) else ()
    return TypeSpec(name, params, unsigned)


def _column(cd: exp.ColumnDef) -> ColumnDef:
    values: dict[str, Any] = {}
    for constraint in cd.constraints:
        kind = constraint.args.get("kind")
        if isinstance(kind, exp.NotNullColumnConstraint):
            values["not_null"] = not kind.args.get("allow_null")
        elif isinstance(kind, exp.DefaultColumnConstraint):
            values["default"] = kind.this.sql("mysql")
        elif isinstance(kind, exp.CommentColumnConstraint):
            values["comment"] = kind.this.sql("mysql")
        elif isinstance(kind, exp.CharacterSetColumnConstraint):
            values["charset"] = kind.this.name.lower()
        elif isinstance(kind, exp.CollateColumnConstraint):
            values["collation"] = kind.this.name.lower()
        elif isinstance(kind, exp.AutoIncrementColumnConstraint):
            values["auto_increment"] = True
        elif isinstance(kind, exp.ComputedColumnConstraint):
            values["generated"] = "stored" if kind.args.get("persisted") else "virtual"
        elif isinstance(kind, exp.GeneratedAsIdentityColumnConstraint):
            values["generated"] = "virtual"
        elif isinstance(kind, exp.OnUpdateColumnConstraint):
            values["on_update"] = kind.this.sql("mysql")
        elif isinstance(kind, exp.PrimaryKeyColumnConstraint):
            values["primary_key"] = True
        elif isinstance(kind, exp.UniqueColumnConstraint):
            values["unique"] = True
    if values.get("generated") == "virtual" and re.search(r"\b(STORED|PERSISTENT)\b", cd.sql("mysql"), re.I):
        values["generated"] = "stored"
    position = cd.args.get("position")
    if position is not None:
        values["position"] = position.sql("mysql") if not isinstance(position, str) else position
    return ColumnDef(cd.name, _type(cd.args.get("kind")), **values)


def create_table(tree: exp.Create, text: str) -> MySQLStatement:
    schema = tree.this
    table = schema.this if isinstance(schema, exp.Schema) else schema
    columns, indexes = [], []
    like = None
    if isinstance(schema, exp.Schema):
        for element in schema.expressions:
            if isinstance(element, exp.ColumnDef):
                columns.append(_column(element))
            elif isinstance(element, exp.LikeProperty):
                like = table_name(element.this)
            else:
                indexes.append(_constraint(element))
    options = []
    properties = tree.args.get("properties")
    for prop in properties.expressions if properties is not None else []:
        if isinstance(prop, exp.EngineProperty):
            options.append(("engine", prop.this.name))
        elif isinstance(prop, exp.CharacterSetProperty):
            options.append(("charset", prop.this.name.lower()))
        elif isinstance(prop, exp.CollateProperty):
            options.append(("collate", prop.this.name.lower()))
        elif isinstance(prop, exp.LikeProperty):
            like = table_name(prop.this)
    return MySQLStatement("create_table", text, table=table_name(table), columns=tuple(columns),
                          indexes=tuple(indexes), table_options=tuple(options),
                          if_not_exists=bool(tree.args.get("exists")), like=like)


def set_items(tree: exp.Set) -> Iterator[tuple[str, str]]:
    for item in tree.expressions:
        inner = item.this
        if isinstance(inner, exp.EQ):
            name = inner.this.sql("mysql").lower().replace("`", "")
            name = re.sub(r"^@@(session\.|global\.|local\.)?|^(session|global|local)\s+", "", name)
            yield name, inner.expression.sql("mysql").strip("'\"")
        elif inner is not None:
            yield inner.sql("mysql").lower(), ""
