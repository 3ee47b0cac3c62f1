"""How Alembic revisions become SQL: offline (``alembic upgrade --sql``, in process, no database)
or online (run for real on a scratch database, every statement they execute captured).

Offline is the default and fast, but a data migration that reads rows (``.fetchall()``), uses
an ORM session, ``sa.inspect(conn)`` or ``Table(autoload_with=conn)`` cannot run without a
database. Online rendering runs the revisions in deployment order on a disposable PostgreSQL
(``expandcontract.scratch``: a database URL, or the embedded server), so they behave as in
production, and records every statement with the revision line that executed it (SQLAlchemy's
cursor events).

``RenderOptions.mode``:

* ``auto`` (default): offline while every revision renders; when one cannot, the whole history
  is rendered online instead, said in one line on stderr;
* ``offline``: a revision that cannot render is kept as an ``-- expandcontract: unrendered``
  marker (lint reports it as EC005, check lists it as not modelled) and the rest goes on;
* ``online``: always on the scratch database;
* ``strict`` (the runner): offline, and a revision that cannot render is bad input (exit 2):
  what runs on the real database must be what the revisions write there.

The options are set by the command (``rendering(...)``) for everything it loads; the library
default is ``auto``. Online, the scratch database starts from the baseline the command was given
(``starting_from``: a schema file, or the models' DDL), as production does when its first tables
come from ``metadata.create_all`` and not from a revision.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

from ..core.record import record

__all__ = ["MODES", "RenderOptions", "current_options", "rendering", "starting_from", "unrendered_marker"]

MODES = ("auto", "offline", "online", "strict")
# --dialect name -> SQLAlchemy dialect name
SQLALCHEMY_DIALECTS = {"postgres": "postgresql", "mysql": "mysql", "sqlite": "sqlite"}


@record(frozen=True)
class RenderOptions:
    """How the Alembic revisions loaded inside ``rendering(...)`` become SQL."""

    mode: str = "auto"
    database_url: str | None = None  # the scratch server for online rendering (else the embedded one)
    dialect: str = "postgres"
    notice: object = None  # callable(str) for the one-line switch notice; None: stderr
    baseline: str | None = None  # DDL the scratch database is made from before the revisions run online

    def say(self, line: str) -> None:
        if callable(self.notice):
            self.notice(line)
        else:
            import sys

            print(f"expandcontract: {line}", file=sys.stderr)


_OPTIONS: contextvars.ContextVar[RenderOptions | None] = contextvars.ContextVar("render_options", default=None)


def current_options() -> RenderOptions:
    return _OPTIONS.get() or RenderOptions()


@contextlib.contextmanager
def rendering(options: RenderOptions) -> Iterator[RenderOptions]:
    """Render every Alembic project loaded inside the block with ``options``."""
    token = _OPTIONS.set(options)
    try:
        yield options
    finally:
        _OPTIONS.reset(token)


@contextlib.contextmanager
def starting_from(baseline: str | None) -> Iterator[RenderOptions]:
    """Inside the block, an online rendering first creates ``baseline`` (DDL text, or nothing) on
    the scratch database."""
    from ..core.record import replace

    with rendering(replace(current_options(), baseline=baseline)) as options:
        yield options


def unrendered_marker(reason: str) -> str:
    """The directive lint reports as EC005: one line, whatever the reason holds.

    >>> unrendered_marker("cannot render offline:\\n  AttributeError: x")
    '-- expandcontract: unrendered cannot render offline: AttributeError: x'
    """
    return "-- expandcontract: unrendered " + " ".join(reason.split())
