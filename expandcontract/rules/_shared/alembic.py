"""Findings on Alembic revisions, in Alembic's terms.

A rule writes its message and help for SQL files (``expand.sql``, ``CREATE INDEX CONCURRENTLY``).
When the statement came from an Alembic revision, the linter shows instead:

* the rule's own Alembic help, where it gave one (``Hit.alembic``): the ``op.`` call to write,
  built here by ``op_call`` (``op.create_index(…, postgresql_concurrently=True)`` inside
  ``with op.get_context().autocommit_block():``, ``postgresql_not_valid=True`` …);
* otherwise its SQL help, with the phase files named as revisions (``in_alembic_terms``):
  ``expand.sql`` becomes an expand revision, with how to declare one the first time it is named.

The message goes through ``in_alembic_terms`` too (it names the phase a statement runs in).
"""

from __future__ import annotations

import json
import re

from ...core.lazyre import LazyPattern
from ...core.migration import Script

__all__ = ["AUTOCOMMIT", "Raw", "alembic_create_index", "alembic_finding_text", "declare", "in_alembic_terms", "is_alembic", "op_call",
           "revision_of", "table_args"]

AUTOCOMMIT = "with op.get_context().autocommit_block():"

_DECLARATION = {
    "expand": 'branch_labels=("expand",) or phase = "expand"',
    "migrate": 'phase = "migrate", on the expand branch',
    "contract": 'branch_labels=("contract",) or phase = "contract"',
}
_ARTICLE = {"expand": "an", "migrate": "a", "contract": "a"}


def is_alembic(script: Script) -> bool:
    """The script is the SQL an Alembic revision emits (``expandcontract.alembic.offline``)."""
    return bool(script.source_map) and script.path.endswith(".py")


def declare(phase: str) -> str:
    """``'an expand revision (branch_labels=("expand",) or phase = "expand")'``."""
    return f"{_ARTICLE[phase]} {phase} revision ({_DECLARATION[phase]})"


def revision_of(phase: str) -> str:
    return f"{_ARTICLE[phase]} {phase} revision"


# longest first: "this migration's contract.sql" before "contract.sql"
_PHRASES = (
    ("split the migration into phases (expand.sql / migrate.sql / contract.sql, or "
     "`-- expandcontract: phase NAME` markers in one file) and put it in",
     "declare the revision's phase and move this to"),
    ("this unphased migration runs", "this revision declares no phase, so it runs"),
    ("an unphased migration", "a revision that declares no phase"),
    ("this migration's contract.sql", "@contract"),
    ("expand.sql", "@expand"),
    ("migrate.sql", "@migrate"),
    ("contract.sql", "@contract"),
    ("-- expandcontract:", "# expandcontract:"),
)
_MARK = LazyPattern(r"@(expand|migrate|contract)\b")


def in_alembic_terms(text: str, *, declaring: bool = True) -> str:
    """SQL-file wording -> Alembic wording. With ``declaring``, the first mention of each phase
    says how a revision declares it.

    >>> in_alembic_terms("move it to expand.sql, so it is in place; then contract.sql")
    'move it to an expand revision (branch_labels=("expand",) or phase = "expand"), so it is in place; then a contract revision (branch_labels=("contract",) or phase = "contract")'
    >>> in_alembic_terms("(expand.sql runs while the old app still serves traffic)", declaring=False)
    '(an expand revision runs while the old app still serves traffic)'
    >>> in_alembic_terms("(this unphased migration runs before the new app is deployed)", declaring=False)
    '(this revision declares no phase, so it runs before the new app is deployed)'
    """
    if ".sql" not in text and "expandcontract:" not in text and "unphased" not in text:
        return text
    for old, new in _PHRASES:
        text = text.replace(old, new)
    named: set[str] = set()

    def name(match: re.Match) -> str:
        phase = match.group(1)
        first = phase not in named
        named.add(phase)
        return declare(phase) if declaring and first else revision_of(phase)

    return _MARK.sub(name, text)


def alembic_finding_text(message: str, help_text: str, alembic_help: str | None) -> tuple[str, str]:
    """The message and help of a finding on an Alembic revision."""
    return in_alembic_terms(message, declaring=False), alembic_help or in_alembic_terms(help_text)


def _py(value) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_py(v) for v in value) + "]"
    return repr(value)


class Raw(str):
    """An argument written as is (``sa.text("…")``), not quoted."""


def op_call(name: str, *args, **kwargs) -> str:
    """``op_call("create_index", "ix", "users", ["email"], postgresql_concurrently=True)`` ->
    ``'op.create_index("ix", "users", ["email"], postgresql_concurrently=True)'``; ``None``
    keyword values are left out, ``Raw`` values written as they are."""
    parts = [_py(a) for a in args] + [f"{k}={_py(v)}" for k, v in kwargs.items() if v is not None]
    return f"op.{name}({', '.join(parts)})"


def table_args(table: str | None) -> tuple[str, str | None]:
    """``'billing.invoices'`` -> ``('invoices', 'billing')``: Alembic takes the schema apart."""
    name = table or "?"
    if "." in name:
        schema, _, bare = name.rpartition(".")
        return bare, schema
    return name, None


def alembic_create_index(action) -> str:
    """The ``op.create_index(…, postgresql_concurrently=True)`` call that builds ``action``'s index."""
    table, schema = table_args(action.table)
    columns = [Raw('sa.text("…")') if c == "<expression>" else c for c in action.detail.get("columns", ())]
    return op_call("create_index", action.object_name or f"ix_{table}_…", table, columns or ["…"], schema=schema,
                   unique=True if action.unique else None,
                   postgresql_where=Raw('sa.text("…")') if action.has_where else None,
                   postgresql_concurrently=True)
