"""A ``Plan`` as Alembic revisions: one per phase that has something to run, and the plan.

Each revision declares its phase the way ``expandcontract.alembic`` reads it, with a
module-level ``phase = "expand" | "migrate" | "contract"``. Placed linearly (expand, then
migrate, then contract) no branch label is set: in a single chain a label would cover the
revisions after it, so ``expand@head`` would reach contract. In a project that already runs
``expand`` and ``contract`` branches, expand and migrate go on the expand branch and contract on
the contract branch, depending on them; the revisions inherit the labels.

Transactions are the plan's: the revision runs in Alembic's transaction; a statement that
cannot run in one sits in ``autocommit_block()``; a commit between two transactions of the
plan is an empty ``autocommit_block()`` (Alembic commits before the block and begins after it),
called ``new_transaction()`` in the revision. The backfill directive is a comment right above
its ``op.execute``, where the Alembic reader looks for it. Pure: text in, text out.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from ..core.migration import PHASE_ORDER, ScriptKind
from ..core.schema import Schema
from .model import Plan, Sql
from .pycode import execute_argument, python_string
from .render import render_plan_md
from .reverse import Undo, contract_is_one_way, undo_expand, undo_migrate

__all__ = ["MAX_PREFIX", "Placement", "plan_file_name", "render_revisions", "revision_ids", "revision_prefix"]

# alembic_version.version_num is VARCHAR(32): the prefix leaves room for "_contract"
MAX_PREFIX = 32 - len("_contract")

_WHEN = {
    ScriptKind.EXPAND: "Runs while the old app serves traffic, before the new app is deployed.",
    ScriptKind.MIGRATE: "Runs after the new app is deployed; both apps serve traffic. The expandcontract "
                        "runner batches each backfill by its key.",
    ScriptKind.CONTRACT: "Runs once every instance of the old app is stopped; only the new app serves traffic.",
}

_NEW_TRANSACTION = '''\
def new_transaction() -> None:
    """Commit what ran so far; what follows runs in a transaction of its own. (An empty
    autocommit block: Alembic commits before it and begins a transaction after it.)"""
    with op.get_context().autocommit_block():
        pass
'''


@dataclass(frozen=True)
class Placement:
    """Where the revisions attach to the project's graph.

    Linear: expand revises ``down_revision``, migrate revises expand, contract revises the last
    of them. Branched: contract revises ``contract_head`` (the contract branch) instead and
    depends on the last revision on the expand branch.
    """

    down_revision: str | None = None
    branched: bool = False
    contract_head: str | None = None


def revision_prefix(migration_path: str) -> str:
    """A readable revision id prefix from the migration's file name.

    >>> revision_prefix("migrations/0042-Rename users.name.sql"), revision_prefix("---.sql")
    ('0042_rename_users_name', 'split')
    """
    stem = re.sub(r"\.sql$", "", migration_path.replace("\\", "/").rsplit("/", 1)[-1], flags=re.I)
    words = re.sub(r"[^a-z0-9]+", "_", stem.lower()).strip("_")
    return words[:MAX_PREFIX].rstrip("_") or "split"


def revision_ids(plan: Plan, prefix: str) -> dict[ScriptKind, str]:
    """Phase -> revision id, for the phases that have something to run."""
    return {k: f"{prefix}_{k.value}" for k in PHASE_ORDER if plan.blocks(k)}


def plan_file_name(prefix: str) -> str:
    return f"{prefix}_PLAN.md"


def render_revisions(plan: Plan, prefix: str, placement: Placement, baseline: Schema, *,
                     ini: str = "alembic.ini") -> dict[str, str]:
    """File name -> text: ``<id>.py`` for each revision, then ``<prefix>_PLAN.md``.

    ``baseline`` is the schema before the split (what expand's downgrade restores); ``ini``
    names the project's alembic.ini in the instructions.
    """
    ids = revision_ids(plan, prefix)
    files: dict[str, str] = {}
    previous = placement.down_revision
    expand_branch_last = placement.down_revision
    for kind, rev in ids.items():
        down, depends = previous, None
        if kind is ScriptKind.CONTRACT and placement.branched:
            down = placement.contract_head
            depends = expand_branch_last if expand_branch_last != placement.down_revision else None
        files[f"{rev}.py"] = _revision(plan, kind, rev, down, depends, baseline, plan_file_name(prefix))
        previous = rev
        if kind is not ScriptKind.CONTRACT:
            expand_branch_last = rev
    plan_md = render_plan_md(plan, {k: f"`{rev}`" for k, rev in ids.items()}, _how_to_run(ids, ini))
    # the recipes' notes name the phase scripts of the SQL layout
    files[plan_file_name(prefix)] = _PHASE_FILE.sub(
        lambda m: f"`{ids[ScriptKind(m[1])]}`" if ScriptKind(m[1]) in ids else f"the {m[1]} phase", plan_md)
    return files


_PHASE_FILE = re.compile(r"\b(expand|migrate|contract)\.sql\b")


def _how_to_run(ids: dict[ScriptKind, str], ini: str) -> list[str]:
    if not ids:
        return ["## Revisions", "", "None: no phase has anything to run."]
    lines = ["## Revisions", ""]
    lines += [f"- `{rev}` ({rev}.py): phase {kind.value}" for kind, rev in ids.items()]
    lines += [
        "",
        "Run each phase with the expandcontract runner (lock timeouts, retries, batched backfills;",
        "`alembic_version` is kept in step):",
        "",
        *(f"    expandcontract apply --alembic {ini} --phase {kind.value}" for kind in ids),
        "",
        "or with Alembic alone (backfills then run as one UPDATE each): "
        + ", ".join(f"`alembic upgrade {rev}`" for rev in ids.values()) + ".",
    ]
    return lines


# ---------------------------------------------------------------------------------------------
# One revision module


class _Body:
    """The lines of a function body, and what they need at module level."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.uses_sa = False
        self.uses_new_transaction = False

    def comment(self, text: str, indent: str = "    ") -> None:
        for line in text.splitlines() or [""]:
            self.lines.append(f"{indent}#{line}" if line.startswith(" ") else f"{indent}# {line}".rstrip())

    def execute(self, sql: Sql, indent: str = "    ") -> None:
        for comment in sql.comments:
            self.comment(comment, indent)
        if sql.backfill_key is not None:
            self.comment(f"expandcontract: backfill key={sql.backfill_key}", indent)
        argument, uses_sa = execute_argument(sql.text.strip().rstrip(";").rstrip())
        self.uses_sa |= uses_sa
        self.lines.append(f"{indent}op.execute({argument})")

    def text(self) -> str:
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        return "\n".join(self.lines or ["    pass"])


def _upgrade(plan: Plan, kind: ScriptKind) -> _Body:
    body = _Body()
    numbered = [(i, c) for i, c in enumerate(plan.changes, 1) if c.blocks(kind)]
    for setting in plan.settings:
        body.execute(setting)
    if plan.settings:
        body.lines.append("")
    open_transaction = False
    for number, change in numbered:
        for index, block in enumerate(change.blocks(kind)):
            if block.transactional and open_transaction:
                body.lines.append("    new_transaction()")
                body.uses_new_transaction = True
            if index == 0:
                body.comment(f"{number}. {change.title} (line {change.line})")
            if block.transactional:
                for sql in block.statements:
                    body.execute(sql)
            else:
                body.lines.append("    with op.get_context().autocommit_block():")
                for sql in block.statements:
                    body.execute(sql, "        ")
            # after an autocommit block Alembic begins a fresh transaction
            open_transaction = block.transactional
            body.lines.append("")
    return body


def _downgrade(plan: Plan, kind: ScriptKind, baseline: Schema, rev: str) -> _Body:
    body = _Body()
    if kind is ScriptKind.CONTRACT:
        body.lines += _raise(contract_is_one_way(plan.changes))
        return body
    undo: Undo = (undo_expand if kind is ScriptKind.EXPAND else undo_migrate)(plan.changes, baseline)
    if undo.blocker:
        message = (f"{rev} cannot be undone automatically: {undo.blocker}. Write this downgrade by hand, "
                   "or restore from a backup")
        body.lines += _raise(message)
        return body
    if not undo.statements:
        if kind is ScriptKind.MIGRATE:
            body.comment("nothing to undo: the backfills only fill columns the expand revision adds, "
                         "and its downgrade drops them")
        else:
            body.comment("nothing to undo: this phase only cleans up leftovers of interrupted runs")
        body.lines.append("    pass")
        return body
    body.comment("undoes the upgrade step by step, last step first")
    for setting in plan.settings:
        body.execute(setting)
    for sql in undo.statements:
        if sql.transactional:
            body.execute(sql)
        else:
            body.lines.append("    with op.get_context().autocommit_block():")
            body.execute(sql, "        ")
    return body


def _raise(message: str) -> list[str]:
    """``raise NotImplementedError(…)`` with the message in readable lines."""
    chunks = textwrap.wrap(message, 90, drop_whitespace=False, break_long_words=False, break_on_hyphens=False)
    return ["    raise NotImplementedError(", *(f"        {python_string(c)}" for c in chunks), "    )"]


def _docstring(text: str) -> str:
    wrapped = "\n".join(textwrap.fill(p, 100, break_long_words=False, break_on_hyphens=False) if p else ""
                        for p in text.split("\n"))
    return wrapped.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')


def _revision(plan: Plan, kind: ScriptKind, rev: str, down: str | None, depends: str | None,
              baseline: Schema, plan_name: str) -> str:
    titles = [c.title for c in plan.changes if c.blocks(kind)]
    summary = titles[0] + (f" (and {len(titles) - 1} more)" if len(titles) > 1 else "")
    upgrade = _upgrade(plan, kind)
    downgrade = _downgrade(plan, kind, baseline, rev)
    imports = ["from alembic import op"]
    if upgrade.uses_sa or downgrade.uses_sa:
        imports.insert(0, "import sqlalchemy as sa")
    helper = [_NEW_TRANSACTION, ""] if upgrade.uses_new_transaction else []
    header = _docstring(
        f"{kind.value}: {summary}\n\n"
        f"Generated by `expandcontract split --format alembic` from {plan.source}.\n"
        f"{_WHEN[kind]} {plan_name} says what to deploy between the phases.\n\n"
        f"Revision ID: {rev}\n"
        f"Revises: {down or ''}\n"
        + (f"Depends on: {depends}\n" if depends else "")
    )
    return "\n".join([
        f'"""{header}"""',
        *imports,
        "",
        f"revision = {python_string(rev)}",
        f"down_revision = {_value(down)}",
        "branch_labels = None",
        f"depends_on = {_value(depends)}",
        f"phase = {python_string(kind.value)}",
        "",
        "",
        *helper,
        "def upgrade() -> None:",
        upgrade.text(),
        "",
        "",
        "def downgrade() -> None:",
        downgrade.text(),
        "",
    ])


def _value(value: str | None) -> str:
    return "None" if value is None else python_string(value)
