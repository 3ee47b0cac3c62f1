"""Turn a problem into what breaks for which app since which statement, and how to fix it in
expand/contract terms.

The cause is found on the timeline: the transaction after which the problem appears (a
rename, a drop, a new NOT NULL column), or, when it is there from the start of the app's
window, the transaction that would have cured it too late (a column created in contract while
the new app starts after expand).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..core.identifiers import quote_ident, quote_qualified
from ..core.ops import Action
from ..core.parse import Statement
from .queries import AppQuery
from .resolve import Problem
from .timeline import State, Timeline

__all__ = ["Cause", "explain", "find_cause", "subject"]

APP_NAMES = {"old": "old app", "new": "new app"}


@dataclass(frozen=True)
class Cause:
    kind: str  # "introduced" | "cured-late" | "always"
    state: State | None = None
    action: Action | None = None
    statement: Statement | None = None
    back: State | None = None  # for "introduced": the later state where the problem is gone again

    @property
    def where(self) -> str:
        if self.state is None:
            return ""
        line = self.statement.line if self.statement else self.state.line
        return f"{self.state.file}:{line} ({self.state.phase})"

    @property
    def location(self) -> tuple[str, int] | None:
        if self.state is None or self.state.file is None:
            return None
        return (self.state.file, self.statement.line if self.statement else self.state.line or 1)


def find_cause(problem: Problem, first: int, present: Callable[[int], bool], timeline: Timeline) -> Cause:
    """Walk back from the first failing state to the transaction that introduced the problem;
    if it was always there, walk forward to the one that removes it."""
    for state_id in range(first - 1, -1, -1):
        if not present(state_id):
            state = timeline.states[state_id + 1]
            back = next((timeline.states[s] for s in range(first + 1, len(timeline.states)) if not present(s)), None)
            return Cause("introduced", state, *_relevant(problem, state, introduced=True), back=back)
    for state_id in range(first + 1, len(timeline.states)):
        if not present(state_id):
            state = timeline.states[state_id]
            return Cause("cured-late", state, *_relevant(problem, state, introduced=False))
    return Cause("always")


def _relevant(problem: Problem, state: State, *, introduced: bool) -> tuple[Action | None, Statement | None]:
    test = _introduces if introduced else _cures
    for step in state.steps:
        for action in step.actions:
            if test(problem, action):
                return action, step.statement
    statements = state.statements
    return None, statements[0] if statements else None


def _on(problem: Problem, action: Action) -> bool:
    """The action changes a relation the problem is about."""
    tables = set(problem.candidates) | ({problem.relation} if problem.relation else set())
    return not tables or action.table in tables or action.object_name in tables


def _introduces(problem: Problem, a: Action) -> bool:
    kind, column = problem.kind, problem.column
    if kind == "missing-column":
        return _on(problem, a) and (
            (a.op in ("rename_column", "drop_column") and a.column == column)
            or a.op in ("create_view", "drop_table", "rename_table"))
    if kind == "missing-relation":
        return problem.relation in (a.table, a.object_name) and a.op in (
            "rename_table", "drop_table", "drop_view", "rename_view")
    if kind == "missing-required-column":
        spec_name = a.column_spec.name if a.column_spec else None
        return _on(problem, a) and (
            (a.op == "add_column" and spec_name == column)
            or (a.op == "rename_column" and a.new_name == column)
            or (a.op in ("set_not_null", "drop_default", "drop_identity", "drop_expression") and a.column == column)
            or (a.op == "add_constraint" and a.constraint is not None
                and (a.constraint.not_null_column == column or column in a.constraint.columns)))
    if kind == "ambiguous-column":
        spec_name = a.column_spec.name if a.column_spec else None
        return (a.op == "add_column" and spec_name == column) or (a.op == "rename_column" and a.new_name == column)
    if kind == "rebound-column":
        spec_name = a.column_spec.name if a.column_spec else None
        return (a.op in ("drop_column", "rename_column") and a.column == column) or (
            a.op == "add_column" and spec_name == column) or (a.op == "rename_column" and a.new_name == column)
    if kind == "value-count":
        return _on(problem, a) and a.op == "drop_column"
    if kind == "no-conflict-target":
        # a dropped index is named by the index, not its table
        return a.op == "drop_index" or (_on(problem, a) and a.op in ("drop_constraint", "drop_column"))
    return _on(problem, a)


def _cures(problem: Problem, a: Action) -> bool:
    kind, column = problem.kind, problem.column
    if kind == "missing-column":
        spec_name = a.column_spec.name if a.column_spec else None
        return (a.op == "add_column" and spec_name == column) or (a.op == "rename_column" and a.new_name == column) \
            or a.op in ("create_table", "create_view")
    if kind == "missing-relation":
        return (a.op in ("create_table", "create_view", "create_table_as", "create_matview") and a.table == problem.relation) \
            or (a.op in ("rename_table", "rename_view") and a.new_name == (problem.relation or "").rsplit(".", 1)[-1])
    if kind == "missing-required-column":
        return a.column == column and a.op in ("drop_not_null", "set_default", "drop_column")
    if kind == "no-conflict-target":
        return a.op in ("create_index", "add_constraint")
    return _on(problem, a)


# -- words -------------------------------------------------------------------------------------


def subject(app: str, query: AppQuery) -> str:
    """``old app query users.sql:3 (get_user)``"""
    who = APP_NAMES[app]
    if query.model is not None:
        return f"{who} model {query.model.class_name or query.model.table} ({query.ref})"
    return f"{who} query {query.ref}" + (f" ({query.name})" if query.name else "")


def explain(app: str, query: AppQuery, problem: Problem, cause: Cause, timeline: Timeline) -> tuple[str, str]:
    """What breaks (without the subject) and the help."""
    message = problem.message
    if cause.kind == "introduced":
        message += f", since {cause.where} {_change(cause.action, cause.state)}"
        message += " while the old app still runs" if app == "old" else " while the new app runs"
    elif cause.kind == "cured-late":
        if app == "old":
            message += f" on the schema before the migration already (until {cause.where})"
        else:
            start = timeline.states[timeline.new_window.start]
            message += f" until {cause.where} {_change(cause.action, cause.state)}, but the new app starts " \
                       f"{_start_phrase(start)}"
    elif app == "old":
        message += " on the schema before the migration already"
    else:
        message += " on every state of this deploy"
    return message, _help(app, problem, cause, query)


def _start_phrase(state: State) -> str:
    if state.id == 0:
        return "before the migration"
    if state.phase == "expand":
        return f"after expand ({state.where})"
    return f"after {state.where} ({state.phase})"


def _change(action: Action | None, state: State | None) -> str:
    if action is None:
        return f"({state.after})" if state is not None else ""
    t, c, n = action.table or action.object_name, action.column, action.new_name
    spec = action.column_spec
    match action.op:
        case "rename_column":
            return f"renames {t}.{c} to {n}"
        case "drop_column":
            return f"drops {t}.{c}"
        case "rename_table" | "rename_view":
            return f"renames {t} to {n}"
        case "drop_table" | "drop_view":
            return f"drops {t}"
        case "add_column" if spec is not None:
            return f"adds {t}.{spec.name}" + (" NOT NULL without a default" if spec.not_null and not spec.default
                                               and not spec.identity and not spec.generated else "")
        case "set_not_null":
            return f"makes {t}.{c} NOT NULL"
        case "drop_not_null":
            return f"makes {t}.{c} nullable"
        case "set_default":
            return f"gives {t}.{c} a default"
        case "drop_default":
            return f"drops the default of {t}.{c}"
        case "drop_index":
            return f"drops index {action.object_name}"
        case "drop_constraint":
            return f"drops constraint {action.object_name} on {t}"
        case "create_index":
            return f"creates index {action.object_name or ''} on {t}".replace("  ", " ")
        case "create_table" | "create_view":
            return f"creates {t}"
        case _:
            return f"({state.after})" if state is not None else ""


def _help(app: str, problem: Problem, cause: Cause, query: AppQuery) -> str:
    a = cause.action
    kind = problem.kind
    r, c = problem.relation or (problem.candidates[0] if problem.candidates else "the table"), problem.column
    if kind == "unknown-alias":
        return f"fix the query: {problem.relation} is not in its FROM clause"
    if cause.kind == "always" or (cause.kind == "cured-late" and app == "old"):
        if app == "old":
            return ("the query fails before any change: check that the baseline schema matches production and "
                    "that these are the old app's queries")
        return _help_never(problem, r, c)
    if app == "old":
        return _help_old(problem, cause, a, r, c)
    if cause.kind == "cured-late":
        return _help_new_late(problem, cause, a, r, c)
    return _help_new_removed(problem, cause, a, r, c)


def _help_old(problem: Problem, cause: Cause, a: Action | None, r: str, c: str | None) -> str:
    kind = problem.kind
    op = a.op if a else None
    if kind == "missing-column" and op == "rename_column":
        new = a.new_name
        return (f"keep both columns until contract: add {new} in expand, keep {c} and {new} in sync with a "
                f"trigger and backfill {new} in migrate, move the app to {new}, then drop {c} in contract")
    if kind == "missing-column" and op == "drop_column":
        return (f"drop {r}.{c} in contract, after the new app (which must not use it) is deployed: "
                f"ALTER TABLE {quote_qualified(a.table)} DROP COLUMN {quote_ident(c)}")
    if kind == "missing-relation" and op in ("rename_table", "rename_view"):
        old, new = a.table, a.new_name
        back = cause.back
        if back is not None and back.phase in ("expand", "migrate", "unphased"):
            return (f"{old} only comes back at {back.where} ({back.summary(50)}), a later transaction: move that "
                    f"into the rename's transaction; nothing that must run outside a transaction (CREATE INDEX "
                    f"CONCURRENTLY, VACUUM, COMMIT) may stand between the rename and the view")
        return (f"rename {old} in contract; or, in the same transaction as the rename, create a view with the "
                f"old name so the old app never misses it: CREATE VIEW {quote_qualified(old)} AS SELECT * FROM "
                f"{quote_ident(new)} (nothing that runs outside a transaction, like CREATE INDEX CONCURRENTLY, "
                f"may stand between the two)")
    if kind == "missing-relation":
        return f"drop {r} in contract, after the new app stops using it"
    if kind == "missing-required-column" and op == "add_column":
        return (f"add {r}.{c} nullable (or with a DEFAULT) in expand, backfill it in migrate, and make it NOT NULL "
                f"in contract, once only the new app (which writes it) runs")
    if kind == "missing-required-column":
        return (f"make {r}.{c} NOT NULL (or drop its default) in contract, once the old app, which leaves it out "
                f"of its INSERTs, is gone")
    if kind == "ambiguous-column":
        return (f"qualify {c} in the old app's query (table.{c}) and deploy that before this migration, or give "
                f"the new column a name the joined tables do not use")
    if kind == "rebound-column":
        return (f"qualify {c} with its table in the old app's query and deploy that first: a bare column that "
                f"leaves its own table silently falls back to another relation; make the change in contract")
    if kind == "value-count":
        return (f"the old app inserts by position: drop the column in contract, and list the columns in the "
                f"app's INSERT INTO {r} (…)")
    if kind == "no-conflict-target":
        return "keep the unique index or constraint until contract: the old app's ON CONFLICT needs it"
    if kind == "not-updatable":
        return ("the old app writes here: make the compatibility view automatically updatable (columns of one "
                "table, no joins or aggregates) or give it INSTEAD OF triggers")
    if kind == "generated-column":
        return f"stop writing {r}.{c} in the old app before the change, or make the change in contract"
    return f"move {cause.where} to contract: it breaks what the old app still uses"


def _help_new_late(problem: Problem, cause: Cause, a: Action | None, r: str, c: str | None) -> str:
    kind = problem.kind
    op = a.op if a else None
    if kind == "missing-column" and op == "rename_column":
        old, new = a.column, a.new_name
        return (f"the new app starts before {cause.where}: rename in two steps — add {new} in expand, keep it in "
                f"sync with {old} by a trigger, backfill in migrate, drop {old} in contract")
    if kind in ("missing-column", "missing-relation"):
        what = f"{r}.{c}" if kind == "missing-column" and c else r
        return f"create {what} in expand: the new app runs from the end of expand"
    if kind == "missing-required-column":
        return (f"supply {r}.{c} in the new app's INSERTs, or make it nullable / give it a DEFAULT in expand "
                f"rather than later")
    if kind == "no-conflict-target":
        return "create the unique index in expand (CREATE UNIQUE INDEX CONCURRENTLY): the new app's ON CONFLICT needs it"
    return f"move {cause.where} to expand: the new app needs it from the end of expand"


def _help_new_removed(problem: Problem, cause: Cause, a: Action | None, r: str, c: str | None) -> str:
    kind = problem.kind
    if kind in ("missing-column", "missing-relation"):
        what = f"{r}.{c}" if kind == "missing-column" and c else r
        return (f"the new app still uses {what}: stop using it in the new app, or keep it — a migration may only "
                f"remove what the new app no longer uses")
    if kind == "missing-required-column":
        return f"supply {r}.{c} in the new app's INSERTs, or give the column a DEFAULT"
    if kind in ("ambiguous-column", "rebound-column"):
        return f"qualify {c} in the new app's query (table.{c})"
    if kind == "value-count":
        return f"list the columns in the new app's INSERT INTO {r} (…) instead of inserting by position"
    if kind == "no-conflict-target":
        return "keep the unique index or constraint: the new app's ON CONFLICT needs it"
    if kind == "not-updatable":
        return (f"the new app writes to {r}: write to its base table instead, or keep the view automatically "
                f"updatable (columns of one table, no joins or aggregates) or give it INSTEAD OF triggers")
    return f"{cause.where} breaks the new app: change the new app's query or the migration"


def _help_never(problem: Problem, r: str, c: str | None) -> str:
    kind = problem.kind
    if kind == "missing-column":
        return f"no state has {r}.{c}: add it in expand, or fix the new app's query"
    if kind == "missing-relation":
        return f"no state has {r}: create it in expand, or fix the new app's query"
    if kind == "missing-required-column":
        return f"supply {r}.{c} in the new app's INSERTs, or give it a DEFAULT in expand"
    if kind == "ambiguous-column":
        return f"qualify {c} in the new app's query (table.{c})"
    if kind == "no-conflict-target":
        return "create the unique index the ON CONFLICT clause names in expand, or fix the clause"
    if kind == "not-updatable":
        return (f"PostgreSQL cannot write through {r}: write to its base table, or give the view INSTEAD OF "
                f"triggers in expand")
    if kind in ("duplicate-column", "value-count"):
        return "fix the new app's query: PostgreSQL rejects it whatever the schema (each column once, as many " \
               "values as columns)"
    return "fix the new app's query: it fails on every state of this deploy"
