"""JSON, stable and versioned. Lint: ``{"version": 1, "summary": {…}, "findings": [{…}]}``;
check: ``{"version": 1, "ok": …, "states": […], "summary": {…}, "failures": […], …}``
(``CheckResult.to_dict``)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..core.findings import Finding
from ..result import LintResult
from . import indented_json

if TYPE_CHECKING:
    from ..check.result import CheckResult

SCHEMA_VERSION = 1
FIELDS = ("code", "name", "severity", "phase", "file", "line", "column", "end_line", "statement",
          "message", "help")


def as_dict(result: LintResult) -> dict:
    return {
        "version": SCHEMA_VERSION,
        "summary": result.summary(),
        "findings": [{k: d[k] for k in FIELDS} for d in map(Finding.to_dict, result.findings)],
    }


def render(result: LintResult | CheckResult) -> str:
    if isinstance(result, LintResult):
        return indented_json.dumps(as_dict(result)) + "\n"
    return json.dumps(result.to_dict(), indent=2) + "\n"  # (state ids as keys: not for indented_json)
