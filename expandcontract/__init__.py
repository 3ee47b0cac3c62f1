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

import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .actions import Action, extract_actions
    from .api import lint_paths, load_baseline
    from .classify import Classification, Lock, Phase, classify
    from .config import Config, ConfigError, load_config
    from .findings import Finding, Severity
    from .lint import LintResult, lint_migrations
    from .migration import Migration, Script, ScriptKind, text_migration, transaction_groups
    from .parse import Statement, parse_sql
    from .schema import Schema
    from .sources import InputError, load_migrations

# public name -> the module that defines it
_LAZY = {
    "Action": "actions",
    "extract_actions": "actions",
    "lint_paths": "api",
    "load_baseline": "api",
    "Classification": "classify",
    "Lock": "classify",
    "Phase": "classify",
    "classify": "classify",
    "Config": "config",
    "ConfigError": "config",
    "load_config": "config",
    "Finding": "findings",
    "Severity": "findings",
    "LintResult": "lint",
    "lint_migrations": "lint",
    "Migration": "migration",
    "Script": "migration",
    "ScriptKind": "migration",
    "text_migration": "migration",
    "transaction_groups": "migration",
    "Statement": "parse",
    "parse_sql": "parse",
    "Schema": "schema",
    "InputError": "sources",
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


class _Package(ModuleType):
    """``expandcontract.classify`` is the function, as it was when this module imported it
    eagerly: importing the submodule of the same name sets the package attribute to the module,
    which this property ignores."""

    @property
    def classify(self) -> Any:
        return import_module(".classify", __name__).classify

    @classify.setter
    def classify(self, value: Any) -> None:
        pass


sys.modules[__name__].__class__ = _Package
