"""Other schema objects: functions, triggers, schemas, extensions, policies, roles, rules,
statistics, comments, privileges, and the drops and renames of objects the model does not keep.

For each operation: its extractor, its replay into the schema model and its classification,
side by side.
"""

from __future__ import annotations

from ..model import SchemaModel, relation_key
from ..parse import Node, Statement, makes_relations, plpgsql_tree
from .effect import (
    Classification,
    Facts,
    Lock,
    Phase,
    dropped_under_old_app,
    expand_no_lock,
    renamed_under_old_app,
)
from .op import Action, Op, unchanged
from .tree import plain_subcommand, qualified, rel_name, simple_statement, walk_nodes

# -- extraction ------------------------------------------------------------------------------


def _create_function(stmt: Statement, body: Node) -> list[Action]:
    return [
        Action(
            op=Op.CREATE_FUNCTION,
            object_name=qualified(body.get("funcname")),
            detail={"replace": bool(body.get("replace")),
                    "commits": bool(body.get("is_procedure")) and _ends_transaction(stmt.text)},
        )
    ]


def _ends_transaction(text: str) -> bool:
    """A PL/pgSQL body with a COMMIT or ROLLBACK statement (not one in a comment or a string)."""
    tree = plpgsql_tree(text)
    return tree is not None and any(kind in ("PLpgSQL_stmt_commit", "PLpgSQL_stmt_rollback")
                                    for kind, _ in walk_nodes(tree))


def _trigger(stmt: Statement, body: Node) -> list[Action]:
    return [
        Action(
            op=Op.CREATE_TRIGGER,
            table=rel_name(body.get("relation")),
            object_name=body.get("trigname"),
            detail={"replace": bool(body.get("replace")), "function": qualified(body.get("funcname"))},
        )
    ]


def _comment(stmt: Statement, body: Node) -> list[Action]:
    return [Action(op=Op.COMMENT, detail={"objtype": body.get("objtype")})]


STATEMENTS = {
    "CreateFunctionStmt": _create_function,
    "CreateTrigStmt": _trigger,
    "CreateSchemaStmt": simple_statement(Op.CREATE_SCHEMA, "schemaname"),
    "CreateExtensionStmt": simple_statement(Op.CREATE_EXTENSION, "extname"),
    "CreatePolicyStmt": simple_statement(Op.CREATE_POLICY, "policy_name", "table"),
    "CreateRoleStmt": simple_statement(Op.CREATE_ROLE, "role"),
    "CreateStatsStmt": simple_statement(Op.CREATE_STATISTICS),
    "RuleStmt": simple_statement(Op.CREATE_RULE, "rulename", "relation"),
    "GrantStmt": simple_statement(Op.GRANT),
    "GrantRoleStmt": simple_statement(Op.GRANT),
    "AlterDefaultPrivilegesStmt": simple_statement(Op.GRANT),
    "CommentStmt": _comment,
}
ALTER_TABLE = {
    "AT_EnableTrig": plain_subcommand(Op.ENABLE_TRIGGER),
    "AT_EnableTrigAll": plain_subcommand(Op.ENABLE_TRIGGER),
    "AT_EnableTrigUser": plain_subcommand(Op.ENABLE_TRIGGER),
    "AT_DisableTrig": plain_subcommand(Op.DISABLE_TRIGGER),
    "AT_DisableTrigAll": plain_subcommand(Op.DISABLE_TRIGGER),
    "AT_DisableTrigUser": plain_subcommand(Op.DISABLE_TRIGGER),
}
RENAMES = {"OBJECT_SCHEMA": Op.RENAME_SCHEMA, "OBJECT_FUNCTION": Op.RENAME_FUNCTION,
           "OBJECT_TRIGGER": Op.RENAME_TRIGGER}
DROPS = {"OBJECT_SCHEMA": Op.DROP_SCHEMA, "OBJECT_FUNCTION": Op.DROP_FUNCTION, "OBJECT_PROCEDURE": Op.DROP_FUNCTION,
         "OBJECT_TRIGGER": Op.DROP_TRIGGER, "OBJECT_EXTENSION": Op.DROP_EXTENSION}

# -- replay ----------------------------------------------------------------------------------


def _replay_create_function(s: SchemaModel, a: Action, origin: str, text: str) -> SchemaModel:
    if makes_relations(text):  # what it makes when it runs, the model does not see
        s = s.incomplete()
    return s.with_function(relation_key(a.object_name or ""), commits=bool(a.detail.get("commits")))


