"""Migrations as values: scripts with a phase, and the transaction rule shared by lint, check and apply.

A **phased migration** has up to three scripts (expand, migrate, contract), from
``expand.sql``/``migrate.sql``/``contract.sql`` in a directory or from
``-- expandcontract: phase NAME`` markers in one file. Any other file is **unphased**: it runs
as one step before the new app is deployed, while the old app is still live.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from enum import Enum
from pathlib import PurePath
from typing import TYPE_CHECKING

from .lazyre import LazyPattern
from .record import field, record, replace

if TYPE_CHECKING:  # imported where used: reading migrations (and serving them from the result
    # cache) needs none of the parser, the actions, the classifier or the schema model
    from .mysql.steps import Session
    from .ops import Action, Classification
    from .parse import Statement
    from .schema import Schema

__all__ = [
    "Migration",
    "Script",
    "ScriptKind",
    "Step",
    "TransactionGroup",
    "analyse_script",
    "split_phase_markers",
    "split_since",
    "text_migration",
    "transaction_groups",
]


class ScriptKind(str, Enum):
    EXPAND = "expand"
    MIGRATE = "migrate"
    CONTRACT = "contract"
    UNPHASED = "unphased"

    def __str__(self) -> str:
        return self.value

    @property
    def old_app_live(self) -> bool:
        """The previous app version still serves traffic while this script runs."""
        return self in (ScriptKind.EXPAND, ScriptKind.MIGRATE, ScriptKind.UNPHASED)

    @property
    def new_app_live(self) -> bool:
        return self in (ScriptKind.MIGRATE, ScriptKind.CONTRACT)


PHASE_ORDER = (ScriptKind.EXPAND, ScriptKind.MIGRATE, ScriptKind.CONTRACT)


@record(frozen=True)
class Script:
    """SQL text of one phase of one migration. ``first_line`` places it in its file.

    ``source_map`` is for text generated from another source (the SQL an Alembic revision
    emits): line of ``text`` -> (line, column, end line) in ``path`` of the code that emitted it.
    """

    path: str
    kind: ScriptKind
    text: str
    first_line: int = 1
    source_map: Mapping[int, tuple[int, int, int]] | None = field(default=None, compare=False, repr=False)

    def position(self, line: int, column: int) -> tuple[int, int]:
        """Where a place in the script's text is in the file ``path``.

        >>> Script("r.py", ScriptKind.EXPAND, "SELECT 1;", source_map={1: (12, 5, 14)}).position(1, 1)
        (12, 5)
        """
        if not self.source_map or line not in self.source_map:
            return line, column
        return self.source_map[line][:2]

    def in_source(self, stmt: Statement) -> Statement:
        """The statement with its lines in ``path`` (for every consumer: rules, lint, runner)."""
        if not self.source_map:
            return stmt
        line, column = self.position(stmt.line, stmt.column)
        error_line, error_column = self.position(stmt.error_line, stmt.error_column)
        end_line = self.source_map.get(stmt.end_line, (0, 0, stmt.end_line))[2]
        return replace(
            stmt, line=line, column=column, end_line=max(line, end_line),
            error_line=error_line, error_column=error_column,
            comments=tuple((self.position(n, 1)[0], text) for n, text in stmt.comments),
        )


@record(frozen=True)
class Migration:
    """One migration: its scripts (one, or one per phase)."""

    name: str
    path: str
    scripts: tuple[Script, ...]
    aliases: tuple[str, ...] = ()  # other names it answers to (an Alembic revision id)

    def named(self, name: str) -> bool:
        return name in (self.name, PurePath(self.path).name, *self.aliases)

    @property
    def phased(self) -> bool:
        return any(s.kind is not ScriptKind.UNPHASED for s in self.scripts)

    def script(self, kind: ScriptKind) -> Script | None:
        return next((s for s in self.scripts if s.kind is kind), None)


def split_since(migrations: Sequence[Migration], since: str) -> tuple[list[Migration], list[Migration]]:
    """The migrations up to and including the one named ``since`` (production has them already),
    and those after it. Raises ``KeyError`` with the names there are when none is ``since``.

    >>> a, b, c = (Migration(n, n + ".sql", ()) for n in ("001_a", "002_b", "003_c"))
    >>> [[m.name for m in part] for part in split_since([a, b, c], "002_b.sql")]
    [['001_a', '002_b'], ['003_c']]
    """
    for position, migration in enumerate(migrations):
        if migration.named(since):
            return list(migrations[: position + 1]), list(migrations[position + 1:])
    known = ", ".join(m.name for m in migrations[:8]) + (", …" if len(migrations) > 8 else "")
    raise KeyError(f"no migration named {since!r} (there are: {known or 'none'})")


def text_migration(name: str, text: str, kind: ScriptKind = ScriptKind.UNPHASED) -> Migration:
    """A migration made from text in memory (rule doc examples, tests, the Python API)."""
    return Migration(name=name, path=name, scripts=(Script(name, kind, text),))


_MARKER = LazyPattern(r"^[ \t]*--[ \t]*expandcontract:[ \t]*phase[ \t]+(\w+)[ \t]*$", re.M | re.I)
# anything that looks like a marker but is not one is an error, not a comment: a typo would
# otherwise turn a phased file into an unphased one without a word
_MARKER_LIKE = LazyPattern(r"^[ \t]*--[ \t]*expandcontract[ \t]*:?[ \t]*phase\b.*$", re.M | re.I)


class MarkerError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def split_phase_markers(path: str, text: str) -> tuple[Script, ...]:
    """Cut a file with ``-- expandcontract: phase NAME`` markers into scripts.

    >>> [(s.kind.value, s.first_line) for s in split_phase_markers("m.sql",
    ...   "-- expandcontract: phase expand\\nselect 1;\\n-- expandcontract: phase contract\\nselect 2;")]
    [('expand', 1), ('contract', 4)]

    The first script also holds the comments above the first marker (file-wide directives).
    """
    if "expandcontract" not in text.lower():  # most files: no marker, nothing like one (a fast test)
        return (Script(path, ScriptKind.UNPHASED, text, 1),)
    for like in _MARKER_LIKE.finditer(text):
        if not _MARKER.match(like.group(0)):
            raise MarkerError(text.count("\n", 0, like.start()) + 1,
                              f"malformed phase marker {like.group(0).strip()!r}: write "
                              "'-- expandcontract: phase expand' (or migrate, contract)")
    markers = list(_MARKER.finditer(text))
    if not markers:
        return (Script(path, ScriptKind.UNPHASED, text, 1),)
    scripts = []
    seen: list[ScriptKind] = []
    head = text[: markers[0].start()]
    for index, m in enumerate(markers):
        line = text.count("\n", 0, m.start()) + 1
        name = m.group(1).lower()
        try:
            kind = ScriptKind(name)
        except ValueError:
            raise MarkerError(line, f"unknown phase {name!r}: use expand, migrate or contract") from None
        if kind is ScriptKind.UNPHASED:
            raise MarkerError(line, "unknown phase 'unphased': use expand, migrate or contract")
        if kind in seen:
            raise MarkerError(line, f"phase {name} appears twice")
        if seen and PHASE_ORDER.index(kind) < PHASE_ORDER.index(seen[-1]):
            raise MarkerError(line, f"phase {name} comes after {seen[-1].value}: keep expand, migrate, contract order")
        seen.append(kind)
        body_start = 0 if index == 0 else m.end() + 1
        end = markers[index + 1].start() if index + 1 < len(markers) else len(text)
        scripts.append(Script(path, kind, text[body_start:end], 1 if index == 0 else line + 1))
    from .parse import parse_sql

    before = parse_sql(head) if head.strip() else []
    if before:
        raise MarkerError(before[0].line, "statements before the first phase marker")
    return tuple(scripts)


# ---------------------------------------------------------------------------------------------
# The transaction rule: defined once, used by lint (what shares a transaction), check (which
# schema states are visible) and the runner (how steps are executed).


@record(frozen=True)
class Step:
    """A statement with what we know of it before it runs."""

    statement: Statement
    actions: tuple[Action, ...]
    classifications: tuple[Classification, ...]
    schema_before: Schema
    group: int = 0  # index of its transaction group in the script
    # --dialect mysql: the MySQL statement and what it costs (core.mysql.steps.MySQLStep), on the
    # first step of each source statement; None otherwise
    mysql: object = field(default=None, compare=False, repr=False)

    @property
    def transactional(self) -> bool:
        return all(c.transactional for c in self.classifications)

    @property
    def is_transaction_control(self) -> bool:
        return any(a.op in ("begin", "commit", "rollback") for a in self.actions)


@record(frozen=True)
class TransactionGroup:
    """Statements that become visible together. ``transactional`` is False for a statement that
    must run outside a transaction block (``CREATE INDEX CONCURRENTLY``, ``VACUUM`` …)."""

    steps: tuple[Step, ...]
    transactional: bool = True
    explicit: bool = False  # written as BEGIN … COMMIT in the file
    index: int = 0

    @property
    def statements(self) -> tuple[Statement, ...]:
        return tuple(s.statement for s in self.steps)


@record(frozen=True)
class AnalysedScript:
    """A script cut into steps and transaction groups, with the schema it leaves."""

    script: Script
    steps: tuple[Step, ...]
    groups: tuple[TransactionGroup, ...]
    schema_after: Schema


def analyse_script(
    script: Script,
    schema: Schema,
    *,
    origin: str,
    pg_version: int = 16,
    dialect: str = "postgres",
    text: str | None = None,
    mysql_server: object = None,
    timezone: str | None = None,
) -> AnalysedScript:
    """Parse, extract, classify and replay one script; group its steps into transactions.

    ``text`` overrides ``script.text`` (after template substitution, say).
    """
    from .ops.data import session_timezone
    from .ops.registry import classify, extract_actions
    from .parse import parse_sql

    steps = []
    zone: tuple[str | None, str | None] = (timezone, None)  # the session's TimeZone, SET LOCAL's
    session = _mysql_session(schema, mysql_server, origin) if dialect == "mysql" else None
    last_start = -1
    for parsed in parse_sql(script.text if text is None else text, dialect=dialect, first_line=script.first_line):
        stmt = script.in_source(parsed)
        mysql = None
        if session is not None and stmt.start != last_start:  # once per source statement
            mysql, last_start = session.step(stmt.text), stmt.start
        actions = tuple(extract_actions(stmt))
        before = schema
        classes = []
        for action in actions:
            current = zone[1] if zone[1] is not None else zone[0]
            classes.append(classify(action, schema, pg_version=pg_version, timezone=current))
            schema = schema.apply(action, origin=origin, statement_text=stmt.text)
            zone = session_timezone(action, *zone, timezone)
        steps.append(Step(stmt, actions, tuple(classes), before, mysql=mysql))
    if session is not None:
        schema = replace(schema, mysql=session.catalog)
    groups = transaction_groups(steps)
    numbered: list[Step] = []
    for group in groups:
        numbered.extend(_with_group(s, group.index) for s in group.steps)
    return AnalysedScript(script, tuple(numbered), groups, schema)


def _with_group(step: Step, index: int) -> Step:
    return Step(step.statement, step.actions, step.classifications, step.schema_before, index, step.mysql)


def _mysql_session(schema: Schema, server: object, origin: str) -> Session:
    from .mysql.catalog import Catalog
    from .mysql.ddl import Server
    from .mysql.steps import Session

    catalog = schema.mysql if isinstance(schema.mysql, Catalog) else None
    return Session(catalog, server if isinstance(server, Server) else Server("mysql", (8, 0)), origin)


def transaction_groups(steps: Sequence[Step]) -> tuple[TransactionGroup, ...]:
    """Group steps the way the runner executes them.

    The script is one transaction; a statement that cannot run in a transaction runs alone and
    splits it; an explicit ``BEGIN … COMMIT`` is a transaction of its own. Transaction-control
    statements themselves are kept in their group (the executor does not send them).
    """
    groups: list[TransactionGroup] = []
    current: list[Step] = []
    explicit = False

    def close(*, transactional: bool = True, was_explicit: bool = False) -> None:
        nonlocal current
        if current:
            groups.append(TransactionGroup(tuple(current), transactional, was_explicit, len(groups)))
        current = []

    for step in steps:
        ops = {a.op for a in step.actions}
        if "begin" in ops:
            close()
            explicit = True
            current.append(step)
        elif ops & {"commit", "rollback"}:
            current.append(step)
            close(was_explicit=explicit)
            explicit = False
        elif not step.transactional and not explicit:
            close()
            current.append(step)
            close(transactional=False)
        else:
            current.append(step)
    close(was_explicit=explicit)
    return tuple(groups)
