"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` annotation a finding."""

from __future__ import annotations

from ..core.findings import Severity
from ..result import LintResult

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message (GitHub's toolkit rules)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value (file, title): also ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: LintResult) -> str:
    lines = []
    for f in result.findings:
        props = ",".join(
            [
                f"file={escape_property(f.file)}",
                f"line={f.line}",
                f"endLine={max(f.end_line, f.line)}",
                f"col={f.column}",
                f"title={escape_property(f'{f.code} {f.name}')}",
            ]
        )
        lines.append(f"::{_LEVEL[f.severity]} {props}::{escape_data(f.message + '. Fix: ' + f.help)}")
    return "".join(line + "\n" for line in lines)
