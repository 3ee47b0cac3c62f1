"""Check app queries against every state of a timeline. Pure: values in, a result out.

Each query is parsed and scoped once. Resolution results are cached under the identity of the
relations the query names (``Catalog.token``): a state that did not touch them costs a
dictionary lookup, so a deploy with many states and many queries stays fast.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..core.record import replace
from ..core.schema import View
from .advice import explain, find_cause
from .advice import subject as describe
from .catalog import Binding, Catalog, Redirects, RelationCache, follow, redirect
from .plan import NotAnalysable, QueryPlan, plan_query
from .queries import AppQuery
from .resolve import Problem, Resolution, resolve, resolve_model, view_definition
from .result import APPS, CheckResult, Failure, Unchecked
from .timeline import Timeline

__all__ = ["check_timeline"]

_CHECK_OPTION = re.compile(r"\s+WITH\s+(CASCADED\s+|LOCAL\s+)?CHECK\s+OPTION\s*$", re.I)


def check_timeline(timeline: Timeline, apps: Mapping[str, Sequence[AppQuery]], *,
                   redirects: Redirects | None = None) -> CheckResult:
    """``apps`` maps ``"old"``/``"new"`` to their queries; either may be left out. ``redirects``
    are the baseline's INSTEAD OF triggers and DO INSTEAD rules on views (``catalog.redirect``:
    the schema model does not keep them)."""
    return _Engine(timeline, redirects).run(apps)


class _Engine:
    def __init__(self, timeline: Timeline, redirects: Redirects | None = None) -> None:
        self.timeline = timeline
        self._baseline_redirects = {k: dict(v) for k, v in (redirects or {}).items()}
        # state id -> view -> the writes its triggers/rules take over (a trigger leaves the schema object as it is)
        self._redirects: dict[int, dict[str, frozenset[str]]] = {}
        self.cache = RelationCache(self._view_columns)
        self._catalogs: dict[tuple, Catalog] = {}
        self._state_catalogs: dict[int, Catalog] = {}
        self._bindings: dict[int, dict[str, Binding]] = {}  # id(schema) -> what its views write to
        self._plans: dict[str, QueryPlan | str] = {}
        self._results: dict[tuple, Resolution] = {}

    # -- per state -------------------------------------------------------------------------------

    def catalog(self, state_id: int) -> Catalog:
        found = self._state_catalogs.get(state_id)
        if found is not None:
            return found
        schema = self.timeline.states[state_id].schema
        redirects = self._redirects.get(state_id) or {}
        key = (id(schema), tuple(sorted(redirects.items())))
        found = self._catalogs.get(key)
        if found is None:
            found = self._catalogs[key] = Catalog(schema, self.cache, self._bindings.get(id(schema)), redirects)
        self._state_catalogs[state_id] = found
        return found

    def _view_columns(self, view: View, catalog: Catalog):
        if view.renamed_columns:  # the view as created, then its columns renamed in turn
            created = self.cache.view(replace(view, renamed_columns=()), catalog)
            columns, column_map = created.columns, dict(created.column_map or {})
            for old, new in view.renamed_columns:
                columns = [new if c == old else c for c in columns] if columns is not None else None
                column_map = {(new if k == old else k): v for k, v in column_map.items()}
            return columns, created.base, column_map, created.not_updatable
        sql = _CHECK_OPTION.sub("", view.sql.strip().rstrip(";"))
        try:
            plan = plan_query(sql)
        except NotAnalysable:
            return (list(view.columns) or None), None, {}, "its definition could not be analysed"
        if plan.write is not None:
            return (list(view.columns) or None), None, {}, "its definition is not a query"
        return view_definition(plan, catalog, tuple(view.columns))

    def plan(self, query: AppQuery) -> QueryPlan | str:
        """The query's plan, or why it cannot be analysed."""
        found = self._plans.get(query.sql)
        if found is None:
            try:
                found = plan_query(query.sql)
            except NotAnalysable as exc:
                found = str(exc)
            self._plans[query.sql] = found
        return found

    def resolution(self, query: AppQuery, subject, state_id: int) -> Resolution:
        catalog = self.catalog(state_id)
        if query.model is not None:
            key = (query.model, catalog.token((query.model.table,)))
            found = self._results.get(key)
            if found is None:
                found = self._results[key] = resolve_model(query.model, catalog)
            return found
        key = (id(subject), catalog.token(subject.relations))
        found = self._results.get(key)
        if found is None:
            found = self._results[key] = resolve(subject, catalog)
        return found

    # -- the run ---------------------------------------------------------------------------------

    def _fix_view_columns(self) -> None:
        """Compute each view's columns on the schema it was created on, walking the timeline in
        order: PostgreSQL fixes them then (``*`` expanded, renamed columns followed by number).
        What each view writes to is bound then too, and followed through later renames."""
        bindings: dict[str, Binding] = {}
        redirects = self._baseline_redirects
        for state in self.timeline.states:
            for step in state.steps:
                redirect(redirects, step.statement.node)
                for action in step.actions:
                    view = state.schema.view(action.table) if action.op in ("create_view", "create_matview") else None
                    if view is not None:
                        created = self.cache.view(view, Catalog(step.schema_before, self.cache, dict(bindings)))
                        bindings[view.name] = (created.base, created.column_map)
                    else:
                        moved = follow(bindings, action, step.schema_before)
                        renamed = step.schema_before.view(moved[0]) if moved else None
                        if renamed is not None:
                            self.cache.renamed(renamed, moved[1], Catalog(step.schema_before, self.cache))
                            if moved[0] in redirects:
                                redirects[moved[1]] = redirects.pop(moved[0])
            bare = Catalog(state.schema, self.cache, dict(bindings))
            for view in state.schema.views.values():
                created = self.cache.view(view, bare)
                bindings.setdefault(view.name, (created.base, created.column_map))
            bindings = {k: v for k, v in bindings.items() if k in state.schema.views}
            self._bindings.setdefault(id(state.schema), dict(bindings))
            redirects = {k: v for k, v in redirects.items() if k in state.schema.views}
            self._redirects[state.id] = {k: frozenset().union(*v.values()) for k, v in redirects.items() if v}

    def run(self, apps: Mapping[str, Sequence[AppQuery]]) -> CheckResult:
        if any(s.schema.views for s in self.timeline.states):
            self._fix_view_columns()
        failures: list[Failure] = []
        unchecked: list[Unchecked] = []
        matrix: dict[str, dict[int, int]] = {}
        for app in APPS:
            if app not in apps:
                continue
            window = self.timeline.window(app)
            counts = dict.fromkeys(window, 0)
            for query in apps[app]:
                if query.session:
                    continue
                if query.unchecked:
                    unchecked.append(Unchecked(app, query, query.unchecked))
                    continue
                subject = None if query.model is not None else self.plan(query)
                if isinstance(subject, str):
                    unchecked.append(Unchecked(app, query, subject))
                    continue
                try:
                    found = self._check_query(app, query, subject, window)
                except NotAnalysable as exc:  # it names a relation whose columns are not known
                    unchecked.append(Unchecked(app, query, str(exc)))
                    continue
                except Exception as exc:  # a resolver gap must be listed, not crash the run
                    unchecked.append(Unchecked(app, query, f"could not be resolved ({type(exc).__name__}: {exc})"))
                    continue
                failing_states = {s for f in found for s in f.states}
                for state_id in failing_states:
                    counts[state_id] += 1
                failures.extend(found)
            matrix[app] = counts
        failures.sort(key=lambda f: (APPS.index(f.app), f.query.source, f.query.line, f.state))
        queries = {app: tuple(apps[app]) for app in APPS if app in apps}
        return CheckResult(self.timeline, queries, tuple(failures), tuple(unchecked), matrix)

    def _check_query(self, app: str, query: AppQuery, subject, window: range) -> list[Failure]:
        # the schema the app was written for: the old app's first state, the new app's last
        reference = self.resolution(query, subject, window[0] if app == "old" else window[-1]).bindings

        def problems(state_id: int) -> tuple[Problem, ...]:
            found = self.resolution(query, subject, state_id)
            return found.problems + _rebound(reference, found.bindings, app)

        by_key: dict[tuple, tuple[Problem, list[int]]] = {}
        for state_id in window:
            for problem in problems(state_id):
                by_key.setdefault(problem.key, (problem, []))[1].append(state_id)
        failures = []
        renamed = _renamed_away(by_key)
        for key, (problem, states) in by_key.items():

            def present(state_id: int, key=key) -> bool:
                return any(p.key == key for p in problems(state_id))

            cause = find_cause(problem, states[0], present, self.timeline)
            if _follows_from_rename(problem, cause, renamed):
                continue
            detail, help_text = explain(app, query, problem, cause, self.timeline)
            first = self.timeline.states[states[0]]
            failures.append(Failure(app, query, problem, tuple(states), first.phase, describe(app, query), detail,
                                    help_text, cause.location))
        return failures




