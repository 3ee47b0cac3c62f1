"""What an Alembic revision wrote, and where in its file: shared by offline rendering (in
process, ``alembic upgrade --sql``) and online rendering (on a scratch database)."""

from __future__ import annotations

import functools
import os
import traceback
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
    on the stack."""

    def __init__(self) -> None:
        self._files: set[str] = set()
        self._fallback = (1, 1, 1)

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
        while frame is not None:
            name = frame.f_code.co_filename
            if name in self._files or _realpath(name) in self._files:
                return _call_position(frame)
            frame = frame.f_back
        return self._fallback

    def failure(self, exc: BaseException, what: str) -> tuple[int, str, str]:
        """The revision line where ``exc`` was raised, ``what``, and the error in one line."""
        line = self._fallback[0]
        for frame in traceback.extract_tb(exc.__traceback__):
            if frame.filename in self._files or _realpath(frame.filename) in self._files:
                line = frame.lineno or line
        cause = getattr(exc, "orig", None) or exc  # a DBAPI error wrapped by SQLAlchemy
        detail = str(cause).strip().splitlines()
        return line, what, f"{type(cause).__name__}: {detail[0] if detail else ''}".rstrip(": ")
