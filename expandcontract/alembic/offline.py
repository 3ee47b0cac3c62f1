"""Alembic revisions -> ``Migration`` values, through the SQL Alembic's offline mode writes
(``alembic upgrade --sql``), produced in process: no database, no driver.

Each revision's ``upgrade()`` runs against a PostgreSQL ``MigrationContext`` in ``as_sql``
mode. Every piece of SQL it writes is recorded with the place in the revision file that wrote
it (the ``op.`` call: the innermost frame of the revision module on the stack), so findings
point at Python lines, and ``# expandcontract: ignore …`` comments above an ``op.`` call work
like the SQL ones.

Transactions are modelled as Alembic runs them: the revision is one transaction, written as an
explicit ``BEGIN … COMMIT``; ``with op.get_context().autocommit_block():`` commits it and runs
its statements outside any transaction (Alembic writes ``COMMIT;`` before the block and
``BEGIN;`` after it). So ``CREATE INDEX CONCURRENTLY`` inside the block is fine and outside it
is reported, which is exactly when PostgreSQL refuses it. A migrate (data-only) revision is left
without the surrounding transaction: its UPDATEs are backfills the expandcontract runner batches.

Revisions come in deployment order: after what they revise and depend on, a contract revision
as early as that allows.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import sys
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from alembic.operations import Operations
from alembic.runtime.environment import EnvironmentContext
from alembic.script import Script as Revision

from ..core.migration import Migration, Script, ScriptKind
from ..core.suppress import parse_directive
from ..paths import display_path
from .capture import Emitted, Positions, Rendered
from .phases import declared_contract, deployment_order, inherited_label_phases, revision_kind
from .project import AlembicError, AlembicProject, open_project, project_of_revision
from .rendering import SQLALCHEMY_DIALECTS, RenderOptions, current_options, unrendered_marker

__all__ = ["Emitted", "Positions", "Rendered", "alembic_migrations", "render_revisions", "revision_history"]



def alembic_migrations(path: Path) -> list[Migration]:
    """Every revision of the project at ``path``, base first, one ``Migration`` each."""
    return render_revisions(open_project(path))


def revision_history(files: list[Path]) -> list[tuple[Migration, bool]]:
    """Revision files given one by one (``expandcontract lint versions/0005_x.py``): each with the
    revisions deployed before it, in deployment order, once each. The flag is True for the
    revisions named: the others are only replayed, so the named ones see the schema they run on.

    Files of one project are rendered together; the history stops at the last one named."""
    projects: dict[tuple[str, ...], tuple[AlembicProject, set[Path]]] = {}
    for file in files:
        project = project_of_revision(file)
        key = (project.source, *sorted(str(p) for p in project.scripts._version_locations))
        projects.setdefault(key, (project, set()))[1].add(file.resolve())
    out: list[tuple[Migration, bool]] = []
    for project, named in projects.values():
        migrations = render_revisions(project)
        rendered = [Path(m.path).resolve() for m in migrations]
        missing = sorted(named - set(rendered))
        if missing:
            raise AlembicError(display_path(missing[0]), f"not a revision of the Alembic project {project.source}: "
                               "point lint at its alembic.ini or versions directory")
        last = max(rendered.index(f) for f in named)
        out += [(m, rendered[i] in named) for i, m in enumerate(migrations[: last + 1])]
    return out


def render_revisions(project: AlembicProject, options: RenderOptions | None = None) -> list[Migration]:
    """Every revision as a ``Migration``, in deployment order, rendered as ``options`` say
    (``rendering``: offline, online on a scratch database, or offline until a revision cannot)."""
    options = options or current_options()
    dialect = SQLALCHEMY_DIALECTS.get(options.dialect, "postgresql")
    # revisions may print(); stdout carries the report (JSON, SARIF), so send it to stderr
    for note in project.notes:
        options.say(note)
    with project.importable(), contextlib.redirect_stdout(sys.stderr), _quiet_alembic():
        revisions = project.revisions()
        labels = inherited_label_phases(revisions)
        contract = {r.revision for r in revisions if declared_contract(r, labels[r.revision])}
        order = deployment_order(revisions, contract)
        if options.mode == "online":
            from .online import render_online

            rendered = render_online(project, order, options)
        else:
            with _offline_context(project, dialect) as recorder:
                rendered = _render_all(recorder, order, stop_at_failure=options.mode in ("auto", "strict"))
            failed = next((r for r in rendered if r.failure), None)
            if failed is not None and options.mode == "strict":
                raise AlembicError(failed.revision.path, f"cannot render this revision as SQL offline (what `alembic "
                                   f"upgrade --sql` runs): {failed.failure[2]}", failed.failure[0])
            if failed is not None and options.mode == "auto":
                rendered = _online_instead(project, order, options, failed)
        return [_migration(r, labels[r.revision.revision]) for r in rendered]



@contextlib.contextmanager
def _quiet_alembic():
    """Alembic logs each context it opens at INFO ("Context impl PostgresqlImpl."): an app that
    configured the root logger (revisions import it) would print them all on stderr."""
    logger = logging.getLogger("alembic")
    level = logger.level
    logger.setLevel(max(level, logging.WARNING))
    try:
        yield
    finally:
        logger.setLevel(level)


def _render_all(recorder, order: list[Revision], *, stop_at_failure: bool) -> list[Rendered]:
    out = []
    for revision in order:
        out.append(recorder.run(revision))
        if out[-1].failure and stop_at_failure:
            break
    return out


def _online_instead(project: AlembicProject, order: list[Revision], options: RenderOptions,
                    failed: Rendered) -> list[Rendered]:
    """The history rendered online because ``failed`` cannot be rendered offline; offline with the
    unrenderable revisions marked when no scratch database can be had."""
    from ..scratch import ScratchError
    from .online import OnlineUnavailable, render_online

    where = f"{display_path(failed.revision.path)}:{failed.failure[0]}"
    try:
        rendered = render_online(project, order, options)
    except (ScratchError, OnlineUnavailable) as exc:
        options.say(f"{where} cannot be rendered offline ({failed.failure[2]}) and there is no scratch database "
                    f"to render it online ({exc}): each such revision is reported as EC005")
        with _offline_context(project, SQLALCHEMY_DIALECTS.get(options.dialect, "postgresql")) as recorder:
            return _render_all(recorder, order, stop_at_failure=False)
    options.say(f"{where} cannot be rendered offline ({failed.failure[2]}): rendered the history online "
                f"on a scratch {'SQLite' if options.dialect == 'sqlite' else 'PostgreSQL'} database instead")
    return rendered


def _migration(rendered: Rendered, label_phase) -> Migration:
    revision = rendered.revision
    emitted = rendered.emitted
    if rendered.failure:  # what it wrote before it failed, inside the transaction it opened
        open_transaction = [e.control for e in emitted if e.control][-1:] == ["begin"]
        line, what, error = rendered.failure
        marker = Emitted(unrendered_marker(f"{what}: {error}"), line, line, 1)
        emitted = [marker, *emitted, *([Emitted("COMMIT;", line, line, 1, "commit")] if open_transaction else [])]
    text, source_map = _sql_text(revision.path, emitted)
    kind = revision_kind(revision, label_phase, text)
    if kind is ScriptKind.MIGRATE:
        # a data migration's UPDATEs are backfills: without Alembic's transaction around
        # them the runner batches them (Alembic alone runs them in one transaction)
        text, source_map = _sql_text(revision.path, [e for e in emitted if not e.control])
    shown = display_path(revision.path)
    return Migration(
        name=Path(revision.path).stem,
        path=shown,
        scripts=(Script(shown, kind, text, source_map=source_map),),
        aliases=(revision.revision,),
    )



class _Recorder(Positions):
    """Captures what the context's impl writes, with the revision-file position that wrote it."""

    def __init__(self, context) -> None:
        super().__init__()
        impl = context.impl
        begin, commit = impl.emit_begin, impl.emit_commit
        # every statement, BEGIN and COMMIT pass through static_output; Alembic's own
        # transaction boundaries (around the revision and autocommit blocks) through these two
        impl.static_output = self._output
        impl.emit_begin = lambda: self._boundary("begin", begin)
        impl.emit_commit = lambda: self._boundary("commit", commit)
        self.impl = impl
        self._control: str | None = None
        self._emitted: list[Emitted] = []

    def run(self, revision: Revision) -> Rendered:
        upgrade = self.start(revision)
        self._emitted = []
        try:
            self.impl.emit_begin()
            with self.batches():
                upgrade()
            self.impl.emit_commit()
        except Exception as exc:
            return Rendered(revision, self._emitted, self.failure(exc, "the revision cannot be rendered offline"))
        return Rendered(revision, self._emitted)

    def _boundary(self, kind: str, emit) -> None:
        self._control = kind
        try:
            emit()
        finally:
            self._control = None

    def _output(self, text: str) -> None:
        line, end_line, column = self.here(sys._getframe(1))
        self._emitted.append(Emitted(text.strip(), line, end_line, column, self._control))



