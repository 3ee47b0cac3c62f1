"""Findings: what a rule reports, in the shape every reporter renders."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from .record import fields, record

__all__ = ["Finding", "Severity"]


class Severity(IntEnum):
    INFO = 0
    WARNING = 1
    ERROR = 2

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """``'error'`` -> ``Severity.ERROR``; raises ValueError naming the choices."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r}: use error, warning or info") from None


@record(frozen=True)
class Finding:
    """One problem a rule reports on one statement."""

    code: str
    name: str
    severity: Severity
    phase: str  # the phase the statement belongs to (expand, migrate, contract, none)
    file: str
    line: int
    column: int
    end_line: int
    statement: str
    message: str  # the consequence: what breaks, for whom, which lock for how long
    help: str  # the fix: what to write instead

    def to_dict(self) -> dict[str, Any]:
        # every field is a str or an int: no dataclasses.asdict (a recursive deep copy, slow
        # on thousands of findings)
        data = {name: getattr(self, name) for name in _FIELD_NAMES}
        data["severity"] = str(self.severity)
        return data

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)


_FIELD_NAMES = tuple(f.name for f in fields(Finding))
