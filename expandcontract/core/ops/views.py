"""Views and materialized views: ``CREATE [OR REPLACE] [MATERIALIZED] VIEW``, ``DROP``, ``RENAME``,
``RENAME COLUMN``, ``REFRESH``.

For each operation: its extractor, its replay into the schema model and its classification,
side by side. Views read relations by identity: renames and drops of what they read follow.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model import SchemaModel, View, relation_key
from ..parse import Node, Statement
from ..record import replace
from .effect import Classification, Facts, Lock, Phase, renamed_under_old_app
from .op import Action, Op, unchanged
from .tree import rel_name, string_names, walk_nodes

AE = Lock.ACCESS_EXCLUSIVE

# -- extraction ------------------------------------------------------------------------------


def _view(stmt: Statement, body: Node) -> list[Action]:
    return [
        Action(
            op=Op.CREATE_VIEW,
            table=rel_name(body.get("view")),
            detail={
                "replace": bool(body.get("replace")),
                "aliases": tuple(string_names(body.get("aliases"))),
                "query_node": body.get("query"),
            },
        )
    ]


def _refresh(stmt: Statement, body: Node) -> list[Action]:
    return [Action(op=Op.REFRESH_MATVIEW, table=rel_name(body.get("relation")), concurrent=bool(body.get("concurrent")))]


STATEMENTS = {"ViewStmt": _view, "RefreshMatViewStmt": _refresh}
RENAMES = {"OBJECT_VIEW": Op.RENAME_VIEW, "OBJECT_MATVIEW": Op.RENAME_VIEW}
DROPS = {"OBJECT_VIEW": Op.DROP_VIEW, "OBJECT_MATVIEW": Op.DROP_VIEW}

# -- replay ----------------------------------------------------------------------------------


def _replay_create_view(s: SchemaModel, a: Action, origin: str, text: str) -> SchemaModel:
    if a.table is None or (a.if_not_exists and s.view(a.table) is not None):
        return s  # IF NOT EXISTS on a view an earlier migration made: PostgreSQL leaves it as it is
    relations, columns = query_reads(a.detail.get("query_node"))
    return s.with_view(View(
        name=relation_key(a.table),
        sql=_view_query(text),
        columns=tuple(a.detail.get("aliases", ()) or a.detail.get("column_names", ())),
        origin=origin,
        depends_on=relations,
        reads_columns=columns,
    ))


def _replay_drop_view(s: SchemaModel, a: Action, origin: str, _text: str) -> SchemaModel:
    key = relation_key(a.object_name or "")
    schema = s.without_view(key)
    return drop_dependent_views(schema, lambda v: v.reads(key)) if a.cascade else schema


def replay_rename_view(s: SchemaModel, a: Action, origin: str, _text: str) -> SchemaModel:
    view = s.view(a.table)
    if view is None or not a.new_name:
        return s
    new_key = relation_key(a.new_name)
    return views_following(s.without_view(view.name).with_view(replace(view, name=new_key)), view.name, new_key)


def replay_rename_view_column(s: SchemaModel, a: Action, origin: str, _text: str) -> SchemaModel:
    view = s.view(a.table)
    if view is None or not a.column or not a.new_name:
        return s
    return s.with_view(replace(view, renamed_columns=(*view.renamed_columns, (a.column, a.new_name))))


def drop_dependent_views(s: SchemaModel, doomed: Callable[[View], bool]) -> SchemaModel:
    """``… CASCADE``: drop the views ``doomed(view)`` picks, then every view reading those."""
    views = dict(s.views)
    dropped = {k for k, v in views.items() if doomed(v)}
    while dropped:
        for key in dropped:
            views.pop(key, None)
        dropped = {k for k, v in views.items() if any(v.reads(d) for d in dropped)}
    if len(views) == len(s.views):
        return s
    return s.with_views(views)


def views_following(s: SchemaModel, old: str, new: str) -> SchemaModel:
    """Views read relations by identity: after a rename they read the new name."""
    def follow(v: View) -> View:
        columns = v.reads_columns
        if columns is not None:
            columns = frozenset(f"{new}.{c[len(old) + 1:]}" if c.startswith(old + ".") else c for c in columns)
        return replace(v, depends_on=(v.depends_on - {old}) | {new}, reads_columns=columns)

    return s.with_view(*(follow(v) for v in s.views.values() if old in v.depends_on))


def query_reads(node) -> tuple[frozenset[str], frozenset[str] | None]:
    """The relations a libpg_query query tree reads (CTE names left out) and the columns it
    names: ``relation.column`` when qualified, a bare name when not (it may be any relation's);
    ``None`` when it selects ``*``, which depends on every column.

    >>> from expandcontract.core.parse import parse_sql
    >>> from expandcontract.core.ops.registry import extract_actions
    >>> a = extract_actions(parse_sql(
    ...     "CREATE VIEW v AS WITH c AS (SELECT id FROM t) SELECT c.id, x.name, total FROM c JOIN public.u x ON true")[0])[0]
    >>> rels, cols = query_reads(a.detail["query_node"])
    >>> sorted(rels), sorted(cols)
    (['t', 'u'], ['c.id', 'id', 'total', 'u.name'])
    >>> query_reads(extract_actions(parse_sql("CREATE VIEW w AS SELECT * FROM t")[0])[0].detail["query_node"])
    (frozenset({'t'}), None)
    """
    relations: set[str] = set()
    ctes: set[str] = set()
    aliases: dict[str, str] = {}
    refs: list[list[str]] = []
    star = False
    for kind, body in walk_nodes(node):
        if kind == "RangeVar":
            name = relation_key(rel_name(body))
            relations.add(name)
            aliases[(body.get("alias") or {}).get("aliasname") or body.get("relname")] = name
        elif kind == "CommonTableExpr":
            ctes.add(body.get("ctename", ""))
        elif kind == "ColumnRef":
            fields = body.get("fields", ())
            star = star or any("A_Star" in f for f in fields)
            refs.append(string_names(fields))
    if star:
        return frozenset(relations - ctes), None
    columns = {f"{aliases.get(r[-2], r[-2])}.{r[-1]}" if len(r) > 1 else r[-1] for r in refs if r}
    return frozenset(relations - ctes), frozenset(columns)


def _view_query(statement_text: str) -> str:
    """The query of ``CREATE [OR REPLACE] VIEW v [(cols)] AS <query>``."""
    m = re.search(r"\bAS\b\s*(?=\(?\s*(SELECT|WITH|VALUES|TABLE)\b)", statement_text, re.I)
    return statement_text[m.end():].strip() if m else statement_text


REPLAY = {
    Op.CREATE_VIEW: _replay_create_view,
    Op.CREATE_MATVIEW: _replay_create_view,
    Op.DROP_VIEW: _replay_drop_view,
    Op.RENAME_VIEW: replay_rename_view,
    Op.RENAME_VIEW_COLUMN: replay_rename_view_column,
    Op.REFRESH_MATVIEW: unchanged,
}

# -- classification --------------------------------------------------------------------------


def _classify_create_view(a: Action, f: Facts) -> Classification:
    return f.result(Phase.EXPAND, AE if a.detail.get("replace") else Lock.NONE)


def _classify_create_matview(a: Action, f: Facts) -> Classification:
    return f.result(Phase.EXPAND, Lock.SHARE_ROW_EXCLUSIVE if a.tables else Lock.NONE)


def _classify_drop_view(a: Action, f: Facts) -> Classification:
    if a.if_exists and f.schema.lacks_relation(a.object_name):
        return f.result(Phase.NONE)  # the model knows every relation: there is none to drop, nothing is locked
    return f.result(Phase.CONTRACT, AE, breaks=f"the old app still uses {a.object_name}")


def _classify_rename_view(a: Action, f: Facts) -> Classification:
    return f.result(Phase.CONTRACT, AE, breaks=f"the old app still uses {a.table}, which becomes {a.new_name}")


def _classify_refresh(a: Action, f: Facts) -> Classification:
    return f.result(Phase.MIGRATE, Lock.EXCLUSIVE if a.concurrent else AE, scans=True)


CLASSIFY = {
    Op.CREATE_VIEW: _classify_create_view,
    Op.CREATE_MATVIEW: _classify_create_matview,
    Op.DROP_VIEW: _classify_drop_view,
    Op.RENAME_VIEW: _classify_rename_view,
    Op.RENAME_VIEW_COLUMN: renamed_under_old_app,
    Op.REFRESH_MATVIEW: _classify_refresh,
}
