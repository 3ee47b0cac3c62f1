"""``expandcontract apply --alembic alembic.ini``: Alembic revisions run by the expandcontract
runner (lock timeouts, retries, batched backfills, resumable steps), with Alembic's own
``alembic_version`` kept true, so ``alembic current`` / ``alembic upgrade`` keep working.

Before the run, revisions Alembic already applied (its version table's heads and everything
they descend from) are recorded in the runner's state as done: a project that ran
``alembic upgrade`` until now switches without re-running its history. After the run, failed or
not, every revision whose phases are all done is stamped into ``alembic_version``.

The version table is Alembic's default ``alembic_version`` in the connection's search path.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic.runtime.migration import MigrationContext
from alembic.script import Script as Revision
from sqlalchemy.pool import NullPool

from ..config import Config
from ..runner import api, db
from ..runner.events import Events
from ..runner.settings import DEFAULT_SETTINGS, RunSettings
from ..runner.state import StateStore
from ..runner.steps import MigrationPlan
from ..runner.verify import AppQuery
from .phases import parents_of
from .project import AlembicProject, open_project

__all__ = ["applied_revisions", "apply_alembic", "stamp_revisions"]


def apply_alembic(ini: str, *, url: str, target: str, config: Config = api.DEFAULT_CONFIG, schema: str | None = None,
                  settings: RunSettings = DEFAULT_SETTINGS, events: Events | None = None, dry_run: bool = False,
                  app_queries: Sequence[AppQuery] = (), allow_unsafe: bool = False,
                  **gate) -> api.ApplyResult:
    """``api.apply`` on an Alembic project, in step with ``alembic_version``. ``gate``:
    the consumer gate's and the watch's options, passed on to ``api.apply``."""
    events = events or api.make_events("text", url)
    project = open_project(Path(ini))
    with project.importable():
        by_path = {str(Path(r.path).resolve()): r for r in project.revisions()}
    plans = api.load_plans([ini], config, schema).plans
    if dry_run:
        return api.apply([ini], url=url, target=target, config=config, schema=schema, settings=settings,
                         events=events, dry_run=True, app_queries=app_queries, allow_unsafe=allow_unsafe)
    _adopt(url, project, plans, by_path, settings, events)
    try:
        result = api.apply([ini], url=url, target=target, config=config, schema=schema, settings=settings,
                           events=events, app_queries=app_queries, allow_unsafe=allow_unsafe, **gate)
    except BaseException:
        # stamp what did finish; a failure to do so must not hide why the run stopped
        try:
            _stamp_done(url, project, plans, by_path, events)
        except Exception as exc:
            events.emit("alembic_stamp_failed", message=f"alembic_version was not updated: {exc}".splitlines()[0])
        raise
    _stamp_done(url, project, plans, by_path, events)
    return result


def _revision_of(plan: MigrationPlan, by_path: dict[str, Revision]) -> Revision | None:
    return by_path.get(str(Path(plan.path).resolve()))


def _adopt(url: str, project: AlembicProject, plans: list[MigrationPlan], by_path: dict[str, Revision],
           settings: RunSettings, events: Events) -> None:
    """Record revisions Alembic already applied as done in the runner's state."""
    with _sqlalchemy(url) as connection:
        applied = applied_revisions(MigrationContext.configure(connection).get_current_heads(), by_path.values())
    if not applied:
        return
    conn = db.connect(url, purpose="alembic adopt")
    try:
        db.acquire_runner_lock(conn)  # never beside a running runner; released when this closes
        store = StateStore(conn, settings)
        store.ensure()
        states = store.phases()
        for plan in plans:
            revision = _revision_of(plan, by_path)
            if revision is None or revision.revision not in applied:
                continue
            for phase in plan.phases:
                if (plan.name, phase.phase) in states:
                    continue
                store.start_phase(plan.name, plan.path, plan.phased, phase.phase, phase.path, phase.checksum,
                                  len(phase.steps))
                store.finish_phase(plan.name, phase.phase, phase is plan.phases[-1])
                events.emit("alembic_adopted", migration=plan.name, phase=phase.phase, revision=revision.revision,
                            message=f"{plan.name}: applied by Alembic earlier ({revision.revision}), recorded as done")
    finally:
        conn.close()


def _stamp_done(url: str, project: AlembicProject, plans: list[MigrationPlan], by_path: dict[str, Revision],
                events: Events) -> None:
    conn = db.connect(url, purpose="alembic stamp", read_only=True)
    try:
        states = StateStore(conn).phases()
    finally:
        conn.close()
    done = set()
    for plan in plans:
        revision = _revision_of(plan, by_path)
        if revision is not None and plan.phases and all(
            (s := states.get((plan.name, p.phase))) is not None and s.status == "done" for p in plan.phases
        ):
            done.add(revision.revision)
    if not done:
        return
    with _sqlalchemy(url) as connection:
        before, after = stamp_revisions(connection, project, done, by_path.values())
    if after != before:
        events.emit("alembic_stamped", heads=sorted(after), previous=sorted(before),
                    message=f"alembic_version: {', '.join(sorted(after))}")


def applied_revisions(heads: Iterable[str], revisions: Iterable[Revision]) -> set[str]:
    """The heads and every revision they revise or depend on, transitively."""
    parents = {r.revision: parents_of(r) for r in revisions}
    seen: set[str] = set()
    todo = [h for h in heads if h in parents]
    while todo:
        identifier = todo.pop()
        if identifier not in seen:
            seen.add(identifier)
            todo.extend(p for p in parents.get(identifier, ()) if p in parents)
    return seen


def stamp_revisions(connection: sa.Connection, project: AlembicProject, done: set[str],
                    revisions: Iterable[Revision]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Move ``alembic_version`` forward to cover ``done``; returns its heads before and after."""
    revisions = list(revisions)
    context = MigrationContext.configure(connection)
    before = tuple(context.get_current_heads())
    covered = applied_revisions(before, revisions) | applied_revisions(done, revisions)
    below = {p for identifier in covered for p in applied_revisions([identifier], revisions) - {identifier}}
    heads = tuple(sorted(covered - below))
    if set(heads) != set(before):
        context.stamp(project.scripts, heads)
    return before, tuple(context.get_current_heads())


@contextlib.contextmanager
def _sqlalchemy(url: str):
    """A SQLAlchemy connection (what Alembic's MigrationContext needs) over the runner's own way of
    connecting, committed at the end."""
    def connect():
        raw = db.connect(url, purpose="alembic")
        raw.autocommit = False
        return raw

    engine = sa.create_engine("postgresql+psycopg://", creator=connect, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            yield connection
    finally:
        engine.dispose()