def _replay_drop_function(s: SchemaModel, a: Action, origin: str, _text: str) -> SchemaModel:
    key = relation_key(a.object_name or "")
    if a.cascade:  # the triggers that execute it go with it
        s = s.without_triggers(lambda _table, _name, function: function != key)
    return s.without_function(key)


def _replay_create_trigger(s: SchemaModel, a: Action, origin: str, _text: str) -> SchemaModel:
    if not (a.table and a.object_name and a.detail.get("function")):
        return s
    return s.with_trigger(a.table, a.object_name, a.detail["function"])


def _replay_drop_trigger(s: SchemaModel, a: Action, origin: str, _text: str) -> SchemaModel:
    table, name = relation_key(a.table), a.object_name
    return s.without_triggers(lambda t, n, _f: (t, n) != (table, name))


def _replay_rename_trigger(s: SchemaModel, a: Action, origin: str, _text: str) -> SchemaModel:
    function = s.trigger_function(a.table, a.object_name)
    if function is None or not a.table or not a.new_name:
        return s
    return _replay_drop_trigger(s, a, origin, _text).with_trigger(a.table, a.new_name, function)


REPLAY = {
    Op.CREATE_FUNCTION: _replay_create_function,
    Op.DROP_FUNCTION: _replay_drop_function,
    Op.CREATE_TRIGGER: _replay_create_trigger,
    Op.DROP_TRIGGER: _replay_drop_trigger,
    Op.RENAME_TRIGGER: _replay_rename_trigger,
    **dict.fromkeys((Op.RENAME_FUNCTION, Op.ENABLE_TRIGGER,
                     Op.DISABLE_TRIGGER, Op.CREATE_SCHEMA, Op.DROP_SCHEMA, Op.RENAME_SCHEMA, Op.CREATE_EXTENSION,
                     Op.DROP_EXTENSION, Op.CREATE_POLICY, Op.CREATE_ROLE, Op.CREATE_RULE, Op.CREATE_STATISTICS,
                     Op.COMMENT, Op.GRANT, Op.DROP_OTHER, Op.RENAME_OTHER), unchanged),
}

# -- classification --------------------------------------------------------------------------


def _classify_create_trigger(a: Action, f: Facts) -> Classification:
    return f.result(Phase.EXPAND, Lock.SHARE_ROW_EXCLUSIVE)


def _classify_drop_trigger(a: Action, f: Facts) -> Classification:
    if a.if_exists and f.schema.trigger_is_absent(a.table, a.object_name):
        return f.result(Phase.NONE)  # the model knows the table's triggers: there is none to drop, nothing is locked
    return f.result(Phase.CONTRACT, Lock.ACCESS_EXCLUSIVE, breaks=f"the old app may still use {a.object_name}")


def _classify_rename_trigger(a: Action, f: Facts) -> Classification:
    # no app names a trigger; PostgreSQL renames it under ACCESS EXCLUSIVE on its table
    return f.result(Phase.EXPAND, Lock.ACCESS_EXCLUSIVE)


def _classify_switch_trigger(a: Action, f: Facts) -> Classification:
    return f.result(Phase.NONE, Lock.SHARE_ROW_EXCLUSIVE)


CLASSIFY = {
    **dict.fromkeys((Op.CREATE_FUNCTION, Op.CREATE_SCHEMA, Op.CREATE_EXTENSION, Op.CREATE_POLICY, Op.CREATE_ROLE,
                     Op.CREATE_RULE, Op.CREATE_STATISTICS, Op.COMMENT, Op.GRANT), expand_no_lock),
    Op.CREATE_TRIGGER: _classify_create_trigger,
    Op.DROP_TRIGGER: _classify_drop_trigger,
    Op.RENAME_TRIGGER: _classify_rename_trigger,
    Op.ENABLE_TRIGGER: _classify_switch_trigger,
    Op.DISABLE_TRIGGER: _classify_switch_trigger,
    **dict.fromkeys((Op.DROP_FUNCTION, Op.DROP_SCHEMA, Op.DROP_EXTENSION, Op.DROP_OTHER), dropped_under_old_app),
    **dict.fromkeys((Op.RENAME_FUNCTION, Op.RENAME_SCHEMA, Op.RENAME_OTHER), renamed_under_old_app),
}
