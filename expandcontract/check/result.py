"""What ``check`` found, as values, and its stable JSON shape."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .queries import AppQuery
from .resolve import Problem
from .timeline import State, Timeline

__all__ = ["APPS", "APP_TITLES", "CheckResult", "Failure", "Unchecked"]

APPS = ("old", "new")
APP_TITLES = {"old": "old app", "new": "new app"}
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Failure:
    """A query of one app that fails on some states it must run on."""

    app: str  # "old" | "new"
    query: AppQuery
    problem: Problem
    states: tuple[int, ...]  # the states of its window it fails on
    phase: str  # of the first of them
    subject: str  # ``old app query users.sql:3 (get_user)``
    detail: str  # what breaks since which statement
    help: str  # the fix, in expand/contract terms
    cause: tuple[str, int] | None = None  # (file, line) of the migration statement responsible

    @property
    def state(self) -> int:
        return self.states[0]

    @property
    def message(self) -> str:
        return f"{self.subject}: {self.detail}"

    def to_dict(self) -> dict:
        return {
            "app": self.app,
            "state": self.state,
            "states": list(self.states),
            "phase": self.phase,
            "source": self.query.source,
            "line": self.query.line,
            "name": self.query.name,
            "query": self.query.text,
            "kind": self.problem.kind,
            "message": self.message,
            "help": self.help,
            "cause": {"file": self.cause[0], "line": self.cause[1]} if self.cause else None,
        }


@dataclass(frozen=True)
class Unchecked:
    app: str
    query: AppQuery
    reason: str

    def to_dict(self) -> dict:
        return {"app": self.app, "source": self.query.source, "line": self.query.line,
                "query": self.query.text, "reason": self.reason}


@dataclass(frozen=True)
class CheckResult:
    timeline: Timeline
    queries: Mapping[str, tuple[AppQuery, ...]]  # per app, everything loaded
    failures: tuple[Failure, ...]
    unchecked: tuple[Unchecked, ...]
    # per app: the number of failing queries on each state of its window
    matrix: Mapping[str, Mapping[int, int]]

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def unmodelled(self):
        """Migration statements whose effect the states do not include."""
        return self.timeline.unmodelled

    def exit_code(self, *, strict: bool = False) -> int:
        """1 when an app breaks on a state it must run on (or, ``strict``, a query is unchecked
        or a migration statement is not modelled)."""
        return 1 if self.failures or (strict and (self.unchecked or self.unmodelled)) else 0

    def checked(self, app: str) -> int:
        return sum(1 for q in self.queries.get(app, ()) if not q.session) - sum(
            1 for u in self.unchecked if u.app == app)

    def summary(self) -> dict[str, int]:
        apps = [a for a in APPS if a in self.queries]
        return {
            "queries_checked": sum(self.checked(a) for a in apps),
            "queries_unchecked": len(self.unchecked),
            "queries_ignored": sum(1 for a in apps for q in self.queries[a] if q.session),
            "states": len(self.timeline.states),
            "failures": len(self.failures),
            "statements_unmodelled": len(self.unmodelled),
        }

    def to_dict(self) -> dict:
        return {
            "version": SCHEMA_VERSION,
            "ok": self.ok,
            "states": [_state_dict(s, self.timeline) for s in self.timeline.states],
            "summary": self.summary(),
            "failures": [f.to_dict() for f in self.failures],
            "unchecked": [u.to_dict() for u in self.unchecked],
            "unmodelled": [u.to_dict() for u in self.unmodelled],
        }


def _state_dict(state: State, timeline: Timeline) -> dict:
    return {
        "id": state.id,
        "phase": state.phase,
        "after": state.after,
        "file": state.file,
        "line": state.line,
        "migration": state.migration,
        "old_app": state.id in timeline.old_window,
        "new_app": state.id in timeline.new_window,
    }
