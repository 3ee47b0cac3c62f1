"""The schema states a deploy passes through, and which app must run on each.

A state is the schema the apps can see: the baseline, then the schema after each transaction
as the runner executes it (``transaction_groups``: a script is one transaction, a statement
that cannot run in one splits it, an explicit ``BEGIN … COMMIT`` is its own). Within one
transaction nothing is visible, so ``RENAME`` + ``CREATE VIEW old_name`` together are safe.

Windows, for a deploy of the given migrations in turn with one app switch:

* the old app runs from the baseline until the end of the last expand, migrate or unphased
  script (all of those run while it is live);
* the new app starts once every migration's expand has run (for an unphased migration: once
  it has run) and runs until the end.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..actions import Action
from ..migration import Migration, ScriptKind, Step, analyse_script
from ..parse import Statement
from ..schema import Schema
from ..sources import InputError
from ..sqltext import substitute_vars

__all__ = ["State", "Timeline", "build_timeline"]

BASELINE_PHASE = "baseline"


@dataclass(frozen=True)
class State:
    id: int
    phase: str  # "baseline", or the kind of the script that produced it
    schema: Schema
    migration: str | None = None
    file: str | None = None
    line: int | None = None
    steps: tuple[Step, ...] = ()  # the transaction that produced it

    @property
    def statements(self) -> tuple[Statement, ...]:
        return tuple(s.statement for s in self.steps if not s.is_transaction_control)

    @property
    def changes(self) -> tuple[Statement, ...]:
        """The statements that change something: no transaction control, no ``SET``."""
        return tuple(s.statement for s in _changing(self.steps)) or self.statements

    @property
    def actions(self) -> tuple[Action, ...]:
        return tuple(a for s in self.steps for a in s.actions)

    @property
    def after(self) -> str:
        """The statements that produced this state, one line each."""
        if not self.steps:
            return "before the migration"
        return "; ".join(_one_line(s.text) for s in self.statements) or "(transaction control only)"

    def summary(self, limit: int = 70) -> str:
        """The first statement that produced this state, cut to ``limit``, and how many more."""
        if not self.steps:
            return "before the migration"
        statements = self.changes
        if not statements:
            return "(transaction control only)"
        more = f" (+{len(statements) - 1} more)" if len(statements) > 1 else ""
        return _one_line(statements[0].text, limit - len(more)) + more

    @property
    def where(self) -> str:
        """``expand.sql:3`` or ``baseline``."""
        return f"{self.file}:{self.line}" if self.file else BASELINE_PHASE


@dataclass(frozen=True)
class Timeline:
    states: tuple[State, ...]
    old_window: range  # ids of the states the old app must run on
    new_window: range

    def window(self, app: str) -> range:
        return self.old_window if app == "old" else self.new_window


def build_timeline(
    migrations: Sequence[Migration],
    baseline: Schema | None = None,
    *,
    pg_version: int = 16,
    dialect: str = "postgres",
    variables: Mapping[str, str] | None = None,
) -> Timeline:
    """Replay the migrations on the baseline and record the schema after every transaction.

    Raises ``InputError`` naming the file and line of a statement that does not parse: the
    states after it would be guesses.
    """
    schema = baseline or Schema()
    states = [State(0, BASELINE_PHASE, schema)]
    old_end = 0
    new_start = 0
    for migration in migrations:
        start = len(states) - 1
        migration_new_start = start
        for script in migration.scripts:
            text = substitute_vars(script.text, variables) if variables else script.text
            analysed = analyse_script(script, schema, origin=migration.name, pg_version=pg_version,
                                      dialect=dialect, text=text)
            for step in analysed.steps:
                stmt = step.statement
                if stmt.node is None:
                    raise InputError(script.path, f"cannot parse migration statement: {stmt.error}",
                                     stmt.error_line)
            groups = analysed.groups
            for index, group in enumerate(groups):
                # what the apps see once this transaction commits
                after = groups[index + 1].steps[0].schema_before if index + 1 < len(groups) else analysed.schema_after
                real = _changing(group.steps) or [s for s in group.steps if not s.is_transaction_control] \
                    or list(group.steps)
                states.append(State(len(states), script.kind.value, after, migration.name, script.path,
                                    real[0].statement.line, group.steps))
            schema = analysed.schema_after
            end = len(states) - 1
            if script.kind.old_app_live:
                old_end = end
            if script.kind in (ScriptKind.EXPAND, ScriptKind.UNPHASED):
                migration_new_start = end
        new_start = max(new_start, migration_new_start)
    last = len(states) - 1
    return Timeline(tuple(states), range(0, old_end + 1), range(new_start, last + 1))


def _changing(steps) -> list[Step]:
    return [s for s in steps if not s.is_transaction_control and not (s.actions and all(a.op == "set" for a in s.actions))]


def _one_line(text: str, limit: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