def _renamed_away(by_key: dict) -> set[tuple[str | None, str | None]]:
    """(relation, column) pairs the query uses that no longer exist on some state."""
    return {(p.relation, p.column) for p, _states in by_key.values() if p.kind == "missing-column"}


def _follows_from_rename(problem: Problem, cause, renamed: set) -> bool:
    """After ``RENAME a TO b`` an INSERT that supplies ``a`` also leaves out ``b``: one failure
    (the missing ``a``) tells the whole story."""
    action = cause.action
    return (problem.kind == "missing-required-column" and action is not None and action.op == "rename_column"
            and action.new_name == problem.column and (problem.relation, action.column) in renamed)


def _rebound(reference: Mapping, bindings: Mapping, app: str) -> tuple[Problem, ...]:
    """Bare columns that bind to another query level or relation than on the reference state:
    the query still runs, but reads something else (``WHERE id IN (SELECT id FROM t)`` once
    ``t.id`` is gone reads the outer query's ``id``)."""
    if bindings is reference:  # the same cached resolution
        return ()
    found = []
    for column_id, (name, depth, holders) in bindings.items():
        before = reference.get(column_id)
        if before is None or before[1:] == (depth, holders) or "?" in holders or "?" in before[2]:
            continue
        was, now = _binding_phrase(name, *before[1:]), _binding_phrase(name, depth, holders)
        written = "written against" if app == "old" else "meant for"
        found.append(Problem(
            "rebound-column",
            f"column {name} now resolves to {now} instead of {was} (as on the schema the {app} app was {written}): "
            f"the query still runs but reads something else",
            holders[0] if len(holders) == 1 else None, name, holders))
    return tuple(found)


def _binding_phrase(name: str, depth: int, holders: tuple[str, ...]) -> str:
    where = " or ".join(f"{h}.{name}" for h in holders)
    return where + (f" of the query {depth} level{'s' if depth > 1 else ''} out" if depth else "")
