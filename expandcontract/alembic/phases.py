"""The phase of an Alembic revision.

Declared, in this order of precedence:

* a module-level ``phase = "expand"`` (or ``"migrate"``, ``"contract"``), which may refine the
  branch's phase (a backfill on the expand branch is ``phase = "migrate"``) but never put a
  contract change on the expand branch, which runs while the old app is live;
* a branch label ``expand`` / ``migrate`` / ``contract`` on the revision or the nearest revision
  it descends from (two long-lived branches, the way OpenStack Neutron runs Alembic); a revision
  on the expand branch that only changes data (as below) is a migrate revision all the same.

Undeclared revisions are read from their SQL: only data changes (``op.execute`` of
UPDATE/DELETE/INSERT, ``op.bulk_insert``) make a migrate revision; anything else, schema
changes mixed with data changes included, is linted as unphased.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from alembic.script import Script as Revision

from ..core.migration import ScriptKind
from ..core.ops import Phase
from ..core.ops.registry import classify, extract_actions
from ..core.parse import parse_sql
from ..core.schema import Schema
from .project import AlembicError

__all__ = ["PHASES", "declared_contract", "deployment_order", "inherited_label_phases", "parents_of", "revision_kind"]

PHASES = {"expand": ScriptKind.EXPAND, "migrate": ScriptKind.MIGRATE, "contract": ScriptKind.CONTRACT}


def _as_tuple(value) -> tuple[str, ...]:
    if not value:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _own_label_phase(revision: Revision) -> ScriptKind | None:
    labels = {label.lower() for label in _as_tuple(getattr(revision.module, "branch_labels", None))}
    named = sorted(labels & PHASES.keys())
    if len(named) > 1:
        raise AlembicError(revision.path, f"branch labels name two phases ({', '.join(named)}): keep one",
                           _assignment_line(revision.path, "branch_labels"))
    return PHASES[named[0]] if named else None


def inherited_label_phases(revisions: Iterable[Revision]) -> dict[str, ScriptKind | None]:
    """Revision id -> the phase its branch label (own or inherited) declares.

    ``revisions`` come parents first. A merge of two phases declares none.
    """
    found: dict[str, ScriptKind | None] = {}
    for revision in revisions:
        own = _own_label_phase(revision)
        if own is None:
            parents = {found.get(p) for p in _as_tuple(revision.down_revision)}
            own = parents.pop() if len(parents) == 1 else None
        found[revision.revision] = own
    return found


def revision_kind(revision: Revision, label_phase: ScriptKind | None, sql: str) -> ScriptKind:
    """The kind of script this revision's SQL is linted as."""
    attribute = getattr(revision.module, "phase", None)
    if attribute is not None:
        line = _assignment_line(revision.path, "phase")
        if not isinstance(attribute, str) or attribute.lower() not in PHASES:
            raise AlembicError(revision.path, f"phase = {attribute!r}: use 'expand', 'migrate' or 'contract'", line)
        declared = PHASES[attribute.lower()]
        if label_phase is ScriptKind.EXPAND and declared is ScriptKind.CONTRACT:
            raise AlembicError(revision.path, f"phase = {attribute!r} but the revision is on the expand branch, "
                               "which runs while the old app is live: move it to the contract branch", line)
        return declared
    if label_phase is ScriptKind.EXPAND and _only_data_changes(sql):
        return ScriptKind.MIGRATE  # data movement on the expand branch: a backfill, which the runner batches
    if label_phase is not None:
        return label_phase
    return ScriptKind.MIGRATE if _only_data_changes(sql) else ScriptKind.UNPHASED


def _only_data_changes(sql: str) -> bool:
    """Every statement that does something changes rows, none changes the schema."""
    phases = {
        classify(action, Schema()).phase
        for statement in parse_sql(sql)
        for action in extract_actions(statement)
    } - {Phase.NONE}
    return phases == {Phase.MIGRATE}


def _assignment_line(path: str, name: str) -> int | None:
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    m = re.search(rf"^{name}\s*(?::[^=\n]*)?=", text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else None



def parents_of(revision: Revision) -> tuple[str, ...]:
    """What a revision revises and depends on (Alembic resolves ``depends_on`` labels)."""
    resolved = getattr(revision, "_all_down_revisions", None)
    if resolved is not None:
        return tuple(resolved)
    return _as_tuple(revision.down_revision) + _as_tuple(revision.dependencies)


def deployment_order(revisions: Sequence[Revision], contract: set[str]) -> list[Revision]:
    """Every revision after its parents, a contract revision as early as they allow: release N's
    contract comes before release N+1's expand, as deployments run them (any order after the
    parents is one Alembic accepts; this one also keeps the runner from holding N's contract back
    until N+1's expand ran).

    ``revisions`` come parents first; ``contract`` holds the ids of contract revisions.
    """
    position = {r.revision: i for i, r in enumerate(revisions)}
    waiting = {r.revision: {p for p in parents_of(r) if p in position} for r in revisions}
    children: dict[str, list[str]] = {}
    for child, parents in waiting.items():
        for parent in parents:
            children.setdefault(parent, []).append(child)

    def key(identifier: str) -> tuple[bool, int, str]:
        return identifier not in contract, position[identifier], identifier

    ready = [key(i) for i, parents in waiting.items() if not parents]
    heapq.heapify(ready)
    ordered = []
    while ready:
        _, _, identifier = heapq.heappop(ready)
        ordered.append(revisions[position[identifier]])
        for child in children.get(identifier, ()):
            waiting[child].discard(identifier)
            if not waiting[child]:
                heapq.heappush(ready, key(child))
    return ordered


def declared_contract(revision: Revision, label_phase: ScriptKind | None) -> bool:
    attribute = getattr(revision.module, "phase", None)
    if isinstance(attribute, str):
        return attribute.lower() == "contract"
    return label_phase is ScriptKind.CONTRACT
