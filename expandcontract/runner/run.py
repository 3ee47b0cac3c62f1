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
from .steps import MigrationPlan, PhasePlan

__all__ = ["TARGETS", "Runner", "pending_phases"]

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


def pending_phases(plans: Sequence[MigrationPlan], states: dict[tuple[str, str], PhaseState], target: str,
                   events: Events | None = None) -> list[Work]:
    """The phases to run for ``target``, after the safety checks (drift, contract preconditions)."""
    runs = _RUNS[target]
    work: list[Work] = []
    blocking: tuple[str, str] | None = None  # first migration whose expand/migrate is unfinished
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
                                    message=f"{phase.path} changed since this phase was applied (checksum "
                                            "mismatch); the database has the old version")
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
            if phase.phase == "contract" and target == "contract" and blocking is not None:
                name, unfinished = blocking
                what = ("its own " if name == plan.name else f"{name}'s ") + f"{unfinished} phase"
                raise Refused(
                    f"refusing to contract {plan.name}: {what} has not finished. Contract removes what the old app "
                    f"needs; run `expandcontract apply --phase migrate` first (and deploy the new app). Nothing was run.")
            done = frozenset(state.done_steps) if state else frozenset()
            work.append(Work(plan, phase, done, phase is plan.phases[-1]))
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
            raise Interrupted(f"interrupted at {phase.migration} {phase.phase} {where}: the step's open transaction "
                              "was rolled back and completed steps are recorded; rerun to continue.") from None
        self.events.emit("phase_finished", migration=phase.migration, phase=phase.phase,
                         seconds=round(time.monotonic() - t0, 3))
        if self.verify is not None:
            self.verify("after", phase)