class _offline_context:
    """An ``EnvironmentContext`` (revisions may call ``context.is_offline_mode()``) configured for
    the dialect (PostgreSQL unless ``--dialect`` says otherwise) in ``as_sql`` mode, with ``op``
    bound to it."""

    def __init__(self, project: AlembicProject, dialect: str = "postgresql") -> None:
        self.environment = EnvironmentContext(project.config, project.scripts)
        self.operations = None
        self.dialect = dialect

    def __enter__(self) -> _Recorder:
        self.environment.__enter__()
        self.environment.configure(
            dialect_name=self.dialect,
            as_sql=True,
            output_buffer=io.StringIO(),
            transactional_ddl=self.dialect != "mysql",
            literal_binds=True,
            dialect_opts={"paramstyle": "named"},
        )
        context = self.environment.get_context()
        self.operations = Operations.context(context)
        self.operations.__enter__()
        return _Recorder(context)

    def __exit__(self, *exc) -> None:
        self.operations.__exit__(*exc)
        self.environment.__exit__(*exc)


# ---------------------------------------------------------------------------------------------
# Emitted pieces -> one SQL script, with a map back to the revision file


def _sql_text(path: str, emitted: list[Emitted]) -> tuple[str, dict[int, tuple[int, int, int]]]:
    """The script text and, for each of its lines, the span of the code that wrote it."""
    comments = _python_comments(path)
    lines: list[str] = []
    source_map: dict[int, tuple[int, int, int]] = {}

    def put(text: str, line: int, column: int, end_line: int | None = None) -> None:
        for part in text.split("\n"):
            lines.append(part)
            source_map[len(lines)] = (line, column, end_line or line)

    for line, (column, text, whole_file) in sorted(comments.directives.items()):
        if whole_file:
            put(f"--{text}", line, column)
    for piece in _without_empty_transactions(emitted):
        for line in comments.for_call(piece.line, piece.end_line):
            column, text, _ = comments.directives[line]
            put(f"--{text}", line, column)
        put(piece.text, piece.line, piece.column, piece.end_line)
        lines.append("")
    return "\n".join(lines), source_map


