"""``check``: prove that the old and the new app's queries resolve on every schema state a
deploy passes through.

Pure core: ``timeline`` (states and app windows), ``plan`` (a query parsed and scoped once),
``catalog`` and ``resolve`` (a query against one state), ``engine`` (all queries x all states,
cached), ``advice`` (what breaks and the expand/contract fix), ``result`` and ``report``.
Edges: ``loaders`` (SQL files, query logs, SQLAlchemy models), ``reflect`` (a live database),
``api`` (paths in, result out) and ``lint_hook`` (lint findings verified against app queries).
"""

from __future__ import annotations

from .api import check_migrations, check_paths, load_apps
from .queries import AppQuery
from .result import CheckResult, Failure, Unchecked

__all__ = ["AppQuery", "CheckResult", "Failure", "Unchecked", "check_migrations", "check_paths", "load_apps"]
