"""What an Alembic revision wrote, and where in its file: shared by offline rendering (in
process, ``alembic upgrade --sql``) and online rendering (on a scratch database)."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from types import FrameType

from alembic.script import Script as Revision

from .project import AlembicError

__all__ = ["Emitted", "Positions", "Rendered"]


@dataclass(frozen=True)
class Emitted:
    """One piece of SQL Alembic wrote, and the code that wrote it (1-based line and column)."""

    text: str
    line: int
    end_line: int
    column: int
    control: str | None = None  # "begin" / "commit": Alembic's own transaction boundaries


@dataclass(frozen=True)
class Rendered:
    """What one revision wrote, and why it stopped short if it did (``failure``: the line of the
    revision file where it failed and one line of reason)."""

    revision: Revision
    emitted: list[Emitted]
    failure: tuple[int, str, str] | None = None  # (line, what could not be done, the error)


_realpath = functools.lru_cache(maxsize=None)(os.path.realpath)  # every frame of every statement


def _call_position(frame: FrameType) -> tuple[int, int, int]:
    """The span of the expression the frame is executing (the whole ``op.`` call), Python 3.11+;
    the current line before that."""
    line = frame.f_lineno or 1
    positions = getattr(frame.f_code, "co_positions", None)
    if positions is not None:
        for index, (start, end, column, _) in enumerate(positions()):
            if index == frame.f_lasti // 2:
                if start:
                    return start, end or start, (column or 0) + 1
                break
    return line, line, 1


class Positions:
    """Which line of the revision file is running: the innermost frame of the revision module
    on the stack. A ``batch_alter_table`` block queues its operations and runs them all when the
    block ends, on the ``with`` line: each one's SQL is placed on the ``batch_op.`` call that
    queued it instead (see :meth:`batches`)."""

    def __init__(self) -> None:
        self._files: set[str] = set()
        self._fallback = (1, 1, 1)
        self._batch_at: tuple[int, int, int] | None = None  # the batch operation running now

    def start(self, revision: Revision):
        module = revision.module
        upgrade = getattr(module, "upgrade", None)
        if not callable(upgrade):
            raise AlembicError(revision.path, "the revision has no upgrade() function")
        self._files = {revision.path, getattr(module, "__file__", None) or revision.path}
        self._files |= {_realpath(f) for f in self._files}
        first = upgrade.__code__.co_firstlineno
        self._fallback = (first, first, 1)
        return upgrade

    def here(self, frame: FrameType | None) -> tuple[int, int, int]:
        if self._batch_at is not None:
            return self._batch_at
        while frame is not None:
            name = frame.f_code.co_filename
            if name in self._files or _realpath(name) in self._files:
                return _call_position(frame)
            frame = frame.f_back
        return self._fallback

    @contextlib.contextmanager
    def batches(self) -> Iterator[None]:
        """While a revision runs: every ``batch_alter_table`` queue remembers where each operation
        was queued, and sets it as the position while that operation runs at the block's end."""
        from alembic.operations.batch import BatchOperationsImpl

        positions = self

        class Queue(list):
            def __init__(self, items=()) -> None:
                super().__init__(items)
                self.at = [positions.here(sys._getframe(1))] * len(self)

            def append(self, item) -> None:
                super().append(item)
                self.at.append(positions.here(sys._getframe(1)))

            def __iter__(self):
                try:
                    for item, at in zip(list.__iter__(self), self.at, strict=True):
                        positions._batch_at = at
                        yield item
                finally:
                    positions._batch_at = None

        original = BatchOperationsImpl.__init__

        def init(impl, *args, **kwargs) -> None:
            original(impl, *args, **kwargs)
            impl.batch = Queue(impl.batch)

        BatchOperationsImpl.__init__ = init  # type: ignore[method-assign]
        try:
            yield
        finally:
            BatchOperationsImpl.__init__ = original  # type: ignore[method-assign]
            self._batch_at = None

    def failure(self, exc: BaseException, what: str) -> tuple[int, str, str]:
        """The revision line where ``exc`` was raised, ``what``, and the error in one line."""
        line = self._fallback[0]
        for frame in traceback.extract_tb(exc.__traceback__):
            if frame.filename in self._files or _realpath(frame.filename) in self._files:
                line = frame.lineno or line
        cause = getattr(exc, "orig", None) or exc  # a DBAPI error wrapped by SQLAlchemy
        detail = str(cause).strip().splitlines()
        return line, what, f"{type(cause).__name__}: {detail[0] if detail else ''}".rstrip(": ")
