"""expandcontract: schema-migration safety for PostgreSQL.

The pure core is a pipeline of small steps, each a function of values:

    parse_sql (libpg_query) -> extract_actions -> Schema.apply (replay)
        -> classify (phase, lock, rewrite/scan) -> rules -> findings

Edges read files (``api``, ``sources``), render reports (``reporters``), run migrations
(``runner``) and parse the command line (``cli``).
"""

from ._version import __version__
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
