"""The orchestration of a run: which phases of which migrations are pending up to the target
phase, in what order, with what preconditions; then each step through an executor.

Order is migration by migration, phase by phase within each (the order lint replays them in).
``--phase expand`` runs the expand phase (and unphased files); ``migrate`` runs expand and
migrate; ``contract`` runs only contract phases, and refuses while an earlier migration's expand
or migrate has not finished (the new app must be out first); ``all`` runs everything.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .errors import Interrupted, Refused, RunnerError
from .events import Events
from .executor import Executor
from .state import PhaseState
from .steps import MigrationPlan, PhasePlan, what_stays

__all__ = ["TARGETS", "Drift", "Runner", "drifted", "pending_phases"]

TARGETS = ("expand", "migrate", "contract", "all")
_RUNS = {"expand": {"expand"}, "migrate": {"expand", "migrate"}, "contract": {"contract"},
         "all": {"expand", "migrate", "contract"}}


@dataclass(frozen=True)
class Work:
    migration: MigrationPlan
    phase: PhasePlan
    done_steps: frozenset[int]
    last: bool  # the migration's final phase


def _finished(states: dict[tuple[str, str], PhaseState], migration: str, phase: str) -> bool:
    state = states.get((migration, phase))
    return state is not None and state.status == "done"


def unfinished(name: str, row: dict, states: dict[tuple[str, str], PhaseState]) -> str | None:
    """The first phase (expand, migrate, or an abort) of a recorded migration that has not
    finished, else None. The phases its files have are recorded with it (``row["phases"]``);
    for a row from an older runner, only the phases it recorded count."""
    if row.get("status") == "aborted":
        return None
    if (name, "abort") in states:
        return "abort"
    known = set(row.get("phases") or ()) | {ph for (m, ph) in states if m == name}
    for phase in ("expand", "migrate"):
        if phase in known and not _finished(states, name, phase):
            return phase
    return None


def _outside_blockers(plans: Sequence[MigrationPlan], states: dict[tuple[str, str], PhaseState],
                      recorded: dict[str, dict]) -> list[tuple[dict, str]]:
    """Migrations the database knows of, missing from the given paths, with an unfinished phase."""
    names = {p.name for p in plans}
    out = []
    for name, row in recorded.items():
        if name in names:
            continue
        phase = unfinished(name, row, states)
        if phase is not None:
            out.append((row, phase))
    return out


def _outside_refusal(action: str, blocker: tuple[dict, str], states: dict[tuple[str, str], PhaseState]) -> Refused:
    row, phase = blocker
    name, path = row["name"], row["path"]
    if phase == "abort":
        how = f"rerun `expandcontract abort {path}` to finish undoing it"
        what = "its abort has not finished"
    else:
        state = states.get((name, phase))
        where = ("not started" if state is None else
                 f"{state.status}, {len(state.done_steps)} of {state.steps_total} steps done")
        what = f"its {phase} phase has not finished ({where})"
        how = (f"finish it with `expandcontract apply {path} --phase {phase}`, or undo its expand with "
               f"`expandcontract abort {path}`")
    return Refused(
        f"refusing to {action}: {name}, an earlier migration recorded in this database (applied from {path}, not "
        f"in the given paths), is unfinished: {what}. Its data may still depend on what this run would change; "
        f"{how} (restore its files first if they were moved or deleted). Nothing was run.")


@dataclass(frozen=True)
class Drift:
    """A finished phase whose file changed since it ran: the database has the old version."""

    migration: str
    phase: str
    path: str
    old_checksum: str
    new_checksum: str


def drifted(plans: Sequence[MigrationPlan], states: dict[tuple[str, str], PhaseState]) -> list[Drift]:
    out = []
    for plan in plans:
        for phase in plan.phases:
            state = states.get((plan.name, phase.phase))
            if state is not None and state.status == "done" and state.checksum != phase.checksum:
                out.append(Drift(plan.name, phase.phase, phase.path, state.checksum, phase.checksum))
    return out


def _drift_refusal(found: Sequence[Drift], work: Sequence[Work]) -> Refused:
    files = ", ".join(f"{d.path} ({d.migration} {d.phase})" for d in found)
    nxt = work[0].phase
    return Refused(
        f"refusing to run {nxt.migration} {nxt.phase} and what follows: {files} changed since "
        f"{'it was' if len(found) == 1 else 'they were'} applied, so the database does not have what the "
        f"file{'' if len(found) == 1 else 's'} now say{'s' if len(found) == 1 else ''}. Restore the applied "
        "version, or write the change as a new migration; if the edit changes nothing that ran (a comment, "
        "formatting), pass --accept-changed to record the new version and go on. Nothing was run.")


def pending_phases(plans: Sequence[MigrationPlan], states: dict[tuple[str, str], PhaseState], target: str,
                   events: Events | None = None, recorded: dict[str, dict] | None = None, *,
                   accept_changed: bool = True) -> list[Work]:
    """The phases to run for ``target``, after the safety checks (drift, contract preconditions).

    ``recorded``: the migrations the database's state knows of (``StateStore.migrations``). One
    missing from ``plans`` (its files not passed, moved or deleted) whose expand or migrate has not
    finished refuses every migrate and contract phase of migrations recorded after it (or not yet):
    a contract could drop what its backfill still reads.

    A finished phase whose file changed refuses every phase to run unless ``accept_changed``
    (then it is reported as a ``drift`` event, and the caller records the acceptance)."""
    runs = _RUNS[target]
    work: list[Work] = []
    blocking: tuple[str, str] | None = None  # first migration whose expand/migrate is unfinished
    recorded = recorded or {}
    outside = _outside_blockers(plans, states, recorded)
    for plan in plans:
        if (plan.name, "abort") in states:
            raise Refused(f"the abort of {plan.name} has not finished: rerun `expandcontract abort {plan.name}` "
                          "before applying anything. Nothing was run.")
        for phase in plan.phases:
            state = states.get((plan.name, phase.phase))
            if state is not None and state.checksum != phase.checksum:
                if state.status == "done":
                    if events is not None:
                        events.emit("drift", migration=plan.name, phase=phase.phase, path=phase.path,
                                    accepted=accept_changed,
                                    message=f"{phase.path} changed since this phase was applied (checksum "
                                            "mismatch); the database has the old version"
                                            + ("" if not accept_changed else "; accepted (--accept-changed)"))
                else:
                    raise Refused(
                        f"{plan.name} {phase.phase} was partly applied ({len(state.done_steps)} of "
                        f"{state.steps_total} steps) from another version of {phase.path}: the file changed since. "
                        f"Restore it as it was and rerun, or `expandcontract abort {plan.name}`; nothing was run.")
            if _finished(states, plan.name, phase.phase):
                continue
            if phase.phase != "contract" and blocking is None:
                blocking = (plan.name, phase.phase)
            if phase.phase not in runs:
                continue
            if phase.phase in ("migrate", "contract") and outside:
                mine = recorded.get(plan.name)
                earlier = [b for b in outside if mine is None or b[0]["created"] < mine["created"]]
                if earlier:
                    raise _outside_refusal(f"{phase.phase} {plan.name}", earlier[0], states)
            if phase.phase == "contract" and target == "contract" and blocking is not None:
                name, unfinished = blocking
                what = ("its own " if name == plan.name else f"{name}'s ") + f"{unfinished} phase"
                raise Refused(
                    f"refusing to contract {plan.name}: {what} has not finished. Contract removes what the old app "
                    f"needs; run `expandcontract apply --phase migrate` first (and deploy the new app). Nothing was run.")
            done = frozenset(state.done_steps) if state else frozenset()
            work.append(Work(plan, phase, done, phase is plan.phases[-1]))
    found = drifted(plans, states)
    if found and work and not accept_changed:
        raise _drift_refusal(found, work)
    return work


class Runner:
    def __init__(self, executor: Executor, events: Events,
                 verify: Callable[[str, PhasePlan], None] | None = None) -> None:
        self.executor, self.events, self.verify = executor, events, verify

    def run(self, work: Sequence[Work]) -> int:
        """Run the phases; returns how many ran. Raises ``RunnerError`` with the state recorded."""
        for item in work:
            self._phase(item)
        return len(work)

    def _phase(self, item: Work) -> None:
        phase = item.phase
        if self.verify is not None:
            self.verify("before", phase)
        resume_at = next((s.number for s in phase.steps if s.number not in item.done_steps), len(phase.steps) + 1)
        self.events.emit("phase_started", migration=phase.migration, phase=phase.phase, path=phase.path,
                         steps=len(phase.steps), resume_at=resume_at, checksum=phase.checksum)
        t0 = time.monotonic()
        self.executor.start_phase(item.migration, phase)
        step = None
        try:
            for step in phase.steps:
                if step.number in item.done_steps:
                    self.events.emit("step_skipped", migration=phase.migration, phase=phase.phase, step=step.number,
                                     reason="done in an earlier run")
                    continue
                self.executor.run_step(phase, step)
            step = None
            self.executor.finish_phase(item.migration, phase, last=item.last)
        except RunnerError as exc:
            self.executor.fail_phase(phase, step, str(exc))
            raise
        except KeyboardInterrupt:
            where = f"step {step.number}" if step else "the end of the phase"
            self.executor.fail_phase(phase, step, f"interrupted (Ctrl-C or SIGTERM) at {where}")
            stays = what_stays(step) if step else "Every step of the phase is recorded."
            raise Interrupted(f"interrupted at {phase.migration} {phase.phase} {where}. {stays} Completed steps are "
                              "recorded; rerun to continue.") from None
        self.events.emit("phase_finished", migration=phase.migration, phase=phase.phase,
                         seconds=round(time.monotonic() - t0, 3))
        if self.verify is not None:
            self.verify("after", phase)

