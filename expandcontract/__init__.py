"""expandcontract: schema-migration safety for PostgreSQL.

The pure core is a pipeline of small steps, each a function of values:

    parse_sql (libpg_query) -> extract_actions -> Schema.apply (replay)
        -> classify (phase, lock, rewrite/scan) -> rules -> findings

Edges read files (``api``, ``sources``), render reports (``reporters``), run migrations
(``runner``) and parse the command line (``cli``).

The names below are imported when first used (PEP 562): ``import expandcontract`` costs nothing,
and a command pays only for the modules it needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .api import lint_paths, load_baseline
    from .config import Config, load_config
    from .core.errors import ConfigError, InputError
    from .core.findings import Finding, Severity
    from .core.migration import Migration, Script, ScriptKind, text_migration, transaction_groups
    from .core.ops import Action, Classification, Lock, Phase
    from .core.ops.registry import classify, extract_actions
    from .core.parse import Statement, parse_sql
    from .core.schema import Schema
    from .lint import LintResult, lint_migrations
    from .sources import load_migrations

# public name -> the module that defines it
_LAZY = {
    "Action": "core.ops",
    "extract_actions": "core.ops.registry",
    "lint_paths": "api",
    "load_baseline": "api",
    "Classification": "core.ops",
    "Lock": "core.ops",
    "Phase": "core.ops",
    "classify": "core.ops.registry",
    "Config": "config",
    "ConfigError": "core.errors",
    "load_config": "config",
    "Finding": "core.findings",
    "Severity": "core.findings",
    "LintResult": "lint",
    "lint_migrations": "lint",
    "Migration": "core.migration",
    "Script": "core.migration",
    "ScriptKind": "core.migration",
    "text_migration": "core.migration",
    "transaction_groups": "core.migration",
    "Statement": "core.parse",
    "parse_sql": "core.parse",
    "Schema": "core.schema",
    "InputError": "core.errors",
    "load_migrations": "sources",
}

__all__ = [
    "Action",
    "Classification",
    "Config",
    "ConfigError",
    "Finding",
    "InputError",
    "LintResult",
    "Lock",
    "Migration",
    "Phase",
    "Schema",
    "Script",
    "ScriptKind",
    "Severity",
    "Statement",
    "__version__",
    "classify",
    "extract_actions",
    "lint_migrations",
    "lint_paths",
    "load_baseline",
    "load_config",
    "load_migrations",
    "parse_sql",
    "text_migration",
    "transaction_groups",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
