"""Edge: the Alembic side of ``split --format alembic``: where the revisions attach in an
existing project (``--alembic alembic.ini``), and the lint of the revisions as written, through
the same offline reader ``expandcontract lint alembic.ini`` uses."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..core.findings import Finding
from ..core.migration import ScriptKind
from ..core.record import replace
from ..core.schema import Schema
from ..lint import lint_migrations
from .revisions import Placement

__all__ = ["Target", "find_target", "lint_revisions"]


@dataclass(frozen=True)
class Target:
    placement: Placement
    versions: Path  # the project's versions directory
    existing: Mapping[str, Path]  # revision id -> file, of the revisions the project has


def find_target(ini: str, down_revision: str | None, own_ids: set[str]) -> Target:
    """Where the revisions ``own_ids`` go: after ``down_revision`` when given; else after the
    project's head; else, in a project with ``expand`` and ``contract`` branches, on them.
    Revisions with ``own_ids`` (an earlier run of the same split) are left out of the graph."""
    from ..alembic.phases import inherited_label_phases
    from ..alembic.project import AlembicError, open_project

    project = open_project(Path(ini))
    with project.importable():
        revisions = project.revisions()
    existing = {r.revision: Path(r.path).resolve() for r in revisions}
    versions = Path(project.scripts.versions)
    if down_revision is not None:
        if down_revision not in existing:
            raise AlembicError(ini, f"--down-revision {down_revision}: the project has no such revision")
        if down_revision in own_ids:
            raise AlembicError(ini, f"--down-revision {down_revision} is one of the revisions this split writes")
        return Target(Placement(down_revision), versions, existing)
    theirs = [r for r in revisions if r.revision not in own_ids]
    # as Alembic counts heads: a revision another one depends on (depends_on) is still a head
    parents = {p for r in theirs for p in _down_revisions(r)}
    heads = [r.revision for r in theirs if r.revision not in parents]
    if len(heads) <= 1:
        return Target(Placement(heads[0] if heads else None), versions, existing)
    labels = inherited_label_phases(theirs)
    by_phase = {labels.get(h): h for h in heads}
    if len(heads) == 2 and set(by_phase) == {ScriptKind.EXPAND, ScriptKind.CONTRACT}:
        return Target(Placement(by_phase[ScriptKind.EXPAND], branched=True,
                                contract_head=by_phase[ScriptKind.CONTRACT]), versions, existing)
    raise AlembicError(ini, f"has {len(heads)} heads ({', '.join(sorted(heads))}) and no expand/contract "
                            "branch labels to follow: pass --down-revision REV")


def _down_revisions(revision) -> tuple[str, ...]:
    down = revision.down_revision
    return () if not down else (down,) if isinstance(down, str) else tuple(down)


def lint_revisions(files: Mapping[str, str], config: Config, baseline: Schema | None,
                   shown_in: str | Path) -> list[Finding]:
    """Lint the revision files as Alembic loads them, with findings pointing into ``shown_in``.

    ``files`` must form a chain from the base (the lint has no project around them).
    """
    from ..alembic.offline import alembic_migrations

    with tempfile.TemporaryDirectory(prefix="ec-split-") as tmp:
        versions = Path(tmp) / "versions"
        versions.mkdir()
        for name, text in files.items():
            if name.endswith(".py"):
                (versions / name).write_text(text, encoding="utf-8")
        migrations = alembic_migrations(Path(tmp))
        findings = lint_migrations(migrations, config=config, baseline=baseline).findings
    return [replace(f, file=str(Path(shown_in) / Path(f.file).name)) if Path(f.file).name in files else f
            for f in findings]