def _without_empty_transactions(emitted: list[Emitted]) -> Iterator[Emitted]:
    """Drop ``BEGIN; COMMIT;`` with nothing between (an autocommit block first or last)."""
    index = 0
    while index < len(emitted):
        piece = emitted[index]
        following = emitted[index + 1] if index + 1 < len(emitted) else None
        if piece.control == "begin" and following is not None and following.control == "commit":
            index += 2
            continue
        yield piece
        index += 1


_OURS = re.compile(r"\s*expandcontract:", re.I)


@dataclass(frozen=True)
class _Comments:
    alone: frozenset[int]  # lines holding nothing but a comment
    # ``# expandcontract: …`` and ``# squawk-ignore …`` comments, carried into the SQL as ``--``
    # comments: line -> (column, text after #, whole-file ignore)
    directives: dict[int, tuple[int, str, bool]]

    def for_call(self, line: int, end_line: int) -> list[int]:
        """Statement directives of an ``op.`` call: in the block of comment lines right above it,
        or on its own lines."""
        found = [n for n in range(line, end_line + 1) if n in self.directives]
        above = line - 1
        while above in self.alone:
            if above in self.directives:
                found.append(above)
            above -= 1
        return sorted(n for n in found if not self.directives[n][2])


def _python_comments(path: str) -> _Comments:
    alone: set[int] = set()
    directives: dict[int, tuple[int, str, bool]] = {}
    try:
        with tokenize.open(path) as handle:
            for token in tokenize.generate_tokens(handle.readline):
                if token.type != tokenize.COMMENT:
                    continue
                line, column = token.start
                if not token.line[:column].strip():
                    alone.add(line)
                text = token.string[1:]
                directive = parse_directive(line, text)
                if directive is not None or _OURS.match(text):  # ignores, and the runner's backfill
                    directives[line] = (column + 1, text, bool(directive and directive.whole_file))
    except (OSError, SyntaxError, tokenize.TokenError):
        pass  # the module imported, so this is a sourceless (.pyc) revision: no comments to read
    return _Comments(frozenset(alone), directives)
