"""The schema states a deploy passes through, and which app must run on each.

A state is the schema the apps can see: the baseline, then the schema after each transaction
as the runner executes it (``transaction_groups``: a script is one transaction, a statement
that cannot run in one splits it, an explicit ``BEGIN … COMMIT`` is its own). Within one
transaction nothing is visible, so ``RENAME`` + ``CREATE VIEW old_name`` together are safe.

The scripts run in deploy order (``deploy_order``), as the runner runs them with one app switch:
every migration's expand (or unphased script) and migrate in turn, then the contracts in turn.

* the old app runs from the baseline until the end of the last expand, migrate or unphased
  script (all of those run while it is live);
* the new app starts once every migration's expand has run (for an unphased migration: once
  it has run) and runs until the end.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..core.errors import InputError
from ..core.migration import Migration, Script, ScriptKind, Step, analyse_script
from ..core.ops import Action
from ..core.parse import Statement
from ..core.schema import Schema
from ..core.sqltext import substitute_vars
from ..core.suppress import unrendered_markers

__all__ = ["State", "Timeline", "Unmodelled", "build_timeline"]

BASELINE_PHASE = "baseline"

# statements the schema model does not replay although they can change what a query sees: the
# states after them may be wrong, so the check says so instead of calling them proven
_UNMODELLED = {
    "do_block": "a DO block runs code the check cannot replay",
    "call": "a procedure (CALL) can change anything",
    "drop_schema": "DROP SCHEMA removes what the schema holds",
    "rename_schema": "renaming a schema moves everything in it",
    "create_rule": "a rule can redirect or forbid writes",
    "drop_extension": "dropping an extension removes its types, functions and the columns using them",
    "rename_type": "renaming a type is not replayed",
    "rename_attribute": "renaming a composite type's attribute is not replayed",
    "add_inherit": "inheritance changes what the parent's queries see",
    "drop_inherit": "inheritance changes what the parent's queries see",
    "other_alter": "this ALTER is not modelled",
    "rename_other": "this RENAME is not modelled",
    "drop_other": "this DROP is not modelled",
}
# unknown statement types (``Action(op="other")`` with their node kind) that cannot change a relation
_HARMLESS_OTHER = frozenset({"NotifyStmt", "CreatePublicationStmt", "AlterPublicationStmt", "CreateCastStmt",
                             "CreateEventTrigStmt", "ListenStmt", "UnlistenStmt", "CheckPointStmt",
                             "DeallocateStmt", "DiscardStmt", "PrepareStmt", "LoadStmt",
                             "CreateSubscriptionStmt", "AlterSubscriptionStmt", "SecLabelStmt"})


@dataclass(frozen=True)
class Unmodelled:
    """A migration statement whose effect on the schema is not replayed."""

    state: int
    file: str
    line: int
    statement: str
    reason: str

    def to_dict(self) -> dict:
        return {"state": self.state, "file": self.file, "line": self.line, "statement": self.statement,
                "reason": self.reason}


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
    unmodelled: tuple[Unmodelled, ...] = ()

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
    unmodelled: list[Unmodelled] = []
    for migration, script in deploy_order(migrations):
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
            unmodelled.extend(Unmodelled(len(states) - 1, script.path, step.statement.line,
                                         _one_line(step.statement.text), reason)
                              for step in group.steps for reason in _unmodelled(step.actions))
        for line, reason in unrendered_markers(text):  # a revision whose SQL could not be produced
            unmodelled.append(Unmodelled(len(states) - 1, script.path, script.position(line, 1)[0],
                                         "(the revision's SQL)", reason))
        schema = analysed.schema_after
        if script.kind.old_app_live:
            old_end = len(states) - 1
        if script.kind in (ScriptKind.EXPAND, ScriptKind.UNPHASED):
            new_start = len(states) - 1  # the new app needs every expand (and unphased script) run
    last = len(states) - 1
    return Timeline(tuple(states), range(0, old_end + 1), range(new_start, last + 1), tuple(unmodelled))


def deploy_order(migrations: Sequence[Migration]) -> list[tuple[Migration, Script]]:
    """The scripts in the order a deploy runs them: ``apply --phase migrate`` runs every
    migration's expand (or unphased script) and migrate in turn, the new app is deployed, then
    ``apply --phase contract`` runs the contracts in turn.

    >>> from expandcontract.core.migration import Script
    >>> def m(name, *kinds):
    ...     return Migration(name, name, tuple(Script(f"{name}/{k}.sql", ScriptKind(k), "") for k in kinds))
    >>> [s.path for _, s in deploy_order([m("a", "expand", "migrate", "contract"), m("b", "expand", "contract")])]
    ['a/expand.sql', 'a/migrate.sql', 'b/expand.sql', 'a/contract.sql', 'b/contract.sql']
    """
    scripts = [(m, s) for m in migrations for s in m.scripts]
    return ([(m, s) for m, s in scripts if s.kind is not ScriptKind.CONTRACT]
            + [(m, s) for m, s in scripts if s.kind is ScriptKind.CONTRACT])


def _unmodelled(actions) -> list[str]:
    """Why the schema after these actions may not be what the model says (one reason each)."""
    reasons = []
    for action in actions:
        kind = action.detail.get("kind") if action.op == "other" else None  # a statement type actions.py does not know
        if kind and kind not in _HARMLESS_OTHER:
            reason = f"{kind} is not modelled"
        else:
            reason = _UNMODELLED.get(action.op)
        if reason and reason not in reasons:
            reasons.append(reason)
    return reasons


def _changing(steps) -> list[Step]:
    return [s for s in steps if not s.is_transaction_control and not (s.actions and all(a.op == "set" for a in s.actions))]


def _one_line(text: str, limit: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
