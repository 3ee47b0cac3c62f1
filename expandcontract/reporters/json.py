"""JSON: ``{"version": 1, "summary": {…}, "findings": [{…}]}`` — a stable, documented shape."""

from __future__ import annotations

from ..core.findings import Finding
from ..result import LintResult
from . import indented_json

SCHEMA_VERSION = 1
FIELDS = ("code", "name", "severity", "phase", "file", "line", "column", "end_line", "statement",
          "message", "help")


def as_dict(result: LintResult) -> dict:
    return {
        "version": SCHEMA_VERSION,
        "summary": result.summary(),
        "findings": [{k: d[k] for k in FIELDS} for d in map(Finding.to_dict, result.findings)],
    }


def render(result: LintResult) -> str:
    return indented_json.dumps(as_dict(result)) + "\n"
